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

func TestNoBylines(t *testing.T) {
	r := buildSite(t, `
-- content/2025-12-06-strikes.md --
---
title: Strikes
date: 2025-12-06
---
Body.
`).ok()
	r.lacks("2025/12/strikes/index.html", "byline", `"author"`, "Authors</a>")
	r.absent("authors/index.html")
}
