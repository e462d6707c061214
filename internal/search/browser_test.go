package search

import (
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/brief-ssg/brief/internal/browsertest"
)

// pageState is what the search page shows, read in the browser.
type pageState struct {
	State   string     `json:"state"`
	Status  string     `json:"status"`
	Search  string     `json:"search"`
	Form    [5]string  `json:"form"`
	Results []result   `json:"results"`
	More    bool       `json:"more"`
	Focus   string     `json:"focus"`
	Ms      float64    `json:"ms"`
	History int        `json:"history"`
	Loaded  []string   `json:"loaded"`
	Marks   [][]string `json:"marks"`
}

type result struct {
	Href    string `json:"href"`
	Title   string `json:"title"`
	Date    string `json:"date"`
	Snippet string `json:"snippet"`
}

const readPage = `(() => {
  const f = document.querySelector('form[role="search"]');
  const q = s => document.querySelector(s);
  return {
    state: document.body.dataset.searchState || '',
    status: q('#search-status').textContent,
    search: decodeURIComponent(location.search),
    form: ['q', 'actor', 'tag', 'from', 'to'].map(n => f.elements[n].value),
    results: [...document.querySelectorAll('#search-results > li.search-result')].map(li => ({
      href: li.querySelector('h2 > a').getAttribute('href'),
      title: [...li.querySelector('h2 > a').childNodes].map(n => n.nodeName === 'MARK' ? '[' + n.textContent + ']' : n.textContent).join(''),
      date: li.querySelector('time').getAttribute('datetime') + ' ' + li.querySelector('time').textContent,
      snippet: li.querySelector('.snippet') ? [...li.querySelector('.snippet').childNodes].map(n => n.nodeName === 'MARK' ? '[' + n.textContent + ']' : n.textContent).join('') : '',
    })),
    more: !q('#search-more').hidden,
    focus: document.activeElement ? document.activeElement.outerHTML.slice(0, 80) : '',
    ms: window.briefSearchLastMs || 0,
    history: history.length,
    loaded: performance.getEntriesByType('resource').map(r => new URL(r.name).pathname),
  };
})()`

