package render

import (
	"testing"
	"testing/fstest"

	"brief/layouts"
)

// TestNativeOnlyForDefaultDefinitions checks that a layout is written in
// Go only while its definition is the embedded default: a site's own
// file, or a file of its own that redefines the name, goes through
// html/template.
func TestNativeOnlyForDefaultDefinitions(t *testing.T) {
	const briefingMain = `{{define "main"}}<p>{{.Title}}</p>{{end}}`
	cases := []struct {
		name     string
		override fstest.MapFS
		base     map[string]bool // by kind; kinds not listed: want
		want     bool            // base of the other kinds
		main     bool            // briefing's main
		card     bool
	}{
		{"defaults", nil, nil, true, true, true},
		{"own base.html", fstest.MapFS{"base.html": {Data: []byte(`{{define "base"}}{{template "main" .}}{{end}}{{define "years-nav"}}{{end}}`)}}, nil, false, true, true},
		{"partials redefine years-nav", fstest.MapFS{"partials.html": {Data: []byte(`{{define "years-nav"}}years{{end}}{{define "entry"}}{{.Title}}{{end}}`)}}, nil, false, true, false},
		{"own briefing.html", fstest.MapFS{"briefing.html": {Data: []byte(briefingMain)}}, nil, true, false, true},
		{"tag.html redefines base", fstest.MapFS{"tag.html": {Data: []byte(`{{define "base"}}tag{{end}}{{define "main"}}{{end}}`)}}, map[string]bool{"tag": false}, true, true, true},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			tmpl, diags := LoadTemplates(layouts.FS, c.override)
			if diags.Err() != nil {
				t.Fatal(diags)
			}
			for _, kind := range pageKinds {
				want, ok := c.base[kind]
				if !ok {
					want = c.want
				}
				if got := tmpl.native[kind].base; got != want {
					t.Errorf("%s: native base = %v, want %v", kind, got, want)
				}
				if got, want := tmpl.native[kind].main, kind == "briefing" && c.main; got != want {
					t.Errorf("%s: native main = %v, want %v", kind, got, want)
				}
			}
			if tmpl.nativeCard != c.card {
				t.Errorf("native card = %v, want %v", tmpl.nativeCard, c.card)
			}
		})
	}
}
