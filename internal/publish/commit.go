package publish

import (
	"errors"
	"fmt"
	"io/fs"
	"math/rand/v2"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
)

// The final step of a build, Commit, changes the destination in one of
// two ways: swap replaces the whole folder by the staging folder; update
// moves the new files in and the stale ones out, one by one, and writes
// down each step, so that when one fails (a folder where a file must go,
// a rename refused) the steps already taken are undone, and the
// destination is left as it was.

// swap replaces the destination folder by the staging folder.
func (s *Staging) swap() error {
	if err := writeMarker(s.dir); err != nil {
		return err
	}
	old := s.dir + ".old"
	_, statErr := os.Lstat(s.dest)
	hadOld := statErr == nil
	if hadOld {
		if err := moveGit(s.dest, s.dir); err != nil {
			return err
		}
		if err := s.rename(s.dest, old); err != nil {
			moveGit(s.dir, s.dest)
			return fmt.Errorf("replacing %s: %w; it is left as it was", s.dest, err)
		}
	}
	if err := s.rename(s.dir, s.dest); err != nil {
		if hadOld {
			rename(old, s.dest)
			moveGit(s.dir, s.dest)
		}
		return fmt.Errorf("replacing %s: %w; it is left as it was", s.dest, err)
	}
	if hadOld {
		return os.RemoveAll(old)
	}
	return nil
}

// update moves the new and changed files into the destination and removes
// the files this build did not produce. What it replaces or removes waits
// in a backup folder beside the staging folder until every step is done.
func (s *Staging) update() error {
	j := &journal{rename: s.rename}
	backup := s.dir + ".old"
	err := s.removeStale(j, backup)
	if err == nil {
		err = s.moveWritten(j, backup)
	}
	if err == nil {
		err = s.markDest(j)
	}
	if err != nil {
		if uerr := j.undo(); uerr != nil {
			err = fmt.Errorf("%w; undoing the build's changes failed too (%v): build again to repair %s", err, uerr, s.dest)
		} else {
			err = fmt.Errorf("%w; %s is left as it was", err, s.dest)
		}
		s.removed = nil
	}
	os.RemoveAll(backup)
	return err
}

// removeStale moves the files this build did not produce into backup,
// and removes the folders they leave empty, up to the destination. It
// goes first, so that a file of the old site may become a folder.
func (s *Staging) removeStale(j *journal, backup string) error {
	for _, p := range s.onDisk {
		_, kept := s.kept[p]
		_, written := s.written[p]
		if kept || written {
			continue
		}
		target := filepath.Join(s.dest, filepath.FromSlash(p))
		if err := j.move(target, filepath.Join(backup, filepath.FromSlash(p))); err != nil {
			return fmt.Errorf("removing stale %s: %w", target, err)
		}
		s.removed = append(s.removed, p)
		for dir := filepath.Dir(target); dir != s.dest && strings.HasPrefix(dir, s.dest); dir = filepath.Dir(dir) {
			if !j.rmdir(dir) {
				break
			}
		}
	}
	return nil
}

// moveWritten moves the new and changed files into the destination, in
// the order of their paths, keeping a hard link to each file they replace
// in backup.
func (s *Staging) moveWritten(j *journal, backup string) error {
	paths := make([]string, 0, len(s.written))
	for p := range s.written {
		paths = append(paths, p)
	}
	sort.Strings(paths)
	made := map[string]bool{}
	for _, p := range paths {
		target := filepath.Join(s.dest, filepath.FromSlash(p))
		if dir := filepath.Dir(target); !made[dir] {
			if err := j.mkdirAll(dir); err != nil {
				return fmt.Errorf("updating %s: %w", target, err)
			}
			made[dir] = true
		}
		if err := j.keep(target, filepath.Join(backup, filepath.FromSlash(p)), s.link); err != nil {
			return fmt.Errorf("updating %s: %w", target, err)
		}
		if err := j.move(filepath.Join(s.dir, filepath.FromSlash(p)), target); err != nil {
			return fmt.Errorf("updating %s: %w", target, err)
		}
		s.renamedAt(p, target)
	}
	return nil
}

// renamedAt records the status change time of the file at path, moved to
// target: a rename sets it on most file systems.
func (s *Staging) renamedAt(path, target string) {
	if info, err := lstatPath(target); err == nil {
		st := s.written[path]
		st.CTime = info.cTime
		s.written[path] = st
	}
}

// markDest leaves the Marker in the destination when it has none yet (a
// site built before there was one).
func (s *Staging) markDest(j *journal) error {
	target := filepath.Join(s.dest, Marker)
	if _, err := os.Lstat(target); err == nil {
		return nil
	}
	if err := writeMarker(s.dest); err != nil {
		return err
	}
	j.steps = append(j.steps, step{kind: created, to: target})
	s.marked = true
	return nil
}

// journal records the changes made to the destination, to undo them.
type journal struct {
	rename  func(oldpath, newpath string) error
	steps   []step
	backups map[string]bool // folders made in the backup folder
}

type step struct {
	kind     int // moved, linked, made, unmade or created
	from, to string
	mode     fs.FileMode // of a folder removed
}

