package source

import (
	"fmt"
	"strings"
	"testing"
)

// list writes key as a YAML list of n items made by item, from line 4.
func list(key string, n int, item func(i int) string) string {
	var b strings.Builder
	b.WriteString(key + ":\n")
	for i := range n {
		b.WriteString("  - " + item(i) + "\n")
	}
	return b.String()
}

// TestBriefingLimits checks each list of a briefing just under and just
// over its limit; the error is at the first item past the limit.
func TestBriefingLimits(t *testing.T) {
	tests := []struct {
		key   string
		limit int
		item  func(i int) string
	}{
		{"tags", MaxTags, func(i int) string { return fmt.Sprintf("tag %d", i) }},
		{"actors", MaxActors, func(i int) string { return fmt.Sprintf("actor %d", i) }},
		{"figures", MaxFigures, func(i int) string { return fmt.Sprintf("{label: F%d, value: %d}", i, i) }},
		{"sources", MaxSources, func(i int) string { return fmt.Sprintf("https://example.org/%d", i) }},
		{"aliases", MaxAliases, func(i int) string { return fmt.Sprintf("/old/%d/", i) }},
	}
	for _, tt := range tests {
		t.Run(tt.key+" at the limit", func(t *testing.T) {
			_, diags := decode(t, yamlBriefing(list(tt.key, tt.limit, tt.item)), nil)
			checkDiags(t, diags)
		})
		t.Run(tt.key+" over the limit", func(t *testing.T) {
			_, diags := decode(t, yamlBriefing(list(tt.key, tt.limit+1, tt.item)), nil)
			line := 4 + 1 + tt.limit // the key, then one line an item
			checkDiags(t, diags, want{fmt.Sprintf("a.md:%d:5", line), fmt.Sprintf("more than %d %s in one briefing (limit %d)", tt.limit, tt.key, tt.limit)})
		})
	}
	t.Run("figures mapping over the limit", func(t *testing.T) {
		var b strings.Builder
		b.WriteString("figures:\n")
		for i := range MaxFigures + 1 {
			fmt.Fprintf(&b, "  F%d: %d\n", i, i)
		}
		_, diags := decode(t, yamlBriefing(b.String()), nil)
		checkDiags(t, diags, want{fmt.Sprintf("a.md:%d:3", 5+MaxFigures), "more than 200 figures"})
	})
}

func TestSourceURLWithDangerousSchemeIsAnError(t *testing.T) {
	tests := []struct {
		name, src string
		wants     []want
	}{
		{"javascript in the mapping form", "sources:\n  - title: S\n    url: javascript:alert(1)\n", []want{
			{"a.md:6:10", `source URL "javascript:alert(1)" has the scheme "javascript": only http, https and mailto are linked`}}},
		{"javascript with slashes as a bare URL", "sources:\n  - javascript://%0aalert(1)\n", []want{
			{"a.md:5:5", `has the scheme "javascript"`}}},
		{"data", "sources:\n  - {title: S, url: \"data:text/html,<b>x</b>\"}\n", []want{{"a.md:5:21", `has the scheme "data"`}}},
		{"file", "sources:\n  - {title: S, url: \"file:///etc/passwd\"}\n", []want{{"a.md:5:21", `has the scheme "file"`}}},
		{"relative", "sources:\n  - {title: S, url: /reports/a.pdf}\n", []want{{"a.md:5:21", `is not absolute`}}},
		{"no host", "sources:\n  - {title: S, url: \"https:///x\"}\n", []want{{"a.md:5:21", `has no host`}}},
		{"credentials", "sources:\n  - {title: S, url: \"https://u:p@example.org/\"}\n", []want{{"a.md:5:21", `holds a user name or password`}}},
		{"impossible port", "sources:\n  - {title: S, url: \"https://example.org:99999/\"}\n", []want{{"a.md:5:21", `has an impossible port`}}},
		{"space", "sources:\n  - {title: S, url: \"https://exa mple.org/\"}\n", []want{{"a.md:5:21", `holds spaces or control characters`}}},
		{"http, https and mailto pass", "sources:\n  - http://example.org/\n  - {title: S, url: \"HTTPS://example.org/a?b#c\"}\n  - mailto:press@example.org\n  - {title: M, url: \"mailto:press@example.org\"}\n  - A title without a URL\n", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			b, diags := decode(t, yamlBriefing(tt.src), nil)
			checkDiags(t, diags, tt.wants...)
			for _, s := range b.Sources {
				if s.URL != "" && SourceURL(s.URL) != "" {
					t.Errorf("source %q kept", s.URL)
				}
			}
		})
	}
}

