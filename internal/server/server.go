// Package server is the local preview: it builds the site in memory,
// serves it over HTTP on a loopback address, rebuilds when a file under the
// site root changes and tells open pages to reload over server-sent events.
// A failed build never replaces the last good one; its errors are shown on
// every page instead. Nothing is ever written to the destination folder.
package server

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log"
	"net"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"runtime/debug"
	"strconv"
	"strings"
	"sync/atomic"
	"time"

	"github.com/brief-ssg/brief/internal/build"
	"github.com/brief-ssg/brief/internal/cache"
	"github.com/brief-ssg/brief/internal/diag"
	"github.com/brief-ssg/brief/internal/markdown"
	"github.com/brief-ssg/brief/internal/parallel"
	"github.com/brief-ssg/brief/internal/render"
	"github.com/brief-ssg/brief/internal/site"
	"github.com/brief-ssg/brief/internal/source"
	"github.com/brief-ssg/brief/layouts"
)

// Options configure a preview server.
type Options struct {
	Root         string   // the site root, absolute
	BaseURL      string   // the site's URL in the preview; "" is the server's own address
	Drafts       bool     // show drafts
	Future       bool     // show briefings dated in the future
	Reload       bool     // inject the live-reload script
	Navigate     bool     // go to the page of a briefing when it is edited
	AllowedHosts []string // host names accepted besides the loopback ones
	CacheDir     string   // the build cache, absolute; "" for none
	Log          io.Writer
	Debounce     time.Duration // quiet time before a rebuild; 0 means 100ms
}

// Server serves one site. Make it with New, run it with Run.
type Server struct {
	opt      Options
	ln       net.Listener
	url      string // http://127.0.0.1:1313/
	basePath string // the path the site is served under, unescaped like request paths, ends in "/"
	hosts    map[string]bool
	instance string // tells this server's builds from a restarted one's

	md       *markdown.Renderer
	cache    *cache.Cache
	cacheKey string
	builds   atomic.Int64 // builds started
	done     atomic.Int64 // builds published
	cur      atomic.Pointer[snapshot]
	listing  source.Listing // the content files, kept between builds
	memory   build.Memory   // the last good site, updated in place for body edits
	rescan   atomic.Bool    // events were lost: the next build lists every file
	events   *broker
	runBuild func(build.Options, render.Sink) (*build.Result, diag.List) // build.Run; tests swap it
}

// New makes a server that will accept connections on ln.
func New(ln net.Listener, opt Options) (*Server, error) {
	if opt.Log == nil {
		opt.Log = io.Discard
	}
	if opt.Debounce == 0 {
		opt.Debounce = 100 * time.Millisecond
	}
	s := &Server{
		opt:      opt,
		ln:       ln,
		url:      "http://" + displayAddr(ln.Addr()) + "/",
		basePath: "/",
		hosts:    map[string]bool{"localhost": true, "127.0.0.1": true, "::1": true},
		instance: strconv.FormatInt(time.Now().UnixNano(), 36),
		md:       markdown.New(),
		events:   newBroker(),
		runBuild: build.Run,
	}
	if host, _, err := net.SplitHostPort(ln.Addr().String()); err == nil {
		s.hosts[host] = true
	}
	for _, h := range opt.AllowedHosts {
		s.hosts[strings.ToLower(h)] = true
	}
	if opt.BaseURL == "" {
		s.opt.BaseURL = s.url
	} else {
		u, err := url.Parse(opt.BaseURL)
		if err != nil || u.Host == "" || (u.Scheme != "http" && u.Scheme != "https") {
			return nil, fmt.Errorf("--baseURL %q is not an absolute http(s) URL", opt.BaseURL)
		}
		s.basePath = strings.TrimSuffix(u.Path, "/") + "/"
		s.hosts[strings.ToLower(u.Hostname())] = true
	}
	s.cur.Store(&snapshot{version: s.instance + "-0", files: map[string]file{}, failed: true})
	return s, nil
}

