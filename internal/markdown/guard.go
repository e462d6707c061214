package markdown

import (
	"bytes"
	"strconv"
	"strings"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"

	"brief/internal/slug"
)

// guard is the AST transformer that keeps unsafe content out: it reports raw
// HTML (goldmark omits it), removes links and images whose scheme is not in
// the safe list, and asks for alt text on images.
type guard struct{}

func (guard) Transform(doc *ast.Document, reader text.Reader, pc parser.Context) {
	rep, _ := pc.Get(reporterKey).(*reporter)
	if rep == nil {
		return
	}
	src := reader.Source()
	var unsafe []ast.Node
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch t := n.(type) {
		case *ast.HTMLBlock, *ast.RawHTML:
			rep.diags.Warnf(rep.pos(offsetOf(n)), "raw HTML omitted: write Markdown instead")
		case *ast.Link:
			if !SafeURL(string(t.Destination)) {
				rep.diags.Warnf(rep.pos(offsetOf(n)), "link to %q removed: only http, https, mailto, tel and relative links are allowed", clip(t.Destination))
				t.Destination = nil
			}
		case *ast.Image:
			if !SafeURL(string(t.Destination)) {
				rep.diags.Warnf(rep.pos(offsetOf(n)), "image %q removed: only http, https and relative sources are allowed", clip(t.Destination))
				unsafe = append(unsafe, n)
				return ast.WalkSkipChildren, nil
			}
			if t.ChildCount() == 0 {
				rep.diags.Warnf(rep.pos(offsetOf(n)), "image without alt text: describe it between the brackets of ![…](…)")
			}
		case *ast.AutoLink:
			if !SafeURL(string(t.URL(src))) {
				rep.diags.Warnf(rep.pos(offsetOf(n)), "link to %q removed: only http, https, mailto, tel and relative links are allowed", clip(t.URL(src)))
				unsafe = append(unsafe, n)
			}
		}
		return ast.WalkContinue, nil
	})
	for _, n := range unsafe {
		n.Parent().ReplaceChild(n.Parent(), n, ast.NewString([]byte("[removed]")))
	}
}

func clip(b []byte) string {
	s := string(b)
	if len(s) > 40 {
		s = s[:40] + "…"
	}
	return s
}

// SafeURL reports whether a link destination may reach the output: relative
// references and the schemes http, https, mailto and tel. The check is made
// the way a browser reads the URL: control characters and whitespace
// removed, case ignored, entities already decoded by the parser.
func SafeURL(u string) bool {
	var b strings.Builder
	for _, r := range u {
		if r > ' ' && r != 0x7f {
			b.WriteRune(r)
		}
	}
	s := strings.ToLower(b.String())
	colon := strings.IndexByte(s, ':')
	if colon < 0 || strings.ContainsAny(s[:colon], "/?#") {
		return true // relative
	}
	switch s[:colon] {
	case "http", "https", "mailto", "tel":
		return true
	}
	return false
}

// offsetOf finds a byte offset for a node: its own segment, a child's, or
// its nearest block's first line.
func offsetOf(n ast.Node) int {
	for c := n; c != nil; c = c.Parent() {
		switch t := c.(type) {
		case *ast.Text:
			return t.Segment.Start
		case *ast.RawHTML:
			if t.Segments.Len() > 0 {
				return t.Segments.At(0).Start
			}
		}
		if t, ok := c.FirstChild().(*ast.Text); ok && c != n.Parent() {
			return t.Segment.Start
		}
		if c.Type() == ast.TypeBlock && c.Lines().Len() > 0 {
			return c.Lines().At(0).Start
		}
	}
	return 0
}

// ids makes heading ids from slugs, so non-Latin headings keep their words;
// repeated ids get -1, -2 …, and headings without letters get "section".
type ids struct {
	used map[string]bool
}

func newIDs() *ids { return &ids{used: map[string]bool{}} }

func (s *ids) Generate(value []byte, kind ast.NodeKind) []byte {
	base := slug.Words(string(bytes.TrimSpace(value)))
	if base == "" {
		base = "section"
	}
	id := base
	for i := 1; s.used[id]; i++ {
		id = base + "-" + strconv.Itoa(i)
	}
	s.used[id] = true
	return []byte(id)
}

func (s *ids) Put(value []byte) { s.used[string(value)] = true }
