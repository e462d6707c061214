package markdown

import (
	"fmt"
	"html/template"
	"reflect"
	"strconv"
	"strings"
	"sync"
	"testing"
	"unicode/utf8"

	"github.com/brief-ssg/brief/internal/briefing"
	"github.com/brief-ssg/brief/internal/diag"
	"github.com/brief-ssg/brief/internal/digest"
)

// TestRawHTML is row 16: raw HTML never reaches the output and each block
// or tag earns a warning at its file line (firstLine + offset).
func TestRawHTML(t *testing.T) {
	body := "Intro.\n\n<script>alert(1)</script>\n\n<iframe src=\"https://evil.example/\"></iframe>\n\nText <img src=x onerror=alert(1)> more.\n\n- item <span onclick=\"x()\">b</span>\n\n<!-- a comment -->\n\n<SCRIPT>alert(2)</SCRIPT>\n"
	res := render(body)
	checkDiags(t, res.Diags,
		want{"a.md:12:1", "raw HTML omitted: write Markdown instead"},
		want{"a.md:14:1", "raw HTML omitted"},
		want{"a.md:16:6", "raw HTML omitted"},
		want{"a.md:18:8", "raw HTML omitted"},  // <span …>
		want{"a.md:18:29", "raw HTML omitted"}, // </span>
		want{"a.md:20:1", "raw HTML omitted"},
		want{"a.md:22:1", "raw HTML omitted"},
	)
	out := strings.ToLower(string(res.HTML))
	for _, bad := range []string{"<script", "<iframe", "<img", "onerror", "onclick", "alert", "<span", "a comment"} {
		if strings.Contains(out, bad) {
			t.Errorf("output holds %q:\n%s", bad, res.HTML)
		}
	}
	if !strings.Contains(out, "<p>text <!-- raw html omitted --> more.</p>") {
		t.Errorf("the text around the tag is lost:\n%s", res.HTML)
	}
}

