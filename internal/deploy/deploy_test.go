package deploy

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/brief-ssg/brief/internal/deploy/s3test"
)

// TestHeaderFor: content types with their charset, a year of caching for
// the names brief gives hashed files, maxAge for the rest, rules over
// both, and gzip for text only.
func TestHeaderFor(t *testing.T) {
	no := false
	s := Settings{MaxAge: 300, Gzip: true, Rules: []Rule{
		{Pattern: "*.pdf", ContentDisposition: "attachment"},
		{Pattern: "data/**", CacheControl: "no-cache", Gzip: &no},
		{Pattern: "reports/*/raw.txt", ContentType: "text/plain; charset=windows-1252", ContentLanguage: "uk"},
	}}
	for _, c := range []struct {
		key  string
		want Header
	}{
		{"index.html", Header{ContentType: "text/html; charset=utf-8", CacheControl: "public, max-age=300", ContentEncoding: "gzip"}},
		{"style.a6f7c605.css", Header{ContentType: "text/css; charset=utf-8", CacheControl: Immutable, ContentEncoding: "gzip"}},
		{"search.738b35ab.js", Header{ContentType: "text/javascript; charset=utf-8", CacheControl: Immutable, ContentEncoding: "gzip"}},
		{"img/chart.0123abcd.png", Header{ContentType: "image/png", CacheControl: Immutable}},
		{"img/photo.png", Header{ContentType: "image/png", CacheControl: "public, max-age=300"}},
		{"style.css", Header{ContentType: "text/css; charset=utf-8", CacheControl: "public, max-age=300", ContentEncoding: "gzip"}},
		{"atom.xml", Header{ContentType: "application/atom+xml; charset=utf-8", CacheControl: "public, max-age=300", ContentEncoding: "gzip"}},
		{"feed.json", Header{ContentType: "application/feed+json; charset=utf-8", CacheControl: "public, max-age=300", ContentEncoding: "gzip"}},
		{"search/t/a.json", Header{ContentType: "application/json; charset=utf-8", CacheControl: "public, max-age=300", ContentEncoding: "gzip"}},
		{"logo.svg", Header{ContentType: "image/svg+xml; charset=utf-8", CacheControl: "public, max-age=300", ContentEncoding: "gzip"}},
		{"docs/a.pdf", Header{ContentType: "application/pdf", CacheControl: "public, max-age=300", ContentDisposition: "attachment"}},
		{"data/briefings.json", Header{ContentType: "application/json; charset=utf-8", CacheControl: "no-cache"}},
		{"reports/2025/raw.txt", Header{ContentType: "text/plain; charset=windows-1252", CacheControl: "public, max-age=300", ContentEncoding: "gzip", ContentLanguage: "uk"}},
		{"blob.unknownext", Header{ContentType: "application/octet-stream", CacheControl: "public, max-age=300"}},
	} {
		if got := s.HeaderFor(c.key); got != c.want {
			t.Errorf("%s:\n got %+v\nwant %+v", c.key, got, c.want)
		}
	}
}

// TestMatch: patterns without a slash match base names; * stays within a
// folder; ** crosses folders.
func TestMatch(t *testing.T) {
	for _, c := range []struct {
		pattern, key string
		want         bool
	}{
		{"*.pdf", "a.pdf", true}, {"*.pdf", "docs/x/a.pdf", true}, {"*.pdf", "a.pdfx", false},
		{"data/*", "data/a.json", true}, {"data/*", "data/x/a.json", false}, {"data/**", "data/x/a.json", true},
		{"**/index.html", "a/b/index.html", true}, {"**/index.html", "index.html", false}, {"**index.html", "index.html", true},
		{"tags/*/index.xml", "tags/drones/index.xml", true}, {"[ab].txt", "b.txt", true}, {"[!ab].txt", "b.txt", false},
		{"a?c", "abc", true}, {"a?c", "a/c", false}, {"[", "[", false}, {"a.b", "axb", false},
	} {
		if got := Match(c.pattern, c.key); got != c.want {
			t.Errorf("Match(%q, %q) = %v, want %v", c.pattern, c.key, got, c.want)
		}
	}
}

// TestPhases: pages go up after what they link to, feeds and sitemaps after
// the pages.
func TestPhases(t *testing.T) {
	for key, want := range map[string]Phase{
		"style.a6f7c605.css": Assets, "search/t/a.json": Assets, "data/figures.csv": Assets, "feed.json": Feeds,
		"index.html": Pages, "2025/11/b1/index.html": Pages, "404.html": Pages,
		"atom.xml": Feeds, "tags/x/index.xml": Feeds, "sitemap.xml": Feeds, "robots.txt": Feeds,
	} {
		if got := PhaseOf(key); got != want {
			t.Errorf("PhaseOf(%q) = %v, want %v", key, got, want)
		}
	}
}

