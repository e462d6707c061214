package deploy

import (
	"bytes"
	"compress/gzip"
	"crypto/md5"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"sort"
	"strings"
	"sync"
)

// File is one file of the local site, as it will be sent.
type File struct {
	Key    string   // its path in the site, with slashes
	Size   int64    // bytes sent (compressed when Header.ContentEncoding is gzip)
	MD5    [16]byte // of the bytes sent
	Header Header
}

// Scan reads every file of the site folder dir, with the headers settings
// give it, sorted by key. Hidden files and folders (.git) are left out: brief
// never writes them.
func Scan(dir string, settings Settings) ([]File, error) {
	settings.compile()
	var keys []string
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if p != dir && strings.HasPrefix(d.Name(), ".") {
			if d.IsDir() {
				return filepath.SkipDir
			}
			return nil
		}
		if d.Type().IsRegular() {
			rel, _ := filepath.Rel(dir, p)
			keys = append(keys, filepath.ToSlash(rel))
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	sort.Strings(keys)
	files := make([]File, len(keys))
	errs := make([]error, len(keys))
	var wg sync.WaitGroup
	next := make(chan int)
	for range runtime.GOMAXPROCS(0) {
		wg.Go(func() {
			for i := range next {
				files[i], errs[i] = scanFile(dir, keys[i], settings)
			}
		})
	}
	for i := range keys {
		next <- i
	}
	close(next)
	wg.Wait()
	for _, err := range errs {
		if err != nil {
			return nil, err
		}
	}
	return files, nil
}

func scanFile(dir, key string, settings Settings) (File, error) {
	f := File{Key: key, Header: settings.HeaderFor(key)}
	body, err := f.body(dir)
	if err != nil {
		return File{}, err
	}
	f.Size, f.MD5 = int64(len(body)), md5.Sum(body)
	return f, nil
}

// body reads the bytes to send for f from dir: the file, compressed when
// its header says so.
func (f File) body(dir string) ([]byte, error) {
	data, err := os.ReadFile(filepath.Join(dir, filepath.FromSlash(f.Key)))
	if err != nil || f.Header.ContentEncoding != "gzip" {
		return data, err
	}
	return compress(data), nil
}

// compress gzips data with no name and no time in the header, so the same
// file always makes the same bytes and a rerun finds them unchanged.
func compress(data []byte) []byte {
	var b bytes.Buffer
	zw, _ := gzip.NewWriterLevel(&b, gzip.BestCompression)
	zw.Write(data)
	zw.Close()
	return b.Bytes()
}

// read returns f's bytes for sending and checks that they are still those
// that were compared: a build that replaced the folder meanwhile stops the
// deploy instead of sending a mix.
func (f File) read(dir string) ([]byte, error) {
	body, err := f.body(dir)
	if err != nil {
		return nil, err
	}
	if md5.Sum(body) != f.MD5 {
		return nil, fmt.Errorf("%s changed during the deploy: run brief deploy again", f.Key)
	}
	return body, nil
}
