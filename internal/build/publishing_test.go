package build_test

import (
	"encoding/json"
	"encoding/xml"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"os/exec"
	"path"
	"path/filepath"
	"strings"
	"testing"

	"github.com/mmcdole/gofeed"

	"github.com/brief-ssg/brief/internal/build"
	"github.com/brief-ssg/brief/internal/publish"
	"github.com/brief-ssg/brief/layouts"
)

// exampleAt builds the bundled example site with another base URL.
func exampleAt(t *testing.T, baseURL string) *publish.Memory {
	t.Helper()
	fsys := os.DirFS("../..")
	cfg, diags := build.LoadConfig(fsys)
	mem := publish.NewMemory()
	_, bd := build.Run(build.Options{Site: fsys, Layouts: layouts.FS, Config: cfg, BaseURL: baseURL, Now: testNow}, mem)
	if err := append(diags, bd...).Err(); err != nil {
		t.Fatal(err)
	}
	return mem
}

// Row 51: the site built for https://example.org/sub/ and served under
// /sub/ by a real HTTP server has no broken internal link: every href and
// src of every page, every feed link and every sitemap location answers.
func TestCrawlUnderSubPath(t *testing.T) {
	site := exampleAt(t, "https://example.org/sub/")
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		p, ok := strings.CutPrefix(r.URL.Path, "/sub/")
		if !ok {
			http.NotFound(w, r)
			return
		}
		if p == "" || strings.HasSuffix(p, "/") {
			p += "index.html"
		}
		body, found := site.Get(p)
		if !found {
			http.NotFound(w, r)
			return
		}
		w.Write(body)
	}))
	defer srv.Close()
	local := func(u *url.URL) string { return srv.URL + u.EscapedPath() }

	seen := map[string]bool{}
	queue := []string{"https://example.org/sub/", "https://example.org/sub/sitemap.xml", "https://example.org/sub/index.xml"}
	for len(queue) > 0 {
		raw := queue[0]
		queue = queue[1:]
		u, _ := url.Parse(raw)
		u.Fragment = ""
		if seen[u.String()] {
			continue
		}
		seen[u.String()] = true
		resp, err := http.Get(local(u))
		if err != nil {
			t.Fatal(err)
		}
		body, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		if resp.StatusCode != 200 {
			t.Errorf("broken link: %s answers %d", u, resp.StatusCode)
			continue
		}
		var found []string
		switch path.Ext(u.Path) {
		case ".xml":
			found = xmlLinks(string(body))
		case ".css", ".json", ".txt":
		default:
			found = links(string(body))
		}
		for _, l := range found {
			ref, err := u.Parse(l)
			if err != nil {
				t.Errorf("%s: bad link %q", u, l)
				continue
			}
			if ref.Host == "example.org" {
				if !strings.HasPrefix(ref.Path, "/sub/") {
					t.Errorf("%s links outside /sub/: %s", u, ref)
				}
				queue = append(queue, ref.String())
			}
		}
	}
	if len(seen) < 40 {
		t.Errorf("crawled only %d URLs", len(seen))
	}
}

// xmlLinks returns the <loc>, <link> and href values of a feed or sitemap.
func xmlLinks(doc string) []string {
	var out []string
	dec := xml.NewDecoder(strings.NewReader(doc))
	var inLink bool
	for {
		tok, err := dec.Token()
		if err != nil {
			return out
		}
		switch t := tok.(type) {
		case xml.StartElement:
			inLink = t.Name.Local == "loc" || t.Name.Local == "link" && t.Name.Space == ""
			for _, a := range t.Attr {
				if a.Name.Local == "href" {
					out = append(out, a.Value)
				}
			}
		case xml.CharData:
			if inLink && strings.TrimSpace(string(t)) != "" {
				out = append(out, strings.TrimSpace(string(t)))
			}
		case xml.EndElement:
			inLink = false
		}
	}
}

