package source

import (
	"testing"
	"time"

	"github.com/brief-ssg/brief/internal/briefing"
	"github.com/brief-ssg/brief/internal/diag"
	"github.com/brief-ssg/brief/internal/diag/diagtest"
	fm "github.com/brief-ssg/brief/internal/frontmatter"
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

// decode parses src as the file a.md and decodes it as a briefing in loc
// (UTC when nil), returning the diagnostics of both steps.
func decode(t *testing.T, src string, loc *time.Location) (*briefing.Briefing, diag.List) {
	t.Helper()
	return decodeAs(t, "a.md", src, loc)
}

func decodeAs(t *testing.T, path, src string, loc *time.Location) (*briefing.Briefing, diag.List) {
	t.Helper()
	if loc == nil {
		loc = time.UTC
	}
	doc, diags := fm.Parse(path, []byte(src))
	if doc == nil {
		t.Fatalf("%s does not parse:\n%v", path, diags)
	}
	b, ds := DecodeBriefing(path, doc, loc)
	return b, append(diags, ds...)
}

// names returns the texts of names.
func names(ns []briefing.Name) []string {
	out := make([]string, len(ns))
	for i, n := range ns {
		out[i] = n.Text
	}
	return out
}

// yamlBriefing wraps YAML fields in a valid briefing: the fields start on
// line 4 of the file.
func yamlBriefing(fields string) string {
	return "---\ntitle: T\ndate: 2024-03-01\n" + fields + "---\nBody.\n"
}

// parse parses src as the file path, which must succeed.
func parse(t *testing.T, path, src string) (*fm.Document, diag.List) {
	t.Helper()
	doc, diags := fm.Parse(path, []byte(src))
	if doc == nil {
		t.Fatalf("%s does not parse:\n%v", path, diags)
	}
	return doc, diags
}
