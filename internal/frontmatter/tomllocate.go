package frontmatter

import (
	"sort"
	"strconv"
	"strings"
)

// The TOML decoder gives no positions for keys, so tomlLocator finds them in
// the text: top-level keys come before any table header in TOML, a table's
// keys follow its header, and an inline table's keys follow its {, which is
// all briefings need. The text is indexed once, so that finding every key
// of a large file takes linear time.
type tomlLocator struct {
	lines   []string
	keys    map[string][]tomlSpot // a key that starts a line → where, in line order
	headers map[string][]int      // "[a]" or "[[a]]" → 0-based lines, in order
}

// tomlSpot is where a key = value line is: a 0-based line and the 1-based
// columns of the key and of the value.
type tomlSpot struct{ line, keyCol, valCol int }

func newTOMLLocator(block []byte) *tomlLocator {
	l := &tomlLocator{lines: strings.Split(string(block), "\n"), keys: map[string][]tomlSpot{}, headers: map[string][]int{}}
	for i, line := range l.lines {
		t := strings.TrimLeft(line, " \t")
		indent := len(line) - len(t)
		if strings.HasPrefix(t, "[") {
			if j := strings.LastIndexByte(t, ']'); j > 0 {
				h := t[:j+1]
				l.headers[h] = append(l.headers[h], i)
			}
			continue
		}
		key, n := tomlKeyAt(t)
		if n == 0 {
			continue
		}
		r := strings.TrimLeft(t[n:], " \t")
		if !strings.HasPrefix(r, "=") && !strings.HasPrefix(r, ".") { // a.b = 1 defines a
			continue
		}
		v := strings.TrimLeft(r[1:], " \t")
		l.keys[key] = append(l.keys[key], tomlSpot{line: i, keyCol: indent + 1, valCol: len(line) - len(v) + 1})
	}
	return l
}

func isBareKeyByte(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_' || c == '-'
}

// tomlKeyAt reads the bare, "quoted" or 'literal' key that starts s and
// returns it with the number of bytes it took, or 0 when s starts with no
// key.
func tomlKeyAt(s string) (string, int) {
	if s == "" {
		return "", 0
	}
	switch s[0] {
	case '"':
		for i := 1; i < len(s); i++ {
			switch s[i] {
			case '\\':
				i++
			case '"':
				k, err := strconv.Unquote(s[:i+1])
				if err != nil {
					return "", 0
				}
				return k, i + 1
			}
		}
		return "", 0
	case '\'':
		if i := strings.IndexByte(s[1:], '\''); i >= 0 {
			return s[1 : i+1], i + 2
		}
		return "", 0
	}
	i := 0
	for i < len(s) && isBareKeyByte(s[i]) {
		i++
	}
	return s[:i], i
}

// find returns the 1-based line and the columns of the key and its value
// for the first key = … line or [key] / [[key]] header at or after line
// from (0-based); line is 0 when there is none.
func (l *tomlLocator) find(key string, from int) (line, keyCol, valCol int) {
	best := -1
	if spots := l.keys[key]; len(spots) > 0 {
		j := sort.Search(len(spots), func(j int) bool { return spots[j].line >= from })
		if j < len(spots) {
			best, keyCol, valCol = spots[j].line, spots[j].keyCol, spots[j].valCol
		}
	}
	for _, h := range []string{"[" + key + "]", "[[" + key + "]]"} {
		if i := l.header(h, from); i >= 0 && (best < 0 || i < best) {
			best = i
			keyCol = len(l.lines[i]) - len(strings.TrimLeft(l.lines[i], " \t")) + 1
			valCol = keyCol
		}
	}
	return best + 1, keyCol, valCol
}

// header returns the 0-based line of the first header h at or after line
// from, or -1.
func (l *tomlLocator) header(h string, from int) int {
	lines := l.headers[h]
	if j := sort.Search(len(lines), func(j int) bool { return lines[j] >= from }); j < len(lines) {
		return lines[j]
	}
	return -1
}

// tomlAt is a 1-based line and column in the block.
type tomlAt struct{ line, col int }

// maxInlineScan bounds one search for a key of an inline table, so that
// keys the locator cannot read cost little time, not quadratic time.
const maxInlineScan = 4096

