package build_test

import (
	"flag"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"strconv"
	"sync"
	"testing"
	"time"

	"github.com/adrg/frontmatter"
	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/extension"
	"gopkg.in/yaml.v2"

	"github.com/brief-ssg/brief/internal/build"
	"github.com/brief-ssg/brief/internal/corpus"
	"github.com/brief-ssg/brief/internal/publish"
	"github.com/brief-ssg/brief/layouts"
)

var (
	benchN        = flag.Int("briefings", 1000, "size of the synthetic site for benchmarks")
	benchSiteFlag = flag.String("bench-site", "", "an existing synthetic site to benchmark (default: generated in the temp folder)")
)

var corpusOnce sync.Map

// benchSite generates (once per size) a synthetic site and returns its root.
func benchSite(b *testing.B, n int) string {
	b.Helper()
	if *benchSiteFlag != "" {
		return *benchSiteFlag
	}
	if dir, ok := corpusOnce.Load(n); ok {
		return dir.(string)
	}
	dir := filepath.Join(os.TempDir(), "brief-bench", "site-"+itoa(n))
	if _, err := os.Stat(filepath.Join(dir, "brief.toml")); err != nil {
		if err := corpus.Write(dir, corpus.Options{Briefings: n, Seed: 1}); err != nil {
			b.Fatal(err)
		}
	}
	corpusOnce.Store(n, dir)
	return dir
}

func itoa(n int) string { return strconv.Itoa(n) }

// BenchmarkBaseline is the unavoidable work: read every file, decode its
// front matter and convert its body with goldmark, on all cores.
func BenchmarkBaseline(b *testing.B) {
	dir := benchSite(b, *benchN)
	var files []string
	filepath.WalkDir(filepath.Join(dir, "content"), func(p string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			files = append(files, p)
		}
		return err
	})
	md := goldmark.New(goldmark.WithExtensions(extension.GFM, extension.Footnote))
	b.ResetTimer()
	for b.Loop() {
		var wg sync.WaitGroup
		ch := make(chan string)
		for range 2 {
			wg.Add(1)
			go func() {
				defer wg.Done()
				var out discard
				for p := range ch {
					f, _ := os.Open(p)
					var v map[string]any
					body, err := frontmatter.Parse(f, &v, frontmatter.NewFormat("---", "---", yaml.Unmarshal))
					f.Close()
					if err != nil {
						b.Error(err)
					}
					md.Convert(body, &out)
				}
			}()
		}
		for _, p := range files {
			ch <- p
		}
		close(ch)
		wg.Wait()
	}
}

type discard struct{}

func (discard) Write(p []byte) (int, error) { return len(p), nil }

// BenchmarkBuildMemory is a full build into memory. It reports the
// allocations and bytes allocated per briefing, which should not grow with
// the size of the site.
func BenchmarkBuildMemory(b *testing.B) {
	fsys := os.DirFS(benchSite(b, *benchN))
	cfg, _ := build.LoadConfig(fsys)
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	briefings := 0
	for b.Loop() {
		res, diags := build.Run(build.Options{Site: fsys, Layouts: layouts.FS, Config: cfg, Now: time.Now()}, discardSink{})
		if err := diags.Err(); err != nil {
			b.Fatal(err)
		}
		briefings += res.Briefings
	}
	runtime.ReadMemStats(&after)
	b.ReportMetric(float64(after.Mallocs-before.Mallocs)/float64(briefings), "allocs/briefing")
	b.ReportMetric(float64(after.TotalAlloc-before.TotalAlloc)/1024/float64(briefings), "KB/briefing")
}

type discardSink struct{}

func (discardSink) Write(string, []byte, [16]byte) error { return nil }

// BenchmarkBuildDisk is a full build to a fresh destination on disk.
func BenchmarkBuildDisk(b *testing.B) {
	fsys := os.DirFS(benchSite(b, *benchN))
	cfg, _ := build.LoadConfig(fsys)
	for b.Loop() {
		dest := filepath.Join(b.TempDir(), "public")
		stage, err := publish.Begin(dest, "", "test")
		if err != nil {
			b.Fatal(err)
		}
		_, diags := build.Run(build.Options{Site: fsys, Layouts: layouts.FS, Config: cfg, Now: time.Now()}, stage)
		if err := diags.Err(); err != nil {
			b.Fatal(err)
		}
		if _, err := stage.Commit(); err != nil {
			b.Fatal(err)
		}
	}
}
