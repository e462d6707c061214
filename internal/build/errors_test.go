package build_test

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/brief-ssg/brief/internal/build"
	"github.com/brief-ssg/brief/internal/cache"
	"github.com/brief-ssg/brief/internal/digest"
	"github.com/brief-ssg/brief/internal/publish"
	"github.com/brief-ssg/brief/layouts"
)

func TestAllErrorsOfAllFilesInOneRun(t *testing.T) {
	r := buildSite(t, `
-- content/a.md --
---
title: A
---
-- content/b.md --
---
date: 2025-01-01
titel: B
---
-- content/c.md --

---
title: C
date: 2024-02-30
figures:
  - label: Drones
    value: many
---
`)
	r.reports(
		"content/a.md:2:1: missing required field: date",
		"content/b.md:2:1: missing required field: title",
		`content/b.md:3:1: unknown key "titel": did you mean "title"?`,
		`content/c.md:4:7: date: "2024-02-30" is day out of range: write YYYY-MM-DD, YYYY-MM-DDTHH:MM or RFC 3339 (2025-11-29T09:30:00+02:00)`,
		`content/c.md:7:12: figure value "many" is not a number: write digits such as 653, -3.5 or "1,200"`,
	)
	if n := len(r.diags.Errors()); n != 5 {
		t.Errorf("%d errors, want 5:\n%s", n, r.messages())
	}
	if len(r.mem.Paths()) != 0 {
		t.Errorf("a failed build wrote %d files", len(r.mem.Paths()))
	}
}

func TestSlugCollisionNamesBothFiles(t *testing.T) {
	r := buildSite(t, `
-- content/one/2025-01-02-talks.md --
---
title: One
date: 2025-01-02
---
-- content/two/talks.md --
---
title: Two
date: 2025-01-20
---
`)
	r.reports("content/two/talks.md:1:1: same URL /2025/01/talks/ as content/one/2025-01-02-talks.md: give one of them another slug")
}

func TestSlugCollisionIgnoresCase(t *testing.T) {
	r := buildSite(t, `
-- content/a.md --
---
title: A
date: 2025-01-02
slug: Talks
---
-- content/b.md --
---
title: B
date: 2025-01-03
slug: talks
---
`)
	if !strings.Contains(r.messages(), "same URL /2025/01/talks/") {
		t.Errorf("want a collision error, got:\n%s", r.messages())
	}
}

func TestFigureKeyKeepsOneUnit(t *testing.T) {
	r := buildSite(t, `
-- content/a.md --
---
title: A
date: 2025-01-02
figures:
  - {label: Drones launched, value: 10, unit: drones}
---
-- content/b.md --
---
title: B
date: 2025-01-03
figures:
  - label: Drones launched
    value: 12
    unit: aircraft
---
`)
	r.reports(`content/b.md:5:5: figure "drones-launched" has unit "aircraft" but "drones" at content/a.md:5:5: one key keeps one unit; fix one, or give this figure another key`)
}

func TestWarnings(t *testing.T) {
	site := `
-- content/actors/z.md --
---
name: Volodymyr Zelenskyy
---
-- content/a.md --
---
title: A
date: 2025-01-02
actors: [Volodymyr Zelenskky]
figures:
  - label: Part
    value: 8
    of: Whole
  - label: Whole
    value: 10
    unit: drones
---
Text <script>alert(1)</script> and ![](https://example.org/x.png).
`
	r := buildSite(t, site).ok()
	r.reports(
		`content/a.md:4:10: warning: actor "Volodymyr Zelenskky" is not in any profile but is close to Volodymyr Zelenskyy (content/actors/z.md): use that spelling, or add it to the profile's aliases`,
		`content/a.md:6:5: warning: figure "Part" has no unit: add unit: (drones, people, percent …)`,
		`content/a.md:13:6: warning: raw HTML omitted: write Markdown instead`,
	)
	if !strings.Contains(r.messages(), "content/a.md:13:") || !strings.Contains(r.messages(), "warning: image without alt text") {
		t.Errorf("want an alt text warning on line 13, got:\n%s", r.messages())
	}
	r.lacks("2025/01/a/index.html", "<script>alert")
	// --strict turns warnings into errors and writes nothing.
	r = buildSite(t, site, withStrict)
	if n := len(r.diags.Errors()); n < 5 || len(r.diags.Warnings()) != 0 || len(r.mem.Paths()) != 0 {
		t.Errorf("strict: %d errors and %d files, want every warning as an error and 0 files:\n%s", n, len(r.mem.Paths()), r.messages())
	}
}