// writeSite writes files into a new folder.
func writeSite(t *testing.T, files map[string]string) string {
	t.Helper()
	dir := t.TempDir()
	for k, v := range files {
		p := filepath.Join(dir, filepath.FromSlash(k))
		os.MkdirAll(filepath.Dir(p), 0o755)
		if err := os.WriteFile(p, []byte(v), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

// deployOnce scans, plans and applies, returning the plan.
func deployOnce(t *testing.T, dir, to string, s Settings) *Plan {
	t.Helper()
	ctx := context.Background()
	files, err := Scan(dir, s)
	if err != nil {
		t.Fatal(err)
	}
	target, err := Open(ctx, to)
	if err != nil {
		t.Fatal(err)
	}
	defer target.Close()
	p, err := target.Plan(ctx, files)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := target.Apply(ctx, dir, p, 4, nil); err != nil {
		t.Fatal(err)
	}
	return p
}

func keys(p *Plan) []string {
	var ks []string
	for _, u := range p.Uploads {
		ks = append(ks, u.Key)
	}
	return ks
}

// TestFolderTarget: the file:// target through the package's API: order,
// hidden files left alone on both sides, the manifest, and a change of
// headers alone sending the files again.
func TestFolderTarget(t *testing.T) {
	dir := writeSite(t, map[string]string{
		"index.html": "<p>home", "a/index.html": "<p>a", "style.0123abcd.css": "p{}", "atom.xml": "<feed/>",
		"sitemap.xml": "<urlset/>", "img/x.png": "png", ".git/HEAD": "ref", ".hidden": "h",
	})
	remote := t.TempDir()
	os.WriteFile(filepath.Join(remote, ".well-known"), []byte("keep"), 0o644)
	to := fileURL(remote)
	s := Settings{MaxAge: 300}
	p := deployOnce(t, dir, to, s)
	want := []string{"img/x.png", "style.0123abcd.css", "a/index.html", "index.html", "atom.xml", "sitemap.xml"}
	if got := keys(p); !slices.Equal(got, want) {
		t.Errorf("first deploy sends %q, want %q", got, want)
	}
	for _, k := range []string{".git/HEAD", ".hidden"} {
		if _, err := os.Stat(filepath.Join(remote, k)); err == nil {
			t.Errorf("%s was sent", k)
		}
	}
	if _, err := os.Stat(filepath.Join(remote, ManifestKey)); err != nil {
		t.Errorf("no manifest: %v", err)
	}
	if p := deployOnce(t, dir, to, s); len(p.Uploads) != 0 || len(p.Deletes) != 0 || p.Unchanged != 6 {
		t.Errorf("second deploy: %q uploaded, %q deleted, %d unchanged", keys(p), p.Deletes, p.Unchanged)
	}
	// Same sizes, new bytes: compared through the manifest, since a
	// folder's listing has no MD5.
	os.WriteFile(filepath.Join(dir, "index.html"), []byte("<p>HOME"), 0o644)
	os.Remove(filepath.Join(dir, "a/index.html"))
	p = deployOnce(t, dir, to, s)
	if got := keys(p); !slices.Equal(got, []string{"index.html"}) || !slices.Equal(p.Deletes, []string{"a/index.html"}) {
		t.Errorf("after an edit: sent %q, deleted %q", got, p.Deletes)
	}
	if _, err := os.Stat(filepath.Join(remote, ".well-known")); err != nil {
		t.Errorf("a hidden remote file was deleted: %v", err)
	}
	// New headers for HTML only: the HTML goes again.
	s.Rules = []Rule{{Pattern: "*.html", CacheControl: "no-cache"}}
	if got := keys(deployOnce(t, dir, to, s)); !slices.Equal(got, []string{"index.html"}) {
		t.Errorf("after a header rule: sent %q", got)
	}
}

// TestRedact: secrets of the environment and of the URL, endpoints with
// passwords included, never reach printed text.
func TestRedact(t *testing.T) {
	t.Setenv("AWS_SECRET_ACCESS_KEY", "envsecret-123456")
	t.Setenv("AZURE_STORAGE_SAS_TOKEN", "sv=2024&sig=abcdef123")
	t.Setenv("HOME_DIRECTORY_THING", "not-a-secret-value")
	raw := "s3://b?endpoint=" + "https%3A%2F%2Fuser%3Apassw0rd-xyz%40minio.local" + "&sig=urlsig-987654&region=eu-west-1"
	r := newRedactor(raw)
	msg := r.String("failed: envsecret-123456 sv=2024&sig=abcdef123 passw0rd-xyz urlsig-987654 not-a-secret-value eu-west-1")
	for _, s := range []string{"envsecret-123456", "abcdef123", "passw0rd-xyz", "urlsig-987654"} {
		if strings.Contains(msg, s) {
			t.Errorf("%q shows %q", msg, s)
		}
	}
	if !strings.Contains(msg, "not-a-secret-value") || !strings.Contains(msg, "eu-west-1") {
		t.Errorf("%q lost words that are no secret", msg)
	}
	if got := DisplayURL(raw); strings.Contains(got, "urlsig") || strings.Contains(got, "passw0rd") || !strings.Contains(got, "sig=[redacted]") {
		t.Errorf("DisplayURL = %q", got)
	}
	if got := DisplayURL("s3://b?region=eu-west-1&endpoint=http://127.0.0.1:9000"); got != "s3://b?region=eu-west-1&endpoint=http://127.0.0.1:9000" {
		t.Errorf("a URL without secrets printed as %q", got)
	}
	err := r.Error(fmt.Errorf("wrapped: %w", context.Canceled))
	if !errors.Is(err, context.Canceled) {
		t.Error("a redacted error lost its cause")
	}
}

// TestS3ServerStoppedHalfway: a server that dies mid-deploy makes it fail
// on one named object; the rerun, with the server back, sends only the
// rest, and the bucket ends up equal to the folder.
func TestS3ServerStoppedHalfway(t *testing.T) {
	srv := s3test.Start(t)
	files := map[string]string{}
	for i := range 40 {
		files[fmt.Sprintf("2025/b%02d/index.html", i)] = strings.Repeat(fmt.Sprintf("briefing %d ", i), 200)
	}
	dir := writeSite(t, files)
	to := srv.Bucket(t)
	ctx := context.Background()
	local, err := Scan(dir, Settings{MaxAge: 300})
	if err != nil {
		t.Fatal(err)
	}
	target, err := Open(ctx, to)
	if err != nil {
		t.Fatal(err)
	}
	defer target.Close()
	p, err := target.Plan(ctx, local)
	if err != nil {
		t.Fatal(err)
	}
	st, err := target.Apply(ctx, dir, p, 1, func(done, total int, sent int64) {
		if done == 10 {
			srv.Stop()
		}
	})
	var e *Error
	if !errors.As(err, &e) || e.Op != "uploading" || e.Key != p.Uploads[10].Key || st.Uploaded != 10 {
		t.Fatalf("with the server stopped after 10: %d uploaded, error %v", st.Uploaded, err)
	}
	t.Logf("the error: %v", err)
	srv.Restart(t)
	p, err = target.Plan(ctx, local)
	if err != nil {
		t.Fatal(err)
	}
	if len(p.Uploads) != 30 || p.Unchanged != 10 {
		t.Errorf("rerun plans %d uploads and %d unchanged, want 30 and 10", len(p.Uploads), p.Unchanged)
	}
	if _, err := target.Apply(ctx, dir, p, 4, nil); err != nil {
		t.Fatal(err)
	}
	if p, err = target.Plan(ctx, local); err != nil || !p.Empty() {
		t.Errorf("after the rerun: %v, %d uploads, %d deletes", err, len(p.Uploads), len(p.Deletes))
	}
	for k, v := range files {
		got, err := target.bucket.ReadAll(ctx, k)
		if err != nil || string(got) != v {
			t.Errorf("%s: %v, %d bytes, want %d", k, err, len(got), len(v))
		}
	}
}

// TestInvalidationPaths: changed and deleted pages, with their folder's
// path; no new pages, no assets; /* past the limit.
func TestInvalidationPaths(t *testing.T) {
	p := &Plan{
		Uploads: []Upload{{File: File{Key: "style.0123abcd.css"}, New: true}, {File: File{Key: "new/index.html"}, New: true},
			{File: File{Key: "index.html"}}, {File: File{Key: "a/index.html"}}, {File: File{Key: "404.html"}}, {File: File{Key: "atom.xml"}}},
		Deletes: []string{"old/index.html", "search/t/a.json"},
	}
	want := []string{"/", "/404.html", "/a/", "/a/index.html", "/index.html", "/old/", "/old/index.html"}
	if got := InvalidationPaths(p); !slices.Equal(got, want) {
		t.Errorf("InvalidationPaths = %q, want %q", got, want)
	}
	p.Uploads = nil
	for i := range MaxInvalidationPaths {
		p.Uploads = append(p.Uploads, Upload{File: File{Key: fmt.Sprintf("p%d.html", i)}})
	}
	if got := InvalidationPaths(p); !slices.Equal(got, []string{"/*"}) {
		t.Errorf("past the limit: %d paths", len(got))
	}
}

// fileURL is the file:// URL of the folder dir: file:///tmp/x, and on
// Windows file:///C:/Users/x (the form gocloud's fileblob reads).
func fileURL(dir string) string {
	p := filepath.ToSlash(dir)
	if !strings.HasPrefix(p, "/") {
		p = "/" + p
	}
	return "file://" + p
}
