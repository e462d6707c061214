package render

import (
	"bytes"
	"encoding/json"
	"html/template"
	"strings"

	"github.com/brief-ssg/brief/internal/site"
)

// The default layouts of the pages most sites have by the thousand — the
// frame of every page ("base" and "years-nav" in base.html), the "main" of
// briefings, lists, tags, actors and figures, and the list card and pager
// of partials.html — are also written here in Go. html/template calls
// every escaper and template function through reflection, which took about
// a third of a full build's time; this writes the same bytes without it. A
// definition is written natively only while it comes from the embedded
// file (nativeTemplates): a site's own layouts, or a file of its own that
// redefines one of these names, always go through html/template.
// TestNativeLayoutsMatchTemplates renders sites both ways and requires the
// same bytes, so a change to a default layout must be made here too.

// nativeSet tells what of one page kind's template set is still the
// embedded defaults, and so written in Go.
type nativeSet struct {
	base bool                                      // "base"
	main func(*Templates, htmlWriter, *Page) error // "main"; nil for html/template
}

// nativeMains are the page kinds whose "main" is written in Go, with the
// definitions of partials.html each uses.
var nativeMains = map[string]struct {
	write    func(*Templates, htmlWriter, *Page) error
	partials []string
}{
	"briefing": {func(_ *Templates, w htmlWriter, p *Page) error { nativeBriefing(w, p); return nil }, nil},
	"figure":   {func(_ *Templates, w htmlWriter, p *Page) error { nativeFigure(w, p); return nil }, nil},
	"home":     {(*Templates).nativeHome, listPartials},
	"year":     {(*Templates).nativeYear, listPartials},
	"month":    {(*Templates).nativeMonth, listPartials},
	"tag":      {(*Templates).nativeTag, listPartials},
	"actor":    {(*Templates).nativeActor, listPartials},
}

var listPartials = []string{"entry-list", "pager"}

// definedIn reports whether the template name of set was parsed from the
// embedded default file (named as LoadTemplates names it).
func definedIn(set *template.Template, name, file string) bool {
	t := set.Lookup(name)
	return t != nil && t.Tree != nil && t.Tree.ParseName == "(default) "+LayoutDir+"/"+file
}

// nativeTemplates finds what of each page kind can be written natively.
func (t *Templates) nativeTemplates() {
	t.native = map[string]nativeSet{}
	for kind, set := range t.pages {
		n := nativeSet{base: definedIn(set, "base", "base.html")}
		if m, ok := nativeMains[kind]; ok && definedIn(set, "main", kind+".html") {
			n.main = m.write
			for _, name := range m.partials {
				if !definedIn(set, name, "partials.html") {
					n.main = nil
				}
			}
		}
		t.native[kind] = n
	}
	// Every page's {{card}} and {{yearsNav}} execute the home page's set.
	if set := t.pages["home"]; set != nil {
		t.nativeCard = definedIn(set, "entry", "partials.html")
		t.nativeYearsNav = definedIn(set, "years-nav", "base.html")
	}
}

// htmlWriter writes HTML, escaping values as html/template does in each
// context.
type htmlWriter struct{ *bytes.Buffer }

// replacements are html/template's escapes for text and quoted attributes.
var replacements = [128]string{0: "\uFFFD", '"': "&#34;", '&': "&amp;", '\'': "&#39;", '+': "&#43;", '<': "&lt;", '>': "&gt;"}

// text writes s as text or as a quoted attribute value.
func (w htmlWriter) text(s string) {
	done := 0
	for i := 0; i < len(s); i++ {
		if c := s[i]; c < 128 && replacements[c] != "" {
			w.WriteString(s[done:i])
			w.WriteString(replacements[c])
			done = i + 1
		}
	}
	w.WriteString(s[done:])
}

