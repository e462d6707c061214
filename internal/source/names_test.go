package source

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestUnsafeFileNamesAreReportedSafely: a content file whose name holds a
// line break, an escape character or bytes that are not UTF-8 is an error
// that names it quoted and escaped, on one line, whether found by a walk
// or reported changed by a watcher; a file named in Cyrillic is listed.
func TestUnsafeFileNamesAreReportedSafely(t *testing.T) {
	root := t.TempDir()
	dir := filepath.Join(root, "content")
	os.MkdirAll(dir, 0o755)
	names := []string{"a\nforged.md:1:1: all good.md", "\x1b[31mred.md", "bad\xff.md", "війна.md"}
	for _, n := range names {
		if err := os.WriteFile(filepath.Join(dir, n), []byte("x"), 0o644); err != nil {
			t.Skipf("this file system refuses the name %q: %v", n, err)
		}
	}
	want := []string{
		`"content/\x1b[31mred.md": file name holds the control character '\x1b': rename the file; a briefing's URL and every report name it`,
		`"content/a\nforged.md:1:1: all good.md": file name holds the control character '\n': rename the file; a briefing's URL and every report name it`,
		`"content/bad\xff.md": file name is not valid UTF-8: rename the file; a briefing's URL and every report name it`,
	}
	check := func(how string, files []File, diags error) {
		t.Helper()
		if len(files) != 1 || files[0].Path != "content/війна.md" {
			t.Errorf("%s: listed %v, want only content/війна.md", how, files)
		}
		if got := diags.Error(); got != strings.Join(want, "\n") {
			t.Errorf("%s: diagnostics\n%s\nwant\n%s", how, got, strings.Join(want, "\n"))
		}
	}
	files, diags := Walk(os.DirFS(root), Options{Dir: "content"})
	check("walk", files, diags)

	var l Listing
	opt := Options{Dir: "content"}
	l.Update(os.DirFS(root), opt, nil)
	changed := make([]string, len(names))
	for i, n := range names {
		changed[i] = "content/" + n
	}
	files, diags = l.Update(os.DirFS(root), opt, changed)
	check("update", files, diags)
}
