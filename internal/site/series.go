package site

import (
	"fmt"
	"math"
	"sort"
	"strconv"
	"strings"

	"github.com/brief-ssg/brief/internal/briefing"
	"github.com/brief-ssg/brief/internal/diag"
	"github.com/brief-ssg/brief/internal/parallel"
	"github.com/brief-ssg/brief/internal/slug"
)

// Series is every published value of one figure key, oldest first: how a
// number moved over the briefings. A value is a claim of one claimant
// about one period: a data point is (key, claimant, period). Claims of
// different claimants are lines of their own, never compared.
type Series struct {
	Key    string
	Label  string // the label of the latest value
	Unit   string
	URL    string         // /figures/<key>/
	Values []*SeriesValue // every report, in the order of the briefings, oldest first
	// Claimants are who report the series' values, by name; the values
	// that name nobody come first, under the claimant "".
	Claimants []*Claimant
	// Whole is the series this one is a part of (launched, for
	// intercepted), when its values say so; Parts are the series that are
	// parts of this one.
	Whole *Series
	Parts []*Series
}

// Claimant is one claimant's line of a series.
type Claimant struct {
	Name string // the actor's canonical name; "" when the figures name nobody
	URL  string // the actor's page, when there is one
	key  string
	// Points are the newest report of each of its periods, oldest
	// period first.
	Points []*SeriesValue
}

// SeriesValue is one value of a series, in the briefing it comes from.
type SeriesValue struct {
	Entry    *Entry
	Figure   *FigureView
	Claimant *Claimant
	// Prev is the value of the claimant's previous period, as known when
	// this one was reported; nil for its first period or a repeat.
	Prev *SeriesValue
	// Repeats is the first report of the same point with the same value,
	// when this is a report of it again ("also reported in"); Revises is
	// the report of the same point this one revises with another value.
	Repeats *SeriesValue
	Revises *SeriesValue
	Index   int // its position in the series' Values
	current *SeriesValue
	spot    int // for a current value, its position in its claimant's Points
}

// Latest is the newest value.
func (s *Series) Latest() *SeriesValue { return s.Values[len(s.Values)-1] }

// First is the oldest value.
func (s *Series) First() *SeriesValue { return s.Values[0] }

// Newest returns the values newest first.
func (s *Series) Newest() []*SeriesValue {
	out := make([]*SeriesValue, len(s.Values))
	for i, v := range s.Values {
		out[len(out)-1-i] = v
	}
	return out
}

// Count is the number of values.
func (s *Series) Count() int { return len(s.Values) }

// Main is the claimant of the latest value: the line a sparkline shows.
func (s *Series) Main() *Claimant { return s.Latest().Claimant }

// Named reports whether any value names its claimant, so a legend or a
// column of claimants is worth showing.
func (s *Series) Named() bool {
	return len(s.Claimants) > 1 || s.Claimants[0].Name != ""
}

// Recent returns up to n of the points of v's claimant up to and including
// v's period, oldest first, each as last reported.
func (s *Series) Recent(v *SeriesValue, n int) []*SeriesValue {
	cur := v.current
	return v.Claimant.Points[max(0, cur.spot+1-n) : cur.spot+1]
}

// Current is the newest report of v's point: v itself unless another
// briefing revised it.
func (v *SeriesValue) Current() *SeriesValue { return v.current }

// claimant returns the line of claimant key, making it when new.
func (s *Series) claimant(key, name string) *Claimant {
	for _, c := range s.Claimants {
		if c.key == key {
			return c
		}
	}
	c := &Claimant{Name: name, key: key}
	s.Claimants = append(s.Claimants, c)
	return c
}

// place puts v among its claimant's points: a new period, a repeat of its
// point or a revision of it. It sets v.Prev to the point of the period
// before, as known now.
func (c *Claimant) place(v *SeriesValue) {
	p := v.Figure.Period
	i := sort.Search(len(c.Points), func(i int) bool { return !c.Points[i].Figure.Period.Less(p) })
	if i < len(c.Points) && c.Points[i].Figure.Period.Equal(p) {
		cur := c.Points[i]
		if cur.Figure.Value == v.Figure.Value && cur.Figure.Qualifier == v.Figure.Qualifier {
			v.Repeats = cur
			if cur.Repeats != nil {
				v.Repeats = cur.Repeats
			}
			return
		}
		v.Revises = cur
		c.Points[i] = v
	} else {
		c.Points = append(c.Points, nil)
		copy(c.Points[i+1:], c.Points[i:])
		c.Points[i] = v
	}
	if i > 0 {
		v.Prev = c.Points[i-1]
	}
}

