package render

import (
	"slices"
	"testing"
	"testing/fstest"

	"brief/layouts"
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
