package frontmatter

import (
	"errors"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/BurntSushi/toml"
)

func (d *decoder) toml(block []byte) *Node {
	if at := tomlTooDeep(block); at >= 0 {
		line, col := lineCol(block, at)
		d.errorf(line, col, "%v", tooDeep(maxDepth+1))
		return nil
	}
	var m map[string]any
	md, err := toml.Decode(string(block), &m)
	if err != nil {
		var perr toml.ParseError
		if errors.As(err, &perr) {
			line, col := tomlErrorPos(block, perr.Position)
			if m := tomlDuplicate.FindStringSubmatch(perr.Message); m != nil {
				d.duplicateTOML(block, m[1], line, col)
				return nil
			}
			if h, ok := syntaxHint(block, "toml", perr.Message); ok {
				d.errorf(h.line, h.col, "TOML: %s", h.msg)
				return nil
			}
			d.errorf(line, col, "TOML: %s", perr.Message)
		} else {
			d.errorf(1, 1, "TOML: %v", err)
		}
		return nil
	}
	t := tomlTree{decoder: d, loc: newTOMLLocator(block), children: tomlChildren(md.Keys())}
	return t.table(m, nil, tomlWhere{from: 0, at: tomlAt{1, 1}}, 0)
}

// tomlDuplicate matches the decoder's message for a key given twice.
var tomlDuplicate = regexp.MustCompile(`^Key '(.*)' has already been defined\.$`)

// duplicateTOML words a duplicate key as the YAML and JSON readers do,
// naming the line of the first one.
func (d *decoder) duplicateTOML(block []byte, key string, line, col int) {
	name := key[strings.LastIndexByte(key, '.')+1:]
	first, _, _ := newTOMLLocator(block).find(name, 0)
	if first == 0 || first >= line {
		d.errorf(line, col, "duplicate key %q: keep one", name)
		return
	}
	d.errorf(line, col, "duplicate key %q (first given on line %d): keep one", name, first+d.lineOffset)
}

// tomlErrorPos finds an error's line and column from its byte offset: the
// decoder's own column is off by a line when the error starts a line.
func tomlErrorPos(block []byte, p toml.Position) (line, col int) {
	if p.Start >= 0 && p.Start <= len(block) {
		if l, c := lineCol(block, p.Start); l == p.Line || p.Line == 0 {
			return l, c
		}
	}
	return max(p.Line, 1), max(p.Col, 1)
}

type tomlTree struct {
	*decoder
	loc      *tomlLocator
	children map[string][]string // parent path, joined by NUL → its keys in document order
}

// tomlChildren groups the decoder's keys, in document order, by parent.
func tomlChildren(keys []toml.Key) map[string][]string {
	out := map[string][]string{}
	seen := map[string]bool{}
	for _, k := range keys {
		if len(k) == 0 {
			continue
		}
		parent := strings.Join(k[:len(k)-1], "\x00")
		if full := parent + "\x00\x00" + k[len(k)-1]; !seen[full] {
			seen[full] = true
			out[parent] = append(out[parent], k[len(k)-1])
		}
	}
	return out
}

// keysOf returns the keys of m in document order; keys the decoder did not
// list (such as a in a.b = 1) come last, sorted, from index ordered on.
func (t tomlTree) keysOf(m map[string]any, path []string) (keys []string, ordered int) {
	keys = make([]string, 0, len(m))
	seen := make(map[string]bool, len(m))
	for _, name := range t.children[strings.Join(path, "\x00")] {
		if _, ok := m[name]; ok && !seen[name] {
			seen[name] = true
			keys = append(keys, name)
		}
	}
	var rest []string
	for k := range m {
		if !seen[k] {
			rest = append(rest, k)
		}
	}
	sort.Strings(rest)
	return append(keys, rest...), len(keys)
}

// tomlWhere tells where a table's keys are: after 0-based line from for a
// table with a header (or the top level), or after the { at at for an
// inline table.
type tomlWhere struct {
	from   int
	at     tomlAt
	inline bool
}

