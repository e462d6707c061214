package cache

import (
	"fmt"
	"maps"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/brief-ssg/brief/internal/digest"
	"github.com/brief-ssg/brief/internal/search"
)

// counting counts what the index asks of remembered bodies.
type counting struct {
	search.Bodies
	hits, misses atomic.Int64
	mu           sync.Mutex
	sums         map[[16]byte]bool // learnt
}

func (c *counting) learnt() int {
	c.mu.Lock()
	defer c.mu.Unlock()
	return len(c.sums)
}

func (c *counting) Body(sum [16]byte) (string, bool) {
	toks, ok := c.Bodies.Body(sum)
	if ok {
		c.hits.Add(1)
	} else {
		c.misses.Add(1)
	}
	return toks, ok
}

func (c *counting) SetBody(sum [16]byte, toks string) {
	c.mu.Lock()
	c.sums[sum] = true
	c.mu.Unlock()
	c.Bodies.SetBody(sum, toks)
}

func (c *counting) LastIndex() ([][16]byte, map[string][]uint32, bool) {
	return c.Bodies.(search.Indexes).LastIndex()
}

func (c *counting) SetIndex(sums [][16]byte, postings map[string][]uint32) {
	c.Bodies.(search.Indexes).SetIndex(sums, postings)
}

// buildIndex makes the index of docs with the cache in dir, checks it
// against one made without a cache, saves the cache and returns what the
// index asked of it.
func buildIndex(t *testing.T, dir string, docs []search.Doc, round string) *counting {
	t.Helper()
	c := Open(dir, "key")
	b := &counting{Bodies: c.Bodies(), sums: map[[16]byte]bool{}}
	if got, want := index(docs, b), index(docs, nil); !maps.Equal(got, want) {
		t.Fatalf("%s: the index made with the cache differs from one made without", round)
	}
	if err := c.Save(); err != nil {
		t.Fatalf("%s: %v", round, err)
	}
	return b
}

func index(docs []search.Doc, bodies search.Bodies) map[string]string {
	files := map[string]string{}
	var mu sync.Mutex
	search.Write(docs, search.Options{Bodies: bodies, Emit: func(name string, data []byte, _ [16]byte) {
		mu.Lock()
		files[name] = string(data)
		mu.Unlock()
	}})
	return files
}

// bodyDocs makes n docs with bodyDoc.
func bodyDocs(rng *rand.Rand, n int) []search.Doc {
	docs := make([]search.Doc, n)
	for i := range docs {
		docs[i] = bodyDoc(rng, i)
	}
	return docs
}

func bodyDoc(rng *rand.Rand, i int) search.Doc {
	words := []string{"Drones", "missiles", "Київ", "talks", "585", "1,000", "<em>intercepted</em>", "&amp;", "Zelenskyy's", "naïve", "日本", "\"quoted\""}
	html := fmt.Sprintf("<h2 id=\"h%d\">Part %d</h2>\n<p>", i, i)
	for range 5 + rng.IntN(40) {
		html += words[rng.IntN(len(words))] + " "
	}
	html += "</p>\n"
	if rng.IntN(10) == 0 {
		html = "" // a briefing without a body
	}
	d := search.Doc{URL: fmt.Sprintf("/b/%d/", i), Title: fmt.Sprintf("Briefing %d", i), Date: fmt.Sprintf("2025-%02d-%02d", 1+i%12, 1+i%28),
		Summary: "Talks in Miami", HTML: html, Tags: []string{"diplomacy"}, Actors: []string{"Rustem Umerov"}}
	d.Sum = digest.OfString(html)
	return d
}

