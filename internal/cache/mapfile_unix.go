//go:build !windows

package cache

import (
	"io"
	"os"
	"syscall"
)

// mapFile maps a file into memory for reading, or reads it where it
// cannot be mapped. It returns nil for a missing or empty file. Mapping
// saves the copy and, more, the faults of fresh memory for tens of
// megabytes. A file that is used stays mapped as long as the process
// lives, since the cached strings point into it; release unmaps one that
// is not. brief replaces cache files and never changes them in place; a
// tool that truncated one while a preview server runs would crash it.
func mapFile(path string) (data []byte, release func()) {
	none := func() {}
	f, err := os.Open(path)
	if err != nil {
		return nil, none
	}
	defer f.Close()
	info, err := f.Stat()
	if err != nil || info.Size() <= 0 || info.Size() != int64(int(info.Size())) {
		return nil, none
	}
	if data, err := syscall.Mmap(int(f.Fd()), 0, int(info.Size()), syscall.PROT_READ, syscall.MAP_PRIVATE); err == nil {
		return data, func() { syscall.Munmap(data) }
	}
	if data, err = io.ReadAll(f); err != nil {
		return nil, none
	}
	return data, none
}
