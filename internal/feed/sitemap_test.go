package feed

import (
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"strings"
	"sync"
	"testing"
	"time"
)

// someURLs returns n distinct URLs; every third has no lastmod.
func someURLs(n int) []URL {
	urls := make([]URL, n)
	day := time.Date(2024, 1, 1, 23, 30, 0, 0, nyc) // 2024-01-02 in UTC, but written as New York's date
	for i := range urls {
		urls[i].Loc = fmt.Sprintf("%sbriefings/%d/", home, i)
		if i%3 != 2 {
			urls[i].LastMod = day.Add(time.Duration(i%1000) * time.Hour)
		}
	}
	return urls
}

type urlSetOut struct {
	XMLName xml.Name `xml:"http://www.sitemaps.org/schemas/sitemap/0.9 urlset"`
	URLs    []struct {
		Loc     string `xml:"loc"`
		LastMod string `xml:"lastmod"`
	} `xml:"url"`
}

type indexOut struct {
	XMLName  xml.Name `xml:"http://www.sitemaps.org/schemas/sitemap/0.9 sitemapindex"`
	Sitemaps []struct {
		Loc     string `xml:"loc"`
		LastMod string `xml:"lastmod"`
	} `xml:"sitemap"`
}

func TestSitemapSmall(t *testing.T) {
	urls := []URL{
		{Loc: home},
		{Loc: home + "a?x=1&y=<2>", LastMod: time.Date(2025, 12, 6, 23, 30, 0, 0, nyc)},
		{Loc: home + "b/", LastMod: time.Date(2025, 12, 7, 1, 0, 0, 0, kyiv)},
	}
	files := Sitemaps(urls, home)
	if len(files) != 1 || files["sitemap.xml"] == nil {
		t.Fatalf("files = %v, want sitemap.xml alone", keys(files))
	}
	var out urlSetOut
	decodeXML(t, files["sitemap.xml"], &out)
	want := [][2]string{
		{home, ""},
		{home + "a?x=1&y=<2>", "2025-12-06"}, // the date in the time's own zone: 23:30 in New York,
		{home + "b/", "2025-12-07"},          // 01:00 in Kyiv, not the UTC dates on either side
	}
	if len(out.URLs) != len(want) {
		t.Fatalf("%d URLs, want %d", len(out.URLs), len(want))
	}
	for i, w := range want {
		eq(t, "loc", out.URLs[i].Loc, w[0])
		eq(t, "lastmod", out.URLs[i].LastMod, w[1])
	}
	if bytes.Contains(files["sitemap.xml"], []byte("<lastmod></lastmod>")) {
		t.Error("empty lastmod written")
	}
	if !bytes.Equal(files["sitemap.xml"], Sitemaps(urls, home)["sitemap.xml"]) {
		t.Error("two runs differ")
	}
}

func TestSitemapExactlyMax(t *testing.T) {
	t.Parallel()
	files := Sitemaps(someURLs(maxSitemapURLs), home)
	if len(files) != 1 || files["sitemap.xml"] == nil {
		t.Fatalf("files = %v, want sitemap.xml alone for 50,000 URLs", keys(files))
	}
}

