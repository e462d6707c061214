// Package markdown owns the one goldmark configuration of brief: CommonMark
// with GitHub tables, strikethrough, autolinks, task lists and footnotes,
// raw HTML omitted, dangerous link schemes removed, stable heading ids, and a
// guard against the inputs that make goldmark slow. It reports what it
// changed as positioned warnings.
package markdown

import (
	"bufio"
	"bytes"
	"html/template"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"unicode/utf8"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"

	"github.com/brief-ssg/brief/internal/briefing"
	"github.com/brief-ssg/brief/internal/diag"
	"github.com/brief-ssg/brief/internal/digest"
)

// MaxNesting is the deepest nesting of lists and block quotes accepted on
// one line; goldmark's time grows with the square of it.
const MaxNesting = 32

// MaxDepth bounds how deeply the parsed Markdown may nest (emphasis in
// emphasis, links in emphasis …), well below the 512 levels at which HTML
// parsers restructure a page.
const MaxDepth = 100

// MaxFootnotes bounds footnote definitions per file, for the same reason.
const MaxFootnotes = 500

// MaxBrackets bounds the unescaped [ per file: each may open a link, and
// goldmark's time grows with their number times their nesting or the length
// of their line ("[a](" repeated 64 000 times takes 13 s).
const MaxBrackets = 10000

// MaxMarkers bounds the list and quote markers that open lines, summed
// over a file: each opens a list item or a quote, and 16 000 lines of 31
// nested items take goldmark 6 s and make 10 MB of HTML.
const MaxMarkers = 50000

// MaxTableColumns bounds the columns of one table, and MaxTableCells the
// cells of all tables of a file: a table's time grows with its cells
// (3 000 columns of 150 rows take 1.5 s).
const (
	MaxTableColumns = 100
	MaxTableCells   = 50000
)

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
			parser.WithASTTransformers(util.Prioritized(guard{}, 100), util.Prioritized(chartBlocks{}, 200)),
			parser.WithInlineParsers(util.Prioritized(figParser{}, 50)),
		),
		goldmark.WithRendererOptions(renderer.WithNodeRenderers(util.Prioritized(figRenderer{}, 100))),
	)
	return &Renderer{md: md, bufs: sync.Pool{New: func() any {
		o := new(output)
		o.w = bufio.NewWriter(&o.buf)
		return o
	}}}
}

// output is where a body is rendered: a buffer, and the buffered writer
// goldmark writes through, which it would otherwise make for every body.
type output struct {
	buf bytes.Buffer
	w   *bufio.Writer
}

// Result is a rendered body.
type Result struct {
	HTML    template.HTML
	Sum     [16]byte             // SHA-256 of HTML, cut to 16 bytes; zero for a refused body
	Summary string               // the first paragraph as plain text
	Links   []briefing.Link      // links to other content files, as markers in HTML
	Refs    []briefing.FigureRef // inline figures and charts, as markers in HTML
	Anchors []string             // heading ids
	Diags   diag.List
}

// Render converts body, which starts on line firstLine of file path.
func (r *Renderer) Render(path string, body []byte, firstLine int) Result {
	rep := &reporter{path: path, src: body, firstLine: firstLine}
	body = rep.clean(body)
	rep.src = body
	if d, ok := precheck(body, rep); !ok {
		return Result{Diags: append(rep.diags, d)}
	}
	ctx := parser.NewContext(parser.WithIDs(newIDs()))
	ctx.Set(reporterKey, rep)
	doc := r.md.Parser().Parse(text.NewReader(body), parser.WithContext(ctx))
	if rep.tooDeep {
		return Result{Diags: rep.diags}
	}
	out := r.bufs.Get().(*output)
	defer r.bufs.Put(out)
	out.buf.Reset()
	out.w.Reset(&out.buf)
	err := r.md.Renderer().Render(out.w, body, doc)
	if err == nil {
		err = out.w.Flush()
	}
	if err != nil {
		rep.diags.Errorf(diag.Pos{File: path, Line: firstLine}, "rendering Markdown: %v", err)
	}
	res := Result{HTML: template.HTML(out.buf.String()), Summary: summary(doc, body), Links: rep.links, Refs: rep.refs, Anchors: rep.anchors, Diags: rep.diags}
	res.Sum = digest.Of(out.buf.Bytes())
	return res
}

// reporter turns offsets in the body into file positions.
type reporter struct {
	path      string
	src       []byte
	firstLine int
	diags     diag.List
	links     []briefing.Link
	refs      []briefing.FigureRef
	anchors   []string
	tooDeep   bool // the body nests deeper than MaxDepth; it is not rendered
}

var reporterKey = parser.NewContextKey()

func (r *reporter) pos(offset int) diag.Pos {
	offset = min(max(offset, 0), len(r.src))
	line := bytes.Count(r.src[:offset], []byte("\n"))
	col := offset - (bytes.LastIndexByte(r.src[:offset], '\n') + 1) + 1
	return diag.Pos{File: r.path, Line: r.firstLine + line, Col: col}
}

// clean replaces invalid UTF-8 and NUL bytes by U+FFFD, with a warning at
// the first few, so the output is valid UTF-8 whatever the input. Bodies
// from frontmatter.Parse are clean already; this guards other callers.
func (r *reporter) clean(body []byte) []byte {
	if utf8.Valid(body) && bytes.IndexByte(body, 0) < 0 {
		return body
	}
	out := make([]byte, 0, len(body)+16)
	warned := 0
	for i := 0; i < len(body); {
		c, n := utf8.DecodeRune(body[i:])
		if c == utf8.RuneError && n <= 1 || c == 0 {
			if warned++; warned <= 10 {
				r.diags.Warnf(r.pos(i), "invalid UTF-8 or NUL byte replaced by U+FFFD; save the file as UTF-8")
			}
			out = append(out, "\uFFFD"...)
			i += max(n, 1)
			continue
		}
		out = append(out, body[i:i+n]...)
		i += n
	}
	return out
}

