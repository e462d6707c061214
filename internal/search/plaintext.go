package search

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// PlainText returns the text of an HTML fragment, as a reader would read
// it: entities decoded, block elements and line breaks separated by a
// space, runs of white space (no-break spaces too) collapsed to one space. The contents of
// script, style, template and other non-text elements are left out, as are
// footnote reference numbers and back links (a.footnote-ref,
// a.footnote-backref), which would otherwise stick to the word before
// them ("talks1").
func PlainText(fragment string) string {
	if text, ok := plainTextSimple(fragment); ok {
		return text
	}
	return plainTextTokens(fragment)
}

// plainTextTokens is PlainText for any HTML, through the tokenizer of
// golang.org/x/net/html.
func plainTextTokens(fragment string) string {
	z := html.NewTokenizer(strings.NewReader(fragment))
	var b strings.Builder
	b.Grow(len(fragment))
	space := false // a space is due before the next text
	skip := 0      // depth inside skipped elements
	var skipTag atom.Atom
	for {
		tt := z.Next()
		switch tt {
		case html.ErrorToken:
			return b.String()
		case html.TextToken:
			if skip > 0 {
				continue
			}
			appendWords(&b, string(z.Text()), &space)
		case html.StartTagToken, html.SelfClosingTagToken:
			a := tagAtom(z.Raw())
			if skip > 0 {
				if a == skipTag && tt == html.StartTagToken {
					skip++
				}
				continue
			}
			switch {
			case skipped[a]:
				skip, skipTag = 1, a
			case a == atom.A && isFootnoteLink(z):
				skip, skipTag = 1, a
			case block[a]:
				space = true
			}
			if skip > 0 && (tt == html.SelfClosingTagToken || isVoid[a]) {
				skip = 0 // no end tag will come
			}
		case html.EndTagToken:
			a := tagAtom(z.Raw())
			if skip > 0 {
				if a == skipTag {
					skip--
				}
				continue
			}
			if block[a] {
				space = true
			}
		}
	}
}

// tagAtom returns the atom of the tag whose raw text is raw, "<p ...>" or
// "</p>", or 0 for a name no atom has. It reads the name as the tokenizer
// does, without the copy Tokenizer.TagName makes of it.
func tagAtom(raw []byte) atom.Atom {
	i := 1
	if i < len(raw) && raw[i] == '/' {
		i++
	}
	var name [16]byte
	n := 0
	for ; i < len(raw); i++ {
		c := raw[i]
		if c == ' ' || c == '\t' || c == '\n' || c == '\f' || c == '\r' || c == '/' || c == '>' {
			break
		}
		if n == len(name) {
			return 0 // longer than any name of an atom this package looks for
		}
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
		}
		name[n] = c
		n++
	}
	return atom.Lookup(name[:n])
}

// isFootnoteLink reports whether the attributes of the current tag have
// class footnote-ref or footnote-backref.
func isFootnoteLink(z *html.Tokenizer) bool {
	for {
		k, v, more := z.TagAttr()
		if string(k) == "class" {
			for _, c := range strings.Fields(string(v)) {
				if c == "footnote-ref" || c == "footnote-backref" {
					return true
				}
			}
		}
		if !more {
			return false
		}
	}
}

var skipped = map[atom.Atom]bool{
	atom.Script: true, atom.Style: true, atom.Template: true, atom.Noscript: true,
	atom.Svg: true, atom.Math: true, atom.Iframe: true, atom.Object: true,
	atom.Textarea: true, atom.Select: true, atom.Button: true,
}

var isVoid = map[atom.Atom]bool{}

// block are the elements whose start and end separate words.
var block = map[atom.Atom]bool{}

func init() {
	for _, a := range []atom.Atom{
		atom.Address, atom.Article, atom.Aside, atom.Blockquote, atom.Br, atom.Caption,
		atom.Dd, atom.Details, atom.Dialog, atom.Div, atom.Dl, atom.Dt, atom.Fieldset,
		atom.Figcaption, atom.Figure, atom.Footer, atom.Form, atom.H1, atom.H2, atom.H3,
		atom.H4, atom.H5, atom.H6, atom.Header, atom.Hr, atom.Img, atom.Li, atom.Main,
		atom.Nav, atom.Ol, atom.P, atom.Pre, atom.Section, atom.Summary, atom.Table,
		atom.Tbody, atom.Td, atom.Tfoot, atom.Th, atom.Thead, atom.Tr, atom.Ul,
	} {
		block[a] = true
	}
	for _, a := range []atom.Atom{atom.Br, atom.Hr, atom.Img, atom.Input, atom.Wbr} {
		isVoid[a] = true
	}
}

