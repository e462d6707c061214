package source

import (
	"errors"
	"io/fs"
	"path"
	"slices"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/brief-ssg/brief/internal/diag"
	"github.com/brief-ssg/brief/internal/parallel"
)

// Listing is the list of a content folder's files kept between builds, so
// that a build told which paths changed (by a file watcher) reads only
// those again instead of every folder and file. The zero Listing is empty
// and walks the whole folder on first use.
type Listing struct {
	opt   Options
	valid bool                         // files and diags match the folder as last seen
	files []File                       // sorted by path
	diags map[string][]diag.Diagnostic // by the path they are about
}

// Update brings the listing up to date and returns its files, sorted by
// path, with the diagnostics of listing them. changed names the paths,
// relative to fsys, that may have changed since the last Update; nil means
// unknown, and the whole folder is walked again. So is it when a folder
// was added, when a path cannot be read, or when the options changed.
func (l *Listing) Update(fsys fs.FS, opt Options, changed []string) ([]File, diag.List) {
	opt = opt.withDefaults()
	if changed == nil || !l.valid || l.opt.Dir != opt.Dir || l.opt.MaxFileSize != opt.MaxFileSize || !l.apply(fsys, opt, changed) {
		l.walk(fsys, opt)
	}
	var diags diag.List
	for _, ds := range l.diags {
		diags = append(diags, ds...)
	}
	diags.Sort()
	return slices.Clone(l.files), diags
}

// walk lists the whole content folder.
func (l *Listing) walk(fsys fs.FS, opt Options) {
	*l = Listing{opt: opt, valid: true, diags: map[string][]diag.Diagnostic{}}
	var found []candidate
	err := fs.WalkDir(fsys, opt.Dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			if p == opt.Dir && errors.Is(err, fs.ErrNotExist) {
				return fs.SkipAll // no content folder: an empty site
			}
			l.diags[p] = append(l.diags[p], diag.Errorf(diag.Pos{File: p}, "cannot read: %v", unwrapPath(err)))
			l.valid = false
			return nil
		}
		if p != opt.Dir && hiddenName(d.Name()) {
			if d.IsDir() {
				return fs.SkipDir
			}
			return nil
		}
		if ok, skip := listable(p, d.Type()); skip != nil {
			l.diags[p] = []diag.Diagnostic{*skip}
		} else if ok {
			found = append(found, candidate{p, d})
		}
		return nil
	})
	if err != nil {
		l.diags[opt.Dir] = append(l.diags[opt.Dir], diag.Errorf(diag.Pos{File: opt.Dir}, "cannot read: %v", err))
		l.valid = false
	}
	// Reading each file's size and times is a system call per file: on
	// every core at once.
	infos := make([]fs.FileInfo, len(found))
	errs := make([]error, len(found))
	parallel.For(len(found), func(_, i int) { infos[i], errs[i] = found[i].d.Info() })
	for i, c := range found {
		l.add(c.path, infos[i], errs[i])
	}
	slices.SortFunc(l.files, func(a, b File) int { return strings.Compare(a.Path, b.Path) })
}

// apply updates the listing for the changed paths, and reports false when
// only a new walk can: a folder appeared, or a path could not be read.
func (l *Listing) apply(fsys fs.FS, opt Options, changed []string) bool {
	for _, p := range changed {
		if p == opt.Dir || strings.HasPrefix(opt.Dir, p+"/") {
			return false // the content folder itself moved
		}
		rel, ok := strings.CutPrefix(p, opt.Dir+"/")
		if !ok {
			continue
		}
		if slices.ContainsFunc(strings.Split(rel, "/"), hiddenName) {
			continue // never listed, nor anything below it
		}
		info, err := fs.Lstat(fsys, p)
		switch {
		case errors.Is(err, fs.ErrNotExist):
			l.remove(p)
			continue
		case err != nil || info.IsDir():
			return false
		}
		l.remove(p)
		if ok, d := listable(p, info.Mode().Type()); d != nil {
			l.diags[p] = []diag.Diagnostic{*d}
		} else if n := len(l.files); ok && l.add(p, info, nil) {
			// Moved from the end to its place in the order.
			i, _ := slices.BinarySearchFunc(l.files[:n], p, func(f File, p string) int { return strings.Compare(f.Path, p) })
			f := l.files[n]
			copy(l.files[i+1:], l.files[i:n])
			l.files[i] = f
		}
	}
	return true
}

// add appends a Markdown file found in the folder and reports true, or
// records why it cannot be read.
func (l *Listing) add(p string, info fs.FileInfo, err error) bool {
	pos := diag.Pos{File: p}
	switch {
	case err != nil:
		l.diags[p] = []diag.Diagnostic{diag.Errorf(pos, "cannot read: %v", unwrapPath(err))}
	case info.Size() > l.opt.MaxFileSize:
		l.diags[p] = []diag.Diagnostic{diag.Errorf(pos, "file exceeds max size (%d bytes, limit %d): split it, or raise maxFileSize in brief.toml", info.Size(), l.opt.MaxFileSize)}
	default:
		l.files = append(l.files, File{Path: p, Info: info})
		return true
	}
	return false
}

// remove forgets p and everything below it.
func (l *Listing) remove(p string) {
	below := func(q string) bool { return q == p || strings.HasPrefix(q, p+"/") }
	l.files = slices.DeleteFunc(l.files, func(f File) bool { return below(f.Path) })
	for q := range l.diags {
		if below(q) {
			delete(l.diags, q)
		}
	}
}

// hiddenName tells names the walk skips, with all below them: hidden and
// underscore files and folders.
func hiddenName(name string) bool {
	return strings.HasPrefix(name, ".") || strings.HasPrefix(name, "_")
}

// listable tells whether a path of the given type is a content file, or
// why it is skipped.
func listable(p string, typ fs.FileMode) (bool, *diag.Diagnostic) {
	pos := diag.Pos{File: p}
	switch {
	case typ&fs.ModeSymlink != 0:
		d := diag.Warnf(pos, "symbolic link skipped: brief reads only real files inside the content folder; copy the file in instead")
		return false, &d
	case typ.IsDir() || !strings.EqualFold(path.Ext(p), ".md"):
		return false, nil
	case unsafeName(p) != "":
		d := diag.Errorf(pos, "file name %s: rename the file; a briefing's URL and every report name it", unsafeName(p))
		return false, &d
	case !typ.IsRegular():
		d := diag.Warnf(pos, "not a regular file, skipped")
		return false, &d
	}
	return true, nil
}

// unsafeName says what makes a path unfit to name a briefing, or "": bytes
// that are not UTF-8, or control characters (line breaks among them) and
// line separators, which would break its URL and every report naming it.
// Diagnostics print such a path quoted and escaped.
func unsafeName(p string) string {
	if !utf8.ValidString(p) {
		return "is not valid UTF-8"
	}
	for _, r := range p {
		switch {
		case unicode.IsControl(r):
			return "holds the control character " + strconv.QuoteRuneToASCII(r)
		case unicode.In(r, unicode.Zl, unicode.Zp):
			return "holds the line separator " + strconv.QuoteRuneToASCII(r)
		}
	}
	return ""
}

// candidate is a Markdown file found by the walk, before its details are
// read.
type candidate struct {
	path string
	d    fs.DirEntry
}
