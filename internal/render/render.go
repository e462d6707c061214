package render

import (
	"bytes"
	"fmt"
	"html"
	"html/template"
	"io"
	"maps"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/brief-ssg/brief/internal/diag"
	"github.com/brief-ssg/brief/internal/feed"
	"github.com/brief-ssg/brief/internal/parallel"
	"github.com/brief-ssg/brief/internal/search"
	"github.com/brief-ssg/brief/internal/site"
)

// Sink receives finished files. Write may be called from several goroutines
// at once and must not keep data after it returns. input fingerprints what
// the file was made from (zero when unknown).
type Sink interface {
	Write(path string, data []byte, input Input) error
}

// Keeper is a Sink that may still hold a page made from the same input; Keep
// reports whether it does, with the page's size, and then the page is not
// rendered at all.
type Keeper interface {
	Keep(path string, input Input) (size int64, ok bool)
}

// Stats counts what was rendered.
type Stats struct {
	Rendered    int // pages whose templates ran; the others were kept
	SearchFiles int // files of the search index
	// Retained counts the pages and crawler files kept as the last build
	// left them, with its memo, without fingerprinting them (see Memo).
	Retained int
}

// job is one page to render: page, or the page made when it is needed
// (pageOf) by make, or from entry for the page of a briefing.
type job struct {
	path      string
	kind      string
	page      *Page
	make      func() *Page
	entries   []*site.Entry // the briefings a list page shows
	entry     *site.Entry
	briefings *briefingPages
}

func (j job) pageOf() *Page {
	switch {
	case j.page != nil:
		return j.page
	case j.make != nil:
		return j.make()
	}
	return j.briefings.page(j.entry)
}

// Options are the settings of rendering.
type Options struct {
	PageSize  int  // briefings per list page
	FeedLimit int  // briefings per feed
	Headers   bool // write _headers (Netlify, Cloudflare Pages)
	// Lazy leaves out the files made from the whole site that an edit
	// changes but a writer rarely looks at — the search index and the data
	// exports — for the preview server, which makes them (LazyFiles) when
	// first asked for.
	Lazy bool
	// Bodies, when set, remembers the search index's work on briefings
	// from one build to the next (search.Options).
	Bodies search.Bodies
	// Again tells that the State will render the site again (Update): it
	// then keeps the list of pages, which is otherwise dropped once they
	// are written, before the search index is made.
	Again bool
	// Step, when set, is told the name of each step of rendering as it
	// ends: "fingerprints", "pages", "sitemap", "feeds", "search index".
	Step func(name string)
	// Last is the memo of the last build into the same destination
	// (State.Memo), for a caller that found that nothing but briefings'
	// bodies changed since; nil otherwise. It is used when the sink is a
	// Retainer.
	Last *Memo
	// PageTimeLimit bounds the time of the layouts on one page;
	// DefaultPageTimeLimit when zero.
	PageTimeLimit time.Duration
}

// step tells opt.Step that a step ended.
func (opt Options) step(name string) {
	if opt.Step != nil {
		opt.Step(name)
	}
}

// State is a rendering of a site kept for the next build in the same
// process (the preview server): the list of pages, their inputs and the
// crawler files, which an edit of briefing bodies does not change.
type State struct {
	s       *site.Site
	t       *Templates
	opt     Options
	jobs    []job
	fp      *fingerprints     // nil unless the sink keeps pages between builds
	crawler map[string][]byte // sitemap, robots.txt, _headers
	// For Memo: the paths of the crawler files and the exports' input.
	crawlerPaths []string
	exports      Input
}

// Site renders every page of s into sink, in parallel, with the feeds,
// the sitemap and robots.txt, and reports every template and write error.
func Site(s *site.Site, t *Templates, opt Options, sink Sink) (*State, Stats, diag.List) {
	st := &State{s: s, t: t, opt: opt}
	// The list of pages beside the fingerprints, which matter only to a
	// sink that keeps pages between builds.
	listed := parallel.Go(func() { st.jobs = pages(s, t.Stylesheet, t.Script, opt.PageSize) })
	if _, ok := sink.(Keeper); ok {
		st.fp = newFingerprints(s, t, opt.Last)
	}
	listed()
	opt.step("fingerprints")
	stats, diags := st.render(sink)
	return st, stats, diags
}

