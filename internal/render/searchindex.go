package render

import (
	"strings"
	"sync"

	"github.com/brief-ssg/brief/internal/parallel"
	"github.com/brief-ssg/brief/internal/search"
	"github.com/brief-ssg/brief/internal/site"
)

// SearchDir is the folder of the search page and of its index.
const SearchDir = "search/"

// IsLazy tells the paths of LazyFiles from the others.
func IsLazy(name string) bool {
	return IsSearchIndex(name) || name == DataBriefings || name == DataFigures || name == DataActors
}

// IsSearchIndex tells the files of the search index from the others.
func IsSearchIndex(name string) bool {
	return strings.HasPrefix(name, SearchDir) && name != SearchDir+"index.html"
}

// LazyFiles makes the search index and the data exports, path → bytes.
func LazyFiles(s *site.Site) map[string][]byte {
	files := map[string][]byte{}
	var mu sync.Mutex
	WriteLazy(s, search.Options{Emit: func(name string, data []byte, _ Input) {
		mu.Lock()
		files[name] = data
		mu.Unlock()
	}}, Input{})
	return files
}

// WriteLazy makes the search index and the data exports on every core and
// hands each file to out.Emit as soon as it is made, from several
// goroutines at once; out.Keep and out.Bodies, when set, spare remaking the
// parts of the search index that did not change (see search.Options), and
// the data exports when they were made from the same exports input (zero:
// unknown).
func WriteLazy(s *site.Site, out search.Options, exports Input) search.Stats {
	emit := func(name string, encode func(*site.Site) []byte) {
		var input Input
		if exports != (Input{}) {
			input = fingerprintOf(name, exports)
			if out.Keep != nil {
				if _, ok := out.Keep(name, input); ok {
					return
				}
			}
		}
		out.Emit(name, encode(s), input)
	}
	index := out
	index.Emit = func(name string, data []byte, input Input) { out.Emit(SearchDir+name, data, input) }
	if out.Keep != nil {
		index.Keep = func(name string, input Input) (int64, bool) { return out.Keep(SearchDir+name, input) }
	}
	var stats search.Stats
	// parallel.For carries a panic back to the caller, where the preview
	// server recovers it.
	parallel.For(4, func(_, i int) {
		switch i {
		case 0:
			stats = search.Write(searchDocs(s), index)
		case 1:
			emit(DataBriefings, briefingsJSON)
		case 2:
			emit(DataFigures, figuresCSV)
		case 3:
			emit(DataActors, actorsJSON)
		}
	})
	return stats
}

// fingerprintOf is the input of the file name made from input.
func fingerprintOf(name string, input Input) Input {
	h := newHasher()
	h.str(name)
	h.bytes(input[:])
	return h.sum()
}

// searchDocs returns the docs of the search index: every published
// briefing's title, summary, body text, actors with their aliases, tags,
// figure labels and date.
func searchDocs(s *site.Site) []search.Doc {
	docs := make([]search.Doc, len(s.Entries))
	parallel.For(len(s.Entries), func(_, i int) {
		e, d := s.Entries[i], &docs[i] // made in place: a Doc is large
		d.URL, d.Title, d.Date, d.Summary = e.URL, e.Title, e.Date.Format("2006-01-02"), e.Summary
		d.HTML, d.Sum, d.Actors, d.Tags = string(e.HTML), e.HTMLSum, names(e.Actors), names(e.Tags)
		for _, a := range e.Actors {
			if a.Actor != nil {
				d.Aliases = append(d.Aliases, a.Actor.Aliases...)
			}
		}
		if len(e.Figures) > 0 {
			d.Figures = make([]string, len(e.Figures))
			for k, f := range e.Figures {
				d.Figures[k] = f.Label
			}
		}
	})
	return docs
}
