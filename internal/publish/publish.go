// Package publish writes a built site to disk without ever leaving a half
// site behind, and without touching files whose bytes did not change.
//
// New and changed files go to a temporary sibling of the destination; the
// destination is changed only by Commit, after the whole build succeeded.
// A manifest of the last build (size, modification time and hash of every
// file), checked against the files on disk, tells which files are still
// intact: those are neither written nor renamed, so they keep their
// modification time and sync tools upload only what changed. Without a
// trusted manifest the staging folder holds the whole site and is swapped in
// for the old one. The old site's .git (a gh-pages worktree) is kept either
// way. A lock file keeps two builds apart. A commit that fails part way is
// undone, and what a killed build left is removed by the next one. A
// destination is replaced only when brief built it (see Claim).
package publish

import (
	"errors"
	"fmt"
	"hash/fnv"
	"io/fs"
	"os"
	"path/filepath"
	"sync"
	"sync/atomic"

	"github.com/brief-ssg/brief/internal/digest"
	"github.com/brief-ssg/brief/internal/parallel"
)

// Staging is a build in progress. It implements render.Sink.
type Staging struct {
	dest      string
	dir       string
	lock      *os.File
	manifest  string // where the manifest lives; "" for none
	generator string // the build of brief making the files

	// ready is closed when the destination has been checked against the
	// manifest, which Begin starts in the background so it overlaps the
	// reading of the content.
	ready         chan struct{}
	intact        map[string]FileState // files of dest that match the manifest
	onDisk        []string             // every file of dest, for removing stale ones
	fresh         bool                 // no trusted manifest: replace the whole folder
	recorded      int                  // files in the manifest
	inputsChanged bool                 // a kept file now has another input fingerprint
	unlisted      bool                 // every folder kept its time since the manifest
	dirTimes      map[string]int64     // those times, when unlisted
	removed       []string             // stale files Commit removed
	marked        bool                 // Commit added the Marker to the destination
	verifier      verifier
	// sameGenerator: this build of brief wrote the manifest, and what it
	// attached to it (lastAttachment) may be trusted.
	sameGenerator  bool
	lastAttachment []byte
	attachment     []byte // for the next build: see Attach

	mu      sync.Mutex
	kept    map[string]FileState
	written map[string]FileState

	// Writer goroutines put the new files on disk, in the order they come,
	// while the pages go on being rendered (see writers).
	queues   []chan pending // one per writer; a path always goes to the same one
	free     chan []byte    // buffers the writers are done with, for Write to reuse
	wrote    chan struct{}  // closed when every writer has finished
	dirs     sync.Map       // folders made
	mkdirMu  sync.Mutex     // held while making one
	writers  sync.WaitGroup
	errMu    sync.Mutex
	writeErr error // the first write that failed, under errMu until wrote is closed
	failed   atomic.Bool
	aborted  atomic.Bool  // the writers may skip what is left
	sending  sync.RWMutex // held for reading while sending on a queue, for writing to close them
	closed   bool         // under sending: the queues are closed

	// rename and link change the destination in Commit: rename (see
	// rename_windows.go) and os.Link, but for tests that make them fail.
	rename, link func(oldpath, newpath string) error
}

// pending is a file waiting for a writer.
type pending struct {
	path string // slash-separated, relative to the site
	data []byte // a copy its writer owns
}

// FileState is what the manifest knows of one output file.
type FileState struct {
	Size    int64
	ModTime int64 // nanoseconds
	CTime   int64 // status change time, nanoseconds: see verifier
	Sum     digest.Sum
	Input   [16]byte // fingerprint of what the file was made from; zero if unknown
}

// Stats counts what a commit did.
type Stats struct {
	Written, Unchanged, Removed int
}

// Options tune a build into a destination.
type Options struct {
	// Checksum compares every file of the destination with the manifest
	// by its content, not only by its size and times (see verifier).
	Checksum bool
}

