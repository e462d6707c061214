//go:build !windows

package publish

import "os"

// rename moves a file or folder (see rename_windows.go).
func rename(from, to string) error { return os.Rename(from, to) }
