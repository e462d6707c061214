package publish

import (
	"fmt"
	"math/rand/v2"
	"reflect"
	"testing"
)

// TestManifestRoundTrip writes manifests of random files and folders and
// reads them back equal; a cut one never reads.
func TestManifestRoundTrip(t *testing.T) {
	rng := rand.New(rand.NewPCG(8, 9))
	for n := range 50 {
		m := manifestFile{Version: manifestVersion, Files: map[string]FileState{}, Dirs: map[string]int64{}}
		for i := range n * 3 {
			st := FileState{Size: rng.Int64N(1 << 40), ModTime: rng.Int64() - 1<<62}
			for k := range st.Sum {
				st.Sum[k] = byte(rng.IntN(256))
			}
			for k := range st.Input {
				st.Input[k] = byte(rng.IntN(256))
			}
			m.Files[fmt.Sprintf("%d/%c/Київ %d.html", i%7, 'a'+rune(i%26), i)] = st
			m.Dirs[fmt.Sprintf("%d", i%7)] = rng.Int64()
		}
		m.Dirs[""] = 42
		data := encodeManifest(m)
		got, ok := decodeManifest(string(data))
		if !ok || !reflect.DeepEqual(got, m) {
			t.Fatalf("manifest of %d files read back as %v (ok=%v)", len(m.Files), got, ok)
		}
		for cut := 0; cut < len(data); cut += 1 + len(data)/50 {
			if _, ok := decodeManifest(string(data[:cut])); ok {
				t.Fatalf("a manifest cut at %d of %d bytes reads", cut, len(data))
			}
		}
	}
}
