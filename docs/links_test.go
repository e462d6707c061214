// Package docs holds brief's documentation; its test checks that the
// relative links of the Markdown files lead somewhere.
package docs

import (
	"io/fs"
	"os"
	"path"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
	"unicode"
)

// TestLinks checks every relative link and image in README.md,
// CONTRIBUTING.md, CHANGELOG.md and docs/*.md: the file or folder it names
// must exist, and a #fragment must be a heading of the Markdown file it
// points into, as GitHub makes anchors of headings.
func TestLinks(t *testing.T) {
	root := os.DirFS("..")
	files := []string{"README.md", "CONTRIBUTING.md", "CHANGELOG.md"}
	docs, err := fs.Glob(root, "docs/*.md")
	if err != nil {
		t.Fatal(err)
	}
	files = append(files, docs...)
	anchors := map[string]map[string]bool{}
	anchorsOf := func(name string) (map[string]bool, error) {
		if a, ok := anchors[name]; ok {
			return a, nil
		}
		b, err := fs.ReadFile(root, name)
		if err != nil {
			return nil, err
		}
		anchors[name] = headingAnchors(string(b))
		return anchors[name], nil
	}
	for _, name := range files {
		src, err := fs.ReadFile(root, name)
		if err != nil {
			t.Errorf("%s: %v", name, err)
			continue
		}
		for _, l := range links(string(src)) {
			target, frag, _ := strings.Cut(l.target, "#")
			file := name
			if target != "" {
				file = path.Join(path.Dir(name), target)
				if strings.HasPrefix(file, "../") || file == ".." {
					t.Errorf("%s:%d: link %q leaves the repository", name, l.line, l.target)
					continue
				}
				if _, err := fs.Stat(root, file); err != nil {
					t.Errorf("%s:%d: link %q: no file %s", name, l.line, l.target, file)
					continue
				}
			}
			if frag == "" {
				continue
			}
			if !strings.HasSuffix(file, ".md") {
				t.Errorf("%s:%d: link %q: an anchor in a file that is not Markdown", name, l.line, l.target)
				continue
			}
			a, err := anchorsOf(file)
			if err != nil {
				t.Errorf("%s:%d: %v", name, l.line, err)
				continue
			}
			if !a[frag] {
				t.Errorf("%s:%d: link %q: %s has no heading with the anchor #%s", name, l.line, l.target, file, frag)
			}
		}
	}
}

type link struct {
	target string
	line   int
}

var (
	inlineLink = regexp.MustCompile(`!?\[(?:[^\[\]]|\[[^\[\]]*\])*\]\(\s*<?([^)\s>]+)>?(?:\s+"[^"]*")?\s*\)`)
	refLink    = regexp.MustCompile(`^\s{0,3}\[[^\]]+\]:\s*<?(\S+?)>?(?:\s+.*)?$`)
	codeSpan   = regexp.MustCompile("`+[^`]*`+")
	scheme     = regexp.MustCompile(`^[a-zA-Z][a-zA-Z0-9+.-]*:`)
)

// links returns the relative link targets of a Markdown text, outside code.
func links(src string) []link {
	var out []link
	for i, line := range proseLines(src) {
		if line == "" {
			continue
		}
		line = codeSpan.ReplaceAllString(line, "")
		var targets []string
		for _, m := range inlineLink.FindAllStringSubmatch(line, -1) {
			targets = append(targets, m[1])
		}
		if m := refLink.FindStringSubmatch(line); m != nil {
			targets = append(targets, m[1])
		}
		for _, t := range targets {
			if scheme.MatchString(t) || strings.HasPrefix(t, "//") {
				continue
			}
			out = append(out, link{t, i + 1})
		}
	}
	return out
}

