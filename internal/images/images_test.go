package images

import (
	"bytes"
	"image"
	"image/png"
	"os"
	"path/filepath"
	"testing"
	"testing/fstest"

	"github.com/brief-ssg/brief/internal/diag"
)

// TestVariantsAreCached checks that a variant is made once and then read
// from the build cache.
func TestVariantsAreCached(t *testing.T) {
	var b bytes.Buffer
	png.Encode(&b, image.NewGray(image.Rect(0, 0, 1000, 500)))
	fsys := fstest.MapFS{"content/map.png": {Data: b.Bytes()}}
	dir := t.TempDir()
	files := func() map[string][]byte {
		s := NewSet(fsys, 0, dir)
		s.Begin()
		img, d := s.Get("content/map.png", diag.Pos{File: "content/a.md", Line: 3})
		if d != nil {
			t.Fatal(d)
		}
		if img.Width != 1000 || img.Height != 500 || len(img.Variants) != 2 {
			t.Fatalf("got %+v", img)
		}
		out := map[string][]byte{}
		s.Files(func(p string, data func() ([]byte, error)) {
			b, err := data()
			if err != nil {
				t.Fatal(err)
			}
			out[p] = b
		})
		return out
	}
	first := files()
	var variant string
	for p, data := range first {
		if filepath.Ext(p) == ".png" && bytes.Contains([]byte(p), []byte("-480w")) {
			variant = p
			cfg, _ := png.DecodeConfig(bytes.NewReader(data))
			if cfg.Width != 480 || cfg.Height != 240 {
				t.Errorf("%s is %dx%d", p, cfg.Width, cfg.Height)
			}
		}
	}
	cached := filepath.Join(dir, "img", filepath.Base(variant))
	if err := os.WriteFile(cached, []byte("from the cache"), 0o644); err != nil {
		t.Fatal(err)
	}
	if got := files()[variant]; string(got) != "from the cache" {
		t.Errorf("the variant was made again, not read from %s", cached)
	}
}
