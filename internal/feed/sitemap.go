package feed

import (
	"encoding/xml"
	"strconv"
	"time"
)

// maxSitemapURLs is the most URLs one sitemap file may list (sitemaps.org).
const maxSitemapURLs = 50000

const nsSitemap = "http://www.sitemaps.org/schemas/sitemap/0.9"

// URL is one page of a sitemap: its absolute location and, when known, when
// it last changed.
type URL struct {
	Loc     string
	LastMod time.Time // zero when unknown
}

type urlSet struct {
	XMLName xml.Name     `xml:"http://www.sitemaps.org/schemas/sitemap/0.9 urlset"`
	URLs    []sitemapLoc `xml:"url"`
}

type sitemapIndex struct {
	XMLName  xml.Name     `xml:"http://www.sitemaps.org/schemas/sitemap/0.9 sitemapindex"`
	Sitemaps []sitemapLoc `xml:"sitemap"`
}

type sitemapLoc struct {
	Loc     string `xml:"loc"`
	LastMod string `xml:"lastmod,omitempty"`
}

// Sitemaps returns the files of a sitemap for urls: "sitemap.xml" alone when
// there are at most 50,000 URLs; past that, "sitemap.xml" becomes a sitemap
// index pointing to "sitemap-1.xml", "sitemap-2.xml", … (each at most 50,000
// URLs), whose absolute locations are baseURL + name. lastmod is written as
// YYYY-MM-DD (a W3C datetime, in UTC) when not zero; an index entry's
// lastmod is the newest of its file's URLs. Namespace
// http://www.sitemaps.org/schemas/sitemap/0.9. The sitemaps.org schema
// wants at least one URL: with none, sitemap.xml is an empty urlset, which
// is well-formed but not valid.
func Sitemaps(urls []URL, baseURL string) map[string][]byte {
	if len(urls) <= maxSitemapURLs {
		return map[string][]byte{"sitemap.xml": marshalXML(newURLSet(urls))}
	}
	files := make(map[string][]byte)
	var index sitemapIndex
	for n := 1; len(urls) > 0; n++ {
		chunk := urls[:min(len(urls), maxSitemapURLs)]
		urls = urls[len(chunk):]
		name := "sitemap-" + strconv.Itoa(n) + ".xml"
		files[name] = marshalXML(newURLSet(chunk))
		index.Sitemaps = append(index.Sitemaps, sitemapLoc{
			Loc:     clean(baseURL + name),
			LastMod: w3cDate(newest(chunk)),
		})
	}
	files["sitemap.xml"] = marshalXML(index)
	return files
}

// newURLSet converts urls into one sitemap file.
func newURLSet(urls []URL) urlSet {
	set := urlSet{URLs: make([]sitemapLoc, len(urls))}
	for i, u := range urls {
		set.URLs[i] = sitemapLoc{Loc: clean(u.Loc), LastMod: w3cDate(u.LastMod)}
	}
	return set
}

// newest returns the latest LastMod of urls, zero when none has one.
func newest(urls []URL) time.Time {
	var t time.Time
	for _, u := range urls {
		if u.LastMod.After(t) {
			t = u.LastMod
		}
	}
	return t
}

// w3cDate formats t as a W3C date (YYYY-MM-DD) in UTC, or "" when t is zero.
func w3cDate(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.UTC().Format(time.DateOnly)
}
