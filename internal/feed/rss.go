package feed

import "html"

const (
	nsAtom = "http://www.w3.org/2005/Atom"
	nsDC   = "http://purl.org/dc/elements/1.1/"
)

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

	prepared []byte // the whole item's XML (Item.PrepareRSS), used instead of the fields
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
func RSS(f Feed, selfURL string) []byte { return AppendRSS(nil, f, selfURL) }

// AppendRSS appends RSS(f, selfURL) to b, so that a buffer can be reused
// from feed to feed.
func AppendRSS(b []byte, f Feed, selfURL string) []byte {
	return rssChannelOf(f, selfURL).appendXML(b)
}

// rssChannelOf makes the channel of an RSS document.
func rssChannelOf(f Feed, selfURL string) *rssChannel {
	ch := &rssChannel{
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
		if it.rss != nil {
			ch.Items = append(ch.Items, rssItem{prepared: it.rss})
			continue
		}
		ch.Items = append(ch.Items, rssEntry(it))
	}
	return ch
}

// appendXML writes the RSS document of ch with the bytes encoding/xml
// would give (the struct tags say how), several times faster: every tag
// and actor has a feed.
func (ch *rssChannel) appendXML(b []byte) []byte {
	n := len(xmlDecl) + 512 + 2*(len(ch.Title)+len(ch.Link)+len(ch.Description)+len(ch.Language)+len(ch.LastBuildDate)+len(ch.Self.Href))
	for i := range ch.Items {
		n += ch.Items[i].size()
	}
	if cap(b)-len(b) < n {
		b = append(make([]byte, 0, len(b)+n), b...)
	}
	b = append(b, xmlDecl...)
	b = append(b, `<rss version="2.0" xmlns:atom="`+nsAtom+`" xmlns:dc="`+nsDC+`">`+"\n  <channel>"...)
	b = appendElement(b, "\n    ", "title", ch.Title)
	b = appendElement(b, "\n    ", "link", ch.Link)
	b = appendElement(b, "\n    ", "description", ch.Description)
	if ch.Language != "" {
		b = appendElement(b, "\n    ", "language", ch.Language)
	}
	if ch.LastBuildDate != "" {
		b = appendElement(b, "\n    ", "lastBuildDate", ch.LastBuildDate)
	}
	b = append(b, "\n    <atom:link href=\""...)
	b = appendEscaped(b, ch.Self.Href)
	b = append(b, `" rel="`...)
	b = appendEscaped(b, ch.Self.Rel)
	b = append(b, `" type="`...)
	b = appendEscaped(b, ch.Self.Type)
	b = append(b, `"></atom:link>`...)
	for i := range ch.Items {
		b = ch.Items[i].appendXML(b)
	}
	return append(b, "\n  </channel>\n</rss>\n"...)
}

// size is about the bytes of the item's XML, with room for escapes.
func (it *rssItem) size() int {
	if it.prepared != nil {
		return len(it.prepared)
	}
	n := 256 + len(it.Title) + len(it.Link) + len(it.GUID.ID) + len(it.Description)*3/2
	for _, l := range [][]string{it.Categories, it.Creators} {
		for _, s := range l {
			n += 32 + len(s)
		}
	}
	return n
}

// appendXML writes one item of an RSS document.
func (it *rssItem) appendXML(b []byte) []byte {
	if it.prepared != nil {
		return append(b, it.prepared...)
	}
	b = append(b, "\n    <item>"...)
	b = appendElement(b, "\n      ", "title", it.Title)
	b = appendElement(b, "\n      ", "link", it.Link)
	b = append(b, "\n      <guid isPermaLink=\""...)
	if it.GUID.IsPermaLink {
		b = append(b, "true"...)
	} else {
		b = append(b, "false"...)
	}
	b = append(b, `">`...)
	b = appendEscaped(b, it.GUID.ID)
	b = append(b, "</guid>"...)
	b = appendElement(b, "\n      ", "description", it.Description)
	if it.PubDate != "" {
		b = appendElement(b, "\n      ", "pubDate", it.PubDate)
	}
	if it.Updated != "" {
		b = appendElement(b, "\n      ", "atom:updated", it.Updated)
	}
	for _, c := range it.Categories {
		b = appendElement(b, "\n      ", "category", c)
	}
	for _, c := range it.Creators {
		b = appendElement(b, "\n      ", "dc:creator", c)
	}
	b = append(b, "\n    </item>"...)
	return b
}

// appendElement writes <name>text</name> on a new line indented by indent.
func appendElement(b []byte, indent, name, text string) []byte {
	b = append(b, indent...)
	b = append(b, '<')
	b = append(b, name...)
	b = append(b, '>')
	b = appendEscaped(b, text)
	b = append(b, "</"...)
	b = append(b, name...)
	return append(b, '>')
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
