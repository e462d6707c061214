package publish

import "os"

// writeFile writes data to the file at path, made or truncated, and
// returns its modification and change times (see entry) as a later check
// will read them: NTFS may update a file's times only when it is closed,
// so they are read after.
func writeFile(path string, data []byte) (modTime, cTime int64, err error) {
	if err := os.WriteFile(path, data, 0o644); err != nil {
		return 0, 0, err
	}
	info, err := lstatPath(path)
	if err != nil {
		return 0, 0, err
	}
	return info.modTime, info.cTime, nil
}