// url writes s as a whole URL attribute value: a URL with a scheme other
// than http, https or mailto becomes "#ZgotmplZ"; bytes not allowed in a
// URL are percent-encoded, and & and + escaped for the attribute.
func (w htmlWriter) url(s string) {
	if scheme, _, ok := strings.Cut(s, ":"); ok && !strings.Contains(scheme, "/") &&
		!strings.EqualFold(scheme, "http") && !strings.EqualFold(scheme, "https") && !strings.EqualFold(scheme, "mailto") {
		s = "#ZgotmplZ"
	}
	const hex = "0123456789abcdef"
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case c == '&':
			w.WriteString("&amp;")
		case c == '+':
			w.WriteString("&#43;")
		case 'a' <= c && c <= 'z', 'A' <= c && c <= 'Z', '0' <= c && c <= '9', strings.IndexByte("!#$*,/:;=?@[]-._~", c) >= 0,
			c == '%' && i+2 < len(s) && isHex(s[i+1]) && isHex(s[i+2]):
			w.WriteByte(c)
		default:
			w.WriteByte('%')
			w.WriteByte(hex[c>>4])
			w.WriteByte(hex[c&15])
		}
	}
}

func isHex(c byte) bool {
	return '0' <= c && c <= '9' || 'a' <= c && c <= 'f' || 'A' <= c && c <= 'F'
}

// current writes the attribute marking the link to the page itself.
func (w htmlWriter) current(on bool) {
	if on {
		w.WriteString(` aria-current="page"`)
	}
}

// nativeBase is "base" of base.html; main writes the page's "main".
func (t *Templates) nativeBase(w htmlWriter, p *Page, main func() error) error {
	s := p.Site
	title := p.Title
	if p.Kind == "home" {
		title = s.Title
	}
	w.textIn("<!doctype html>\n<html lang=\"", s.Language, "\">\n<head>\n  <meta charset=\"utf-8\">\n  <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n  <title>")
	w.text(title)
	if p.Kind != "home" {
		w.WriteString(" · ")
		w.text(s.Title)
	}
	if p.Pager != nil && p.Pager.Number > 1 {
		w.WriteString(" · Page ")
		w.WriteString(itoa(p.Pager.Number))
	}
	w.WriteString("</title>")
	meta := func(attr, name, value string) {
		w.WriteString("\n  <meta ")
		w.WriteString(attr)
		w.WriteString("=\"")
		w.WriteString(name)
		w.textIn("\" content=\"", value, "\">")
	}
	if p.Description != "" {
		meta("name", "description", p.Description)
	}
	w.WriteString("\n  <meta name=\"color-scheme\" content=\"light dark\">\n  <meta name=\"generator\" content=\"brief\">\n  <link rel=\"canonical\" href=\"")
	w.url(p.Permalink)
	w.WriteString("\">")
	for _, f := range p.Feeds {
		w.textIn("\n  <link rel=\"alternate\" type=\"", f.Type, "\" title=\"")
		w.text(f.Title)
		w.WriteString("\" href=\"")
		w.url(f.URL)
		w.WriteString("\">")
	}
	meta("property", "og:site_name", s.Title)
	meta("property", "og:title", title)
	if p.Entry != nil {
		meta("property", "og:type", "article")
	} else {
		meta("property", "og:type", "website")
	}
	meta("property", "og:url", p.Permalink)
	if p.Description != "" {
		meta("property", "og:description", p.Description)
	}
	if p.Image != "" {
		meta("property", "og:image", p.Image)
	}
	if e := p.Entry; e != nil {
		meta("property", "article:published_time", e.DateISO)
		meta("property", "article:modified_time", firstOf(e.UpdatedISO, e.DateISO))
		for _, tag := range e.Tags {
			meta("property", "article:tag", tag.Name)
		}
	}
	w.WriteString("\n  <meta name=\"twitter:card\" content=\"summary\">")
	meta("name", "twitter:title", title)
	if p.Description != "" {
		meta("name", "twitter:description", p.Description)
	}
	if p.Entry != nil {
		// html/template writes a value in a script as JSON, which escapes
		// <, > and & already.
		ld, err := json.Marshal(articleData(s, p.Entry, p.Image))
		if err != nil {
			return err
		}
		w.WriteString("\n  <script type=\"application/ld+json\">")
		w.Write(ld)
		w.WriteString("</script>")
	}
	w.WriteString("\n  <link rel=\"icon\" type=\"image/svg+xml\" href=\"")
	w.url(s.URL(FaviconFile))
	w.WriteString("\">\n  <link rel=\"stylesheet\" href=\"")
	w.url(p.Stylesheet)
	w.WriteString("\">\n</head>\n<body>\n  <a class=\"skip-link\" href=\"#main\">Skip to content</a>\n  <header class=\"site-header\">\n    <p class=\"site-title\"><a href=\"")
	w.url(s.BasePath)
	w.textIn("\">", s.Title, "</a></p>\n    <nav class=\"site-nav\" aria-label=\"Site\">\n      <ul>")
	nav := func(url, name string) {
		w.WriteString("\n        <li><a href=\"")
		w.url(url)
		w.WriteString("\"")
		w.current(p.URL == url)
		w.WriteString(">")
		w.WriteString(name)
		w.WriteString("</a></li>")
	}
	nav(s.BasePath, "Home")
	nav(s.Tags.URL, "Tags")
	nav(s.Actors.URL, "Actors")
	if len(s.Figures) > 0 {
		nav(s.URL("figures/"), "Figures")
	}
	if len(s.Years) > 0 {
		nav(s.Years[0].URL, "Archive")
	}
	w.WriteString("\n      </ul>\n    </nav>")
	if p.Kind != "search" {
		w.WriteString("\n    <form class=\"site-search\" role=\"search\" action=\"")
		w.url(s.URL("search/"))
		w.WriteString("\" method=\"get\">\n      <label for=\"site-search-q\" class=\"visually-hidden\">Search briefings</label>\n      <input type=\"search\" id=\"site-search-q\" name=\"q\">\n      <button type=\"submit\">Search</button>\n    </form>")
	}
	w.WriteString("\n  </header>\n  <main id=\"main\" tabindex=\"-1\">")
	if err := main(); err != nil {
		return err
	}
	w.WriteString("\n  </main>\n  <footer class=\"site-footer\">")
	years, err := t.yearsFor(p)
	if err != nil {
		return err
	}
	w.WriteString(string(years))
	w.WriteString("\n    <p class=\"built-with\">Built with brief</p>\n  </footer>\n</body>\n</html>\n")
	return nil
}

