package build_test

import (
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/brief-ssg/brief/internal/publish"
	"github.com/brief-ssg/brief/internal/render"
)

// madeSink records the files a build makes and hands to the destination;
// files kept by their inputs never reach Write.
type madeSink struct {
	*publish.Staging
	mu   sync.Mutex
	made []string
}

func (s *madeSink) Write(p string, data []byte, input render.Input) error {
	s.mu.Lock()
	s.made = append(s.made, p)
	s.mu.Unlock()
	return s.Staging.Write(p, data, input)
}

// TestEditMakesOnlyWhatChanged: after a body edit that keeps the summary,
// the data exports and all but one body block of the search index are
// kept, not made again; after a title edit the exports are made again.
func TestEditMakesOnlyWhatChanged(t *testing.T) {
	root := t.TempDir()
	if err := os.CopyFS(filepath.Join(root, "content"), os.DirFS("../../content")); err != nil {
		t.Fatal(err)
	}
	// Enough briefings for several body blocks of the search index.
	for i := range 20 {
		os.WriteFile(filepath.Join(root, "content", "2025", fmt.Sprintf("extra-%02d.md", i)),
			fmt.Appendf(nil, "---\ntitle: Extra briefing %d\ndate: 2025-11-%02dT10:00:00Z\ntags: [diplomacy]\n---\nTalks number %d went on.\n", i, 1+i, i), 0o644)
	}
	run := func() []string {
		t.Helper()
		var sink *madeSink
		buildOnDisk(t, root, false, func(stage *publish.Staging) render.Sink {
			sink = &madeSink{Staging: stage}
			return sink
		})
		return sink.made
	}
	count := func(made []string, prefix string) int {
		n := 0
		for _, p := range made {
			if strings.HasPrefix(p, prefix) {
				n++
			}
		}
		return n
	}
	first := run()
	if count(first, "search/b/") < 3 || !slices.Contains(first, render.DataBriefings) {
		t.Fatalf("the first build made too few body blocks, or no exports: %v", first)
	}
	briefings, _ := filepath.Glob(filepath.Join(root, "content", "2025", "2025-*.md"))
	b, _ := os.ReadFile(briefings[0])
	os.WriteFile(briefings[0], append(b, "\nAnother paragraph about zwischenstaatlich drones.\n"...), 0o644)
	made := run()
	for _, p := range []string{render.DataBriefings, render.DataFigures, render.DataActors} {
		if slices.Contains(made, p) {
			t.Errorf("a body edit made %s again", p)
		}
	}
	if n := count(made, "search/b/"); n != 1 {
		t.Errorf("a body edit made %d body blocks again, want 1", n)
	}
	if n, all := count(made, "search/t/"), count(first, "search/t/"); n == 0 || n == all {
		t.Errorf("a body edit made %d of %d token shards again; want those of its new words only", n, all)
	}

	b, _ = os.ReadFile(briefings[0])
	os.WriteFile(briefings[0], []byte(strings.Replace(string(b), "title: ", "title: Renamed ", 1)), 0o644)
	if made := run(); !slices.Contains(made, render.DataBriefings) {
		t.Error("a title edit did not make data/briefings.json again")
	}
}
