package feed

import (
	"encoding/xml"
	"html"
)

const (
	nsAtom = "http://www.w3.org/2005/Atom"
	nsDC   = "http://purl.org/dc/elements/1.1/"
)

type rssDoc struct {
	XMLName xml.Name   `xml:"rss"`
	Version string     `xml:"version,attr"`
	NSAtom  string     `xml:"xmlns:atom,attr"`
	NSDC    string     `xml:"xmlns:dc,attr"`
	Channel rssChannel `xml:"channel"`
}

type rssChannel struct {
	Title         string    `xml:"title"`
	Link          string    `xml:"link"`
	Description   string    `xml:"description"`
	Language      string    `xml:"language,omitempty"`
	LastBuildDate string    `xml:"lastBuildDate,omitempty"`
	Self          rssLink   `xml:"atom:link"`
	Items         []rssItem `xml:"item"`
}

type rssLink struct {
	Href string `xml:"href,attr"`
	Rel  string `xml:"rel,attr"`
	Type string `xml:"type,attr"`
}

type rssItem struct {
	Title       string   `xml:"title"`
	Link        string   `xml:"link"`
	GUID        rssGUID  `xml:"guid"`
	Description string   `xml:"description"`
	PubDate     string   `xml:"pubDate,omitempty"`
	Updated     string   `xml:"atom:updated,omitempty"`
	Categories  []string `xml:"category"`
	Creators    []string `xml:"dc:creator"`
}

type rssGUID struct {
	IsPermaLink bool   `xml:"isPermaLink,attr"`
	ID          string `xml:",chardata"`
}

// RSS returns f as an RSS 2.0 document whose atom:link rel="self" points
// at selfURL. Each item's HTML goes, escaped (not CDATA), into its
// description; an item without HTML gets its summary there instead. Item
// updates, which RSS has no element for, go into atom:updated, and authors
// into dc:creator.
func RSS(f Feed, selfURL string) []byte {
	ch := rssChannel{
		Title:       clean(f.Title),
		Link:        clean(f.HomeURL),
		Description: clean(f.Description),
		Language:    clean(f.Language),
		Self:        rssLink{Href: clean(selfURL), Rel: "self", Type: "application/rss+xml"},
	}
	if ch.Description == "" {
		ch.Description = ch.Title // RSS 2.0 requires a description
	}
	if !f.Updated.IsZero() {
		ch.LastBuildDate = rfc1123z(f.Updated)
	}
	for _, it := range f.Items {
		ch.Items = append(ch.Items, rssEntry(it))
	}
	return marshalXML(rssDoc{Version: "2.0", NSAtom: nsAtom, NSDC: nsDC, Channel: ch})
}

// rssEntry converts one item.
func rssEntry(it Item) rssItem {
	r := rssItem{
		Title:       clean(it.Title),
		Link:        clean(it.URL),
		GUID:        rssGUID{IsPermaLink: itemID(it) == it.URL, ID: clean(itemID(it))},
		Description: clean(it.ContentHTML),
		Categories:  cleanAll(it.Tags),
		Creators:    cleanAll(it.Authors),
	}
	if r.Description == "" {
		r.Description = html.EscapeString(clean(it.Summary))
	}
	if !it.Published.IsZero() {
		r.PubDate = rfc1123z(it.Published)
	}
	if !it.Updated.IsZero() {
		r.Updated = rfc3339(it.Updated)
	}
	return r
}
