package chart

import (
	"html/template"
	"math"
	"strconv"
	"strings"
)

// Sparkline draws a small line (no axes, no text) of the points, with
// <title>; width×height in px (e.g. 100×24). Empty input → empty HTML.
//
// The line is class "series-1" in var(--chart-1, …), with a dot on the last
// (latest) point. Points with a NaN or infinite value are left out; more than
// 2×width points are downsampled. An empty title marks the sparkline as
// decorative (aria-hidden) instead of naming it. width or height ≤ 0 mean
// 100 or 24; the minimum is 8×8.
func Sparkline(points []Point, width, height int, title string) template.HTML {
	pts := finiteByTime(points)
	if len(pts) == 0 {
		return ""
	}
	if width <= 0 {
		width = 100
	}
	if height <= 0 {
		height = 24
	}
	width, height = max(width, 8), max(height, 8)
	if len(pts) > 2*width {
		pts = Downsample(pts, 2*width)
	}
	const pad = 3.0 // room for the end dot (r=2) and the stroke
	fw, fh := float64(width), float64(height)
	t0, t1 := pts[0].Time, pts[len(pts)-1].Time
	tspan := seconds(t1, t0)
	lo, hi := pts[0].Value, pts[0].Value
	for _, p := range pts {
		lo, hi = math.Min(lo, p.Value), math.Max(hi, p.Value)
	}
	xOf := func(i int) float64 {
		if tspan <= 0 {
			return fw / 2
		}
		return clamp(pad+seconds(pts[i].Time, t0)/tspan*(fw-2*pad), pad, fw-pad)
	}
	yOf := func(v float64) float64 {
		d := hi/2 - lo/2
		if !(d > 0) {
			return fh / 2
		}
		return clamp(fh-pad-(v/2-lo/2)/d*(fh-2*pad), pad, fh-pad)
	}

	var b strings.Builder
	b.Grow(512 + len(title) + 16*len(pts))
	w, h := strconv.Itoa(width), strconv.Itoa(height)
	b.WriteString(`<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ` + w + ` ` + h + `" width="` + w + `" height="` + h + `"`)
	if strings.TrimSpace(title) == "" {
		b.WriteString(` aria-hidden="true" focusable="false" class="sparkline">`)
	} else {
		id := chartID(title, "sparkline", []line{{pts: pts}})
		b.WriteString(` role="img" aria-labelledby="` + id + `-title" class="sparkline"><title id="` + id + `-title">` + esc(title) + `</title>`)
	}
	if len(pts) > 1 {
		b.WriteString(`<path class="series-1" fill="none" stroke="` + seriesStroke(1) +
			`" stroke-width="1.5" stroke-linejoin="round" stroke-linecap="round" d="`)
		var nb [32]byte // numbers go through it, not through strings
		for i, p := range pts {
			if i == 0 {
				b.WriteByte('M')
			} else {
				b.WriteByte('L')
			}
			b.Write(appendNum(nb[:0], xOf(i)))
			b.WriteByte(',')
			b.Write(appendNum(nb[:0], yOf(p.Value)))
		}
		b.WriteString(`"/>`)
	}
	last := len(pts) - 1
	b.WriteString(`<circle class="point series-1" cx="` + num(xOf(last)) + `" cy="` + num(yOf(pts[last].Value)) +
		`" r="2" fill="` + seriesStroke(1) + `"/></svg>`)
	return template.HTML(b.String())
}
