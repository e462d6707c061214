package cli

import (
	"context"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
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
