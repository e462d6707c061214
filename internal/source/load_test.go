package source

import (
	"fmt"
	"reflect"
	"strings"
	"testing"
	"testing/fstest"
	"time"
)

// site builds a content tree from path → text.
func site(files map[string]string) fstest.MapFS {
	fsys := fstest.MapFS{}
	for p, s := range files {
		fsys[p] = &fstest.MapFile{Data: []byte(s), Mode: 0o644}
	}
	return fsys
}

// TestLoadReportsEverything is row 9: one run over several files reports
// every missing field of every file, with every other error, sorted.
func TestLoadReportsEverything(t *testing.T) {
	fsys := site(map[string]string{
		"content/a.md":        "---\ntitle: A\n---\n",
		"content/b.md":        "---\ndate: 2024-03-01\ntitel: B\n---\n",
		"content/c.md":        "---\nsummary: s\n---\n",
		"content/d/e.md":      "+++\nlocation = \"x\"\n+++\n",
		"content/f.md":        "{\"title\": \"F\"}\n",
		"content/ok.md":       "---\ntitle: OK\ndate: 2024-03-01\n---\n",
		"content/unclosed.md": "---\ntitle: U\n",
		"content/empty.md":    "",
		"content/body.md":     "Just text.\n",
	})
	c, diags := Load(fsys, Options{Dir: "content"})
	checkDiags(t, diags,
		want{"content/a.md:2:1", "missing required field: date"},
		want{"content/b.md:2:1", "missing required field: title"},
		want{"content/b.md:3:1", `unknown key "titel": did you mean "title"?`},
		want{"content/body.md:1:1", "no front matter"},
		want{"content/c.md:2:1", "missing required fields: title, date"},
		want{"content/d/e.md:2:1", "missing required fields: title, date"},
		want{"content/empty.md:1:1", "empty file"},
		want{"content/f.md:1:1", "missing required field: date"},
		want{"content/unclosed.md:1:1", "front matter not closed"},
	)
	var paths []string
	for _, b := range c.Briefings {
		paths = append(paths, b.Path)
	}
	// Files that decode, even with errors, are kept so that later stages
	// can report more; files that do not parse are not.
	want := []string{"content/a.md", "content/b.md", "content/c.md", "content/d/e.md", "content/f.md", "content/ok.md"}
	if !reflect.DeepEqual(paths, want) {
		t.Errorf("briefings %q, want %q", paths, want)
	}
}

// TestLoadWalk: what is read and what is skipped.
func TestLoadWalk(t *testing.T) {
	ok := "---\ntitle: T\ndate: 2024-03-01\n---\n"
	fsys := site(map[string]string{
		"content/z.md":               ok,
		"content/a/b.MD":             ok,
		"content/.hidden.md":         "broken",
		"content/_drafts/x.md":       "broken",
		"content/.git/x.md":          "broken",
		"content/notes.txt":          "broken",
		"content/actors/zelensky.md": "---\nname: Volodymyr Zelenskyy\n---\nBio.\n",
		"content/tags/energy.md":     "---\nname: Energy\ndescription: Power.\n---\n",
		"other/x.md":                 "broken",
	})
	c, diags := Load(fsys, Options{Dir: "content"})
	checkDiags(t, diags)
	var paths []string
	for _, b := range c.Briefings {
		paths = append(paths, b.Path)
	}
	if want := []string{"content/a/b.MD", "content/z.md"}; !reflect.DeepEqual(paths, want) {
		t.Errorf("briefings %q, want %q", paths, want)
	}
	if len(c.Actors) != 1 || c.Actors[0].Name != "Volodymyr Zelenskyy" || string(c.Actors[0].Body) != "Bio.\n" || c.Actors[0].BodyLine != 4 {
		t.Errorf("actors %+v", c.Actors)
	}
	if len(c.Tags) != 1 || c.Tags[0].Name != "Energy" || c.Tags[0].Description != "Power." {
		t.Errorf("tags %+v", c.Tags)
	}
}

// TestLoadNoContent: a site without a content folder is empty, not broken.
func TestLoadNoContent(t *testing.T) {
	c, diags := Load(fstest.MapFS{}, Options{Dir: "content"})
	checkDiags(t, diags)
	if len(c.Briefings)+len(c.Actors)+len(c.Tags) != 0 {
		t.Errorf("content %+v", c)
	}
}