// firstOf is the first of its arguments that is not empty, like the
// templates' or.
func firstOf(a, b string) string {
	if a != "" {
		return a
	}
	return b
}

// nativeYears is "years-nav" of base.html.
func nativeYears(w htmlWriter, p *Page) {
	if len(p.Site.Years) == 0 {
		return
	}
	w.WriteString("\n    <nav class=\"years\" aria-label=\"Archive by year\">\n      <ul>")
	for _, y := range p.Site.Years {
		w.WriteString("\n        <li><a href=\"")
		w.url(y.URL)
		w.WriteString("\"")
		w.current(p.URL == y.URL)
		w.WriteString(">")
		w.WriteString(itoa(y.Year))
		w.WriteString("</a></li>")
	}
	w.WriteString("\n      </ul>\n    </nav>")
}

// textIn writes open, s as text, and close.
func (w htmlWriter) textIn(open, s, close string) {
	w.WriteString(open)
	w.text(s)
	w.WriteString(close)
}

// time writes <time datetime="iso">text</time>.
func (w htmlWriter) time(iso, text string) {
	w.textIn(`<time datetime="`, iso, `">`)
	w.text(text)
	w.WriteString("</time>")
}

// link writes <a href="url">text</a>.
func (w htmlWriter) link(url, text string) {
	w.WriteString("<a href=\"")
	w.url(url)
	w.textIn("\">", text, "</a>")
}

