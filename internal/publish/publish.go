// Package publish writes a built site to disk without ever leaving a half
// site behind: files go to a temporary sibling of the destination, which is
// swapped in only when the whole build succeeded. The old site's .git (a
// gh-pages worktree) moves into the new one; nothing else of the old site
// is removed before the swap. A lock file keeps two builds apart.
package publish

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"syscall"
)

// Staging is a build in progress: a temporary directory beside the
// destination. It implements render.Sink.
type Staging struct {
	dest string
	dir  string
	root *os.Root
	lock *os.File
}

// Begin locks dest and creates its staging directory.
func Begin(dest string) (*Staging, error) {
	dest = filepath.Clean(dest)
	parent, base := filepath.Split(dest)
	if parent == "" {
		parent = "."
	}
	if err := os.MkdirAll(parent, 0o755); err != nil {
		return nil, err
	}
	lock, err := acquire(filepath.Join(parent, "."+base+".lock"))
	if err != nil {
		return nil, err
	}
	dir, err := os.MkdirTemp(parent, "."+base+".tmp-")
	if err != nil {
		release(lock)
		return nil, err
	}
	root, err := os.OpenRoot(dir)
	if err != nil {
		os.RemoveAll(dir)
		release(lock)
		return nil, err
	}
	return &Staging{dest: dest, dir: dir, root: root, lock: lock}, nil
}

// acquire takes an exclusive lock, failing at once if another build holds it.
func acquire(path string) (*os.File, error) {
	f, err := os.OpenFile(path, os.O_CREATE|os.O_RDWR, 0o644)
	if err != nil {
		return nil, err
	}
	if err := syscall.Flock(int(f.Fd()), syscall.LOCK_EX|syscall.LOCK_NB); err != nil {
		f.Close()
		return nil, fmt.Errorf("build already running (%s is locked): wait for it to finish", path)
	}
	return f, nil
}

func release(f *os.File) {
	os.Remove(f.Name())
	syscall.Flock(int(f.Fd()), syscall.LOCK_UN)
	f.Close()
}

// Write stores one file; the path is resolved inside the staging directory
// only, so no name can escape it.
func (s *Staging) Write(path string, data []byte) error {
	if dir := filepath.Dir(path); dir != "." {
		if err := s.root.MkdirAll(dir, 0o755); err != nil {
			return err
		}
	}
	return s.root.WriteFile(path, data, 0o644)
}

// Abort removes the staging directory; the destination is untouched.
func (s *Staging) Abort() error {
	s.root.Close()
	err := os.RemoveAll(s.dir)
	release(s.lock)
	return err
}

// Commit swaps the staging directory in for the destination.
func (s *Staging) Commit() (err error) {
	defer release(s.lock)
	s.root.Close()
	old := s.dir + ".old"
	hadOld := false
	if _, err := os.Lstat(s.dest); err == nil {
		hadOld = true
		if err := moveGit(s.dest, s.dir); err != nil {
			os.RemoveAll(s.dir)
			return err
		}
		if err := os.Rename(s.dest, old); err != nil {
			moveGit(s.dir, s.dest)
			os.RemoveAll(s.dir)
			return fmt.Errorf("replacing %s: %w", s.dest, err)
		}
	}
	if err := os.Rename(s.dir, s.dest); err != nil {
		if hadOld {
			os.Rename(old, s.dest)
			moveGit(s.dir, s.dest)
		}
		os.RemoveAll(s.dir)
		return fmt.Errorf("replacing %s: %w", s.dest, err)
	}
	if hadOld {
		return os.RemoveAll(old)
	}
	return nil
}

// moveGit moves from/.git to to/.git when there is one.
func moveGit(from, to string) error {
	src := filepath.Join(from, ".git")
	if _, err := os.Lstat(src); errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	if err := os.Rename(src, filepath.Join(to, ".git")); err != nil {
		return fmt.Errorf("keeping %s: %w", src, err)
	}
	return nil
}
