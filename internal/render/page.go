package render

import (
	"time"

	"github.com/brief-ssg/brief/internal/site"
)

// Page is what every template receives: the site and the one page's data.
// Templates compute nothing; every list and text is ready here.
type Page struct {
	Site       *site.Site
	Kind       string // home, briefing, year, month, tags, tag, actors, actor, figures, figure, 404
	Title      string // the page's own title (h1); the home page's is the site title
	URL        string // root-relative URL of this page
	Permalink  string // absolute URL of this page
	Stylesheet string // root-relative URL of the stylesheet

	// Metadata for the head.
	Description string     // plain text: meta description and og:description
	Image       string     // absolute URL of the page's image for og:image, or ""
	Feeds       []FeedLink // feeds to announce with <link rel="alternate">

	Entry   *site.Entry   // briefing pages
	Entries []*site.Entry // list pages: this page's briefings
	Pager   *Pager        // list pages; nil when there is a single page
	Term    *site.Term    // tag and actor pages
	Terms   []*site.Term  // tags and actors index pages
	Year    *site.Year    // year archives
	Month   *site.Month   // month archives
	Series  *site.Series  // a figure's page
	Groups  []Group       // actor pages: this page's briefings by month

	// Actor index pages: every way to sort and filter them, and the one
	// this page shows (nil for the page by name).
	Facets []*site.Facet
	Facet  *site.Facet
	Sort   string // "name" or "count"

	// The search page: its script and the folder of the index.
	SearchScript string
	SearchIndex  string

	// Highlights are the most reported figure series, on the first page
	// of the home page.
	Highlights []*site.Series
}

// JSONLD is the schema.org data of a briefing page, written as JSON by
// html/template; nil elsewhere. It is made as the page is rendered, not
// kept for every page of the site.
func (p *Page) JSONLD() any {
	if p.Entry == nil {
		return nil
	}
	return articleData(p.Site, p.Entry, p.Image)
}

// Pager links the pages of a paginated list.
type Pager struct {
	Number int    // this page, from 1
	Total  int    // number of pages
	First  string // URL of page 1
	Prev   string // empty on the first page
	Next   string // empty on the last page
	Last   string
}

// FeedLink is a feed a page announces.
type FeedLink struct {
	Type  string // MIME type: application/rss+xml, application/atom+xml, application/feed+json
	Title string
	URL   string // absolute
}

// Group is a run of briefings under a heading, such as a month.
type Group struct {
	Title   string
	Entries []*site.Entry
}

// byMonth groups entries (newest first) by the month of their date, each
// group a slice of entries. titles holds the headings of the site's
// months (monthTitles), made once rather than on every page.
func byMonth(entries []*site.Entry, titles map[int]string) []Group {
	var out []Group
	start := 0
	for i, e := range entries {
		if i == len(entries)-1 || !sameMonth(e.Date, entries[i+1].Date) {
			title, ok := titles[monthKey(e.Date)]
			if !ok {
				title = site.MonthName(e.Date.Year(), e.Date.Month())
			}
			out = append(out, Group{Title: title, Entries: entries[start : i+1 : i+1]})
			start = i + 1
		}
	}
	return out
}

// monthTitles returns the heading of every month that has briefings, by
// monthKey.
func monthTitles(s *site.Site) map[int]string {
	out := map[int]string{}
	for _, y := range s.Years {
		for _, m := range y.Months {
			out[y.Year*12+int(m.Month)] = m.Name
		}
	}
	return out
}

func monthKey(t time.Time) int {
	y, m, _ := t.Date()
	return y*12 + int(m)
}

func sameMonth(a, b time.Time) bool {
	ay, am, _ := a.Date()
	by, bm, _ := b.Date()
	return ay == by && am == bm
}
