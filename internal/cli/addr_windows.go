package cli

import (
	"errors"

	"golang.org/x/sys/windows"
)

// addrInUse reports whether listening failed because the port is taken:
// Winsock has an error of its own for it.
func addrInUse(err error) bool { return errors.Is(err, windows.WSAEADDRINUSE) }
