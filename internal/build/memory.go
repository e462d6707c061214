package build

import (
	"fmt"
	"reflect"
	"sync"
	"time"

	"github.com/brief-ssg/brief/internal/briefing"
	"github.com/brief-ssg/brief/internal/cache"
	"github.com/brief-ssg/brief/internal/diag"
	"github.com/brief-ssg/brief/internal/render"
	"github.com/brief-ssg/brief/internal/site"
)

// Memory keeps the last good build's site model and rendering in the
// process, for the preview server: when a later build finds that only
// briefings' bodies changed — not one field of front matter, profile,
// layout, setting or file name — it updates that site in place and renders
// only the pages that show those briefings, instead of building the whole
// model again. Anything else builds from scratch. The zero Memory is empty.
type Memory struct {
	// mu is held for writing while a build changes the kept site in place;
	// whoever reads a Result's site while builds may run holds it for
	// reading (RLocker).
	mu sync.RWMutex

	key     string                   // everything but the content the build depends on
	sources map[string]*cache.Source // the content files, as parsed
	site    *site.Site
	entries map[string]*site.Entry // the site's entries by path
	counts  Counts                 // NextDue: a build from then on publishes more
	diags   diag.List              // of the model and the layouts
	render  *render.State
}

// RLocker locks the kept site against changes while it is read.
func (m *Memory) RLocker() sync.Locker { return m.mu.RLocker() }

// memoryKey is what a build depends on besides the content files.
func memoryKey(opt Options, tmpl *render.Templates) string {
	cfg := opt.Config
	cfg.Location = nil // parsed again by every build; TimeZone names it
	return fmt.Sprintf("%#v|%q|%v|%v|%v|%v|%v|%s", cfg, opt.BaseURL, opt.Drafts, opt.Future, opt.Strict, opt.Minify, opt.Lazy, tmpl.Source())
}

// edit returns the entries whose bodies alone changed, with their new
// versions, and reports whether the kept site can be updated with them.
func (m *Memory) edit(key string, sources map[string]*cache.Source, now time.Time) (site.Rebody, bool) {
	if m == nil || m.site == nil || m.key != key || len(sources) != len(m.sources) ||
		!m.counts.NextDue.IsZero() && !now.Before(m.counts.NextDue) {
		return nil, false
	}
	edit := site.Rebody{}
	for p, src := range sources {
		old, ok := m.sources[p]
		switch {
		case !ok:
			return nil, false
		case old == src:
			continue
		case old.Item.Briefing == nil || src.Item.Briefing == nil || !sameFrontMatter(old.Item.Briefing, src.Item.Briefing):
			return nil, false
		}
		if e := m.entries[p]; e != nil {
			edit[e] = src.Item.Briefing
		}
	}
	return edit, true
}

// sameFrontMatter tells whether two versions of a briefing differ only in
// what their bodies give: the HTML, its links and the default summary.
// The ids of headings are compared: other briefings' links are checked
// against them.
// An empty list and none are the same (the cache keeps no empty lists).
func sameFrontMatter(a, b *briefing.Briefing) bool {
	x, y := *a, *b
	for _, v := range []*briefing.Briefing{&x, &y} {
		v.Summary, v.Body, v.BodyLine, v.HTML, v.HTMLSum, v.Links = "", nil, 0, "", [16]byte{}, nil
		v.Aliases, v.Tags, v.Actors, v.Authors = nilIfEmpty(v.Aliases), nilIfEmpty(v.Tags), nilIfEmpty(v.Actors), nilIfEmpty(v.Authors)
		v.Figures, v.Sources, v.Anchors, v.Corrections = nilIfEmpty(v.Figures), nilIfEmpty(v.Sources), nilIfEmpty(v.Anchors), nilIfEmpty(v.Corrections)
	}
	return reflect.DeepEqual(x, y)
}

func nilIfEmpty[T any](s []T) []T {
	if len(s) == 0 {
		return nil
	}
	return s
}

// keep remembers a good build.
func (m *Memory) keep(key string, sources map[string]*cache.Source, s *site.Site, counts Counts, diags diag.List, st *render.State) {
	if m == nil {
		return
	}
	m.key, m.sources, m.site, m.counts, m.diags, m.render = key, sources, s, counts, diags, st
	m.entries = make(map[string]*site.Entry, len(s.Entries))
	for _, e := range s.Entries {
		m.entries[e.Path] = e
	}
}

// apply updates the kept site in place with edit (see site.Apply), under
// the lock.
func (m *Memory) apply(c *briefing.Content, edit site.Rebody) (undo func(), ok bool) {
	m.mu.Lock()
	defer m.mu.Unlock()
	return m.site.Apply(c, edit)
}

// undo puts back the site as it was before apply, under the lock, and
// forgets everything, so the next build starts from scratch.
func (m *Memory) undo(undo func()) {
	m.mu.Lock()
	defer m.mu.Unlock()
	undo()
	m.site, m.sources, m.entries, m.render = nil, nil, nil, nil
}
