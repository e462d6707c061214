package source

import (
	"path"
	"regexp"
	"slices"
	"strings"
	"time"

	"github.com/brief-ssg/brief/internal/briefing"
	"github.com/brief-ssg/brief/internal/diag"
	fm "github.com/brief-ssg/brief/internal/frontmatter"
	"github.com/brief-ssg/brief/internal/slug"
)

var briefingKeys = []string{"title", "date", "updated", "summary", "location", "slug", "draft", "aliases", "tags", "actors", "authors", "figures", "sources", "corrections", "image"}

// datePrefix is the date that may start a file name: 2025-11-29-miami-talks.md
var datePrefix = regexp.MustCompile(`^\d{4}-\d{2}-\d{2}-`)

// DecodeBriefing reads a briefing from its parsed file.
func DecodeBriefing(p string, doc *fm.Document, loc *time.Location) (*briefing.Briefing, diag.List) {
	var diags diag.List
	f := newFields(p, doc.Root, briefingKeys, &diags)
	f.require("title", "date")
	b := &briefing.Briefing{
		Path:     p,
		Title:    f.str("title"),
		Summary:  f.str("summary"),
		Location: f.str("location"),
		Draft:    f.boolean("draft"),
		Aliases:  texts(f.strings("aliases")),
		Tags:     f.strings("tags"),
		Actors:   f.strings("actors"),
		Authors:  f.strings("authors"),
		Body:     doc.Body,
		BodyLine: doc.BodyLine,
	}
	b.Date, b.HasTime = f.date("date", loc)
	b.Updated, _ = f.date("updated", loc)
	if s := f.str("slug"); s != "" {
		b.Slug = slug.Make(s)
	} else {
		name := strings.TrimSuffix(path.Base(p), path.Ext(p))
		b.Slug = slug.Make(datePrefix.ReplaceAllString(name, ""))
	}
	b.Figures = decodeFigures(f, &diags)
	b.Sources = decodeSources(f, &diags)
	b.Corrections = decodeCorrections(f, b, loc, &diags)
	if b.Image = f.str("image"); b.Image != "" {
		b.ImagePos = f.get("image").Pos
	}
	if b.Updated.IsZero() && len(b.Corrections) > 0 {
		b.Updated = b.Corrections[0].Date
	}
	return b, diags
}

var figureKeys = []string{"key", "label", "value", "unit", "of"}

