package cli

import (
	"bytes"
	"context"
	"fmt"
	"image"
	"image/color"
	"image/png"
	"math/rand/v2"
	"os"
	"path/filepath"
	"regexp"
	"runtime"
	"strconv"
	"strings"
	"testing"

	"github.com/brief-ssg/brief/internal/treetest"
)

// TestIncrementalEqualsClean applies random sequences of edits to a site and
// after each one checks that the incremental build (cache, skipped pages,
// skipped writes) is byte-identical to a clean build from scratch.
func TestIncrementalEqualsClean(t *testing.T) {
	seeds := 6
	if testing.Short() {
		seeds = 2
	}
	for seed := range seeds {
		t.Run(fmt.Sprint("seed", seed), func(t *testing.T) {
			rng := rand.New(rand.NewPCG(uint64(seed), 7))
			root := t.TempDir()
			s := &editSite{t: t, root: root, rng: rng}
			s.init()
			for step := range 12 {
				what := s.edit()
				s.check(fmt.Sprintf("step %d (%s)", step, what))
			}
		})
	}
}

// TestIncrementalTranslations: a translation file written, changed,
// removed, and the site's language changed, each rebuilds the pages that
// show them, as a clean build would.
func TestIncrementalTranslations(t *testing.T) {
	root := t.TempDir()
	s := &editSite{t: t, root: root, rng: rand.New(rand.NewPCG(1, 2))}
	s.init()
	s.check("start")
	s.write("i18n/en.toml", "home = \"Front page\"\n")
	s.check("translation file written")
	if b, _ := os.ReadFile(filepath.Join(root, "public", "index.html")); !bytes.Contains(b, []byte(">Front page</a>")) {
		t.Fatalf("the home page does not show the translation:\n%s", b)
	}
	s.write("i18n/en.toml", "home = \"Front\"\n")
	s.check("translation file changed")
	os.Remove(filepath.Join(root, "i18n", "en.toml"))
	s.check("translation file removed")
	s.write("brief.toml", "title = \"Edits\"\npageSize = 3\ntimezone = \"Europe/Kyiv\"\nlanguage = \"uk\"\n")
	s.check("language")
	s.write("i18n/uk.toml", "home = \"Початок\"\n")
	s.check("Ukrainian translation file")
}

type editSite struct {
	t    *testing.T
	root string
	rng  *rand.Rand
	n    int // briefings made so far, for new names
}

var editTags = []string{"energy", "Energy", "diplomacy", "drones", "énergie", "talks"}
var editActors = []string{"Volodymyr Zelenskyy", "Zelensky", "Rustem Umerov", "Steve Witkoff", "Kremlin"}

func (s *editSite) write(rel, data string) {
	p := filepath.Join(s.root, filepath.FromSlash(rel))
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		s.t.Fatal(err)
	}
	if err := os.WriteFile(p, []byte(data), 0o644); err != nil {
		s.t.Fatal(err)
	}
}

func (s *editSite) briefing(i int, body string) string {
	var tags, actors []string
	for range 1 + s.rng.IntN(3) {
		tags = append(tags, editTags[s.rng.IntN(len(editTags))])
	}
	for range s.rng.IntN(3) {
		actors = append(actors, editActors[s.rng.IntN(len(editActors))])
	}
	return fmt.Sprintf("---\ntitle: Briefing %d %s\ndate: 2025-%02d-%02dT%02d:00:00+02:00\ntags: [%s]\nactors: [%s]\nfigures:\n  - {label: Drones launched, value: %d, unit: drones, by: %s, period: %q, qualifier: %s, note: %q}\n---\n%s Launched: :fig[drones-launched].\n",
		i, body, 1+i%3, 1+i%27, i%24, strings.Join(tags, ", "), strings.Join(actors, ", "), 100*s.rng.IntN(3),
		s.pick("by"), s.pick("period"), s.pick("qualifier"), s.pick("note"), body)
}

