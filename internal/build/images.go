package build

import (
	htmltemplate "html/template"
	"io/fs"
	"net/url"
	"strconv"
	"strings"

	"github.com/brief-ssg/brief/internal/briefing"
	"github.com/brief-ssg/brief/internal/cache"
	"github.com/brief-ssg/brief/internal/diag"
	"github.com/brief-ssg/brief/internal/digest"
	"github.com/brief-ssg/brief/internal/images"
	"github.com/brief-ssg/brief/internal/render"
)

// imageDep is an image file a build read, with its stamp, for the record
// of the build: a later build is not skipped when one changed.
type imageDep struct {
	Path  string
	Stamp cache.Stamp
}

// resolveImages reads the images of every briefing that shows some, and
// gives it a copy of itself whose HTML holds them and whose Image is the
// URL of its link preview (root-relative, with the base path, or
// absolute). It reports the files read.
func resolveImages(set *images.Set, c *briefing.Content, basePath string) ([]imageDep, diag.List) {
	var diags diag.List
	var deps []imageDep
	seen := map[string]bool{}
	dep := func(img *images.Image) {
		if !seen[img.Src] {
			seen[img.Src] = true
			deps = append(deps, imageDep{Path: img.Src})
		}
	}
	for i, b := range c.Briefings {
		if len(b.Images) == 0 && b.Image == "" {
			continue
		}
		nb := *b
		html := string(b.HTML)
		var first string
		for k, ref := range b.Images {
			marker := briefing.ImageMarker + strconv.Itoa(k) + "-->"
			img, d := set.Get(ref.Src, ref.Pos)
			if d != nil {
				diags = append(diags, *d)
				html = strings.Replace(html, marker, "", 1)
				continue
			}
			dep(img)
			if first == "" {
				first = basePath + img.Out
			}
			html = strings.Replace(html, marker, images.HTML(img, ref, basePath), 1)
		}
		nb.HTML = htmltemplate.HTML(html)
		nb.HTMLSum = digest.Of([]byte(html))
		switch {
		case b.Image == "":
			nb.Image = first
		case isAbsURL(b.Image):
		default:
			img, d := set.Get(localPath(b.Path, b.Image), b.ImagePos)
			if d != nil {
				diags = append(diags, *d)
				nb.Image = ""
				break
			}
			dep(img)
			nb.Image = basePath + img.Out
		}
		c.Briefings[i] = &nb
	}
	return deps, diags
}

func isAbsURL(s string) bool {
	u, err := url.Parse(s)
	return err == nil && (u.Scheme == "http" || u.Scheme == "https") && u.Host != ""
}

// localPath resolves a path written in the file from: relative to its
// folder, or from the site root when it starts with /.
func localPath(from, p string) string {
	if strings.HasPrefix(p, "/") {
		return strings.TrimPrefix(p, "/")
	}
	dir := from[:strings.LastIndexByte(from, '/')+1]
	return cleanPath(dir + p)
}

func cleanPath(p string) string {
	var out []string
	for _, part := range strings.Split(p, "/") {
		switch part {
		case "", ".":
		case "..":
			if len(out) > 0 {
				out = out[:len(out)-1]
			}
		default:
			out = append(out, part)
		}
	}
	return strings.Join(out, "/")
}

// imagesUnchanged tells whether every image a build read is as it was.
func imagesUnchanged(fsys fs.FS, deps []imageDep) bool {
	for _, d := range deps {
		info, err := fs.Stat(fsys, d.Path)
		if err != nil || cache.StampOf(info) != d.Stamp {
			return false
		}
	}
	return true
}

// stampImages fills in the stamps of the files read.
func stampImages(fsys fs.FS, deps []imageDep) {
	for i := range deps {
		if info, err := fs.Stat(fsys, deps[i].Path); err == nil {
			deps[i].Stamp = cache.StampOf(info)
		}
	}
}

// writeImages writes the image files of this build.
func writeImages(set *images.Set, out render.Sink) diag.List {
	var diags diag.List
	set.Files(func(p string, data func() ([]byte, error)) {
		b, err := data()
		if err == nil {
			err = out.Write(p, b, render.Input{})
		}
		if err != nil {
			diags.Errorf(diag.Pos{File: p}, "writing: %v", err)
		}
	})
	return diags
}
