package layouts_test

import (
	"context"
	"encoding/json"
	"io/fs"
	"os"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/brief-ssg/brief/internal/browsertest"
	"github.com/brief-ssg/brief/internal/build"
	"github.com/brief-ssg/brief/internal/corpus"
	"github.com/brief-ssg/brief/internal/publish"
	"github.com/brief-ssg/brief/layouts"
)

// audit runs in the page and reports what the default layouts promise:
// one h1, landmarks, a skip link first, text contrast of at least 4.5:1, no
// horizontal scrolling, no request to another origin.
const audit = `(() => {
  const parse = c => { const m = c.match(/[\d.]+/g).map(Number); return {r: m[0], g: m[1], b: m[2], a: m.length > 3 ? m[3] : 1}; };
  const lum = c => { const f = v => { v /= 255; return v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4); }; return 0.2126 * f(c.r) + 0.7152 * f(c.g) + 0.0722 * f(c.b); };
  const bgOf = el => { for (; el; el = el.parentElement) { const c = parse(getComputedStyle(el).backgroundColor); if (c.a > 0) return c; } return {r: 255, g: 255, b: 255, a: 1}; };
  const low = [];
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  for (let n; (n = walker.nextNode());) {
    if (!n.textContent.trim()) continue;
    const el = n.parentElement, st = getComputedStyle(el);
    if (st.display === 'none' || st.visibility === 'hidden' || el.closest('.skip-link')) continue;
    const fg = lum(parse(st.color)), bg = lum(bgOf(el));
    const ratio = (Math.max(fg, bg) + 0.05) / (Math.min(fg, bg) + 0.05);
    if (ratio < 4.5) low.push(el.tagName + ' "' + n.textContent.trim().slice(0, 30) + '" ' + ratio.toFixed(2));
  }
  const focusable = document.querySelector('a[href], button, input, [tabindex]:not([tabindex="-1"])');
  return {
    h1: document.querySelectorAll('h1').length,
    landmarks: ['header', 'nav', 'main', 'footer'].filter(s => !document.querySelector(s)),
    skip: focusable ? focusable.getAttribute('href') : '',
    lowContrast: low,
    overflow: document.documentElement.scrollWidth - window.innerWidth,
    foreign: performance.getEntriesByType('resource').map(r => r.name).filter(u => !u.startsWith(location.origin)),
    bodyBg: lum(bgOf(document.body)),
    scripts: [...document.scripts].filter(s => s.type !== 'application/ld+json').length,
  };
})()`

type auditResult struct {
	H1          int      `json:"h1"`
	Landmarks   []string `json:"landmarks"`
	Skip        string   `json:"skip"`
	LowContrast []string `json:"lowContrast"`
	Overflow    float64  `json:"overflow"`
	Foreign     []string `json:"foreign"`
	BodyBg      float64  `json:"bodyBg"`
	Scripts     int      `json:"scripts"`
}

// TestDefaultLayoutsInBrowser opens every kind of page of the example site
// in Chromium, on a phone-sized screen, in light and dark mode.
func TestDefaultLayoutsInBrowser(t *testing.T) {
	browser := browsertest.New(t)
	site := exampleSite(t)
	srv := browsertest.Serve(t, site)
	pages := []string{"/", "/2025/12/miami-talks/", "/2025/12/overnight-strikes/", "/2025/", "/2025/12/", "/tags/", "/tags/diplomacy/", "/actors/", "/actors/volodymyr-zelenskyy/", "/actors/by/kind/person/", "/figures/", "/figures/drones-launched/", "/no-such-page/"}
	for _, scheme := range []string{"light", "dark"} {
		for _, p := range pages {
			ctx := browsertest.Tab(t, browser, 30*time.Second)
			err := chromedp.Do(ctx,
				chromedp.EmulateViewport(375, 740),
				browsertest.Media("screen", "prefers-color-scheme", scheme),
				chromedp.Navigate(srv.URL+p),
			)
			if err != nil {
				t.Fatalf("%s: %v", p, err)
			}
			a, err := chromedp.Run(ctx, chromedp.Evaluate[auditResult](audit))
			if err != nil {
				t.Fatalf("%s: %v", p, err)
			}
			where := p + " (" + scheme + ")"
			if a.H1 != 1 {
				t.Errorf("%s: %d h1 elements, want 1", where, a.H1)
			}
			if len(a.Landmarks) > 0 {
				t.Errorf("%s: missing landmarks %v", where, a.Landmarks)
			}
			if a.Skip != "#main" {
				t.Errorf("%s: first focusable element links to %q, want the skip link to #main", where, a.Skip)
			}
			if len(a.LowContrast) > 0 {
				t.Errorf("%s: text with contrast below 4.5:1: %v", where, a.LowContrast)
			}
			if a.Overflow > 0 {
				t.Errorf("%s: page is %vpx wider than a 375px phone screen", where, a.Overflow)
			}
			if len(a.Foreign) > 0 || a.Scripts > 0 {
				t.Errorf("%s: third-party requests %v, %d scripts", where, a.Foreign, a.Scripts)
			}
			if dark := a.BodyBg < 0.2; dark != (scheme == "dark") {
				t.Errorf("%s: background luminance %.2f does not follow the colour scheme", where, a.BodyBg)
			}
		}
	}
}