// figureFields are the values the edits give a figure's fields: claimants
// that fold to one actor, periods that repeat across briefings (so points
// are reported again and revised), every qualifier, a unit left to its
// series.
var figureFields = map[string][]string{
	"by":        {`""`, "Ukraine", "Zelensky", "Volodymyr Zelenskyy", "Kremlin"},
	"period":    {"", "2025-01-05", "2025-01-05/2025-01-06", "2025-02-01"},
	"qualifier": {"exactly", "at least", "about", "at most"},
	"note":      {"", "Includes decoys.", "Preliminary."},
	"unit":      {"drones", `""`},
}

func (s *editSite) pick(field string) string {
	vs := figureFields[field]
	return vs[s.rng.IntN(len(vs))]
}

// editField gives one field of the figure of the file at p another value.
func (s *editSite) editField(p, field string) {
	b, _ := os.ReadFile(p)
	re := regexp.MustCompile(`([{ ]` + field + `: )("[^"]*"|[^,}]*)`)
	v := s.pick(field)
	if field == "period" || field == "note" {
		v = strconv.Quote(v)
	}
	os.WriteFile(p, re.ReplaceAll(b, []byte("${1}"+strings.ReplaceAll(v, "$", "$$"))), 0o644)
}

func (s *editSite) init() {
	s.write("brief.toml", "title = \"Edits\"\npageSize = 3\ntimezone = \"Europe/Kyiv\"\n")
	s.write("content/actors/z.md", "---\nname: Volodymyr Zelenskyy\naliases: [Zelensky]\n---\nPresident.\n")
	for range 8 {
		s.add()
	}
}

func (s *editSite) add() {
	s.n++
	s.write(fmt.Sprintf("content/b%03d.md", s.n), s.briefing(s.n, fmt.Sprintf("Body %d.", s.n)))
}

func (s *editSite) briefings() []string {
	m, _ := filepath.Glob(filepath.Join(s.root, "content", "*.md"))
	return m
}

