package build_test

import (
	"net/url"
	"os"
	"strings"
	"testing"

	"github.com/mmcdole/gofeed"
	nethtml "golang.org/x/net/html"
)

// feedURLSite has every kind of relative URL a briefing's Markdown can
// make: heading anchors, fragments, root- and path-relative links, images.
const feedURLSite = `-- brief.toml --
title = "T"
baseURL = "https://example.org/news/"
-- content/2025/12/a.md --
---
title: A
date: 2025-12-01
tags: [x]
---
## First

See [below](#second), [the archive](/news/2025/), [b](../b/), [c](c/?q=1&r=2)
and ![a map](map.png "Map").

## Second

[Elsewhere](https://other.example/x), [mail](mailto:desk@example.org).
-- content/2025/12/b.md --
---
title: B
date: 2025-12-02
---
Text.
`

// TestFeedContentURLsAbsolute parses every href and src in the content of
// every feed, of the example site and of a site with every kind of
// relative link, and requires each to be an absolute URL.
func TestFeedContentURLsAbsolute(t *testing.T) {
	for name, r := range map[string]*result{
		"example": buildFS(t, os.DirFS("../..")).ok(),
		"links":   buildSite(t, feedURLSite).ok(),
	} {
		feeds := 0
		for _, p := range r.mem.Paths() {
			if !strings.HasSuffix(p, "index.xml") && p != "atom.xml" && p != "feed.json" {
				continue
			}
			feeds++
			f, err := gofeed.NewParser().ParseString(r.file(p))
			if err != nil {
				t.Fatalf("%s: %s: %v", name, p, err)
			}
			for _, it := range f.Items {
				for _, u := range contentURLs(it.Content + it.Description) {
					if v, err := url.Parse(u); err != nil || !v.IsAbs() || v.Host == "" && v.Scheme != "mailto" {
						t.Errorf("%s: %s: item %s: URL %q is not absolute", name, p, it.Link, u)
					}
				}
			}
		}
		if feeds < 3 {
			t.Errorf("%s: only %d feeds", name, feeds)
		}
	}
	r := buildSite(t, feedURLSite).ok()
	for _, want := range []string{
		`href="https://example.org/news/2025/12/a/#second"`,
		`href="https://example.org/news/2025/12/a/#first"`,
		`href="https://example.org/news/2025/"`,
		`src="https://example.org/news/2025/12/a/map.png"`,
		`href="https://example.org/news/2025/12/a/c/?q=1&amp;r=2"`,
	} {
		if j := r.file("feed.json"); !strings.Contains(j, strings.ReplaceAll(want, `"`, `\"`)) {
			t.Errorf("feed.json lacks %s", want)
		}
	}
}

// contentURLs returns every href and src in an HTML fragment.
func contentURLs(fragment string) []string {
	z := nethtml.NewTokenizer(strings.NewReader(fragment))
	var out []string
	for tt := z.Next(); tt != nethtml.ErrorToken; tt = z.Next() {
		if tt != nethtml.StartTagToken && tt != nethtml.SelfClosingTagToken {
			continue
		}
		for _, a := range z.Token().Attr {
			if a.Key == "href" || a.Key == "src" {
				out = append(out, a.Val)
			}
		}
	}
	return out
}
