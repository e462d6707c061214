package publish

import (
	"errors"
	"os"
	"time"

	"golang.org/x/sys/windows"
)

// rename moves a file or folder with MoveFileEx, replacing a file at to.
// On Windows a virus scanner or the search indexer opens fresh files for a
// moment, and a file or folder (one that holds it) cannot be moved while
// it is open: such a failure is tried again for up to renameWait.
func rename(from, to string) error {
	f, err := windows.UTF16PtrFromString(from)
	if err != nil {
		return &os.LinkError{Op: "rename", Old: from, New: to, Err: err}
	}
	t, err := windows.UTF16PtrFromString(to)
	if err != nil {
		return &os.LinkError{Op: "rename", Old: from, New: to, Err: err}
	}
	deadline := time.Now().Add(renameWait)
	for pause := time.Millisecond; ; pause = min(2*pause, 100*time.Millisecond) {
		err = windows.MoveFileEx(f, t, windows.MOVEFILE_REPLACE_EXISTING)
		if err == nil || !transient(err) || time.Now().After(deadline) {
			break
		}
		time.Sleep(pause)
	}
	if err != nil {
		return &os.LinkError{Op: "rename", Old: from, New: to, Err: err}
	}
	return nil
}

// renameWait bounds how long rename waits for another process to close
// a file.
const renameWait = 2 * time.Second

// transient reports whether err is a file or folder in use.
func transient(err error) bool {
	return errors.Is(err, windows.ERROR_ACCESS_DENIED) ||
		errors.Is(err, windows.ERROR_SHARING_VIOLATION) ||
		errors.Is(err, windows.ERROR_LOCK_VIOLATION)
}
