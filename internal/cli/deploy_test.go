package cli

import (
	"bytes"
	"compress/gzip"
	"context"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/s3"

	"github.com/brief-ssg/brief/internal/deploy"
	"github.com/brief-ssg/brief/internal/deploy/s3test"
)

// deploySite is a small site built into public/ and deployed by tests.
type deploySite struct {
	t    *testing.T
	root string
}

func newDeploySite(t *testing.T, toml string) *deploySite {
	s := &deploySite{t: t, root: t.TempDir()}
	s.write("brief.toml", "title = \"Deploys\"\n"+toml)
	for i := 1; i <= 4; i++ {
		s.write(fmt.Sprintf("content/b%d.md", i), fmt.Sprintf("---\ntitle: Briefing %d\ndate: 2025-11-%02dT09:00:00Z\ntags: [tag%d, common]\n---\nBody of briefing %d.\n", i, i, i, i))
	}
	s.build()
	return s
}

func (s *deploySite) write(rel, data string) {
	p := filepath.Join(s.root, filepath.FromSlash(rel))
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		s.t.Fatal(err)
	}
	if err := os.WriteFile(p, []byte(data), 0o644); err != nil {
		s.t.Fatal(err)
	}
}

func (s *deploySite) build() {
	s.t.Helper()
	var out bytes.Buffer
	if code := Run(context.Background(), []string{"build", "-q", "-s", s.root}, &out, &out); code != 0 {
		s.t.Fatalf("build failed (%d):\n%s", code, out.String())
	}
}

// files returns every file of public/ by key, but hidden ones, which
// deploy leaves alone.
func (s *deploySite) files() map[string][]byte {
	s.t.Helper()
	files := map[string][]byte{}
	dir := filepath.Join(s.root, "public")
	err := filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if p != dir && strings.HasPrefix(d.Name(), ".") { // brief's own marker, .git: never deployed
			if d.IsDir() {
				return filepath.SkipDir
			}
			return nil
		}
		if d.IsDir() {
			return nil
		}
		data, err := os.ReadFile(p)
		rel, _ := filepath.Rel(dir, p)
		files[filepath.ToSlash(rel)] = data
		return err
	})
	if err != nil {
		s.t.Fatal(err)
	}
	return files
}

// deploy runs brief deploy and returns its exit code and output.
func (s *deploySite) deploy(args ...string) (int, string) {
	s.t.Helper()
	var out bytes.Buffer
	code := Run(context.Background(), append([]string{"deploy", "-s", s.root}, args...), &out, &out)
	return code, out.String()
}

var deploySummary = regexp.MustCompile(`brief deploy: (\d+) uploaded \([^)]*\), (\d+) unchanged, (\d+) deleted, to `)

// mustDeploy deploys and returns the summary's counts.
func (s *deploySite) mustDeploy(args ...string) (uploaded, unchanged, deleted int) {
	s.t.Helper()
	code, out := s.deploy(args...)
	m := deploySummary.FindStringSubmatch(out)
	if code != 0 || m == nil {
		s.t.Fatalf("deploy %q: exit %d:\n%s", args, code, out)
	}
	n := func(i int) int { v, _ := strconv.Atoi(m[i]); return v }
	return n(1), n(2), n(3)
}

// planned returns the keys that --dry-run would upload and delete.
func (s *deploySite) planned(args ...string) (uploads, deletes []string) {
	s.t.Helper()
	code, out := s.deploy(append(args, "--dry-run")...)
	if code != 0 {
		s.t.Fatalf("dry run: exit %d:\n%s", code, out)
	}
	for _, line := range strings.Split(out, "\n") {
		f := strings.Fields(line)
		switch {
		case len(f) >= 3 && f[0] == "upload":
			uploads = append(uploads, f[2])
		case len(f) == 2 && f[0] == "delete":
			deletes = append(deletes, f[1])
		}
	}
	slices.Sort(uploads)
	return uploads, deletes
}

// differ returns the keys of now that are new or changed since before,
// and those of before that are gone.
func differ(before, now map[string][]byte) (changed, gone []string) {
	for k, v := range now {
		if old, ok := before[k]; !ok || !bytes.Equal(old, v) {
			changed = append(changed, k)
		}
	}
	for k := range before {
		if _, ok := now[k]; !ok {
			gone = append(gone, k)
		}
	}
	slices.Sort(changed)
	slices.Sort(gone)
	return changed, gone
}

