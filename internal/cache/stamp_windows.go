package cache

import (
	"io/fs"
	"syscall"
)

// sysStamp adds the file's creation time to s in place of a change time:
// a directory listing on Windows has neither change time nor file index
// (reading them would open every file), and the creation time does move
// when an editor saves by replacing the file, the case an unchanged
// modification time most often hides.
func sysStamp(info fs.FileInfo, s *Stamp) {
	if st, ok := info.Sys().(*syscall.Win32FileAttributeData); ok {
		s.ChangeTime = st.CreationTime.Nanoseconds()
	}
}
