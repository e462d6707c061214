package chart

import (
	"bytes"
	"encoding/xml"
	"flag"
	"fmt"
	"io"
	"math"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"sort"
	"strconv"
	"strings"
	"testing"
	"time"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata")

type chartCase struct {
	name string
	svg  func() string
}

func launched(vals ...float64) []Point {
	pts := make([]Point, len(vals))
	for i, v := range vals {
		t := day(2025, 12, 6).AddDate(0, 0, i)
		pts[i] = Point{
			Time:  t,
			Value: v,
			URL:   "/briefings/" + t.Format("2006-01-02") + "/",
			Text:  strconv.FormatFloat(v, 'f', -1, 64) + " drones on " + t.Format("2 January 2006"),
		}
	}
	return pts
}

// goldenCases are the edge cases kept as testdata/<name>.svg.
func goldenCases() []chartCase {
	opt := func(title string) Options {
		return Options{Title: title, Description: "Test chart: " + title + "."}
	}
	one := func(name, unit string, pts []Point, o Options) chartCase {
		return chartCase{name, func() string {
			return string(Line([]Series{{Name: "Drones launched", Unit: unit, Points: pts, Color: 1}}, o))
		}}
	}
	gap := []Point{
		{Time: day(2025, 1, 10), Value: 120, URL: "/briefings/2025-01-10/"},
		{Time: day(2025, 2, 3), Value: 180, URL: "/briefings/2025-02-03/"},
		{Time: day(2025, 7, 21), Value: 410, URL: "/briefings/2025-07-21/"},
		{Time: day(2025, 8, 1), Value: 380, URL: "/briefings/2025-08-01/"},
	}
	var large, small []Point
	for i, v := range []float64{1.2e9, 1e9, 1.45e9, 1.3e9} {
		large = append(large, Point{Time: day(2025, 3, 1).AddDate(0, 0, 7*i), Value: v})
	}
	for i, v := range []float64{0.001, 0.0012, 0.0011, 0.00105} {
		small = append(small, Point{Time: day(2025, 3, 1).AddDate(0, 0, 7*i), Value: v})
	}
	return []chartCase{
		one("one-value", "drones", launched(653), opt("One value")),
		one("two-values", "drones", launched(653, 480), opt("Two values")),
		one("same-time", "drones", []Point{
			{Time: day(2025, 12, 6), Value: 653, URL: "/briefings/a/"},
			{Time: day(2025, 12, 6), Value: 585, URL: "/briefings/b/"},
		}, opt("Two values at the same time")),
		one("gap-months", "drones", gap, opt("A gap of months")),
		one("negative", "°C", []Point{
			{Time: day(2025, 1, 1), Value: -12},
			{Time: day(2025, 1, 2), Value: -3.5},
			{Time: day(2025, 1, 3), Value: -7},
		}, opt("Negative values")),
		one("crossing-zero", "°C", []Point{
			{Time: day(2025, 1, 1), Value: -3.5},
			{Time: day(2025, 1, 2), Value: 12},
			{Time: day(2025, 1, 3), Value: 4},
			{Time: day(2025, 1, 4), Value: -1},
		}, opt("Values crossing zero")),
		one("equal-values", "drones", launched(100, 100, 100), opt("Equal values")),
		one("large-values", "dollars", large, opt("Large values")),
		one("small-values", "mSv", small, opt("Small values")),
		{"launched-intercepted", func() string {
			return string(Line([]Series{
				{Name: "Drones launched", Unit: "drones", Color: 1, Points: launched(653, 480, 810, 402, 550)},
				{Name: "Drones intercepted", Unit: "drones", Color: 2, Points: launched(585, 455, 702, 380, 548)},
			}, Options{Title: "Drones launched and intercepted", IncludeZero: true}))
		}},
		{"downsampled-10000", func() string {
			return string(Line([]Series{{Name: "Readings", Unit: "readings", Points: wave(10000, 7777, 2222)}},
				opt("Ten thousand values")))
		}},
		{"escaping", func() string {
			return string(Line([]Series{{Name: `<b>"Drones" & co</b>`, Unit: "<i>", Points: []Point{
				{Time: day(2025, 12, 6), Value: 1, URL: "javascript:alert(1)", Text: `<script>alert("x")</script>`},
				{Time: day(2025, 12, 7), Value: 2, URL: `/a?b=1&c="2"`, Text: "a & b"},
				{Time: day(2025, 12, 8), Value: 3, URL: "https://example.org/x", Text: "ok\x00\x01"},
			}}}, Options{Title: `</title><script>alert(1)</script>`, Description: "x < y & \"z\""}))
		}},
		{"sparkline", func() string {
			return string(Sparkline(launched(653, 480, 810, 402, 550, 120, 300), 100, 24, "Drones launched, last 7 days"))
		}},
		{"sparkline-one-value", func() string { return string(Sparkline(launched(653), 100, 24, "")) }},
	}
}

// stressCases are further inputs checked for well-formedness and bounds.
func stressCases() []chartCase {
	cases := goldenCases()
	add := func(name string, f func() string) { cases = append(cases, chartCase{name, f}) }
	add("extreme-values", func() string {
		return string(Line([]Series{{Points: []Point{
			{Time: day(2025, 1, 1), Value: -1e308}, {Time: day(2025, 1, 2), Value: 1e308},
			{Time: day(2025, 1, 3), Value: math.NaN()}, {Time: day(2025, 1, 4), Value: math.Inf(1)},
		}}}, Options{}))
	})
	add("huge-time-span", func() string {
		return string(Line([]Series{{Points: []Point{
			{Time: time.Time{}, Value: 1}, {Time: day(9999, 12, 31), Value: 2}, {Time: day(2025, 1, 1), Value: 3},
		}}}, Options{}))
	})
	add("tiny-size-many-series", func() string {
		var s []Series
		for i := 0; i < 9; i++ {
			s = append(s, Series{Name: strings.Repeat("Very long series name ", 5), Unit: fmt.Sprint("unit", i), Color: i, Points: launched(float64(i), float64(i*i))})
		}
		return string(Line(s, Options{Width: 10, Height: 10, MaxPoints: 1}))
	})
	add("tiny-range", func() string {
		return string(Line([]Series{{Points: []Point{
			{Time: day(2025, 1, 1), Value: 1e9}, {Time: day(2025, 1, 2), Value: 1e9 + 0.001},
		}}}, Options{}))
	})
	add("one-value-zero", func() string { return string(Line([]Series{{Points: launched(0)}}, Options{})) })
	add("sparkline-flat", func() string { return string(Sparkline(launched(5, 5, 5), 0, 0, "flat")) })
	add("sparkline-10000", func() string { return string(Sparkline(wave(10000, 1, 2), 60, 16, "many")) })
	add("sparkline-same-time", func() string {
		return string(Sparkline([]Point{{Time: day(2025, 1, 1), Value: 1}, {Time: day(2025, 1, 1), Value: 9}}, 100, 24, "x"))
	})
	return cases
}

func TestGolden(t *testing.T) {
	for _, c := range goldenCases() {
		got := c.svg()
		if again := c.svg(); again != got {
			t.Errorf("%s: output differs between two runs", c.name)
		}
		file := filepath.Join("testdata", c.name+".svg")
		if *update {
			if err := os.MkdirAll("testdata", 0o755); err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(file, []byte(got+"\n"), 0o644); err != nil {
				t.Fatal(err)
			}
			continue
		}
		want, err := os.ReadFile(file)
		if err != nil {
			t.Fatalf("%v (run go test ./internal/chart -update)", err)
		}
		if got+"\n" != string(want) {
			t.Errorf("%s: output differs from %s (run go test ./internal/chart -update after checking the change)\ngot:\n%s", c.name, file, got)
		}
	}
}

// TestGoldenFilesWellFormed parses every golden file as strict XML.
func TestGoldenFilesWellFormed(t *testing.T) {
	files, err := filepath.Glob(filepath.Join("testdata", "*.svg"))
	if err != nil {
		t.Fatal(err)
	}
	if len(files) < len(goldenCases()) {
		t.Fatalf("found %d golden files, want %d", len(files), len(goldenCases()))
	}
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		if err := wellFormed(string(b)); err != nil {
			t.Errorf("%s: %v", f, err)
		}
		if bytes.Contains(b, []byte("NaN")) || bytes.Contains(b, []byte("Inf")) {
			t.Errorf("%s contains NaN or Inf", f)
		}
	}
}