// TestPrintStyles checks that printing hides navigation, prints black on
// white and shows the URLs of external links.
func TestPrintStyles(t *testing.T) {
	browser := browsertest.New(t)
	srv := browsertest.Serve(t, exampleSite(t))
	ctx := browsertest.Tab(t, browser, 30*time.Second)
	err := chromedp.Do(ctx,
		browsertest.Media("print", "prefers-color-scheme", "dark"),
		chromedp.Navigate(srv.URL+"/2025/12/miami-talks/"),
	)
	if err != nil {
		t.Fatal(err)
	}
	type printed struct {
		Hidden []string `json:"hidden"`
		Color  string   `json:"color"`
		Bg     string   `json:"bg"`
		After  string   `json:"after"`
	}
	got, err := chromedp.Run(ctx, chromedp.Evaluate[printed](`(() => {
	  const shown = s => [...document.querySelectorAll(s)].filter(e => getComputedStyle(e).display !== 'none').map(() => s);
	  const ext = document.querySelector('main a[href^="http"]');
	  return {
	    hidden: [...shown('.site-nav'), ...shown('.skip-link'), ...shown('footer'), ...shown('.prev-next')],
	    color: getComputedStyle(document.body).color,
	    bg: getComputedStyle(document.body).backgroundColor,
	    after: ext ? getComputedStyle(ext, '::after').content : 'no external link',
	  };
	})()`))
	if err != nil {
		t.Fatal(err)
	}
	if len(got.Hidden) > 0 {
		t.Errorf("printed page shows %v", got.Hidden)
	}
	if got.Color != "rgb(0, 0, 0)" || (got.Bg != "rgb(255, 255, 255)" && got.Bg != "rgba(0, 0, 0, 0)") {
		t.Errorf("printed text is %s on %s, want black on white", got.Color, got.Bg)
	}
	if got.After != `" (" attr(href) ")"` && !containsURL(got.After) {
		t.Errorf("external link prints as %s, want its URL after it", got.After)
	}
}

func containsURL(s string) bool { return len(s) > 8 && (s[1:8] == " (https" || s[2:9] == "(https:") }

// buildAt builds the site in fsys in memory, linked for a local server.
func buildAt(t *testing.T, fsys fs.FS, now time.Time, opts ...func(*build.Options)) *publish.Memory {
	t.Helper()
	cfg, diags := build.LoadConfig(fsys)
	mem := publish.NewMemory()
	opt := build.Options{Site: fsys, Layouts: layouts.FS, Config: cfg, BaseURL: "http://127.0.0.1/", Now: now}
	for _, o := range opts {
		o(&opt)
	}
	_, bd := build.Run(opt, mem)
	if err := append(diags, bd...).Err(); err != nil {
		t.Fatal(err)
	}
	return mem
}

// exampleSite builds the bundled example site.
func exampleSite(t *testing.T, opts ...func(*build.Options)) *publish.Memory {
	t.Helper()
	return buildAt(t, os.DirFS(".."), time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC), opts...)
}

// generatedSite builds a synthetic site of n briefings (internal/corpus).
func generatedSite(t *testing.T, n int, seed uint64) *publish.Memory {
	t.Helper()
	dir := t.TempDir()
	if err := corpus.Write(dir, corpus.Options{Briefings: n, Seed: seed}); err != nil {
		t.Fatal(err)
	}
	return buildAt(t, os.DirFS(dir), time.Date(2026, 6, 1, 0, 0, 0, 0, time.UTC))
}

