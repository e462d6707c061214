package search

import "testing"

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
