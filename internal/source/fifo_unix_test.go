//go:build !windows

package source

import "syscall"

// mkfifo makes a named pipe at path.
func mkfifo(path string) { syscall.Mkfifo(path, 0o644) }
