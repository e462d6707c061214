package feed

import (
	"bytes"
	"strings"
	"testing"
	"time"

	"github.com/mmcdole/gofeed"
)

// readerTitles are titles a feed reader must show as written: markup,
// entities, emoji and right-to-left text.
var readerTitles = []string{
	`Tom & Jerry <b>not bold</b> "quoted" 'single'`,
	"Ends with ]]> and &amp; literally",
	"🇺🇦 talks 👍🏽 — “quoted”",
	"محادثات السلام في ميامي",
	"שיחות שלום בְּמִיָּאמִי",
}

// readerFeed is a feed of one item per reader title, newest first.
func readerFeed() Feed {
	f := Feed{Title: "Briefings & more", Description: "Dated <reports>", Language: "en", HomeURL: home}
	for i, title := range readerTitles {
		it := Item{
			URL:         home + "b/" + strings.Repeat("x", i+1) + "/",
			Title:       title,
			Summary:     "Summary of " + title,
			ContentHTML: `<p>` + strings.ReplaceAll(title, "&", "&amp;") + `</p><p><a href="https://example.org/">home</a></p>`,
			Published:   published.Add(-time.Duration(i) * 24 * time.Hour),
			Tags:        []string{"diplomacy", title},
			Authors:     []string{"Desk"},
		}
		it.ID = it.URL
		if i%2 == 0 {
			it.Updated = updated.Add(-time.Duration(i) * 24 * time.Hour)
		}
		f.Items = append(f.Items, it)
	}
	f.Updated = f.Items[0].Updated
	return f
}

// TestGofeedRoundTrip: a feed reader library reads back, from each of the
// three formats, the items in order with their titles, links and dates.
func TestGofeedRoundTrip(t *testing.T) {
	f := readerFeed()
	for _, tc := range []struct {
		name, wantType string
		doc            []byte
	}{
		{"RSS", "rss", RSS(f, self)},
		{"Atom", "atom", Atom(f, self)},
		{"JSON", "json", JSON(f, self)},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got, err := gofeed.NewParser().Parse(bytes.NewReader(tc.doc))
			if err != nil {
				t.Fatalf("gofeed cannot read it: %v\n%s", err, tc.doc)
			}
			eq(t, "feed type", got.FeedType, tc.wantType)
			eq(t, "feed title", got.Title, f.Title)
			eq(t, "feed link", got.Link, home)
			if len(got.Items) != len(f.Items) {
				t.Fatalf("%d items, want %d", len(got.Items), len(f.Items))
			}
			for i, it := range got.Items {
				checkReaderItem(t, tc.name, it, f.Items[i])
			}
		})
	}
}

// checkReaderItem compares one item as gofeed read it with what went in.
func checkReaderItem(t *testing.T, format string, got *gofeed.Item, want Item) {
	t.Helper()
	eq(t, "title", got.Title, want.Title)
	eq(t, "link", got.Link, want.URL)
	eq(t, "guid", got.GUID, want.ID)
	sameTime(t, "published", got.PublishedParsed, want.Published)
	wantUpdated := want.Updated
	if format == "Atom" {
		wantUpdated = itemUpdated(want) // Atom requires updated: Published stands in
	}
	sameTime(t, "updated", got.UpdatedParsed, wantUpdated)
	if !strings.Contains(got.Content+got.Description, `<a href="https://example.org/">home</a>`) {
		t.Errorf("%s: HTML body lost: content %q, description %q", want.Title, got.Content, got.Description)
	}
	if len(got.Categories) != len(want.Tags) || got.Categories[1] != want.Tags[1] {
		t.Errorf("categories = %q, want %q", got.Categories, want.Tags)
	}
}

// sameTime checks that a parsed date is the same instant as want, or
// absent when want is zero.
func sameTime(t *testing.T, what string, got *time.Time, want time.Time) {
	t.Helper()
	switch {
	case want.IsZero() && got != nil:
		t.Errorf("%s = %v, want none", what, *got)
	case !want.IsZero() && got == nil:
		t.Errorf("%s missing, want %v", what, want)
	case got != nil && !got.Equal(want):
		t.Errorf("%s = %v, want %v", what, *got, want)
	}
}
