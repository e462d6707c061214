package render

import (
	"html/template"
	"strconv"
	"strings"
	"time"

	"github.com/brief-ssg/brief/internal/chart"
	"github.com/brief-ssg/brief/internal/site"
)

// sparkValues is how many of a series' latest values a sparkline shows on
// the figures and home pages.
const sparkValues = 30

// points turns a claimant's points into chart points, each at the last
// day of its period, its tooltip with its qualifier: "≥ 121 drones for
// 5–6 Dec 2025, by Russia".
func points(values []*site.SeriesValue) []chart.Point {
	out := make([]chart.Point, len(values))
	for i, v := range values {
		f := v.Figure
		text := strings.TrimSpace(f.Symbol+" "+f.Unit) + " for " + f.PeriodText
		if f.By != "" {
			text += ", by " + f.By
		}
		out[i] = chart.Point{Time: f.Period.End, Value: f.Figure.Value, URL: v.Entry.URL, Text: text, Label: f.Symbol, Qualified: f.Qualifier != ""}
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
	pts := sr.Main().Points
	return drawSparkline(pts[max(0, len(pts)-sparkValues):], sr.Label)
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
		pts[i] = chart.Point{Time: v.Figure.Period.End, Value: v.Figure.Figure.Value}
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
	// One line per claimant of each series, never one line across them.
	var series []chart.Series
	nonNegative, named := true, false
	for _, g := range group {
		for _, c := range g.Claimants {
			if len(series) == 4 {
				break
			}
			name := g.Label
			if c.Name != "" {
				name, named = name+", by "+c.Name, true
			}
			pts := points(c.Points)
			for _, p := range pts {
				nonNegative = nonNegative && p.Value >= 0
			}
			series = append(series, chart.Series{Name: name, Unit: g.Unit, Points: pts, Color: len(series) + 1})
		}
	}
	desc := sr.Label + " in " + itoa(sr.Count()) + " briefings, from " + sr.First().Entry.DateText + " to " + sr.Latest().Entry.DateText +
		"; latest " + sr.Latest().Figure.Text + ". Every value is in the table below."
	// Counts and other values that are never negative start at zero, so
	// the height of a line shows its size.
	opt := chart.Options{Title: sr.Label + " over time", Description: desc, IncludeZero: nonNegative, Legend: named}
	if s, ok := loc.(*site.Site); ok {
		opt.Location = s.Location
	}
	// Two drawings, the page's CSS shows one: a wide one, and one for a
	// phone whose text stays 12 px or more and whose points stay 24 px
	// targets at the 328 px a 360 px screen leaves it.
	wide := chart.Line(series, opt)
	opt.Width, opt.Height = narrowChartWidth, 280
	narrow := chart.Line(series, opt)
	if wide == "" {
		return ""
	}
	return `<div class="chart-wide">` + wide + `</div><div class="chart-narrow">` + narrow + `</div>`
}

// narrowChartWidth is the width of a chart drawn for a phone, in viewBox
// units: a 360 px screen shows it at 328 px, 1.09 times its size.
const narrowChartWidth = 300

// SeriesChart draws a series as its page does, for a :chart[key] in a
// body; loc is the site's time zone.
func SeriesChart(sr *site.Series, loc *time.Location) template.HTML {
	return seriesChart(sr, &site.Site{Location: loc})
}

func itoa(n int) string { return strconv.Itoa(n) }