func wellFormed(s string) error {
	d := xml.NewDecoder(strings.NewReader(s))
	d.Strict = true
	for {
		_, err := d.Token()
		if err == io.EOF {
			return nil
		}
		if err != nil {
			return err
		}
	}
}

// TestInsideViewBox checks every output: well-formed, no NaN or Inf,
// coordinates with at most 2 decimals and inside the viewBox, including
// circle radii, path points and the estimated extent of text.
func TestInsideViewBox(t *testing.T) {
	for _, c := range stressCases() {
		s := c.svg()
		if strings.Contains(s, "NaN") || strings.Contains(s, "Inf") {
			t.Errorf("%s: output contains NaN or Inf", c.name)
		}
		if err := wellFormed(s); err != nil {
			t.Errorf("%s: not well-formed: %v", c.name, err)
			continue
		}
		for _, e := range outOfBounds(t, s) {
			t.Errorf("%s: %s", c.name, e)
		}
	}
}

var twoDecimals = regexp.MustCompile(`^-?\d+(\.\d{1,2})?$`)

func outOfBounds(t *testing.T, s string) []string {
	t.Helper()
	var errs []string
	var w, h float64
	d := xml.NewDecoder(strings.NewReader(s))
	var anchors []string
	var inText bool
	var textX, textY float64
	var anchor string
	parse := func(name, v string) float64 {
		if !twoDecimals.MatchString(v) {
			errs = append(errs, fmt.Sprintf("%s=%q is not a number with at most 2 decimals", name, v))
			return 0
		}
		f, _ := strconv.ParseFloat(v, 64)
		return f
	}
	check := func(what string, x, y float64) {
		if x < 0 || x > w || y < 0 || y > h {
			errs = append(errs, fmt.Sprintf("%s at (%v, %v) outside 0 0 %v %v", what, x, y, w, h))
		}
	}
	for {
		tok, err := d.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			return append(errs, err.Error())
		}
		switch tok := tok.(type) {
		case xml.StartElement:
			a := map[string]string{}
			for _, at := range tok.Attr {
				a[at.Name.Local] = at.Value
			}
			cur := ""
			if len(anchors) > 0 {
				cur = anchors[len(anchors)-1]
			}
			if v, ok := a["text-anchor"]; ok {
				cur = v
			}
			anchors = append(anchors, cur)
			switch tok.Name.Local {
			case "svg":
				f := strings.Fields(a["viewBox"])
				if len(f) != 4 || f[0] != "0" || f[1] != "0" {
					return append(errs, "bad viewBox "+a["viewBox"])
				}
				w, h = parse("viewBox", f[2]), parse("viewBox", f[3])
			case "line":
				check("line start", parse("x1", a["x1"]), parse("y1", a["y1"]))
				check("line end", parse("x2", a["x2"]), parse("y2", a["y2"]))
			case "circle":
				cx, cy, r := parse("cx", a["cx"]), parse("cy", a["cy"]), parse("r", a["r"])
				check("circle", cx-r, cy-r)
				check("circle", cx+r, cy+r)
			case "path":
				for _, pt := range strings.FieldsFunc(a["d"], func(r rune) bool { return r == 'M' || r == 'L' }) {
					x, y, ok := strings.Cut(pt, ",")
					if !ok {
						errs = append(errs, "bad path point "+pt)
						continue
					}
					check("path point", parse("d", x), parse("d", y))
				}
			case "text":
				inText, anchor = true, cur
				textX, textY = parse("x", a["x"]), parse("y", a["y"])
			}
		case xml.CharData:
			if inText {
				tw := float64(len([]rune(string(tok)))) * charW
				x0 := textX
				switch anchor {
				case "middle":
					x0 -= tw / 2
				case "end":
					x0 -= tw
				}
				check(fmt.Sprintf("text %q", tok), x0, textY-fontSize)
				check(fmt.Sprintf("text %q", tok), x0+tw, textY+3)
			}
		case xml.EndElement:
			anchors = anchors[:len(anchors)-1]
			inText = false
		}
	}
	if w == 0 || h == 0 {
		errs = append(errs, "no viewBox")
	}
	return errs
}

