package cli

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
	_ "time/tzdata" // the zones below, whatever the machine has

	yaml "go.yaml.in/yaml/v3"

	"github.com/brief-ssg/brief/internal/build"
	"github.com/brief-ssg/brief/internal/diag"
	"github.com/brief-ssg/brief/internal/publish"
	"github.com/brief-ssg/brief/internal/source"
	"github.com/brief-ssg/brief/layouts"
)

// newListSite writes files (slash paths relative to the root) into a new
// temporary site and returns its root.
func newListSite(t *testing.T, files map[string]string) string {
	t.Helper()
	root := t.TempDir()
	for name, data := range files {
		p := filepath.Join(root, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return root
}

// runNewList runs brief with args and returns the exit code and output.
func runNewList(args ...string) (code int, stdout, stderr string) {
	var out, errOut bytes.Buffer
	code = Run(context.Background(), args, &out, &errOut)
	return code, out.String(), errOut.String()
}

func readSiteFile(t *testing.T, root, rel string) string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(root, filepath.FromSlash(rel)))
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// buildClean builds the site in memory and fails on any error, and on any
// warning about a content file.
func buildClean(t *testing.T, root string) {
	t.Helper()
	site := os.DirFS(root)
	cfg, diags := build.LoadConfig(site)
	if diags.Err() != nil {
		t.Fatalf("brief.toml: %v", diags)
	}
	_, diags = build.Run(build.Options{
		Site: site, Layouts: layouts.FS, Config: cfg, BaseURL: "https://example.org/",
		Drafts: true, Future: true, Now: time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC),
	}, publish.NewMemory())
	for _, d := range diags {
		if d.Severity == diag.Error || strings.HasPrefix(d.Pos.File, "content/") {
			t.Fatalf("the site does not build cleanly:\n%v", diags)
		}
	}
}

func TestNewWritesFrontMatter(t *testing.T) {
	root := newListSite(t, nil)
	code, stdout, stderr := runNewList("new", "-s", root, "--date", "2025-12-06", "US and Ukraine: talks resume!")
	if code != ExitOK || stderr != "" {
		t.Fatalf("exit %d, stderr:\n%s", code, stderr)
	}
	const path = "content/2025/2025-12-06-us-and-ukraine-talks-resume.md"
	if stdout != path+"\n" {
		t.Errorf("stdout = %q, want %q", stdout, path+"\n")
	}
	want := `---
title: 'US and Ukraine: talks resume!'
date: 2025-12-06
tags: []
actors: []
figures: []
sources: []
---

`
	if got := readSiteFile(t, root, path); got != want {
		t.Errorf("file:\n%s\nwant:\n%s", got, want)
	}
	buildClean(t, root)
}

func TestNewTitlesRoundTrip(t *testing.T) {
	titles := []string{
		"US and Ukraine to resume peace talks on Saturday",
		"Kyiv: 653 drones # launched overnight",
		"#1 priority",
		`He said "no" to the deal`,
		`"Fully quoted"`,
		"It's the 'final' offer",
		"'Single' start",
		`Back\slash C:\path`,
		"Drones 🚀 over Kharkiv 🇺🇦",
		"שלום עולם – Israel talks",
		"مفاوضات السلام في جدة",
		"\u200fRTL mark first",
		"Ça va à Kyiv, café crème",
		"Запоріжжя: атака дронів",
		"no",
		"1.50",
		"2025-12-06",
		"null",
		"- a dash",
		"? question",
		"[bracketed] words",
		"{braced} words",
		"& ampersand * star ! bang % pct @ at ` tick | pipe > gt",
		"a: b: c",
		"Trailing colon:",
		"Non\u00a0breaking space",
		"Zero\u200bwidth",
		"Byte\ufefforder",
		"x\u0301 combining",
		"con",
		"A very long title" + strings.Repeat(" that goes on", 20),
	}
	all := newListSite(t, nil)
	for i, title := range titles {
		root := newListSite(t, nil)
		date := time.Date(2025, 1, 1+i, 9, 30, 0, 0, time.UTC).Format(time.RFC3339)
		for _, site := range []string{root, all} {
			code, stdout, stderr := runNewList("new", "-s", site, "--date", date, "--", title)
			if code != ExitOK {
				t.Fatalf("%q: exit %d: %s", title, code, stderr)
			}
			path := strings.TrimSuffix(stdout, "\n")
			src := readSiteFile(t, site, path)

			// go-yaml reads the title back.
			fm, _, ok := strings.Cut(strings.TrimPrefix(src, "---\n"), "---\n")
			var doc struct {
				Title string `yaml:"title"`
			}
			if !ok {
				t.Fatalf("%q: no front matter:\n%s", title, src)
			}
			if err := yaml.Unmarshal([]byte(fm), &doc); err != nil || doc.Title != title {
				t.Errorf("%q: go-yaml reads %q (%v) from:\n%s", title, doc.Title, err, src)
			}
		}
		// So does brief, without a diagnostic.
		content, diags := source.Load(os.DirFS(root), source.Options{Dir: "content", Location: time.UTC})
		if len(diags) > 0 || len(content.Briefings) != 1 {
			t.Fatalf("%q: %d briefings, diagnostics:\n%v", title, len(content.Briefings), diags)
		}
		if got := content.Briefings[0].Title; got != title {
			t.Errorf("brief reads the title %q, want %q", got, title)
		}
	}
	buildClean(t, all)
}

