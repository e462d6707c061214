package cli

import (
	"runtime/debug"
	"testing"
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
