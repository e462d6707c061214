package cache

import (
	"encoding/binary"
	"html/template"
	"math"
	"time"

	"github.com/brief-ssg/brief/internal/briefing"
	"github.com/brief-ssg/brief/internal/diag"
	"github.com/brief-ssg/brief/internal/digest"
	"github.com/brief-ssg/brief/internal/source"
	"github.com/brief-ssg/brief/internal/wire"
)

// The cache's own encoding of parsed files (see package wire), several
// times faster to read than gob: no type descriptions, no reflection, and
// every string a piece of the file as read. An empty list reads back as
// nil (as with gob).

// encoder and decoder add the types of parsed files to wire's.
type encoder struct{ wire.Encoder }

type decoder struct{ wire.Decoder }

func (e *encoder) time(t time.Time) {
	e.Bool(!t.IsZero())
	if !t.IsZero() {
		e.Int(t.Unix())
		e.Uint(uint64(t.Nanosecond()))
	}
}

func (e *encoder) pos(p diag.Pos) {
	e.Str(p.File)
	e.Int(int64(p.Line))
	e.Int(int64(p.Col))
}

func (e *encoder) links(ls []briefing.Link) {
	e.Uint(uint64(len(ls)))
	for _, l := range ls {
		e.Str(l.Target)
		e.Str(l.Fragment)
		e.pos(l.Pos)
	}
}

func (e *encoder) names(ns []briefing.Name) {
	e.Uint(uint64(len(ns)))
	for _, n := range ns {
		e.Str(n.Text)
		e.pos(n.Pos)
	}
}

// The kinds of item.
const (
	kindNone = iota
	kindBriefing
	kindActor
	kindTag
)

// FrontOf fingerprints all of an item that its body does not give: for a
// briefing, everything but the Markdown, the HTML and its sum, the body's
// links and the summary (the body's first paragraph unless the front
// matter sets one); for a profile, everything. Two versions of a briefing
// with the same FrontOf differ only in what site.Apply changes.
func FrontOf(it source.Item) digest.Sum {
	if b := it.Briefing; b != nil {
		c := *b
		c.Summary, c.Body, c.BodyLine, c.HTML, c.HTMLSum, c.Links = "", nil, 0, "", [16]byte{}, nil
		it.Briefing = &c
	}
	var e encoder
	e.item(it)
	return digest.Of(e.B)
}

func (e *encoder) source(s *Source) {
	e.Int(s.Stamp.Size)
	e.Int(s.Stamp.ModTime)
	e.Int(s.Stamp.ChangeTime)
	e.Uint(s.Stamp.Inode)
	e.Fixed(s.Front[:])
	e.item(s.Item)
	e.Uint(uint64(len(s.Diags)))
	for _, d := range s.Diags {
		e.pos(d.Pos)
		e.Int(int64(d.Severity))
		e.Str(d.Msg)
	}
}

func (e *encoder) item(it source.Item) {
	switch {
	case it.Briefing != nil:
		b := it.Briefing
		e.Uint(kindBriefing)
		e.Str(b.Path)
		e.Str(b.Title)
		e.time(b.Date)
		e.Bool(b.HasTime)
		e.time(b.Updated)
		e.Str(b.Summary)
		e.Str(b.Location)
		e.Str(b.Slug)
		e.Bool(b.Draft)
		e.Strs(b.Aliases)
		e.Uint(uint64(len(b.AliasPos)))
		for _, p := range b.AliasPos {
			e.pos(p)
		}
		e.pos(b.DatePos)
		e.pos(b.UpdatedPos)
		e.names(b.Tags)
		e.names(b.Actors)
		e.Uint(uint64(len(b.Figures)))
		for _, f := range b.Figures {
			e.Str(f.Key)
			e.Str(f.Label)
			e.B = binary.LittleEndian.AppendUint64(e.B, math.Float64bits(f.Value))
			e.Str(f.Unit)
			e.Str(f.Of)
			e.Str(f.By)
			e.time(f.Period.Start)
			e.time(f.Period.End)
			e.Str(f.Qualifier)
			e.Str(f.Note)
			e.pos(f.Pos)
			e.pos(f.UnitPos)
		}
		e.Uint(uint64(len(b.Sources)))
		for _, src := range b.Sources {
			e.Str(src.Title)
			e.Str(src.URL)
		}
		e.Bytes(b.Body)
		e.Int(int64(b.BodyLine))
		e.Str(string(b.HTML))
		e.Fixed(b.HTMLSum[:])
		e.links(b.Links)
		e.Strs(b.Anchors)
		e.Uint(uint64(len(b.Refs)))
		for _, r := range b.Refs {
			e.Str(r.Key)
			e.Bool(r.Chart)
			e.pos(r.Pos)
		}
	case it.Actor != nil:
		a := it.Actor
		e.Uint(kindActor)
		e.Str(a.Path)
		e.Str(a.Name)
		e.Strs(a.Aliases)
		e.Str(a.Role)
		e.Str(a.Country)
		e.Str(a.Kind)
		e.pos(a.Pos)
		e.Bytes(a.Body)
		e.Int(int64(a.BodyLine))
		e.Str(string(a.HTML))
		e.links(a.Links)
	case it.Tag != nil:
		t := it.Tag
		e.Uint(kindTag)
		e.Str(t.Path)
		e.Str(t.Name)
		e.Str(t.Description)
		e.Bytes(t.Body)
		e.Int(int64(t.BodyLine))
		e.Str(string(t.HTML))
		e.links(t.Links)
	default:
		e.Uint(kindNone)
	}
}

