package server

import (
	"bytes"
	"flag"
	"fmt"
	"net"
	"os"
	"path/filepath"
	"sort"
	"testing"

	"github.com/brief-ssg/brief/internal/corpus"
)

var benchN = flag.Int("briefings", 1000, "size of the synthetic site for the rebuild benchmark")

// BenchmarkServeRebuild measures what a writer waits for in the preview:
// one briefing's body saved, the site rebuilt in memory. The "full"
// sub-benchmark is the first build of the same site, for comparison.
func BenchmarkServeRebuild(b *testing.B) {
	root := b.TempDir()
	if err := corpus.Write(root, corpus.Options{Briefings: *benchN, Seed: 1}); err != nil {
		b.Fatal(err)
	}
	files, _ := filepath.Glob(filepath.Join(root, "content", "*", "*", "*.md"))
	if len(files) == 0 {
		files, _ = filepath.Glob(filepath.Join(root, "content", "*", "*.md"))
	}
	sort.Strings(files)
	if len(files) == 0 {
		b.Fatal("no briefings generated")
	}
	newServer := func() *Server {
		ln, err := net.Listen("tcp", "127.0.0.1:0")
		if err != nil {
			b.Fatal(err)
		}
		b.Cleanup(func() { ln.Close() })
		srv, err := New(ln, Options{Root: root, Reload: true})
		if err != nil {
			b.Fatal(err)
		}
		return srv
	}
	b.Run("full", func(b *testing.B) {
		for b.Loop() {
			newServer().Rebuild(nil)
		}
	})
	// one-edit saves a briefing with its body changed, as when writing;
	// one-front-matter-edit changes its title, which other pages show.
	for _, bench := range []struct {
		name string
		edit func(orig []byte, i int) []byte
	}{
		{"one-edit", func(orig []byte, i int) []byte {
			return append(append([]byte(nil), orig...), fmt.Sprintf("\nEdit number %d.\n", i)...)
		}},
		{"one-front-matter-edit", func(orig []byte, i int) []byte {
			return bytes.Replace(orig, []byte("\ntitle: "), []byte(fmt.Sprintf("\ntitle: Edit %d, ", i)), 1)
		}},
	} {
		b.Run(bench.name, func(b *testing.B) {
			srv := newServer()
			srv.Rebuild(nil)
			target := files[len(files)/2]
			orig, err := os.ReadFile(target)
			if err != nil {
				b.Fatal(err)
			}
			b.Cleanup(func() { os.WriteFile(target, orig, 0o644) })
			rel, _ := filepath.Rel(root, target)
			i := 0
			for b.Loop() {
				i++
				b.StopTimer()
				edited := bench.edit(orig, i)
				if bytes.Equal(edited, orig) {
					b.Fatal("the edit changed nothing")
				}
				os.WriteFile(target, edited, 0o644)
				b.StartTimer()
				srv.Rebuild([]string{filepath.ToSlash(rel)})
				if srv.cur.Load().failed {
					b.Fatalf("rebuild failed: %v", srv.cur.Load().diags)
				}
			}
		})
	}
}
