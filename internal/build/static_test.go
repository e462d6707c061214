package build_test

import (
	"strings"
	"testing"
)

func TestStaticFilesAreCopiedAsIs(t *testing.T) {
	r := buildSite(t, `
-- brief.toml --
baseURL = "https://example.org/"
-- content/a.md --
---
title: A
date: 2025-01-01
---
A.
-- static/CNAME --
briefings.example.org
-- static/images/map.svg --
<svg xmlns="http://www.w3.org/2000/svg"></svg>
-- static/.DS_Store --
junk
-- static/robots.txt --
User-agent: *
Disallow: /drafts/
`).ok()
	if got := r.file("CNAME"); got != "briefings.example.org\n" {
		t.Errorf("CNAME = %q", got)
	}
	r.contains("images/map.svg", `<svg xmlns="http://www.w3.org/2000/svg"></svg>`)
	r.absent(".DS_Store")
	// A site's own robots.txt replaces the generated one.
	if got := r.file("robots.txt"); got != "User-agent: *\nDisallow: /drafts/\n" {
		t.Errorf("robots.txt = %q", got)
	}
	if r.res.Files != len(r.mem.Paths()) {
		t.Errorf("summary counts %d files, the site has %d", r.res.Files, len(r.mem.Paths()))
	}
}

func TestStaticFileMayNotOverwriteAPage(t *testing.T) {
	r := buildSite(t, `
-- static/data/briefings.json --
[]
-- static/search/meta.json --
{}
-- content/a.md --
---
title: A
date: 2025-01-01
---
A.
-- static/index.html --
<p>mine</p>
-- static/2025/01/a/index.html --
<p>mine</p>
`)
	r.reports(
		"static/data/briefings.json: would overwrite the generated file data/briefings.json: rename or move it",
		"static/search/meta.json: would overwrite the generated file search/meta.json: rename or move it",
		"static/index.html: would overwrite the generated file index.html: rename or move it",
		"static/2025/01/a/index.html: would overwrite the generated file 2025/01/a/index.html: rename or move it",
	)
}

func TestMinifyKeepsTheContent(t *testing.T) {
	site := `
-- brief.toml --
baseURL = "https://example.org/"
-- content/a.md --
---
title: "A & <b>"
date: 2025-01-01
tags: [x]
---
Some    *text*   here.

- one
- two
`
	plain := buildSite(t, site).ok()
	small := buildSite(t, site, withMinify).ok()
	if len(plain.mem.Paths()) != len(small.mem.Paths()) {
		t.Fatalf("minify changed the files: %d vs %d", len(plain.mem.Paths()), len(small.mem.Paths()))
	}
	for _, p := range small.mem.Paths() {
		a, b := plain.file(p), small.file(p)
		if strings.HasSuffix(p, ".html") || strings.HasSuffix(p, ".css") {
			if len(b) >= len(a) {
				t.Errorf("%s not smaller: %d → %d", p, len(a), len(b))
			}
		}
	}
	// Files of static/ are copied as they are, minified or not.
	staticSite := site + "-- static/keep.json --\n{\n  \"a\": 1\n}\n"
	if got := buildSite(t, staticSite, withMinify).ok().file("keep.json"); got != "{\n  \"a\": 1\n}\n" {
		t.Errorf("static file minified: %q", got)
	}
	small.contains("2025/01/a/index.html", "<h1>A & &lt;b></h1>", "<em>text</em>", `<script type="application/ld+json">{"@context":"https://schema.org"`)
}
