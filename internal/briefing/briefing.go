// Package briefing holds the domain types of a briefing series: briefings,
// their figures and sources, and the actor and tag profiles. It does no I/O.
package briefing

import (
	"html/template"
	"time"

	"github.com/brief-ssg/brief/internal/diag"
)

// Briefing is one dated report, as decoded and validated from its file.
type Briefing struct {
	Path     string // source path relative to the site root, slash-separated
	Title    string
	Date     time.Time // in the site's time zone
	HasTime  bool      // the date named a time of day
	Updated  time.Time // zero when not given
	Summary  string    // plain text; defaults to the first paragraph
	Location string
	Slug     string
	Draft    bool
	Aliases  []string
	Tags     []Name
	Actors   []Name
	Figures  []Figure
	Sources  []Source

	// Where fields are written, for checks made once the site is known.
	DatePos    diag.Pos
	UpdatedPos diag.Pos
	AliasPos   []diag.Pos // one for each of Aliases

	Body     []byte        // Markdown after the front matter
	BodyLine int           // file line on which Body starts
	HTML     template.HTML // the rendered body
	HTMLSum  [16]byte      // a hash of HTML, so later stages can compare bodies without reading them
	Links    []Link        // links to other content files, to resolve once every URL is known
	Anchors  []string      // the ids of the body's headings, for links to them
	Refs     []FigureRef   // inline figures and charts, to fill in once every figure is known
}

// Link is a Markdown link to another content file by its path
// ([the talks](2025-11-29-miami-talks.md#outcome)). The rendered HTML holds
// LinkMarker followed by the link's index in place of its address, until
// the site knows the URL of every file.
type Link struct {
	Target   string // the file linked, relative to the site root, NFC
	Fragment string // the #anchor, without #; may be empty
	Pos      diag.Pos
}

// LinkMarker starts the placeholder address of an unresolved Link.
const LinkMarker = "brief-link:"

// Name is a tag or actor name as written, with where it was written.
type Name struct {
	Text string
	Pos  diag.Pos
}

// Figure is one key number of a briefing: a claim of who says it, about
// which period, how sure.
type Figure struct {
	Key       string // stable series key; defaults to the slug of Label
	Label     string
	Value     float64
	Unit      string // as written; empty takes the unit of its series
	Of        string // label or key of the whole this figure is a part of
	By        string // who reports or claims it, as written; empty when not said
	Period    Period // the day or interval it describes; the briefing's day by default
	Qualifier string // "" (exactly), "at least", "at most" or "about"
	Note      string
	Pos       diag.Pos
	UnitPos   diag.Pos // where unit is written; Pos without one
}

// Qualifiers of a figure's value, besides exactly ("").
const (
	AtLeast = "at least"
	AtMost  = "at most"
	About   = "about"
)

// Period is the day or the interval of days a figure describes, as dates
// at midnight in the site's zone; End is the last day, equal to Start for
// one day.
type Period struct {
	Start, End time.Time
}

// Less orders periods by their end, then their start.
func (p Period) Less(q Period) bool {
	if !p.End.Equal(q.End) {
		return p.End.Before(q.End)
	}
	return p.Start.Before(q.Start)
}

// Equal reports whether p and q are the same days.
func (p Period) Equal(q Period) bool { return p.Start.Equal(q.Start) && p.End.Equal(q.End) }

// FigureRef is an inline figure or chart in a body (:fig[key], :chart[key]).
// The rendered HTML holds FigureMarker, the reference's index and a closing
// FigureMarkerEnd in its place until the site knows every figure.
type FigureRef struct {
	Key   string
	Chart bool // a paragraph of its own that is :chart[key]
	Pos   diag.Pos
}

// Markers around the index of a FigureRef in rendered HTML.
const (
	FigureMarker    = "\x00brief-fig:"
	FigureMarkerEnd = "\x00"
)

// Source is where a briefing's facts came from.
type Source struct {
	Title string
	URL   string
}

// ActorProfile describes one actor; the body is the biography.
type ActorProfile struct {
	Path    string
	Name    string
	Aliases []string
	Role    string
	Country string
	Kind    string   // person | government | organisation | group
	Pos     diag.Pos // position of the name, for warnings that suggest it

	Body     []byte // the biography, Markdown
	BodyLine int
	HTML     template.HTML
	Links    []Link
}

// TagProfile describes one tag.
type TagProfile struct {
	Path        string
	Name        string
	Description string

	Body     []byte
	BodyLine int
	HTML     template.HTML
	Links    []Link
}

// Content is everything read from a site's content folder.
type Content struct {
	Briefings []*Briefing
	Actors    []*ActorProfile
	Tags      []*TagProfile
}
