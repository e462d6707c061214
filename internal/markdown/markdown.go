// Package markdown owns the one goldmark configuration of brief: CommonMark
// with GitHub tables, strikethrough, autolinks, task lists and footnotes,
// raw HTML omitted, dangerous link schemes removed, stable heading ids, and a
// guard against the inputs that make goldmark slow. It reports what it
// changed as positioned warnings.
package markdown

import (
	"bytes"
	"html/template"
	"strings"
	"sync"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"

	"brief/internal/diag"
)

// MaxNesting is the deepest nesting of lists and block quotes accepted on
// one line; goldmark's time grows with the square of it.
const MaxNesting = 32

// MaxFootnotes bounds footnote definitions per file, for the same reason.
const MaxFootnotes = 500

// Renderer converts briefing bodies to HTML. It is safe for concurrent use.
type Renderer struct {
	md   goldmark.Markdown
	bufs sync.Pool
}

// New returns a Renderer.
func New() *Renderer {
	md := goldmark.New(
		goldmark.WithExtensions(extension.GFM, extension.Footnote),
		goldmark.WithParserOptions(
			parser.WithAutoHeadingID(),
			parser.WithASTTransformers(util.Prioritized(guard{}, 100)),
		),
	)
	return &Renderer{md: md, bufs: sync.Pool{New: func() any { return new(bytes.Buffer) }}}
}

// Result is a rendered body.
type Result struct {
	HTML    template.HTML
	Summary string // the first paragraph as plain text
	Diags   diag.List
}

// Render converts body, which starts on line firstLine of file path.
func (r *Renderer) Render(path string, body []byte, firstLine int) Result {
	rep := &reporter{path: path, src: body, firstLine: firstLine}
	if d, ok := precheck(body, rep); !ok {
		return Result{Diags: diag.List{d}}
	}
	ctx := parser.NewContext(parser.WithIDs(newIDs()))
	ctx.Set(reporterKey, rep)
	doc := r.md.Parser().Parse(text.NewReader(body), parser.WithContext(ctx))
	buf := r.bufs.Get().(*bytes.Buffer)
	defer r.bufs.Put(buf)
	buf.Reset()
	if err := r.md.Renderer().Render(buf, body, doc); err != nil {
		rep.diags.Errorf(diag.Pos{File: path, Line: firstLine}, "rendering Markdown: %v", err)
	}
	return Result{HTML: template.HTML(buf.String()), Summary: summary(doc, body), Diags: rep.diags}
}

// reporter turns offsets in the body into file positions.
type reporter struct {
	path      string
	src       []byte
	firstLine int
	diags     diag.List
}

var reporterKey = parser.NewContextKey()

func (r *reporter) pos(offset int) diag.Pos {
	offset = min(max(offset, 0), len(r.src))
	line := bytes.Count(r.src[:offset], []byte("\n"))
	col := offset - (bytes.LastIndexByte(r.src[:offset], '\n') + 1) + 1
	return diag.Pos{File: r.path, Line: r.firstLine + line, Col: col}
}

// precheck refuses bodies that nest lists or quotes too deeply on one line or
// hold too many footnotes, before goldmark spends seconds on them.
func precheck(body []byte, rep *reporter) (diag.Diagnostic, bool) {
	footnotes := 0
	for off := 0; off < len(body); {
		end := bytes.IndexByte(body[off:], '\n')
		if end < 0 {
			end = len(body) - off
		}
		line := body[off : off+end]
		if depth := nesting(line); depth > MaxNesting {
			return diag.Errorf(rep.pos(off), "lists or quotes nested %d deep on one line (limit %d): flatten them", depth, MaxNesting), false
		}
		if bytes.HasPrefix(bytes.TrimLeft(line, " "), []byte("[^")) {
			if footnotes++; footnotes > MaxFootnotes {
				return diag.Errorf(rep.pos(off), "more than %d footnotes in one file: split it", MaxFootnotes), false
			}
		}
		off += end + 1
	}
	return diag.Diagnostic{}, true
}

// nesting counts the container markers (>, -, *, +, 1.) that open a line.
func nesting(line []byte) int {
	depth := 0
	for i := 0; i < len(line); {
		for i < len(line) && (line[i] == ' ' || line[i] == '\t') {
			i++
		}
		if i >= len(line) {
			break
		}
		switch c := line[i]; {
		case c == '>':
			i++
		case c == '-' || c == '*' || c == '+':
			if i+1 < len(line) && line[i+1] != ' ' && line[i+1] != '\t' {
				return depth
			}
			i++
		case c >= '0' && c <= '9':
			j := i
			for j < len(line) && j-i < 9 && line[j] >= '0' && line[j] <= '9' {
				j++
			}
			if j >= len(line) || line[j] != '.' && line[j] != ')' {
				return depth
			}
			i = j + 1
		default:
			return depth
		}
		depth++
	}
	return depth
}

// summary returns the text of the first top-level paragraph.
func summary(doc ast.Node, src []byte) string {
	for n := doc.FirstChild(); n != nil; n = n.NextSibling() {
		if n.Kind() == ast.KindParagraph {
			var b strings.Builder
			plainText(n, src, &b)
			return strings.Join(strings.Fields(b.String()), " ")
		}
	}
	return ""
}

func plainText(n ast.Node, src []byte, b *strings.Builder) {
	for c := n.FirstChild(); c != nil; c = c.NextSibling() {
		switch t := c.(type) {
		case *ast.Text:
			b.Write(t.Segment.Value(src))
			if t.SoftLineBreak() || t.HardLineBreak() {
				b.WriteByte(' ')
			}
		case *ast.String:
			b.Write(t.Value)
		case *ast.RawHTML:
		default:
			plainText(c, src, b)
		}
	}
}
