package markdown

import (
	"strings"
	"testing"
	"unicode/utf8"
)

// FuzzRender: Render never panics, its output is valid UTF-8 with no
// script and no link or image with a dangerous scheme, and every
// diagnostic is positioned in the file.
func FuzzRender(f *testing.F) {
	seeds := []string{
		"# Title\n\nText with *emphasis*, `code` and [a link](https://example.org/).\n",
		"<script>alert(1)</script>\n\n<iframe src=x></iframe>\n\n<img src=x onerror=alert(1)>\n",    // row 16
		"[a](javascript:alert(1)) [b](JaVaScRiPt:x) [c](&#106;avascript:x) <javascript:alert(1)>\n", // row 17
		"[d](java&Tab;script:x) [e](vbscript:x) [f](file:///etc/passwd) [g](data:text/html,x)\n",
		"![h](data:image/svg+xml,x) [i](javascript&colon;x) [j][r]\n\n[r]: javascript:x\n",
		strings.Repeat("- ", 40) + "x\n", // row 20
		strings.Repeat(">", 40) + "\n",
		strings.Repeat("[", 100) + strings.Repeat("]", 100),
		"x[^1]\n\n[^1]: note\n",
		"bad \xff \x00 \xed\xa0\x80\n",       // row 22
		"## Summary\n\n## Summary\n\n## 🚀\n", // row 23
		"![](x.png)\n",                       // row 24
		"| a | b |\n|---|---|\n| 1 | 2 |\n\n- [ ] task\n\n~~x~~ www.example.org\n",
	}
	for _, s := range seeds {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, body string) {
		res := testRenderer.Render("a.md", []byte(body), firstLine)
		out := string(res.HTML)
		if !utf8.ValidString(out) {
			t.Fatalf("output is not UTF-8: %q", out)
		}
		if strings.Contains(strings.ToLower(out), "<script") {
			t.Fatalf("output holds a script: %q", out)
		}
		if bad := unsafeURLs(t, out); len(bad) > 0 {
			t.Fatalf("dangerous URLs %q in %q", bad, out)
		}
		for _, d := range res.Diags {
			if d.Pos.File != "a.md" || d.Pos.Line < firstLine || d.Pos.Line > firstLine+strings.Count(body, "\n") {
				t.Errorf("diagnostic out of the file: %q", d.Error())
			}
			if !utf8.ValidString(d.Msg) {
				t.Errorf("message is not UTF-8: %q", d.Msg)
			}
		}
	})
}