// layoutSignature is the text of the page and the box of every element:
// what a reader sees.
const layoutSignature = `(() => {
  const boxes = [...document.body.querySelectorAll('*')].map(el => {
    const r = el.getBoundingClientRect();
    return el.tagName + ' ' + [r.x, r.y, r.width, r.height].map(Math.round).join(',') + ' ' + getComputedStyle(el).color;
  });
  return document.title + '\n' + document.body.innerText + '\n' + boxes.join('\n');
})()`

// TestMinifyLooksTheSame opens each kind of page built with and without
// --minify and compares the text and the box of every element.
func TestMinifyLooksTheSame(t *testing.T) {
	browser := browsertest.New(t)
	plain := browsertest.Serve(t, exampleSite(t))
	small := browsertest.Serve(t, exampleSite(t, func(o *build.Options) { o.Minify = true }))
	for _, p := range []string{"/", "/2025/12/miami-talks/", "/2025/12/overnight-strikes/", "/2025/12/", "/tags/", "/actors/volodymyr-zelenskyy/", "/no-such-page/"} {
		var got [2]string
		for i, srv := range []string{plain.URL, small.URL} {
			ctx := browsertest.Tab(t, browser, 30*time.Second)
			if err := chromedp.Do(ctx, chromedp.EmulateViewport(800, 1000), chromedp.Navigate(srv+p)); err != nil {
				t.Fatalf("%s: %v", p, err)
			}
			sig, err := chromedp.Run(ctx, chromedp.Evaluate[string](layoutSignature))
			if err != nil {
				t.Fatalf("%s: %v", p, err)
			}
			got[i] = sig
		}
		if got[0] != got[1] {
			t.Errorf("%s looks different when minified:\n%s", p, firstDifference(got[0], got[1]))
		}
	}
}

func firstDifference(a, b string) string {
	la, lb := strings.Split(a, "\n"), strings.Split(b, "\n")
	for i := range min(len(la), len(lb)) {
		if la[i] != lb[i] {
			return "plain:    " + la[i] + "\nminified: " + lb[i]
		}
	}
	return "one is longer"
}

// TestFigureChartInBrowser opens a figure page of a generated site: the
// chart is drawn, each of its points is a value of the table beside it,
// it holds no links (the table links the briefings), and its colours
// follow the colour scheme.
func TestFigureChartInBrowser(t *testing.T) {
	browser := browsertest.New(t)
	mem := generatedSite(t, 120, 3)
	srv := browsertest.Serve(t, mem)
	type chartInfo struct {
		Width, Height float64
		Points, Rows  int
		Unmatched     []string
		Stroke        string
	}
	const inspect = `(() => {
  const svg = document.querySelector('figure.chart svg');
  if (!svg) return {width: 0};
  const box = svg.getBoundingClientRect();
  // Series 1 is this figure; the others are its parts, drawn with it.
  // Its values are focusable marks; the table links their briefings.
  const points = [...svg.querySelectorAll('.value.series-1')].filter(g => g.tabIndex === 0);
  return {
    width: box.width, height: box.height, points: points.length,
    rows: document.querySelectorAll('table.values tbody tr').length,
    unmatched: [...svg.querySelectorAll('a')].map(a => a.getAttribute('href')),
    stroke: getComputedStyle(svg.querySelector('path.series-1')).stroke,
  };
})()`
	var strokes []string
	for _, scheme := range []string{"light", "dark"} {
		ctx := browsertest.Tab(t, browser, 30*time.Second)
		if err := chromedp.Do(ctx, browsertest.Media("screen", "prefers-color-scheme", scheme), chromedp.EmulateViewport(900, 900), chromedp.Navigate(srv.URL+"/figures/drones-launched/")); err != nil {
			t.Fatal(err)
		}
		c, err := chromedp.Run(ctx, chromedp.Evaluate[chartInfo](inspect))
		if err != nil {
			t.Fatal(err)
		}
		if c.Width < 300 || c.Height < 100 {
			t.Errorf("%s: chart is %vx%v, not visible", scheme, c.Width, c.Height)
		}
		// A point is a data point; a report of it again or a revision is
		// a row of the table but no point of its own.
		if c.Points == 0 || c.Points > c.Rows || len(c.Unmatched) > 0 {
			t.Errorf("%s: %d points for %d values; links in the chart: %v", scheme, c.Points, c.Rows, c.Unmatched)
		}
		strokes = append(strokes, c.Stroke)
	}
	if strokes[0] == strokes[1] {
		t.Errorf("series colour %s is the same in light and dark mode", strokes[0])
	}
}

