package diag

import (
	"strings"
	"testing"
)

// TestFileNamesCannotForgeLines: a path with a line break, an escape
// sequence, a bidirectional override or invalid UTF-8 is printed quoted
// and escaped, so each diagnostic stays one line.
func TestFileNamesCannotForgeLines(t *testing.T) {
	tests := []struct{ file, want string }{
		{"content/a.md", "content/a.md:3:1: bad"},
		{"content/війна.md", "content/війна.md:3:1: bad"},
		{"content/a\nforged.md:1:1: error: x.md", `"content/a\nforged.md:1:1: error: x.md":3:1: bad`},
		{"content/\x1b[31mred.md", `"content/\x1b[31mred.md":3:1: bad`},
		{"content/\xff\xfe.md", `"content/\xff\xfe.md":3:1: bad`},
		{"content/\u202egnp.md", `"content/\u202egnp.md":3:1: bad`},
		{"content/a\rb.md", `"content/a\rb.md":3:1: bad`},
	}
	for _, tt := range tests {
		got := Errorf(Pos{File: tt.file, Line: 3, Col: 1}, "bad").Error()
		if got != tt.want {
			t.Errorf("file %q: got\n  %s\nwant\n  %s", tt.file, got, tt.want)
		}
	}
}

// TestMessagesStayOneLine: text from outside (a server's error, a link as
// written) cannot add lines to the report either.
func TestMessagesStayOneLine(t *testing.T) {
	l := List{
		Errorf(Pos{File: "a.html", Line: 1}, "external link to %s: %s", "https://x.example/", "malformed header line: \r\nb.html:1: all good\x1b[0m"),
		Warnf(Pos{File: "b.html"}, "broken link to /%s", "\n\u2028"),
	}
	got := l.Error()
	want := `a.html:1: external link to https://x.example/: malformed header line: \r\nb.html:1: all good\x1b[0m` + "\n" +
		`b.html: warning: broken link to /\n\u2028`
	if got != want {
		t.Errorf("got\n%s\nwant\n%s", got, want)
	}
	if n := strings.Count(got, "\n"); n != len(l)-1 {
		t.Errorf("%d line breaks for %d diagnostics", n, len(l))
	}
}

// TestEscapeKeepsPrintableText: text that prints, in any script, with a
// U+FFFD written out, is left as it is.
func TestEscapeKeepsPrintableText(t *testing.T) {
	for _, s := range []string{"", "plain", "війна 战争 ß ﬁ", "a \uFFFD b", `quote " and \ backslash`} {
		if got := Escape(s); got != s {
			t.Errorf("Escape(%q) = %q", s, got)
		}
	}
}
