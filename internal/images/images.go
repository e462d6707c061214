// Package images reads the images a briefing's Markdown shows from files
// next to it: it checks them, reads their size in pixels, names them by
// their content, makes smaller variants of large JPEG and PNG images, and
// writes the <figure> or <img> that stands in each one's place.
package images

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"html"
	"html/template"
	"image"
	_ "image/gif" // decoders the files may need
	"image/jpeg"
	"image/png"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"strconv"
	"strings"
	"sync"

	"golang.org/x/image/draw"
	_ "golang.org/x/image/webp"

	"github.com/brief-ssg/brief/internal/briefing"
	"github.com/brief-ssg/brief/internal/diag"
)

// DefaultMaxSize is the default limit on the size of one image file.
const DefaultMaxSize = 10 << 20

// Widths are the widths of the smaller variants of large images, in
// pixels, for srcset.
var Widths = []int{480, 960, 1600}

// Dir is the folder of the site that images are written to.
const Dir = "img/"

// Image is one image file as the site publishes it.
type Image struct {
	Src      string // the source file, relative to the site root
	Out      string // its path in the site: img/map.1a2b3c4d.png
	Width    int
	Height   int
	Format   string    // png, jpeg, gif, webp
	Variants []Variant // smaller copies, narrowest first; none for small images
	stamp    string
}

// Variant is a smaller copy of an image.
type Variant struct {
	Out    string
	Width  int
	Height int
}

// Set reads the images of a site's briefings and remembers them by file
// and stamp between builds. It is safe for concurrent use.
type Set struct {
	fsys     fs.FS
	maxSize  int64
	cacheDir string // variants made by earlier builds; "" for none

	mu    sync.Mutex
	known map[string]*Image // by source path
	files map[string]func() ([]byte, error)
	made  map[string][]byte // variants made, by output path (named by content)
}

// NewSet returns a Set that reads from fsys, refuses files over maxSize
// bytes and keeps variants in cacheDir ("" keeps them in memory only).
func NewSet(fsys fs.FS, maxSize int64, cacheDir string) *Set {
	if maxSize <= 0 {
		maxSize = DefaultMaxSize
	}
	return &Set{fsys: fsys, maxSize: maxSize, cacheDir: cacheDir, known: map[string]*Image{}, made: map[string][]byte{}}
}

// Begin starts a build: the files to write are forgotten.
func (s *Set) Begin() {
	s.mu.Lock()
	s.files = map[string]func() ([]byte, error){}
	s.mu.Unlock()
}

// Get reads the image at src, or returns the one read before when the
// file has not changed. pos is where the image is written, for errors.
func (s *Set) Get(src string, pos diag.Pos) (*Image, *diag.Diagnostic) {
	info, err := fs.Stat(s.fsys, src)
	if err != nil {
		if errors.Is(err, fs.ErrNotExist) {
			d := diag.Errorf(pos, "image %s not found: put the file there, or correct the path", src)
			return nil, &d
		}
		d := diag.Errorf(pos, "image %s cannot be read: %v", src, err)
		return nil, &d
	}
	if !info.Mode().IsRegular() {
		d := diag.Errorf(pos, "image %s is not a regular file", src)
		return nil, &d
	}
	if info.Size() > s.maxSize {
		d := diag.Errorf(pos, "image %s is %d bytes, over the limit of %d: make it smaller, or raise maxImageSize in brief.toml", src, info.Size(), s.maxSize)
		return nil, &d
	}
	stamp := fmt.Sprint(info.Size(), info.ModTime().UnixNano())
	s.mu.Lock()
	img := s.known[src]
	s.mu.Unlock()
	if img == nil || img.stamp != stamp {
		data, err := fs.ReadFile(s.fsys, src)
		if err != nil {
			d := diag.Errorf(pos, "image %s cannot be read: %v", src, err)
			return nil, &d
		}
		img, err = s.read(src, data)
		if err != nil {
			d := diag.Errorf(pos, "image %s: %v", src, err)
			return nil, &d
		}
		img.stamp = stamp
		s.mu.Lock()
		s.known[src] = img
		s.mu.Unlock()
	}
	s.mu.Lock()
	if s.files != nil {
		s.files[img.Out] = func() ([]byte, error) { return fs.ReadFile(s.fsys, src) }
		for _, v := range img.Variants {
			s.files[v.Out] = func() ([]byte, error) { return s.variant(img, v) }
		}
	}
	s.mu.Unlock()
	return img, nil
}

