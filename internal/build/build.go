// Package build runs the pipeline once: config → source → markdown → site →
// render → sink. It is the one place that knows the order of the stages;
// the command line and the preview server both call it.
package build

import (
	"encoding/binary"
	"errors"
	"fmt"
	"html/template"
	"io/fs"
	"sync/atomic"
	"time"

	"github.com/brief-ssg/brief/internal/briefing"
	"github.com/brief-ssg/brief/internal/cache"
	"github.com/brief-ssg/brief/internal/config"
	"github.com/brief-ssg/brief/internal/diag"
	"github.com/brief-ssg/brief/internal/digest"
	"github.com/brief-ssg/brief/internal/markdown"
	"github.com/brief-ssg/brief/internal/minify"
	"github.com/brief-ssg/brief/internal/parallel"
	"github.com/brief-ssg/brief/internal/publish"
	"github.com/brief-ssg/brief/internal/render"
	"github.com/brief-ssg/brief/internal/site"
	"github.com/brief-ssg/brief/internal/source"
)

// ContentDir is the content folder at the site root.
const ContentDir = "content"

// Options configure one build.
type Options struct {
	Site    fs.FS // the site root: content/, layouts/, brief.toml
	Layouts fs.FS // the default layouts
	Config  config.Config
	BaseURL string // overrides Config.BaseURL when set
	Drafts  bool
	Future  bool
	Now     time.Time
	Strict  bool
	Minify  bool // minify HTML, CSS, JS, JSON, SVG and XML
	// Lazy leaves out the search index and the data exports (see
	// render.Options).
	Lazy     bool
	Markdown *markdown.Renderer // reused across builds; New() when nil
	Cache    *cache.Cache       // parsed files from earlier builds; nil for none
	// Record names the record of the last build into this destination in
	// the cache: when no input changed since and the destination is
	// intact, the build is done at once.
	Record string
	// Listed, when set, is told how many content files there are once the
	// content folder is listed, before any is read.
	Listed func(files int)
	// Loaded, when set, is told how many content files there are and how
	// many of them were parsed, not found in the cache, once all are read.
	Loaded func(files, parsed int)
	// Step, when set, is told the name of each step of the build as it
	// ends: "listing", "reading", "model", then those of rendering (see
	// render.Options), "static" and "writing"; or, when nothing changed,
	// "listing" and "destination checked".
	Step func(name string)
	// Listing, when set, keeps the list of content files from one build
	// to the next; Changed then names the paths (relative to Site) that
	// changed since the last build, and only those are looked at again.
	// A nil Changed means unknown: the whole folder is walked.
	Listing *source.Listing
	Changed []string
	// PageTimeLimit bounds the time of the layouts on one page
	// (render.DefaultPageTimeLimit when zero).
	PageTimeLimit time.Duration
	// Memory, when set, keeps this build's site for the next one in the
	// same process, which updates it in place when only briefings' bodies
	// changed. The sink must then keep pages between builds (Keeper).
	Memory *Memory
}

// Unchanged is a Sink that can tell whether it still holds exactly the
// files of its last build, and then keeps them all.
type Unchanged interface {
	KeepAll() bool
}

// Waiter is a Sink that writes in the background: Wait returns once every
// file is written, with the first failure. The build is not done, nor
// recorded, before that.
type Waiter interface {
	Wait() error
}

// record is what the cache remembers of the last successful build.
type record struct {
	Input  digest.Sum
	Counts Counts
	Diags  diag.List
}

// Result describes a finished build.
type Result struct {
	Site *site.Site // nil when nothing changed since the last build
	// InPlace tells that only briefings' bodies changed, and the site
	// kept in Options.Memory was updated instead of built again.
	InPlace bool
	// Retained counts the files kept as the last build into the
	// destination left them, when only briefings' bodies changed since
	// (see Attacher), without fingerprinting them again.
	Retained int
	Counts
}

// Counts are the numbers of a build, for its summary.
type Counts struct {
	Briefings int
	Drafts    int // drafts left out
	Future    int // future briefings left out
	Tags      int // tag pages
	Actors    int // actor pages
	Archives  int // year and month archives
	Files     int // files of the site, counted as the sink got or kept them
	Rendered  int // pages rendered; the others were unchanged since the last build
	// SearchFiles and SearchBytes measure the search index, as it is in
	// the destination (minified, when it is).
	SearchFiles int
	SearchBytes int64
	NextDue     time.Time
}

