package server

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/fsnotify/fsnotify"
)

// watchedDirs are the folders under the site root whose changes rebuild
// the site; the root itself is watched for brief.toml and for these
// folders appearing.
var watchedDirs = []string{"content", "layouts", "static", "i18n"}

// watcher turns file system events under the site root into batches of
// changed paths: editor temp files are ignored, new folders are watched as
// they appear, and a burst of events becomes one batch once the files have
// been quiet for the debounce time.
type watcher struct {
	root     string
	ignored  []string
	debounce time.Duration
	fsw      *fsnotify.Watcher

	mu      sync.Mutex
	pending map[string]bool
	timer   *time.Timer
	ready   chan struct{}
	// partial is set once a folder could not be watched (the system's
	// limit of watches, say): changes there are never reported.
	partial atomic.Bool
}

func newWatcher(root string, ignored []string, debounce time.Duration) (*watcher, error) {
	fsw, err := fsnotify.NewWatcher()
	if err != nil {
		return nil, err
	}
	w := &watcher{root: root, ignored: ignored, debounce: debounce, fsw: fsw,
		pending: map[string]bool{}, ready: make(chan struct{}, 1)}
	if err := fsw.Add(root); err != nil {
		fsw.Close()
		return nil, err
	}
	for _, d := range watchedDirs {
		w.addTree(filepath.Join(root, d))
	}
	go w.loop()
	return w, nil
}

// Ready receives when a batch of changes is waiting to be taken.
func (w *watcher) Ready() <-chan struct{} { return w.ready }

// Take returns the changed paths (slash-separated, relative to the root)
// since the last Take, sorted, and whether they are all the paths that
// changed: not when some folder could not be watched.
func (w *watcher) Take() (changed []string, complete bool) {
	w.mu.Lock()
	defer w.mu.Unlock()
	out := make([]string, 0, len(w.pending))
	for p := range w.pending {
		out = append(out, p)
	}
	clear(w.pending)
	sort.Strings(out)
	return out, !w.partial.Load()
}

// Errors reports the watcher's own errors, such as an event queue overflow.
func (w *watcher) Errors() <-chan error { return w.fsw.Errors }

// Close stops watching.
func (w *watcher) Close() error { return w.fsw.Close() }

// addTree watches dir and every folder below it, and returns the files
// found in it (for a folder that appeared with files already inside).
func (w *watcher) addTree(dir string) []string {
	var files []string
	filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		switch {
		case err != nil: // gone already, or unreadable, which the build reports
			return nil
		case d.IsDir() && p != dir && w.ignore(p, true):
			return filepath.SkipDir
		case d.IsDir():
			if err := w.fsw.Add(p); err != nil && !errors.Is(err, fs.ErrNotExist) {
				w.partial.Store(true)
			}
		case !w.ignore(p, false):
			files = append(files, p)
		}
		return nil
	})
	return files
}

func (w *watcher) loop() {
	for ev := range w.fsw.Events {
		if ev.Op == fsnotify.Chmod || !w.relevant(ev.Name) {
			continue
		}
		info, err := os.Lstat(ev.Name)
		isDir := err == nil && info.IsDir()
		if w.ignore(ev.Name, isDir) {
			continue
		}
		changed := []string{ev.Name}
		if ev.Has(fsnotify.Create) && isDir {
			changed = append(changed, w.addTree(ev.Name)...)
		}
		w.mark(changed)
	}
}

// mark records changed paths and restarts the quiet-time clock.
func (w *watcher) mark(paths []string) {
	w.mu.Lock()
	defer w.mu.Unlock()
	for _, p := range paths {
		if rel, err := filepath.Rel(w.root, p); err == nil {
			w.pending[filepath.ToSlash(rel)] = true
		}
	}
	if w.timer == nil {
		w.timer = time.AfterFunc(w.debounce, w.fire)
	} else {
		w.timer.Reset(w.debounce)
	}
}

func (w *watcher) fire() {
	select {
	case w.ready <- struct{}{}:
	default: // a batch is already waiting; Take will include these too
	}
}

// relevant keeps the events of brief.toml and the watched folders; other
// files at the root (README.md, the output, the cache) do not matter.
func (w *watcher) relevant(p string) bool {
	rel, err := filepath.Rel(w.root, p)
	if err != nil {
		return false
	}
	first, _, _ := strings.Cut(filepath.ToSlash(rel), "/")
	if first == "brief.toml" {
		return true
	}
	for _, d := range watchedDirs {
		if first == d {
			return true
		}
	}
	return false
}

// ignore tells editor temp files, hidden files and folders and brief's own
// folders from the files of the site. A folder with the name of a temp
// file ("old.bak") is watched: its briefings are read.
func (w *watcher) ignore(p string, dir bool) bool {
	for _, d := range w.ignored {
		if p == d || strings.HasPrefix(p, d+string(filepath.Separator)) {
			return true
		}
	}
	if dir {
		return strings.HasPrefix(filepath.Base(p), ".")
	}
	return isTempName(filepath.Base(p))
}

// isTempName matches hidden files and the temp and backup files of common
// editors: vim (.x.swp, x~, 4913), emacs (#x#, .#x), JetBrains (x___jb_tmp___).
func isTempName(name string) bool {
	switch {
	case name == "4913", strings.HasPrefix(name, "."), strings.HasSuffix(name, "~"),
		strings.HasPrefix(name, "#") && strings.HasSuffix(name, "#"):
		return true
	}
	for _, ext := range []string{".swp", ".swx", ".swo", ".tmp", ".bak", "___jb_tmp___", "___jb_old___"} {
		if strings.HasSuffix(name, ext) {
			return true
		}
	}
	return false
}
