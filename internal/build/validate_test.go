package build_test

import "testing"

// TestAliasesThatCollide: an alias may not take the file of a page, of
// another alias even but for case, nor a folder where a file is.
func TestAliasesThatCollide(t *testing.T) {
	r := buildSite(t, `
-- content/a.md --
---
title: A
date: 2025-01-02
aliases: [/Old/Page/, /404.html, /404.html/x/]
---
-- content/b.md --
---
title: B
date: 2025-01-03
aliases: [/old/page/, /TAGS/, /index.xml/, /data/actors.json/, /tags/index.xml/x.html]
---
`)
	r.reports(
		`content/a.md:4:11: alias /Old/Page/ would replace an alias of content/b.md: remove it`,
		`content/a.md:4:23: alias /404.html would replace a page of the site: remove it`,
		`content/a.md:4:34: alias /404.html/x/ would replace a page of the site: remove it`,
		`content/b.md:4:23: alias /TAGS/ would replace a page of the site: remove it`,
		`content/b.md:4:31: alias /index.xml/ would replace a feed of the site: remove it`,
		`content/b.md:4:44: alias /data/actors.json/ would replace a file of the site: remove it`,
		`content/b.md:4:64: alias /tags/index.xml/x.html would replace a feed of the site: remove it`,
	)
	if len(r.diags.Errors()) != 7 {
		t.Errorf("want 7 errors, got:\n%v", r.diags)
	}
}

// TestDateFarInTheFutureIsAnError: two years after the build's date is
// the horizon of scheduled briefings; a date past it is a typo, reported
// even when future briefings are built.
func TestDateFarInTheFutureIsAnError(t *testing.T) {
	// testNow is 2026-01-01.
	r := buildSite(t, `
-- content/a.md --
---
title: A
date: 2225-01-02
---
-- content/b.md --
---
title: B
date: 2025-01-02
updated: 2125-01-02
---
-- content/c.md --
---
title: C
date: 2027-12-31
---
`, withFuture)
	r.reports(
		`content/a.md:3:7: date 2225-01-02 is more than 2 years after the build's date 2026-01-01: correct the year`,
		`content/b.md:4:10: updated 2125-01-02 is more than 2 years after the build's date 2026-01-01: correct the year`,
	)
	if len(r.diags.Errors()) != 2 {
		t.Errorf("want 2 errors, got:\n%v", r.diags)
	}
}

// TestBaseURLFlagIsChecked: --baseURL is checked as brief.toml's is.
func TestBaseURLFlagIsChecked(t *testing.T) {
	r := buildSite(t, oneBriefing, withBaseURL("https://user:pw@example.org:70000/"))
	r.reports(`--baseURL: "https://user:pw@example.org:70000/" holds a user name or password, which every page would show: remove it`)
	buildSite(t, oneBriefing, withBaseURL("https://example.org/b/")).ok()
}