// CacheKey is what cached parsed files depend on besides the files: the
// settings that change how a file is read.
func CacheKey(cfg config.Config) string {
	return fmt.Sprintf("%s|%d|%s", cfg.TimeZone, cfg.MaxFileSize, ContentDir)
}

// LoadConfig reads brief.toml from the site root, or returns the defaults.
func LoadConfig(siteFS fs.FS) (config.Config, diag.List) {
	return config.Read(siteFS)
}

// Run builds the site into sink. When it returns errors, what reached the
// sink must be thrown away; nothing is written once an error is known
// before rendering.
func Run(opt Options, sink render.Sink) (*Result, diag.List) {
	cfg := opt.Config
	md := opt.Markdown
	if md == nil {
		md = markdown.New()
	}
	listing := opt.Listing
	if listing == nil {
		listing = new(source.Listing)
	}
	files, diags := listing.Update(opt.Site, opt.sourceOptions(), opt.Changed)
	if opt.Listed != nil {
		opt.Listed(len(files))
	}
	var input digest.Sum
	if opt.Record != "" {
		input = inputKey(opt, files)
	}
	opt.step("listing")
	var last record
	if opt.Cache.Record(opt.Record, &last) && last.Input == input && (last.Counts.NextDue.IsZero() || opt.Now.Before(last.Counts.NextDue)) {
		if u, ok := sink.(Unchanged); ok && u.KeepAll() {
			opt.step("destination checked")
			res := &Result{Counts: last.Counts}
			res.Rendered = 0
			return res, append(diags, last.Diags...)
		}
	}
	content, sources, parsed, ldiags := load(opt, md, files)
	if opt.Loaded != nil {
		opt.Loaded(len(files), parsed)
	}
	opt.step("reading")
	diags = append(diags, ldiags...)
	var layouts fs.FS
	if sub, err := fs.Sub(opt.Site, render.LayoutDir); err == nil {
		layouts = sub
	}
	tmpl, tdiags := render.LoadTemplates(opt.Layouts, layouts)
	key := memoryKey(opt, tmpl) // what the site depends on besides the content
	// A sink that keeps the last build's plan: when the shape is the same,
	// only bodies changed since.
	attacher, _ := sink.(Attacher)
	var shape digest.Sum
	var memo *render.Memo
	if attacher != nil {
		shape = shapeOf(key, files, sources)
		memo = lastMemo(attacher.Attachment(), shape)
	}
	// When only bodies changed, the last site is updated in place; unless
	// the build succeeds, it is put back as it was (it is the site still
	// served) and the next build starts from scratch.
	kept := false // the build succeeded and Memory keeps it
	edit, fast := opt.Memory.edit(key, sources, opt.Now)
	if fast = fast && diags.Err() == nil; fast {
		var undo func()
		if undo, fast = opt.Memory.apply(content, edit); fast {
			defer func() {
				if !kept {
					opt.Memory.undo(undo)
				}
			}()
		}
	}
	var s *site.Site
	var res *Result
	var modelDiags diag.List
	if fast {
		s, modelDiags = opt.Memory.site, opt.Memory.diags
		res = &Result{Site: s, InPlace: true, Counts: opt.Memory.counts}
	} else {
		s, res, modelDiags = model(opt, content)
		modelDiags = append(modelDiags, tdiags...)
	}
	diags = append(diags, modelDiags...)
	opt.step("model")
	if opt.Strict {
		diags = diags.Strict()
	}
	diags.Sort()
	if diags.Err() != nil {
		return res, diags
	}
	// The tracker sees every generated path; static files bypass --minify,
	// since they are copied as they are.
	out := track(sink, 2*len(files)) // about as many pages as briefings, and as many lists
	var pages render.Sink = out
	if opt.Minify {
		pages = minify.Wrap(out)
	}
	var state *render.State
	var rstats render.Stats
	var rdiags diag.List
	if fast {
		state = opt.Memory.render
		changed := make([]*site.Entry, 0, len(edit))
		for e := range edit {
			changed = append(changed, e)
		}
		rstats, rdiags = state.Update(changed, pages)
	} else {
		state, rstats, rdiags = render.Site(s, tmpl, render.Options{PageSize: cfg.PageSize, FeedLimit: cfg.FeedLimit, Headers: cfg.Headers, Lazy: opt.Lazy, Bodies: opt.Cache.Bodies(), Again: opt.Memory != nil, Step: opt.Step, Last: memo, PageTimeLimit: opt.PageTimeLimit}, pages)
	}
	res.Rendered, res.Retained = rstats.Rendered, rstats.Retained
	// The size of the index as it reaches the destination: minified when
	// it is, and the same whether its files were made again or kept.
	res.SearchFiles, res.SearchBytes = rstats.SearchFiles, out.searchBytes.Load()
	diags = append(diags, rdiags...)
	if diags.Err() == nil {
		sdiags := copyStatic(opt.Site, out)
		if opt.Strict {
			sdiags = sdiags.Strict()
		}
		diags = append(diags, sdiags...)
		res.Files = len(out.paths)
		opt.step("static")
	}
	if w, ok := sink.(Waiter); ok {
		var werr *publish.WriteError
		if err := w.Wait(); errors.As(err, &werr) {
			diags.Errorf(diag.Pos{File: werr.Path}, "writing: %v", werr.Err)
		} else if err != nil {
			diags.Errorf(diag.Pos{File: "brief"}, "writing: %v", err)
		}
		opt.step("writing")
	}
	if diags.Err() == nil {
		if next := state.Memo(); attacher != nil && next != nil {
			attacher.Attach(encodePlan(shape, next))
		}
		opt.Cache.SetRecord(opt.Record, record{Input: input, Counts: res.Counts, Diags: diags})
		opt.Memory.keep(key, sources, s, res.Counts, modelDiags, state)
		kept = true
	}
	return res, diags
}

