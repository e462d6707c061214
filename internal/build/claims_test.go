package build_test

import (
	"strings"
	"testing"
)

// claims is a site where two claimants report one key over three nights,
// one briefing repeats a point and another revises one.
const claims = `
-- content/actors/ukraine.md --
---
name: Ukraine
aliases: [Kyiv]
---
-- content/n1.md --
---
title: Night one
date: 2025-12-05
figures:
  - {label: Drones launched, value: 600, unit: drones, by: Ukraine, period: 2025-12-04/2025-12-05}
  - {label: Drones launched, key: drones-launched-ru, value: 10, unit: drones}
---
-- content/n2.md --
---
title: Night two
date: 2025-12-06
figures:
  - {label: Drones launched, value: 635, unit: drones, by: Kyiv, period: 2025-12-05/2025-12-06}
  - {label: Drones downed, value: 121, unit: drones, by: Russia, period: 2025-12-05/2025-12-06, qualifier: at least, note: Over Russian regions.}
---
-- content/n3.md --
---
title: Night two again
date: 2025-12-07
figures:
  - {label: Drones launched, value: 635, by: Ukraine, period: 2025-12-05/2025-12-06}
---
-- content/n4.md --
---
title: Night two revised
date: 2025-12-08
figures:
  - {label: Drones launched, value: 653, by: Ukraine, period: 2025-12-05/2025-12-06}
  - {label: Drones launched, value: 700, by: Russia, period: 2025-12-06/2025-12-07}
---
`

// A point reported again is "also reported in", not a change; another
// value for it is a revision; a change compares with the previous period
// of the same claimant and names that period; aliases fold.
func TestFigureClaims(t *testing.T) {
	r := buildSite(t, claims).ok()
	r.contains("2025/12/n2/index.html",
		`<td data-label="Change">&#43;35 vs <a href="/2025/12/n1/">4–5 Dec</a></td>`,
		`<span class="claim">by <a href="/actors/ukraine/">Ukraine</a>, 5–6 Dec 2025</span>`,
		`<td class="num" data-label="Value">at least 121 <span class="note">Over Russian regions.</span></td>`)
	r.contains("2025/12/n3/index.html", `<td data-label="Change">also reported in <a href="/2025/12/n2/">Night two</a></td>`)
	r.lacks("2025/12/n3/index.html", "no change")
	r.contains("2025/12/n4/index.html",
		`revised from 635 to 653 (<a href="/2025/12/n2/">earlier report</a>); &#43;53 vs <a href="/2025/12/n1/">4–5 Dec</a>`)
	// Russia's claim is a line of its own, never subtracted from Ukraine's.
	n4 := r.file("2025/12/n4/index.html")
	if i := strings.Index(n4, "by Russia, 6–7 Dec 2025"); i < 0 || strings.Contains(n4[i:i+400], " vs ") {
		t.Errorf("Russia's first claim shows a change:\n%s", n4)
	}
	// A count's axis starts at zero; the chart names each claimant.
	r.contains("figures/drones-launched/index.html", `text-anchor="end"><text x=`, `">0</text>`, `Drones launched, by Russia</text>`, `Drones launched, by Ukraine</text>`)
	// The series page: one row per report, with its period and claimant.
	r.contains("figures/drones-launched/index.html", `<th scope="col">By</th>`, `<td data-label="Period">6–7 Dec 2025</td>`,
		`<td data-label="By"><a href="/actors/ukraine/">Ukraine</a></td>`, `<td data-label="By">Russia</td>`)
}

// A figure without a unit takes its series'; the mapping form works beside
// full entries of the same key.
func TestFigureUnitInherited(t *testing.T) {
	r := buildSite(t, `
-- content/a.md --
---
title: A
date: 2025-01-01
figures:
  - {label: Drones launched, value: 10, unit: drones}
---
-- content/b.md --
---
title: B
date: 2025-01-02
figures: {Drones launched: 120}
---
`).ok()
	if strings.Contains(r.messages(), "no unit") {
		t.Errorf("a figure of a series with a unit is said to have none:\n%s", r.messages())
	}
	r.contains("2025/01/b/index.html", `<td data-label="Unit">drones</td>`)
	r.contains("data/figures.csv", "2025-01-02T00:00:00Z,/2025/01/b/,drones-launched,Drones launched,120,drones,,,exactly,2025-01-02,2025-01-02,")
}

// A unit that differs from its series' only by number or case is an error
// naming the series' unit; a new key with a label close to a series' is a
// warning naming it.
func TestFigureNearMisses(t *testing.T) {
	r := buildSite(t, `
-- content/a.md --
---
title: A
date: 2025-01-01
figures:
  - {label: Drones launched, value: 10, unit: drones}
---
-- content/b.md --
---
title: B
date: 2025-01-02
figures:
  - label: Drones launched
    value: 12
    unit: Drone
  - {label: Drone launched, key: launched, value: 3, unit: drones}
---
`)
	r.reports(
		`content/b.md:7:11: figure "drones-launched" has unit "Drone" but its series has "drones" (content/a.md:5:5): write "drones"`,
		`content/b.md:8:5: warning: figure "launched" starts a new series, but its label "Drone launched" is close to that of series "drones-launched": use key: drones-launched, or another label`,
	)
}

