// Package cache keeps what one build learned for the next: every content
// file already parsed and converted to HTML, keyed by the file's size,
// modification time, change time and inode, and the words the search index
// found in each body (Bodies). It lives in a folder of its own
// (default .brief-cache/ at the site root) that is safe to delete at any
// time: a missing, corrupt or foreign cache is simply empty.
package cache

import (
	"bytes"
	"crypto/sha256"
	"encoding/gob"
	"fmt"
	"hash/fnv"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"sync"
	"time"
	"unsafe"

	"github.com/brief-ssg/brief/internal/diag"
	"github.com/brief-ssg/brief/internal/digest"
	"github.com/brief-ssg/brief/internal/parallel"
	"github.com/brief-ssg/brief/internal/publish"
	"github.com/brief-ssg/brief/internal/source"
	"github.com/brief-ssg/brief/internal/wire"
)

// formatVersion changes whenever what is cached changes shape or meaning.
const formatVersion = 14 // 14: search.Fold folds Arabic further

// Stamp identifies one version of a file without reading it. The change
// time moves on every write, even one that restores the modification time.
type Stamp struct {
	Size, ModTime, ChangeTime int64
	Inode                     uint64
}

// StampOf reads the stamp of a file's info.
func StampOf(info fs.FileInfo) Stamp {
	s := Stamp{Size: info.Size(), ModTime: info.ModTime().UnixNano()}
	sysStamp(info, &s)
	return s
}

// Source is one parsed content file.
type Source struct {
	Stamp Stamp
	Item  source.Item
	Diags diag.List  // its diagnostics from parsing and Markdown
	Front digest.Sum // FrontOf(Item)
}

// Cache is the build cache of one site. A nil *Cache caches nothing.
type Cache struct {
	dir string
	key string // what cached items depend on besides the file

	mu      sync.Mutex
	sources map[string]*Source // as loaded or last stored
	dirty   [shards]bool
	bodies  *Bodies // made on first use
	// discarded: the build stopped before its end; nothing more is
	// remembered or saved.
	discarded bool
}

// Dir is the cache's folder; "" for a nil cache.
func (c *Cache) Dir() string {
	if c == nil {
		return ""
	}
	return c.dir
}

// shards splits the parsed files over several cache files, so an edit
// rewrites one small file and loading runs on every core.
const shards = 64

func shardOf(path string) int {
	h := fnv.New32a()
	h.Write([]byte(path))
	return int(h.Sum32() % shards)
}

// header starts every record, in gob. (The parsed files have an encoding
// of their own, in codec.go: the format version, the key, the count, then
// each path and source.)
type header struct {
	Version int
	Key     string
}

// Open opens the cache in dir for items that depend on key (the time zone,
// the version of brief …). dir "" gives a nil cache.
func Open(dir, key string) *Cache {
	if dir == "" {
		return nil
	}
	return &Cache{dir: dir, key: key + "|" + ExecutableStamp()}
}

