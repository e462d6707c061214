package build_test

import (
	"testing"
)

const bylines = `
-- brief.toml --
title = "Newsroom"
baseURL = "https://example.org/"
pageSize = 1
authors = ["Desk"]
-- content/authors/olena.md --
---
name: Olena Petrenko
aliases: [O. Petrenko]
role: Kyiv correspondent
url: https://olena.example.net/
email: olena@example.org
---
Olena covers the capital.
-- content/2025-12-06-strikes.md --
---
title: Strikes
date: 2025-12-06
authors: [O. Petrenko, Ivan Franko]
corrections:
  - date: 2025-12-07
    text: An earlier version gave the wrong number of drones.
  - date: 2025-12-08T10:00
    text: The map showed the wrong region & has been replaced.
---
Body.
-- content/2025-12-05-talks.md --
---
title: Talks
date: 2025-12-05
authors: [Olena Petrenk]
---
Talks.
-- content/2025-12-04-desk.md --
---
title: From the desk
date: 2025-12-04
---
Desk.
`

func TestBylines(t *testing.T) {
	r := buildSite(t, bylines).ok()
	r.reports(`content/2025-12-05-talks.md:4:11: warning: author "Olena Petrenk" is not in any profile but is close to Olena Petrenko (content/authors/olena.md): use that spelling, or add it to the profile's aliases`)
	r.contains("2025/12/strikes/index.html",
		`<dt>By</dt>`,
		`<dd class="byline"><a href="/authors/olena-petrenko/" rel="author">Olena Petrenko</a>, <a href="/authors/ivan-franko/" rel="author">Ivan Franko</a></dd>`,
		`"author":[{"@type":"Person","name":"Olena Petrenko","url":"https://olena.example.net/"},{"@type":"Person","name":"Ivan Franko","url":"https://example.org/authors/ivan-franko/"}]`,
		`<a href="/authors/">Authors</a>`)
	// The site's default byline.
	r.contains("2025/12/desk/index.html", `<a href="/authors/desk/" rel="author">Desk</a>`)
	// List entries.
	r.contains("index.html", `<span class="byline">By <a href="/authors/olena-petrenko/">Olena Petrenko</a>, <a href="/authors/ivan-franko/">Ivan Franko</a></span>`)
	// The index and each author's pages, paginated, with a feed.
	r.contains("authors/index.html", `<a href="/authors/olena-petrenko/">Olena Petrenko</a> <span class="count">1 briefing</span>`, `<a href="/authors/desk/">Desk</a>`)
	r.contains("authors/olena-petrenko/index.html", `<dd>Kyiv correspondent</dd>`, `<a href="https://olena.example.net/" rel="me">`,
		`<a href="mailto:olena@example.org">`, `<li>O. Petrenko</li>`, `<p>Olena covers the capital.</p>`, `href="https://example.org/authors/olena-petrenko/index.xml"`)
	r.contains("authors/olena-petrenk/index.html", `Olena Petrenk`)
	r.contains("authors/olena-petrenko/index.xml", `<title>Newsroom: Olena Petrenko</title>`, `<dc:creator>Olena Petrenko</dc:creator>`)
	// Every feed names the authors.
	r.contains("index.xml", `<dc:creator>Olena Petrenko</dc:creator>`, `<dc:creator>Ivan Franko</dc:creator>`, `<dc:creator>Desk</dc:creator>`)
	r.contains("atom.xml", `<author>`, `<name>Olena Petrenko</name>`)
	r.contains("feed.json", `"authors": [`, `"name": "Ivan Franko"`)
}

