package build_test

import (
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestSearchBytesAsOnDisk: the size of the search index in the build's
// summary is that of its files in the destination (minified, with
// --minify), whether they were made again or kept since the last build.
func TestSearchBytesAsOnDisk(t *testing.T) {
	for _, minify := range []bool{false, true} {
		root := t.TempDir()
		if err := os.CopyFS(filepath.Join(root, "content"), os.DirFS("../../content")); err != nil {
			t.Fatal(err)
		}
		dest := filepath.Join(root, "public")
		run := func(step string) {
			t.Helper()
			res := buildOnDisk(t, root, minify, nil)
			var onDisk int64
			files := 0
			search := filepath.Join(dest, "search")
			filepath.WalkDir(search, func(p string, d fs.DirEntry, err error) error {
				if err == nil && !d.IsDir() && p != filepath.Join(search, "index.html") { // the search page
					info, _ := d.Info()
					onDisk += info.Size()
					files++
				}
				return err
			})
			if res.SearchBytes != onDisk || res.SearchFiles != files {
				t.Fatalf("minify %v, %s: summary says %d files, %d bytes; the destination holds %d, %d bytes", minify, step, res.SearchFiles, res.SearchBytes, files, onDisk)
			}
		}
		run("first build")
		briefings, _ := filepath.Glob(filepath.Join(root, "content", "2025", "*.md"))
		if len(briefings) == 0 {
			t.Fatal("no briefings in the example site")
		}
		b, _ := os.ReadFile(briefings[0])
		os.WriteFile(briefings[0], append(b, "\nAnother paragraph about drones.\n"...), 0o644)
		run("a body edited")
		b, _ = os.ReadFile(briefings[0])
		os.WriteFile(briefings[0], []byte(strings.Replace(string(b), "title: ", "title: Renamed ", 1)), 0o644)
		run("a title edited")
	}
}
