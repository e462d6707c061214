package publish

import (
	"bytes"
	"maps"
	"os"
	"path"
	"path/filepath"
	"runtime"
	"slices"
	"sort"
	"strings"
	"sync"
	"sync/atomic"

	"github.com/brief-ssg/brief/internal/digest"
	"github.com/brief-ssg/brief/internal/parallel"
	"github.com/brief-ssg/brief/internal/wire"
)

// manifestVersion changes whenever the manifest's format does.
const manifestVersion = 7

type manifestFile struct {
	Version int
	// Generator names the build of brief that wrote the files (see
	// Begin): another one may make other bytes from the same input.
	Generator string
	Files     map[string]FileState
	// Dirs holds the modification time of every folder of the site
	// ("" for the destination itself): a folder whose time is unchanged
	// gained and lost no entry, so its files need no listing.
	Dirs map[string]int64
	// Attachment is what the build that wrote the files left for the
	// next one (see Staging.Attach).
	Attachment []byte
}

// readManifest loads a manifest; a missing, unreadable or corrupt one is
// an empty manifest, so the next build simply writes every file.
func readManifest(path string) manifestFile {
	if path == "" {
		return manifestFile{}
	}
	data, err := os.ReadFile(path)
	if err != nil || len(data) < len(digest.Sum{}) {
		return manifestFile{}
	}
	body, sum := data[:len(data)-len(digest.Sum{})], data[len(data)-len(digest.Sum{}):]
	if got := digest.Of(body); !bytes.Equal(got[:], sum) {
		return manifestFile{}
	}
	m, ok := decodeManifest(string(body))
	if !ok {
		return manifestFile{}
	}
	return m
}

// encodeManifest writes m (see package wire): the version, each file with
// its state, each folder with its time (in no particular order: they are
// read back into maps), and the attachment.
func encodeManifest(m manifestFile) []byte {
	e := wire.Encoder{B: make([]byte, 0, 128*len(m.Files)+64*len(m.Dirs)+len(m.Attachment)+len(digest.Sum{})+16)}
	e.Uint(manifestVersion)
	e.Str(m.Generator)
	e.Uint(uint64(len(m.Files)))
	for p, st := range m.Files {
		e.Str(p)
		e.Int(st.Size)
		e.Int(st.ModTime)
		e.Int(st.CTime)
		e.Fixed(st.Sum[:])
		e.Fixed(st.Input[:])
	}
	e.Uint(uint64(len(m.Dirs)))
	for p, t := range m.Dirs {
		e.Str(p)
		e.Int(t)
	}
	e.Bytes(m.Attachment)
	return e.B
}

// decodeManifest reads what encodeManifest wrote; ok is false for another
// version or damaged data.
func decodeManifest(data string) (m manifestFile, ok bool) {
	d := wire.Decoder{Data: data}
	if m.Version = int(d.Uint()); m.Version != manifestVersion {
		return manifestFile{}, false
	}
	m.Generator = d.Str()
	n := d.Count()
	m.Files = make(map[string]FileState, n)
	for range n {
		p := d.Str()
		st := FileState{Size: d.Int(), ModTime: d.Int(), CTime: d.Int()}
		copy(st.Sum[:], d.Fixed(len(st.Sum)))
		copy(st.Input[:], d.Fixed(len(st.Input)))
		m.Files[p] = st
	}
	n = d.Count()
	m.Dirs = make(map[string]int64, n)
	for range n {
		p := d.Str()
		m.Dirs[p] = d.Int()
	}
	m.Attachment = d.Bytes()
	return m, d.Done()
}

