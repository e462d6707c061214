// Package site turns the briefings read from content into the model of a
// site: what is published, in what order, under which URLs, filed under which
// tags and actors, in which archives. It is pure: no I/O, no clock (the
// caller passes "now"), and the same input always gives the same model.
package site

import (
	"fmt"
	"html/template"
	"net/url"
	"slices"
	"strings"
	"time"

	"github.com/brief-ssg/brief/internal/briefing"
	"github.com/brief-ssg/brief/internal/diag"
	"github.com/brief-ssg/brief/internal/parallel"
)

// Options are the settings the model depends on.
type Options struct {
	Title       string
	Description string
	Language    string
	BaseURL     string
	Location    *time.Location
	Params      map[string]any
	Drafts      bool      // publish drafts
	Future      bool      // publish briefings dated after Now
	Now         time.Time // the moment that decides what is in the future
	// Chart draws a series for a :chart[key] in a body; nil draws none.
	Chart func(*Series) template.HTML
	// Highlights are the keys of the series the home page shows, as the
	// configuration names them; none: the most reported.
	Highlights []briefing.Name
}

// Stats counts what was left out.
type Stats struct {
	Drafts int // drafts skipped
	Future int // future briefings skipped
	// NextDue is the date of the earliest future briefing skipped: a build
	// after it publishes more. Zero when none was skipped.
	NextDue time.Time
}

// Build makes the site model. It reports slug collisions, unit changes and
// actor names that look like misspelt profiles.
func Build(c *briefing.Content, opt Options) (*Site, Stats, diag.List) {
	var diags diag.List
	s := &Site{Title: opt.Title, Description: opt.Description, Language: opt.Language, Params: opt.Params, Location: opt.Location, chart: opt.Chart}
	if s.Location == nil {
		s.Location = time.UTC
	}
	s.BaseURL, s.BasePath = baseURL(opt.BaseURL)

	var stats Stats
	var published []*briefing.Briefing
	for _, b := range c.Briefings {
		switch {
		case b.Draft && !opt.Drafts:
			stats.Drafts++
		case far(b.Date, opt.Now) || far(b.Updated, opt.Now):
			key, at, t := "date", b.DatePos, b.Date
			if !far(b.Date, opt.Now) {
				key, at, t = "updated", b.UpdatedPos, b.Updated
			}
			if at.File == "" {
				at = diag.Pos{File: b.Path, Line: 1, Col: 1}
			}
			diags.Errorf(at, "%s %s is more than %d years after the build's date %s: correct the year", key, t.Format("2006-01-02"), MaxYearsAhead, opt.Now.Format("2006-01-02"))
		case b.Date.After(opt.Now) && !opt.Future:
			stats.Future++
			if stats.NextDue.IsZero() || b.Date.Before(stats.NextDue) {
				stats.NextDue = b.Date
			}
		default:
			published = append(published, b)
		}
	}
	// Figures without a unit take their series', and claimants fold to
	// actors, before the entries format their figures.
	units := seriesUnits(c.Briefings, &diags)
	var actorDiags diag.List
	actorIndex := newActorIndex(c.Actors, &actorDiags)
	s.Entries = make([]*Entry, len(published))
	entryDiags := make([]diag.List, len(published))
	parallel.For(len(published), func(_, i int) { s.Entries[i] = s.newEntry(published[i], units, actorIndex, &entryDiags[i]) })
	for _, d := range entryDiags {
		diags = append(diags, d...)
	}
	slices.SortStableFunc(s.Entries, func(a, b *Entry) int {
		if c := b.Date.Compare(a.Date); c != 0 {
			return c
		}
		return strings.Compare(a.Path, b.Path)
	})
	checkCollisions(s.Entries, &diags)
	for i, e := range s.Entries {
		e.index = i
		if i > 0 {
			e.Newer = s.Entries[i-1]
		}
		if i+1 < len(s.Entries) {
			e.Older = s.Entries[i+1]
		}
	}
	// Actors, tags, and figures with archives at once: each fills in
	// fields of its own, and reports into a list of its own.
	var parts [3]diag.List
	parallel.For(3, func(_, i int) {
		switch i {
		case 0:
			parts[0] = actorDiags
			s.Actors = s.taxonomy("actors", "Actors", actorIndex, func(e *Entry) []briefing.Name { return e.Briefing.Actors }, &parts[0])
		case 1:
			s.Tags = s.taxonomy("tags", "Tags", newTagIndex(c.Tags, &parts[1]), func(e *Entry) []briefing.Name { return e.Briefing.Tags }, &parts[1])
		case 2:
			s.buildSeries()
			s.Highlights = s.highlights(opt.Highlights, &parts[2])
			s.Years = s.archives()
		}
	})
	// Then what reads them: the terms' relations, figures and facets, and
	// the links of bodies and profiles.
	var claimDiags diag.List
	parallel.For(2, func(_, i int) {
		if i == 0 {
			relations(s.Actors, s.Tags)
			actorFigures(s.Actors)
			claimantPages(s.Figures, s.Actors, actorIndex, &claimDiags)
			s.Actors.Facets = s.facets(s.Actors)
		} else {
			s.relate()
			s.resolveLinks(c, &parts[0])
			s.fillFigures(&parts[0])
		}
	})
	for _, part := range parts {
		diags = append(diags, part...)
	}
	diags = append(diags, claimDiags...)
	diags.Sort()
	return s, stats, diags
}

// MaxYearsAhead is how far after the build's date a briefing may be
// dated: a briefing may be scheduled, but a date years ahead is a typo
// (2205 for 2025).
const MaxYearsAhead = 2

// far reports whether t is more than MaxYearsAhead years after now; a
// zero now knows no future.
func far(t, now time.Time) bool {
	return !now.IsZero() && t.After(now.AddDate(MaxYearsAhead, 0, 0))
}

