package site

import (
	"slices"
	"sort"

	"github.com/brief-ssg/brief/internal/briefing"
	"github.com/brief-ssg/brief/internal/diag"
	"github.com/brief-ssg/brief/internal/parallel"
	"github.com/brief-ssg/brief/internal/slug"
)

// profile is an actor or tag profile as the index sees it.
type profile struct {
	name  string
	key   string // name folded
	actor *briefing.ActorProfile
	tag   *briefing.TagProfile
	path  string
}

// index folds every name and alias of the profiles to its profile.
type index struct {
	byKey   map[string]*profile
	keys    []string // every folded name and alias, for suggestions
	suggest map[string]string
}

func newIndex() *index {
	return &index{byKey: map[string]*profile{}, suggest: map[string]string{}}
}

// add files p under name, reporting a name two profiles claim.
func (ix *index) add(p *profile, name string, pos diag.Pos, diags *diag.List) {
	key := slug.Fold(name)
	if other, ok := ix.byKey[key]; ok && other != p {
		diags.Errorf(pos, "%q is already the name or an alias of %s: a name belongs to one profile", name, other.path)
		return
	}
	if _, ok := ix.byKey[key]; !ok {
		ix.keys = append(ix.keys, key)
	}
	ix.byKey[key] = p
}

func newActorIndex(ps []*briefing.ActorProfile, diags *diag.List) *index {
	ix := newIndex()
	for _, a := range ps {
		p := &profile{name: a.Name, key: slug.Fold(a.Name), actor: a, path: a.Path}
		ix.add(p, a.Name, a.Pos, diags)
		for _, al := range a.Aliases {
			ix.add(p, al, a.Pos, diags)
		}
	}
	return ix
}

func newTagIndex(ps []*briefing.TagProfile, diags *diag.List) *index {
	ix := newIndex()
	for _, t := range ps {
		ix.add(&profile{name: t.Name, key: slug.Fold(t.Name), tag: t, path: t.Path}, t.Name, diag.Pos{File: t.Path, Line: 1, Col: 1}, diags)
	}
	return ix
}

// near returns the profile name a folded key is a near miss of, or "".
func (ix *index) near(key string) string {
	if s, ok := ix.suggest[key]; ok {
		return s
	}
	s := ""
	if len([]rune(key)) > 4 {
		if k := slug.Closest(key, ix.keys, 2); k != "" {
			s = ix.byKey[k].name + " (" + ix.byKey[k].path + ")"
		}
	}
	ix.suggest[key] = s
	return s
}

