package render

import (
	"strings"

	nethtml "golang.org/x/net/html"

	"github.com/brief-ssg/brief/internal/feed"
	"github.com/brief-ssg/brief/internal/site"
)

// Feed paths, relative to the site root or to a tag or actor page.
const (
	RSSFile  = "index.xml"
	AtomFile = "atom.xml"
	JSONFile = "feed.json"
)

// siteFeeds are the feeds of the whole site, announced on every page.
func siteFeeds(s *site.Site) []FeedLink {
	return []FeedLink{
		{Type: "application/rss+xml", Title: s.Title + " (RSS)", URL: s.Abs(s.URL(RSSFile))},
		{Type: "application/atom+xml", Title: s.Title + " (Atom)", URL: s.Abs(s.URL(AtomFile))},
		{Type: "application/feed+json", Title: s.Title + " (JSON Feed)", URL: s.Abs(s.URL(JSONFile))},
	}
}

// termFeed is the RSS feed of one tag or actor.
func termFeed(s *site.Site, t *site.Term) FeedLink {
	return FeedLink{Type: "application/rss+xml", Title: s.Title + ": " + t.Name + " (RSS)", URL: s.Abs(t.URL + RSSFile)}
}

// newsArticle is the schema.org NewsArticle of a briefing, as data; the
// template writes it as JSON, escaped for a script element.
type newsArticle struct {
	Context          string   `json:"@context"`
	Type             string   `json:"@type"`
	Headline         string   `json:"headline"`
	Description      string   `json:"description,omitempty"`
	URL              string   `json:"url"`
	MainEntityOfPage string   `json:"mainEntityOfPage"`
	DatePublished    string   `json:"datePublished"`
	DateModified     string   `json:"dateModified"`
	Keywords         string   `json:"keywords,omitempty"`
	About            []thing  `json:"about,omitempty"`
	ContentLocation  *thing   `json:"contentLocation,omitempty"`
	Image            []string `json:"image,omitempty"`
	Author           []thing  `json:"author"`
	Publisher        thing    `json:"publisher"`
	Citation         []string `json:"citation,omitempty"`
	InLanguage       string   `json:"inLanguage,omitempty"`
}

type thing struct {
	Type string `json:"@type"`
	Name string `json:"name"`
	URL  string `json:"url,omitempty"`
}

// schemaTypes maps actor kinds to schema.org types.
var schemaTypes = map[string]string{"person": "Person", "government": "GovernmentOrganization", "organisation": "Organization", "group": "Organization"}

// articleData is the NewsArticle of a briefing. Its author is the site,
// as the publisher Organization, which schema.org and Google's article
// guidance accept when a piece has no byline; bylines, once briefings
// have them, become Person authors here. Its image is the briefing's
// first image (image), when it has one.
func articleData(s *site.Site, e *site.Entry, image string) newsArticle {
	publisher := thing{Type: "Organization", Name: s.Title, URL: s.BaseURL}
	a := newsArticle{
		Context: "https://schema.org", Type: "NewsArticle", Headline: e.Title, Description: e.Summary,
		URL: e.Permalink, MainEntityOfPage: e.Permalink, DatePublished: e.DateISO, DateModified: e.DateISO,
		Author: []thing{publisher}, Publisher: publisher, InLanguage: s.Language,
	}
	if image != "" {
		a.Image = []string{image}
	}
	if e.UpdatedISO != "" {
		a.DateModified = e.UpdatedISO
	}
	var tags []string
	for _, t := range e.Tags {
		tags = append(tags, t.Name)
	}
	a.Keywords = strings.Join(tags, ", ")
	for _, t := range e.Actors {
		typ := "Thing"
		if t.Actor != nil && schemaTypes[t.Actor.Kind] != "" {
			typ = schemaTypes[t.Actor.Kind]
		}
		a.About = append(a.About, thing{Type: typ, Name: t.Name, URL: s.Abs(t.URL)})
	}
	if e.Location != "" {
		a.ContentLocation = &thing{Type: "Place", Name: e.Location}
	}
	for _, src := range e.Sources {
		if src.URL != "" {
			a.Citation = append(a.Citation, src.URL)
		}
	}
	return a
}