// buildSeries gathers the figures of the published entries into series,
// most reported first (then by key), and gives each figure view its change
// against the previous period of its claimant.
func (s *Site) buildSeries() {
	byKey := map[string]*Series{}
	n := 0
	for _, e := range s.Entries {
		n += len(e.Figures)
	}
	values := make([]SeriesValue, 0, n) // one allocation for them all
	wholes := map[string]map[string]int{}
	for i := len(s.Entries) - 1; i >= 0; i-- { // oldest first
		e := s.Entries[i]
		for i := range e.Figures {
			fv := &e.Figures[i]
			sr := byKey[fv.Key]
			if sr == nil {
				sr = &Series{Key: fv.Key, URL: s.URL("figures/" + fv.Key + "/")}
				byKey[fv.Key] = sr
				s.Figures = append(s.Figures, sr)
			}
			values = append(values, SeriesValue{Entry: e, Figure: fv, Index: len(sr.Values), Claimant: sr.claimant(fv.ByKey, fv.By)})
			v := &values[len(values)-1]
			v.Claimant.place(v)
			sr.Values = append(sr.Values, v)
			sr.Label, sr.Unit = fv.Label, fv.Unit
			fv.Series, fv.Point = sr, v
			if fv.Of != "" {
				if wholes[fv.Key] == nil {
					wholes[fv.Key] = map[string]int{}
				}
				wholes[fv.Key][fv.Of]++
			}
		}
	}
	for _, sr := range s.Figures {
		sort.SliceStable(sr.Claimants, func(i, j int) bool { return sr.Claimants[i].Name < sr.Claimants[j].Name })
		for _, c := range sr.Claimants {
			for k, p := range c.Points {
				p.current, p.spot = p, k
			}
		}
	}
	for i := range values {
		v := &values[i]
		if v.current == nil {
			v.current = v.Claimant.pointOf(v)
		}
	}
	parallel.For(len(values), func(_, i int) { values[i].Figure.setChange(&values[i]) })
	for _, sr := range s.Figures {
		if of := mostCommon(wholes[sr.Key]); of != "" && byKey[of] != nil {
			sr.Whole = byKey[of]
			byKey[of].Parts = append(byKey[of].Parts, sr)
		}
	}
	sort.SliceStable(s.Figures, func(i, j int) bool {
		a, b := s.Figures[i], s.Figures[j]
		if a.Count() != b.Count() {
			return a.Count() > b.Count()
		}
		return a.Key < b.Key
	})
	for _, sr := range s.Figures {
		sort.Slice(sr.Parts, func(i, j int) bool { return sr.Parts[i].Key < sr.Parts[j].Key })
	}
}

// defaultHighlights is how many series the home page shows when the
// configuration names none.
const defaultHighlights = 4

// highlights finds the series the configuration names; an unknown key is
// an error at its place in brief.toml, with the nearest key.
func (s *Site) highlights(names []briefing.Name, diags *diag.List) []*Series {
	if len(names) == 0 {
		return s.Figures[:min(len(s.Figures), defaultHighlights)]
	}
	byKey := make(map[string]*Series, len(s.Figures))
	keys := make([]string, len(s.Figures))
	for i, sr := range s.Figures {
		byKey[sr.Key], keys[i] = sr, sr.Key
	}
	var out []*Series
	for _, n := range names {
		if sr := byKey[slug.Make(n.Text)]; sr != nil {
			out = append(out, sr)
			continue
		}
		msg := fmt.Sprintf("highlights: no figure series %q", n.Text)
		if k := slug.Closest(slug.Make(n.Text), keys, 3); k != "" {
			msg += fmt.Sprintf(": did you mean %q?", k)
		}
		diags.Errorf(n.Pos, "%s", msg)
	}
	return out
}

