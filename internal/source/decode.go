package source

import (
	"fmt"
	"path"
	"regexp"
	"strings"
	"time"

	"github.com/brief-ssg/brief/internal/briefing"
	"github.com/brief-ssg/brief/internal/diag"
	fm "github.com/brief-ssg/brief/internal/frontmatter"
	"github.com/brief-ssg/brief/internal/slug"
)

var briefingKeys = []string{"title", "date", "updated", "summary", "location", "slug", "draft", "aliases", "tags", "actors", "figures", "sources"}

// datePrefix is the date that may start a file name: 2025-11-29-miami-talks.md
var datePrefix = regexp.MustCompile(`^\d{4}-\d{2}-\d{2}-`)

// DecodeBriefing reads a briefing from its parsed file.
func DecodeBriefing(p string, doc *fm.Document, loc *time.Location) (*briefing.Briefing, diag.List) {
	var diags diag.List
	f := newFields(p, doc.Root, briefingKeys, &diags)
	f.require("title", "date")
	checkLimits(f)
	aliases := f.strings("aliases")
	checkAliases(f, aliases)
	b := &briefing.Briefing{
		Path:     p,
		Title:    f.str("title"),
		Summary:  f.str("summary"),
		Location: f.str("location"),
		Draft:    f.boolean("draft"),
		Aliases:  texts(aliases),
		Tags:     f.strings("tags"),
		Actors:   f.strings("actors"),
		Body:     doc.Body,
		BodyLine: doc.BodyLine,
	}
	b.Date, b.HasTime = f.date("date", loc)
	b.Updated, _ = f.date("updated", loc)
	checkDates(f, b)
	if n := f.get("date"); n != nil {
		b.DatePos = n.Pos
	}
	if n := f.get("updated"); n != nil {
		b.UpdatedPos = n.Pos
	}
	for _, a := range aliases {
		b.AliasPos = append(b.AliasPos, a.Pos)
	}
	if s := f.str("slug"); s != "" {
		b.Slug = slug.Make(s)
	} else {
		name := strings.TrimSuffix(path.Base(p), path.Ext(p))
		b.Slug = slug.Make(datePrefix.ReplaceAllString(name, ""))
	}
	b.Figures = decodeFigures(f, b.Date, loc, &diags)
	b.Sources = decodeSources(f, &diags)
	// Past a limit the briefing is an error, and what is past it is
	// dropped, so the later stages, which still run to report their
	// errors, stay quick.
	b.Tags, b.Actors = clip(b.Tags, MaxTags), clip(b.Actors, MaxActors)
	b.Figures, b.Sources = clip(b.Figures, MaxFigures), clip(b.Sources, MaxSources)
	b.Aliases, b.AliasPos = clip(b.Aliases, MaxAliases), clip(b.AliasPos, MaxAliases)
	return b, diags
}

var figureKeys = []string{"key", "label", "value", "unit", "of", "by", "period", "qualifier", "note"}

func decodeFigures(f fields, date time.Time, loc *time.Location, diags *diag.List) []briefing.Figure {
	n := f.get("figures")
	if n == nil || n.Kind == fm.Null {
		return nil
	}
	var figs []briefing.Figure
	var ofPos []diag.Pos // where each figure's of is written
	switch n.Kind {
	case fm.Map: // quick form: {label: value}
		for _, fl := range n.Fields {
			v, ok := number(fl.Value, diags)
			if ok {
				figs = append(figs, briefing.Figure{Key: slug.Make(fl.Key), Label: fl.Key, Value: v, Pos: fl.KeyPos, UnitPos: fl.KeyPos, Period: dayOf(date, loc)})
			}
		}
	case fm.List:
		for _, it := range n.Items {
			if it.Kind != fm.Map {
				diags.Errorf(it.Pos, "each figure must be a mapping with label and value")
				continue
			}
			ff := newFields(f.path, it, figureKeys, diags)
			ff.require("label", "value")
			fig := briefing.Figure{Label: ff.str("label"), Unit: ff.str("unit"), Of: ff.str("of"), Key: ff.str("key"), Pos: it.Pos,
				By: ff.str("by"), Note: ff.str("note"), UnitPos: it.Pos}
			if un := ff.get("unit"); un != nil {
				fig.UnitPos = un.Pos
			}
			fig.Qualifier = qualifier(ff, diags)
			fig.Period = period(ff, date, loc, diags)
			at := it.Pos
			if of := ff.get("of"); of != nil {
				at = of.Pos
			}
			if fig.Key == "" {
				fig.Key = fig.Label
			}
			fig.Key = slug.Make(fig.Key)
			if vn := ff.get("value"); vn != nil && vn.Kind != fm.Null {
				v, ok := number(vn, diags)
				if !ok {
					continue
				}
				fig.Value = v
			}
			figs = append(figs, fig)
			ofPos = append(ofPos, at)
		}
	default:
		diags.Errorf(n.Pos, "figures must be a list of {label, value, unit} or a mapping of label: value")
	}
	if len(figs) <= MaxFigures {
		checkFigures(figs, ofPos, diags)
		checkOfCycles(figs, ofPos, diags)
	}
	return figs
}

