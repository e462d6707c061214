package frontmatter

import "testing"

// TestSyntaxErrorsPointAtTheMistake checks that YAML and TOML syntax
// errors are reported where the mistake is, in plain words.
func TestSyntaxErrorsPointAtTheMistake(t *testing.T) {
	for _, c := range []struct{ src, want string }{
		{"---\ntitle: A: B\ndate: 2025-01-01\n---\nx\n", `a.md:2:8: YAML: a colon inside a value needs quotes: title: "A: B"`},
		{"---\ntitle: T\ntags: [a, b\ndate: 2025-01-01\nactors: [c]\n---\nx\n", "a.md:3:7: YAML: the [ opened here is never closed: end the list with ]"},
		{"---\ntitle: \"T\ndate: 2025-01-01\nactors: [c]\n---\nx\n", `a.md:2:8: YAML: the " opened here is never closed: end the text with "`},
		{"---\ntitle: 'T\ndate: 2025-01-01\n---\nx\n", "a.md:2:8: YAML: the ' opened here is never closed: end the text with '"},
		{"---\ntitle: T\ntags: {a: b\ndate: 2025-01-01\n---\nx\n", "a.md:3:7: YAML: the { opened here is never closed: end the mapping with }"},
		{"---\ntitle: T\ndate: 2025-01-01\n\tactors: [c]\n---\nx\n", "a.md:4:1: YAML: a tab indents this line: YAML indents with spaces only"},
		{"+++\ntitle = \"T\ntags = [\"a\"]\ndate = 2025-01-01\n+++\nx\n", `a.md:2:9: TOML: the " opened here is never closed: end the text with " on the same line`},
		{"+++\ntitle = \"T\"\ntags = [\"a\", \"b\"\ndate = 2025-01-01\n+++\nx\n", "a.md:3:8: TOML: the [ opened here is never closed: end the list with ]"},
		{"+++\ntitle = T: B\ndate = 2025-01-01\n+++\nx\n", `a.md:2:9: TOML: text needs quotes in TOML: title = "T: B"`},
	} {
		var p Parser
		_, d := p.Parse("a.md", []byte(c.src))
		if d.Error() != c.want {
			t.Errorf("%q:\n got %s\nwant %s", c.src, d.Error(), c.want)
		}
	}
}
