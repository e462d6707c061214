package publish

import (
	"bytes"
	"crypto/sha256"
	"encoding/gob"
	"os"
	"path"
	"path/filepath"
	"runtime"
	"sort"
	"sync"
)

// manifestVersion changes whenever the manifest's format does.
const manifestVersion = 1

type manifestFile struct {
	Version int
	Files   map[string]FileState
}

// readManifest loads a manifest; a missing, unreadable or corrupt one is
// an empty manifest, so the next build simply writes every file.
func readManifest(path string) map[string]FileState {
	if path == "" {
		return nil
	}
	data, err := os.ReadFile(path)
	if err != nil || len(data) < sha256.Size {
		return nil
	}
	body, sum := data[:len(data)-sha256.Size], data[len(data)-sha256.Size:]
	if got := sha256.Sum256(body); !bytes.Equal(got[:], sum) {
		return nil
	}
	var m manifestFile
	if gob.NewDecoder(bytes.NewReader(body)).Decode(&m) != nil || m.Version != manifestVersion {
		return nil
	}
	return m.Files
}

// verify lists the files of dest (not .git) and returns those whose size and
// modification time still match the manifest. Folders are read in parallel:
// a site has a folder per page.
func verify(dest string, manifest map[string]FileState) (intact map[string]FileState, onDisk []string) {
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
			files = append(files, name)
			st, known := manifest[name]
			if !known || !d.Type().IsRegular() {
				continue
			}
			if info, err := d.Info(); err == nil && info.Size() == st.Size && info.ModTime().UnixNano() == st.ModTime {
				ok[name] = st
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

// saveManifest records every file of the committed site with its state.
func (s *Staging) saveManifest() error {
	if s.manifest == "" {
		return nil
	}
	if !s.fresh && len(s.written) == 0 && !s.inputsChanged && len(s.kept) == s.recorded && len(s.onDisk) == len(s.kept) {
		return nil // the manifest on disk is still exact
	}
	m := manifestFile{Version: manifestVersion, Files: make(map[string]FileState, len(s.kept)+len(s.written))}
	for p, st := range s.kept {
		m.Files[p] = st
	}
	for p, st := range s.written {
		info, err := os.Stat(filepath.Join(s.dest, filepath.FromSlash(p)))
		if err != nil {
			continue // not recorded: rewritten next time
		}
		st.ModTime = info.ModTime().UnixNano()
		m.Files[p] = st
	}
	var buf bytes.Buffer
	if err := gob.NewEncoder(&buf).Encode(m); err != nil {
		return err
	}
	sum := sha256.Sum256(buf.Bytes())
	buf.Write(sum[:])
	return WriteAtomic(s.manifest, buf.Bytes())
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
	if err := os.Rename(tmp.Name(), path); err != nil {
		os.Remove(tmp.Name())
		return err
	}
	return nil
}
