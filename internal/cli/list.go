package cli

import (
	"bytes"
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"text/tabwriter"
	"time"
	"unicode"

	"github.com/brief-ssg/brief/internal/briefing"
	"github.com/brief-ssg/brief/internal/build"
	"github.com/brief-ssg/brief/internal/config"
	"github.com/brief-ssg/brief/internal/diag"
	"github.com/brief-ssg/brief/internal/slug"
	"github.com/brief-ssg/brief/internal/source"
)

const listSynopsis = `Lists briefings (not profiles) newest first, one per line: the date in the
site's time zone, the status (draft, future or published), the path and the
title.
  drafts   briefings marked draft: true, whatever their date
  future   briefings dated after now that are not drafts (builds leave them out)
  all      every briefing
Content errors are printed on stderr and the exit code is 1, but the
briefings that could be read are still listed.`

// listKinds are the arguments of list.
var listKinds = []string{"drafts", "future", "all"}

// Statuses of a listed briefing.
const (
	statusDraft     = "draft"
	statusFuture    = "future"
	statusPublished = "published"
)

// listEntry is one listed briefing, as the JSON output has it.
type listEntry struct {
	Path   string `json:"path"`
	Title  string `json:"title"`
	Date   string `json:"date"`
	Status string `json:"status"`

	day string // YYYY-MM-DD
}

func runList(_ context.Context, args []string, stdout, stderr io.Writer) int {
	var cf contentFlags
	fs := newFlagSet("list", "", stderr)
	setUsageLine(fs, "brief list [flags] drafts|future|all", listSynopsis)
	cf.register(fs)
	rest, code, done := parseArgs(fs, args, stdout)
	if done {
		return code
	}
	usageErr := func(msg string, a ...any) int {
		fmt.Fprintf(stderr, "brief list: "+msg+"\n", a...)
		fmt.Fprintln(stderr, "Usage: brief list [flags] drafts|future|all (brief list -h for the flags)")
		return ExitUsage
	}
	switch {
	case len(rest) == 0:
		return usageErr("say what to list: drafts, future or all")
	case len(rest) > 1:
		return usageErr("expected one of drafts, future or all, got %d arguments", len(rest))
	case !slices.Contains(listKinds, rest[0]):
		msg := fmt.Sprintf("unknown list %q: use drafts, future or all", rest[0])
		if s := slug.Closest(rest[0], listKinds, 2); s != "" {
			msg = fmt.Sprintf("unknown list %q: did you mean %q?", rest[0], s)
		}
		return usageErr("%s", msg)
	}
	kind := rest[0]
	cfg, content, ldiags, now, code := cf.read("list", stderr, usageErr)
	if code != ExitOK {
		return code
	}
	errs := ldiags.Errors()
	report(stderr, errs, false)

	entries := listEntries(content.Briefings, kind, now, cfg.Location)
	if cf.format == "json" {
		enc := json.NewEncoder(stdout)
		enc.SetEscapeHTML(false) // titles keep their & < >
		enc.SetIndent("", "  ")
		enc.Encode(entries)
	} else {
		writeListText(stdout, entries)
		if len(entries) == 0 {
			fmt.Fprintf(stderr, "brief list: no %s\n", map[string]string{"drafts": "drafts", "future": "future briefings", "all": "briefings"}[kind])
		}
	}
	if len(errs) > 0 {
		fmt.Fprintf(stderr, "brief list: %d %s in the content\n", len(errs), plural(len(errs), "error", "errors"))
		return ExitError
	}
	return ExitOK
}

// listEntries selects the briefings of one kind, newest first, then by path.
// Briefings without a date (an error already reported) are left out.
func listEntries(bs []*briefing.Briefing, kind string, now time.Time, loc *time.Location) []listEntry {
	sorted := make([]*briefing.Briefing, 0, len(bs))
	for _, b := range bs {
		if !b.Date.IsZero() {
			sorted = append(sorted, b)
		}
	}
	sort.SliceStable(sorted, func(i, j int) bool {
		a, b := sorted[i], sorted[j]
		if !a.Date.Equal(b.Date) {
			return a.Date.After(b.Date)
		}
		return a.Path < b.Path
	})
	entries := []listEntry{}
	for _, b := range sorted {
		status := statusPublished
		switch {
		case b.Draft:
			status = statusDraft
		case b.Date.After(now):
			status = statusFuture
		}
		if kind == "drafts" && status != statusDraft || kind == "future" && status != statusFuture {
			continue
		}
		d := b.Date.In(loc)
		entries = append(entries, listEntry{Path: b.Path, Title: b.Title, Date: d.Format(time.RFC3339), Status: status, day: d.Format("2006-01-02")})
	}
	return entries
}

// writeListText writes aligned columns with a header, or nothing when
// there is nothing to list.
func writeListText(w io.Writer, entries []listEntry) {
	if len(entries) == 0 {
		return
	}
	var buf bytes.Buffer
	tw := tabwriter.NewWriter(&buf, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "DATE\tSTATUS\tPATH\tTITLE")
	for _, e := range entries {
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\n", e.day, e.Status, printable(e.Path), printable(e.Title))
	}
	tw.Flush()
	for _, line := range strings.SplitAfter(buf.String(), "\n") {
		if line != "" {
			io.WriteString(w, strings.TrimRight(line, " \n")+"\n")
		}
	}
}

// printable replaces control characters (tabs, newlines, terminal escapes)
// so that a name cannot break the columns or the terminal.
func printable(s string) string {
	return strings.Map(func(r rune) rune {
		if unicode.IsControl(r) || r == '\u2028' || r == '\u2029' {
			return '\ufffd'
		}
		return r
	}, s)
}

// contentFlags are the flags of the commands that read a site's content
// without building it (list, figures): the site root, the clock and the
// output format.
type contentFlags struct {
	dir, format string
	bf          buildFlags
}

func (c *contentFlags) register(fs *flag.FlagSet) {
	stringFlag(fs, &c.dir, "s", "source", ".", sourceUsage)
	fs.StringVar(&c.bf.clock, "clock", "", "the time that decides what is in the future, RFC 3339 (default: $SOURCE_DATE_EPOCH, else now)")
	fs.StringVar(&c.format, "format", "text", "the output: text (aligned columns) or json")
}

// read checks the flags, then reads the configuration and content of the
// site. A code other than ExitOK is the command's exit code, its reason
// printed (a wrong flag through usageErr).
func (c *contentFlags) read(command string, stderr io.Writer, usageErr func(string, ...any) int) (config.Config, *briefing.Content, diag.List, time.Time, int) {
	if c.format != "text" && c.format != "json" {
		return config.Config{}, nil, nil, time.Time{}, usageErr("--format %q: use text or json", c.format)
	}
	now, err := c.bf.now()
	if err != nil {
		fmt.Fprintf(stderr, "brief %s: %v\n", command, err)
		return config.Config{}, nil, nil, now, ExitUsage
	}
	root, err := filepath.Abs(c.dir)
	if err != nil || !isDir(root) {
		fmt.Fprintf(stderr, "brief %s: --source %q is not a folder\n", command, c.dir)
		return config.Config{}, nil, nil, now, ExitUsage
	}
	siteFS := os.DirFS(root)
	cfg, diags := build.LoadConfig(siteFS)
	if diags.Err() != nil {
		report(stderr, diags.Errors(), false)
		return cfg, nil, nil, now, ExitError
	}
	content, ldiags := source.Load(siteFS, source.Options{Dir: build.ContentDir, Location: cfg.Location, MaxFileSize: cfg.MaxFileSize})
	return cfg, content, ldiags, now, ExitOK
}