// model builds the site model from the content, with its counts and
// diagnostics.
func model(opt Options, content *briefing.Content) (*site.Site, *Result, diag.List) {
	cfg := opt.Config
	var diags diag.List
	baseURL := cfg.BaseURL
	if opt.BaseURL != "" {
		baseURL = opt.BaseURL
		if msg := config.CheckBaseURL(baseURL); msg != "" {
			diags.Errorf(diag.Pos{File: "--baseURL"}, "%q %s", baseURL, msg)
		}
	}
	if baseURL == "" {
		diags.Warnf(diag.Pos{File: config.FileName}, "baseURL is not set: feeds, the sitemap and link previews need absolute URLs; set baseURL in %s or pass --baseURL", config.FileName)
	}
	description := cfg.Description
	if d, ok := cfg.Params["description"].(string); ok && description == "" {
		description = d // where earlier versions took it from
	}
	s, stats, siteDiags := site.Build(content, site.Options{
		Title: cfg.Title, Description: description, Language: cfg.Language, BaseURL: baseURL, Location: cfg.Location,
		Params: cfg.Params, Drafts: opt.Drafts, Future: opt.Future, Now: opt.Now,
		Chart:      func(sr *site.Series) template.HTML { return render.SeriesChart(sr, cfg.Location) },
		Highlights: cfg.Highlights,
	})
	if advice := render.RobotsAdvice(s); advice != "" && baseURL != "" {
		diags.Warnf(diag.Pos{File: config.FileName}, "%s", advice)
	}
	res := &Result{Site: s, Counts: Counts{Briefings: len(s.Entries), Drafts: stats.Drafts, Future: stats.Future,
		Tags: len(s.Tags.Terms), Actors: len(s.Actors.Terms), NextDue: stats.NextDue}}
	for _, y := range s.Years {
		res.Archives += 1 + len(y.Months)
	}
	return s, res, append(diags, siteDiags...)
}

// step tells opt.Step that a step ended.
func (opt Options) step(name string) {
	if opt.Step != nil {
		opt.Step(name)
	}
}

func (opt Options) sourceOptions() source.Options {
	return source.Options{Dir: ContentDir, Location: opt.Config.Location, MaxFileSize: opt.Config.MaxFileSize}
}

