package frontmatter

import (
	"bytes"
	"encoding/json"
	"errors"
	"io"
	"strings"

	"github.com/brief-ssg/brief/internal/diag"
)

// parseJSONObject handles front matter that is a JSON object starting the
// file: the object ends where the JSON decoder says, so no blank line is
// needed after the closing brace.
func parseJSONObject(path string, src []byte, start, line int) (*Document, diag.List) {
	d := decoder{path: path, lineOffset: line - 1}
	root := d.json(src[start:], 0)
	if root == nil {
		return nil, d.diags
	}
	end := start + d.consumed
	// The rest of the closing line must be blank.
	rest := lineAt(src, end)
	if len(bytes.TrimSpace(rest)) > 0 {
		at := end + len(rest) - len(bytes.TrimLeft(rest, " \t"))
		line, col := lineCol(src[start:], at-start)
		d.errorf(line, col, "text after the closing } of the front matter: start the body on the next line")
		return nil, d.diags
	}
	end += len(rest)
	if end < len(src) {
		end++
	}
	body := src[end:]
	return &Document{Format: "json", Root: root, Body: body, BodyLine: bytes.Count(src[:end], []byte("\n")) + 1}, d.diags
}

// jsonTrailing reports text after the object in a ;;; block, which would
// otherwise be dropped without a word; it reports whether there was none.
func (d *decoder) jsonTrailing(block []byte) bool {
	rest := block[d.consumed:]
	trimmed := bytes.TrimLeft(rest, " \t\r\n")
	if len(trimmed) == 0 {
		return true
	}
	line, col := lineCol(block, len(block)-len(trimmed))
	d.errorf(line, col, "text after the closing } of the JSON front matter: move it into the object or below the closing ;;;")
	return false
}

// lineCol turns a byte offset of b into a 1-based line and column.
func lineCol(b []byte, off int) (int, int) {
	off = min(max(off, 0), len(b))
	line := bytes.Count(b[:off], []byte("\n")) + 1
	col := off - (bytes.LastIndexByte(b[:off], '\n') + 1) + 1
	return line, col
}

// jsonReader walks JSON tokens and knows the position of each.
type jsonReader struct {
	*decoder
	src []byte
	dec *json.Decoder
}

func (d *decoder) json(block []byte, _ int) *Node {
	r := &jsonReader{decoder: d, src: block, dec: json.NewDecoder(bytes.NewReader(block))}
	r.dec.UseNumber()
	n, err := r.value(0)
	if err != nil {
		r.fail(err)
		return nil
	}
	d.consumed = int(r.dec.InputOffset())
	return d.root(n)
}

func (r *jsonReader) fail(err error) {
	var syn *json.SyntaxError
	off := int(r.dec.InputOffset())
	msg := err.Error()
	if errors.As(err, &syn) {
		off = int(syn.Offset)
	}
	if errors.Is(err, io.EOF) || errors.Is(err, io.ErrUnexpectedEOF) {
		msg = "front matter not closed: the JSON object has no closing }"
		off = 0
	}
	line, col := r.lineCol(off)
	r.errorf(line, col, "JSON: %s", msg)
}

// lineCol turns a byte offset into a block line and column.
func (r *jsonReader) lineCol(off int) (int, int) { return lineCol(r.src, off) }

// next reads a token and returns the position where it starts.
func (r *jsonReader) next() (json.Token, diag.Pos, error) {
	off := int(r.dec.InputOffset())
	for off < len(r.src) && strings.IndexByte(" \t\r\n,:", r.src[off]) >= 0 {
		off++
	}
	tok, err := r.dec.Token()
	line, col := r.lineCol(off)
	return tok, r.pos(line, col), err
}

func (r *jsonReader) value(depth int) (*Node, error) {
	tok, pos, err := r.next()
	if err != nil {
		return nil, err
	}
	if err := tooDeep(depth); err != nil {
		return nil, err
	}
	switch t := tok.(type) {
	case json.Delim:
		if t == '[' {
			return r.list(pos, depth)
		}
		if t == '{' {
			return r.object(pos, depth)
		}
		return nil, errors.New("unexpected " + t.String())
	case nil:
		return &Node{Kind: Null, Pos: pos}, nil
	case string:
		return &Node{Kind: Scalar, Value: t, Pos: pos}, nil
	case json.Number:
		return &Node{Kind: Scalar, Value: t.String(), Pos: pos}, nil
	case bool:
		v := "false"
		if t {
			v = "true"
		}
		return &Node{Kind: Scalar, Value: v, Pos: pos}, nil
	}
	return nil, errors.New("unexpected token")
}

func (r *jsonReader) list(pos diag.Pos, depth int) (*Node, error) {
	n := &Node{Kind: List, Pos: pos}
	for r.dec.More() {
		item, err := r.value(depth + 1)
		if err != nil {
			return nil, err
		}
		n.Items = append(n.Items, item)
	}
	_, _, err := r.next() // ]
	return n, err
}

func (r *jsonReader) object(pos diag.Pos, depth int) (*Node, error) {
	n := &Node{Kind: Map, Pos: pos}
	for r.dec.More() {
		tok, kpos, err := r.next()
		if err != nil {
			return nil, err
		}
		key, _ := tok.(string)
		v, err := r.value(depth + 1)
		if err != nil {
			return nil, err
		}
		n.Fields = append(n.Fields, Field{Key: key, KeyPos: kpos, Value: v})
	}
	r.checkDuplicates(n.Fields)
	_, _, err := r.next() // }
	return n, err
}
