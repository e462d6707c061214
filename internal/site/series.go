package site

import (
	"math"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/brief-ssg/brief/internal/parallel"
)

// Series is every published value of one figure key, oldest first: how a
// number moved over the briefings.
type Series struct {
	Key    string
	Label  string // the label of the latest value
	Unit   string
	URL    string         // /figures/<key>/
	Values []*SeriesValue // oldest first
	// Whole is the series this one is a part of (launched, for
	// intercepted), when its values say so; Parts are the series that are
	// parts of this one.
	Whole *Series
	Parts []*Series
}

// SeriesValue is one value of a series, in the briefing it comes from.
type SeriesValue struct {
	Entry  *Entry
	Figure *FigureView
	Prev   *SeriesValue // the value before it in the series; nil for the first
	Index  int          // its position in the series' Values
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

// Recent returns the last n values up to and including v, oldest first.
func (s *Series) Recent(v *SeriesValue, n int) []*SeriesValue {
	return s.Values[max(0, v.Index+1-n) : v.Index+1]
}

// buildSeries gathers the figures of the published entries into series,
// most reported first (then by key), and gives each figure view its change
// against the previous value of its series.
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
			values = append(values, SeriesValue{Entry: e, Figure: fv, Index: len(sr.Values)})
			v := &values[len(values)-1]
			if n := len(sr.Values); n > 0 {
				v.Prev = sr.Values[n-1]
			}
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

// setChange fills in the change against the previous value of the series:
// "+12", "−3.5", "no change", with the date and URL of that value.
func (fv *FigureView) setChange(v *SeriesValue) {
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
	fv.PrevValue = prev.Figure.ValueText
	fv.PrevDate = shortDate(prev.Entry.Date, v.Entry.Date)
	fv.PrevURL = prev.Entry.URL
}

// shortDate writes a date as "27 Nov", with the year when it differs from
// the year of the date it is compared with.
func shortDate(t, from time.Time) string {
	if t.Year() != from.Year() {
		return t.Format("2 Jan 2006")
	}
	return t.Format("2 Jan")
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

// decimals counts the digits after the point of a formatted number.
func decimals(text string) int {
	if i := strings.IndexByte(text, '.'); i >= 0 {
		return len(text) - i - 1
	}
	return 0
}
