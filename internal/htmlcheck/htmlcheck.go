// Package htmlcheck runs the W3C Nu HTML Checker (vnu.jar, from npm's
// vnu-jar, on Java) over built pages for tests. Tests skip with a clear
// message unless BRIEF_VNU_JAR names the jar; .ci/run sets it, and then a
// missing jar or Java makes them fail instead.
package htmlcheck

import (
	"bytes"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

// Env names the environment variable holding the path of vnu.jar; when it
// is set, the checker is required.
const Env = "BRIEF_VNU_JAR"

// Message is one finding of the checker.
type Message struct {
	Type     string `json:"type"` // "error", "info" (warnings), "non-document-error"
	SubType  string `json:"subType"`
	URL      string `json:"url"`
	LastLine int    `json:"lastLine"`
	Message  string `json:"message"`
	Extract  string `json:"extract"`
	File     string `json:"-"` // URL as a site path
}

func (m Message) String() string {
	return m.File + ":" + strconv.Itoa(m.LastLine) + ": " + m.Type + ": " + m.Message + " in " + strings.TrimSpace(m.Extract)
}

// Jar returns the checker's command line up to the files to check ("java
// -jar vnu.jar"), or skips the test when BRIEF_VNU_JAR is not set; when it
// is, a missing jar or Java fails the test.
func Jar(t testing.TB) []string {
	t.Helper()
	jar := os.Getenv(Env)
	if jar == "" {
		t.Skipf("skipping the Nu HTML Checker: set %s to vnu.jar (npm install vnu-jar: node_modules/vnu-jar/build/dist/vnu.jar; Java 11+ from apt-get install default-jre-headless) to run it", Env)
	}
	if _, err := os.Stat(jar); err != nil {
		t.Fatalf("%s=%s: %v", Env, jar, err)
	}
	java, err := exec.LookPath("java")
	if err != nil {
		t.Fatalf("%s is set but Java is not installed (apt-get install default-jre-headless): %v", Env, err)
	}
	return []string{java, "-jar", jar}
}

// Errors checks the HTML files of a site (path → content; other files are
// left out) and returns every error and non-document error; warnings are
// left out.
func Errors(t testing.TB, files map[string][]byte) []Message {
	t.Helper()
	cmd := Jar(t)
	dir := t.TempDir()
	n := 0
	for p, data := range files {
		if !strings.HasSuffix(p, ".html") {
			continue
		}
		n++
		full := filepath.Join(dir, filepath.FromSlash(p))
		if err := os.MkdirAll(filepath.Dir(full), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(full, data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	if n == 0 {
		t.Fatal("htmlcheck: no HTML files to check")
	}
	args := append(cmd[1:], "--errors-only", "--format", "json", "--stdout", "--exit-zero-always", "--skip-non-html", dir)
	var stdout, stderr bytes.Buffer
	c := exec.Command(cmd[0], args...)
	c.Stdout, c.Stderr = &stdout, &stderr
	if err := c.Run(); err != nil {
		t.Fatalf("vnu: %v\n%s", err, stderr.Bytes())
	}
	var out struct{ Messages []Message }
	if err := json.Unmarshal(stdout.Bytes(), &out); err != nil {
		t.Fatalf("vnu output: %v\n%s\n%s", err, stdout.Bytes(), stderr.Bytes())
	}
	var errs []Message
	for _, m := range out.Messages {
		if m.Type == "info" {
			continue
		}
		m.File = strings.TrimPrefix(filepath.ToSlash(strings.TrimPrefix(m.URL, "file:")), filepath.ToSlash(dir)+"/")
		errs = append(errs, m)
	}
	t.Logf("Nu HTML Checker: %d HTML files, %d errors", n, len(errs))
	return errs
}
