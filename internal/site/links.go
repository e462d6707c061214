package site

import (
	"html"
	"html/template"
	"net/url"
	"slices"
	"strconv"
	"strings"

	"golang.org/x/text/unicode/norm"

	"github.com/brief-ssg/brief/internal/briefing"
	"github.com/brief-ssg/brief/internal/diag"
	"github.com/brief-ssg/brief/internal/digest"
)

// target is what a link to a content file can point at.
type target struct {
	url      string
	path     string
	briefing bool     // profiles' pages show more than their body: no anchor check
	anchors  []string // a briefing's heading ids
}

// resolveLinks replaces the link markers in every body by the URLs of the
// files linked, now that every URL is known. A link to a missing file, to
// a briefing not published in this build, or to a heading that is not
// there is an error at the link.
func (s *Site) resolveLinks(c *briefing.Content, diags *diag.List) {
	var r *linkResolver // made at the first link: many sites have none
	resolver := func() *linkResolver {
		if r == nil {
			lr := s.linkResolver(c, diags)
			r = &lr
		}
		return r
	}
	for _, e := range s.Entries {
		if len(e.Links) > 0 {
			e.HTML, e.HTMLSum = resolver().body(e.HTML, e.Links)
		}
	}
	for _, tax := range []*Taxonomy{s.Actors, s.Tags, s.Authors} {
		for _, t := range tax.Terms {
			switch {
			case t.Actor != nil && len(t.Actor.Links) > 0:
				t.description = resolver().resolve(t.Actor.HTML, t.Actor.Links)
			case t.Author != nil && len(t.Author.Links) > 0:
				t.description = resolver().resolve(t.Author.HTML, t.Author.Links)
			case t.Tag != nil && len(t.Tag.Links) > 0:
				t.description = resolver().resolve(t.Tag.HTML, t.Tag.Links)
			}
		}
	}
}

// linkResolver knows the URL of every file a link may point at.
func (s *Site) linkResolver(c *briefing.Content, diags *diag.List) linkResolver {
	targets := map[string]target{}
	for _, e := range s.Entries {
		targets[norm.NFC.String(e.Path)] = target{url: e.URL, path: e.Path, briefing: true, anchors: e.Anchors}
	}
	for _, tax := range []*Taxonomy{s.Actors, s.Tags, s.Authors} {
		for _, t := range tax.Terms {
			switch {
			case t.Actor != nil:
				targets[norm.NFC.String(t.Actor.Path)] = target{url: t.URL, path: t.Actor.Path}
			case t.Author != nil:
				targets[norm.NFC.String(t.Author.Path)] = target{url: t.URL, path: t.Author.Path}
			case t.Tag != nil:
				targets[norm.NFC.String(t.Tag.Path)] = target{url: t.URL, path: t.Tag.Path}
			}
		}
	}
	unpublished := map[string]bool{}
	for _, b := range c.Briefings {
		if _, ok := targets[norm.NFC.String(b.Path)]; !ok {
			unpublished[norm.NFC.String(b.Path)] = true
		}
	}
	return linkResolver{targets: targets, unpublished: unpublished, diags: diags}
}

type linkResolver struct {
	targets     map[string]target
	unpublished map[string]bool
	diags       *diag.List
}

// body resolves the links of a briefing's body and hashes the result.
func (r linkResolver) body(html template.HTML, links []briefing.Link) (template.HTML, [16]byte) {
	html = r.resolve(html, links)
	return html, digest.OfString(string(html))
}

// resolve puts each link's URL in place of its marker; a link that cannot
// be resolved points at nothing ("#") and is reported.
func (r linkResolver) resolve(body template.HTML, links []briefing.Link) template.HTML {
	pairs := make([]string, 0, 2*len(links))
	for i, l := range links {
		pairs = append(pairs, `"`+briefing.LinkMarker+strconv.Itoa(i)+`"`, `"`+html.EscapeString(r.url(l))+`"`)
	}
	return template.HTML(strings.NewReplacer(pairs...).Replace(string(body)))
}

func (r linkResolver) url(l briefing.Link) string {
	t, ok := r.targets[l.Target]
	switch {
	case !ok && r.unpublished[l.Target]:
		r.diags.Errorf(l.Pos, "link to %s, a draft or future briefing not published in this build: remove the link, or publish that briefing first", l.Target)
		return "#"
	case !ok:
		r.diags.Errorf(l.Pos, "link to %s: no such briefing or profile; check the path, which is relative to this file's folder", l.Target)
		return "#"
	case l.Fragment == "":
		return t.url
	case t.briefing && !slices.Contains(t.anchors, l.Fragment):
		r.diags.Errorf(l.Pos, "link to %s#%s: that briefing has no heading with this id; its ids are: %s", t.path, l.Fragment, strings.Join(t.anchors, ", "))
	}
	return t.url + "#" + (&url.URL{Fragment: l.Fragment}).EscapedFragment()
}
