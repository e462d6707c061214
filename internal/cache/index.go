package cache

import (
	"encoding/binary"
	"path/filepath"

	"brief/internal/wire"
)

// The postings of the last search index (search.Indexes) are kept in
// index.bin: the sums of its docs in order, then each token with its
// postings, four bytes each. A file that is missing, damaged or of
// another version or key holds no index, and the next one is made from
// scratch.

func (b *Bodies) indexPath() string { return filepath.Join(b.dir, "index.bin") }

// LastIndex returns the docs and postings of the last index made
// (search.Indexes), when the tokens of all its docs are remembered too.
// The tokens point into the mapped file, the postings into one slice of
// them all.
func (b *Bodies) LastIndex() (sums [][16]byte, postings map[string][]uint32, ok bool) {
	data, release := mapFile(b.indexPath())
	if sums, postings, ok = b.decodeIndex(data); !ok {
		release()
		return nil, nil, false
	}
	b.load.Do(b.read)
	for _, s := range sums {
		if _, known := b.known[s]; !known {
			return nil, nil, false // a file of bodies was lost or damaged
		}
	}
	return sums, postings, true
}

func (b *Bodies) decodeIndex(data []byte) (sums [][16]byte, postings map[string][]uint32, ok bool) {
	d, ok := openFile(data, b.key)
	if !ok {
		return nil, nil, false
	}
	sums = make([][16]byte, d.Count()/16)
	for i := range sums {
		copy(sums[i][:], d.Fixed(16))
	}
	terms, total := d.Count(), d.Count()/4
	all := make([]uint32, total)
	postings = make(map[string][]uint32, terms)
	for range terms {
		t := d.Str()
		n := d.Count()
		raw := d.Fixed(4 * n)
		if d.Bad || n > len(all) {
			return nil, nil, false
		}
		list := all[:n:n]
		all = all[n:]
		for j := range list {
			list[j] = uint32(raw[4*j]) | uint32(raw[4*j+1])<<8 | uint32(raw[4*j+2])<<16 | uint32(raw[4*j+3])<<24
		}
		postings[t] = list
	}
	if !d.Done() || len(all) != 0 {
		return nil, nil, false
	}
	return sums, postings, true
}

// SetIndex writes the docs and postings of the index just made to a new
// version of the file, put in place by Save (search.Indexes). Its docs
// are those whose tokens the files keep.
func (b *Bodies) SetIndex(sums [][16]byte, postings map[string][]uint32) {
	b.load.Do(b.read)
	for _, sum := range sums {
		sh := &b.shards[bodyShardOf(sum)]
		sh.mu.Lock()
		sh.wanted[sum] = true
		sh.mu.Unlock()
	}
	b.asked.Store(true)

	total := 0
	for _, l := range postings {
		total += len(l)
	}
	fw := createFile(b.indexPath())
	e := wire.Encoder{B: make([]byte, 0, 64<<10)}
	e.Uint(formatVersion)
	e.Str(b.key)
	e.Uint(uint64(16 * len(sums))) // counts are of bytes, which a reader checks against the file
	for _, s := range sums {
		e.Fixed(s[:])
	}
	e.Uint(uint64(len(postings)))
	e.Uint(uint64(4 * total))
	for t, l := range postings {
		e.Str(t)
		e.Uint(uint64(len(l)))
		for _, p := range l {
			e.B = binary.LittleEndian.AppendUint32(e.B, p)
		}
		if len(e.B) >= 48<<10 {
			fw.write(e.B)
			e.B = e.B[:0]
		}
	}
	fw.write(e.B)

	b.mu.Lock()
	defer b.mu.Unlock()
	if b.index != nil {
		b.index.abort()
	}
	b.index = fw
	if b.stopped {
		fw.abort()
		b.index = nil
	}
}
