package render

import (
	"strings"

	"brief/internal/parallel"
	"brief/internal/search"
	"brief/internal/site"
)

// SearchDir is the folder of the search page and of its index.
const SearchDir = "search/"

// IsLazy tells the paths of LazyFiles from the others.
func IsLazy(name string) bool {
	return strings.HasPrefix(name, SearchDir) && name != SearchDir+"index.html" ||
		name == DataBriefings || name == DataFigures || name == DataActors
}

// LazyFiles makes the search index and the data exports, path → bytes.
func LazyFiles(s *site.Site) (map[string][]byte, search.Stats) {
	index, stats := SearchIndex(s)
	files := make(map[string][]byte, len(index)+3)
	for name, data := range index {
		files[SearchDir+name] = data
	}
	files[DataBriefings] = briefingsJSON(s)
	files[DataFigures] = figuresCSV(s)
	files[DataActors] = actorsJSON(s)
	return files, stats
}

// SearchIndex builds the index of every published briefing for the search
// page: titles, summaries, body text, actors with their aliases, tags,
// figure labels and dates.
func SearchIndex(s *site.Site) (map[string][]byte, search.Stats) {
	docs := make([]search.Doc, len(s.Entries))
	parallel.For(len(s.Entries), func(_, i int) {
		e := s.Entries[i]
		d := search.Doc{URL: e.URL, Title: e.Title, Date: e.Date.Format("2006-01-02"), Summary: e.Summary,
			Body: search.PlainText(string(e.HTML)), Actors: names(e.Actors), Tags: names(e.Tags)}
		for _, a := range e.Actors {
			if a.Actor != nil {
				d.Aliases = append(d.Aliases, a.Actor.Aliases...)
			}
		}
		for _, f := range e.Figures {
			d.Figures = append(d.Figures, f.Label)
		}
		docs[i] = d
	})
	return search.Build(docs)
}
