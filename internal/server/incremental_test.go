package server

import (
	"bytes"
	"fmt"
	"math/rand/v2"
	"net"
	"os"
	"path/filepath"
	"sort"
	"sync"
	"testing"
	"time"

	"github.com/brief-ssg/brief/internal/build"
	"github.com/brief-ssg/brief/internal/publish"
	"github.com/brief-ssg/brief/internal/render"
	"github.com/brief-ssg/brief/layouts"
)

// TestRebuildsMatchCleanBuilds edits a site many times and checks after
// each rebuild that the preview serves exactly what a clean build makes,
// while other goroutines keep requesting pages (run with -race).
func TestRebuildsMatchCleanBuilds(t *testing.T) {
	root := t.TempDir()
	writeSite(t, root, testSite)
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	srv, err := New(ln, Options{Root: root, Reload: true})
	if err != nil {
		t.Fatal(err)
	}
	srv.Rebuild(nil)

	stop := make(chan struct{})
	var readers sync.WaitGroup
	for range 4 {
		readers.Add(1)
		go func() {
			defer readers.Done()
			for {
				select {
				case <-stop:
					return
				default:
				}
				for _, p := range []string{"/", "/tags/energy/", "/2025/01/alpha/", "/missing/"} {
					srv.resolve(p)
					snap := srv.cur.Load()
					if f, ok := snap.files["index.html"]; ok {
						srv.inject(snap, f.data)
					}
					// Made from the site, which a body edit updates in place.
					snap.lazyFile(render.DataBriefings)
				}
			}
		}()
	}

	rng := rand.New(rand.NewPCG(7, 7))
	// Each edit returns the paths a file watcher would report.
	edits := []func(i int) []string{
		func(i int) []string { // body: text, a link to another briefing, headings
			body := []string{"Body %d.\n\n## Outcome\n", "Body %d, after [the beta](2025-01-02-beta.md).\n\n## Outcome\n\nText.\n", "## Part %d\n\nText.\n"}[min(i%4, 2)]
			writeFile(t, root, "content/2025/2025-01-01-alpha.md", "---\ntitle: Alpha briefing\ndate: 2025-01-01\ntags: [energy]\nactors: [Rustem Umerov]\n---\n"+fmt.Sprintf(body, i))
			return []string{"content/2025/2025-01-01-alpha.md"}
		},
		func(i int) []string { // title and tags, and the site's first figure coming and going
			figures := ""
			if i%2 == 0 {
				figures = fmt.Sprintf("figures:\n  - {label: Drones launched, value: %d.%d, unit: drones}\n", i, i%3)
			}
			writeFile(t, root, "content/2025/2025-01-02-beta.md", fmt.Sprintf("---\ntitle: Beta %d\ndate: 2025-01-02\ntags: [energy, t%d]\n%s---\nBeta.\n", i, i%3, figures))
			return []string{"content/2025/2025-01-02-beta.md"}
		},
		func(i int) []string { // add
			name := fmt.Sprintf("content/extra/2025-02-%02d-extra-%d.md", i%28+1, i)
			writeFile(t, root, name, fmt.Sprintf("---\ntitle: Extra %d\ndate: 2025-02-%02d\nactors: [Rustem Umerov, Marco Rubio]\n---\nExtra.\n", i, i%28+1))
			return []string{"content/extra", name}
		},
		func(int) []string { // delete an added one
			files, _ := filepath.Glob(filepath.Join(root, "content/extra/*.md"))
			if len(files) == 0 {
				return nil
			}
			sort.Strings(files)
			os.Remove(files[0])
			rel, _ := filepath.Rel(root, files[0])
			return []string{filepath.ToSlash(rel)}
		},
		func(i int) []string { // a folder of briefings moved in, then out again
			dir := filepath.Join(root, "content/moved")
			if _, err := os.Stat(dir); err == nil {
				os.RemoveAll(dir)
			} else {
				writeFile(t, root, "content/moved/2025/2025-03-01-moved.md", fmt.Sprintf("---\ntitle: Moved %d\ndate: 2025-03-01\ntags: [energy]\n---\nMoved.\n", i))
			}
			return []string{"content/moved"}
		},
		func(i int) []string { // actor profile
			writeFile(t, root, "content/actors/rustem-umerov.md", fmt.Sprintf("---\nname: Rustem Umerov\nrole: Secretary %d\nkind: %s\n---\nBio.\n", i, []string{"person", "government"}[i%2]))
			return []string{"content/actors/rustem-umerov.md"}
		},
		func(i int) []string { // layout
			if i%2 == 0 {
				writeFile(t, root, "layouts/style.css", fmt.Sprintf("body { margin: %dpx; }\n", i))
			} else {
				os.Remove(filepath.Join(root, "layouts/style.css"))
			}
			return []string{"layouts/style.css"}
		},
		func(i int) []string { // config
			writeFile(t, root, "brief.toml", fmt.Sprintf("title = \"Site %d\"\ntimezone = \"UTC\"\npageSize = %d\n", i, 1+i%3))
			return []string{"brief.toml"}
		},
		func(int) []string { // a bad edit, then its repair on the next step
			writeFile(t, root, "content/2025/broken.md", "---\ntitle: [\n---\n")
			return []string{"content/2025/broken.md"}
		},
		func(i int) []string { // a broken configuration, with a briefing added meanwhile
			writeFile(t, root, "brief.toml", "title = [\n")
			name := fmt.Sprintf("content/extra/2025-04-%02d-during-%d.md", i%28+1, i)
			writeFile(t, root, name, fmt.Sprintf("---\ntitle: During %d\ndate: 2025-04-%02d\n---\nAdded while the configuration was broken.\n", i, i%28+1))
			return []string{"brief.toml", name}
		},
	}
	inPlace := 0
	for i := range 80 {
		changed := []string{"content/2025/broken.md"}
		os.Remove(filepath.Join(root, "content/2025/broken.md"))
		if data, _ := os.ReadFile(filepath.Join(root, "brief.toml")); bytes.HasPrefix(data, []byte("title = [")) {
			os.Remove(filepath.Join(root, "brief.toml"))
			changed = append(changed, "brief.toml")
		}
		// Bodies are edited most, as when writing.
		k := rng.IntN(len(edits) + 5)
		if k >= len(edits) {
			k = 0
		}
		changed = append(changed, edits[k](i)...)
		// A file rewritten within the same clock tick keeps its size and
		// mtime; the change time and inode still tell it apart. The
		// preview is told what changed, as its file watcher would tell it.
		srv.Rebuild(changed)
		snap := srv.cur.Load()
		want, failed := cleanBuild(t, root, srv.opt.BaseURL)
		if failed != snap.failed {
			t.Fatalf("step %d: preview failed=%v, clean build failed=%v: %v", i, snap.failed, failed, snap.diags)
		}
		if failed {
			continue
		}
		compare(t, i, snap, want)
		if snap.inPlace {
			inPlace++
		}
	}
	t.Logf("%d of the builds updated the site in place", inPlace)
	if inPlace == 0 {
		t.Error("no edit of a body alone updated the site in place")
	}
	close(stop)
	readers.Wait()
}

