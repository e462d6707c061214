// Package s3test gives tests an S3-compatible server: the one .ci/run
// starts (BRIEF_TEST_S3_ENDPOINT with its keys), or a versitygw process of
// the test's own. Tests skip with a clear message when there is none,
// unless BRIEF_REQUIRE_S3=1 (set by .ci/run), which makes them fail.
package s3test

import (
	"context"
	"fmt"
	"net"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/credentials"
	"github.com/aws/aws-sdk-go-v2/service/s3"
)

// The environment variables that point tests at a server.
const (
	Require      = "BRIEF_REQUIRE_S3"
	EndpointVar  = "BRIEF_TEST_S3_ENDPOINT" // http://127.0.0.1:7070
	AccessKeyVar = "BRIEF_TEST_S3_ACCESS_KEY"
	SecretKeyVar = "BRIEF_TEST_S3_SECRET_KEY"
)

// Region is the region the test servers answer for.
const Region = "us-east-1"

// Server is an S3-compatible server.
type Server struct {
	Endpoint, AccessKey, SecretKey string
	cmd                            *exec.Cmd
	root, addr                     string
}

// missing skips the test, or fails it when S3 tests are required.
func missing(t testing.TB, why string) {
	t.Helper()
	if os.Getenv(Require) == "1" {
		t.Fatalf("%s, and %s=1 requires the S3 tests", why, Require)
	}
	t.Skipf("%s: skipping the S3 tests (.ci/run runs them against versitygw)", why)
}

// Env returns the server named by the environment, or skips the test.
func Env(t testing.TB) *Server {
	t.Helper()
	s := &Server{Endpoint: os.Getenv(EndpointVar), AccessKey: os.Getenv(AccessKeyVar), SecretKey: os.Getenv(SecretKeyVar)}
	if s.Endpoint == "" || s.AccessKey == "" || s.SecretKey == "" {
		missing(t, fmt.Sprintf("%s, %s and %s are not set", EndpointVar, AccessKeyVar, SecretKeyVar))
	}
	return s
}

// Binary finds versitygw on PATH or in $(go env GOPATH)/bin.
func Binary() string {
	if p, err := exec.LookPath("versitygw"); err == nil {
		return p
	}
	gopath := os.Getenv("GOPATH")
	if gopath == "" {
		if out, err := exec.Command("go", "env", "GOPATH").Output(); err == nil {
			gopath = strings.TrimSpace(string(out))
		}
	}
	for _, dir := range filepath.SplitList(gopath) {
		if p := filepath.Join(dir, "bin", "versitygw"); fileExists(p) {
			return p
		}
	}
	return ""
}

func fileExists(p string) bool {
	info, err := os.Stat(p)
	return err == nil && !info.IsDir()
}

// Start starts a versitygw of the test's own, with its POSIX backend in a
// temporary folder, on a free loopback port; it stops when the test ends.
func Start(t testing.TB) *Server {
	t.Helper()
	bin := Binary()
	if bin == "" {
		missing(t, "versitygw is not on PATH nor in $(go env GOPATH)/bin (go install github.com/versity/versitygw/cmd/versitygw@v1.8.0)")
	}
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := l.Addr().String()
	l.Close()
	s := &Server{Endpoint: "http://" + addr, AccessKey: "brieftestaccess", SecretKey: "brieftestsecret-not-real", root: t.TempDir(), addr: addr}
	s.cmd = exec.Command(bin)
	s.Restart(t)
	t.Cleanup(s.Stop)
	return s
}

// Restart starts the test's versitygw again after Stop, on the same port
// and folder.
func (s *Server) Restart(t testing.TB) {
	t.Helper()
	s.cmd = exec.Command(s.cmd.Path, "--access", s.AccessKey, "--secret", s.SecretKey, "--region", Region,
		"--port", s.addr, "--quiet", "posix", s.root)
	s.cmd.Stdout, s.cmd.Stderr = os.Stderr, os.Stderr
	if err := s.cmd.Start(); err != nil {
		t.Fatal(err)
	}
	deadline := time.Now().Add(20 * time.Second)
	for {
		c, err := net.Dial("tcp", s.addr)
		if err == nil {
			c.Close()
			return
		}
		if time.Now().After(deadline) {
			s.Stop()
			t.Fatalf("versitygw did not listen on %s: %v", s.addr, err)
		}
		time.Sleep(50 * time.Millisecond)
	}
}

// Stop kills the test's versitygw, as a crash or a lost network would.
func (s *Server) Stop() {
	if s.cmd != nil && s.cmd.Process != nil && s.cmd.ProcessState == nil {
		s.cmd.Process.Kill()
		s.cmd.Wait()
	}
}

// Client is an S3 client for the server, for checks beside brief's own
// view through gocloud.dev.
func (s *Server) Client() *s3.Client {
	return s3.New(s3.Options{
		Region:       Region,
		BaseEndpoint: aws.String(s.Endpoint),
		UsePathStyle: true,
		Credentials:  credentials.NewStaticCredentialsProvider(s.AccessKey, s.SecretKey, ""),
	})
}

// Bucket creates a bucket for the test, named after it and unique, sets
// the standard AWS variables to the server's keys for the test, and
// returns the bucket's URL for brief deploy.
func (s *Server) Bucket(t testing.TB) string {
	t.Helper()
	name := fmt.Sprintf("brief-%d", time.Now().UnixNano())
	_, err := s.Client().CreateBucket(context.Background(), &s3.CreateBucketInput{Bucket: aws.String(name)})
	if err != nil {
		t.Fatalf("creating bucket %s at %s: %v", name, s.Endpoint, err)
	}
	for k, v := range map[string]string{
		"AWS_ACCESS_KEY_ID": s.AccessKey, "AWS_SECRET_ACCESS_KEY": s.SecretKey, "AWS_REGION": Region,
		"AWS_SESSION_TOKEN": "", "AWS_PROFILE": "", "AWS_CONFIG_FILE": os.DevNull, "AWS_SHARED_CREDENTIALS_FILE": os.DevNull,
		"AWS_MAX_ATTEMPTS": "2",
	} {
		t.Setenv(k, v)
	}
	return s.URL(name)
}

// URL is the brief deploy URL of a bucket on the server.
func (s *Server) URL(bucket string) string {
	q := url.Values{"endpoint": {s.Endpoint}, "use_path_style": {"true"}, "region": {Region}}
	return "s3://" + bucket + "?" + q.Encode()
}
