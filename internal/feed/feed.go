// Package feed writes the site's syndication and crawler files: RSS 2.0,
// Atom 1.0 and JSON Feed 1.1 feeds, sitemaps and robots.txt. It is pure:
// data in, bytes out, no clock and no I/O.
//
// Every piece of text that goes into a feed is cleaned first: invalid UTF-8
// becomes U+FFFD (one per run of bad bytes) and the characters that XML 1.0
// forbids (U+0000–U+0008, U+000B, U+000C, U+000E–U+001F, U+FFFE, U+FFFF) are
// removed. The same cleaning applies to all three feed formats, so a reader
// sees the same text whichever feed it follows.
//
// Dates are written in UTC from the time's own instant; the output depends
// only on the input, never on the machine's clock or time zone.
package feed

import (
	"encoding/xml"
	"strings"
	"time"
)

// Feed is one feed: the site's, or a tag's or an actor's.
type Feed struct {
	Title       string    // feed title (plain text)
	Description string    // plain text, may be empty
	Language    string    // "en"
	HomeURL     string    // absolute URL of the page the feed belongs to (site home, or a tag/actor page)
	Updated     time.Time // the newest item's updated-or-published time; zero when no items
	Items       []Item    // newest first, already limited by the caller
}

// Item is one entry of a feed: one briefing.
type Item struct {
	ID          string    // stable id: the permalink
	URL         string    // absolute permalink
	Title       string    // plain text
	Summary     string    // plain text
	ContentHTML string    // full HTML body, URLs already absolute
	Published   time.Time // when the item was first published
	Updated     time.Time // zero when never updated
	Tags        []string  // tag names, plain text
	Authors     []string  // may be empty

	rss []byte // the item as RSS writes it, once made by PrepareRSS
}

// PrepareRSS makes the item's RSS once, for a site whose many feeds carry
// the same items: RSS then copies it. Fields changed after it are not
// seen by RSS.
func (it *Item) PrepareRSS() {
	r := rssEntry(*it)
	it.rss = r.appendXML(make([]byte, 0, r.size()))
}

// xmlDecl starts every XML file this package writes.
const xmlDecl = `<?xml version="1.0" encoding="utf-8"?>` + "\n"

// appendEscaped escapes text as xml.EscapeText does, for the XML this
// package writes by hand (sitemaps, RSS); text is already cleaned.
func appendEscaped(b []byte, s string) []byte {
	last := 0
	for i := 0; i < len(s); i++ {
		var esc string
		switch s[i] {
		case '"':
			esc = "&#34;"
		case '\'':
			esc = "&#39;"
		case '&':
			esc = "&amp;"
		case '<':
			esc = "&lt;"
		case '>':
			esc = "&gt;"
		case '\t':
			esc = "&#x9;"
		case '\n':
			esc = "&#xA;"
		case '\r':
			esc = "&#xD;"
		default:
			continue
		}
		b = append(append(b, s[last:i]...), esc...)
		last = i + 1
	}
	return append(b, s[last:]...)
}

// clean returns s as it appears in every feed: invalid UTF-8 replaced by
// U+FFFD and the characters XML 1.0 forbids removed.
func clean(s string) string {
	return strings.Map(xmlChar, strings.ToValidUTF8(s, "\uFFFD"))
}

// xmlChar keeps r when XML 1.0 allows it (production [2] Char) and drops it
// (returns -1) otherwise.
func xmlChar(r rune) rune {
	switch {
	case r == '\t' || r == '\n' || r == '\r':
	case r >= 0x20 && r <= 0xD7FF:
	case r >= 0xE000 && r <= 0xFFFD:
	case r >= 0x10000 && r <= 0x10FFFF:
	default:
		return -1
	}
	return r
}

// cleanAll applies clean to every string of ss, keeping nil as nil.
func cleanAll(ss []string) []string {
	if ss == nil {
		return nil
	}
	out := make([]string, len(ss))
	for i, s := range ss {
		out[i] = clean(s)
	}
	return out
}

// rfc3339 formats t in UTC as an RFC 3339 date-time.
func rfc3339(t time.Time) string {
	return t.UTC().Format(time.RFC3339)
}

// rfc1123z formats t in UTC as RSS wants it (RFC 822 with a four-digit year).
func rfc1123z(t time.Time) string {
	return t.UTC().Format(time.RFC1123Z)
}

// itemUpdated is the item's last change: Updated, or Published when it was
// never updated.
func itemUpdated(it Item) time.Time {
	if it.Updated.IsZero() {
		return it.Published
	}
	return it.Updated
}

// itemID is the item's stable id, falling back to its URL.
func itemID(it Item) string {
	if it.ID == "" {
		return it.URL
	}
	return it.ID
}

// marshalXML encodes v, indented, after the XML declaration. The types given
// to it are this package's own, which always encode, so an error is a bug.
func marshalXML(v any) []byte {
	b, err := xml.MarshalIndent(v, "", "  ")
	if err != nil {
		panic("feed: cannot encode XML: " + err.Error())
	}
	out := make([]byte, 0, len(xmlDecl)+len(b)+1)
	out = append(out, xmlDecl...)
	out = append(out, b...)
	return append(out, '\n')
}
