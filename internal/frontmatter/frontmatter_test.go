package frontmatter

import (
	"reflect"
	"strings"
	"testing"
)

// TestParseErrors pins the message and the file position of every way a
// front matter block can be broken. Rows refer to hostile-inputs.md.
func TestParseErrors(t *testing.T) {
	deep := func(n int) string { return strings.Repeat("[", n) + strings.Repeat("]", n) }
	tests := []struct {
		name  string
		src   string
		wants []want
	}{
		// Row 1: never render an unclosed block as body.
		{"unclosed YAML", "---\ntitle: x\ndate: 2024-01-01\n\nBody.\n",
			[]want{{"a.md:1:1", "front matter not closed: add a line --- after the last field"}}},
		{"unclosed TOML", "+++\ntitle = \"x\"\n\nBody.\n",
			[]want{{"a.md:1:1", "front matter not closed: add a line +++ after the last field"}}},
		{"unclosed ;;; JSON", ";;;\n{\"title\": \"x\"}\n",
			[]want{{"a.md:1:1", "front matter not closed: add a line ;;; after the last field"}}},
		{"unclosed after blank lines", "\n\n---\ntitle: x\n",
			[]want{{"a.md:3:1", "front matter not closed"}}},
		{"unclosed JSON object", "{\"title\": \"x\",\n",
			[]want{{"a.md:1:1", "JSON: front matter not closed: the JSON object has no closing }"}}},
		{"unclosed JSON object at end of file", "{",
			[]want{{"a.md:1:1", "JSON: front matter not closed: the JSON object has no closing }"}}},

		// Row 4: a YAML syntax error on file line 4, after a blank line
		// and the --- line.
		{"YAML syntax error", "\n---\ntitle: x\nsummary oops\ndate: 2024-01-01\n---\n",
			[]want{{"a.md:4:1", "YAML: could not find expected ':'"}}},
		{"YAML syntax error after two blank lines", "\n\n---\ntitle: x\ndate 2024-01-01\nsummary: y\n---\n",
			[]want{{"a.md:5:1", "YAML: could not find expected ':'"}}},

		// Row 5: tabs.
		{"tab-indented list item", "---\ntitle: x\ntags:\n\t- a\n---\n",
			[]want{{"a.md:4:1", "YAML: a tab indents this line: YAML indents with spaces only"}}},
		{"tab-indented key", "---\ntitle: x\n\tdate: 2024-01-01\n---\n",
			[]want{{"a.md:3:1", "YAML: a tab indents this line: YAML indents with spaces only"}}},

		// Row 6: a duplicate key is reported at the second one, in all
		// three formats and in nested mappings.
		{"duplicate key YAML", "---\ntitle: x\ndate: 2024-01-01\ntitle: y\n---\n",
			[]want{{"a.md:4:1", `duplicate key "title" (first given on line 2): keep one`}}},
		{"duplicate key TOML", "+++\ntitle = \"x\"\ndate = 2024-01-01\ntitle = \"y\"\n+++\n",
			[]want{{"a.md:4:1", `duplicate key "title" (first given on line 2): keep one`}}},
		{"duplicate key TOML indented", "+++\ntitle = \"x\"\n  title = \"y\"\n+++\n",
			[]want{{"a.md:3:3", `duplicate key "title" (first given on line 2): keep one`}}},
		{"duplicate table TOML", "+++\n[t]\nx = 1\n[t]\ny = 2\n+++\n",
			[]want{{"a.md:4:2", `duplicate key "t" (first given on line 2): keep one`}}},
		{"duplicate key JSON", "{\n\"title\": \"x\",\n\"date\": \"2024-01-01\",\n  \"title\": \"y\"\n}\n",
			[]want{{"a.md:4:3", `duplicate key "title" (first given on line 2): keep one`}}},
		{"duplicate key in a figure", "---\nfigures:\n  - label: A\n    value: 1\n    label: B\n---\n",
			[]want{{"a.md:5:5", `duplicate key "label" (first given on line 3): keep one`}}},

		// Row 12: aliases are refused where they are first used, so a bomb
		// is never expanded.
		{"billion laughs", billionLaughs(),
			[]want{{"a.md:3:8", "YAML aliases (*a) are not allowed in front matter: write the value out"}}},
		{"merge key", "---\nbase: &b {title: x}\n<<: *b\n---\n",
			[]want{{"a.md:3:5", "YAML aliases (*b) are not allowed"}}},

		// Row 13: deep nesting, past go-yaml's limit and past ours.
		{"20000-deep YAML", "---\ntitle: " + deep(20000) + "\n---\n",
			[]want{{"a.md:2:1", "YAML: exceeded max depth of 10000"}}},
		{"100-deep YAML", "---\ntitle: " + deep(100) + "\n---\n",
			[]want{{"a.md:2:72", "front matter nested too deeply (more than 64 levels)"}}},
		{"20000-deep JSON", "{\"title\": " + deep(20000) + "}\n",
			[]want{{"a.md:1:76", "JSON: front matter nested too deeply (more than 64 levels)"}}},
		{"20000-deep TOML array", "+++\ntitle = " + deep(20000) + "\n+++\n",
			[]want{{"a.md:2:73", "front matter nested too deeply (more than 64 levels)"}}},
		{"20000-deep TOML inline table", "+++\ntitle = " + strings.Repeat("{a=", 20000) + "1" + strings.Repeat("}", 20000) + "\n+++\n",
			[]want{{"a.md:2:201", "front matter nested too deeply (more than 64 levels)"}}},

		// Row 14: JSON front matter ends at its closing brace.
		{"text after } on its line", "{\"title\": \"x\", \"date\": \"2024-01-01\"} junk\nBody.\n",
			[]want{{"a.md:1:38", "text after the closing } of the front matter: start the body on the next line"}}},
		{"text after } in a ;;; block", ";;;\n{\"title\": \"x\"}\njunk\n;;;\n",
			[]want{{"a.md:3:1", "text after the closing } of the JSON front matter"}}},
		{"two objects in a ;;; block", ";;;\n{}{}\n;;;\n",
			[]want{{"a.md:2:3", "text after the closing } of the JSON front matter"}}},
		{"JSON syntax error", "{\n\"title\": \"x\",\n\"date\" \"2024-01-01\"\n}\n",
			[]want{{"a.md:3:8", `JSON: invalid character '"' after object key`}}},
		{"JSON syntax error in a ;;; block", "\n;;;\n{\"title\": [1, }\n;;;\n",
			[]want{{"a.md:3:15", "JSON: invalid character '}' looking for beginning of value"}}},

		// Row 15: a briefing needs front matter.
		{"empty file", "",
			[]want{{"a.md:1:1", "empty file: a briefing starts with front matter"}}},
		{"blank file", " \n\t\n\n",
			[]want{{"a.md:1:1", "empty file"}}},
		{"body only", "Hello, world.\n",
			[]want{{"a.md:1:1", "no front matter: a briefing starts with a --- (YAML), +++ (TOML) or { (JSON) line"}}},
		{"body only after blank lines", "\n\nHello.\n",
			[]want{{"a.md:3:1", "no front matter"}}},
		{"delimiter with a comment", "--- # meta\ntitle: x\n---\n",
			[]want{{"a.md:1:1", "no front matter"}}},

		// The block must be a mapping.
		{"YAML list", "---\n- a\n---\n",
			[]want{{"a.md:2:1", "front matter must be a mapping of keys (title: …), not a list"}}},
		{"YAML scalar", "---\nhello\n---\n",
			[]want{{"a.md:2:1", "front matter must be a mapping of keys (title: …), not a single value"}}},
		{"JSON array", ";;;\n[1]\n;;;\n",
			[]want{{"a.md:2:1", "front matter must be a mapping of keys (title: …), not a list"}}},
		{"YAML complex key", "---\n? [a]\n: b\n---\n",
			[]want{{"a.md:2:3", "a key must be a plain word, not a list"}}},

		// TOML errors keep the decoder's words at the right place.
		{"TOML missing value", "+++\ntitle = \"x\"\ndate = \n+++\n",
			[]want{{"a.md:3:8", `TOML: expected value but found '\n' instead`}}},
		{"TOML invalid date", "+++\ndate = 2024-02-30\n+++\n",
			[]want{{"a.md:2:8", `TOML: invalid datetime: "2024-02-30"`}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			doc, diags := Parse("a.md", []byte(tt.src))
			checkDiags(t, diags, tt.wants...)
			if len(diags.Errors()) == 0 {
				t.Fatal("no error")
			}
			if doc != nil && strings.Contains(tt.name, "unclosed") {
				t.Errorf("an unclosed block became a document with body %q", doc.Body)
			}
		})
	}
}

