package markdown

import (
	"net/url"
	"path"
	"strconv"
	"strings"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/renderer/html"
	"github.com/yuin/goldmark/util"
	"golang.org/x/text/unicode/norm"

	"github.com/brief-ssg/brief/internal/briefing"
)

// localImage resolves a relative image source against the folder of the
// file it is written in: "img/map.png" in content/2025/x.md is
// content/2025/img/map.png.
func localImage(from, dest string) (string, bool) {
	if dest == "" || dest[0] == '/' || dest[0] == '#' || dest[0] == '?' {
		return "", false
	}
	u, err := url.Parse(dest)
	if err != nil || u.Scheme != "" || u.Host != "" || u.Path == "" {
		return "", false
	}
	return norm.NFC.String(path.Join(path.Dir(from), u.Path)), true
}

// imageMarkerDest is the destination the guard gives a local image: its
// index among the body's images.
const imageMarkerDest = "brief-image:"

func markerIndex(n ast.Node) (int, bool) {
	img, ok := n.(*ast.Image)
	if !ok {
		return 0, false
	}
	s, ok := strings.CutPrefix(string(img.Destination), imageMarkerDest)
	if !ok {
		return 0, false
	}
	i, err := strconv.Atoi(s)
	return i, err == nil
}

// imageRenderer writes local images as markers (briefing.ImageMarker) the
// build replaces once it has read the files, and leaves a paragraph that
// holds only such an image out, so that it becomes a <figure>. Other
// images and paragraphs are written as goldmark writes them.
type imageRenderer struct {
	defaults map[ast.NodeKind]renderer.NodeRendererFunc
}

// capture collects goldmark's own rendering functions.
type capture map[ast.NodeKind]renderer.NodeRendererFunc

func (c capture) Register(k ast.NodeKind, f renderer.NodeRendererFunc) { c[k] = f }

func newImageRenderer() *imageRenderer {
	c := capture{}
	html.NewRenderer().(renderer.NodeRenderer).RegisterFuncs(c)
	return &imageRenderer{defaults: c}
}

func (r *imageRenderer) RegisterFuncs(reg renderer.NodeRendererFuncRegisterer) {
	reg.Register(ast.KindImage, r.image)
	reg.Register(ast.KindParagraph, r.paragraph)
}

func (r *imageRenderer) image(w util.BufWriter, src []byte, n ast.Node, entering bool) (ast.WalkStatus, error) {
	i, ok := markerIndex(n)
	if !ok {
		return r.defaults[ast.KindImage](w, src, n, entering)
	}
	if entering {
		w.WriteString(briefing.ImageMarker + strconv.Itoa(i) + "-->")
	}
	return ast.WalkSkipChildren, nil
}

func (r *imageRenderer) paragraph(w util.BufWriter, src []byte, n ast.Node, entering bool) (ast.WalkStatus, error) {
	if n.ChildCount() == 1 {
		if i, ok := markerIndex(n.FirstChild()); ok {
			if entering {
				w.WriteString(briefing.ImageMarker + strconv.Itoa(i) + "-->\n")
			}
			return ast.WalkSkipChildren, nil
		}
	}
	return r.defaults[ast.KindParagraph](w, src, n, entering)
}
