package render

import (
	"bytes"
	"html/template"
	"slices"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/brief-ssg/brief/internal/briefing"
	"github.com/brief-ssg/brief/internal/site"
	"github.com/brief-ssg/brief/layouts"
)

// TestNativeOnlyForDefaultDefinitions checks that a layout is written in
// Go only while its definition is the embedded default: a site's own
// file, or a file of its own that redefines the name, goes through
// html/template.
func TestNativeOnlyForDefaultDefinitions(t *testing.T) {
	all := []string{"briefing", "figure", "home", "year", "month", "tag", "actor"}
	cases := []struct {
		name     string
		override fstest.MapFS
		noBase   []string // kinds whose "base" is not native; "*" for all
		mains    []string // kinds whose "main" is native
		card     bool
		years    bool
	}{
		{"defaults", nil, nil, all, true, true},
		{"own base.html", fstest.MapFS{"base.html": {Data: []byte(`{{define "base"}}{{template "main" .}}{{end}}{{define "years-nav"}}{{end}}`)}}, []string{"*"}, all, true, false},
		{"partials redefine years-nav and drop the lists", fstest.MapFS{"partials.html": {Data: []byte(`{{define "years-nav"}}years{{end}}{{define "entry"}}{{.Title}}{{end}}`)}}, nil, []string{"briefing", "figure"}, false, false},
		{"own briefing.html", fstest.MapFS{"briefing.html": {Data: []byte(`{{define "main"}}<p>{{.Title}}</p>{{end}}`)}}, nil, []string{"figure", "home", "year", "month", "tag", "actor"}, true, true},
		{"tag.html redefines base and pager", fstest.MapFS{"tag.html": {Data: []byte(`{{define "base"}}tag{{end}}{{define "pager"}}{{end}}{{define "main"}}{{end}}`)}}, []string{"tag"}, []string{"briefing", "figure", "home", "year", "month", "actor"}, true, true},
		// Every page's cards and years come from the home page's set.
		{"home.html redefines entry and years-nav", fstest.MapFS{"home.html": {Data: []byte(`{{define "entry"}}{{.Title}}{{end}}{{define "years-nav"}}years{{end}}{{define "main"}}{{end}}`)}}, nil, []string{"briefing", "figure", "year", "month", "tag", "actor"}, false, false},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			tmpl, diags := LoadTemplates(layouts.FS, c.override)
			if diags.Err() != nil {
				t.Fatal(diags)
			}
			for _, kind := range pageKinds {
				wantBase := !slices.Contains(c.noBase, "*") && !slices.Contains(c.noBase, kind)
				if got := tmpl.native[kind].base; got != wantBase {
					t.Errorf("%s: native base = %v, want %v", kind, got, wantBase)
				}
				if got, want := tmpl.native[kind].main != nil, slices.Contains(c.mains, kind); got != want {
					t.Errorf("%s: native main = %v, want %v", kind, got, want)
				}
			}
			if tmpl.nativeCard != c.card || tmpl.nativeYearsNav != c.years {
				t.Errorf("native card, years-nav = %v, %v; want %v, %v", tmpl.nativeCard, tmpl.nativeYearsNav, c.card, c.years)
			}
		})
	}
}

// TestNativeWritersAreUsed checks that the pages whose layouts are the
// defaults are written by native.go: with html/template's sets replaced
// by ones that write "from a template", the pages still come out whole.
// (TestNativeLayoutsMatchTemplates in internal/build compares the bytes;
// it would pass just the same if no page were written natively.)
func TestNativeWritersAreUsed(t *testing.T) {
	tmpl, diags := LoadTemplates(layouts.FS, nil)
	if diags.Err() != nil {
		t.Fatal(diags)
	}
	decoy := template.Must(template.New("decoy").Parse(`{{define "base"}}from a template{{end}}{{define "main"}}from a template{{end}}{{define "entry"}}from a template{{end}}{{define "years-nav"}}from a template{{end}}`))
	for kind := range tmpl.pages {
		tmpl.pages[kind] = decoy
	}
	s := &site.Site{Title: "Briefs", BasePath: "/", Tags: &site.Taxonomy{URL: "/tags/"}, Actors: &site.Taxonomy{URL: "/actors/"}}
	e := &site.Entry{Briefing: &briefing.Briefing{Title: "Talks"}, URL: "/2025/11/talks/"}
	if diags := tmpl.renderCards([]*site.Entry{e}); diags.Err() != nil {
		t.Fatal(diags)
	}
	for _, j := range []job{
		{path: "2025/11/talks/index.html", kind: "briefing", page: &Page{Site: s, Kind: "briefing", Entry: e}},
		{path: "index.html", kind: "home", page: &Page{Site: s, Kind: "home", Entries: []*site.Entry{e}}},
	} {
		var buf bytes.Buffer
		if d, ok := tmpl.execute(&buf, j); !ok {
			t.Fatal(d)
		}
		if got := buf.String(); strings.Contains(got, "from a template") || !strings.HasPrefix(got, "<!doctype html>") || !strings.Contains(got, "Talks") {
			t.Errorf("%s:\n%s", j.path, got)
		}
	}
}
