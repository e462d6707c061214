package publish

import "os"

// writeFile writes data to the file at path, made or truncated, and
// returns its modification time as a later listing of its folder will
// read it: NTFS may update the time in the folder's entry only when the
// file is closed, so it is read after.
func writeFile(path string, data []byte) (modTime int64, err error) {
	if err := os.WriteFile(path, data, 0o644); err != nil {
		return 0, err
	}
	info, err := os.Lstat(path)
	if err != nil {
		return 0, err
	}
	return info.ModTime().UnixNano(), nil
}
