package feed

import (
	"bytes"
	"encoding/json"
)

// jsonFeedVersion is the version URL of JSON Feed 1.1.
const jsonFeedVersion = "https://jsonfeed.org/version/1.1"

type jsonFeed struct {
	Version     string     `json:"version"`
	Title       string     `json:"title"`
	HomePageURL string     `json:"home_page_url,omitempty"`
	FeedURL     string     `json:"feed_url,omitempty"`
	Description string     `json:"description,omitempty"`
	Language    string     `json:"language,omitempty"`
	Items       []jsonItem `json:"items"`
}

type jsonItem struct {
	ID            string       `json:"id"`
	URL           string       `json:"url,omitempty"`
	Title         string       `json:"title,omitempty"`
	Summary       string       `json:"summary,omitempty"`
	ContentHTML   string       `json:"content_html"`
	DatePublished string       `json:"date_published,omitempty"`
	DateModified  string       `json:"date_modified,omitempty"`
	Tags          []string     `json:"tags,omitempty"`
	Authors       []jsonAuthor `json:"authors,omitempty"`
}

type jsonAuthor struct {
	Name string `json:"name"`
}

// JSON returns f as a JSON Feed 1.1 document whose feed_url is selfURL,
// indented by two spaces. Every item has content_html, even when empty, as
// the format requires content_html or content_text; date_modified is set
// only for items that were updated.
func JSON(f Feed, selfURL string) []byte {
	jf := jsonFeed{
		Version:     jsonFeedVersion,
		Title:       clean(f.Title),
		HomePageURL: clean(f.HomeURL),
		FeedURL:     clean(selfURL),
		Description: clean(f.Description),
		Language:    clean(f.Language),
		Items:       make([]jsonItem, 0, len(f.Items)),
	}
	for _, it := range f.Items {
		jf.Items = append(jf.Items, jsonEntry(it))
	}
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	if err := enc.Encode(jf); err != nil {
		panic("feed: cannot encode JSON: " + err.Error())
	}
	return buf.Bytes()
}

// jsonEntry converts one item.
func jsonEntry(it Item) jsonItem {
	j := jsonItem{
		ID:          clean(itemID(it)),
		URL:         clean(it.URL),
		Title:       clean(it.Title),
		Summary:     clean(it.Summary),
		ContentHTML: clean(it.ContentHTML),
		Tags:        cleanAll(it.Tags),
	}
	if !it.Published.IsZero() {
		j.DatePublished = rfc3339(it.Published)
	}
	if !it.Updated.IsZero() {
		j.DateModified = rfc3339(it.Updated)
	}
	for _, name := range it.Authors {
		j.Authors = append(j.Authors, jsonAuthor{Name: clean(name)})
	}
	return j
}