// TestParseDocument pins format, body and body line of files that parse.
func TestParseDocument(t *testing.T) {
	tests := []struct {
		name, src, format, body string
		bodyLine                int
		title                   string // "" when the block has no title
	}{
		// Row 2: a byte order mark is dropped.
		{"BOM before ---", "\ufeff---\ntitle: x\n---\nBody.\n", "yaml", "Body.\n", 4, "x"},
		{"BOM before +++", "\ufeff+++\ntitle = \"x\"\n+++\nBody.\n", "toml", "Body.\n", 4, "x"},
		{"BOM before {", "\ufeff{\"title\": \"x\"}\nBody.\n", "json", "Body.\n", 2, "x"},
		{"leading blank lines", "\n\n---\ntitle: x\n---\nBody.\n", "yaml", "Body.\n", 6, "x"},

		// Row 14: JSON needs no blank line after its closing brace.
		{"JSON, body on the next line", "{\"title\": \"x\"}\nBody.\n", "json", "Body.\n", 2, "x"},
		{"JSON over lines, blank line", "{\n  \"title\": \"x\"\n}\n\nBody.\n", "json", "\nBody.\n", 4, "x"},
		{"JSON between ;;;", ";;;\n{\"title\": \"x\"}\n;;;\nBody.\n", "json", "Body.\n", 4, "x"},

		// Row 15: front matter alone is a document with an empty body.
		{"front matter only", "---\ntitle: x\n---\n", "yaml", "", 4, "x"},
		{"front matter only, no final newline", "---\ntitle: x\n---", "yaml", "", 3, "x"},
		{"JSON only", "{\"title\": \"x\"}", "json", "", 1, "x"},
		{"empty YAML block", "---\n---\nBody.", "yaml", "Body.", 3, ""},
		{"empty TOML block", "+++\n+++\nBody.", "toml", "Body.", 3, ""},
		{"empty ;;; block", ";;;\n;;;\nBody.", "json", "Body.", 3, ""},
		{"JSON null", ";;;\nnull\n;;;\n", "json", "", 4, ""},
		{"delimiter with trailing spaces", "---  \ntitle: x\n---\t\nBody.\n", "yaml", "Body.\n", 4, "x"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			doc, diags := Parse("a.md", []byte(tt.src))
			checkDiags(t, diags)
			if doc == nil {
				t.Fatal("no document")
			}
			if doc.Format != tt.format || string(doc.Body) != tt.body || doc.BodyLine != tt.bodyLine {
				t.Errorf("got %s, body %q on line %d; want %s, body %q on line %d", doc.Format, doc.Body, doc.BodyLine, tt.format, tt.body, tt.bodyLine)
			}
			if doc.Root == nil || doc.Root.Kind != Map {
				t.Fatalf("root %+v, want a mapping", doc.Root)
			}
			got := ""
			if n := field(doc.Root, "title"); n != nil {
				got = n.Value
			}
			if got != tt.title {
				t.Errorf("title %q, want %q", got, tt.title)
			}
		})
	}
}

