package publish

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/brief-ssg/brief/internal/treetest"
)

// TestWritesReachTheDestination: files written from several goroutines,
// by the writers, are all in the destination after Commit, and a second
// build with the manifest writes only what changed.
func TestWritesReachTheDestination(t *testing.T) {
	root := t.TempDir()
	dest, manifest := filepath.Join(root, "public"), filepath.Join(root, "manifest.gob")
	build := func(pages map[string]string) Stats {
		t.Helper()
		s, err := Begin(dest, manifest, "test")
		if err != nil {
			t.Fatal(err)
		}
		done := make(chan error)
		for p, body := range pages {
			go func() { done <- s.Write(p, []byte(body), [16]byte{1}) }()
		}
		for range pages {
			if err := <-done; err != nil {
				t.Fatal(err)
			}
		}
		st, err := s.Commit()
		if err != nil {
			t.Fatal(err)
		}
		return st
	}
	pages := map[string]string{"index.html": "home", "a/index.html": "A", "a/b/index.html": "B", "c/d/e/index.html": "E"}
	if st := build(pages); st.Written != 4 {
		t.Errorf("first build: %+v, want 4 written", st)
	}
	pages["a/index.html"] = "A2"
	if st := build(pages); st.Written != 1 || st.Unchanged != 3 {
		t.Errorf("second build: %+v, want 1 written, 3 unchanged", st)
	}
	if got := site(t, dest); len(got) != 4 || got["a/index.html"] != "A2" || got["c/d/e/index.html"] != "E" {
		t.Errorf("destination holds %v", got)
	}
}

// TestWriteFailureLeavesDestination: a file that cannot be written fails
// the commit with its path, and the destination keeps the last build.
func TestWriteFailureLeavesDestination(t *testing.T) {
	root := t.TempDir()
	dest := filepath.Join(root, "public")
	os.MkdirAll(dest, 0o755)
	os.WriteFile(filepath.Join(dest, "old.html"), []byte("old"), 0o644)
	s, err := Begin(dest, "", "test")
	if err != nil {
		t.Fatal(err)
	}
	if err := s.Write("a", []byte("a file"), [16]byte{}); err != nil {
		t.Fatal(err)
	}
	// A folder name longer than any file system allows fails on disk, a
	// little later, whichever writer gets it and whatever the others do.
	long := strings.Repeat("n", 300) + "/index.html"
	s.Write(long, []byte("in a folder that cannot be made"), [16]byte{})
	_, err = s.Commit()
	if err == nil || !strings.Contains(err.Error(), long+": writing:") {
		t.Fatalf("Commit: %v, want the failed write named", err)
	}
	if got := treetest.Read(t, dest); len(got) != 1 || got["old.html"] != "old" {
		t.Errorf("destination changed: %v", got)
	}
	if left, _ := filepath.Glob(filepath.Join(root, ".public.tmp-*")); len(left) != 0 {
		t.Errorf("staging folder left behind: %v", left)
	}
}

// TestAbortStopsWriting: after Abort, writes are refused rather than
// crashing a build still running, and nothing reaches the destination.
func TestAbortStopsWriting(t *testing.T) {
	root := t.TempDir()
	dest := filepath.Join(root, "public")
	s, err := Begin(dest, "", "test")
	if err != nil {
		t.Fatal(err)
	}
	s.Write("index.html", []byte("x"), [16]byte{})
	s.Abort()
	if err := s.Write("late.html", []byte("x"), [16]byte{}); err == nil {
		t.Error("a write after Abort was accepted")
	}
	if _, err := os.Stat(dest); !os.IsNotExist(err) {
		t.Errorf("destination exists after Abort: %v", err)
	}
}

