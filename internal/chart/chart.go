// Package chart draws figure series as inline SVG at build time: line
// charts with a real time axis and sparklines. Pure: data in, markup out.
//
// The markup carries no colours of its own: series use class "series-N" and
// stroke/fill "var(--chart-N, fallback)", text uses fill="currentColor",
// gridlines var(--rule, …) and axes var(--border, …), so the page's CSS
// (light, dark, print) decides. Output is deterministic: the same input gives
// the same bytes.
package chart

import (
	"encoding/binary"
	"hash/fnv"
	"html/template"
	"math"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"
)

// Point is one value of a series.
type Point struct {
	Time  time.Time
	Value float64
	URL   string // the briefing the value comes from; the table below a chart links it
	Text  string // how the value reads, e.g. "653 drones on 6 December 2025"
	// Label is the value as a point shows it when focused, "≥ 121";
	// default: the value. Qualified points (at least, at most, about) are
	// drawn hollow and show their label always.
	Label     string
	Qualified bool
}

// Series is one line of a chart.
type Series struct {
	Name   string  // legend label, e.g. "Drones launched"
	Unit   string  // e.g. "drones"; shown on the value axis
	Points []Point // any order; the package sorts by time (stable)
	Color  int     // 1..4: drawn with class "series-N", coloured by CSS var(--chart-N)
}

// Options are the settings of Line. The zero value is usable.
type Options struct {
	Title         string         // becomes <title> (accessible name); default: the series names
	Description   string         // becomes <desc>; default: a summary of each series
	Width, Height int            // viewBox size; defaults 640×320 (at least 160×100)
	MaxPoints     int            // drawn points per series before downsampling; default 400
	Location      *time.Location // for tick labels; default UTC
	IncludeZero   bool           // extend the value axis to 0 (for counts)
	Legend        bool           // name even a single series in a legend (who claims it)
}

// gapFactor is how many times a series' usual interval between points a
// gap may be before its line breaks there rather than bridge it.
const gapFactor = 3

// usualGap is the median interval between consecutive points, or 0.
func usualGap(pts []Point) time.Duration {
	if len(pts) < 3 {
		return 0
	}
	gaps := make([]time.Duration, len(pts)-1)
	for i := range gaps {
		gaps[i] = pts[i+1].Time.Sub(pts[i].Time)
	}
	slices.Sort(gaps)
	return gaps[len(gaps)/2]
}

const (
	fontSize = 12
	charW    = 0.62 * fontSize // estimated average glyph width
	rowH     = 18              // legend row height
)

// Fallback colours: the site's light palette.
var (
	palette = [5]string{"", "#0b5cad", "#b3460c", "#1d7a3a", "#8a3ab9"}
	// Dashes tell the series apart without colour (print, colour blindness).
	dashes = [5]string{"", "", "6 3", "2 3", "8 3 2 3"}
)

const (
	gridStroke = "var(--rule, #d5d8dd)"
	axisStroke = "var(--border, #8a9099)"
	haloStroke = "var(--bg, #ffffff)"
)

func seriesStroke(c int) string {
	return "var(--chart-" + strconv.Itoa(c) + ", " + palette[c] + ")"
}

type line struct {
	Series
	color int
	pts   []Point // finite values, sorted by time
}