// TestLineEndings is row 3: CRLF, mixed and old-Mac CR files parse exactly
// like the LF file, positions included.
func TestLineEndings(t *testing.T) {
	files := map[string]string{
		"yaml": "\n---\ntitle: x\ntags:\n  - a\n  - b\n---\n\nBody line 1.\nBody line 2.\n",
		"toml": "+++\ntitle = \"x\"\ntags = [\"a\", \"b\"]\n[[sources]]\ntitle = \"s\"\n+++\nBody.\n",
		"json": "{\n  \"title\": \"x\",\n  \"tags\": [\"a\"]\n}\nBody.\n",
		";;;":  ";;;\n{\"title\": \"x\"}\n;;;\nBody.\n",
	}
	for name, lf := range files {
		want, diags := Parse("a.md", []byte(lf))
		checkDiags(t, diags)
		variants := map[string]string{
			"CRLF":  strings.ReplaceAll(lf, "\n", "\r\n"),
			"mixed": mixEndings(lf),
			"CR":    strings.ReplaceAll(lf, "\n", "\r"),
		}
		for v, src := range variants {
			got, diags := Parse("a.md", []byte(src))
			checkDiags(t, diags)
			if !reflect.DeepEqual(got, want) {
				t.Errorf("%s, %s: got %+v\nwant %+v", name, v, got, want)
			}
		}
	}
}