// verifyUnlisted is verify without listing a folder, when no folder of dest
// changed since the manifest was written: then the files on disk are those
// of the manifest still there. ok is false when a folder changed.
func verifyUnlisted(dest string, m manifestFile, v *verifier) (intact map[string]FileState, onDisk []string, ok bool) {
	if len(m.Dirs) == 0 {
		return nil, nil, false
	}
	dirs := make([]string, 0, len(m.Dirs))
	for d := range m.Dirs {
		dirs = append(dirs, d)
	}
	var changed atomic.Bool
	paths := make([][]byte, parallel.Workers())
	parallel.For(len(dirs), func(w, i int) {
		if changed.Load() {
			return
		}
		st, err := lstat(&paths[w], dest, dirs[i])
		if err != nil || !st.dir || st.modTime != m.Dirs[dirs[i]] {
			changed.Store(true)
		}
	})
	if changed.Load() {
		return nil, nil, false
	}
	files := make([]string, 0, len(m.Files))
	for f := range m.Files {
		files = append(files, f)
	}
	state := make([]int8, len(files)) // 0 gone, 1 on disk, 2 intact
	states := make([]FileState, len(files))
	parallel.For(len(files), func(w, i int) {
		info, err := lstat(&paths[w], dest, files[i])
		switch {
		case err != nil:
		case info.regular:
			var same bool
			if states[i], same = v.check(string(paths[w]), &info, m.Files[files[i]]); same {
				state[i] = 2
				break
			}
			fallthrough
		default:
			state[i] = 1
		}
	})
	intact = make(map[string]FileState, len(files))
	for i, f := range files {
		if state[i] > 0 {
			onDisk = append(onDisk, f)
		}
		if state[i] == 2 {
			intact[f] = states[i]
		}
	}
	return intact, onDisk, true
}

// lstat reads the status of the file or folder at the slash-separated
// path rel under dest, making its path in buf (which the verifier reads
// it through): a build checks tens of thousands, and os.Lstat makes a
// FileInfo and a path for each.
func lstat(buf *[]byte, dest, rel string) (entry, error) {
	b := append((*buf)[:0], dest...)
	if rel != "" {
		b = append(append(b, filepath.Separator), filepath.FromSlash(rel)...)
	}
	*buf = b
	return lstatPath(string(b))
}

// parent returns the folder of a clean slash-separated path, "" for the
// root (path.Dir, without its allocations).
func parent(p string) string {
	if i := strings.LastIndexByte(p, '/'); i >= 0 {
		return p[:i]
	}
	return ""
}

// dirTimes returns the modification time of every folder that holds one of
// files, up to dest itself (""). known are times still true, of folders
// this build did not touch; the others are read from disk.
func dirTimes(dest string, files map[string]FileState, known map[string]int64) map[string]int64 {
	seen := map[string]bool{"": true}
	for f := range files {
		for d := parent(f); d != "" && !seen[d]; d = parent(d) {
			seen[d] = true
		}
	}
	out := make(map[string]int64, len(seen))
	var dirs []string
	for d := range seen {
		if t, ok := known[d]; ok {
			out[d] = t
		} else {
			dirs = append(dirs, d)
		}
	}
	times := make([]int64, len(dirs))
	parallel.For(len(dirs), func(_, i int) {
		if info, err := os.Lstat(filepath.Join(dest, filepath.FromSlash(dirs[i]))); err == nil {
			times[i] = info.ModTime().UnixNano()
		}
	})
	for i, d := range dirs {
		if times[i] == 0 {
			return nil // a folder went missing: list them all next time
		}
		out[d] = times[i]
	}
	return out
}

// untouchedDirs returns the folder times of the last manifest that this
// build left as they were: none after a swap, or when the folders were
// listed (their times were not checked); otherwise all but the folders
// that gained or lost an entry, and their parents.
func (s *Staging) untouchedDirs() map[string]int64 {
	if s.fresh || !s.unlisted {
		return nil
	}
	known := maps.Clone(s.dirTimes)
	if s.marked {
		delete(known, "")
	}
	for _, paths := range [][]string{slices.Collect(maps.Keys(s.written)), s.removed} {
		for _, p := range paths {
			for d := path.Dir(p); ; d = path.Dir(d) {
				if d == "." {
					d = ""
				}
				delete(known, d)
				if d == "" {
					break
				}
			}
		}
	}
	return known
}