// The feeds of the example, parsed back by a feed reader library: every
// briefing, newest first, with its title, link and dates.
func TestFeedsRoundTrip(t *testing.T) {
	site := exampleAt(t, "https://example.org/sub/")
	want := []struct{ title, link string }{}
	r := &result{t: t, mem: site}
	home := r.file("index.html")
	for _, l := range links(home) {
		if strings.HasPrefix(l, "/sub/2025/12/") && strings.Count(l, "/") == 5 {
			want = append(want, struct{ title, link string }{"", "https://example.org" + l})
		}
	}
	parser := gofeed.NewParser()
	for _, name := range []string{"index.xml", "atom.xml", "feed.json", "tags/diplomacy/index.xml", "actors/rustem-umerov/index.xml"} {
		f, err := parser.ParseString(r.file(name))
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		if len(f.Items) == 0 {
			t.Errorf("%s: no items", name)
		}
		for i, it := range f.Items {
			if it.Title == "" || !strings.HasPrefix(it.Link, "https://example.org/sub/20") || it.PublishedParsed == nil {
				t.Errorf("%s item %d: title %q link %q published %v", name, i, it.Title, it.Link, it.PublishedParsed)
			}
			if i > 0 && it.PublishedParsed != nil && f.Items[i-1].PublishedParsed != nil && it.PublishedParsed.After(*f.Items[i-1].PublishedParsed) {
				t.Errorf("%s: items not newest first", name)
			}
			if strings.Contains(it.Content+it.Description, `href="/sub/`) {
				t.Errorf("%s: root-relative link left in the content of %s", name, it.Link)
			}
		}
		if strings.HasPrefix(name, "index") || name == "atom.xml" || name == "feed.json" {
			if len(f.Items) != len(want) {
				t.Errorf("%s: %d items, the home page lists %d briefings", name, len(f.Items), len(want))
			}
		}
	}
	var jf struct {
		Version string
		Items   []struct {
			ID          string
			URL         string
			ContentHTML string `json:"content_html"`
		}
	}
	if err := json.Unmarshal([]byte(r.file("feed.json")), &jf); err != nil {
		t.Fatal(err)
	}
	if jf.Version != "https://jsonfeed.org/version/1.1" {
		t.Errorf("JSON Feed version %q", jf.Version)
	}
	for _, it := range jf.Items {
		if it.ID == "" || it.URL == "" || it.ContentHTML == "" {
			t.Errorf("JSON Feed item lacks a required field: %+v", it)
		}
	}
}

// The feeds and sitemap of the example validate against their schemas
// (in internal/feed/testdata) with xmllint.
func TestFeedsAndSitemapValidate(t *testing.T) {
	xmllint, err := exec.LookPath("xmllint")
	if err != nil {
		if os.Getenv("BRIEF_REQUIRE_BROWSER") == "1" {
			t.Fatal("xmllint is required (apt-get install libxml2-utils)")
		}
		t.Skip("skipping: xmllint not installed (apt-get install libxml2-utils)")
	}
	site := exampleAt(t, "https://example.org/sub/")
	dir := t.TempDir()
	write := func(name string) string {
		b, _ := site.Get(name)
		p := filepath.Join(dir, strings.ReplaceAll(name, "/", "_"))
		os.WriteFile(p, b, 0o644)
		return p
	}
	schemas, _ := filepath.Abs("../feed/testdata")
	for _, c := range []struct{ file, flag, schema string }{
		{"index.xml", "", ""},
		{"tags/diplomacy/index.xml", "", ""},
		{"atom.xml", "--relaxng", "atom.rng"},
		{"sitemap.xml", "--schema", "sitemap.xsd"},
	} {
		args := []string{"--noout", "--nonet"}
		if c.flag != "" {
			args = append(args, c.flag, filepath.Join(schemas, c.schema))
		}
		out, err := exec.Command(xmllint, append(args, write(c.file))...).CombinedOutput()
		if err != nil {
			t.Errorf("%s does not validate: %v\n%s", c.file, err, out)
		}
	}
}

func TestRobotsAndHeaders(t *testing.T) {
	r := buildSite(t, `
-- brief.toml --
baseURL = "https://example.org/sub/"
headers = true
-- content/a.md --
---
title: A
date: 2025-01-01
---
A.
`).ok()
	// Crawlers read robots.txt at the root of the host alone: under a
	// sub-path the build writes none and says what to put in that one.
	r.absent("robots.txt")
	r.reports(`brief.toml: warning: baseURL has the path /sub/, and crawlers read robots.txt only at the root of the host, https://example.org/robots.txt: brief writes none; add the line "Sitemap: https://example.org/sub/sitemap.xml" to the robots.txt there`)
	root := buildSite(t, `
-- brief.toml --
baseURL = "https://example.org/"
-- content/a.md --
---
title: A
date: 2025-01-01
---
A.
`).ok()
	if got := root.file("robots.txt"); got != "User-agent: *\nAllow: /\n\nSitemap: https://example.org/sitemap.xml\n" {
		t.Errorf("robots.txt = %q", got)
	}
	if len(root.diags) > 0 {
		t.Errorf("a site at the root of its host: %v", root.diags)
	}
	r.contains("_headers", "/sub/style.", ".css\n  Cache-Control: public, max-age=31536000, immutable")
	r.contains("sitemap.xml", "<loc>https://example.org/sub/2025/01/a/</loc>", "<lastmod>2025-01-01</lastmod>")
	r.lacks("sitemap.xml", "404.html")
	r.contains("2025/01/a/index.html", `<link rel="alternate" type="application/rss&#43;xml" title="Briefings (RSS)" href="https://example.org/sub/index.xml">`)
}