// TestBodiesRememberTheIndexWork makes the search index with and without
// remembered bodies, over builds that edit, add and remove briefings and
// damage the files: the index is the same byte for byte, the second
// build analyses no doc again, and the files keep only the docs of the
// last build.
func TestBodiesRememberTheIndexWork(t *testing.T) {
	rng := rand.New(rand.NewPCG(5, 6))
	dir := t.TempDir()
	docs := bodyDocs(rng, 300)
	docs[7].HTML, docs[7].Sum = docs[8].HTML, docs[8].Sum // two briefings with one body, remembered apart
	build := func(round string) *counting { t.Helper(); return buildIndex(t, dir, docs, round) }

	if b := build("first build"); b.hits.Load() != 0 || b.learnt() != len(docs) {
		t.Fatalf("first build: %d hits, %d learnt; want 0 and %d", b.hits.Load(), b.learnt(), len(docs))
	}
	if b := build("second build"); b.misses.Load() != 0 || b.learnt() != 0 {
		t.Fatalf("second build: %d misses, %d learnt; want none", b.misses.Load(), b.learnt())
	}

	for _, i := range []int{3, 150, 299} {
		docs[i] = bodyDoc(rng, 1000+i)
	}
	docs[200].Title += " (updated)" // the same body: its doc is learnt again
	docs = append(docs[:20], docs[40:]...)
	if b := build("after edits"); b.learnt() != 4 {
		t.Fatalf("after edits: %d learnt, want 4", b.learnt())
	}
	var remembered int
	c := Open(dir, "key")
	b := c.Bodies().(*Bodies)
	b.load.Do(b.read)
	remembered = len(b.known)
	if remembered != len(docs) {
		t.Fatalf("the files remember %d bodies, want the %d of the last build", remembered, len(docs))
	}

	files, _ := filepath.Glob(filepath.Join(dir, "bodies-*.bin"))
	if len(files) == 0 {
		t.Fatal("no files of remembered bodies")
	}
	for _, p := range files {
		data, _ := os.ReadFile(p)
		data[len(data)/2] ^= 0x40
		os.WriteFile(p, data, 0o644)
	}
	if b := build("damaged files"); b.hits.Load() != 0 {
		t.Fatalf("damaged files: %d bodies read from them", b.hits.Load())
	}
	if b := build("after damage"); b.misses.Load() != 0 {
		t.Fatalf("after damage: %d misses; the files were not written again", b.misses.Load())
	}
	if tmp, _ := filepath.Glob(filepath.Join(dir, ".*tmp*")); len(tmp) > 0 {
		t.Fatalf("temporary files left: %v", tmp)
	}
}

// TestDiscardedBodiesLeaveNothing: an interrupted build removes what it
// started to write, and what the index goes on learning is dropped.
func TestDiscardedBodiesLeaveNothing(t *testing.T) {
	dir := t.TempDir()
	c := Open(dir, "key")
	b := c.Bodies()
	rng := rand.New(rand.NewPCG(1, 2))
	d := bodyDoc(rng, 1)
	b.Body(d.Sum)
	b.SetBody(d.Sum, "text")
	c.Discard()
	d2 := bodyDoc(rng, 2)
	b.SetBody(d2.Sum, "more")
	if left, _ := os.ReadDir(dir); len(left) != 0 {
		t.Fatalf("left behind: %v", left)
	}
}

// TestDiscardedCacheSavesNothing: after Discard, the cache hands out no
// remembered bodies and Save writes nothing, without an error.
func TestDiscardedCacheSavesNothing(t *testing.T) {
	dir := t.TempDir()
	c := Open(dir, "key")
	c.Discard()
	if b := c.Bodies(); b != nil {
		t.Fatal("a discarded cache hands out remembered bodies")
	}
	c.Replace(map[string]*Source{"content/a.md": randomSource(rand.New(rand.NewPCG(1, 1)), time.UTC)})
	if err := c.Save(); err != nil {
		t.Fatal(err)
	}
	if left, _ := os.ReadDir(dir); len(left) != 0 {
		t.Fatalf("a discarded cache wrote %v", left)
	}
}

// TestStaleTemporaryFilesRemoved: Save removes the temporary files of
// builds killed more than an hour ago, and leaves recent ones, which a
// build running meanwhile may still write.
func TestStaleTemporaryFilesRemoved(t *testing.T) {
	dir := t.TempDir()
	old, recent := filepath.Join(dir, ".bodies-03.bin.tmp-1"), filepath.Join(dir, ".sources-07.bin.tmp-2")
	for _, p := range []string{old, recent} {
		os.WriteFile(p, []byte("partial"), 0o644)
	}
	hourAgo := time.Now().Add(-2 * time.Hour)
	os.Chtimes(old, hourAgo, hourAgo)
	if err := Open(dir, "key").Save(); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(old); !os.IsNotExist(err) {
		t.Error("a temporary file two hours old is still there")
	}
	if _, err := os.Stat(recent); err != nil {
		t.Error("a recent temporary file was removed")
	}
}