func TestNewSlugAndPath(t *testing.T) {
	for _, tc := range []struct{ title, path string }{
		{"Énergie: les prix montent", "content/2025/2025-03-04-energie-les-prix-montent.md"},
		{"Con", "content/2025/2025-03-04-con_.md"},
		{"  Spaces   around  ", "content/2025/2025-03-04-spaces-around.md"},
		{"Запоріжжя атака", "content/2025/2025-03-04-запоріжжя-атака.md"},
	} {
		root := newListSite(t, nil)
		code, stdout, stderr := runNewList("new", "--source", root, "--date=2025-03-04", tc.title)
		if code != ExitOK || stdout != tc.path+"\n" {
			t.Errorf("%q: exit %d, stdout %q, want %q; stderr %s", tc.title, code, stdout, tc.path, stderr)
		}
	}
}

func TestNewRefusesToOverwrite(t *testing.T) {
	const path = "content/2025/2025-12-06-talks.md"
	const old = "---\ntitle: Talks\ndate: 2025-12-06\n---\nWritten by hand.\n"
	root := newListSite(t, map[string]string{path: old})
	code, stdout, stderr := runNewList("new", "-s", root, "--date", "2025-12-06", "Talks")
	if code != ExitError || stdout != "" {
		t.Errorf("exit %d, stdout %q; want %d and nothing", code, stdout, ExitError)
	}
	want := "brief new: " + path + " already exists: choose another title (or --date), or remove the file\n"
	if stderr != want {
		t.Errorf("stderr = %q, want %q", stderr, want)
	}
	if got := readSiteFile(t, root, path); got != old {
		t.Errorf("the file changed:\n%s", got)
	}
}

func TestNewCustomPathAndDraft(t *testing.T) {
	root := newListSite(t, map[string]string{
		"brief.toml": "newPath = \"content/notes/{year}/{month}/{day}-{slug}.md\"\n",
	})
	code, stdout, stderr := runNewList("new", "-s", root, "--date", "2025-07-09T08:05:00+00:00", "Talks resume", "-D")
	const path = "content/notes/2025/07/09-talks-resume.md"
	if code != ExitOK || stdout != path+"\n" {
		t.Fatalf("exit %d, stdout %q, stderr %s", code, stdout, stderr)
	}
	want := "---\ntitle: Talks resume\ndate: 2025-07-09T08:05:00Z\ndraft: true\ntags: []\nactors: []\nfigures: []\nsources: []\n---\n\n"
	if got := readSiteFile(t, root, path); got != want {
		t.Errorf("file:\n%s\nwant:\n%s", got, want)
	}
	buildClean(t, root)
	// brief list knows it as a draft.
	code, stdout, _ = runNewList("list", "-s", root, "drafts")
	if code != ExitOK || !strings.Contains(stdout, "2025-07-09  draft   "+path+"  Talks resume\n") {
		t.Errorf("list drafts: exit %d:\n%s", code, stdout)
	}
}

