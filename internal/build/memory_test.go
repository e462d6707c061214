package build

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/brief-ssg/brief/internal/cache"
	"github.com/brief-ssg/brief/internal/corpus"
	"github.com/brief-ssg/brief/internal/diag"
	"github.com/brief-ssg/brief/internal/markdown"
	"github.com/brief-ssg/brief/internal/publish"
	"github.com/brief-ssg/brief/internal/source"
	"github.com/brief-ssg/brief/layouts"
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
	_, parsed, misses, _ := load(opt, markdown.New(), files)
	if misses != len(files) {
		t.Fatalf("an empty cache: %d of %d files parsed", misses, len(files))
	}
	if err := opt.Cache.Save(); err != nil {
		t.Fatal(err)
	}
	again := opt
	again.Cache = cache.Open(dir, "key")
	if _, _, misses, _ := load(again, markdown.New(), files); misses != 0 {
		t.Fatalf("a full cache: %d of %d files parsed again", misses, len(files))
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

// TestFailedUpdateInPlaceIsUndone edits a body so that the build fails
// (a warning, in strict mode) after the kept site was updated in place:
// the site must be put back as it was, since it is the one still served,
// and the next build must start from scratch and match a clean build.
func TestFailedUpdateInPlaceIsUndone(t *testing.T) {
	root := t.TempDir()
	write := func(name, text string) {
		t.Helper()
		p := filepath.Join(root, filepath.FromSlash(name))
		os.MkdirAll(filepath.Dir(p), 0o755)
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write("brief.toml", "title = \"Site\"\nbaseURL = \"https://example.org/\"\n")
	const head = "---\ntitle: Alpha\ndate: 2025-01-01\ntags: [energy]\n---\n"
	write("content/alpha.md", head+"First body.\n")
	write("content/beta.md", "---\ntitle: Beta\ndate: 2025-01-02\ntags: [energy]\n---\nBeta.\n")
	fsys := os.DirFS(root)
	cfg, _ := LoadConfig(fsys)
	var mem Memory
	run := func() (*Result, diag.List, *publish.Memory) {
		out := publish.NewMemory()
		res, diags := Run(Options{Site: fsys, Layouts: layouts.FS, Config: cfg, Now: time.Now(), Strict: true,
			Cache: cache.Memory("key"), Memory: &mem}, out)
		return res, diags, out
	}
	first, diags, _ := run()
	if diags.Err() != nil {
		t.Fatal(diags)
	}
	alpha := first.Site.Entries[1]
	if alpha.Title != "Alpha" || !strings.Contains(string(alpha.HTML), "First body.") {
		t.Fatalf("unexpected first entry %q: %s", alpha.Title, alpha.HTML)
	}
	write("content/alpha.md", head+"Second body with <b>raw HTML</b>.\n")
	res, diags, _ := run()
	if diags.Err() == nil || !res.InPlace {
		t.Fatalf("want a failed update in place, got in place=%v, %v", res.InPlace, diags)
	}
	if !strings.Contains(string(alpha.HTML), "First body.") || alpha.Briefing.HTML != alpha.HTML {
		t.Fatalf("the served site kept the failed body: %s", alpha.HTML)
	}
	write("content/alpha.md", head+"Third body.\n")
	res, diags, got := run()
	if diags.Err() != nil || res.InPlace {
		t.Fatalf("after a failed update, want a good build from scratch; in place=%v, %v", res.InPlace, diags)
	}
	want := publish.NewMemory()
	if _, diags := Run(Options{Site: fsys, Layouts: layouts.FS, Config: cfg, Now: time.Now(), Strict: true}, want); diags.Err() != nil {
		t.Fatal(diags)
	}
	for _, p := range want.Paths() {
		w, _ := want.Get(p)
		if g, _ := got.Get(p); !bytes.Equal(g, w) {
			t.Fatalf("%s differs from a clean build", p)
		}
	}
}

// TestInlineFigureUpdatedInPlace: a body edit that keeps its :fig[key]
// updates the kept site in place, with the figure filled in as a clean
// build fills it.
func TestInlineFigureUpdatedInPlace(t *testing.T) {
	root := t.TempDir()
	write := func(name, text string) {
		t.Helper()
		p := filepath.Join(root, filepath.FromSlash(name))
		os.MkdirAll(filepath.Dir(p), 0o755)
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write("brief.toml", "title = \"Site\"\nbaseURL = \"https://example.org/\"\n")
	const head = "---\ntitle: Alpha\ndate: 2025-01-01\nfigures:\n  - {label: Drones, value: 653, unit: drones, qualifier: about}\n---\nRussia fired :fig[drones].\n"
	write("content/alpha.md", head)
	fsys := os.DirFS(root)
	cfg, _ := LoadConfig(fsys)
	var mem Memory
	run := func() (*Result, diag.List, *publish.Memory) {
		out := publish.NewMemory()
		res, diags := Run(Options{Site: fsys, Layouts: layouts.FS, Config: cfg, Now: time.Now(), Cache: cache.Memory("key"), Memory: &mem}, out)
		return res, diags, out
	}
	if _, diags, _ := run(); diags.Err() != nil {
		t.Fatal(diags)
	}
	write("content/alpha.md", head+"\nA new paragraph.\n")
	res, diags, got := run()
	if diags.Err() != nil || !res.InPlace {
		t.Fatalf("want an update in place, got in place=%v, %v", res.InPlace, diags)
	}
	want := publish.NewMemory()
	if _, diags := Run(Options{Site: fsys, Layouts: layouts.FS, Config: cfg, Now: time.Now()}, want); diags.Err() != nil {
		t.Fatal(diags)
	}
	page, _ := got.Get("2025/01/alpha/index.html")
	if data, _ := got.Get("data/briefings.json"); !bytes.Contains(data, []byte(`"summary": "Russia fired about 653 drones."`)) {
		t.Errorf("summary after the edit:\n%s", data)
	}
	if !bytes.Contains(page, []byte(`Russia fired <data class="figure" value="653">about 653 drones</data>.`)) || !bytes.Contains(page, []byte("A new paragraph.")) {
		t.Errorf("page after the edit:\n%s", page)
	}
	for _, p := range want.Paths() {
		w, _ := want.Get(p)
		if g, _ := got.Get(p); !bytes.Equal(g, w) {
			t.Fatalf("%s differs from a clean build", p)
		}
	}
}
