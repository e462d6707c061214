package feed

import (
	"bytes"
	"html"
	"strings"

	nethtml "golang.org/x/net/html"
)

// AbsoluteURLs rewrites root-relative href and src attributes (starting with
// "/" but not "//") in an HTML fragment to absolute ones by prefixing origin
// ("https://example.org", no trailing slash); everything else is left
// byte-identical. It reads the fragment with golang.org/x/net/html's
// tokenizer, so text, comments and the contents of script, style and
// textarea are never touched; srcset is ignored.
func AbsoluteURLs(fragment, origin string) string {
	z := nethtml.NewTokenizer(strings.NewReader(fragment))
	prefix := []byte(html.EscapeString(origin))
	var out strings.Builder
	out.Grow(len(fragment))
	done := 0 // bytes of fragment already copied to out
	for {
		tt := z.Next()
		if tt == nethtml.ErrorToken {
			break
		}
		raw := z.Raw()
		done += len(raw)
		if tt == nethtml.StartTagToken || tt == nethtml.SelfClosingTagToken {
			raw = rewriteTag(raw, tagAttrs(z), prefix)
		}
		out.Write(raw)
	}
	out.WriteString(fragment[min(done, len(fragment)):]) // what the tokenizer dropped, such as an unfinished tag
	return out.String()
}

// attr is one attribute as the tokenizer reports it.
type attr struct{ key, val string }

// tagAttrs returns the current tag's attributes, keys lowercased and values
// unescaped.
func tagAttrs(z *nethtml.Tokenizer) []attr {
	var attrs []attr
	for more := true; more; {
		var k, v []byte
		k, v, more = z.TagAttr()
		if len(k) > 0 {
			attrs = append(attrs, attr{string(k), string(v)})
		}
	}
	return attrs
}

// rewriteTag returns raw, one start tag, with prefix inserted before every
// root-relative href or src value. attrs is the tokenizer's reading of the
// tag; when the byte scan of raw does not agree with it, raw is returned
// as it is rather than risk editing the wrong bytes.
func rewriteTag(raw []byte, attrs []attr, prefix []byte) []byte {
	spans := scanTag(raw)
	if len(spans) != len(attrs) {
		return raw
	}
	var inserts []int
	for i, a := range attrs {
		if a.key != tokenizerKey(raw[spans[i].key0:spans[i].key1]) {
			return raw
		}
		if (a.key == "href" || a.key == "src") && rootRelative(a.val) {
			inserts = append(inserts, spans[i].val0)
		}
	}
	if len(inserts) == 0 {
		return raw
	}
	var b bytes.Buffer
	last := 0
	for _, at := range inserts {
		b.Write(raw[last:at])
		b.Write(prefix)
		last = at
	}
	b.Write(raw[last:])
	return b.Bytes()
}

// tokenizerKey is the key the tokenizer reports for a raw attribute name:
// ASCII lowercased, NUL replaced by U+FFFD.
func tokenizerKey(raw []byte) string {
	return strings.ReplaceAll(string(lowerASCII(raw)), "\x00", "\uFFFD")
}

// rootRelative reports whether u is a path on the same origin: "/x" but not
// "//host/x".
func rootRelative(u string) bool {
	return strings.HasPrefix(u, "/") && !strings.HasPrefix(u, "//")
}