// Begin is BeginWith with the default options.
func Begin(dest, manifest, generator string) (*Staging, error) {
	return BeginWith(dest, manifest, generator, Options{})
}

// BeginWith locks dest and creates its staging folder. manifest is the file
// that records the last build of dest; "" turns incremental writes off.
// generator names this build of brief: the files another one made are
// still kept when their bytes are the same, but none is kept for its input
// alone (Keep), since another version may make other bytes from it.
func BeginWith(dest, manifest, generator string, opt Options) (*Staging, error) {
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
	removeLeftovers(parent, base, dest)
	dir, err := mkdirTemp(parent, "."+base+".tmp-")
	if err != nil {
		release(lock)
		return nil, err
	}
	s := &Staging{dest: dest, dir: dir, lock: lock, manifest: manifest, generator: generator, ready: make(chan struct{}),
		kept: map[string]FileState{}, written: map[string]FileState{},
		free: make(chan []byte, queued), wrote: make(chan struct{}),
		rename: rename, link: os.Link, verifier: verifier{checksum: opt.Checksum}}
	n := writers()
	s.writers.Add(n)
	for range n {
		q := make(chan pending, queued/n)
		s.queues = append(s.queues, q)
		go s.writer(q)
	}
	go func() { s.writers.Wait(); close(s.wrote) }()
	go func() {
		m := readManifest(manifest)
		if m.Generator != generator {
			for p, st := range m.Files {
				st.Input = [16]byte{}
				m.Files[p] = st
			}
		} else {
			s.sameGenerator, s.lastAttachment = true, m.Attachment
		}
		s.recorded = len(m.Files)
		if s.intact, s.onDisk, s.unlisted = verifyUnlisted(dest, m, &s.verifier); s.unlisted {
			s.dirTimes = m.Dirs
		} else {
			s.intact, s.onDisk = verify(dest, m.Files, &s.verifier)
		}
		s.fresh = len(s.intact) == 0
		close(s.ready)
	}()
	return s, nil
}

// acquire takes an exclusive lock, failing at once if another build holds it.
func acquire(path string) (*os.File, error) {
	f, err := os.OpenFile(path, os.O_CREATE|os.O_RDWR, 0o644)
	if err != nil {
		return nil, err
	}
	if err := lockFile(f); err != nil {
		f.Close()
		return nil, fmt.Errorf("build already running (%s is locked): wait for it to finish", path)
	}
	return f, nil
}

// Write stores one file unless the destination already holds these bytes.
// Only local paths are accepted (no "..", not absolute), so no name can
// escape the staging folder, which this build created and nobody else
// writes to. The file reaches the disk a little later, by a writer; a
// failure is returned by Wait and Commit, once, and the files written after
// it are dropped, since the build has failed.
func (s *Staging) Write(path string, data []byte, input [16]byte) error {
	if !filepath.IsLocal(path) {
		return fmt.Errorf("refusing to write %q outside the site", path)
	}
	if s.failed.Load() {
		return nil
	}
	sum := digest.Of(data)
	<-s.ready
	s.mu.Lock()
	if st, ok := s.intact[path]; ok && st.Sum == sum && st.Size == int64(len(data)) {
		s.inputsChanged = s.inputsChanged || st.Input != input
		st.Input = input
		s.kept[path] = st
		delete(s.written, path) // a file written twice keeps the last bytes
		s.mu.Unlock()
		return nil
	}
	s.written[path] = FileState{Size: int64(len(data)), Sum: sum, Input: input}
	delete(s.kept, path)
	s.mu.Unlock()
	data = append(s.buffer(), data...)
	s.sending.RLock() // so Wait cannot close the queue meanwhile
	defer s.sending.RUnlock()
	if s.closed {
		return errors.New("the build is over")
	}
	// The same path always goes to the same writer, so a file written
	// twice keeps the last bytes.
	h := fnv.New32a()
	h.Write([]byte(path))
	s.queues[h.Sum32()%uint32(len(s.queues))] <- pending{path, data}
	return nil
}