// terms writes one list of a briefing's actors or tags.
func (w htmlWriter) terms(title, class string, terms []*site.Term) {
	if len(terms) == 0 {
		return
	}
	w.WriteString("\n        <div>\n          <dt>")
	w.WriteString(title)
	w.WriteString("</dt>\n          <dd>\n            <ul class=\"")
	w.WriteString(class)
	w.WriteString("\">")
	for _, term := range terms {
		w.WriteString("\n              <li>")
		w.link(term.URL, term.Name)
		w.WriteString("</li>")
	}
	w.WriteString("\n            </ul>\n          </dd>\n        </div>")
}

// nativeBriefing is "main" of briefing.html.
func nativeBriefing(w htmlWriter, p *Page) {
	e := p.Entry
	if e == nil {
		return
	}
	w.textIn("\n    <article class=\"briefing\">\n      <h1>", e.Title, "</h1>\n      <dl class=\"meta\">\n        <div>\n          <dt>Published</dt>\n          <dd><time datetime=\"")
	w.text(e.DateISO)
	w.WriteString("\">")
	w.text(e.DateText)
	if e.TimeText != "" {
		w.WriteString(", ")
		w.text(e.TimeText)
	}
	w.WriteString("</time></dd>\n        </div>")
	if e.UpdatedISO != "" {
		w.WriteString("\n        <div>\n          <dt>Updated</dt>\n          <dd>")
		w.time(e.UpdatedISO, e.UpdatedText)
		w.WriteString("</dd>\n        </div>")
	}
	if e.Location != "" {
		w.textIn("\n        <div>\n          <dt>Location</dt>\n          <dd>", e.Location, "</dd>\n        </div>")
	}
	w.WriteString("\n      </dl>")
	if e.Summary != "" {
		w.textIn("\n      <p class=\"summary\">", e.Summary, "</p>")
	}
	if len(e.Actors) > 0 || len(e.Tags) > 0 {
		w.WriteString("\n      <dl class=\"taxonomies\">")
		w.terms("Actors", "actors", e.Actors)
		w.terms("Tags", "tags", e.Tags)
		w.WriteString("\n      </dl>")
	}
	if len(e.Figures) > 0 {
		w.WriteString("\n      <div class=\"table-scroll\" tabindex=\"0\" role=\"region\" aria-label=\"Figures\">\n      <table class=\"figures\">\n        <caption>Figures</caption>\n        <thead>\n          <tr>\n            <th scope=\"col\">Figure</th>\n            <th scope=\"col\" class=\"num\">Value</th>\n            <th scope=\"col\">Unit</th>\n            <th scope=\"col\">Share</th>\n            <th scope=\"col\">Change</th>\n            <th scope=\"col\">Recent</th>\n          </tr>\n        </thead>\n        <tbody>")
		for i := range e.Figures {
			f := &e.Figures[i]
			w.WriteString("\n          <tr>\n            <th scope=\"row\">")
			if f.Series != nil {
				w.link(f.Series.URL, f.Label)
			} else {
				w.text(f.Label)
			}
			writeClaim(w, f)
			w.WriteString("</th>\n            <td class=\"num\" data-label=\"Value\">")
			writeValue(w, f)
			w.textIn("</td>\n            <td data-label=\"Unit\">", f.Unit, "</td>\n            <td data-label=\"Share\">")
			if f.WholeText != "" {
				w.text(f.ValueText)
				w.textIn(" of ", f.WholeText, " (")
				w.text(f.Percent)
				w.WriteString(")")
			}
			w.WriteString("</td>\n            <td data-label=\"Change\">")
			writeChange(w, f)
			w.WriteString("</td>\n            <td class=\"spark\" data-label=\"Recent\">")
			w.WriteString(string(figureSparkline(f)))
			w.WriteString("</td>\n          </tr>")
		}
		w.WriteString("\n        </tbody>\n      </table>\n      </div>")
	}
	if e.HTML != "" {
		w.WriteString("\n      <div class=\"body\">\n")
		w.WriteString(string(e.HTML))
		w.WriteString("\n      </div>")
	}
	if len(e.Sources) > 0 {
		w.WriteString("\n      <section class=\"sources\" aria-labelledby=\"sources-title\">\n        <h2 id=\"sources-title\">Sources</h2>\n        <ul>")
		for _, src := range e.Sources {
			w.WriteString("\n          <li>")
			if src.URL != "" {
				w.link(src.URL, firstOf(src.Title, src.URL))
			} else {
				w.text(src.Title)
			}
			w.WriteString("</li>")
		}
		w.WriteString("\n        </ul>\n      </section>")
	}
	w.WriteString("\n    </article>")
	if len(e.Related()) > 0 {
		w.WriteString("\n    <section class=\"related\" aria-labelledby=\"related-title\">\n      <h2 id=\"related-title\">Related briefings</h2>\n      <ul>")
		for _, r := range e.Related() {
			w.WriteString("\n        <li>")
			w.link(r.URL, r.Title)
			w.WriteString(" ")
			w.time(r.DateISO, r.DateText)
			w.WriteString("</li>")
		}
		w.WriteString("\n      </ul>\n    </section>")
	}
	if e.Older != nil || e.Newer != nil {
		w.WriteString("\n    <nav class=\"prev-next\" aria-label=\"Previous and next briefing\">\n      <ul>")
		if o := e.Older; o != nil {
			w.WriteString("\n        <li class=\"older\"><a href=\"")
			w.url(o.URL)
			w.textIn("\" rel=\"prev\"><span aria-hidden=\"true\">←</span> Older: ", o.Title, "</a></li>")
		}
		if n := e.Newer; n != nil {
			w.WriteString("\n        <li class=\"newer\"><a href=\"")
			w.url(n.URL)
			w.textIn("\" rel=\"next\">Newer: ", n.Title, " <span aria-hidden=\"true\">→</span></a></li>")
		}
		w.WriteString("\n      </ul>\n    </nav>")
	}
}

