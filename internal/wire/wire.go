// Package wire is the compact encoding of brief's own files (the build
// cache, the destination's manifest): varints, and strings and lists
// prefixed with their length. The Decoder reads every string as a piece of
// the data it was given, without copying, and never panics on damaged
// data: it reads zeros and reports Bad.
package wire

import "encoding/binary"

// Encoder appends values to B.
type Encoder struct{ B []byte }

// Uint writes an unsigned varint.
func (e *Encoder) Uint(v uint64) { e.B = binary.AppendUvarint(e.B, v) }

// Int writes a signed varint.
func (e *Encoder) Int(v int64) { e.B = binary.AppendVarint(e.B, v) }

// Str writes a string with its length.
func (e *Encoder) Str(s string) {
	e.Uint(uint64(len(s)))
	e.B = append(e.B, s...)
}

// Bytes writes bytes with their length.
func (e *Encoder) Bytes(b []byte) {
	e.Uint(uint64(len(b)))
	e.B = append(e.B, b...)
}

// Fixed writes bytes whose length the reader knows.
func (e *Encoder) Fixed(b []byte) { e.B = append(e.B, b...) }

// Bool writes a byte, 0 or 1.
func (e *Encoder) Bool(v bool) {
	if v {
		e.B = append(e.B, 1)
	} else {
		e.B = append(e.B, 0)
	}
}

// Strs writes a list of strings.
func (e *Encoder) Strs(ss []string) {
	e.Uint(uint64(len(ss)))
	for _, s := range ss {
		e.Str(s)
	}
}

// Decoder reads what Encoder wrote from Data, from Off on. Past the end or
// on a malformed value it reads zeros and sets Bad.
type Decoder struct {
	Data string
	Off  int
	Bad  bool
}

// Done reports whether everything was read, and well.
func (d *Decoder) Done() bool { return !d.Bad && d.Off == len(d.Data) }

// Uint reads an unsigned varint.
func (d *Decoder) Uint() uint64 {
	var v uint64
	for shift := 0; shift < 64; shift += 7 {
		if d.Off >= len(d.Data) {
			break
		}
		c := d.Data[d.Off]
		d.Off++
		v |= uint64(c&0x7f) << shift
		if c < 0x80 {
			return v
		}
	}
	d.Bad = true
	return 0
}

// Int reads a signed varint.
func (d *Decoder) Int() int64 {
	u := d.Uint()
	v := int64(u >> 1)
	if u&1 != 0 {
		v = ^v
	}
	return v
}

// Count reads a length, which cannot exceed what is left to read.
func (d *Decoder) Count() int {
	n := d.Uint()
	if n > uint64(len(d.Data)-d.Off) {
		d.Bad = true
		return 0
	}
	return int(n)
}

// Str reads a string, a piece of Data.
func (d *Decoder) Str() string { return d.Fixed(d.Count()) }

// Bytes reads bytes as a copy; none reads as nil.
func (d *Decoder) Bytes() []byte {
	if s := d.Str(); s != "" {
		return []byte(s)
	}
	return nil
}

// Fixed reads n bytes whose length the reader knows.
func (d *Decoder) Fixed(n int) string {
	if n < 0 || n > len(d.Data)-d.Off {
		d.Bad = true
		return ""
	}
	s := d.Data[d.Off : d.Off+n]
	d.Off += n
	return s
}

// Bool reads a byte written by Bool.
func (d *Decoder) Bool() bool {
	switch d.Fixed(1) {
	case "\x00":
		return false
	case "\x01":
		return true
	}
	d.Bad = true
	return false
}

// Strs reads a list of strings; an empty one reads as nil.
func (d *Decoder) Strs() []string {
	n := d.Count()
	if n == 0 {
		return nil
	}
	out := make([]string, n)
	for i := range out {
		out[i] = d.Str()
	}
	return out
}
