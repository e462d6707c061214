package source

import (
	"testing"
	"time"
	_ "time/tzdata"

	"github.com/brief-ssg/brief/internal/briefing"
)

// TestFigureClaim reads who claims a figure, the period it describes (the
// briefing's day by default, in the site's zone), the qualifier and the
// note, in each front matter format.
func TestFigureClaim(t *testing.T) {
	kyiv, _ := time.LoadLocation("Europe/Kyiv")
	day := func(d int) time.Time { return time.Date(2025, 12, d, 0, 0, 0, 0, kyiv) }
	for name, src := range map[string]string{
		"yaml": "---\ntitle: T\ndate: 2025-12-06T23:30:00Z\nfigures:\n  - {label: Drones, value: 121, unit: drones, by: Russia, period: 2025-12-05/2025-12-06, qualifier: At  Least, note: Decoys.}\n  - {label: Other, value: 1}\n---\n",
		"toml": "+++\ntitle = \"T\"\ndate = 2025-12-06T23:30:00Z\n[[figures]]\nlabel = \"Drones\"\nvalue = 121\nunit = \"drones\"\nby = \"Russia\"\nperiod = \"2025-12-05/2025-12-06\"\nqualifier = \"at least\"\nnote = \"Decoys.\"\n[[figures]]\nlabel = \"Other\"\nvalue = 1\n+++\n",
		"json": "{\"title\": \"T\", \"date\": \"2025-12-06T23:30:00Z\", \"figures\": [{\"label\": \"Drones\", \"value\": 121, \"unit\": \"drones\", \"by\": \"Russia\", \"period\": \"2025-12-05/2025-12-06\", \"qualifier\": \"at least\", \"note\": \"Decoys.\"}, {\"label\": \"Other\", \"value\": 1, \"qualifier\": \"exactly\"}]}\n",
	} {
		b, diags := decode(t, src, kyiv)
		if diags.Err() != nil {
			t.Fatalf("%s: %v", name, diags)
		}
		f := b.Figures[0]
		if f.By != "Russia" || f.Qualifier != briefing.AtLeast || f.Note != "Decoys." || !f.Period.Equal(briefing.Period{Start: day(5), End: day(6)}) {
			t.Errorf("%s: figure = %+v", name, f)
		}
		// 23:30 UTC on the 6th is the 7th in Kyiv.
		if o := b.Figures[1]; o.By != "" || o.Qualifier != "" || !o.Period.Equal(briefing.Period{Start: day(7), End: day(7)}) {
			t.Errorf("%s: default claim = %+v", name, o)
		}
	}
}

// TestFigureClaimsPerPoint: one key may be given once for each claimant
// and period of a briefing, not twice for the same.
func TestFigureClaimsPerPoint(t *testing.T) {
	_, diags := decode(t, yamlBriefing("figures:\n  - {label: Drones, value: 653, by: Ukraine}\n  - {label: Drones, value: 121, by: Russia}\n  - {label: Drones, value: 600, by: ukraine}\n"), time.UTC)
	checkDiags(t, diags, want{"a.md:7:5", `figure "Drones" has the same key "drones" as the figure on line 5: give it its own key`})
}

// FuzzParsePeriod: any text either fails or gives a period that does not
// end before it starts.
func FuzzParsePeriod(f *testing.F) {
	for _, s := range []string{"2025-12-06", "2025-12-05/2025-12-06", "2025-12-06/2025-12-05", "/", "2025-02-30", " 2025-12-05 / 2025-12-06 "} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		p, err := ParsePeriod(s, time.UTC)
		if err == nil && p.End.Before(p.Start) {
			t.Errorf("ParsePeriod(%q) = %v, ends before it starts", s, p)
		}
	})
}