func TestNewTimeZone(t *testing.T) {
	// 20:00 UTC on 6 December is already 10:00 on the 7th at UTC+14.
	for _, tc := range []struct{ zone, path, date string }{
		{"UTC", "content/2025/2025-12-06-talks.md", "2025-12-06T20:00:00Z"},
		{"Pacific/Kiritimati", "content/2025/2025-12-07-talks.md", "2025-12-07T10:00:00+14:00"},
		{"America/Los_Angeles", "content/2025/2025-12-06-talks.md", "2025-12-06T12:00:00-08:00"},
	} {
		root := newListSite(t, map[string]string{"brief.toml": "timezone = \"" + tc.zone + "\"\n"})
		code, stdout, stderr := runNewList("new", "-s", root, "--date", "2025-12-06T20:00:00Z", "Talks")
		if code != ExitOK || stdout != tc.path+"\n" {
			t.Fatalf("%s: exit %d, stdout %q, want %q; stderr %s", tc.zone, code, stdout, tc.path, stderr)
		}
		if src := readSiteFile(t, root, tc.path); !strings.Contains(src, "\ndate: "+tc.date+"\n") {
			t.Errorf("%s: want date %s in:\n%s", tc.zone, tc.date, src)
		}
		buildClean(t, root)
	}
	// A date without an offset is in the site's time zone.
	root := newListSite(t, map[string]string{"brief.toml": "timezone = \"Europe/Kyiv\"\n"})
	code, stdout, _ := runNewList("new", "-s", root, "--date", "2025-12-06T09:30", "Talks")
	if code != ExitOK || !strings.Contains(readSiteFile(t, root, strings.TrimSpace(stdout)), "\ndate: 2025-12-06T09:30:00+02:00\n") {
		t.Errorf("exit %d, %s", code, stdout)
	}
}

