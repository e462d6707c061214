package layouts_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/brief-ssg/brief/internal/browsertest"
	"github.com/brief-ssg/brief/internal/htmlcheck"
	"github.com/brief-ssg/brief/internal/publish"
)

// filesOf returns every file of a built site.
func filesOf(mem *publish.Memory) map[string][]byte {
	out := map[string][]byte{}
	for _, p := range mem.Paths() {
		out[p], _ = mem.Get(p)
	}
	return out
}

// TestNuHTMLChecker runs the W3C Nu HTML Checker over every HTML file of
// the example site and of a generated 200-briefing site: no errors.
func TestNuHTMLChecker(t *testing.T) {
	htmlcheck.Jar(t) // skips early when the checker is not set up
	for name, mem := range map[string]*publish.Memory{
		"example":   exampleSite(t),
		"generated": generatedSite(t, 200, 7),
	} {
		files := filesOf(mem)
		// A page the checker must fault, so that a run that checks
		// nothing fails.
		const bad = "zz-bad/index.html"
		files[bad] = []byte(`<!doctype html><html lang="en"><title>Bad</title><form action=""></form></html>`)
		faulted := false
		for _, m := range htmlcheck.Errors(t, files) {
			if m.File == bad {
				faulted = true
				continue
			}
			t.Errorf("%s: %s", name, m)
		}
		if !faulted {
			t.Errorf("%s: the checker found nothing wrong with an empty form action", name)
		}
	}
}

// axePages are a page of every kind, of the example site and of a
// generated one (pagers, figures with parts, search results).
var axePages = map[string][]string{
	"example": {
		"/", "/2025/12/miami-talks/", "/2025/12/overnight-strikes/", "/2025/", "/2025/12/",
		"/tags/", "/tags/diplomacy/", "/actors/", "/actors/by/count/", "/actors/by/kind/person/",
		"/actors/volodymyr-zelenskyy/", "/figures/", "/figures/drones-launched/",
		"/search/", "/search/?q=umerov", "/no-such-page/",
	},
	"generated": {"/page/2/", "/figures/drones-launched/", "/search/?q=Kovalenko"},
}

// axeViolation is one rule axe-core found broken, with where.
type axeViolation struct {
	ID     string   `json:"id"`
	Impact string   `json:"impact"`
	Help   string   `json:"help"`
	Nodes  []string `json:"nodes"`
}

// runAxe runs every axe-core rule (WCAG 2.x A and AA, best practices) on
// the page and returns the violations.
const runAxe = `axe.run(document, {resultTypes: ['violations']}).then(r => r.violations.map(v => ({
  id: v.id, impact: v.impact || '', help: v.help,
  nodes: v.nodes.map(n => n.target.join(' ') + ': ' + (n.failureSummary || '').replace(/\s+/g, ' ')),
})))`

// TestAxe runs axe-core in Chromium on a page of every kind, in light and
// dark mode: no violations.
func TestAxe(t *testing.T) {
	axe := browsertest.Axe(t)
	browser := browsertest.New(t)
	servers := map[string]string{
		"example":   browsertest.Serve(t, exampleSite(t)).URL,
		"generated": browsertest.Serve(t, generatedSite(t, 200, 7)).URL,
	}
	// A page axe must fault, so that a run that checks nothing fails.
	bad := publish.NewMemory()
	bad.Write("index.html", []byte(`<!doctype html><html lang="en"><title>Bad</title><main><img src="x.png"><a href="/"></a></main></html>`), [16]byte{})
	servers["bad"] = browsertest.Serve(t, bad).URL
	if vs := axeOn(t, browser, axe, servers["bad"]+"/", "light"); len(vs) < 2 {
		t.Fatalf("axe found %v on a page with an image without alt text and an empty link", vs)
	}
	for _, scheme := range []string{"light", "dark"} {
		for name, pages := range axePages {
			for _, p := range pages {
				where := name + " " + p + " (" + scheme + ")"
				vs := axeOn(t, browser, axe, servers[name]+p, scheme)
				for _, v := range vs {
					t.Errorf("%s: %s (%s): %s\n  %s", where, v.ID, v.Impact, v.Help, strings.Join(v.Nodes, "\n  "))
				}
			}
		}
	}
}

// axeOn opens url in a tab of browser in the colour scheme, waits for
// search results on the search page, and runs axe-core there.
func axeOn(t *testing.T, browser context.Context, axe, url, scheme string) []axeViolation {
	t.Helper()
	ctx := browsertest.Tab(t, browser, 60*time.Second)
	err := chromedp.Do(ctx,
		chromedp.EmulateViewport(1280, 900),
		browsertest.Media("screen", "prefers-color-scheme", scheme),
		chromedp.Navigate(url),
	)
	if err != nil {
		t.Fatalf("%s: %v", url, err)
	}
	if strings.Contains(url, "/search/") {
		waitSearch(t, ctx) // its results are part of the page
	}
	if err := chromedp.Do(ctx, chromedp.Evaluate[chromedp.Void](axe)); err != nil {
		t.Fatalf("%s: loading axe-core: %v", url, err)
	}
	vs, err := chromedp.Run(ctx, chromedp.Evaluate[[]axeViolation](runAxe, chromedp.EvalAwaitPromise))
	if err != nil {
		t.Fatalf("%s: axe: %v", url, err)
	}
	return vs
}
