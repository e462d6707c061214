package build

import (
	"github.com/brief-ssg/brief/internal/cache"
	"github.com/brief-ssg/brief/internal/digest"
	"github.com/brief-ssg/brief/internal/render"
	"github.com/brief-ssg/brief/internal/source"
	"github.com/brief-ssg/brief/internal/wire"
)

// Attacher is a Sink that keeps some data of a build for the next build
// into the same place (publish.Staging): a plan, with which a build that
// finds nothing but briefings' bodies changed renders only the pages that
// show them, and retains the others without fingerprinting them again.
type Attacher interface {
	Attachment() []byte
	Attach(data []byte)
}

// planVersion changes whenever the plan's encoding or meaning does.
const planVersion = 1

// shapeOf fingerprints all a build depends on but briefings' bodies: key
// (settings, options, layouts: memoryKey) and every content file's path
// and front matter (cache.FrontOf; all of a profile). Two builds of the
// same shape differ only in what the bodies of briefings give — their
// HTML and summaries — and in which briefings are due, which the memo's
// list of entries tells.
func shapeOf(key string, files []source.File, sources map[string]*cache.Source) digest.Sum {
	b := make([]byte, 0, len(key)+len(files)*64)
	b = append(b, key...)
	for _, f := range files {
		front := sources[f.Path].Front
		b = append(b, 0)
		b = append(b, f.Path...)
		b = append(b, front[:]...)
	}
	return digest.Of(b)
}

// encodePlan writes the shape of a build and its memo (see package wire).
func encodePlan(shape digest.Sum, m *render.Memo) []byte {
	e := wire.Encoder{B: make([]byte, 0, 64+len(m.Entries)*96)}
	e.Uint(planVersion)
	e.Fixed(shape[:])
	e.Uint(uint64(len(m.Entries)))
	for _, me := range m.Entries {
		e.Str(me.Path)
		e.Fixed(me.HTML[:])
		e.Fixed(me.Summary[:])
		e.Fixed(me.Key[:])
	}
	e.Fixed(m.Exports[:])
	e.Strs(m.Crawler)
	return e.B
}

// lastMemo returns the memo of the plan in data when the plan is of the
// same shape, or nil.
func lastMemo(data []byte, shape digest.Sum) *render.Memo {
	d := wire.Decoder{Data: string(data)}
	if len(data) == 0 || d.Uint() != planVersion || d.Fixed(len(shape)) != string(shape[:]) {
		return nil
	}
	m := &render.Memo{Entries: make([]render.MemoEntry, d.Count())}
	for i := range m.Entries {
		me := &m.Entries[i]
		me.Path = d.Str()
		copy(me.HTML[:], d.Fixed(len(me.HTML)))
		copy(me.Summary[:], d.Fixed(len(me.Summary)))
		copy(me.Key[:], d.Fixed(len(me.Key)))
	}
	copy(m.Exports[:], d.Fixed(len(m.Exports)))
	m.Crawler = d.Strs()
	if !d.Done() {
		return nil
	}
	return m
}
