// Package diagtest holds the test helper shared by the packages that report
// diagnostics: exact positions, message fragments, all of them in order.
package diagtest

import (
	"strings"
	"testing"

	"github.com/brief-ssg/brief/internal/diag"
)

// Want is one expected diagnostic: its exact position (path:line:col) and a
// fragment of its message.
type Want struct {
	Pos, Msg string
}

// Check asserts that got holds exactly the wanted diagnostics, in order
// (diagnostics are sorted by position first).
func Check(t testing.TB, got diag.List, wants ...Want) {
	t.Helper()
	got = append(diag.List(nil), got...)
	got.Sort()
	ok := len(got) == len(wants)
	for i := 0; ok && i < len(wants); i++ {
		ok = got[i].Pos.String() == wants[i].Pos && strings.Contains(got[i].Msg, wants[i].Msg)
	}
	if !ok {
		var w strings.Builder
		for _, x := range wants {
			w.WriteString("\n\t" + x.Pos + ": …" + x.Msg + "…")
		}
		t.Errorf("diagnostics:\n\t%s\nwant:%s", strings.ReplaceAll(got.Error(), "\n", "\n\t"), w.String())
	}
}
