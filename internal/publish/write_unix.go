//go:build !windows

package publish

import (
	"io"
	"io/fs"

	"golang.org/x/sys/unix"
)

// writeFile writes data to the file at path, made or truncated, and
// returns its modification and status change times, with bare system calls: an os.File would
// also register each file with the runtime's poller and ask for its flags
// (more system calls per file, for nothing on a regular file), and
// allocate.
func writeFile(path string, data []byte) (modTime, cTime int64, err error) {
	var fd int
	err = retry(func() (err error) {
		fd, err = unix.Open(path, unix.O_WRONLY|unix.O_CREAT|unix.O_TRUNC|unix.O_CLOEXEC, 0o644)
		return err
	})
	if err != nil {
		return 0, 0, &fs.PathError{Op: "open", Path: path, Err: err}
	}
	for len(data) > 0 && err == nil {
		var n int
		err = retry(func() (err error) {
			n, err = unix.Write(fd, data)
			return err
		})
		switch {
		case err != nil:
		case n <= 0:
			err = io.ErrShortWrite
		default:
			data = data[n:]
		}
	}
	var st unix.Stat_t
	if err == nil {
		err = retry(func() error { return unix.Fstat(fd, &st) })
	}
	if cerr := unix.Close(fd); err == nil && cerr != nil {
		err = cerr
	}
	if err != nil {
		return 0, 0, &fs.PathError{Op: "write", Path: path, Err: err}
	}
	return st.Mtim.Nano(), st.Ctim.Nano(), nil
}

// retry calls f again while it is interrupted by a signal.
func retry(f func() error) error {
	for {
		if err := f(); err != unix.EINTR {
			return err
		}
	}
}