func TestCorrections(t *testing.T) {
	r := buildSite(t, bylines).ok()
	page := "2025/12/strikes/index.html"
	r.contains(page,
		`<h1>Strikes</h1>
      <aside class="corrections" aria-labelledby="corrections-title">
        <h2 id="corrections-title">Corrections</h2>
        <ul>
          <li id="correction-2"><time datetime="2025-12-08T10:00:00Z">8 December 2025</time>: The map showed the wrong region &amp; has been replaced.</li>
          <li id="correction-1"><time datetime="2025-12-07T00:00:00Z">7 December 2025</time>: An earlier version gave the wrong number of drones.</li>
        </ul>
      </aside>`,
		`<dt>Updated</dt>
          <dd><time datetime="2025-12-08T10:00:00Z">8 December 2025</time></dd>`,
		`"dateModified":"2025-12-08T10:00:00Z"`,
		`"correction":[{"@type":"CorrectionComment","text":"The map showed the wrong region \u0026 has been replaced.","datePublished":"2025-12-08T10:00:00Z"},{"@type":"CorrectionComment","text":"An earlier version gave the wrong number of drones.","datePublished":"2025-12-07T00:00:00Z"}]`,
		`<meta property="article:modified_time" content="2025-12-08T10:00:00Z">`)
	r.lacks("2025/12/talks/index.html", `class="corrections"`, `"correction"`)
	r.contains("corrections/index.html", `href="https://example.org/corrections/index.xml"`,
		`<li id="strikes-correction-2"><time datetime="2025-12-08T10:00:00Z">8 December 2025</time> <a href="/2025/12/strikes/#correction-2">Strikes</a>: The map showed the wrong region &amp; has been replaced.</li>
      <li id="strikes-correction-1">`)
	r.contains("corrections/index.xml", `<title>Newsroom: Corrections</title>`, `<title>Correction: Strikes</title>`,
		`<link>https://example.org/2025/12/strikes/#correction-2</link>`, `<pubDate>Mon, 08 Dec 2025 10:00:00 +0000</pubDate>`)
	// The briefing's feed entries carry the new update.
	r.contains("atom.xml", `<updated>2025-12-08T10:00:00Z</updated>`)
	r.contains("index.xml", `<atom:updated>2025-12-08T10:00:00Z</atom:updated>`)
	r.contains("feed.json", `"date_modified": "2025-12-08T10:00:00Z"`)
	r.contains("sitemap.xml", `<loc>https://example.org/2025/12/strikes/</loc>
    <lastmod>2025-12-08</lastmod>`)
}

func TestCorrectionErrors(t *testing.T) {
	r := buildSite(t, `
-- content/2025-12-06-strikes.md --
---
title: Strikes
date: 2025-12-06
corrections:
  - date: 2025-12-05
    text: Before.
  - text: Much later.
    date: 2026-02-01
  - date: 2025-12-06
    text: Same day is fine.
---
Body.
`)
	r.reports(
		"content/2025-12-06-strikes.md:5:11: correction dated 2025-12-05 is before the briefing's date 2025-12-06: a correction comes after what it corrects",
		"content/2025-12-06-strikes.md:8:11: correction dated 2026-02-01T00:00 is in the future (now is 2026-01-01T00:00): date it when it is made")
}

func TestNoBylines(t *testing.T) {
	r := buildSite(t, `
-- content/2025-12-06-strikes.md --
---
title: Strikes
date: 2025-12-06
---
Body.
`).ok()
	r.lacks("2025/12/strikes/index.html", "byline", `"@type":"Person"`, "Authors</a>")
	r.absent("authors/index.html")
}

func TestLeadNotRepeated(t *testing.T) {
	r := buildSite(t, `
-- content/2025-12-06-strikes.md --
---
title: Strikes
date: 2025-12-06
---
The lead paragraph.

More.
-- content/2025-12-05-talks.md --
---
title: Talks
date: 2025-12-05
summary: A written summary.
---
The lead of the talks.
`).ok()
	r.lacks("2025/12/strikes/index.html", `<p class="summary">`)
	r.contains("2025/12/strikes/index.html", `<meta name="description" content="The lead paragraph.">`, "<p>The lead paragraph.</p>")
	r.contains("2025/12/talks/index.html", `<p class="summary">A written summary.</p>`, "<p>The lead of the talks.</p>")
	r.contains("index.html", `<p class="summary">The lead paragraph.</p>`)
}

func TestSiteLinksChecked(t *testing.T) {
	r := buildSite(t, `
-- brief.toml --
baseURL = "https://example.org/"
-- static/files/report.pdf --
pdf
-- content/2025-12-06-strikes.md --
---
title: Strikes
date: 2025-12-06
---
See [the talks](/2025/12/talks/), [the tags](/tags/#top), [a file](/files/report.pdf),
[nothing](/2026/12/x/) and [the draft](/2025/12/draft/).

Also [elsewhere](https://example.com/2026/12/x/) and [a scheduled one](/2027/01/later/?q=1).
-- content/2025-12-05-talks.md --
---
title: Talks
date: 2025-12-05
---
Talks.
-- content/2025-12-04-draft.md --
---
title: Draft
date: 2025-12-04
draft: true
---
Draft.
-- content/2027-01-01-later.md --
---
title: Later
date: 2027-01-01
---
Later.
`)
	r.reports(
		"content/2025-12-06-strikes.md:6:1: link to /2026/12/x/: no page of the site has this URL; link to an existing page, or to a briefing's file (2025-11-29-talks.md)",
		"content/2025-12-06-strikes.md:6:28: link to /2025/12/draft/: content/2025-12-04-draft.md is a draft and not published",
		"content/2025-12-06-strikes.md:8:54: link to /2027/01/later/?q=1: content/2027-01-01-later.md is scheduled for 1 January 2027 and not published yet",
	)
	if n := len(r.diags.Errors()); n != 3 {
		t.Errorf("%d errors, want 3:\n%s", n, r.messages())
	}
}