// mixEndings turns every other LF into CRLF.
func mixEndings(s string) string {
	var b strings.Builder
	for i, line := range strings.SplitAfter(s, "\n") {
		if i%2 == 0 {
			line = strings.Replace(line, "\n", "\r\n", 1)
		}
		b.WriteString(line)
	}
	return b.String()
}

// TestScalarsKeepTheirText is row 11: scalars are read as written, so
// YAML 1.1 booleans and numbers are never reinterpreted; null is null.
func TestScalarsKeepTheirText(t *testing.T) {
	src := "---\ntitle: no\nsummary: 1.50\nlocation: 0x1F\nslug: 2024-03-01\nactors: [NO, ON, yes, off, 42]\nupdated: ~\ndraft:\n---\n"
	doc, diags := Parse("a.md", []byte(src))
	checkDiags(t, diags)
	for key, want := range map[string]string{"title": "no", "summary": "1.50", "location": "0x1F", "slug": "2024-03-01"} {
		if n := field(doc.Root, key); n == nil || n.Kind != Scalar || n.Value != want {
			t.Errorf("%s = %+v, want the text %q", key, n, want)
		}
	}
	var actors []string
	for _, it := range field(doc.Root, "actors").Items {
		actors = append(actors, it.Value)
	}
	if want := []string{"NO", "ON", "yes", "off", "42"}; !reflect.DeepEqual(actors, want) {
		t.Errorf("actors %q, want %q", actors, want)
	}
	for _, key := range []string{"updated", "draft"} {
		if n := field(doc.Root, key); n == nil || n.Kind != Null {
			t.Errorf("%s = %+v, want null", key, n)
		}
	}
}

// TestPositions pins the file position of keys and values in each format,
// which every later error message relies on.
func TestPositions(t *testing.T) {
	tests := []struct {
		name, src string
		want      map[string]string // path of keys and list indexes → "key pos / value pos"
	}{
		{"YAML", "\n---\ntitle: x\nfigures:\n  - label: A\n    value: 1\n---\n", map[string]string{
			"title":           "a.md:3:1 / a.md:3:8",
			"figures":         "a.md:4:1 / a.md:5:3",
			"figures.0.label": "a.md:5:5 / a.md:5:12",
			"figures.0.value": "a.md:6:5 / a.md:6:12",
		}},
		{"TOML", "+++\ntitle = \"x\"\n  date = 2024-01-01\nfigures = [\n  {label = \"A\", value = 1},\n  { label = \"B\", value = \"12abc\" },\n]\nmap = {x = {label = 1}, label = 2}\n[[sources]]\ntitle = \"S1\"\n\n[[sources]]\n  title = \"S2\"\n[quick]\n\"Drones launched\" = 653\n+++\n", map[string]string{
			"title":                 "a.md:2:1 / a.md:2:9",
			"date":                  "a.md:3:3 / a.md:3:10",
			"figures":               "a.md:4:1 / a.md:4:11",
			"figures.0.label":       "a.md:5:4 / a.md:5:12",
			"figures.1.value":       "a.md:6:18 / a.md:6:26",
			"map.x.label":           "a.md:8:13 / a.md:8:21",
			"map.label":             "a.md:8:25 / a.md:8:33",
			"sources":               "a.md:9:1 / a.md:9:1",
			"sources.0.title":       "a.md:10:1 / a.md:10:9",
			"sources.1.title":       "a.md:13:3 / a.md:13:11",
			"quick.Drones launched": "a.md:15:1 / a.md:15:21",
		}},
		{"JSON", "{\n  \"title\": \"x\",\n  \"figures\": [{\"label\": \"A\"}]\n}\n", map[string]string{
			"title":           "a.md:2:3 / a.md:2:12",
			"figures":         "a.md:3:3 / a.md:3:14",
			"figures.0.label": "a.md:3:16 / a.md:3:25",
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			doc, diags := Parse("a.md", []byte(tt.src))
			checkDiags(t, diags)
			got := map[string]string{}
			collectPositions(doc.Root, "", got)
			for path, want := range tt.want {
				if got[path] != want {
					t.Errorf("%s at %q, want %q", path, got[path], want)
				}
			}
		})
	}
}

