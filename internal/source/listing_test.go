package source

import (
	"fmt"
	"math/rand/v2"
	"os"
	"path"
	"path/filepath"
	"strings"
	"testing"
)

// TestListingFollowsChanges applies random changes to a content folder —
// files written, grown past the size limit, deleted, replaced by symbolic
// links or pipes, folders added, moved and removed, hidden and underscore
// names — and after each checks that updating the listing with the paths
// a watcher reports gives exactly what a walk from scratch gives.
func TestListingFollowsChanges(t *testing.T) {
	root := t.TempDir()
	fsys := os.DirFS(root)
	opt := Options{Dir: "content", MaxFileSize: 200}
	dirs := []string{"content", "content/2025", "content/2025/11", "content/actors", "content/.hidden", "content/_drafts", "content/2024"}
	names := []string{"a.md", "b.md", "c.MD", "notes.txt", ".x.md", "_y.md", "z.md"}
	rng := rand.New(rand.NewPCG(7, 11))
	var l Listing
	l.Update(fsys, opt, nil)
	write := func(rel, text string) {
		p := filepath.Join(root, rel)
		os.MkdirAll(filepath.Dir(p), 0o755)
		os.Remove(p)
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	for step := range 400 {
		dir := dirs[rng.IntN(len(dirs))]
		file := path.Join(dir, names[rng.IntN(len(names))])
		var changed []string
		var what string
		switch op := rng.IntN(9); op {
		case 0, 1, 2:
			what = "write " + file
			write(file, strings.Repeat("x", rng.IntN(150)))
			changed = []string{file}
		case 3:
			what = "grow " + file
			write(file, strings.Repeat("x", 201+rng.IntN(50)))
			changed = []string{file}
		case 4:
			what = "delete " + file
			os.Remove(filepath.Join(root, file))
			changed = []string{file}
		case 5:
			what = "symlink " + file
			os.MkdirAll(filepath.Join(root, dir), 0o755)
			os.Remove(filepath.Join(root, file))
			os.Symlink(filepath.Join(root, "elsewhere.md"), filepath.Join(root, file))
			changed = []string{file}
		case 6:
			what = "pipe " + file
			os.MkdirAll(filepath.Join(root, dir), 0o755)
			os.Remove(filepath.Join(root, file))
			mkfifo(filepath.Join(root, file))
			changed = []string{file}
		case 7:
			// A folder appears with files in it, as a move into the
			// content folder does: the watcher reports the folder.
			sub := path.Join(dir, fmt.Sprintf("new%d", step))
			what = "add folder " + sub
			write(path.Join(sub, "a.md"), "new")
			write(path.Join(sub, "deeper", "b.md"), "newer")
			changed = []string{sub}
		case 8:
			// A folder goes away with everything in it.
			what = "remove folder " + dir
			if dir == "content" {
				dir = "content/2025"
			}
			os.RemoveAll(filepath.Join(root, dir))
			changed = []string{dir}
		}
		got, gotDiags := l.Update(fsys, opt, changed)
		want, wantDiags := Walk(fsys, opt)
		if g, w := listed(got), listed(want); g != w {
			t.Fatalf("step %d (%s): listing\n%s\nwant\n%s", step, what, g, w)
		}
		if g, w := fmt.Sprint(gotDiags), fmt.Sprint(wantDiags); g != w {
			t.Fatalf("step %d (%s): diagnostics\n%s\nwant\n%s", step, what, g, w)
		}
	}
	if files, _ := l.Update(fsys, opt, nil); len(files) == 0 {
		t.Fatal("the changes left no file to list: the test checks nothing")
	}
}

// listed writes files with their size and modification time, one a line.
func listed(files []File) string {
	var b strings.Builder
	for _, f := range files {
		fmt.Fprintf(&b, "%s %d %d\n", f.Path, f.Info.Size(), f.Info.ModTime().UnixNano())
	}
	return b.String()
}

// TestListingWithoutChangesWalks checks that an update told nothing, or
// told of a change to the content folder itself, walks again.
func TestListingWithoutChangesWalks(t *testing.T) {
	root := t.TempDir()
	fsys := os.DirFS(root)
	opt := Options{Dir: "content"}
	os.MkdirAll(filepath.Join(root, "content", "a"), 0o755)
	os.WriteFile(filepath.Join(root, "content", "a", "one.md"), nil, 0o644)
	var l Listing
	if files, _ := l.Update(fsys, opt, []string{"content/a/one.md"}); len(files) != 1 {
		t.Fatalf("first update listed %d files, want 1", len(files))
	}
	os.WriteFile(filepath.Join(root, "content", "a", "two.md"), nil, 0o644)
	if files, _ := l.Update(fsys, opt, []string{}); len(files) != 1 {
		t.Fatalf("an update told that nothing changed listed %d files, want the 1 it knew", len(files))
	}
	if files, _ := l.Update(fsys, opt, nil); len(files) != 2 {
		t.Fatalf("an update told nothing listed %d files, want 2", len(files))
	}
	os.Rename(filepath.Join(root, "content"), filepath.Join(root, "old"))
	if files, _ := l.Update(fsys, opt, []string{"content"}); len(files) != 0 {
		t.Fatalf("after the content folder moved away, %d files listed, want 0", len(files))
	}
}
