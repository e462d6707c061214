package render

import (
	"github.com/brief-ssg/brief/internal/digest"
	"github.com/brief-ssg/brief/internal/site"
)

// Memo is what rendering a site into a destination leaves for the next
// build into it. When the caller knows that nothing but briefings' bodies
// changed since (the same content files with the same front matter, the
// same profiles, layouts and settings: see Options.Last), the memo tells
// which briefings' bodies did, and so which pages show them; every other
// page, and the crawler files, are retained as that build left them
// (Retainer) without being fingerprinted again.
type Memo struct {
	Entries []MemoEntry // in the order of the site's entries
	Exports Input       // the input of the data exports
	Crawler []string    // the paths of the sitemap, robots.txt and _headers
}

// MemoEntry is one entry as the build saw it.
type MemoEntry struct {
	Path    string
	HTML    Input // the entry's HTMLSum
	Summary Input // digest of its summary
	Key     Input // its fingerprint (entryKey)
}

// Retainer is a Keeper that can keep files as the last build left them,
// with the inputs recorded then, for a caller that knows those inputs did
// not change without making them again. Retain returns the indexes in
// paths, in order, of the files it did not keep.
type Retainer interface {
	Retain(paths []string) (lost []int)
}

// NoneRetained is what Retain returns when it keeps none of paths: a
// wrapper's, when the sink it wraps retains nothing.
func NoneRetained(paths []string) (lost []int) {
	lost = make([]int, len(paths))
	for i := range lost {
		lost[i] = i
	}
	return lost
}

// reuse takes the keys of the entries whose bodies are as last's, and
// reports which are not, when last is of the same entries; ok is false when
// it is not, or when the site's own layouts may show any entry anywhere.
func (f *fingerprints) reuse(s *site.Site, t *Templates, last *Memo) (changed map[*site.Entry]bool, summaryChanged, ok bool) {
	if last == nil || t.custom || len(last.Entries) != len(s.Entries) {
		return nil, false, false
	}
	for i, e := range s.Entries {
		if last.Entries[i].Path != e.Path {
			return nil, false, false
		}
	}
	changed = map[*site.Entry]bool{}
	summaries := summaryDigests(s)
	f.summaries = summaries
	for i, e := range s.Entries {
		m := &last.Entries[i]
		if m.HTML == e.HTMLSum && m.Summary == summaries[i] {
			f.entries[e] = m.Key
			continue
		}
		changed[e] = true
		summaryChanged = summaryChanged || m.Summary != summaries[i]
	}
	return changed, summaryChanged, true
}

// summaryDigests returns the digest of each entry's summary.
func summaryDigests(s *site.Site) []Input {
	out := make([]Input, len(s.Entries))
	for i, e := range s.Entries {
		out[i] = digest.OfString(e.Summary)
	}
	return out
}

// affected tells whether the page of j shows an entry whose body changed.
func (f *fingerprints) affected(j job) bool {
	if j.entry != nil {
		return f.changed[j.entry]
	}
	for _, e := range j.entries {
		if f.changed[e] {
			return true
		}
	}
	return false
}
