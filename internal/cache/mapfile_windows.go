package cache

import "os"

// mapFile reads a file into memory; it returns nil for a missing or empty
// file. Windows does not map it: a mapped file cannot be replaced or
// removed while the mapping lives, and the cached strings keep it alive
// as long as the process, so the next Save of a preview server could not
// put a new cache file in its place.
func mapFile(path string) (data []byte, release func()) {
	none := func() {}
	data, err := os.ReadFile(path)
	if err != nil || len(data) == 0 {
		return nil, none
	}
	return data, none
}
