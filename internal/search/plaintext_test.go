package search

import (
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"testing"

	synthetic "github.com/brief-ssg/brief/internal/corpus"
	"github.com/brief-ssg/brief/internal/markdown"
)

func TestPlainText(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{"", ""},
		{"<p>Hello <em>big</em> world</p>", "Hello big world"},
		{"<p>One</p><p>Two</p>", "One Two"},
		{"<h2 id=\"x\">Title</h2>\n<ul><li>a</li><li>b</li></ul>", "Title a b"},
		{"line<br>break", "line break"},
		{"a&amp;b &lt;tag&gt; caf&eacute; &#8212;", "a&b <tag> café —"},
		{"un<b>bro</b>ken", "unbroken"},
		{"  lots \n\t of   space  ", "lots of space"},
		{"<p>x</p><script>var a = '<p>no</p>';</script><style>p{}</style><p>y</p>", "x y"},
		{`<p>talks<sup id="fnref:1"><a href="#fn:1" class="footnote-ref" role="doc-noteref">1</a></sup> resumed</p>` +
			`<div class="footnotes"><ol><li id="fn:1"><p>Source.&#160;<a href="#fnref:1" class="footnote-backref">&#x21a9;&#xfe0e;</a></p></li></ol></div>`,
			"talks resumed Source."},
		{`<a class="footnote-ref"/>kept`, "kept"},
		{"<table><tr><td>1</td><td>2</td></tr></table>", "1 2"},
		{"<p>unclosed <b>bold", "unclosed bold"},
	} {
		if got := PlainText(c.in); got != c.want {
			t.Errorf("PlainText(%q) = %q, want %q", c.in, got, c.want)
		}
	}
}

// TestPlainTextReadsLikeTheTokenizer checks the fast reading of Markdown's
// HTML against the tokenizer's, on the bodies of a synthetic site, on
// Markdown with every construct, and on random fragments of hostile HTML,
// and that the fast reading is the one taken for ordinary bodies.
func TestPlainTextReadsLikeTheTokenizer(t *testing.T) {
	md := markdown.New()
	var bodies []string
	root := t.TempDir()
	if err := synthetic.Write(root, synthetic.Options{Briefings: 200, Seed: 9}); err != nil {
		t.Fatal(err)
	}
	files, _ := filepath.Glob(filepath.Join(root, "content", "*", "*", "*.md"))
	for _, f := range files {
		src, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		_, body, _ := strings.Cut(strings.TrimPrefix(string(src), "---\n"), "\n---\n")
		bodies = append(bodies, string(md.Render(f, []byte(body), 1).HTML))
	}
	fast := 0
	for _, h := range bodies {
		if _, ok := plainTextSimple(h); ok {
			fast++
		}
	}
	if len(bodies) < 200 || fast < len(bodies)*9/10 {
		t.Fatalf("the fast reading took %d of %d synthetic bodies, want nine in ten", fast, len(bodies))
	}
	for _, m := range []string{
		"# Title\n\nText with *em*, **strong**, `code`, ~~gone~~ and a [link](https://example.org/?a=1&b=2 \"Title > x\").\n",
		"- one\n- two\n  1. three\n\n> quote\n\n---\n\n| a | b |\n|---|:-:|\n| 1 & 2 | <3 |\n",
		"Footnote[^1] here.\n\n[^1]: The note.\n",
		"```go\nif a < b && c > d {}\n```\n\n    indented <code>\n",
		"Raw <b>html</b> and <!-- comment --> and <script>alert(1)</script>.\n",
		"![alt text](img.png \"t\") and line  \nbreak and &copy; &amp; &#169; &notanentity; &amp\n",
		"Café — “quotes” ‘single’ … non\u00a0breaking\u2003space\n",
		"- [x] done\n- [ ] todo\n",
		"Autolink https://example.org and <https://example.org/a_b> and www.example.org.\n",
	} {
		bodies = append(bodies, string(md.Render("t.md", []byte(m), 1).HTML))
	}
	pieces := []string{"<p>", "</p>", "<a href=\"x>y\">", "<a class=\"footnote-ref\" href=\"#f\">", "</a>", "<br/>", "<br>",
		"<img alt='a \"b\"' src=x>", "<em>", "</em>", "<h2 id=\"h\">", "</h2>", "<script>", "</script>", "<!-- c -->",
		"<svg><text>no</text></svg>", "&amp;", "&lt;", "&#8212;", "&eacute", "&bogus;", "a", "word", " ", "\n", "\r\n",
		"\u00a0", "Київ", "<", ">", "</", "<3", "< b", "<P>", "</P >", "<td>", "</td>", "<x-y>", "<textarea>t</textarea>",
		"<a href=unquoted>", "<a title=\"unclosed>", "\x00", "\"", "'", "=", "<code>", "</code>", "<span>", "</span>"}
	rng := rand.New(rand.NewPCG(1, 1))
	for range 20000 {
		var b strings.Builder
		for range rng.IntN(12) {
			b.WriteString(pieces[rng.IntN(len(pieces))])
		}
		bodies = append(bodies, b.String())
	}
	for _, h := range bodies {
		if got, want := PlainText(h), plainTextTokens(h); got != want {
			t.Fatalf("PlainText(%q)\n = %q\nthe tokenizer reads %q", h, got, want)
		}
	}
}
