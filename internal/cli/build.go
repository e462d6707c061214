package cli

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime/debug"
	"runtime/pprof"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/brief-ssg/brief/internal/build"
	"github.com/brief-ssg/brief/internal/cache"
	"github.com/brief-ssg/brief/internal/diag"
	"github.com/brief-ssg/brief/internal/publish"
	"github.com/brief-ssg/brief/layouts"
)

// buildFlags are the flags of build (and, later, of the commands that build).
type buildFlags struct {
	source, dest, baseURL, clock, cacheDir, cpuProfile string
	drafts, future, strict, quiet, minify, timings     bool
	cleanDestination, checksum                         bool
}

func (f *buildFlags) register(fs *flag.FlagSet) {
	stringFlag(fs, &f.source, "s", "source", ".", sourceUsage)
	stringFlag(fs, &f.dest, "d", "destination", "public", "where to write the site, relative to the site root")
	stringFlag(fs, &f.baseURL, "b", "baseURL", "", "the site's public URL, overriding brief.toml (https://example.org/briefings/)")
	boolFlag(fs, &f.drafts, "D", "drafts", "include briefings marked draft: true")
	boolFlag(fs, &f.future, "F", "future", "include briefings dated in the future")
	fs.StringVar(&f.clock, "clock", "", "the time that decides what is in the future, RFC 3339 (default: $SOURCE_DATE_EPOCH, else now)")
	fs.BoolVar(&f.strict, "strict", false, "treat warnings as errors")
	fs.BoolVar(&f.minify, "minify", false, "minify HTML, CSS, JavaScript, JSON, SVG and XML")
	fs.StringVar(&f.cacheDir, "cacheDir", ".brief-cache", "the build cache, relative to the site root; safe to delete; empty turns it off")
	boolFlag(fs, &f.quiet, "q", "quiet", "print errors only")
	fs.StringVar(&f.cpuProfile, "cpuprofile", "", "write a CPU profile of the build to this file (for go tool pprof)")
	fs.BoolVar(&f.timings, "timings", false, "print how long each step of the build took")
	fs.BoolVar(&f.cleanDestination, "clean-destination", false, "build into a folder brief did not build, deleting what it holds (listed first)")
	fs.BoolVar(&f.checksum, "checksum", false, "compare every file of the destination by content, not by size and times, to repair files changed by hand")
}

// now returns the build's "now": --clock, $SOURCE_DATE_EPOCH or the clock.
func (f *buildFlags) now() (time.Time, error) {
	if f.clock != "" {
		t, err := time.Parse(time.RFC3339, f.clock)
		if err != nil {
			return time.Time{}, fmt.Errorf("--clock %q is not an RFC 3339 time such as 2025-12-06T12:00:00Z", f.clock)
		}
		return t, nil
	}
	if s := os.Getenv("SOURCE_DATE_EPOCH"); s != "" {
		n, err := strconv.ParseInt(s, 10, 64)
		if err != nil {
			return time.Time{}, fmt.Errorf("SOURCE_DATE_EPOCH %q is not a number of seconds", s)
		}
		return time.Unix(n, 0), nil
	}
	return time.Now(), nil
}