// Qualifiers and periods are checked where they are written.
func TestFigureClaimErrors(t *testing.T) {
	r := buildSite(t, `
-- content/a.md --
---
title: A
date: 2025-01-01
figures:
  - {label: Drones launched, value: 10, unit: drones, qualifier: at lest}
  - {label: Drones downed, value: 10, unit: drones, period: 2025-01-02/2025-01-01}
  - {label: Missiles, value: 1, unit: missiles, period: yesterday}
---
`)
	r.reports(
		`content/a.md:5:66: qualifier "at lest" is not one of exactly, at least, at most, about: did you mean "at least"?`,
		`content/a.md:6:61: period: "2025-01-02/2025-01-01" ends before it starts: write the first day, then the last`,
		`content/a.md:7:57: period: "yesterday" is not a day or an interval of days: write 2025-12-06 or 2025-12-05/2025-12-06`,
	)
}

// :fig[key] writes the figure as the table does; a paragraph of
// :chart[key] is the series' chart; an unknown key is an error at its
// position; \:fig[ stays literal.
func TestInlineFigures(t *testing.T) {
	r := buildSite(t, `
-- content/a.md --
---
title: A
date: 2025-12-06
figures:
  - {label: Drones launched, value: 653, unit: drones}
  - {label: Drones intercepted, value: 585, unit: drones, of: Drones launched}
  - {label: Drones downed, value: 121, unit: drones, by: Russia, qualifier: at least}
---
Ukraine intercepted :fig[drones-intercepted]; Russia says it downed :fig[drones-downed]. Write \:fig[key].

:chart[drones-launched]
`).ok()
	r.contains("2025/12/a/index.html",
		`Ukraine intercepted <data class="figure" value="585">585 of 653 drones (89.6%)</data>;`,
		`Russia says it downed <data class="figure" value="121">at least 121 drones</data>.`,
		`Write :fig[key].`,
		`<figure class="chart"><div class="chart-wide"><svg`, `<div class="chart-narrow"><svg`)
	// A summary taken from a first paragraph with figures has them too.
	r.contains("data/briefings.json", `"summary": "Ukraine intercepted 585 of 653 drones (89.6%); Russia says it downed at least 121 drones. Write :fig[key]."`)
	bad := buildSite(t, `
-- content/a.md --
---
title: A
date: 2025-12-06
figures:
  - {label: Drones launched, value: 653, unit: drones}
---
One line.

And :fig[drones-lunched] here.

:chart[nothing]
`)
	bad.reports(
		`content/a.md:9:5: no figure "drones-lunched" in this briefing for :fig[drones-lunched]: use one of drones-launched`,
		`content/a.md:11:1: no figure series "nothing" for :chart[nothing]: use one of drones-launched`,
	)
	if bad.diags.Err() == nil {
		t.Error("unknown keys: no error")
	}
}

// The home page shows the series brief.toml names, in its order, each
// change with the period it compares with; an unknown key is an error in
// brief.toml.
func TestHighlightsChosen(t *testing.T) {
	r := buildSite(t, `
-- brief.toml --
highlights = ["missiles", "drones-launched"]
`+claims+`
-- content/n5.md --
---
title: Missiles
date: 2025-12-08
figures:
  - {label: Missiles, value: 5, unit: missiles}
---
`).ok()
	home := r.file("index.html")
	m, d := strings.Index(home, `<a href="/figures/missiles/">Missiles</a>`), strings.Index(home, `<a href="/figures/drones-launched/">Drones launched</a>`)
	if m < 0 || d < m || strings.Contains(home, `<a href="/figures/drones-downed/">`) {
		t.Errorf("highlights not as chosen:\n%s", home)
	}
	bad := buildSite(t, `
-- brief.toml --
highlights = ["drones-lunched"]
`+claims)
	bad.reports(`brief.toml:1:14: highlights: no figure series "drones-lunched": did you mean "drones-launched"?`)
}

// A claimant close to a profile's name, but no name or alias of it, is a
// warning that names the profile.
func TestClaimantNearMiss(t *testing.T) {
	r := buildSite(t, `
-- content/actors/ukraine.md --
---
name: Ukraine
---
-- content/a.md --
---
title: A
date: 2025-12-06
figures:
  - {label: Drones launched, value: 653, unit: drones, by: Ukriane}
---
`).ok()
	r.reports(`content/a.md:5:5: warning: figure "Drones launched" is claimed by "Ukriane", which is not in any profile but is close to Ukraine (content/actors/ukraine.md): use that spelling, or add it to the profile's aliases`)
}
