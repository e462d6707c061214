package server

import (
	"io"
	"io/fs"
	"net"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"golang.org/x/net/html"

	"github.com/brief-ssg/brief/internal/build"
	"github.com/brief-ssg/brief/internal/publish"
	"github.com/brief-ssg/brief/layouts"
)

// longName is a 300-byte Cyrillic name: its slug is cut to slug.MaxLen
// bytes, and its escaped URL is three times that.
var longName = strings.Repeat("довгоназва", 15)

// namesSite has tags, actors, facets and briefings named in Cyrillic,
// Chinese, with ß and with a ligature, and names and a slug of 300 bytes.
var namesSite = `
-- brief.toml --
title = "Names"
baseURL = "https://example.org/repo/"
timezone = "UTC"
-- content/actors/zhang.md --
---
name: 张伟
country: Україна
kind: person
---
A profile.
-- content/2025/2025-01-01-alpha.md --
---
title: Alpha
date: 2025-01-01
tags: [війна, 战争, ß, ﬁnance, ` + longName + `]
actors: [Київ, 张伟, Straße]
---
Alpha body.
-- content/2025/2025-01-02-мир.md --
---
title: Мир
date: 2025-01-02
tags: [війна, ﬁ, ` + longName + `ь]
actors: [Київ, ` + longName + `]
---
Body of the Cyrillic-named briefing.
-- content/2025/2025-01-03-long.md --
---
title: Довга
slug: ` + longName + `
date: 2025-01-03
tags: [війна]
---
A slug of 300 bytes, cut.
`

// mustFetch lists URLs, escaped as a browser sends them, that a crawl of
// namesSite must have fetched: the pages and feeds of non-Latin names.
var mustFetch = []string{
	"tags/%D0%B2%D1%96%D0%B9%D0%BD%D0%B0/",                          // війна
	"tags/%D0%B2%D1%96%D0%B9%D0%BD%D0%B0/index.xml",                 // its feed
	"tags/%E6%88%98%E4%BA%89/index.xml",                             // 战争
	"tags/%C3%9F/index.xml",                                         // ß
	"tags/%EF%AC%81nance/index.xml",                                 // ﬁnance
	"tags/%EF%AC%81/index.xml",                                      // ﬁ
	"actors/%E5%BC%A0%E4%BC%9F/index.xml",                           // 张伟
	"actors/by/country/%D1%83%D0%BA%D1%80%D0%B0%D1%97%D0%BD%D0%B0/", // Україна
	"2025/01/%D0%BC%D0%B8%D1%80/",                                   // мир
}

// basePaths are the paths namesSite is served under: a project site's,
// and one in Cyrillic.
var basePaths = []string{"/repo/", "/брифінги/"}

// TestNonLatinNamesServeFromAStaticServer builds namesSite to disk, serves
// the folder with net/http's file server on 127.0.0.1 under each of
// basePaths, and fetches every page and every link of the site in every
// page: each answers 200, feeds of tags and actors included.
func TestNonLatinNamesServeFromAStaticServer(t *testing.T) {
	for _, base := range basePaths {
		t.Run(base, func(t *testing.T) {
			root := t.TempDir()
			writeSite(t, root, namesSite)
			public := filepath.Join(root, "public")
			buildToDisk(t, root, public, "https://example.org"+base)
			srv := httptest.NewServer(http.StripPrefix(strings.TrimSuffix(base, "/"), http.FileServer(http.Dir(public))))
			defer srv.Close()

			var pages []string
			filepath.WalkDir(public, func(p string, d fs.DirEntry, err error) error {
				if err == nil && strings.HasSuffix(p, ".html") {
					rel, _ := filepath.Rel(public, p)
					if len(filepath.Base(filepath.Dir(p))) > 255 {
						t.Errorf("folder name of %d bytes: %s", len(filepath.Base(filepath.Dir(p))), rel)
					}
					pages = append(pages, filepath.ToSlash(rel))
				}
				return err
			})
			escaped := (&url.URL{Path: base}).EscapedPath()
			crawl(t, srv.URL+escaped, "https://example.org"+escaped, pages)
		})
	}
}

// TestNonLatinNamesServeFromThePreview fetches every page of namesSite
// and every link of the site in it from brief serve's own server, with
// the site at the server's root and under a Cyrillic path.
func TestNonLatinNamesServeFromThePreview(t *testing.T) {
	for _, base := range append([]string{"/"}, basePaths[1:]...) {
		t.Run(base, func(t *testing.T) {
			ts := prepareAt(t, namesSite, base)
			ts.run()
			snap := ts.srv.cur.Load()
			if snap.failed {
				t.Fatalf("the build failed:\n%v", snap.diags)
			}
			var pages []string
			for p := range snap.files {
				if strings.HasSuffix(p, ".html") {
					pages = append(pages, p)
				}
			}
			slices.Sort(pages)
			if !strings.HasSuffix(ts.srv.URL(), (&url.URL{Path: base}).EscapedPath()) {
				t.Errorf("URL() = %s", ts.srv.URL())
			}
			crawl(t, ts.srv.URL(), ts.srv.URL(), pages)
		})
	}
}