// verify lists the files of dest (not .git) and returns those that still
// hold what the manifest says (see verifier). Folders are read in parallel:
// a site has a folder per page.
func verify(dest string, manifest map[string]FileState, v *verifier) (intact map[string]FileState, onDisk []string) {
	intact = map[string]FileState{}
	var mu sync.Mutex
	var wg sync.WaitGroup
	sem := make(chan struct{}, 2*runtime.GOMAXPROCS(0))
	var visit func(dir, rel string)
	visit = func(dir, rel string) {
		defer wg.Done()
		sem <- struct{}{}
		entries, _ := os.ReadDir(dir) // an unreadable folder: its files count as changed
		var files []string
		ok := map[string]FileState{}
		for _, d := range entries {
			name := path.Join(rel, d.Name())
			if d.IsDir() {
				if name != ".git" {
					wg.Add(1)
					go visit(filepath.Join(dir, d.Name()), name)
				}
				continue
			}
			if name == Marker {
				continue // brief's own, never stale
			}
			files = append(files, name)
			st, known := manifest[name]
			if !known || !d.Type().IsRegular() {
				continue
			}
			p := filepath.Join(dir, d.Name())
			if info, err := lstatPath(p); err == nil {
				if st, same := v.check(p, &info, st); same {
					ok[name] = st
				}
			}
		}
		<-sem
		mu.Lock()
		onDisk = append(onDisk, files...)
		for name, st := range ok {
			intact[name] = st
		}
		mu.Unlock()
	}
	if _, err := os.Stat(dest); err != nil {
		return intact, nil
	}
	wg.Add(1)
	visit(dest, "")
	wg.Wait()
	sort.Strings(onDisk)
	return intact, onDisk
}

// verifier tells whether a file of the destination still holds what the
// manifest records. Its size and times prove it cheaply: a file changed
// by hand, even with its modification time put back (touch -r, rsync -t,
// an editor within the clock's resolution), has a new status change
// time, which no one but the clock sets (on Windows, NTFS's ChangeTime:
// see entry in stat_windows.go). When only that time differs,
// or when every file is to be checked by content (Checksum), the file is
// read and its hash compared.
type verifier struct {
	checksum bool
	rehashed atomic.Bool // a file was proven intact by its content: record its times
}

// check compares the file at path, whose status is info, with st, and
// returns st with the file's times when it holds st's bytes.
func (v *verifier) check(path string, info *entry, st FileState) (FileState, bool) {
	mtime, ctime := info.modTime, info.cTime
	switch {
	case info.size != st.Size:
		return st, false
	case mtime == st.ModTime && ctime == st.CTime && !v.checksum:
		return st, true
	case mtime != st.ModTime && !v.checksum:
		return st, false // changed: the build writes it again, which costs no more than reading it
	}
	data, err := os.ReadFile(path)
	if err != nil || int64(len(data)) != st.Size || digest.Of(data) != st.Sum {
		return st, false
	}
	if st.ModTime != mtime || st.CTime != ctime {
		st.ModTime, st.CTime = mtime, ctime
		v.rehashed.Store(true)
	}
	return st, true
}

// saveManifest records every file of the committed site with its state.
func (s *Staging) saveManifest() error {
	if s.manifest == "" {
		return nil
	}
	if !s.fresh && !s.marked && !s.verifier.rehashed.Load() && len(s.written) == 0 && !s.inputsChanged && len(s.kept) == s.recorded && len(s.onDisk) == len(s.kept) && bytes.Equal(s.attachment, s.lastAttachment) {
		return nil // the manifest on disk is still exact
	}
	// The kept files, which Commit no longer needs, and the written.
	m := manifestFile{Version: manifestVersion, Generator: s.generator, Files: s.kept, Attachment: s.attachment}
	for p, st := range s.written {
		if st.ModTime != 0 { // from its writer (a rename keeps it); else written again next time
			m.Files[p] = st
		}
	}
	m.Dirs = dirTimes(s.dest, m.Files, s.untouchedDirs())
	data := encodeManifest(m)
	sum := digest.Of(data)
	return WriteAtomic(s.manifest, append(data, sum[:]...))
}

// WriteAtomic writes a file through a temporary file and a rename, so
// readers see the old or the new content, never a part.
func WriteAtomic(path string, data []byte) error {
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return err
	}
	tmp, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".tmp-")
	if err != nil {
		return err
	}
	_, werr := tmp.Write(data)
	cerr := tmp.Close()
	if werr != nil || cerr != nil {
		os.Remove(tmp.Name())
		if werr != nil {
			return werr
		}
		return cerr
	}
	if err := rename(tmp.Name(), path); err != nil {
		os.Remove(tmp.Name())
		return err
	}
	return nil
}
