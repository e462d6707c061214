// Package cache keeps what one build learned for the next: every content
// file already parsed and converted to HTML, keyed by the file's size,
// modification time, change time and inode. It lives in a folder of its own
// (default .brief-cache/ at the site root) that is safe to delete at any
// time: a missing, corrupt or foreign cache is simply empty.
package cache

import (
	"bytes"
	"crypto/sha256"
	"encoding/gob"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"sync"
	"syscall"
	"time"

	"brief/internal/diag"
	"brief/internal/publish"
	"brief/internal/source"
)

// formatVersion changes whenever what is cached changes shape or meaning.
const formatVersion = 1

// Stamp identifies one version of a file without reading it. The change
// time moves on every write, even one that restores the modification time.
type Stamp struct {
	Size, ModTime, ChangeTime int64
	Inode                     uint64
}

// StampOf reads the stamp of a file's info.
func StampOf(info fs.FileInfo) Stamp {
	s := Stamp{Size: info.Size(), ModTime: info.ModTime().UnixNano()}
	if st, ok := info.Sys().(*syscall.Stat_t); ok {
		s.ChangeTime = st.Ctim.Nano()
		s.Inode = st.Ino
	}
	return s
}

// Source is one parsed content file.
type Source struct {
	Stamp Stamp
	Item  source.Item
	Diags diag.List // its diagnostics from parsing and Markdown
}

// Cache is the build cache of one site. A nil *Cache caches nothing.
type Cache struct {
	path string // the sources file
	key  string // what cached items depend on besides the file

	mu      sync.Mutex
	sources map[string]*Source // as loaded or last stored
	dirty   bool
}

// header starts the sources file; the sources follow, one gob value each,
// since gob reads one huge value far slower than many small ones.
type header struct {
	Version int
	Key     string
	Count   int
}

type entry struct {
	Path   string
	Source *Source
}

// Open opens the cache in dir for items that depend on key (the time zone,
// the version of brief …). dir "" gives a nil cache.
func Open(dir, key string) *Cache {
	if dir == "" {
		return nil
	}
	return &Cache{path: filepath.Join(dir, "sources.gob"), key: key + "|" + executableStamp()}
}

// executableStamp ties the cache to this exact build of brief, so a
// development build never reads what an older one wrote.
func executableStamp() string {
	exe, err := os.Executable()
	if err != nil {
		return "unknown"
	}
	info, err := os.Stat(exe)
	if err != nil {
		return "unknown"
	}
	return fmt.Sprintf("%s|%d|%d", exe, info.ModTime().UnixNano(), info.Size())
}

// Sources returns the cached files, loading them on first use.
func (c *Cache) Sources(loc *time.Location) map[string]*Source {
	if c == nil {
		return nil
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.sources == nil {
		c.sources = load(c.path, c.key)
		// Gob keeps instants but not zone names; put them back.
		for _, s := range c.sources {
			if b := s.Item.Briefing; b != nil {
				b.Date = b.Date.In(loc)
				if !b.Updated.IsZero() {
					b.Updated = b.Updated.In(loc)
				}
			}
		}
	}
	return c.sources
}

func load(path, key string) map[string]*Source {
	data, err := os.ReadFile(path)
	if err != nil || len(data) < sha256.Size {
		return map[string]*Source{}
	}
	body, sum := data[:len(data)-sha256.Size], data[len(data)-sha256.Size:]
	if got := sha256.Sum256(body); !bytes.Equal(got[:], sum) {
		return map[string]*Source{}
	}
	dec := gob.NewDecoder(bytes.NewReader(body))
	var h header
	if dec.Decode(&h) != nil || h.Version != formatVersion || h.Key != key {
		return map[string]*Source{}
	}
	sources := make(map[string]*Source, h.Count)
	for range h.Count {
		var e entry
		if dec.Decode(&e) != nil || e.Source == nil {
			return map[string]*Source{}
		}
		sources[e.Path] = e.Source
	}
	return sources
}

// Replace makes sources the cache's content, to be written by Save.
func (c *Cache) Replace(sources map[string]*Source, changed bool) {
	if c == nil {
		return
	}
	c.mu.Lock()
	c.sources = sources
	c.dirty = c.dirty || changed
	c.mu.Unlock()
}

// Save writes the cache if it changed.
func (c *Cache) Save() error {
	if c == nil {
		return nil
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if !c.dirty {
		return nil
	}
	var buf bytes.Buffer
	enc := gob.NewEncoder(&buf)
	if err := enc.Encode(header{Version: formatVersion, Key: c.key, Count: len(c.sources)}); err != nil {
		return err
	}
	paths := make([]string, 0, len(c.sources))
	for p := range c.sources {
		paths = append(paths, p)
	}
	sort.Strings(paths)
	for _, p := range paths {
		if err := enc.Encode(entry{Path: p, Source: c.sources[p]}); err != nil {
			return err
		}
	}
	sum := sha256.Sum256(buf.Bytes())
	buf.Write(sum[:])
	if err := publish.WriteAtomic(c.path, buf.Bytes()); err != nil {
		return err
	}
	c.dirty = false
	return nil
}
