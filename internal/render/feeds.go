package render

import (
	"slices"
	"strings"
	"time"

	"github.com/brief-ssg/brief/internal/diag"
	"github.com/brief-ssg/brief/internal/feed"
	"github.com/brief-ssg/brief/internal/parallel"
	"github.com/brief-ssg/brief/internal/site"
)

// SitemapFile and RobotsFile are the crawler files at the site root;
// FaviconFile is the site's icon there, which a file of the same name in
// static/ or layouts/ replaces.
const (
	SitemapFile = "sitemap.xml"
	RobotsFile  = "robots.txt"
	FaviconFile = "favicon.svg"
)

// feedWriter writes the feeds of the site and of each tag and actor, on
// every core. Each briefing's feed item is made once, before any feed, and
// shared by every feed that carries it.
type feedWriter struct {
	s     *site.Site
	limit int
	sink  Sink
	fp    *fingerprints // nil unless the sink keeps files between builds
	keep  Keeper
	diags *diag.Collector

	items map[*site.Entry]feed.Item // read only once the feeds are being made
}

func (w *feedWriter) makeItem(e *site.Entry) feed.Item {
	it := feed.Item{ID: e.Permalink, URL: e.Permalink, Title: e.Title, Summary: e.Summary,
		ContentHTML: feed.AbsoluteURLs(string(e.HTML), e.Permalink), Published: e.Date, Updated: e.Updated}
	for _, t := range e.Tags {
		it.Tags = append(it.Tags, t.Name)
	}
	it.PrepareRSS() // a briefing is in the RSS feeds of its tags and actors too
	return it
}

// build makes the feed of entries (newest first), limited.
func (w *feedWriter) build(title, description, home string, entries []*site.Entry) feed.Feed {
	f := feed.Feed{Title: title, Description: description, Language: w.s.Language, HomeURL: home}
	for _, e := range entries[:min(len(entries), w.limit)] {
		it := w.items[e]
		f.Items = append(f.Items, it)
		if u := latest(it); u.After(f.Updated) {
			f.Updated = u
		}
	}
	return f
}

func latest(it feed.Item) time.Time {
	if it.Updated.After(it.Published) {
		return it.Updated
	}
	return it.Published
}

// feedFile is one feed to write: its path, the briefings it lists (newest
// first, before the limit), its tag or actor, and how to make its bytes.
type feedFile struct {
	path    string
	entries []*site.Entry
	term    *site.Term
	make    func(b []byte) []byte // appends the feed to b
}

// writeAll writes every feed.
func (w *feedWriter) writeAll() {
	s := w.s
	home := s.Abs(s.BasePath)
	var whole feed.Feed // made once the items are
	files := []feedFile{
		{RSSFile, s.Entries, nil, func(b []byte) []byte { return feed.AppendRSS(b, whole, s.Abs(s.URL(RSSFile))) }},
		{AtomFile, s.Entries, nil, func([]byte) []byte { return feed.Atom(whole, s.Abs(s.URL(AtomFile))) }},
		{JSONFile, s.Entries, nil, func([]byte) []byte { return feed.JSON(whole, s.Abs(s.URL(JSONFile))) }},
	}
	for _, tax := range []*site.Taxonomy{s.Tags, s.Actors} {
		for _, t := range tax.Terms {
			files = append(files, feedFile{t.Dir + RSSFile, t.Entries, t, func(b []byte) []byte {
				description := describeTerm(t)
				if description == "" {
					description = "Briefings about " + t.Name
				}
				f := w.build(s.Title+": "+t.Name, description, s.Abs(t.URL), t.Entries)
				return feed.AppendRSS(b, f, s.Abs(t.URL+RSSFile))
			}})
		}
	}
	// The feeds still held as they are need no items.
	inputs := make([]Input, len(files))
	todo := make([]int, 0, len(files))
	for i, f := range files {
		if w.fp != nil {
			inputs[i] = w.fp.feed(f.path, f.entries[:min(len(f.entries), w.limit)], f.term)
			if _, ok := w.keep.Keep(f.path, inputs[i]); ok {
				continue
			}
		}
		todo = append(todo, i)
	}
	var carried []*site.Entry
	for _, i := range todo {
		for _, e := range files[i].entries[:min(len(files[i].entries), w.limit)] {
			if _, ok := w.items[e]; !ok {
				w.items[e] = feed.Item{}
				carried = append(carried, e)
			}
		}
	}
	items := make([]feed.Item, len(carried))
	parallel.For(len(carried), func(_, i int) { items[i] = w.makeItem(carried[i]) })
	for i, e := range carried {
		w.items[e] = items[i]
	}
	if len(todo) > 0 && todo[0] < 3 { // the site's own feeds come first
		whole = w.build(s.Title, s.Description, home, s.Entries)
	}
	// A buffer a worker: the sink keeps no data it is given.
	bufs := make([][]byte, parallel.Workers())
	parallel.For(len(todo), func(wk, k int) {
		i := todo[k]
		bufs[wk] = files[i].make(bufs[wk][:0])
		if err := w.sink.Write(files[i].path, bufs[wk], inputs[i]); err != nil {
			w.diags.Add(diag.Errorf(diag.Pos{File: files[i].path}, "writing: %v", err))
		}
	})
}

// describeTerm is a tag's description or an actor's role, or "".
func describeTerm(t *site.Term) string {
	switch {
	case t.Tag != nil && t.Tag.Description != "":
		return t.Tag.Description
	case t.Actor != nil && t.Actor.Role != "":
		return t.Name + ": " + t.Actor.Role
	}
	return ""
}

// sitemap lists every page of the site with the date it last changed: a
// briefing's update or date, a list's newest briefing, dated in the
// site's time zone.
func sitemap(s *site.Site, jobs []job) map[string][]byte {
	urls := make([]feed.URL, 0, len(jobs))
	for _, j := range jobs {
		if j.kind == "404" {
			continue
		}
		if j.entry != nil {
			urls = append(urls, feed.URL{Loc: j.entry.Permalink, LastMod: latestOf(j.entry).In(s.Location)})
			continue
		}
		u := feed.URL{Loc: s.Abs(s.URL(strings.TrimSuffix(j.path, "index.html")))}
		for _, e := range j.entries {
			if d := latestOf(e); d.After(u.LastMod) {
				u.LastMod = d.In(s.Location)
			}
		}
		urls = append(urls, u)
	}
	slices.SortFunc(urls, func(a, b feed.URL) int { return strings.Compare(a.Loc, b.Loc) })
	return feed.Sitemaps(urls, s.Abs(s.BasePath))
}

// latestOf is when a briefing last changed: its update, else its date.
func latestOf(e *site.Entry) time.Time {
	if e.Updated.After(e.Date) {
		return e.Updated
	}
	return e.Date
}
