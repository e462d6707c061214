package build

import (
	"os"
	"testing"

	"brief/internal/cache"
	"brief/internal/corpus"
	"brief/internal/markdown"
	"brief/internal/source"
)

// TestFrontMatterSameThroughTheCache checks that a briefing read back from
// the build cache counts as unchanged against the same file parsed again,
// so that the preview, restarted with its cache, still updates the site in
// place when a body is edited.
func TestFrontMatterSameThroughTheCache(t *testing.T) {
	root := t.TempDir()
	if err := corpus.Write(root, corpus.Options{Briefings: 60, Seed: 3}); err != nil {
		t.Fatal(err)
	}
	fsys := os.DirFS(root)
	cfg, diags := LoadConfig(fsys)
	if diags.Err() != nil {
		t.Fatal(diags)
	}
	dir := t.TempDir()
	opt := Options{Site: fsys, Config: cfg, Cache: cache.Open(dir, "key")}
	files, _ := source.Walk(fsys, opt.sourceOptions())
	_, parsed, _ := load(opt, markdown.New(), files)
	if err := opt.Cache.Save(); err != nil {
		t.Fatal(err)
	}
	cached := cache.Open(dir, "key").Sources(cfg.Location)
	n := 0
	for p, src := range parsed {
		if src.Item.Briefing == nil {
			continue
		}
		n++
		if c := cached[p]; c == nil || !sameFrontMatter(c.Item.Briefing, src.Item.Briefing) {
			t.Errorf("%s: its front matter read back from the cache differs from the file's", p)
		}
		edited := *src.Item.Briefing
		edited.Title += " (edited)"
		if sameFrontMatter(&edited, src.Item.Briefing) {
			t.Fatalf("%s: a new title counts as the same front matter", p)
		}
	}
	if n != 60 {
		t.Fatalf("%d briefings parsed, want 60", n)
	}
}