// TestDeployToFolder: a file:// target gets the site byte for byte; a
// second deploy sends nothing; an edit sends only the changed files; a
// removed briefing's files are deleted, and not past --max-deletes without
// --confirm-deletes.
func TestDeployToFolder(t *testing.T) {
	s := newDeploySite(t, "")
	target := t.TempDir() + "/site"
	to := fileURL(target)
	checkDeployCycle(t, s, to, func() map[string][]byte { return readFolder(t, target) })
}

func readFolder(t *testing.T, dir string) map[string][]byte {
	t.Helper()
	files := map[string][]byte{}
	filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		rel, _ := filepath.Rel(dir, p)
		if rel == deploy.ManifestKey {
			return nil
		}
		data, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		files[filepath.ToSlash(rel)] = data
		return nil
	})
	return files
}

// checkDeployCycle runs the scenario every target must pass; remote lists
// the target's files (without brief's manifest).
func checkDeployCycle(t *testing.T, s *deploySite, to string, remote func() map[string][]byte) {
	t.Helper()
	local := s.files()
	up, same, del := s.mustDeploy("--to", to)
	if up != len(local) || same != 0 || del != 0 {
		t.Errorf("first deploy: %d uploaded, %d unchanged, %d deleted; want %d uploaded", up, same, del, len(local))
	}
	equalFiles(t, "after the first deploy", remote(), local)

	if up, same, del := s.mustDeploy("--to", to); up != 0 || same != len(local) || del != 0 {
		t.Errorf("second deploy: %d uploaded, %d unchanged, %d deleted; want nothing uploaded", up, same, del)
	}

	// Edit one briefing: exactly the files the build changed go up.
	s.write("content/b2.md", "---\ntitle: Briefing 2, revised\ndate: 2025-11-02T09:00:00Z\ntags: [tag2, common]\n---\nA new body.\n")
	s.build()
	edited := s.files()
	changed, gone := differ(local, edited)
	if len(changed) == 0 || len(changed) >= len(edited) || len(gone) != 0 {
		t.Fatalf("the edit changed %d of %d files and removed %d", len(changed), len(edited), len(gone))
	}
	uploads, deletes := s.planned("--to", to)
	if !slices.Equal(uploads, changed) || len(deletes) != 0 {
		t.Errorf("after an edit, plan uploads %q and deletes %q; want uploads %q", uploads, deletes, changed)
	}
	if up, _, del := s.mustDeploy("--to", to); up != len(changed) || del != 0 {
		t.Errorf("after an edit: %d uploaded, %d deleted; want %d uploaded", up, del, len(changed))
	}
	equalFiles(t, "after an edit", remote(), edited)

	// Remove a briefing: its page and its tag's go, but only when allowed.
	os.Remove(filepath.Join(s.root, "content/b3.md"))
	s.build()
	removed := s.files()
	_, gone = differ(edited, removed)
	if len(gone) < 2 {
		t.Fatalf("removing a briefing removed %q", gone)
	}
	code, out := s.deploy("--to", to, "--max-deletes", "1")
	if code != ExitError || !strings.Contains(out, fmt.Sprintf("refusing to delete %d files", len(gone))) || !strings.Contains(out, "nothing changed") {
		t.Errorf("past --max-deletes: exit %d:\n%s", code, out)
	}
	equalFiles(t, "after a refused deploy", remote(), edited)
	_, deletes = s.planned("--to", to)
	if !slices.Equal(deletes, gone) {
		t.Errorf("plan deletes %q, want %q", deletes, gone)
	}
	if _, _, del := s.mustDeploy("--to", to, "--confirm-deletes", "--max-deletes", "1"); del != len(gone) {
		t.Errorf("with --confirm-deletes: %d deleted, want %d", del, len(gone))
	}
	equalFiles(t, "after deletions", remote(), removed)
}