var circleRE = regexp.MustCompile(`<circle class="point series-\d" cx="([-\d.]+)" cy="([-\d.]+)"`)

func circles(t *testing.T, svg string) [][2]float64 {
	t.Helper()
	var out [][2]float64
	for _, m := range circleRE.FindAllStringSubmatch(svg, -1) {
		x, _ := strconv.ParseFloat(m[1], 64)
		y, _ := strconv.ParseFloat(m[2], 64)
		out = append(out, [2]float64{x, y})
	}
	return out
}

// TestScaling: a point at the mid time is drawn at mid x, a value at the mid
// of the axis at mid y, and gaps are proportional to time.
func TestScaling(t *testing.T) {
	pts := []Point{
		{Time: day(2025, 1, 1), Value: 0},
		{Time: day(2025, 1, 1).Add(12 * 24 * time.Hour), Value: 50}, // mid time
		{Time: day(2025, 1, 1).Add(18 * 24 * time.Hour), Value: 75},
		{Time: day(2025, 1, 1).Add(24 * 24 * time.Hour), Value: 100},
	}
	c := circles(t, string(Line([]Series{{Points: pts}}, Options{})))
	if len(c) != 4 {
		t.Fatalf("found %d circles, want 4", len(c))
	}
	near := func(a, b float64) bool { return math.Abs(a-b) < 0.02 }
	if mid := (c[0][0] + c[3][0]) / 2; !near(c[1][0], mid) {
		t.Errorf("mid time drawn at x=%v, want %v", c[1][0], mid)
	}
	if q := c[0][0] + 0.75*(c[3][0]-c[0][0]); !near(c[2][0], q) {
		t.Errorf("3/4 time drawn at x=%v, want %v", c[2][0], q)
	}
	if mid := (c[0][1] + c[3][1]) / 2; !near(c[1][1], mid) {
		t.Errorf("mid value drawn at y=%v, want %v", c[1][1], mid)
	}
	if !(c[3][1] < c[0][1]) {
		t.Errorf("larger value not drawn higher: %v", c)
	}
}