func TestSitemapSplit(t *testing.T) {
	t.Parallel()
	urls, files := largeSitemap()
	if len(files) != 3 || files["sitemap.xml"] == nil || files["sitemap-1.xml"] == nil || files["sitemap-2.xml"] == nil {
		t.Fatalf("files = %v, want sitemap.xml, sitemap-1.xml, sitemap-2.xml", keys(files))
	}
	var index indexOut
	decodeXML(t, files["sitemap.xml"], &index)
	if len(index.Sitemaps) != 2 {
		t.Fatalf("index lists %d sitemaps, want 2", len(index.Sitemaps))
	}
	eq(t, "first loc", index.Sitemaps[0].Loc, home+"sitemap-1.xml")
	eq(t, "second loc", index.Sitemaps[1].Loc, home+"sitemap-2.xml")
	// The newest URL of part 1 is 2024-01-01 23:30 in New York + 999 h.
	eq(t, "first lastmod (newest of its URLs)", index.Sitemaps[0].LastMod, "2024-02-12")
	// Part 2 holds URL 50,000 alone, which has no lastmod (50000 % 3 == 2).
	eq(t, "second lastmod", index.Sitemaps[1].LastMod, "")

	first, second := locs(t, files["sitemap-1.xml"]), locs(t, files["sitemap-2.xml"])
	if len(first) != maxSitemapURLs || len(second) != 1 {
		t.Fatalf("parts hold %d and %d URLs, want 50000 and 1", len(first), len(second))
	}
	for i, loc := range append(first, second...) {
		if loc != urls[i].Loc {
			t.Fatalf("URL %d is %q, want %q", i, loc, urls[i].Loc)
		}
	}
}

// largeSitemap is the sitemap of 50,001 URLs, made once for the tests that
// look at it (it takes a while under the race detector).
var largeSitemap = sync.OnceValues(func() ([]URL, map[string][]byte) {
	urls := someURLs(maxSitemapURLs + 1)
	return urls, Sitemaps(urls, home)
})

// locs reads a sitemap with a strict decoder, in one pass (decoding 50,000
// URLs into structs is slow under the race detector), and returns the text
// of its <url><loc> elements.
func locs(t *testing.T, b []byte) []string {
	t.Helper()
	d := xml.NewDecoder(bytes.NewReader(b))
	d.Strict = true
	var out, path []string
	for {
		tok, err := d.Token()
		if errors.Is(err, io.EOF) {
			return out
		}
		if err != nil {
			t.Fatalf("sitemap is not well-formed XML: %v", err)
		}
		switch tok := tok.(type) {
		case xml.StartElement:
			path = append(path, tok.Name.Space+" "+tok.Name.Local)
		case xml.EndElement:
			path = path[:len(path)-1]
		case xml.CharData:
			if strings.Join(path, "/") == nsSitemap+" urlset/"+nsSitemap+" url/"+nsSitemap+" loc" {
				out = append(out, string(tok))
			}
		}
	}
}

func keys(m map[string][]byte) []string {
	var ks []string
	for k := range m {
		ks = append(ks, k)
	}
	return ks
}

// TestSitemapBytesMatchEncodingXML checks the hand-written sitemap against
// encoding/xml on URLs with every character XML escapes, with and without
// lastmod, for both roots and for no entries at all.
func TestSitemapBytesMatchEncodingXML(t *testing.T) {
	type urlSet struct {
		XMLName xml.Name     `xml:"http://www.sitemaps.org/schemas/sitemap/0.9 urlset"`
		URLs    []sitemapLoc `xml:"url"`
	}
	type sitemapIndex struct {
		XMLName  xml.Name     `xml:"http://www.sitemaps.org/schemas/sitemap/0.9 sitemapindex"`
		Sitemaps []sitemapLoc `xml:"sitemap"`
	}
	pieces := []string{"a", "/", "é", "\"", "'", "&", "<", ">", "\t", "\n", "\r", "?x=1", "&amp;", "\u2028", "日本"}
	for n := range 60 {
		locs := make([]sitemapLoc, n%7)
		for i := range locs {
			var loc strings.Builder
			loc.WriteString(home)
			for k := range (n*7 + i) % 9 {
				loc.WriteString(pieces[(n*13+i*5+k*3)%len(pieces)])
			}
			locs[i].Loc = clean(loc.String())
			if (n+i)%3 != 0 {
				locs[i].LastMod = "2025-12-0" + fmt.Sprint(1+i)
			}
		}
		if got, want := appendLocs(nil, "urlset", "url", locs), marshalXML(urlSet{URLs: locs}); !bytes.Equal(got, want) {
			t.Fatalf("urlset of %q:\n%s\nwant\n%s", locs, got, want)
		}
		if got, want := appendLocs(nil, "sitemapindex", "sitemap", locs), marshalXML(sitemapIndex{Sitemaps: locs}); !bytes.Equal(got, want) {
			t.Fatalf("sitemapindex of %q:\n%s\nwant\n%s", locs, got, want)
		}
	}

	// A sitemap is sized before it is written, into one buffer.
	locs := make([]sitemapLoc, 5000)
	for i := range locs {
		locs[i] = sitemapLoc{Loc: fmt.Sprintf("%s2025/12/%d/briefing-%d/?a=1&b=2", home, 1+i%28, i), LastMod: "2025-12-06"}
	}
	for _, root := range [][2]string{{"urlset", "url"}, {"sitemapindex", "sitemap"}} {
		if got, size := len(appendLocs(nil, root[0], root[1], locs)), locsSize(root[0], root[1], locs); got > size {
			t.Errorf("%s of 5,000 URLs: %d bytes, sized for %d", root[0], got, size)
		}
	}
	if n := testing.AllocsPerRun(5, func() { appendLocs(nil, "urlset", "url", locs) }); n != 1 && !raceEnabled {
		t.Errorf("appendLocs of 5,000 URLs: %.0f allocations, want 1", n)
	}
}

