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
			text := z.Text()
			for i := 0; i < len(text); {
				r, n := rune(text[i]), 1
				if r >= utf8.RuneSelf {
					r, n = utf8.DecodeRune(text[i:])
				}
				if unicode.IsSpace(r) {
					space = true
				} else {
					if space && b.Len() > 0 {
						b.WriteByte(' ')
					}
					space = false
					b.Write(text[i : i+n])
				}
				i += n
			}
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