// collectPositions records "key pos / value pos" for every key under n.
func collectPositions(n *Node, prefix string, out map[string]string) {
	switch n.Kind {
	case Map:
		for _, f := range n.Fields {
			out[prefix+f.Key] = f.KeyPos.String() + " / " + f.Value.Pos.String()
			collectPositions(f.Value, prefix+f.Key+".", out)
		}
	case List:
		for i, it := range n.Items {
			p := prefix + string(rune('0'+i))
			collectPositions(it, p+".", out)
		}
	}
}

// TestTOMLMappingOrder: a TOML table keeps its keys in the order written,
// which the figures mapping form relies on.
func TestTOMLMappingOrder(t *testing.T) {
	for _, src := range []string{
		"+++\n[figures]\nZeta = 1\nAlpha = 2\nMid = 3\n+++\n",
		"+++\nfigures = {Zeta = 1, Alpha = 2, Mid = 3}\n+++\n",
	} {
		doc, diags := Parse("a.md", []byte(src))
		checkDiags(t, diags)
		var keys []string
		for _, f := range field(doc.Root, "figures").Fields {
			keys = append(keys, f.Key)
		}
		if want := []string{"Zeta", "Alpha", "Mid"}; !reflect.DeepEqual(keys, want) {
			t.Errorf("%q: keys %q, want %q", src, keys, want)
		}
	}
}

// TestTOMLLocalDates: TOML local dates and times come out as written, not
// shifted by the machine's zone (row 10).
func TestTOMLLocalDates(t *testing.T) {
	src := "+++\na = 2024-03-01\nb = 2024-03-01T10:00:00\nc = 10:30:00\nd = 2024-03-01T10:00:00+02:00\ne = 2024-03-01T08:00:00Z\n+++\n"
	doc, diags := Parse("a.md", []byte(src))
	checkDiags(t, diags)
	want := map[string]string{"a": "2024-03-01", "b": "2024-03-01T10:00:00", "c": "10:30:00", "d": "2024-03-01T10:00:00+02:00", "e": "2024-03-01T08:00:00Z"}
	for k, v := range want {
		if got := field(doc.Root, k).Value; got != v {
			t.Errorf("%s = %q, want %q", k, got, v)
		}
	}
}

// TestTOMLBracketsInStrings: the depth pre-check skips strings and comments.
func TestTOMLBracketsInStrings(t *testing.T) {
	many := strings.Repeat("[", 100)
	src := "+++\ntitle = \"" + many + "\"\ns = '''" + strings.Repeat("{", 100) + "'''\nu = \"\"\"a\"\"\"\"\n# " + many + "\n+++\n"
	doc, diags := Parse("a.md", []byte(src))
	checkDiags(t, diags)
	if got := field(doc.Root, "title").Value; got != many {
		t.Errorf("title %q", got)
	}
	if got := field(doc.Root, "u").Value; got != `a"` {
		t.Errorf("u %q, want %q", got, `a"`)
	}
}

