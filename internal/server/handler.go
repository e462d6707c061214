package server

import (
	"bytes"
	_ "embed"
	"html/template"
	"mime"
	"net"
	"net/http"
	"net/url"
	"path"
	"strconv"
	"strings"
)

// liveScript reloads the page after a rebuild; it is served by the preview
// only and never written into the built files.
//
//go:embed live.js
var liveScript []byte

// Paths the preview itself owns.
const (
	eventsPath = "/_brief/events"
	scriptPath = "/_brief/live.js"
)

// Handler serves the site of the latest good build, the live-reload script
// and the event stream.
func (s *Server) Handler() http.Handler {
	return http.HandlerFunc(s.serveHTTP)
}

func (s *Server) serveHTTP(w http.ResponseWriter, r *http.Request) {
	h := w.Header()
	h.Set("X-Content-Type-Options", "nosniff")
	h.Set("Cache-Control", "no-store")
	if !s.allowedHost(r.Host) {
		// A page on another site that resolves its own name to 127.0.0.1
		// (DNS rebinding) must not read the preview.
		http.Error(w, "brief serve: host "+strconv.Quote(r.Host)+" is not allowed; add it with --allowed-host", http.StatusForbidden)
		return
	}
	if r.Method != http.MethodGet && r.Method != http.MethodHead {
		h.Set("Allow", "GET, HEAD")
		http.Error(w, "method not allowed", http.StatusMethodNotAllowed)
		return
	}
	switch r.URL.Path {
	case eventsPath:
		if origin := r.Header.Get("Origin"); origin != "" && !s.allowedOrigin(origin) {
			http.Error(w, "brief serve: cross-site event streams are refused", http.StatusForbidden)
			return
		}
		s.serveEvents(w, r)
		return
	case scriptPath:
		s.write(w, r, http.StatusOK, "text/javascript; charset=utf-8", liveScript)
		return
	}
	snap := s.cur.Load()
	if snap.failed && len(snap.files) == 0 {
		// No build has ever succeeded: every page is the error report.
		s.write(w, r, http.StatusInternalServerError, "text/html; charset=utf-8", s.inject(snap, errorPage))
		return
	}
	name, ok := s.resolve(r.URL.Path)
	f, found := snap.files[name]
	if ok && !found && !strings.HasSuffix(name, "index.html") {
		if _, dir := snap.files[name+"/index.html"]; dir {
			target := r.URL.EscapedPath() + "/"
			if r.URL.RawQuery != "" {
				target += "?" + r.URL.RawQuery
			}
			http.Redirect(w, r, target, http.StatusMovedPermanently)
			return
		}
	}
	if ok && !found {
		if data, isLazy := snap.lazyFile(name); isLazy {
			f, found = file{data: data}, true
		}
	}
	status := http.StatusOK
	if ok && !found {
		if page := s.hiddenPage(snap, name); page != nil {
			s.write(w, r, http.StatusNotFound, "text/html; charset=utf-8", s.inject(snap, page))
			return
		}
	}
	if !ok || !found {
		status, name = http.StatusNotFound, "404.html"
		if f, found = snap.files[name]; !found {
			f.data = []byte("<!doctype html><title>Not found</title><h1>Not found</h1>")
		}
	}
	ctype := mime.TypeByExtension(path.Ext(name))
	if ctype == "" {
		ctype = "application/octet-stream"
	}
	data := f.data
	if strings.HasPrefix(ctype, "text/html") {
		data = s.inject(snap, data)
	}
	s.write(w, r, status, ctype, data)
}

// hiddenPage explains why the page of a draft or scheduled briefing is
// not served, and how to preview it; nil when name is no such page.
func (s *Server) hiddenPage(snap *snapshot, name string) []byte {
	if snap.site == nil {
		return nil
	}
	for _, h := range snap.site.Hidden {
		if h.Dir+"index.html" != name {
			continue
		}
		why := "is a draft (draft: true). Start brief serve with -D (--drafts) to preview drafts, or remove draft: true to publish it."
		if !h.Draft {
			why = "is dated " + h.Date.Format("2 January 2006 15:04 MST") + ", in the future: it is published from then. Start brief serve with -F (--future) to preview scheduled briefings."
		}
		return []byte(`<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>brief: not published yet</title></head><body><main><h1>Not published yet</h1><p>` +
			template.HTMLEscapeString(h.Path) + " " + template.HTMLEscapeString(why) + `</p></main></body></html>`)
	}
	return nil
}

// errorPage is the page shown before any build has succeeded.
var errorPage = []byte(`<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>brief: build failed</title></head><body><main><h1>The site does not build yet</h1><p>Fix the errors below and save; this page reloads by itself.</p></main></body></html>`)

func (s *Server) write(w http.ResponseWriter, r *http.Request, status int, ctype string, data []byte) {
	h := w.Header()
	h.Set("Content-Type", ctype)
	h.Set("Content-Length", strconv.Itoa(len(data)))
	w.WriteHeader(status)
	if r.Method != http.MethodHead {
		w.Write(data)
	}
}

// resolve maps a request path to an output path of the build. Only paths
// that name a file of the build can come out: no "." or ".." segments, no
// hidden names, no empty segments, no backslashes or NUL bytes.
func (s *Server) resolve(p string) (string, bool) {
	rest, ok := strings.CutPrefix(p, s.basePath)
	if !ok {
		if p+"/" == s.basePath {
			return "index.html", true
		}
		return "", false
	}
	if strings.ContainsAny(rest, "\\\x00") {
		return "", false
	}
	if rest == "" || strings.HasSuffix(rest, "/") {
		rest += "index.html"
	}
	for seg := range strings.SplitSeq(rest, "/") {
		if seg == "" || seg[0] == '.' {
			return "", false
		}
	}
	return rest, true
}

// inject adds the live-reload script and the overlay of errors and
// warnings to an HTML page, just before </body>.
func (s *Server) inject(snap *snapshot, page []byte) []byte {
	var extra bytes.Buffer
	extra.Write(snap.overlay) // errors after a failed build, warnings after any
	if s.opt.Reload {
		navigate := ""
		if s.opt.Navigate {
			navigate = ` data-navigate="1"`
		}
		extra.WriteString(`<script src="` + scriptPath + `" data-version="` + template.HTMLEscapeString(snap.version) + `"` + navigate + `></script>`)
	}
	if extra.Len() == 0 {
		return page
	}
	at := bytes.LastIndex(page, []byte("</body>"))
	if at < 0 {
		at = len(page)
	}
	out := make([]byte, 0, len(page)+extra.Len())
	out = append(out, page[:at]...)
	out = append(out, extra.Bytes()...)
	return append(out, page[at:]...)
}

// allowedHost accepts the loopback names, the bound address and the names
// given with --allowed-host, with any port.
func (s *Server) allowedHost(hostport string) bool {
	host := hostport
	if h, _, err := net.SplitHostPort(hostport); err == nil {
		host = h
	}
	host = strings.TrimSuffix(strings.Trim(strings.ToLower(host), "[]"), ".")
	return s.hosts[host]
}

// allowedOrigin accepts pages served by this preview.
func (s *Server) allowedOrigin(origin string) bool {
	u, err := url.Parse(origin)
	return err == nil && (u.Scheme == "http" || u.Scheme == "https") && s.allowedHost(u.Host)
}
