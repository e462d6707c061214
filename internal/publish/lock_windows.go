package publish

import (
	"os"

	"golang.org/x/sys/windows"
)

// lockFile takes an exclusive lock on the first byte of f, failing at once
// if another process holds it. The lock goes with the handle, so a build
// that dies leaves none behind, as with flock.
func lockFile(f *os.File) error {
	var ol windows.Overlapped
	return windows.LockFileEx(windows.Handle(f.Fd()), windows.LOCKFILE_EXCLUSIVE_LOCK|windows.LOCKFILE_FAIL_IMMEDIATELY, 0, 1, 0, &ol)
}

// release drops the lock and removes the lock file. Windows removes no
// open file, so the handle is closed first; another build may have opened
// the file meanwhile, and then it stays, which is harmless.
func release(f *os.File) {
	var ol windows.Overlapped
	windows.UnlockFileEx(windows.Handle(f.Fd()), 0, 1, 0, &ol)
	f.Close()
	os.Remove(f.Name())
}