// Update renders the site again into sink after site.Apply gave the
// entries in changed new bodies: only their fingerprints are made again,
// and only the pages and feeds that show them are rendered again when the
// sink keeps the others.
func (st *State) Update(changed []*site.Entry, sink Sink) (Stats, diag.List) {
	if st.fp != nil {
		h := newHasher()
		for _, e := range changed {
			st.fp.entries[e] = st.fp.entryKey(h, e)
		}
		st.fp.summaries = nil // theirs changed
		st.fp.sum(st.s, st.t)
	}
	return st.render(sink)
}

// render writes every file of the site into sink.
func (st *State) render(sink Sink) (Stats, diag.List) {
	s, t, opt, jobs, fp := st.s, st.t, st.opt, st.jobs, st.fp
	var diags diag.Collector
	t.watch = newWatch(opt.PageTimeLimit)
	defer func() {
		t.watch.close()
		t.watch = nil
	}()
	if err := sink.Write(t.Stylesheet, t.css, Input{}); err != nil {
		diags.Add(diag.Errorf(diag.Pos{File: t.Stylesheet}, "writing: %v", err))
	}
	if err := sink.Write(t.Script, t.js, Input{}); err != nil {
		diags.Add(diag.Errorf(diag.Pos{File: t.Script}, "writing: %v", err))
	}
	if err := sink.Write(FaviconFile, t.favicon, Input{}); err != nil {
		diags.Add(diag.Errorf(diag.Pos{File: FaviconFile}, "writing: %v", err))
	}
	diags.Add(redirects(s, jobs, []string{t.Stylesheet, t.Script, FaviconFile}, sink)...)
	keeper, _ := sink.(Keeper)
	if fp == nil {
		keeper = nil
	}
	// With the last build's memo, only the pages that show an entry whose
	// body changed are fingerprinted; the others are retained.
	retainer, _ := sink.(Retainer)
	plan := keeper != nil && retainer != nil && fp.changed != nil
	// The search index and the data exports are made from the site alone.
	// With the memo, few pages are rendered, one at a time: they are made
	// meanwhile, on the core that would wait. Otherwise they are made last,
	// once the pages are out of memory.
	var istats search.Stats
	lazyFiles := func() { istats = st.writeLazy(sink, keeper, plan, &diags) }
	indexed := func() {}
	if plan {
		indexed = parallel.Go(lazyFiles)
	}
	inputs, todo, retained := st.choose(keeper, retainer, plan)
	diags.Add(t.renderCards(listed(jobs, todo))...)
	var failures pageErrors
	// Rendered for a page no year link points to; when it fails, the pages
	// that ask for it report why.
	var years template.HTML
	if d, failed := t.timed(LayoutDir+"/base.html", "the years-nav", func(io.Writer) (err error) {
		years, err = t.yearsNav(&Page{Site: s})
		return err
	}, io.Discard); !failed {
		t.years, t.yearsMade = years, true
	} else if strings.Contains(d.Msg, "took longer than") {
		diags.Add(d) // then every page is stopped
	}
	bufs := make([]bytes.Buffer, parallel.Workers())
	parallel.For(len(todo), func(w, k int) {
		buf := &bufs[w]
		buf.Reset()
		j := jobs[todo[k]]
		j.page = j.pageOf()
		if j.entry == nil {
			jobs[todo[k]].page = j.page // for the next render (Update)
		}
		if d, ok := t.execute(buf, j); !ok {
			failures.add(d, j.path)
		} else if err := sink.Write(j.path, buf.Bytes(), inputs[todo[k]]); err != nil {
			diags.Add(diag.Errorf(diag.Pos{File: j.path}, "writing: %v", err))
		}
	})
	diags.Add(failures.list()...)
	if t.watch.stopped.Load() && diags.List().Err() == nil { // never expected: a stopped build must fail
		diags.Add(diag.Errorf(diag.Pos{File: LayoutDir}, "rendering stopped: a layout took longer than %v", t.watch.limit))
	}
	t.cards = nil // every page that shows them is made; the next render makes them again
	opt.step("pages")
	retained += st.writeCrawler(sink, retainer, plan, &diags)
	opt.step("sitemap")
	if !opt.Again {
		st.jobs = nil // a large site's pages take memory the search index needs
	}
	feeds := &feedWriter{s: s, limit: max(opt.FeedLimit, 1), sink: sink, fp: fp, keep: keeper, diags: &diags, items: map[*site.Entry]feed.Item{}}
	feeds.writeAll()
	opt.step("feeds")
	if plan {
		indexed()
	} else {
		lazyFiles()
	}
	if !opt.Lazy {
		opt.step("search index")
	}
	if fp != nil {
		fp.last, fp.changed = nil, nil // an Update fingerprints every page
	}
	return Stats{Rendered: len(todo), SearchFiles: istats.Files, Retained: retained}, diags.List()
}

