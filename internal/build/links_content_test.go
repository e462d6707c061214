package build_test

import (
	"strings"
	"testing"
)

// Rows 25 and 29: links between briefings by source path are rewritten to
// permalinks, with anchors checked; NFD file names resolve from NFC links.
func TestLinksBetweenBriefings(t *testing.T) {
	r := buildSite(t, `
-- brief.toml --
baseURL = "https://example.org/sub/"
-- content/2024/old.md --
---
title: Old
date: 2024-03-01
---
## Outcome

Old body.
-- content/2025/new.md --
---
title: New
date: 2025-01-05
actors: [Rustem Umerov]
---
See [the old one](../2024/old.md), [its outcome](../2024/old.md#outcome),
[the café](cafe`+"\u0301"+`.md), [the profile](../actors/umerov.md) and [away](https://x.org/a.md).
-- content/2025/café.md --
---
title: Café
date: 2025-01-02
---
Body.
-- content/actors/umerov.md --
---
name: Rustem Umerov
---
Links [back](../2025/new.md).
`).ok()
	r.contains("2025/01/new/index.html",
		`<a href="/sub/2024/03/old/">the old one</a>`,
		`<a href="/sub/2024/03/old/#outcome">its outcome</a>`,
		`<a href="/sub/2025/01/cafe/">the café</a>`,
		`<a href="/sub/actors/rustem-umerov/">the profile</a>`,
		`<a href="https://x.org/a.md">away</a>`)
	r.lacks("2025/01/new/index.html", "brief-link:", "old.md", "umerov.md")
	r.contains("actors/rustem-umerov/index.html", `<a href="/sub/2025/01/new/">back</a>`)
}

func TestBrokenLinksBetweenBriefings(t *testing.T) {
	r := buildSite(t, `
-- content/2024/old.md --
---
title: Old
date: 2024-03-01
---
## Outcome
-- content/2024/draft.md --
---
title: Draft
date: 2024-03-02
draft: true
---
-- content/2025/new.md --
---
title: New
date: 2025-01-05
---
A [missing](../2024/gone.md) file,
a [missing anchor](../2024/old.md#result),
a [draft](../2024/draft.md).
`)
	r.reports(
		"content/2025/new.md:5:3: link to content/2024/gone.md: no such briefing or profile; check the path, which is relative to this file's folder",
		"content/2025/new.md:6:3: link to content/2024/old.md#result: that briefing has no heading with this id; its ids are: outcome",
		"content/2025/new.md:7:3: link to content/2024/draft.md, a draft or future briefing not published in this build: remove the link, or publish that briefing first",
	)
	// With drafts published, the draft link resolves.
	r = buildSite(t, `
-- content/2024/draft.md --
---
title: Draft
date: 2024-03-02
draft: true
---
-- content/2025/new.md --
---
title: New
date: 2025-01-05
---
A [draft](../2024/draft.md).
`, withDrafts).ok()
	r.contains("2025/01/new/index.html", `<a href="/2024/03/draft/">draft</a>`)
}

// Row 18: a link that looks like a content file but carries a dangerous
// scheme is removed before the rewriter sees it, and the rewriter only ever
// writes site URLs.
func TestLinkRewriterNeverWritesADangerousScheme(t *testing.T) {
	r := buildSite(t, `
-- brief.toml --
baseURL = "https://example.org/"
-- content/2025/new.md --
---
title: New
date: 2025-01-05
---
[a](javascript:alert(1)//x.md) [b](JAVASCRIPT:x.md) [c](&#106;avascript:x.md) [d](data:text/html,x.md)
`)
	html := r.file("2025/01/new/index.html")
	for _, bad := range []string{`href="javascript:`, `href="data:`, `href="#"`, "brief-link:"} {
		if strings.Contains(strings.ToLower(html), bad) {
			t.Errorf("output holds %q:\n%s", bad, html)
		}
	}
	if r.diags.Err() != nil || len(r.diags) != 4 {
		t.Errorf("want 4 warnings (links removed), got: %v", r.diags)
	}
}
