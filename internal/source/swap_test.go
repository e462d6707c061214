package source

import (
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
)

// TestSymlinkSwappedInIsNotRead: a content file replaced by a symbolic
// link to a secret after the folder was listed is refused, not read
// through the link; so is one the link was swapped in and out of while
// it was opened (the file opened is not the one at the path).
func TestSymlinkSwappedInIsNotRead(t *testing.T) {
	root := t.TempDir()
	os.MkdirAll(filepath.Join(root, "content"), 0o755)
	page := "---\ntitle: A\ndate: 2025-01-01\n---\nBody.\n"
	secret := "---\ntitle: SECRET\ndate: 2025-01-01\n---\nSECRET\n"
	os.WriteFile(filepath.Join(root, "content", "a.md"), []byte(page), 0o644)
	os.WriteFile(filepath.Join(root, "secret.md"), []byte(secret), 0o644)
	fsys := os.DirFS(root)
	files, diags := Walk(fsys, Options{Dir: "content"})
	if len(files) != 1 || diags.Err() != nil {
		t.Fatalf("listed %v, %v", files, diags)
	}
	if it, ds := Parse(fsys, "content/a.md", Options{Dir: "content"}); it.Briefing == nil || ds.Err() != nil {
		t.Fatalf("the file as listed: %v", ds)
	}

	// Swapped in after the listing, where a link can be made: Windows
	// makes one only with a privilege or in developer mode, and Wine makes
	// a Unix one, which it does not show as a link.
	link := filepath.Join(root, "content", "a.md")
	os.Remove(link)
	err := os.Symlink("../secret.md", link)
	switch info, lerr := os.Lstat(link); {
	case err == nil && lerr == nil && info.Mode()&fs.ModeSymlink != 0:
		checkRefused(t, fsys)
	case runtime.GOOS == "windows":
		t.Logf("no symbolic link could be swapped in (%v): only the swap in and out is tested", err)
	default:
		t.Fatalf("no symbolic link: %v, %v", err, lerr)
	}

	// Swapped in for the open, and out again before the check.
	os.Remove(filepath.Join(root, "content", "a.md"))
	os.WriteFile(filepath.Join(root, "content", "a.md"), []byte(page), 0o644)
	checkRefused(t, raceFS{fsys, map[string]string{"content/a.md": "secret.md"}})
}

func checkRefused(t *testing.T, fsys fs.FS) {
	t.Helper()
	it, ds := Parse(fsys, "content/a.md", Options{Dir: "content"})
	if it.Briefing != nil || ds.Err() == nil || !strings.Contains(ds.Err().Error(), "content/a.md: not read: the file was replaced by a symbolic link") {
		t.Errorf("read through the link: %+v, %v", it.Briefing, ds)
	}
}

// raceFS opens another file than the one at a path, as an open through a
// symbolic link swapped in and out again would.
type raceFS struct {
	fs.FS
	openAs map[string]string
}

func (r raceFS) Open(name string) (fs.File, error) {
	if other, ok := r.openAs[name]; ok {
		name = other
	}
	return r.FS.Open(name)
}

func (r raceFS) Lstat(name string) (fs.FileInfo, error) { return fs.Lstat(r.FS, name) }
func (r raceFS) ReadLink(name string) (string, error)   { return fs.ReadLink(r.FS, name) }
