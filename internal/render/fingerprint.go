package render

import (
	"encoding/binary"
	"fmt"
	"math"
	"sort"
	"sync"
	"time"

	"github.com/brief-ssg/brief/internal/digest"
	"github.com/brief-ssg/brief/internal/parallel"
	"github.com/brief-ssg/brief/internal/site"
)

// Input is the fingerprint of everything a page is made from. A sink that
// still holds a page made from the same input need not get it again.
type Input = [16]byte

// hasher writes values unambiguously (each with its length) into a
// buffer and hashes it once at the end: many small writes into a hash cost
// more than one large one.
type hasher struct{ buf []byte }

func newHasher() *hasher { return &hasher{buf: make([]byte, 0, 512)} }

func (h *hasher) reset() { h.buf = h.buf[:0] }

// newHashers makes one hasher for each worker of parallel.For.
func newHashers() []*hasher {
	hs := make([]*hasher, parallel.Workers())
	for i := range hs {
		hs[i] = &hasher{buf: make([]byte, 0, 4096)}
	}
	return hs
}

func (h *hasher) str(ss ...string) {
	for _, s := range ss {
		h.buf = binary.LittleEndian.AppendUint64(h.buf, uint64(len(s)))
		h.buf = append(h.buf, s...)
	}
}

func (h *hasher) int(v int) {
	h.buf = binary.LittleEndian.AppendUint64(h.buf, uint64(v))
}

func (h *hasher) bytes(b []byte) { h.buf = append(h.buf, b...) }

func (h *hasher) sum() (out Input) {
	return digest.Of(h.buf)
}

// fingerprints computes the input of every page. Each entry and term is
// hashed once; a page hashes the keys of what it shows. With layouts of the
// site's own, any page may show anything, so every page then depends on the
// whole site.
type fingerprints struct {
	global  Input
	site    Input // every entry and term: for files made from the whole site
	entries map[*site.Entry]Input
	terms   map[*site.Term]Input
	values  map[*site.Series]*valueKeys // what a chart or table shows of each value
	// With the memo of the last build (last), the entries whose bodies
	// changed since; nil when every page is fingerprinted (see Memo).
	last           *Memo
	changed        map[*site.Entry]bool
	summaryChanged bool    // one of them has another summary
	summaries      []Input // digests of the entries' summaries, when known
}

// valueKey hashes what pages show of one value of a series, so pages that
// show many values hash eight bytes for each.
func valueKey(v *site.SeriesValue) uint64 {
	// FNV-1a, written out: the hash/fnv interface allocated on every value.
	h := uint64(14695981039346656037)
	f := v.Figure
	var q, note string
	if f.Figure != nil {
		q, note = f.Qualifier, f.Note
	}
	for _, s := range [...]string{f.ValueText, f.Text, f.Change, v.Entry.DateISO, v.Entry.DateText, v.Entry.URL, v.Entry.Title,
		f.By, f.ByURL, f.PeriodText, q, f.Symbol, note, f.PrevDate, f.AlsoIn, f.AlsoURL, f.Revised, f.RevisedURL} {
		for i := 0; i < len(s); i++ {
			h = (h ^ uint64(s[i])) * 1099511628211
		}
		h *= 1099511628211 // the 0 byte between strings
	}
	return h
}

// valueKeys are the keys of a series' values (valueKey), made when first
// asked for: a rebuild after an edit of bodies needs those of few series.
type valueKeys struct {
	series *site.Series
	once   sync.Once
	keys   []uint64
}

func (v *valueKeys) get() []uint64 {
	v.once.Do(func() {
		v.keys = make([]uint64, len(v.series.Values))
		for k, val := range v.series.Values {
			v.keys[k] = valueKey(val)
		}
	})
	return v.keys
}