// inputKey fingerprints every input of a build without reading the
// content: the stamp of each content file and layout, the configuration and
// the options.
func inputKey(opt Options, files []source.File) digest.Sum {
	cfg := opt.Config
	b := fmt.Appendf(make([]byte, 0, 256+64*len(files)), "%q %q %q %q %q %d %d %d %v\n", cfg.Title, cfg.Description, cfg.BaseURL, cfg.Language, cfg.TimeZone, cfg.PageSize, cfg.FeedLimit, cfg.MaxFileSize, cfg.Params)
	b = fmt.Appendf(b, "%v\n", cfg.Headers)
	b = fmt.Appendf(b, "%q %v %v %v %v\n", opt.BaseURL, opt.Drafts, opt.Future, opt.Strict, opt.Minify)
	for _, f := range files {
		b = appendStamp(b, f.Path, cache.StampOf(f.Info))
	}
	for _, dir := range []string{render.LayoutDir, StaticDir} {
		fs.WalkDir(opt.Site, dir, func(p string, d fs.DirEntry, err error) error {
			if err == nil && !d.IsDir() {
				if info, err := d.Info(); err == nil {
					b = appendStamp(b, p, cache.StampOf(info))
				}
			}
			return nil
		})
	}
	return digest.Of(b)
}

// appendStamp appends a file's path and stamp, unambiguously.
func appendStamp(b []byte, path string, s cache.Stamp) []byte {
	b = binary.AppendUvarint(b, uint64(len(path)))
	b = append(b, path...)
	for _, v := range [...]uint64{uint64(s.Size), uint64(s.ModTime), uint64(s.ChangeTime), s.Inode} {
		b = binary.LittleEndian.AppendUint64(b, v)
	}
	return b
}

// load reads the content folder, parsing only the files the cache does not
// already hold in the same version, on every core. parsed counts those.
func load(opt Options, md *markdown.Renderer, files []source.File) (content *briefing.Content, sources map[string]*cache.Source, parsed int, diags diag.List) {
	srcOpt := opt.sourceOptions()
	prev := opt.Cache.Sources(opt.Config.Location)
	results := make([]*cache.Source, len(files))
	var misses atomic.Int64
	// One parser a worker: an item's body, part of its parser's buffer, is
	// made HTML before the worker reads its next file.
	parsers := make([]source.Parser, parallel.Workers())
	parallel.For(len(files), func(w, i int) {
		f := files[i]
		stamp := cache.StampOf(f.Info)
		if p := prev[f.Path]; p != nil && p.Stamp == stamp {
			results[i] = p
			return
		}
		misses.Add(1)
		item, ds := parsers[w].Parse(opt.Site, f.Path, srcOpt)
		ds = append(ds, renderItem(md, item)...)
		ds.Sort()
		results[i] = &cache.Source{Stamp: stamp, Item: item, Diags: ds, Front: cache.FrontOf(item)}
	})
	next := make(map[string]*cache.Source, len(files))
	items := make([]source.Item, len(files))
	for i, r := range results {
		next[files[i].Path] = r
		items[i] = r.Item
		diags = append(diags, r.Diags...)
	}
	opt.Cache.Replace(next)
	return source.Assemble(items), next, int(misses.Load()), diags
}

// renderItem converts the Markdown of one briefing or profile to HTML, fills
// in the default summary and drops the Markdown, which no later stage needs.
func renderItem(md *markdown.Renderer, it source.Item) diag.List {
	switch {
	case it.Briefing != nil:
		b := it.Briefing
		r := md.Render(b.Path, b.Body, b.BodyLine)
		b.HTML, b.HTMLSum, b.Body, b.Links, b.Anchors, b.Refs = r.HTML, r.Sum, nil, r.Links, r.Anchors, r.Refs
		if b.Summary == "" {
			b.Summary = r.Summary
		}
		return r.Diags
	case it.Actor != nil:
		a := it.Actor
		r := md.Render(a.Path, a.Body, a.BodyLine)
		a.HTML, a.Body, a.Links = r.HTML, nil, r.Links
		return r.Diags
	case it.Tag != nil:
		t := it.Tag
		r := md.Render(t.Path, t.Body, t.BodyLine)
		t.HTML, t.Body, t.Links = r.HTML, nil, r.Links
		return r.Diags
	}
	return nil
}