// qualifiers are the words a figure's qualifier may be.
var qualifiers = []string{"exactly", briefing.AtLeast, briefing.AtMost, briefing.About}

// qualifier reads how sure a figure is; exactly is "".
func qualifier(ff fields, diags *diag.List) string {
	q := strings.Join(strings.Fields(strings.ToLower(ff.str("qualifier"))), " ")
	switch {
	case q == "" || q == "exactly":
		return ""
	case contains(qualifiers, q):
		return q
	}
	msg := fmt.Sprintf("qualifier %q is not one of %s", ff.str("qualifier"), strings.Join(qualifiers, ", "))
	if s := slug.Closest(q, qualifiers, 3); s != "" {
		msg += fmt.Sprintf(": did you mean %q?", s)
	}
	diags.Errorf(ff.get("qualifier").Pos, "%s", msg)
	return ""
}

// dayOf is the day of t as a period.
func dayOf(t time.Time, loc *time.Location) briefing.Period {
	if t.IsZero() {
		return briefing.Period{}
	}
	t = t.In(loc)
	d := time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, loc)
	return briefing.Period{Start: d, End: d}
}

// period reads the day (2025-12-06) or interval (2025-12-05/2025-12-06) a
// figure describes; without one, the briefing's day.
func period(ff fields, date time.Time, loc *time.Location, diags *diag.List) briefing.Period {
	s := ff.str("period")
	if s == "" {
		return dayOf(date, loc)
	}
	p, err := ParsePeriod(s, loc)
	if err != nil {
		diags.Errorf(ff.get("period").Pos, "period: %v", err)
		return dayOf(date, loc)
	}
	return p
}

// ParsePeriod reads a day, YYYY-MM-DD, or an interval of days,
// YYYY-MM-DD/YYYY-MM-DD (first and last day, ISO 8601), in loc.
func ParsePeriod(s string, loc *time.Location) (briefing.Period, error) {
	first, last, interval := strings.Cut(strings.TrimSpace(s), "/")
	start, err := time.ParseInLocation("2006-01-02", strings.TrimSpace(first), loc)
	if err != nil {
		return briefing.Period{}, fmt.Errorf("%q is not a day or an interval of days: write 2025-12-06 or 2025-12-05/2025-12-06", s)
	}
	end := start
	if interval {
		if end, err = time.ParseInLocation("2006-01-02", strings.TrimSpace(last), loc); err != nil {
			return briefing.Period{}, fmt.Errorf("%q is not a day or an interval of days: write 2025-12-06 or 2025-12-05/2025-12-06", s)
		}
		if end.Before(start) {
			return briefing.Period{}, fmt.Errorf("%q ends before it starts: write the first day, then the last", s)
		}
	}
	return briefing.Period{Start: start, End: end}, nil
}

func number(n *fm.Node, diags *diag.List) (float64, bool) {
	if n.Kind == fm.Scalar {
		if v, ok := ParseNumber(n.Value); ok {
			if !exactNumber(strings.ReplaceAll(strings.TrimSpace(n.Value), ",", "")) {
				diags.Errorf(n.Pos, "figure value %s has more than %d significant digits and cannot be kept exactly: round it, or give it in a larger unit (millions)", strings.TrimSpace(n.Value), MaxDigits)
				return 0, false
			}
			return v, true
		}
	}
	shown := n.Value
	if n.Kind != fm.Scalar {
		shown = n.Kind.String()
	}
	diags.Errorf(n.Pos, "figure value %q is not a number: write digits such as 653, -3.5 or \"1,200\"", shown)
	return 0, false
}

