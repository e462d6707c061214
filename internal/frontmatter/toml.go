package frontmatter

import (
	"errors"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/BurntSushi/toml"
)

// The TOML decoder gives no positions for keys, so tomlLocator finds them in
// the text: top-level keys come before any table header in TOML, and a
// table's keys follow its header, which is all briefings need.
type tomlLocator struct {
	lines []string
}

// find returns the 1-based line and column of key's value at or after line
// from (0-based), or of the table header [key] / [[key]].
func (l tomlLocator) find(key string, from int) (line, col int) {
	for i := from; i < len(l.lines); i++ {
		t := strings.TrimLeft(l.lines[i], " \t")
		indent := len(l.lines[i]) - len(t)
		for _, k := range []string{key, strconv.Quote(key), "'" + key + "'"} {
			if rest, ok := strings.CutPrefix(t, k); ok {
				r := strings.TrimLeft(rest, " \t")
				if strings.HasPrefix(r, "=") {
					v := strings.TrimLeft(r[1:], " \t")
					return i + 1, len(l.lines[i]) - len(v) + 1
				}
			}
		}
		if t == "["+key+"]" || t == "[["+key+"]]" {
			return i + 1, indent + 1
		}
	}
	return 0, 0
}

// header returns the 0-based line of the n-th (0-based) header h.
func (l tomlLocator) header(h string, n int) int {
	for i, line := range l.lines {
		if strings.TrimSpace(line) == h {
			if n == 0 {
				return i
			}
			n--
		}
	}
	return 0
}

func (d *decoder) toml(block []byte) *Node {
	var m map[string]any
	md, err := toml.Decode(string(block), &m)
	if err != nil {
		var perr toml.ParseError
		if errors.As(err, &perr) {
			d.errorf(perr.Position.Line, max(perr.Position.Col, 1), "TOML: %s", perr.Message)
		} else {
			d.errorf(1, 1, "TOML: %v", err)
		}
		return nil
	}
	t := tomlTree{decoder: d, loc: tomlLocator{lines: strings.Split(string(block), "\n")}, order: md.Keys()}
	return t.table(m, nil, 0, 1, 1)
}

type tomlTree struct {
	*decoder
	loc   tomlLocator
	order []toml.Key
}

// keysOf returns the keys of m in document order.
func (t tomlTree) keysOf(m map[string]any, path []string) []string {
	var keys []string
	seen := map[string]bool{}
	for _, k := range t.order {
		if len(k) != len(path)+1 || !sameStart(k, path) {
			continue
		}
		name := k[len(path)]
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
	return append(keys, rest...)
}

func sameStart(k toml.Key, path []string) bool {
	for i, p := range path {
		if k[i] != p {
			return false
		}
	}
	return true
}

// table converts a TOML table whose keys are searched from line from (0-based).
func (t tomlTree) table(m map[string]any, path []string, from, line, col int) *Node {
	n := &Node{Kind: Map, Pos: t.pos(line, col)}
	for _, k := range t.keysOf(m, path) {
		kl, kc := t.loc.find(k, from)
		if kl == 0 {
			kl, kc = line, col
		}
		v := t.value(m[k], append(append([]string(nil), path...), k), kl-1, kl, kc)
		n.Fields = append(n.Fields, Field{Key: k, KeyPos: t.pos(kl, 1), Value: v})
	}
	return n
}

func (t tomlTree) value(v any, path []string, from, line, col int) *Node {
	pos := t.pos(line, col)
	switch v := v.(type) {
	case map[string]any:
		return t.table(v, path, from, line, col)
	case []map[string]any:
		n := &Node{Kind: List, Pos: pos}
		for i, item := range v {
			h := t.loc.header("[["+strings.Join(path, ".")+"]]", i)
			n.Items = append(n.Items, t.table(item, path, h, h+1, 1))
		}
		return n
	case []any:
		n := &Node{Kind: List, Pos: pos}
		for _, item := range v {
			n.Items = append(n.Items, t.value(item, path, from, line, col))
		}
		return n
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
