package feed

import (
	"slices"
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

// sitemapLoc is one <url> of a sitemap or <sitemap> of an index.
type sitemapLoc struct {
	Loc     string `xml:"loc"`
	LastMod string `xml:"lastmod,omitempty"`
}

// Sitemaps returns the files of a sitemap for urls: "sitemap.xml" alone when
// there are at most 50,000 URLs; past that, "sitemap.xml" becomes a sitemap
// index pointing to "sitemap-1.xml", "sitemap-2.xml", … (each at most 50,000
// URLs), whose absolute locations are baseURL + name. lastmod is written as
// YYYY-MM-DD (a W3C datetime) in the time's own zone, the site's, when
// not zero: a briefing of 1 December at 00:30 in Kyiv was last changed
// on 1 December, not on 30 November as in UTC; an index entry's
// lastmod is the newest of its file's URLs. Namespace
// http://www.sitemaps.org/schemas/sitemap/0.9. The sitemaps.org schema
// wants at least one URL: with none, sitemap.xml is an empty urlset, which
// is well-formed but not valid.
func Sitemaps(urls []URL, baseURL string) map[string][]byte {
	if len(urls) <= maxSitemapURLs {
		return map[string][]byte{"sitemap.xml": appendLocs(nil, "urlset", "url", locsOf(urls))}
	}
	files := make(map[string][]byte)
	var index []sitemapLoc
	for n := 1; len(urls) > 0; n++ {
		chunk := urls[:min(len(urls), maxSitemapURLs)]
		urls = urls[len(chunk):]
		name := "sitemap-" + strconv.Itoa(n) + ".xml"
		files[name] = appendLocs(nil, "urlset", "url", locsOf(chunk))
		index = append(index, sitemapLoc{
			Loc:     clean(baseURL + name),
			LastMod: w3cDate(newest(chunk)),
		})
	}
	files["sitemap.xml"] = appendLocs(nil, "sitemapindex", "sitemap", index)
	return files
}

// appendLocs writes a sitemap file (root "urlset") or index (root
// "sitemapindex") with the bytes encoding/xml would give, a tenth as fast
// to make: a sitemap lists every page of the site. Values are already
// cleaned of characters XML forbids.
func appendLocs(b []byte, root, item string, locs []sitemapLoc) []byte {
	b = slices.Grow(b, locsSize(root, item, locs))
	b = append(b, xmlDecl...)
	b = append(append(append(b, '<'), root...), ` xmlns="`+nsSitemap+`">`...)
	for _, l := range locs {
		b = append(b, "\n  <"+item+">\n    <loc>"...)
		b = appendEscaped(b, l.Loc)
		b = append(b, "</loc>"...)
		if l.LastMod != "" {
			b = append(b, "\n    <lastmod>"...)
			b = appendEscaped(b, l.LastMod)
			b = append(b, "</lastmod>"...)
		}
		b = append(b, "\n  </"+item+">"...)
	}
	if len(locs) > 0 {
		b = append(b, '\n')
	}
	return append(b, "</"+root+">\n"...)
}

// locsSize is about the size of what appendLocs writes, with a little
// room for escapes, so that it is written into one buffer.
func locsSize(root, item string, locs []sitemapLoc) int {
	n := len(xmlDecl) + 2*len(root) + len(nsSitemap) + 32
	for _, l := range locs {
		n += len(l.Loc) + len(l.LastMod) + 2*len(item) + 48 // the tags around them
	}
	return n + n/16
}

// locsOf converts urls into the entries of one sitemap file.
func locsOf(urls []URL) []sitemapLoc {
	locs := make([]sitemapLoc, len(urls))
	for i, u := range urls {
		locs[i] = sitemapLoc{Loc: clean(u.Loc), LastMod: w3cDate(u.LastMod)}
	}
	return locs
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

// w3cDate formats t as a W3C date (YYYY-MM-DD) in its own zone, or ""
// when t is zero.
func w3cDate(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.Format(time.DateOnly)
}
