package build_test

import (
	"encoding/csv"
	"encoding/json"
	"strings"
	"testing"
)

// series is three nights of drones, with interceptions as a part, and
// actors with profiles of two kinds and countries.
const series = `
-- brief.toml --
baseURL = "https://example.org/"
-- content/n1.md --
---
title: Night one
date: 2025-11-27
actors: [Volodymyr Zelenskyy, Vladimir Putin]
tags: [drones]
figures:
  - {label: Drones launched, value: 641, unit: drones}
  - {label: Drones intercepted, value: 600, unit: drones, of: Drones launched}
---
One.
-- content/n2.md --
---
title: Night two
date: 2025-12-05
actors: [Vladimir Putin]
tags: [energy]
figures:
  - {label: Drones launched, value: 653, unit: drones}
  - {label: Drones intercepted, value: 585, unit: drones, of: Drones launched}
---
Two.
-- content/n3.md --
---
title: Night three
date: 2025-12-20
actors: [Volodymyr Zelenskyy, Vladimir Putin]
tags: [drones]
figures:
  - {label: Drones launched, value: 653, unit: drones}
---
Three.
-- content/actors/zelenskyy.md --
---
name: Volodymyr Zelenskyy
kind: person
country: Ukraine
---
-- content/actors/putin.md --
---
name: Vladimir Putin
kind: person
country: Russia
---
`

func TestFigureSeries(t *testing.T) {
	r := buildSite(t, series).ok()
	// Each figure shows its change since the previous value, linked.
	r.contains("2025/12/n2/index.html",
		`<td data-label="Change">&#43;12 vs <a href="/2025/11/n1/">27 Nov</a></td>`,
		`<td data-label="Change">−15 vs <a href="/2025/11/n1/">27 Nov</a></td>`,
		`<a href="/figures/drones-launched/">Drones launched</a>`,
		`class="sparkline`)
	r.contains("2025/12/n3/index.html", `<td data-label="Change">no change vs <a href="/2025/12/n2/">5 Dec</a></td>`)
	r.lacks("2025/11/n1/index.html", " vs <a")
	// The series page: a chart whose points link to the briefings, the
	// parts named, every value newest first.
	page := r.file("figures/drones-launched/index.html")
	r.contains("figures/drones-launched/index.html",
		"<h1>Drones launched</h1>",
		"3 values in drones",
		`Parts: <a href="/figures/drones-intercepted/">Drones intercepted</a>`,
		`<svg`, `role="img"`,
		`<a href="/2025/11/n1/">`, `<a href="/2025/12/n2/">`, `<a href="/2025/12/n3/">`)
	if a, b, c := strings.Index(page, `<td data-label="Briefing"><a href="/2025/12/n3/">`), strings.Index(page, `<td data-label="Briefing"><a href="/2025/12/n2/">`), strings.Index(page, `<td data-label="Briefing"><a href="/2025/11/n1/">`); !(a >= 0 && a < b && b < c) {
		t.Errorf("values table not newest first: %d %d %d", a, b, c)
	}
	r.contains("figures/drones-intercepted/index.html", `Part of <a href="/figures/drones-launched/">Drones launched</a>`, "Drones launched")
	// The index of series, most reported first, and the home page.
	r.contains("figures/index.html", `<a href="/figures/drones-launched/">Drones launched</a>`, `<td class="num" data-label="Latest">653 drones</td>`, `<td class="num" data-label="Values">3</td>`)
	if idx := r.file("figures/index.html"); strings.Index(idx, "Drones launched") > strings.Index(idx, "Drones intercepted") {
		t.Errorf("series not ordered by count")
	}
	r.contains("index.html", `<h2 id="highlights-title">Latest figures</h2>`, `<span class="value">653 drones</span>`)
}

func TestActorsAsData(t *testing.T) {
	r := buildSite(t, series).ok()
	// The actor page: timeline by month, who they appear with, figures.
	r.contains("actors/vladimir-putin/index.html",
		`<h3 class="month">December 2025</h3>`, `<h3 class="month">November 2025</h3>`,
		`<a href="/actors/volodymyr-zelenskyy/">Volodymyr Zelenskyy</a> <span class="count">2 briefings</span>`,
		`<a href="/figures/drones-launched/">Drones launched</a> <span class="count">3 briefings</span>`)
	// Sorting and filtering without JavaScript: pages of their own.
	r.contains("actors/by/count/index.html", "Vladimir Putin")
	if p := r.file("actors/by/count/index.html"); strings.Index(p, "Vladimir Putin") > strings.Index(p, "Volodymyr Zelenskyy") {
		t.Errorf("by count: Putin (3) should come before Zelenskyy (2)")
	}
	r.contains("actors/by/country/ukraine/index.html", "Volodymyr Zelenskyy")
	r.lacks("actors/by/country/ukraine/index.html", `<a href="/actors/vladimir-putin/">`)
	r.contains("actors/by/kind/person/index.html", "Volodymyr Zelenskyy", "Vladimir Putin")
	r.contains("actors/index.html", `<a href="/actors/by/country/russia/">Russia</a>`, `<a href="/actors/by/kind/person/">person</a>`)
	// Related briefings: shared actors count twice, then the newest.
	p := r.file("2025/11/n1/index.html")
	rel := p[strings.Index(p, "Related briefings"):]
	if strings.Index(rel, "Night three") > strings.Index(rel, "Night two") {
		t.Errorf("related: Night three (2 actors, 1 tag) should rank above Night two (1 actor):\n%s", rel)
	}
}

