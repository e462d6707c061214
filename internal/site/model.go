package site

import (
	"html/template"
	"sync"
	"time"

	"github.com/brief-ssg/brief/internal/briefing"
	"github.com/brief-ssg/brief/internal/diag"
)

// Site is the whole model of a site, ready for templates: every list is
// sorted, every URL made, every text formatted.
type Site struct {
	Title       string
	Description string // plain text, for feeds and metadata
	Language    string
	BaseURL     string // absolute, ends in "/": https://example.org/briefings/
	BasePath    string // path part of BaseURL, ends in "/": /briefings/
	Params      map[string]any
	Location    *time.Location

	Entries []*Entry // published briefings, newest first
	Tags    *Taxonomy
	Actors  *Taxonomy
	Years   []*Year   // newest first
	Figures []*Series // every figure series, most reported first
	// Highlights are the series the home page shows: those the
	// configuration names, else the most reported.
	Highlights []*Series

	chart func(*Series) template.HTML // draws a :chart[key]
}

// Entry is a briefing placed in the site.
type Entry struct {
	*briefing.Briefing
	// HTML is the body with links to other content files resolved to
	// their URLs; HTMLSum is its hash. They hide the Briefing's.
	HTML    template.HTML
	HTMLSum [16]byte

	URL       string   // root-relative, with the base path: /briefings/2025/11/miami-talks/
	Permalink string   // absolute URL
	OutPath   string   // output file: 2025/11/miami-talks/index.html
	Redirects []string // output files of the aliases, which redirect here
	// RedirectPos is where the alias of each of Redirects is written.
	RedirectPos []diag.Pos

	DateISO     string // RFC 3339, for <time datetime>
	DateText    string // "29 November 2025"
	TimeText    string // "09:30 EET (UTC+02:00)"; empty when the date has no time
	UpdatedISO  string // empty when not updated
	UpdatedText string

	Tags    []*Term
	Actors  []*Term
	Figures []FigureView

	Older *Entry // the previous briefing in time, nil for the oldest
	Newer *Entry // the next briefing in time, nil for the newest

	index int // position in the site's Entries

	// The related briefings (Related), found when first asked for.
	relator     *relator
	relatedOnce sync.Once
	related     []*Entry
}

// FigureView is a figure formatted for display.
type FigureView struct {
	*briefing.Figure        // the briefing's own, not a copy
	ValueText        string // "585", "1,200", "-3.5"
	Text             string // "585 drones" or "585 of 653 drones (89.6%)"
	WholeText        string // "653"; empty without of
	Percent          string // "89.6%", "at least 89.6%"; empty without of
	Unit             string // as written, or else its series' unit
	Symbol           string // the value with its qualifier's sign, for charts: "≥ 121"
	PeriodText       string // "5–6 Dec 2025"
	OwnPeriod        bool   // the period is not just the briefing's day
	By               string // who claims it: an actor's canonical name; "" when not said
	ByKey            string // By folded, as claimants are compared
	ByURL            string // the actor's page, when there is one

	// The series of this figure, this value in it, and the change since
	// the claimant's period before: "+12" against "573" on "27 Nov"
	// (PrevURL, PrevDate the period).
	Series    *Series
	Point     *SeriesValue
	Change    string
	PrevValue string
	PrevDate  string
	PrevURL   string
	// A report again of a point reported before: the briefing it was
	// first reported in ("also reported in"). Empty otherwise.
	AlsoIn  string
	AlsoURL string
	// A new value for a point reported before: "revised from 635 to 653",
	// and the briefing of the value it revises.
	Revised    string
	RevisedURL string
}

// Term is one tag or actor: its name, page and briefings.
type Term struct {
	Name     string // the canonical (profile) or most used spelling
	Slug     string
	Dir      string                 // its folder in the site, unescaped: "tags/війна/"
	URL      string                 // Dir as a URL, escaped once: /tags/%D0%B2%D1%96%D0%B9%D0%BD%D0%B0/
	Entries  []*Entry               // newest first
	Actor    *briefing.ActorProfile // nil unless an actor with a profile
	Tag      *briefing.TagProfile   // nil unless a tag with a profile
	Together []TermCount            // actors: who they appear with most
	TopTags  []TermCount            // actors: the tags of their briefings
	Figures  []SeriesCount          // actors: the figures reported in their briefings

	index       int           // position in its taxonomy's Terms, for counting without maps
	key         string        // the folded name it is filed under
	description template.HTML // the profile body, links resolved
}

// Count is the number of briefings filed under the term.
func (t *Term) Count() int { return len(t.Entries) }

// Description is the profile text of the term, if any.
func (t *Term) Description() template.HTML {
	switch {
	case t.description != "":
		return t.description
	case t.Actor != nil:
		return t.Actor.HTML
	case t.Tag != nil:
		return t.Tag.HTML
	}
	return ""
}

// SeriesCount is a figure series with the number of a term's briefings
// that report it.
type SeriesCount struct {
	Series *Series
	Count  int
}

// TermCount is a term with a number of shared briefings.
type TermCount struct {
	Term  *Term
	Count int
}

// Taxonomy is every term of one kind.
type Taxonomy struct {
	Kind    string  // "tags" or "actors"
	Title   string  // "Tags", "Actors"
	URL     string  // /tags/
	Terms   []*Term // by name
	ByCount []*Term // most briefings first, then by name
	// Facets group the terms by a property of their profiles: actors by
	// kind and by country, each a page of its own.
	Facets []*Facet
}

// Facet is the terms that share one value of a profile property.
type Facet struct {
	Property string // "kind", "country"
	Value    string // "person", "Ukraine"; "unknown" for terms without it
	Dir      string // its folder in the site, unescaped: "actors/by/kind/person/"
	URL      string // Dir as a URL: /actors/by/kind/person/
	Terms    []*Term
}

// Year is a date archive of one year.
type Year struct {
	Year    int
	Dir     string // its folder in the site, "2025/" (years before 1000 too have four digits: "0999/")
	URL     string
	Months  []*Month // newest first
	Entries []*Entry // newest first
}

// Month is a date archive of one month.
type Month struct {
	Year    int
	Month   time.Month
	Name    string // "November 2025"
	Dir     string // its folder in the site, "2025/11/"
	URL     string
	Entries []*Entry // newest first
}