// taxonomy files the entries under the terms names returns for each, folding
// case, accents and profile aliases.
func (s *Site) taxonomy(kind, title string, ix *index, names func(*Entry) []briefing.Name, diags *diag.List) *Taxonomy {
	terms := map[string]*Term{}
	term := func(key string) *Term {
		t, ok := terms[key]
		if !ok {
			t = &Term{}
			terms[key] = t
		}
		return t
	}
	// Names repeat across briefings: each spelling is looked up once.
	type spelling struct {
		text  string
		key   string
		term  *Term
		near  string // the profile it is a near miss of, for actors
		count int
	}
	byText := map[string]*spelling{}
	var spellings []*spelling // in order of first use
	var seen []*Term
	for _, e := range s.Entries {
		seen = seen[:0]
		for _, n := range names(e) {
			sp := byText[n.Text]
			if sp == nil {
				sp = &spelling{text: n.Text, key: slug.Fold(n.Text)}
				if p := ix.byKey[sp.key]; p != nil {
					sp.key = p.key
				} else if kind == "actors" {
					sp.near = ix.near(sp.key)
				}
				sp.term = term(sp.key)
				byText[n.Text] = sp
				spellings = append(spellings, sp)
			}
			if sp.near != "" {
				diags.Warnf(n.Pos, "actor %q is not in any profile but is close to %s: use that spelling, or add it to the profile's aliases", n.Text, sp.near)
			}
			sp.count++
			t := sp.term
			if slices.Contains(seen, t) {
				continue
			}
			seen = append(seen, t)
			t.Entries = append(t.Entries, e)
			if kind == "actors" {
				e.Actors = append(e.Actors, t)
			} else {
				e.Tags = append(e.Tags, t)
			}
		}
	}
	// The spelling written most often names a term without a profile; ties
	// go to the first in byte order, so the choice does not depend on order.
	best := map[*Term]*spelling{}
	for _, sp := range spellings {
		b := best[sp.term]
		if b == nil || sp.count > b.count || sp.count == b.count && sp.text < b.text {
			best[sp.term] = sp
		}
	}
	for key, p := range ix.byKey {
		if p.key == key {
			t := term(key)
			t.Actor, t.Tag = p.actor, p.tag
			t.Name = p.name
		}
	}
	tax := &Taxonomy{Kind: kind, Title: title, URL: s.URL(kind + "/")}
	keys := make([]string, 0, len(terms))
	for k := range terms {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	// "page" and "by" are folders of the taxonomy's own pages. Keys are
	// sorted, so a slug two terms share goes to the same one every build.
	var used slug.Unique
	used.Reserve("page")
	used.Reserve(FacetDir)
	for _, k := range keys {
		t := terms[k]
		if sp := best[t]; t.Name == "" && sp != nil {
			t.Name = sp.text // a profile without a name and without briefings keeps none
		}
		t.key = k
		t.Slug = used.Claim(slug.Make(k))
		t.Dir = kind + "/" + t.Slug + "/"
		t.URL = s.URL(t.Dir)
		t.index = len(tax.Terms)
		tax.Terms = append(tax.Terms, t)
	}
	tax.ByCount = append([]*Term(nil), tax.Terms...)
	sort.SliceStable(tax.ByCount, func(i, j int) bool { return tax.ByCount[i].Count() > tax.ByCount[j].Count() })
	return tax
}

// TogetherCount is how many actors an actor's "appears with" list names,
// and how many tags its top tags: on its page and in data/actors.json.
// Capped, the lists grow with the actors, not with their square.
const TogetherCount = 10

// relations counts, for every actor, the actors and tags of its briefings,
// on every core. Counts live in slices indexed by term, one pair per
// worker, reused from actor to actor.
func relations(actors, tags *Taxonomy) {
	type counts struct {
		together, tagged     []int
		seenActors, seenTags []*Term
	}
	workers := make([]counts, parallel.Workers())
	for w := range workers {
		workers[w] = counts{together: make([]int, len(actors.Terms)), tagged: make([]int, len(tags.Terms))}
	}
	parallel.For(len(actors.Terms), func(w, i int) {
		c, t := &workers[w], actors.Terms[i]
		c.seenActors, c.seenTags = c.seenActors[:0], c.seenTags[:0]
		for _, e := range t.Entries {
			for _, a := range e.Actors {
				if a == t {
					continue
				}
				if c.together[a.index] == 0 {
					c.seenActors = append(c.seenActors, a)
				}
				c.together[a.index]++
			}
			for _, g := range e.Tags {
				if c.tagged[g.index] == 0 {
					c.seenTags = append(c.seenTags, g)
				}
				c.tagged[g.index]++
			}
		}
		t.Together, t.TopTags = top(c.seenActors, c.together, TogetherCount), top(c.seenTags, c.tagged, TogetherCount)
	})
}

// top returns the n terms with the highest counts (ties by slug), best
// first, and resets the counts of terms to zero. The best are kept in
// order as they are found: n is small, terms may be many.
func top(terms []*Term, counts []int, n int) []TermCount {
	out := make([]TermCount, 0, min(n, len(terms)))
	better := func(a, b TermCount) bool {
		return a.Count > b.Count || a.Count == b.Count && a.Term.Slug < b.Term.Slug
	}
	for _, t := range terms {
		tc := TermCount{Term: t, Count: counts[t.index]}
		counts[t.index] = 0
		if len(out) == n && !better(tc, out[n-1]) {
			continue
		}
		if len(out) < n {
			out = append(out, tc)
		}
		j := len(out) - 1
		for ; j > 0 && better(tc, out[j-1]); j-- {
			out[j] = out[j-1]
		}
		out[j] = tc
	}
	return out
}
