package frontmatter

import (
	"strings"
	"testing"

	"github.com/brief-ssg/brief/internal/diag"
	"github.com/brief-ssg/brief/internal/diag/diagtest"
)

// want is one expected diagnostic: its exact position (path:line:col) and
// a fragment of its message.
type want struct {
	pos, msg string
}

// checkDiags asserts that got holds exactly the wanted diagnostics, in
// order; see diagtest.Check.
func checkDiags(t *testing.T, got diag.List, wants ...want) {
	t.Helper()
	ws := make([]diagtest.Want, len(wants))
	for i, w := range wants {
		ws[i] = diagtest.Want{Pos: w.pos, Msg: w.msg}
	}
	diagtest.Check(t, got, ws...)
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
