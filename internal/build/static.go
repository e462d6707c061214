package build

import (
	"io/fs"
	"path"
	"strings"
	"sync"
	"sync/atomic"

	"github.com/brief-ssg/brief/internal/diag"
	"github.com/brief-ssg/brief/internal/render"
)

// StaticDir is the folder at the site root copied into the site as is.
const StaticDir = "static"

// replaceable are generated files that a file of static/ may replace.
var replaceable = map[string]bool{render.RobotsFile: true, render.HeadersFile: true, render.FaviconFile: true}

// copyStatic writes every file of static/ into the site under the same
// path. Hidden files are skipped, symbolic links too (with a warning); a
// file that would overwrite a generated page is an error.
func copyStatic(site fs.FS, out *tracker) diag.List {
	var diags diag.List
	fs.WalkDir(site, StaticDir, func(p string, d fs.DirEntry, err error) error {
		pos := diag.Pos{File: p}
		switch {
		case err != nil && p == StaticDir:
			return fs.SkipAll // no static folder
		case err != nil:
			diags.Errorf(pos, "cannot read: %v", err)
			return nil
		case p != StaticDir && strings.HasPrefix(d.Name(), "."):
			if d.IsDir() {
				return fs.SkipDir
			}
			return nil
		case d.Type()&fs.ModeSymlink != 0:
			diags.Warnf(pos, "symbolic link skipped: copy the file into static/ instead")
			return nil
		case d.IsDir() || !d.Type().IsRegular():
			return nil
		}
		name := strings.TrimPrefix(p, StaticDir+"/")
		if (out.has(name) || render.IsLazy(name)) && !replaceable[name] {
			diags.Errorf(pos, "would overwrite the generated file %s: rename or move it", name)
			return nil
		}
		data, err := fs.ReadFile(site, p)
		if err != nil {
			diags.Errorf(pos, "cannot read: %v", err)
			return nil
		}
		if err := out.Write(path.Clean(name), data, render.Input{}); err != nil {
			diags.Errorf(pos, "writing: %v", err)
		}
		return nil
	})
	return diags
}

// tracker passes files on to a sink and remembers their paths, and counts
// the bytes of the search index as they reach the sink (minified, when
// they are) or are kept.
type tracker struct {
	next        render.Sink
	mu          sync.Mutex
	paths       map[string]bool
	searchBytes atomic.Int64
}

// track makes a tracker for about n files.
func track(next render.Sink, n int) *tracker {
	return &tracker{next: next, paths: make(map[string]bool, n)}
}

func (t *tracker) add(p string) {
	t.mu.Lock()
	t.paths[p] = true
	t.mu.Unlock()
}

func (t *tracker) has(p string) bool {
	t.mu.Lock()
	defer t.mu.Unlock()
	return t.paths[p]
}

// Write records p and passes the file on.
func (t *tracker) Write(p string, data []byte, input render.Input) error {
	t.add(p)
	if render.IsSearchIndex(p) {
		t.searchBytes.Add(int64(len(data)))
	}
	return t.next.Write(p, data, input)
}

// Keep records p when the next sink keeps it.
func (t *tracker) Keep(p string, input render.Input) (int64, bool) {
	k, ok := t.next.(render.Keeper)
	if !ok {
		return 0, false
	}
	size, kept := k.Keep(p, input)
	if kept {
		t.add(p)
		if render.IsSearchIndex(p) {
			t.searchBytes.Add(size)
		}
	}
	return size, kept
}

// Retain records the paths the next sink retains (pages and crawler files,
// not the search index, whose size would count).
func (t *tracker) Retain(paths []string) (lost []int) {
	r, ok := t.next.(render.Retainer)
	if !ok {
		return render.NoneRetained(paths)
	}
	lost = r.Retain(paths)
	t.mu.Lock()
	defer t.mu.Unlock()
	next := 0 // in lost, which is in order
	for i, p := range paths {
		if next < len(lost) && lost[next] == i {
			next++
			continue
		}
		t.paths[p] = true
	}
	return lost
}
