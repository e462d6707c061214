//go:build !windows

package publish

import (
	"os"
	"syscall"
)

// lockFile takes an exclusive lock on f, failing at once if another
// process holds it.
func lockFile(f *os.File) error {
	return syscall.Flock(int(f.Fd()), syscall.LOCK_EX|syscall.LOCK_NB)
}

// release removes the lock file and drops the lock.
func release(f *os.File) {
	os.Remove(f.Name())
	syscall.Flock(int(f.Fd()), syscall.LOCK_UN)
	f.Close()
}
