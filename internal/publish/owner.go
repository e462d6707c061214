package publish

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
)

// Marker is the file brief leaves at the top of every destination it
// builds, so that a later build knows the folder is its own to replace
// (even once the cache, with the manifest, is deleted). Like Sphinx's
// .buildinfo, it is published with the site; it is hidden, and brief serve
// never serves hidden files.
const Marker = ".built-by-brief"

// markerText tells a person who finds the marker what it is for.
const markerText = "This folder is a site built by brief. Each build replaces everything in it\n" +
	"but .git: keep your own files elsewhere. Deleting this file makes brief\n" +
	"refuse to build here unless given --clean-destination.\n"

// ForeignError is a destination brief did not build that holds files (or
// is not a folder): building into it would delete them.
type ForeignError struct {
	Dest   string
	NotDir bool     // a file, or something else that is not a folder
	Files  []string // slash-separated, relative to Dest, sorted
}

func (e *ForeignError) Error() string {
	if e.NotDir {
		return fmt.Sprintf("refusing to replace %s: it is a file, not a folder brief built", e.Dest)
	}
	return fmt.Sprintf("refusing to build into %s: brief did not build it, and it holds %s", e.Dest, e.Sample(3))
}

// Sample names up to n of the files, with how many more there are.
func (e *ForeignError) Sample(n int) string {
	if e.NotDir {
		return filepath.Base(e.Dest)
	}
	names := e.Files[:min(n, len(e.Files))]
	s := strings.Join(names, ", ")
	if more := len(e.Files) - len(names); more > 0 {
		s += fmt.Sprintf(" and %d more %s", more, map[bool]string{true: "file", false: "files"}[more == 1])
	}
	return s
}

// Claim checks that the build may replace what dest holds: nothing (no
// dest, an empty folder, or only .git, which a build keeps), or a site
// brief built (its Marker, or the manifest of its last build into dest).
// Anything else is a *ForeignError, listing what a build would delete.
// dest must be a path without symbolic links (see Follow).
func Claim(dest, manifest string) error {
	info, err := os.Lstat(dest)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return nil
	case err != nil:
		return err
	case !info.IsDir():
		return &ForeignError{Dest: dest, NotDir: true}
	}
	if st, err := os.Lstat(filepath.Join(dest, Marker)); err == nil && st.Mode().IsRegular() {
		return nil
	}
	if manifest != "" {
		if _, err := os.Stat(manifest); err == nil {
			return nil // built by a brief older than the marker
		}
	}
	files, err := listForeign(dest)
	if err != nil {
		return fmt.Errorf("cannot list %s: %w", dest, err)
	}
	if len(files) == 0 {
		return nil
	}
	return &ForeignError{Dest: dest, Files: files}
}

// listForeign lists every file under dest but those of .git, sorted.
func listForeign(dest string) ([]string, error) {
	var files []string
	err := filepath.WalkDir(dest, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(dest, p)
		rel = filepath.ToSlash(rel)
		switch {
		case p == dest:
			return nil
		case rel == ".git":
			return fs.SkipDir
		case !d.IsDir():
			files = append(files, rel)
		}
		return nil
	})
	sort.Strings(files)
	return files, err
}

// Follow returns the folder a destination that is a symbolic link points
// to, so the site is written into it and the link kept; dest itself
// otherwise. A link to nothing is an error: brief would not know where to
// make the folder.
func Follow(dest string) (string, error) {
	info, err := os.Lstat(dest)
	if err != nil || info.Mode()&fs.ModeSymlink == 0 {
		return dest, nil
	}
	target, err := filepath.EvalSymlinks(dest)
	if err != nil {
		link, _ := os.Readlink(dest)
		return "", fmt.Errorf("%s is a symbolic link to %s, which does not exist: make that folder, or remove the link", dest, link)
	}
	return target, nil
}

// writeMarker leaves the Marker in dir.
func writeMarker(dir string) error {
	_, _, err := writeFile(filepath.Join(dir, Marker), []byte(markerText))
	return err
}
