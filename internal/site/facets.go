package site

import (
	"sort"

	"github.com/brief-ssg/brief/internal/slug"
)

// FacetDir is the folder, under a taxonomy's, of its facet pages.
const FacetDir = "by"

// facets groups actors by the kind and the country of their profiles;
// actors without a profile, or without that property, are "unknown".
func (s *Site) facets(tax *Taxonomy) []*Facet {
	var out []*Facet
	for _, prop := range []string{"kind", "country"} {
		groups := map[string]*Facet{}
		for _, t := range tax.Terms {
			v := "unknown"
			if t.Actor != nil {
				if prop == "kind" && t.Actor.Kind != "" {
					v = t.Actor.Kind
				}
				if prop == "country" && t.Actor.Country != "" {
					v = t.Actor.Country
				}
			}
			// Spellings with one slug ("U.S.", "US") share a page.
			key := slug.Make(v)
			f := groups[key]
			if f == nil {
				f = &Facet{Property: prop, Value: v, Dir: tax.Kind + "/" + FacetDir + "/" + prop + "/" + key + "/"}
				f.URL = s.URL(f.Dir)
				groups[key] = f
			}
			f.Terms = append(f.Terms, t)
		}
		start := len(out)
		for _, f := range groups {
			out = append(out, f)
		}
		part := out[start:]
		sort.Slice(part, func(i, j int) bool {
			if (part[i].Value == "unknown") != (part[j].Value == "unknown") {
				return part[j].Value == "unknown"
			}
			return part[i].Value < part[j].Value
		})
	}
	return out
}
