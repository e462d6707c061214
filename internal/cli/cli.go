// Package cli is brief's command line: subcommands, flags, exit codes and
// the build summary. It returns exit codes and never calls os.Exit.
package cli

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"runtime/debug"
	"strings"
)

// Exit codes.
const (
	ExitOK    = 0
	ExitError = 1 // the site has errors
	ExitUsage = 2 // the command line is wrong
	// ExitInterrupted follows the shell's convention for SIGINT.
	ExitInterrupted = 130
)

// errUsage marks an error in how brief was called.
var errUsage = errors.New("usage")

type command struct {
	name    string
	summary string
	run     func(ctx context.Context, args []string, stdout, stderr io.Writer) int
}

func commands() []command {
	return []command{
		{"init", "write a new site: brief.toml, a sample briefing, .gitignore", runInit},
		{"build", "build the site into public/", runBuild},
		{"serve", "preview the site locally, rebuilding on every change", runServe},
		{"new", "write a new briefing with its front matter filled in", runNew},
		{"list", "list drafts, future or all briefings with their dates", runList},
		{"check", "build without writing and report every problem, links included", runCheck},
		{"figures", "list every figure key with its unit, claimants and latest value", runFigures},
		{"deploy", "send the built site to a bucket, uploading only what changed", runDeploy},
		{"version", "print the version", runVersion},
		{"help", "show help for brief or a command", nil},
	}
}

// Run runs brief with args (without the program name) and returns the exit code.
func Run(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	if len(args) == 0 {
		usage(stderr)
		return ExitUsage
	}
	name := args[0]
	if name == "help" || name == "-h" || name == "--help" || name == "-help" {
		if len(args) > 1 {
			return Run(ctx, []string{args[1], "-h"}, stdout, stderr)
		}
		usage(stdout)
		return ExitOK
	}
	for _, c := range commands() {
		if c.name == name && c.run != nil {
			return c.run(ctx, args[1:], stdout, stderr)
		}
	}
	fmt.Fprintf(stderr, "brief: unknown command %q\n\n", name)
	usage(stderr)
	return ExitUsage
}

func usage(w io.Writer) {
	fmt.Fprintln(w, "brief turns a folder of Markdown briefings into a static website.")
	fmt.Fprintln(w, "\nUsage:\n  brief <command> [flags]\n\nCommands:")
	for _, c := range commands() {
		fmt.Fprintf(w, "  %-8s %s\n", c.name, c.summary)
	}
	fmt.Fprintln(w, "\nRun 'brief <command> -h' for a command's flags.")
}

func runVersion(_ context.Context, args []string, stdout, stderr io.Writer) int {
	fs := newFlagSet("version", "Prints the version of brief, the commit it was built from when known,\nand the Go release and platform it was built with.", stderr)
	if code, done := parse(fs, args, stdout); done {
		return code
	}
	info, _ := debug.ReadBuildInfo()
	fmt.Fprint(stdout, versionText(info))
	return ExitOK
}

// versionText describes the build: the module version ("v0.1.0" when
// installed with go install …@v0.1.0, a pseudo-version or "devel" in a
// clone), the VCS revision the go command stamped, and the Go release.
// info may be nil.
func versionText(info *debug.BuildInfo) string {
	if info == nil {
		return "brief devel\n"
	}
	v := info.Main.Version
	if v == "" || v == "(devel)" {
		v = "devel"
	}
	var b strings.Builder
	fmt.Fprintf(&b, "brief %s\n", v)
	settings := map[string]string{}
	for _, s := range info.Settings {
		settings[s.Key] = s.Value
	}
	if rev := settings["vcs.revision"]; rev != "" {
		fmt.Fprintf(&b, "commit %s", rev)
		if t := settings["vcs.time"]; t != "" {
			fmt.Fprintf(&b, " (%s)", t)
		}
		if settings["vcs.modified"] == "true" {
			b.WriteString(", with uncommitted changes")
		}
		b.WriteString("\n")
	}
	if info.GoVersion != "" {
		fmt.Fprintf(&b, "built with %s", info.GoVersion)
		if goos, goarch := settings["GOOS"], settings["GOARCH"]; goos != "" && goarch != "" {
			fmt.Fprintf(&b, " for %s/%s", goos, goarch)
		}
		b.WriteString("\n")
	}
	return b.String()
}

// newFlagSet makes a flag set that reports errors to stderr.
func newFlagSet(name, synopsis string, stderr io.Writer) *flag.FlagSet {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.Usage = func() {
		fmt.Fprintf(fs.Output(), "Usage: brief %s [flags]\n", name)
		if synopsis != "" {
			fmt.Fprintf(fs.Output(), "\n%s\n", synopsis)
		}
		fmt.Fprintln(fs.Output(), "\nFlags:")
		printDefaults(fs)
	}
	return fs
}

// printDefaults lists flags with their short and long names together.
func printDefaults(fs *flag.FlagSet) {
	long := map[string]*flag.Flag{}
	var order []*flag.Flag
	fs.VisitAll(func(f *flag.Flag) {
		if other, ok := long[f.Usage]; ok {
			if len(f.Name) > len(other.Name) {
				long[f.Usage] = f
			}
			return
		}
		long[f.Usage] = f
		order = append(order, f)
	})
	for _, f := range order {
		names := []string{}
		fs.VisitAll(func(g *flag.Flag) {
			if g.Usage == f.Usage {
				if len(g.Name) == 1 {
					names = append([]string{"-" + g.Name}, names...)
				} else {
					names = append(names, "--"+g.Name)
				}
			}
		})
		def := ""
		if f.DefValue != "" && f.DefValue != "false" {
			def = fmt.Sprintf(" (default %q)", f.DefValue)
		}
		fmt.Fprintf(fs.Output(), "  %s\n        %s%s\n", strings.Join(names, ", "), f.Usage, def)
	}
}

// sourceUsage describes -s/--source, which every command that reads a site has.
const sourceUsage = "the site root: the folder with content/, layouts/ and brief.toml"

// stringFlag registers a string flag under a short and a long name.
func stringFlag(fs *flag.FlagSet, p *string, short, long, def, usage string) {
	fs.StringVar(p, short, def, usage)
	fs.StringVar(p, long, def, usage)
}

// boolFlag registers a boolean flag under a short and a long name.
func boolFlag(fs *flag.FlagSet, p *bool, short, long, usage string) {
	fs.BoolVar(p, short, false, usage)
	fs.BoolVar(p, long, false, usage)
}

// parse parses flags; done is true when the command should stop with code.
func parse(fs *flag.FlagSet, args []string, stdout io.Writer) (code int, done bool) {
	// The flag package prints the usage on -h and on errors; print it
	// once, to stdout when asked for and to stderr after an error.
	usage := fs.Usage
	fs.Usage = func() {}
	err := fs.Parse(args)
	fs.Usage = usage
	switch {
	case errors.Is(err, flag.ErrHelp):
		fs.SetOutput(stdout)
		fs.Usage()
		return ExitOK, true
	case err != nil:
		fs.Usage()
		return ExitUsage, true
	case fs.NArg() > 0:
		fmt.Fprintf(fs.Output(), "brief %s: unexpected argument %q\n", fs.Name(), fs.Arg(0))
		return ExitUsage, true
	}
	return ExitOK, false
}