// table converts a TOML table; nil means an error was reported.
func (t tomlTree) table(m map[string]any, path []string, w tomlWhere, depth int) *Node {
	n := &Node{Kind: Map, Pos: t.pos(w.at.line, w.at.col)}
	cursor := tomlAt{w.at.line, w.at.col + 1}
	keys, ordered := t.keysOf(m, path)
	for i, k := range keys {
		var key, val tomlAt
		if w.inline && i < ordered { // the search only goes forward
			var ok bool
			if key, val, ok = t.loc.inlineKey(k, cursor); ok {
				cursor = val
			}
		} else if line, kc, vc := t.loc.find(k, w.from); line > 0 {
			key, val = tomlAt{line, kc}, tomlAt{line, vc}
		}
		if key.line == 0 {
			key, val = w.at, w.at
		}
		v := t.value(m[k], append(append([]string(nil), path...), k), val, depth+1)
		if v == nil {
			return nil
		}
		n.Fields = append(n.Fields, Field{Key: k, KeyPos: t.pos(key.line, key.col), Value: v})
	}
	return n
}

// charAt returns the byte at a position, or 0.
func (t tomlTree) charAt(at tomlAt) byte {
	if at.line < 1 || at.line > len(t.loc.lines) {
		return 0
	}
	if l := t.loc.lines[at.line-1]; at.col >= 1 && at.col <= len(l) {
		return l[at.col-1]
	}
	return 0
}

// value converts the value written at at; nil means an error was reported.
func (t tomlTree) value(v any, path []string, at tomlAt, depth int) *Node {
	pos := t.pos(at.line, at.col)
	if err := tooDeep(depth); err != nil {
		t.diags.Errorf(pos, "%v", err)
		return nil
	}
	switch v := v.(type) {
	case map[string]any:
		return t.table(v, path, tomlWhere{from: at.line - 1, at: at, inline: t.charAt(at) == '{'}, depth)
	case []map[string]any:
		items := make([]any, len(v))
		for i, m := range v {
			items[i] = m
		}
		return t.list(items, path, at, depth)
	case []any:
		return t.list(v, path, at, depth)
	case string:
		return &Node{Kind: Scalar, Value: v, Pos: pos}
	case int64:
		return &Node{Kind: Scalar, Value: strconv.FormatInt(v, 10), Pos: pos}
	case float64:
		return &Node{Kind: Scalar, Value: strconv.FormatFloat(v, 'f', -1, 64), Pos: pos}
	case bool:
		return &Node{Kind: Scalar, Value: strconv.FormatBool(v), Pos: pos}
	case time.Time:
		return &Node{Kind: Scalar, Value: v.Format(tomlTimeLayout(v)), Pos: pos}
	}
	return &Node{Kind: Null, Pos: pos}
}

// list converts an array written at at: either [[path]] tables, whose i-th
// item follows the i-th header, or an inline [ … ], whose tables are found
// one { after another. Other items take the array's position.
func (t tomlTree) list(items []any, path []string, at tomlAt, depth int) *Node {
	n := &Node{Kind: List, Pos: t.pos(at.line, at.col), Items: make([]*Node, 0, len(items))}
	headers := t.charAt(at) == '[' && t.charAt(tomlAt{at.line, at.col + 1}) == '['
	h := "[[" + strings.Join(path, ".") + "]]"
	from := at.line - 1
	cursor := tomlAt{at.line, at.col + 1}
	for _, item := range items {
		m, ok := item.(map[string]any)
		if !ok {
			it := t.value(item, path, at, depth+1)
			if it == nil {
				return nil
			}
			n.Items = append(n.Items, it)
			continue
		}
		w := tomlWhere{from: at.line - 1, at: at}
		if headers {
			if hl := t.loc.header(h, from); hl >= 0 {
				w, from = tomlWhere{from: hl, at: tomlAt{hl + 1, 1}}, hl+1
			}
		} else if open, ok := t.loc.nextOpen(cursor); ok {
			w = tomlWhere{from: open.line - 1, at: open, inline: true}
			cursor = tomlAt{open.line, open.col + 1}
			if end, ok := t.loc.after(open); ok {
				cursor = end
			}
		}
		it := t.table(m, path, w, depth+1)
		if it == nil {
			return nil
		}
		n.Items = append(n.Items, it)
	}
	return n
}

// tomlTimeLayout keeps TOML's local dates and times as written: the decoder
// marks them with named zones whose offset is the machine's, which must not
// leak into the output.
func tomlTimeLayout(t time.Time) string {
	switch t.Location().String() {
	case "date-local":
		return "2006-01-02"
	case "datetime-local":
		return "2006-01-02T15:04:05.999999999"
	case "time-local":
		return "15:04:05.999999999"
	}
	return time.RFC3339Nano
}
