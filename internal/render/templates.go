// Package render turns the site model into files: it loads the layouts (a
// site's own layouts/ over the embedded defaults, by file name), lists every
// page of the site, and executes the templates in parallel, handing each
// finished file to a Sink. It never touches the disk itself.
package render

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"html/template"
	"io"
	"io/fs"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"github.com/brief-ssg/brief/internal/diag"
	"github.com/brief-ssg/brief/internal/site"
)

// pageKinds are the page templates; each defines "main" and is executed
// through "base" from base.html, with partials.html.
var pageKinds = []string{"home", "briefing", "year", "month", "tags", "tag", "actors", "actor", "figures", "figure", "search", "404"}

// LayoutDir is the folder of a site's own layouts.
const LayoutDir = "layouts"

// Templates are the parsed layouts and the stylesheet, for one build.
type Templates struct {
	pages     map[string]*template.Template
	cards     map[*site.Entry]template.HTML // each entry's "entry" template, rendered once
	years     template.HTML                 // "years-nav" for every page but the year pages, rendered once
	yearsMade bool
	// native tells, by page kind, which default layouts are written in Go
	// (native.go); nativeCard and nativeYearsNav, whether "entry" and
	// "years-nav" are.
	native         map[string]nativeSet
	nativeCard     bool
	nativeYearsNav bool
	css            []byte
	js             []byte // the search page's script
	favicon        []byte // FaviconFile
	// watch times the executions of the rendering under way (limits.go).
	watch *watch
	// source is every layout file as read, for the pages' fingerprints;
	// custom tells that the site overrides at least one.
	source string
	custom bool
	// Stylesheet is the output path of the stylesheet, named by its content
	// hash so it can be cached forever; Script is the search page's script,
	// named the same way.
	Stylesheet string
	Script     string
}

// Source is every layout file as read, default or the site's own: two
// Templates with the same Source render alike.
func (t *Templates) Source() string { return t.source }

// funcs are the template functions; card and yearsNav read what was
// rendered once for every page.
func (t *Templates) funcs() template.FuncMap {
	return template.FuncMap{
		"add":          func(a, b int) int { return a + b },
		"sparkline":    sparkline,
		"chart":        seriesChart,
		"figureClaim":  figureClaim,
		"figureBy":     figureBy,
		"figureValue":  figureValue,
		"figureText":   figureText,
		"figureChange": figureChange,
		"card":         t.card,
		"yearsNav":     t.yearsFor,
		tickFunc: func() (string, error) {
			if w := t.watch; w != nil && w.stopped.Load() {
				return "", errStopped
			}
			return "", nil
		},
	}
}

// card is {{card .}}: an entry's "entry", rendered once (renderCards).
func (t *Templates) card(e *site.Entry) (template.HTML, error) {
	if h, ok := t.cards[e]; ok {
		return h, nil
	}
	return "", fmt.Errorf("card: briefing %s is not on this site", e.Path)
}

// yearsFor is {{yearsNav .}}: the "years-nav" rendered once, but on a
// year's own page, which marks itself current.
func (t *Templates) yearsFor(p *Page) (template.HTML, error) {
	if t.yearsMade && (p.Year == nil || p.URL != p.Year.URL) {
		return t.years, nil
	}
	return t.yearsNav(p)
}

// yearsNav renders the "years-nav" template of the home page's set for p.
func (t *Templates) yearsNav(p *Page) (template.HTML, error) {
	if t.nativeYearsNav {
		var b bytes.Buffer
		nativeYears(htmlWriter{&b}, p)
		return template.HTML(b.String()), nil
	}
	set := t.pages["home"]
	if set == nil || set.Lookup("years-nav") == nil {
		return "", errors.New(`yearsNav: the layouts define no "years-nav" template; define one in base.html, or list .Site.Years yourself`)
	}
	var b strings.Builder
	var w io.Writer = &b
	if t.watch != nil {
		w = stopWriter{w, &t.watch.stopped}
	}
	err := set.ExecuteTemplate(w, "years-nav", p)
	return template.HTML(b.String()), err
}

// LoadTemplates parses the layouts. A file in override (a site's layouts/
// folder, may be nil) replaces the default file of the same name.
func LoadTemplates(defaults, override fs.FS) (*Templates, diag.List) {
	var diags diag.List
	t := &Templates{pages: map[string]*template.Template{}}
	read := func(name string) (string, []byte) {
		if override != nil {
			if b, err := fs.ReadFile(override, name); err == nil {
				// A template of its own may show anything; a stylesheet or
				// script of its own changes no page but by its name.
				t.custom = t.custom || strings.HasSuffix(name, ".html")
				t.source += name + "\x00" + string(b) + "\x00"
				return LayoutDir + "/" + name, b
			} else if !errors.Is(err, fs.ErrNotExist) {
				diags.Errorf(diag.Pos{File: LayoutDir + "/" + name}, "cannot read: %v", err)
			}
		}
		b, err := fs.ReadFile(defaults, name)
		t.source += name + "\x00" + string(b) + "\x00"
		if err != nil {
			diags.Errorf(diag.Pos{File: LayoutDir + "/" + name}, "missing layout: %v", err)
		}
		return "(default) " + LayoutDir + "/" + name, b
	}
	funcs := t.funcs()
	basePath, base := read("base.html")
	partialsPath, partials := read("partials.html")
	for _, kind := range pageKinds {
		p, src := read(kind + ".html")
		set := template.New(kind).Funcs(funcs)
		for _, f := range []struct {
			path string
			src  []byte
		}{{basePath, base}, {partialsPath, partials}, {p, src}} {
			if _, err := set.New(f.path).Parse(string(f.src)); err != nil {
				// base.html and partials.html are parsed for every kind:
				// their errors are reported once.
				if d := templateError(err); !slices.Contains(diags, d) {
					diags.Add(d)
				}
				set = nil
				break
			}
		}
		if set != nil {
			for _, tm := range set.Templates() {
				if tm.Tree != nil {
					addTicks(tm.Tree.Root)
				}
			}
			t.pages[kind] = set
		}
	}
	t.nativeTemplates()
	_, t.css = read("style.css")
	sum := sha256.Sum256(t.css)
	t.Stylesheet = "style." + hex.EncodeToString(sum[:4]) + ".css"
	_, t.favicon = read(FaviconFile)
	_, t.js = read("search.js")
	sum = sha256.Sum256(t.js)
	t.Script = "search." + hex.EncodeToString(sum[:4]) + ".js"
	return t, diags
}

// templateErr finds the template name and line in html/template errors.
var templateErr = regexp.MustCompile(`^(?:html/)?template: (?:\w+: )?(.+?):(\d+):(?:(\d+):)? (.*)$`)

// templateError turns a template error into a diagnostic at its file line.
func templateError(err error) diag.Diagnostic {
	msg := err.Error()
	if m := templateErr.FindStringSubmatch(msg); m != nil {
		line, _ := strconv.Atoi(m[2])
		col, _ := strconv.Atoi(m[3])
		return diag.Errorf(diag.Pos{File: trimDefault(m[1]), Line: line, Col: max(col, 1)}, "template: %s", m[4])
	}
	return diag.Errorf(diag.Pos{File: LayoutDir}, "template: %s", msg)
}

func trimDefault(p string) string {
	const prefix = "(default) "
	if len(p) > len(prefix) && p[:len(prefix)] == prefix {
		return p[len(prefix):] + " (embedded default)"
	}
	return p
}
