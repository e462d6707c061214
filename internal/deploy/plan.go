package deploy

import (
	"bytes"
	"context"
	"path"
	"sort"
	"strings"
)

// Phase orders uploads so that the live site stays consistent: what pages
// link to goes up before the pages, and feeds and sitemaps, which point
// readers and crawlers at pages, after them.
type Phase int

// Phases, in the order they run.
const (
	Assets Phase = iota // stylesheet, scripts, images, search index, data
	Pages               // HTML
	Feeds               // feeds, sitemaps, robots.txt
)

func (p Phase) String() string { return [...]string{"assets", "pages", "feeds"}[p] }

// PhaseOf returns the phase in which key is sent.
func PhaseOf(key string) Phase {
	base := path.Base(key)
	switch ext := path.Ext(base); {
	case ext == ".html" || ext == ".htm":
		return Pages
	case ext == ".xml" || base == "feed.json" || base == "robots.txt" || strings.HasPrefix(base, "sitemap"):
		return Feeds
	}
	return Assets
}

// Upload is one file to send.
type Upload struct {
	File
	New bool // not in the bucket yet (else changed)
}

// Plan is what a deploy does.
type Plan struct {
	Uploads   []Upload // in the order they are sent
	Deletes   []string // remote keys that no longer exist locally, sorted
	Unchanged int

	files    []File // every local file, for the manifest
	manifest []byte // the manifest the target has, nil if none
}

// Empty reports whether the plan changes nothing.
func (p *Plan) Empty() bool {
	return len(p.Uploads) == 0 && len(p.Deletes) == 0 && bytes.Equal(p.manifest, newManifest(p.files))
}

// Plan compares the local files with the target and returns what must be
// sent and deleted. It changes nothing.
func (t *Target) Plan(ctx context.Context, files []File) (*Plan, error) {
	remote, err := t.list(ctx)
	if err != nil {
		return nil, err
	}
	m, raw, err := t.readManifest(ctx)
	if err != nil {
		return nil, err
	}
	p := &Plan{files: files, manifest: raw}
	local := make(map[string]bool, len(files))
	for _, f := range files {
		local[f.Key] = true
		r, ok := remote[f.Key]
		switch {
		case !ok:
			p.Uploads = append(p.Uploads, Upload{File: f, New: true})
		case same(f, r, m):
			p.Unchanged++
		default:
			p.Uploads = append(p.Uploads, Upload{File: f})
		}
	}
	for key := range remote {
		if !local[key] {
			p.Deletes = append(p.Deletes, key)
		}
	}
	sort.Strings(p.Deletes)
	sort.SliceStable(p.Uploads, func(i, j int) bool { return PhaseOf(p.Uploads[i].Key) < PhaseOf(p.Uploads[j].Key) })
	return p, nil
}

// Bytes is how many bytes the plan sends.
func (p *Plan) Bytes() int64 {
	var n int64
	for _, u := range p.Uploads {
		n += u.Size
	}
	return n
}
