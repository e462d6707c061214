package main

import (
	"bytes"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/brief-ssg/brief/internal/corpus"
	"github.com/brief-ssg/brief/internal/treetest"
)

// TestKilledBuildsLeaveNoTrace builds the brief binary, then starts builds
// of a generated site and kills them (kill -9) at random moments, in a
// loop, with one briefing edited back and forth so that some are killed
// while committing an update and others while swapping in a whole site.
// A build after them all leaves public/ equal to a clean build, and no
// temporary folder or lock beside it.
func TestKilledBuildsLeaveNoTrace(t *testing.T) {
	if testing.Short() {
		t.Skip("builds brief and kills builds for about 15 s")
	}
	dir := t.TempDir()
	bin := filepath.Join(dir, "brief")
	gobuild := exec.Command(filepath.Join(runtime.GOROOT(), "bin", "go"), "build", "-o", bin, ".")
	if out, err := gobuild.CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	site := filepath.Join(dir, "site")
	if err := corpus.Write(site, corpus.Options{Briefings: 120, Seed: 7}); err != nil {
		t.Fatal(err)
	}
	edited := filepath.Join(site, "content", "edited.md")
	variants := []string{
		"---\ntitle: Edited\ndate: 2025-06-01\ntags: [edited]\n---\nThe first body.\n",
		"---\ntitle: Edited again\ndate: 2025-06-02\ntags: [other]\n---\nThe second body.\n",
	}
	brief := func(args ...string) *exec.Cmd {
		cmd := exec.Command(bin, append([]string{"build", "-q", "-s", site}, args...)...)
		cmd.Env = append(os.Environ(), "SOURCE_DATE_EPOCH=1767225600")
		return cmd
	}
	os.WriteFile(edited, []byte(variants[0]), 0o644)
	clean := filepath.Join(dir, "clean")
	start := time.Now()
	if out, err := brief("-d", clean, "--cacheDir", "").CombinedOutput(); err != nil {
		t.Fatalf("clean build: %v\n%s", err, out)
	}
	full := time.Since(start)
	// How long a build into public/ takes after one briefing changed.
	for _, v := range []string{variants[1], variants[0]} {
		os.WriteFile(edited, []byte(v), 0o644)
		start = time.Now()
		if out, err := brief().CombinedOutput(); err != nil {
			t.Fatalf("build: %v\n%s", err, out)
		}
	}
	update := time.Since(start)

	rng := rand.New(rand.NewPCG(1, uint64(time.Now().UnixNano())))
	kills := 0
	// Counted, not timed: on a loaded machine a build takes longer, and
	// the loop waits for as many kills.
	for attempts := 0; kills < 8 && attempts < 40; attempts++ {
		os.WriteFile(edited, []byte(variants[rng.IntN(2)]), 0o644)
		took := update
		if rng.IntN(3) == 0 {
			os.RemoveAll(filepath.Join(site, ".brief-cache")) // a whole site to swap in
			took = full
		}
		cmd := brief()
		var out bytes.Buffer
		cmd.Stdout, cmd.Stderr = &out, &out
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		time.Sleep(time.Duration(rng.Int64N(int64(took)*6/5 + 1)))
		cmd.Process.Signal(syscall.SIGKILL)
		if err := cmd.Wait(); err == nil {
			continue // finished before the kill
		} else if ws, ok := cmd.ProcessState.Sys().(syscall.WaitStatus); !ok || ws.Signal() != syscall.SIGKILL {
			t.Fatalf("build failed before it was killed: %v\n%s", err, out.String())
		}
		kills++
	}
	if kills < 5 {
		t.Errorf("only %d builds were killed", kills)
	}

	os.WriteFile(edited, []byte(variants[0]), 0o644)
	if out, err := brief().CombinedOutput(); err != nil {
		t.Fatalf("the build after %d killed ones failed: %v\n%s", kills, err, out)
	}
	got, want := treetest.Read(t, filepath.Join(site, "public")), treetest.Read(t, clean)
	var diffs []string
	for p, b := range want {
		if g, ok := got[p]; !ok {
			diffs = append(diffs, "missing "+p)
		} else if g != b {
			diffs = append(diffs, "differs "+p)
		}
	}
	for p := range got {
		if _, ok := want[p]; !ok {
			diffs = append(diffs, "extra "+p)
		}
	}
	if len(diffs) > 0 {
		t.Errorf("after %d killed builds, public/ differs from a clean build:\n%s", kills, strings.Join(diffs[:min(20, len(diffs))], "\n"))
	}
	left, _ := filepath.Glob(filepath.Join(site, ".public.*"))
	if len(left) > 0 {
		t.Errorf("after %d killed builds, left beside public/: %v", kills, left)
	}
	t.Logf("%d builds killed (a full build takes %v, an update %v)", kills, full.Round(time.Millisecond), update.Round(time.Millisecond))
}
