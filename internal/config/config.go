// Package config reads brief.toml, the optional site configuration, strictly:
// unknown keys and wrong types are errors with their line.
package config

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"net/url"
	"strconv"
	"strings"
	"time"

	"golang.org/x/text/language"

	"github.com/brief-ssg/brief/internal/briefing"
	"github.com/brief-ssg/brief/internal/diag"
	fm "github.com/brief-ssg/brief/internal/frontmatter"
	"github.com/brief-ssg/brief/internal/slug"
	"github.com/brief-ssg/brief/internal/source"
)

// FileName is the configuration file at the site root.
const FileName = "brief.toml"

// MaxSize is the largest brief.toml read: the default limit of a content
// file, since a configuration is smaller still.
const MaxSize = source.DefaultMaxFileSize

// Read reads brief.toml from the site root over the defaults; without one,
// it returns the defaults. A file past MaxSize is refused unread.
func Read(fsys fs.FS) (Config, diag.List) {
	f, err := fsys.Open(FileName)
	if errors.Is(err, fs.ErrNotExist) {
		return Default(), nil
	}
	if err != nil {
		return Default(), diag.List{diag.Errorf(diag.Pos{File: FileName}, "cannot read: %v", err)}
	}
	defer f.Close()
	src, err := io.ReadAll(io.LimitReader(f, MaxSize+1))
	if err != nil {
		return Default(), diag.List{diag.Errorf(diag.Pos{File: FileName}, "cannot read: %v", err)}
	}
	if len(src) > MaxSize {
		return Default(), diag.List{diag.Errorf(diag.Pos{File: FileName, Line: 1, Col: 1}, "file exceeds max size (limit %d bytes, as for content files): a configuration needs far less; move long texts into content/", MaxSize)}
	}
	return Parse(FileName, src)
}

// checkBaseURL says what is wrong with a base URL, or "" when nothing is.
func CheckBaseURL(s string) string {
	if s == "" {
		return ""
	}
	const want = "must be an absolute http(s) URL such as https://example.org/briefings/"
	u, err := url.Parse(s)
	switch {
	case err != nil && strings.Contains(err.Error(), "invalid port"):
		return "has an impossible port: write a number from 1 to 65535, or none"
	case err != nil || u.Scheme != "http" && u.Scheme != "https" || u.Host == "" || u.Hostname() == "":
		return want
	case u.User != nil:
		return "holds a user name or password, which every page would show: remove it"
	case u.Port() != "" && !source.ValidPort(u.Port()):
		return "has an impossible port: write a number from 1 to 65535, or none"
	case u.RawQuery != "" || u.Fragment != "" || strings.HasSuffix(s, "?") || strings.HasSuffix(s, "#"):
		return "has a query or fragment, which no page URL can carry: remove it"
	}
	return ""
}

// Config is the site configuration.
type Config struct {
	Title       string
	BaseURL     string
	Language    string
	TimeZone    string
	Location    *time.Location
	PageSize    int
	MaxFileSize int64
	Params      map[string]any
	Description string // the site's description, for feeds and metadata
	FeedLimit   int    // newest briefings in each feed
	NewPath     string // where brief new writes, a pattern under the site root
	Headers     bool   // write _headers for Netlify and Cloudflare Pages
	// Highlights are the keys of the figure series the home page shows,
	// in order; none: the most reported.
	Highlights []briefing.Name
	Deploy     Deploy // the [deploy] table, for brief deploy
}

// DefaultNewPath is where brief new writes unless newPath says otherwise:
// {year}, {month}, {day} and {slug} are filled in.
const DefaultNewPath = "content/{year}/{year}-{month}-{day}-{slug}.md"

// Default is the configuration of a site without brief.toml.
func Default() Config {
	return Config{Title: "Briefings", Language: "en", TimeZone: "UTC", Location: time.UTC, PageSize: 20, MaxFileSize: source.DefaultMaxFileSize, FeedLimit: 20, NewPath: DefaultNewPath, Deploy: defaultDeploy()}
}

var keys = []string{"title", "description", "baseURL", "language", "timezone", "pageSize", "feedLimit", "maxFileSize", "newPath", "headers", "highlights", "params", "deploy"}

