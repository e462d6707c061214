package cli

import (
	"bufio"
	"context"
	"encoding/json"
	"io"
	"log"
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"
)

func TestCheckExternalLinks(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/gone" {
			w.WriteHeader(http.StatusGone)
		}
	}))
	defer srv.Close()
	root := t.TempDir()
	os.MkdirAll(filepath.Join(root, "content"), 0o755)
	os.WriteFile(filepath.Join(root, "brief.toml"), []byte(`baseURL = "https://example.org/"`+"\n"), 0o644)
	os.WriteFile(filepath.Join(root, "content", "a.md"), []byte("---\ntitle: A\ndate: 2025-01-01\n---\n[ok]("+srv.URL+"/ok) and [gone]("+srv.URL+"/gone).\n"), 0o644)

	var stdout, stderr strings.Builder
	if code := Run(context.Background(), []string{"check", "-s", root}, &stdout, &stderr); code != ExitOK {
		t.Fatalf("without --external: exit %d\n%s%s", code, stdout.String(), stderr.String())
	}
	stdout.Reset()
	stderr.Reset()
	code := Run(context.Background(), []string{"check", "-s", root, "--external", "--format", "json"}, &stdout, &stderr)
	if code != ExitError {
		t.Fatalf("exit %d, want 1", code)
	}
	var report struct {
		Errors      int
		Stats       struct{ ExternalLinks int }
		Diagnostics []struct{ File, Message string }
	}
	if err := json.Unmarshal([]byte(stdout.String()), &report); err != nil {
		t.Fatalf("not JSON: %v\n%s", err, stdout.String())
	}
	if report.Errors != 1 || report.Stats.ExternalLinks != 2 || len(report.Diagnostics) != 1 ||
		report.Diagnostics[0].Message != "external link to "+srv.URL+"/gone: answered 410 Gone" ||
		!strings.HasSuffix(report.Diagnostics[0].File, "index.html") {
		t.Errorf("report = %+v", report)
	}
}

// checkSite writes a site whose one briefing has body under root.
func checkSite(t *testing.T, baseURL, body string) string {
	t.Helper()
	root := t.TempDir()
	os.MkdirAll(filepath.Join(root, "content"), 0o755)
	os.WriteFile(filepath.Join(root, "brief.toml"), []byte(`baseURL = "`+baseURL+`"`+"\n"), 0o644)
	os.WriteFile(filepath.Join(root, "content", "a.md"), []byte("---\ntitle: A\ndate: 2025-01-01\n---\n"+body+"\n"), 0o644)
	return root
}

// TestCheckTimeoutAndConcurrencyMustBePositive: a check that could wait
// forever, or check nothing, is a usage error (exit 2).
func TestCheckTimeoutAndConcurrencyMustBePositive(t *testing.T) {
	root := checkSite(t, "https://example.org/", "Body.")
	for _, tc := range []struct{ flag, msg string }{
		{"--timeout=0", "brief check: --timeout 0s: give a positive duration"},
		{"--timeout=-1s", "brief check: --timeout -1s: give a positive duration"},
		{"--concurrency=0", "brief check: --concurrency 0: give a positive number"},
		{"--concurrency=-3", "brief check: --concurrency -3: give a positive number"},
	} {
		var stdout, stderr strings.Builder
		code := Run(context.Background(), []string{"check", "-s", root, "--external", tc.flag}, &stdout, &stderr)
		if code != ExitUsage || stdout.Len() > 0 || !strings.HasPrefix(stderr.String(), tc.msg) {
			t.Errorf("%s: exit %d, stderr %q, want %d and %q", tc.flag, code, stderr.String(), ExitUsage, tc.msg)
		}
	}
}

// TestCheckLinkToAnotherRepoOnTheSameHostIsExternal: from a site at
// https://user.github.io/repo/, https://user.github.io/other-repo/ is
// another site, not a link "outside the site".
func TestCheckLinkToAnotherRepoOnTheSameHostIsExternal(t *testing.T) {
	root := checkSite(t, "https://user.github.io/repo/", "See [the other one](https://user.github.io/other-repo/).")
	var stdout, stderr strings.Builder
	if code := Run(context.Background(), []string{"check", "-s", root}, &stdout, &stderr); code != ExitOK {
		t.Fatalf("exit %d\n%s%s", code, stdout.String(), stderr.String())
	}
	if !strings.Contains(stderr.String(), " 1 links to other sites not checked") {
		t.Errorf("stderr = %q, want the link counted as external", stderr.String())
	}
}

