package feed

import (
	"bytes"
	"encoding/json"
	"encoding/xml"
	"errors"
	"html"
	"io"
	"strings"
	"testing"
	"time"
)

// hostile is text that has broken feeds before: markup, entities, the end
// of a CDATA section, emoji, right-to-left scripts, bidi controls, the
// characters XML 1.0 forbids and invalid UTF-8. want is the text a reader
// must get back: the input less the forbidden characters, with U+FFFD for
// each run of invalid bytes.
var hostile = []struct{ name, in, want string }{
	{"plain", "Peace talks resume", "Peace talks resume"},
	{"empty", "", ""},
	{"markup", `Tom & Jerry <b>bold</b> "double" 'single' a<b>c`, `Tom & Jerry <b>bold</b> "double" 'single' a<b>c`},
	{"cdata end", "x ]]> y ]]]]>> <![CDATA[ z ]]>", "x ]]> y ]]]]>> <![CDATA[ z ]]>"},
	{"entities", "&amp; &lt; &#0; &#x1F; &nbsp; &bogus;", "&amp; &lt; &#0; &#x1F; &nbsp; &bogus;"},
	{"emoji", "🇺🇦 talks 👍🏽 — “quoted” ✓ 𝕏", "🇺🇦 talks 👍🏽 — “quoted” ✓ 𝕏"},
	{"arabic", "محادثات السلام في ميامي", "محادثات السلام في ميامي"},
	{"hebrew", "שיחות שלום (2025) בְּמִיָּאמִי", "שיחות שלום (2025) בְּמִיָּאמִי"},
	{"bidi controls", "a\u202egnp.exe\u202c \u200fRLM\u200e \u2066isolate\u2069", "a\u202egnp.exe\u202c \u200fRLM\u200e \u2066isolate\u2069"},
	{"control chars", "a\x00b\x01c\x08d\x0be\x0cf\x0eg\x1fh\x7fi", "abcdefgh\x7fi"},
	{"nonchars", "x\uFFFEy\uFFFFz\uFFFD\uFDD0\U0010FFFF", "xyz\uFFFD\uFDD0\U0010FFFF"},
	{"invalid utf8", "bad \xff\xfe bytes \xc3 end \xed\xa0\x80", "bad \uFFFD bytes \uFFFD end \uFFFD"},
	{"whitespace", "  lead\ttab\r\nCRLF\rCR\n  trail  ", "  lead\ttab\r\nCRLF\rCR\n  trail  "},
	{"only forbidden", "\x00\x01\x02", ""},
}

// Fixed instants in zones other than UTC, so that a writer that prints the
// wall clock instead of the instant is caught.
var (
	kyiv      = time.FixedZone("EET", 2*60*60)
	nyc       = time.FixedZone("EST", -5*60*60)
	published = time.Date(2025, 12, 6, 9, 30, 0, 0, kyiv)  // 07:30 UTC
	updated   = time.Date(2025, 12, 7, 20, 15, 5, 0, nyc)  // 2025-12-08 01:15:05 UTC
	older     = time.Date(2025, 11, 30, 23, 0, 0, 0, kyiv) // 21:00 UTC
)

const (
	home = "https://example.org/"
	self = "https://example.org/feed.xml"
)

// hostileFeed puts text into every text field of a two-item feed. The first
// item has everything; the second has no HTML, no update, no tags and no
// authors.
func hostileFeed(text string) Feed {
	return Feed{
		Title:       "Feed " + text,
		Description: "About " + text,
		Language:    "en",
		HomeURL:     home,
		Updated:     updated,
		Items: []Item{{
			ID:          home + "2025/12/06/talks/",
			URL:         home + "2025/12/06/talks/",
			Title:       text,
			Summary:     "Summary " + text,
			ContentHTML: "<p>" + html.EscapeString(text) + "</p>" + text,
			Published:   published,
			Updated:     updated,
			Tags:        []string{text, "diplomacy"},
			Authors:     []string{text, "Desk"},
		}, {
			ID:        home + "2025/11/30/older/",
			URL:       home + "2025/11/30/older/",
			Title:     "Older " + text,
			Summary:   "Only a summary " + text,
			Published: older,
		}},
	}
}