// TestSearchPageInBrowser runs the search page in Chromium against an
// index of the ranking docs and 60 generated ones.
func TestSearchPageInBrowser(t *testing.T) {
	browser := browsertest.New(t)
	dir := t.TempDir()
	write := func(p string, b []byte) {
		p = filepath.Join(dir, p)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	docs := append(rankingDocs(), corpus(60)...)
	for i := range docs {
		docs[i].URL = "/sub" + docs[i].URL
	}
	files, _ := Build(docs)
	for p, b := range files {
		write("sub/search/index/"+p, b)
	}
	js, err := os.ReadFile(scriptPath)
	if err != nil {
		t.Fatal(err)
	}
	write("sub/search.js", js)
	write("sub/search/index.html", []byte(page(t, testPageData())))
	srv := httptest.NewServer(http.FileServer(http.Dir(dir)))
	t.Cleanup(srv.Close)

	ctx := browsertest.Tab(t, browser, 60*time.Second)
	read := func() pageState {
		t.Helper()
		s, err := chromedp.Run(ctx, chromedp.Evaluate[pageState](readPage))
		if err != nil {
			t.Fatal(err)
		}
		return s
	}
	// wait waits for the search to finish.
	wait := func() pageState {
		t.Helper()
		if _, err := chromedp.Run(ctx, chromedp.Poll[bool](`document.body.dataset.searchState === 'ready' || document.body.dataset.searchState === 'error'`,
			chromedp.WithPollingTimeout(10*time.Second))); err != nil {
			t.Fatalf("search did not finish: %v (%+v)", err, read())
		}
		s := read()
		if s.State != "ready" {
			t.Fatalf("state %q: %+v", s.State, s)
		}
		return s
	}
	// do runs actions that start a search. The page's word on its last
	// search is removed first, so that wait sees the state they lead to,
	// not the last one, which on a loaded machine it could read before the
	// new search starts (Back, and so on).
	do := func(actions ...chromedp.Action[chromedp.Void]) {
		t.Helper()
		forget := chromedp.Evaluate[chromedp.Void](`document.body && document.body.removeAttribute('data-search-state')`)
		if err := chromedp.Do(ctx, append([]chromedp.Action[chromedp.Void]{forget}, actions...)...); err != nil {
			t.Fatal(err)
		}
	}
	hrefs := func(s pageState) string {
		var l []string
		for _, r := range s.Results {
			l = append(l, strings.TrimPrefix(r.Href, "/sub"))
		}
		return strings.Join(l, " ")
	}

	// An empty page shows nothing and loads only the index's table, ahead
	// of the first query; no shard.
	do(chromedp.Navigate(srv.URL + "/sub/search/"))
	s := wait()
	if s.Status != "" || len(s.Results) != 0 || s.More || slices.ContainsFunc(s.Loaded, func(p string) bool {
		return strings.Contains(p, "/index/") && !strings.HasSuffix(p, "/index/meta.json")
	}) {
		t.Errorf("empty search page: %+v", s)
	}
	start := s.History

	// Typing searches, and replaces the address.
	do(chromedp.SendKeys("#search-q", "ceasefire"))
	s = wait()
	if s.Status != "8 results for “ceasefire”" || hrefs(s) != "/title-body/ /actor/ /title/ /old-title/ /figure/ /tag/ /summary/ /body/" {
		t.Errorf("ceasefire: %q %s", s.Status, hrefs(s))
	}
	if s.Search != "?q=ceasefire" || s.History != start {
		t.Errorf("address %q, history %d (was %d)", s.Search, s.History, start)
	}
	if r := s.Results[0]; r.Title != "[Ceasefire] talks" || r.Date != "2023-01-01 1 January 2023" || r.Snippet != "[Ceasefire] news." {
		t.Errorf("first result: %+v", r)
	}
	if r := s.Results[7]; r.Snippet != "The [ceasefire] in Kyiv may come." {
		t.Errorf("body match: %+v", r)
	}
	if s.Ms <= 0 || s.Ms > 5000 {
		t.Errorf("briefSearchLastMs = %v", s.Ms)
	}
	t.Logf("typing to results: %.1f ms (with the %d ms debounce)", s.Ms, 100)

	// Submitting what typing already put in the address adds no
	// duplicate entry, but the next change does not replace it: it adds
	// an entry.
	do(chromedp.KeyEvent("\r"))
	s = wait()
	if s.History != start || s.Search != "?q=ceasefire" {
		t.Errorf("after submit: address %q, history %d (was %d)", s.Search, s.History, start)
	}
	do(chromedp.SetValue("#search-from", "2025-01-01"), chromedp.SetValue("#search-to", "2025-03-31"),
		chromedp.Evaluate[chromedp.Void](`document.querySelector('#search-to').dispatchEvent(new Event('change', {bubbles: true}))`))
	s = wait()
	if hrefs(s) != "/title/ /summary/ /body/" || s.Search != "?q=ceasefire&from=2025-01-01&to=2025-03-31" || s.History != start+1 {
		t.Errorf("date filter: %s, address %q, history %d", hrefs(s), s.Search, s.History)
	}
	// Submitting a change adds an entry. The words are set and submitted
	// without keys (Enter submitting is checked above): on a loaded
	// machine, a pause between the key events longer than the debounce
	// searches them as typing first, which replaces the current entry, so
	// the submit then adds none, and Back shows the wrong search.
	do(chromedp.SetValue("#search-q", "ceasefire kyiv"),
		chromedp.Evaluate[chromedp.Void](`document.querySelector('#search-q').form.requestSubmit()`))
	s = wait()
	if s.Search != "?q=ceasefire+kyiv&from=2025-01-01&to=2025-03-31" || s.History != start+2 || hrefs(s) != "/body/ /title/ /summary/" {
		t.Errorf("submitted: %s, address %q, history %d", hrefs(s), s.Search, s.History)
	}
	// Back restores the form and the results, twice.
	do(chromedp.NavigateBack())
	s = wait()
	if s.Form != [5]string{"ceasefire", "", "", "2025-01-01", "2025-03-31"} || len(s.Results) != 3 {
		t.Errorf("after Back: form %q, %d results", s.Form, len(s.Results))
	}
	do(chromedp.NavigateBack())
	s = wait()
	if s.Form != [5]string{"ceasefire", "", "", "", ""} || len(s.Results) != 8 || s.Status != "8 results for “ceasefire”" {
		t.Errorf("after Back: form %q, %d results", s.Form, len(s.Results))
	}

	// A shared address: a phrase and a tag, with an accent and an
	// unknown case in the tag.
	do(chromedp.Navigate(srv.URL + `/sub/search/?q=%22peace+talks%22&tag=DIPLOMACY`))
	s = wait()
	if s.Form != [5]string{`"peace talks"`, "", "diplomacy", "", ""} || hrefs(s) != "/2025/12/miami-talks/" || s.Status != "1 result for “\"peace talks\"”" {
		t.Errorf("shared search: form %q, %s, %q", s.Form, hrefs(s), s.Status)
	}
	if r := s.Results[0]; r.Title != "US and Ukraine to resume [peace talks] in Miami" {
		t.Errorf("phrase title: %q", r.Title)
	}

	// No results.
	do(chromedp.Navigate(srv.URL+"/sub/search/"), chromedp.SendKeys("#search-q", "zzzzqx"))
	s = wait()
	if s.Status != "No results for “zzzzqx”" || len(s.Results) != 0 || s.More {
		t.Errorf("no results: %+v", s)
	}

	// More results: the first 20, then 20 more, focus on the 21st.
	do(chromedp.Navigate(srv.URL + "/sub/search/?q=the"))
	s = wait()
	if len(s.Results) != 20 || !s.More {
		t.Fatalf("the: %d results, more %v, %q", len(s.Results), s.More, s.Status)
	}
	do(chromedp.Click("#search-more"))
	s = wait()
	if len(s.Results) != 40 || !strings.Contains(s.Focus, s.Results[20].Href) {
		t.Errorf("more: %d results, focus %s", len(s.Results), s.Focus)
	}
	for _, p := range s.Loaded {
		if !strings.HasPrefix(p, "/sub/search") && p != "/sub/search.js" {
			t.Errorf("loaded %s", p)
		}
	}
	var meta int
	for _, p := range s.Loaded {
		if strings.HasSuffix(p, "/meta.json") {
			meta++
		}
	}
	if meta != 1 {
		t.Errorf("meta.json loaded %d times", meta)
	}
}
