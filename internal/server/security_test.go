package server

import (
	"bufio"
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// secret is planted next to the site root and inside it; no request may
// ever see it.
const secret = "TOP-SECRET-7f3a"

func plantSecrets(t *testing.T, ts *testServer) {
	t.Helper()
	os.WriteFile(filepath.Join(filepath.Dir(ts.root), "passwd"), []byte(secret), 0o644)
	os.WriteFile(filepath.Join(ts.root, ".env"), []byte(secret), 0o644)
	os.MkdirAll(filepath.Join(ts.root, ".git"), 0o755)
	os.WriteFile(filepath.Join(ts.root, ".git", "config"), []byte(secret), 0o644)
	os.WriteFile(filepath.Join(ts.root, "content", "secret.txt"), []byte(secret), 0o644)
	os.Symlink(filepath.Join(filepath.Dir(ts.root), "passwd"), filepath.Join(ts.root, "content", "link.md"))
}

// rawGet sends a request line exactly as given, so no client cleans it.
func rawGet(t *testing.T, addr, target, host string) (int, string) {
	t.Helper()
	conn, err := net.Dial("tcp", addr)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	conn.Write([]byte("GET " + target + " HTTP/1.1\r\nHost: " + host + "\r\nConnection: close\r\n\r\n"))
	resp, err := http.ReadResponse(bufio.NewReader(conn), nil)
	if err != nil {
		t.Fatalf("GET %q: %v", target, err)
	}
	defer resp.Body.Close()
	var body strings.Builder
	bufio.NewReader(resp.Body).WriteTo(&body)
	return resp.StatusCode, body.String()
}

func TestPathsOutsideTheBuildAreNeverServed(t *testing.T) {
	ts := start(t, testSite)
	plantSecrets(t, ts)
	addr := strings.TrimSuffix(strings.TrimPrefix(ts.url, "http://"), "/")
	for _, target := range []string{
		"/../../etc/passwd",
		"/../passwd",
		"/%2e%2e/%2e%2e/etc/passwd",
		"/%2e%2e/passwd",
		"/..%2f..%2fpasswd",
		"/..%2fpasswd",
		"/%5c..%5cpasswd",
		"/..\\passwd",
		"//etc/passwd",
		"/index.html%00",
		"/index.html%00.css",
		"/index.html#frag",
		"/.git/config",
		"/.env",
		"/content/secret.txt",
		"/content/link.md",
		"/brief.toml",
		"/./index.html",
		"/2025/01/alpha/../../../../passwd",
	} {
		status, body := rawGet(t, addr, target, "127.0.0.1")
		if strings.Contains(body, secret) || strings.Contains(body, "root:") {
			t.Errorf("GET %s served a file outside the build", target)
		}
		if status != 400 && status != 404 && status != 301 {
			t.Errorf("GET %s = %d, want 400 or 404", target, status)
		}
	}
}

func TestNoDirectoryListings(t *testing.T) {
	ts := start(t, testSite)
	for _, p := range []string{"/2025/01/", "/2025/01/alpha/index.html/", "/tags/energy/x/"} {
		status, body, _ := ts.get(p)
		if p == "/2025/01/" {
			// A month archive page exists there; it is a page, not a listing.
			if status != 200 || strings.Contains(body, "Index of") {
				t.Errorf("GET %s = %d", p, status)
			}
			continue
		}
		if status != 404 {
			t.Errorf("GET %s = %d, want 404", p, status)
		}
	}
}

func TestForeignHostsAreRefused(t *testing.T) {
	ts := start(t, testSite, func(o *Options) { o.AllowedHosts = []string{"preview.test"} })
	for host, want := range map[string]int{
		"evil.example":           403,
		"evil.example:1313":      403,
		"127.0.0.1.evil.example": 403,
		"localhost":              200,
		"LOCALHOST:1313":         200,
		"127.0.0.1":              200,
		"[::1]:1313":             200,
		"preview.test":           200,
	} {
		status, body, h := ts.get("/", "Host", host)
		if status != want {
			t.Errorf("Host %s = %d, want %d", host, status, want)
		}
		if want == 403 && strings.Contains(body, "Alpha") {
			t.Errorf("Host %s got the page", host)
		}
		if h.Get("Access-Control-Allow-Origin") != "" {
			t.Errorf("Host %s: Access-Control-Allow-Origin set", host)
		}
	}
	// The event stream is refused too.
	if status, _, _ := ts.get(eventsPath, "Host", "evil.example"); status != 403 {
		t.Errorf("events with a foreign Host = %d", status)
	}
}

func TestCrossSiteEventStreamsAreRefused(t *testing.T) {
	ts := start(t, testSite)
	for _, origin := range []string{"https://evil.example", "null", "http://127.0.0.1.evil.example"} {
		status, _, h := ts.get(eventsPath, "Origin", origin)
		if status != 403 {
			t.Errorf("Origin %s: events = %d, want 403", origin, status)
		}
		if h.Get("Access-Control-Allow-Origin") != "" {
			t.Errorf("Access-Control-Allow-Origin set")
		}
	}
}

func TestOnlyGetAndHead(t *testing.T) {
	ts := start(t, testSite)
	req, _ := http.NewRequest("POST", ts.url, strings.NewReader("x"))
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != 405 {
		t.Errorf("POST = %d, want 405", resp.StatusCode)
	}
	resp, err = http.Head(ts.url)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != 200 || resp.ContentLength <= 0 {
		t.Errorf("HEAD = %d, length %d", resp.StatusCode, resp.ContentLength)
	}
}

// FuzzServePath asserts that whatever the request path, the response is
// either a file of the build, the 404 page or a redirect — never a file
// from the disk.
func FuzzServePath(f *testing.F) {
	for _, seed := range []string{
		"/", "/../../etc/passwd", "/%2e%2e/%2e%2e/etc/passwd", "/..%2f..%2f", "/%5c..%5c",
		"//etc/passwd", "/index.html%00", "/a#b", "/.git/config", "/.env", "/tags/", "/2025/01/alpha",
		"/content/2025/2025-01-01-alpha.md", "/_brief/live.js", "/sub/../brief.toml",
	} {
		f.Add(seed)
	}
	root := f.TempDir()
	writeSite(f, root, testSite)
	os.WriteFile(filepath.Join(filepath.Dir(root), "passwd"), []byte(secret), 0o644)
	os.WriteFile(filepath.Join(root, ".env"), []byte(secret), 0o644)
	os.WriteFile(filepath.Join(root, "content", "notes.txt"), []byte(secret), 0o644)
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		f.Fatal(err)
	}
	defer ln.Close()
	srv, err := New(ln, Options{Root: root, Reload: true})
	if err != nil {
		f.Fatal(err)
	}
	srv.Rebuild(nil)
	built := map[string]bool{}
	for _, file := range srv.cur.Load().files {
		built[string(srv.inject(srv.cur.Load(), file.data))] = true
		built[string(file.data)] = true
	}
	f.Fuzz(func(t *testing.T, target string) {
		if target == eventsPath {
			return // a stream that never ends
		}
		req := httptest.NewRequest("GET", "/", nil)
		req.URL.Path = target
		req.URL.RawPath = ""
		req.Host = "127.0.0.1"
		rec := httptest.NewRecorder()
		srv.Handler().ServeHTTP(rec, req)
		body := rec.Body.String()
		if strings.Contains(body, secret) {
			t.Fatalf("%q served a file outside the build", target)
		}
		switch rec.Code {
		case 200, 404:
			if target != scriptPath && !built[body] {
				t.Fatalf("%q: %d with a body that is not a file of the build", target, rec.Code)
			}
		case 301:
			if loc := rec.Header().Get("Location"); !strings.HasPrefix(loc, "/") || strings.HasPrefix(loc, "//") || strings.Contains(loc, "\\") {
				t.Fatalf("%q redirects off the site: %q", target, loc)
			}
		default:
			t.Fatalf("%q: unexpected status %d", target, rec.Code)
		}
	})
}