// TestDangerousLinks is rows 17 and 18: no link or image with a dangerous
// scheme reaches the output, however it is spelt, and each removal earns
// a warning at the link.
func TestDangerousLinks(t *testing.T) {
	links := []struct{ md, pos, msg string }{
		{"[a](javascript:alert(1))", "a.md:10:1", `link to "javascript:alert(1)" removed: only http, https, mailto, tel and relative links are allowed`},
		{"[a](JaVaScRiPt:alert(1))", "a.md:10:1", `link to "JaVaScRiPt:alert(1)" removed`},
		{"[a](JAVASCRIPT:alert(1))", "a.md:10:1", "removed"},
		{"[a](&#106;avascript:alert(1))", "a.md:10:1", `link to "&#106;avascript:alert(1)" removed`},
		{"[a](&#x6A;avascript:alert(1))", "a.md:10:1", "removed"},
		{"[a](&#X6a;AVASCRIPT:alert(1))", "a.md:10:1", "removed"},
		{"[a](javascript&colon;alert(1))", "a.md:10:1", "removed"},
		{"[a](javascript&#58;alert(1))", "a.md:10:1", "removed"},
		{"[a](javascript&#x3a;alert(1))", "a.md:10:1", "removed"},
		{"[a](java&Tab;script:alert(1))", "a.md:10:1", `link to "java&Tab;script:alert(1)" removed`},
		{"[a](java&#9;script:alert(1))", "a.md:10:1", "removed"},
		{"[a](java&NewLine;script:alert(1))", "a.md:10:1", "removed"},
		{"[a](&#x20;javascript:alert(1))", "a.md:10:1", "removed"},
		{"[a](&#0;javascript:alert(1))", "a.md:10:1", "removed"},
		{"[a](javascript\\:alert(1))", "a.md:10:1", "removed"},
		{"[a](<javascript:alert(1)>)", "a.md:10:1", "removed"},
		{"[a](<java script:alert(1)>)", "a.md:10:1", "removed"},
		{"[a](javascript:alert(1) \"title\")", "a.md:10:1", "removed"},
		{"[a][ref]\n\n[ref]: javascript:alert(1)", "a.md:10:1", "removed"},
		{"[ref]\n\n[ref]: <JavaScript:alert(1)>", "a.md:10:1", "removed"},
		{"text <javascript:alert(1)>", "a.md:10:7", `link to "javascript:alert(1)" removed`},
		{"<JAVASCRIPT:alert(1)>", "a.md:10:2", "removed"},
		{"<vbscript:msgbox(1)>", "a.md:10:2", "removed"},
		{"[a](vbscript:msgbox(1))", "a.md:10:1", `link to "vbscript:msgbox(1)" removed`},
		{"[a](VBScript:msgbox(1))", "a.md:10:1", "removed"},
		{"[a](file:///etc/passwd)", "a.md:10:1", `link to "file:///etc/passwd" removed`},
		{"[a](FILE://c:/windows)", "a.md:10:1", "removed"},
		{"[a](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)", "a.md:10:1", `link to "data:text/html;base64,PHNjcmlwdD5hbGVydC…" removed`},
		{"[a](data:text/html,%3Cscript%3Ealert(1)%3C/script%3E)", "a.md:10:1", "removed"},
		{"![a](data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoMSk+)", "a.md:10:1", `image "data:image/svg+xml;base64,PHN2ZyBvbmxvYW…" removed: only http, https and relative sources are allowed`},
		{"![a](data:image/png;base64,iVBORw0KGgo=)", "a.md:10:1", "image"},
		{"![a](javascript:alert(1))", "a.md:10:1", `image "javascript:alert(1)" removed`},
		{"Text ![a](vbscript:x) and [b](file:x)", "a.md:10:6", "image"},
		{"[a](%6Aavascript:alert(1))", "a.md:10:1", "removed"},
		{"[a](jar:file:x!/y)", "a.md:10:1", "removed"},
		{"[![img](https://ok.example/i.png)](javascript:alert(1))", "a.md:10:1", "link"},
	}
	for _, l := range links {
		t.Run(l.md, func(t *testing.T) {
			res := render(l.md + "\n")
			if len(res.Diags) == 0 || res.Diags[0].Pos.String() != l.pos || !strings.Contains(res.Diags[0].Msg, l.msg) {
				t.Errorf("diagnostics %v, want %s: …%s…", res.Diags, l.pos, l.msg)
			}
			for _, d := range res.Diags {
				if d.Severity != 1 {
					t.Errorf("%s is not a warning", d)
				}
			}
			if bad := unsafeURLs(t, string(res.HTML)); len(bad) > 0 {
				t.Errorf("dangerous URLs in the output: %q\n%s", bad, res.HTML)
			}
		})
	}
}

// TestRemovedLinksKeepTheirText: a removed link leaves its text, a removed
// autolink its address as text, a removed image nothing.
func TestRemovedLinksKeepTheirText(t *testing.T) {
	tests := []struct{ md, html string }{
		{"See [the *report*](javascript:alert(1)).", "<p>See the <em>report</em>.</p>\n"},
		{"Go <javascript:alert(1)> now", "<p>Go javascript:alert(1) now</p>\n"},
		{"Look ![chart](javascript:x) here", "<p>Look  here</p>\n"},
		{"[![chart](https://ok.example/c.png)](javascript:x)", "<p><img src=\"https://ok.example/c.png\" alt=\"chart\"></p>\n"},
	}
	for _, tt := range tests {
		if got := string(render(tt.md).HTML); got != tt.html {
			t.Errorf("%q rendered\n%s\nwant\n%s", tt.md, got, tt.html)
		}
	}
}

