package build_test

import (
	"encoding/json"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/brief-ssg/brief/internal/build"
)

func withPageTimeLimit(d time.Duration) option {
	return func(o *build.Options) { o.PageTimeLimit = d }
}

const oneBriefing = `
-- content/a.md --
---
title: A
date: 2025-01-02
---
`

// TestLayoutThatNeverEndsIsStopped: a range over a huge number, with or
// without output, and template calls that double at each level, are
// stopped at the page time limit with an error naming the layout, the
// line of the loop and the page.
func TestLayoutThatNeverEndsIsStopped(t *testing.T) {
	tests := []struct {
		name, layout, want string
	}{
		{"silent range", `{{define "main"}}
<p>{{range $i := 1000000000}}{{end}}</p>{{end}}`, "layouts/briefing.html:2:"},
		{"range that writes", `{{define "main"}}{{range $i := 1000000000}}<b>{{$i}}</b>{{end}}{{end}}`, "layouts/briefing.html:1:"},
		{"template calls", `{{define "main"}}{{template "loop" 0}}{{end}}
{{define "loop"}}{{if lt . 60}}{{template "loop" add . 1}}{{template "loop" add . 1}}{{end}}{{end}}`, "layouts/briefing.html:2:"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			start := time.Now()
			r := buildSite(t, "-- layouts/briefing.html --\n"+tt.layout+"\n"+oneBriefing, withPageTimeLimit(300*time.Millisecond))
			if d := time.Since(start); d > 5*time.Second {
				t.Errorf("stopped after %v", d)
			}
			errs := r.diags.Errors()
			if len(errs) != 1 || !strings.Contains(errs[0].Error(), tt.want) || !strings.Contains(errs[0].Error(), "2025/01/a/index.html took longer than 300ms") {
				t.Errorf("want one error %q, got:\n%v", tt.want, r.diags)
			}
		})
	}
}

// TestLayoutJustUnderThePageTimeLimit: a slow layout that ends in time is
// rendered as written.
func TestLayoutJustUnderThePageTimeLimit(t *testing.T) {
	r := buildSite(t, `-- layouts/briefing.html --
{{define "main"}}{{range $i := 20000}}{{end}}<p class="done">done</p>{{end}}
`+oneBriefing, withPageTimeLimit(10*time.Second)).ok()
	r.contains("2025/01/a/index.html", `<p class="done">done</p>`)
}

// TestBrokenBaseLayoutIsOneError: base.html is part of every page's
// layouts; its syntax error is reported once, and an error when it runs
// once for all pages, naming the first.
func TestBrokenBaseLayoutIsOneError(t *testing.T) {
	content := oneBriefing + `
-- content/b.md --
---
title: B
date: 2025-01-03
tags: [x, y]
---
`
	r := buildSite(t, "-- layouts/base.html --\n{{define \"base\"}}<html>{{.Title}</html>{{end}}\n"+content)
	if errs := r.diags.Errors(); len(errs) != 1 || !strings.HasPrefix(errs[0].Error(), "layouts/base.html:1:") {
		t.Errorf("want one error in layouts/base.html, got:\n%v", r.diags)
	}
	r = buildSite(t, "-- layouts/base.html --\n{{define \"base\"}}<html>{{.Nope}}</html>{{end}}\n"+content)
	errs := r.diags.Errors()
	if len(errs) != 1 || !strings.HasPrefix(errs[0].Error(), "layouts/base.html:1:") || !strings.Contains(errs[0].Error(), "(rendering 2025/01/a/index.html and ") {
		t.Errorf("want one error in layouts/base.html naming the first page and counting the others, got:\n%v", r.diags)
	}
}

// TestAppearsWithIsCapped: data/actors.json lists the actors an actor
// appears with most, not all of them, so it grows with the actors.
func TestAppearsWithIsCapped(t *testing.T) {
	var actors []string
	for i := range 15 {
		actors = append(actors, fmt.Sprintf("Actor %02d", i))
	}
	r := buildSite(t, fmt.Sprintf(`
-- content/a.md --
---
title: A
date: 2025-01-02
actors: [%s]
---
-- content/b.md --
---
title: B
date: 2025-01-03
actors: [Actor 00, Actor 14]
---
`, strings.Join(actors, ", "))).ok()
	var data struct {
		Actors []struct {
			Name     string
			Together []struct {
				Name  string
				Count int
			}
		}
	}
	if err := json.Unmarshal([]byte(r.file("data/actors.json")), &data); err != nil {
		t.Fatal(err)
	}
	for _, a := range data.Actors {
		if len(a.Together) != 10 {
			t.Errorf("%s appears with %d actors, want the 10 most frequent", a.Name, len(a.Together))
		}
		if a.Name == "Actor 00" && (a.Together[0].Name != "Actor 14" || a.Together[0].Count != 2) {
			t.Errorf("Actor 00 appears most with %+v, want Actor 14, twice", a.Together[0])
		}
	}
}

// TestBriefingWithThousandsOfTagsAndActorsIsRefused: the briefing that
// took two minutes and 4 GB is refused at once, at the first tag and the
// first actor past the limits, and nothing is written.
func TestBriefingWithThousandsOfTagsAndActorsIsRefused(t *testing.T) {
	var b strings.Builder
	b.WriteString("-- content/a.md --\n---\ntitle: A\ndate: 2025-01-02\ntags:\n")
	for i := range 5000 {
		fmt.Fprintf(&b, "  - tag %d\n", i)
	}
	b.WriteString("actors:\n")
	for i := range 5000 {
		fmt.Fprintf(&b, "  - actor %d\n", i)
	}
	b.WriteString("---\n")
	start := time.Now()
	r := buildSite(t, b.String())
	if d := time.Since(start); d > 5*time.Second {
		t.Errorf("refused after %v", d)
	}
	r.reports(
		"content/a.md:105:5: more than 100 tags in one briefing (limit 100): keep the most important ones",
		"content/a.md:5106:5: more than 100 actors in one briefing (limit 100): keep the most important ones",
	)
	if n := len(r.diags.Errors()); n != 2 || len(r.mem.Paths()) != 0 {
		t.Errorf("%d errors and %d files, want 2 errors and no file:\n%v", n, len(r.mem.Paths()), r.diags)
	}
}

// TestYearsNavThatNeverEndsIsStopped: the years-nav, rendered once for
// every page, is timed like a page.
func TestYearsNavThatNeverEndsIsStopped(t *testing.T) {
	r := buildSite(t, `-- layouts/base.html --
{{define "base"}}<!doctype html><title>{{.Title}}</title>{{template "main" .}}<footer>{{yearsNav .}}</footer>{{end}}
{{define "years-nav"}}{{range $i := 1000000000}}{{end}}{{end}}
`+oneBriefing, withPageTimeLimit(300*time.Millisecond))
	errs := r.diags.Errors()
	if len(errs) != 1 || !strings.HasPrefix(errs[0].Error(), "layouts/base.html:2:") || !strings.Contains(errs[0].Error(), "rendering the years-nav took longer than 300ms") {
		t.Errorf("want one error at the loop of years-nav, got:\n%v", r.diags)
	}
}
