package cache

import (
	"encoding/binary"
	"html/template"
	"math"
	"time"

	"brief/internal/briefing"
	"brief/internal/diag"
)

// The cache's own binary encoding of parsed files, several times faster to
// read than gob: no type descriptions, no reflection, and every string a
// substring of one copy of the file. Integers are varints, strings and
// lists are prefixed with their length, and an empty list reads back as
// nil (as with gob).

// encoder appends values to a buffer.
type encoder struct{ b []byte }

func (e *encoder) uint(v uint64) { e.b = binary.AppendUvarint(e.b, v) }
func (e *encoder) int(v int64)   { e.b = binary.AppendVarint(e.b, v) }
func (e *encoder) str(s string) {
	e.uint(uint64(len(s)))
	e.b = append(e.b, s...)
}
func (e *encoder) bytes(b []byte) {
	e.uint(uint64(len(b)))
	e.b = append(e.b, b...)
}

func (e *encoder) bool(v bool) {
	if v {
		e.b = append(e.b, 1)
	} else {
		e.b = append(e.b, 0)
	}
}

func (e *encoder) strs(ss []string) {
	e.uint(uint64(len(ss)))
	for _, s := range ss {
		e.str(s)
	}
}

func (e *encoder) time(t time.Time) {
	e.bool(!t.IsZero())
	if !t.IsZero() {
		e.int(t.Unix())
		e.uint(uint64(t.Nanosecond()))
	}
}

func (e *encoder) pos(p diag.Pos) {
	e.str(p.File)
	e.int(int64(p.Line))
	e.int(int64(p.Col))
}

func (e *encoder) links(ls []briefing.Link) {
	e.uint(uint64(len(ls)))
	for _, l := range ls {
		e.str(l.Target)
		e.str(l.Fragment)
		e.pos(l.Pos)
	}
}

