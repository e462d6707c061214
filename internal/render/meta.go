package render

import (
	"strings"

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

// CorrectionsDir is the folder of the page and feed of corrections.
const CorrectionsDir = "corrections/"

// correctionsFeed is the RSS feed of every correction.
func correctionsFeed(s *site.Site) FeedLink {
	return FeedLink{Type: "application/rss+xml", Title: s.Title + ": Corrections (RSS)", URL: s.Abs(s.URL(CorrectionsDir + RSSFile))}
}

// termFeed is the RSS feed of one tag or actor.
func termFeed(s *site.Site, t *site.Term) FeedLink {
	return FeedLink{Type: "application/rss+xml", Title: s.Title + ": " + t.Name + " (RSS)", URL: s.Abs(t.URL + RSSFile)}
}

// newsArticle is the schema.org NewsArticle of a briefing, as data; the
// template writes it as JSON, escaped for a script element.
type newsArticle struct {
	Context          string              `json:"@context"`
	Type             string              `json:"@type"`
	Headline         string              `json:"headline"`
	Description      string              `json:"description,omitempty"`
	URL              string              `json:"url"`
	MainEntityOfPage string              `json:"mainEntityOfPage"`
	DatePublished    string              `json:"datePublished"`
	DateModified     string              `json:"dateModified"`
	Keywords         string              `json:"keywords,omitempty"`
	Author           []thing             `json:"author,omitempty"`
	About            []thing             `json:"about,omitempty"`
	ContentLocation  *thing              `json:"contentLocation,omitempty"`
	Publisher        thing               `json:"publisher"`
	Image            string              `json:"image,omitempty"`
	Citation         []string            `json:"citation,omitempty"`
	Correction       []correctionComment `json:"correction,omitempty"`
	InLanguage       string              `json:"inLanguage,omitempty"`
}

// correctionComment is a schema.org CorrectionComment.
type correctionComment struct {
	Type          string `json:"@type"`
	Text          string `json:"text"`
	DatePublished string `json:"datePublished"`
}

type thing struct {
	Type string `json:"@type"`
	Name string `json:"name"`
	URL  string `json:"url,omitempty"`
}

// schemaTypes maps actor kinds to schema.org types.
var schemaTypes = map[string]string{"person": "Person", "government": "GovernmentOrganization", "organisation": "Organization", "group": "Organization"}

func articleData(s *site.Site, e *site.Entry) newsArticle {
	a := newsArticle{
		Context: "https://schema.org", Type: "NewsArticle", Headline: e.Title, Description: e.Summary,
		URL: e.Permalink, MainEntityOfPage: e.Permalink, DatePublished: e.DateISO, DateModified: e.DateISO,
		Publisher: thing{Type: "Organization", Name: s.Title, URL: s.BaseURL}, InLanguage: s.Language,
	}
	if e.UpdatedISO != "" {
		a.DateModified = e.UpdatedISO
	}
	var tags []string
	for _, t := range e.Tags {
		tags = append(tags, t.Name)
	}
	a.Keywords = strings.Join(tags, ", ")
	for _, t := range e.Authors {
		a.Author = append(a.Author, authorThing(s, t))
	}
	for _, t := range e.Actors {
		typ := "Thing"
		if t.Actor != nil && schemaTypes[t.Actor.Kind] != "" {
			typ = schemaTypes[t.Actor.Kind]
		}
		a.About = append(a.About, thing{Type: typ, Name: t.Name, URL: s.Abs(t.URL)})
	}
	a.Image = e.Image
	if e.Location != "" {
		a.ContentLocation = &thing{Type: "Place", Name: e.Location}
	}
	for _, c := range e.Corrections {
		a.Correction = append(a.Correction, correctionComment{Type: "CorrectionComment", Text: c.Text, DatePublished: c.DateISO})
	}
	for _, src := range e.Sources {
		if src.URL != "" {
			a.Citation = append(a.Citation, src.URL)
		}
	}
	return a
}

// authorThing is a byline's author as a schema.org Person: the URL of
// their own page elsewhere when the profile gives one, else of their page
// on this site.
func authorThing(s *site.Site, t *site.Term) thing {
	url := s.Abs(t.URL)
	if t.Author != nil && t.Author.URL != "" {
		url = t.Author.URL
	}
	return thing{Type: "Person", Name: t.Name, URL: url}
}

// describe is the plain-text description of a page: a briefing's summary,
// a profile's description, else the site's.
func describe(s *site.Site, p *Page, siteDescription string) string {
	switch {
	case p.Entry != nil && p.Entry.Summary != "":
		return p.Entry.Summary
	case p.Term != nil:
		if d := describeTerm(p.Term); d != "" {
			return d
		}
	}
	return siteDescription
}

// HeadersFile tells Netlify and Cloudflare Pages which HTTP headers to send.
const HeadersFile = "_headers"

// headers lets hosts that read _headers cache the stylesheet, whose name
// changes with its content, for a year, and revalidate everything else.
func headers(s *site.Site, stylesheet string) []byte {
	return []byte(s.BasePath + stylesheet + "\n  Cache-Control: public, max-age=31536000, immutable\n\n" +
		s.BasePath + "*\n  X-Content-Type-Options: nosniff\n")
}
