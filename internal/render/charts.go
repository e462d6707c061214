package render

import (
	"html/template"
	"strconv"
	"strings"
	"time"

	"github.com/brief-ssg/brief/internal/chart"
	"github.com/brief-ssg/brief/internal/i18n"
	"github.com/brief-ssg/brief/internal/site"
)

// sparkValues is how many of a series' latest values a sparkline shows on
// the figures and home pages.
const sparkValues = 30

// points turns a claimant's points into chart points, each at the last
// day of its period, its tooltip with its qualifier: "≥ 121 drones for
// 5–6 Dec 2025, by Russia".
func points(values []*site.SeriesValue, loc *i18n.Locale) []chart.Point {
	out := make([]chart.Point, len(values))
	for i, v := range values {
		f := v.Figure
		text := strings.TrimSpace(f.Symbol+" "+f.Unit) + " " + loc.T("chart_for", f.PeriodText)
		if f.By != "" {
			text += ", " + loc.T("claimed_by") + " " + f.By
		}
		out[i] = chart.Point{Time: f.Period.End, Value: f.Figure.Value, URL: v.Entry.URL, Text: text, Label: f.Symbol, Qualified: f.Qualifier != ""}
	}
	return out
}

// sparkline draws the recent history of a figure: the values of its
// series up to this one on a briefing page (a *site.FigureView), or the
// latest values of a series (a *site.Series).
func (t *Templates) sparkline(v any) template.HTML {
	switch x := v.(type) {
	case site.FigureView:
		return figureSparkline(&x, t.loc)
	case *site.Series:
		return seriesSparkline(x, t.loc)
	}
	return ""
}

// figureSparkline draws the values of a figure's series up to it.
func figureSparkline(f *site.FigureView, loc *i18n.Locale) template.HTML {
	if f.Series == nil {
		return ""
	}
	return drawSparkline(f.Series.Recent(f.Point, seriesRecent), f.Label, loc)
}

// seriesSparkline draws the latest values of a series.
func seriesSparkline(sr *site.Series, loc *i18n.Locale) template.HTML {
	pts := sr.Main().Points
	return drawSparkline(pts[max(0, len(pts)-sparkValues):], sr.Label, loc)
}

func drawSparkline(values []*site.SeriesValue, label string, loc *i18n.Locale) template.HTML {
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
	return chart.Sparkline(pts, 100, 24, label+": "+loc.T("spark_last", len(values)))
}

// seriesChart draws a series over time, with the series it is a part of
// or whose parts it has (launched and intercepted together).
func seriesChart(sr *site.Series, siteOf any) template.HTML {
	s, _ := siteOf.(*site.Site)
	var loc *i18n.Locale // nil writes English
	if s != nil {
		loc = s.Locale
	}
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
				name, named = name+", "+loc.T("claimed_by")+" "+c.Name, true
			}
			pts := points(c.Points, loc)
			for _, p := range pts {
				nonNegative = nonNegative && p.Value >= 0
			}
			series = append(series, chart.Series{Name: name, Unit: g.Unit, Points: pts, Color: len(series) + 1})
		}
	}
	desc := sr.Label + " " + loc.T("chart_in_briefings", sr.Count()) + ", " + loc.T("desc_from_to", sr.First().Entry.DateText, sr.Latest().Entry.DateText) +
		"; " + loc.T("desc_latest", sr.Latest().Figure.Text) + ". " + loc.T("chart_table")
	// Counts and other values that are never negative start at zero, so
	// the height of a line shows its size.
	opt := chart.Options{Title: loc.T("chart_title", sr.Label), Description: desc, IncludeZero: nonNegative, Legend: named}
	if s != nil {
		opt.Location = s.Location
	}
	if !loc.English() {
		opt.Labels = &chart.Labels{Number: loc.FromEnglish, Month: loc.ShortMonthYear, Year: loc.Year,
			Day: func(t time.Time) string { return loc.ShortDate(t, false) }}
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
// body; tz is the site's time zone, loc its language.
func SeriesChart(sr *site.Series, tz *time.Location, loc *i18n.Locale) template.HTML {
	return seriesChart(sr, &site.Site{Location: tz, Locale: loc})
}

func itoa(n int) string { return strconv.Itoa(n) }
