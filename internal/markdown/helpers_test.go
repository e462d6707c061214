package markdown

import (
	"strings"
	"testing"

	"golang.org/x/net/html"

	"github.com/brief-ssg/brief/internal/diag"
	"github.com/brief-ssg/brief/internal/diag/diagtest"
)

// want is one expected diagnostic: its exact position (path:line:col) and
// a fragment of its message.
type want struct {
	pos, msg string
}

// checkDiags asserts that got holds exactly the wanted diagnostics, in
// order; see diagtest.Check.
func checkDiags(t *testing.T, got diag.List, wants ...want) {
	t.Helper()
	ws := make([]diagtest.Want, len(wants))
	for i, w := range wants {
		ws[i] = diagtest.Want{Pos: w.pos, Msg: w.msg}
	}
	diagtest.Check(t, got, ws...)
}

// firstLine is where test bodies start in their file, as if after a
// nine-line front matter block: every position must add it.
const firstLine = 10

var testRenderer = New()

// render renders body as the body of a.md starting on firstLine.
func render(body string) Result {
	return testRenderer.Render("a.md", []byte(body), firstLine)
}

// dangerousSchemes are the schemes no href or src may begin with.
var dangerousSchemes = []string{"javascript:", "vbscript:", "file:", "data:"}

// unsafeURLs parses out as HTML the way a browser does and returns every
// href and src that begins, as a browser reads it, with a dangerous
// scheme.
func unsafeURLs(t *testing.T, out string) []string {
	t.Helper()
	doc, err := html.Parse(strings.NewReader(out))
	if err != nil {
		t.Fatalf("output is not HTML: %v", err)
	}
	var bad []string
	var walk func(n *html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.ElementNode {
			for _, a := range n.Attr {
				switch strings.ToLower(a.Key) {
				case "href", "src", "srcset", "action", "formaction", "xlink:href", "poster", "background":
					if u := browserURL(a.Val); hasDangerousScheme(u) {
						bad = append(bad, a.Key+"="+a.Val)
					}
				}
				if strings.HasPrefix(strings.ToLower(a.Key), "on") {
					bad = append(bad, a.Key+"="+a.Val)
				}
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(doc)
	return bad
}

// browserURL reads an attribute value as the URL parser does: leading and
// trailing C0 controls and spaces trimmed, tabs and newlines removed
// anywhere, scheme case ignored.
func browserURL(v string) string {
	v = strings.TrimFunc(v, func(r rune) bool { return r <= ' ' })
	v = strings.NewReplacer("\t", "", "\n", "", "\r", "").Replace(v)
	return strings.ToLower(v)
}

func hasDangerousScheme(u string) bool {
	for _, s := range dangerousSchemes {
		if strings.HasPrefix(u, s) {
			return true
		}
	}
	return false
}
