package render

import (
	"testing"
	"time"

	"github.com/brief-ssg/brief/internal/briefing"
	"github.com/brief-ssg/brief/internal/site"
)

// TestByMonth: entries, newest first, are grouped by month under the
// month's heading, from the site's headings or, for a month they lack,
// made on the spot.
func TestByMonth(t *testing.T) {
	kyiv := time.FixedZone("EET", 2*3600)
	at := func(y int, m time.Month, d int) *site.Entry {
		return &site.Entry{Briefing: &briefing.Briefing{Date: time.Date(y, m, d, 23, 30, 0, 0, kyiv)}}
	}
	entries := []*site.Entry{at(2025, time.December, 1), at(2025, time.November, 30), at(2025, time.November, 2), at(999, time.January, 5)}
	month := func(m time.Month) *site.Month {
		return &site.Month{Year: 2025, Month: m, Name: site.MonthName(2025, m)}
	}
	s := &site.Site{Entries: entries[:3], Years: []*site.Year{{Year: 2025, Months: []*site.Month{month(time.December), month(time.November)}}}}
	titles := monthTitles(s)
	if len(titles) != 2 {
		t.Fatalf("monthTitles: %v", titles)
	}
	groups := byMonth(entries, titles)
	want := []struct {
		title string
		n     int
	}{{"December 2025", 1}, {"November 2025", 2}, {"January 0999", 1}}
	if len(groups) != len(want) {
		t.Fatalf("%d groups, want %d", len(groups), len(want))
	}
	for i, g := range groups {
		if g.Title != want[i].title || len(g.Entries) != want[i].n {
			t.Errorf("group %d: %q with %d entries, want %q with %d", i, g.Title, len(g.Entries), want[i].title, want[i].n)
		}
	}
	if groups[1].Entries[0] != entries[1] || groups[1].Entries[1] != entries[2] {
		t.Error("November holds the wrong entries")
	}
	if got := byMonth(nil, titles); len(got) != 0 {
		t.Errorf("no entries: %v", got)
	}
}
