package cli

import (
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"github.com/brief-ssg/brief/internal/publish"
)

// checkDestination refuses destinations whose replacement would destroy
// something: the file system root, the home folder, the site root or any
// folder above it, and the content, layouts and static folders or
// anything in them.
func checkDestination(root, dest string) error {
	if err := checkFolder(root, dest); err != nil {
		return fmt.Errorf("refusing to write the site to %s, %v: choose a folder such as public", resolve(dest), err)
	}
	return nil
}

// checkCache refuses a cache folder that would write into the site's
// sources or its published folder, or whose deletion (it is safe to
// delete) would delete them.
func checkCache(root, dest, cacheDir string) error {
	if cacheDir == "" {
		return nil
	}
	err := checkFolder(root, cacheDir)
	if err == nil {
		c, d := resolve(cacheDir), resolve(dest)
		switch {
		case c == d || within(c, d):
			err = errors.New("inside the published site")
		case within(d, c):
			err = errors.New("which holds the published site")
		}
	}
	if err != nil {
		return fmt.Errorf("refusing to keep the build cache in %s, %v: choose a folder such as .brief-cache", resolve(cacheDir), err)
	}
	return nil
}

// checkFolder tells why a folder brief writes to, and may replace, is
// one it must leave alone.
func checkFolder(root, dir string) error {
	root, dir = resolve(root), resolve(dir)
	home, _ := os.UserHomeDir()
	switch {
	case dir == filepath.Dir(dir):
		return errors.New("the file system root")
	case home != "" && dir == resolve(home):
		return errors.New("your home folder")
	case dir == root || within(root, dir):
		return errors.New("which holds the site itself")
	}
	for _, sub := range []string{"content", "layouts", "static"} {
		if d := filepath.Join(root, sub); dir == d || within(dir, d) {
			return fmt.Errorf("inside the %s folder", sub)
		}
	}
	return nil
}

// claimDestination follows a destination that is a symbolic link, so the
// site goes into its target and the link stays, and checks that the
// build may replace what it holds (see publish.Claim). With clean, a
// folder brief did not build is taken over: what the build will delete
// is listed on w. It returns the folder to build into.
func claimDestination(dest, manifest string, clean bool, w io.Writer) (string, error) {
	target, err := publish.Follow(dest)
	if err != nil {
		return "", err
	}
	err = publish.Claim(target, manifest)
	var fe *publish.ForeignError
	switch {
	case errors.As(err, &fe) && clean:
		fmt.Fprintf(w, "brief build: --clean-destination: replacing %s, which brief did not build; deleting %s\n", dest, fe.Sample(20))
		return target, nil
	case errors.As(err, &fe) && fe.NotDir:
		return "", fmt.Errorf("refusing to replace %s: it is a file, not a folder brief built; choose another folder with -d, or pass --clean-destination to replace it", dest)
	case errors.As(err, &fe):
		return "", fmt.Errorf("refusing to build into %s: brief did not build it, and building would delete %s; choose an empty or new folder with -d, or pass --clean-destination to delete what it holds", dest, fe.Sample(5))
	}
	return target, err
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
