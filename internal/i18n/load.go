package i18n

import (
	"embed"
	"errors"
	"io/fs"
	"slices"
	"strings"
	"sync"

	"golang.org/x/text/feature/plural"
	"golang.org/x/text/language"

	"github.com/brief-ssg/brief/internal/diag"
	fm "github.com/brief-ssg/brief/internal/frontmatter"
)

//go:embed lang/*.toml
var builtin embed.FS

// Dir is the folder of a site's own translation files.
const Dir = "i18n"

// forms name the plural categories as a translation file writes them.
var forms = map[string]plural.Form{"zero": plural.Zero, "one": plural.One, "two": plural.Two, "few": plural.Few, "many": plural.Many, "other": plural.Other}

// Languages are the base languages brief has translations for.
func Languages() []string {
	var out []string
	ents, _ := builtin.ReadDir("lang")
	for _, e := range ents {
		out = append(out, strings.TrimSuffix(e.Name(), ".toml"))
	}
	return out
}

// Load makes the locale of lang: English, under brief's own table of the
// language, under the site's i18n/<lang>.toml in site (may be nil). A key
// the file does not know is an error at its line; a key neither table has
// falls back to English with a warning naming it.
func Load(lang string, site fs.FS) (*Locale, diag.List) {
	var diags diag.List
	tag, err := language.Parse(lang)
	if err != nil {
		tag = language.English
	}
	b, _ := tag.Base()
	l := &Locale{Lang: lang, tag: tag, base: b.String(), msgs: map[string]Message{}}
	en, _ := parse("(built-in) en.toml", mustRead("en"), nil)
	l.msgs = en
	have := map[string]bool{}
	known := l.base == "en"
	if src, err := builtin.ReadFile("lang/" + l.base + ".toml"); err == nil && l.base != "en" {
		known = true
		own, d := parse("(built-in) "+l.base+".toml", src, en)
		diags = append(diags, d...)
		merge(l.msgs, own, have)
	}
	file := Dir + "/" + lang + ".toml"
	if site != nil {
		src, err := fs.ReadFile(site, file)
		switch {
		case err == nil:
			known = true
			l.source = file + "\x00" + string(src)
			own, d := parse(file, src, en)
			diags = append(diags, d...)
			merge(l.msgs, own, have)
		case !errors.Is(err, fs.ErrNotExist):
			diags.Errorf(diag.Pos{File: file}, "cannot read: %v", err)
		}
	}
	switch {
	case !known:
		diags.Warnf(diag.Pos{File: "brief.toml"}, "brief has no translations for language %q: the pages are in English; write them in %s", lang, file)
	case l.base != "en":
		diags = append(diags, missing(en, have, file)...)
	}
	cal, ok := calendars[l.base]
	if !ok {
		cal = calendars["en"]
	}
	l.cal = cal
	l.newFormats()
	return l, diags
}

func mustRead(lang string) []byte {
	b, err := builtin.ReadFile("lang/" + lang + ".toml")
	if err != nil {
		panic(err) // embedded
	}
	return b
}

func merge(dst, src map[string]Message, have map[string]bool) {
	for k, m := range src {
		dst[k] = m
		have[k] = true
	}
}

// missing warns of the keys that fall back to English, in order.
func missing(en map[string]Message, have map[string]bool, file string) diag.List {
	var keys []string
	for k := range en {
		if !have[k] {
			keys = append(keys, k)
		}
	}
	slices.Sort(keys)
	var diags diag.List
	for _, k := range keys {
		diags.Warnf(diag.Pos{File: file}, "no translation of %q: the pages show the English %q; add it to %s", k, en[k].Forms[plural.Other], file)
	}
	return diags
}

// parse reads a translation file; known, when set, are the keys it may
// define.
func parse(path string, src []byte, known map[string]Message) (map[string]Message, diag.List) {
	root, diags := fm.DecodeTOML(path, src)
	out := map[string]Message{}
	if root == nil {
		return out, diags
	}
	for _, f := range root.Fields {
		if _, ok := known[f.Key]; known != nil && !ok {
			diags.Errorf(f.KeyPos, "unknown key %q: the layouts print no such string", f.Key)
			continue
		}
		m, ok := readMessage(f.Value, &diags)
		if ok {
			out[f.Key] = m
		}
	}
	return out, diags
}

// readMessage reads "text" or {one = "…", other = "…"}.
func readMessage(n *fm.Node, diags *diag.List) (Message, bool) {
	m := Message{Forms: map[plural.Form]string{}}
	switch n.Kind {
	case fm.Scalar:
		m.Forms[plural.Other] = n.Value
		return m, true
	case fm.Map:
		for _, f := range n.Fields {
			form, ok := forms[f.Key]
			if !ok || f.Value.Kind != fm.Scalar {
				diags.Errorf(f.KeyPos, "plural form %q is not one of zero, one, two, few, many, other, with a string", f.Key)
				continue
			}
			m.Forms[form] = f.Value.Value
		}
		if _, ok := m.Forms[plural.Other]; !ok {
			diags.Errorf(n.Pos, "plural forms need other")
			return m, false
		}
		return m, true
	}
	diags.Errorf(n.Pos, "a translation is a string, or a table of plural forms, not %s", n.Kind)
	return m, false
}

// English is brief's own English locale, made once: what a site without a
// language, and every caller that has no site, writes.
var English = sync.OnceValue(func() *Locale {
	l, _ := Load("en", nil)
	return l
})