// displayAddr names the listening address as a browser should use it: a
// wildcard address becomes localhost.
func displayAddr(a net.Addr) string {
	host, port, err := net.SplitHostPort(a.String())
	if err != nil {
		return a.String()
	}
	if ip := net.ParseIP(host); ip == nil || ip.IsUnspecified() {
		host = "localhost"
	}
	return net.JoinHostPort(host, port)
}

// URL is the address of the site in the preview.
func (s *Server) URL() string {
	return strings.TrimSuffix(s.url, "/") + (&url.URL{Path: s.basePath}).EscapedPath()
}

// Run builds the site, serves it and rebuilds on every change until ctx
// is done; then it closes every connection within a second, even in the
// middle of a rebuild (which is abandoned: it writes nothing).
func (s *Server) Run(ctx context.Context) error {
	w, err := newWatcher(s.opt.Root, s.ignoredDirs(), s.opt.Debounce)
	if err != nil {
		return fmt.Errorf("cannot watch %s: %v", s.opt.Root, err)
	}
	defer w.Close()
	first, stop := make(chan struct{}), make(chan struct{})
	defer close(stop)
	go func() {
		s.Rebuild(nil)
		close(first)
		for {
			select {
			case <-w.Ready():
				changed, complete := w.Take()
				if !complete {
					s.rescan.Store(true)
				}
				s.Rebuild(changed)
			case err, ok := <-w.Errors():
				if !ok {
					return
				}
				// The watcher may have lost events (its queue overflowed):
				// what changed is unknown, so every file is looked at.
				fmt.Fprintf(s.opt.Log, "brief serve: watching: %v; rebuilding everything\n", err)
				s.Rebuild(nil)
			case <-stop:
				return
			}
		}
	}()
	select {
	case <-first:
	case <-ctx.Done():
		return nil
	}
	// The server's own complaints (a broken request, a failed accept) go
	// to the server's log, never to the global one.
	hs := &http.Server{Handler: s.Handler(), ReadHeaderTimeout: 10 * time.Second, ErrorLog: log.New(s.opt.Log, "brief serve: ", 0)}
	served := make(chan error, 1)
	go func() { served <- hs.Serve(s.ln) }()
	select {
	case err := <-served:
		return err
	case <-ctx.Done():
		s.events.Close()
		shutdown, cancel := context.WithTimeout(context.Background(), time.Second)
		defer cancel()
		if err := hs.Shutdown(shutdown); err != nil {
			hs.Close()
		}
		return nil
	}
}

// ignoredDirs are folders under the root that change because of brief
// itself and must not trigger rebuilds.
func (s *Server) ignoredDirs() []string {
	var dirs []string
	if s.opt.CacheDir != "" {
		dirs = append(dirs, s.opt.CacheDir)
	}
	return append(dirs, filepath.Join(s.opt.Root, "public"))
}

// Rebuild builds the site again after the files in changed (relative to
// the root, slash-separated) changed, publishes the result and tells the
// browsers. A nil changed means unknown: every file is looked at. Rebuilds
// run one at a time.
func (s *Server) Rebuild(changed []string) {
	start := time.Now()
	prev := s.cur.Load()
	n := s.builds.Add(1)
	next := &snapshot{version: s.instance + "-" + strconv.FormatInt(n, 10), siteLock: s.memory.RLocker()}
	listed := changed // what the content listing looks at again
	if s.rescan.Swap(false) {
		listed = nil
	}
	files, res, diags := s.build(prev.files, listed)
	next.diags = diags
	if diags.Err() != nil {
		next.files, next.site, next.failed = prev.files, prev.site, true
		next.overlay = overlay(s.opt.Root, diags)
	} else {
		next.files, next.site, next.inPlace = files, res.Site, res.InPlace
	}
	ch := change{Version: next.version, All: true}
	var paths []string
	if !next.failed {
		// prev.files is the last good build even when prev failed.
		paths, ch.CSS, ch.CSSOnly = diff(prev.files, next.files)
		ch.CSSOnly = ch.CSSOnly && !prev.failed
		if !prev.failed && len(paths) <= maxPaths {
			ch.All = false
			for _, p := range paths {
				ch.Paths = append(ch.Paths, urlPath(s.basePath, p))
			}
		}
	}
	ch.Navigate = navigateTo(changed, next.site)
	// Logged before it is served, so whoever sees the new build can read
	// its log line.
	s.logBuild(next, len(paths), time.Since(start))
	s.cur.Store(next)
	s.done.Add(1)
	s.events.Publish(ch)
}

