package cli

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"

	"github.com/brief-ssg/brief/internal/server"
)

// defaultPort is the preview's port unless -p says otherwise.
const defaultPort = 1313

// portTries is how many ports after the default serve tries when the
// default is taken; an explicit --port is never changed.
const portTries = 20

type serveFlags struct {
	source, bind, baseURL, cacheDir string
	port                            int
	drafts, future, noReload, open  bool
	navigate                        bool
	hosts                           hostList
}

// hostList is a repeatable --allowed-host flag.
type hostList []string

func (h *hostList) String() string { return strings.Join(*h, ",") }
func (h *hostList) Set(v string) error {
	*h = append(*h, v)
	return nil
}

func runServe(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	var f serveFlags
	fs := newFlagSet("serve", "Builds the site in memory, serves it on this machine and rebuilds it on\nevery change; open pages reload by themselves. Nothing is written to public/.", stderr)
	stringFlag(fs, &f.source, "s", "source", ".", sourceUsage)
	fs.StringVar(&f.bind, "bind", "127.0.0.1", "the address to listen on; anything but loopback exposes the preview to the network")
	fs.IntVar(&f.port, "p", defaultPort, "the port; 0 picks a free one")
	fs.IntVar(&f.port, "port", defaultPort, "the port; 0 picks a free one")
	stringFlag(fs, &f.baseURL, "b", "baseURL", "", "the site's URL in the preview (default: the preview's own address)")
	boolFlag(fs, &f.drafts, "D", "drafts", "include briefings marked draft: true")
	boolFlag(fs, &f.future, "F", "future", "include briefings dated in the future")
	fs.BoolVar(&f.noReload, "no-reload", false, "do not reload open pages after a rebuild")
	fs.BoolVar(&f.navigate, "navigate", false, "after an edit to a briefing, show its page in the open browser")
	fs.BoolVar(&f.open, "open", false, "open the preview in the default browser")
	fs.Var(&f.hosts, "allowed-host", "a host name to accept besides localhost and the bound address (repeatable)")
	fs.StringVar(&f.cacheDir, "cacheDir", ".brief-cache", "the build cache, relative to the site root; empty keeps it in memory")
	if code, done := parse(fs, args, stdout); done {
		return code
	}
	root, err := filepath.Abs(f.source)
	if err != nil || !isDir(root) {
		fmt.Fprintf(stderr, "brief serve: --source %q is not a folder\n", f.source)
		return ExitUsage
	}
	explicitPort := false
	fs.Visit(func(fl *flag.Flag) { explicitPort = explicitPort || fl.Name == "p" || fl.Name == "port" })
	ln, err := listen(f.bind, f.port, explicitPort)
	if err != nil {
		fmt.Fprintf(stderr, "brief serve: %v\n", err)
		return ExitUsage
	}
	cacheDir := ""
	if f.cacheDir != "" {
		cacheDir = fromRoot(root, f.cacheDir)
	}
	srv, err := server.New(ln, server.Options{
		Root: root, BaseURL: f.baseURL, Drafts: f.drafts, Future: f.future,
		Reload: !f.noReload, Navigate: f.navigate, AllowedHosts: f.hosts, CacheDir: cacheDir, Log: stderr,
	})
	if err != nil {
		ln.Close()
		fmt.Fprintf(stderr, "brief serve: %v\n", err)
		return ExitUsage
	}
	if !isLoopback(f.bind) {
		fmt.Fprintf(stderr, "brief serve: warning: listening on %s makes the preview (drafts included, with -D) reachable from other machines\n", f.bind)
	}
	fmt.Fprintf(stderr, "brief serve: serving %s at %s (drafts %s, future %s); press Ctrl+C to stop\n",
		displayRoot(root), srv.URL(), onOff(f.drafts), onOff(f.future))
	if f.open {
		openBrowser(srv.URL(), stderr)
	}
	if err := srv.Run(ctx); err != nil {
		fmt.Fprintf(stderr, "brief serve: %v\n", err)
		return ExitError
	}
	fmt.Fprintln(stderr, "brief serve: stopped")
	return ExitOK
}

// listen opens the port, or, when the default port is taken and no port
// was asked for, the next free one.
func listen(bind string, port int, explicit bool) (net.Listener, error) {
	tries := 1
	if !explicit && port != 0 {
		tries = portTries
	}
	var err error
	for i := range tries {
		var ln net.Listener
		ln, err = net.Listen("tcp", net.JoinHostPort(bind, strconv.Itoa(port+i)))
		if err == nil {
			return ln, nil
		}
		if !addrInUse(err) {
			return nil, fmt.Errorf("cannot listen on %s: %v", net.JoinHostPort(bind, strconv.Itoa(port+i)), unwrapOp(err))
		}
	}
	if explicit {
		return nil, fmt.Errorf("port %d is in use; pick another with -p/--port (0 picks a free one)", port)
	}
	return nil, fmt.Errorf("ports %d to %d are in use; pick one with -p/--port (0 picks a free one)", port, port+tries-1)
}

func unwrapOp(err error) error {
	var op *net.OpError
	if errors.As(err, &op) {
		return op.Err
	}
	return err
}

func isLoopback(bind string) bool {
	if bind == "localhost" {
		return true
	}
	ip := net.ParseIP(strings.Trim(bind, "[]"))
	return ip != nil && ip.IsLoopback()
}

func onOff(b bool) string {
	if b {
		return "shown"
	}
	return "hidden"
}

// openBrowser asks the desktop to open url, where there is one.
func openBrowser(url string, stderr io.Writer) {
	name, args := "xdg-open", []string{url}
	switch runtime.GOOS {
	case "darwin":
		name = "open"
	case "windows":
		name, args = "rundll32", []string{"url.dll,FileProtocolHandler", url}
	}
	if _, err := exec.LookPath(name); err != nil {
		fmt.Fprintf(stderr, "brief serve: --open: no %s here; open %s yourself\n", name, url)
		return
	}
	cmd := exec.Command(name, args...)
	if err := cmd.Start(); err != nil {
		fmt.Fprintf(stderr, "brief serve: --open: %v\n", err)
		return
	}
	go cmd.Wait() // reap it

}

// displayRoot names the site root relative to the working folder when it
// is inside it.
func displayRoot(root string) string {
	wd, err := os.Getwd()
	if err != nil || wd == root {
		return "."
	}
	return rel(wd, root)
}