// TestRSSBytesMatchEncodingXML checks the hand-written RSS against
// encoding/xml on feeds with every character XML escapes, empty and left
// out fields, categories and creators.
func TestRSSBytesMatchEncodingXML(t *testing.T) {
	type rssDoc struct {
		XMLName xml.Name   `xml:"rss"`
		Version string     `xml:"version,attr"`
		NSAtom  string     `xml:"xmlns:atom,attr"`
		NSDC    string     `xml:"xmlns:dc,attr"`
		Channel rssChannel `xml:"channel"`
	}
	pieces := []string{"", "a", "Київ", "\"", "'", "&", "<b>", "\t", "\n", "\r", "&amp;", "\x00", "\xff", "\ufffe", "日本", " "}
	str := func(n int) string {
		var b strings.Builder
		for k := range n % 5 {
			b.WriteString(pieces[(n*7+k*3)%len(pieces)])
		}
		return b.String()
	}
	for n := range 200 {
		f := Feed{Title: str(n), Description: str(n + 1), Language: str(n % 3), HomeURL: home + str(n+2)}
		if n%4 != 0 {
			f.Updated = time.Date(2025, 12, 6, 23, 30, n, 0, nyc)
		}
		for i := range n % 4 {
			it := Item{ID: home + str(n+i), URL: home + str(n+i+1), Title: str(n + i + 2), Summary: str(n + i + 3),
				ContentHTML: str(n+i+4) + "<p>" + str(n*i) + "</p>", Tags: []string{str(i), str(n)}}
			if i%2 == 0 {
				it.Published = time.Date(2025, 1, i+1, 9, 0, 0, 0, kyiv)
				it.Authors = []string{str(n + 5)}
			}
			if i%3 == 1 {
				it.Updated = time.Date(2025, 2, i+1, 9, 0, 0, 0, kyiv)
				it.ContentHTML = ""
			}
			f.Items = append(f.Items, it)
		}
		self := home + "index.xml" + str(n)
		ch := rssChannelOf(f, self)
		want := marshalXML(rssDoc{Version: "2.0", NSAtom: nsAtom, NSDC: nsDC, Channel: *ch})
		if got := RSS(f, self); !bytes.Equal(got, want) {
			t.Fatalf("feed %d:\n%s\nwant\n%s", n, got, want)
		}
		// Items made ready once (every other one), as a site's many
		// feeds share them, give the same bytes.
		for i := range f.Items {
			if (n+i)%2 == 0 {
				f.Items[i].PrepareRSS()
			}
		}
		if got := RSS(f, self); !bytes.Equal(got, want) {
			t.Fatalf("feed %d with prepared items:\n%s\nwant\n%s", n, got, want)
		}
	}
}
