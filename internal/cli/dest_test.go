package cli

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestForeignDestinationExitsUsage: a folder brief did not build, a file
// in the destination's place, and a cache or destination inside static/
// exit 2 (a usage error), touching nothing.
func TestForeignDestinationExitsUsage(t *testing.T) {
	root := t.TempDir()
	os.MkdirAll(filepath.Join(root, "content"), 0o755)
	os.MkdirAll(filepath.Join(root, "static"), 0o755)
	os.MkdirAll(filepath.Join(root, "thesis"), 0o755)
	os.WriteFile(filepath.Join(root, "thesis", "thesis.txt"), []byte("years of work"), 0o644)
	os.WriteFile(filepath.Join(root, "afile"), []byte("a file"), 0o644)
	for _, c := range []struct {
		args []string
		want string
	}{
		{[]string{"-d", "thesis"}, "building would delete thesis.txt"},
		{[]string{"-d", "afile"}, "it is a file"},
		{[]string{"-d", "static/site"}, "inside the static folder"},
		{[]string{"--cacheDir", "static"}, "inside the static folder"},
		{[]string{"--cacheDir", "public/.cache"}, "inside the published site"},
	} {
		var out bytes.Buffer
		code := Run(context.Background(), append([]string{"build", "-s", root}, c.args...), &out, &out)
		if code != ExitUsage || !strings.Contains(out.String(), c.want) {
			t.Errorf("build %v: exit %d, %q; want exit %d and %q", c.args, code, out.String(), ExitUsage, c.want)
		}
	}
	if b, _ := os.ReadFile(filepath.Join(root, "thesis", "thesis.txt")); string(b) != "years of work" {
		t.Error("the thesis was touched")
	}
	for _, p := range []string{"public", "static/site", "static/publish"} {
		if _, err := os.Stat(filepath.Join(root, p)); err == nil {
			t.Errorf("%s was made", p)
		}
	}
}
