package build_test

import (
	"encoding/json"
	"regexp"
	"strings"
	"testing"
)

var (
	metaDescription = regexp.MustCompile(`<meta name="description" content="([^"]+)">`)
	jsonLD          = regexp.MustCompile(`<script type="application/ld\+json">(.*?)</script>`)
)

// TestEveryPageDescribed: with no description in brief.toml, every page
// still has one, made from what it shows.
func TestEveryPageDescribed(t *testing.T) {
	r := buildSite(t, strikes).ok() // no description in brief.toml
	pages := 0
	for _, p := range r.mem.Paths() {
		if !strings.HasSuffix(p, ".html") || strings.Contains(r.file(p), `http-equiv="refresh"`) {
			continue
		}
		pages++
		m := metaDescription.FindStringSubmatch(r.file(p))
		if m == nil || strings.TrimSpace(m[1]) == "" {
			t.Errorf("%s has no meta description", p)
		}
	}
	if pages < 10 {
		t.Fatalf("only %d pages", pages)
	}
	r.contains("index.html", `<meta name="description" content="Briefings of `)
	r.contains("tags/drones/index.html", `<meta name="description" content="Briefings tagged drones: `)
	r.contains("search/index.html", `<meta name="description" content="Search the briefings of `)
}

// TestArticleAuthorAndImage: a briefing's JSON-LD names the site as author
// when there is no byline, and its first image, made absolute, as image
// and og:image.
func TestArticleAuthorAndImage(t *testing.T) {
	r := buildSite(t, `
-- brief.toml --
title = "Desk"
baseURL = "https://example.org/news/"
-- content/a.md --
---
title: A
date: 2025-01-01
---
Text.

![A map](maps/front.png) ![Another](/news/b.png)
-- content/b.md --
---
title: B
date: 2025-01-02
---
No image.
-- content/c.md --
---
title: C
date: 2025-01-03
---
![Inline](data:image/png;base64,AAAA)
`)
	type article struct {
		Author []struct {
			Type string `json:"@type"`
			Name string `json:"name"`
		} `json:"author"`
		Image []string `json:"image"`
	}
	read := func(p string) article {
		m := jsonLD.FindStringSubmatch(r.file(p))
		if m == nil {
			t.Fatalf("%s: no JSON-LD", p)
		}
		var a article
		if err := json.Unmarshal([]byte(m[1]), &a); err != nil {
			t.Fatalf("%s: %v", p, err)
		}
		return a
	}
	a, b := read("2025/01/a/index.html"), read("2025/01/b/index.html")
	const img = "https://example.org/news/2025/01/a/maps/front.png"
	if len(a.Image) != 1 || a.Image[0] != img {
		t.Errorf("image = %v, want [%s]", a.Image, img)
	}
	r.contains("2025/01/a/index.html", `<meta property="og:image" content="`+img+`">`)
	if b.Image != nil {
		t.Errorf("a briefing without images has image %v", b.Image)
	}
	r.lacks("2025/01/b/index.html", "og:image")
	r.lacks("2025/01/c/index.html", "og:image", `"image"`)
	for _, x := range []article{a, b} {
		if len(x.Author) != 1 || x.Author[0].Type != "Organization" || x.Author[0].Name != "Desk" {
			t.Errorf("author = %+v, want the site as Organization", x.Author)
		}
	}
}

// TestFavicon: every page names the default favicon, written at the site
// root; a favicon.svg of the site's static/ replaces it.
func TestFavicon(t *testing.T) {
	r := buildSite(t, strikes).ok()
	r.contains("index.html", `<link rel="icon" type="image/svg+xml" href="/repo/favicon.svg">`)
	r.contains("404.html", `<link rel="icon" type="image/svg+xml" href="/repo/favicon.svg">`)
	r.contains("favicon.svg", `<svg xmlns="http://www.w3.org/2000/svg"`)
	own := buildSite(t, strikes+"-- static/favicon.svg --\n<svg>own</svg>\n").ok()
	if got := own.file("favicon.svg"); got != "<svg>own</svg>\n" {
		t.Errorf("favicon.svg = %q, want the site's own", got)
	}
	if len(own.diags.Errors()) > 0 {
		t.Error(own.diags)
	}
}