// edit makes one random change and says which.
func (s *editSite) edit() string {
	files := s.briefings()
	pick := files[s.rng.IntN(len(files))]
	switch s.rng.IntN(24) {
	case 23:
		// The site's own translations, or its language: every page's
		// labels, the dates and numbers.
		switch s.rng.IntN(3) {
		case 0:
			s.write("i18n/en.toml", fmt.Sprintf("home = \"Front page %d\"\nbriefings_count = { one = \"{n} item\", other = \"{n} items %d\" }\n", s.rng.IntN(3), s.rng.IntN(2)))
			return "translation file"
		case 1:
			s.write("i18n/uk.toml", fmt.Sprintf("home = \"Початок %d\"\n", s.rng.IntN(3)))
			return "Ukrainian translation file"
		}
		langs := []string{"en", "uk", "ar"}
		s.write("brief.toml", "title = \"Edits\"\npageSize = 3\ntimezone = \"Europe/Kyiv\"\nlanguage = \""+langs[s.rng.IntN(len(langs))]+"\"\n")
		return "language"
	case 16, 17:
		// A field of a figure's claim: who, when, how sure, the note, or
		// a unit left to its series.
		fields := []string{"by", "period", "qualifier", "note", "unit"}
		field := fields[s.rng.IntN(len(fields))]
		s.editField(pick, field)
		return "figure " + field + " of " + filepath.Base(pick)
	case 21:
		// An image file alone: the pages that show it name it anew.
		m := image.NewRGBA(image.Rect(0, 0, 400+s.rng.IntN(200), 100))
		m.Set(1, 1, color.RGBA{uint8(s.rng.IntN(255)), 0, 0, 255})
		var b bytes.Buffer
		png.Encode(&b, m)
		s.write("content/img/p.png", b.String())
		return "image file"
	case 22:
		// An image in a body, and as the link preview's.
		s.write("content/img/p.png", tinyPNG())
		b, _ := os.ReadFile(pick)
		if !bytes.Contains(b, []byte("img/p.png")) {
			os.WriteFile(pick, append(b, "\n![A picture](img/p.png \"Caption\")\n"...), 0o644)
			return "image in " + filepath.Base(pick)
		}
		s.setFront(pick, "image:", "image: img/p.png")
		return "image of " + filepath.Base(pick)
	case 20:
		// A correction: the box, the update, the corrections page and
		// feed.
		texts := []string{"corrections: [{date: 2025-04-01, text: Fixed a number.}]", "corrections: [{date: 2025-04-02, text: Fixed a name.}]", "corrections: []"}
		s.setFront(pick, "corrections:", texts[s.rng.IntN(len(texts))])
		return "correction of " + filepath.Base(pick)
	case 18:
		// The byline alone.
		bylines := []string{"authors: [Olena Petrenko]", "authors: [O. Petrenko, Ivan Franko]", "authors: [Ivan Franko]"}
		s.setFront(pick, "authors:", bylines[s.rng.IntN(len(bylines))])
		return "authors of " + filepath.Base(pick)
	case 19:
		// An author's profile.
		s.write("content/authors/olena.md", fmt.Sprintf("---\nname: Olena Petrenko\naliases: [O. Petrenko]\nrole: Correspondent %d\nurl: https://example.net/%d/\n---\nBio.\n", s.rng.IntN(3), s.rng.IntN(2)))
		return "author profile"
	case 13:
		// A new first paragraph: the body and the summary it gives.
		b, _ := os.ReadFile(pick)
		i := bytes.Index(b[3:], []byte("---\n")) + 3 + 4
		os.WriteFile(pick, append(append(b[:i:i], fmt.Sprintf("A new lead %d.\n\n", s.rng.IntN(1000))...), b[i:]...), 0o644)
		return "first paragraph of " + filepath.Base(pick)
	case 14:
		// Two bodies, and a page of public/ changed by hand.
		other := files[s.rng.IntN(len(files))]
		for _, p := range []string{pick, other} {
			b, _ := os.ReadFile(p)
			os.WriteFile(p, append(b, "\nYet another paragraph.\n"...), 0o644)
		}
		pages, _ := filepath.Glob(filepath.Join(s.root, "public", "*", "*", "index.html"))
		if len(pages) > 0 {
			os.WriteFile(pages[s.rng.IntN(len(pages))], []byte("changed by hand"), 0o644)
		}
		return "bodies of " + filepath.Base(pick) + " and " + filepath.Base(other) + ", and a page by hand"
	case 15:
		// A body edit after nothing else: the last build's plan holds.
		b, _ := os.ReadFile(pick)
		os.WriteFile(pick, bytes.Replace(b, []byte("Another paragraph."), []byte("An edited paragraph."), 1), 0o644)
		return "paragraph of " + filepath.Base(pick)
	case 11:
		// A figure's value alone: the figure pages, charts and the data
		// exports show it.
		b, _ := os.ReadFile(pick)
		i := bytes.Index(b, []byte("value: "))
		j := i + bytes.IndexByte(b[i:], ',')
		os.WriteFile(pick, append(append(b[:i:i], fmt.Sprintf("value: %d.5", s.rng.IntN(1000))...), b[j:]...), 0o644)
		return "figure value of " + filepath.Base(pick)
	case 12:
		// The profile's role or its aliases alone, under the name it
		// has now; the two lists of aliases print alike with fmt.Sprint.
		p := filepath.Join(s.root, "content", "actors", "z.md")
		b, _ := os.ReadFile(p)
		roles := []string{"role: President", "role: Head of state"}
		aliases := []string{`aliases: [Zelensky, "Volodymyr Oleksandrovych"]`, `aliases: [Zelensky, Volodymyr, Oleksandrovych]`}
		role, alias, what := roles[0], aliases[0], "role"
		var kept []string
		for _, l := range strings.Split(string(b), "\n") {
			switch {
			case strings.HasPrefix(l, "role:"):
				role = l
			case strings.HasPrefix(l, "aliases:"):
				alias = l
			default:
				kept = append(kept, l)
			}
		}
		other := func(l string, pair []string) string {
			if l == pair[0] {
				return pair[1]
			}
			return pair[0]
		}
		if s.rng.IntN(2) == 0 {
			role = other(role, roles)
		} else {
			alias, what = other(alias, aliases), "aliases"
		}
		kept = append(kept[:2:2], append([]string{role, alias}, kept[2:]...)...)
		os.WriteFile(p, []byte(strings.Join(kept, "\n")), 0o644)
		return "actor's " + what
	case 9:
		// The cache is garbage: it must be detected and ignored.
		caches, _ := filepath.Glob(filepath.Join(s.root, ".brief-cache", "*"))
		for _, c := range caches {
			b, _ := os.ReadFile(c)
			if len(b) > 10 {
				b[len(b)/2] ^= 0xff
			}
			os.WriteFile(c, b, 0o644)
		}
		return "corrupt the cache"
	case 10:
		// Same size, same modification time, different bytes. Windows
		// lists no change time to tell them apart (see cache.StampOf),
		// so there the modification time moves.
		info, _ := os.Stat(pick)
		b, _ := os.ReadFile(pick)
		os.WriteFile(pick, bytes.Replace(b, []byte("Body"), []byte("Yodb"), 1), 0o644)
		if runtime.GOOS != "windows" {
			os.Chtimes(pick, info.ModTime(), info.ModTime())
		}
		return "sneaky edit of " + filepath.Base(pick)
	case 0:
		b, _ := os.ReadFile(pick)
		os.WriteFile(pick, append(b, "\nAnother paragraph.\n"...), 0o644)
		return "body of " + filepath.Base(pick)
	case 1:
		b, _ := os.ReadFile(pick)
		os.WriteFile(pick, bytes.Replace(b, []byte("title: Briefing"), []byte("title: Renamed briefing"), 1), 0o644)
		return "title of " + filepath.Base(pick)
	case 2:
		s.add()
		return "add"
	case 3:
		if len(files) > 2 {
			os.Remove(pick)
			return "delete " + filepath.Base(pick)
		}
		s.add()
		return "add"
	case 4:
		s.n++
		os.Rename(pick, filepath.Join(s.root, "content", fmt.Sprintf("b%03d.md", s.n)))
		return "rename " + filepath.Base(pick)
	case 5:
		s.write("content/actors/z.md", fmt.Sprintf("---\nname: Volodymyr Zelenskyy %d\naliases: [Zelensky, Volodymyr Zelenskyy]\n---\nPresident.\n", s.rng.IntN(3)))
		return "rename actor"
	case 6:
		s.write("layouts/briefing.html", fmt.Sprintf("{{define \"main\"}}<h1>{{.Entry.Title}}</h1><p>layout %d</p>{{.Entry.HTML}}{{end}}", s.rng.IntN(5)))
		return "edit layout"
	case 7:
		os.Remove(filepath.Join(s.root, "layouts", "briefing.html"))
		return "remove layout"
	default:
		s.write("brief.toml", fmt.Sprintf("title = \"Edits %d\"\npageSize = %d\ntimezone = \"Europe/Kyiv\"\n", s.rng.IntN(3), 2+s.rng.IntN(3)))
		return "edit brief.toml"
	}
}