// proseLines returns the lines of src with those inside fenced code blocks
// blanked, so that line numbers stay right.
func proseLines(src string) []string {
	lines := strings.Split(src, "\n")
	fence := ""
	for i, line := range lines {
		trimmed := strings.TrimLeft(line, " ")
		switch {
		case fence != "":
			if strings.HasPrefix(trimmed, fence) && strings.Trim(trimmed, fence[:1]) == "" {
				fence = ""
			}
			lines[i] = ""
		case strings.HasPrefix(trimmed, "```") || strings.HasPrefix(trimmed, "~~~"):
			fence = trimmed[:3]
			for _, r := range trimmed[3:] {
				if string(r) != fence[:1] {
					break
				}
				fence += fence[:1]
			}
			lines[i] = ""
		}
	}
	return lines
}

var (
	heading    = regexp.MustCompile(`^\s{0,3}#{1,6}\s+(.*?)\s*#*\s*$`)
	htmlAnchor = regexp.MustCompile(`<a\s+(?:id|name)="([^"]+)"`)
	mdLink     = regexp.MustCompile(`!?\[([^\]]*)\]\([^)]*\)`)
)

// headingAnchors returns the anchors GitHub gives the headings of a
// Markdown text, and the ids of <a id> or <a name> elements.
func headingAnchors(src string) map[string]bool {
	out := map[string]bool{}
	seen := map[string]int{}
	for _, line := range proseLines(src) {
		for _, m := range htmlAnchor.FindAllStringSubmatch(line, -1) {
			out[m[1]] = true
		}
		m := heading.FindStringSubmatch(line)
		if m == nil {
			continue
		}
		a := slugify(m[1])
		if n := seen[a]; n > 0 {
			out[a+"-"+strconv.Itoa(n)] = true
		} else {
			out[a] = true
		}
		seen[a]++
	}
	return out
}

// slugify makes a heading's anchor as GitHub does: the text without
// Markdown, lower case, with every character but letters, digits, spaces,
// hyphens and underscores removed, and spaces made hyphens.
func slugify(text string) string {
	text = mdLink.ReplaceAllString(text, "$1")
	text = strings.NewReplacer("`", "", "*", "").Replace(text)
	var b strings.Builder
	for _, r := range strings.ToLower(text) {
		switch {
		case r == ' ':
			b.WriteByte('-')
		case r == '-' || r == '_' || unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.Is(unicode.Mn, r):
			b.WriteRune(r)
		}
	}
	return b.String()
}

func TestSlugify(t *testing.T) {
	for in, want := range map[string]string{
		"Configuration: brief.toml":    "configuration-brieftoml",
		"A site's files":               "a-sites-files",
		"`brief init`":                 "brief-init",
		"Fields by page kind":          "fields-by-page-kind",
		"Search — in the browser":      "search--in-the-browser",
		"[Linked](x.md) and **bold**":  "linked-and-bold",
		"Unreleased":                   "unreleased",
		"0.1.0 — 2026-12-08":           "010--2026-12-08",
		"Ünïcode and snake_case names": "ünïcode-and-snake_case-names",
	} {
		if got := slugify(in); got != want {
			t.Errorf("slugify(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestLinksFindsBrokenOnes(t *testing.T) {
	src := "# Title\n\nSee [a](other.md#x), ![img](pic.png \"t\"), [web](https://example.org/), `[code](no.md)`\n\n```\n[fenced](no.md)\n```\n[ref]: ref.md#y\n"
	var got []string
	for _, l := range links(src) {
		got = append(got, l.target+"@"+strconv.Itoa(l.line))
	}
	want := []string{"other.md#x@3", "pic.png@3", "ref.md#y@8"}
	if !slices.Equal(got, want) {
		t.Errorf("links = %q, want %q", got, want)
	}
	a := headingAnchors("# Title\n## Title\n```\n# not a heading\n```\n<a id=\"here\"></a>\n")
	for _, want := range []string{"title", "title-1", "here"} {
		if !a[want] {
			t.Errorf("anchors %v lack %q", a, want)
		}
	}
	if a["not-a-heading"] {
		t.Errorf("a heading inside a fenced block got an anchor")
	}
}