// TestClean is rows 2, 3 and 22 at the text level.
func TestClean(t *testing.T) {
	tests := []struct {
		name, src, want string
		wants           []want
	}{
		{"clean text is kept", "a\nb", "a\nb", nil},
		{"BOM", "\ufeffa", "a", nil},
		{"CRLF", "a\r\nb\r\n", "a\nb\n", nil},
		{"CR", "a\rb\r", "a\nb\n", nil},
		{"invalid UTF-8", "ok\nbad \xff here", "ok\nbad \uFFFD here",
			[]want{{"a.md:2:5", "invalid UTF-8 or NUL byte replaced by U+FFFD; save the file as UTF-8"}}},
		{"NUL", "a\x00b", "a\uFFFDb",
			[]want{{"a.md:1:2", "invalid UTF-8 or NUL byte replaced by U+FFFD"}}},
		{"lone surrogate", "\xed\xa0\x80", "\uFFFD\uFFFD\uFFFD",
			[]want{{"a.md:1:1", "invalid UTF-8"}, {"a.md:1:2", "invalid UTF-8"}, {"a.md:1:3", "invalid UTF-8"}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, diags := Clean("a.md", []byte(tt.src))
			if string(got) != tt.want {
				t.Errorf("got %q, want %q", got, tt.want)
			}
			checkDiags(t, diags, tt.wants...)
			for _, d := range diags {
				if d.Severity != 1 {
					t.Errorf("%s is not a warning", d)
				}
			}
		})
	}
}

// TestCleanWarnsAtMostTenTimes: a binary file earns a few warnings, not one
// per byte.
func TestCleanWarnsAtMostTenTimes(t *testing.T) {
	_, diags := Clean("a.md", []byte(strings.Repeat("\xff", 1000)))
	if len(diags) != 10 {
		t.Errorf("%d warnings, want 10", len(diags))
	}
}

// TestInvalidUTF8InFrontMatter: the warning comes with a document whose
// values are valid UTF-8.
func TestInvalidUTF8InFrontMatter(t *testing.T) {
	doc, diags := Parse("a.md", []byte("---\ntitle: caf\xe9\n---\n"))
	checkDiags(t, diags, want{"a.md:2:11", "invalid UTF-8 or NUL byte replaced by U+FFFD"})
	if got := field(doc.Root, "title").Value; got != "caf\uFFFD" {
		t.Errorf("title %q", got)
	}
}

// TestDecodeTOML is the whole-file TOML of brief.toml: positions have no
// offset.
func TestDecodeTOML(t *testing.T) {
	n, diags := DecodeTOML("brief.toml", []byte("title = \"a\"\nbaseURL = \"b\"\n[params]\nx = 1\n"))
	checkDiags(t, diags)
	if got := field(field(n, "params"), "x"); got == nil || got.Value != "1" || got.Pos.String() != "brief.toml:4:5" {
		t.Errorf("params.x = %+v", got)
	}
	_, diags = DecodeTOML("brief.toml", []byte("title = \"a\"\ntitle = \"b\"\n"))
	checkDiags(t, diags, want{"brief.toml:2:1", `duplicate key "title" (first given on line 1): keep one`})
}

// BenchmarkBillionLaughs measures row 12: the bomb is refused at its first
// alias, without expansion.
func BenchmarkBillionLaughs(b *testing.B) {
	src := []byte(billionLaughs())
	for b.Loop() {
		if doc, _ := Parse("a.md", src); doc != nil {
			b.Fatal("parsed")
		}
	}
}

// BenchmarkDeepTOML measures the nesting pre-check on row 13's input.
func BenchmarkDeepTOML(b *testing.B) {
	src := []byte("+++\ntitle = " + strings.Repeat("{a=", 20000) + "1" + strings.Repeat("}", 20000) + "\n+++\n")
	for b.Loop() {
		if doc, _ := Parse("a.md", src); doc != nil {
			b.Fatal("parsed")
		}
	}
}
