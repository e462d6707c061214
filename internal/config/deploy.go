package config

import (
	"fmt"
	"path"
	"strconv"
	"strings"

	"github.com/brief-ssg/brief/internal/diag"
	fm "github.com/brief-ssg/brief/internal/frontmatter"
	"github.com/brief-ssg/brief/internal/slug"
)

// Deploy is the [deploy] table: where brief deploy sends the site, and how.
type Deploy struct {
	To         string // the bucket URL, such as s3://bucket?region=eu-west-1
	MaxAge     int    // seconds that files whose name has no content hash may be cached
	Gzip       bool   // send text files compressed
	MaxDeletes int    // remote files deleted without --confirm-deletes
	CloudFront string // a CloudFront distribution ID whose caches drop the changed pages
	Headers    []HeaderRule
}

// HeaderRule is one [[deploy.headers]] table: headers for the files whose
// path matches Pattern. The first matching rule wins; its empty fields keep
// brief's choice.
type HeaderRule struct {
	Pattern            string // a path.Match pattern; ** matches any number of folders
	CacheControl       string
	ContentType        string
	ContentDisposition string
	ContentLanguage    string
	Gzip               string // "true", "false" or "" to follow gzip
}

// DefaultMaxAge is how long browsers and CDNs may keep pages, feeds and
// other files whose name does not change with their content: short, so a
// new briefing shows within minutes.
const DefaultMaxAge = 300

// DefaultMaxDeletes is how many remote files brief deploy deletes without
// --confirm-deletes.
const DefaultMaxDeletes = 256

var (
	deployKeys = []string{"to", "maxAge", "gzip", "maxDeletes", "cloudFront", "headers"}
	ruleKeys   = []string{"pattern", "cacheControl", "contentType", "contentDisposition", "contentLanguage", "gzip"}
)

func defaultDeploy() Deploy {
	return Deploy{MaxAge: DefaultMaxAge, MaxDeletes: DefaultMaxDeletes}
}

// parseDeploy reads the [deploy] table over d.
func parseDeploy(n *fm.Node, d *Deploy, diags *diag.List) {
	if n.Kind != fm.Map {
		diags.Errorf(n.Pos, "deploy must be a table: [deploy]")
		return
	}
	for _, f := range n.Fields {
		switch f.Key {
		case "to":
			d.To = scalar(f, diags)
			if d.To != "" && !strings.Contains(d.To, "://") {
				diags.Errorf(f.Value.Pos, "deploy.to %q must be a bucket URL such as s3://bucket?region=eu-west-1, gs://bucket or file:///srv/site", d.To)
			}
		case "maxAge":
			n, err := strconv.Atoi(scalar(f, diags))
			if err != nil || n < 0 {
				diags.Errorf(f.Value.Pos, "deploy.maxAge must be a number of seconds, such as 300")
				continue
			}
			d.MaxAge = n
		case "maxDeletes":
			n, err := strconv.Atoi(scalar(f, diags))
			if err != nil || n < 0 {
				diags.Errorf(f.Value.Pos, "deploy.maxDeletes must be a whole number, such as 256")
				continue
			}
			d.MaxDeletes = n
		case "gzip":
			d.Gzip = boolean(f, diags)
		case "cloudFront":
			d.CloudFront = scalar(f, diags)
		case "headers":
			d.Headers = parseRules(f, diags)
		default:
			unknown(f, "deploy", deployKeys, diags)
		}
	}
}

// parseRules reads [[deploy.headers]].
func parseRules(f fm.Field, diags *diag.List) []HeaderRule {
	if f.Value.Kind != fm.List {
		diags.Errorf(f.Value.Pos, "deploy.headers must be a list of tables: [[deploy.headers]]")
		return nil
	}
	var rules []HeaderRule
	for _, it := range f.Value.Items {
		if it.Kind != fm.Map {
			diags.Errorf(it.Pos, "each deploy.headers must be a table with a pattern")
			continue
		}
		var r HeaderRule
		for _, g := range it.Fields {
			switch g.Key {
			case "pattern":
				r.Pattern = scalar(g, diags)
				if _, err := path.Match(strings.ReplaceAll(r.Pattern, "**", "*"), ""); err != nil || r.Pattern == "" {
					diags.Errorf(g.Value.Pos, "deploy.headers pattern %q is not a valid pattern such as \"*.pdf\" or \"data/**\"", r.Pattern)
				}
			case "cacheControl":
				r.CacheControl = scalar(g, diags)
			case "contentType":
				r.ContentType = scalar(g, diags)
			case "contentDisposition":
				r.ContentDisposition = scalar(g, diags)
			case "contentLanguage":
				r.ContentLanguage = scalar(g, diags)
			case "gzip":
				r.Gzip = strconv.FormatBool(boolean(g, diags))
			default:
				unknown(g, "deploy.headers", ruleKeys, diags)
			}
		}
		if r.Pattern == "" {
			diags.Errorf(it.Pos, "deploy.headers needs a pattern, such as pattern = \"*.pdf\"")
			continue
		}
		rules = append(rules, r)
	}
	return rules
}

func boolean(f fm.Field, diags *diag.List) bool {
	switch scalar(f, diags) {
	case "true":
		return true
	case "false":
		return false
	}
	diags.Errorf(f.Value.Pos, "%s must be true or false", f.Key)
	return false
}

// unknown reports a key that the table does not have, with a suggestion.
func unknown(f fm.Field, table string, known []string, diags *diag.List) {
	msg := fmt.Sprintf("unknown key %q in [%s]", f.Key, table)
	if s := slug.Closest(f.Key, known, 2); s != "" {
		msg += fmt.Sprintf(": did you mean %q?", s)
	} else {
		msg += "; known keys: " + strings.Join(known, ", ")
	}
	diags.Errorf(f.KeyPos, "%s", msg)
}
