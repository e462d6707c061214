//go:build darwin || freebsd || netbsd

package cache

import "syscall"

// changeTime is the inode change time in the file's status.
func changeTime(st *syscall.Stat_t) int64 { return st.Ctimespec.Nano() }