// writeLazy writes the search index and the data exports, unless they are
// left to the first request for them (Options.Lazy).
func (st *State) writeLazy(sink Sink, keeper Keeper, plan bool, diags *diag.Collector) search.Stats {
	if st.opt.Lazy {
		return search.Stats{}
	}
	out := search.Options{Bodies: st.opt.Bodies, Emit: func(name string, data []byte, input Input) {
		if err := sink.Write(name, data, input); err != nil {
			diags.Add(diag.Errorf(diag.Pos{File: name}, "writing: %v", err))
		}
	}}
	var exports Input
	if keeper != nil {
		out.Keep = keeper.Keep
		if plan && !st.fp.summaryChanged {
			exports = st.fp.last.Exports // they show no body but its summary
		} else {
			exports = st.fp.exports(st.s)
		}
	}
	st.exports = exports
	return WriteLazy(st.s, out, exports)
}

// writeCrawler writes the sitemap, robots.txt and _headers, and returns
// how many it retained instead: they show nothing of bodies, so with the
// memo (plan) they are as the last build made them, where still intact.
func (st *State) writeCrawler(sink Sink, retainer Retainer, plan bool, diags *diag.Collector) (retained int) {
	if plan && retainAll(retainer, st.fp.last.Crawler) {
		st.crawlerPaths = st.fp.last.Crawler
		return len(st.crawlerPaths)
	}
	s, t := st.s, st.t
	if st.crawler == nil {
		st.crawler = sitemap(s, st.jobs)
		if WritesRobots(s) {
			st.crawler[RobotsFile] = feed.Robots(s.Abs(s.URL(SitemapFile)))
		}
		if st.opt.Headers {
			st.crawler[HeadersFile] = headers(s, t.Stylesheet)
		}
	}
	st.crawlerPaths = slices.Sorted(maps.Keys(st.crawler))
	for _, name := range st.crawlerPaths {
		if err := sink.Write(name, st.crawler[name], Input{}); err != nil {
			diags.Add(diag.Errorf(diag.Pos{File: name}, "writing: %v", err))
		}
	}
	return 0
}

// WritesRobots reports whether the site gets a robots.txt: only when it
// is at the root of its host. Crawlers read robots.txt at the root alone
// (RFC 9309), so one under a sub-path would be ignored, and it must not
// look as if it worked; the build warns instead (RobotsAdvice).
func WritesRobots(s *site.Site) bool { return s.BasePath == "/" }

// RobotsAdvice is what to do about robots.txt for a site under a sub-path
// of its host, or "" for a site at the root.
func RobotsAdvice(s *site.Site) string {
	if WritesRobots(s) {
		return ""
	}
	root := s.Abs("/")
	return "baseURL has the path " + s.BasePath + ", and crawlers read robots.txt only at the root of the host, " + root + RobotsFile +
		": brief writes none; add the line \"Sitemap: " + s.Abs(s.URL(SitemapFile)) + "\" to the robots.txt there"
}