func TestOneValueCentred(t *testing.T) {
	svg := string(Line([]Series{{Points: launched(653)}}, Options{}))
	c := circles(t, svg)
	if len(c) != 1 {
		t.Fatalf("found %d circles, want 1", len(c))
	}
	// The plot runs from the y axis line to x = 628 (640 − 12).
	m := regexp.MustCompile(`<g class="axis"[^>]*><line x1="([\d.]+)" y1="([\d.]+)" x2="[\d.]+" y2="([\d.]+)"/>`).FindStringSubmatch(svg)
	if m == nil {
		t.Fatal("no y axis line")
	}
	x0, _ := strconv.ParseFloat(m[1], 64)
	top, _ := strconv.ParseFloat(m[2], 64)
	bottom, _ := strconv.ParseFloat(m[3], 64)
	if want := (x0 + 628) / 2; math.Abs(c[0][0]-want) > 0.02 {
		t.Errorf("single point at x=%v, want centred %v", c[0][0], want)
	}
	if !(c[0][1] > top+10 && c[0][1] < bottom-10) {
		t.Errorf("single point at y=%v, not inside the value range %v..%v", c[0][1], top, bottom)
	}
}

func TestZeroLine(t *testing.T) {
	cross := string(Line([]Series{{Points: launched(-3.5, 12)}}, Options{}))
	if !strings.Contains(cross, `class="zero"`) {
		t.Error("no zero line for values crossing zero")
	}
	pos := string(Line([]Series{{Points: launched(3.5, 12)}}, Options{}))
	if strings.Contains(pos, `class="zero"`) {
		t.Error("zero line for positive values")
	}
}

func TestDownsampledLine(t *testing.T) {
	svg := string(Line([]Series{
		{Name: "Many", Points: wave(10000, 7777, 2222)},
		{Name: "Few", Points: launched(1, 2, 3)},
	}, Options{MaxPoints: 400}))
	paths := regexp.MustCompile(` d="([^"]*)"`).FindAllStringSubmatch(svg, -1)
	if len(paths) != 2 {
		t.Fatalf("found %d paths, want 2", len(paths))
	}
	if n := strings.Count(paths[0][1], ","); n > 400 || n < 100 {
		t.Errorf("downsampled path has %d points, want ≤ 400 (and not nearly none)", n)
	}
	if n := strings.Count(svg, `class="point series-1"`); n != 0 {
		t.Errorf("downsampled series drew %d points, want none", n)
	}
	if n := strings.Count(svg, `class="point series-2"`); n != 3 {
		t.Errorf("short series drew %d points, want 3", n)
	}
	// The spike up (5000, where the rest is 300..650) survives: the highest
	// path point stands far above the others.
	var ys []float64
	for _, pt := range strings.FieldsFunc(paths[0][1], func(r rune) bool { return r == 'M' || r == 'L' }) {
		_, y, _ := strings.Cut(pt, ",")
		f, _ := strconv.ParseFloat(y, 64)
		ys = append(ys, f)
	}
	sort.Float64s(ys)
	if ys[1]-ys[0] < 50 {
		t.Errorf("spike lost: highest path points at y=%v, %v", ys[0], ys[1])
	}
}