func TestTemplateOverrideAndErrors(t *testing.T) {
	r := buildSite(t, `
-- layouts/briefing.html --
{{define "main"}}<p class="custom">{{.Entry.Title}}</p>{{end}}
-- content/a.md --
---
title: Custom
date: 2025-01-02
---
`).ok()
	r.contains("2025/01/a/index.html", `<p class="custom">Custom</p>`, "<!doctype html>")

	r = buildSite(t, `
-- layouts/briefing.html --
{{define "main"}}
<p>{{.Entry.Title}</p>
{{end}}
-- content/a.md --
---
title: Broken
date: 2025-01-02
---
`)
	r.reports(`layouts/briefing.html:2:1: template: bad character U+007D '}'`)

	r = buildSite(t, `
-- layouts/tag.html --
{{define "main"}}
<p>{{.Entry.Title}}</p>
{{end}}
-- content/a.md --
---
title: Broken
date: 2025-01-02
tags: [x]
---
`)
	if !strings.Contains(r.messages(), "layouts/tag.html:2:") || !strings.Contains(r.messages(), "(rendering tags/x/index.html)") {
		t.Errorf("want an execution error in layouts/tag.html naming the page, got:\n%s", r.messages())
	}
}

func TestConfigErrors(t *testing.T) {
	r := buildSite(t, `
-- brief.toml --
title = "T"
timezone = "Mars/Olympus"
pagesize = 10
-- content/a.md --
---
title: A
date: 2025-01-02
---
`)
	r.reports(
		`brief.toml:2:12: timezone "Mars/Olympus" is not an IANA time zone name such as Europe/Kyiv or UTC`,
		`brief.toml:3:1: unknown key "pagesize" in brief.toml: did you mean "pageSize"?`,
	)
}

func TestEmptySite(t *testing.T) {
	r := buildSite(t, "-- brief.toml --\ntitle = \"Empty\"\n").ok()
	r.contains("index.html", "<h1>Empty</h1>")
	r.contains("tags/index.html", "<h1>Tags</h1>")
	r.contains("404.html", "Page not found")
}

// faultyFS fails to open some files, as an unreadable or vanished file does.
type faultyFS struct {
	fstest.MapFS
	fail map[string]error
}

func (f faultyFS) Open(name string) (fs.File, error) {
	if err, ok := f.fail[name]; ok {
		return nil, &fs.PathError{Op: "open", Path: name, Err: err}
	}
	return f.MapFS.Open(name)
}

// TestUnreadableFiles: each unreadable file is an error naming it, and the
// other files' errors are still reported (hostile input 31).
func TestUnreadableFiles(t *testing.T) {
	site := siteFS(`
-- content/a.md --
---
title: A
date: 2025-01-01
---
-- content/gone.md --
---
title: Gone
date: 2025-01-01
---
-- content/locked.md --
---
title: Locked
date: 2025-01-01
---
-- content/bad.md --
---
title: Bad
---
`)
	r := buildFS(t, faultyFS{site, map[string]error{"content/gone.md": fs.ErrNotExist, "content/locked.md": fs.ErrPermission}})
	r.reports(
		"content/bad.md:2:1: missing required field: date",
		"content/gone.md: cannot read: file does not exist",
		"content/locked.md: cannot read: permission denied",
	)
}

// failingSink fails every write, as a full or read-only disk does.
type failingSink struct{}

func (failingSink) Write(path string, _ []byte, _ [16]byte) error {
	return errors.New("no space left on device")
}

// TestWriteErrors: a write fault is an error naming the file (hostile
// input 36); the CLI then leaves public/ as it was (cmd/brief scripts).
func TestWriteErrors(t *testing.T) {
	fsys := siteFS("-- content/a.md --\n---\ntitle: A\ndate: 2025-01-01\n---\n")
	cfg, _ := build.LoadConfig(fsys)
	_, diags := build.Run(build.Options{Site: fsys, Layouts: layouts.FS, Config: cfg, Now: testNow}, failingSink{})
	if !strings.Contains(diags.Error(), "2025/01/a/index.html: writing: no space left on device") {
		t.Errorf("want a write error naming the file, got:\n%v", diags)
	}
}

