// Package frontmatter splits a Markdown file into its front matter and body
// and decodes YAML, TOML or JSON front matter into one positioned tree, so a
// single strict schema decoder serves all three formats. Positions are file
// positions: the block's own line numbers are shifted by where it starts.
//
// adrg/frontmatter finds the delimited block; the strict checks it does not
// make (unclosed block, duplicate keys, positions) are made here.
package frontmatter

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io"
	"unicode/utf8"

	"github.com/adrg/frontmatter"

	"github.com/brief-ssg/brief/internal/diag"
)

// Kind is the kind of a Node.
type Kind int

// The kinds of node.
const (
	Null Kind = iota
	Scalar
	List
	Map
)

func (k Kind) String() string {
	return [...]string{"null", "a single value", "a list", "a mapping"}[k]
}

// Node is one value of the front matter with its position.
type Node struct {
	Kind   Kind
	Value  string // Scalar: the text of the value
	Items  []*Node
	Fields []Field
	Pos    diag.Pos
}

// Field is one key of a mapping, in the order written.
type Field struct {
	Key    string
	KeyPos diag.Pos
	Value  *Node
}

// Document is a parsed file.
type Document struct {
	Format   string // "yaml", "toml" or "json"
	Root     *Node  // always a Map
	Body     []byte
	BodyLine int // file line on which Body starts
}

// maxDepth bounds nesting; briefings need three levels.
const maxDepth = 64

// Parse splits src (the whole file) and decodes its front matter. The
// returned warnings hold fixes made to the text (invalid UTF-8, NUL bytes);
// a nil Document comes with at least one error.
func Parse(path string, src []byte) (*Document, diag.List) {
	return new(Parser).Parse(path, src)
}

// A Parser parses files one after the other, reusing the buffer of the
// reader it gives the front matter library (4 KB a file otherwise). The
// zero value is ready; a Parser is not safe for concurrent use.
type Parser struct {
	reader *bufio.Reader
}

// Parse is the package's Parse, with p's reader.
func (p *Parser) Parse(path string, src []byte) (*Document, diag.List) {
	src, diags := Clean(path, src)
	start, line := firstLine(src)
	if start < 0 {
		diags.Errorf(diag.Pos{File: path, Line: 1, Col: 1}, "empty file: a briefing starts with front matter (--- title: … date: … ---)")
		return nil, diags
	}
	delim := string(bytes.TrimSpace(lineAt(src, start)))
	pos := diag.Pos{File: path, Line: line, Col: 1}
	var doc *Document
	var errs diag.List
	switch {
	case delim == "---" || delim == "+++" || delim == ";;;":
		doc, errs = p.parseDelimited(path, src, delim, line)
	case delim[0] == '{':
		doc, errs = parseJSONObject(path, src, start, line)
	default:
		errs.Errorf(pos, "no front matter: a briefing starts with a --- (YAML), +++ (TOML) or { (JSON) line")
	}
	return doc, append(diags, errs...)
}

// Clean strips a byte order mark, turns CRLF and lone CR line endings into
// LF and replaces invalid UTF-8 and NUL bytes by U+FFFD with a warning, so
// later stages see clean text and count lines the same way.
func Clean(path string, src []byte) ([]byte, diag.List) {
	src = bytes.TrimPrefix(src, []byte("\xef\xbb\xbf"))
	if bytes.IndexByte(src, '\r') >= 0 {
		src = bytes.ReplaceAll(src, []byte("\r\n"), []byte("\n"))
		src = bytes.ReplaceAll(src, []byte("\r"), []byte("\n"))
	}
	if utf8.Valid(src) && bytes.IndexByte(src, 0) < 0 {
		return src, nil
	}
	var diags diag.List
	out := make([]byte, 0, len(src)+16)
	line, col := 1, 1
	for i := 0; i < len(src); {
		r, n := utf8.DecodeRune(src[i:])
		if r == utf8.RuneError && n <= 1 || r == 0 {
			if len(diags) < 10 {
				diags.Warnf(diag.Pos{File: path, Line: line, Col: col}, "invalid UTF-8 or NUL byte replaced by U+FFFD; save the file as UTF-8")
			}
			out = append(out, "\uFFFD"...)
			i += n
			col++
			continue
		}
		if r == '\n' {
			line, col = line+1, 0
		}
		out = append(out, src[i:i+n]...)
		i += n
		col++
	}
	return out, diags
}

// firstLine returns the offset and 1-based number of the first line that is
// not blank, or -1.
func firstLine(src []byte) (offset, line int) {
	line = 1
	for off := 0; off < len(src); {
		l := lineAt(src, off)
		if len(bytes.TrimSpace(l)) > 0 {
			return off, line
		}
		off += len(l) + 1
		line++
	}
	return -1, 0
}