// TestSafeLinks: the allowed schemes and relative references are kept.
func TestSafeLinks(t *testing.T) {
	tests := []struct{ md, href string }{
		{"[a](https://example.org/x?y=1#z)", "https://example.org/x?y=1#z"},
		{"[a](HTTP://EXAMPLE.ORG/)", "HTTP://EXAMPLE.ORG/"},
		{"[a](mailto:desk@example.org)", "mailto:desk@example.org"},
		{"[a](tel:+380441234567)", "tel:+380441234567"},
		{"[a](/2025/11/talks/)", "/2025/11/talks/"},
		{"[a](../2024/foo.html)", "../2024/foo.html"},
		{"[a](#summary)", "#summary"},
		{"[a](?page=2)", "?page=2"},
		{"[a](./javascript:alert)", "./javascript:alert"},
		{"[a](/a:b)", "/a:b"},
		{"<https://example.org/>", "https://example.org/"},
		{"<desk@example.org>", "mailto:desk@example.org"},
		{"www.example.org", "http://www.example.org"},
	}
	for _, tt := range tests {
		res := render(tt.md)
		checkDiags(t, res.Diags)
		if !strings.Contains(string(res.HTML), `href="`+tt.href+`"`) {
			t.Errorf("%q rendered %s, want href %q", tt.md, res.HTML, tt.href)
		}
	}
}

// TestSafeURL: the scheme check itself.
func TestSafeURL(t *testing.T) {
	safe := []string{"", "https://x.org", "http://x", "mailto:a@b", "tel:1", "/a", "a/b:c", "#x:y", "?q=a:b", "x.html", "HTTPS://X", " https://x"}
	unsafe := []string{"javascript:x", " javascript:x", "java\tscript:x", "java\nscript:x", "\x01javascript:x", "JAVASCRIPT:x", "&#106;avascript:x", "javascript&colon;x",
		"javascript&#58;x", `javascript\:x`, "vbscript:x", "file:x", "data:text/html,x", "data:image/png;base64,x", "jar:x", "ftp://x", "\\\\host\\share:x", "java\u00a0script:x"}
	for _, u := range safe {
		if !SafeURL(u) {
			t.Errorf("SafeURL(%q) = false", u)
		}
	}
	for _, u := range unsafe {
		if SafeURL(u) {
			t.Errorf("SafeURL(%q) = true", u)
		}
	}
}

// TestHeadingIDs is row 23: ids are unique and stable, and headings
// without letters get a fallback.
func TestHeadingIDs(t *testing.T) {
	body := "## Summary\n\n## Summary\n\n## 🚀\n\n## 🚀🚀\n\n# Summary 1\n\n## Київ\n\n### Économie & énergie\n\n## Summary-2\n\n## Summary\n"
	want := []string{"summary", "summary-1", "section", "section-1", "summary-1-1", "київ", "economie-energie", "summary-2", "summary-3"}
	for run := range 2 { // the same on every render
		out := string(render(body).HTML)
		var ids []string
		for _, part := range strings.Split(out, ` id="`)[1:] {
			ids = append(ids, part[:strings.IndexByte(part, '"')])
		}
		if strings.Join(ids, " ") != strings.Join(want, " ") {
			t.Errorf("run %d: ids %q, want %q", run, ids, want)
		}
	}
}

// TestManyEqualHeadings: ids of many equal headings cost linear time
// (the counter once made 250 000 of them take minutes).
func TestManyEqualHeadings(t *testing.T) {
	res := render(strings.Repeat("## a\n\n", 20000))
	if !strings.Contains(string(res.HTML), `id="a-19999"`) {
		t.Error("the last heading has not the id a-19999")
	}
}

// TestImagesNeedAlt is row 24: an image without alt text earns a warning
// with its position.
func TestImagesNeedAlt(t *testing.T) {
	res := render("![](chart.png)\n\nText ![ ](map.png) and ![Map of Kyiv](kyiv.png).\n\n- ![](x.png)\n")
	checkDiags(t, res.Diags,
		want{"a.md:10:1", "image without alt text: describe it between the brackets of ![…](…)"},
		want{"a.md:12:6", "image without alt text"},
		want{"a.md:14:3", "image without alt text"},
	)
}

