package deploy

import (
	"cmp"
	"mime"
	"path"
	"regexp"
	"strconv"
	"strings"
)

// Header is what brief sets on an object besides its bytes.
type Header struct {
	ContentType        string
	CacheControl       string
	ContentEncoding    string // "gzip" when the bytes sent are compressed
	ContentDisposition string
	ContentLanguage    string
}

// fingerprint is the header as one string, recorded in the manifest so that
// a change of headers alone sends the file again.
func (h Header) fingerprint() string {
	return strings.Join([]string{h.ContentType, h.CacheControl, h.ContentEncoding, h.ContentDisposition, h.ContentLanguage}, "\n")
}

// Rule sets headers on the files whose key matches Pattern (a path.Match
// pattern in which ** also matches across folders). Empty fields keep
// brief's choice.
type Rule struct {
	Pattern            string
	CacheControl       string
	ContentType        string
	ContentDisposition string
	ContentLanguage    string
	Gzip               *bool // nil follows Settings.Gzip
}

// Settings decide the headers of every file.
type Settings struct {
	MaxAge int    // seconds for files whose name carries no content hash
	Gzip   bool   // compress text files
	Rules  []Rule // the first matching rule wins

	patterns []pattern // Rules' patterns, compiled (see compile)
}

// Immutable is the Cache-Control of files whose name changes with their
// content: they may be kept for a year.
const Immutable = "public, max-age=31536000, immutable"

// hashed matches the names brief gives files whose name changes with their
// content: style.a6f7c605.css, search.738b35ab.js (the first 8 or more hex
// digits of a hash between the name and the extension).
var hashed = regexp.MustCompile(`^[^/]*\.[0-9a-f]{8,}\.[A-Za-z0-9]+$`)

// IsHashed reports whether key names a content-hashed file.
func IsHashed(key string) bool { return hashed.MatchString(path.Base(key)) }

// types are the content types of the files brief writes, fixed here so a
// deploy sends the same headers on every machine (mime.TypeByExtension
// reads the system's tables, consulted only for other extensions).
var types = map[string]string{
	".html": "text/html", ".htm": "text/html", ".css": "text/css", ".js": "text/javascript", ".mjs": "text/javascript",
	".json": "application/json", ".xml": "application/xml", ".txt": "text/plain", ".csv": "text/csv", ".md": "text/markdown",
	".svg": "image/svg+xml", ".png": "image/png", ".jpg": "image/jpeg", ".jpeg": "image/jpeg", ".gif": "image/gif",
	".webp": "image/webp", ".avif": "image/avif", ".ico": "image/x-icon", ".pdf": "application/pdf",
	".woff": "font/woff", ".woff2": "font/woff2", ".webmanifest": "application/manifest+json", ".wasm": "application/wasm",
	".map": "application/json", ".mp4": "video/mp4", ".webm": "video/webm", ".mp3": "audio/mpeg",
}

// feedTypes are the feeds brief writes, which readers expect as such.
var feedTypes = map[string]string{
	"atom.xml":  "application/atom+xml",
	"feed.json": "application/feed+json",
}

// ContentType is the Content-Type of key, with charset=utf-8 for text.
func ContentType(key string) string {
	ext := strings.ToLower(path.Ext(key))
	t, ok := feedTypes[path.Base(key)]
	if !ok {
		t, ok = types[ext]
	}
	if !ok {
		t = mime.TypeByExtension(ext)
		if i := strings.IndexByte(t, ';'); i >= 0 {
			t = t[:i]
		}
	}
	if t == "" {
		return "application/octet-stream"
	}
	if isText(t) {
		t += "; charset=utf-8"
	}
	return t
}

// isText reports whether a content type (without parameters) is text,
// which is sent with its charset and may be compressed.
func isText(t string) bool {
	return strings.HasPrefix(t, "text/") || strings.HasSuffix(t, "+xml") || strings.HasSuffix(t, "+json") ||
		t == "application/json" || t == "application/xml" || t == "application/javascript" || t == "application/manifest+json"
}

// HeaderFor returns the headers of key; ContentEncoding says whether its
// bytes are sent compressed.
func (s Settings) HeaderFor(key string) Header {
	h := Header{ContentType: ContentType(key), CacheControl: "public, max-age=" + strconv.Itoa(s.MaxAge)}
	if IsHashed(key) {
		h.CacheControl = Immutable
	}
	gz := s.Gzip
	if r := s.rule(key); r != nil {
		h.CacheControl = cmp.Or(r.CacheControl, h.CacheControl)
		h.ContentType = cmp.Or(r.ContentType, h.ContentType)
		h.ContentDisposition = r.ContentDisposition
		h.ContentLanguage = r.ContentLanguage
		if r.Gzip != nil {
			gz = *r.Gzip
		}
	}
	if gz && isText(strings.TrimSpace(strings.SplitN(h.ContentType, ";", 2)[0])) {
		h.ContentEncoding = "gzip"
	}
	return h
}

func (s Settings) rule(key string) *Rule {
	for i := range s.Rules {
		if s.match(i, key) {
			return &s.Rules[i]
		}
	}
	return nil
}

// match reports whether rule i matches key, with its compiled pattern when
// compile has run.
func (s Settings) match(i int, key string) bool {
	if i < len(s.patterns) {
		return s.patterns[i].match(key)
	}
	return Match(s.Rules[i].Pattern, key)
}

// compile compiles the rules' patterns once for a whole site.
func (s *Settings) compile() {
	s.patterns = make([]pattern, len(s.Rules))
	for i, r := range s.Rules {
		s.patterns[i] = compilePattern(r.Pattern)
	}
}

// Match reports whether key matches pattern: path.Match, except that **
// also matches across folders and a pattern without a slash matches the
// base name in any folder (*.pdf matches docs/a.pdf).
func Match(pattern, key string) bool { return compilePattern(pattern).match(key) }

type pattern struct {
	re   *regexp.Regexp // nil for a malformed pattern, which matches nothing
	base bool           // matched against the base name
}

func (p pattern) match(key string) bool {
	if p.base {
		key = path.Base(key)
	}
	return p.re != nil && p.re.MatchString(key)
}

// compilePattern turns a pattern into a regular expression.
func compilePattern(pat string) pattern {
	var b strings.Builder
	b.WriteString("^")
	for i := 0; i < len(pat); i++ {
		switch c := pat[i]; {
		case strings.HasPrefix(pat[i:], "**"):
			b.WriteString(".*")
			i++
		case c == '*':
			b.WriteString("[^/]*")
		case c == '?':
			b.WriteString("[^/]")
		case c == '[':
			end := strings.IndexByte(pat[i+1:], ']')
			if end < 0 {
				return pattern{}
			}
			class := pat[i+1 : i+1+end]
			if strings.HasPrefix(class, "!") {
				class = "^" + class[1:]
			}
			b.WriteString("[" + class + "]")
			i += end + 1
		case c == '\\' && i+1 < len(pat):
			b.WriteString(regexp.QuoteMeta(pat[i+1 : i+2]))
			i++
		default:
			b.WriteString(regexp.QuoteMeta(pat[i : i+1]))
		}
	}
	b.WriteString("$")
	re, err := regexp.Compile(b.String())
	if err != nil {
		return pattern{}
	}
	return pattern{re: re, base: !strings.Contains(pat, "/")}
}
