package build_test

import (
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"github.com/rogpeppe/go-internal/txtar"

	"github.com/brief-ssg/brief/internal/build"
	"github.com/brief-ssg/brief/internal/cache"
	"github.com/brief-ssg/brief/internal/diag"
	"github.com/brief-ssg/brief/internal/publish"
	"github.com/brief-ssg/brief/internal/render"
	"github.com/brief-ssg/brief/layouts"
)

// testNow is the "now" of test builds: after every dated test briefing.
var testNow = time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)

// siteFS turns a txtar archive into a site root.
func siteFS(archive string) fstest.MapFS {
	fsys := fstest.MapFS{}
	for _, f := range txtar.Parse([]byte(archive)).Files {
		fsys[f.Name] = &fstest.MapFile{Data: f.Data, Mode: 0o644}
	}
	return fsys
}

// result is a site built in memory.
type result struct {
	t     testing.TB
	mem   *publish.Memory
	diags diag.List
	res   *build.Result
}

type option func(*build.Options)

func withDrafts(o *build.Options) { o.Drafts = true }
func withFuture(o *build.Options) { o.Future = true }
func withStrict(o *build.Options) { o.Strict = true }
func withMinify(o *build.Options) { o.Minify = true }
func withBaseURL(u string) option {
	return func(o *build.Options) { o.BaseURL = u }
}

// buildFS builds a site root in memory.
func buildFS(t testing.TB, fsys fs.FS, opts ...option) *result {
	t.Helper()
	cfg, diags := build.LoadConfig(fsys)
	opt := build.Options{Site: fsys, Layouts: layouts.FS, Config: cfg, Now: testNow}
	for _, o := range opts {
		o(&opt)
	}
	mem := publish.NewMemory()
	res, bdiags := build.Run(opt, mem)
	return &result{t: t, mem: mem, diags: append(diags, bdiags...), res: res}
}

// buildSite builds a site given as a txtar archive.
func buildSite(t testing.TB, archive string, opts ...option) *result {
	t.Helper()
	return buildFS(t, siteFS(archive), opts...)
}

// ok fails the test when the build reported errors.
func (r *result) ok() *result {
	r.t.Helper()
	if err := r.diags.Err(); err != nil {
		r.t.Fatalf("build failed:\n%v", err)
	}
	return r
}

// file returns the content of an output file, failing when it is missing.
func (r *result) file(path string) string {
	r.t.Helper()
	b, ok := r.mem.Get(path)
	if !ok {
		r.t.Fatalf("no output file %s; have:\n%s", path, strings.Join(r.mem.Paths(), "\n"))
	}
	return string(b)
}

// contains asserts that an output file holds every string.
func (r *result) contains(path string, want ...string) {
	r.t.Helper()
	got := r.file(path)
	for _, w := range want {
		if !strings.Contains(got, w) {
			r.t.Errorf("%s: missing %q", path, w)
		}
	}
	if r.t.Failed() {
		r.t.Logf("%s:\n%s", path, got)
	}
}

// lacks asserts that an output file holds none of the strings.
func (r *result) lacks(path string, unwanted ...string) {
	r.t.Helper()
	got := r.file(path)
	for _, w := range unwanted {
		if strings.Contains(got, w) {
			r.t.Errorf("%s: unexpected %q", path, w)
		}
	}
}

// absent asserts that no output file has the path.
func (r *result) absent(paths ...string) {
	r.t.Helper()
	for _, p := range paths {
		if _, ok := r.mem.Get(p); ok {
			r.t.Errorf("unexpected output file %s", p)
		}
	}
}

// messages returns every diagnostic, one per line.
func (r *result) messages() string { return r.diags.Error() }

// reports asserts that the diagnostics hold each line exactly.
func (r *result) reports(want ...string) {
	r.t.Helper()
	lines := strings.Split(r.messages(), "\n")
	for _, w := range want {
		found := false
		for _, l := range lines {
			if l == w {
				found = true
			}
		}
		if !found {
			r.t.Errorf("missing diagnostic\n  %s\ngot:\n  %s", w, strings.Join(lines, "\n  "))
		}
	}
}

// buildOnDisk builds the site at root into root/public with the build
// cache and the destination's manifest in root/.cache, as brief build
// does, committing and saving both. wrap, when not nil, stands between the
// build and the staging folder.
func buildOnDisk(t *testing.T, root string, minify bool, wrap func(*publish.Staging) render.Sink) *build.Result {
	t.Helper()
	return buildOnDiskAt(t, root, testNow, minify, wrap)
}

// buildOnDiskAt is buildOnDisk at another time.
func buildOnDiskAt(t *testing.T, root string, now time.Time, minify bool, wrap func(*publish.Staging) render.Sink) *build.Result {
	t.Helper()
	fsys := os.DirFS(root)
	cfg, _ := build.LoadConfig(fsys)
	c := cache.Open(filepath.Join(root, ".cache"), build.CacheKey(cfg))
	stage, err := publish.Begin(filepath.Join(root, "public"), filepath.Join(root, ".cache", "manifest"), "test")
	if err != nil {
		t.Fatal(err)
	}
	var sink render.Sink = stage
	if wrap != nil {
		sink = wrap(stage)
	}
	res, diags := build.Run(build.Options{Site: fsys, Layouts: layouts.FS, Config: cfg, Now: now, Cache: c,
		Minify: minify, BaseURL: "https://example.org/"}, sink)
	if diags.Err() != nil {
		stage.Abort()
		t.Fatal(diags)
	}
	if _, err := stage.Commit(); err != nil {
		t.Fatal(err)
	}
	if err := c.Save(); err != nil {
		t.Fatal(err)
	}
	return res
}