// nativeCard is "entry" of partials.html.
func nativeCard(w htmlWriter, e *site.Entry) {
	w.WriteString("<article class=\"entry\">\n          <h2>")
	w.link(e.URL, e.Title)
	w.WriteString("</h2>\n          <p class=\"meta\">\n            ")
	w.time(e.DateISO, e.DateText)
	if e.Location != "" {
		w.textIn(" <span class=\"sep\" aria-hidden=\"true\">·</span> <span class=\"location\">", e.Location, "</span>")
	}
	w.WriteString("\n          </p>")
	if e.Summary != "" {
		w.textIn("\n          <p class=\"summary\">", e.Summary, "</p>")
	}
	if len(e.Tags) > 0 {
		w.WriteString("\n          <ul class=\"tags\" aria-label=\"Tags\">")
		for _, tag := range e.Tags {
			w.WriteString("\n            <li>")
			w.link(tag.URL, tag.Name)
			w.WriteString("</li>")
		}
		w.WriteString("\n          </ul>")
	}
	w.WriteString("\n        </article>")
}

// count writes a count of briefings, "1 briefing" or "n briefings", as the
// list layouts do.
func (w htmlWriter) count(n int) {
	w.WriteString(itoa(n))
	if n == 1 {
		w.WriteString(" briefing")
	} else {
		w.WriteString(" briefings")
	}
}

// entryList is "entry-list" of partials.html: the cards rendered once
// (renderCards).
func (t *Templates) entryList(w htmlWriter, entries []*site.Entry) error {
	if len(entries) == 0 {
		w.WriteString("<p class=\"empty\">No briefings yet.</p>")
		return nil
	}
	w.WriteString("<ol class=\"entries\">")
	for _, e := range entries {
		card, err := t.card(e)
		if err != nil {
			return err
		}
		w.WriteString("\n      <li>")
		w.WriteString(string(card))
		w.WriteString("</li>")
	}
	w.WriteString("\n    </ol>")
	return nil
}