func tinyPNG() string {
	var b bytes.Buffer
	png.Encode(&b, image.NewGray(image.Rect(0, 0, 3, 2)))
	return b.String()
}

// setFront sets the front matter line that starts with key in the
// briefing at p, or adds it after the title.
func (s *editSite) setFront(p, key, line string) {
	b, _ := os.ReadFile(p)
	lines := strings.Split(string(b), "\n")
	for i, l := range lines {
		if l == "---" && i > 0 {
			break
		}
		if strings.HasPrefix(l, key) {
			lines[i] = line
			os.WriteFile(p, []byte(strings.Join(lines, "\n")), 0o644)
			return
		}
	}
	lines = append(lines[:2:2], append([]string{line}, lines[2:]...)...)
	os.WriteFile(p, []byte(strings.Join(lines, "\n")), 0o644)
}

// check builds incrementally into public/ and from scratch into clean/,
// and compares the trees.
func (s *editSite) check(step string) {
	s.t.Helper()
	run := func(args ...string) {
		var out bytes.Buffer
		if code := Run(context.Background(), append([]string{"build", "-q", "--clock", "2026-01-01T00:00:00Z", "-s", s.root}, args...), &out, &out); code != 0 {
			s.t.Fatalf("%s: build failed (%d):\n%s", step, code, out.String())
		}
	}
	run()
	clean := filepath.Join(s.t.TempDir(), "clean")
	run("-d", clean, "--cacheDir", "")
	a, b := treetest.Read(s.t, filepath.Join(s.root, "public")), treetest.Read(s.t, clean)
	for p, da := range a {
		if db, ok := b[p]; !ok {
			s.t.Errorf("%s: stale file %s in the incremental build", step, p)
		} else if da != db {
			s.t.Errorf("%s: %s differs from a clean build", step, p)
		}
	}
	for p := range b {
		if _, ok := a[p]; !ok {
			s.t.Errorf("%s: %s missing from the incremental build", step, p)
		}
	}
	if s.t.Failed() {
		s.t.FailNow()
	}
}