// pointOf returns the current report of v's period.
func (c *Claimant) pointOf(v *SeriesValue) *SeriesValue {
	p := v.Figure.Period
	i := sort.Search(len(c.Points), func(i int) bool { return !c.Points[i].Figure.Period.Less(p) })
	return c.Points[i]
}

// mostCommon returns the key counted most often (ties by key), or "".
func mostCommon(counts map[string]int) string {
	best, n := "", 0
	for k, c := range counts {
		if c > n || c == n && k < best {
			best, n = k, c
		}
	}
	return best
}

// setChange fills in how the value relates to earlier ones: a repeat of a
// point ("also reported in"), a revision ("revised from 635 to 653"), and
// the change against the claimant's previous period: "+12", "−3.5", "no
// change", with that period and the URL of its value.
func (fv *FigureView) setChange(v *SeriesValue) {
	if r := v.Repeats; r != nil {
		fv.AlsoIn, fv.AlsoURL = r.Entry.Title, r.Entry.URL
		return
	}
	if r := v.Revises; r != nil {
		fv.Revised = "revised from " + qualified(r.Figure.Qualifier, r.Figure.ValueText) + " to " + qualified(fv.Qualifier, fv.ValueText)
		fv.RevisedURL = r.Entry.URL
	}
	if v.Prev == nil {
		return
	}
	prev := v.Prev
	// Round away float noise (0.3 - 0.1): to the decimals of the values.
	// A difference of whole numbers has none.
	d := fv.Figure.Value - prev.Figure.Figure.Value
	if dec := max(decimals(fv.ValueText), decimals(prev.Figure.ValueText)); dec > 0 || d != math.Trunc(d) {
		d, _ = strconv.ParseFloat(strconv.FormatFloat(d, 'f', dec, 64), 64)
	}
	var buf [32]byte
	switch {
	case d > 0:
		fv.Change = string(appendNumber(append(buf[:0], '+'), d))
	case d < 0:
		fv.Change = string(appendNumber(append(buf[:0], "−"...), -d))
	default:
		fv.Change = "no change"
	}
	fv.PrevValue = qualified(prev.Figure.Qualifier, prev.Figure.ValueText)
	fv.PrevDate = shortPeriod(prev.Figure.Period, fv.Period.End)
	fv.PrevURL = prev.Entry.URL
}

// actorFigures lists, for each actor, the figure series reported in their
// briefings, most often first.
func actorFigures(actors *Taxonomy) {
	for _, t := range actors.Terms {
		counts := map[*Series]int{}
		for _, e := range t.Entries {
			for _, fv := range e.Figures {
				if fv.Series != nil {
					counts[fv.Series]++
				}
			}
		}
		for sr, n := range counts {
			t.Figures = append(t.Figures, SeriesCount{Series: sr, Count: n})
		}
		sort.Slice(t.Figures, func(i, j int) bool {
			a, b := t.Figures[i], t.Figures[j]
			if a.Count != b.Count {
				return a.Count > b.Count
			}
			return a.Series.Key < b.Series.Key
		})
	}
}

// claimantPages links each claimant to its actor's page, when the actor
// has one, and warns of a claimant that is no actor of the site but is
// close to the name of a profile (ix).
func claimantPages(series []*Series, actors *Taxonomy, ix *index, diags *diag.List) {
	byKey := make(map[string]*Term, len(actors.Terms))
	for _, t := range actors.Terms {
		byKey[t.key] = t
	}
	for _, sr := range series {
		for _, c := range sr.Claimants {
			if t := byKey[c.key]; t != nil && c.key != "" {
				c.URL = t.URL
			}
		}
		for _, v := range sr.Values {
			v.Figure.ByURL = v.Claimant.URL
			if c := v.Claimant; c.URL == "" && c.key != "" && ix.byKey[c.key] == nil {
				if near := ix.near(c.key); near != "" {
					diags.Warnf(v.Figure.Pos, "figure %q is claimed by %q, which is not in any profile but is close to %s: use that spelling, or add it to the profile's aliases", v.Figure.Label, v.Figure.Figure.By, near)
				}
			}
		}
	}
}

// decimals counts the digits after the point of a formatted number.
func decimals(text string) int {
	if i := strings.IndexByte(text, '.'); i >= 0 {
		return len(text) - i - 1
	}
	return 0
}
