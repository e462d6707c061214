package site

import (
	"slices"

	"brief/internal/parallel"
)

// relatedCount is how many related briefings a briefing page lists.
const relatedCount = 5

// relatedWindow bounds how many briefings of each shared term are looked
// at, nearest in time first, so the cost stays linear in the archive.
const relatedWindow = 40

// relate lists, for every entry, the briefings that share the most actors
// (counted twice) and tags with it, then the newest. Scores are counted in
// a slice indexed by entry, one per worker, reset after each entry.
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
	actorPos, tagPos := positions(s.Actors), positions(s.Tags)
	// Scores are small: 16 bits keep a worker's slice in the processor's
	// first cache for tens of thousands of entries.
	type scratch struct {
		scores  []uint16
		touched []int32
	}
	workers := make([]scratch, parallel.Workers())
	for w := range workers {
		workers[w].scores = make([]uint16, len(s.Entries))
	}
	parallel.For(len(s.Entries), func(w, i int) {
		sc, e := &workers[w], s.Entries[i]
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
		if n > 0 {
			e.Related = make([]*Entry, n)
			for k, o := range best[:n] {
				e.Related[k] = s.Entries[o]
			}
		}
		for _, o := range touched {
			scores[o] = 0
		}
		sc.touched = touched
	})
}