// wellFormed reads b to the end with a strict encoding/xml decoder and
// fails unless it is one XML document with one root element.
func wellFormed(b []byte) error {
	d := xml.NewDecoder(bytes.NewReader(b))
	d.Strict = true
	depth, roots := 0, 0
	for {
		tok, err := d.Token()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return err
		}
		switch tok.(type) {
		case xml.StartElement:
			if depth == 0 {
				roots++
			}
			depth++
		case xml.EndElement:
			depth--
		}
	}
	if roots != 1 || depth != 0 {
		return errors.New("not exactly one balanced root element")
	}
	return nil
}

// decodeXML checks that b is well-formed and decodes it into v.
func decodeXML(t *testing.T, b []byte, v any) {
	t.Helper()
	if !bytes.HasPrefix(b, []byte(`<?xml version="1.0" encoding="utf-8"?>`+"\n")) {
		t.Fatalf("no XML declaration:\n%.200s", b)
	}
	if err := wellFormed(b); err != nil {
		t.Fatalf("not well-formed XML: %v\n%s", err, b)
	}
	d := xml.NewDecoder(bytes.NewReader(b))
	d.Strict = true
	if err := d.Decode(v); err != nil {
		t.Fatalf("decode: %v\n%s", err, b)
	}
}

type rssOut struct {
	XMLName xml.Name `xml:"rss"`
	Version string   `xml:"version,attr"`
	Channel struct {
		// Self comes before Link: encoding/xml gives an element to the
		// first field that matches, and "link" matches atom:link too.
		Self []struct {
			Href string `xml:"href,attr"`
			Rel  string `xml:"rel,attr"`
			Type string `xml:"type,attr"`
		} `xml:"http://www.w3.org/2005/Atom link"`
		Title         string `xml:"title"`
		Link          string `xml:"link"`
		Description   string `xml:"description"`
		Language      string `xml:"language"`
		LastBuildDate string `xml:"lastBuildDate"`
		Items         []struct {
			Title       string `xml:"title"`
			Link        string `xml:"link"`
			Description string `xml:"description"`
			PubDate     string `xml:"pubDate"`
			GUID        struct {
				IsPermaLink string `xml:"isPermaLink,attr"`
				ID          string `xml:",chardata"`
			} `xml:"guid"`
			Updated    string   `xml:"http://www.w3.org/2005/Atom updated"`
			Categories []string `xml:"category"`
			Creators   []string `xml:"http://purl.org/dc/elements/1.1/ creator"`
		} `xml:"item"`
	} `xml:"channel"`
}

type atomOut struct {
	XMLName  xml.Name `xml:"http://www.w3.org/2005/Atom feed"`
	Lang     string   `xml:"http://www.w3.org/XML/1998/namespace lang,attr"`
	ID       string   `xml:"id"`
	Title    string   `xml:"title"`
	Subtitle string   `xml:"subtitle"`
	Updated  string   `xml:"updated"`
	Links    []struct {
		Href string `xml:"href,attr"`
		Rel  string `xml:"rel,attr"`
		Type string `xml:"type,attr"`
	} `xml:"link"`
	Authors []struct {
		Name string `xml:"name"`
	} `xml:"author"`
	Entries []struct {
		ID    string `xml:"id"`
		Title string `xml:"title"`
		Links []struct {
			Href string `xml:"href,attr"`
			Rel  string `xml:"rel,attr"`
		} `xml:"link"`
		Published string `xml:"published"`
		Updated   string `xml:"updated"`
		Summary   string `xml:"summary"`
		Content   struct {
			Type string `xml:"type,attr"`
			Text string `xml:",chardata"`
		} `xml:"content"`
		Categories []struct {
			Term string `xml:"term,attr"`
		} `xml:"category"`
		Authors []struct {
			Name string `xml:"name"`
		} `xml:"author"`
	} `xml:"entry"`
}

type jsonOut struct {
	Version     *string `json:"version"`
	Title       *string `json:"title"`
	HomePageURL string  `json:"home_page_url"`
	FeedURL     string  `json:"feed_url"`
	Description string  `json:"description"`
	Language    string  `json:"language"`
	Items       []struct {
		ID            *string  `json:"id"`
		URL           string   `json:"url"`
		Title         string   `json:"title"`
		Summary       string   `json:"summary"`
		ContentHTML   *string  `json:"content_html"`
		DatePublished string   `json:"date_published"`
		DateModified  *string  `json:"date_modified"`
		Tags          []string `json:"tags"`
		Authors       []struct {
			Name string `json:"name"`
		} `json:"authors"`
	} `json:"items"`
}

