package main

import (
	"bytes"
	"fmt"
	"io"
	"io/fs"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/rogpeppe/go-internal/testscript"
)

func TestMain(m *testing.M) {
	testscript.Main(m, map[string]func(){"brief": main})
}

// TestScripts runs the command-line scripts in testdata/script.
func TestScripts(t *testing.T) {
	testscript.Run(t, testscript.Params{
		Dir: "testdata/script",
		Cmds: map[string]func(ts *testscript.TestScript, neg bool, args []string){
			"cmptree":  cmpTree,
			"snapshot": snapshot,
			"holdlock": holdLock,
			"glob":     glob,
			"stamp":    stamp,
			"freeport": freePort,
			"holdport": holdPort,
			"fetch":    fetch,
			"waitfor":  waitFor,
		},
		Setup: func(env *testscript.Env) error {
			env.Setenv("HOME", env.Getenv("WORK")+"/home")
			env.Setenv("USERPROFILE", env.Getenv("WORK")+"/home") // the home folder on Windows
			return os.MkdirAll(env.Getenv("WORK")+"/home", 0o755)
		},
	})
}

// cmptree a b: the two trees hold the same files with the same bytes.
func cmpTree(ts *testscript.TestScript, neg bool, args []string) {
	if len(args) != 2 {
		ts.Fatalf("usage: cmptree dir1 dir2")
	}
	a, b := tree(ts, ts.MkAbs(args[0])), tree(ts, ts.MkAbs(args[1]))
	var diffs []string
	for p, da := range a {
		if db, ok := b[p]; !ok {
			diffs = append(diffs, "only in "+args[0]+": "+p)
		} else if !bytes.Equal(da, db) {
			diffs = append(diffs, "differs: "+p)
		}
	}
	for p := range b {
		if _, ok := a[p]; !ok {
			diffs = append(diffs, "only in "+args[1]+": "+p)
		}
	}
	if neg && len(diffs) == 0 {
		ts.Fatalf("trees are identical")
	}
	if !neg && len(diffs) > 0 {
		ts.Fatalf("trees differ:\n%s", strings.Join(diffs, "\n"))
	}
}

func tree(ts *testscript.TestScript, dir string) map[string][]byte {
	out := map[string][]byte{}
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := os.ReadFile(p)
		rel, _ := filepath.Rel(dir, p)
		out[filepath.ToSlash(rel)] = b
		return err
	})
	ts.Check(err)
	return out
}

// snapshot dir copy: copies a tree, modes and all, to compare with later.
func snapshot(ts *testscript.TestScript, neg bool, args []string) {
	if len(args) != 2 {
		ts.Fatalf("usage: snapshot dir copy")
	}
	src, dst := ts.MkAbs(args[0]), ts.MkAbs(args[1])
	for p, b := range tree(ts, src) {
		target := filepath.Join(dst, filepath.FromSlash(p))
		ts.Check(os.MkdirAll(filepath.Dir(target), 0o755))
		ts.Check(os.WriteFile(target, b, 0o644))
	}
}

var heldLocks []*os.File

// holdlock path: takes the build lock on a destination as a running build would.
func holdLock(ts *testscript.TestScript, neg bool, args []string) {
	dest := ts.MkAbs(args[0])
	f, err := os.OpenFile(filepath.Join(filepath.Dir(dest), "."+filepath.Base(dest)+".lock"), os.O_CREATE|os.O_RDWR, 0o644)
	ts.Check(err)
	ts.Check(lockFile(f))
	heldLocks = append(heldLocks, f)
	ts.Defer(func() { f.Close() })
}

// glob pattern: at least one file matches (with !, none does).
func glob(ts *testscript.TestScript, neg bool, args []string) {
	m, err := filepath.Glob(ts.MkAbs(args[0]))
	ts.Check(err)
	if neg && len(m) > 0 {
		ts.Fatalf("unexpected files: %s", strings.Join(m, " "))
	}
	if !neg && len(m) == 0 {
		ts.Fatalf("no file matches %s", args[0])
	}
	fmt.Fprint(ts.Stdout(), strings.Join(m, "\n"))
}

// stamp dir file: writes every file of dir with its size and modification
// time to file, to compare two builds with cmp.
func stamp(ts *testscript.TestScript, neg bool, args []string) {
	dir := ts.MkAbs(args[0])
	var b strings.Builder
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		info, err := d.Info()
		rel, _ := filepath.Rel(dir, p)
		fmt.Fprintf(&b, "%s %d %d\n", filepath.ToSlash(rel), info.Size(), info.ModTime().UnixNano())
		return err
	})
	ts.Check(err)
	ts.Check(os.WriteFile(ts.MkAbs(args[1]), []byte(b.String()), 0o644))
}

// freeport NAME: sets $NAME to a port that is free now.
func freePort(ts *testscript.TestScript, neg bool, args []string) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	ts.Check(err)
	ts.Setenv(args[0], strconv.Itoa(ln.Addr().(*net.TCPAddr).Port))
	ln.Close()
}

// holdport NAME: takes a free port for the rest of the script and sets
// $NAME to it.
func holdPort(ts *testscript.TestScript, neg bool, args []string) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	ts.Check(err)
	ts.Setenv(args[0], strconv.Itoa(ln.Addr().(*net.TCPAddr).Port))
	ts.Defer(func() { ln.Close() })
}

// serverTimeout bounds how long fetch and waitfor wait for a server.
const serverTimeout = 10 * time.Second

// get fetches url with an optional Host header, without following redirects.
func get(url, host string) (int, string, error) {
	req, err := http.NewRequest("GET", url, nil)
	if err != nil {
		return 0, "", err
	}
	if host != "" {
		req.Host = host
	}
	client := &http.Client{Timeout: 5 * time.Second, CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	resp, err := client.Do(req)
	if err != nil {
		return 0, "", err
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	return resp.StatusCode, string(body), err
}

// fetch [-host=H] URL STATUS: waits for the server to answer, checks the
// status and writes the body to stdout.
func fetch(ts *testscript.TestScript, neg bool, args []string) {
	host := ""
	if h, ok := strings.CutPrefix(args[0], "-host="); ok {
		host, args = h, args[1:]
	}
	if len(args) != 2 {
		ts.Fatalf("usage: fetch [-host=H] URL STATUS")
	}
	deadline := time.Now().Add(serverTimeout)
	for {
		status, body, err := get(args[0], host)
		if err == nil {
			if strconv.Itoa(status) != args[1] {
				ts.Fatalf("GET %s = %d, want %s:\n%s", args[0], status, args[1], body)
			}
			fmt.Fprint(ts.Stdout(), body)
			return
		}
		if time.Now().After(deadline) {
			ts.Fatalf("GET %s: %v", args[0], err)
		}
		time.Sleep(20 * time.Millisecond)
	}
}

// waitfor URL REGEXP: waits until the page matches (with !, stops
// matching) and writes its body to stdout.
func waitFor(ts *testscript.TestScript, neg bool, args []string) {
	if len(args) != 2 {
		ts.Fatalf("usage: waitfor URL REGEXP")
	}
	re := regexp.MustCompile(args[1])
	deadline := time.Now().Add(serverTimeout)
	for {
		_, body, err := get(args[0], "")
		if err == nil && re.MatchString(body) != neg {
			fmt.Fprint(ts.Stdout(), body)
			return
		}
		if time.Now().After(deadline) {
			ts.Fatalf("after %s, %s matches %q = %v (error %v):\n%s", serverTimeout, args[0], args[1], neg, err, body)
		}
		time.Sleep(20 * time.Millisecond)
	}
}