// searchState is what the search page shows.
type searchState struct {
	State   string   `json:"state"`
	Status  string   `json:"status"`
	Query   string   `json:"query"`
	Form    []string `json:"form"`
	Results []string `json:"results"`
	Ms      float64  `json:"ms"`
}

const readSearch = `(() => {
  const f = document.querySelector('form.search-form');
  return {
    state: document.body.dataset.searchState || '',
    status: document.querySelector('#search-status').textContent,
    query: decodeURIComponent(location.search),
    form: ['q', 'actor', 'tag', 'from', 'to'].map(n => f.elements[n].value),
    results: [...document.querySelectorAll('#search-results > li.search-result h2 > a')].map(a => a.getAttribute('href')),
    ms: window.briefSearchLastMs || 0,
  };
})()`

// waitSearch waits until the page has rendered the results of the last
// change and returns them.
func waitSearch(t *testing.T, ctx context.Context) searchState {
	t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for {
		st, err := chromedp.Run(ctx, chromedp.Evaluate[searchState](readSearch))
		if err == nil && st.State == "ready" {
			return st
		}
		if time.Now().After(deadline) {
			t.Fatalf("search not ready within 10s: %+v (%v)", st, err)
		}
		time.Sleep(20 * time.Millisecond)
	}
}

// TestSearchInBrowser types into the search page of a generated
// 2,000-briefing site built by brief: results match and rank as promised,
// filters narrow them, the URL holds the state and restores it.
func TestSearchInBrowser(t *testing.T) {
	browser := browsertest.New(t)
	mem := generatedSite(t, 2000, 5)
	// What the briefings say, to check the results against.
	raw, _ := mem.Get("data/briefings.json")
	var data struct {
		Briefings []struct {
			URL, Title string
			Actors     []string
			Tags       []string
		}
	}
	if err := json.Unmarshal(raw, &data); err != nil {
		t.Fatal(err)
	}
	byPath := map[string]int{}
	for i, b := range data.Briefings {
		byPath[strings.TrimPrefix(b.URL, "http://127.0.0.1")] = i
	}
	srv := browsertest.Serve(t, mem)
	ctx := browsertest.Tab(t, browser, 60*time.Second)
	if err := chromedp.Do(ctx, chromedp.Navigate(srv.URL+"/search/"), chromedp.WaitVisible(chromedp.CSS("#search-q"))); err != nil {
		t.Fatal(err)
	}
	waitSearch(t, ctx) // the page is ready, as a reader would find it

	// An actor's surname: briefings naming them as an actor come first.
	if err := chromedp.Do(ctx, chromedp.SendKeys(chromedp.CSS("#search-q"), "Kovalenko")); err != nil {
		t.Fatal(err)
	}
	st := waitSearch(t, ctx)
	t.Logf("first results %.0f ms after the last keystroke: %s", st.Ms, st.Status)
	if len(st.Results) < 10 || !strings.Contains(st.Status, "results for") {
		t.Fatalf("too few results: %+v", st)
	}
	isActor := func(href, surname string) bool {
		for _, a := range data.Briefings[byPath[href]].Actors {
			if strings.HasSuffix(a, " "+surname) {
				return true
			}
		}
		return false
	}
	for i, href := range st.Results[:10] {
		if _, ok := byPath[href]; !ok {
			t.Errorf("result %d %s is not a briefing", i, href)
		} else if !isActor(href, "Kovalenko") {
			t.Errorf("result %d %s does not have a Kovalenko among its actors, yet ranks in the top 10", i, href)
		}
	}
	if st.Query != "?q=Kovalenko" {
		t.Errorf("URL query = %q, want ?q=Kovalenko", st.Query)
	}
	// A second word, with the index partly loaded.
	if err := chromedp.Do(ctx, chromedp.SendKeys(chromedp.CSS("#search-q"), " Smith")); err != nil {
		t.Fatal(err)
	}
	for deadline := time.Now().Add(10 * time.Second); ; time.Sleep(20 * time.Millisecond) {
		if warm := waitSearch(t, ctx); strings.Contains(warm.Query, "Smith") || time.Now().After(deadline) {
			t.Logf("next results %.0f ms after the last keystroke: %s", warm.Ms, warm.Status)
			break
		}
	}
	if err := chromedp.Do(ctx, chromedp.SetValue(chromedp.CSS("#search-q"), "Kovalenko"),
		chromedp.Evaluate[chromedp.Void](`document.querySelector('#search-q').dispatchEvent(new Event('input', {bubbles: true}))`)); err != nil {
		t.Fatal(err)
	}
	for deadline := time.Now().Add(10 * time.Second); ; time.Sleep(20 * time.Millisecond) {
		if back := waitSearch(t, ctx); back.Query == "?q=Kovalenko" || time.Now().After(deadline) {
			break
		}
	}

	// A tag filter narrows the results to briefings with that tag.
	tag := data.Briefings[byPath[st.Results[0]]].Tags[0]
	if err := chromedp.Do(ctx, chromedp.SetValue(chromedp.CSS("#search-tag"), tag),
		chromedp.Evaluate[chromedp.Void](`document.querySelector('#search-tag').dispatchEvent(new Event('change', {bubbles: true}))`)); err != nil {
		t.Fatal(err)
	}
	var filtered searchState
	for deadline := time.Now().Add(10 * time.Second); ; time.Sleep(20 * time.Millisecond) {
		filtered = waitSearch(t, ctx)
		if strings.Contains(filtered.Query, "tag=") || time.Now().After(deadline) {
			break
		}
	}
	if len(filtered.Results) == 0 || len(filtered.Results) >= len(st.Results) && len(st.Results) < 20 {
		t.Errorf("the tag filter did not narrow: %d → %d", len(st.Results), len(filtered.Results))
	}
	for _, href := range filtered.Results {
		if !slices.Contains(data.Briefings[byPath[href]].Tags, tag) {
			t.Errorf("%s lacks the tag %q", href, tag)
		}
	}

	// The URL restores the same search in a new tab.
	ctx2 := browsertest.Tab(t, browser, 60*time.Second)
	if err := chromedp.Do(ctx2, chromedp.Navigate(srv.URL+"/search/"+filtered.Query)); err != nil {
		t.Fatal(err)
	}
	restored := waitSearch(t, ctx2)
	if restored.Form[0] != "Kovalenko" || restored.Form[2] != tag || !slices.Equal(restored.Results, filtered.Results) {
		t.Errorf("a shared URL did not restore the search:\nwant %v\ngot  %+v", filtered.Results, restored)
	}
}

