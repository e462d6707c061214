package render

import (
	"html/template"
	"strconv"

	"github.com/brief-ssg/brief/internal/chart"
	"github.com/brief-ssg/brief/internal/site"
)

// sparkValues is how many of a series' latest values a sparkline shows on
// the figures and home pages.
const sparkValues = 30

// points turns series values into chart points.
func points(values []*site.SeriesValue) []chart.Point {
	out := make([]chart.Point, len(values))
	for i, v := range values {
		out[i] = chart.Point{Time: v.Entry.Date, Value: v.Figure.Figure.Value, Text: v.Figure.Text + " on " + v.Entry.DateText}
	}
	return out
}

// sparkline draws the recent history of a figure: the values of its
// series up to this one on a briefing page (a *site.FigureView), or the
// latest values of a series (a *site.Series).
func sparkline(v any) template.HTML {
	switch x := v.(type) {
	case site.FigureView:
		return figureSparkline(&x)
	case *site.Series:
		return seriesSparkline(x)
	}
	return ""
}

// figureSparkline draws the values of a figure's series up to it.
func figureSparkline(f *site.FigureView) template.HTML {
	if f.Series == nil {
		return ""
	}
	return drawSparkline(f.Series.Recent(f.Point, seriesRecent), f.Label)
}

// seriesSparkline draws the latest values of a series.
func seriesSparkline(sr *site.Series) template.HTML {
	return drawSparkline(sr.Values[max(0, len(sr.Values)-sparkValues):], sr.Label)
}

func drawSparkline(values []*site.SeriesValue, label string) template.HTML {
	if len(values) < 2 {
		return ""
	}
	// A sparkline shows neither the values' text nor their links. Its
	// points are few, and on the stack.
	var buf [sparkValues]chart.Point
	pts := buf[:]
	if len(values) > len(pts) {
		pts = make([]chart.Point, len(values))
	}
	pts = pts[:len(values)]
	for i, v := range values {
		pts[i] = chart.Point{Time: v.Entry.Date, Value: v.Figure.Figure.Value}
	}
	return chart.Sparkline(pts, 100, 24, label+": the last "+itoa(len(values))+" values")
}

// seriesChart draws a series over time, with the series it is a part of
// or whose parts it has (launched and intercepted together).
func seriesChart(sr *site.Series, loc any) template.HTML {
	group := []*site.Series{sr}
	if sr.Whole != nil {
		group = []*site.Series{sr.Whole, sr}
	} else {
		group = append(group, sr.Parts...)
	}
	var series []chart.Series
	for i, g := range group[:min(len(group), 4)] {
		series = append(series, chart.Series{Name: g.Label, Unit: g.Unit, Points: points(g.Values), Color: i + 1})
	}
	desc := sr.Label + " in " + itoa(sr.Count()) + " briefings, from " + sr.First().Entry.DateText + " to " + sr.Latest().Entry.DateText +
		"; latest " + sr.Latest().Figure.Text + ". Every value is in the table below."
	opt := chart.Options{Title: sr.Label + " over time", Description: desc}
	if s, ok := loc.(*site.Site); ok {
		opt.Location = s.Location
	}
	return chart.Line(series, opt)
}

func itoa(n int) string { return strconv.Itoa(n) }
