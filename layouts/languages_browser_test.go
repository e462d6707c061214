package layouts_test

import (
	"io/fs"
	"os"
	"testing"
	"testing/fstest"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/brief-ssg/brief/internal/browsertest"
)

// mirrored measures, in the page, what a right-to-left layout must mirror:
// the site title at the inline start (right), the menu's first item right
// of its last, a table's first column right of the next.
const mirrored = `(() => {
  const box = s => { const el = document.querySelector(s); return el ? el.getBoundingClientRect() : null; };
  const title = box('.site-title'), header = box('.site-header');
  const items = [...document.querySelectorAll('.site-nav li')].map(li => li.getBoundingClientRect());
  const head = [...document.querySelectorAll('table.figures thead th')].map(th => th.getBoundingClientRect());
  return {
    dir: document.documentElement.dir,
    titleRightGap: header.right - title.right,
    titleLeftGap: title.left - header.left,
    navFirstRight: items.length > 1 && items[0].left > items[items.length - 1].left,
    tableFirstRight: head.length > 1 && head[0].left > head[1].left,
  };
})()`

// chartLabels measures the y-axis labels of a figure's chart.
const chartLabels = `(() => {
  const svg = document.querySelector('svg.chart'), r = svg.getBoundingClientRect();
  const labels = [...svg.querySelectorAll('.tick.y text')].map(t => t.getBoundingClientRect().right);
  return {dir: getComputedStyle(svg).direction, labels: labels.length, labelsRight: Math.max(...labels), chartLeft: r.left, chartWidth: r.width};
})()`

type chartBoxes struct {
	Dir         string  `json:"dir"`
	Labels      int     `json:"labels"`
	LabelsRight float64 `json:"labelsRight"`
	ChartLeft   float64 `json:"chartLeft"`
	ChartWidth  float64 `json:"chartWidth"`
}

type mirror struct {
	Dir             string  `json:"dir"`
	TitleRightGap   float64 `json:"titleRightGap"`
	TitleLeftGap    float64 `json:"titleLeftGap"`
	NavFirstRight   bool    `json:"navFirstRight"`
	TableFirstRight bool    `json:"tableFirstRight"`
}

// exampleIn is the example site's content with brief.toml in another
// language.
func exampleIn(t *testing.T, lang string) fs.FS {
	t.Helper()
	fsys := fstest.MapFS{"brief.toml": {Data: []byte("title = \"Briefings\"\nlanguage = \"" + lang + "\"\n")}}
	err := fs.WalkDir(os.DirFS(".."), "content", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := fs.ReadFile(os.DirFS(".."), p)
		fsys[p] = &fstest.MapFile{Data: b}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return fsys
}

// TestRightToLeftInBrowser opens a briefing of the example site in Arabic
// and in English, on a wide screen, and compares where things are; and a
// figure's chart, which is drawn alike in both.
func TestRightToLeftInBrowser(t *testing.T) {
	browser := browsertest.New(t)
	labelEnds := map[string]float64{}
	for _, c := range []struct {
		lang string
		rtl  bool
	}{{"ar", true}, {"en", false}} {
		mem := buildAt(t, exampleIn(t, c.lang), time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC))
		srv := browsertest.Serve(t, mem)
		ctx := browsertest.Tab(t, browser, 30*time.Second)
		err := chromedp.Do(ctx,
			chromedp.EmulateViewport(1200, 900),
			chromedp.Navigate(srv.URL+"/2025/12/overnight-strikes/"),
		)
		if err != nil {
			t.Fatalf("%s: %v", c.lang, err)
		}
		m, err := chromedp.Run(ctx, chromedp.Evaluate[mirror](mirrored))
		if err != nil {
			t.Fatalf("%s: %v", c.lang, err)
		}
		t.Logf("%s: %+v", c.lang, m)
		wantDir := ""
		if c.rtl {
			wantDir = "rtl"
		}
		if m.Dir != wantDir {
			t.Errorf("%s: dir %q, want %q", c.lang, m.Dir, wantDir)
		}
		titleAtRight := m.TitleRightGap < 1 && m.TitleLeftGap > 100
		if titleAtRight != c.rtl || m.NavFirstRight != c.rtl || m.TableFirstRight != c.rtl {
			t.Errorf("%s: title at the right %v, menu from the right %v, table from the right %v; want all %v",
				c.lang, titleAtRight, m.NavFirstRight, m.TableFirstRight, c.rtl)
		}
		// The chart's y labels end at its axis, on the left, as in English.
		err = chromedp.Do(ctx, chromedp.Navigate(srv.URL+"/figures/drones-launched/"))
		if err != nil {
			t.Fatalf("%s: %v", c.lang, err)
		}
		chart, err := chromedp.Run(ctx, chromedp.Evaluate[chartBoxes](chartLabels))
		if err != nil {
			t.Fatalf("%s: %v", c.lang, err)
		}
		if chart.Dir != "ltr" || chart.Labels == 0 {
			t.Errorf("%s: chart %+v: want it drawn left to right", c.lang, chart)
		}
		labelEnds[c.lang] = chart.LabelsRight - chart.ChartLeft
	}
	if d := labelEnds["ar"] - labelEnds["en"]; d < -1 || d > 1 {
		t.Errorf("the chart's y labels end %.0fpx from its left in Arabic, %.0fpx in English", labelEnds["ar"], labelEnds["en"])
	}
}

// ukrainianSite is a site in Ukrainian with a word in several cases and
// spellings.
var ukrainianSite = fstest.MapFS{
	"brief.toml":                   {Data: []byte("title = \"Зведення\"\nlanguage = \"uk\"\n")},
	"content/2025/2025-12-08-a.md": {Data: []byte("---\ntitle: ЗЕЛЕНСЬКИЙ у Києві\ndate: 2025-12-08\n---\nТекст.\n")},
	"content/2025/2025-12-07-b.md": {Data: []byte("---\ntitle: Зеленський у Львові\ndate: 2025-12-07\n---\nТекст.\n")},
	"content/2025/2025-12-06-c.md": {Data: []byte("---\ntitle: Нарада\ndate: 2025-12-06\n---\nІнше.\n")},
}

// TestSearchInUkrainian searches a Ukrainian site in the browser: a word
// typed in lowercase finds it in capitals, and the page says so in
// Ukrainian, with Ukrainian dates.
func TestSearchInUkrainian(t *testing.T) {
	browser := browsertest.New(t)
	srv := browsertest.Serve(t, buildAt(t, ukrainianSite, time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)))
	ctx := browsertest.Tab(t, browser, 30*time.Second)
	if err := chromedp.Do(ctx, chromedp.Navigate(srv.URL+"/search/?q=зеленський"), chromedp.WaitVisible(chromedp.CSS("#search-q"))); err != nil {
		t.Fatal(err)
	}
	st := waitSearch(t, ctx)
	if st.Status != "2 результати за запитом «зеленський»" || len(st.Results) != 2 {
		t.Errorf("status %q, results %v", st.Status, st.Results)
	}
	date, err := chromedp.Run(ctx, chromedp.Evaluate[string](`document.querySelector('#search-results time').textContent`))
	if err != nil || date != "8 грудня 2025" {
		t.Errorf("first result's date %q (%v), want 8 грудня 2025", date, err)
	}
	if err := chromedp.Do(ctx, chromedp.Navigate(srv.URL+"/search/?q=немає"), chromedp.WaitVisible(chromedp.CSS("#search-q"))); err != nil {
		t.Fatal(err)
	}
	if st := waitSearch(t, ctx); st.Status != "Нічого не знайдено за запитом «немає»" {
		t.Errorf("status %q", st.Status)
	}
}
