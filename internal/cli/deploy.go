package cli

import (
	"cmp"
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"sync"
	"time"

	"github.com/brief-ssg/brief/internal/build"
	"github.com/brief-ssg/brief/internal/config"
	"github.com/brief-ssg/brief/internal/deploy"
)

// deployFlags are the flags of deploy.
type deployFlags struct {
	source, dest, to, invalidate        string
	dryRun, confirmDeletes, gzip, quiet bool
	workers                             int
	maxDeletes                          optionalInt
}

// optionalInt is an int flag that knows whether it was given, so that
// brief.toml's value applies otherwise.
type optionalInt struct {
	n   int
	set bool
}

func (o *optionalInt) String() string {
	if o == nil || !o.set {
		return ""
	}
	return strconv.Itoa(o.n)
}

func (o *optionalInt) Set(s string) error {
	n, err := strconv.Atoi(s)
	if err != nil || n < 0 {
		return errors.New("must be a whole number, 0 or more")
	}
	o.n, o.set = n, true
	return nil
}

func (f *deployFlags) register(fs *flag.FlagSet) {
	stringFlag(fs, &f.source, "s", "source", ".", sourceUsage)
	stringFlag(fs, &f.dest, "d", "destination", "public", "the built site to deploy, relative to the site root")
	fs.StringVar(&f.to, "to", "", "the bucket URL, overriding [deploy] to in brief.toml (s3://bucket?region=eu-west-1, gs://bucket, azblob://container, file:///srv/site)")
	fs.BoolVar(&f.dryRun, "dry-run", false, "print what would be uploaded and deleted, and change nothing")
	fs.BoolVar(&f.confirmDeletes, "confirm-deletes", false, "delete remote files that the site no longer has, however many")
	fs.Var(&f.maxDeletes, "max-deletes", "delete at most this many remote files without --confirm-deletes (default: [deploy] maxDeletes, else 256)")
	fs.IntVar(&f.workers, "workers", 8, "how many files to send at once")
	fs.StringVar(&f.invalidate, "invalidate", "", "a CloudFront distribution ID: drop the changed and deleted pages from its caches (default: [deploy] cloudFront)")
	fs.BoolVar(&f.gzip, "gzip", false, "send text files gzip-compressed, with Content-Encoding: gzip (or set [deploy] gzip = true)")
	boolFlag(fs, &f.quiet, "q", "quiet", "print errors only")
}

const deploySynopsis = `Sends the built site (public/) to a bucket, uploading only new and changed
files, then deletes the remote files the site no longer has. Run brief build
first. Credentials come from each cloud's usual environment variables and
profiles; brief never prints or stores them.`

// deployJob is a deploy's settings, from the flags over brief.toml.
type deployJob struct {
	root, dir, to, distribution string
	maxDeletes                  int
	settings                    deploy.Settings
}

// job resolves the flags and brief.toml into a job, or returns the exit
// code after saying what is wrong.
func (f *deployFlags) job(stderr io.Writer) (deployJob, int) {
	var j deployJob
	if f.workers < 1 {
		return j, deployFail(stderr, ExitUsage, "--workers must be at least 1")
	}
	root, err := filepath.Abs(f.source)
	if err != nil || !isDir(root) {
		return j, deployFail(stderr, ExitUsage, "--source %q is not a folder", f.source)
	}
	cfg, diags := build.LoadConfig(os.DirFS(root))
	if diags.Err() != nil {
		report(stderr, diags, f.quiet)
		return j, ExitError
	}
	d := cfg.Deploy
	j = deployJob{root: root, dir: f.dest, to: cmp.Or(f.to, d.To), distribution: cmp.Or(f.invalidate, d.CloudFront), maxDeletes: d.MaxDeletes, settings: settings(d, f.gzip)}
	if j.to == "" {
		return j, deployFail(stderr, ExitUsage, "no target: pass --to s3://bucket?region=… or set to in the [deploy] table of %s", config.FileName)
	}
	if f.maxDeletes.set {
		j.maxDeletes = f.maxDeletes.n
	}
	if !filepath.IsAbs(j.dir) {
		j.dir = filepath.Join(root, j.dir)
	}
	if !isDir(j.dir) {
		return j, deployFail(stderr, ExitError, "%s is not a folder: run brief build first", rel(root, j.dir))
	}
	return j, ExitOK
}

func deployFail(stderr io.Writer, code int, format string, a ...any) int {
	fmt.Fprintf(stderr, "brief deploy: "+format+"\n", a...)
	return code
}