// pager is "pager" of partials.html, with the text before it.
func (w htmlWriter) pager(indent string, p *Pager) {
	if p == nil {
		return
	}
	w.WriteString(indent)
	w.WriteString("<nav class=\"pager\" aria-label=\"Pagination\">\n      <ul>")
	if p.Prev != "" {
		w.WriteString("\n        <li>")
		w.link(p.First, "First")
		w.WriteString("</li>\n        <li><a href=\"")
		w.url(p.Prev)
		w.WriteString("\" rel=\"prev\">Previous</a></li>")
	}
	w.WriteString("\n        <li class=\"current\">Page ")
	w.WriteString(itoa(p.Number))
	w.WriteString(" of ")
	w.WriteString(itoa(p.Total))
	w.WriteString("</li>")
	if p.Next != "" {
		w.WriteString("\n        <li><a href=\"")
		w.url(p.Next)
		w.WriteString("\" rel=\"next\">Next</a></li>\n        <li>")
		w.link(p.Last, "Last")
		w.WriteString("</li>")
	}
	w.WriteString("\n      </ul>\n    </nav>")
}

// listEnd is the end of the home, year, month and tag pages: their
// briefings and the pager.
func (t *Templates) listEnd(w htmlWriter, p *Page) error {
	w.WriteString("\n    ")
	if err := t.entryList(w, p.Entries); err != nil {
		return err
	}
	w.pager("\n    ", p.Pager)
	return nil
}

// nativeHome is "main" of home.html.
func (t *Templates) nativeHome(w htmlWriter, p *Page) error {
	w.textIn("\n    <h1>", p.Site.Title, "</h1>")
	if len(p.Highlights) > 0 {
		w.WriteString("\n    <section class=\"highlights\" aria-labelledby=\"highlights-title\">\n      <h2 id=\"highlights-title\">Latest figures</h2>\n      <ul>")
		for _, sr := range p.Highlights {
			latest := sr.Latest()
			w.WriteString("\n        <li>\n          ")
			w.link(sr.URL, sr.Label)
			w.textIn("\n          <span class=\"value\">", latest.Figure.Text, "</span>\n          <span class=\"when\">on ")
			w.time(latest.Entry.DateISO, latest.Entry.DateText)
			if latest.Figure.Change != "" {
				w.WriteString(", ")
				w.text(latest.Figure.Change)
				w.WriteString(" vs ")
				w.text(latest.Figure.PrevDate)
			}
			w.WriteString("</span>\n          ")
			w.WriteString(string(seriesSparkline(sr)))
			w.WriteString("\n        </li>")
		}
		w.WriteString("\n      </ul>\n      <p><a href=\"")
		w.url(p.Site.URL("figures/"))
		w.WriteString("\">All figures</a></p>\n    </section>")
	}
	return t.listEnd(w, p)
}

// nativeYear is "main" of year.html.
func (t *Templates) nativeYear(w htmlWriter, p *Page) error {
	y := p.Year
	w.WriteString("\n    <h1>")
	w.WriteString(itoa(y.Year))
	w.WriteString("</h1>")
	if len(y.Months) > 0 {
		w.WriteString("\n    <nav class=\"months\" aria-label=\"Months of ")
		w.WriteString(itoa(y.Year))
		w.WriteString("\">\n      <ul>")
		for _, m := range y.Months {
			w.WriteString("\n        <li>")
			w.link(m.URL, m.Name)
			w.WriteString(" <span class=\"count\">")
			w.count(len(m.Entries))
			w.WriteString("</span></li>")
		}
		w.WriteString("\n      </ul>\n    </nav>")
	}
	return t.listEnd(w, p)
}

// nativeMonth is "main" of month.html.
func (t *Templates) nativeMonth(w htmlWriter, p *Page) error {
	w.textIn("\n    <h1>", p.Month.Name, "</h1>")
	for _, y := range p.Site.Years {
		if y.Year == p.Month.Year {
			w.WriteString("\n    <p class=\"up\"><a href=\"")
			w.url(y.URL)
			w.WriteString("\">All briefings of ")
			w.WriteString(itoa(y.Year))
			w.WriteString("</a></p>")
		}
	}
	return t.listEnd(w, p)
}

