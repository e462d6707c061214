package source

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"time"

	"github.com/brief-ssg/brief/internal/briefing"
	"github.com/brief-ssg/brief/internal/diag"
	fm "github.com/brief-ssg/brief/internal/frontmatter"
	"github.com/brief-ssg/brief/internal/slug"
)

// fields is a strict reader of one mapping: it reports unknown keys (with a
// suggestion) and wrong kinds, and remembers which required keys are missing.
type fields struct {
	path  string
	node  *fm.Node
	known []string
	diags *diag.List
}

func newFields(path string, n *fm.Node, known []string, diags *diag.List) fields {
	f := fields{path: path, node: n, known: known, diags: diags}
	for _, fl := range n.Fields {
		if !contains(known, fl.Key) {
			msg := fmt.Sprintf("unknown key %q", fl.Key)
			if s := slug.Closest(fl.Key, known, 2); s != "" {
				msg += fmt.Sprintf(": did you mean %q?", s)
			} else {
				msg += "; known keys: " + strings.Join(known, ", ")
			}
			diags.Errorf(fl.KeyPos, "%s", msg)
		}
	}
	return f
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// get returns the value of key, or nil.
func (f fields) get(key string) *fm.Node {
	for i := range f.node.Fields {
		if f.node.Fields[i].Key == key {
			return f.node.Fields[i].Value
		}
	}
	return nil
}

// require reports a missing key at the mapping's position.
func (f fields) require(keys ...string) {
	var missing []string
	for _, k := range keys {
		if n := f.get(k); n == nil || n.Kind == fm.Null || n.Kind == fm.Scalar && strings.TrimSpace(n.Value) == "" {
			missing = append(missing, k)
		}
	}
	if len(missing) > 0 {
		f.diags.Errorf(f.node.Pos, "missing required %s: %s", plural(len(missing), "field", "fields"), strings.Join(missing, ", "))
	}
}

func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}

// str returns a scalar as text; a list or mapping is an error.
func (f fields) str(key string) string {
	n := f.get(key)
	if n == nil || n.Kind == fm.Null {
		return ""
	}
	if n.Kind != fm.Scalar {
		f.diags.Errorf(n.Pos, "%s must be a single value, not %s", key, n.Kind)
		return ""
	}
	return strings.TrimSpace(n.Value)
}

func (f fields) boolean(key string) bool {
	n := f.get(key)
	if n == nil || n.Kind == fm.Null {
		return false
	}
	switch f.str(key) { // YAML 1.2's core schema: true, True, TRUE …
	case "true", "True", "TRUE":
		return true
	case "false", "False", "FALSE", "":
		return false
	}
	f.diags.Errorf(n.Pos, "%s must be true or false, not %q", key, n.Value)
	return false
}

// strings returns a list of scalars; a single scalar is a list of one.
func (f fields) strings(key string) []briefing.Name {
	n := f.get(key)
	if n == nil || n.Kind == fm.Null {
		return nil
	}
	items := n.Items
	switch n.Kind {
	case fm.Scalar:
		items = []*fm.Node{n}
	case fm.Map:
		f.diags.Errorf(n.Pos, "%s must be a list of names, not a mapping", key)
		return nil
	}
	out := make([]briefing.Name, 0, len(items))
	for _, it := range items {
		if it.Kind != fm.Scalar || strings.TrimSpace(it.Value) == "" {
			f.diags.Errorf(it.Pos, "each of %s must be a non-empty name", key)
			continue
		}
		out = append(out, briefing.Name{Text: strings.TrimSpace(it.Value), Pos: it.Pos})
	}
	return out
}

func texts(names []briefing.Name) []string {
	out := make([]string, len(names))
	for i, n := range names {
		out[i] = n.Text
	}
	return out
}

// date reads one of the date forms of the format in loc.
func (f fields) date(key string, loc *time.Location) (t time.Time, hasTime bool) {
	n := f.get(key)
	s := f.str(key)
	if s == "" {
		return time.Time{}, false
	}
	t, hasTime, err := ParseDate(s, loc)
	if err != nil {
		f.diags.Errorf(n.Pos, "%s: %v", key, err)
	}
	return t, hasTime
}

// ParseDate reads YYYY-MM-DD, YYYY-MM-DDTHH:MM[:SS] (a space may stand for
// the T) or RFC 3339; dates without an offset are in loc.
func ParseDate(s string, loc *time.Location) (time.Time, bool, error) {
	if len(s) == len("2006-01-02") {
		t, err := time.ParseInLocation("2006-01-02", s, loc)
		if err != nil {
			return time.Time{}, false, dateError(s, err)
		}
		return t, false, nil
	}
	s = strings.Replace(s, " ", "T", 1)
	for _, layout := range []string{time.RFC3339Nano, "2006-01-02T15:04:05.999999999", "2006-01-02T15:04"} {
		t, err := time.ParseInLocation(layout, s, loc)
		if err == nil {
			return t.In(loc), true, nil
		}
		if layout == time.RFC3339Nano && !strings.Contains(err.Error(), "cannot parse") {
			return time.Time{}, false, dateError(s, err)
		}
	}
	_, err := time.Parse(time.RFC3339, s)
	return time.Time{}, false, dateError(s, err)
}

func dateError(s string, err error) error {
	msg := err.Error()
	if i := strings.LastIndex(msg, ": "); i >= 0 && strings.Contains(msg, "out of range") {
		msg = msg[i+2:]
	} else {
		msg = "not a date"
	}
	return fmt.Errorf("%q is %s: write YYYY-MM-DD, YYYY-MM-DDTHH:MM or RFC 3339 (2025-11-29T09:30:00+02:00)", s, msg)
}

// thousands matches numbers written with thousands separators: 1,200.5
var (
	thousands = regexp.MustCompile(`^[-+]?\d{1,3}(,\d{3})+(\.\d+)?$`)
	plainNum  = regexp.MustCompile(`^[-+]?\d+(\.\d+)?$`)
)

// ParseNumber reads a figure value: an integer or decimal, negative allowed,
// with optional thousands separators.
func ParseNumber(s string) (float64, bool) {
	s = strings.TrimSpace(s)
	if thousands.MatchString(s) {
		s = strings.ReplaceAll(s, ",", "")
	}
	if !plainNum.MatchString(s) {
		return 0, false
	}
	v, err := strconv.ParseFloat(s, 64)
	return v, err == nil
}
