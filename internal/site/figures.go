package site

import (
	"bytes"
	"strconv"
	"strings"

	"github.com/brief-ssg/brief/internal/briefing"
	"github.com/brief-ssg/brief/internal/diag"
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