func decodeJSON(t *testing.T, b []byte) jsonOut {
	t.Helper()
	var out jsonOut
	d := json.NewDecoder(bytes.NewReader(b))
	d.DisallowUnknownFields()
	if err := d.Decode(&out); err != nil {
		t.Fatalf("not valid JSON Feed: %v\n%s", err, b)
	}
	return out
}

func eq(t *testing.T, what, got, want string) {
	t.Helper()
	if got != want {
		t.Errorf("%s = %q, want %q", what, got, want)
	}
}

func eqList(t *testing.T, what string, got, want []string) {
	t.Helper()
	if strings.Join(got, "\x00|") != strings.Join(want, "\x00|") || len(got) != len(want) {
		t.Errorf("%s = %q, want %q", what, got, want)
	}
}

func TestRSSHostile(t *testing.T) {
	for _, tc := range hostile {
		t.Run(tc.name, func(t *testing.T) {
			var out rssOut
			decodeXML(t, RSS(hostileFeed(tc.in), self), &out)
			ch := out.Channel
			eq(t, "version", out.Version, "2.0")
			eq(t, "channel title", ch.Title, "Feed "+tc.want)
			eq(t, "channel description", ch.Description, "About "+tc.want)
			eq(t, "channel link", ch.Link, home)
			eq(t, "language", ch.Language, "en")
			if len(ch.Self) != 1 || ch.Self[0].Href != self || ch.Self[0].Rel != "self" || ch.Self[0].Type != "application/rss+xml" {
				t.Errorf("atom:link = %+v", ch.Self)
			}
			if len(ch.Items) != 2 {
				t.Fatalf("%d items, want 2", len(ch.Items))
			}
			it := ch.Items[0]
			eq(t, "title", it.Title, tc.want)
			eq(t, "description", it.Description, "<p>"+html.EscapeString(tc.want)+"</p>"+tc.want)
			eq(t, "link", it.Link, home+"2025/12/06/talks/")
			eq(t, "guid", it.GUID.ID, home+"2025/12/06/talks/")
			eq(t, "guid isPermaLink", it.GUID.IsPermaLink, "true")
			eqList(t, "categories", it.Categories, []string{tc.want, "diplomacy"})
			eqList(t, "dc:creator", it.Creators, []string{tc.want, "Desk"})
			eq(t, "second title", ch.Items[1].Title, "Older "+tc.want)
			eq(t, "second description (the summary as HTML)", ch.Items[1].Description, html.EscapeString("Only a summary "+tc.want))
		})
	}
}

func TestAtomHostile(t *testing.T) {
	for _, tc := range hostile {
		t.Run(tc.name, func(t *testing.T) {
			var out atomOut
			decodeXML(t, Atom(hostileFeed(tc.in), self), &out)
			eq(t, "feed title", out.Title, "Feed "+tc.want)
			eq(t, "subtitle", out.Subtitle, "About "+tc.want)
			eq(t, "id", out.ID, home)
			eq(t, "xml:lang", out.Lang, "en")
			if len(out.Authors) != 1 || out.Authors[0].Name != "Feed "+tc.want {
				t.Errorf("feed authors = %+v, want the feed title", out.Authors)
			}
			if len(out.Entries) != 2 {
				t.Fatalf("%d entries, want 2", len(out.Entries))
			}
			e := out.Entries[0]
			eq(t, "title", e.Title, tc.want)
			eq(t, "summary", e.Summary, "Summary "+tc.want)
			eq(t, "content type", e.Content.Type, "html")
			eq(t, "content", e.Content.Text, "<p>"+html.EscapeString(tc.want)+"</p>"+tc.want)
			eq(t, "id", e.ID, home+"2025/12/06/talks/")
			if len(e.Categories) != 2 || e.Categories[0].Term != tc.want || e.Categories[1].Term != "diplomacy" {
				t.Errorf("categories = %+v", e.Categories)
			}
			if len(e.Authors) != 2 || e.Authors[0].Name != tc.want || e.Authors[1].Name != "Desk" {
				t.Errorf("authors = %+v", e.Authors)
			}
			eq(t, "second title", out.Entries[1].Title, "Older "+tc.want)
		})
	}
}

