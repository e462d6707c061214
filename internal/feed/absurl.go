package feed

import (
	"bytes"
	"html"
	"strings"

	nethtml "golang.org/x/net/html"
)

// AbsoluteURLs makes every relative href and src attribute in an HTML
// fragment absolute, as if the fragment were the page at base (an absolute
// URL, such as a briefing's permalink): a feed reader shows the fragment
// away from that page, where "#notes", "/2025/" or "map.png" would point
// elsewhere or nowhere. It only inserts the missing start of each URL —
// the origin before "/x", base before "#x", base's folder before "x" —
// and leaves everything else byte-identical: values with a scheme, empty
// values and values starting with a space. It reads the fragment with
// golang.org/x/net/html's tokenizer, so text, comments and the contents
// of script, style and textarea are never touched; srcset is ignored.
// With an empty base it returns fragment unchanged.
func AbsoluteURLs(fragment, base string) string {
	if base == "" {
		return fragment
	}
	b := newBases(base)
	z := nethtml.NewTokenizer(strings.NewReader(fragment))
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
			raw = rewriteTag(raw, tagAttrs(z), &b)
		}
		out.Write(raw)
	}
	out.WriteString(fragment[min(done, len(fragment)):]) // what the tokenizer dropped, such as an unfinished tag
	return out.String()
}

// AbsoluteURL makes one URL absolute as AbsoluteURLs makes those of a
// fragment from the page at base.
func AbsoluteURL(u, base string) string {
	if base == "" {
		return u
	}
	b := newBases(base)
	return b.prefix(u) + u
}

// bases are the starts AbsoluteURLs inserts before relative URLs of each
// kind, for one base URL.
type bases struct {
	scheme  string // "https:", before "//host/x"
	origin  string // "https://example.org", before "/x"
	page    string // base without its fragment, before "#x"
	query   string // base without query and fragment, before "?x"
	dir     string // base up to its last "/", before "x" and "../x"
	escaped map[string]string
}

func newBases(base string) bases {
	var b bases
	b.page, _, _ = strings.Cut(base, "#")
	b.query, _, _ = strings.Cut(b.page, "?")
	b.dir = b.query
	pathStart := 0
	if i := strings.Index(b.query, "://"); i > 0 && hasScheme(b.query) {
		b.scheme = b.query[:i+1]
		pathStart = i + 3 + len(b.query[i+3:])
		if j := strings.IndexByte(b.query[i+3:], '/'); j >= 0 {
			pathStart = i + 3 + j
		}
		b.origin = b.query[:pathStart]
	}
	if j := strings.LastIndexByte(b.query, '/'); j >= pathStart && j >= 0 {
		b.dir = b.query[:j+1]
	} else {
		b.dir = b.query + "/"
	}
	b.escaped = map[string]string{}
	for _, s := range []string{b.scheme, b.origin, b.page, b.query, b.dir} {
		b.escaped[s] = html.EscapeString(s)
	}
	return b
}

// prefix is what makes u absolute, or "" when it is left as it is.
func (b *bases) prefix(u string) string {
	switch {
	case u == "" || u[0] <= ' ' || hasScheme(u):
		return ""
	case strings.HasPrefix(u, "//"):
		return b.scheme
	case u[0] == '/':
		return b.origin
	case u[0] == '#':
		return b.page
	case u[0] == '?':
		return b.query
	}
	return b.dir
}

// hasScheme reports whether u starts with a URL scheme and a colon.
func hasScheme(u string) bool {
	for i := 0; i < len(u); i++ {
		switch c := u[i]; {
		case 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z':
		case i > 0 && ('0' <= c && c <= '9' || c == '+' || c == '-' || c == '.'):
		case c == ':':
			return i > 0
		default:
			return false
		}
	}
	return false
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

// rewriteTag returns raw, one start tag, with the start of an absolute
// URL inserted before every relative href or src value (bases.prefix).
// attrs is the tokenizer's reading of the tag; when the byte scan of raw
// does not agree with it, raw is returned as it is rather than risk
// editing the wrong bytes.
func rewriteTag(raw []byte, attrs []attr, b *bases) []byte {
	spans := scanTag(raw)
	if len(spans) != len(attrs) {
		return raw
	}
	type insert struct {
		at     int
		prefix string
	}
	var inserts []insert
	for i, a := range attrs {
		if a.key != tokenizerKey(raw[spans[i].key0:spans[i].key1]) {
			return raw
		}
		if a.key == "href" || a.key == "src" {
			if p := b.prefix(a.val); p != "" {
				inserts = append(inserts, insert{spans[i].val0, b.escaped[p]})
			}
		}
	}
	if len(inserts) == 0 {
		return raw
	}
	var out bytes.Buffer
	last := 0
	for _, in := range inserts {
		out.Write(raw[last:in.at])
		out.WriteString(in.prefix)
		last = in.at
	}
	out.Write(raw[last:])
	return out.Bytes()
}

// tokenizerKey is the key the tokenizer reports for a raw attribute name:
// ASCII lowercased, NUL replaced by U+FFFD.
func tokenizerKey(raw []byte) string {
	return strings.ReplaceAll(string(lowerASCII(raw)), "\x00", "\uFFFD")
}
