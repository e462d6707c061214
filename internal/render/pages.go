package render

import (
	"slices"
	"strconv"

	"github.com/brief-ssg/brief/internal/site"
)

// pages lists every page of the site with its output path, in a fixed order.
func pages(s *site.Site, stylesheet, script string, pageSize int) []job {
	if pageSize <= 0 {
		pageSize = 10
	}
	css := s.BasePath + stylesheet
	feeds := siteFeeds(s)
	description := s.Description
	// The pages are listed in order here, and made when they are needed
	// (job.pageOf): a rebuild after an edit of bodies needs few of them.
	var jobs []job
	// add lists a page that fill completes; entries are the briefings it
	// lists, if any.
	add := func(dir, kind, title string, entries []*site.Entry, fill func(*Page)) {
		jobs = append(jobs, job{path: dir + "index.html", kind: kind, entries: entries, make: func() *Page {
			p := &Page{Site: s, Kind: kind, Title: title, URL: s.URL(dir), Stylesheet: css, Feeds: feeds, Entries: entries}
			p.Permalink = s.Abs(p.URL)
			fill(p)
			p.Description = describe(s, p, description)
			if p.Term != nil {
				p.Feeds = append([]FeedLink{termFeed(s, p.Term)}, feeds...)
			}
			return p
		}})
	}
	list := func(dir, kind, title string, entries []*site.Entry, fill func(*Page)) {
		n := max(1, (len(entries)+pageSize-1)/pageSize)
		pageDir := func(i int) string {
			if i == 1 {
				return dir
			}
			return dir + "page/" + strconv.Itoa(i) + "/"
		}
		for i := 1; i <= n; i++ {
			lo, hi := (i-1)*pageSize, min(i*pageSize, len(entries))
			add(pageDir(i), kind, title, entries[lo:hi:hi], func(p *Page) {
				if n > 1 {
					p.Pager = &Pager{Number: i, Total: n, First: s.URL(pageDir(1)), Last: s.URL(pageDir(n))}
					if i > 1 {
						p.Pager.Prev = s.URL(pageDir(i - 1))
					}
					if i < n {
						p.Pager.Next = s.URL(pageDir(i + 1))
					}
				}
				fill(p)
			})
		}
	}
	none := func(*Page) {}

	highlights := s.Highlights
	list("", "home", s.Title, s.Entries, func(p *Page) {
		if p.Pager == nil || p.Pager.Number == 1 {
			p.Highlights = highlights
		}
	})
	for _, y := range s.Years {
		list(y.Dir, "year", strconv.Itoa(y.Year), y.Entries, func(p *Page) { p.Year = y })
		for _, m := range y.Months {
			list(m.Dir, "month", m.Name, m.Entries, func(p *Page) { p.Month = m })
		}
	}
	months := monthTitles(s)
	for _, tax := range []*site.Taxonomy{s.Tags, s.Actors} {
		kind := tax.Kind[:len(tax.Kind)-1] // "tag", "actor"
		add(tax.Kind+"/", tax.Kind, tax.Title, nil, func(p *Page) { p.Terms, p.Facets, p.Sort = tax.Terms, tax.Facets, "name" })
		if len(tax.Facets) > 0 {
			add(tax.Kind+"/"+site.FacetDir+"/count/", tax.Kind, tax.Title+" by number of briefings", nil, func(p *Page) {
				p.Terms, p.Facets, p.Sort = tax.ByCount, tax.Facets, "count"
			})
		}
		for _, f := range tax.Facets {
			add(f.Dir, tax.Kind, tax.Title+": "+f.Value, nil, func(p *Page) {
				p.Terms, p.Facets, p.Facet, p.Sort = f.Terms, tax.Facets, f, "name"
			})
		}
		for _, t := range tax.Terms {
			list(t.Dir, kind, t.Name, t.Entries, func(p *Page) {
				p.Term = t
				if kind == "actor" {
					p.Groups = byMonth(p.Entries, months)
				}
			})
		}
	}
	add(SearchDir, "search", "Search", nil, func(p *Page) { p.SearchScript, p.SearchIndex = s.BasePath+script, s.URL(SearchDir) })
	add("figures/", "figures", "Figures", nil, none)
	for _, sr := range s.Figures {
		add("figures/"+sr.Key+"/", "figure", sr.Label, nil, func(p *Page) { p.Series = sr })
	}
	// A briefing's page is made only when it is needed (job.pageOf): a
	// large site has as many as it has briefings, and they would take
	// memory the search index needs.
	briefings := &briefingPages{s: s, css: css, feeds: feeds, description: description}
	jobs = slices.Grow(jobs, len(s.Entries)+1)
	for _, e := range s.Entries {
		jobs = append(jobs, job{path: e.OutPath, kind: "briefing", entry: e, briefings: briefings})
	}
	notFound := &Page{Site: s, Kind: "404", Title: "Page not found", URL: s.BasePath + "404.html", Permalink: s.Abs(s.BasePath + "404.html"), Stylesheet: css, Feeds: feeds}
	notFound.Description = describe(s, notFound, description)
	jobs = append(jobs, job{path: "404.html", kind: "404", page: notFound})
	return jobs
}

// briefingPages makes the pages of briefings, which are not kept.
type briefingPages struct {
	s           *site.Site
	css         string
	feeds       []FeedLink
	description string
}

func (b *briefingPages) page(e *site.Entry) *Page {
	p := &Page{Site: b.s, Kind: "briefing", Title: e.Title, URL: e.URL, Permalink: e.Permalink, Stylesheet: b.css, Feeds: b.feeds, Entry: e, Image: image(e)}
	p.Description = describe(b.s, p, b.description)
	return p
}
