package feed

import (
	"net/url"
	"strings"
	"testing"

	nethtml "golang.org/x/net/html"
)

const (
	origin = "https://example.org"
	base   = origin + "/2025/12/a/" // the page a fragment is from
)

func TestAbsoluteURLs(t *testing.T) {
	for _, tc := range []struct{ name, in, want string }{
		{"double-quoted href", `<a href="/x">x</a>`, `<a href="https://example.org/x">x</a>`},
		{"single-quoted src", `<img src='/y.png' alt=''>`, `<img src='https://example.org/y.png' alt=''>`},
		{"unquoted", `<a href=/x?a=1&amp;b=2>x</a>`, `<a href=https://example.org/x?a=1&amp;b=2>x</a>`},
		{"self-closing", `<img src="/a.png"/>`, `<img src="https://example.org/a.png"/>`},
		{"upper case, spaces around =", `<A HREF = "/x" >x</A>`, `<A HREF = "https://example.org/x" >x</A>`},
		{"both on one tag", `<video src="/v.mp4" poster="/p.png"><source src="/v.webm"></video>`, `<video src="https://example.org/v.mp4" poster="/p.png"><source src="https://example.org/v.webm"></video>`},
		{"link and script", `<link rel="stylesheet" href="/s.css"><script src="/app.js"></script>`, `<link rel="stylesheet" href="https://example.org/s.css"><script src="https://example.org/app.js"></script>`},
		{"escaped slash", `<a href="&#47;x">x</a>`, `<a href="https://example.org&#47;x">x</a>`},
		{"protocol-relative", `<img src="//cdn.example.net/a.png">`, `<img src="https://cdn.example.net/a.png">`},
		{"absolute", `<a href="https://other.example/x">x</a>`, `<a href="https://other.example/x">x</a>`},
		{"heading anchor", `<h2 id="frag">T <a class="anchor" href="#frag">#</a></h2>`, `<h2 id="frag">T <a class="anchor" href="https://example.org/2025/12/a/#frag">#</a></h2>`},
		{"query", `<a href="?page=2">x</a>`, `<a href="https://example.org/2025/12/a/?page=2">x</a>`},
		{"other schemes", `<a href="javascript:x()">x</a><a href="HTTP://a.example/">a</a><img src="data:image/png;base64,AA">`, `<a href="javascript:x()">x</a><a href="HTTP://a.example/">a</a><img src="data:image/png;base64,AA">`},
		{"mailto", `<a href="mailto:desk@example.org">mail</a>`, `<a href="mailto:desk@example.org">mail</a>`},
		{"relative", `<a href="x/y">x</a> <a href="../z">z</a> <img src=map.png>`, `<a href="https://example.org/2025/12/a/x/y">x</a> <a href="https://example.org/2025/12/a/../z">z</a> <img src=https://example.org/2025/12/a/map.png>`},
		{"escaped fragment", `<a href="&#35;x">x</a>`, `<a href="https://example.org/2025/12/a/&#35;x">x</a>`},
		{"empty href", `<a href="">x</a><a href>y</a>`, `<a href="">x</a><a href>y</a>`},
		{"leading space", `<a href=" /x">x</a>`, `<a href=" /x">x</a>`},
		{"other attributes", `<a title="/x" data-href="/y" srcset="/a.png 2x" href="/z">x</a>`, `<a title="/x" data-href="/y" srcset="/a.png 2x" href="https://example.org/z">x</a>`},
		{"text content", `<p>see href="/x" and /y</p>`, `<p>see href="/x" and /y</p>`},
		{"comment", `<!-- <a href="/x"> -->`, `<!-- <a href="/x"> -->`},
		{"script body", `<script>var s = '<img src="/x">';</script>`, `<script>var s = '<img src="/x">';</script>`},
		{"textarea body", `<textarea><a href="/x"></textarea>`, `<textarea><a href="/x"></textarea>`},
		{"end tag", `</a href="/x">`, `</a href="/x">`},
		{"duplicate attribute: the first counts", `<a href="https://a.example/" href="/x">x</a>`, `<a href="https://a.example/" href="/x">x</a>`},
		{"duplicate root-relative", `<a href="/x" HREF="/y">x</a>`, `<a href="https://example.org/x" HREF="/y">x</a>`},
		{"slash before attribute", `<img/src="/a.png">`, `<img/src="https://example.org/a.png">`},
		{"equals sign first", `<a =x href="/y">y</a>`, `<a =x href="https://example.org/y">y</a>`},
		{"unfinished tag", `<p>ok</p><a href="/x`, `<p>ok</p><a href="/x`},
		{"entities and odd bytes kept", "<p title='&amp;'>A &amp; B\x00 \xff &nbsp;</p>", "<p title='&amp;'>A &amp; B\x00 \xff &nbsp;</p>"},
		{"empty", "", ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := AbsoluteURLs(tc.in, base); got != tc.want {
				t.Errorf("AbsoluteURLs(%q)\n got %q\nwant %q", tc.in, got, tc.want)
			}
		})
	}
}

