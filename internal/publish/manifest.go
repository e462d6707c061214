package publish

import (
	"bytes"
	"crypto/sha256"
	"encoding/gob"
	"io/fs"
	"os"
	"path/filepath"
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
// modification time still match the manifest.
func verify(dest string, manifest map[string]FileState) (intact map[string]FileState, onDisk []string) {
	intact = map[string]FileState{}
	filepath.WalkDir(dest, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return nil
		}
		rel, _ := filepath.Rel(dest, p)
		rel = filepath.ToSlash(rel)
		if d.IsDir() {
			if rel == ".git" {
				return fs.SkipDir
			}
			return nil
		}
		onDisk = append(onDisk, rel)
		st, ok := manifest[rel]
		if !ok || !d.Type().IsRegular() {
			return nil
		}
		if info, err := d.Info(); err == nil && info.Size() == st.Size && info.ModTime().UnixNano() == st.ModTime {
			intact[rel] = st
		}
		return nil
	})
	return intact, onDisk
}

// saveManifest records every file of the committed site with its state.
func (s *Staging) saveManifest() error {
	if s.manifest == "" {
		return nil
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