// choose returns the input of every page and the pages to render, with
// how many were retained: without a keeper, all; with one, those it does
// not keep; with the memo too (plan), only the pages that show an edited
// briefing are fingerprinted, and the others retained at once, but for
// those no longer intact on disk, which are fingerprinted and rendered.
func (st *State) choose(keeper Keeper, retainer Retainer, plan bool) (inputs []Input, todo []int, retained int) {
	jobs, fp := st.jobs, st.fp
	inputs = make([]Input, len(jobs))
	todo = make([]int, 0, len(jobs))
	if keeper == nil {
		for i := range jobs {
			todo = append(todo, i)
		}
		return inputs, todo, 0
	}
	hashers := newHashers()
	asIs := make([]bool, len(jobs)) // retained as the last build left them
	parallel.For(len(jobs), func(w, i int) {
		if plan && !fp.affected(jobs[i]) {
			asIs[i] = true
			return
		}
		p := jobs[i].pageOf()
		if jobs[i].entry == nil {
			jobs[i].page = p // made once; a briefing's is made again when rendered
		}
		inputs[i] = fp.page(hashers[w], p)
	})
	if plan {
		var unaffected []int
		var paths []string
		for i, j := range jobs {
			if asIs[i] {
				unaffected = append(unaffected, i)
				paths = append(paths, j.path)
			}
		}
		lost := retainer.Retain(paths)
		retained = len(paths) - len(lost)
		for _, k := range lost {
			i := unaffected[k]
			asIs[i] = false
			inputs[i] = fp.page(hashers[0], jobs[i].pageOf())
		}
	}
	for i, j := range jobs {
		if asIs[i] {
			continue
		}
		if _, ok := keeper.Keep(j.path, inputs[i]); !ok {
			todo = append(todo, i)
		}
	}
	return inputs, todo, retained
}

// retainAll retains every one of paths, reporting whether all were.
func retainAll(r Retainer, paths []string) bool {
	return len(paths) > 0 && len(r.Retain(paths)) == 0
}

// Memo returns what the next build into the same destination may use of
// this one (see Memo), or nil when the sink kept no files between builds.
func (st *State) Memo() *Memo {
	fp := st.fp
	if fp == nil {
		return nil
	}
	m := &Memo{Entries: make([]MemoEntry, len(st.s.Entries)), Exports: st.exports, Crawler: st.crawlerPaths}
	summaries := fp.summaries
	if summaries == nil {
		summaries = summaryDigests(st.s)
	}
	for i, e := range st.s.Entries {
		m.Entries[i] = MemoEntry{Path: e.Path, HTML: e.HTMLSum, Summary: summaries[i], Key: fp.entries[e]}
	}
	return m
}

// listed returns the entries shown in lists on the pages to render, once each.
func listed(jobs []job, todo []int) []*site.Entry {
	seen := map[*site.Entry]bool{}
	var out []*site.Entry
	for _, i := range todo {
		for _, e := range jobs[i].entries {
			if !seen[e] {
				seen[e] = true
				out = append(out, e)
			}
		}
	}
	return out
}

// renderCards renders the "entry" template of every entry once, in
// parallel, for the list pages to reuse.
func (t *Templates) renderCards(entries []*site.Entry) diag.List {
	set := t.pages["home"]
	cards := make([]template.HTML, len(entries))
	var diags diag.Collector
	bufs := make([]bytes.Buffer, parallel.Workers())
	parallel.For(len(entries), func(w, i int) {
		buf := &bufs[w]
		buf.Reset()
		if t.nativeCard {
			nativeCard(htmlWriter{buf}, entries[i])
		} else if set == nil {
			return
		} else if d, failed := t.timed(LayoutDir+"/partials.html", "the entry of "+entries[i].Path, func(w io.Writer) error {
			return set.ExecuteTemplate(w, "entry", entries[i])
		}, buf); failed {
			if d.Msg != "" {
				diags.Add(d)
			}
			return
		}
		cards[i] = template.HTML(buf.String())
	})
	t.cards = make(map[*site.Entry]template.HTML, len(entries))
	for i, e := range entries {
		t.cards[e] = cards[i]
	}
	return diags.List()
}

func (t *Templates) execute(buf *bytes.Buffer, j job) (d diag.Diagnostic, ok bool) {
	set := t.pages[j.kind]
	if set == nil {
		return diag.Errorf(diag.Pos{File: LayoutDir + "/" + j.kind + ".html"}, "layout failed to load"), false
	}
	defer func() {
		if r := recover(); r != nil {
			d, ok = diag.Errorf(diag.Pos{File: LayoutDir + "/" + j.kind + ".html"}, "rendering %s: panic: %v", j.path, r), false
		}
	}()
	layout := LayoutDir + "/" + j.kind + ".html"
	d, failed := t.timed(layout, j.path, func(out io.Writer) error {
		if native := t.native[j.kind]; native.base {
			w := htmlWriter{buf}
			return t.nativeBase(w, j.page, func() error {
				if native.main != nil {
					return native.main(t, w, j.page)
				}
				return set.ExecuteTemplate(out, "main", j.page)
			})
		}
		return set.ExecuteTemplate(out, "base", j.page)
	}, buf)
	return d, !failed
}

