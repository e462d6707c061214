package publish

import (
	"errors"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"testing"

	"github.com/brief-ssg/brief/internal/treetest"
)

// TestClaim: a destination is the build's to replace when it is missing,
// empty, holds only .git, or was built by brief (its marker, or a
// manifest); an unrelated folder or a file is refused with what a build
// would delete.
func TestClaim(t *testing.T) {
	root := t.TempDir()
	write := func(p, body string) {
		os.MkdirAll(filepath.Dir(filepath.Join(root, p)), 0o755)
		os.WriteFile(filepath.Join(root, p), []byte(body), 0o644)
	}
	os.Mkdir(filepath.Join(root, "empty"), 0o755)
	write("gitonly/.git/HEAD", "ref")
	write("thesis/thesis.txt", "years of work")
	write("other/favicon.ico", "icon")
	write("other/manifest.json", "{}")
	write("other/.git/HEAD", "ref")
	write("ours/"+Marker, markerText)
	write("ours/index.html", "home")
	write("old/index.html", "home")
	write("cache/manifest-old", "from an older brief")
	write("afile", "not a folder")
	for _, c := range []struct {
		dest, manifest string
		foreign        []string
		notDir         bool
	}{
		{dest: "missing"},
		{dest: "empty"},
		{dest: "gitonly"},
		{dest: "ours"},
		{dest: "old", manifest: "cache/manifest-old"},
		{dest: "old", manifest: "cache/none", foreign: []string{"index.html"}},
		{dest: "thesis", foreign: []string{"thesis.txt"}},
		{dest: "other", foreign: []string{"favicon.ico", "manifest.json"}},
		{dest: "afile", notDir: true},
	} {
		manifest := ""
		if c.manifest != "" {
			manifest = filepath.Join(root, c.manifest)
		}
		err := Claim(filepath.Join(root, c.dest), manifest)
		var fe *ForeignError
		switch {
		case c.foreign == nil && !c.notDir && err != nil:
			t.Errorf("%s: %v, want it claimed", c.dest, err)
		case (c.foreign != nil || c.notDir) && !errors.As(err, &fe):
			t.Errorf("%s: %v, want a ForeignError", c.dest, err)
		case fe != nil && (fe.NotDir != c.notDir || !slices.Equal(fe.Files, c.foreign)):
			t.Errorf("%s: %+v, want files %v (not a folder: %v)", c.dest, fe, c.foreign, c.notDir)
		}
	}
	err := Claim(filepath.Join(root, "other"), "")
	if !strings.Contains(err.Error(), "brief did not build it, and it holds favicon.ico, manifest.json") {
		t.Errorf("message %q", err)
	}
}

// TestForeignSample names a few files and counts the rest.
func TestForeignSample(t *testing.T) {
	e := &ForeignError{Files: []string{"a", "b", "c", "d", "e"}}
	if got := e.Sample(3); got != "a, b, c and 2 more files" {
		t.Errorf("Sample(3) = %q", got)
	}
	if got := e.Sample(4); got != "a, b, c, d and 1 more file" {
		t.Errorf("Sample(4) = %q", got)
	}
}

// TestFollowSymlinkDestination: a destination that is a symbolic link is
// built into its target, and the link stays; a link to nothing is
// refused.
func TestFollowSymlinkDestination(t *testing.T) {
	root := t.TempDir()
	target, link := filepath.Join(root, "www"), filepath.Join(root, "public")
	os.Mkdir(target, 0o755)
	if err := os.Symlink("www", link); err != nil || !isSymlink(link) {
		if runtime.GOOS == "windows" {
			// Windows makes links only with a privilege or in developer
			// mode, and Wine makes Unix ones, which it does not show as links.
			t.Skipf("no symbolic link could be made: %v", err)
		}
		t.Fatal(err)
	}
	dest, err := Follow(link)
	if err != nil || dest != target {
		t.Fatalf("Follow = %q, %v; want %q", dest, err, target)
	}
	if err := commitSite(t, dest, filepath.Join(root, "manifest"), map[string]string{"index.html": "home"}, 0); err != nil {
		t.Fatal(err)
	}
	if info, err := os.Lstat(link); err != nil || info.Mode()&os.ModeSymlink == 0 {
		t.Errorf("the link was replaced: %v, %v", info, err)
	}
	if got := site(t, link+"/"); got["index.html"] != "home" {
		t.Errorf("through the link: %v", got)
	}
	os.Symlink("nowhere", filepath.Join(root, "dangling"))
	if _, err := Follow(filepath.Join(root, "dangling")); err == nil || !strings.Contains(err.Error(), "does not exist") {
		t.Errorf("a dangling link: %v", err)
	}
}

// TestLeftoversRemoved: the staging and backup folders of builds killed
// with kill -9 are removed by the next build; one killed in the middle
// of a swap gets its old site, and its .git, back first.
func TestLeftoversRemoved(t *testing.T) {
	root := t.TempDir()
	dest := filepath.Join(root, "public")
	write := func(p, body string) {
		os.MkdirAll(filepath.Dir(filepath.Join(root, p)), 0o755)
		os.WriteFile(filepath.Join(root, p), []byte(body), 0o644)
	}
	// Killed after the old site was moved aside, with its .git moved
	// into the new one.
	write(".public.tmp-1/index.html", "new")
	write(".public.tmp-1/.git/HEAD", "ref")
	write(".public.tmp-1.old/index.html", "old")
	write(".public.tmp-2/index.html", "killed while writing")
	s, err := Begin(dest, "", "test")
	if err != nil {
		t.Fatal(err)
	}
	s.Abort()
	if got := treetest.Read(t, dest); len(got) != 2 || got["index.html"] != "old" || got[".git/HEAD"] != "ref" {
		t.Errorf("the old site is not back: %v", got)
	}
	if left, _ := filepath.Glob(filepath.Join(root, ".public.tmp-*")); len(left) != 0 {
		t.Errorf("left behind: %v", left)
	}
}

// isSymlink reports whether there is a symbolic link at path.
func isSymlink(path string) bool {
	info, err := os.Lstat(path)
	return err == nil && info.Mode()&os.ModeSymlink != 0
}
