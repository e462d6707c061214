package cli

import (
	"bytes"
	"context"
	"runtime/debug"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/brief-ssg/brief/internal/corpus"
)

// TestCollectLess: a rebuild that found nearly every file in the cache
// lets the heap grow five times before collecting; a build that parsed
// more keeps the default; GOGC set by the user wins.
func TestCollectLess(t *testing.T) {
	t.Setenv("GOGC", "")
	defer debug.SetGCPercent(debug.SetGCPercent(100))
	for _, c := range []struct {
		files, parsed, want int
	}{{10000, 1, 400}, {10000, 1000, 400}, {10000, 1001, 100}, {10000, 10000, 100}} {
		debug.SetGCPercent(100)
		collectLess(c.files, c.parsed)
		if got := debug.SetGCPercent(100); got != c.want {
			t.Errorf("%d files, %d parsed: GOGC %d, want %d", c.files, c.parsed, got, c.want)
		}
	}
	t.Setenv("GOGC", "50")
	debug.SetGCPercent(50)
	collectLess(10000, 1)
	if got := debug.SetGCPercent(100); got != 50 {
		t.Errorf("with GOGC=50: GOGC %d after a rebuild from the cache", got)
	}
}

// TestTimings: --timings prints every step of a full build in order, with
// the total, even with -q; a rebuild with nothing changed prints its own.
func TestTimings(t *testing.T) {
	root := t.TempDir()
	if err := corpus.Write(root, corpus.Options{Briefings: 30, Seed: 2}); err != nil {
		t.Fatal(err)
	}
	build := func() string {
		t.Helper()
		var out bytes.Buffer
		if code := Run(context.Background(), []string{"build", "-q", "--timings", "-s", root}, &out, &out); code != 0 {
			t.Fatalf("build failed (%d):\n%s", code, out.String())
		}
		return out.String()
	}
	for _, c := range []struct {
		round string
		steps []string
	}{
		{"full build", []string{"listing", "reading", "model", "fingerprints", "pages", "sitemap", "feeds", "search index", "static", "writing", "cache", "commit"}},
		{"nothing changed", []string{"listing", "destination checked", "cache", "commit"}},
	} {
		out := build()
		line, ok := strings.CutPrefix(strings.TrimSpace(out), "brief: timings: ")
		if !ok || strings.Count(out, "\n") != 1 {
			t.Fatalf("%s: want one line of timings, got:\n%s", c.round, out)
		}
		steps, total, _ := strings.Cut(line, "; total ")
		var names []string
		for _, st := range strings.Split(steps, ", ") {
			i := strings.LastIndexByte(st, ' ')
			if _, err := time.ParseDuration(st[i+1:]); err != nil {
				t.Errorf("%s: step %q: %v", c.round, st, err)
			}
			names = append(names, st[:i])
		}
		if !slices.Equal(names, c.steps) {
			t.Errorf("%s: steps %q, want %q", c.round, names, c.steps)
		}
		if _, err := time.ParseDuration(total); err != nil {
			t.Errorf("%s: total %q: %v", c.round, total, err)
		}
	}
}
