package cli

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"time"

	"github.com/brief-ssg/brief/internal/build"
	"github.com/brief-ssg/brief/internal/diag"
	"github.com/brief-ssg/brief/internal/linkcheck"
	"github.com/brief-ssg/brief/internal/publish"
	"github.com/brief-ssg/brief/layouts"
)

type checkFlags struct {
	source, baseURL, clock, format string
	drafts, future, strict         bool
	external                       bool
	timeout                        time.Duration
	concurrency                    int
}

func runCheck(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	var f checkFlags
	fs := newFlagSet("check", "Builds the site without writing it and reports every problem: content errors\nand warnings, broken internal links and anchors, feeds and sitemaps that do\nnot parse and, with --external, external links that do not answer.\nExits 1 when there is an error.", stderr)
	stringFlag(fs, &f.source, "s", "source", ".", sourceUsage)
	stringFlag(fs, &f.baseURL, "b", "baseURL", "", "the site's public URL, overriding brief.toml")
	boolFlag(fs, &f.drafts, "D", "drafts", "include briefings marked draft: true")
	boolFlag(fs, &f.future, "F", "future", "include briefings dated in the future")
	fs.StringVar(&f.clock, "clock", "", "the time that decides what is in the future, RFC 3339 (default: $SOURCE_DATE_EPOCH, else now)")
	fs.BoolVar(&f.strict, "strict", false, "treat warnings as errors")
	fs.BoolVar(&f.external, "external", false, "also check that external links answer (needs the network)")
	fs.DurationVar(&f.timeout, "timeout", 10*time.Second, "with --external: how long to wait for each link, at most; must be positive")
	fs.IntVar(&f.concurrency, "concurrency", 8, "with --external: how many links to check at once; must be positive")
	fs.StringVar(&f.format, "format", "text", "the report: text, or json for CI")
	if code, done := parse(fs, args, stdout); done {
		return code
	}
	if f.format != "text" && f.format != "json" {
		fmt.Fprintf(stderr, "brief check: --format %q: use text or json\n", f.format)
		return ExitUsage
	}
	if f.timeout <= 0 {
		fmt.Fprintf(stderr, "brief check: --timeout %v: give a positive duration, such as 10s; a link check must end\n", f.timeout)
		return ExitUsage
	}
	if f.concurrency <= 0 {
		fmt.Fprintf(stderr, "brief check: --concurrency %d: give a positive number of links to check at once\n", f.concurrency)
		return ExitUsage
	}
	now, err := (&buildFlags{clock: f.clock}).now()
	if err != nil {
		fmt.Fprintf(stderr, "brief check: %v\n", err)
		return ExitUsage
	}
	root, err := filepath.Abs(f.source)
	if err != nil || !isDir(root) {
		fmt.Fprintf(stderr, "brief check: --source %q is not a folder\n", f.source)
		return ExitUsage
	}
	diags, stats := check(ctx, root, f, now)
	if f.strict {
		diags = diags.Strict()
	}
	diags.Sort()
	if f.format == "json" {
		writeJSONReport(stdout, diags, stats)
	} else {
		report(stdout, diags, false)
		errs := len(diags.Errors())
		fmt.Fprintf(stderr, "brief check: %d %s, %d %s; %d files, %d links to other sites%s\n",
			errs, plural(errs, "error", "errors"), len(diags)-errs, plural(len(diags)-errs, "warning", "warnings"),
			stats.Files, stats.External, map[bool]string{true: " checked", false: " not checked (--external)"}[f.external])
	}
	if diags.Err() != nil {
		return ExitError
	}
	return ExitOK
}

// checkStats are the numbers of a check, for its summary.
type checkStats struct {
	Files    int `json:"files"`
	External int `json:"externalLinks"`
}

func check(ctx context.Context, root string, f checkFlags, now time.Time) (diag.List, checkStats) {
	siteFS := os.DirFS(root)
	cfg, diags := build.LoadConfig(siteFS)
	if diags.Err() != nil {
		return diags, checkStats{}
	}
	mem := publish.NewMemory()
	res, bdiags := build.Run(build.Options{Site: siteFS, Layouts: layouts.FS, Config: cfg, BaseURL: f.baseURL,
		Drafts: f.drafts, Future: f.future, Now: now}, mem)
	diags = append(diags, bdiags...)
	if diags.Err() != nil {
		return diags, checkStats{}
	}
	// The site's base URL as the build normalised it (with its final /).
	site := linkcheck.Site{Files: map[string][]byte{}, BaseURL: res.Site.BaseURL}
	for _, p := range mem.Paths() {
		site.Files[p], _ = mem.Get(p)
	}
	found := linkcheck.Check(site)
	diags = append(diags, found.Diags...)
	if f.external {
		diags = append(diags, linkcheck.External(ctx, found.External, linkcheck.Client(f.timeout), f.concurrency)...)
	}
	return diags, checkStats{Files: len(site.Files), External: len(found.External)}
}

// jsonDiagnostic is one problem in the JSON report.
type jsonDiagnostic struct {
	File     string `json:"file"`
	Line     int    `json:"line,omitempty"`
	Col      int    `json:"col,omitempty"`
	Severity string `json:"severity"`
	Message  string `json:"message"`
}

func writeJSONReport(w io.Writer, diags diag.List, stats checkStats) {
	out := struct {
		Errors      int              `json:"errors"`
		Warnings    int              `json:"warnings"`
		Stats       checkStats       `json:"stats"`
		Diagnostics []jsonDiagnostic `json:"diagnostics"`
	}{Stats: stats, Diagnostics: []jsonDiagnostic{}}
	for _, d := range diags {
		sev := "error"
		if d.Severity == diag.Warning {
			sev = "warning"
			out.Warnings++
		} else {
			out.Errors++
		}
		out.Diagnostics = append(out.Diagnostics, jsonDiagnostic{File: d.Pos.File, Line: d.Pos.Line, Col: d.Pos.Col, Severity: sev, Message: d.Msg})
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.Encode(out)
}