// footnoteDef matches a footnote definition, wherever it is written: at the
// start of a line or inside a quote or list.
var footnoteDef = regexp.MustCompile(`\[\^[^\]\n]*\]:`)

// precheck refuses bodies that nest lists or quotes too deeply on one line,
// hold too many list items, table cells, footnotes or brackets, before
// goldmark spends seconds on them.
func precheck(body []byte, rep *reporter) (diag.Diagnostic, bool) {
	markers, cells, columns := 0, 0, 0 // columns of the table being read, if any
	prevOff := -1                      // the previous line, a table's header
	for off := 0; off < len(body); {
		end := bytes.IndexByte(body[off:], '\n')
		if end < 0 {
			end = len(body) - off
		}
		line := body[off : off+end]
		depth := nesting(line)
		if depth > MaxNesting {
			return diag.Errorf(rep.pos(off), "lists or quotes nested %d deep on one line (limit %d): flatten them", depth, MaxNesting), false
		}
		if markers += depth; markers > MaxMarkers {
			return diag.Errorf(rep.pos(off), "more than %d list items and quote markers in one file: split it", MaxMarkers), false
		}
		switch {
		case len(bytes.TrimSpace(line)) == 0:
			columns = 0
		case columns > 0:
			if cells += columns; cells > MaxTableCells {
				return diag.Errorf(rep.pos(off), "more than %d table cells in one file: split the tables, or publish the data as a file", MaxTableCells), false
			}
		case prevOff >= 0:
			if n := delimiterRow(line); n > 0 {
				if n > MaxTableColumns {
					return diag.Errorf(rep.pos(prevOff), "table of %d columns (limit %d): split it, or publish the data as a file", n, MaxTableColumns), false
				}
				columns = n
				if cells += 2 * n; cells > MaxTableCells { // the header and the delimiter row
					return diag.Errorf(rep.pos(prevOff), "more than %d table cells in one file: split the tables, or publish the data as a file", MaxTableCells), false
				}
			}
		}
		prevOff = off
		off += end + 1
	}
	if defs := footnoteDef.FindAllIndex(body, MaxFootnotes+1); len(defs) > MaxFootnotes {
		return diag.Errorf(rep.pos(defs[MaxFootnotes][0]), "more than %d footnotes in one file: split it", MaxFootnotes), false
	}
	if at := nthBracket(body, MaxBrackets+1); at >= 0 {
		return diag.Errorf(rep.pos(at), "more than %d [ brackets in one file: split it, or write \\[ for a bracket that opens no link", MaxBrackets), false
	}
	return diag.Diagnostic{}, true
}

// delimiterRow returns the columns of a table's delimiter row (|---|:-:|),
// or 0 when line is none: only pipes, dashes, colons and spaces, with a
// pipe and a dash.
func delimiterRow(line []byte) int {
	line = bytes.TrimSpace(line)
	if bytes.IndexByte(line, '|') < 0 || bytes.IndexByte(line, '-') < 0 {
		return 0
	}
	for _, c := range line {
		if c != '|' && c != '-' && c != ':' && c != ' ' && c != '\t' {
			return 0
		}
	}
	line = bytes.TrimPrefix(bytes.TrimSuffix(line, []byte("|")), []byte("|"))
	return bytes.Count(line, []byte("|")) + 1
}

// nthBracket returns the offset of the n-th [ not escaped by a backslash,
// or -1.
func nthBracket(body []byte, n int) int {
	slashes := 0
	for i, c := range body {
		switch {
		case c == '\\':
			slashes++
			continue
		case c == '[' && slashes%2 == 0:
			if n--; n == 0 {
				return i
			}
		}
		slashes = 0
	}
	return -1
}

// nesting counts the container markers (>, -, *, +, 1.) that open a line.
// A rule is looked for only where the marker changes, since the look stops
// at the next change: the whole line is read a bounded number of times.
func nesting(line []byte) int {
	depth := 0
	var prev byte
	for i := 0; i < len(line); {
		for i < len(line) && (line[i] == ' ' || line[i] == '\t') {
			i++
		}
		if i >= len(line) {
			break
		}
		c := line[i]
		if (c == '-' || c == '*') && c != prev && thematicBreak(line[i:]) {
			return depth // - - - is a rule, not a list
		}
		prev = c
		switch {
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

// thematicBreak reports whether line is a rule: three or more of one of
// - * _ and nothing else but spaces and tabs.
func thematicBreak(line []byte) bool {
	var mark byte
	n := 0
	for _, c := range line {
		switch {
		case c == ' ' || c == '\t':
		case mark == 0 && (c == '-' || c == '*' || c == '_'):
			mark, n = c, 1
		case c == mark:
			n++
		default:
			return false
		}
	}
	return n >= 3
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
			b.Write(util.UnescapePunctuations(t.Segment.Value(src))) // \:fig[ is :fig[
			if t.SoftLineBreak() || t.HardLineBreak() {
				b.WriteByte(' ')
			}
		case *ast.String:
			b.Write(t.Value)
		case *ast.RawHTML:
		case *figRef: // filled in by the site, as in the body
			b.WriteString(briefing.FigureMarker + strconv.Itoa(t.index) + briefing.FigureMarkerEnd)
		default:
			plainText(c, src, b)
		}
	}
}
