package site

import (
	"slices"
	"sync"
)

// relatedCount is how many related briefings a briefing page lists.
const relatedCount = 5

// relatedWindow bounds how many briefings of each shared term are looked
// at, nearest in time first, so the cost stays linear in the archive.
const relatedWindow = 40

// Related returns the briefings that share the most actors (counted twice)
// and tags with e, then the newest. They are found when first asked for: a
// rebuild after an edit of bodies shows those of few briefings.
func (e *Entry) Related() []*Entry {
	if e.relator != nil {
		e.relatedOnce.Do(func() { e.related = e.relator.of(e) })
	}
	return e.related
}

// relator finds the related briefings of entries: it knows the positions
// in the site of each term's entries, and keeps scores to reuse.
type relator struct {
	entries          []*Entry
	actorPos, tagPos [][]int32
	scratch          sync.Pool // of *relatedScratch
}

// relatedScratch counts scores in a slice indexed by entry, reset after
// each entry. Scores are small: 16 bits keep it in the processor's first
// cache for tens of thousands of entries.
type relatedScratch struct {
	scores  []uint16
	touched []int32
}

// relate readies every entry's Related.
func (s *Site) relate() {
	// The positions in the site of each term's entries, ascending, since
	// terms list their entries in the site's order.
	positions := func(tax *Taxonomy) [][]int32 {
		pos := make([][]int32, len(tax.Terms))
		for _, t := range tax.Terms {
			p := make([]int32, len(t.Entries))
			for i, e := range t.Entries {
				p[i] = int32(e.index)
			}
			pos[t.index] = p
		}
		return pos
	}
	r := &relator{entries: s.Entries, actorPos: positions(s.Actors), tagPos: positions(s.Tags)}
	r.scratch.New = func() any { return &relatedScratch{scores: make([]uint16, len(s.Entries))} }
	for _, e := range s.Entries {
		e.relator = r
	}
}

// of finds the related briefings of e.
func (r *relator) of(e *Entry) []*Entry {
	sc := r.scratch.Get().(*relatedScratch)
	defer r.scratch.Put(sc)
	i, actorPos, tagPos := e.index, r.actorPos, r.tagPos
	scores, touched := sc.scores, sc.touched[:0]
	add := func(terms []*Term, pos [][]int32, weight uint16) {
		for _, t := range terms {
			p := pos[t.index]
			mine, _ := slices.BinarySearch(p, int32(i))
			lo, hi := max(0, mine-relatedWindow/2), min(len(p), mine+relatedWindow/2+1)
			for _, o := range p[lo:hi] {
				if int(o) == i {
					continue
				}
				if scores[o] == 0 {
					touched = append(touched, o)
				}
				scores[o] += weight
			}
		}
	}
	add(e.Actors, actorPos, 2)
	add(e.Tags, tagPos, 1)
	// The best few by score; entries are newest first, so among equal
	// scores the lower position (newer, then by path) wins.
	var best [relatedCount]int32
	n := 0
	better := func(a, b int32) bool {
		return scores[a] > scores[b] || scores[a] == scores[b] && a < b
	}
	for _, o := range touched {
		if n < relatedCount {
			n++
		} else if !better(o, best[n-1]) {
			continue
		}
		j := n - 1
		for ; j > 0 && better(o, best[j-1]); j-- {
			best[j] = best[j-1]
		}
		best[j] = o
	}
	for _, o := range touched {
		scores[o] = 0
	}
	sc.touched = touched
	if n == 0 {
		return nil
	}
	related := make([]*Entry, n)
	for k, o := range best[:n] {
		related[k] = r.entries[o]
	}
	return related
}