// TestAbsoluteURLsLeavesRestIdentical: a long fragment with a single
// root-relative link changes only by the inserted origin.
func TestAbsoluteURLsLeavesRestIdentical(t *testing.T) {
	body := "<h1>Títle &amp; “quotes” 🇺🇦</h1>\n<p dir=rtl>محادثات <em>السلام</em></p>\r\n" +
		`<table><tr><td><a href='https://x.example/'>x</a></td></tr></table><br/><hr>` +
		"<!-- note --><pre>  keep\tthis  </pre><?php no ?><![CDATA[ x ]]>"
	in := body + `<a class=c href="/here">here</a>` + body
	want := body + `<a class=c href="https://example.org/here">here</a>` + body
	if got := AbsoluteURLs(in, base); got != want {
		t.Errorf("got\n%q\nwant\n%q", got, want)
	}
}

// FuzzAbsoluteURLs checks AbsoluteURLs against the tokenizer itself: with
// no base it changes nothing; with one, the output has the same tokens,
// except that every relative href and src is now absolute.
func FuzzAbsoluteURLs(f *testing.F) {
	for _, s := range []string{
		`<a href="/x">x</a>`, `<img src='/y' alt=x>`, `<a href=/x>`, `<a =x href="/y">`,
		`<img/src="/a.png">`, `<a href="/x" HREF="/y">`, `<a href="&#47;x">`, `<a href = '/x' / >`,
		`<script>"<a href='/x'>"</script>`, `<p>text</p><a href="/x`, `<a b= href=/c>`,
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, in string) {
		if got := AbsoluteURLs(in, ""); got != in {
			t.Fatalf("with no base AbsoluteURLs(%q) = %q", in, got)
		}
		got := AbsoluteURLs(in, base)
		a, b := tokens(in), tokens(got)
		if len(a) != len(b) {
			t.Fatalf("%d tokens became %d:\n%q\n%q", len(a), len(b), in, got)
		}
		for i := range a {
			if want := absolute(a[i]); want.String() != b[i].String() {
				t.Fatalf("token %d: %q, want %q\nin  %q\nout %q", i, b[i].String(), want.String(), in, got)
			}
		}
	})
}

// tokens returns the tokens of s.
func tokens(s string) []nethtml.Token {
	z := nethtml.NewTokenizer(strings.NewReader(s))
	var out []nethtml.Token
	for z.Next() != nethtml.ErrorToken {
		out = append(out, z.Token())
	}
	return out
}

// absolute is what AbsoluteURLs should make of tok.
func absolute(tok nethtml.Token) nethtml.Token {
	if tok.Type != nethtml.StartTagToken && tok.Type != nethtml.SelfClosingTagToken {
		return tok
	}
	attrs := append([]nethtml.Attribute(nil), tok.Attr...)
	for i, a := range attrs {
		if a.Key != "href" && a.Key != "src" || a.Val == "" || a.Val[0] <= ' ' {
			continue
		}
		u, err := url.Parse(a.Val)
		if err == nil && u.IsAbs() {
			continue
		}
		switch {
		case strings.HasPrefix(a.Val, "//"):
			attrs[i].Val = "https:" + a.Val
		case a.Val[0] == '/':
			attrs[i].Val = origin + a.Val
		case err != nil && strings.Contains(strings.SplitN(a.Val, "/", 2)[0], ":"):
			// Not a URL net/url reads; AbsoluteURLs makes the same call.
			if hasScheme(a.Val) {
				continue
			}
			attrs[i].Val = base + a.Val
		default:
			attrs[i].Val = base + a.Val
		}
	}
	tok.Attr = attrs
	return tok
}