// TestYearsNav: the footer's list of years, rendered once for the site,
// marks the current year only on that year's page; a base.html of the
// site's own that calls yearsNav without defining "years-nav" gets an
// error saying so, and one that lists the years itself still works.
func TestYearsNav(t *testing.T) {
	content := `
-- content/a.md --
---
title: A
date: 2024-03-02
---
-- content/b.md --
---
title: B
date: 2025-01-02
---
`
	r := buildSite(t, content).ok()
	for _, p := range []string{"index.html", "2025/01/b/index.html", "2025/01/index.html", "tags/index.html"} {
		r.contains(p, `<li><a href="/2025/">2025</a></li>`, `<li><a href="/2024/">2024</a></li>`)
	}
	r.contains("2025/index.html", `<li><a href="/2025/" aria-current="page">2025</a></li>`, `<li><a href="/2024/">2024</a></li>`)
	r.contains("2024/index.html", `<li><a href="/2025/">2025</a></li>`, `<li><a href="/2024/" aria-current="page">2024</a></li>`)

	// The second page of a year's list is not the year's page.
	r = buildSite(t, "-- brief.toml --\npageSize = 1\n"+content+`
-- content/c.md --
---
title: C
date: 2025-02-02
---
`).ok()
	r.contains("2025/index.html", `<li><a href="/2025/" aria-current="page">2025</a></li>`)
	r.contains("2025/page/2/index.html", `<li><a href="/2025/">2025</a></li>`)

	r = buildSite(t, `
-- layouts/base.html --
{{define "base"}}<!doctype html><title>{{.Title}}</title>{{template "main" .}}<footer>{{yearsNav .}}</footer>{{end}}
`+content)
	if !strings.Contains(r.messages(), `the layouts define no "years-nav" template`) {
		t.Errorf("want an error naming the missing template, got:\n%s", r.messages())
	}

	r = buildSite(t, `
-- layouts/base.html --
{{define "base"}}<!doctype html><title>{{.Title}}</title>{{template "main" .}}<footer>{{range .Site.Years}}<a href="{{.URL}}">{{.Year}}</a>{{end}}</footer>{{end}}
`+content).ok()
	r.contains("index.html", `<footer><a href="/2025/">2025</a><a href="/2024/">2024</a></footer>`)
}

// TestBackgroundWriteErrors: a file the staging folder's writer cannot put
// on disk (here a static file named like the folder of the 2025 pages) is
// an error at its path, reported by the build itself, so the build is not
// recorded as done, and the destination keeps its last build.
func TestBackgroundWriteErrors(t *testing.T) {
	fsys := siteFS("-- content/a.md --\n---\ntitle: A\ndate: 2025-01-01\n---\n-- static/2025 --\nnot a folder\n")
	cfg, _ := build.LoadConfig(fsys)
	root := t.TempDir()
	dest := filepath.Join(root, "public")
	os.MkdirAll(dest, 0o755)
	os.WriteFile(filepath.Join(dest, "old.html"), []byte("old"), 0o644)
	c := cache.Open(filepath.Join(root, "cache"), build.CacheKey(cfg))
	stage, err := publish.Begin(dest, filepath.Join(root, "cache", "manifest"), "test")
	if err != nil {
		t.Fatal(err)
	}
	_, diags := build.Run(build.Options{Site: fsys, Layouts: layouts.FS, Config: cfg, Now: testNow, Cache: c, Record: "public"}, stage)
	stage.Abort()
	c.Discard() // as brief build does: no cache file is left open
	if !strings.Contains(diags.Error(), "2025: writing: ") {
		t.Fatalf("want a write error at 2025, got:\n%v", diags)
	}
	var rec struct{ Input digest.Sum }
	if c.Record("public", &rec) {
		t.Error("a build that failed to write was recorded as done")
	}
	if b, err := os.ReadFile(filepath.Join(dest, "old.html")); err != nil || string(b) != "old" {
		t.Errorf("destination changed: %q %v", b, err)
	}
}

// TestProfilesWithoutNames reports the missing names of an actor and a tag
// profile that no briefing mentions, instead of failing on them.
func TestProfilesWithoutNames(t *testing.T) {
	r := buildSite(t, `
-- content/actors/nobody.md --
---
role: Minister
---
-- content/tags/nothing.md --
---
description: Unused
---
-- content/a.md --
---
title: A
date: 2025-01-01
---
`)
	for _, d := range r.diags.Errors() {
		if !strings.Contains(d.Msg, "name") {
			t.Errorf("unexpected error: %v", d)
		}
	}
	if n := len(r.diags.Errors()); n != 2 {
		t.Errorf("%d errors, want the two missing names:\n%s", n, r.messages())
	}
}
