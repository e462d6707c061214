// Package treetest holds the test helper shared by the packages that write
// sites to disk: a folder read back as path → content.
package treetest

import (
	"io/fs"
	"os"
	"path/filepath"
	"testing"
)

// Read returns every file under dir by its slash-separated path relative
// to dir, with its content.
func Read(t testing.TB, dir string) map[string]string {
	t.Helper()
	files := map[string]string{}
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := os.ReadFile(p)
		rel, _ := filepath.Rel(dir, p)
		files[filepath.ToSlash(rel)] = string(b)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return files
}