// TestInvalidUTF8 is row 22: invalid bytes and NUL become U+FFFD with a
// warning, and the output is valid UTF-8.
func TestInvalidUTF8(t *testing.T) {
	res := render("Caf\xe9 au lait\n\nNUL \x00 here, \xed\xa0\x80 surrogate.\n")
	checkDiags(t, res.Diags,
		want{"a.md:10:4", "invalid UTF-8 or NUL byte replaced by U+FFFD; save the file as UTF-8"},
		want{"a.md:12:5", "invalid UTF-8 or NUL byte replaced by U+FFFD"},
		want{"a.md:12:13", "invalid UTF-8"},
		want{"a.md:12:14", "invalid UTF-8"},
		want{"a.md:12:15", "invalid UTF-8"},
	)
	if !utf8.ValidString(string(res.HTML)) {
		t.Errorf("output is not UTF-8: %q", res.HTML)
	}
	if want := "<p>Caf\uFFFD au lait</p>\n<p>NUL \uFFFD here, \uFFFD\uFFFD\uFFFD surrogate.</p>\n"; string(res.HTML) != want {
		t.Errorf("got %q, want %q", res.HTML, want)
	}
}

// TestPathological is row 20: bodies that make goldmark slow are refused
// by the pre-check with a clear message before goldmark sees them.
func TestPathological(t *testing.T) {
	footnotes := func(n int, prefix string) string {
		var b strings.Builder
		for i := range n {
			fmt.Fprintf(&b, "Claim[^%d].\n", i)
		}
		b.WriteString("\n")
		for i := range n {
			fmt.Fprintf(&b, "%s[^%d]: Source.\n\n", prefix, i)
		}
		return b.String()
	}
	tests := []struct {
		name, body string
		want       want
	}{
		{"64000 nested lists", strings.Repeat("- ", 64000) + "x", want{"a.md:10:1", "lists or quotes nested 64000 deep on one line (limit 32): flatten them"}},
		{"64000 nested quotes", strings.Repeat(">", 64000), want{"a.md:10:1", "lists or quotes nested 64000 deep on one line (limit 32): flatten them"}},
		{"nested ordered lists after text", "Intro.\n\n" + strings.Repeat("1. ", 40) + "x", want{"a.md:12:1", "lists or quotes nested 40 deep on one line (limit 32)"}},
		{"quotes and lists", strings.Repeat("> - ", 17), want{"a.md:10:1", "lists or quotes nested 34 deep"}},
		{"10000 footnotes", footnotes(10000, ""), want{"a.md:11011:1", "more than 500 footnotes in one file: split it"}},
		{"footnotes in quotes", footnotes(600, "> "), want{"a.md:1611:3", "more than 500 footnotes in one file"}},
		{"64000 nested brackets", strings.Repeat("[", 64000) + strings.Repeat("]", 64000), want{"a.md:10:10001", `more than 10000 [ brackets in one file: split it, or write \[ for a bracket that opens no link`}},
		{"64000 open links", strings.Repeat("[a](", 64000), want{"a.md:10:40001", "more than 10000 [ brackets"}},
		{"64000 open images", strings.Repeat("![a](", 64000), want{"a.md:10:50002", "more than 10000 [ brackets"}},
		{"escaped backslash before a bracket", strings.Repeat(`\\[`, 11000), want{"a.md:10:30003", "more than 10000 [ brackets"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res := render(tt.body)
			checkDiags(t, res.Diags, tt.want)
			if res.Diags[0].Severity != 0 {
				t.Errorf("%s is not an error", res.Diags[0])
			}
			if res.HTML != "" {
				t.Errorf("a refused body rendered %d bytes", len(res.HTML))
			}
		})
	}
}

// TestNearlyPathological: what the pre-check must let through.
func TestNearlyPathological(t *testing.T) {
	tests := []struct{ name, body, contains string }{
		{"32 nested lists", strings.Repeat("- ", 32) + "deep", "deep</li>"},
		{"a spaced rule is no list", strings.Repeat("- ", 60) + "\n", "<hr>"},
		{"a spaced rule in a quote", "> " + strings.Repeat("* ", 60) + "\n", "<blockquote>\n<hr>"},
		{"500 footnotes", strings.Repeat("x[^0]\n", 10) + "\n" + func() string {
			var b strings.Builder
			for i := range 500 {
				fmt.Fprintf(&b, "[^%d]: y\n\n", i)
			}
			return b.String()
		}(), "footnote"},
		{"escaped brackets", strings.Repeat(`\[`, 20000), "[[[["},
		{"10000 brackets", strings.Repeat("[a] ", 10000), "[a] [a]"},
		{"a long task list", strings.Repeat("- [ ] task\n", 5000), "checkbox"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res := render(tt.body)
			checkDiags(t, res.Diags.Errors())
			if !strings.Contains(string(res.HTML), tt.contains) {
				t.Errorf("output lacks %q", tt.contains)
			}
		})
	}
}

