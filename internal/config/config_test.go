package config

import (
	"strings"
	"testing"
	"testing/fstest"

	"github.com/brief-ssg/brief/internal/diag/diagtest"
)

func TestBaseURLWithCredentialsOrImpossiblePortIsAnError(t *testing.T) {
	tests := []struct {
		url, msg string
	}{
		{"https://user:secret@example.org/", "holds a user name or password"},
		{"https://user@example.org/", "holds a user name or password"},
		{"https://example.org:99999/", "has an impossible port"},
		{"https://example.org:0/", "has an impossible port"},
		{"https://example.org:http/", "has an impossible port"},
		{"https://example.org/?a=b", "has a query or fragment"},
		{"https://example.org/#top", "has a query or fragment"},
		{"ftp://example.org/", "must be an absolute http(s) URL"},
		{"/briefings/", "must be an absolute http(s) URL"},
	}
	for _, tt := range tests {
		_, diags := Parse("brief.toml", []byte("title = \"T\"\nbaseURL = \""+tt.url+"\"\n"))
		diagtest.Check(t, diags, diagtest.Want{Pos: "brief.toml:2:11", Msg: tt.msg})
	}
	for _, ok := range []string{"https://example.org/", "http://localhost:1313/b/", "https://example.org:65535/x/", "https://user.github.io/repo"} {
		_, diags := Parse("brief.toml", []byte("baseURL = \""+ok+"\"\n"))
		diagtest.Check(t, diags)
	}
}

func TestLanguageThatIsNoLanguageTagIsAnError(t *testing.T) {
	for _, bad := range []string{"english", "en_", "<script>", "", "e"} {
		_, diags := Parse("brief.toml", []byte("language = \""+bad+"\"\n"))
		diagtest.Check(t, diags, diagtest.Want{Pos: "brief.toml:1:12", Msg: "is not a language tag"})
	}
	for _, ok := range []string{"en", "uk", "pt-BR", "EN-gb", "sr-Latn", "zh-Hant-TW"} {
		c, diags := Parse("brief.toml", []byte("language = \""+ok+"\"\n"))
		diagtest.Check(t, diags)
		if c.Language != ok {
			t.Errorf("language %q read as %q, want it as written", ok, c.Language)
		}
	}
}

// TestConfigSizeLimit reads brief.toml just under and just over MaxSize,
// the limit of content files.
func TestConfigSizeLimit(t *testing.T) {
	head := "title = \"T\"\n"
	pad := func(n int) string { return head + "#" + strings.Repeat("x", n-len(head)-2) + "\n" }
	c, diags := Read(fstest.MapFS{FileName: {Data: []byte(pad(MaxSize))}})
	diagtest.Check(t, diags)
	if c.Title != "T" {
		t.Errorf("title %q", c.Title)
	}
	_, diags = Read(fstest.MapFS{FileName: {Data: []byte(pad(MaxSize + 1))}})
	diagtest.Check(t, diags, diagtest.Want{Pos: "brief.toml:1:1", Msg: "file exceeds max size (limit 1048576 bytes"})
}

func TestMissingConfigIsTheDefault(t *testing.T) {
	c, diags := Read(fstest.MapFS{})
	diagtest.Check(t, diags)
	if c.Title != Default().Title {
		t.Errorf("title %q", c.Title)
	}
}
