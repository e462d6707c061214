package publish

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/brief-ssg/brief/internal/treetest"
)

// commitSite builds pages into dest with the manifest, failing the
// failAt-th rename of the commit (0: none); it returns Commit's error.
func commitSite(t *testing.T, dest, manifest string, pages map[string]string, failAt int) error {
	t.Helper()
	s, err := Begin(dest, manifest, "test")
	if err != nil {
		t.Fatal(err)
	}
	renames := 0
	s.rename = func(from, to string) error {
		if renames++; renames == failAt {
			return &os.LinkError{Op: "rename", Old: from, New: to, Err: errors.New("injected fault")}
		}
		return os.Rename(from, to)
	}
	for p, body := range pages {
		if err := s.Write(p, []byte(body), [16]byte{}); err != nil {
			t.Fatal(err)
		}
	}
	_, err = s.Commit()
	return err
}

// dirs lists the folders under dest, to see that a rolled back commit
// leaves none behind and takes none away.
func dirs(t *testing.T, dest string) string {
	t.Helper()
	var out []string
	filepath.WalkDir(dest, func(p string, d os.DirEntry, err error) error {
		if err == nil && d.IsDir() {
			out = append(out, p)
		}
		return err
	})
	return strings.Join(out, "\n")
}

// TestFailedCommitLeavesDestinationAsItWas: a commit whose every step in
// turn is made to fail (a rename refused) leaves the destination exactly
// as the last build left it, files and folders, names the file that
// stopped it, and leaves no temporary folder; the same build then
// succeeds.
func TestFailedCommitLeavesDestinationAsItWas(t *testing.T) {
	root := t.TempDir()
	dest, manifest := filepath.Join(root, "public"), filepath.Join(root, "manifest")
	old := map[string]string{"index.html": "home", "a/index.html": "A", "gone/deep/index.html": "G", "news": "a file", "keep/index.html": "K"}
	if err := commitSite(t, dest, manifest, old, 0); err != nil {
		t.Fatal(err)
	}
	before, beforeDirs := treetest.Read(t, dest), dirs(t, dest)
	next := map[string]string{"index.html": "home 2", "a/index.html": "A2", "news/index.html": "now a folder", "b/c/index.html": "new", "keep/index.html": "K"}
	for failAt := 1; ; failAt++ {
		err := commitSite(t, dest, manifest, next, failAt)
		if err == nil {
			if failAt <= 6 {
				t.Fatalf("the commit took %d renames, want one per stale and written file", failAt-1)
			}
			break // past the last step
		}
		if !strings.Contains(err.Error(), "injected fault") || !strings.Contains(err.Error(), "is left as it was") || !strings.Contains(err.Error(), dest+string(filepath.Separator)) {
			t.Fatalf("rename %d failed with %q: want the file named and the destination said to be as it was", failAt, err)
		}
		if got := treetest.Read(t, dest); !equal(got, before) {
			t.Fatalf("rename %d failed: the destination holds %v, want %v", failAt, got, before)
		}
		if got := dirs(t, dest); got != beforeDirs {
			t.Fatalf("rename %d failed: folders\n%s\nwant\n%s", failAt, got, beforeDirs)
		}
		if left, _ := filepath.Glob(filepath.Join(root, ".public.tmp-*")); len(left) != 0 {
			t.Fatalf("rename %d failed: left %v", failAt, left)
		}
		if failAt > 50 {
			t.Fatal("the commit never succeeds")
		}
	}
	if got := site(t, dest); !equal(got, next) {
		t.Errorf("after the build that succeeded the destination holds %v", got)
	}
}

// TestFailedSwapLeavesDestinationAsItWas: a first build into a folder
// whose replacement fails leaves it, and its .git, as they were.
func TestFailedSwapLeavesDestinationAsItWas(t *testing.T) {
	root := t.TempDir()
	dest := filepath.Join(root, "public")
	os.MkdirAll(filepath.Join(dest, ".git"), 0o755)
	os.WriteFile(filepath.Join(dest, ".git", "HEAD"), []byte("ref"), 0o644)
	os.WriteFile(filepath.Join(dest, "old.html"), []byte("old"), 0o644)
	for failAt := 1; failAt <= 2; failAt++ {
		err := commitSite(t, dest, "", map[string]string{"index.html": "new"}, failAt)
		if err == nil || !strings.Contains(err.Error(), "injected fault") {
			t.Fatalf("rename %d: Commit returned %v", failAt, err)
		}
		if got := treetest.Read(t, dest); len(got) != 2 || got["old.html"] != "old" || got[".git/HEAD"] != "ref" {
			t.Fatalf("rename %d failed: the destination holds %v", failAt, got)
		}
	}
}

// TestFileBecomesFolder: a file of the last build may become a folder
// (static/news replaced by a page news/) and a folder a file.
func TestFileBecomesFolder(t *testing.T) {
	root := t.TempDir()
	dest, manifest := filepath.Join(root, "public"), filepath.Join(root, "manifest")
	for _, pages := range []map[string]string{
		{"index.html": "home", "news": "file"},
		{"index.html": "home", "news/index.html": "folder"},
		{"index.html": "home", "news": "file again"},
	} {
		if err := commitSite(t, dest, manifest, pages, 0); err != nil {
			t.Fatal(err)
		}
		if got := site(t, dest); !equal(got, pages) {
			t.Fatalf("destination holds %v, want %v", got, pages)
		}
	}
}

func equal(a, b map[string]string) bool {
	if len(a) != len(b) {
		return false
	}
	for k, v := range a {
		if w, ok := b[k]; !ok || w != v {
			return false
		}
	}
	return true
}