const (
	moved   = iota // from was renamed to
	linked         // to is a hard link to from, or from was renamed to
	made           // the folder to was made
	unmade         // the folder to, empty, was removed
	created        // the file to was made
)

// move renames from to, making to's folder when needed (in the backup
// folder: never in the destination).
func (j *journal) move(from, to string) error {
	err := j.rename(from, to)
	if errors.Is(err, fs.ErrNotExist) {
		if _, serr := os.Lstat(from); serr == nil && os.MkdirAll(filepath.Dir(to), 0o755) == nil {
			err = j.rename(from, to)
		}
	}
	if err != nil {
		return err
	}
	j.steps = append(j.steps, step{kind: moved, from: from, to: to})
	return nil
}

// keep makes backup a hard link to target, when target exists, so that a
// file being replaced can be put back; where links are refused, it moves
// the file there instead.
func (j *journal) keep(target, backup string, link func(oldpath, newpath string) error) error {
	info, err := os.Lstat(target)
	if err != nil || info.IsDir() {
		return nil // nothing to keep; a folder makes the rename fail
	}
	if dir := filepath.Dir(backup); !j.backups[dir] {
		if err := os.MkdirAll(dir, 0o755); err != nil {
			return err
		}
		if j.backups == nil {
			j.backups = map[string]bool{}
		}
		j.backups[dir] = true
	}
	if link(target, backup) != nil {
		if err := j.rename(target, backup); err != nil {
			return err
		}
	}
	j.steps = append(j.steps, step{kind: linked, from: target, to: backup})
	return nil
}

// mkdirAll makes dir and the folders above it that are missing.
func (j *journal) mkdirAll(dir string) error {
	info, err := os.Stat(dir)
	if err == nil {
		if !info.IsDir() {
			return &fs.PathError{Op: "mkdir", Path: dir, Err: errors.New("a file is in the way of this folder")}
		}
		return nil
	}
	if parent := filepath.Dir(dir); parent != dir {
		if err := j.mkdirAll(parent); err != nil {
			return err
		}
	}
	if err := os.Mkdir(dir, 0o755); err != nil {
		return err
	}
	j.steps = append(j.steps, step{kind: made, to: dir})
	return nil
}

// rmdir removes dir when it is empty, and reports whether it did.
func (j *journal) rmdir(dir string) bool {
	info, err := os.Lstat(dir)
	if err != nil || os.Remove(dir) != nil {
		return false
	}
	j.steps = append(j.steps, step{kind: unmade, to: dir, mode: info.Mode().Perm()})
	return true
}

// undo reverses the recorded steps, last first, and returns the first
// that could not be.
func (j *journal) undo() error {
	var first error
	for i := len(j.steps) - 1; i >= 0; i-- {
		var err error
		switch st := j.steps[i]; st.kind {
		case moved:
			err = rename(st.to, st.from)
		case linked:
			err = rename(st.to, st.from)
		case made, created:
			err = os.Remove(st.to)
		case unmade:
			if err = os.Mkdir(st.to, st.mode); err == nil {
				err = os.Chmod(st.to, st.mode)
			}
		}
		if err != nil && first == nil {
			first = err
		}
	}
	return first
}

// mkdirTemp makes a new folder named prefix and a random suffix in parent,
// with the permissions of any folder (0755 as the umask allows), where
// os.MkdirTemp makes it private (0700): swapped in, it becomes the
// published site, and a web server running as another user must read it.
func mkdirTemp(parent, prefix string) (string, error) {
	for {
		dir := filepath.Join(parent, prefix+strconv.FormatUint(rand.Uint64(), 36))
		err := os.Mkdir(dir, 0o755)
		if !errors.Is(err, fs.ErrExist) {
			return dir, err
		}
	}
}

// removeLeftovers removes what builds killed before their end left beside
// dest: staging folders, and the old site or backup folder of a commit.
// Only a build holding the lock calls it, so none of them is in use. A
// build killed in the middle of a swap is rolled back first: its old site
// goes back in place, with the .git it had moved aside.
func removeLeftovers(parent, base, dest string) {
	entries, _ := os.ReadDir(parent)
	var left []string
	for _, e := range entries {
		if strings.HasPrefix(e.Name(), "."+base+".tmp-") {
			left = append(left, filepath.Join(parent, e.Name()))
		}
	}
	if _, err := os.Lstat(dest); errors.Is(err, fs.ErrNotExist) {
		for _, p := range left {
			if strings.HasSuffix(p, ".old") && rename(p, dest) == nil {
				break
			}
		}
	}
	for _, p := range left {
		if _, err := os.Lstat(filepath.Join(p, ".git")); err == nil {
			if _, err := os.Lstat(filepath.Join(dest, ".git")); err == nil || moveGit(p, dest) != nil {
				continue // two .git folders: leave this one for a person to look at
			}
		}
		os.RemoveAll(p)
	}
}

// moveGit moves from/.git to to/.git when there is one.
func moveGit(from, to string) error {
	src := filepath.Join(from, ".git")
	if _, err := os.Lstat(src); err != nil {
		return nil
	}
	if err := rename(src, filepath.Join(to, ".git")); err != nil {
		return fmt.Errorf("keeping %s: %w", src, err)
	}
	return nil
}
