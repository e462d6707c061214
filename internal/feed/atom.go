package feed

import "encoding/xml"

type atomFeed struct {
	XMLName  xml.Name    `xml:"http://www.w3.org/2005/Atom feed"`
	Lang     string      `xml:"xml:lang,attr,omitempty"`
	ID       string      `xml:"id"`
	Title    string      `xml:"title"`
	Subtitle string      `xml:"subtitle,omitempty"`
	Links    []atomLink  `xml:"link"`
	Updated  string      `xml:"updated"`
	Author   atomPerson  `xml:"author"`
	Entries  []atomEntry `xml:"entry"`
}

type atomLink struct {
	Href string `xml:"href,attr"`
	Rel  string `xml:"rel,attr"`
	Type string `xml:"type,attr"`
}

type atomPerson struct {
	Name string `xml:"name"`
}

type atomEntry struct {
	ID         string         `xml:"id"`
	Title      string         `xml:"title"`
	Link       atomLink       `xml:"link"`
	Published  string         `xml:"published,omitempty"`
	Updated    string         `xml:"updated"`
	Authors    []atomPerson   `xml:"author"`
	Summary    string         `xml:"summary,omitempty"`
	Content    atomContent    `xml:"content"`
	Categories []atomCategory `xml:"category"`
}

type atomContent struct {
	Type string `xml:"type,attr"`
	HTML string `xml:",chardata"`
}

type atomCategory struct {
	Term string `xml:"term,attr"`
}

// Atom returns f as an Atom 1.0 (RFC 4287) document whose id is f.HomeURL
// and whose link rel="self" points at selfURL. The feed's author is its
// title, so that the feed is valid even when items have no authors. An
// item's updated is its Updated, or its Published when never updated. With
// no items, f.Updated is zero and the feed's updated is
// 0001-01-01T00:00:00Z: Atom requires the element and this package reads no
// clock.
func Atom(f Feed, selfURL string) []byte {
	a := atomFeed{
		Lang:     clean(f.Language),
		ID:       clean(f.HomeURL),
		Title:    clean(f.Title),
		Subtitle: clean(f.Description),
		Links: []atomLink{
			{Href: clean(selfURL), Rel: "self", Type: "application/atom+xml"},
			{Href: clean(f.HomeURL), Rel: "alternate", Type: "text/html"},
		},
		Updated: rfc3339(f.Updated),
		Author:  atomPerson{Name: clean(f.Title)},
	}
	for _, it := range f.Items {
		a.Entries = append(a.Entries, atomItem(it))
	}
	return marshalXML(a)
}

// atomItem converts one item.
func atomItem(it Item) atomEntry {
	e := atomEntry{
		ID:      clean(itemID(it)),
		Title:   clean(it.Title),
		Link:    atomLink{Href: clean(it.URL), Rel: "alternate", Type: "text/html"},
		Updated: rfc3339(itemUpdated(it)),
		Summary: clean(it.Summary),
		Content: atomContent{Type: "html", HTML: clean(it.ContentHTML)},
	}
	if !it.Published.IsZero() {
		e.Published = rfc3339(it.Published)
	}
	for _, name := range it.Authors {
		e.Authors = append(e.Authors, atomPerson{Name: clean(name)})
	}
	for _, tag := range it.Tags {
		e.Categories = append(e.Categories, atomCategory{Term: clean(tag)})
	}
	return e
}
