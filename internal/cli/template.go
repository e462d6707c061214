package cli

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/brief-ssg/brief/internal/build"
)

// TemplatesDir holds the templates of recurring briefings, under the
// content folder; builds ignore it, as every name starting with _.
const TemplatesDir = "_templates"

// readTemplate reads content/_templates/<name>.md under root.
func readTemplate(root, name string) ([]byte, error) {
	if name == "" || strings.ContainsAny(name, `/\`) || strings.HasPrefix(name, ".") {
		return nil, fmt.Errorf("--template %q must be the name of a file in %s/%s/, without .md", name, build.ContentDir, TemplatesDir)
	}
	dir := filepath.Join(root, build.ContentDir, TemplatesDir)
	b, err := os.ReadFile(filepath.Join(dir, strings.TrimSuffix(name, ".md")+".md"))
	if errors.Is(err, fs.ErrNotExist) {
		have := templateNames(dir)
		if len(have) == 0 {
			return nil, fmt.Errorf("no template %q: write one at %s/%s/%s.md", name, build.ContentDir, TemplatesDir, name)
		}
		return nil, fmt.Errorf("no template %q in %s/%s/; there are: %s", name, build.ContentDir, TemplatesDir, strings.Join(have, ", "))
	}
	if err != nil {
		return nil, fmt.Errorf("cannot read the template %q: %v", name, unwrapPathErr(err))
	}
	return b, nil
}

// templateNames lists the templates in dir, sorted.
func templateNames(dir string) []string {
	entries, _ := os.ReadDir(dir)
	var out []string
	for _, e := range entries {
		if n, ok := strings.CutSuffix(e.Name(), ".md"); ok && !e.IsDir() {
			out = append(out, n)
		}
	}
	sort.Strings(out)
	return out
}

// fillTemplate sets the title, date and (when the template has one) slug
// of a template's front matter, and draft with -D, keeping every other
// line as written: the figures left for the writer to fill in among them.
func fillTemplate(tmpl []byte, title, slug string, date time.Time, hasTime, draft bool) ([]byte, error) {
	text := strings.ReplaceAll(string(tmpl), "\r\n", "\n")
	lines := strings.Split(text, "\n")
	delim := strings.TrimSpace(lines[0])
	var set func(key, value string) string
	var quote func(string) (string, error)
	switch delim {
	case "---":
		set = func(k, v string) string { return k + ": " + v }
		quote = yamlString
	case "+++":
		set = func(k, v string) string { return k + " = " + v }
		quote = func(s string) (string, error) { return strconv.Quote(s), nil }
	default:
		return nil, errors.New("a template must start with YAML (---) or TOML (+++) front matter")
	}
	end := -1
	for i := 1; i < len(lines); i++ {
		if strings.TrimSpace(lines[i]) == delim {
			end = i
			break
		}
	}
	if end < 0 {
		return nil, fmt.Errorf("the template's front matter has no closing %s", delim)
	}
	t, err := quote(title)
	if err != nil {
		return nil, err
	}
	d := date.Format("2006-01-02")
	if hasTime {
		d = date.Format(time.RFC3339)
	}
	if delim == "+++" {
		d = strconv.Quote(d)
	}
	values := [][2]string{{"title", t}, {"date", d}, {"slug", ""}}
	if draft {
		values = append(values, [2]string{"draft", "true"})
	}
	var missing []string
	for _, kv := range values {
		found := false
		for i := 1; i < end; i++ {
			if keyOf(lines[i], delim) == kv[0] {
				found = true
				v := kv[1]
				if kv[0] == "slug" {
					v = slug
				}
				lines[i] = set(kv[0], v)
			}
		}
		if !found && kv[0] != "slug" {
			missing = append(missing, set(kv[0], kv[1]))
		}
	}
	out := append([]string{lines[0]}, missing...)
	out = append(out, lines[1:]...)
	return []byte(strings.Join(out, "\n")), nil
}

// keyOf is the top-level key a front matter line sets, or "".
func keyOf(line, delim string) string {
	if line == "" || line[0] == ' ' || line[0] == '\t' || line[0] == '#' {
		return ""
	}
	sep := ":"
	if delim == "+++" {
		sep = "="
	}
	k, _, ok := strings.Cut(line, sep)
	if !ok {
		return ""
	}
	return strings.TrimSpace(k)
}
