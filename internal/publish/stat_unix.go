//go:build !windows

package publish

import "golang.org/x/sys/unix"

// entry is what the verifier and the manifest need of a file's status.
type entry struct {
	dir, regular         bool
	size, modTime, cTime int64 // cTime: the status change time
}

// lstatPath reads the status of the file or folder at path, not following
// a symbolic link.
func lstatPath(path string) (entry, error) {
	var st unix.Stat_t
	if err := unix.Lstat(path, &st); err != nil {
		return entry{}, err
	}
	return entry{
		dir:     st.Mode&unix.S_IFMT == unix.S_IFDIR,
		regular: st.Mode&unix.S_IFMT == unix.S_IFREG,
		size:    st.Size,
		modTime: st.Mtim.Nano(),
		cTime:   st.Ctim.Nano(),
	}, nil
}
