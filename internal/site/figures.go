package site

import (
	"strconv"
	"strings"

	"brief/internal/briefing"
	"brief/internal/diag"
)

// figureViews formats the figures of one briefing, resolving each of.
func figureViews(figs []briefing.Figure, diags *diag.List) []FigureView {
	out := make([]FigureView, len(figs))
	for i := range figs {
		f := &figs[i]
		v := FigureView{Figure: f, ValueText: FormatNumber(f.Value)}
		v.Text = strings.TrimSpace(v.ValueText + " " + f.Unit)
		if f.Unit == "" {
			diags.Warnf(f.Pos, "figure %q has no unit: add unit: (drones, people, percent …)", f.Label)
		}
		if f.Of != "" {
			for _, w := range figs {
				if w.Key != f.Of {
					continue
				}
				v.WholeText = FormatNumber(w.Value)
				if w.Value != 0 {
					v.Percent = strconv.FormatFloat(100*f.Value/w.Value, 'f', 1, 64) + "%"
				}
				v.Text = strings.TrimSpace(v.ValueText+" of "+v.WholeText+" "+f.Unit) + percentSuffix(v.Percent)
				if f.Value > w.Value && w.Value >= 0 {
					diags.Warnf(f.Pos, "figure %q (%s) is larger than %q (%s), which it is part of: check the numbers", f.Label, v.ValueText, w.Label, v.WholeText)
				}
			}
		}
		out[i] = v
	}
	return out
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
	s := strconv.FormatFloat(v, 'f', -1, 64)
	sign := ""
	if strings.HasPrefix(s, "-") {
		sign, s = "-", s[1:]
	}
	intPart, frac, hasFrac := strings.Cut(s, ".")
	var b strings.Builder
	b.WriteString(sign)
	for i, c := range intPart {
		if i > 0 && (len(intPart)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteRune(c)
	}
	if hasFrac {
		b.WriteByte('.')
		b.WriteString(frac)
	}
	return b.String()
}

// checkUnits reports a figure key whose unit differs from the one it had in
// an earlier briefing (by path), naming both places.
func checkUnits(bs []*briefing.Briefing, diags *diag.List) {
	type first struct {
		unit string
		pos  diag.Pos
	}
	seen := map[string]first{}
	for _, b := range bs {
		for _, f := range b.Figures {
			prev, ok := seen[f.Key]
			if !ok {
				seen[f.Key] = first{f.Unit, f.Pos}
				continue
			}
			if prev.unit != f.Unit {
				diags.Errorf(f.Pos, "figure %q has unit %q but %q at %s: one key keeps one unit; fix one, or give this figure another key", f.Key, f.Unit, prev.unit, prev.pos)
			}
		}
	}
}
