package publish

import (
	"os"
	"path/filepath"
)

// entry is what verifyUnlisted needs of a file's status.
type entry struct {
	dir, regular  bool
	size, modTime int64
}

// lstat reads the status of the file or folder at the slash-separated
// path rel under dest. buf is unused: Windows builds go through os.Lstat.
func lstat(_ *[]byte, dest, rel string) (entry, error) {
	info, err := os.Lstat(filepath.Join(dest, filepath.FromSlash(rel)))
	if err != nil {
		return entry{}, err
	}
	return entry{
		dir:     info.IsDir(),
		regular: info.Mode().IsRegular(),
		size:    info.Size(),
		modTime: info.ModTime().UnixNano(),
	}, nil
}
