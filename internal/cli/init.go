package cli

import (
	"context"
	"errors"
	"fmt"
	"io"
	iofs "io/fs"
	"os"
	"path/filepath"
	"strings"
	"time"
)

const initSynopsis = `Writes a new site into DIR (default: the current folder): brief.toml,
a sample briefing and actor profile under content/, and a .gitignore; with
--github-pages also a GitHub Actions workflow that publishes the site to
GitHub Pages. DIR is created when missing. A folder that holds anything
but .git is refused unless --force; even then no file is ever replaced:
files already there are kept and listed.`

type initFlags struct {
	force, githubPages bool
}

func runInit(_ context.Context, args []string, stdout, stderr io.Writer) int {
	var f initFlags
	fs := newFlagSet("init", "", stderr)
	setUsageLine(fs, "brief init [flags] [DIR]", initSynopsis)
	boolFlag(fs, &f.force, "f", "force", "write into a folder that is not empty, keeping every file already there")
	fs.BoolVar(&f.githubPages, "github-pages", false, "also write .github/workflows/pages.yml, which builds the site and publishes it on GitHub Pages")
	rest, code, done := parseArgs(fs, args, stdout)
	if done {
		return code
	}
	if len(rest) > 1 {
		fmt.Fprintf(stderr, "brief init: expected one folder, got %d arguments\n", len(rest))
		return ExitUsage
	}
	dir := "."
	if len(rest) == 1 {
		dir = rest[0]
	}
	if info, err := os.Stat(dir); err == nil && !info.IsDir() {
		fmt.Fprintf(stderr, "brief init: %s is a file, not a folder\n", dir)
		return ExitUsage
	}
	if !f.force {
		if name, err := firstEntry(dir); err != nil {
			fmt.Fprintf(stderr, "brief init: %v\n", err)
			return ExitError
		} else if name != "" {
			fmt.Fprintf(stderr, "brief init: %s is not empty (it holds %s): choose an empty or new folder, or add --force to add the site's files beside what is there, keeping every file\n", dir, name)
			return ExitError
		}
	}
	files := siteFiles(time.Now().UTC(), f.githubPages)
	var wrote, kept []string
	for _, sf := range files {
		target := filepath.Join(dir, filepath.FromSlash(sf.path))
		switch err := writeNew(target, sf.data); {
		case errors.Is(err, iofs.ErrExist):
			kept = append(kept, sf.path)
		case err != nil:
			fmt.Fprintf(stderr, "brief init: %v\n", err)
			return ExitError
		default:
			wrote = append(wrote, sf.path)
		}
	}
	for _, p := range kept {
		fmt.Fprintf(stderr, "brief init: kept %s: it is already there\n", filepath.Join(dir, filepath.FromSlash(p)))
	}
	printNextSteps(stdout, dir, wrote, f.githubPages)
	return ExitOK
}

// firstEntry returns the name of one entry of dir other than .git, or ""
// when there is none or dir does not exist: a fresh git clone counts as
// empty.
func firstEntry(dir string) (string, error) {
	entries, err := os.ReadDir(dir)
	if errors.Is(err, iofs.ErrNotExist) {
		return "", nil
	}
	if err != nil {
		return "", err
	}
	for _, e := range entries {
		if e.Name() != ".git" {
			return e.Name(), nil
		}
	}
	return "", nil
}

// writeNew creates the file with its folders, failing with fs.ErrExist
// rather than replacing anything: O_EXCL refuses a file or a symbolic link
// already at the path.
func writeNew(path string, data []byte) error {
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return err
	}
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
	if err != nil {
		return err
	}
	_, err = f.Write(data)
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		os.Remove(path)
	}
	return err
}

func printNextSteps(w io.Writer, dir string, wrote []string, githubPages bool) {
	if len(wrote) == 0 {
		fmt.Fprintf(w, "Wrote no file: every file of a new site is already in %s.\n", dir)
		return
	}
	fmt.Fprintf(w, "Wrote a new site in %s:\n", dir)
	for _, p := range wrote {
		fmt.Fprintf(w, "  %s\n", p)
	}
	fmt.Fprintln(w, "\nNext:")
	if dir != "." {
		fmt.Fprintf(w, "  cd %s\n", dir)
	}
	fmt.Fprintln(w, "  brief serve                  # preview at http://127.0.0.1:1313/ while you write")
	fmt.Fprintln(w, `  brief new "Title of a briefing"   # write a briefing`)
	fmt.Fprintln(w, "  brief build                  # the site, in public/")
	if githubPages {
		fmt.Fprintln(w, "Push to GitHub and choose Settings > Pages > Source: GitHub Actions to publish it.")
	} else {
		fmt.Fprintln(w, "Set baseURL in brief.toml to the site's address before publishing.")
	}
}

