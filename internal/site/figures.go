package site

import (
	"bytes"
	"strconv"
	"strings"
	"time"

	"github.com/brief-ssg/brief/internal/briefing"
	"github.com/brief-ssg/brief/internal/diag"
	"github.com/brief-ssg/brief/internal/slug"
)

// figureViews formats the figures of one briefing, resolving each of and
// giving each figure without a unit the unit of its series (units).
func figureViews(figs []briefing.Figure, date time.Time, units map[string]string, claimants *index, diags *diag.List) []FigureView {
	out := make([]FigureView, len(figs))
	for i := range figs {
		f := &figs[i]
		out[i] = FigureView{Figure: f, ValueText: FormatNumber(f.Value), Unit: f.Unit}
		if out[i].Unit == "" {
			out[i].Unit = units[f.Key]
		}
		out[i].ByKey, out[i].By = claimant(claimants, f.By)
		out[i].PeriodText = PeriodText(f.Period)
		y, m, d := date.Date()
		out[i].OwnPeriod = !f.Period.Start.Equal(f.Period.End) || f.Period.Start.Year() != y || f.Period.Start.Month() != m || f.Period.Start.Day() != d
		out[i].Symbol = Symbol(f.Qualifier) + out[i].ValueText
	}
	for i := range out {
		v, f := &out[i], &figs[i]
		if v.Unit == "" {
			diags.Warnf(f.Pos, "figure %q has no unit: add unit: (drones, people, percent …)", f.Label)
		}
		v.Text = strings.TrimSpace(qualified(f.Qualifier, v.ValueText) + " " + v.Unit)
		if f.Of == "" {
			continue
		}
		if w := wholeOf(out, v); w != nil {
			v.WholeText = qualified(w.Qualifier, FormatNumber(w.Value))
			if w.Value != 0 && w.Qualifier == "" {
				v.Percent = strconv.FormatFloat(100*f.Value/w.Value, 'f', 1, 64) + "%"
				if f.Qualifier != "" {
					v.Percent = f.Qualifier + " " + v.Percent
				}
			}
			v.Text = strings.TrimSpace(qualified(f.Qualifier, v.ValueText)+" of "+v.WholeText+" "+v.Unit) + percentSuffix(v.Percent)
			if exceeds(f, w.Figure) {
				diags.Errorf(f.Pos, "figure %q (%s) is larger than %q (%s), which it is part of: check the numbers, or say qualifier: at most or about", f.Label, v.ValueText, w.Label, FormatNumber(w.Value))
			}
		}
	}
	return out
}

// wholeOf finds the figure v is a part of: of the same claimant and
// period when there is one, else the first with its key.
func wholeOf(views []FigureView, v *FigureView) *FigureView {
	var first *FigureView
	for j := range views {
		w := &views[j]
		if w.Key != v.Of || w == v {
			continue
		}
		if w.ByKey == v.ByKey && w.Period.Equal(v.Period) {
			return w
		}
		if first == nil {
			first = w
		}
	}
	return first
}

// exceeds reports whether a part is surely larger than its whole: the
// part is at least its value and the whole at most its own.
func exceeds(part, whole *briefing.Figure) bool {
	if part.Value <= whole.Value || whole.Value < 0 {
		return false
	}
	partLow := part.Qualifier == "" || part.Qualifier == briefing.AtLeast
	wholeHigh := whole.Qualifier == "" || whole.Qualifier == briefing.AtMost
	return partLow && wholeHigh
}

// Qualified writes a value with its qualifier: "at least 121".
func Qualified(q, value string) string { return qualified(q, value) }

func qualified(q, value string) string {
	if q == "" {
		return value
	}
	return q + " " + value
}

// Symbol is the sign of a qualifier on a chart's point: "≥ " for at
// least, "≤ " for at most, "≈ " for about, "" for exactly.
func Symbol(q string) string {
	switch q {
	case briefing.AtLeast:
		return "≥ "
	case briefing.AtMost:
		return "≤ "
	case briefing.About:
		return "≈ "
	}
	return ""
}

// PeriodText writes a period as "6 Dec 2025", "5–6 Dec 2025",
// "30 Nov – 1 Dec 2025" or "31 Dec 2025 – 1 Jan 2026".
func PeriodText(p briefing.Period) string {
	a, b := p.Start, p.End
	switch {
	case a.IsZero():
		return ""
	case a.Equal(b):
		return a.Format("2 Jan 2006")
	case a.Year() != b.Year():
		return a.Format("2 Jan 2006") + " – " + b.Format("2 Jan 2006")
	case a.Month() != b.Month():
		return a.Format("2 Jan") + " – " + b.Format("2 Jan 2006")
	}
	return a.Format("2") + "–" + b.Format("2 Jan 2006")
}