func lineAt(src []byte, off int) []byte {
	l := src[off:]
	if i := bytes.IndexByte(l, '\n'); i >= 0 {
		l = l[:i]
	}
	return l
}

// parseDelimited handles ---, +++ and ;;; blocks; delimLine is the file line
// of the opening delimiter.
func (p *Parser) parseDelimited(path string, src []byte, delim string, delimLine int) (*Document, diag.List) {
	var block []byte
	found := false
	r := &lineReader{src: src}
	capture := func(data []byte, _ any) error {
		block, found = data, true
		r.done = true
		return nil
	}
	// The library reads through a bufio.Reader, and takes the one it is
	// given as it is. Reading a line at a time, it holds no more of the
	// file than the library asked for.
	if p.reader == nil {
		p.reader = bufio.NewReaderSize(r, 4096)
	} else {
		p.reader.Reset(r)
	}
	_, err := frontmatter.Parse(p.reader, nil, frontmatter.NewFormat(delim, delim, capture))
	p.reader.Reset(nil) // not holding on to src
	var diags diag.List
	if err != nil {
		diags.Errorf(diag.Pos{File: path, Line: delimLine, Col: 1}, "reading front matter: %v", err)
		return nil, diags
	}
	if !found {
		diags.Errorf(diag.Pos{File: path, Line: delimLine, Col: 1}, "front matter not closed: add a line %s after the last field", delim)
		return nil, diags
	}
	body := src[r.off:] // the library read up to the end of the block's last line
	doc := &Document{Body: body, BodyLine: bytes.Count(src[:len(src)-len(body)], []byte("\n")) + 1}
	d := decoder{path: path, lineOffset: delimLine}
	switch delim {
	case "---":
		doc.Format = "yaml"
		doc.Root = d.yaml(block)
	case "+++":
		doc.Format = "toml"
		doc.Root = d.toml(block)
	default:
		doc.Format = "json"
		if len(bytes.TrimSpace(block)) == 0 { // ;;; ;;; like --- ---: no fields
			doc.Root = &Node{Kind: Map, Pos: d.pos(1, 1)}
			break
		}
		doc.Root = d.json(block, 0)
		if doc.Root != nil && !d.jsonTrailing(block) {
			doc.Root = nil
		}
	}
	if doc.Root == nil {
		return nil, d.diags
	}
	return doc, d.diags
}

// lineReader gives src to the front matter library a line at a time, and
// nothing once the block is found (done): the library would otherwise read
// the whole file ahead, and copy the body into a buffer of its own, which
// grows as it goes. The body is src after what was read.
type lineReader struct {
	src  []byte
	off  int // bytes read
	done bool
}

func (r *lineReader) Read(p []byte) (int, error) {
	if r.done || r.off == len(r.src) {
		return 0, io.EOF
	}
	line := r.src[r.off:]
	if i := bytes.IndexByte(line, '\n'); i >= 0 {
		line = line[:i+1]
	}
	n := copy(p, line)
	r.off += n
	return n, nil
}

// decoder turns a block into a Node tree, shifting its positions.
type decoder struct {
	path       string
	lineOffset int // file line = block line + lineOffset
	consumed   int // JSON: bytes of the block the object took
	diags      diag.List
}

func (d *decoder) pos(line, col int) diag.Pos {
	return diag.Pos{File: d.path, Line: line + d.lineOffset, Col: col}
}

func (d *decoder) errorf(line, col int, format string, args ...any) {
	d.diags.Errorf(d.pos(line, col), format, args...)
}

// root checks that n is a mapping; front matter is always one.
func (d *decoder) root(n *Node) *Node {
	switch {
	case n == nil:
		return nil
	case n.Kind == Null:
		return &Node{Kind: Map, Pos: n.Pos}
	case n.Kind != Map:
		d.diags.Errorf(n.Pos, "front matter must be a mapping of keys (title: …), not %s", n.Kind)
		return nil
	}
	return n
}

// checkDuplicates reports a key given twice in one mapping at the second key.
func (d *decoder) checkDuplicates(fields []Field) {
	seen := make(map[string]diag.Pos, len(fields))
	for _, f := range fields {
		if first, ok := seen[f.Key]; ok {
			d.diags.Errorf(f.KeyPos, "duplicate key %q (first given on line %d): keep one", f.Key, first.Line)
			continue
		}
		seen[f.Key] = f.KeyPos
	}
}

var errTooDeep = errors.New("front matter nested too deeply")

func tooDeep(depth int) error {
	if depth > maxDepth {
		return fmt.Errorf("%w (more than %d levels)", errTooDeep, maxDepth)
	}
	return nil
}

// DecodeTOML decodes a whole TOML file, such as brief.toml, into a tree.
func DecodeTOML(path string, src []byte) (*Node, diag.List) {
	src, diags := Clean(path, src)
	d := decoder{path: path}
	n := d.toml(src)
	return n, append(diags, d.diags...)
}
