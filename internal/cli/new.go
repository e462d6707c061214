package cli

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	yaml "go.yaml.in/yaml/v3"

	"github.com/brief-ssg/brief/internal/build"
	"github.com/brief-ssg/brief/internal/config"
	"github.com/brief-ssg/brief/internal/slug"
	"github.com/brief-ssg/brief/internal/source"
)

const newSynopsis = `Writes a new briefing with its front matter filled in, at brief.toml's
newPath (default ` + config.DefaultNewPath + `) with the
date and the slug of the title filled in, and prints its path relative to
the site root. The date is now in the site's time zone, unless --date says
otherwise. With --template, the briefing starts as a copy of
content/_templates/<name>.md with its title, date and slug filled in. An
existing file is never replaced.`

type newFlags struct {
	source, date, template string
	draft                  bool
}

func runNew(_ context.Context, args []string, stdout, stderr io.Writer) int {
	var f newFlags
	fs := newFlagSet("new", "", stderr)
	setUsageLine(fs, `brief new [flags] "Title of the briefing"`, newSynopsis)
	stringFlag(fs, &f.source, "s", "source", ".", sourceUsage)
	fs.StringVar(&f.date, "date", "", "the briefing's date instead of now: YYYY-MM-DD, YYYY-MM-DDTHH:MM (in the site's time zone) or RFC 3339")
	boolFlag(fs, &f.draft, "D", "draft", "mark the briefing draft: true")
	fs.StringVar(&f.template, "template", "", "start from content/_templates/`name`.md: its title, date and slug filled in, the rest kept")
	rest, code, done := parseArgs(fs, args, stdout)
	if done {
		return code
	}
	usageErr := func(msg string, a ...any) int {
		fmt.Fprintf(stderr, "brief new: "+msg+"\n", a...)
		fmt.Fprintln(stderr, `Usage: brief new [flags] "Title of the briefing" (brief new -h for the flags)`)
		return ExitUsage
	}
	switch {
	case len(rest) == 0:
		return usageErr("missing the title of the briefing")
	case len(rest) > 1:
		return usageErr("expected one title, got %d arguments: quote the title (%q)", len(rest), strings.Join(rest, " "))
	}
	title := strings.TrimSpace(rest[0])
	if err := checkTitle(title); err != nil {
		return usageErr("%v", err)
	}
	root, err := filepath.Abs(f.source)
	if err != nil || !isDir(root) {
		fmt.Fprintf(stderr, "brief new: --source %q is not a folder\n", f.source)
		return ExitUsage
	}
	cfg, diags := build.LoadConfig(os.DirFS(root))
	if diags.Err() != nil {
		report(stderr, diags, false)
		return ExitError
	}
	date, hasTime := time.Now().In(cfg.Location).Truncate(time.Second), true
	if f.date != "" {
		date, hasTime, err = source.ParseDate(f.date, cfg.Location)
		if err != nil {
			fmt.Fprintf(stderr, "brief new: --date: %v\n", err)
			return ExitUsage
		}
		date = date.In(cfg.Location)
	}
	relPath, err := newPath(cfg.NewPath, date, slug.Make(title))
	if err != nil {
		fmt.Fprintf(stderr, "brief new: %s: %v\n", config.FileName, err)
		return ExitError
	}
	var data []byte
	if f.template != "" {
		var tmpl []byte
		if tmpl, err = readTemplate(root, f.template); err == nil {
			data, err = fillTemplate(tmpl, title, slug.Make(title), date, hasTime, f.draft)
			if err != nil {
				err = fmt.Errorf("template %q: %v", f.template, err)
			}
		}
	} else {
		data, err = newBriefing(title, date, hasTime, f.draft)
	}
	if err != nil {
		fmt.Fprintf(stderr, "brief new: %v\n", err)
		return ExitError
	}
	if err := createNew(filepath.Join(root, filepath.FromSlash(relPath)), data); err != nil {
		if errors.Is(err, os.ErrExist) {
			fmt.Fprintf(stderr, "brief new: %s already exists: choose another title (or --date), or remove the file\n", relPath)
		} else {
			fmt.Fprintf(stderr, "brief new: cannot write %s: %v\n", relPath, unwrapPathErr(err))
		}
		return ExitError
	}
	fmt.Fprintln(stdout, relPath)
	return ExitOK
}

// checkTitle refuses titles that cannot make a one-line title and a file name.
func checkTitle(title string) error {
	switch {
	case title == "":
		return errors.New("the title is empty")
	case !utf8.ValidString(title):
		return errors.New("the title is not valid UTF-8 text")
	case strings.IndexFunc(title, func(r rune) bool { return unicode.IsControl(r) || r == '\u2028' || r == '\u2029' }) >= 0:
		return fmt.Errorf("the title %q must be one line of text, without tabs or control characters", title)
	case slug.Words(title) == "":
		return fmt.Errorf("the title %q has no letters or digits to make a file name from: give it some words", title)
	}
	return nil
}

// placeholder matches the {name} parts of newPath.
var placeholder = regexp.MustCompile(`\{[^{}/]*\}`)