// Line draws one or more series (e.g. launched vs intercepted) on a shared
// time axis and value axis.
//
// Points with a NaN or infinite value are left out. A series with more than
// MaxPoints points is drawn as a path through Downsample(points, MaxPoints)
// without per-point links; otherwise each point is a circle linking to its
// URL (when relative or http(s)) with its Text as tooltip. With no points at
// all Line returns "".
func Line(series []Series, opt Options) template.HTML {
	W, H := opt.Width, opt.Height
	if W <= 0 {
		W = 640
	}
	if H <= 0 {
		H = 320
	}
	W, H = max(W, 160), max(H, 100)
	maxPts := opt.MaxPoints
	if maxPts <= 0 {
		maxPts = 400
	}
	maxPts = max(maxPts, 2)
	loc := opt.Location
	if loc == nil {
		loc = time.UTC
	}

	lines := make([]line, len(series))
	var t0, t1 time.Time
	var v0, v1 float64
	count := 0
	for i, s := range series {
		pts := finiteByTime(s.Points)
		c := s.Color
		if c < 1 || c > 4 {
			c = i%4 + 1
		}
		lines[i] = line{Series: s, color: c, pts: pts}
		for _, p := range pts {
			if count == 0 {
				t0, t1, v0, v1 = p.Time, p.Time, p.Value, p.Value
			}
			if p.Time.Before(t0) {
				t0 = p.Time
			}
			if p.Time.After(t1) {
				t1 = p.Time
			}
			v0, v1 = math.Min(v0, p.Value), math.Max(v1, p.Value)
			count++
		}
	}
	if count == 0 {
		return ""
	}
	if !t1.After(t0) { // one time: centre it in a two-day axis
		t0, t1 = t0.Add(-24*time.Hour), t1.Add(24*time.Hour)
	}
	tspan := seconds(t1, t0)
	if opt.IncludeZero {
		v0, v1 = math.Min(v0, 0), math.Max(v1, 0)
	}

	fw, fh := float64(W), float64(H)
	const pad = 4.0

	// Top: legend rows, then the unit, then the plot.
	var legend []legendItem
	legendH := 0.0
	if len(lines) > 1 || opt.Legend {
		legend, legendH = layoutLegend(lines, pad, fw-pad)
	}
	unit := unitLabel(lines, int((fw*2/3-4)/charW)) // starts at the y axis, at most a third in
	plotTopFor := func(legendH float64) float64 {
		if unit != "" {
			return pad + legendH + fontSize + 8
		}
		return pad + legendH + 8
	}
	py0, py1 := plotTopFor(legendH), fh-24
	if py1-py0 < 40 && legend != nil { // no room: the description and table still name the series
		legend, legendH = nil, 0
		py0 = plotTopFor(0)
	}

	// Value axis.
	ny := int((py1 - py0) / 45)
	ny = min(max(ny, 2), 10)
	ticks, step, _ := niceTicks(v0, v1, ny)
	if len(ticks) < 2 {
		lo, hi := expandRange(v0, v1)
		ticks, step = []float64{lo, hi}, hi/2-lo/2
	}
	lo, hi := ticks[0], ticks[len(ticks)-1]
	scale, suffix := valueScale(math.Max(math.Abs(lo), math.Abs(hi)))
	ldec := min(decimals(step/scale), 15)
	labels := make([]string, len(ticks))
	maxLen := 1
	for i, v := range ticks {
		if scale == 1e12 && math.Max(math.Abs(lo), math.Abs(hi)) >= 1e18 {
			labels[i] = strconv.FormatFloat(v, 'g', -1, 64) // beyond "999,999T"
		} else {
			labels[i] = formatNumber(v/scale, ldec) + suffix
		}
		maxLen = max(maxLen, utf8.RuneCountInString(labels[i]))
	}
	px0 := math.Min(math.Max(float64(maxLen)*charW+10, 28), fw/3)
	px1 := fw - 12

	xOf := func(t time.Time) float64 {
		return clamp(px0+seconds(t, t0)/tspan*(px1-px0), px0, px1)
	}
	// Halves keep hi−lo finite even for ±1e308.
	yOf := func(v float64) float64 {
		f := (v/2 - lo/2) / (hi/2 - lo/2)
		return clamp(py1-f*(py1-py0), py0, py1)
	}

	title := opt.Title
	if strings.TrimSpace(title) == "" {
		title = defaultTitle(lines)
	}
	desc := opt.Description
	if strings.TrimSpace(desc) == "" {
		desc = describe(lines, loc)
	}
	id := chartID(title+"\x00"+strconv.Itoa(W)+"x"+strconv.Itoa(H), desc, lines)

	var b strings.Builder
	b.Grow(4096)
	b.WriteString(`<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ` + strconv.Itoa(W) + ` ` + strconv.Itoa(H) +
		`" width="` + strconv.Itoa(W) + `" height="` + strconv.Itoa(H) +
		`" role="group" aria-labelledby="` + id + `-title ` + id + `-desc" class="chart">`)
	b.WriteString(`<title id="` + id + `-title">` + esc(title) + `</title>`)
	b.WriteString(`<desc id="` + id + `-desc">` + esc(desc) + `</desc>`)

	// Gridlines at the value ticks.
	b.WriteString(`<g class="grid" stroke="` + gridStroke + `" stroke-width="1" fill="none">`)
	for _, v := range ticks {
		y := num(yOf(v))
		b.WriteString(`<line x1="` + num(px0) + `" y1="` + y + `" x2="` + num(px1) + `" y2="` + y + `"/>`)
	}
	b.WriteString(`</g>`)
	if lo < 0 && hi > 0 {
		y := num(yOf(0))
		b.WriteString(`<line class="zero" x1="` + num(px0) + `" y1="` + y + `" x2="` + num(px1) + `" y2="` + y +
			`" stroke="currentColor" stroke-width="1"/>`)
	}

	// Axes and time tick marks.
	tt := TimeTicks(t0, t1, min(max(int((px1-px0)/80), 2), 12), loc)
	b.WriteString(`<g class="axis" stroke="` + axisStroke + `" stroke-width="1" fill="none">`)
	b.WriteString(`<line x1="` + num(px0) + `" y1="` + num(py0) + `" x2="` + num(px0) + `" y2="` + num(py1) + `"/>`)
	b.WriteString(`<line x1="` + num(px0) + `" y1="` + num(py1) + `" x2="` + num(px1) + `" y2="` + num(py1) + `"/>`)
	for _, t := range tt {
		x := num(xOf(t.Time))
		b.WriteString(`<line x1="` + x + `" y1="` + num(py1) + `" x2="` + x + `" y2="` + num(py1+5) + `"/>`)
	}
	b.WriteString(`</g>`)

	// Value labels, the unit, time labels.
	b.WriteString(`<g class="tick y" font-size="12" fill="currentColor" text-anchor="end">`)
	for i, v := range ticks {
		b.WriteString(`<text x="` + num(px0-6) + `" y="` + num(yOf(v)+4) + `">` + esc(labels[i]) + `</text>`)
	}
	b.WriteString(`</g>`)
	if unit != "" {
		b.WriteString(`<text class="unit" x="` + num(px0) + `" y="` + num(py0-7) +
			`" font-size="12" fill="currentColor">` + esc(unit) + `</text>`)
	}
	b.WriteString(`<g class="tick x" font-size="12" fill="currentColor" text-anchor="middle">`)
	for _, t := range tt {
		half := float64(utf8.RuneCountInString(t.Label)) * charW / 2
		x := clamp(xOf(t.Time), half+2, fw-half-2)
		b.WriteString(`<text x="` + num(x) + `" y="` + num(py1+18) + `">` + esc(t.Label) + `</text>`)
	}
	b.WriteString(`</g>`)

	// Series.
	for _, l := range lines {
		if len(l.pts) == 0 {
			continue
		}
		drawn := l.pts
		sampled := len(drawn) > maxPts
		if sampled {
			drawn = Downsample(drawn, maxPts)
		}
		c := strconv.Itoa(l.color)
		if len(drawn) > 1 {
			b.WriteString(`<path class="series-` + c + `" fill="none" stroke="` + seriesStroke(l.color) +
				`" stroke-width="2" stroke-linejoin="round" stroke-linecap="round"`)
			if d := dashes[l.color]; d != "" {
				b.WriteString(` stroke-dasharray="` + d + `"`)
			}
			b.WriteString(` d="`)
			var usual time.Duration // a downsampled line's intervals are the sampling's
			if !sampled {
				usual = usualGap(drawn)
			}
			for i, p := range drawn {
				if i == 0 || usual > 0 && p.Time.Sub(drawn[i-1].Time) > gapFactor*usual {
					b.WriteByte('M') // a gap: no line across it
				} else {
					b.WriteByte('L')
				}
				b.WriteString(num(xOf(p.Time)) + "," + num(yOf(p.Value)))
			}
			b.WriteString(`"/>`)
		}
		if sampled {
			continue
		}
		for _, p := range drawn {
			writePoint(&b, p, l, loc, xOf(p.Time), yOf(p.Value), fw)
		}
	}

	// Legend.
	if len(legend) > 0 {
		b.WriteString(`<g class="legend" font-size="12" fill="currentColor">`)
		for _, it := range legend {
			y := pad + float64(it.row)*rowH + rowH/2
			b.WriteString(`<line class="series-` + strconv.Itoa(it.color) + `" x1="` + num(it.x) + `" y1="` + num(y) +
				`" x2="` + num(it.x+20) + `" y2="` + num(y) + `" stroke="` + seriesStroke(it.color) + `" stroke-width="2"`)
			if d := dashes[it.color]; d != "" {
				b.WriteString(` stroke-dasharray="` + d + `"`)
			}
			b.WriteString(`/><text x="` + num(it.x+25) + `" y="` + num(y+4) + `">` + esc(it.name) + `</text>`)
		}
		b.WriteString(`</g>`)
	}
	b.WriteString(`</svg>`)
	return template.HTML(b.String())
}