// TestSearchExampleSite searches the bundled example for a name that is
// an actor of one briefing and only mentioned in others.
func TestSearchExampleSite(t *testing.T) {
	browser := browsertest.New(t)
	srv := browsertest.Serve(t, exampleSite(t))
	ctx := browsertest.Tab(t, browser, 60*time.Second)
	if err := chromedp.Do(ctx, chromedp.Navigate(srv.URL+"/search/?q=umerov")); err != nil {
		t.Fatal(err)
	}
	st := waitSearch(t, ctx)
	if len(st.Results) == 0 || st.Results[0] != "/2025/12/miami-talks/" {
		t.Errorf("searching umerov: %+v, want the Miami talks first", st)
	}
	// Accents and case do not matter; unknown words find nothing.
	if err := chromedp.Do(ctx, chromedp.Navigate(srv.URL+"/search/?q=%C3%9AMEROV")); err != nil {
		t.Fatal(err)
	}
	if again := waitSearch(t, ctx); !slices.Equal(again.Results, st.Results) {
		t.Errorf("ÚMEROV found %v, umerov %v", again.Results, st.Results)
	}
	if err := chromedp.Do(ctx, chromedp.Navigate(srv.URL+"/search/?q=zzyzx")); err != nil {
		t.Fatal(err)
	}
	if none := waitSearch(t, ctx); len(none.Results) != 0 || !strings.Contains(none.Status, "No results") {
		t.Errorf("zzyzx: %+v", none)
	}
}