// scan walks the block from at, staying inside the inline table or array
// that at is in. It calls f with each byte outside strings and comments,
// and the nesting level below at, until f says stop (giving that position)
// or the enclosing table or array closes (giving the position after its
// closing bracket, and false).
func (l *tomlLocator) scan(at tomlAt, f func(s string, i, depth int) (skip int, stop bool)) (tomlAt, bool) {
	depth, budget := 0, maxInlineScan
	for line := at.line - 1; line >= 0 && line < len(l.lines); line++ {
		s := l.lines[line]
		i := 0
		if line == at.line-1 {
			i = at.col - 1
		}
		for ; i >= 0 && i < len(s); i++ {
			if budget--; budget < 0 {
				return tomlAt{}, false
			}
			c := s[i]
			if c == '#' {
				break
			}
			if skip, stop := f(s, i, depth); stop {
				return tomlAt{line + 1, i + 1}, true
			} else if skip > 0 {
				i += skip
				continue
			}
			switch c {
			case '{', '[':
				depth++
			case '}', ']':
				if depth--; depth < 0 {
					return tomlAt{line + 1, i + 2}, false
				}
			case '"', '\'':
				_, n := tomlKeyAt(s[i:])
				i += max(n-1, 0)
			}
		}
	}
	return tomlAt{}, false
}

// inlineKey finds key in the inline table whose keys start at or after at;
// it returns where the key is and where its value is.
func (l *tomlLocator) inlineKey(key string, at tomlAt) (k, v tomlAt, ok bool) {
	var vcol int
	k, ok = l.scan(at, func(s string, i, depth int) (int, bool) {
		c := s[i]
		if depth > 0 || c != '"' && c != '\'' && !isBareKeyByte(c) || i > 0 && isBareKeyByte(s[i-1]) {
			return 0, false
		}
		name, n := tomlKeyAt(s[i:])
		if n == 0 {
			return 0, false
		}
		r := strings.TrimLeft(s[i+n:], " \t")
		if name == key && (strings.HasPrefix(r, "=") || strings.HasPrefix(r, ".")) {
			vcol = len(s) - len(strings.TrimLeft(r[1:], " \t")) + 1
			return 0, true
		}
		return n - 1, false
	})
	return k, tomlAt{k.line, vcol}, ok
}

// nextOpen finds the next { of the array that at is in.
func (l *tomlLocator) nextOpen(at tomlAt) (tomlAt, bool) {
	return l.scan(at, func(s string, i, depth int) (int, bool) {
		return 0, depth == 0 && s[i] == '{'
	})
}

// after returns the position just after the } or ] that closes the inline
// table or array opening at open.
func (l *tomlLocator) after(open tomlAt) (tomlAt, bool) {
	end, found := l.scan(tomlAt{open.line, open.col + 1}, func(string, int, int) (int, bool) { return 0, false })
	return end, !found && end.line > 0
}

// tomlTooDeep finds where brackets and braces, outside strings and
// comments, nest deeper than maxDepth: the decoder takes seconds on a few
// thousand nested inline tables, so they are refused before it sees them.
// It returns a byte offset, or -1.
func tomlTooDeep(block []byte) int {
	depth := 0
	for i := 0; i < len(block); i++ {
		switch block[i] {
		case '#':
			for i < len(block) && block[i] != '\n' {
				i++
			}
		case '"', '\'':
			i = tomlStringEnd(block, i)
		case '[', '{':
			if depth++; depth > maxDepth {
				return i
			}
		case ']', '}':
			depth = max(depth-1, 0)
		}
	}
	return -1
}

// tomlStringEnd returns the offset of the last byte of the string that
// opens at i: a literal or basic string (with escapes), single- or
// multi-line. Up to two quotes just before a multi-line string's closing
// three belong to the string.
func tomlStringEnd(b []byte, i int) int {
	q := b[i]
	if i+2 < len(b) && b[i+1] == q && b[i+2] == q {
		for j := i + 3; j+2 < len(b); j++ {
			if q == '"' && b[j] == '\\' {
				j++
				continue
			}
			if b[j] == q && b[j+1] == q && b[j+2] == q {
				end := j + 2
				for k := 0; k < 2 && end+1 < len(b) && b[end+1] == q; k++ {
					end++
				}
				return end
			}
		}
		return len(b)
	}
	for j := i + 1; j < len(b); j++ {
		switch {
		case b[j] == '\n':
			return j
		case q == '"' && b[j] == '\\':
			j++
		case b[j] == q:
			return j
		}
	}
	return len(b)
}
