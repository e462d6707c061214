package markdown

import (
	"bytes"
	"net/url"
	"path"
	"strconv"
	"strings"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"

	"github.com/brief-ssg/brief/internal/briefing"
	"github.com/brief-ssg/brief/internal/slug"
)

// guard is the AST transformer that keeps unsafe content out: it reports raw
// HTML (goldmark omits it), removes links and images whose scheme is not in
// the safe list, and asks for alt text on images. A removed link leaves its
// text; a removed autolink leaves its address as plain text; a removed image
// leaves nothing.
type guard struct{}

func (guard) Transform(doc *ast.Document, reader text.Reader, pc parser.Context) {
	rep, _ := pc.Get(reporterKey).(*reporter)
	if rep == nil {
		return
	}
	src := reader.Source()
	var unwrap, remove, plain []ast.Node
	var headings []*ast.Heading
	depth := 0
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			depth--
			return ast.WalkContinue, nil
		}
		if depth++; depth > MaxDepth && !rep.tooDeep {
			// Browsers and HTML parsers flatten elements past 512 levels:
			// emphasis nested this deep ("_a _a _a … a_ a_") would not
			// show as written, and no briefing needs it.
			rep.tooDeep = true
			rep.diags.Errorf(rep.pos(blockStart(n)), "emphasis, links or other Markdown nested more than %d levels deep: simplify this paragraph, or escape the * and _ characters (\\_)", MaxDepth)
		}
		switch t := n.(type) {
		case *ast.HTMLBlock, *ast.RawHTML:
			rep.diags.Warnf(rep.pos(offsetOf(n, src)), "raw HTML omitted: write Markdown instead")
		case *ast.Link:
			if !SafeURL(string(t.Destination)) {
				rep.diags.Warnf(rep.pos(offsetOf(n, src)), "link to %q removed: only http, https, mailto, tel and relative links are allowed", clip(t.Destination))
				unwrap = append(unwrap, n)
			} else if target, fragment, ok := contentLink(rep.path, string(t.Destination)); ok {
				t.Destination = []byte(briefing.LinkMarker + strconv.Itoa(len(rep.links)))
				rep.links = append(rep.links, briefing.Link{Target: target, Fragment: fragment, Pos: rep.pos(offsetOf(n, src))})
			}
		case *ast.Heading:
			if id, ok := n.AttributeString("id"); ok {
				headings = append(headings, t)
				rep.anchors = append(rep.anchors, string(id.([]byte)))
			}
		case *ast.Image:
			if !SafeURL(string(t.Destination)) {
				rep.diags.Warnf(rep.pos(offsetOf(n, src)), "image %q removed: only http, https and relative sources are allowed", clip(t.Destination))
				remove = append(remove, n)
				return ast.WalkSkipChildren, nil
			}
			var alt strings.Builder
			plainText(n, src, &alt)
			if strings.TrimSpace(alt.String()) == "" {
				rep.diags.Warnf(rep.pos(offsetOf(n, src)), "image without alt text: describe it between the brackets of ![…](…)")
			}
		case *ast.AutoLink:
			if !SafeURL(string(t.URL(src))) {
				rep.diags.Warnf(rep.pos(offsetOf(n, src)), "link to %q removed: only http, https, mailto, tel and relative links are allowed", clip(t.URL(src)))
				plain = append(plain, n)
			}
		}
		return ast.WalkContinue, nil
	})
	for _, n := range unwrap {
		parent := n.Parent()
		for c := n.FirstChild(); c != nil; c = n.FirstChild() {
			parent.InsertBefore(parent, n, c)
		}
		parent.RemoveChild(parent, n)
	}
	for _, n := range remove {
		n.Parent().RemoveChild(n.Parent(), n)
	}
	for _, n := range plain {
		label := n.(*ast.AutoLink).Label(src)
		n.Parent().ReplaceChild(n.Parent(), n, ast.NewString(label))
	}
	for _, h := range headings {
		anchorLink(h)
	}
}

// anchorLink makes a heading's text a link to the heading itself, so a
// reader can copy the address of a section. A heading that holds a link
// already is left alone: links do not nest.
func anchorLink(h *ast.Heading) {
	id, _ := h.AttributeString("id")
	nested := false
	_ = ast.Walk(h, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if entering && (n.Kind() == ast.KindLink || n.Kind() == ast.KindAutoLink) {
			nested = true
			return ast.WalkStop, nil
		}
		return ast.WalkContinue, nil
	})
	if nested || h.ChildCount() == 0 {
		return
	}
	link := ast.NewLink()
	link.Destination = append([]byte("#"), id.([]byte)...)
	link.SetAttributeString("class", []byte("anchor"))
	for c := h.FirstChild(); c != nil; c = h.FirstChild() {
		h.RemoveChild(h, c)
		link.AppendChild(link, c)
	}
	h.AppendChild(h, link)
}

