//go:build !windows

package publish

import (
	"os"
	"path/filepath"
	"syscall"
	"testing"
)

// TestPublishedPermissions: a first build makes the destination and its
// folders 0755 and its files 0644 under the usual umask, where a private
// temporary folder would make a web server answer 403 for the whole site.
func TestPublishedPermissions(t *testing.T) {
	defer syscall.Umask(syscall.Umask(0o022))
	root := t.TempDir()
	dest, manifest := filepath.Join(root, "public"), filepath.Join(root, "manifest")
	for _, pages := range []map[string]string{{"index.html": "1", "a/b/index.html": "1"}, {"index.html": "2", "c/d/index.html": "2"}} {
		if err := commitSite(t, dest, manifest, pages, 0); err != nil {
			t.Fatal(err)
		}
		filepath.WalkDir(dest, func(p string, d os.DirEntry, err error) error {
			info, _ := d.Info()
			want := os.FileMode(0o644)
			if d.IsDir() {
				want = 0o755
			}
			if got := info.Mode().Perm(); got != want {
				t.Errorf("%s has mode %v, want %v", p, got, want)
			}
			return nil
		})
	}
}