// prepareAt makes a preview of archive that serves the site under base.
func prepareAt(t *testing.T, archive, base string) *testServer {
	t.Helper()
	root := t.TempDir()
	writeSite(t, root, archive)
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	log := &syncBuffer{}
	opt := Options{Root: root, Log: log, Debounce: 30 * time.Millisecond}
	if base != "/" {
		opt.BaseURL = "http://" + ln.Addr().String() + base
	}
	srv, err := New(ln, opt)
	if err != nil {
		t.Fatal(err)
	}
	return &testServer{t: t, root: root, srv: srv, url: "http://" + ln.Addr().String() + "/", log: log}
}

// buildToDisk builds the site at root into dest as brief build does, for
// the site at baseURL.
func buildToDisk(t *testing.T, root, dest, baseURL string) {
	t.Helper()
	fsys := os.DirFS(root)
	cfg, diags := build.LoadConfig(fsys)
	if diags.Err() != nil {
		t.Fatal(diags)
	}
	stage, err := publish.Begin(dest, filepath.Join(root, ".manifest"), "test")
	if err != nil {
		t.Fatal(err)
	}
	_, diags = build.Run(build.Options{Site: fsys, Layouts: layouts.FS, Config: cfg, BaseURL: baseURL, Now: time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)}, stage)
	if diags.Err() != nil {
		stage.Abort()
		t.Fatal(diags)
	}
	if _, err := stage.Commit(); err != nil {
		t.Fatalf("writing the site: %v", err)
	}
}

// crawl fetches each page (an output path) from base, then every link to
// the site in it; links to the site's public URL are fetched from base
// instead. Every fetch must answer 200, and mustFetch must be among them.
func crawl(t *testing.T, base, public string, pages []string) {
	t.Helper()
	baseURL, _ := url.Parse(base)
	publicURL, _ := url.Parse(public)
	status := map[string]int{} // URL fetched → status
	fetch := func(u *url.URL) (string, bool) {
		u.Fragment = ""
		resp, err := http.Get(u.String())
		if err != nil {
			t.Fatalf("GET %s: %v", u, err)
		}
		defer resp.Body.Close()
		body, _ := io.ReadAll(resp.Body)
		status[u.String()] = resp.StatusCode
		return string(body), strings.HasPrefix(resp.Header.Get("Content-Type"), "text/html")
	}
	for _, p := range pages {
		pageURL := baseURL.ResolveReference(&url.URL{Path: strings.TrimSuffix(p, "index.html")})
		body, isHTML := fetch(pageURL)
		if !isHTML {
			continue
		}
		for _, l := range hrefs(body) {
			ref, err := url.Parse(l)
			if err != nil {
				t.Errorf("%s: link %q: %v", p, l, err)
				continue
			}
			u := pageURL.ResolveReference(ref)
			if u.Host == publicURL.Host && strings.HasPrefix(u.Path, publicURL.Path) {
				u.Scheme, u.Host = baseURL.Scheme, baseURL.Host
				u.Path = baseURL.Path + strings.TrimPrefix(u.Path, publicURL.Path)
				u.RawPath = ""
			}
			if u.Host != baseURL.Host {
				continue // another site
			}
			if _, done := status[u.String()]; !done {
				fetch(u)
			}
		}
	}
	var bad []string
	for u, code := range status {
		if code != http.StatusOK {
			bad = append(bad, u)
		}
	}
	slices.Sort(bad)
	for _, u := range bad {
		t.Errorf("GET %s = %d", u, status[u])
	}
	for _, want := range mustFetch {
		if _, ok := status[base+want]; !ok {
			t.Errorf("no link to %s%s in any page", base, want)
		}
	}
	if len(status) < 30 {
		t.Errorf("only %d URLs fetched", len(status))
	}
	t.Logf("%d pages, %d URLs fetched", len(pages), len(status))
}

// hrefs returns every href and src of an HTML document.
func hrefs(doc string) []string {
	var out []string
	z := html.NewTokenizer(strings.NewReader(doc))
	for {
		switch z.Next() {
		case html.ErrorToken:
			return out
		case html.StartTagToken, html.SelfClosingTagToken:
			for more := true; more; {
				var k, v []byte
				k, v, more = z.TagAttr()
				if string(k) == "href" || string(k) == "src" {
					out = append(out, string(v))
				}
			}
		}
	}
}