func TestJSONHostile(t *testing.T) {
	for _, tc := range hostile {
		t.Run(tc.name, func(t *testing.T) {
			out := decodeJSON(t, JSON(hostileFeed(tc.in), self))
			if out.Version == nil || *out.Version != "https://jsonfeed.org/version/1.1" {
				t.Errorf("version = %v", out.Version)
			}
			if out.Title == nil || *out.Title != "Feed "+tc.want {
				t.Errorf("title = %v, want %q", out.Title, "Feed "+tc.want)
			}
			eq(t, "home_page_url", out.HomePageURL, home)
			eq(t, "feed_url", out.FeedURL, self)
			eq(t, "description", out.Description, "About "+tc.want)
			eq(t, "language", out.Language, "en")
			if len(out.Items) != 2 {
				t.Fatalf("%d items, want 2", len(out.Items))
			}
			for i, it := range out.Items {
				if it.ID == nil || *it.ID == "" || it.ContentHTML == nil {
					t.Errorf("item %d lacks id or content_html: %+v", i, it)
				}
			}
			it := out.Items[0]
			eq(t, "title", it.Title, tc.want)
			eq(t, "summary", it.Summary, "Summary "+tc.want)
			eq(t, "content_html", *it.ContentHTML, "<p>"+html.EscapeString(tc.want)+"</p>"+tc.want)
			eq(t, "url", it.URL, home+"2025/12/06/talks/")
			eqList(t, "tags", it.Tags, []string{tc.want, "diplomacy"})
			if len(it.Authors) != 2 || it.Authors[0].Name != tc.want || it.Authors[1].Name != "Desk" {
				t.Errorf("authors = %+v", it.Authors)
			}
		})
	}
}

// TestNoCDATA: HTML goes in escaped, so "]]>" in a body can never end a
// CDATA section early.
func TestNoCDATA(t *testing.T) {
	f := hostileFeed("]]><script>alert(1)</script>")
	for name, b := range map[string][]byte{"RSS": RSS(f, self), "Atom": Atom(f, self)} {
		if bytes.Contains(b, []byte("<![CDATA[")) {
			t.Errorf("%s uses CDATA", name)
		}
		if bytes.Contains(b, []byte("<script>")) {
			t.Errorf("%s has unescaped markup from the body", name)
		}
	}
}

func TestDates(t *testing.T) {
	f := hostileFeed("x")

	var r rssOut
	decodeXML(t, RSS(f, self), &r)
	eq(t, "lastBuildDate", r.Channel.LastBuildDate, "Mon, 08 Dec 2025 01:15:05 +0000")
	eq(t, "pubDate", r.Channel.Items[0].PubDate, "Sat, 06 Dec 2025 07:30:00 +0000")
	eq(t, "atom:updated", r.Channel.Items[0].Updated, "2025-12-08T01:15:05Z")
	eq(t, "second pubDate", r.Channel.Items[1].PubDate, "Sun, 30 Nov 2025 21:00:00 +0000")
	eq(t, "second atom:updated (never updated)", r.Channel.Items[1].Updated, "")

	var a atomOut
	decodeXML(t, Atom(f, self), &a)
	eq(t, "feed updated", a.Updated, "2025-12-08T01:15:05Z")
	eq(t, "published", a.Entries[0].Published, "2025-12-06T07:30:00Z")
	eq(t, "updated", a.Entries[0].Updated, "2025-12-08T01:15:05Z")
	eq(t, "second updated (= published)", a.Entries[1].Updated, "2025-11-30T21:00:00Z")

	j := decodeJSON(t, JSON(f, self))
	eq(t, "date_published", j.Items[0].DatePublished, "2025-12-06T07:30:00Z")
	if j.Items[0].DateModified == nil || *j.Items[0].DateModified != "2025-12-08T01:15:05Z" {
		t.Errorf("date_modified = %v", j.Items[0].DateModified)
	}
	if j.Items[1].DateModified != nil {
		t.Errorf("never-updated item has date_modified %q", *j.Items[1].DateModified)
	}
}

// TestDeterministic: the same input gives the same bytes, and the same
// instants in other zones do too (no wall clock, no local zone).
func TestDeterministic(t *testing.T) {
	f := hostileFeed("Tom & Jerry 🇺🇦")
	g := hostileFeed("Tom & Jerry 🇺🇦")
	g.Updated = g.Updated.In(time.UTC)
	g.Items[0].Published = g.Items[0].Published.In(nyc)
	g.Items[0].Updated = g.Items[0].Updated.In(kyiv)
	g.Items[1].Published = g.Items[1].Published.In(time.Local)
	for name, write := range map[string]func(Feed, string) []byte{"RSS": RSS, "Atom": Atom, "JSON": JSON} {
		a, b, c := write(f, self), write(f, self), write(g, self)
		if !bytes.Equal(a, b) {
			t.Errorf("%s: two runs differ", name)
		}
		if !bytes.Equal(a, c) {
			t.Errorf("%s: the same instants in other zones give other bytes:\n%s\n---\n%s", name, a, c)
		}
	}
}