// newFingerprints fingerprints s. With last, the memo of the last build,
// the entries whose bodies did not change keep their keys from it, when
// it is of the same entries (see Memo).
func newFingerprints(s *site.Site, t *Templates, last *Memo) *fingerprints {
	f := &fingerprints{entries: make(map[*site.Entry]Input, len(s.Entries)), terms: map[*site.Term]Input{}, values: make(map[*site.Series]*valueKeys, len(s.Figures))}
	for _, sr := range s.Figures {
		f.values[sr] = &valueKeys{series: sr}
	}
	todo := s.Entries
	if changed, summaryChanged, ok := f.reuse(s, t, last); ok {
		f.last, f.changed, f.summaryChanged = last, changed, summaryChanged
		todo = make([]*site.Entry, 0, len(changed))
		for _, e := range s.Entries {
			if changed[e] {
				todo = append(todo, e)
			}
		}
	}
	entryKeys := make([]Input, len(todo))
	hashers := newHashers()
	parallel.For(len(todo), func(w, i int) { entryKeys[i] = f.entryKey(hashers[w], todo[i]) })
	for i, e := range todo {
		f.entries[e] = entryKeys[i]
	}
	for _, tax := range []*site.Taxonomy{s.Tags, s.Actors} {
		for _, term := range tax.Terms {
			f.terms[term] = f.termKey(term)
		}
	}
	f.sum(s, t)
	return f
}

// sum makes the keys that depend on every entry and term: the whole
// site's, and with layouts of the site's own, every page's.
func (f *fingerprints) sum(s *site.Site, t *Templates) {
	all := newHasher()
	for _, tax := range []*site.Taxonomy{s.Tags, s.Actors} {
		for _, term := range tax.Terms {
			k := f.terms[term]
			all.bytes(k[:])
		}
	}
	g := newHasher()
	g.str(t.source, s.Title, s.Description, s.Language, s.BaseURL, s.BasePath, s.Tags.URL, s.Actors.URL, t.Stylesheet, fmt.Sprint(sortedParams(s.Params)))
	g.int(boolInt(len(s.Figures) > 0)) // the menu links the figures when there are any
	for _, y := range s.Years {
		g.str(y.URL)
		g.int(y.Year)
	}
	if t.custom {
		for _, e := range s.Entries {
			k := f.entries[e]
			g.bytes(k[:])
		}
		s := all.sum()
		g.bytes(s[:])
	}
	f.global = g.sum()
	everything := newHasher()
	everything.bytes(f.global[:])
	for _, e := range s.Entries {
		k := f.entries[e]
		everything.bytes(k[:])
	}
	sum := all.sum()
	everything.bytes(sum[:])
	f.site = everything.sum()
}

func sortedParams(m map[string]any) []string {
	out := make([]string, 0, len(m))
	for k, v := range m {
		out = append(out, fmt.Sprintf("%q=%#v", k, v))
	}
	sort.Strings(out)
	return out
}

// seriesRecent is how many values a briefing's sparkline shows.
const seriesRecent = 12

// entryKey hashes everything of an entry that a page may show.
func (f *fingerprints) entryKey(h *hasher, e *site.Entry) Input {
	h.reset()
	h.str(e.Path, e.URL, e.Permalink, e.Title, e.Slug, e.DateISO, e.DateText, e.TimeText, e.UpdatedISO, e.UpdatedText,
		e.Summary, e.Location)
	h.int(boolInt(e.Draft))
	h.int(len(e.Aliases))
	h.str(e.Aliases...)
	h.bytes(e.HTMLSum[:])
	for _, src := range e.Sources {
		h.str(src.Title, src.URL)
	}
	for _, fv := range e.Figures {
		h.str(fv.Key, fv.Label, fv.Unit, fv.Of, fv.ValueText, fv.Text, fv.WholeText, fv.Percent, fv.Change, fv.PrevValue, fv.PrevDate, fv.PrevURL,
			fv.By, fv.ByURL, fv.PeriodText, fv.Qualifier, fv.Symbol, fv.Note, fv.AlsoIn, fv.AlsoURL, fv.Revised, fv.RevisedURL)
		h.int(boolInt(fv.OwnPeriod))
		if fv.Series != nil { // the sparkline: the claimant's points up to this one
			recent := fv.Series.Recent(fv.Point, seriesRecent)
			h.int(len(recent))
			for _, v := range recent {
				h.int(int(valueKey(v)))
			}
		}
	}
	for _, ts := range [][]*site.Term{e.Tags, e.Actors} {
		h.int(len(ts))
		for _, t := range ts {
			h.str(t.Name, t.URL)
			if t.Actor != nil { // the JSON-LD types an actor by its profile's kind
				h.str("profile", t.Actor.Kind)
			}
		}
	}
	return h.sum()
}

