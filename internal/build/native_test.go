package build_test

import (
	"bytes"
	"io/fs"
	"os"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/brief-ssg/brief/internal/corpus"
	"github.com/brief-ssg/brief/layouts"
)

// hostile is a site whose every field shown by the natively written
// layouts holds what HTML, attributes and URLs must escape, and which
// takes every branch of them.
const hostile = `
-- brief.toml --
title = "<Briefs> & \"Co\" + 'friends'"
description = "News & <views> + 'more'"
baseURL = "https://example.org/brief+ings/"
language = "en-GB"
pageSize = 2
-- content/a.md --
---
title: '"><script>alert(1)</script> & ''q'' + 1 ü'
date: 2025-03-01T09:30:00+02:00
updated: 2025-03-02T10:00:00+02:00
location: '<Kyiv> & "Lviv" + 1'
summary: 'A summary with <b>tags</b> & "quotes" + plus'
aliases: [/old/a+b/]
tags: ['Q&A', "<b>bold</b>"]
actors: ["O'Brien + Co", 'A & B']
figures:
  - label: '<Drones> & "more"'
    value: 10
    unit: 'm² & <co>'
  - label: Part
    value: 4
    unit: 'm² & <co>'
    of: '<Drones> & "more"'
  - label: Other part
    value: 5
    unit: 'm² & <co>'
    of: '<Drones> & "more"'
sources:
  - title: 'Evil <source>'
    url: 'https://ex.org/"><script>alert(1)</script>'
  - url: 'https://ex.org/a%20b?c=d&e=<f>%zz%41''"+ü#frag'
  - title: 'Only a title & <more>'
  - title: Mail
    url: 'mailto:x@example.org'
  - title: Shouting
    url: 'HTTP://EXAMPLE.ORG/X'
  - title: Colon
    url: 'https://cdn.example.org/x:y'
---
Body with <b>raw</b> & text.

![A 'map' & more](img/map+1.png?a=1&b=<2>"x)
-- content/b.md --
---
title: 'Second & <last>'
date: 2025-03-05
location: Odesa
tags: ['Q&A']
actors: ['A & B']
figures:
  - label: '<Drones> & "more"'
    value: 12
    unit: 'm² & <co>'
  - label: Unlinked
    value: 1.5
---
-- content/c.md --
---
title: Plain
date: 2024-12-31
---
Just a body.
-- content/d.md --
---
title: Actors only
date: 2024-12-30
actors: ['A & B']
---
-- content/e.md --
---
title: Tags only
date: 2024-12-29
tags: ['Q&A']
---
-- content/actors/ab.md --
---
name: 'A & B'
kind: person
role: '<Role> & co'
aliases: ['AB + C']
---
A profile & <more>.
`

// withDefaultLayouts gives a site the embedded base.html and partials.html
// as its own files, unless it has them: then no page is written natively
// (native pages need the default "base"; cards, the default "entry").
func withDefaultLayouts(t *testing.T, site fstest.MapFS) fstest.MapFS {
	t.Helper()
	out := fstest.MapFS{}
	for p, f := range site {
		out[p] = f
	}
	for _, name := range []string{"base.html", "partials.html"} {
		if _, ok := out["layouts/"+name]; ok {
			continue
		}
		b, err := fs.ReadFile(layouts.FS, name)
		if err != nil {
			t.Fatal(err)
		}
		out["layouts/"+name] = &fstest.MapFile{Data: b}
	}
	return out
}

// withLayout gives a site a layout of its own: the embedded file of that
// name, edited.
func withLayout(t *testing.T, site fstest.MapFS, name string, edit func(string) string) fstest.MapFS {
	t.Helper()
	b, err := fs.ReadFile(layouts.FS, name)
	if err != nil {
		t.Fatal(err)
	}
	out := fstest.MapFS{"layouts/" + name: &fstest.MapFile{Data: []byte(edit(string(b)))}}
	for p, f := range site {
		out[p] = f
	}
	return out
}

// corpusSite is a small synthetic site, as site files.
func corpusSite(t *testing.T, n int) fstest.MapFS {
	t.Helper()
	dir := t.TempDir()
	if err := corpus.Write(dir, corpus.Options{Briefings: n, Seed: 3}); err != nil {
		t.Fatal(err)
	}
	return filesOf(t, os.DirFS(dir), ".")
}

// TestNativeLayoutsMatchTemplates builds sites with the default layouts
// written in Go (native.go in internal/render) and again with the same
// layouts given as the site's own files, which html/template executes:
// every file must be byte for byte the same.
func TestNativeLayoutsMatchTemplates(t *testing.T) {
	strikesSite := siteFS(strikes)
	sites := map[string]fstest.MapFS{
		"hostile": siteFS(hostile),
		"strikes": strikesSite,
		"example": exampleContent(t),
		"corpus":  corpusSite(t, 120),
		// A site's own definitions beside default ones: those of home.html
		// make every page's cards and years; partials.html's own pager
		// and lists leave the frame native and the lists to templates.
		"own entry and years-nav": withLayout(t, siteFS(hostile), "home.html", func(s string) string {
			return s + `{{define "entry"}}<p>{{.Title}}</p>{{end}}{{define "years-nav"}}<nav>{{len .Site.Years}} years</nav>{{end}}`
		}),
		"own pager and list": withLayout(t, strikesSite, "partials.html", func(s string) string {
			s = strings.NewReplacer(`{{define "pager"`, `{{define "old-pager"`, `{{define "entry-list"`, `{{define "old-entry-list"`).Replace(s)
			return s + `{{define "pager"}}<p>{{.Number}}/{{.Total}}</p>{{end}}{{define "entry-list"}}{{range .}}<i>{{card .}}</i>{{end}}{{end}}`
		}),
	}
	for name, site := range sites {
		t.Run(name, func(t *testing.T) {
			native := buildFS(t, site, withFuture).ok()
			templated := buildFS(t, withDefaultLayouts(t, site), withFuture).ok()
			paths := native.mem.Paths()
			if len(paths) != len(templated.mem.Paths()) {
				t.Fatalf("%d files natively, %d with templates", len(paths), len(templated.mem.Paths()))
			}
			pages := 0
			for _, p := range paths {
				a, _ := native.mem.Get(p)
				b, ok := templated.mem.Get(p)
				if !ok {
					t.Errorf("%s: made natively only", p)
					continue
				}
				if !bytes.Equal(a, b) {
					t.Errorf("%s differs:\n%s", p, firstDiff(string(b), string(a)))
				}
				if bytes.HasPrefix(a, []byte("<!doctype html>")) {
					pages++
				}
			}
			if pages < 10 {
				t.Errorf("only %d pages compared", pages)
			}
		})
	}
}