// hit is the side of a point's tap target, in viewBox units: 24 CSS
// pixels or more wherever the chart is drawn at its size or larger.
const hit = 24

// writePoint draws one value as a focusable mark, not a link: a tap or
// the keyboard focuses it and shows its value, and no link sits inside
// the chart's image. Its text names it for screen readers and as its
// tooltip.
func writePoint(b *strings.Builder, p Point, l line, loc *time.Location, x, y, fw float64) {
	c := strconv.Itoa(l.color)
	text := esc(pointText(p, l.Series, loc))
	class := "value series-" + c
	if p.Qualified {
		class += " qualified"
	}
	b.WriteString(`<g class="` + class + `" tabindex="0" role="img" aria-label="` + text + `"><title>` + text + `</title>`)
	b.WriteString(`<rect class="hit" x="` + num(x-hit/2) + `" y="` + num(y-hit/2) + `" width="` + num(hit) + `" height="` + num(hit) + `" fill="transparent"/>`)
	fill := seriesStroke(l.color)
	stroke := haloStroke
	if p.Qualified { // hollow: the value is a bound or an estimate
		fill, stroke = haloStroke, seriesStroke(l.color)
	}
	b.WriteString(`<circle class="point series-` + c + `" cx="` + num(x) + `" cy="` + num(y) + `" r="3" fill="` + fill + `" stroke="` + stroke + `" stroke-width="1.5"/>`)
	label := p.Label
	if strings.TrimSpace(label) == "" {
		label = formatNumber(p.Value, -1)
	}
	if utf8.RuneCountInString(label) > 20 {
		label = strconv.FormatFloat(p.Value, 'g', 4, 64)
	}
	half := float64(utf8.RuneCountInString(label)) * charW / 2
	ty := y - 9
	if ty < fontSize {
		ty = y + 9 + fontSize
	}
	b.WriteString(`<text class="tip" x="` + num(clamp(x, half+2, fw-half-2)) + `" y="` + num(ty) + `" font-size="12" fill="currentColor" text-anchor="middle">` + esc(label) + `</text></g>`)
}