// siteFile is one file of a new site, its path slash-separated under the
// site root.
type siteFile struct {
	path string
	data []byte
}

// siteFiles are the files brief init writes; the sample briefing is dated
// today, so that it is published at once.
func siteFiles(now time.Time, githubPages bool) []siteFile {
	day := now.Format("2006-01-02")
	files := []siteFile{
		{"brief.toml", []byte(initConfig)},
		{".gitignore", []byte("public/\n.brief-cache/\n")},
		{"content/" + now.Format("2006") + "/" + day + "-first-briefing.md", []byte(strings.ReplaceAll(initBriefing, "{date}", day))},
		{"content/actors/city-council.md", []byte(initActor)},
	}
	if githubPages {
		files = append(files, siteFile{".github/workflows/pages.yml", []byte(initWorkflow)})
	}
	return files
}

const initConfig = `# The site's settings. Every key is described in
# https://github.com/brief-ssg/brief/blob/main/docs/configuration.md
title = "Briefings"

# The address the site will have once published: feeds, the sitemap and
# link previews need it. Change it before publishing. (The GitHub Pages
# workflow, if you asked for one, passes the right one to brief build.)
baseURL = "https://example.org/"

# The language of the pages, for <html lang>.
language = "en"

# Dates written without an offset are in this time zone, and archives
# follow it: an IANA name such as Europe/Kyiv or America/New_York.
timezone = "UTC"
`

const initBriefing = `---
title: City council approves the new budget
date: {date}
summary: A sample briefing. Edit it, or write your own with brief new.
location: Example City
tags: [budget, example]
actors: [City Council]
figures:
  - label: Votes in favour
    value: 31
    unit: votes
  - label: Votes against
    value: 12
    unit: votes
sources:
  - title: The briefing format
    url: https://github.com/brief-ssg/brief/blob/main/docs/format.md
---

This is a briefing: a short, dated report. The front matter above says
when it happened, who acted (actors), what it is about (tags) and what the
key numbers were (figures); brief files it under each of them, and draws
every figure over time on the site's figure pages.

## What to do next

- Edit this file and watch ` + "`brief serve`" + ` show the change at once.
- Describe the actors you write about in ` + "`content/actors/`" + `: the
  City Council's profile is there.
- Write a new briefing with ` + "`brief new \"Title\"`" + `.
`

const initActor = `---
name: City Council
aliases: [the council]
role: The city's elected assembly
country: Example Country
kind: government
---

A sample actor profile. Briefings that name the actor, or one of its
aliases, are listed on its page with this text.
`

// initWorkflow builds the site with the latest brief and publishes it with
// GitHub's Pages actions; the site's address comes from the Pages settings.
const initWorkflow = `# Builds the site and publishes it on GitHub Pages on every push to main.
# Turn it on in the repository: Settings > Pages > Source: GitHub Actions.
name: Publish to GitHub Pages

on:
  push:
    branches: [main]
  workflow_dispatch:

permissions:
  contents: read
  pages: write
  id-token: write

concurrency:
  group: pages
  cancel-in-progress: false

jobs:
  build:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v4
      - uses: actions/setup-go@v5
        with:
          go-version: stable
          cache: false
      - run: go install github.com/brief-ssg/brief/cmd/brief@latest
      - id: pages
        uses: actions/configure-pages@v5
      - run: brief build --minify --baseURL "${{ steps.pages.outputs.base_url }}/"
      - uses: actions/upload-pages-artifact@v3
        with:
          path: public

  deploy:
    needs: build
    runs-on: ubuntu-latest
    environment:
      name: github-pages
      url: ${{ steps.deployment.outputs.page_url }}
    steps:
      - id: deployment
        uses: actions/deploy-pages@v4
`
