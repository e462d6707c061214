package feed

import (
	"encoding/json"
	"html"
	"testing"
	"unicode/utf8"
)

// FuzzFeeds: whatever the title and body, RSS and Atom are well-formed XML
// that give the cleaned text back, and JSON Feed is valid JSON.
func FuzzFeeds(f *testing.F) {
	for _, tc := range hostile {
		f.Add(tc.in, "<p>"+tc.in+"</p>")
	}
	f.Add("]]>", "<![CDATA[ ]]> ]]>")
	f.Fuzz(func(t *testing.T, title, body string) {
		feed := hostileFeed("x")
		feed.Title = title
		feed.Items[0].Title = title
		feed.Items[0].ContentHTML = body

		wantDesc := clean(body)
		if wantDesc == "" { // RSS falls back to the summary, as HTML
			wantDesc = html.EscapeString(clean(feed.Items[0].Summary))
		}
		var r rssOut
		decodeXML(t, RSS(feed, self), &r)
		if r.Channel.Items[0].Title != clean(title) || r.Channel.Items[0].Description != wantDesc {
			t.Fatalf("RSS gives back %q / %q", r.Channel.Items[0].Title, r.Channel.Items[0].Description)
		}
		var a atomOut
		decodeXML(t, Atom(feed, self), &a)
		if a.Entries[0].Title != clean(title) || a.Entries[0].Content.Text != clean(body) {
			t.Fatalf("Atom gives back %q / %q", a.Entries[0].Title, a.Entries[0].Content.Text)
		}
		j := JSON(feed, self)
		if !json.Valid(j) || !utf8.Valid(j) {
			t.Fatalf("JSON Feed is not valid JSON:\n%s", j)
		}
		if out := decodeJSON(t, j); out.Items[0].Title != clean(title) || *out.Items[0].ContentHTML != clean(body) {
			t.Fatalf("JSON gives back %q / %q", out.Items[0].Title, *out.Items[0].ContentHTML)
		}
	})
}
