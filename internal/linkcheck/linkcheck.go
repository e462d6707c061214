// Package linkcheck checks a built site the way a reader's browser and a
// feed reader would meet it: every internal link and anchor of every page
// must lead to a file of the site, every feed and sitemap must parse, and,
// when asked, every external link must answer. It reads the built files
// only, so it catches mistakes in a site's own layouts too.
package linkcheck

import (
	"bytes"
	"encoding/json"
	"encoding/xml"
	"io"
	"net/url"
	"path"
	"sort"
	"strings"

	"golang.org/x/net/html"

	"github.com/brief-ssg/brief/internal/diag"
)

// Site is a built site: output path → bytes, and the URL it will have.
type Site struct {
	Files   map[string][]byte
	BaseURL string // absolute, ending in "/"; the site lives under its path
}

// Link is one link found in a page, with where it was found.
type Link struct {
	URL string
	Pos diag.Pos
}

// Result is what Check found: problems, and the external links for an
// optional second pass.
type Result struct {
	Diags    diag.List
	External []Link // http(s) links to other sites, the first place each is used
}

// Check checks every internal link, every anchor and every feed, sitemap
// and JSON file of the site.
func Check(s Site) Result {
	base, err := url.Parse(s.BaseURL)
	if err != nil || base.Host == "" {
		base = &url.URL{Scheme: "http", Host: "localhost", Path: "/"}
	}
	c := &checker{site: s, base: base, ids: map[string]map[string]bool{}, external: map[string]bool{}}
	paths := make([]string, 0, len(s.Files))
	for p := range s.Files {
		paths = append(paths, p)
	}
	sort.Strings(paths)
	var pages []page
	for _, p := range paths {
		switch path.Ext(p) {
		case ".html":
			pg := scan(p, s.Files[p])
			c.ids[p] = pg.ids
			pages = append(pages, pg)
		case ".xml":
			c.checkXML(p)
		case ".json":
			if !json.Valid(s.Files[p]) {
				c.res.Diags.Errorf(diag.Pos{File: p}, "not valid JSON")
			}
		}
	}
	for _, pg := range pages {
		for _, l := range pg.links {
			c.checkLink(pg.path, l)
		}
	}
	c.res.Diags.Sort()
	return c.res
}

type checker struct {
	site     Site
	base     *url.URL
	ids      map[string]map[string]bool // page → element ids
	external map[string]bool
	res      Result
}

// checkLink resolves a link of page p and checks that it leads somewhere.
func (c *checker) checkLink(p string, l Link) {
	pageURL := c.base.ResolveReference(&url.URL{Path: strings.TrimSuffix(p, "index.html")})
	ref, err := url.Parse(strings.TrimSpace(l.URL))
	if err != nil {
		c.res.Diags.Errorf(l.Pos, "link %q is not a valid URL", l.URL)
		return
	}
	u := pageURL.ResolveReference(ref)
	if u.Host == c.base.Host && u.Path+"/" == c.base.Path {
		u.Path = c.base.Path // the site's root without its final slash
	}
	switch {
	case u.Scheme != "http" && u.Scheme != "https":
		return // mailto:, tel:
	case u.Host != c.base.Host || ref.Host != "" && !strings.HasPrefix(u.Path, c.base.Path):
		// A link written with its host to a path outside the site's, as
		// from user.github.io/repo/ to user.github.io/other-repo/, is to
		// another site on the same host.
		c.addExternal(u, l.Pos)
		return
	case !strings.HasPrefix(u.Path, c.base.Path):
		c.res.Diags.Errorf(l.Pos, "link to %s is outside the site, which lives under %s", u.Path, c.base.Path)
		return
	}
	target := strings.TrimPrefix(u.Path, c.base.Path)
	if target == "" || strings.HasSuffix(target, "/") {
		target += "index.html"
	}
	if _, ok := c.site.Files[target]; !ok {
		c.res.Diags.Errorf(l.Pos, "broken link to %s: the site has no such page", u.Path)
		return
	}
	if u.Fragment != "" && path.Ext(target) == ".html" && !c.ids[target][u.Fragment] {
		c.res.Diags.Errorf(l.Pos, "broken link to %s#%s: that page has no element with this id", u.Path, u.Fragment)
	}
}

// addExternal records a link to another site, the first place it is used.
func (c *checker) addExternal(u *url.URL, pos diag.Pos) {
	if !c.external[u.String()] {
		c.external[u.String()] = true
		c.res.External = append(c.res.External, Link{URL: u.String(), Pos: pos})
	}
}

// checkXML reports a feed or sitemap that is not well-formed XML.
func (c *checker) checkXML(p string) {
	dec := xml.NewDecoder(bytes.NewReader(c.site.Files[p]))
	for {
		_, err := dec.Token()
		if err == io.EOF {
			return
		}
		if err != nil {
			line, col := dec.InputPos()
			c.res.Diags.Errorf(diag.Pos{File: p, Line: line, Col: col}, "not well-formed XML: %v", err)
			return
		}
	}
}

// page is what a page links to and the ids it offers.
type page struct {
	path  string
	links []Link
	ids   map[string]bool
}

// scan reads the links (href and src) and element ids of an HTML page,
// with the line and column of each link in the file.
func scan(p string, data []byte) page {
	pg := page{path: p, ids: map[string]bool{}}
	z := html.NewTokenizer(bytes.NewReader(data))
	offset := 0
	for {
		tt := z.Next()
		if tt == html.ErrorToken {
			return pg
		}
		raw := z.Raw()
		start := offset
		offset += len(raw)
		if tt != html.StartTagToken && tt != html.SelfClosingTagToken {
			continue
		}
		name, more := z.TagName()
		for more {
			var k, v []byte
			k, v, more = z.TagAttr()
			switch string(k) {
			case "id":
				pg.ids[string(v)] = true
			case "href", "src":
				if string(name) == "link" && bytes.Contains(raw, []byte(`rel="canonical"`)) {
					continue // the canonical URL is the page itself
				}
				at := start + bytes.Index(raw, k)
				pg.links = append(pg.links, Link{URL: string(v), Pos: position(p, data, at)})
			}
		}
	}
}

func position(p string, data []byte, offset int) diag.Pos {
	line := bytes.Count(data[:offset], []byte("\n")) + 1
	col := offset - bytes.LastIndexByte(data[:offset], '\n')
	return diag.Pos{File: p, Line: line, Col: col}
}