// image is the absolute http(s) URL of the first image in a briefing's
// body, for og:image and the JSON-LD, or "" when it has none (or the site
// has no baseURL, or the image is a data: URL). Bodies without "<img" are
// not read.
func image(e *site.Entry) string {
	body := string(e.HTML)
	if !strings.Contains(body, "<img") {
		return ""
	}
	z := nethtml.NewTokenizer(strings.NewReader(body))
	for tt := z.Next(); tt != nethtml.ErrorToken; tt = z.Next() {
		if tt != nethtml.StartTagToken && tt != nethtml.SelfClosingTagToken {
			continue
		}
		if name, attrs := z.TagName(); string(name) != "img" || !attrs {
			continue
		}
		for {
			k, v, more := z.TagAttr()
			if string(k) == "src" {
				u := feed.AbsoluteURL(string(v), e.Permalink)
				if scheme, _, _ := strings.Cut(u, "://"); strings.EqualFold(scheme, "https") || strings.EqualFold(scheme, "http") {
					return u
				}
				return ""
			}
			if !more {
				break
			}
		}
	}
	return ""
}

// describe is the plain-text description of a page: a briefing's summary,
// a profile's description, else the site's, else one made from what the
// page lists (generated), so that every page has one.
func describe(s *site.Site, p *Page, siteDescription string) string {
	switch {
	case p.Entry != nil && p.Entry.Summary != "":
		return p.Entry.Summary
	case p.Term != nil:
		if d := describeTerm(p.Term); d != "" {
			return d
		}
	}
	if siteDescription != "" {
		return siteDescription
	}
	return generated(s, p)
}

// descriptionSize is about the most characters a generated description
// has: what search engines show of one.
const descriptionSize = 160

// generated describes a page by its kind and the first names it lists:
// titles, tags, actors or figures, which its fingerprint covers. It reads
// no body, so an edit of a body changes no list page's description.
func generated(s *site.Site, p *Page) string {
	switch p.Kind {
	case "home":
		return listing("Briefings of "+s.Title+", newest first", entryTitles(p.Entries))
	case "year", "month":
		return listing("Briefings of "+p.Title, entryTitles(p.Entries))
	case "tag":
		return listing("Briefings tagged "+p.Title, entryTitles(p.Entries))
	case "actor":
		return listing("Briefings about "+p.Title, entryTitles(p.Entries))
	case "tags", "actors":
		names := make([]string, len(p.Terms))
		for i, t := range p.Terms {
			names[i] = t.Name
		}
		lead := p.Title + " on " + s.Title
		if f := p.Facet; f != nil {
			tax := s.Actors
			if p.Kind == "tags" {
				tax = s.Tags
			}
			lead = tax.Title + " on " + s.Title + " with " + f.Property + " " + f.Value
		}
		return listing(lead, names)
	case "figures":
		labels := make([]string, len(s.Figures))
		for i, sr := range s.Figures {
			labels[i] = sr.Label
		}
		return listing("Every figure reported in "+s.Title+", as a series over time", labels)
	case "figure":
		if sr := p.Series; sr != nil {
			return sr.Label + ": " + itoa(sr.Count()) + " values from " + sr.First().Entry.DateText + " to " +
				sr.Latest().Entry.DateText + "; latest " + sr.Latest().Figure.Text + "."
		}
	case "search":
		return "Search the briefings of " + s.Title + " by words, actor, tag and date."
	case "404":
		return "There is no page at this address on " + s.Title + "."
	case "briefing":
		return sentence(p.Title)
	}
	return sentence(s.Title + ": " + p.Title)
}

func entryTitles(entries []*site.Entry) []string {
	out := make([]string, len(entries))
	for i, e := range entries {
		out[i] = e.Title
	}
	return out
}

// listing is lead, then as many of names as fit in about
// descriptionSize characters: "Lead: a; b; c."
func listing(lead string, names []string) string {
	var b strings.Builder
	b.WriteString(lead)
	for i, n := range names {
		sep := "; "
		if i == 0 {
			sep = ": "
		}
		if i > 0 && b.Len()+len(sep)+len(n) > descriptionSize {
			b.WriteString("; …")
			return b.String()
		}
		b.WriteString(sep)
		b.WriteString(n)
	}
	return sentence(b.String())
}

// sentence ends s with a full stop unless it ends with a mark of its own.
func sentence(s string) string {
	if strings.HasSuffix(s, ".") || strings.HasSuffix(s, "?") || strings.HasSuffix(s, "!") || strings.HasSuffix(s, "…") {
		return s
	}
	return s + "."
}

// HeadersFile tells Netlify and Cloudflare Pages which HTTP headers to send.
const HeadersFile = "_headers"

// headers lets hosts that read _headers cache the stylesheet, whose name
// changes with its content, for a year, and revalidate everything else.
func headers(s *site.Site, stylesheet string) []byte {
	return []byte(s.BasePath + stylesheet + "\n  Cache-Control: public, max-age=31536000, immutable\n\n" +
		s.BasePath + "*\n  X-Content-Type-Options: nosniff\n")
}
