//go:build !windows

package publish

import (
	"path/filepath"

	"golang.org/x/sys/unix"
)

// entry is what verifyUnlisted needs of a file's status.
type entry struct {
	dir, regular  bool
	size, modTime int64
}

// lstat reads the status of the file or folder at the slash-separated
// path rel under dest, making its path in buf: a build checks tens of
// thousands, and os.Lstat makes a FileInfo and a path for each.
func lstat(buf *[]byte, dest, rel string) (entry, error) {
	b := append((*buf)[:0], dest...)
	if rel != "" {
		b = append(append(b, filepath.Separator), rel...)
	}
	*buf = b
	var st unix.Stat_t
	if err := unix.Lstat(string(b), &st); err != nil {
		return entry{}, err
	}
	return entry{
		dir:     st.Mode&unix.S_IFMT == unix.S_IFDIR,
		regular: st.Mode&unix.S_IFMT == unix.S_IFREG,
		size:    st.Size,
		modTime: st.Mtim.Nano(),
	}, nil
}
