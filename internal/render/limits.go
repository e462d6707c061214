package render

import (
	"errors"
	"io"
	"strings"
	"sync"
	"sync/atomic"
	"text/template/parse"
	"time"

	"github.com/brief-ssg/brief/internal/diag"
)

// DefaultPageTimeLimit is how long the layouts may take to render one page
// (or one briefing's "entry"): past it, rendering stops with an error that
// names the layout and the page. The default layouts take milliseconds; a
// layout that takes seconds has a loop that does not end.
const DefaultPageTimeLimit = 10 * time.Second

// errStopped stops templates once a page took too long. html/template
// cannot be cancelled: every range loop and template call of a layout
// starts with a call of tickFunc (see addTicks), which fails once stopped
// is set; a layout without loops nor calls ends soon anyway.
var errStopped = errors.New("rendering stopped: a page took longer than its time limit")

// tickFunc is the template function addTicks puts in layouts.
const tickFunc = "briefTick"

// addTicks puts a tick at the start of every range loop's body and before
// every template call in the tree under n, at the loop's or call's
// position, so a layout that never ends is stopped at its next iteration
// or call even when it writes nothing.
func addTicks(n parse.Node) {
	switch n := n.(type) {
	case *parse.ListNode:
		if n == nil {
			return
		}
		out := make([]parse.Node, 0, len(n.Nodes))
		for _, c := range n.Nodes {
			if c, ok := c.(*parse.TemplateNode); ok {
				out = append(out, tickAt(c.Pos, c.Line))
			}
			addTicks(c)
			out = append(out, c)
		}
		n.Nodes = out
	case *parse.RangeNode:
		addTicks(n.List)
		addTicks(n.ElseList)
		if n.List != nil {
			n.List.Nodes = append([]parse.Node{tickAt(n.Pos, n.Line)}, n.List.Nodes...)
		}
	case *parse.IfNode:
		addTicks(n.List)
		addTicks(n.ElseList)
	case *parse.WithNode:
		addTicks(n.List)
		addTicks(n.ElseList)
	}
}

// tickAt is the action {{$_ := briefTick}} at pos: it declares a
// variable, so it writes nothing, and html/template leaves it unescaped.
// Its nodes belong to no tree, so errors place them in the template that
// runs them.
func tickAt(pos parse.Pos, line int) *parse.ActionNode {
	call := &parse.CommandNode{NodeType: parse.NodeCommand, Pos: pos, Args: []parse.Node{parse.NewIdentifier(tickFunc).SetPos(pos)}}
	decl := &parse.VariableNode{NodeType: parse.NodeVariable, Pos: pos, Ident: []string{"$_"}}
	pipe := &parse.PipeNode{NodeType: parse.NodePipe, Pos: pos, Line: line, Decl: []*parse.VariableNode{decl}, Cmds: []*parse.CommandNode{call}}
	return &parse.ActionNode{NodeType: parse.NodeAction, Pos: pos, Line: line, Pipe: pipe}
}

// stopWriter drops every write once stopped is set, so a stopped page
// takes no more memory until its next tick ends it, and the error comes
// from the tick, which knows the line of the loop.
type stopWriter struct {
	w       io.Writer
	stopped *atomic.Bool
}

func (w stopWriter) Write(p []byte) (int, error) {
	if w.stopped.Load() {
		return len(p), nil
	}
	return w.w.Write(p)
}

// watch times the template executions of one rendering: a goroutine looks
// at the running ones a few times a limit, and marks any that ran past
// it as late and stops every execution (errStopped). The late ones report
// the error; the others, stopped half way, report nothing, since the build
// fails anyway.
type watch struct {
	limit   time.Duration
	stopped atomic.Bool
	mu      sync.Mutex
	runs    map[*run]struct{}
	quit    chan struct{}
	done    chan struct{}
}

// run is one execution of a layout.
type run struct {
	start time.Time
	late  bool // guarded by watch.mu
}

func newWatch(limit time.Duration) *watch {
	if limit <= 0 {
		limit = DefaultPageTimeLimit
	}
	w := &watch{limit: limit, runs: map[*run]struct{}{}, quit: make(chan struct{}), done: make(chan struct{})}
	go w.loop()
	return w
}

func (w *watch) loop() {
	defer close(w.done)
	ticker := time.NewTicker(min(max(w.limit/20, 5*time.Millisecond), 250*time.Millisecond))
	defer ticker.Stop()
	for {
		select {
		case <-w.quit:
			return
		case now := <-ticker.C:
			w.mu.Lock()
			for r := range w.runs {
				if now.Sub(r.start) > w.limit {
					r.late = true
					w.stopped.Store(true)
				}
			}
			w.mu.Unlock()
		}
	}
}

// close ends the watch.
func (w *watch) close() {
	close(w.quit)
	<-w.done
}

// begin starts timing an execution.
func (w *watch) begin() *run {
	r := &run{start: time.Now()}
	w.mu.Lock()
	w.runs[r] = struct{}{}
	w.mu.Unlock()
	return r
}

// end stops timing r and reports whether it was late.
func (w *watch) end(r *run) bool {
	w.mu.Lock()
	defer w.mu.Unlock()
	delete(w.runs, r)
	return r.late
}

// timed runs exec, an execution of layouts for the page at path whose own
// layout is layout, writing through a stopWriter. It returns the error to
// report and whether exec failed: a failure without message is a page
// stopped because another took too long, which reports nothing.
func (t *Templates) timed(layout, path string, exec func(w io.Writer) error, w io.Writer) (d diag.Diagnostic, failed bool) {
	wd := t.watch
	if wd == nil {
		if err := exec(w); err != nil {
			return templateError(err), true
		}
		return diag.Diagnostic{}, false
	}
	r := wd.begin()
	var err error
	var late bool
	func() {
		defer func() { late = wd.end(r) }() // also when exec panics
		err = exec(stopWriter{w, &wd.stopped})
	}()
	switch {
	case late:
		at := diag.Pos{File: layout}
		if err != nil && strings.Contains(err.Error(), tickFunc) {
			at = templateError(err).Pos // the loop or call it was in
		}
		return diag.Errorf(at, "rendering %s took longer than %v, the time limit of a page: look for a range or template call that never ends", path, wd.limit), true
	case errors.Is(err, errStopped):
		return diag.Diagnostic{}, true // another page was late
	case err != nil:
		return templateError(err), true
	}
	return diag.Diagnostic{}, false
}