func writeFile(t *testing.T, root, name, content string) {
	t.Helper()
	p := filepath.Join(root, filepath.FromSlash(name))
	os.MkdirAll(filepath.Dir(p), 0o755)
	if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
}

func cleanBuild(t *testing.T, root, baseURL string) (*publish.Memory, bool) {
	siteFS := os.DirFS(root)
	cfg, diags := build.LoadConfig(siteFS)
	if diags.Err() != nil {
		return nil, true
	}
	mem := publish.NewMemory()
	_, diags = build.Run(build.Options{Site: siteFS, Layouts: layouts.FS, Config: cfg, BaseURL: baseURL, Now: time.Now()}, mem)
	return mem, diags.Err() != nil
}

// compare checks the preview against a clean build: the same files, and
// the search index and data exports, which the preview makes when first
// asked for them.
func compare(t *testing.T, step int, snap *snapshot, want *publish.Memory) {
	t.Helper()
	got := snap.files
	var paths []string
	for _, p := range want.Paths() {
		w, _ := want.Get(p)
		if data, isLazy := snap.lazyFile(p); isLazy {
			if !bytes.Equal(data, w) {
				t.Fatalf("step %d: %s differs from a clean build", step, p)
			}
			continue
		}
		paths = append(paths, p)
	}
	if len(got) != len(paths) {
		var have []string
		for p := range got {
			have = append(have, p)
		}
		sort.Strings(have)
		t.Fatalf("step %d: preview has %d files, clean build %d:\n%v\n%v", step, len(got), len(paths), have, paths)
	}
	for _, p := range paths {
		w, _ := want.Get(p)
		if !bytes.Equal(got[p].data, w) {
			t.Fatalf("step %d: %s differs from a clean build", step, p)
		}
	}
}
