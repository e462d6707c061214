package build_test

import (
	"bytes"
	"io/fs"
	"math/rand"
	"os"
	"runtime"
	"strings"
	"testing"
	"testing/fstest"
	"time"
)

// shuffled lists directories in a random order, as some file systems do.
type shuffled struct {
	fstest.MapFS
	rng *rand.Rand
}

func (s shuffled) ReadDir(name string) ([]fs.DirEntry, error) {
	entries, err := s.MapFS.ReadDir(name)
	s.rng.Shuffle(len(entries), func(i, j int) { entries[i], entries[j] = entries[j], entries[i] })
	return entries, err
}

// TestReproducible builds the same site under different local time zones,
// numbers of threads and directory orders: every output file must be
// identical (hostile input 38). The TZ of a whole process, which decides
// time.Local before main runs, is covered by the script
// cmd/brief/testdata/script/reproducible.txtar.
func TestReproducible(t *testing.T) {
	site := siteFS(strikes)
	// The example has its own profiles of these.
	delete(site, "content/actors/zelenskyy.md")
	delete(site, "content/tags/diplomacy.md")
	for p, f := range exampleContent(t) {
		site[p] = f
	}
	defer func(loc *time.Location, procs int) {
		time.Local = loc
		runtime.GOMAXPROCS(procs)
	}(time.Local, runtime.GOMAXPROCS(0))

	time.Local = time.UTC
	runtime.GOMAXPROCS(1)
	a := buildFS(t, site).ok()

	ny, err := time.LoadLocation("America/New_York")
	if err != nil {
		t.Fatal(err)
	}
	time.Local = ny
	runtime.GOMAXPROCS(8)
	b := buildFS(t, shuffled{site, rand.New(rand.NewSource(7))}).ok()

	pa, pb := a.mem.Paths(), b.mem.Paths()
	if strings.Join(pa, "\n") != strings.Join(pb, "\n") {
		t.Fatalf("different file lists:\n%v\n%v", pa, pb)
	}
	for _, p := range pa {
		if !bytes.Equal([]byte(a.file(p)), []byte(b.file(p))) {
			t.Errorf("%s differs between builds", p)
		}
	}
}

// exampleContent is the repository's example content, as site files.
func exampleContent(t *testing.T) fstest.MapFS {
	t.Helper()
	return filesOf(t, os.DirFS("../.."), "content")
}

// filesOf copies the files under dir of root into memory, by their paths
// in root.
func filesOf(t *testing.T, root fs.FS, dir string) fstest.MapFS {
	t.Helper()
	out := fstest.MapFS{}
	err := fs.WalkDir(root, dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := fs.ReadFile(root, p)
		out[p] = &fstest.MapFile{Data: b}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}
