package source

import (
	"fmt"
	"net/url"
	"path"
	"strings"
	"time"

	"github.com/brief-ssg/brief/internal/briefing"
	"github.com/brief-ssg/brief/internal/diag"
	fm "github.com/brief-ssg/brief/internal/frontmatter"
)

// The most one briefing may list of each kind. Every tag and actor of a
// briefing is a link on its page and a row of the site's relations, so the
// cost of a site grows with these numbers; briefings need far fewer.
const (
	MaxTags    = 100
	MaxActors  = 100
	MaxFigures = 200
	MaxSources = 100
	MaxAliases = 20
)

// MaxDigits is the most significant digits a figure value may have: a
// float64 holds every decimal number of 15 digits exactly, but not all
// of 16.
const MaxDigits = 15

// limitList reports the first item of key past limit, at that item.
func limitList(f fields, key string, limit int) {
	n := f.get(key)
	if n == nil || n.Kind == fm.Scalar || n.Kind == fm.Null {
		return
	}
	if n.Kind == fm.Map {
		if len(n.Fields) > limit {
			f.diags.Errorf(n.Fields[limit].KeyPos, "more than %d %s in one briefing (limit %d): keep the most important ones", limit, key, limit)
		}
		return
	}
	if len(n.Items) > limit {
		f.diags.Errorf(n.Items[limit].Pos, "more than %d %s in one briefing (limit %d): keep the most important ones", limit, key, limit)
	}
}

// checkLimits reports lists longer than the limits of a briefing.
func checkLimits(f fields) {
	limitList(f, "tags", MaxTags)
	limitList(f, "actors", MaxActors)
	limitList(f, "figures", MaxFigures)
	limitList(f, "sources", MaxSources)
	limitList(f, "aliases", MaxAliases)
}

// SourceURL reports why a source's url cannot be linked, or "" when it
// can: an absolute http or https URL with a host, or a mailto address.
// Sources reach the page, the feeds, the JSON exports and the JSON-LD, so
// any other scheme (javascript:, data:, file: …) is refused where it is
// written rather than dropped later.
func SourceURL(s string) string {
	if strings.ContainsFunc(s, func(r rune) bool { return r <= ' ' || r == 0x7f }) {
		return "holds spaces or control characters: escape them as %20"
	}
	if scheme, _, ok := strings.Cut(s, ":"); ok && !strings.ContainsAny(scheme, "/?#") {
		switch strings.ToLower(scheme) {
		case "http", "https", "mailto":
		default:
			return fmt.Sprintf("has the scheme %q: only http, https and mailto are linked", scheme)
		}
	}
	u, err := url.Parse(s)
	if err != nil {
		return "is not a URL"
	}
	switch strings.ToLower(u.Scheme) {
	case "http", "https":
		if u.Host == "" || u.Hostname() == "" {
			return "has no host"
		}
		if u.User != nil {
			return "holds a user name or password"
		}
		if p := u.Port(); p != "" && !validPort(p) {
			return "has an impossible port"
		}
		return ""
	case "mailto":
		if u.Opaque == "" || !strings.Contains(u.Opaque, "@") {
			return "names no address"
		}
		return ""
	case "":
		return "is not absolute: write it with https://"
	}
	return fmt.Sprintf("has the scheme %q: only http, https and mailto are linked", u.Scheme)
}

// validPort reports whether p is a TCP port, 1 to 65535.
func validPort(p string) bool {
	n := 0
	for _, c := range p {
		if c < '0' || c > '9' || n > 65535 {
			return false
		}
		n = n*10 + int(c-'0')
	}
	return n >= 1 && n <= 65535
}

// ValidPort reports whether p, the port of a URL, is a TCP port.
func ValidPort(p string) bool { return validPort(p) }

// checkDates reports an updated date before the date.
func checkDates(f fields, b *briefing.Briefing) {
	if b.Updated.IsZero() || b.Date.IsZero() || !b.Updated.Before(b.Date) {
		return
	}
	f.diags.Errorf(f.get("updated").Pos, "updated %s is before the date %s: an update comes after the briefing", b.Updated.Format(time.RFC3339), b.Date.Format(time.RFC3339))
}

// exactNumber reports whether a plain number (digits, an optional point,
// an optional sign) has at most MaxDigits significant digits.
func exactNumber(s string) bool {
	s = strings.TrimLeft(s, "+-")
	intPart, frac, _ := strings.Cut(s, ".")
	frac = strings.TrimRight(frac, "0")
	digits := strings.TrimLeft(intPart+frac, "0")
	if frac == "" {
		digits = strings.TrimRight(digits, "0") // 1000000 is 1e6, exact
	}
	return len(digits) <= MaxDigits
}

// checkAliases reports aliases that reach into hidden folders, or repeat
// another alias of the briefing but for case, at the alias.
func checkAliases(f fields, names []briefing.Name) {
	seen := make(map[string]briefing.Name, len(names))
	for _, a := range names {
		p := strings.Trim(a.Text, "/")
		if u, err := url.Parse(a.Text); err == nil {
			p = strings.Trim(u.Path, "/")
		}
		for _, part := range strings.Split(p, "/") {
			if strings.HasPrefix(part, ".") && part != "." && part != ".." {
				f.diags.Errorf(a.Pos, "alias %q reaches into the hidden folder %q, which hosts do not serve: remove it", a.Text, part)
				break
			}
		}
		key := strings.ToLower(path.Clean("/" + p))
		if other, ok := seen[key]; ok {
			f.diags.Errorf(a.Pos, "alias %q is the alias %q of line %d but for case, and one file stands for both on macOS and Windows: remove one", a.Text, other.Text, other.Pos.Line)
			continue
		}
		seen[key] = a
	}
}

// checkOfCycles reports figures whose of relations come back to them
// (a of b, b of a), and parts of a whole whose value is zero, which has
// no share. figs' Of are keys already (checkFigures).
func checkOfCycles(figs []briefing.Figure, ofPos []diag.Pos, diags *diag.List) {
	byKey := make(map[string]int, len(figs))
	for i, f := range figs {
		if _, ok := byKey[f.Key]; !ok {
			byKey[f.Key] = i
		}
	}
	at := func(i int) diag.Pos {
		if i < len(ofPos) {
			return ofPos[i]
		}
		return figs[i].Pos
	}
	for i, f := range figs {
		if f.Of == "" {
			continue
		}
		j, ok := byKey[f.Of]
		if !ok {
			continue
		}
		// Follow the chain at most len(figs) steps: coming back to i is a cycle.
		cyclic := false
		for k, steps := j, 0; steps < len(figs); steps++ {
			if k == i {
				cyclic = true
				break
			}
			next, ok := byKey[figs[k].Of]
			if figs[k].Of == "" || !ok {
				break
			}
			k = next
		}
		if cyclic {
			diags.Errorf(at(i), "figure %q is of %q, which is itself part of %q: a part cannot contain its whole, remove one of the of", f.Label, figs[j].Label, f.Label)
			continue
		}
		if figs[j].Value == 0 {
			diags.Errorf(at(i), "figure %q is of %q, whose value is 0: a part of nothing has no share, remove of or correct the whole", f.Label, figs[j].Label)
		}
	}
}

// clipURL shortens a URL for a message.
func clipURL(s string) string {
	if r := []rune(s); len(r) > 60 {
		return string(r[:60]) + "…"
	}
	return s
}

// clip drops the items of list past limit.
func clip[T any](list []T, limit int) []T {
	if len(list) > limit {
		return list[:limit:limit]
	}
	return list
}
