package server

import (
	"bytes"
	"path"
	"sort"
	"strings"
	"sync"

	"github.com/brief-ssg/brief/internal/diag"
	"github.com/brief-ssg/brief/internal/render"
	"github.com/brief-ssg/brief/internal/site"
)

// file is one built file with the fingerprint of what it was made from.
type file struct {
	data  []byte
	input render.Input
}

// snapshot is one finished build as the server serves it. It never changes
// once published; a rebuild makes a new one.
type snapshot struct {
	version string          // changes with every build; pages carry it to the browser
	files   map[string]file // output path → file, from the last good build
	diags   diag.List       // the problems of the latest build, good or not
	failed  bool            // the latest build failed; files are older
	overlay []byte          // the errors and warnings shown on every page; nil for none
	inPlace bool            // the last site was updated for edited bodies

	// The search index and the data exports are made when first asked
	// for, not on every rebuild, from the site under its lock: a later
	// build may update that site in place.
	site     *site.Site
	siteLock sync.Locker
	lazy     struct {
		once  sync.Once
		files map[string][]byte
	}
}

// lazyFile returns a file of the search index or the data exports, making
// them on first use.
func (s *snapshot) lazyFile(name string) ([]byte, bool) {
	if s.site == nil || !render.IsLazy(name) {
		return nil, false
	}
	s.lazy.once.Do(func() {
		s.siteLock.Lock()
		defer s.siteLock.Unlock()
		s.lazy.files = render.LazyFiles(s.site)
	})
	b, ok := s.lazy.files[name]
	return b, ok
}

// sink collects a build in memory. It keeps the pages of the previous
// build whose inputs did not change, so a rebuild renders only what an
// edit affects.
type sink struct {
	prev map[string]file

	mu    sync.Mutex
	files map[string]file
}

func newSink(prev map[string]file) *sink {
	return &sink{prev: prev, files: make(map[string]file, len(prev))}
}

// Write stores a copy of data.
func (s *sink) Write(p string, data []byte, input render.Input) error {
	f := file{data: bytes.Clone(data), input: input}
	s.mu.Lock()
	s.files[p] = f
	s.mu.Unlock()
	return nil
}

// Keep reuses the previous build's page when it was made from the same input.
func (s *sink) Keep(p string, input render.Input) (int64, bool) {
	old, ok := s.prev[p]
	if !ok || input == (render.Input{}) || old.input != input {
		return 0, false
	}
	s.mu.Lock()
	s.files[p] = old
	s.mu.Unlock()
	return int64(len(old.data)), true
}

// change describes how one build differs from the one before.
type change struct {
	Version  string    `json:"version"`
	All      bool      `json:"all,omitempty"`      // reload every page
	Paths    []string  `json:"paths,omitempty"`    // output paths that changed, when not All
	CSS      [2]string `json:"css,omitempty"`      // old and new stylesheet, when only the stylesheet changed
	CSSOnly  bool      `json:"cssOnly,omitempty"`  // the stylesheet is all that changed
	Navigate string    `json:"navigate,omitempty"` // the page of the one briefing edited
}

// maxPaths bounds the changed paths sent to browsers; more means "all".
const maxPaths = 200

// diff compares two sets of files: which paths changed, and whether the
// only change is a new stylesheet (pages differ only in its name).
func diff(old, cur map[string]file) (paths []string, css [2]string, cssOnly bool) {
	for p, f := range cur {
		if o, ok := old[p]; !ok || !bytes.Equal(o.data, f.data) {
			paths = append(paths, p)
		}
	}
	for p := range old {
		if _, ok := cur[p]; !ok {
			paths = append(paths, p)
		}
	}
	sort.Strings(paths)
	var added, removed []string
	for _, p := range paths {
		if path.Ext(p) != ".css" {
			continue
		}
		if _, ok := cur[p]; ok {
			added = append(added, p)
		} else {
			removed = append(removed, p)
		}
	}
	if len(added) != 1 || len(removed) != 1 {
		return paths, css, false
	}
	css = [2]string{removed[0], added[0]}
	for _, p := range paths {
		if p == css[0] || p == css[1] {
			continue
		}
		o, ok := old[p]
		if !ok || !bytes.Equal(bytes.ReplaceAll(o.data, []byte(css[0]), []byte(css[1])), cur[p].data) {
			return paths, css, false
		}
	}
	return paths, css, true
}

// urlPath turns an output path into the URL path a browser shows.
func urlPath(base, p string) string {
	p = strings.TrimSuffix(p, "index.html")
	return base + p
}
