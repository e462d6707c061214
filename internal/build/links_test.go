package build_test

import (
	"strings"

	"golang.org/x/net/html"
)

// links returns every href and src in an HTML document.
func links(doc string) []string {
	var out []string
	z := html.NewTokenizer(strings.NewReader(doc))
	for {
		switch z.Next() {
		case html.ErrorToken:
			return out
		case html.StartTagToken, html.SelfClosingTagToken:
			for {
				k, v, more := z.TagAttr()
				if string(k) == "href" || string(k) == "src" {
					out = append(out, string(v))
				}
				if !more {
					break
				}
			}
		}
	}
}