// TestInterruptedBuild: a build stopped by SIGINT or SIGTERM (a cancelled
// context) leaves the destination as it was and no temporary folder
// (hostile input 48).
func TestInterruptedBuild(t *testing.T) {
	root := t.TempDir()
	s := &editSite{t: t, root: root, rng: rand.New(rand.NewPCG(1, 2))}
	s.init()
	var out bytes.Buffer
	if code := Run(context.Background(), []string{"build", "-q", "-s", root}, &out, &out); code != 0 {
		t.Fatalf("build: %d\n%s", code, out.String())
	}
	before := treetest.Read(t, filepath.Join(root, "public"))
	s.add()
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	out.Reset()
	if code := Run(ctx, []string{"build", "-s", root}, &out, &out); code != ExitInterrupted {
		t.Fatalf("interrupted build exited %d, want %d:\n%s", code, ExitInterrupted, out.String())
	}
	if !strings.Contains(out.String(), "interrupted; public left as it was") {
		t.Errorf("message: %s", out.String())
	}
	after := treetest.Read(t, filepath.Join(root, "public"))
	if fmt.Sprint(before) != fmt.Sprint(after) {
		t.Error("the interrupted build changed public/")
	}
	if tmp, _ := filepath.Glob(filepath.Join(root, ".public.tmp-*")); len(tmp) > 0 {
		t.Errorf("temporary folders left: %v", tmp)
	}
}

// TestAliasesSplitDifferently: aliases that read alike when joined
// ("Volodymyr Oleksandrovych" or "Volodymyr", "Oleksandrovych") are other
// aliases: the actor's page and the data exports are made again.
func TestAliasesSplitDifferently(t *testing.T) {
	s := &editSite{t: t, root: t.TempDir(), rng: rand.New(rand.NewPCG(1, 7))}
	s.init()
	for i, aliases := range []string{`[Zelensky, "Volodymyr Oleksandrovych"]`, `[Zelensky, Volodymyr, Oleksandrovych]`} {
		s.write("content/actors/z.md", "---\nname: Volodymyr Zelenskyy\naliases: "+aliases+"\n---\nPresident.\n")
		s.check(fmt.Sprintf("aliases %d", i))
	}
}

// TestCacheThatCannotBeWritten: a build whose cache folder cannot be made
// (here a file stands in its place) still publishes the site, exits 0 and
// warns that the cache and the destination's manifest were not saved.
func TestCacheThatCannotBeWritten(t *testing.T) {
	s := &editSite{t: t, root: t.TempDir(), rng: rand.New(rand.NewPCG(2, 7))}
	s.init()
	s.write("not-a-folder", "x")
	var out bytes.Buffer
	code := Run(context.Background(), []string{"build", "--clock", "2026-01-01T00:00:00Z", "-s", s.root, "--cacheDir", "not-a-folder"}, &out, &out)
	if code != 0 {
		t.Fatalf("exit %d:\n%s", code, out.String())
	}
	for _, want := range []string{"warning: cannot save the build cache", "warning: saving the destination's manifest", "the site is published"} {
		if !strings.Contains(out.String(), want) {
			t.Errorf("no %q in:\n%s", want, out.String())
		}
	}
	if _, err := os.Stat(filepath.Join(s.root, "public", "index.html")); err != nil {
		t.Errorf("the site was not published: %v", err)
	}
}