// baseURL normalises the configured base URL: absolute with a trailing
// slash, and its path. Without one, URLs are root-relative.
func baseURL(raw string) (abs, path string) {
	if raw == "" {
		return "/", "/"
	}
	u, err := url.Parse(raw)
	if err != nil {
		return "/", "/"
	}
	if !strings.HasSuffix(u.Path, "/") {
		u.Path += "/"
	}
	u.RawQuery, u.Fragment = "", ""
	return u.String(), u.EscapedPath()
}

// Abs makes a root-relative URL (one that starts with BasePath) absolute.
func (s *Site) Abs(rel string) string {
	return s.BaseURL[:len(s.BaseURL)-len(s.BasePath)] + rel
}

// URL returns the root-relative URL of a site path such as "tags/energy/".
//
// This is the one rule for paths and links: a file is written at its site
// path as it is, in UTF-8 ("tags/війна/index.xml"), and every link to it is
// made here, escaped once (/tags/%D0%B2…/index.xml), which a static server
// unescapes back to the file's name. A URL is never turned back into a
// path: keep the path (a Dir or OutPath) and make its URL from it.
func (s *Site) URL(path string) string {
	return s.BasePath + (&url.URL{Path: path}).EscapedPath()
}

func (s *Site) newEntry(b *briefing.Briefing, units map[string]string, actors *index, diags *diag.List) *Entry {
	p := fmt.Sprintf("%04d/%02d/%s/", b.Date.Year(), int(b.Date.Month()), b.Slug)
	e := &Entry{Briefing: b, URL: s.URL(p), OutPath: p + "index.html", HTML: b.HTML, HTMLSum: b.HTMLSum}
	e.Permalink = s.Abs(e.URL)
	e.DateISO = b.Date.Format(time.RFC3339)
	e.DateText = b.Date.Format("2 January 2006")
	if b.HasTime {
		e.TimeText = timeText(b.Date)
	}
	if !b.Updated.IsZero() {
		e.UpdatedISO = b.Updated.Format(time.RFC3339)
		e.UpdatedText = b.Updated.Format("2 January 2006")
	}
	e.Figures = figureViews(b.Figures, b.Date, units, actors, diags)
	e.Briefing = withSummary(b, e.Figures)
	for i, a := range b.Aliases {
		at := diag.Pos{File: b.Path, Line: 1, Col: 1}
		if i < len(b.AliasPos) {
			at = b.AliasPos[i]
		}
		out, ok := aliasPath(a)
		if !ok {
			diags.Errorf(at, "alias %q is not a path on this site: write it like /2025/11/old-slug/", a)
			continue
		}
		e.Redirects = append(e.Redirects, out)
		e.RedirectPos = append(e.RedirectPos, at)
	}
	return e
}

// aliasPath turns an old URL path into the file that redirects from it:
// /old/url/ → old/url/index.html, /old.html → old.html.
func aliasPath(a string) (string, bool) {
	u, err := url.Parse(a)
	if err != nil || u.Scheme != "" || u.Host != "" || u.Path == "" {
		return "", false
	}
	p := strings.Trim(u.Path, "/")
	for _, part := range strings.Split(p, "/") {
		if part == "" || part == "." || part == ".." || strings.ContainsAny(part, "\\\x00") {
			return "", false
		}
	}
	if strings.HasSuffix(p, ".html") {
		return p, true
	}
	return p + "/index.html", true
}

// timeText shows the time with its zone: "09:30 EET (UTC+02:00)".
func timeText(t time.Time) string {
	zone, _ := t.Zone()
	offset := t.Format("UTC-07:00")
	if zone == "" || zone[0] == '+' || zone[0] == '-' || zone == "UTC" {
		return t.Format("15:04 ") + offset
	}
	return t.Format("15:04 ") + zone + " (" + offset + ")"
}

// checkCollisions reports two briefings that would be written to one path,
// naming both files. Paths are compared case-insensitively, as on macOS and
// Windows file systems.
func checkCollisions(entries []*Entry, diags *diag.List) {
	seen := make(map[string]*Entry, len(entries))
	for _, e := range entries {
		key := strings.ToLower(e.OutPath)
		if other, ok := seen[key]; ok {
			a, b := other, e
			if b.Path < a.Path {
				a, b = b, a
			}
			diags.Errorf(diag.Pos{File: b.Path, Line: 1, Col: 1}, "same URL %s as %s: give one of them another slug", e.URL, a.Path)
			continue
		}
		seen[key] = e
	}
}

// MonthName is the name of a month's archive: "November 2025", and with
// four digits, like dates and folders, "January 0999".
func MonthName(y int, m time.Month) string {
	return time.Date(y, m, 1, 0, 0, 0, 0, time.UTC).Format("January 2006")
}

// archives groups entries by year and month, newest first.
func (s *Site) archives() []*Year {
	var years []*Year
	for _, e := range s.Entries {
		y, m := e.Date.Year(), e.Date.Month()
		if len(years) == 0 || years[len(years)-1].Year != y {
			dir := fmt.Sprintf("%04d/", y)
			years = append(years, &Year{Year: y, Dir: dir, URL: s.URL(dir)})
		}
		yr := years[len(years)-1]
		yr.Entries = append(yr.Entries, e)
		if len(yr.Months) == 0 || yr.Months[len(yr.Months)-1].Month != m {
			dir := fmt.Sprintf("%s%02d/", yr.Dir, int(m))
			yr.Months = append(yr.Months, &Month{Year: y, Month: m, Name: MonthName(y, m), Dir: dir, URL: s.URL(dir)})
		}
		mo := yr.Months[len(yr.Months)-1]
		mo.Entries = append(mo.Entries, e)
	}
	return years
}