func equalFiles(t *testing.T, when string, got, want map[string][]byte) {
	t.Helper()
	for k, v := range want {
		if g, ok := got[k]; !ok {
			t.Errorf("%s: %s missing from the target", when, k)
		} else if !bytes.Equal(g, v) {
			t.Errorf("%s: %s differs on the target", when, k)
		}
	}
	for k := range got {
		if _, ok := want[k]; !ok {
			t.Errorf("%s: %s on the target but not in the site", when, k)
		}
	}
}

// TestDeployUsage: no target is a usage error; a missing public/ says to
// build first; a dry run changes nothing.
func TestDeployUsage(t *testing.T) {
	root := t.TempDir()
	var out bytes.Buffer
	if code := Run(context.Background(), []string{"deploy", "-s", root}, &out, &out); code != ExitUsage || !strings.Contains(out.String(), "no target") {
		t.Errorf("without a target: exit %d:\n%s", code, &out)
	}
	out.Reset()
	if code := Run(context.Background(), []string{"deploy", "-s", root, "--to", fileURL(filepath.Join(root, "x"))}, &out, &out); code != ExitError || !strings.Contains(out.String(), "run brief build first") {
		t.Errorf("without public/: exit %d:\n%s", code, &out)
	}
	s := newDeploySite(t, "[deploy]\nto = \""+fileURL(filepath.Join(t.TempDir(), "site"))+"\"\n")
	code, text := s.deploy("--dry-run")
	if code != 0 || !strings.Contains(text, "upload new     index.html (") || !strings.Contains(text, "nothing changed") {
		t.Errorf("dry run: exit %d:\n%s", code, text)
	}
	if up, _, _ := s.mustDeploy(); up == 0 {
		t.Error("the deploy after a dry run uploaded nothing")
	}
}

// TestDeployNeverPrintsCredentials: the secrets of the environment and of
// the URL appear nowhere in what a failed deploy prints.
func TestDeployNeverPrintsCredentials(t *testing.T) {
	s := newDeploySite(t, "")
	const secret, keyID, pass = "wJalrXUtnFEMI-K7MDENG-bPxRfiCYEXAMPLEKEY", "AKIAIOSFODNN7EXAMPLE", "hunter2-password"
	t.Setenv("AWS_ACCESS_KEY_ID", keyID)
	t.Setenv("AWS_SECRET_ACCESS_KEY", secret)
	t.Setenv("AWS_REGION", "us-east-1")
	t.Setenv("AWS_MAX_ATTEMPTS", "1")
	t.Setenv("AWS_CONFIG_FILE", os.DevNull)
	t.Setenv("AWS_SHARED_CREDENTIALS_FILE", os.DevNull)
	for _, to := range []string{
		"s3://bucket?endpoint=" + url.QueryEscape("http://127.0.0.1:1") + "&use_path_style=true",
		"s3://bucket?endpoint=" + url.QueryEscape("http://user:"+pass+"@127.0.0.1:1") + "&use_path_style=true",
		"s3://bucket?endpoint=http://127.0.0.1:1&secret_access_key=" + secret,
	} {
		code, out := s.deploy("--to", to)
		if code == 0 {
			t.Errorf("%s: deploy to a closed port succeeded:\n%s", to, out)
		}
		for _, sec := range []string{secret, keyID, pass} {
			if strings.Contains(out, sec) {
				t.Errorf("the output shows %q:\n%s", sec, out)
			}
		}
	}
}

// s3Objects reads every object of the bucket but brief's manifest.
func s3Objects(t *testing.T, c *s3.Client, bucket string) map[string][]byte {
	t.Helper()
	ctx := context.Background()
	files := map[string][]byte{}
	p := s3.NewListObjectsV2Paginator(c, &s3.ListObjectsV2Input{Bucket: aws.String(bucket)})
	for p.HasMorePages() {
		page, err := p.NextPage(ctx)
		if err != nil {
			t.Fatal(err)
		}
		for _, o := range page.Contents {
			if *o.Key == deploy.ManifestKey {
				continue
			}
			files[*o.Key] = s3Object(t, c, bucket, *o.Key)
		}
	}
	return files
}