func TestUpdatedBeforeDateIsAnError(t *testing.T) {
	_, diags := decode(t, "---\ntitle: T\ndate: 2024-03-02T10:00:00Z\nupdated: 2024-03-01\n---\n", nil)
	checkDiags(t, diags, want{"a.md:4:10", "updated 2024-03-01T00:00:00Z is before the date 2024-03-02T10:00:00Z"})
	_, diags = decode(t, "---\ntitle: T\ndate: 2024-03-02\nupdated: 2024-03-02\n---\n", nil)
	checkDiags(t, diags)
}

func TestDatePositionIsKept(t *testing.T) {
	b, _ := decode(t, "---\ntitle: T\ndate: 2024-03-02\naliases: [/a/, /b/]\n---\n", nil)
	if got := b.DatePos.String(); got != "a.md:3:7" {
		t.Errorf("DatePos = %s, want a.md:3:7", got)
	}
	if len(b.AliasPos) != 2 || b.AliasPos[1].String() != "a.md:4:16" {
		t.Errorf("AliasPos = %v", b.AliasPos)
	}
}

func TestFigureValueThatCannotBeExactIsAnError(t *testing.T) {
	ok := []string{"123456789012345", "-0.00000000012345", "1000000000000000000000", "1,234,567,890.12345", "0.100000000000000000"}
	for _, v := range ok {
		_, diags := decode(t, yamlBriefing(fmt.Sprintf("figures: {a: %q}\n", v)), nil)
		checkDiags(t, diags)
	}
	bad := []string{"1234567890123456", "9007199254740993", "0.1234567890123456", "12,345,678,901,234,567"}
	for _, v := range bad {
		_, diags := decode(t, yamlBriefing(fmt.Sprintf("figures: {a: %q}\n", v)), nil)
		checkDiags(t, diags, want{"a.md:4:14", "has more than 15 significant digits and cannot be kept exactly"})
	}
}

func TestCyclicOfIsAnError(t *testing.T) {
	_, diags := decode(t, yamlBriefing("figures:\n  - {label: A, value: 1, of: B}\n  - {label: B, value: 2, of: A}\n  - {label: C, value: 3, of: A}\n"), nil)
	checkDiags(t, diags,
		want{"a.md:5:30", `figure "A" is of "B", which is itself part of "A"`},
		want{"a.md:6:30", `figure "B" is of "A", which is itself part of "B"`},
	)
}

func TestOfAZeroWholeIsAnError(t *testing.T) {
	_, diags := decode(t, yamlBriefing("figures:\n  - {label: All, value: 0}\n  - {label: Part, value: 0, of: All}\n"), nil)
	checkDiags(t, diags, want{"a.md:6:33", `figure "Part" is of "All", whose value is 0`})
}

func TestAliasIntoHiddenFolderIsAnError(t *testing.T) {
	_, diags := decode(t, yamlBriefing("aliases: [/.git/config.html, /a/.well-known/x/, /ok/]\n"), nil)
	checkDiags(t, diags,
		want{"a.md:4:11", `alias "/.git/config.html" reaches into the hidden folder ".git"`},
		want{"a.md:4:30", `alias "/a/.well-known/x/" reaches into the hidden folder ".well-known"`},
	)
}

func TestAliasesDifferingOnlyInCaseIsAnError(t *testing.T) {
	_, diags := decode(t, yamlBriefing("aliases:\n  - /Old/Page/\n  - /old/page\n"), nil)
	checkDiags(t, diags, want{"a.md:6:5", `alias "/old/page" is the alias "/Old/Page/" of line 5 but for case`})
}