// writers is how many goroutines write files: one per core, and at least
// two, so that one creates files while the other waits for the disk. With
// one, the 175,000 files of a 100,000-briefing site took a quarter longer:
// rendering waited for the writer.
func writers() int { return max(2, parallel.Workers()) }

// queued is how many files may wait for the writers.
const queued = 256

// maxReused is the largest buffer kept for reuse: pages are tens of
// kilobytes, and the few large files are not worth holding.
const maxReused = 256 << 10

// buffer returns an empty buffer for a copy of a file, reusing one the
// writers are done with when it can: a fresh one per file is most of the cost
// of copying them (allocation, zeroing, collection).
func (s *Staging) buffer() []byte {
	select {
	case b := <-s.free:
		return b[:0]
	default:
		return nil
	}
}

// writer puts the files of queue into the staging folder until it is
// closed; after a failure it only drains it.
func (s *Staging) writer(queue chan pending) {
	defer s.writers.Done()
	for p := range queue {
		if s.failed.Load() || s.aborted.Load() {
			continue
		}
		target := filepath.Join(s.dir, filepath.FromSlash(p.path))
		err := s.mkdir(filepath.Dir(target))
		var modTime, cTime int64
		if err == nil {
			modTime, cTime, err = writeFile(target, p.data)
		}
		if err == nil {
			s.wroteAt(p.path, modTime, cTime)
		} else {
			s.errMu.Lock()
			if s.writeErr == nil {
				s.writeErr = &WriteError{Path: p.path, Err: err}
			}
			s.errMu.Unlock()
			s.failed.Store(true)
		}
		if cap(p.data) <= maxReused {
			select {
			case s.free <- p.data:
			default:
			}
		}
	}
}

// wroteAt records the modification and status change times of the file
// at path, as its writer left it, for the manifest. A path is always
// written by the same writer, in order, so the last version written sets
// them last.
func (s *Staging) wroteAt(path string, modTime, cTime int64) {
	s.mu.Lock()
	if st, ok := s.written[path]; ok {
		st.ModTime, st.CTime = modTime, cTime
		s.written[path] = st
	}
	s.mu.Unlock()
}

// WriteError is a file that could not be put in the staging folder; the
// destination is then left as it was.
type WriteError struct {
	Path string
	Err  error
}

func (e *WriteError) Error() string { return e.Path + ": writing: " + e.Err.Error() }
func (e *WriteError) Unwrap() error { return e.Err }

// Wait returns once every file given to Write is on disk in the staging
// folder, with the first write error. No Write may follow it.
func (s *Staging) Wait() error {
	s.sending.Lock()
	if !s.closed {
		s.closed = true
		for _, q := range s.queues {
			close(q)
		}
	}
	s.sending.Unlock()
	<-s.wrote
	return s.writeErr
}

// mkdir makes a folder of the staging tree, with one system call when its
// parent exists: every page has a folder of its own, so this is hot. The
// writers make folders one at a time: most pages' folders share a parent,
// and file systems lock it for each folder made in it, which costs more
// from several threads at once than from one.
func (s *Staging) mkdir(dir string) error {
	if _, ok := s.dirs.Load(dir); ok || dir == s.dir {
		return nil
	}
	s.mkdirMu.Lock()
	defer s.mkdirMu.Unlock()
	return s.mkdirLocked(dir)
}

func (s *Staging) mkdirLocked(dir string) error {
	if _, ok := s.dirs.Load(dir); ok || dir == s.dir {
		return nil
	}
	err := os.Mkdir(dir, 0o755)
	if errors.Is(err, fs.ErrNotExist) {
		if err = s.mkdirLocked(filepath.Dir(dir)); err == nil {
			err = os.Mkdir(dir, 0o755)
		}
	}
	if err != nil && !errors.Is(err, fs.ErrExist) {
		return err
	}
	s.dirs.Store(dir, true)
	return nil
}