// contentLink recognises a relative link to a Markdown file of the site
// and resolves it against the folder of the file it is written in (from):
// "../2024/foo.md#bar" in content/2025/x.md is content/2024/foo.md, "bar".
func contentLink(from, dest string) (target, fragment string, ok bool) {
	if dest == "" || dest[0] == '/' || dest[0] == '#' || dest[0] == '?' {
		return "", "", false
	}
	u, err := url.Parse(dest)
	if err != nil || u.Scheme != "" || u.Host != "" || !strings.EqualFold(path.Ext(u.Path), ".md") {
		return "", "", false
	}
	return norm.NFC.String(path.Join(path.Dir(from), u.Path)), u.Fragment, true
}

// clip shortens a URL for a message, on a rune boundary.
func clip(b []byte) string {
	s := strings.ToValidUTF8(string(b), "\uFFFD")
	if len(s) > 40 {
		n := 40
		for n > 0 && !utf8.RuneStart(s[n]) {
			n--
		}
		s = s[:n] + "…"
	}
	return s
}

// SafeURL reports whether a link destination may reach the output: relative
// references and the schemes http, https, mailto and tel. The check is made
// the way a browser reads the URL, both on the text as written and after
// the backslash escapes and character references that goldmark decodes when
// it writes the attribute (&#106;avascript: is javascript:): control
// characters and whitespace removed, case ignored. Both must be safe.
func SafeURL(u string) bool {
	decoded := util.ResolveEntityNames(util.ResolveNumericReferences(util.UnescapePunctuations([]byte(u))))
	return safeScheme(u) && safeScheme(string(decoded))
}

func safeScheme(u string) bool {
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

// offsetOf finds the byte offset where a node starts: the [ of a link, the
// ![ of an image, the address of an autolink, the < of raw HTML, else its
// nearest block's first line.
func offsetOf(n ast.Node, src []byte) int {
	switch t := n.(type) {
	case *ast.RawHTML:
		if t.Segments.Len() > 0 {
			return t.Segments.At(0).Start
		}
	case *ast.Link, *ast.Image:
		if c, ok := n.FirstChild().(*ast.Text); ok {
			open := "["
			if n.Kind() == ast.KindImage {
				open = "!["
			}
			if at := c.Segment.Start - len(open); at >= 0 && bytes.HasPrefix(src[at:], []byte(open)) {
				return at
			}
			return c.Segment.Start
		}
	case *ast.AutoLink:
		from := blockStart(n)
		if p, ok := n.PreviousSibling().(*ast.Text); ok {
			from = p.Segment.Stop
		}
		if i := bytes.Index(src[from:], t.Label(src)); i >= 0 {
			return from + i
		}
	}
	return blockStart(n)
}

// blockStart is the offset of the first line of n's nearest block.
func blockStart(n ast.Node) int {
	for c := n; c != nil; c = c.Parent() {
		if c.Type() == ast.TypeBlock && c.Lines().Len() > 0 {
			return c.Lines().At(0).Start
		}
	}
	return 0
}

// ids makes heading ids from slugs, so non-Latin headings keep their words;
// repeated ids get -1, -2 …, and headings without letters get "section".
// next remembers the next suffix to try for each base, so a file of many
// equal headings costs linear, not quadratic, time.
type ids struct {
	used map[string]bool
	next map[string]int
}

func newIDs() *ids {
	s := &ids{used: make(map[string]bool, len(ReservedIDs)), next: map[string]int{}}
	for _, id := range ReservedIDs {
		s.used[id] = true
	}
	return s
}

// ReservedIDs are the ids the default layouts give the parts of a page
// (the main landmark, the search form, the titles of sections): a heading
// whose id would be one of them gets the next free suffix instead ("Main"
// is main-1), so links to the page's parts and to the heading both work.
var ReservedIDs = []string{
	"main", "site-search-q",
	"search-q", "search-hint", "search-actor", "search-tag", "search-from", "search-to", "search-status", "search-results", "search-more",
	"sources-title", "related-title", "highlights-title", "briefings-title", "together-title", "top-tags-title", "actor-figures-title",
}

func (s *ids) Generate(value []byte, kind ast.NodeKind) []byte {
	base := slug.Words(string(bytes.TrimSpace(value)))
	if base == "" {
		base = "section"
	}
	id := base
	for s.used[id] {
		s.next[base]++
		id = base + "-" + strconv.Itoa(s.next[base])
	}
	s.used[id] = true
	return []byte(id)
}

func (s *ids) Put(value []byte) { s.used[string(value)] = true }