// TestLastWriteWins: a path written twice in one build (a file of static/
// replacing a generated robots.txt) ends with the second bytes, whether
// they or the first match what the destination holds.
func TestLastWriteWins(t *testing.T) {
	root := t.TempDir()
	dest, manifest := filepath.Join(root, "public"), filepath.Join(root, "manifest.gob")
	build := func(writes ...string) {
		t.Helper()
		s, err := Begin(dest, manifest, "test")
		if err != nil {
			t.Fatal(err)
		}
		for _, w := range writes {
			if err := s.Write("robots.txt", []byte(w), [16]byte{}); err != nil {
				t.Fatal(err)
			}
		}
		if _, err := s.Commit(); err != nil {
			t.Fatal(err)
		}
	}
	for i, writes := range [][]string{{"generated", "static"}, {"generated", "static"}, {"static", "generated"}, {"generated", "static"}} {
		build(writes...)
		if got := site(t, dest)["robots.txt"]; got != writes[1] {
			t.Fatalf("build %d (%v): robots.txt is %q", i+1, writes, got)
		}
	}
}

// TestUnchangedDestination: a destination untouched since its last build is
// known intact without listing its folders; a file added, removed or edited
// anywhere in it is noticed, and the next build puts it right.
func TestUnchangedDestination(t *testing.T) {
	root := t.TempDir()
	dest, manifest := filepath.Join(root, "public"), filepath.Join(root, "manifest.gob")
	pages := map[string]string{"index.html": "home", "a/index.html": "A", "a/b/index.html": "B", "c/d/index.html": "D"}
	build := func() (*Staging, bool) {
		t.Helper()
		s, err := Begin(dest, manifest, "test")
		if err != nil {
			t.Fatal(err)
		}
		all := s.KeepAll()
		if !all {
			for p, body := range pages {
				if err := s.Write(p, []byte(body), [16]byte{}); err != nil {
					t.Fatal(err)
				}
			}
		}
		if _, err := s.Commit(); err != nil {
			t.Fatal(err)
		}
		return s, all
	}
	build()
	if _, unlisted, ok := verifyUnlisted(dest, readManifest(manifest), &verifier{}); !ok || len(unlisted) != 4 {
		t.Fatalf("an untouched destination was listed (ok %v, %d files)", ok, len(unlisted))
	}
	if _, all := build(); !all {
		t.Error("an untouched destination was not kept whole")
	}
	for i, change := range []func(){
		func() { os.WriteFile(filepath.Join(dest, "a/b/stray.html"), []byte("x"), 0o644) },
		func() { os.Remove(filepath.Join(dest, "c/d/index.html")) },
		func() { os.WriteFile(filepath.Join(dest, "a/index.html"), []byte("edited"), 0o644) },
	} {
		change()
		if _, all := build(); all {
			t.Fatalf("change %d: a changed destination was kept whole", i)
		}
		got := site(t, dest)
		if len(got) != len(pages) {
			t.Fatalf("after the build the destination holds %v", got)
		}
		for p, body := range pages {
			if got[p] != body {
				t.Fatalf("%s is %q, want %q", p, got[p], body)
			}
		}
		if _, all := build(); !all {
			t.Fatal("the destination was not kept whole after being put right")
		}
		if _, _, ok := verifyUnlisted(dest, readManifest(manifest), &verifier{}); !ok {
			t.Fatalf("change %d: the manifest's folder times are stale after the build that put it right", i)
		}
	}
	// A build that writes one file keeps the folder times true.
	s, err := Begin(dest, manifest, "test")
	if err != nil {
		t.Fatal(err)
	}
	pages["a/b/index.html"] = "B2"
	for p, body := range pages {
		s.Write(p, []byte(body), [16]byte{})
	}
	if st, err := s.Commit(); err != nil || st.Written != 1 {
		t.Fatalf("incremental build: %+v, %v; want 1 file written", st, err)
	}
	if _, _, ok := verifyUnlisted(dest, readManifest(manifest), &verifier{}); !ok {
		t.Error("the manifest's folder times are stale after an incremental build")
	}
}

