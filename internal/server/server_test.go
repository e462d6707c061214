package server

import (
	"context"
	"io"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/rogpeppe/go-internal/txtar"

	"github.com/brief-ssg/brief/internal/build"
	"github.com/brief-ssg/brief/internal/diag"
	"github.com/brief-ssg/brief/internal/render"
)

// testSite is a small site with two briefings, a tag and an actor.
const testSite = `
-- brief.toml --
title = "Test Briefings"
baseURL = "https://example.org/sub/"
timezone = "UTC"
-- content/2025/2025-01-01-alpha.md --
---
title: Alpha briefing
date: 2025-01-01
tags: [energy]
actors: [Rustem Umerov]
---
Alpha body text.
-- content/2025/2025-01-02-beta.md --
---
title: Beta briefing
date: 2025-01-02
tags: [energy]
---
Beta body text.
`

// testServer is a running preview of a site in a temporary folder.
type testServer struct {
	t    *testing.T
	root string
	srv  *Server
	url  string // http://127.0.0.1:port/
	log  *syncBuffer
}

type syncBuffer struct {
	mu  sync.Mutex
	buf strings.Builder
}

func (b *syncBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

func (b *syncBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}

// writeSite writes a txtar archive under root.
func writeSite(t testing.TB, root, archive string) {
	t.Helper()
	for _, f := range txtar.Parse([]byte(archive)).Files {
		p := filepath.Join(root, filepath.FromSlash(f.Name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, f.Data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

// start serves archive and waits for the first build.
func start(t *testing.T, archive string, configure ...func(*Options)) *testServer {
	t.Helper()
	ts := prepare(t, archive, configure...)
	ts.run()
	return ts
}

// prepare makes a server for archive without starting it.
func prepare(t *testing.T, archive string, configure ...func(*Options)) *testServer {
	t.Helper()
	root := t.TempDir()
	writeSite(t, root, archive)
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	log := &syncBuffer{}
	opt := Options{Root: root, Reload: true, Log: log, Debounce: 30 * time.Millisecond}
	for _, c := range configure {
		c(&opt)
	}
	srv, err := New(ln, opt)
	if err != nil {
		t.Fatal(err)
	}
	return &testServer{t: t, root: root, srv: srv, url: "http://" + ln.Addr().String() + "/", log: log}
}

// run starts the server and waits for its first build; it stops when the
// test ends.
func (ts *testServer) run() {
	t := ts.t
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- ts.srv.Run(ctx) }()
	t.Cleanup(func() {
		cancel()
		select {
		case err := <-done:
			if err != nil {
				t.Errorf("Run: %v", err)
			}
		case <-time.After(2 * time.Second):
			t.Errorf("the server did not stop within 2s of its context ending")
		}
	})
	ts.waitBuilds(1)
}

// waitBuilds waits until n builds have been published.
func (ts *testServer) waitBuilds(n int64) {
	ts.t.Helper()
	deadline := time.Now().Add(5 * time.Second)
	for ts.srv.published() < n {
		if time.Now().After(deadline) {
			ts.t.Fatalf("only %d builds after 5s, want %d; log:\n%s", ts.srv.published(), n, ts.log)
		}
		time.Sleep(5 * time.Millisecond)
	}
}

func (ts *testServer) write(name, content string) {
	ts.t.Helper()
	writeSite(ts.t, ts.root, "-- "+name+" --\n"+content)
}

// get fetches a path with optional header pairs.
func (ts *testServer) get(path string, header ...string) (int, string, http.Header) {
	ts.t.Helper()
	req, err := http.NewRequest("GET", ts.url+strings.TrimPrefix(path, "/"), nil)
	if err != nil {
		ts.t.Fatal(err)
	}
	for i := 0; i+1 < len(header); i += 2 {
		if header[i] == "Host" {
			req.Host = header[i+1]
		} else {
			req.Header.Set(header[i], header[i+1])
		}
	}
	client := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	resp, err := client.Do(req)
	if err != nil {
		ts.t.Fatal(err)
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, string(body), resp.Header
}

// eventually waits until the page at path contains want (or, with
// negate, stops containing it).
func (ts *testServer) eventually(path, want string, negate bool) string {
	ts.t.Helper()
	deadline := time.Now().Add(5 * time.Second)
	for {
		_, body, _ := ts.get(path)
		if strings.Contains(body, want) != negate {
			return body
		}
		if time.Now().After(deadline) {
			ts.t.Fatalf("after 5s, %s contains %q = %v; body:\n%s\nlog:\n%s", path, want, !negate, body, ts.log)
		}
		time.Sleep(10 * time.Millisecond)
	}
}

func TestServesTheBuildWithTheLocalBaseURL(t *testing.T) {
	ts := start(t, testSite)
	status, body, h := ts.get("/")
	if status != 200 || !strings.Contains(body, "Alpha briefing") {
		t.Fatalf("GET / = %d:\n%s", status, body)
	}
	if got := h.Get("Content-Type"); got != "text/html; charset=utf-8" {
		t.Errorf("Content-Type = %q", got)
	}
	// brief.toml names https://example.org/sub/; the preview links locally.
	if !strings.Contains(body, `href="/2025/01/alpha/"`) || strings.Contains(body, "/sub/") {
		t.Errorf("links do not use the local address:\n%s", body)
	}
	if !strings.Contains(body, `<script src="/_brief/live.js" data-version="`) {
		t.Errorf("no live-reload script in the page")
	}
	if h.Get("Access-Control-Allow-Origin") != "" {
		t.Errorf("Access-Control-Allow-Origin set")
	}
	status, body, _ = ts.get("/2025/01/alpha/")
	if status != 200 || !strings.Contains(body, "Alpha body text.") {
		t.Fatalf("GET briefing = %d:\n%s", status, body)
	}
	status, _, h = ts.get("/2025/01/alpha")
	if status != http.StatusMovedPermanently || h.Get("Location") != "/2025/01/alpha/" {
		t.Errorf("GET without slash = %d → %q, want 301 → /2025/01/alpha/", status, h.Get("Location"))
	}
	status, body, _ = ts.get("/no/such/page/")
	if status != 404 || !strings.Contains(body, "<h1") || !strings.Contains(body, "live.js") {
		t.Errorf("unknown page = %d, want the site's 404 page with the script:\n%s", status, body)
	}
	status, body, h = ts.get("/_brief/live.js")
	if status != 200 || !strings.Contains(body, "EventSource") || !strings.HasPrefix(h.Get("Content-Type"), "text/javascript") {
		t.Errorf("live.js = %d %q", status, h.Get("Content-Type"))
	}
}

func TestScriptOnlyInHTMLAndNotWithNoReload(t *testing.T) {
	ts := start(t, testSite, func(o *Options) { o.Reload = false })
	_, body, _ := ts.get("/")
	if strings.Contains(body, "live.js") {
		t.Errorf("--no-reload page has the script")
	}
	ts = start(t, testSite)
	for path, f := range ts.srv.cur.Load().files {
		if strings.Contains(string(f.data), "live.js") {
			t.Errorf("built file %s holds the script; it must be added when served only", path)
		}
		if strings.HasSuffix(path, ".css") {
			_, css, h := ts.get(path)
			if strings.Contains(css, "live.js") || h.Get("Content-Type") != "text/css; charset=utf-8" {
				t.Errorf("stylesheet served with %q and the script", h.Get("Content-Type"))
			}
		}
	}
}

func TestServesUnderTheBasePathOfBaseURL(t *testing.T) {
	ts := start(t, testSite, func(o *Options) { o.BaseURL = "http://localhost:1313/sub/" })
	status, body, _ := ts.get("/sub/")
	if status != 200 || !strings.Contains(body, `href="/sub/2025/01/alpha/"`) {
		t.Fatalf("GET /sub/ = %d:\n%s", status, body)
	}
	if status, _, _ := ts.get("/sub/2025/01/alpha/"); status != 200 {
		t.Errorf("briefing under /sub/ = %d", status)
	}
	if status, _, _ := ts.get("/2025/01/alpha/"); status != 404 {
		t.Errorf("briefing outside /sub/ = %d, want 404", status)
	}
	if status, _, h := ts.get("/sub"); status != 200 && h.Get("Location") != "/sub/" {
		t.Errorf("/sub = %d", status)
	}
}

func TestEditIsServedAndLogged(t *testing.T) {
	ts := start(t, testSite)
	ts.write("content/2025/2025-01-01-alpha.md", "---\ntitle: Alpha briefing\ndate: 2025-01-01\ntags: [energy]\nactors: [Rustem Umerov]\n---\nA rewritten body.\n")
	ts.eventually("/2025/01/alpha/", "A rewritten body.", false)
	if !strings.Contains(ts.log.String(), "brief serve: built ") {
		t.Errorf("no rebuild line in the log:\n%s", ts.log)
	}
	// A new briefing in a new folder.
	ts.write("content/2026/new/2026-01-01-gamma.md", "---\ntitle: Gamma briefing\ndate: 2025-01-03\n---\nGamma.\n")
	ts.eventually("/", "Gamma briefing", false)
	// Deleted: gone from the home page.
	os.Remove(filepath.Join(ts.root, "content/2025/2025-01-02-beta.md"))
	ts.eventually("/", "Beta briefing", true)
	if status, _, _ := ts.get("/2025/01/beta/"); status != 404 {
		t.Errorf("deleted briefing still served: %d", status)
	}
}

func TestBadEditKeepsTheLastGoodBuildWithAnOverlay(t *testing.T) {
	ts := start(t, testSite)
	ts.write("content/2025/2025-01-02-beta.md", "---\ntitle: Beta briefing\ndate: 2025-13-02\ntags: [energy]\n---\nBroken beta.\n")
	body := ts.eventually("/", `id="brief-errors"`, false)
	for _, want := range []string{
		"content/2025/2025-01-02-beta.md:3:7",
		`<mark>    3 | date: 2025-13-02</mark>`,
		"    2 | title: Beta briefing",
		"Alpha briefing", // the last good build is still there
		"Beta briefing",
	} {
		if !strings.Contains(body, want) {
			t.Errorf("overlay page lacks %q:\n%s", want, body)
		}
	}
	if strings.Contains(body, "Broken beta") {
		t.Errorf("the failed build's content is served")
	}
	// Every page shows it, not only the home page.
	if _, page, _ := ts.get("/tags/energy/"); !strings.Contains(page, `id="brief-errors"`) {
		t.Errorf("tag page has no overlay")
	}
	if !strings.Contains(ts.log.String(), "content/2025/2025-01-02-beta.md:3:7:") || !strings.Contains(ts.log.String(), "serving the last good build") {
		t.Errorf("log lacks the error:\n%s", ts.log)
	}
	ts.write("content/2025/2025-01-02-beta.md", "---\ntitle: Beta briefing\ndate: 2025-01-02\ntags: [energy]\n---\nFixed beta.\n")
	body = ts.eventually("/2025/01/beta/", "Fixed beta.", false)
	if strings.Contains(body, "brief-errors") {
		t.Errorf("overlay still shown after the fix")
	}
}

func TestTemplateErrorShowsItsPosition(t *testing.T) {
	ts := start(t, testSite)
	ts.write("layouts/home.html", "{{define \"main\"}}\n<p>ok</p>\n{{ .Nope.Nope }\n{{end}}\n")
	body := ts.eventually("/", `id="brief-errors"`, false)
	if !strings.Contains(body, "layouts/home.html:3") {
		t.Errorf("overlay lacks the template position:\n%s", body)
	}
	os.Remove(filepath.Join(ts.root, "layouts/home.html"))
	ts.eventually("/", `id="brief-errors"`, true)
}

func TestFirstBuildFailingServesTheErrors(t *testing.T) {
	ts := start(t, "-- brief.toml --\ntitel = \"Typo\"\n")
	status, body, _ := ts.get("/anything/")
	if status != 500 || !strings.Contains(body, "brief.toml:1") || !strings.Contains(body, "live.js") {
		t.Fatalf("GET = %d:\n%s", status, body)
	}
	ts.write("brief.toml", "title = \"Fixed\"\n")
	ts.eventually("/", "Fixed", false)
}

func TestPanicInABuildIsRecovered(t *testing.T) {
	ts := prepare(t, testSite)
	var broken atomic.Bool
	ts.srv.runBuild = func(o build.Options, s render.Sink) (*build.Result, diag.List) {
		if broken.Load() {
			panic("a bug in brief")
		}
		return build.Run(o, s)
	}
	ts.run()
	broken.Store(true)
	ts.write("content/2025/2025-01-01-alpha.md", "---\ntitle: Alpha\ndate: 2025-01-01\n---\nx\n")
	body := ts.eventually("/", "internal error during the build: a bug in brief", false)
	if !strings.Contains(body, "Alpha briefing") {
		t.Errorf("last good build not served after a panic")
	}
	if !strings.Contains(ts.log.String(), "panic during the build: a bug in brief") {
		t.Errorf("log lacks the panic:\n%s", ts.log)
	}
}

func TestNeverWritesThePublicFolder(t *testing.T) {
	ts := start(t, testSite, func(o *Options) { o.Drafts = true })
	ts.write("content/2025/2025-01-03-draft.md", "---\ntitle: Draft briefing\ndate: 2025-01-03\ndraft: true\n---\nDraft.\n")
	ts.eventually("/", "Draft briefing", false)
	if _, err := os.Stat(filepath.Join(ts.root, "public")); !os.IsNotExist(err) {
		t.Errorf("serve created public/: %v", err)
	}
}

func TestDraftsAndFutureHiddenByDefault(t *testing.T) {
	site := testSite + "-- content/2025/2025-01-03-draft.md --\n---\ntitle: Draft briefing\ndate: 2025-01-03\ndraft: true\n---\nDraft.\n" +
		"-- content/next/future.md --\n---\ntitle: Future briefing\ndate: " + time.Now().AddDate(1, 0, 0).Format(time.DateOnly) + "\n---\nLater.\n" // within the two years a date may be ahead
	_, body, _ := start(t, site).get("/")
	if strings.Contains(body, "Draft briefing") || strings.Contains(body, "Future briefing") {
		t.Errorf("drafts or future shown by default")
	}
	_, body, _ = start(t, site, func(o *Options) { o.Drafts, o.Future = true, true }).get("/")
	if !strings.Contains(body, "Draft briefing") || !strings.Contains(body, "Future briefing") {
		t.Errorf("-D -F do not show drafts and future")
	}
}

// slowBuilds makes every build after the first take d, to test what
// happens while a rebuild runs.
func slowBuilds(ts *testServer, d time.Duration) {
	var n atomic.Int64
	ts.srv.runBuild = func(o build.Options, s render.Sink) (*build.Result, diag.List) {
		if n.Add(1) > 1 {
			time.Sleep(d)
		}
		return build.Run(o, s)
	}
}

func TestRequestsAreAnsweredDuringARebuild(t *testing.T) {
	ts := prepare(t, testSite)
	slowBuilds(ts, 3*time.Second)
	ts.run()
	ts.write("content/2025/2025-01-01-alpha.md", "---\ntitle: Alpha briefing\ndate: 2025-01-01\n---\nSlow.\n")
	time.Sleep(200 * time.Millisecond) // the rebuild is running now
	start := time.Now()
	status, body, _ := ts.get("/")
	if took := time.Since(start); status != 200 || !strings.Contains(body, "Alpha briefing") || took > time.Second {
		t.Errorf("GET / during a rebuild = %d after %s", status, took)
	}
}

func TestStopsWithinASecondDuringARebuild(t *testing.T) {
	ts := prepare(t, testSite)
	slowBuilds(ts, 5*time.Second)
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- ts.srv.Run(ctx) }()
	ts.waitBuilds(1)
	ts.write("content/2025/2025-01-01-alpha.md", "---\ntitle: Alpha briefing\ndate: 2025-01-01\n---\nSlow.\n")
	time.Sleep(300 * time.Millisecond)
	stopped := time.Now()
	cancel()
	select {
	case <-done:
		if took := time.Since(stopped); took > time.Second {
			t.Errorf("stopping took %s", took)
		}
	case <-time.After(time.Second):
		t.Fatal("Run did not return within 1s of the interrupt during a rebuild")
	}
	if _, err := os.Stat(filepath.Join(ts.root, "public")); !os.IsNotExist(err) {
		t.Errorf("public/ exists")
	}
}
