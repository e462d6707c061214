//go:build !windows

package cli

import (
	"bytes"
	"context"
	"io/fs"
	"os"
	"path/filepath"
	"syscall"
	"testing"
)

// TestPublishedFolderIsReadable: a full build leaves the published
// folder and its subfolders 0755 and its files 0644 (under umask 022),
// so a web server running as another user can read the site.
func TestPublishedFolderIsReadable(t *testing.T) {
	defer syscall.Umask(syscall.Umask(0o022))
	root := t.TempDir()
	os.MkdirAll(filepath.Join(root, "content"), 0o755)
	os.WriteFile(filepath.Join(root, "content", "a.md"), []byte("---\ntitle: A\ndate: 2025-01-01\n---\nBody.\n"), 0o644)
	var out bytes.Buffer
	if code := Run(context.Background(), []string{"build", "-q", "-s", root}, &out, &out); code != ExitOK {
		t.Fatalf("build: exit %d: %s", code, out.String())
	}
	n := 0
	filepath.WalkDir(filepath.Join(root, "public"), func(p string, d fs.DirEntry, err error) error {
		info, _ := d.Info()
		want := fs.FileMode(0o644)
		if d.IsDir() {
			want = 0o755
		}
		if got := info.Mode().Perm(); got != want {
			t.Errorf("%s has mode %v, want %v", p, got, want)
		}
		n++
		return nil
	})
	if n < 5 {
		t.Errorf("only %d files and folders published", n)
	}
}