// TestCheckEndsAndReportsMalformedAnswersPerLink: with --external, a
// server that never answers is given up on after --timeout, and one that
// answers with garbage or with a body after HEAD is reported per link: one
// line each on stdout, the summary alone on stderr, nothing on the global
// log.
func TestCheckEndsAndReportsMalformedAnswersPerLink(t *testing.T) {
	var logged strings.Builder
	var logMu sync.Mutex
	log.SetOutput(writerFunc(func(p []byte) (int, error) {
		logMu.Lock()
		defer logMu.Unlock()
		return logged.Write(p)
	}))
	defer log.SetOutput(os.Stderr)
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	done := make(chan struct{})
	var wg sync.WaitGroup
	defer func() { close(done); ln.Close(); wg.Wait() }()
	answers := map[string]string{
		"/garbage":  "garbage\r\n\r\n",
		"/headbody": "HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\nHTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\nhello",
		"/silent":   "",
	}
	wg.Add(1)
	go func() {
		defer wg.Done()
		for {
			conn, err := ln.Accept()
			if err != nil {
				return
			}
			wg.Add(1)
			go func() {
				defer wg.Done()
				go func() { <-done; conn.Close() }()
				req, err := http.ReadRequest(bufio.NewReader(conn))
				if err == nil {
					conn.Write([]byte(answers[req.URL.Path]))
				}
				io.Copy(io.Discard, conn) // until the client or the test closes it
			}()
		}
	}()
	srv := "http://" + ln.Addr().String()
	root := checkSite(t, "https://example.org/", "[a]("+srv+"/garbage) [b]("+srv+"/headbody) [c]("+srv+"/silent)")

	var stdout, stderr strings.Builder
	start := time.Now()
	code := Run(context.Background(), []string{"check", "-s", root, "--external", "--timeout", "300ms"}, &stdout, &stderr)
	if took := time.Since(start); took > 5*time.Second {
		t.Errorf("took %v with --timeout 300ms", took)
	}
	lines := strings.Split(strings.TrimSpace(stdout.String()), "\n")
	if code != ExitError || len(lines) != 2 ||
		!strings.HasSuffix(lines[0], ": external link to "+srv+`/garbage: net/http: HTTP/1.x transport connection broken: malformed HTTP response "garbage"`) ||
		!strings.HasSuffix(lines[1], ": external link to "+srv+"/silent: no answer within 300ms") {
		t.Errorf("exit %d, stdout:\n%s", code, stdout.String())
	}
	if s := stderr.String(); strings.Count(s, "\n") != 1 || !strings.HasPrefix(s, "brief check: 2 errors, 0 warnings;") {
		t.Errorf("stderr:\n%s", s)
	}
	time.Sleep(100 * time.Millisecond) // what a kept connection would log, it logs by now
	logMu.Lock()
	defer logMu.Unlock()
	if logged.Len() > 0 {
		t.Errorf("written to the global log:\n%s", logged.String())
	}
}

type writerFunc func([]byte) (int, error)

func (f writerFunc) Write(p []byte) (int, error) { return f(p) }

// TestCheckNamesUnsafeFileNamesOnOneLine: a content file named with a line
// break that mimics a diagnostic is one error, its name quoted and
// escaped; the report cannot be made to show a line that is not there.
func TestCheckNamesUnsafeFileNamesOnOneLine(t *testing.T) {
	root := checkSite(t, "https://example.org/", "Body.")
	name := "b\ncontent:a.md:1:1: all good\x1b[0m.md"
	if err := os.WriteFile(filepath.Join(root, "content", name), []byte("---\ntitle: B\ndate: 2025-01-02\n---\n"), 0o644); err != nil {
		t.Skipf("this file system refuses the name: %v", err)
	}
	var stdout, stderr strings.Builder
	code := Run(context.Background(), []string{"check", "-s", root}, &stdout, &stderr)
	want := `"content/b\ncontent:a.md:1:1: all good\x1b[0m.md": file name holds the control character '\n': rename the file; a briefing's URL and every report name it` + "\n"
	if code != ExitError || stdout.String() != want {
		t.Errorf("exit %d, stdout:\n%s\nwant:\n%s", code, stdout.String(), want)
	}
}