func s3Object(t *testing.T, c *s3.Client, bucket, key string) []byte {
	t.Helper()
	r, err := c.GetObject(context.Background(), &s3.GetObjectInput{Bucket: aws.String(bucket), Key: aws.String(key)})
	if err != nil {
		t.Fatalf("getting %s: %v", key, err)
	}
	defer r.Body.Close()
	data, err := io.ReadAll(r.Body)
	if err != nil {
		t.Fatal(err)
	}
	return data
}

func bucketName(to string) string {
	u, _ := url.Parse(to)
	return u.Host
}

// TestDeployS3 runs the deploy scenario against a real S3-compatible
// server (versitygw in CI): see s3test.
func TestDeployS3(t *testing.T) {
	srv := s3test.Env(t)
	s := newDeploySite(t, "")
	to := srv.Bucket(t)
	checkDeployCycle(t, s, to, func() map[string][]byte { return s3Objects(t, srv.Client(), bucketName(to)) })
}

// TestDeployS3Headers: every object gets its Content-Type and
// Cache-Control: a year for content-hashed files, [deploy] maxAge for the
// rest, [[deploy.headers]] over both; --gzip compresses text only.
func TestDeployS3Headers(t *testing.T) {
	srv := s3test.Env(t)
	s := newDeploySite(t, "[deploy]\nmaxAge = 60\n[[deploy.headers]]\npattern = \"data/**\"\ncacheControl = \"no-cache\"\n")
	s.write("static/logo.png", "\x89PNG\r\n\x1a\nnot really")
	s.build()
	to := srv.Bucket(t)
	s.mustDeploy("--to", to, "--gzip")
	local := s.files()
	var css, js string
	for k := range local {
		switch {
		case strings.HasPrefix(k, "style.") && strings.HasSuffix(k, ".css"):
			css = k
		case strings.HasPrefix(k, "search.") && strings.HasSuffix(k, ".js"):
			js = k
		}
	}
	c, bucket := srv.Client(), bucketName(to)
	for _, want := range []struct{ key, ctype, cache, enc string }{
		{"index.html", "text/html; charset=utf-8", "public, max-age=60", "gzip"},
		{"2025/11/b1/index.html", "text/html; charset=utf-8", "public, max-age=60", "gzip"},
		{css, "text/css; charset=utf-8", deploy.Immutable, "gzip"},
		{js, "text/javascript; charset=utf-8", deploy.Immutable, "gzip"},
		{"atom.xml", "application/atom+xml; charset=utf-8", "public, max-age=60", "gzip"},
		{"index.xml", "application/xml; charset=utf-8", "public, max-age=60", "gzip"},
		{"feed.json", "application/feed+json; charset=utf-8", "public, max-age=60", "gzip"},
		{"search/meta.json", "application/json; charset=utf-8", "public, max-age=60", "gzip"},
		{"data/briefings.json", "application/json; charset=utf-8", "no-cache", "gzip"},
		{"logo.png", "image/png", "public, max-age=60", ""},
	} {
		if _, ok := local[want.key]; !ok || want.key == "" {
			t.Errorf("the site has no %q", want.key)
			continue
		}
		h, err := c.HeadObject(context.Background(), &s3.HeadObjectInput{Bucket: aws.String(bucket), Key: aws.String(want.key)})
		if err != nil {
			t.Fatalf("%s: %v", want.key, err)
		}
		if got := [3]string{aws.ToString(h.ContentType), aws.ToString(h.CacheControl), aws.ToString(h.ContentEncoding)}; got != [3]string{want.ctype, want.cache, want.enc} {
			t.Errorf("%s: headers %q, want %q", want.key, got, [3]string{want.ctype, want.cache, want.enc})
		}
		body := s3Object(t, c, bucket, want.key)
		if want.enc == "gzip" {
			zr, err := gzip.NewReader(bytes.NewReader(body))
			if err != nil {
				t.Fatalf("%s: %v", want.key, err)
			}
			body, _ = io.ReadAll(zr)
		}
		if !bytes.Equal(body, local[want.key]) {
			t.Errorf("%s: the object is not the file", want.key)
		}
	}
	if up, _, _ := s.mustDeploy("--to", to, "--gzip"); up != 0 {
		t.Errorf("a second --gzip deploy uploaded %d files", up)
	}
	// A change of headers alone sends the files again.
	if up, _, _ := s.mustDeploy("--to", to); up != len(local)-1 {
		t.Errorf("without --gzip: %d uploaded, want every file but the image (%d)", up, len(local)-1)
	}
}