func TestNewDatedNow(t *testing.T) {
	root := newListSite(t, map[string]string{"brief.toml": "timezone = \"Pacific/Kiritimati\"\n"})
	before := time.Now().Truncate(time.Second)
	code, stdout, stderr := runNewList("new", "-s", root, "Talks")
	after := time.Now()
	if code != ExitOK {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	path := strings.TrimSuffix(stdout, "\n")
	src := readSiteFile(t, root, path)
	_, rest, _ := strings.Cut(src, "\ndate: ")
	line, _, _ := strings.Cut(rest, "\n")
	date, err := time.Parse(time.RFC3339, line)
	if err != nil || date.Before(before) || date.After(after) {
		t.Fatalf("date %q (%v) is not between %v and %v", line, err, before, after)
	}
	if _, off := date.Zone(); off != 14*3600 {
		t.Errorf("date %s is not in the site's time zone", line)
	}
	if want := date.Format("content/2006/2006-01-02-talks.md"); path != want {
		t.Errorf("path %s, want %s (from the date written)", path, want)
	}
}

func TestNewUsageErrors(t *testing.T) {
	root := newListSite(t, nil)
	for _, tc := range []struct {
		args []string
		msg  string
	}{
		{nil, "brief new: missing the title of the briefing\n"},
		{[]string{"   "}, "brief new: the title is empty\n"},
		{[]string{"US", "talks"}, `brief new: expected one title, got 2 arguments: quote the title ("US talks")` + "\n"},
		{[]string{"?!:#"}, `brief new: the title "?!:#" has no letters or digits to make a file name from: give it some words` + "\n"},
		{[]string{"🚀🚀"}, `brief new: the title "🚀🚀" has no letters or digits to make a file name from: give it some words` + "\n"},
		{[]string{"two\nlines"}, `brief new: the title "two\nlines" must be one line of text, without tabs or control characters` + "\n"},
		{[]string{"bad\xffbyte"}, "brief new: the title is not valid UTF-8 text\n"},
		{[]string{"--date", "yesterday", "Talks"}, `brief new: --date: "yesterday" is not a date`},
		{[]string{"--date", "2025-02-30", "Talks"}, `brief new: --date: "2025-02-30" is day out of range`},
		{[]string{"--nope", "Talks"}, "flag provided but not defined: -nope\n"},
	} {
		args := append([]string{"new", "-s", root}, tc.args...)
		code, stdout, stderr := runNewList(args...)
		if code != ExitUsage || stdout != "" || !strings.HasPrefix(stderr, tc.msg) {
			t.Errorf("%q: exit %d, stdout %q, stderr:\n%s\nwant exit 2 and stderr starting %q", tc.args, code, stdout, stderr, tc.msg)
		}
	}
	if _, err := os.Stat(filepath.Join(root, "content")); !os.IsNotExist(err) {
		t.Errorf("a refused command wrote content/ (%v)", err)
	}
	code, _, stderr := runNewList("new", "-s", filepath.Join(root, "missing"), "Talks")
	if code != ExitUsage || stderr != fmt.Sprintf("brief new: --source %q is not a folder\n", filepath.Join(root, "missing")) {
		t.Errorf("missing source: exit %d, %s", code, stderr)
	}
}

func TestNewArguments(t *testing.T) {
	root := newListSite(t, nil)
	// Flags after the title, and a title that starts with a dash after --.
	code, stdout, stderr := runNewList("new", "Rates rise", "-s", root, "--date", "2025-01-02")
	if code != ExitOK || stdout != "content/2025/2025-01-02-rates-rise.md\n" {
		t.Errorf("exit %d, stdout %q, stderr %s", code, stdout, stderr)
	}
	code, stdout, stderr = runNewList("new", "-s", root, "--date", "2025-01-02", "--", "-5% growth")
	if code != ExitOK || stdout != "content/2025/2025-01-02-5-growth.md\n" {
		t.Errorf("exit %d, stdout %q, stderr %s", code, stdout, stderr)
	}
	if src := readSiteFile(t, root, "content/2025/2025-01-02-5-growth.md"); !strings.Contains(src, "title: -5% growth\n") {
		t.Errorf("file:\n%s", src)
	}
	code, stdout, _ = runNewList("new", "-h")
	if code != ExitOK || !strings.HasPrefix(stdout, "Usage: brief new [flags] \"Title of the briefing\"\n") || !strings.Contains(stdout, "  -D, --draft\n") {
		t.Errorf("-h: exit %d:\n%s", code, stdout)
	}
}

func TestNewSiteErrors(t *testing.T) {
	for _, tc := range []struct{ toml, msg string }{
		{"timezone = \"Mars/Olympus\"\n", "brief.toml:1:12: timezone \"Mars/Olympus\" is not an IANA time zone name"},
		{"newPath = \"content/{slug}/{hour}.md\"\n", `brief new: brief.toml: newPath "content/{slug}/{hour}.md" names {hour}: use {year}, {month}, {day} and {slug}`},
		{"newPath = \"content/tags/{slug}.md\"\n", `brief new: brief.toml: newPath "content/tags/{slug}.md" writes into content/tags/, which holds profiles, not briefings`},
		{"newPath = \"content/_drafts/{slug}.md\"\n", `brief new: brief.toml: newPath "content/_drafts/{slug}.md" makes content/_drafts/talks.md, which builds ignore (names starting with . or _)`},
	} {
		root := newListSite(t, map[string]string{"brief.toml": tc.toml})
		code, stdout, stderr := runNewList("new", "-s", root, "Talks")
		if code != ExitError || stdout != "" || !strings.HasPrefix(stderr, tc.msg) {
			t.Errorf("%s: exit %d, stdout %q, stderr:\n%s\nwant exit 1 and %q", tc.toml, code, stdout, stderr, tc.msg)
		}
	}
	// A folder in the way is an error naming the path.
	root := newListSite(t, map[string]string{"content/2025": "a file"})
	code, _, stderr := runNewList("new", "-s", root, "--date", "2025-01-01", "Talks")
	if code != ExitError || stderr != "brief new: cannot write content/2025/2025-01-01-talks.md: "+syscall.ENOTDIR.Error()+"\n" {
		t.Errorf("exit %d, stderr %q", code, stderr)
	}
}
