package cache

import (
	"encoding/binary"
	"path/filepath"
	"unsafe"

	"github.com/brief-ssg/brief/internal/wire"
)

// The postings of the last search index (search.Indexes) are kept in
// index.bin: the sums of its docs in order, then each token with its
// postings, four bytes each, little-endian, starting at a multiple of four
// bytes in the file, so that on a little-endian machine they are read in
// place from the mapped file. A file that is missing, damaged or of
// another version or key holds no index, and the next one is made from
// scratch.

// littleEndian tells whether this machine stores a uint32 as index.bin
// does.
var littleEndian = binary.NativeEndian.Uint16([]byte{1, 0}) == 1

// padding is how many zero bytes put off at a multiple of four.
func padding(off int) int { return (4 - off%4) % 4 }

func (b *Bodies) indexPath() string { return filepath.Join(b.dir, "index.bin") }

// LastIndex returns the docs and postings of the last index made
// (search.Indexes), when the tokens of all its docs are remembered too.
// The tokens and the postings point into the mapped file (on a
// big-endian machine, the postings into one slice of them all); nobody may
// write to them.
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
	var all []uint32 // for a big-endian machine
	if !littleEndian {
		all = make([]uint32, total)
	}
	postings = make(map[string][]uint32, terms)
	for range terms {
		t := d.Str()
		n := d.Count()
		d.Fixed(padding(d.Off))
		raw := d.Fixed(4 * n)
		if total -= n; d.Bad || total < 0 {
			return nil, nil, false
		}
		if littleEndian {
			postings[t] = unsafe.Slice((*uint32)(unsafe.Pointer(unsafe.StringData(raw))), n)
			continue
		}
		list := all[:n:n]
		all = all[n:]
		for j := range list {
			list[j] = binary.LittleEndian.Uint32([]byte(raw[4*j : 4*j+4]))
		}
		postings[t] = list
	}
	if !d.Done() || total != 0 {
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
	off := 0 // of e.B in the file
	for t, l := range postings {
		e.Str(t)
		e.Uint(uint64(len(l)))
		e.B = append(e.B, make([]byte, padding(off+len(e.B)))...)
		if littleEndian && len(l) > 0 {
			e.B = append(e.B, unsafe.Slice((*byte)(unsafe.Pointer(&l[0])), 4*len(l))...)
		} else {
			for _, p := range l {
				e.B = binary.LittleEndian.AppendUint32(e.B, p)
			}
		}
		if len(e.B) >= 48<<10 {
			fw.write(e.B)
			off += len(e.B)
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
