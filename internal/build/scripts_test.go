package build_test

import (
	"strings"
	"testing"

	"github.com/brief-ssg/brief/internal/linkcheck"
	"github.com/brief-ssg/brief/internal/slug"
)

// TestNonLatinNamesWriteFeedsAtUnescapedPaths: the page and the feed of a
// tag or actor named in any script are written in one folder, named as
// the slug itself (never its percent-escaped form), and linked escaped.
func TestNonLatinNamesWriteFeedsAtUnescapedPaths(t *testing.T) {
	r := buildSite(t, `
-- brief.toml --
title = "T"
baseURL = "https://example.org/repo/"
-- content/2025/2025-01-01-a.md --
---
title: A
date: 2025-01-01
tags: [війна, 战争, ß, ﬁnance]
actors: [Київ]
---
Body.
`).ok()
	for _, dir := range []string{"tags/війна/", "tags/战争/", "tags/ß/", "tags/ﬁnance/", "actors/київ/"} {
		r.file(dir + "index.html")
		r.file(dir + "index.xml")
	}
	for _, p := range r.mem.Paths() {
		if strings.Contains(p, "%") {
			t.Errorf("output path %s is escaped", p)
		}
	}
	r.contains("tags/війна/index.html", `href="https://example.org/repo/tags/%D0%B2%D1%96%D0%B9%D0%BD%D0%B0/index.xml"`)
	r.contains("tags/війна/index.xml", `<atom:link href="https://example.org/repo/tags/%D0%B2%D1%96%D0%B9%D0%BD%D0%B0/index.xml"`)
	r.contains("sitemap.xml", "<loc>https://example.org/repo/tags/%D0%B2%D1%96%D0%B9%D0%BD%D0%B0/</loc>", "<loc>https://example.org/repo/actors/by/country/unknown/</loc>")
	r.lacks("sitemap.xml", "%25")
	// brief check's link checker finds every link of every page.
	files := map[string][]byte{}
	for _, p := range r.mem.Paths() {
		files[p], _ = r.mem.Get(p)
	}
	if res := linkcheck.Check(linkcheck.Site{Files: files, BaseURL: "https://example.org/repo/"}); len(res.Diags) > 0 {
		t.Errorf("link check:\n%v", res.Diags)
	}
}

// TestLongNamesGetBoundedDistinctSlugs: two 300-byte Cyrillic names that
// share their first slug.MaxLen bytes get two slugs of at most MaxLen
// bytes, the second with a suffix, the same on every build.
func TestLongNamesGetBoundedDistinctSlugs(t *testing.T) {
	long := strings.Repeat("довгоназва", 15) // 300 bytes
	site := `
-- content/2025/2025-01-01-a.md --
---
title: A
date: 2025-01-01
tags: [` + long + `, ` + long + `ь]
---
Body.
`
	first := slug.Make(long)
	second := slug.Suffixed(first, 2)
	if len(first) > slug.MaxLen || len(second) > slug.MaxLen || first == second {
		t.Fatalf("slugs %q and %q", first, second)
	}
	for range 2 {
		r := buildSite(t, site).ok()
		r.file("tags/" + first + "/index.xml")
		r.file("tags/" + second + "/index.xml")
	}
}