func TestEmptyFeed(t *testing.T) {
	f := Feed{Title: "Empty", Language: "en", HomeURL: home}

	var r rssOut
	decodeXML(t, RSS(f, self), &r)
	eq(t, "lastBuildDate", r.Channel.LastBuildDate, "")
	eq(t, "description (falls back to the title)", r.Channel.Description, "Empty")
	if len(r.Channel.Items) != 0 {
		t.Errorf("RSS has %d items", len(r.Channel.Items))
	}

	var a atomOut
	decodeXML(t, Atom(f, self), &a)
	eq(t, "updated", a.Updated, "0001-01-01T00:00:00Z")
	if bytes.Contains(Atom(f, self), []byte("<subtitle")) {
		t.Error("empty description gives a subtitle")
	}

	b := JSON(f, self)
	if !bytes.Contains(b, []byte(`"items": []`)) {
		t.Errorf("JSON items are not an empty array:\n%s", b)
	}
	if bytes.Contains(b, []byte(`"description"`)) {
		t.Errorf("JSON has an empty description:\n%s", b)
	}
}

// TestAtomRules checks the two rules of RFC 4287 that its RELAX NG grammar
// only states as Schematron, which xmllint does not run: the feed has an
// author (so entries without one are fine), and every entry has a link
// with rel="alternate".
func TestAtomRules(t *testing.T) {
	var a atomOut
	decodeXML(t, Atom(hostileFeed("x"), self), &a)
	if len(a.Authors) == 0 {
		t.Error("feed has no author")
	}
	for i, e := range a.Entries {
		ok := false
		for _, l := range e.Links {
			ok = ok || (l.Rel == "alternate" && l.Href != "")
		}
		if !ok {
			t.Errorf("entry %d has no alternate link: %+v", i, e.Links)
		}
	}
	links := map[string]string{}
	for _, l := range a.Links {
		links[l.Rel] = l.Href + " " + l.Type
	}
	eq(t, "self link", links["self"], self+" application/atom+xml")
	eq(t, "alternate link", links["alternate"], home+" text/html")
}

// TestGUIDNotPermalink: an id that is not the URL is not claimed to be one.
func TestGUIDNotPermalink(t *testing.T) {
	f := hostileFeed("x")
	f.Items[0].ID = "tag:example.org,2025:talks"
	var r rssOut
	decodeXML(t, RSS(f, self), &r)
	eq(t, "guid", r.Channel.Items[0].GUID.ID, "tag:example.org,2025:talks")
	eq(t, "isPermaLink", r.Channel.Items[0].GUID.IsPermaLink, "false")
}

func TestClean(t *testing.T) {
	for _, tc := range hostile {
		eq(t, tc.name, clean(tc.in), tc.want)
	}
	// Every character XML 1.0 forbids below U+0020 goes; tab, LF, CR stay.
	for r := rune(0); r < 0x20; r++ {
		got := clean(string(r))
		keep := r == '\t' || r == '\n' || r == '\r'
		if (got != "") != keep {
			t.Errorf("clean(%U) = %q", r, got)
		}
	}
}

func TestRobots(t *testing.T) {
	eq(t, "robots", string(Robots("https://example.org/sitemap.xml")),
		"User-agent: *\nAllow: /\n\nSitemap: https://example.org/sitemap.xml\n")
	eq(t, "robots with a line break", string(Robots("https://example.org/s.xml\nDisallow: /")),
		"User-agent: *\nAllow: /\n\nSitemap: https://example.org/s.xmlDisallow: /\n")
}

// TestAppendRSS: the RSS document is appended after what the buffer
// holds, the same bytes as RSS, whether the buffer is empty, full or
// large enough already.
func TestAppendRSS(t *testing.T) {
	f := hostileFeed("<b>&amp;</b> \"quoted\"")
	want := RSS(f, home+"index.xml")
	for _, b := range [][]byte{nil, []byte("kept"), make([]byte, 3, 1<<20)} {
		got := AppendRSS(b, f, home+"index.xml")
		if !bytes.Equal(got[:len(b)], b) || !bytes.Equal(got[len(b):], want) {
			t.Errorf("after %q: %q", b, got)
		}
	}
}