// termKey hashes a term's own data: name, profile, counts and relations.
func (f *fingerprints) termKey(t *site.Term) Input {
	h := newHasher()
	h.str(t.Name, t.Slug, t.URL, string(t.Description()))
	h.int(t.Count())
	if a := t.Actor; a != nil {
		h.str(a.Name, a.Role, a.Country, a.Kind)
		h.int(len(a.Aliases)) // ["a b"] and ["a", "b"] are other aliases
		h.str(a.Aliases...)
	}
	if tg := t.Tag; tg != nil {
		h.str(tg.Name, tg.Description)
	}
	for _, sc := range t.Figures {
		h.str(sc.Series.Key, sc.Series.Label, sc.Series.URL)
		h.int(sc.Count)
	}
	for _, rel := range [][]site.TermCount{t.Together, t.TopTags} {
		h.int(len(rel))
		for _, tc := range rel {
			h.str(tc.Term.Name, tc.Term.URL)
			h.int(tc.Count)
		}
	}
	return h.sum()
}

// exports returns the input of the data exports: every entry's fields they
// list (not its body), in order, and every actor's term.
func (f *fingerprints) exports(s *site.Site) Input {
	keys := make([]Input, len(s.Entries))
	hashers := newHashers()
	parallel.For(len(s.Entries), func(w, i int) {
		h, e := hashers[w], s.Entries[i]
		h.reset()
		h.str(e.Path, e.Permalink, e.Title, e.DateISO, e.UpdatedISO, e.Summary, e.Location)
		for _, ts := range [][]*site.Term{e.Tags, e.Actors} {
			h.int(len(ts))
			for _, t := range ts {
				h.str(t.Name)
			}
		}
		h.int(len(e.Figures))
		for _, fv := range e.Figures {
			h.str(fv.Key, fv.Label, fv.Unit, fv.Of, fv.By, fv.Figure.By, fv.Qualifier, fv.Note, fv.Period.Start.Format(time.DateOnly), fv.Period.End.Format(time.DateOnly))
			h.int(int(math.Float64bits(fv.Figure.Value)))
		}
		h.int(len(e.Sources))
		for _, src := range e.Sources {
			h.str(src.Title, src.URL)
		}
		keys[i] = h.sum()
	})
	h := newHasher()
	h.str("exports", s.BaseURL)
	h.int(len(keys))
	for _, k := range keys {
		h.bytes(k[:])
	}
	h.int(len(s.Actors.Terms))
	for _, t := range s.Actors.Terms {
		k := f.terms[t]
		h.bytes(k[:])
		h.str(s.Abs(t.URL))
	}
	return h.sum()
}