// The exports parse back to what the briefings say.
func TestDataExportsRoundTrip(t *testing.T) {
	r := buildSite(t, series).ok()
	var b struct {
		SchemaVersion int
		Briefings     []struct {
			URL, Source, Title, Date string
			Actors, Tags             []string
			Figures                  []struct {
				Key, Label, Unit, Of string
				Value                float64
			}
		}
	}
	if err := json.Unmarshal([]byte(r.file("data/briefings.json")), &b); err != nil {
		t.Fatal(err)
	}
	if b.SchemaVersion != 2 || len(b.Briefings) != 3 {
		t.Fatalf("briefings.json: version %d, %d briefings", b.SchemaVersion, len(b.Briefings))
	}
	n2 := b.Briefings[1]
	if n2.URL != "https://example.org/2025/12/n2/" || n2.Source != "content/n2.md" || n2.Title != "Night two" || n2.Date != "2025-12-05T00:00:00Z" ||
		strings.Join(n2.Actors, ",") != "Vladimir Putin" || strings.Join(n2.Tags, ",") != "energy" || len(n2.Figures) != 2 ||
		n2.Figures[1].Key != "drones-intercepted" || n2.Figures[1].Value != 585 || n2.Figures[1].Of != "drones-launched" || n2.Figures[1].Unit != "drones" {
		t.Errorf("briefings.json second briefing = %+v", n2)
	}
	rows, err := csv.NewReader(strings.NewReader(r.file("data/figures.csv"))).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if len(rows) != 6 || strings.Join(rows[0], ",") != "date,briefing_url,key,label,value,unit,of,by,qualifier,period_start,period_end,note" ||
		strings.Join(rows[2], ",") != "2025-11-27T00:00:00Z,https://example.org/2025/11/n1/,drones-intercepted,Drones intercepted,600,drones,drones-launched,,exactly,2025-11-27,2025-11-27," ||
		rows[5][0] != "2025-12-20T00:00:00Z" {
		t.Errorf("figures.csv = %q", rows)
	}
	var a struct {
		SchemaVersion int
		Actors        []struct {
			Name, Kind, Country, First, Last string
			Count                            int
			Together                         []struct {
				Name  string
				Count int
			}
		}
	}
	if err := json.Unmarshal([]byte(r.file("data/actors.json")), &a); err != nil {
		t.Fatal(err)
	}
	if a.SchemaVersion != 2 || len(a.Actors) != 2 {
		t.Fatalf("actors.json = %+v", a)
	}
	putin := a.Actors[0]
	if putin.Name != "Vladimir Putin" || putin.Count != 3 || putin.Country != "Russia" || putin.First != "2025-11-27" || putin.Last != "2025-12-20" ||
		len(putin.Together) != 1 || putin.Together[0].Name != "Volodymyr Zelenskyy" || putin.Together[0].Count != 2 {
		t.Errorf("actors.json Putin = %+v", putin)
	}
}

// A part larger than its whole is an error, unless a qualifier allows it:
// the part at most or about its value, or the whole at least or about.
func TestPartLargerThanWholeIsAnErrorUnlessQualified(t *testing.T) {
	site := func(part, whole string) string {
		return `
-- content/a.md --
---
title: A
date: 2025-01-01
figures:
  - {label: Drones launched, value: 10, unit: drones` + whole + `}
  - {label: Drones intercepted, value: 12, unit: drones, of: Drones launched` + part + `}
---
`
	}
	r := buildSite(t, site("", ""))
	r.reports(`content/a.md:6:5: figure "Drones intercepted" (12) is larger than "Drones launched" (10), which it is part of: check the numbers, or say qualifier: at most or about`)
	if r.diags.Err() == nil {
		t.Errorf("no error")
	}
	if r := buildSite(t, site(", qualifier: at least", "")); r.diags.Err() == nil {
		t.Errorf("at least 12 of 10: no error")
	}
	for _, q := range [][2]string{{", qualifier: about", ""}, {", qualifier: at most", ""}, {"", ", qualifier: at least"}, {"", ", qualifier: about"}} {
		r := buildSite(t, site(q[0], q[1])).ok()
		if q[1] == "" {
			r.contains("2025/01/a/index.html", `<td class="num" data-label="Value">`+strings.TrimPrefix(q[0], ", qualifier: ")+" 12</td>")
		}
	}
}

// A change between decimal values is rounded to their decimals: 0.3 - 0.1
// is +0.2, not +0.19999999999999998.
func TestChangeIsRounded(t *testing.T) {
	r := buildSite(t, `
-- content/a.md --
---
title: A
date: 2025-01-01
figures:
  - {label: Rate, value: 0.1, unit: percent}
---
-- content/b.md --
---
title: B
date: 2025-01-02
figures:
  - {label: Rate, value: 0.3, unit: percent}
---
`).ok()
	r.contains("2025/01/b/index.html", `<td data-label="Change">&#43;0.2 vs <a href="/2025/01/a/">1 Jan</a></td>`)
}