// TestInputsTrustedOnlyFromTheSameGenerator: a file is kept for its input
// alone only by the build of brief that made it; another build (an
// upgrade) must make it again, and it stays untouched when its bytes are
// the same.
func TestInputsTrustedOnlyFromTheSameGenerator(t *testing.T) {
	root := t.TempDir()
	dest, manifest := filepath.Join(root, "public"), filepath.Join(root, "manifest.bin")
	input := [16]byte{1, 2, 3}
	s, err := Begin(dest, manifest, "brief 1")
	if err != nil {
		t.Fatal(err)
	}
	s.Write("index.html", []byte("page"), input)
	if _, err := s.Commit(); err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		generator string
		keep      bool
	}{{"brief 1", true}, {"brief 2", false}, {"brief 2", true}} {
		s, err := Begin(dest, manifest, c.generator)
		if err != nil {
			t.Fatal(err)
		}
		size, kept := s.Keep("index.html", input)
		if kept != c.keep || kept && size != 4 {
			t.Fatalf("%s: Keep = %d, %v; want kept %v (size 4)", c.generator, size, kept, c.keep)
		}
		if !kept {
			s.Write("index.html", []byte("page"), input)
		}
		st, err := s.Commit()
		if err != nil {
			t.Fatal(err)
		}
		if st.Written != 0 || st.Unchanged != 1 {
			t.Fatalf("%s: %+v; the same bytes must stay untouched", c.generator, st)
		}
	}
}

// TestAttachmentAndRetain: what a build attaches to the manifest reaches
// the next build by the same generator, also through a build that kept
// every file; Retain keeps an intact file whatever its input, and refuses
// one changed by hand, and everything when another generator wrote the
// manifest.
func TestAttachmentAndRetain(t *testing.T) {
	root := t.TempDir()
	dest, manifest := filepath.Join(root, "public"), filepath.Join(root, "manifest")
	begin := func(generator string) *Staging {
		t.Helper()
		s, err := Begin(dest, manifest, generator)
		if err != nil {
			t.Fatal(err)
		}
		return s
	}
	commit := func(s *Staging) {
		t.Helper()
		if _, err := s.Commit(); err != nil {
			t.Fatal(err)
		}
	}
	s := begin("g1")
	if s.Attachment() != nil {
		t.Errorf("a first build finds an attachment: %q", s.Attachment())
	}
	s.Write("a/index.html", []byte("A"), [16]byte{1})
	s.Write("b/index.html", []byte("B"), [16]byte{2})
	s.Attach([]byte("plan 1"))
	commit(s)

	s = begin("g1")
	if got := string(s.Attachment()); got != "plan 1" {
		t.Errorf("attachment %q, want plan 1", got)
	}
	if !s.KeepAll() {
		t.Fatal("an intact destination was not kept")
	}
	commit(s)

	os.WriteFile(filepath.Join(dest, "b", "index.html"), []byte("by hand"), 0o644)
	s = begin("g1")
	if got := string(s.Attachment()); got != "plan 1" {
		t.Errorf("after a build that kept every file: attachment %q, want plan 1", got)
	}
	if lost := s.Retain([]string{"a/index.html", "b/index.html"}); !slices.Equal(lost, []int{1}) {
		t.Errorf("Retain of an intact file and one changed by hand: lost %v, want [1]", lost)
	}
	s.Write("b/index.html", []byte("B"), [16]byte{2})
	s.Attach([]byte("plan 2"))
	commit(s)
	if got := site(t, dest); len(got) != 2 || got["a/index.html"] != "A" || got["b/index.html"] != "B" {
		t.Errorf("destination holds %v", got)
	}

	s = begin("g2")
	if s.Attachment() != nil {
		t.Errorf("another generator's attachment was trusted: %q", s.Attachment())
	}
	if lost := s.Retain([]string{"a/index.html"}); len(lost) != 1 {
		t.Error("another generator's file was retained")
	}
	s.Abort()
}

// site reads the destination's files, less the Marker, which it checks.
func site(t *testing.T, dest string) map[string]string {
	t.Helper()
	files := treetest.Read(t, dest)
	if files[Marker] != markerText {
		t.Errorf("%s holds no marker: %q", dest, files[Marker])
	}
	delete(files, Marker)
	return files
}
