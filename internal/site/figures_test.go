package site

import (
	"testing"
	"time"

	"github.com/brief-ssg/brief/internal/briefing"
)

// TestFormatNumber: thousands separators in the integer part, no more
// decimals than the value has, the sign kept.
func TestFormatNumber(t *testing.T) {
	for v, want := range map[float64]string{
		0: "0", 653: "653", 999: "999", 1000: "1,000", 1200: "1,200", -100: "-100", -3.5: "-3.5",
		0.001: "0.001", -1234567.25: "-1,234,567.25", 1e21: "1,000,000,000,000,000,000,000",
	} {
		if got := FormatNumber(v); got != want {
			t.Errorf("FormatNumber(%v) = %q, want %q", v, got, want)
		}
	}
}

// TestPeriodText: a day, days of one month, of two months, of two years.
func TestPeriodText(t *testing.T) {
	d := func(y, m, day int) time.Time { return time.Date(y, time.Month(m), day, 0, 0, 0, 0, time.UTC) }
	for _, c := range []struct {
		p    briefing.Period
		want string
	}{
		{briefing.Period{Start: d(2025, 12, 6), End: d(2025, 12, 6)}, "6 Dec 2025"},
		{briefing.Period{Start: d(2025, 12, 5), End: d(2025, 12, 6)}, "5–6 Dec 2025"},
		{briefing.Period{Start: d(2025, 11, 30), End: d(2025, 12, 1)}, "30 Nov – 1 Dec 2025"},
		{briefing.Period{Start: d(2025, 12, 31), End: d(2026, 1, 1)}, "31 Dec 2025 – 1 Jan 2026"},
	} {
		if got := PeriodText(c.p); got != c.want {
			t.Errorf("PeriodText(%v) = %q, want %q", c.p, got, c.want)
		}
	}
}

// TestQualifiers: how each qualifier reads in text and on a chart, and
// when a part larger than its whole is possible.
func TestQualifiers(t *testing.T) {
	for q, want := range map[string][2]string{"": {"121", ""}, briefing.AtLeast: {"at least 121", "≥ "}, briefing.AtMost: {"at most 121", "≤ "}, briefing.About: {"about 121", "≈ "}} {
		if got := Qualified(q, "121"); got != want[0] {
			t.Errorf("Qualified(%q) = %q, want %q", q, got, want[0])
		}
		if got := Symbol(q); got != want[1] {
			t.Errorf("Symbol(%q) = %q, want %q", q, got, want[1])
		}
	}
	part := func(q string) *briefing.Figure { return &briefing.Figure{Value: 12, Qualifier: q} }
	whole := func(q string) *briefing.Figure { return &briefing.Figure{Value: 10, Qualifier: q} }
	for _, c := range []struct {
		part, whole string
		want        bool
	}{
		{"", "", true}, {briefing.AtLeast, "", true}, {"", briefing.AtMost, true},
		{briefing.AtMost, "", false}, {briefing.About, "", false}, {"", briefing.AtLeast, false}, {"", briefing.About, false},
	} {
		if got := exceeds(part(c.part), whole(c.whole)); got != c.want {
			t.Errorf("exceeds(%q 12, %q 10) = %v, want %v", c.part, c.whole, got, c.want)
		}
	}
}

// TestSameWord: units that differ by case or number only.
func TestSameWord(t *testing.T) {
	for _, c := range []struct {
		a, b string
		want bool
	}{
		{"drone", "drones", true}, {"Drones", "drones", true}, {"missile", "Missiles", true}, {"box", "boxes", true},
		{"drones", "missiles", false}, {"people", "persons", false},
	} {
		if got := sameWord(c.a, c.b); got != c.want {
			t.Errorf("sameWord(%q, %q) = %v, want %v", c.a, c.b, got, c.want)
		}
	}
}