func (e *encoder) names(ns []briefing.Name) {
	e.uint(uint64(len(ns)))
	for _, n := range ns {
		e.str(n.Text)
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

func (e *encoder) source(s *Source) {
	e.int(s.Stamp.Size)
	e.int(s.Stamp.ModTime)
	e.int(s.Stamp.ChangeTime)
	e.uint(s.Stamp.Inode)
	switch it := s.Item; {
	case it.Briefing != nil:
		b := it.Briefing
		e.uint(kindBriefing)
		e.str(b.Path)
		e.str(b.Title)
		e.time(b.Date)
		e.bool(b.HasTime)
		e.time(b.Updated)
		e.str(b.Summary)
		e.str(b.Location)
		e.str(b.Slug)
		e.bool(b.Draft)
		e.strs(b.Aliases)
		e.names(b.Tags)
		e.names(b.Actors)
		e.uint(uint64(len(b.Figures)))
		for _, f := range b.Figures {
			e.str(f.Key)
			e.str(f.Label)
			e.b = binary.LittleEndian.AppendUint64(e.b, math.Float64bits(f.Value))
			e.str(f.Unit)
			e.str(f.Of)
			e.pos(f.Pos)
		}
		e.uint(uint64(len(b.Sources)))
		for _, src := range b.Sources {
			e.str(src.Title)
			e.str(src.URL)
		}
		e.bytes(b.Body)
		e.int(int64(b.BodyLine))
		e.str(string(b.HTML))
		e.b = append(e.b, b.HTMLSum[:]...)
		e.links(b.Links)
		e.strs(b.Anchors)
	case it.Actor != nil:
		a := it.Actor
		e.uint(kindActor)
		e.str(a.Path)
		e.str(a.Name)
		e.strs(a.Aliases)
		e.str(a.Role)
		e.str(a.Country)
		e.str(a.Kind)
		e.pos(a.Pos)
		e.bytes(a.Body)
		e.int(int64(a.BodyLine))
		e.str(string(a.HTML))
		e.links(a.Links)
	case it.Tag != nil:
		t := it.Tag
		e.uint(kindTag)
		e.str(t.Path)
		e.str(t.Name)
		e.str(t.Description)
		e.bytes(t.Body)
		e.int(int64(t.BodyLine))
		e.str(string(t.HTML))
		e.links(t.Links)
	default:
		e.uint(kindNone)
	}
	e.uint(uint64(len(s.Diags)))
	for _, d := range s.Diags {
		e.pos(d.Pos)
		e.int(int64(d.Severity))
		e.str(d.Msg)
	}
}

// decoder reads what encoder wrote from data, a string so that every
// string read is a substring of it. Past the end or on a malformed value
// it reads zeros and sets bad.
type decoder struct {
	data string
	off  int
	bad  bool
}

func (d *decoder) uint() uint64 {
	var v uint64
	for shift := 0; shift < 64; shift += 7 {
		if d.off >= len(d.data) {
			break
		}
		c := d.data[d.off]
		d.off++
		v |= uint64(c&0x7f) << shift
		if c < 0x80 {
			return v
		}
	}
	d.bad = true
	return 0
}

func (d *decoder) int() int64 {
	u := d.uint()
	v := int64(u >> 1)
	if u&1 != 0 {
		v = ^v
	}
	return v
}

// count reads a length, which cannot exceed what is left to read.
func (d *decoder) count() int {
	n := d.uint()
	if n > uint64(len(d.data)-d.off) {
		d.bad = true
		return 0
	}
	return int(n)
}

func (d *decoder) str() string {
	n := d.count()
	s := d.data[d.off : d.off+n]
	d.off += n
	return s
}

func (d *decoder) bytes() []byte {
	if s := d.str(); s != "" {
		return []byte(s)
	}
	return nil
}

func (d *decoder) fixed(n int) string {
	if n > len(d.data)-d.off {
		d.bad = true
		return ""
	}
	s := d.data[d.off : d.off+n]
	d.off += n
	return s
}

func (d *decoder) bool() bool {
	switch d.fixed(1) {
	case "\x00":
		return false
	case "\x01":
		return true
	}
	d.bad = true
	return false
}

func (d *decoder) strs() []string {
	n := d.count()
	if n == 0 {
		return nil
	}
	out := make([]string, n)
	for i := range out {
		out[i] = d.str()
	}
	return out
}

// time reads an instant into loc; the zero time stays zero.
func (d *decoder) time(loc *time.Location) time.Time {
	if !d.bool() {
		return time.Time{}
	}
	sec := d.int()
	return time.Unix(sec, int64(d.uint())).In(loc)
}

func (d *decoder) pos() diag.Pos {
	return diag.Pos{File: d.str(), Line: int(d.int()), Col: int(d.int())}
}

func (d *decoder) links() []briefing.Link {
	n := d.count()
	if n == 0 {
		return nil
	}
	out := make([]briefing.Link, n)
	for i := range out {
		out[i] = briefing.Link{Target: d.str(), Fragment: d.str(), Pos: d.pos()}
	}
	return out
}

func (d *decoder) names() []briefing.Name {
	n := d.count()
	if n == 0 {
		return nil
	}
	out := make([]briefing.Name, n)
	for i := range out {
		out[i] = briefing.Name{Text: d.str(), Pos: d.pos()}
	}
	return out
}

// source reads one parsed file; times are put in loc, the site's zone.
func (d *decoder) source(loc *time.Location) *Source {
	s := &Source{Stamp: Stamp{Size: d.int(), ModTime: d.int(), ChangeTime: d.int(), Inode: d.uint()}}
	switch d.uint() {
	case kindBriefing:
		b := &briefing.Briefing{Path: d.str(), Title: d.str(), Date: d.time(loc), HasTime: d.bool(), Updated: d.time(loc)}
		b.Summary, b.Location, b.Slug, b.Draft = d.str(), d.str(), d.str(), d.bool()
		b.Aliases, b.Tags, b.Actors = d.strs(), d.names(), d.names()
		if n := d.count(); n > 0 {
			b.Figures = make([]briefing.Figure, n)
			for i := range b.Figures {
				f := &b.Figures[i]
				f.Key, f.Label = d.str(), d.str()
				if v := d.fixed(8); len(v) == 8 {
					f.Value = math.Float64frombits(binary.LittleEndian.Uint64([]byte(v)))
				}
				f.Unit, f.Of, f.Pos = d.str(), d.str(), d.pos()
			}
		}
		if n := d.count(); n > 0 {
			b.Sources = make([]briefing.Source, n)
			for i := range b.Sources {
				b.Sources[i] = briefing.Source{Title: d.str(), URL: d.str()}
			}
		}
		b.Body, b.BodyLine, b.HTML = d.bytes(), int(d.int()), template.HTML(d.str())
		copy(b.HTMLSum[:], d.fixed(len(b.HTMLSum)))
		b.Links, b.Anchors = d.links(), d.strs()
		s.Item.Briefing = b
	case kindActor:
		a := &briefing.ActorProfile{Path: d.str(), Name: d.str(), Aliases: d.strs(), Role: d.str(), Country: d.str(), Kind: d.str(), Pos: d.pos()}
		a.Body, a.BodyLine, a.HTML, a.Links = d.bytes(), int(d.int()), template.HTML(d.str()), d.links()
		s.Item.Actor = a
	case kindTag:
		t := &briefing.TagProfile{Path: d.str(), Name: d.str(), Description: d.str()}
		t.Body, t.BodyLine, t.HTML, t.Links = d.bytes(), int(d.int()), template.HTML(d.str()), d.links()
		s.Item.Tag = t
	case kindNone:
	default:
		d.bad = true
	}
	if n := d.count(); n > 0 {
		s.Diags = make(diag.List, n)
		for i := range s.Diags {
			s.Diags[i] = diag.Diagnostic{Pos: d.pos(), Severity: diag.Severity(d.int()), Msg: d.str()}
		}
	}
	return s
}
