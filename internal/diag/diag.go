// Package diag owns positions and the diagnostics (errors and warnings) that
// every stage of the pipeline reports: each names path:line:col and says what
// to do, and a List collects all of them so one run reports everything.
package diag

import (
	"fmt"
	"sort"
	"strings"
	"sync"
)

// Pos is a position in a file: 1-based line and column; zero means unknown.
type Pos struct {
	File string
	Line int
	Col  int
}

// String formats the position as path:line:col, leaving out unknown parts.
func (p Pos) String() string {
	switch {
	case p.Line == 0:
		return p.File
	case p.Col == 0:
		return fmt.Sprintf("%s:%d", p.File, p.Line)
	}
	return fmt.Sprintf("%s:%d:%d", p.File, p.Line, p.Col)
}

// Severity tells an error from a warning.
type Severity int

const (
	// Error stops the build.
	Error Severity = iota
	// Warning is reported but lets the build go on, unless --strict.
	Warning
)

// Diagnostic is one problem at one position.
type Diagnostic struct {
	Pos      Pos
	Severity Severity
	Msg      string
}

// Error formats the diagnostic as "path:line:col: message" (warnings say so).
func (d Diagnostic) Error() string {
	if d.Severity == Warning {
		return d.Pos.String() + ": warning: " + d.Msg
	}
	return d.Pos.String() + ": " + d.Msg
}

// Errorf makes an error diagnostic.
func Errorf(pos Pos, format string, args ...any) Diagnostic {
	return Diagnostic{Pos: pos, Severity: Error, Msg: fmt.Sprintf(format, args...)}
}

// Warnf makes a warning diagnostic.
func Warnf(pos Pos, format string, args ...any) Diagnostic {
	return Diagnostic{Pos: pos, Severity: Warning, Msg: fmt.Sprintf(format, args...)}
}

// List is a collection of diagnostics. It is safe for concurrent use through
// a Collector; a plain List is not.
type List []Diagnostic

// Add appends d.
func (l *List) Add(d Diagnostic) { *l = append(*l, d) }

// Errorf appends an error diagnostic.
func (l *List) Errorf(pos Pos, format string, args ...any) { l.Add(Errorf(pos, format, args...)) }

// Warnf appends a warning diagnostic.
func (l *List) Warnf(pos Pos, format string, args ...any) { l.Add(Warnf(pos, format, args...)) }

// Sort orders the list by file, line, column and message, so output does not
// depend on the order in which parallel workers reported.
func (l List) Sort() {
	sort.SliceStable(l, func(i, j int) bool {
		a, b := l[i], l[j]
		if a.Pos.File != b.Pos.File {
			return a.Pos.File < b.Pos.File
		}
		if a.Pos.Line != b.Pos.Line {
			return a.Pos.Line < b.Pos.Line
		}
		if a.Pos.Col != b.Pos.Col {
			return a.Pos.Col < b.Pos.Col
		}
		return a.Msg < b.Msg
	})
}

// Errors returns only the errors.
func (l List) Errors() List { return l.filter(Error) }

// Warnings returns only the warnings.
func (l List) Warnings() List { return l.filter(Warning) }

func (l List) filter(s Severity) List {
	var out List
	for _, d := range l {
		if d.Severity == s {
			out = append(out, d)
		}
	}
	return out
}

// Strict turns every warning into an error.
func (l List) Strict() List {
	out := make(List, len(l))
	for i, d := range l {
		d.Severity = Error
		out[i] = d
	}
	return out
}

// Err returns the list as an error when it holds at least one error, else nil.
func (l List) Err() error {
	if len(l.Errors()) == 0 {
		return nil
	}
	return l
}

// Error joins every diagnostic, one per line.
func (l List) Error() string {
	var b strings.Builder
	for i, d := range l {
		if i > 0 {
			b.WriteByte('\n')
		}
		b.WriteString(d.Error())
	}
	return b.String()
}

// Collector gathers diagnostics from concurrent workers.
type Collector struct {
	mu   sync.Mutex
	list List
}

// Add records diagnostics.
func (c *Collector) Add(ds ...Diagnostic) {
	c.mu.Lock()
	c.list = append(c.list, ds...)
	c.mu.Unlock()
}

// List returns the sorted diagnostics gathered so far.
func (c *Collector) List() List {
	c.mu.Lock()
	defer c.mu.Unlock()
	out := append(List(nil), c.list...)
	out.Sort()
	return out
}
