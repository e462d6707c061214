package server

import (
	"context"
	"net"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/brief-ssg/brief/internal/browsertest"
)

// waitJS polls a JavaScript expression in the page until it is true.
func waitJS(t *testing.T, ctx context.Context, what, expr string, within time.Duration) time.Duration {
	t.Helper()
	start := time.Now()
	for {
		ok, err := chromedp.Run(ctx, chromedp.Evaluate[bool](expr))
		if err == nil && ok {
			return time.Since(start)
		}
		if time.Since(start) > within {
			t.Fatalf("%s: not true within %s: %s (last error %v)", what, within, expr, err)
		}
		time.Sleep(20 * time.Millisecond)
	}
}

// TestBrowserSeesEveryEdit drives Chromium through the writer's loop:
// an edit appears by itself, a bad edit shows the overlay with its
// position, the fix removes it, a CSS edit restyles without a reload.
func TestBrowserSeesEveryEdit(t *testing.T) {
	browser := browsertest.New(t)
	ts := start(t, testSite)
	ctx := browsertest.Tab(t, browser, 60*time.Second)
	if err := chromedp.Do(ctx, chromedp.Navigate(ts.url+"2025/01/alpha/")); err != nil {
		t.Fatal(err)
	}
	// Wait until the event stream is open, then mark this document: a
	// reload loses the mark, a stylesheet swap keeps it.
	waitJS(t, ctx, "connected", `window.briefEvents && window.briefEvents.readyState === 1`, 5*time.Second)
	mark := func() {
		if _, err := chromedp.Run(ctx, chromedp.Evaluate[bool](`window.briefMark = true`)); err != nil {
			t.Fatal(err)
		}
	}
	mark()

	ts.write("content/2025/2025-01-01-alpha.md", "---\ntitle: Alpha briefing\ndate: 2025-01-01\ntags: [energy]\n---\nA sentence typed just now.\n")
	took := waitJS(t, ctx, "edit shown", `document.querySelector("main").innerText.includes("A sentence typed just now.")`, 2*time.Second)
	t.Logf("edit shown in the browser after %s", took)
	waitJS(t, ctx, "connected again", `window.briefEvents && window.briefEvents.readyState === 1`, 2*time.Second)
	mark()

	ts.write("content/2025/2025-01-01-alpha.md", "---\ntitle: Alpha briefing\ndate: 2025-13-01\n---\nBroken.\n")
	waitJS(t, ctx, "overlay shown", `!!document.querySelector("#brief-errors")`, 2*time.Second)
	text, err := chromedp.Run(ctx, chromedp.Evaluate[string](`document.querySelector("#brief-errors").innerText`))
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"content/2025/2025-01-01-alpha.md:3:7", "date: 2025-13-01"} {
		if !strings.Contains(text, want) {
			t.Errorf("overlay lacks %q:\n%s", want, text)
		}
	}
	visible, err := chromedp.Run(ctx, chromedp.Evaluate[bool](`(() => { const r = document.querySelector("#brief-errors").getBoundingClientRect(); return r.width > 300 && r.height > 200; })()`))
	if err != nil || !visible {
		t.Errorf("overlay not visible: %v", err)
	}
	waitJS(t, ctx, "connected again", `window.briefEvents && window.briefEvents.readyState === 1`, 2*time.Second)

	ts.write("content/2025/2025-01-01-alpha.md", "---\ntitle: Alpha briefing\ndate: 2025-01-01\n---\nRepaired.\n")
	waitJS(t, ctx, "overlay gone", `!document.querySelector("#brief-errors") && document.querySelector("main").innerText.includes("Repaired.")`, 2*time.Second)
	waitJS(t, ctx, "connected again", `window.briefEvents && window.briefEvents.readyState === 1`, 2*time.Second)
	mark()

	ts.write("layouts/style.css", "body { background: rgb(1, 2, 3); color: #fff; }\n")
	waitJS(t, ctx, "style changed", `getComputedStyle(document.body).backgroundColor === "rgb(1, 2, 3)"`, 2*time.Second)
	kept, err := chromedp.Run(ctx, chromedp.Evaluate[bool](`window.briefMark === true`))
	if err != nil || !kept {
		t.Errorf("a CSS-only change reloaded the page (mark lost: %v, %v)", kept, err)
	}
}

// TestBrowserReconnectsAfterARestart stops the server and starts a new
// one on the same port: the open page reconnects and reloads by itself.
func TestBrowserReconnectsAfterARestart(t *testing.T) {
	browser := browsertest.New(t)
	first := prepare(t, testSite)
	ctx1, stop1 := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- first.srv.Run(ctx1) }()
	first.waitBuilds(1)
	tab := browsertest.Tab(t, browser, 60*time.Second)
	if err := chromedp.Do(tab, chromedp.Navigate(first.url)); err != nil {
		t.Fatal(err)
	}
	waitJS(t, tab, "connected", `window.briefEvents && window.briefEvents.readyState === 1`, 5*time.Second)
	chromedp.Run(tab, chromedp.Evaluate[bool](`window.briefMark = true`))
	stop1()
	<-done

	// Same root, same port, a new process as far as the page can tell.
	writeSite(t, first.root, "-- content/2025/2025-01-03-gamma.md --\n---\ntitle: Gamma after restart\ndate: 2025-01-03\n---\nG.\n")
	addr := strings.TrimSuffix(strings.TrimPrefix(first.url, "http://"), "/")
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		t.Fatalf("cannot listen again on %s: %v", addr, err)
	}
	srv, err := New(ln, Options{Root: first.root, Reload: true, Debounce: 30 * time.Millisecond})
	if err != nil {
		t.Fatal(err)
	}
	ctx2, stop2 := context.WithCancel(context.Background())
	defer stop2()
	go srv.Run(ctx2)
	waitJS(t, tab, "reloaded after the restart", `window.briefMark !== true && document.body.innerText.includes("Gamma after restart")`, 5*time.Second)
}

// TestBrowserNavigatesToTheEditedBriefing checks --navigate: the open page
// moves to the briefing being edited.
func TestBrowserNavigatesToTheEditedBriefing(t *testing.T) {
	browser := browsertest.New(t)
	ts := start(t, testSite, func(o *Options) { o.Navigate = true })
	ctx := browsertest.Tab(t, browser, 60*time.Second)
	if err := chromedp.Do(ctx, chromedp.Navigate(ts.url+"tags/")); err != nil {
		t.Fatal(err)
	}
	waitJS(t, ctx, "connected", `window.briefEvents && window.briefEvents.readyState === 1`, 5*time.Second)
	ts.write("content/2025/2025-01-02-beta.md", "---\ntitle: Beta briefing\ndate: 2025-01-02\ntags: [energy]\n---\nWhere the writer is.\n")
	waitJS(t, ctx, "navigated", `location.pathname === "/2025/01/beta/" && document.body.innerText.includes("Where the writer is.")`, 2*time.Second)
}
