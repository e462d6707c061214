package build_test

import (
	"bytes"
	"image"
	"image/color"
	"image/jpeg"
	"image/png"
	"os"
	"regexp"
	"testing"
	"testing/fstest"

	"github.com/brief-ssg/brief/internal/images"
)

// testImage encodes a real w×h image as PNG or JPEG.
func testImage(t *testing.T, format string, w, h int) []byte {
	t.Helper()
	m := image.NewRGBA(image.Rect(0, 0, w, h))
	for y := range h {
		for x := range w {
			m.Set(x, y, color.RGBA{uint8(x), uint8(y), 128, 255})
		}
	}
	var b bytes.Buffer
	var err error
	if format == "png" {
		err = png.Encode(&b, m)
	} else {
		err = jpeg.Encode(&b, m, nil)
	}
	if err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// withPNGs adds a small real PNG at each path of fsys.
func withPNGs(fsys fstest.MapFS, paths ...string) fstest.MapFS {
	var b bytes.Buffer
	png.Encode(&b, image.NewGray(image.Rect(0, 0, 4, 3)))
	for _, p := range paths {
		fsys[p] = &fstest.MapFile{Data: b.Bytes()}
	}
	return fsys
}

func imageSite(t *testing.T) fstest.MapFS {
	webp, err := os.ReadFile("testdata/images/video.webp")
	if err != nil {
		t.Fatal(err)
	}
	fsys := siteFS(`
-- brief.toml --
title = "Pictures"
baseURL = "https://example.org/news/"
image = "/img/default.png"
-- content/2025/2025-12-06-strikes.md --
---
title: Strikes
date: 2025-12-06
---
The night.

![Map of the strikes](img/map.png "Overnight strikes. Map: Example Agency")

A photo inline ![A photo](photo.jpg "Kyiv") and a frame:

![A frame](../frame.webp)
-- content/2025/2025-12-05-talks.md --
---
title: Talks
date: 2025-12-05
image: img/map.png
---
No images in the body.
-- content/2025/2025-12-04-plain.md --
---
title: Plain
date: 2025-12-04
---
Nothing.
`)
	fsys["content/2025/img/map.png"] = &fstest.MapFile{Data: testImage(t, "png", 2000, 1000)}
	fsys["content/2025/photo.jpg"] = &fstest.MapFile{Data: testImage(t, "jpeg", 600, 300)}
	fsys["content/frame.webp"] = &fstest.MapFile{Data: webp}
	return fsys
}

func TestImages(t *testing.T) {
	r := buildFS(t, imageSite(t)).ok()
	page := r.file("2025/12/strikes/index.html")
	hashed := regexp.MustCompile(`/news/img/map\.([0-9a-f]{8})\.png`)
	m := hashed.FindStringSubmatch(page)
	if m == nil {
		t.Fatalf("no hashed map image in:\n%s", page)
	}
	h := m[1]
	r.contains("2025/12/strikes/index.html",
		`<figure><img src="/news/img/map.`+h+`.png" srcset="/news/img/map.`+h+`-480w.png 480w, /news/img/map.`+h+`-960w.png 960w, /news/img/map.`+h+`-1600w.png 1600w, /news/img/map.`+h+`.png 2000w" sizes="(max-width: 2000px) 100vw, 2000px" width="2000" height="1000" alt="Map of the strikes" loading="lazy" decoding="async"><figcaption>Overnight strikes. Map: Example Agency</figcaption></figure>`,
		`width="600" height="300" alt="A photo" title="Kyiv" loading="lazy" decoding="async">`,
		`-480w.jpg 480w, /news/img/photo.`,
		`alt="A frame" loading="lazy" decoding="async"></figure>`,
		`<meta property="og:image" content="https://example.org/news/img/map.`+h+`.png">`,
		`<meta name="twitter:card" content="summary_large_image">`,
		`<meta name="twitter:image" content="https://example.org/news/img/map.`+h+`.png">`,
		`"image":["https://example.org/news/img/map.`+h+`.png"]`)
	// WebP is read, never resized.
	webp := regexp.MustCompile(`<img src="/news/img/frame\.[0-9a-f]{8}\.webp" width="(\d+)" height="(\d+)"`).FindStringSubmatch(page)
	if webp == nil || webp[1] != "150" || webp[2] != "103" {
		t.Errorf("webp: got %v", webp)
	}
	// The files, and their variants at their sizes.
	for _, v := range []struct {
		path string
		w, h int
	}{{"img/map." + h + ".png", 2000, 1000}, {"img/map." + h + "-480w.png", 480, 240}, {"img/map." + h + "-960w.png", 960, 480}, {"img/map." + h + "-1600w.png", 1600, 800}} {
		cfg, _, err := image.DecodeConfig(bytes.NewReader([]byte(r.file(v.path))))
		if err != nil || cfg.Width != v.w || cfg.Height != v.h {
			t.Errorf("%s: %dx%d, %v; want %dx%d", v.path, cfg.Width, cfg.Height, err, v.w, v.h)
		}
	}
	// The front matter's image, and the site's default.
	r.contains("2025/12/talks/index.html", `<meta property="og:image" content="https://example.org/news/img/map.`+h+`.png">`)
	r.contains("2025/12/plain/index.html", `<meta property="og:image" content="https://example.org/news/img/default.png">`, `"image":["https://example.org/news/img/default.png"]`)
	r.contains("index.html", `<meta property="og:image" content="https://example.org/news/img/default.png">`)
}

func TestImageNamesFollowContent(t *testing.T) {
	fsys := imageSite(t)
	a := buildFS(t, fsys).ok()
	fsys["content/2025/img/map.png"] = &fstest.MapFile{Data: testImage(t, "png", 300, 200)}
	b := buildFS(t, fsys).ok()
	re := regexp.MustCompile(`img/map\.[0-9a-f]{8}\.png`)
	before, after := re.FindString(a.file("2025/12/strikes/index.html")), re.FindString(b.file("2025/12/strikes/index.html"))
	if before == after || after == "" {
		t.Errorf("the name did not change with the content: %s, %s", before, after)
	}
	b.contains("2025/12/strikes/index.html", `width="300" height="200"`)
	b.lacks("2025/12/strikes/index.html", "-480w.png")
}

func TestImageErrors(t *testing.T) {
	fsys := imageSite(t)
	delete(fsys, "content/2025/photo.jpg")
	fsys["brief.toml"] = &fstest.MapFile{Data: []byte("maxImageSize = 1000\n")}
	fsys["content/2025/2025-12-03-noalt.md"] = &fstest.MapFile{Data: []byte("---\ntitle: No alt\ndate: 2025-12-03\nimage: missing.png\n---\n![](../frame.webp)\n")}
	r := buildFS(t, fsys)
	r.reports(
		"content/2025/2025-12-06-strikes.md:9:16: image content/2025/photo.jpg not found: put the file there, or correct the path",
		"content/2025/2025-12-03-noalt.md:4:8: image content/2025/missing.png not found: put the file there, or correct the path",
		"content/2025/2025-12-03-noalt.md:6:1: warning: image without alt text: describe it between the brackets of ![…](…)",
	)
	if !regexp.MustCompile(`content/2025/2025-12-06-strikes.md:7:1: image content/2025/img/map.png is \d+ bytes, over the limit of 1000: make it smaller, or raise maxImageSize in brief.toml`).MatchString(r.messages()) {
		t.Errorf("no size error:\n%s", r.messages())
	}
	_ = images.Dir
}
