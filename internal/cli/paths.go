package cli

import "path/filepath"

// fromRoot resolves a folder given on the command line: an absolute path
// as it is, a relative one from the site root. A path that is rooted but
// not absolute (Windows' \public, or C:public) is made absolute from the
// current drive, as every Windows program reads it, not joined to root.
func fromRoot(root, p string) string {
	if filepath.IsAbs(p) {
		return p
	}
	if filepath.VolumeName(p) != "" || (p != "" && filepath.IsAbs(filepath.VolumeName(root)+p)) {
		if abs, err := filepath.Abs(p); err == nil {
			return abs
		}
	}
	return filepath.Join(root, p)
}
