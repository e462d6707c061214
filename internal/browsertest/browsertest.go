// Package browsertest starts headless Chromium for tests that only a browser
// can check. Tests skip with a clear message when Chromium is missing, unless
// BRIEF_REQUIRE_BROWSER=1 (set by .ci/run), which makes them fail instead.
// Accessibility tests also need axe-core, named by BRIEF_AXE_JS (Axe).
package browsertest

import (
	"context"
	"mime"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/chromedp"

	"github.com/brief-ssg/brief/internal/publish"
)

// Require is the environment variable that makes browser tests mandatory.
const Require = "BRIEF_REQUIRE_BROWSER"

// AxeEnv names the environment variable holding the path of axe-core's
// script (axe.min.js of npm's axe-core); when it is set, the tests that
// run axe in the browser are required.
const AxeEnv = "BRIEF_AXE_JS"

// Axe returns the source of axe-core, to evaluate in a page before
// axe.run, or skips the test when BRIEF_AXE_JS is not set; when it is, a
// file that cannot be read fails the test.
func Axe(t testing.TB) string {
	t.Helper()
	p := os.Getenv(AxeEnv)
	if p == "" {
		t.Skipf("skipping axe-core: set %s to axe.min.js (npm install axe-core: node_modules/axe-core/axe.min.js) to run it", AxeEnv)
	}
	src, err := os.ReadFile(p)
	if err != nil {
		t.Fatalf("%s: %v", AxeEnv, err)
	}
	return string(src)
}

// chromium finds the browser.
func chromium() string {
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	return ""
}

// New starts a headless browser for the test and returns a context for
// chromedp; the browser stops when the test ends.
func New(t *testing.T) context.Context {
	t.Helper()
	bin := chromium()
	if bin == "" {
		if os.Getenv(Require) == "1" {
			t.Fatalf("Chromium is required (%s=1) but not installed: apt-get install -y chromium", Require)
		}
		t.Skipf("skipping browser test: Chromium not installed (apt-get install -y chromium; set %s=1 to make this fail)", Require)
	}
	opts := append(chromedp.DefaultExecAllocatorOptions[:],
		chromedp.ExecPath(bin),
		chromedp.NoSandbox,
		chromedp.DisableGPU,
		chromedp.Flag("disable-quic", true),
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.UserDataDir(t.TempDir()),
	)
	actx, cancelAlloc := chromedp.NewExecAllocator(context.Background(), opts...)
	ctx, cancel := chromedp.NewContext(actx)
	t.Cleanup(func() { cancel(); cancelAlloc() })
	// The first run starts the browser; it must have no timeout, since the
	// timeout would stop the browser.
	if err := chromedp.Do(ctx); err != nil {
		t.Fatalf("starting Chromium: %v", err)
	}
	return ctx
}

// Tab opens a new tab in the browser of ctx, limited to timeout.
func Tab(t *testing.T, ctx context.Context, timeout time.Duration) context.Context {
	t.Helper()
	ctx, cancelTimeout := context.WithTimeout(ctx, timeout)
	ctx, cancel := chromedp.NewContext(ctx)
	t.Cleanup(func() { cancel(); cancelTimeout() })
	return ctx
}

// Media emulates a CSS media type ("print", "screen" or "" for none) and
// media features such as prefers-color-scheme.
func Media(media string, features ...string) chromedp.Action[chromedp.Void] {
	return chromedp.Func(func(ctx context.Context, t *chromedp.Target) error {
		p := emulation.SetEmulatedMediaParams{Media: media}
		for i := 0; i+1 < len(features); i += 2 {
			p.Features = append(p.Features, &emulation.MediaFeature{Name: features[i], Value: features[i+1]})
		}
		_, err := cdp.Call(ctx, t, emulation.SetEmulatedMedia, p)
		return err
	})
}

// Serve serves an in-memory site over real HTTP as a static host would:
// folder URLs get their index.html, unknown paths the site's 404.html.
func Serve(t *testing.T, site *publish.Memory) *httptest.Server {
	t.Helper()
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		p := strings.TrimPrefix(path.Clean(r.URL.Path), "/")
		if strings.HasSuffix(r.URL.Path, "/") {
			p = strings.TrimPrefix(p+"/index.html", "/")
		}
		body, ok := site.Get(p)
		status := http.StatusOK
		if !ok {
			body, _ = site.Get("404.html")
			status = http.StatusNotFound
		}
		ctype := mime.TypeByExtension(path.Ext(p))
		if ctype == "" {
			ctype = "text/html; charset=utf-8"
		}
		w.Header().Set("Content-Type", ctype)
		w.WriteHeader(status)
		w.Write(body)
	}))
	t.Cleanup(srv.Close)
	return srv
}