func runDeploy(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	var f deployFlags
	fs := newFlagSet("deploy", deploySynopsis, stderr)
	f.register(fs)
	if code, done := parse(fs, args, stdout); done {
		return code
	}
	j, code := f.job(stderr)
	if code != ExitOK {
		return code
	}
	start := time.Now()
	files, err := deploy.Scan(j.dir, j.settings)
	if err != nil {
		return deployFail(stderr, ExitError, "reading %s: %v", rel(j.root, j.dir), err)
	}
	target, err := deploy.Open(ctx, j.to)
	if err != nil {
		return deployFail(stderr, ExitUsage, "cannot open %s: %v", deploy.DisplayURL(j.to), err)
	}
	defer target.Close()
	plan, err := target.Plan(ctx, files)
	switch {
	case ctx.Err() != nil:
		fmt.Fprintln(stderr, "brief deploy: interrupted; nothing changed")
		return ExitInterrupted
	case err != nil:
		return deployFail(stderr, ExitError, "listing %s: %v", target.URL, err)
	}
	tooMany := len(plan.Deletes) > j.maxDeletes && !f.confirmDeletes
	if f.dryRun {
		printDryRun(stdout, stderr, plan, j, target.URL, tooMany)
		return ExitOK
	}
	if tooMany {
		return deployFail(stderr, ExitError, "refusing to delete %d files from %s, more than --max-deletes %d; nothing changed: check --to, look with --dry-run, then rerun with --confirm-deletes",
			len(plan.Deletes), target.URL, j.maxDeletes)
	}
	prog := newProgress(stderr, f.quiet)
	st, err := target.Apply(ctx, j.dir, plan, f.workers, prog.update)
	prog.clear()
	switch {
	case err != nil && ctx.Err() != nil:
		fmt.Fprintf(stderr, "brief deploy: interrupted after %d uploaded and %d deleted; run brief deploy again to finish\n", st.Uploaded, st.Deleted)
		return ExitInterrupted
	case err != nil:
		return deployFail(stderr, ExitError, "%v\nbrief deploy: stopped after %d uploaded (%s) and %d deleted of %d to upload and %d to delete; run brief deploy again to finish",
			err, st.Uploaded, size(st.Sent), st.Deleted, len(plan.Uploads), len(plan.Deletes))
	case !f.quiet:
		fmt.Fprintf(stderr, "brief deploy: %d uploaded (%s), %d unchanged, %d deleted, to %s in %s\n",
			st.Uploaded, size(st.Sent), plan.Unchanged, st.Deleted, target.URL, time.Since(start).Round(time.Millisecond))
	}
	return invalidate(ctx, stderr, plan, j.distribution, f.quiet)
}

// invalidate drops the changed pages from the CloudFront distribution's
// caches, if there is one.
func invalidate(ctx context.Context, stderr io.Writer, plan *deploy.Plan, distribution string, quiet bool) int {
	paths := deploy.InvalidationPaths(plan)
	if distribution == "" || len(paths) == 0 {
		return ExitOK
	}
	id, err := deploy.Invalidate(ctx, distribution, paths)
	if err != nil {
		return deployFail(stderr, ExitError, "the site is deployed, but invalidating CloudFront distribution %s failed: %v", distribution, err)
	}
	if !quiet {
		fmt.Fprintf(stderr, "brief deploy: invalidating %d %s on CloudFront distribution %s (invalidation %s)\n", len(paths), plural(len(paths), "path", "paths"), distribution, id)
	}
	return ExitOK
}

// printDryRun prints the plan, then its totals.
func printDryRun(stdout, stderr io.Writer, plan *deploy.Plan, j deployJob, url string, tooMany bool) {
	printPlan(stdout, plan)
	fmt.Fprintf(stderr, "brief deploy: dry run: %d to upload (%s), %d unchanged, %d to delete, in %s; nothing changed\n",
		len(plan.Uploads), size(plan.Bytes()), plan.Unchanged, len(plan.Deletes), url)
	if paths := deploy.InvalidationPaths(plan); j.distribution != "" && len(paths) > 0 {
		fmt.Fprintf(stderr, "brief deploy: would invalidate %d %s on CloudFront distribution %s\n", len(paths), plural(len(paths), "path", "paths"), j.distribution)
	}
	if tooMany {
		fmt.Fprintf(stderr, "brief deploy: %d deletions are more than --max-deletes %d: the deploy would stop before changing anything unless given --confirm-deletes\n", len(plan.Deletes), j.maxDeletes)
	}
}

// settings turns the [deploy] table into the headers of every file.
func settings(d config.Deploy, gzip bool) deploy.Settings {
	s := deploy.Settings{MaxAge: d.MaxAge, Gzip: gzip || d.Gzip}
	for _, r := range d.Headers {
		rule := deploy.Rule{Pattern: r.Pattern, CacheControl: r.CacheControl, ContentType: r.ContentType,
			ContentDisposition: r.ContentDisposition, ContentLanguage: r.ContentLanguage}
		if r.Gzip != "" {
			gz := r.Gzip == "true"
			rule.Gzip = &gz
		}
		s.Rules = append(s.Rules, rule)
	}
	return s
}

// printPlan lists what a deploy would do, one object a line, in order.
func printPlan(w io.Writer, p *deploy.Plan) {
	for _, u := range p.Uploads {
		what := "changed"
		if u.New {
			what = "new"
		}
		enc := ""
		if u.Header.ContentEncoding != "" {
			enc = ", " + u.Header.ContentEncoding
		}
		fmt.Fprintf(w, "upload %-7s %s (%s, %s%s; %s)\n", what, u.Key, size(u.Size), u.Header.ContentType, enc, u.Header.CacheControl)
	}
	for _, key := range p.Deletes {
		fmt.Fprintf(w, "delete         %s\n", key)
	}
}

// progress shows how far a long deploy has got on a terminal, on one line
// rewritten at most ten times a second.
type progress struct {
	w     io.Writer
	on    bool
	mu    sync.Mutex
	last  time.Time
	shown bool
}

func newProgress(w io.Writer, quiet bool) *progress {
	f, ok := w.(*os.File)
	on := false
	if ok && !quiet {
		if info, err := f.Stat(); err == nil && info.Mode()&os.ModeCharDevice != 0 {
			on = true
		}
	}
	return &progress{w: w, on: on}
}

func (p *progress) update(done, total int, sent int64) {
	if !p.on {
		return
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	if now := time.Now(); now.Sub(p.last) >= 100*time.Millisecond || done == total {
		p.last = now
		p.shown = true
		fmt.Fprintf(p.w, "\rbrief deploy: %d/%d, %s sent\x1b[K", done, total, size(sent))
	}
}

func (p *progress) clear() {
	if p.shown {
		fmt.Fprint(p.w, "\r\x1b[K")
	}
}