// read names an image by its content and reads its size.
func (s *Set) read(src string, data []byte) (*Image, error) {
	cfg, format, err := image.DecodeConfig(bytes.NewReader(data))
	if err != nil {
		return nil, errors.New("not a PNG, JPEG, GIF or WebP image")
	}
	sum := sha256.Sum256(data)
	hash := hex.EncodeToString(sum[:4])
	base := path.Base(src)
	name := strings.TrimSuffix(base, path.Ext(base))
	ext := path.Ext(base)
	img := &Image{Src: src, Out: Dir + name + "." + hash + ext, Width: cfg.Width, Height: cfg.Height, Format: format}
	if format == "jpeg" || format == "png" {
		for _, w := range Widths {
			if w < cfg.Width {
				h := max(1, (cfg.Height*w+cfg.Width/2)/cfg.Width)
				img.Variants = append(img.Variants, Variant{Out: Dir + name + "." + hash + "-" + strconv.Itoa(w) + "w" + ext, Width: w, Height: h})
			}
		}
	}
	return img, nil
}

// variant makes (or reads from the cache) one smaller copy of img, once.
func (s *Set) variant(img *Image, v Variant) ([]byte, error) {
	s.mu.Lock()
	b, ok := s.made[v.Out]
	s.mu.Unlock()
	if ok {
		return b, nil
	}
	b, err := s.makeVariant(img, v)
	if err == nil {
		s.mu.Lock()
		s.made[v.Out] = b
		s.mu.Unlock()
	}
	return b, err
}

// makeVariant makes (or reads from the cache) one smaller copy of img.
func (s *Set) makeVariant(img *Image, v Variant) ([]byte, error) {
	cached := ""
	if s.cacheDir != "" {
		cached = filepath.Join(s.cacheDir, "img", path.Base(v.Out))
		if b, err := os.ReadFile(cached); err == nil {
			return b, nil
		}
	}
	data, err := fs.ReadFile(s.fsys, img.Src)
	if err != nil {
		return nil, err
	}
	m, _, err := image.Decode(bytes.NewReader(data))
	if err != nil {
		return nil, err
	}
	dst := image.NewRGBA(image.Rect(0, 0, v.Width, v.Height))
	draw.CatmullRom.Scale(dst, dst.Bounds(), m, m.Bounds(), draw.Src, nil)
	var buf bytes.Buffer
	if img.Format == "jpeg" {
		err = jpeg.Encode(&buf, dst, &jpeg.Options{Quality: 85})
	} else {
		err = png.Encode(&buf, dst)
	}
	if err != nil {
		return nil, err
	}
	if cached != "" {
		if os.MkdirAll(filepath.Dir(cached), 0o755) == nil {
			tmp := cached + ".tmp"
			if os.WriteFile(tmp, buf.Bytes(), 0o644) == nil {
				os.Rename(tmp, cached)
			}
		}
	}
	return buf.Bytes(), nil
}

// Files calls write for every file the images of this build need, in no
// particular order.
func (s *Set) Files(write func(path string, data func() ([]byte, error))) {
	s.mu.Lock()
	files := s.files
	s.mu.Unlock()
	for p, f := range files {
		write(p, f)
	}
}

// HTML is the element of one image in a briefing: a <figure> with the
// title as <figcaption> when it stands alone in its paragraph, else an
// <img>. basePath is the site's, ending in /.
func HTML(img *Image, ref briefing.Image, basePath string) string {
	var b strings.Builder
	if ref.Block {
		b.WriteString("<figure>")
	}
	b.WriteString(`<img src="`)
	b.WriteString(html.EscapeString(basePath + img.Out))
	b.WriteString(`"`)
	if len(img.Variants) > 0 {
		b.WriteString(` srcset="`)
		for _, v := range img.Variants {
			fmt.Fprintf(&b, "%s %dw, ", html.EscapeString(basePath+v.Out), v.Width)
		}
		fmt.Fprintf(&b, "%s %dw\" sizes=\"(max-width: %dpx) 100vw, %dpx\"", html.EscapeString(basePath+img.Out), img.Width, img.Width, img.Width)
	}
	fmt.Fprintf(&b, ` width="%d" height="%d" alt="%s"`, img.Width, img.Height, template.HTMLEscapeString(ref.Alt))
	if ref.Title != "" && !ref.Block {
		fmt.Fprintf(&b, ` title="%s"`, template.HTMLEscapeString(ref.Title))
	}
	b.WriteString(` loading="lazy" decoding="async">`)
	if ref.Block {
		if ref.Title != "" {
			b.WriteString("<figcaption>")
			b.WriteString(template.HTMLEscapeString(ref.Title))
			b.WriteString("</figcaption>")
		}
		b.WriteString("</figure>")
	}
	return b.String()
}