// TestDeployS3WrongCredentials: the server's refusal is an error that
// shows neither the key nor the secret.
func TestDeployS3WrongCredentials(t *testing.T) {
	srv := s3test.Env(t)
	s := newDeploySite(t, "")
	to := srv.Bucket(t)
	const secret = "not-the-secret-but-secret-all-the-same"
	t.Setenv("AWS_SECRET_ACCESS_KEY", secret)
	code, out := s.deploy("--to", to)
	if code != ExitError || strings.Contains(out, secret) || strings.Contains(out, srv.AccessKey) {
		t.Errorf("with a wrong secret: exit %d:\n%s", code, out)
	}
}

// TestDeployInvalidate: with --invalidate, the changed and deleted pages
// (not the new ones) are invalidated on CloudFront, here a fake one found
// through the AWS SDK's AWS_ENDPOINT_URL_CLOUDFRONT.
func TestDeployInvalidate(t *testing.T) {
	var mu sync.Mutex
	var requests []string
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		body, _ := io.ReadAll(r.Body)
		mu.Lock()
		requests = append(requests, r.Method+" "+r.URL.Path+"\n"+string(body))
		mu.Unlock()
		w.Header().Set("Content-Type", "text/xml")
		w.WriteHeader(http.StatusCreated)
		io.WriteString(w, `<?xml version="1.0" encoding="UTF-8"?><Invalidation xmlns="http://cloudfront.amazonaws.com/doc/2020-05-31/"><Id>I2J0I21PCUYOIK</Id><Status>InProgress</Status><CreateTime>2025-11-01T00:00:00Z</CreateTime></Invalidation>`)
	}))
	defer srv.Close()
	t.Setenv("AWS_ENDPOINT_URL_CLOUDFRONT", srv.URL)
	t.Setenv("AWS_ACCESS_KEY_ID", "AKIAIOSFODNN7EXAMPLE")
	t.Setenv("AWS_SECRET_ACCESS_KEY", "wJalrXUtnFEMI-K7MDENG-bPxRfiCYEXAMPLEKEY")
	t.Setenv("AWS_REGION", "us-east-1")
	t.Setenv("AWS_CONFIG_FILE", os.DevNull)
	t.Setenv("AWS_SHARED_CREDENTIALS_FILE", os.DevNull)
	s := newDeploySite(t, "[deploy]\ncloudFront = \"E2QWRUHEXAMPLE\"\n")
	to := fileURL(t.TempDir())
	s.mustDeploy("--to", to)
	if len(requests) != 0 {
		t.Errorf("the first deploy, of new pages only, invalidated: %q", requests)
	}
	s.write("content/b2.md", "---\ntitle: Briefing 2, revised\ndate: 2025-11-02T09:00:00Z\ntags: [tag2, common]\n---\nA new body.\n")
	s.build()
	code, out := s.deploy("--to", to, "--dry-run")
	if code != 0 || !strings.Contains(out, "would invalidate") {
		t.Errorf("dry run: exit %d:\n%s", code, out)
	}
	code, out = s.deploy("--to", to, "--invalidate", "EOTHER")
	if code != 0 || !strings.Contains(out, "on CloudFront distribution EOTHER (invalidation I2J0I21PCUYOIK)") {
		t.Fatalf("deploy: exit %d:\n%s", code, out)
	}
	if len(requests) != 1 {
		t.Fatalf("%d requests to CloudFront: %q", len(requests), requests)
	}
	req := requests[0]
	for _, want := range []string{"POST /2020-05-31/distribution/EOTHER/invalidation", "<Path>/</Path>", "<Path>/index.html</Path>", "<Path>/2025/11/b2/</Path>"} {
		if !strings.Contains(req, want) {
			t.Errorf("the invalidation lacks %q:\n%s", want, req)
		}
	}
	if strings.Contains(req, ".xml") || strings.Contains(req, ".css") {
		t.Errorf("the invalidation names more than pages:\n%s", req)
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