func decodeFigures(f fields, diags *diag.List) []briefing.Figure {
	n := f.get("figures")
	if n == nil || n.Kind == fm.Null {
		return nil
	}
	var figs []briefing.Figure
	var ofPos []diag.Pos // where each figure's of is written
	switch n.Kind {
	case fm.Map: // quick form: {label: value}
		for _, fl := range n.Fields {
			if fl.Value == nil || fl.Value.Kind == fm.Null || fl.Value.Kind == fm.Scalar && strings.TrimSpace(fl.Value.Value) == "" {
				diags.Errorf(fl.KeyPos, "figure %q has no value yet: fill in its value (a template leaves it for the writer), or remove the figure", fl.Key)
				continue
			}
			v, ok := number(fl.Value, diags)
			if ok {
				figs = append(figs, briefing.Figure{Key: slug.Make(fl.Key), Label: fl.Key, Value: v, Pos: fl.KeyPos})
			}
		}
	case fm.List:
		for _, it := range n.Items {
			if it.Kind != fm.Map {
				diags.Errorf(it.Pos, "each figure must be a mapping with label and value")
				continue
			}
			ff := newFields(f.path, it, figureKeys, diags)
			if at, ok := unfilled(it, "value"); ok {
				ff.require("label")
				diags.Errorf(at, "figure %q has no value yet: fill in its value (a template leaves it for the writer), or remove the figure", ff.str("label"))
				continue
			}
			ff.require("label", "value")
			fig := briefing.Figure{Label: ff.str("label"), Unit: ff.str("unit"), Of: ff.str("of"), Key: ff.str("key"), Pos: it.Pos}
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
	checkFigures(figs, ofPos, diags)
	return figs
}

// unfilled reports where a mapping's key is written without a value: a
// placeholder left for the writer.
func unfilled(n *fm.Node, key string) (diag.Pos, bool) {
	for _, fl := range n.Fields {
		if fl.Key == key {
			v := fl.Value
			return fl.KeyPos, v == nil || v.Kind == fm.Null || v.Kind == fm.Scalar && strings.TrimSpace(v.Value) == ""
		}
	}
	return diag.Pos{}, false
}

func number(n *fm.Node, diags *diag.List) (float64, bool) {
	if n.Kind == fm.Scalar {
		if v, ok := ParseNumber(n.Value); ok {
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
	byKey := make(map[string]int, len(figs))
	for i, f := range figs {
		if j, ok := byKey[f.Key]; ok {
			diags.Errorf(f.Pos, "figure %q has the same key %q as the figure on line %d: give it its own key", f.Label, f.Key, figs[j].Pos.Line)
			continue
		}
		byKey[f.Key] = i
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
		if !ok {
			at := f.Pos
			if i < len(ofPos) {
				at = ofPos[i]
			}
			diags.Errorf(at, "figure %q is of %q, which is no figure of this briefing: name another figure's label or key", f.Label, f.Of)
			continue
		}
		f.Of = figs[j].Key
	}
}

var correctionKeys = []string{"date", "text"}

// decodeCorrections reads the corrections, newest first; one dated
// before its briefing is an error at its date.
func decodeCorrections(f fields, b *briefing.Briefing, loc *time.Location, diags *diag.List) []briefing.Correction {
	n := f.get("corrections")
	if n == nil || n.Kind == fm.Null {
		return nil
	}
	if n.Kind != fm.List {
		diags.Errorf(n.Pos, "corrections must be a list of {date, text}")
		return nil
	}
	var out []briefing.Correction
	for _, it := range n.Items {
		if it.Kind != fm.Map {
			diags.Errorf(it.Pos, "each correction must be a mapping {date, text}")
			continue
		}
		cf := newFields(f.path, it, correctionKeys, diags)
		cf.require("date", "text")
		c := briefing.Correction{Text: cf.str("text"), Pos: it.Pos}
		c.Date, _ = cf.date("date", loc)
		if dn := cf.get("date"); dn != nil {
			c.Pos = dn.Pos
		}
		if c.Date.IsZero() || c.Text == "" {
			continue
		}
		if !b.Date.IsZero() && c.Date.Before(truncateDay(b.Date)) {
			diags.Errorf(c.Pos, "correction dated %s is before the briefing's date %s: a correction comes after what it corrects", c.Date.Format("2006-01-02"), b.Date.Format("2006-01-02"))
			continue
		}
		out = append(out, c)
	}
	slices.SortStableFunc(out, func(a, b briefing.Correction) int { return b.Date.Compare(a.Date) })
	return out
}

// truncateDay is the start of t's day, so that a correction written as a
// plain date may fall on its briefing's day.
func truncateDay(t time.Time) time.Time {
	y, m, d := t.Date()
	return time.Date(y, m, d, 0, 0, 0, 0, t.Location())
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
			if strings.Contains(s, "://") {
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
	authorKeys = []string{"name", "aliases", "role", "url", "email"}
)

// DecodeAuthor reads an author profile.
func DecodeAuthor(p string, doc *fm.Document) (*briefing.AuthorProfile, diag.List) {
	var diags diag.List
	f := newFields(p, doc.Root, authorKeys, &diags)
	f.require("name")
	a := &briefing.AuthorProfile{
		Path:    p,
		Name:    f.str("name"),
		Aliases: texts(f.strings("aliases")),
		Role:    f.str("role"),
		URL:     f.str("url"),
		Email:   f.str("email"),
		Pos:     doc.Root.Pos,
	}
	if n := f.get("name"); n != nil {
		a.Pos = n.Pos
	}
	if a.URL != "" && !strings.HasPrefix(a.URL, "https://") && !strings.HasPrefix(a.URL, "http://") {
		diags.Errorf(f.get("url").Pos, "url %q must be an absolute http(s) URL", a.URL)
		a.URL = ""
	}
	if a.Email != "" && !strings.Contains(a.Email, "@") {
		diags.Errorf(f.get("email").Pos, "email %q is not an e-mail address", a.Email)
		a.Email = ""
	}
	return a, diags
}

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