func runBuild(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	var f buildFlags
	fs := newFlagSet("build", "Builds the site in the source folder into the destination folder. The old\ndestination is replaced only when the whole build succeeds.", stderr)
	f.register(fs)
	if code, done := parse(fs, args, stdout); done {
		return code
	}
	start := time.Now()
	if f.cpuProfile != "" {
		out, err := os.Create(f.cpuProfile)
		if err != nil {
			fmt.Fprintf(stderr, "brief build: %v\n", err)
			return ExitUsage
		}
		defer out.Close()
		pprof.StartCPUProfile(out)
		defer pprof.StopCPUProfile()
	}
	now, err := f.now()
	if err != nil {
		fmt.Fprintf(stderr, "brief build: %v\n", err)
		return ExitUsage
	}
	root, err := filepath.Abs(f.source)
	if err != nil || !isDir(root) {
		fmt.Fprintf(stderr, "brief build: --source %q is not a folder\n", f.source)
		return ExitUsage
	}
	dest := fromRoot(root, f.dest)
	if err := checkDestination(root, dest); err != nil {
		fmt.Fprintf(stderr, "brief build: %v\n", err)
		return ExitUsage
	}
	if err := checkCache(root, dest, f.cache(root)); err != nil {
		fmt.Fprintf(stderr, "brief build: %v\n", err)
		return ExitUsage
	}
	target, err := claimDestination(dest, f.manifest(root, dest), f.cleanDestination, stderr)
	if err != nil {
		fmt.Fprintf(stderr, "brief build: %v\n", err)
		return ExitUsage
	}
	siteFS := os.DirFS(root)
	cfg, diags := build.LoadConfig(siteFS)
	if diags.Err() != nil {
		report(stderr, diags, f.quiet)
		return ExitError
	}
	stage, err := publish.BeginWith(target, f.manifest(root, dest), cache.ExecutableStamp(), publish.Options{Checksum: f.checksum})
	if err != nil {
		fmt.Fprintf(stderr, "brief build: %v\n", err)
		return ExitError
	}
	c := cache.Open(f.cache(root), build.CacheKey(cfg))
	steps := &timings{on: f.timings, last: start}
	type outcome struct {
		res   *build.Result
		diags diag.List
	}
	done := make(chan outcome, 1)
	go func() {
		res, d := build.Run(build.Options{
			Site: siteFS, Layouts: layouts.FS, Config: cfg, BaseURL: f.baseURL,
			Drafts: f.drafts, Future: f.future, Now: now, Strict: f.strict, Minify: f.minify, Cache: c, Record: destKey(dest),
			Listed: limitMemory,
			Loaded: collectLess,
			Step:   steps.end,
		}, stage)
		done <- outcome{res, d}
	}()
	var out outcome
	select {
	case out = <-done:
	case <-ctx.Done():
		// Interrupted: drop the staging folder; the destination and the
		// cache on disk are untouched. The workers stop when the process
		// exits.
		stage.Abort()
		c.Discard()
		fmt.Fprintf(stderr, "brief build: interrupted; %s left as it was\n", rel(root, dest))
		return ExitInterrupted
	}
	res := out.res
	diags = append(diags, out.diags...)
	if err := c.Save(); err != nil && !f.quiet {
		fmt.Fprintf(stderr, "brief build: warning: cannot save the build cache: %v\n", err)
	}
	steps.end("cache")
	report(stderr, diags, f.quiet)
	if diags.Err() != nil {
		stage.Abort()
		fmt.Fprintf(stderr, "brief build: %d %s; %s left as it was\n", len(diags.Errors()), plural(len(diags.Errors()), "error", "errors"), rel(root, dest))
		return ExitError
	}
	// A failed write is already an error of the build (build.Run waits for
	// the writer), so Commit fails only in moving the files into place.
	written, err := stage.Commit()
	steps.end("commit")
	var merr *publish.ManifestError
	switch {
	case errors.As(err, &merr):
		if !f.quiet {
			fmt.Fprintf(stderr, "brief build: warning: %v; the site is published, and the next build will compare every file of %s (check --cacheDir)\n", err, rel(root, dest))
		}
	case err != nil:
		fmt.Fprintf(stderr, "brief build: %v\n", err)
		return ExitError
	}
	if !f.quiet {
		printSummary(stderr, res, written, rel(root, dest), time.Since(start))
	}
	steps.print(stderr, start)
	return ExitOK
}

// timings records how long each step of a build took, for --timings.
type timings struct {
	on    bool
	mu    sync.Mutex // steps of rendering end on other goroutines
	last  time.Time
	steps []string
}

// end records that the step name ended now.
func (t *timings) end(name string) {
	if !t.on {
		return
	}
	t.mu.Lock()
	defer t.mu.Unlock()
	now := time.Now()
	t.steps = append(t.steps, fmt.Sprintf("%s %s", name, now.Sub(t.last).Round(time.Millisecond)))
	t.last = now
}

