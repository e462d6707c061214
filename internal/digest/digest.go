// Package digest fingerprints content: 128 bits of XXH3, which tell
// apart the versions of a page, a body or a file that a build compares
// with the last build's, at memory speed. It is not a cryptographic hash:
// nothing brief compares is chosen by someone who would gain from a
// collision, and a chance one among 128 bits is beyond reach.
package digest

import "github.com/zeebo/xxh3"

// Sum is a fingerprint.
type Sum = [16]byte

// Of fingerprints b.
func Of(b []byte) Sum { return xxh3.Hash128(b).Bytes() }

// OfString fingerprints s.
func OfString(s string) Sum { return xxh3.HashString128(s).Bytes() }

// Writer fingerprints what is written to it in pieces, as Of fingerprints
// all of it at once.
type Writer struct{ h *xxh3.Hasher }

// NewWriter returns an empty Writer.
func NewWriter() Writer { return Writer{xxh3.New()} }

// Write adds b.
func (w Writer) Write(b []byte) { w.h.Write(b) }

// Sum fingerprints what was written.
func (w Writer) Sum() Sum { return w.h.Sum128().Bytes() }
