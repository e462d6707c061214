package search

import (
	"bytes"
	"html/template"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"golang.org/x/net/html"
)

// pageData is what the site's layout system gives search.html.
type pageData struct {
	Site struct {
		BasePath string
		Actors   taxonomy
		Tags     taxonomy
		Years    []year
	}
	URL          string // the search page's own
	SearchScript string
	SearchIndex  string
}

type taxonomy struct {
	URL   string
	Terms []term
}

type term struct{ Name, URL string }

type year struct {
	Year int
	URL  string
}

func testPageData() pageData {
	var d pageData
	d.Site.BasePath = "/sub/"
	d.Site.Actors = taxonomy{URL: "/sub/actors/", Terms: []term{
		{"Emmanuel Macron", "/sub/actors/emmanuel-macron/"}, {"Rustem Umerov", "/sub/actors/rustem-umerov/"},
		{"Steve Witkoff", "/sub/actors/steve-witkoff/"}, {"Volodymyr Zelenskyy", "/sub/actors/volodymyr-zelenskyy/"},
	}}
	d.Site.Tags = taxonomy{URL: "/sub/tags/", Terms: []term{
		{"ceasefire", "/sub/tags/ceasefire/"}, {"diplomacy", "/sub/tags/diplomacy/"}, {"energy", "/sub/tags/energy/"},
		{"peace-talks", "/sub/tags/peace-talks/"}, {"Ünïcödé & <co>", "/sub/tags/unicode-co/"},
	}}
	d.Site.Years = []year{{2025, "/sub/2025/"}, {2024, "/sub/2024/"}, {2023, "/sub/2023/"}}
	d.URL = "/sub/search/"
	d.SearchScript = "/sub/search.js"
	d.SearchIndex = "/sub/search/index/"
	return d
}

// page renders layouts/search.html in a minimal base layout.
func page(t *testing.T, d pageData) string {
	t.Helper()
	src, err := os.ReadFile(filepath.Join("..", "..", "layouts", "search.html"))
	if err != nil {
		t.Fatal(err)
	}
	s := strings.TrimSpace(string(src))
	if !strings.HasPrefix(s, `{{define "main"}}`) || !(strings.HasSuffix(s, "{{end}}") || strings.HasSuffix(s, "{{- end}}")) {
		t.Fatalf("search.html must be exactly {{define \"main\"}} … {{end}}")
	}
	tmpl := template.Must(template.New("base").Parse(`<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Search</title></head>
<body><header><a href="{{.Site.BasePath}}">Home</a></header><main id="main">{{template "main" .}}</main><footer></footer></body></html>`))
	if _, err := tmpl.Parse(string(src)); err != nil {
		t.Fatalf("search.html: %v", err)
	}
	var b bytes.Buffer
	if err := tmpl.Execute(&b, d); err != nil {
		t.Fatalf("search.html: %v", err)
	}
	return b.String()
}

func TestSearchPageTemplate(t *testing.T) {
	doc, err := html.Parse(strings.NewReader(page(t, testPageData())))
	if err != nil {
		t.Fatal(err)
	}
	var all []*html.Node
	var walk func(n *html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.ElementNode {
			all = append(all, n)
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(doc)
	attr := func(n *html.Node, k string) (string, bool) {
		for _, a := range n.Attr {
			if a.Key == k {
				return a.Val, true
			}
		}
		return "", false
	}
	find := func(match func(n *html.Node) bool) []*html.Node {
		var l []*html.Node
		for _, n := range all {
			if match(n) {
				l = append(l, n)
			}
		}
		return l
	}
	one := func(what string, match func(n *html.Node) bool) *html.Node {
		t.Helper()
		l := find(match)
		if len(l) != 1 {
			t.Fatalf("%d %s, want 1", len(l), what)
		}
		return l[0]
	}
	is := func(tag string, kv ...string) func(n *html.Node) bool {
		return func(n *html.Node) bool {
			if n.Data != tag {
				return false
			}
			for i := 0; i < len(kv); i += 2 {
				if v, ok := attr(n, kv[i]); !ok || v != kv[i+1] {
					return false
				}
			}
			return true
		}
	}
	text := func(n *html.Node) string {
		var b strings.Builder
		var f func(*html.Node)
		f = func(n *html.Node) {
			if n.Type == html.TextNode {
				b.WriteString(n.Data)
			}
			for c := n.FirstChild; c != nil; c = c.NextSibling {
				f(c)
			}
		}
		f(n)
		return strings.Join(strings.Fields(b.String()), " ")
	}

	if h := one("h1", is("h1")); text(h) != "Search" {
		t.Errorf("h1 = %q", text(h))
	}
	one("search form", is("form", "role", "search", "action", "/sub/search/", "method", "get", "class", "search-form"))
	// Every control has a label, in this order.
	var order []string
	for _, c := range find(func(n *html.Node) bool { return n.Data == "input" || n.Data == "select" || n.Data == "button" }) {
		name, _ := attr(c, "name")
		typ, _ := attr(c, "type")
		id, _ := attr(c, "id")
		order = append(order, c.Data+":"+typ+":"+name)
		if c.Data == "button" {
			continue
		}
		if l := find(is("label", "for", id)); id == "" || len(l) != 1 || text(l[0]) == "" {
			t.Errorf("control %s has no label", name)
		}
	}
	if got := strings.Join(order, " "); got != "input:search:q select::actor select::tag input:date:from input:date:to button:submit: button:button:" {
		t.Errorf("controls in order: %s", got)
	}
	for _, c := range []struct {
		name, first string
		n           int
	}{{"actor", "Any actor", 5}, {"tag", "Any tag", 6}} {
		sel := one(c.name+" select", is("select", "name", c.name))
		var opts []*html.Node
		for o := sel.FirstChild; o != nil; o = o.NextSibling {
			if o.Type == html.ElementNode {
				opts = append(opts, o)
			}
		}
		if v, _ := attr(opts[0], "value"); v != "" || text(opts[0]) != c.first || len(opts) != c.n {
			t.Errorf("%s options: first %q %q, %d in all, want %d", c.name, v, text(opts[0]), len(opts), c.n)
		}
	}
	tagOpt := one("escaped tag option", is("option", "value", "Ünïcödé & <co>"))
	if text(tagOpt) != "Ünïcödé & <co>" {
		t.Errorf("option text %q", text(tagOpt))
	}
	one("status", is("div", "id", "search-status", "role", "status", "aria-live", "polite"))
	one("results", is("ol", "id", "search-results", "class", "search-results"))
	more := one("more button", is("button", "id", "search-more", "type", "button"))
	if _, hidden := attr(more, "hidden"); !hidden || text(more) != "More results" {
		t.Errorf("more button: hidden %v, %q", hidden, text(more))
	}
	s := one("script", is("script", "src", "/sub/search.js", "data-index", "/sub/search/index/"))
	if _, ok := attr(s, "defer"); !ok {
		t.Error("script is not deferred")
	}
	ns := one("noscript", is("noscript"))
	// The parser reads noscript content as text (scripting enabled): parse
	// it on its own.
	frag := text(ns)
	for _, want := range []string{`href="/sub/tags/"`, `href="/sub/actors/"`, `href="/sub/2025/"`, `href="/sub/2023/"`, "needs JavaScript"} {
		if !strings.Contains(frag, want) {
			t.Errorf("noscript %q lacks %s", frag, want)
		}
	}
	if n := len(find(func(n *html.Node) bool { _, ok := attr(n, "style"); return ok })); n > 0 {
		t.Errorf("%d inline styles", n)
	}
}
