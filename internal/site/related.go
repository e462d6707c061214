package site

import (
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
	// Where each entry sits in each of its terms' lists, and in the site.
	at := map[*Entry]int{}
	for i, e := range s.Entries {
		at[e] = i
	}
	pos := map[*Term][]int{} // term → positions in the site of its entries
	index := map[*Term]map[*Entry]int{}
	for _, tax := range []*Taxonomy{s.Actors, s.Tags} {
		for _, t := range tax.Terms {
			m := make(map[*Entry]int, len(t.Entries))
			p := make([]int, len(t.Entries))
			for i, e := range t.Entries {
				m[e], p[i] = i, at[e]
			}
			index[t], pos[t] = m, p
		}
	}
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
		add := func(terms []*Term, weight int32) {
			for _, t := range terms {
				mine := index[t][e]
				lo, hi := max(0, mine-relatedWindow/2), min(len(t.Entries), mine+relatedWindow/2+1)
				for _, o := range pos[t][lo:hi] {
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
		add(e.Actors, 2)
		add(e.Tags, 1)
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
