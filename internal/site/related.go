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
	positions := func(tax *Taxonomy) [][]int {
		pos := make([][]int, len(tax.Terms))
		for _, t := range tax.Terms {
			p := make([]int, len(t.Entries))
			for i, e := range t.Entries {
				p[i] = e.index
			}
			pos[t.index] = p
		}
		return pos
	}
	actorPos, tagPos := positions(s.Actors), positions(s.Tags)
	type scratch struct {
		scores  []int32
		touched []int
	}
	workers := make([]scratch, parallel.Workers())
	for w := range workers {
		workers[w].scores = make([]int32, len(s.Entries))
	}
	parallel.For(len(s.Entries), func(w, i int) {
		sc, e := &workers[w], s.Entries[i]
		sc.touched = sc.touched[:0]
		add := func(terms []*Term, pos [][]int, weight int32) {
			for _, t := range terms {
				mine, _ := slices.BinarySearch(pos[t.index], i)
				lo, hi := max(0, mine-relatedWindow/2), min(len(t.Entries), mine+relatedWindow/2+1)
				for _, o := range pos[t.index][lo:hi] {
					if o == i {
						continue
					}
					if sc.scores[o] == 0 {
						sc.touched = append(sc.touched, o)
					}
					sc.scores[o] += weight
				}
			}
		}
		add(e.Actors, actorPos, 2)
		add(e.Tags, tagPos, 1)
		// The best few by score; entries are newest first, so among equal
		// scores the lower position (newer, then by path) wins.
		var best [relatedCount]int
		n := 0
		better := func(a, b int) bool {
			return sc.scores[a] > sc.scores[b] || sc.scores[a] == sc.scores[b] && a < b
		}
		for _, o := range sc.touched {
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
		for _, o := range best[:n] {
			e.Related = append(e.Related, s.Entries[o])
		}
		for _, o := range sc.touched {
			sc.scores[o] = 0
		}
	})
}