type legendItem struct {
	name  string
	color int
	x     float64
	row   int
}

// layoutLegend places a swatch and name per series in rows from x0, wrapping
// before x1; names too long for a row are shortened with "…".
func layoutLegend(lines []line, x0, x1 float64) ([]legendItem, float64) {
	items := make([]legendItem, 0, len(lines))
	x, row := x0, 0
	maxRunes := max(int((x1-x0-25)/charW), 1)
	for i, l := range lines {
		name := truncate(clean(l.Name), maxRunes)
		if strings.TrimSpace(name) == "" {
			name = "Series " + strconv.Itoa(i+1)
		}
		w := 25 + float64(utf8.RuneCountInString(name))*charW
		if x > x0 && x+w > x1 {
			x, row = x0, row+1
		}
		items = append(items, legendItem{name: name, color: l.color, x: x, row: row})
		x += w + 16
	}
	return items, float64(row+1) * rowH
}

// unitLabel is the unit of the series, or their distinct units joined by
// " / ", shortened to maxRunes.
func unitLabel(lines []line, maxRunes int) string {
	var units []string
	for _, l := range lines {
		u := strings.TrimSpace(clean(l.Unit))
		if u == "" {
			continue
		}
		seen := false
		for _, v := range units {
			seen = seen || v == u
		}
		if !seen {
			units = append(units, u)
		}
	}
	return truncate(strings.Join(units, " / "), max(maxRunes, 1))
}

func defaultTitle(lines []line) string {
	var names []string
	for _, l := range lines {
		if n := strings.TrimSpace(l.Name); n != "" {
			names = append(names, n)
		}
	}
	if len(names) == 0 {
		return "Chart"
	}
	return strings.Join(names, ", ")
}

// describe summarises each series: how many values, from when to when, the
// lowest and highest.
func describe(lines []line, loc *time.Location) string {
	var parts []string
	for i, l := range lines {
		name := strings.TrimSpace(l.Name)
		if name == "" {
			name = "Series " + strconv.Itoa(i+1)
		}
		if len(l.pts) == 0 {
			parts = append(parts, name+": no values.")
			continue
		}
		lo, hi := l.pts[0].Value, l.pts[0].Value
		for _, p := range l.pts {
			lo, hi = math.Min(lo, p.Value), math.Max(hi, p.Value)
		}
		unit := ""
		if u := strings.TrimSpace(l.Unit); u != "" {
			unit = " " + u
		}
		first, last := l.pts[0].Time.In(loc), l.pts[len(l.pts)-1].Time.In(loc)
		s := name + ": "
		if len(l.pts) == 1 {
			s += formatNumber(lo, -1) + unit + " on " + first.Format("2 January 2006") + "."
		} else {
			s += strconv.Itoa(len(l.pts)) + " values from " + first.Format("2 January 2006") + " to " +
				last.Format("2 January 2006") + ", lowest " + formatNumber(lo, -1) + unit +
				", highest " + formatNumber(hi, -1) + unit + "."
		}
		parts = append(parts, s)
	}
	return strings.Join(parts, " ")
}