// TestSummary: the default summary is the first paragraph as plain text.
func TestSummary(t *testing.T) {
	tests := []struct{ body, want string }{
		{"# Title\n\nThe *first*  paragraph\nwith [a link](https://x.org/) and `code`.\n\nSecond.", "The first paragraph with a link and code."},
		{"Raw <b>HTML</b> is dropped.", "Raw HTML is dropped."},
		{"- a list\n\nThen text.", "Then text."},
		{"# Only a heading", ""},
		{"Unsafe [link](javascript:x) text.", "Unsafe link text."},
	}
	for _, tt := range tests {
		if got := render(tt.body).Summary; got != tt.want {
			t.Errorf("summary of %q = %q, want %q", tt.body, got, tt.want)
		}
	}
}

// TestExtensions: the GitHub extensions the format promises (docs/format.md).
func TestExtensions(t *testing.T) {
	out := string(render("| a | b |\n|---|---|\n| 1 | 2 |\n\n~~gone~~ https://example.org\n\n- [x] done\n\nNote[^1].\n\n[^1]: Source.\n").HTML)
	for _, s := range []string{"<table>", "<del>gone</del>", `<a href="https://example.org">`, `type="checkbox"`, `class="footnote-ref"`} {
		if !strings.Contains(out, s) {
			t.Errorf("output lacks %q:\n%s", s, out)
		}
	}
}

// TestRenderConcurrently: one Renderer serves many goroutines with the same
// output (run with -race).
func TestRenderConcurrently(t *testing.T) {
	body := "## Summary\n\n## Summary\n\nText <b>x</b> [a](javascript:y).\n"
	want := render(body)
	var wg sync.WaitGroup
	for range 8 {
		wg.Go(func() {
			for range 20 {
				got := render(body)
				if got.HTML != want.HTML || got.Diags.Error() != want.Diags.Error() {
					t.Error("concurrent render differs")
					return
				}
			}
		})
	}
	wg.Wait()
}

// TestSum: the sum of a body is the digest of its HTML, the same for the
// same HTML and another for another.
func TestSum(t *testing.T) {
	var zero [16]byte
	seen := map[[16]byte]template.HTML{}
	for _, body := range []string{"Text.\n", "Other *text*.\n", "Text.\n", ""} {
		res := render(body)
		full := digest.OfString(string(res.HTML))
		if res.Sum != full || (res.HTML != "" && res.Sum == zero) {
			t.Errorf("%q: sum %x, want %x", body, res.Sum, full)
		}
		if html, ok := seen[res.Sum]; ok && html != res.HTML {
			t.Errorf("%q and %q have the same sum", html, res.HTML)
		}
		seen[res.Sum] = res.HTML
	}
}

// BenchmarkPathological measures row 20's bodies: refused ones take the
// pre-check's time, the largest accepted ones goldmark's.
func BenchmarkPathological(b *testing.B) {
	bodies := map[string]string{
		"refused-lists":       strings.Repeat("- ", 64000) + "x",
		"refused-brackets":    strings.Repeat("[", 64000) + strings.Repeat("]", 64000),
		"accepted-open-links": strings.Repeat("[a](", MaxBrackets),
		"accepted-brackets":   strings.Repeat("[", MaxBrackets/2) + strings.Repeat("]", MaxBrackets/2),
		"accepted-lists":      strings.Repeat(strings.Repeat("- ", MaxNesting)+"x\n", 5000),
	}
	for name, body := range bodies {
		b.Run(name, func(b *testing.B) {
			for b.Loop() {
				testRenderer.Render("a.md", []byte(body), 1)
			}
		})
	}
}

