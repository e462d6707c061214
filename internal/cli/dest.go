package cli

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
)

// checkDestination refuses destinations whose replacement would destroy
// something: the file system root, the home folder, the site root or any
// folder above it, and the content and layouts folders or anything in them.
func checkDestination(root, dest string) error {
	root, dest = resolve(root), resolve(dest)
	home, _ := os.UserHomeDir()
	switch {
	case dest == filepath.Dir(dest):
		return fmt.Errorf("refusing to write the site to %s, the file system root: choose a folder such as public", dest)
	case home != "" && dest == resolve(home):
		return fmt.Errorf("refusing to write the site to %s, your home folder: choose a folder such as public", dest)
	case dest == root || within(root, dest):
		return fmt.Errorf("refusing to write the site to %s, which holds the site itself: choose a folder such as public", dest)
	}
	for _, dir := range []string{"content", "layouts"} {
		if d := filepath.Join(root, dir); dest == d || within(dest, d) {
			return fmt.Errorf("refusing to write the site to %s, inside the %s folder: choose a folder such as public", dest, dir)
		}
	}
	return nil
}

// within reports whether p is strictly inside dir.
func within(p, dir string) bool {
	return strings.HasPrefix(p, dir+string(filepath.Separator))
}

// resolve cleans a path and follows symlinks as far as the path exists.
func resolve(p string) string {
	p = filepath.Clean(p)
	if r, err := filepath.EvalSymlinks(p); err == nil {
		return r
	}
	if parent := filepath.Dir(p); parent != p {
		return filepath.Join(resolve(parent), filepath.Base(p))
	}
	return p
}
