package build_test

import (
	"strings"
	"testing"
)

const strikes = `
-- brief.toml --
title = "Test Briefings"
baseURL = "https://user.github.io/repo/"
timezone = "Europe/Kyiv"
pageSize = 2
-- content/2025/2025-12-06-strikes.md --
---
title: Strikes & interceptions
date: 2025-12-06T09:30:00+02:00
location: Kyiv
tags: [Air-Defence, drones]
actors: [Zelensky, Russia]
figures:
  - label: Drones launched
    value: 653
    unit: drones
  - label: Drones intercepted
    value: 585
    unit: drones
    of: Drones launched
  - key: missiles-launched
    label: Missiles launched
    value: "1,051"
    unit: missiles
sources:
  - title: Ukrainian Air Force
    url: https://example.org/air-force
---
Russia launched **653** drones overnight.
-- content/2025/2025-12-05-miami.md --
+++
title = "Miami talks"
date = 2025-12-05
tags = ["diplomacy", "air-defence"]
actors = ["Volodymyr Zelenskyy", "Rustem Umerov"]
+++
Talks in Miami.

Second paragraph.
-- content/2025/2025-11-20-earlier.md --
{
  "title": "Earlier briefing",
  "date": "2025-11-20T23:30",
  "tags": "diplomacy",
  "actors": ["Rustem Umerov", "Zelenskiy"]
}
The first paragraph is the summary.
-- content/2025/2025-12-07-draft.md --
---
title: A draft
date: 2025-12-07
draft: true
tags: [secret-tag]
---
Draft.
-- content/2026/2026-06-01-future.md --
---
title: Scheduled
date: 2026-06-01
---
Later.
-- content/actors/zelenskyy.md --
---
name: Volodymyr Zelenskyy
aliases: [Zelensky, Zelenskiy]
role: President of Ukraine
country: Ukraine
kind: person
---
President of Ukraine since 2019.
-- content/tags/diplomacy.md --
---
name: diplomacy
description: Talks between governments.
---
About diplomacy.
-- content/_ignored.md --
not a briefing
-- content/.hidden.md --
not a briefing
`

func TestBriefingPage(t *testing.T) {
	r := buildSite(t, strikes).ok()
	r.contains("2025/12/strikes/index.html",
		"<h1>Strikes &amp; interceptions</h1>",
		// html/template writes + as &#43;, which browsers read as +.
		`<time datetime="2025-12-06T09:30:00&#43;02:00">6 December 2025, 09:30 EET (UTC&#43;02:00)</time>`,
		"Kyiv",
		`<caption>Figures</caption>`,
		`<th scope="row"><a href="/repo/figures/drones-intercepted/">Drones intercepted</a></th>`,
		"585 of 653 (89.6%)",
		`<td class="num" data-label="Value">1,051</td>`,
		`<a href="/repo/actors/volodymyr-zelenskyy/">Volodymyr Zelenskyy</a>`,
		`<a href="/repo/tags/air-defence/">`,
		`<a href="https://example.org/air-force">Ukrainian Air Force</a>`,
		"<p>Russia launched <strong>653</strong> drones overnight.</p>",
		`<link rel="canonical" href="https://user.github.io/repo/2025/12/strikes/">`,
		`href="/repo/2025/12/miami/" rel="prev"`,
	)
	// The newest published briefing has no newer one; drafts and future
	// briefings are not linked.
	r.lacks("2025/12/strikes/index.html", `rel="next"`, "A draft", "Scheduled")
	r.contains("2025/12/miami/index.html", `href="/repo/2025/12/strikes/" rel="next"`, `href="/repo/2025/11/earlier/" rel="prev"`)
}

func TestDatesUseSiteTimeZone(t *testing.T) {
	r := buildSite(t, strikes).ok()
	// 23:30 without an offset is in Europe/Kyiv, not UTC.
	r.contains("2025/11/earlier/index.html", `datetime="2025-11-20T23:30:00&#43;02:00"`, "23:30 EET (UTC&#43;02:00)")
	// A date without a time shows no time.
	r.contains("2025/12/miami/index.html", "5 December 2025</time>")
}

func TestSummaryDefaultsToFirstParagraph(t *testing.T) {
	r := buildSite(t, strikes).ok()
	r.contains("2025/11/earlier/index.html", `<meta name="description" content="The first paragraph is the summary.">`)
}

func TestDraftsAndFutureLeftOut(t *testing.T) {
	r := buildSite(t, strikes).ok()
	r.absent("2025/12/draft/index.html", "2026/06/future/index.html", "tags/secret-tag/index.html", "2026/index.html")
	if r.res.Drafts != 1 || r.res.Future != 1 || r.res.Briefings != 3 {
		t.Errorf("stats: %d briefings, %d drafts, %d future; want 3, 1, 1", r.res.Briefings, r.res.Drafts, r.res.Future)
	}
	r = buildSite(t, strikes, withDrafts, withFuture).ok()
	r.contains("2025/12/draft/index.html", "<h1>A draft</h1>")
	r.contains("2026/06/future/index.html", "<h1>Scheduled</h1>")
	r.contains("tags/secret-tag/index.html", "A draft")
}

