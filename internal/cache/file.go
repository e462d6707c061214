package cache

import (
	"bufio"
	"os"
	"path/filepath"

	"github.com/brief-ssg/brief/internal/digest"
)

// fileWriter writes a cache file through a small buffer into a temporary
// file beside it, which commit ends with the digest of everything written
// and puts in place. The first failure is kept and reported by commit;
// nothing is then put in place.
type fileWriter struct {
	path string
	f    *os.File
	w    *bufio.Writer
	sum  digest.Writer
	err  error
}

func createFile(path string) *fileWriter {
	fw := &fileWriter{path: path, sum: digest.NewWriter()}
	if fw.err = os.MkdirAll(filepath.Dir(path), 0o755); fw.err != nil {
		return fw
	}
	if fw.f, fw.err = os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".tmp-"); fw.err == nil {
		fw.w = bufio.NewWriterSize(fw.f, 64<<10)
	}
	return fw
}

func (fw *fileWriter) write(data []byte) {
	if fw.err != nil {
		return
	}
	fw.sum.Write(data)
	_, fw.err = fw.w.Write(data)
}

// commit puts the file in place, or removes it after a failure.
func (fw *fileWriter) commit() error {
	if fw.err == nil {
		sum := fw.sum.Sum()
		_, fw.err = fw.w.Write(sum[:])
	}
	if fw.err == nil {
		fw.err = fw.w.Flush()
	}
	if fw.f == nil {
		return fw.err
	}
	if err := fw.f.Close(); fw.err == nil {
		fw.err = err
	}
	if fw.err == nil {
		fw.err = os.Rename(fw.f.Name(), fw.path)
	}
	if fw.err != nil {
		os.Remove(fw.f.Name())
	}
	return fw.err
}

// abort removes the file, unfinished.
func (fw *fileWriter) abort() {
	if fw.f != nil {
		fw.f.Close()
		os.Remove(fw.f.Name())
	}
}
