//go:build !windows

package main

import (
	"os"
	"syscall"
)

// lockFile takes the lock a running build holds on f (see package publish).
func lockFile(f *os.File) error {
	return syscall.Flock(int(f.Fd()), syscall.LOCK_EX|syscall.LOCK_NB)
}
