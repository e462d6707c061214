package site

import (
	"slices"
	"strings"

	"brief/internal/parallel"
)

// relatedCount is how many related briefings a briefing page lists.
const relatedCount = 5

// relatedWindow bounds how many briefings of each shared term are looked
// at, nearest in time first, so the cost stays linear in the archive.
const relatedWindow = 40

// relate lists, for every entry, the briefings that share the most actors
// (counted twice) and tags with it, then the newest.
func (s *Site) relate() {
	// Where each entry sits in each of its terms' lists.
	index := map[*Term]map[*Entry]int{}
	for _, tax := range []*Taxonomy{s.Actors, s.Tags} {
		for _, t := range tax.Terms {
			m := make(map[*Entry]int, len(t.Entries))
			for i, e := range t.Entries {
				m[e] = i
			}
			index[t] = m
		}
	}
	type candidate struct {
		e     *Entry
		score int
	}
	parallel.For(len(s.Entries), func(_, i int) {
		e := s.Entries[i]
		scores := map[*Entry]int{}
		add := func(terms []*Term, weight int) {
			for _, t := range terms {
				at := index[t][e]
				lo, hi := max(0, at-relatedWindow/2), min(len(t.Entries), at+relatedWindow/2+1)
				for _, o := range t.Entries[lo:hi] {
					if o != e {
						scores[o] += weight
					}
				}
			}
		}
		add(e.Actors, 2)
		add(e.Tags, 1)
		list := make([]candidate, 0, len(scores))
		for o, sc := range scores {
			list = append(list, candidate{o, sc})
		}
		slices.SortFunc(list, func(a, b candidate) int {
			if a.score != b.score {
				return b.score - a.score
			}
			if c := b.e.Date.Compare(a.e.Date); c != 0 {
				return c
			}
			return strings.Compare(a.e.Path, b.e.Path)
		})
		for _, c := range list[:min(len(list), relatedCount)] {
			e.Related = append(e.Related, c.e)
		}
	})
}