// time reads an instant into loc; the zero time stays zero.
func (d *decoder) time(loc *time.Location) time.Time {
	if !d.Bool() {
		return time.Time{}
	}
	sec := d.Int()
	return time.Unix(sec, int64(d.Uint())).In(loc)
}

func (d *decoder) pos() diag.Pos {
	return diag.Pos{File: d.Str(), Line: int(d.Int()), Col: int(d.Int())}
}

func (d *decoder) links() []briefing.Link {
	n := d.Count()
	if n == 0 {
		return nil
	}
	out := make([]briefing.Link, n)
	for i := range out {
		out[i] = briefing.Link{Target: d.Str(), Fragment: d.Str(), Pos: d.pos()}
	}
	return out
}

func (d *decoder) names() []briefing.Name {
	n := d.Count()
	if n == 0 {
		return nil
	}
	out := make([]briefing.Name, n)
	for i := range out {
		out[i] = briefing.Name{Text: d.Str(), Pos: d.pos()}
	}
	return out
}

// source reads one parsed file; times are put in loc, the site's zone.
func (d *decoder) source(loc *time.Location) *Source {
	s := &Source{Stamp: Stamp{Size: d.Int(), ModTime: d.Int(), ChangeTime: d.Int(), Inode: d.Uint()}}
	copy(s.Front[:], d.Fixed(len(s.Front)))
	switch d.Uint() {
	case kindBriefing:
		b := &briefing.Briefing{Path: d.Str(), Title: d.Str(), Date: d.time(loc), HasTime: d.Bool(), Updated: d.time(loc)}
		b.Summary, b.Location, b.Slug, b.Draft = d.Str(), d.Str(), d.Str(), d.Bool()
		b.Aliases = d.Strs()
		if n := d.Count(); n > 0 {
			b.AliasPos = make([]diag.Pos, n)
			for i := range b.AliasPos {
				b.AliasPos[i] = d.pos()
			}
		}
		b.DatePos, b.UpdatedPos = d.pos(), d.pos()
		b.Tags, b.Actors = d.names(), d.names()
		if n := d.Count(); n > 0 {
			b.Figures = make([]briefing.Figure, n)
			for i := range b.Figures {
				f := &b.Figures[i]
				f.Key, f.Label = d.Str(), d.Str()
				if v := d.Fixed(8); len(v) == 8 {
					f.Value = math.Float64frombits(binary.LittleEndian.Uint64([]byte(v)))
				}
				f.Unit, f.Of, f.By = d.Str(), d.Str(), d.Str()
				f.Period.Start = d.time(loc)
				f.Period.End = d.time(loc)
				f.Qualifier, f.Note, f.Pos, f.UnitPos = d.Str(), d.Str(), d.pos(), d.pos()
			}
		}
		if n := d.Count(); n > 0 {
			b.Sources = make([]briefing.Source, n)
			for i := range b.Sources {
				b.Sources[i] = briefing.Source{Title: d.Str(), URL: d.Str()}
			}
		}
		b.Body, b.BodyLine, b.HTML = d.Bytes(), int(d.Int()), template.HTML(d.Str())
		copy(b.HTMLSum[:], d.Fixed(len(b.HTMLSum)))
		b.Links, b.Anchors = d.links(), d.Strs()
		if n := d.Count(); n > 0 {
			b.Refs = make([]briefing.FigureRef, n)
			for i := range b.Refs {
				b.Refs[i] = briefing.FigureRef{Key: d.Str(), Chart: d.Bool(), Pos: d.pos()}
			}
		}
		s.Item.Briefing = b
	case kindActor:
		a := &briefing.ActorProfile{Path: d.Str(), Name: d.Str(), Aliases: d.Strs(), Role: d.Str(), Country: d.Str(), Kind: d.Str(), Pos: d.pos()}
		a.Body, a.BodyLine, a.HTML, a.Links = d.Bytes(), int(d.Int()), template.HTML(d.Str()), d.links()
		s.Item.Actor = a
	case kindTag:
		t := &briefing.TagProfile{Path: d.Str(), Name: d.Str(), Description: d.Str()}
		t.Body, t.BodyLine, t.HTML, t.Links = d.Bytes(), int(d.Int()), template.HTML(d.Str()), d.links()
		s.Item.Tag = t
	case kindNone:
	default:
		d.Bad = true
	}
	if n := d.Count(); n > 0 {
		s.Diags = make(diag.List, n)
		for i := range s.Diags {
			s.Diags[i] = diag.Diagnostic{Pos: d.pos(), Severity: diag.Severity(d.Int()), Msg: d.Str()}
		}
	}
	return s
}
