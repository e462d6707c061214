package layouts_test

import (
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/brief-ssg/brief/internal/browsertest"
)

// phoneFigures measures, in the page, what a phone shows of figures: the
// smallest chart text and point target in CSS pixels, whether a tapped or
// focused point shows its value, how much any table overflows, and every
// focusable element inside role="img" (axe's nested-interactive).
const phoneFigures = `(() => {
  const svg = [...document.querySelectorAll('figure.chart svg')].find(s => s.getBoundingClientRect().width > 0);
  let minFont = 0, minTarget = 0, points = 0, shown = false;
  if (svg) {
    const scale = svg.getBoundingClientRect().width / svg.viewBox.baseVal.width;
    const sizes = [...svg.querySelectorAll('text')].map(t => parseFloat(getComputedStyle(t).fontSize) * scale);
    minFont = Math.min(...sizes);
    const marks = [...svg.querySelectorAll('.value')];
    points = marks.length;
    minTarget = Math.min(...marks.map(g => { const r = g.getBoundingClientRect(); return Math.min(r.width, r.height); }));
    if (marks.length) {
      marks[0].focus();
      shown = document.activeElement === marks[0] && getComputedStyle(marks[0].querySelector('.tip')).visibility === 'visible';
    }
  }
  const overflow = Math.max(0, ...[...document.querySelectorAll('table')].map(t => {
    const box = t.parentElement.classList.contains('table-scroll') ? t.parentElement : t;
    return t.scrollWidth - box.clientWidth;
  }), document.documentElement.scrollWidth - window.innerWidth);
  const nested = [...document.querySelectorAll('[role="img"]')].flatMap(el =>
    [...el.querySelectorAll('a[href], button, input, select, textarea, [tabindex]')].filter(e => e.tabIndex >= 0).map(e => e.tagName));
  const hl = document.querySelector('.highlights'), entries = document.querySelector('ol.entries');
  const highlightsFirst = !!(hl && entries && hl.getBoundingClientRect().top < entries.getBoundingClientRect().top);
  return {minFont, minTarget, points, shown, overflow, nested, highlightsFirst};
})()`

type phoneResult struct {
	MinFont   float64  `json:"minFont"`
	MinTarget float64  `json:"minTarget"`
	Points    int      `json:"points"`
	Shown     bool     `json:"shown"`
	Overflow  float64  `json:"overflow"`
	Nested    []string `json:"nested"`
	// HighlightsFirst: the home page's figures come before its headlines.
	HighlightsFirst bool `json:"highlightsFirst"`
}

// TestFiguresOnAPhone opens figure pages at 360 px: chart text is at least
// 12 CSS px, points are targets of at least 24×24 px that show their value
// when focused, no figures table scrolls sideways, and nothing focusable
// sits inside role="img"; the home page's figures follow its headlines.
// The figures index fits a 1366 px screen.
func TestFiguresOnAPhone(t *testing.T) {
	browser := browsertest.New(t)
	srv := browsertest.Serve(t, exampleSite(t))
	gen := browsertest.Serve(t, generatedSite(t, 60, 5))
	pages := []struct {
		url   string
		chart bool
	}{
		{gen.URL + "/figures/drones-launched/", true},
		{srv.URL + "/figures/drones-launched/", true},
		{srv.URL + "/figures/russia-claimed-drones-downed/", true},
		{srv.URL + "/2025/12/overnight-strikes/", false},
		{srv.URL + "/figures/", false},
		{srv.URL + "/", false},
	}
	for _, width := range []int64{360, 1366} {
		for _, p := range pages {
			ctx := browsertest.Tab(t, browser, 30*time.Second)
			if err := chromedp.Do(ctx, chromedp.EmulateViewport(width, 800), chromedp.Navigate(p.url)); err != nil {
				t.Fatal(err)
			}
			r, err := chromedp.Run(ctx, chromedp.Evaluate[phoneResult](phoneFigures))
			if err != nil {
				t.Fatal(err)
			}
			where := p.url + " at " + itoa64(width) + " px"
			if r.Overflow > 0 {
				t.Errorf("%s: a table or the page overflows by %v px", where, r.Overflow)
			}
			if len(r.Nested) > 0 {
				t.Errorf("%s: focusable elements inside role=img: %v", where, r.Nested)
			}
			if p.url == srv.URL+"/" && r.HighlightsFirst != (width == 1366) {
				t.Errorf("%s: figures before the headlines: %v", where, r.HighlightsFirst)
			}
			if !p.chart || width != 360 {
				continue
			}
			if r.Points == 0 || r.MinFont < 12 || r.MinTarget < 24 || !r.Shown {
				t.Errorf("%s: %d points, smallest text %.1f px (want ≥ 12), smallest target %.1f px (want ≥ 24), value shown on focus: %v",
					where, r.Points, r.MinFont, r.MinTarget, r.Shown)
			}
		}
	}
}

func itoa64(n int64) string {
	b := []byte{}
	for ; n > 0; n /= 10 {
		b = append([]byte{byte('0' + n%10)}, b...)
	}
	return string(b)
}
