// Package diag owns positions and the diagnostics (errors and warnings) that
// every stage of the pipeline reports: each names path:line:col and says what
// to do, and a List collects all of them so one run reports everything.
package diag

import (
	"fmt"
	"sort"
	"strconv"
	"strings"
	"sync"
	"unicode/utf8"
)

// Pos is a position in a file: 1-based line and column; zero means unknown.
type Pos struct {
	File string
	Line int
	Col  int
}

// String formats the position as path:line:col, leaving out unknown parts.
// A path that does not print as it is (control characters, invalid UTF-8)
// is quoted and escaped, as strconv.Quote does.
func (p Pos) String() string {
	file := p.File
	if Escape(file) != file {
		file = strconv.Quote(file)
	}
	switch {
	case p.Line == 0:
		return file
	case p.Col == 0:
		return fmt.Sprintf("%s:%d", file, p.Line)
	}
	return fmt.Sprintf("%s:%d:%d", file, p.Line, p.Col)
}

// Escape returns s with each rune that does not print (control characters
// such as a line break or an escape, line separators, bidirectional and
// other format characters, spaces other than U+0020) escaped as in a Go
// string literal, and each byte of invalid UTF-8 as \xNN. Text from files
// and servers goes through it, so that a diagnostic stays one line and
// reads as it is: nothing in it can forge another line or recolour a
// terminal.
func Escape(s string) string {
	if printable(s) {
		return s
	}
	var b strings.Builder
	for i, r := range s {
		switch {
		case invalidAt(s, i, r):
			fmt.Fprintf(&b, `\x%02x`, s[i])
		case strconv.IsPrint(r):
			b.WriteRune(r)
		default:
			q := strconv.QuoteRuneToASCII(r)
			b.WriteString(q[1 : len(q)-1])
		}
	}
	return b.String()
}

// printable tells whether every rune of s is valid and prints.
func printable(s string) bool {
	for i, r := range s {
		if invalidAt(s, i, r) || !strconv.IsPrint(r) {
			return false
		}
	}
	return true
}

// invalidAt tells whether r, read at s[i], stands for a byte that is not
// UTF-8 rather than for a U+FFFD written out.
func invalidAt(s string, i int, r rune) bool {
	if r != utf8.RuneError {
		return false
	}
	_, size := utf8.DecodeRuneInString(s[i:])
	return size == 1
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

// Error formats the diagnostic as "path:line:col: message" (warnings say
// so), on one line: what does not print in the message is escaped.
func (d Diagnostic) Error() string {
	if d.Severity == Warning {
		return d.Pos.String() + ": warning: " + Escape(d.Msg)
	}
	return d.Pos.String() + ": " + Escape(d.Msg)
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