// checkFigures enforces one key per figure and that each of names a figure
// of the same briefing (by label or key); it rewrites of to the whole's key.
// ofPos[i], when given, is where figure i's of is written.
func checkFigures(figs []briefing.Figure, ofPos []diag.Pos, diags *diag.List) {
	// One key may appear once for each claimant and period: a briefing
	// may give what each side claims.
	type point struct {
		key, by    string
		start, end int64
	}
	byKey := make(map[point]int, len(figs))
	for i, f := range figs {
		p := point{f.Key, slug.Fold(f.By), f.Period.Start.Unix(), f.Period.End.Unix()}
		if j, ok := byKey[p]; ok {
			diags.Errorf(f.Pos, "figure %q has the same key %q as the figure on line %d: give it its own key", f.Label, f.Key, figs[j].Pos.Line)
			continue
		}
		byKey[p] = i
	}
	for i := range figs {
		f := &figs[i]
		if f.Of == "" {
			continue
		}
		j, ok := -1, false
		for k, g := range figs {
			if k != i && (g.Label == f.Of || g.Key == f.Of || g.Key == slug.Make(f.Of)) {
				j, ok = k, true
				break
			}
		}
		at := f.Pos
		if i < len(ofPos) {
			at = ofPos[i]
		}
		if !ok && (f.Of == f.Label || f.Of == f.Key || slug.Make(f.Of) == f.Key) {
			diags.Errorf(at, "figure %q is of itself: name the figure it is a part of, or remove of", f.Label)
			continue
		}
		if !ok {
			diags.Errorf(at, "figure %q is of %q, which is no figure of this briefing: name another figure's label or key", f.Label, f.Of)
			continue
		}
		f.Of = figs[j].Key
	}
}

var sourceKeys = []string{"title", "url"}

func decodeSources(f fields, diags *diag.List) []briefing.Source {
	n := f.get("sources")
	if n == nil || n.Kind == fm.Null {
		return nil
	}
	items := n.Items
	if n.Kind != fm.List {
		items = []*fm.Node{n}
	}
	var out []briefing.Source
	for _, it := range items {
		switch it.Kind {
		case fm.Scalar: // a bare URL or title
			s := strings.TrimSpace(it.Value)
			if strings.Contains(s, "://") || strings.HasPrefix(strings.ToLower(s), "mailto:") {
				if why := SourceURL(s); why != "" {
					diags.Errorf(it.Pos, "source URL %q %s", clipURL(s), why)
					continue
				}
				out = append(out, briefing.Source{Title: s, URL: s})
			} else {
				out = append(out, briefing.Source{Title: s})
			}
		case fm.Map:
			sf := newFields(f.path, it, sourceKeys, diags)
			src := briefing.Source{Title: sf.str("title"), URL: sf.str("url")}
			if src.Title == "" {
				src.Title = src.URL
			}
			if src.Title == "" {
				diags.Errorf(it.Pos, "a source needs a title or a url")
				continue
			}
			if src.URL != "" {
				if why := SourceURL(src.URL); why != "" {
					diags.Errorf(sf.get("url").Pos, "source URL %q %s", clipURL(src.URL), why)
					continue
				}
			}
			out = append(out, src)
		default:
			diags.Errorf(it.Pos, "each source must be a mapping {title, url} or a URL")
		}
	}
	return out
}

var (
	actorKeys  = []string{"name", "aliases", "role", "country", "kind"}
	actorKinds = []string{"person", "government", "organisation", "group"}
	tagKeys    = []string{"name", "description"}
)

// DecodeActor reads an actor profile.
func DecodeActor(p string, doc *fm.Document) (*briefing.ActorProfile, diag.List) {
	var diags diag.List
	f := newFields(p, doc.Root, actorKeys, &diags)
	f.require("name")
	a := &briefing.ActorProfile{
		Path:    p,
		Name:    f.str("name"),
		Aliases: texts(f.strings("aliases")),
		Role:    f.str("role"),
		Country: f.str("country"),
		Kind:    f.str("kind"),
		Pos:     doc.Root.Pos,
	}
	if n := f.get("name"); n != nil {
		a.Pos = n.Pos
	}
	if a.Kind != "" && !contains(actorKinds, a.Kind) {
		diags.Errorf(f.get("kind").Pos, "kind %q is not one of %s", a.Kind, strings.Join(actorKinds, ", "))
	}
	return a, diags
}

// DecodeTag reads a tag profile.
func DecodeTag(p string, doc *fm.Document) (*briefing.TagProfile, diag.List) {
	var diags diag.List
	f := newFields(p, doc.Root, tagKeys, &diags)
	f.require("name")
	return &briefing.TagProfile{Path: p, Name: f.str("name"), Description: f.str("description")}, diags
}