// plainTextSimple is PlainText for the HTML that Markdown gives, several
// times faster than the tokenizer: tags of the elements in simpleTags with
// quoted attributes, and text with character references. On anything else
// — comments, other elements, footnote links, NUL bytes — it reports false
// and the tokenizer decides.
func plainTextSimple(fragment string) (string, bool) {
	if strings.IndexByte(fragment, 0) >= 0 {
		return "", false
	}
	var b strings.Builder
	b.Grow(len(fragment))
	space := false // a space is due before the next text
	for i := 0; i < len(fragment); {
		lt := strings.IndexByte(fragment[i:], '<')
		if lt < 0 {
			lt = len(fragment) - i
		}
		if lt > 0 {
			text := fragment[i : i+lt]
			if strings.IndexByte(text, '&') >= 0 {
				text = html.UnescapeString(text)
			}
			appendWords(&b, text, &space)
			i += lt
			continue
		}
		// A tag: <name …>, </name …> or <name …/>.
		j := i + 1
		if j < len(fragment) && fragment[j] == '/' {
			j++
		}
		start := j
		for j < len(fragment) && isASCIIAlnum(fragment[j]) {
			j++
		}
		if j == start || !isASCIILetter(fragment[start]) {
			return "", false // not a tag the simple reading knows
		}
		a := tagAtom([]byte(fragment[i:j]))
		if !simpleTags[a] {
			return "", false
		}
		end, ok := tagEnd(fragment, j)
		if !ok || a == atom.A && strings.Contains(fragment[j:end], "footnote") {
			return "", false
		}
		if block[a] {
			space = true
		}
		i = end
	}
	return b.String(), true
}

// tagEnd returns the index just past the > that closes the tag whose
// attributes start at i; the attribute values must be quoted.
func tagEnd(s string, i int) (int, bool) {
	for i < len(s) {
		switch c := s[i]; c {
		case '>':
			return i + 1, true
		case '"', '\'':
			if s[i-1] != '=' {
				return 0, false
			}
			q := strings.IndexByte(s[i+1:], c)
			if q < 0 {
				return 0, false
			}
			i += q + 2
		case '<':
			return 0, false
		default:
			i++
		}
	}
	return 0, false
}

// appendWords writes the words of text to b, a single space between them
// and before them when space was due.
func appendWords(b *strings.Builder, text string, space *bool) {
	for i := 0; i < len(text); {
		r, n := rune(text[i]), 1
		if r >= utf8.RuneSelf {
			r, n = utf8.DecodeRuneInString(text[i:])
		}
		if unicode.IsSpace(r) {
			*space = true
		} else {
			if *space && b.Len() > 0 {
				b.WriteByte(' ')
			}
			*space = false
			b.WriteString(text[i : i+n])
		}
		i += n
	}
}

func isASCIILetter(c byte) bool { return 'a' <= c|0x20 && c|0x20 <= 'z' }
func isASCIIAlnum(c byte) bool  { return isASCIILetter(c) || '0' <= c && c <= '9' }

// simpleTags are the elements Markdown makes that plainTextSimple reads;
// each is either a block (see block) or inline with its text kept.
var simpleTags = map[atom.Atom]bool{}

func init() {
	for _, a := range []atom.Atom{
		atom.P, atom.H1, atom.H2, atom.H3, atom.H4, atom.H5, atom.H6, atom.Ul, atom.Ol, atom.Li,
		atom.Blockquote, atom.Pre, atom.Code, atom.Em, atom.Strong, atom.Del, atom.S, atom.A,
		atom.Table, atom.Thead, atom.Tbody, atom.Tr, atom.Th, atom.Td, atom.Br, atom.Hr, atom.Img,
		atom.Sup, atom.Sub, atom.Span, atom.Div, atom.Section, atom.Dl, atom.Dt, atom.Dd,
	} {
		simpleTags[a] = true
	}
}
