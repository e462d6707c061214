package build_test

import (
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/brief-ssg/brief/internal/build"
	"github.com/brief-ssg/brief/internal/publish"
	"github.com/brief-ssg/brief/internal/render"
	"github.com/brief-ssg/brief/internal/treetest"
	"github.com/brief-ssg/brief/layouts"
)

// planSite is a site on disk for the tests of the plan: the example
// briefings, a dozen more without a summary of their own, and one dated
// in the future of testNow.
func planSite(t *testing.T) string {
	t.Helper()
	root := t.TempDir()
	if err := os.CopyFS(filepath.Join(root, "content"), os.DirFS("../../content")); err != nil {
		t.Fatal(err)
	}
	for i := range 12 {
		writeFile(t, root, fmt.Sprintf("content/2025/extra-%02d.md", i),
			fmt.Sprintf("---\ntitle: Extra briefing %d\ndate: 2025-11-%02dT10:00:00Z\ntags: [diplomacy]\nactors: [Rustem Umerov]\n---\nTalks number %d went on.\n", i, 1+i, i))
	}
	writeFile(t, root, "content/2026/later.md", "---\ntitle: A later briefing\ndate: 2026-03-01T10:00:00Z\ntags: [diplomacy]\n---\nNot yet.\n")
	return root
}

func writeFile(t *testing.T, root, rel, data string) {
	t.Helper()
	p := filepath.Join(root, filepath.FromSlash(rel))
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(p, []byte(data), 0o644); err != nil {
		t.Fatal(err)
	}
}

// editFile replaces old with new in a file of the site.
func editFile(t *testing.T, root, rel, old, new string) {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(root, filepath.FromSlash(rel)))
	if err != nil || !strings.Contains(string(b), old) {
		t.Fatalf("%s: no %q (%v)", rel, old, err)
	}
	writeFile(t, root, rel, strings.Replace(string(b), old, new, 1))
}

// planBuild builds root into root/public at now, as brief build does
// (with --minify when minify is set), and returns the result with the
// paths the build made (rendered and handed to the destination), then
// checks that public/ is what a build from scratch makes.
func planBuild(t *testing.T, root string, now time.Time, minify bool) (*build.Result, []string) {
	t.Helper()
	var sink *madeSink
	res := buildOnDiskAt(t, root, now, minify, func(stage *publish.Staging) render.Sink {
		sink = &madeSink{Staging: stage}
		return sink
	})
	fsys := os.DirFS(root)
	cfg, _ := build.LoadConfig(fsys)
	clean := filepath.Join(t.TempDir(), "clean")
	stage, err := publish.Begin(clean, "", "test")
	if err != nil {
		t.Fatal(err)
	}
	if _, diags := build.Run(build.Options{Site: fsys, Layouts: layouts.FS, Config: cfg, Now: now, BaseURL: "https://example.org/", Minify: minify}, stage); diags.Err() != nil {
		t.Fatal(diags)
	}
	if _, err := stage.Commit(); err != nil {
		t.Fatal(err)
	}
	got, want := treetest.Read(t, filepath.Join(root, "public")), treetest.Read(t, clean)
	for p, data := range want {
		if got[p] != data {
			t.Errorf("public/%s is not what a build from scratch makes", p)
		}
	}
	for p := range got {
		if _, ok := want[p]; !ok {
			t.Errorf("public/%s: a stale file", p)
		}
	}
	return res, sink.made
}

// TestPlanAfterBodyEdits: once only briefings' bodies changed since the
// last build into public/, the pages that do not show them, and the
// sitemap, are retained without being fingerprinted, and only the pages
// that show the edited briefings are made again; anything else (front
// matter, a briefing that came due, the site's own layouts) goes back to
// fingerprinting every page. After every build public/ is what a build
// from scratch makes; with --minify too.
func TestPlanAfterBodyEdits(t *testing.T) {
	for _, minify := range []bool{false, true} {
		t.Run(fmt.Sprintf("minify=%v", minify), func(t *testing.T) { testPlanAfterBodyEdits(t, minify) })
	}
}

func testPlanAfterBodyEdits(t *testing.T, minify bool) {
	root := planSite(t)
	res, _ := planBuild(t, root, testNow, minify)
	if res.Retained != 0 {
		t.Fatalf("the first build retained %d files", res.Retained)
	}
	const talks = "content/2025/2025-12-06-miami-talks.md" // with a summary of its own
	const extra = "content/2025/extra-03.md"               // summed up by its body

	// A paragraph added to a body with a summary of its own: its page and
	// the lists showing it are rendered; nothing else.
	editFile(t, root, talks, "\nWhat came out of Miami:", "\nA paragraph added by an editor.\n\nWhat came out of Miami:")
	res, made := planBuild(t, root, testNow, minify)
	if res.Retained < 13 || !slices.Contains(made, "2025/12/miami-talks/index.html") {
		t.Fatalf("body edit: %d of %d files retained, made %v", res.Retained, res.Files, made)
	}
	for _, p := range []string{"sitemap.xml", "2025/11/extra-03/index.html", render.DataBriefings} {
		if slices.Contains(made, p) {
			t.Errorf("body edit: made %s again", p)
		}
	}

	// A new first paragraph, which is the summary: the lists and data
	// exports showing it are made again too.
	editFile(t, root, extra, "Talks number 3", "Talks resumed.\n\nTalks number 3")
	res, made = planBuild(t, root, testNow, minify)
	if res.Retained == 0 || !slices.Contains(made, render.DataBriefings) || !slices.Contains(made, "2025/11/extra-03/index.html") {
		t.Fatalf("summary edit: %d retained, made %v", res.Retained, made)
	}

	// A page changed by hand is not retained, but made again.
	writeFile(t, root, "public/tags/territory/index.html", "edited by hand") // shows no edited briefing
	editFile(t, root, extra, "Talks resumed.", "Talks resumed in Miami.")
	res, made = planBuild(t, root, testNow, minify)
	if res.Retained == 0 || !slices.Contains(made, "tags/territory/index.html") {
		t.Fatalf("page edited by hand: %d retained, made %v", res.Retained, made)
	}

	// Front matter: every page is fingerprinted again.
	editFile(t, root, extra, "title: Extra briefing 3", "title: Extra briefing three")
	if res, _ = planBuild(t, root, testNow, minify); res.Retained != 0 {
		t.Errorf("title edit: %d files retained", res.Retained)
	}

	// A briefing came due since the last build: it is on the lists now.
	editFile(t, root, talks, "A paragraph added by an editor.", "A paragraph edited by an editor.")
	later := time.Date(2026, 6, 1, 0, 0, 0, 0, time.UTC)
	res, made = planBuild(t, root, later, minify)
	if res.Retained != 0 || !slices.Contains(made, "2026/03/later/index.html") {
		t.Errorf("a briefing came due: %d files retained, made %v", res.Retained, made)
	}

	// Layouts of the site's own may show any briefing on any page.
	writeFile(t, root, "layouts/briefing.html", `{{define "main"}}<h1>{{.Entry.Title}}</h1>{{.Entry.HTML}}{{end}}`)
	planBuild(t, root, later, minify)
	editFile(t, root, talks, "A paragraph edited by an editor.", "A paragraph edited twice.")
	if res, _ = planBuild(t, root, later, minify); res.Retained != 0 {
		t.Errorf("with a layout of the site's own: %d files retained", res.Retained)
	}
}