// shortPeriod writes a period as PeriodText does, without the year when
// it is the year of from.
func shortPeriod(p briefing.Period, from time.Time) string {
	s := PeriodText(p)
	if p.End.Year() == from.Year() && p.Start.Year() == from.Year() {
		s = strings.TrimSuffix(s, " "+strconv.Itoa(p.End.Year()))
	}
	return s
}

// claimant folds who claims a figure to its actor: the canonical name of a
// profile when the name or an alias is one, else the name as written.
func claimant(ix *index, by string) (key, name string) {
	if by == "" {
		return "", ""
	}
	key = slug.Fold(by)
	if ix != nil {
		if p := ix.byKey[key]; p != nil {
			return p.key, p.name
		}
	}
	return key, by
}

func percentSuffix(p string) string {
	if p == "" {
		return ""
	}
	return " (" + p + ")"
}

// FormatNumber writes a figure value with thousands separators and no more
// decimals than it has: 1200 → "1,200", -3.5 → "-3.5".
func FormatNumber(v float64) string {
	var out [32]byte // on the stack, for all but huge numbers
	return string(appendNumber(out[:0], v))
}

// appendNumber appends v as FormatNumber writes it.
func appendNumber(b []byte, v float64) []byte {
	var num [32]byte
	s := strconv.AppendFloat(num[:0], v, 'f', -1, 64)
	sign := 0
	if s[0] == '-' {
		sign = 1
	}
	end := len(s) // of the integer part
	if i := bytes.IndexByte(s, '.'); i >= 0 {
		end = i
	}
	b = append(b, s[:sign]...)
	for i := sign; i < end; i++ {
		if i > sign && (end-i)%3 == 0 {
			b = append(b, ',')
		}
		b = append(b, s[i])
	}
	return append(b, s[end:]...)
}

// seriesUnits finds the unit of every figure key: the first written (by
// path). Only two different written units clash: a figure without one
// takes its series'. A unit that differs from the series' only by case or
// number (drone, drones) is an error that names the series' unit. A new
// key whose label is close to another series' label earns a warning.
func seriesUnits(bs []*briefing.Briefing, diags *diag.List) map[string]string {
	type first struct {
		unit string
		pos  diag.Pos
	}
	seen := map[string]first{}
	labels := map[string]string{} // folded label → key, for near misses
	var folded []string
	for _, b := range bs {
		for _, f := range b.Figures {
			prev, ok := seen[f.Key]
			switch {
			case !ok || prev.unit == "":
				if !ok {
					nearLabel(f, labels, &folded, diags)
				}
				if f.Unit != "" || !ok {
					seen[f.Key] = first{f.Unit, f.Pos}
				}
			case f.Unit != "" && f.Unit != prev.unit:
				if sameWord(f.Unit, prev.unit) {
					diags.Errorf(f.UnitPos, "figure %q has unit %q but its series has %q (%s): write %q", f.Key, f.Unit, prev.unit, prev.pos, prev.unit)
				} else {
					diags.Errorf(f.Pos, "figure %q has unit %q but %q at %s: one key keeps one unit; fix one, or give this figure another key", f.Key, f.Unit, prev.unit, prev.pos)
				}
			}
		}
	}
	units := make(map[string]string, len(seen))
	for k, f := range seen {
		units[k] = f.unit
	}
	return units
}

// nearLabel warns when the label of a new key is close to the label of a
// key seen before: the writer probably meant that series.
func nearLabel(f briefing.Figure, labels map[string]string, folded *[]string, diags *diag.List) {
	l := slug.Fold(f.Label)
	if key, ok := labels[l]; ok && key != f.Key {
		diags.Warnf(f.Pos, "figure %q starts a new series, but series %q has the same label: use key: %s, or another label", f.Key, key, key)
		return
	}
	if len([]rune(l)) > 4 {
		if near := slug.Closest(l, *folded, max(1, len([]rune(l))/8)); near != "" {
			diags.Warnf(f.Pos, "figure %q starts a new series, but its label %q is close to that of series %q: use key: %s, or another label", f.Key, f.Label, labels[near], labels[near])
		}
	}
	if _, ok := labels[l]; !ok {
		labels[l] = f.Key
		*folded = append(*folded, l)
	}
}

// sameWord reports whether two units differ only by case or a plural s.
func sameWord(a, b string) bool {
	a, b = strings.ToLower(a), strings.ToLower(b)
	trim := func(s string) string { return strings.TrimSuffix(strings.TrimSuffix(s, "s"), "e") }
	return a == b || trim(a) == trim(b) || strings.TrimSuffix(a, "es") == b || strings.TrimSuffix(b, "es") == a
}