// pageErrors gathers the template errors of pages: an error of a layout
// that every page shares (base.html) is reported once, naming the first
// page, in path order, and how many others it stopped.
type pageErrors struct {
	mu    sync.Mutex
	pages map[diag.Diagnostic][]string
}

// add records that d stopped the page at path; a d without message is a
// page stopped because another took too long, and is not reported.
func (p *pageErrors) add(d diag.Diagnostic, path string) {
	if d.Msg == "" {
		return
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.pages == nil {
		p.pages = map[diag.Diagnostic][]string{}
	}
	p.pages[d] = append(p.pages[d], path)
}

func (p *pageErrors) list() diag.List {
	var out diag.List
	for d, paths := range p.pages {
		slices.Sort(paths)
		if !strings.Contains(d.Msg, paths[0]) { // a late page names itself
			d.Msg += " (rendering " + paths[0]
			if len(paths) > 1 {
				d.Msg += fmt.Sprintf(" and %d other pages", len(paths)-1)
			}
			d.Msg += ")"
		}
		out = append(out, d)
	}
	return out
}

// redirects writes a small page for every alias of every briefing that
// sends browsers and crawlers to the briefing. An alias may not replace a
// page of the site or another alias, nor differ from one only in case (one
// file on macOS and Windows), nor need a folder where a file is.
func redirects(s *site.Site, jobs []job, assets []string, sink Sink) diag.List {
	var diags diag.List
	taken := make(map[string]string, len(jobs))
	dirs := map[string]string{} // the folders of what is taken
	take := func(key, what string) {
		taken[key] = what
		for i := strings.LastIndexByte(key, '/'); i > 0; i = strings.LastIndexByte(key[:i], '/') {
			if _, ok := dirs[key[:i]]; ok {
				break
			}
			dirs[key[:i]] = what
		}
	}
	for _, j := range jobs {
		take(strings.ToLower(j.path), "a page of the site")
		if dir, ok := strings.CutSuffix(j.path, "index.html"); ok {
			take(strings.ToLower(dir+RSSFile), "a feed of the site") // where a page may have one
		}
	}
	for _, f := range append(assets, AtomFile, JSONFile, SitemapFile, RobotsFile, HeadersFile, DataBriefings, DataFigures, DataActors) {
		take(strings.ToLower(f), "a file of the site")
	}
	for _, e := range s.Entries {
		for i, p := range e.Redirects {
			at := diag.Pos{File: e.Path, Line: 1, Col: 1}
			if i < len(e.RedirectPos) {
				at = e.RedirectPos[i]
			}
			key := strings.ToLower(p)
			other, ok := taken[key]
			if !ok {
				other, ok = dirs[key] // a file where a folder is
			}
			for dir := key; !ok && strings.Contains(dir, "/"); {
				dir = dir[:strings.LastIndexByte(dir, '/')]
				other, ok = taken[dir] // a folder where a file is
			}
			if ok {
				diags.Errorf(at, "alias /%s would replace %s: remove it", strings.TrimSuffix(p, "index.html"), other)
				continue
			}
			take(key, "an alias of "+e.Path)
			if err := sink.Write(p, redirectPage(e.Permalink), Input{}); err != nil {
				diags.Errorf(diag.Pos{File: p}, "writing: %v", err)
			}
		}
	}
	return diags
}

func redirectPage(target string) []byte {
	t := html.EscapeString(target)
	return []byte(`<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>Moved</title>
<link rel="canonical" href="` + t + `">
<meta name="robots" content="noindex">
<meta http-equiv="refresh" content="0; url=` + t + `">
</head>
<body>
<p>This briefing has moved to <a href="` + t + `">` + t + `</a>.</p>
</body>
</html>
`)
}