// TestContentLinks: links to other content files become numbered markers,
// resolved against the linking file's folder, with their positions.
func TestContentLinks(t *testing.T) {
	body := "See [the talks](../2024/foo.md#outcome) and\n[profile](actors/rustem-umerov.md), [same](x.MD).\n\n" +
		"Not these: [web](https://x.org/a.md), [root](/a.md), [page](bar.html), [anchor](#a.md).\n" +
		"[NFD](caf\u0065\u0301.md)\n"
	res := testRenderer.Render("content/2025/x.md", []byte(body), 5)
	checkDiags(t, res.Diags)
	want := []briefing.Link{
		{Target: "content/2024/foo.md", Fragment: "outcome", Pos: diag.Pos{File: "content/2025/x.md", Line: 5, Col: 5}},
		{Target: "content/2025/actors/rustem-umerov.md", Pos: diag.Pos{File: "content/2025/x.md", Line: 6, Col: 1}},
		{Target: "content/2025/x.MD", Pos: diag.Pos{File: "content/2025/x.md", Line: 6, Col: 37}},
		{Target: "content/2025/caf\u00e9.md", Pos: diag.Pos{File: "content/2025/x.md", Line: 9, Col: 1}},
	}
	if !reflect.DeepEqual(res.Links, want) {
		t.Errorf("links =\n%+v\nwant\n%+v", res.Links, want)
	}
	html := string(res.HTML)
	for i := range want {
		if !strings.Contains(html, `href="`+briefing.LinkMarker+strconv.Itoa(i)+`"`) {
			t.Errorf("no marker %d in %s", i, html)
		}
	}
	for _, kept := range []string{`href="https://x.org/a.md"`, `href="/a.md"`, `href="bar.html"`, `href="#a.md"`} {
		if !strings.Contains(html, kept) {
			t.Errorf("%s changed: %s", kept, html)
		}
	}
}

// TestHeadingAnchors: every heading links to itself by its id, and the ids
// are reported for links from other briefings.
func TestHeadingAnchors(t *testing.T) {
	res := render("## Summary\n\n## Summary\n\n### [Linked](https://x.org)\n\n## 🙂\n")
	checkDiags(t, res.Diags)
	for _, want := range []string{
		`<h2 id="summary"><a href="#summary" class="anchor">Summary</a></h2>`,
		`<h2 id="summary-1"><a href="#summary-1" class="anchor">Summary</a></h2>`,
		`<h3 id="linked-https-x-org"><a href="https://x.org">Linked</a></h3>`,
		`<h2 id="section"><a href="#section" class="anchor">🙂</a></h2>`,
	} {
		if !strings.Contains(string(res.HTML), want) {
			t.Errorf("missing %s in\n%s", want, res.HTML)
		}
	}
	if got := strings.Join(res.Anchors, " "); got != "summary summary-1 linked-https-x-org section" {
		t.Errorf("anchors = %q", got)
	}
}

// TestDeepNestingIsRefused: emphasis nested hundreds of levels deep (found
// by FuzzRender) is an error, not a page that browsers would restructure.
func TestDeepNestingIsRefused(t *testing.T) {
	body := "Intro.\n\n" + strings.Repeat("_x ", 300) + strings.Repeat("x_ ", 300) + "\n"
	res := render(body)
	checkDiags(t, res.Diags, want{"a.md:12:1", "emphasis, links or other Markdown nested more than 100 levels deep"})
	if res.HTML != "" {
		t.Errorf("rendered anyway: %d bytes", len(res.HTML))
	}
	// Deep but legal nesting still renders.
	ok := render(strings.Repeat("> ", 30) + "*a **b** [c](https://x.org)*\n")
	checkDiags(t, ok.Diags)
	if !strings.Contains(string(ok.HTML), "<strong>b</strong>") {
		t.Errorf("30 quotes deep: %s", ok.HTML)
	}
}
