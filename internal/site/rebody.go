package site

import (
	"html/template"
	"slices"

	"github.com/brief-ssg/brief/internal/briefing"
	"github.com/brief-ssg/brief/internal/diag"
)

// Rebody is an edit of briefings that changed their bodies (and so their
// HTML and perhaps their summaries) and nothing else: not one field of
// their front matter, nor the ids of their headings, which links from
// other briefings are checked against.
type Rebody map[*Entry]*briefing.Briefing

// Apply updates the entries of s in place to their new versions, for a
// process that keeps a site between builds (the preview server) and
// would otherwise build it all again for one saved body. c is the content
// the edited briefings now belong to. It reports false, changing nothing,
// when a new body's links do not resolve: a full build reports why. The
// returned undo puts the old versions back.
func (s *Site) Apply(c *briefing.Content, edit Rebody) (undo func(), ok bool) {
	type version struct {
		b    *briefing.Briefing
		html template.HTML
		sum  [16]byte
	}
	var r *linkResolver
	next := make(map[*Entry]version, len(edit))
	for e, b := range edit {
		// The caller compared the front matter; the ids of headings are
		// checked here too, since links from other briefings depend on them.
		if !slices.Equal(e.Anchors, b.Anchors) {
			return nil, false
		}
		v := version{withSummary(b, e.Figures), b.HTML, b.HTMLSum}
		if len(b.Links) > 0 {
			var diags diag.List
			if r == nil {
				lr := s.linkResolver(c, &diags)
				r = &lr
			}
			r.diags = &diags
			if v.html, v.sum = r.body(b.HTML, b.Links); len(diags) > 0 {
				return nil, false
			}
		}
		if len(b.Refs) > 0 {
			var diags diag.List
			if v.html, v.sum = s.figureBody(e, v.html, b.Refs, &diags); len(diags) > 0 {
				return nil, false
			}
		}
		next[e] = v
	}
	old := make(map[*Entry]version, len(edit))
	for e, v := range next {
		old[e] = version{e.Briefing, e.HTML, e.HTMLSum}
		e.Briefing, e.HTML, e.HTMLSum = v.b, v.html, v.sum
	}
	return func() {
		for e, v := range old {
			e.Briefing, e.HTML, e.HTMLSum = v.b, v.html, v.sum
		}
	}, true
}