// TestRejectedFilesAreUnmapped: cache files that fail their checks (here:
// another key) are not left mapped in memory, as a preview server opens a
// cache again after each change of brief.toml.
func TestRejectedFilesAreUnmapped(t *testing.T) {
	if _, err := os.Stat("/proc/self/maps"); err != nil {
		t.Skip("no /proc/self/maps to count mappings on this system")
	}
	dir := t.TempDir()
	c := Open(dir, "key")
	rng := rand.New(rand.NewPCG(3, 3))
	c.Replace(map[string]*Source{"content/a.md": randomSource(rng, time.UTC), "content/b.md": randomSource(rng, time.UTC)})
	b := c.Bodies()
	b.Body([16]byte{1})
	b.SetBody([16]byte{1}, "tokens")
	if err := c.Save(); err != nil {
		t.Fatal(err)
	}
	for range 3 {
		other := Open(dir, "another key")
		if n := len(other.Sources(time.UTC)); n != 0 {
			t.Fatalf("a cache for another key read %d files", n)
		}
		if _, ok := other.Bodies().Body([16]byte{1}); ok {
			t.Fatal("a cache for another key read a remembered body")
		}
	}
	maps, _ := os.ReadFile("/proc/self/maps")
	if n := strings.Count(string(maps), dir); n != 0 {
		t.Fatalf("%d mappings of rejected cache files are left", n)
	}
	if n := len(Open(dir, "key").Sources(time.UTC)); n != 2 {
		t.Fatalf("read back %d files with the right key, want 2", n)
	}
}

// TestIndexRemembered: the postings of the last index are kept with the
// remembered tokens, so that an index with two bodies edited asks only for
// their tokens, old and new; a damaged index file is made again from
// scratch; a discarded build leaves the file as it was. Each index is the
// same as one made without any memory.
func TestIndexRemembered(t *testing.T) {
	rng := rand.New(rand.NewPCG(9, 9))
	dir := t.TempDir()
	docs := bodyDocs(rng, 200)
	build := func(round string) *counting { t.Helper(); return buildIndex(t, dir, docs, round) }
	build("first build")
	for _, i := range []int{10, 150} {
		html := docs[i].HTML + "<p>An added sentence about drones.</p>"
		docs[i].HTML = html
		docs[i].Sum = digest.OfString(html)
	}
	if b := build("two bodies edited"); b.hits.Load() != 2 || b.misses.Load() != 2 || b.learnt() != 2 {
		t.Fatalf("two bodies edited: %d hits, %d misses, %d learnt; want the old tokens of each (2), and the new (2)", b.hits.Load(), b.misses.Load(), b.learnt())
	}

	path := filepath.Join(dir, "index.bin")
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	data[len(data)/3] ^= 0x10
	os.WriteFile(path, data, 0o644)
	if b := build("damaged index"); b.hits.Load() != int64(len(docs)) {
		t.Fatalf("damaged index: %d bodies asked for, want all %d", b.hits.Load()+b.misses.Load(), len(docs))
	}

	saved, _ := os.ReadFile(path)
	c := Open(dir, "key")
	b := c.Bodies().(*Bodies)
	sums, postings, ok := b.LastIndex()
	if !ok || len(sums) != len(docs) {
		t.Fatalf("the index made again is not read back: %v, %d docs", ok, len(sums))
	}
	c.Discard()
	b.SetIndex(sums, postings)
	if err := c.Save(); err != nil {
		t.Fatal(err)
	}
	if now, _ := os.ReadFile(path); string(now) != string(saved) {
		t.Fatal("an index set after the cache was discarded changed the file")
	}
	if tmp, _ := filepath.Glob(filepath.Join(dir, ".*tmp*")); len(tmp) > 0 {
		t.Fatalf("temporary files left: %v", tmp)
	}
}