// Keep reports whether the destination's file at path is intact and was
// made from the same input, so this build need not render it, with its
// size; when it returns false the caller must Write the file.
func (s *Staging) Keep(path string, input [16]byte) (int64, bool) {
	<-s.ready
	st, ok := s.intact[path]
	if !ok || input == [16]byte{} || st.Input != input {
		return 0, false
	}
	s.mu.Lock()
	s.kept[path] = st
	s.mu.Unlock()
	return st.Size, true
}

// Retain keeps the destination's files at paths that are intact, with the
// inputs its manifest records, whatever they are: for a caller that knows
// their inputs are the same as in the build that wrote the manifest (from
// what that build attached to it), without knowing the inputs. It returns
// the indexes in paths of the files it did not keep, which the caller
// must Write.
func (s *Staging) Retain(paths []string) (lost []int) {
	<-s.ready
	s.mu.Lock()
	defer s.mu.Unlock()
	for i, p := range paths {
		if st, ok := s.intact[p]; ok && s.sameGenerator {
			s.kept[p] = st
			continue
		}
		lost = append(lost, i)
	}
	return lost
}

// Attachment returns what the build that wrote the destination's manifest
// attached to it (Attach), or nil: none, or another build of brief, or no
// trusted manifest. It is as true as the manifest: the destination holds
// what that build made, wherever a file is intact.
func (s *Staging) Attachment() []byte {
	<-s.ready
	return s.lastAttachment
}

// Attach gives the manifest Commit saves some data for the next build into
// the destination, which reads it with Attachment.
func (s *Staging) Attach(data []byte) {
	s.mu.Lock()
	s.attachment = data
	s.mu.Unlock()
}

// KeepAll reports whether the destination holds exactly the files of the
// last build, all intact, and then keeps every one of them.
func (s *Staging) KeepAll() bool {
	<-s.ready
	if s.fresh || len(s.intact) != len(s.onDisk) || len(s.intact) != s.recorded {
		return false
	}
	s.mu.Lock()
	for p, st := range s.intact {
		s.kept[p] = st
	}
	s.attachment = s.lastAttachment // true of the same files
	s.mu.Unlock()
	return true
}

// Abort removes the staging folder; the destination is untouched.
func (s *Staging) Abort() error {
	s.aborted.Store(true)
	s.Wait()
	<-s.ready
	err := os.RemoveAll(s.dir)
	release(s.lock)
	return err
}

// Commit makes the destination hold exactly this build's files.
func (s *Staging) Commit() (Stats, error) {
	defer release(s.lock)
	<-s.ready
	err := s.Wait()
	if err != nil {
		os.RemoveAll(s.dir)
		return Stats{}, err
	}
	if s.fresh {
		err = s.swap()
	} else {
		err = s.update()
	}
	os.RemoveAll(s.dir)
	if err != nil {
		return Stats{}, err
	}
	stats := Stats{Written: len(s.written), Unchanged: len(s.kept)}
	stats.Removed = len(s.onDisk) - len(s.kept) - s.overwritten()
	if err := s.saveManifest(); err != nil {
		return stats, &ManifestError{Err: err}
	}
	return stats, nil
}

// ManifestError is a manifest that could not be saved after the
// destination was put in place: the site is published, and the next
// build checks the destination's files from scratch.
type ManifestError struct{ Err error }

func (e *ManifestError) Error() string { return "saving the destination's manifest: " + e.Err.Error() }
func (e *ManifestError) Unwrap() error { return e.Err }

// overwritten counts files of the old site that this build wrote anew.
func (s *Staging) overwritten() int {
	n := 0
	for _, p := range s.onDisk {
		if _, ok := s.written[p]; ok {
			n++
		}
	}
	return n
}