// firstPage tells the first page of a list, which shows a term's profile.
func firstPage(p *Page) bool { return p.Pager == nil || p.Pager.Number == 1 }

// nativeTag is "main" of tag.html.
func (t *Templates) nativeTag(w htmlWriter, p *Page) error {
	w.textIn("\n    <h1>", p.Title, "</h1>")
	if term := p.Term; firstPage(p) && term != nil && term.Tag != nil {
		if d := term.Tag.Description; d != "" {
			w.textIn("\n    <p class=\"summary\">", d, "</p>")
		}
		if d := term.Description(); d != "" {
			w.WriteString("\n    <div class=\"description\">\n")
			w.WriteString(string(d))
			w.WriteString("\n    </div>")
		}
	}
	return t.listEnd(w, p)
}

// counted writes one of the lists of terms or series with counts on an
// actor's page.
func (w htmlWriter) counted(id, title string, n int, item func(i int) (url, name string, count int)) {
	if n == 0 {
		return
	}
	w.WriteString("\n    <section class=\"")
	w.WriteString(id)
	w.WriteString("\" aria-labelledby=\"")
	w.WriteString(id)
	w.WriteString("-title\">\n      <h2 id=\"")
	w.WriteString(id)
	w.WriteString("-title\">")
	w.WriteString(title)
	w.WriteString("</h2>\n      <ul class=\"terms\">")
	for i := range n {
		url, name, count := item(i)
		w.WriteString("\n        <li>")
		w.link(url, name)
		w.WriteString(" <span class=\"count\">")
		w.count(count)
		w.WriteString("</span></li>")
	}
	w.WriteString("\n      </ul>\n    </section>")
}

// fact writes one fact of an actor's profile.
func (w htmlWriter) fact(name, value string) {
	if value == "" {
		return
	}
	w.WriteString("\n        <div>\n          <dt>")
	w.WriteString(name)
	w.textIn("</dt>\n          <dd>", value, "</dd>\n        </div>")
}

// nativeActor is "main" of actor.html.
func (t *Templates) nativeActor(w htmlWriter, p *Page) error {
	w.textIn("\n    <h1>", p.Title, "</h1>")
	if term := p.Term; firstPage(p) && term != nil {
		if a := term.Actor; a != nil {
			w.WriteString("\n    <section class=\"profile\" aria-label=\"Profile\">")
			if a.Role != "" || a.Country != "" || a.Kind != "" || len(a.Aliases) > 0 {
				w.WriteString("\n      <dl class=\"facts\">")
				w.fact("Role", a.Role)
				w.fact("Country", a.Country)
				w.fact("Kind", a.Kind)
				if len(a.Aliases) > 0 {
					w.WriteString("\n        <div>\n          <dt>Also written</dt>\n          <dd>\n            <ul class=\"aliases\">")
					for _, alias := range a.Aliases {
						w.textIn("\n              <li>", alias, "</li>")
					}
					w.WriteString("\n            </ul>\n          </dd>\n        </div>")
				}
				w.WriteString("\n      </dl>")
			}
			if d := term.Description(); d != "" {
				w.WriteString("\n      <div class=\"description\">\n")
				w.WriteString(string(d))
				w.WriteString("\n      </div>")
			}
			w.WriteString("\n    </section>")
		}
		w.counted("together", "Appears with", len(term.Together), func(i int) (string, string, int) {
			c := term.Together[i]
			return c.Term.URL, c.Term.Name, c.Count
		})
		w.counted("top-tags", "Tags", len(term.TopTags), func(i int) (string, string, int) {
			c := term.TopTags[i]
			return c.Term.URL, c.Term.Name, c.Count
		})
		w.counted("actor-figures", "Figures in their briefings", len(term.Figures), func(i int) (string, string, int) {
			c := term.Figures[i]
			return c.Series.URL, c.Series.Label, c.Count
		})
	}
	w.WriteString("\n    <section class=\"briefings\" aria-labelledby=\"briefings-title\">\n      <h2 id=\"briefings-title\">Briefings</h2>")
	for _, g := range p.Groups {
		w.textIn("\n      <h3 class=\"month\">", g.Title, "</h3>\n      ")
		if err := t.entryList(w, g.Entries); err != nil {
			return err
		}
	}
	if len(p.Groups) == 0 {
		w.WriteString("\n      ")
		if err := t.entryList(w, p.Entries); err != nil {
			return err
		}
	}
	w.pager("\n      ", p.Pager)
	w.WriteString("\n    </section>")
	return nil
}