// print writes the steps on one line, with the whole build's time.
func (t *timings) print(w io.Writer, start time.Time) {
	if t.on {
		fmt.Fprintf(w, "brief: timings: %s; total %s\n", strings.Join(t.steps, ", "), time.Since(start).Round(time.Millisecond))
	}
}

// cache returns the absolute cache folder, or "" when it is turned off.
func (f *buildFlags) cache(root string) string {
	if f.cacheDir == "" {
		return ""
	}
	return fromRoot(root, f.cacheDir)
}

// manifest is the file recording the last build of dest.
func (f *buildFlags) manifest(root, dest string) string {
	dir := f.cache(root)
	if dir == "" {
		return ""
	}
	return filepath.Join(dir, "publish-"+destKey(dest)+".gob")
}

// destKey names the cache files that belong to one destination.
func destKey(dest string) string {
	sum := sha256.Sum256([]byte(dest))
	return hex.EncodeToString(sum[:6])
}

func report(w io.Writer, diags diag.List, quiet bool) {
	for _, d := range diags {
		if quiet && d.Severity == diag.Warning {
			continue
		}
		fmt.Fprintln(w, d.Error())
	}
}

func printSummary(w io.Writer, res *build.Result, written publish.Stats, dest string, took time.Duration) {
	archives := res.Archives
	fmt.Fprintf(w, "brief: %d %s (%d %s, %d future skipped), %d tag %s, %d actor %s, %d %s\n",
		res.Briefings, plural(res.Briefings, "briefing", "briefings"), res.Drafts, plural(res.Drafts, "draft", "drafts"), res.Future,
		res.Tags, plural(res.Tags, "page", "pages"), res.Actors, plural(res.Actors, "page", "pages"),
		archives, plural(archives, "archive", "archives"))
	if res.SearchFiles > 0 {
		fmt.Fprintf(w, "brief: search index: %d files, %s\n", res.SearchFiles, size(res.SearchBytes))
	}
	fmt.Fprintf(w, "brief: %d files in %s: %d written, %d unchanged, %d removed, in %s\n",
		res.Files, dest, written.Written, written.Unchanged, written.Removed, took.Round(time.Millisecond))
}

func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}

func isDir(p string) bool {
	info, err := os.Stat(p)
	return err == nil && info.IsDir()
}

func rel(root, p string) string {
	if r, err := filepath.Rel(root, p); err == nil && !filepath.IsAbs(r) && r != ".." && len(r) > 0 && r[0] != '.' {
		return r
	}
	return p
}

// limitMemory gives the garbage collector a soft memory limit sized to the
// site's files, unless GOMEMLIMIT sets one: a build keeps about 11 KB per
// briefing alive until its end, and without a limit the heap grows to twice
// what is alive before the collector runs. (Running it at 40% growth
// instead does no better on large sites and costs small ones a fifth more
// time: the collector then runs every few megabytes.)
func limitMemory(files int) {
	if os.Getenv("GOMEMLIMIT") == "" {
		debug.SetMemoryLimit(96<<20 + int64(files)*16<<10)
	}
}

// collectLess lets the heap grow to five times what is alive before the
// collector runs, instead of twice, when nearly every content file came
// from the cache, unless GOGC is set: such a rebuild allocates a fraction
// of what a full build does, most of it short-lived, beside a site model
// that stays alive to its end, and the soft memory limit still bounds the
// heap. A rebuild of 10,000 briefings after one edit then takes 0.45 s
// instead of 0.52 s (0.57 s of CPU instead of 0.68 s), its peak memory
// 225 MB instead of 180 MB. (A full build does better at the default: see
// limitMemory.)
func collectLess(files, parsed int) {
	if parsed*10 <= files && os.Getenv("GOGC") == "" {
		debug.SetGCPercent(400)
	}
}

// size writes a byte count for people: 980 B, 12.3 KB, 4.5 MB.
func size(n int64) string {
	switch {
	case n < 1000:
		return fmt.Sprintf("%d B", n)
	case n < 1000*1000:
		return fmt.Sprintf("%.1f KB", float64(n)/1000)
	}
	return fmt.Sprintf("%.1f MB", float64(n)/1000/1000)
}