func TestEscapingAndURLs(t *testing.T) {
	svg := string(Line([]Series{{Name: "<b>", Points: []Point{
		{Time: day(2025, 1, 1), Value: 1, URL: "javascript:alert(1)", Text: "<script>"},
		{Time: day(2025, 1, 2), Value: 2, URL: " JavaScript:alert(1)"},
		{Time: day(2025, 1, 3), Value: 3, URL: "java\tscript:alert(1)"},
		{Time: day(2025, 1, 4), Value: 4, URL: "data:text/html,x"},
		{Time: day(2025, 1, 5), Value: 5, URL: "/briefings/x/?a=1&b=2"},
		{Time: day(2025, 1, 6), Value: 6, URL: "HTTPS://example.org/"},
		{Time: day(2025, 1, 7), Value: 7, URL: "../x/#y:z"},
	}}}, Options{Title: "<script>alert(1)</script>"}))
	for _, bad := range []string{"<script", "<b>", "javascript", "JavaScript", "data:"} {
		if strings.Contains(svg, bad) {
			t.Errorf("output contains %q", bad)
		}
	}
	if !strings.Contains(svg, "&lt;script&gt;") {
		t.Errorf("output lacks the escaped text")
	}
	// Points are focusable values, not links: no link inside the chart.
	if n := strings.Count(svg, "<a "); n != 0 {
		t.Errorf("%d links, want none", n)
	}
	if n := strings.Count(svg, `tabindex="0"`); n != 7 {
		t.Errorf("%d focusable values, want 7", n)
	}
}

func TestIDs(t *testing.T) {
	a := string(Line([]Series{{Points: launched(1, 2)}}, Options{Title: "Launched"}))
	b := string(Line([]Series{{Points: launched(1, 2)}}, Options{Title: "Intercepted"}))
	idRE := regexp.MustCompile(`aria-labelledby="(chart-[0-9a-z]+)-title (chart-[0-9a-z]+)-desc"`)
	ma, mb := idRE.FindStringSubmatch(a), idRE.FindStringSubmatch(b)
	if ma == nil || mb == nil || ma[1] != ma[2] {
		t.Fatalf("aria-labelledby not as expected: %v %v", ma, mb)
	}
	if ma[1] == mb[1] {
		t.Errorf("two titles share the id %s", ma[1])
	}
	if !strings.Contains(a, `<title id="`+ma[1]+`-title">Launched</title><desc id="`+ma[1]+`-desc">`) {
		t.Error("<title> and <desc> do not come first with the ids")
	}
}

func TestEmpty(t *testing.T) {
	if got := Line(nil, Options{}); got != "" {
		t.Errorf("Line(nil) = %q", got)
	}
	if got := Line([]Series{{Name: "x", Points: []Point{{Value: math.NaN()}}}}, Options{}); got != "" {
		t.Errorf("Line(NaN only) = %q", got)
	}
	if got := Sparkline(nil, 100, 24, "x"); got != "" {
		t.Errorf("Sparkline(nil) = %q", got)
	}
}

func TestLegendOnlyForSeveralSeries(t *testing.T) {
	if strings.Contains(string(Line([]Series{{Name: "a", Points: launched(1, 2)}}, Options{})), `class="legend"`) {
		t.Error("legend for one series")
	}
	two := string(Line([]Series{{Name: "a", Points: launched(1, 2)}, {Name: "b", Points: launched(2, 1)}}, Options{}))
	if !strings.Contains(two, `class="legend"`) || !strings.Contains(two, ">a</text>") || !strings.Contains(two, ">b</text>") {
		t.Error("no legend naming both series")
	}
}

