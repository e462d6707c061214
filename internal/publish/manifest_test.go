package publish

import (
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"reflect"
	"testing"
	"time"
)

// TestManifestRoundTrip writes manifests of random files and folders and
// reads them back equal; a cut one never reads.
func TestManifestRoundTrip(t *testing.T) {
	rng := rand.New(rand.NewPCG(8, 9))
	for n := range 50 {
		m := manifestFile{Version: manifestVersion, Files: map[string]FileState{}, Dirs: map[string]int64{}}
		for i := range n * 3 {
			st := FileState{Size: rng.Int64N(1 << 40), ModTime: rng.Int64() - 1<<62, CTime: rng.Int64()}
			for k := range st.Sum {
				st.Sum[k] = byte(rng.IntN(256))
			}
			for k := range st.Input {
				st.Input[k] = byte(rng.IntN(256))
			}
			m.Files[fmt.Sprintf("%d/%c/Київ %d.html", i%7, 'a'+rune(i%26), i)] = st
			m.Dirs[fmt.Sprintf("%d", i%7)] = rng.Int64()
		}
		m.Dirs[""] = 42
		data := encodeManifest(m)
		got, ok := decodeManifest(string(data))
		if !ok || !reflect.DeepEqual(got, m) {
			t.Fatalf("manifest of %d files read back as %v (ok=%v)", len(m.Files), got, ok)
		}
		for cut := 0; cut < len(data); cut += 1 + len(data)/50 {
			if _, ok := decodeManifest(string(data[:cut])); ok {
				t.Fatalf("a manifest cut at %d of %d bytes reads", cut, len(data))
			}
		}
	}
}

// TestHandEditWithSameTimesIsRepaired: a published file changed by hand
// with its size and modification time put back is not trusted: its
// status change time gives it away, its content is compared, and the
// build writes it again. A file whose status alone changed (chmod) is
// read, found intact, kept, and its times recorded.
func TestHandEditWithSameTimesIsRepaired(t *testing.T) {
	root := t.TempDir()
	dest, manifest := filepath.Join(root, "public"), filepath.Join(root, "manifest")
	pages := map[string]string{"index.html": "home", "a/index.html": "page A"}
	build := func(opt Options) Stats {
		t.Helper()
		s, err := BeginWith(dest, manifest, "test", opt)
		if err != nil {
			t.Fatal(err)
		}
		for p, body := range pages {
			s.Write(p, []byte(body), [16]byte{})
		}
		st, err := s.Commit()
		if err != nil {
			t.Fatal(err)
		}
		return st
	}
	build(Options{})
	a := filepath.Join(dest, "a", "index.html")
	info, _ := os.Stat(a)
	time.Sleep(10 * time.Millisecond) // a status change time the clock can tell apart
	os.WriteFile(a, []byte("page X"), 0o644)
	os.Chtimes(a, info.ModTime(), info.ModTime())
	if after, _ := os.Stat(a); after.Size() != info.Size() || !after.ModTime().Equal(info.ModTime()) {
		t.Fatal("the edit by hand did not keep the size and time")
	}
	if st := build(Options{}); st.Written != 1 || st.Unchanged != 1 {
		t.Errorf("after an edit by hand with the same size and time: %+v, want 1 written", st)
	}
	if got := site(t, dest)["a/index.html"]; got != "page A" {
		t.Errorf("a/index.html is %q after the build", got)
	}
	os.Chmod(a, 0o640)
	for _, opt := range []Options{{}, {}, {Checksum: true}} {
		if st := build(opt); st.Written != 0 || st.Unchanged != 2 {
			t.Errorf("after a chmod (%+v): %+v, want all unchanged", opt, st)
		}
	}
	if _, _, ok := verifyUnlisted(dest, readManifest(manifest), &verifier{}); !ok {
		t.Error("the folders' times are stale after the file was checked by content")
	}
}

// TestChecksumFindsSameBytes: with Checksum, a file whose times changed
// but whose bytes did not is kept, not written again.
func TestChecksumFindsSameBytes(t *testing.T) {
	root := t.TempDir()
	dest, manifest := filepath.Join(root, "public"), filepath.Join(root, "manifest")
	if err := commitSite(t, dest, manifest, map[string]string{"index.html": "home"}, 0); err != nil {
		t.Fatal(err)
	}
	later := time.Now().Add(time.Hour)
	os.Chtimes(filepath.Join(dest, "index.html"), later, later)
	s, err := BeginWith(dest, manifest, "test", Options{Checksum: true})
	if err != nil {
		t.Fatal(err)
	}
	s.Write("index.html", []byte("home"), [16]byte{})
	if st, err := s.Commit(); err != nil || st.Unchanged != 1 {
		t.Errorf("Commit: %+v, %v; want the file kept", st, err)
	}
}
