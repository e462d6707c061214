// Package build runs the pipeline once: config → source → markdown → site →
// render → sink. It is the one place that knows the order of the stages;
// the command line and the preview server both call it.
package build

import (
	"errors"
	"io/fs"
	"runtime"
	"sync"
	"time"

	"brief/internal/briefing"
	"brief/internal/config"
	"brief/internal/diag"
	"brief/internal/markdown"
	"brief/internal/render"
	"brief/internal/site"
	"brief/internal/source"
)

// ContentDir is the content folder at the site root.
const ContentDir = "content"

// Options configure one build.
type Options struct {
	Site     fs.FS // the site root: content/, layouts/, brief.toml
	Layouts  fs.FS // the default layouts
	Config   config.Config
	BaseURL  string // overrides Config.BaseURL when set
	Drafts   bool
	Future   bool
	Now      time.Time
	Strict   bool
	Markdown *markdown.Renderer // reused across builds; New() when nil
}

// Result describes a finished build.
type Result struct {
	Site      *site.Site
	Briefings int
	Drafts    int // drafts left out
	Future    int // future briefings left out
	Files     int
	Warnings  diag.List
}

// LoadConfig reads brief.toml from the site root, or returns the defaults.
func LoadConfig(siteFS fs.FS) (config.Config, diag.List) {
	src, err := fs.ReadFile(siteFS, config.FileName)
	if errors.Is(err, fs.ErrNotExist) {
		return config.Default(), nil
	}
	if err != nil {
		return config.Default(), diag.List{diag.Errorf(diag.Pos{File: config.FileName}, "cannot read: %v", err)}
	}
	return config.Parse(config.FileName, src)
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
	content, diags := source.Load(opt.Site, source.Options{Dir: ContentDir, Location: cfg.Location, MaxFileSize: cfg.MaxFileSize})
	diags = append(diags, renderBodies(md, content)...)
	baseURL := cfg.BaseURL
	if opt.BaseURL != "" {
		baseURL = opt.BaseURL
	}
	s, stats, siteDiags := site.Build(content, site.Options{
		Title: cfg.Title, Language: cfg.Language, BaseURL: baseURL, Location: cfg.Location,
		Params: cfg.Params, Drafts: opt.Drafts, Future: opt.Future, Now: opt.Now,
	})
	diags = append(diags, siteDiags...)
	var layouts fs.FS
	if sub, err := fs.Sub(opt.Site, render.LayoutDir); err == nil {
		layouts = sub
	}
	tmpl, tdiags := render.LoadTemplates(opt.Layouts, layouts)
	diags = append(diags, tdiags...)
	if opt.Strict {
		diags = diags.Strict()
	}
	diags.Sort()
	res := &Result{Site: s, Briefings: len(s.Entries), Drafts: stats.Drafts, Future: stats.Future}
	if diags.Err() != nil {
		return res, diags
	}
	rstats, rdiags := render.Site(s, tmpl, cfg.PageSize, sink)
	res.Files = rstats.Files
	res.Warnings = diags.Warnings()
	return res, append(diags, rdiags...)
}

// renderBodies converts every body and biography to HTML in parallel and
// fills in default summaries.
func renderBodies(md *markdown.Renderer, c *briefing.Content) diag.List {
	var diags diag.Collector
	var wg sync.WaitGroup
	jobs := make(chan func())
	for range runtime.GOMAXPROCS(0) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for j := range jobs {
				j()
			}
		}()
	}
	for _, b := range c.Briefings {
		jobs <- func() {
			r := md.Render(b.Path, b.Body, b.BodyLine)
			b.HTML = r.HTML
			if b.Summary == "" {
				b.Summary = r.Summary
			}
			diags.Add(r.Diags...)
		}
	}
	for _, a := range c.Actors {
		jobs <- func() {
			r := md.Render(a.Path, a.Body, a.BodyLine)
			a.HTML = r.HTML
			diags.Add(r.Diags...)
		}
	}
	for _, t := range c.Tags {
		jobs <- func() {
			r := md.Render(t.Path, t.Body, t.BodyLine)
			t.HTML = r.HTML
			diags.Add(r.Diags...)
		}
	}
	close(jobs)
	wg.Wait()
	return diags.List()
}