// ExecutableStamp names this exact build of brief (its path, time and
// size); it ties the cache, and the inputs the destination's manifest
// records, to it, so a development build never trusts what an older one
// wrote.
func ExecutableStamp() string {
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

// Memory makes a cache that lives only as long as the process, for the
// preview server when the cache on disk is turned off.
func Memory(key string) *Cache {
	return &Cache{key: key, sources: map[string]*Source{}}
}

func (c *Cache) shardPath(i int) string {
	return filepath.Join(c.dir, fmt.Sprintf("sources-%02d.bin", i))
}

// Sources returns the cached files, loading them on first use. A shard
// that is missing, corrupt or from another version counts as empty.
func (c *Cache) Sources(loc *time.Location) map[string]*Source {
	if c == nil {
		return nil
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.sources != nil {
		return c.sources
	}
	var parts [shards]map[string]*Source
	var wg sync.WaitGroup
	for i := range shards {
		wg.Add(1)
		go func() {
			defer wg.Done()
			parts[i] = c.loadShard(i, loc)
		}()
	}
	wg.Wait()
	n := 0
	for _, part := range parts {
		n += len(part)
	}
	c.sources = make(map[string]*Source, n)
	for _, part := range parts {
		for p, src := range part {
			c.sources[p] = src
		}
	}
	return c.sources
}

func (c *Cache) loadShard(i int, loc *time.Location) map[string]*Source {
	data, release := mapFile(c.shardPath(i))
	out := c.decodeShard(i, data, loc)
	if out == nil {
		release()
	}
	return out
}

// decodeShard reads shard i, or returns nil when it is damaged, of another
// version or for another key.
func (c *Cache) decodeShard(i int, data []byte, loc *time.Location) map[string]*Source {
	wd, ok := openFile(data, c.key)
	if !ok {
		return nil
	}
	d := &decoder{*wd}
	n := d.Count()
	out := make(map[string]*Source, n)
	for range n {
		p := d.Str()
		src := d.source(loc)
		if d.Bad || shardOf(p) != i {
			return nil
		}
		out[p] = src
	}
	if !d.Done() {
		return nil
	}
	return out
}

// openFile checks a cache file's checksum, format version and key, and
// returns a decoder of what follows them. Every string it reads is a piece
// of data, which is never written to (brief replaces cache files, it does
// not change them): no copy of 50 MB of HTML.
func openFile(data []byte, key string) (*wire.Decoder, bool) {
	if len(data) < checksumSize {
		return nil, false
	}
	body, sum := data[:len(data)-checksumSize], data[len(data)-checksumSize:]
	if digest.Of(body) != digest.Sum(sum) {
		return nil, false
	}
	d := &wire.Decoder{Data: unsafe.String(unsafe.SliceData(body), len(body))}
	if d.Uint() != formatVersion || d.Str() != key || d.Bad {
		return nil, false
	}
	return d, true
}

// The files of the cache end with a digest of the rest (XXH3), which finds a
// damaged file at memory speed; a file that fails it is not read.
const checksumSize = len(digest.Sum{})

// Replace makes sources the cache's content, to be written by Save; the
// shards whose files changed are marked for writing.
func (c *Cache) Replace(sources map[string]*Source) {
	if c == nil {
		return
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	for p, src := range sources {
		if c.sources[p] != src {
			c.dirty[shardOf(p)] = true
		}
	}
	for p := range c.sources {
		if _, ok := sources[p]; !ok {
			c.dirty[shardOf(p)] = true
		}
	}
	c.sources = sources
}

// Save writes the shards that changed, and the remembered bodies.
func (c *Cache) Save() error {
	if c == nil || c.dir == "" {
		return nil
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.discarded {
		return nil
	}
	removeStale(c.dir)
	berr := c.bodies.save()
	var byShard [shards][]string
	for p := range c.sources {
		i := shardOf(p)
		byShard[i] = append(byShard[i], p)
	}
	var dirty []int
	for i := range shards {
		if c.dirty[i] {
			dirty = append(dirty, i)
		}
	}
	errs := make([]error, len(dirty))
	bufs := make([][]byte, parallel.Workers())
	parallel.For(len(dirty), func(w, k int) { errs[k] = c.saveShard(dirty[k], byShard[dirty[k]], &bufs[w]) })
	first := berr
	for k, i := range dirty {
		if errs[k] == nil {
			c.dirty[i] = false
		} else if first == nil {
			first = errs[k]
		}
	}
	return first // the others are most likely the same
}

// removeStale removes the temporary files that builds killed long ago left
// in dir; a build running now may still be writing the recent ones.
func removeStale(dir string) {
	tmp, _ := filepath.Glob(filepath.Join(dir, ".*.tmp-*"))
	for _, p := range tmp {
		if info, err := os.Lstat(p); err == nil && time.Since(info.ModTime()) > time.Hour {
			os.Remove(p)
		}
	}
}

// Discard is for a build that stops before its end: the bodies it started
// to remember are dropped, and nothing more is remembered or saved.
func (c *Cache) Discard() {
	if c == nil {
		return
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	c.discarded = true
	c.bodies.discard()
}

// saveShard writes one shard a file at a time through buf, a buffer to
// reuse: tens of megabytes of fresh memory cost more to touch than to
// write.
func (c *Cache) saveShard(i int, paths []string, buf *[]byte) error {
	sort.Strings(paths)
	fw := createFile(c.shardPath(i))
	e := &encoder{wire.Encoder{B: (*buf)[:0]}}
	e.Uint(formatVersion)
	e.Str(c.key)
	e.Uint(uint64(len(paths)))
	for _, p := range paths {
		e.Str(p)
		e.source(c.sources[p])
		fw.write(e.B)
		e.B = e.B[:0]
	}
	fw.write(e.B)
	*buf = e.B
	return fw.commit()
}

// Record reads the record called name into v (a pointer), reporting whether
// there was a valid one.
func (c *Cache) Record(name string, v any) bool {
	if c == nil || c.dir == "" || name == "" {
		return false
	}
	data, err := os.ReadFile(c.recordPath(name))
	if err != nil || len(data) < sha256.Size {
		return false
	}
	body, sum := data[:len(data)-sha256.Size], data[len(data)-sha256.Size:]
	if got := sha256.Sum256(body); !bytes.Equal(got[:], sum) {
		return false
	}
	dec := gob.NewDecoder(bytes.NewReader(body))
	var h header
	return dec.Decode(&h) == nil && h.Version == formatVersion && h.Key == c.key && dec.Decode(v) == nil
}

// SetRecord writes v as the record called name; a record that cannot be
// written is simply missing next time.
func (c *Cache) SetRecord(name string, v any) {
	if c == nil || c.dir == "" || name == "" {
		return
	}
	var buf bytes.Buffer
	enc := gob.NewEncoder(&buf)
	if enc.Encode(header{Version: formatVersion, Key: c.key}) != nil || enc.Encode(v) != nil {
		return
	}
	sum := sha256.Sum256(buf.Bytes())
	buf.Write(sum[:])
	publish.WriteAtomic(c.recordPath(name), buf.Bytes())
}

func (c *Cache) recordPath(name string) string {
	return filepath.Join(c.dir, "record-"+name+".gob")
}
