package frontmatter

import (
	"strings"
	"testing"

	"brief/internal/diag"
)

// want is one expected diagnostic: its exact position (path:line:col) and
// a fragment of its message.
type want struct {
	pos, msg string
}

// checkDiags asserts that got holds exactly the wanted diagnostics, in
// order (diagnostics are sorted by position first).
func checkDiags(t *testing.T, got diag.List, wants ...want) {
	t.Helper()
	got = append(diag.List(nil), got...)
	got.Sort()
	ok := len(got) == len(wants)
	for i := 0; ok && i < len(wants); i++ {
		ok = got[i].Pos.String() == wants[i].pos && strings.Contains(got[i].Msg, wants[i].msg)
	}
	if !ok {
		var w strings.Builder
		for _, x := range wants {
			w.WriteString("\n\t" + x.pos + ": …" + x.msg + "…")
		}
		t.Errorf("diagnostics:\n\t%s\nwant:%s", strings.ReplaceAll(got.Error(), "\n", "\n\t"), w.String())
	}
}

// field returns the value of key in a mapping, or nil.
func field(n *Node, key string) *Node {
	if n == nil {
		return nil
	}
	for _, f := range n.Fields {
		if f.Key == key {
			return f.Value
		}
	}
	return nil
}

// billionLaughs is the YAML bomb of row 12: nine levels of nine aliases.
func billionLaughs() string {
	var b strings.Builder
	b.WriteString("---\n")
	b.WriteString(`a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]` + "\n")
	for c := 'b'; c <= 'i'; c++ {
		prev := string(c - 1)
		b.WriteString(string(c) + ": &" + string(c) + " [" + strings.TrimSuffix(strings.Repeat("*"+prev+",", 9), ",") + "]\n")
	}
	b.WriteString("---\n")
	return b.String()
}