// pointText is the tooltip of a point: its Text, or "Name: 653 drones on
// 6 December 2025".
func pointText(p Point, s Series, loc *time.Location) string {
	if strings.TrimSpace(p.Text) != "" {
		return p.Text
	}
	t := formatNumber(p.Value, -1)
	if u := strings.TrimSpace(s.Unit); u != "" {
		t += " " + u
	}
	t += " on " + p.Time.In(loc).Format("2 January 2006")
	if n := strings.TrimSpace(s.Name); n != "" {
		t = n + ": " + t
	}
	return t
}

// chartID is a short deterministic id from the title, description and data,
// so several charts on one page get different ids.
func chartID(title, desc string, lines []line) string {
	h := fnv.New32a()
	w := func(s string) { h.Write([]byte(s)); h.Write([]byte{0}) }
	w(title)
	w(desc)
	for _, l := range lines {
		w(l.Name)
		w(l.Unit)
		var buf [16]byte
		for _, p := range l.pts {
			binary.LittleEndian.PutUint64(buf[:8], uint64(p.Time.Unix())^uint64(p.Time.Nanosecond())<<34)
			binary.LittleEndian.PutUint64(buf[8:], math.Float64bits(p.Value))
			h.Write(buf[:])
		}
	}
	return "chart-" + strconv.FormatUint(uint64(h.Sum32()), 36)
}

// finiteByTime returns the points with finite values in time order: in
// itself when they all have one and are in order already (the callers
// never change it), else a sorted copy.
func finiteByTime(in []Point) []Point {
	ready := true
	for i, p := range in {
		if !finite(p.Value) || i > 0 && p.Time.Before(in[i-1].Time) {
			ready = false
			break
		}
	}
	if ready {
		return in
	}
	out := make([]Point, 0, len(in))
	for _, p := range in {
		if finite(p.Value) {
			out = append(out, p)
		}
	}
	sortByTime(out)
	return out
}

// valueScale picks a suffix for axis labels of large values.
func valueScale(m float64) (float64, string) {
	switch {
	case m >= 1e12:
		return 1e12, "T"
	case m >= 1e9:
		return 1e9, "B"
	case m >= 1e6:
		return 1e6, "M"
	}
	return 1, ""
}

// formatNumber writes v with dec decimals (-1: as many as it has) and
// thousands separators: 1200 → "1,200".
func formatNumber(v float64, dec int) string {
	s := strconv.FormatFloat(v, 'f', dec, 64)
	sign := ""
	if strings.HasPrefix(s, "-") {
		sign, s = "-", s[1:]
	}
	intPart, frac, hasFrac := strings.Cut(s, ".")
	if strings.Trim(intPart+frac, "0") == "" {
		sign = "" // no "-0"
	}
	var b strings.Builder
	b.WriteString(sign)
	for i := 0; i < len(intPart); i++ {
		if i > 0 && (len(intPart)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteByte(intPart[i])
	}
	if hasFrac {
		b.WriteByte('.')
		b.WriteString(frac)
	}
	return b.String()
}

// num formats a coordinate with at most 2 decimals; never NaN or Inf.
func num(v float64) string { return string(appendNum(nil, v)) }

// appendNum appends num(v) to b, for the many numbers of a path.
func appendNum(b []byte, v float64) []byte {
	if !finite(v) {
		return append(b, '0')
	}
	r := math.Round(v*100) / 100
	if r == 0 {
		return append(b, '0')
	}
	return strconv.AppendFloat(b, r, 'f', -1, 64)
}

func clamp(v, lo, hi float64) float64 {
	if !(v >= lo) { // also NaN
		return lo
	}
	if v > hi {
		return hi
	}
	return v
}

// esc escapes text for an SVG text node or attribute, dropping what XML 1.0
// does not allow.
func esc(s string) string { return template.HTMLEscapeString(clean(s)) }

// clean makes s valid UTF-8 without control characters (tab, newline and
// carriage return become spaces).
func clean(s string) string {
	s = strings.ToValidUTF8(s, "\uFFFD")
	return strings.Map(func(r rune) rune {
		switch {
		case r == '\t' || r == '\n' || r == '\r':
			return ' '
		case r < 0x20, r == 0x7f, r >= 0x80 && r < 0xa0, r == 0xFFFE, r == 0xFFFF:
			return -1
		}
		return r
	}, s)
}

func truncate(s string, maxRunes int) string {
	if utf8.RuneCountInString(s) <= maxRunes {
		return s
	}
	r := []rune(s)
	return strings.TrimSpace(string(r[:max(maxRunes-1, 0)])) + "…"
}