// published counts the builds whose results are being served.
func (s *Server) published() int64 { return s.done.Load() }

// navigateTo is the page of the one briefing among changed, if any.
func navigateTo(changed []string, built *site.Site) string {
	if built == nil || len(changed) == 0 {
		return ""
	}
	edited := make(map[string]bool, len(changed))
	for _, p := range changed {
		edited[p] = true
	}
	var to string
	for _, e := range built.Entries {
		if edited[e.Path] {
			if to != "" {
				return ""
			}
			to = e.URL
		}
	}
	return to
}

func (s *Server) logBuild(snap *snapshot, changed int, took time.Duration) {
	for _, d := range snap.diags {
		fmt.Fprintln(s.opt.Log, d.Error())
	}
	took = took.Round(time.Millisecond)
	if snap.failed {
		errs := len(snap.diags.Errors())
		fmt.Fprintf(s.opt.Log, "brief serve: build failed with %d %s in %s; serving the last good build\n", errs, plural(errs, "error", "errors"), took)
		return
	}
	fmt.Fprintf(s.opt.Log, "brief serve: built %d files in %s, %d changed\n", len(snap.files), took, changed)
}

// build runs the pipeline into memory, reusing the pages of the last good
// build that did not change. A panic in the pipeline becomes an error.
func (s *Server) build(prev map[string]file, changed []string) (files map[string]file, built *build.Result, diags diag.List) {
	defer func() {
		if v := recover(); v != nil {
			stack := string(debug.Stack())
			var p *parallel.Panic
			if errors.As(asError(v), &p) {
				v, stack = p.Value, p.Stack
			}
			fmt.Fprintf(s.opt.Log, "brief serve: panic during the build: %v\n%s", v, stack)
			s.rescan.Store(true) // the listing may be half updated
			files, built = nil, nil
			diags = diag.List{diag.Errorf(diag.Pos{File: "brief"}, "internal error during the build: %v. The last good build is still served; please report this bug with the stack printed in the terminal", v)}
		}
	}()
	siteFS := os.DirFS(s.opt.Root)
	cfg, diags := build.LoadConfig(siteFS)
	if diags.Err() != nil {
		s.rescan.Store(true) // the content files that changed were not looked at
		return nil, nil, diags
	}
	if key := build.CacheKey(cfg); key != s.cacheKey || s.cache == nil {
		s.cache, s.cacheKey = cache.Open(s.opt.CacheDir, key), key
		if s.cache == nil {
			s.cache = cache.Memory(key)
		}
	}
	out := newSink(prev)
	res, bdiags := s.runBuild(build.Options{
		Site: siteFS, Layouts: layouts.FS, Config: cfg, BaseURL: s.opt.BaseURL,
		Drafts: s.opt.Drafts, Future: s.opt.Future, Now: time.Now(), Markdown: s.md, Cache: s.cache, Lazy: true,
		Listing: &s.listing, Changed: changed, Memory: &s.memory,
	}, out)
	diags = append(diags, bdiags...)
	if err := s.cache.Save(); err != nil {
		diags.Warnf(diag.Pos{File: s.opt.CacheDir}, "cannot save the build cache: %v", err)
	}
	if diags.Err() != nil || res == nil || res.Site == nil {
		return nil, nil, diags
	}
	return out.files, res, diags
}

func asError(v any) error {
	if err, ok := v.(error); ok {
		return err
	}
	return fmt.Errorf("%v", v)
}

func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}