func TestActorsFoldAliases(t *testing.T) {
	r := buildSite(t, strikes).ok()
	page := r.file("actors/volodymyr-zelenskyy/index.html") + r.file("actors/volodymyr-zelenskyy/page/2/index.html")
	for _, title := range []string{"Strikes &amp; interceptions", "Miami talks", "Earlier briefing"} {
		if !strings.Contains(page, title) {
			t.Errorf("actor page lacks %q", title)
		}
	}
	r.contains("actors/volodymyr-zelenskyy/index.html", "President of Ukraine since 2019.", "Zelenskiy", "Rustem Umerov")
	r.absent("actors/zelensky/index.html", "actors/zelenskiy/index.html")
	r.contains("actors/index.html", `href="/repo/actors/volodymyr-zelenskyy/"`, `href="/repo/actors/russia/"`)
}

func TestTagsFoldCase(t *testing.T) {
	r := buildSite(t, strikes).ok()
	// Air-Defence and air-defence are one tag, shown with the spelling used
	// most (a tie goes to the first in byte order).
	r.contains("tags/air-defence/index.html", "Strikes &amp; interceptions", "Miami talks")
	r.contains("tags/diplomacy/index.html", "About diplomacy.", "Miami talks", "Earlier briefing")
	r.contains("tags/index.html", `href="/repo/tags/drones/"`)
}

func TestPaginationAndArchives(t *testing.T) {
	r := buildSite(t, strikes).ok()
	r.contains("index.html", "Strikes &amp; interceptions", "Miami talks", `href="/repo/page/2/"`)
	r.lacks("index.html", "Earlier briefing")
	r.contains("page/2/index.html", "Earlier briefing", `href="/repo/"`)
	r.contains("2025/index.html", `href="/repo/2025/12/"`, `href="/repo/2025/11/"`)
	r.contains("2025/11/index.html", "Earlier briefing")
	r.contains("404.html", `href="/repo/style.`, `href="/repo/"`)
}

func TestEveryInternalLinkHasBasePath(t *testing.T) {
	r := buildSite(t, strikes).ok()
	for _, p := range r.mem.Paths() {
		if !strings.HasSuffix(p, ".html") {
			continue
		}
		for _, link := range links(r.file(p)) {
			if strings.HasPrefix(link, "/") && !strings.HasPrefix(link, "/repo/") {
				t.Errorf("%s: link %q lacks the base path /repo/", p, link)
			}
			if strings.HasPrefix(link, "/repo/") && !strings.HasSuffix(link, "/") && !strings.HasSuffix(link, ".css") && !strings.HasSuffix(link, ".js") && !strings.HasSuffix(link, ".svg") && !strings.Contains(link, "#") {
				t.Errorf("%s: internal link %q does not end in /", p, link)
			}
			if strings.HasPrefix(link, "/") {
				if target := strings.TrimPrefix(link, "/repo/"); !r.exists(target) {
					t.Errorf("%s: broken link %q", p, link)
				}
			}
		}
	}
}

// exists reports whether a site path (without the base path) is served.
func (r *result) exists(p string) bool {
	p, _, _ = strings.Cut(p, "#")
	if p == "" || strings.HasSuffix(p, "/") {
		p += "index.html"
	}
	_, ok := r.mem.Get(p)
	return ok
}

func TestAliasesRedirect(t *testing.T) {
	r := buildSite(t, `
-- brief.toml --
baseURL = "https://example.org/sub/"
-- content/a.md --
---
title: A
date: 2025-01-02
aliases: [/old/a/, /older.html]
---
`).ok()
	for _, p := range []string{"old/a/index.html", "older.html"} {
		r.contains(p, `<link rel="canonical" href="https://example.org/sub/2025/01/a/">`, `<meta http-equiv="refresh" content="0; url=https://example.org/sub/2025/01/a/">`)
	}

	r = buildSite(t, `
-- content/a.md --
---
title: A
date: 2025-01-02
aliases: [../../etc/passwd, "https://evil.example/"]
---
`)
	r.reports(
		`content/a.md:4:11: alias "../../etc/passwd" is not a path on this site: write it like /2025/11/old-slug/`,
		`content/a.md:4:29: alias "https://evil.example/" is not a path on this site: write it like /2025/11/old-slug/`,
	)

	r = buildSite(t, `
-- content/a.md --
---
title: A
date: 2025-01-02
aliases: [/tags/]
---
`)
	r.reports(`content/a.md:4:11: alias /tags/ would replace a page of the site: remove it`)
}

// TestYearsBeforeAThousand: a briefing of the year 999 has its year and
// month archives where the links to them point (four-digit folders, like
// its own page), and its month is named alike everywhere, with four
// digits like its date.
func TestYearsBeforeAThousand(t *testing.T) {
	r := buildSite(t, `
-- brief.toml --
title = "Chronicle"
-- content/0999-01-05-old.md --
---
title: An old entry
date: 0999-01-05
actors: [Chronicler]
---
Long ago.
-- content/2025-12-06-new.md --
---
title: A new entry
date: 2025-12-06
actors: [Chronicler]
---
Now.
`).ok()
	r.contains("0999/01/old/index.html", "<h1>An old entry</h1>", `href="/0999/"`)
	r.contains("0999/index.html", "<h1>999</h1>", `href="/0999/01/"`)
	r.contains("0999/01/index.html", "<h1>January 0999</h1>", "5 January 0999")
	r.contains("actors/chronicler/index.html", ">January 0999</h", "5 January 0999", ">December 2025</h")
	r.absent("999/index.html", "999/01/index.html")
}