func BenchmarkLine10000(b *testing.B) {
	s := []Series{{Name: "Readings", Unit: "readings", Points: wave(10000, 7777, 2222)}}
	b.ReportAllocs()
	for b.Loop() {
		Line(s, Options{Title: "Ten thousand"})
	}
}

// TestInputKept: the charts read their points without changing them, in
// order or not, with values that are not drawn or without; a sorted,
// finite series is drawn the same as a shuffled one.
func TestInputKept(t *testing.T) {
	sorted := launched(653, 480, 810, 402, 550)
	shuffled := []Point{sorted[3], sorted[0], {Time: day(2025, 12, 20), Value: math.NaN()}, sorted[4], sorted[1], sorted[2]}
	for _, pts := range [][]Point{sorted, shuffled} {
		before := slices.Clone(pts)
		spark := Sparkline(pts, 100, 24, "Drones")
		line := Line([]Series{{Name: "Drones", Points: pts}}, Options{Title: "Drones"})
		if fmt.Sprint(pts) != fmt.Sprint(before) { // NaN is not equal to itself
			t.Errorf("points changed:\n%v\nwas\n%v", pts, before)
		}
		if want := Sparkline(sorted, 100, 24, "Drones"); spark != want {
			t.Errorf("sparkline of %v:\n%s\nwant\n%s", pts, spark, want)
		}
		if want := Line([]Series{{Name: "Drones", Points: sorted}}, Options{Title: "Drones"}); line != want {
			t.Errorf("line of %v:\n%s\nwant\n%s", pts, line, want)
		}
	}
}

// TestNumbers: coordinates are written rounded to two decimals, without
// trailing zeros, and "0" for zero, minus zero and non-finite values; the
// appending form writes the same as num, after what the buffer held.
func TestNumbers(t *testing.T) {
	cases := map[float64]string{0: "0", math.Copysign(0, -1): "0", -0.004: "0", 0.004: "0", 0.005: "0.01", 1: "1", 12.5: "12.5",
		3.14159: "3.14", -2.999: "-3", 1e6: "1000000", math.NaN(): "0", math.Inf(1): "0", math.Inf(-1): "0"}
	for v, want := range cases {
		if got := num(v); got != want {
			t.Errorf("num(%v) = %q, want %q", v, got, want)
		}
		if got := string(appendNum([]byte("M"), v)); got != "M"+want {
			t.Errorf("appendNum(M, %v) = %q, want %q", v, got, "M"+want)
		}
	}
}

// TestGapBreaksLine: a line does not cross a gap much longer than the
// series' usual interval; it does cross the usual ones.
func TestGapBreaksLine(t *testing.T) {
	var pts []Point
	for _, d := range []int{1, 2, 3, 4, 30, 31, 32} {
		pts = append(pts, Point{Time: day(2025, 1, d), Value: float64(d)})
	}
	svg := string(Line([]Series{{Points: pts}}, Options{}))
	d := regexp.MustCompile(`<path class="series-1"[^>]* d="([^"]*)"`).FindStringSubmatch(svg)
	if d == nil || strings.Count(d[1], "M") != 2 || strings.Count(d[1], "L") != 5 {
		t.Errorf("want the line broken once, at the gap: %v", d)
	}
}

// TestQualifiedPoint: a qualified value is hollow and shows its label;
// every value is a focusable mark with its text, and no link.
func TestQualifiedPoint(t *testing.T) {
	svg := string(Line([]Series{{Unit: "drones", Points: []Point{
		{Time: day(2025, 12, 6), Value: 121, Text: "≥ 121 drones for 5–6 Dec 2025, by Russia", Label: "≥ 121", Qualified: true},
		{Time: day(2025, 12, 7), Value: 130, Text: "130 drones"},
	}}}, Options{IncludeZero: true}))
	for _, want := range []string{`class="value series-1 qualified" tabindex="0" role="img" aria-label="≥ 121 drones for 5–6 Dec 2025, by Russia"`,
		`<text class="tip"`, `>≥ 121</text>`, `class="value series-1" tabindex="0"`, `role="group"`, `>0</text>`} {
		if !strings.Contains(svg, want) {
			t.Errorf("no %q in\n%s", want, svg)
		}
	}
	if strings.Contains(svg, "<a ") {
		t.Error("a link in the chart")
	}
}
