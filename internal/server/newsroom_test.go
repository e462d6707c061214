package server

import (
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/brief-ssg/brief/internal/browsertest"
)

// hiddenSite has a draft and a briefing scheduled a year ahead.
var hiddenSite = testSite + `-- content/2025/2025-01-03-draft.md --
---
title: A draft
date: 2025-01-03
draft: true
---
Not yet.
-- content/later.md --
---
title: Much later
date: ` + strconv.Itoa(time.Now().Year()+1) + `-01-01T09:00
---
Scheduled.
`

func TestHiddenBriefingsSaySo(t *testing.T) {
	ts := start(t, hiddenSite)
	code, body, _ := ts.get("/2025/01/draft/")
	if code != 404 || !strings.Contains(body, "content/2025/2025-01-03-draft.md is a draft (draft: true). Start brief serve with -D (--drafts)") {
		t.Errorf("draft: %d\n%s", code, body)
	}
	year := strconv.Itoa(time.Now().Year() + 1)
	code, body, _ = ts.get("/" + year + "/01/later/")
	if code != 404 || !strings.Contains(body, "is dated 1 January "+year+" 09:00 UTC, in the future") || !strings.Contains(body, "-F (--future)") {
		t.Errorf("future: %d\n%s", code, body)
	}
	if code, body, _ = ts.get("/2025/01/nothing/"); code != 404 || strings.Contains(body, "Not published yet") {
		t.Errorf("a page that is not a briefing: %d\n%s", code, body)
	}
}

func TestFirstBuildFailsWithoutGoodBuild(t *testing.T) {
	ts := start(t, strings.Replace(testSite, "date: 2025-01-02", "date: 2025-13-02", 1))
	_, body, _ := ts.get("/")
	if !strings.Contains(body, "brief: the site does not build yet (1 error)") || strings.Contains(body, "last good build") {
		t.Errorf("first failed build:\n%s", body)
	}
}

func TestWarningsInOverlay(t *testing.T) {
	site := strings.Replace(testSite, "Beta body text.", "Beta body text with <b>raw</b> HTML.", 1)
	ts := start(t, site)
	_, body, _ := ts.get("/")
	for _, want := range []string{`<div id="brief-warnings-panel"`, `<summary>2 warnings</summary>`, `<code>content/2025/2025-01-02-beta.md:6:21</code>: raw HTML omitted`} {
		if !strings.Contains(body, want) {
			t.Errorf("lacks %q:\n%s", want, body)
		}
	}
	// With an error, the warnings are folded under it.
	ts.write("content/2025/2025-01-01-alpha.md", "---\ntitle: Alpha\ndate: 2025-13-01\n---\nBroken.\n")
	body = ts.eventually("/", "the last change does not build", false)
	if i, j := strings.Index(body, "date: 2025-13-01"), strings.Index(body, "<summary>2 warnings</summary>"); i < 0 || j < i {
		t.Errorf("warnings not under the errors:\n%s", body)
	}
}

// TestBrowserShowsWarnings checks that a writer sees the warnings in the
// page, folded, and can open them.
func TestBrowserShowsWarnings(t *testing.T) {
	browser := browsertest.New(t)
	site := strings.Replace(testSite, "Beta body text.", "Beta body text with <b>raw</b> HTML.", 1)
	ts := start(t, site)
	ctx := browsertest.Tab(t, browser, 30*time.Second)
	if err := chromedp.Do(ctx, chromedp.Navigate(ts.url)); err != nil {
		t.Fatal(err)
	}
	waitJS(t, ctx, "warnings shown", `!!document.querySelector("#brief-warnings-panel details")`, 5*time.Second)
	open, err := chromedp.Run(ctx, chromedp.Evaluate[bool](`document.querySelector("#brief-warnings-panel details").open`))
	if err != nil || open {
		t.Errorf("warnings not folded: %v", err)
	}
	chromedp.Run(ctx, chromedp.Evaluate[bool](`(() => { document.querySelector("#brief-warnings-panel summary").click(); return true })()`))
	text, err := chromedp.Run(ctx, chromedp.Evaluate[string](`document.querySelector("#brief-warnings-panel").innerText`))
	if err != nil || !strings.Contains(text, "content/2025/2025-01-02-beta.md:6:21") || !strings.Contains(text, "raw HTML omitted") {
		t.Errorf("warning text: %v\n%s", err, text)
	}
}
