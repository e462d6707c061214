//go:build !windows

package cache

import (
	"io/fs"
	"syscall"
)

// sysStamp adds the change time and inode of the file's status to s.
func sysStamp(info fs.FileInfo, s *Stamp) {
	if st, ok := info.Sys().(*syscall.Stat_t); ok {
		s.ChangeTime = changeTime(st)
		s.Inode = st.Ino
	}
}
