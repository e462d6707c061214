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
	}{
		{"defaults", nil, nil, all, true},
		{"own base.html", fstest.MapFS{"base.html": {Data: []byte(`{{define "base"}}{{template "main" .}}{{end}}{{define "years-nav"}}{{end}}`)}}, []string{"*"}, all, true},
		{"partials redefine years-nav and drop the lists", fstest.MapFS{"partials.html": {Data: []byte(`{{define "years-nav"}}years{{end}}{{define "entry"}}{{.Title}}{{end}}`)}}, []string{"*"}, []string{"briefing", "figure"}, false},
		{"own briefing.html", fstest.MapFS{"briefing.html": {Data: []byte(`{{define "main"}}<p>{{.Title}}</p>{{end}}`)}}, nil, []string{"figure", "home", "year", "month", "tag", "actor"}, true},
		{"tag.html redefines base and pager", fstest.MapFS{"tag.html": {Data: []byte(`{{define "base"}}tag{{end}}{{define "pager"}}{{end}}{{define "main"}}{{end}}`)}}, []string{"tag"}, []string{"briefing", "figure", "home", "year", "month", "actor"}, true},
		{"own month.html", fstest.MapFS{"month.html": {Data: []byte(`{{define "pager"}}{{end}}{{define "main"}}{{end}}`)}}, nil, []string{"briefing", "figure", "home", "year", "tag", "actor"}, true},
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
			if tmpl.nativeCard != c.card {
				t.Errorf("native card = %v, want %v", tmpl.nativeCard, c.card)
			}
		})
	}
}