// newPath fills in the newPath pattern and checks that the result is a
// briefing that builds will read: under content/, outside the profile
// folders, without hidden or underscore names.
func newPath(pattern string, date time.Time, s string) (string, error) {
	var bad string
	p := placeholder.ReplaceAllStringFunc(pattern, func(ph string) string {
		switch ph {
		case "{year}":
			return fmt.Sprintf("%04d", date.Year())
		case "{month}":
			return fmt.Sprintf("%02d", int(date.Month()))
		case "{day}":
			return fmt.Sprintf("%02d", date.Day())
		case "{slug}":
			return s
		}
		if bad == "" {
			bad = ph
		}
		return ph
	})
	if bad != "" {
		return "", fmt.Errorf("newPath %q names %s: use {year}, {month}, {day} and {slug}", pattern, bad)
	}
	p = path.Clean(p)
	dir, rest, _ := strings.Cut(p, "/")
	if dir != build.ContentDir || rest == "" {
		return "", fmt.Errorf("newPath %q must be a path under %s/", pattern, build.ContentDir)
	}
	if first, _, _ := strings.Cut(rest, "/"); strings.Contains(rest, "/") && (first == source.ActorsDir || first == source.TagsDir) {
		return "", fmt.Errorf("newPath %q writes into %s/%s/, which holds profiles, not briefings", pattern, build.ContentDir, first)
	}
	for _, part := range strings.Split(rest, "/") {
		if strings.HasPrefix(part, ".") || strings.HasPrefix(part, "_") {
			return "", fmt.Errorf("newPath %q makes %s, which builds ignore (names starting with . or _)", pattern, p)
		}
	}
	return p, nil
}

// newBriefing is the text of a new briefing: its front matter with every
// field a writer fills in, and an empty body.
func newBriefing(title string, date time.Time, hasTime, draft bool) ([]byte, error) {
	t, err := yamlString(title)
	if err != nil {
		return nil, err
	}
	d := date.Format("2006-01-02")
	if hasTime {
		d = date.Format(time.RFC3339)
	}
	var b strings.Builder
	b.WriteString("---\n")
	fmt.Fprintf(&b, "title: %s\n", t)
	fmt.Fprintf(&b, "date: %s\n", d)
	if draft {
		b.WriteString("draft: true\n")
	}
	b.WriteString("tags: []\nactors: []\nfigures: []\nsources: []\n---\n\n")
	return []byte(b.String()), nil
}

// yamlString writes s as a YAML scalar that reads back as the string s:
// plain or single-quoted as go-yaml would write it when that fits on one
// line without escapes, else double-quoted, keeping printable characters
// (accents, emoji, right-to-left text) as they are.
func yamlString(s string) (string, error) {
	out, err := yaml.Marshal(s)
	if err != nil {
		return "", fmt.Errorf("cannot write the title %q as YAML: %v", s, err)
	}
	v := strings.TrimSuffix(string(out), "\n")
	if strings.ContainsAny(v, "\n\\") || strings.HasPrefix(v, `"`) {
		v = doubleQuoted(s)
	}
	var back yaml.Node
	if err := yaml.Unmarshal([]byte(v), &back); err != nil || len(back.Content) != 1 ||
		back.Content[0].Kind != yaml.ScalarNode || back.Content[0].Tag != "!!str" || back.Content[0].Value != s {
		return "", fmt.Errorf("cannot write the title %q as YAML", s)
	}
	return v, nil
}

// doubleQuoted is a YAML double-quoted scalar of s: quotes and backslashes
// are escaped, so are characters that are not printable.
func doubleQuoted(s string) string {
	var b strings.Builder
	b.WriteByte('"')
	for _, r := range s {
		switch {
		case r == '"' || r == '\\':
			b.WriteByte('\\')
			b.WriteRune(r)
		case r == ' ' || unicode.IsPrint(r) && r != '\ufeff':
			b.WriteRune(r)
		case r <= 0xffff:
			fmt.Fprintf(&b, `\u%04X`, r)
		default:
			fmt.Fprintf(&b, `\U%08X`, r)
		}
	}
	b.WriteByte('"')
	return b.String()
}

// createNew writes a new file, making its folders; it fails with
// os.ErrExist, leaving the file alone, when there is one already.
func createNew(p string, data []byte) error {
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		return err
	}
	out, err := os.OpenFile(p, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
	if err != nil {
		return err
	}
	_, err = out.Write(data)
	if cerr := out.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		os.Remove(p)
	}
	return err
}

// unwrapPathErr drops the absolute path that fs errors carry, since the
// message names the path relative to the site root.
func unwrapPathErr(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}

// setUsageLine replaces the usage line of a flag set made by newFlagSet,
// for commands that take arguments.
func setUsageLine(fs *flag.FlagSet, line, synopsis string) {
	fs.Usage = func() {
		fmt.Fprintf(fs.Output(), "Usage: %s\n", line)
		if synopsis != "" {
			fmt.Fprintf(fs.Output(), "\n%s\n", synopsis)
		}
		fmt.Fprintln(fs.Output(), "\nFlags:")
		printDefaults(fs)
	}
}

// parseArgs parses flags as parse does, but allows arguments among them
// ("brief new "Title" -D") and returns the arguments; after "--"
// everything is an argument.
func parseArgs(fs *flag.FlagSet, args []string, stdout io.Writer) (rest []string, code int, done bool) {
	usage := fs.Usage
	fs.Usage = func() {}
	defer func() { fs.Usage = usage }()
	for {
		err := fs.Parse(args)
		switch {
		case errors.Is(err, flag.ErrHelp):
			fs.SetOutput(stdout)
			usage()
			return nil, ExitOK, true
		case err != nil:
			usage()
			return nil, ExitUsage, true
		}
		left := fs.Args()
		if len(left) == 0 {
			return rest, ExitOK, false
		}
		if n := len(args) - len(left); n > 0 && args[n-1] == "--" {
			return append(rest, left...), ExitOK, false
		}
		rest = append(rest, left[0])
		args = left[1:]
	}
}