// Row 19: a hostile title, emoji, right-to-left text and & stay escaped in
// <title>, og:*, JSON-LD and every feed, and every output stays well-formed.
func TestHostileTitleEverywhere(t *testing.T) {
	const title = `"><script>alert(1)</script> & 🚀 مرحبا ]]>`
	r := buildSite(t, `
-- brief.toml --
baseURL = "https://example.org/"
-- content/a.md --
---
title: '"><script>alert(1)</script> & 🚀 مرحبا ]]>'
date: 2025-01-01
tags: [x]
actors: [A & B]
---
Body with <b>raw</b> & ]]> text.
`)
	if r.diags.Err() != nil {
		t.Fatal(r.diags)
	}
	page := r.file("2025/01/a/index.html")
	if strings.Contains(page, "<script>alert") {
		t.Errorf("unescaped script in the page")
	}
	r.contains("2025/01/a/index.html",
		`<title>&#34;&gt;&lt;script&gt;alert(1)&lt;/script&gt; &amp; 🚀 مرحبا ]]&gt; · Briefings</title>`,
		`<meta property="og:title" content="&#34;&gt;&lt;script&gt;alert(1)&lt;/script&gt; &amp; 🚀 مرحبا ]]&gt;">`,
		`\u003c/script\u003e`)
	// The JSON-LD parses back to the same data.
	start := strings.Index(page, `<script type="application/ld+json">`) + len(`<script type="application/ld+json">`)
	end := strings.Index(page[start:], "</script>")
	var ld struct {
		Context       string `json:"@context"`
		Type          string `json:"@type"`
		Headline      string
		DatePublished string
		Keywords      string
		About         []struct{ Name, URL string }
		Publisher     struct{ Name string }
	}
	if err := json.Unmarshal([]byte(page[start:start+end]), &ld); err != nil {
		t.Fatalf("JSON-LD does not parse: %v\n%s", err, page[start:start+end])
	}
	if ld.Type != "NewsArticle" || ld.Headline != title || ld.DatePublished != "2025-01-01T00:00:00Z" || ld.Keywords != "x" ||
		len(ld.About) != 1 || ld.About[0].Name != "A & B" || ld.About[0].URL != "https://example.org/actors/a-b/" || ld.Publisher.Name != "Briefings" {
		t.Errorf("JSON-LD = %+v", ld)
	}
	parser := gofeed.NewParser()
	for _, name := range []string{"index.xml", "atom.xml", "feed.json", "tags/x/index.xml"} {
		f, err := parser.ParseString(r.file(name))
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		if len(f.Items) != 1 || f.Items[0].Title != title {
			t.Errorf("%s: title = %q, want %q", name, f.Items[0].Title, title)
		}
		if !strings.Contains(f.Items[0].Content+f.Items[0].Description, "]]&gt; text") && !strings.Contains(f.Items[0].Content+f.Items[0].Description, "]]> text") {
			t.Errorf("%s: body lost: %q", name, f.Items[0].Content+f.Items[0].Description)
		}
	}
}

// TestSitemapDatesInSiteZone: lastmod is the date in the site's time zone,
// not in UTC, where a briefing of 00:30 in Kyiv is of the day before.
func TestSitemapDatesInSiteZone(t *testing.T) {
	r := buildSite(t, `
-- brief.toml --
baseURL = "https://example.org/"
timezone = "Europe/Kyiv"
-- content/a.md --
---
title: A
date: 2025-12-01T00:30:00
---
A.
`).ok()
	r.contains("sitemap.xml", "<loc>https://example.org/2025/12/a/</loc>\n    <lastmod>2025-12-01</lastmod>")
	r.lacks("sitemap.xml", "2025-11-30")
}