// Parse reads brief.toml's bytes over the defaults.
func Parse(path string, src []byte) (Config, diag.List) {
	c := Default()
	root, diags := fm.DecodeTOML(path, src)
	if root == nil {
		return c, diags
	}
	for _, f := range root.Fields {
		v := f.Value
		switch f.Key {
		case "title":
			c.Title = scalar(f, &diags)
		case "baseURL":
			c.BaseURL = scalar(f, &diags)
			if msg := CheckBaseURL(c.BaseURL); msg != "" {
				diags.Errorf(v.Pos, "baseURL %q %s", c.BaseURL, msg)
			}
		case "description":
			c.Description = scalar(f, &diags)
		case "feedLimit":
			n, err := strconv.Atoi(scalar(f, &diags))
			if err != nil || n < 1 {
				diags.Errorf(v.Pos, "feedLimit must be a whole number of at least 1")
				continue
			}
			c.FeedLimit = n
		case "newPath":
			c.NewPath = scalar(f, &diags)
			if !strings.HasPrefix(c.NewPath, "content/") || !strings.HasSuffix(c.NewPath, ".md") || !strings.Contains(c.NewPath, "{slug}") || strings.Contains(c.NewPath, "..") {
				diags.Errorf(v.Pos, "newPath %q must be a path under content/ ending in .md and naming {slug}, such as %q", c.NewPath, DefaultNewPath)
			}
		case "headers":
			switch scalar(f, &diags) {
			case "true":
				c.Headers = true
			case "false":
				c.Headers = false
			default:
				diags.Errorf(v.Pos, "headers must be true or false")
			}
		case "language":
			c.Language = scalar(f, &diags)
			if _, err := language.Parse(c.Language); err != nil {
				diags.Errorf(v.Pos, "language %q is not a language tag: write one such as en, uk or pt-BR", c.Language)
			}
		case "timezone":
			c.TimeZone = scalar(f, &diags)
			loc, err := time.LoadLocation(c.TimeZone)
			if err != nil || c.TimeZone == "Local" {
				diags.Errorf(v.Pos, "timezone %q is not an IANA time zone name such as Europe/Kyiv or UTC", c.TimeZone)
				continue
			}
			c.Location = loc
		case "pageSize":
			n, err := strconv.Atoi(scalar(f, &diags))
			if err != nil || n < 1 {
				diags.Errorf(v.Pos, "pageSize must be a whole number of at least 1")
				continue
			}
			c.PageSize = n
		case "maxFileSize":
			n, err := strconv.ParseInt(scalar(f, &diags), 10, 64)
			if err != nil || n < 1 {
				diags.Errorf(v.Pos, "maxFileSize must be a number of bytes, such as 1048576")
				continue
			}
			c.MaxFileSize = n
		case "highlights":
			items := v.Items
			if v.Kind == fm.Scalar {
				items = []*fm.Node{v}
			} else if v.Kind != fm.List {
				diags.Errorf(v.Pos, "highlights must be a list of figure keys: highlights = [\"drones-launched\"]")
				continue
			}
			for _, it := range items {
				if it.Kind != fm.Scalar || strings.TrimSpace(it.Value) == "" {
					diags.Errorf(it.Pos, "each of highlights must be a figure key")
					continue
				}
				c.Highlights = append(c.Highlights, briefing.Name{Text: strings.TrimSpace(it.Value), Pos: it.Pos})
			}
		case "params":
			if v.Kind != fm.Map {
				diags.Errorf(v.Pos, "params must be a table: [params]")
				continue
			}
			c.Params = plain(v).(map[string]any)
		case "deploy":
			parseDeploy(v, &c.Deploy, &diags)
		default:
			msg := fmt.Sprintf("unknown key %q in %s", f.Key, FileName)
			if s := slug.Closest(f.Key, keys, 2); s != "" {
				msg += fmt.Sprintf(": did you mean %q?", s)
			} else {
				msg += "; known keys: " + strings.Join(keys, ", ")
			}
			diags.Errorf(f.KeyPos, "%s", msg)
		}
	}
	return c, diags
}

func scalar(f fm.Field, diags *diag.List) string {
	if f.Value.Kind != fm.Scalar {
		diags.Errorf(f.Value.Pos, "%s must be a single value, not %s", f.Key, f.Value.Kind)
		return ""
	}
	return f.Value.Value
}

// plain turns a tree into values for templates.
func plain(n *fm.Node) any {
	switch n.Kind {
	case fm.Map:
		m := make(map[string]any, len(n.Fields))
		for _, f := range n.Fields {
			m[f.Key] = plain(f.Value)
		}
		return m
	case fm.List:
		l := make([]any, len(n.Items))
		for i, it := range n.Items {
			l[i] = plain(it)
		}
		return l
	case fm.Scalar:
		return n.Value
	}
	return nil
}