// page returns the input of one page.
func (f *fingerprints) page(h *hasher, p *Page) Input {
	h.reset()
	h.bytes(f.global[:])
	h.str(p.Kind, p.Title, p.URL, p.Permalink, p.Description)
	if e := p.Entry; e != nil {
		k := f.entries[e]
		h.bytes(k[:])
		for _, r := range e.Related() {
			h.str(r.URL, r.Title, r.DateISO, r.DateText)
		}
		for _, n := range []*site.Entry{e.Older, e.Newer} {
			if n != nil {
				h.str(n.URL, n.Title)
			} else {
				h.str("")
			}
		}
	}
	h.int(len(p.Entries))
	for _, e := range p.Entries {
		k := f.entries[e]
		h.bytes(k[:])
	}
	if pg := p.Pager; pg != nil {
		h.str(pg.First, pg.Prev, pg.Next, pg.Last)
		h.int(pg.Number)
		h.int(pg.Total)
	}
	if p.Term != nil {
		k := f.terms[p.Term]
		h.bytes(k[:])
	}
	h.int(len(p.Terms))
	for _, t := range p.Terms {
		k := f.terms[t]
		h.bytes(k[:])
	}
	if y := p.Year; y != nil {
		for _, m := range y.Months {
			h.str(m.URL, m.Name)
			h.int(len(m.Entries))
		}
	}
	if m := p.Month; m != nil {
		h.str(m.Name, m.URL)
	}
	if sr := p.Series; sr != nil {
		f.seriesKey(h, sr, len(sr.Values))
		for _, rel := range append([]*site.Series{sr.Whole}, sr.Parts...) {
			if rel != nil {
				f.seriesKey(h, rel, len(rel.Values))
			}
		}
	}
	h.str(p.Sort)
	for _, fc := range p.Facets {
		h.str(fc.Property, fc.Value, fc.URL)
		h.int(len(fc.Terms))
		h.int(boolInt(fc == p.Facet))
	}
	if p.Kind == "search" {
		// The search page offers every actor and tag as a filter.
		h.str(p.SearchScript, p.SearchIndex)
		for _, tax := range []*site.Taxonomy{p.Site.Tags, p.Site.Actors} {
			for _, t := range tax.Terms {
				h.str(t.Name, t.URL)
			}
		}
	}
	if p.Kind == "figures" {
		for _, sr := range p.Site.Figures {
			f.seriesKey(h, sr, sparkValues)
		}
	}
	for _, sr := range p.Highlights {
		f.seriesKey(h, sr, sparkValues)
	}
	return h.sum()
}

// feed returns the input of a feed file: its path, its briefings and, for
// a tag's or actor's feed, the term.
func (f *fingerprints) feed(path string, entries []*site.Entry, term *site.Term) Input {
	h := newHasher()
	h.bytes(f.global[:])
	h.str("feed", path)
	h.int(len(entries))
	for _, e := range entries {
		k := f.entries[e]
		h.bytes(k[:])
	}
	if term != nil {
		k := f.terms[term]
		h.bytes(k[:])
	}
	return h.sum()
}

// seriesKey hashes what a page shows of a series: its names and its last
// n values.
func (f *fingerprints) seriesKey(h *hasher, sr *site.Series, n int) {
	h.str(sr.Key, sr.Label, sr.Unit, sr.URL)
	h.int(len(sr.Values))
	f.hashValues(h, sr, max(0, len(sr.Values)-n), len(sr.Values))
	h.str(sr.First().Entry.DateText, sr.First().Entry.DateISO)
	// The lines of its claimants, as charts and sparklines draw them.
	h.int(len(sr.Claimants))
	for _, c := range sr.Claimants {
		h.str(c.Name, c.URL)
		h.int(len(c.Points))
		for _, v := range c.Points[max(0, len(c.Points)-n):] {
			h.int(int(valueKey(v)))
		}
	}
}

// hashValues hashes the keys of the values lo … hi-1 of sr. With the
// memo, few pages are fingerprinted: their values are keyed on the spot
// rather than every value of their series once.
func (f *fingerprints) hashValues(h *hasher, sr *site.Series, lo, hi int) {
	if f.changed != nil {
		for _, v := range sr.Values[lo:hi] {
			h.int(int(valueKey(v)))
		}
		return
	}
	for _, k := range f.values[sr].get()[lo:hi] {
		h.int(int(k))
	}
}

func boolInt(b bool) int {
	if b {
		return 1
	}
	return 0
}

// whole returns the input of a file made from the whole site.
func (f *fingerprints) whole(path string) Input {
	h := newHasher()
	h.bytes(f.site[:])
	h.str(path)
	return h.sum()
}