// nativeFigure is "main" of figure.html.
func nativeFigure(w htmlWriter, p *Page) {
	sr := p.Series
	if sr == nil {
		return
	}
	first, latest := sr.First(), sr.Latest()
	w.textIn("\n    <h1>", sr.Label, "</h1>\n    <p class=\"lead\">")
	w.WriteString(itoa(sr.Count()))
	w.WriteString(" values")
	if sr.Unit != "" {
		w.WriteString(" in ")
		w.text(sr.Unit)
	}
	w.WriteString(", from ")
	w.time(first.Entry.DateISO, first.Entry.DateText)
	w.textIn(" to <time datetime=\"", latest.Entry.DateISO, "\">")
	w.text(latest.Entry.DateText)
	w.textIn("</time>. Latest: <strong>", latest.Figure.Text, "</strong>.")
	if wh := sr.Whole; wh != nil {
		w.WriteString(" Part of ")
		w.link(wh.URL, wh.Label)
		w.WriteString(".")
	}
	if len(sr.Parts) > 0 {
		w.WriteString(" Parts: ")
		for i, part := range sr.Parts {
			if i > 0 {
				w.WriteString(", ")
			}
			w.link(part.URL, part.Label)
		}
		w.WriteString(".")
	}
	w.WriteString("\n    </p>\n    <figure class=\"chart\">\n      ")
	w.WriteString(string(seriesChart(sr, p.Site)))
	w.WriteString("\n    </figure>\n    <div class=\"table-scroll\" tabindex=\"0\" role=\"region\" aria-label=\"Every value\">\n    <table class=\"figures values\">\n      <caption>Every value, newest first</caption>\n      <thead>\n        <tr>\n          <th scope=\"col\">Date</th>\n          <th scope=\"col\">Period</th>")
	named := sr.Named()
	if named {
		w.WriteString("\n          <th scope=\"col\">By</th>")
	}
	w.WriteString("\n          <th scope=\"col\" class=\"num\">Value</th>\n          <th scope=\"col\">Change</th>\n          <th scope=\"col\">Briefing</th>\n        </tr>\n      </thead>\n      <tbody>")
	for i := len(sr.Values) - 1; i >= 0; i-- {
		v := sr.Values[i]
		w.WriteString("\n        <tr>\n          <td data-label=\"Date\">")
		w.time(v.Entry.DateISO, v.Entry.DateText)
		w.textIn("</td>\n          <td data-label=\"Period\">", v.Figure.PeriodText, "</td>")
		if named {
			w.WriteString("\n          <td data-label=\"By\">")
			writeBy(w, v.Figure)
			w.WriteString("</td>")
		}
		w.WriteString("\n          <td class=\"num\" data-label=\"Value\">")
		writeText(w, v.Figure)
		w.WriteString("</td>\n          <td data-label=\"Change\">")
		writeChange(w, v.Figure)
		w.WriteString("</td>\n          <td data-label=\"Briefing\">")
		w.link(v.Entry.URL, v.Entry.Title)
		w.WriteString("</td>\n        </tr>")
	}
	w.WriteString("\n      </tbody>\n    </table>\n    </div>")
}
