package frontmatter

import (
	"bytes"
	"reflect"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/adrg/frontmatter"
)

// FuzzParse: Parse never panics; it returns a document or at least one
// error, and every diagnostic names the file and, for errors, a line.
func FuzzParse(f *testing.F) {
	seeds := []string{
		"---\ntitle: x\ndate: 2024-01-01\n---\nBody.\n",
		"---\ntitle: x\ndate: 2024-01-01\n\nBody.\n",             // row 1
		"\ufeff---\ntitle: x\n---\n",                             // row 2
		"---\r\ntitle: x\r\n---\r\nBody\n",                       // row 3
		"\n---\ntitle: x\nsummary oops\ndate: 2024-01-01\n---\n", // row 4
		"---\ntags:\n\t- a\n---\n",                               // row 5
		"---\ntitle: x\ntitle: y\n---\n",                         // row 6
		"+++\ntitle = \"x\"\ntitle = \"y\"\n+++\n",
		"{\"title\": \"x\", \"title\": \"y\"}\n",
		"---\ntags: economy\nactors: 42\n---\n",            // row 8
		"---\ndate: 2024-02-30\nupdated: yesterday\n---\n", // row 10
		"+++\ndate = 2024-03-01\nupdated = 2024-03-01T10:00:00\n+++\n",
		"---\ntitle: no\nactors: [NO, ON]\n---\n", // row 11
		billionLaughs(), // row 12
		"---\ntitle: " + strings.Repeat("[", 200) + strings.Repeat("]", 200) + "\n---\n", // row 13
		"+++\nt = " + strings.Repeat("{a=", 100) + "1" + strings.Repeat("}", 100) + "\n+++\n",
		"{\"title\": \"x\"}\nBody\n", // row 14
		";;;\n{\"title\": \"x\"}\n;;;\n",
		"{\"title\": \"x\"} junk\n",
		"", "Body only\n", "---\n---\n", // row 15
		"---\nfigures: {Drones launched: 653, Missiles: \"1,200\"}\n---\n",
		"+++\nfigures = [\n  {label = \"A\", value = 1},\n]\n[[sources]]\ntitle = \"s\"\n+++\n",
		"---\ntitle: caf\xe9\x00\n---\n",
		"\n\n---  \ntitle: x\n---   \n\nBody --- \n---\nmore", // blanks, trailing spaces, --- in the body, no final newline
		"---\ntitle: x\n---", // the block ends the file
		"---\ntitle: " + strings.Repeat("x", 9000) + "\n---\n" + strings.Repeat("long line ", 1000), // lines longer than the library's buffer
	}
	for _, s := range seeds {
		f.Add([]byte(s))
	}
	var reused Parser // has read every input before this one
	f.Fuzz(func(t *testing.T, src []byte) {
		doc, diags := Parse("a.md", src)
		// A Parser that read other files reads this one the same.
		if again, againDiags := reused.Parse("a.md", src); !reflect.DeepEqual(again, doc) || againDiags.Error() != diags.Error() {
			t.Errorf("a reused Parser reads %+v (%v), a new one %+v (%v)", again, againDiags, doc, diags)
		}
		if doc == nil && len(diags.Errors()) == 0 {
			t.Fatalf("no document and no error: %v", diags)
		}
		for _, d := range diags {
			if d.Pos.File != "a.md" {
				t.Errorf("diagnostic without the file: %q", d.Error())
			}
			if d.Severity == 0 && d.Pos.Line < 1 {
				t.Errorf("error without a line: %q", d.Error())
			}
			if !utf8.ValidString(d.Msg) {
				t.Errorf("message is not UTF-8: %q", d.Msg)
			}
		}
		if doc == nil {
			return
		}
		if doc.Root == nil || doc.Root.Kind != Map {
			t.Fatalf("root %+v is not a mapping", doc.Root)
		}
		if !utf8.Valid(doc.Body) {
			t.Errorf("body is not UTF-8: %q", doc.Body)
		}
		if doc.BodyLine < 1 {
			t.Errorf("body line %d", doc.BodyLine)
		}
		if doc.Format != "yaml" && doc.Format != "toml" && !strings.HasPrefix(strings.TrimSpace(string(src)), ";;;") {
			return
		}
		// The body is what the library gives when it reads the whole file
		// itself (Parse stops it at the end of the block).
		clean, _ := Clean("a.md", src)
		start, _ := firstLine(clean)
		delim := string(bytes.TrimSpace(lineAt(clean, start)))
		body, err := frontmatter.Parse(bytes.NewReader(clean), nil, frontmatter.NewFormat(delim, delim, func([]byte, any) error { return nil }))
		if err != nil || !bytes.Equal(body, doc.Body) {
			t.Errorf("body %q, the library reads %q (%v)", doc.Body, body, err)
		}
	})
}
