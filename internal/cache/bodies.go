package cache

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sync"
	"sync/atomic"

	"github.com/brief-ssg/brief/internal/parallel"
	"github.com/brief-ssg/brief/internal/search"
	"github.com/brief-ssg/brief/internal/wire"
)

// bodyShards splits the remembered bodies over several files, so that an
// edit rewrites two small ones.
const bodyShards = 16

// Bodies remembers what the search index learned of each briefing, its
// distinct tokens (search.Bodies), in files of the cache beside the parsed
// sources, and the postings of the last index (search.Indexes, in
// index.go). A briefing is remembered by a sum of what the index takes of
// it, and the files keep only those the last index asked for or was made
// of. What a build learns goes to disk at once, so the tokens of a whole
// site are never held in memory; Save puts the files in place. A missing
// or damaged file is simply empty.
type Bodies struct {
	dir, key string
	load     sync.Once
	known    map[[16]byte]string // tokens as loaded: they point into the mapped files
	asked    atomic.Bool         // an index asked for a body, so Save may drop the others
	shards   [bodyShards]bodyShard

	mu      sync.Mutex
	index   *fileWriter // the new index.bin (see SetIndex), nil until made
	stopped bool        // discarded: nothing more is written
}

// bodyShard is one file of remembered bodies and, once a body was learned
// or one is dropped, the new version of it being written.
type bodyShard struct {
	mu     sync.Mutex
	loaded int               // bodies in the file as loaded
	wanted map[[16]byte]bool // bodies asked for by this build
	learnt map[[16]byte]bool // bodies written to the new file
	out    *fileWriter       // the new file, nil until needed
	buf    []byte
}

// Bodies returns the remembered bodies of this cache, or nil when it has no
// folder.
func (c *Cache) Bodies() search.Bodies {
	if c == nil || c.dir == "" {
		return nil
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.discarded {
		return nil
	}
	if c.bodies == nil {
		c.bodies = &Bodies{dir: c.dir, key: c.key}
	}
	return c.bodies
}

func bodyShardOf(sum [16]byte) int { return int(sum[0]) % bodyShards }

func (b *Bodies) path(i int) string { return filepath.Join(b.dir, fmt.Sprintf("bodies-%02d.bin", i)) }

// Body returns the tokens of a remembered body (search.Bodies).
func (b *Bodies) Body(sum [16]byte) (tokens string, ok bool) {
	b.load.Do(b.read)
	sh := &b.shards[bodyShardOf(sum)]
	b.asked.Store(true)
	sh.mu.Lock()
	sh.wanted[sum] = true
	sh.mu.Unlock()
	tokens, ok = b.known[sum]
	return tokens, ok
}

// SetBody writes the tokens of a body learnt by this build to the new
// version of its file (search.Bodies).
func (b *Bodies) SetBody(sum [16]byte, tokens string) {
	b.load.Do(b.read)
	sh := &b.shards[bodyShardOf(sum)]
	sh.mu.Lock()
	defer sh.mu.Unlock()
	if _, ok := b.known[sum]; ok || sh.learnt[sum] {
		return // remembered already, or learnt from another doc with the same body
	}
	sh.learnt[sum] = true
	b.write(sh, bodyShardOf(sum), sum, tokens)
}

// write appends one body to the new version of shard i, starting it when
// needed.
func (b *Bodies) write(sh *bodyShard, i int, sum [16]byte, tokens string) {
	e := wire.Encoder{B: sh.buf[:0]}
	if sh.out == nil {
		sh.out = createFile(b.path(i))
		e.Uint(formatVersion)
		e.Str(b.key)
	}
	e.Fixed(sum[:])
	e.Str(tokens)
	sh.out.write(e.B)
	sh.buf = e.B
}

// read maps every file, on every core.
func (b *Bodies) read() {
	var parts [bodyShards]map[[16]byte]string
	parallel.For(bodyShards, func(_, i int) { parts[i] = b.readShard(i) })
	b.known = map[[16]byte]string{}
	for i, part := range parts {
		b.shards[i].loaded = len(part)
		b.shards[i].wanted = map[[16]byte]bool{}
		b.shards[i].learnt = map[[16]byte]bool{}
		for sum, v := range part {
			b.known[sum] = v
		}
	}
}

func (b *Bodies) readShard(i int) map[[16]byte]string {
	data, release := mapFile(b.path(i))
	out := b.decodeShard(i, data)
	if out == nil {
		release()
	}
	return out
}

// decodeShard reads file i, or returns nil when it is damaged, of another
// version or for another key.
func (b *Bodies) decodeShard(i int, data []byte) map[[16]byte]string {
	d, ok := openFile(data, b.key)
	if !ok {
		return nil
	}
	out := map[[16]byte]string{}
	for !d.Bad && d.Off < len(d.Data) {
		var s [16]byte
		copy(s[:], d.Fixed(len(s)))
		v := d.Str()
		if d.Bad || bodyShardOf(s) != i {
			return nil
		}
		out[s] = v
	}
	if !d.Done() {
		return nil
	}
	return out
}

// save puts in place the new version of every file that changed: bodies
// were learnt, or some the file holds were not asked for. When no index
// was made, nothing changes. The files are read again on next use (the
// old mappings stay: strings may point into them).
func (b *Bodies) save() error {
	if b == nil {
		return nil
	}
	var first error
	b.mu.Lock()
	if b.index != nil {
		first = b.index.commit()
		b.index = nil
	}
	b.mu.Unlock()
	if !b.asked.Load() {
		return first // no index was made: the files stay as they are
	}
	for i := range b.shards {
		sh := &b.shards[i]
		kept := 0
		for sum := range sh.wanted {
			if _, ok := b.known[sum]; ok {
				kept++
			}
		}
		if len(sh.learnt) == 0 && kept == sh.loaded {
			continue
		}
		if err := b.saveShard(sh, i); err != nil && first == nil {
			first = err
		}
	}
	b.asked.Store(false)
	b.known, b.load = nil, sync.Once{}
	return first
}

// saveShard writes the wanted bodies of the old file after the learnt
// ones, and puts the new file in place.
func (b *Bodies) saveShard(sh *bodyShard, i int) error {
	for sum := range sh.wanted {
		if v, ok := b.known[sum]; ok {
			b.write(sh, i, sum, v)
		}
	}
	if sh.out == nil { // nothing left to remember
		if err := os.Remove(b.path(i)); err != nil && !errors.Is(err, fs.ErrNotExist) {
			return err
		}
		return nil
	}
	err := sh.out.commit()
	sh.out = nil
	return err
}

var errDiscarded = errors.New("discarded")

// discard removes the new versions of the files, unsaved.
func (b *Bodies) discard() {
	if b == nil {
		return
	}
	b.mu.Lock()
	if b.index != nil {
		b.index.abort()
		b.index = nil
	}
	b.stopped = true
	b.mu.Unlock()
	for i := range b.shards {
		sh := &b.shards[i]
		sh.mu.Lock()
		if sh.out != nil {
			sh.out.abort()
		}
		// The index may still be running: what it writes now goes to a
		// file that is never put in place nor left behind.
		sh.out = &fileWriter{err: errDiscarded}
		sh.mu.Unlock()
	}
}
