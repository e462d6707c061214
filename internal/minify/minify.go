// Package minify makes built files smaller without changing what a browser
// shows, using tdewolff/minify: HTML, CSS, JavaScript, JSON, SVG and XML
// (feeds and sitemaps). It wraps the sink the files go to.
package minify

import (
	"bytes"
	"path"
	"regexp"
	"sync"

	"github.com/tdewolff/minify/v2"
	"github.com/tdewolff/minify/v2/css"
	"github.com/tdewolff/minify/v2/html"
	"github.com/tdewolff/minify/v2/js"
	"github.com/tdewolff/minify/v2/json"
	"github.com/tdewolff/minify/v2/svg"
	"github.com/tdewolff/minify/v2/xml"

	"github.com/brief-ssg/brief/internal/render"
)

// mediaTypes maps file extensions to the minifier for them; other files
// pass through untouched.
var mediaTypes = map[string]string{
	".html": "text/html", ".css": "text/css", ".js": "application/javascript",
	".json": "application/json", ".svg": "image/svg+xml", ".xml": "text/xml",
}

// Sink minifies what it is given and passes it on.
type Sink struct {
	next render.Sink
	m    *minify.M
	bufs sync.Pool
}

// Wrap returns a sink that minifies files before handing them to next.
func Wrap(next render.Sink) *Sink {
	m := minify.New()
	// Keep what a browser or reader relies on: the document and its
	// end tags, default attribute values, and the quotes of attributes.
	m.Add("text/html", &html.Minifier{KeepDocumentTags: true, KeepEndTags: true, KeepDefaultAttrVals: true, KeepQuotes: true, KeepSpecialComments: true})
	m.AddFunc("text/css", css.Minify)
	m.AddFuncRegexp(regexp.MustCompile(`^(application|text)/(x-)?(java|ecma)script$`), js.Minify)
	m.AddFuncRegexp(regexp.MustCompile(`[/+]json$`), json.Minify)
	m.AddFunc("image/svg+xml", svg.Minify)
	m.AddFuncRegexp(regexp.MustCompile(`[/+]xml$`), xml.Minify)
	return &Sink{next: next, m: m, bufs: sync.Pool{New: func() any { return new(bytes.Buffer) }}}
}

// minified changes the fingerprint of every page, so a sink never keeps a
// page made without minifying for a build with it, or the other way round.
func minified(in render.Input) render.Input {
	if in != (render.Input{}) {
		in[0] ^= 0x5a
	}
	return in
}

// Write minifies data by the file's extension. A file the minifier cannot
// read (which brief never makes) is passed on as it is.
func (s *Sink) Write(p string, data []byte, input render.Input) error {
	mediaType, ok := mediaTypes[path.Ext(p)]
	if !ok {
		return s.next.Write(p, data, minified(input))
	}
	buf := s.bufs.Get().(*bytes.Buffer)
	defer s.bufs.Put(buf)
	buf.Reset()
	if err := s.m.Minify(mediaType, buf, bytes.NewReader(data)); err != nil {
		return s.next.Write(p, data, minified(input))
	}
	return s.next.Write(p, buf.Bytes(), minified(input))
}

// Retain asks the next sink, when it retains files at all.
func (s *Sink) Retain(paths []string) (lost []int) {
	if r, ok := s.next.(render.Retainer); ok {
		return r.Retain(paths)
	}
	return render.NoneRetained(paths)
}

// Keep asks the next sink, when it keeps pages at all.
func (s *Sink) Keep(p string, input render.Input) (int64, bool) {
	if k, ok := s.next.(render.Keeper); ok {
		return k.Keep(p, minified(input))
	}
	return 0, false
}