// TestLoadMaxSize is row 21 at this level: an oversized file is refused
// by its size, before it is read.
func TestLoadMaxSize(t *testing.T) {
	big := "---\ntitle: T\ndate: 2024-03-01\n---\n" + strings.Repeat("x", 200)
	fsys := site(map[string]string{"content/big.md": big, "content/small.md": "---\ntitle: T\ndate: 2024-03-01\n---\n"})
	c, diags := Load(fsys, Options{Dir: "content", MaxFileSize: 100})
	checkDiags(t, diags, want{"content/big.md", fmt.Sprintf("file exceeds max size (%d bytes, limit 100): split it, or raise maxFileSize in brief.toml", len(big))})
	if len(c.Briefings) != 1 || c.Briefings[0].Path != "content/small.md" {
		t.Errorf("briefings %+v", c.Briefings)
	}
}

// TestLoadLocation: dates are read in the zone given to Load.
func TestLoadLocation(t *testing.T) {
	ny, err := time.LoadLocation("America/New_York")
	if err != nil {
		t.Fatal(err)
	}
	fsys := site(map[string]string{"content/a.md": "---\ntitle: T\ndate: 2024-03-01 23:30\n---\n"})
	c, diags := Load(fsys, Options{Dir: "content", Location: ny})
	checkDiags(t, diags)
	if d := c.Briefings[0].Date; d.Location() != ny || d.Day() != 1 || d.UTC().Day() != 2 {
		t.Errorf("date %v", d)
	}
}

// TestLoadIsDeterministic: many files parsed in parallel come out in path
// order with the same diagnostics on every run.
func TestLoadIsDeterministic(t *testing.T) {
	files := map[string]string{}
	for i := range 60 {
		p := "content/" + string(rune('a'+i%26)) + "/" + strings.Repeat("x", i%7+1) + ".md"
		files[p] = "---\ntitle: T\nsummry: s\n---\n"
	}
	first, d1 := Load(site(files), Options{Dir: "content"})
	for range 5 {
		again, d2 := Load(site(files), Options{Dir: "content"})
		if !reflect.DeepEqual(again, first) || d1.Error() != d2.Error() {
			t.Fatal("two loads differ")
		}
	}
	for i := 1; i < len(first.Briefings); i++ {
		if first.Briefings[i-1].Path >= first.Briefings[i].Path {
			t.Fatalf("not in path order: %s before %s", first.Briefings[i-1].Path, first.Briefings[i].Path)
		}
	}
}

// TestParserReuse: one Parser reading file after file, large and small,
// with failures between them, gives each the items and body a new one
// gives.
func TestParserReuse(t *testing.T) {
	files := map[string]string{
		"content/long.md":     "---\ntitle: Long\ndate: 2024-03-01\nfigures: {Drones launched: 653}\n---\n" + strings.Repeat("A long body. ", 2000),
		"content/short.md":    "---\ntitle: Short\ndate: 2024-03-02\n---\nShort body.\n",
		"content/toml.md":     "+++\ntitle = \"T\"\ndate = 2024-03-03\n+++\nTOML body.\n",
		"content/bad.md":      "---\ntitle: [unclosed\n---\nBody.\n",
		"content/big.md":      "---\ntitle: Big\ndate: 2024-03-04\n---\n" + strings.Repeat("x", 5000),
		"content/actors/a.md": "---\nname: A\n---\nBiography.\n",
	}
	fsys := site(files)
	opt := Options{Dir: "content", MaxFileSize: 4000}
	var reused Parser
	for _, p := range []string{"content/long.md", "content/short.md", "content/big.md", "content/toml.md", "content/bad.md", "content/actors/a.md", "content/short.md", "content/long.md"} {
		want, wantDiags := Parse(fsys, p, opt)
		got, gotDiags := reused.Parse(fsys, p, opt)
		if !reflect.DeepEqual(got, want) || gotDiags.Error() != wantDiags.Error() {
			t.Errorf("%s: reused %+v (%v), new %+v (%v)", p, got, gotDiags, want, wantDiags)
		}
	}
}
