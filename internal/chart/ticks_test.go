package chart

import (
	"math"
	"reflect"
	"strconv"
	"strings"
	"testing"
	"time"
)

func day(y, m, d int) time.Time { return time.Date(y, time.Month(m), d, 0, 0, 0, 0, time.UTC) }

func TestValueTicksExamples(t *testing.T) {
	tests := []struct {
		min, max float64
		n        int
		want     []float64
	}{
		{0, 653, 5, []float64{0, 200, 400, 600, 800}},
		{0, 653, 8, []float64{0, 100, 200, 300, 400, 500, 600, 700}},
		{-3.5, 12, 5, []float64{-5, 0, 5, 10, 15}},
		{0, 0, 5, []float64{-1, -0.5, 0, 0.5, 1}},
		{653, 653, 5, []float64{550, 600, 650, 700, 750}},
		{0.001, 0.0012, 5, []float64{0.001, 0.00105, 0.0011, 0.00115, 0.0012}},
		{0, 1, 5, []float64{0, 0.25, 0.5, 0.75, 1}},
		{0.1, 0.7, 7, []float64{0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7}}, // no 0.30000000000000004
		{-12, -3, 4, nil}, // all negative: properties only
		{1e9, 1.5e9, 6, []float64{1e9, 1.1e9, 1.2e9, 1.3e9, 1.4e9, 1.5e9}},
		{12, -3.5, 5, []float64{-5, 0, 5, 10, 15}}, // reversed bounds
	}
	for _, tc := range tests {
		got := ValueTicks(tc.min, tc.max, tc.n)
		if len(tc.want) > 0 && !reflect.DeepEqual(got, tc.want) {
			t.Errorf("ValueTicks(%v, %v, %d) = %v, want %v", tc.min, tc.max, tc.n, got, tc.want)
		}
		checkValueTicks(t, tc.min, tc.max, tc.n, got)
	}
}

func TestValueTicksNonFinite(t *testing.T) {
	for _, r := range [][2]float64{{math.NaN(), 1}, {0, math.Inf(1)}, {math.Inf(-1), 0}} {
		if got := ValueTicks(r[0], r[1], 5); got != nil {
			t.Errorf("ValueTicks(%v, %v) = %v, want nil", r[0], r[1], got)
		}
	}
}

// TestValueTicksProperties checks many ranges: the ticks cover the range,
// use a 1, 2, 2.5 or 5 × 10^k step, are about n, include 0 when the range
// crosses it, and print without float noise.
func TestValueTicksProperties(t *testing.T) {
	bounds := []float64{-1e9, -653, -12, -3.5, -1, -0.001, 0, 0.001, 0.0012, 0.5, 1, 7, 12, 99.9, 100, 585, 653, 1e4, 123456, 1e9, 1.0000001e9}
	for _, a := range bounds {
		for _, b := range bounds {
			for _, n := range []int{2, 3, 5, 8} {
				checkValueTicks(t, a, b, n, ValueTicks(a, b, n))
			}
		}
	}
}

func checkValueTicks(t *testing.T, a, b float64, n int, ticks []float64) {
	t.Helper()
	lo, hi := math.Min(a, b), math.Max(a, b)
	if len(ticks) < 2 {
		t.Errorf("ValueTicks(%v, %v, %d) = %v: fewer than 2 ticks", a, b, n, ticks)
		return
	}
	if ticks[0] > lo || ticks[len(ticks)-1] < hi {
		t.Errorf("ValueTicks(%v, %v, %d) = %v: does not cover the range", a, b, n, ticks)
	}
	if lo == hi && !(ticks[0] < lo && ticks[len(ticks)-1] > hi) {
		t.Errorf("ValueTicks(%v, %v, %d) = %v: equal values not expanded around the value", a, b, n, ticks)
	}
	if len(ticks) > 2*n+2 {
		t.Errorf("ValueTicks(%v, %v, %d) = %v: too many ticks", a, b, n, ticks)
	}
	step := ticks[1] - ticks[0]
	mag := math.Pow(10, math.Floor(math.Log10(step)+1e-9))
	m := step / mag
	nice := false
	for _, want := range []float64{1, 2, 2.5, 5, 10} {
		nice = nice || math.Abs(m-want) < 1e-6
	}
	if !nice {
		t.Errorf("ValueTicks(%v, %v, %d) = %v: step %v is not 1, 2, 2.5 or 5 × 10^k", a, b, n, ticks, step)
	}
	zero := false
	for i, v := range ticks {
		zero = zero || v == 0
		if i > 0 && math.Abs((v-ticks[i-1])-step) > step*1e-6 {
			t.Errorf("ValueTicks(%v, %v, %d) = %v: uneven steps", a, b, n, ticks)
			break
		}
		// A step of d×10^k needs at most -k+1 decimals (2.5×10^k: one more than k).
		maxDec := max(0, 1-int(math.Floor(math.Log10(step)+1e-9)))
		if s := strconv.FormatFloat(v, 'f', -1, 64); strings.Contains(s, ".") && len(s)-strings.Index(s, ".")-1 > maxDec {
			t.Errorf("ValueTicks(%v, %v, %d): tick %s has float noise", a, b, n, s)
		}
	}
	if lo < 0 && hi > 0 && !zero {
		t.Errorf("ValueTicks(%v, %v, %d) = %v: crosses zero without a 0 tick", a, b, n, ticks)
	}
}

func labelsOf(ticks []TimeTick) []string {
	var out []string
	for _, t := range ticks {
		out = append(out, t.Label)
	}
	return out
}

func TestTimeTicks(t *testing.T) {
	tests := []struct {
		name     string
		from, to time.Time
		n        int
		want     []string
	}{
		{"three days: days", day(2025, 12, 6), day(2025, 12, 9), 6, []string{"6 Dec", "7 Dec", "8 Dec", "9 Dec"}},
		{"ten days: every other day", day(2025, 12, 6), day(2025, 12, 16), 6, []string{"6 Dec", "8 Dec", "10 Dec", "12 Dec", "14 Dec", "16 Dec"}},
		{"five weeks: Mondays", day(2025, 12, 3), day(2026, 1, 7), 6, []string{"8 Dec", "15 Dec", "22 Dec", "29 Dec", "5 Jan"}},
		{"five months: months", day(2025, 8, 20), day(2026, 1, 20), 6, []string{"Sep 2025", "Oct 2025", "Nov 2025", "Dec 2025", "Jan 2026"}},
		{"a year: quarters", day(2025, 1, 1), day(2025, 12, 31), 6, []string{"Jan 2025", "Apr 2025", "Jul 2025", "Oct 2025"}},
		{"two years: half years", day(2024, 1, 15), day(2026, 1, 15), 6, []string{"Jul 2024", "Jan 2025", "Jul 2025", "Jan 2026"}},
		{"two years, few ticks: years", day(2024, 1, 15), day(2026, 1, 15), 3, []string{"2025", "2026"}},
		{"thirty years: five years", day(1996, 3, 1), day(2026, 3, 1), 8, []string{"2000", "2005", "2010", "2015", "2020", "2025"}},
		{"within a day: one tick", day(2025, 12, 6).Add(9 * time.Hour), day(2025, 12, 6).Add(17 * time.Hour), 6, []string{"6 Dec"}},
		{"reversed", day(2025, 12, 9), day(2025, 12, 6), 6, []string{"6 Dec", "7 Dec", "8 Dec", "9 Dec"}},
	}
	for _, tc := range tests {
		got := TimeTicks(tc.from, tc.to, tc.n, nil)
		if !reflect.DeepEqual(labelsOf(got), tc.want) {
			t.Errorf("%s: TimeTicks(%s, %s, %d) = %q, want %q", tc.name, tc.from, tc.to, tc.n, labelsOf(got), tc.want)
		}
		from, to := tc.from, tc.to
		if to.Before(from) {
			from, to = to, from
		}
		for i, tk := range got {
			if tk.Time.Before(from) || tk.Time.After(to) {
				t.Errorf("%s: tick %s outside [%s, %s]", tc.name, tk.Time, from, to)
			}
			if i > 0 && !tk.Time.After(got[i-1].Time) {
				t.Errorf("%s: ticks not increasing", tc.name)
			}
		}
		if len(got) > tc.n {
			t.Errorf("%s: %d ticks, want at most %d", tc.name, len(got), tc.n)
		}
	}
}

func TestTimeTicksLocation(t *testing.T) {
	kyiv := time.FixedZone("EET", 2*3600)
	from := time.Date(2025, 12, 5, 22, 30, 0, 0, time.UTC) // 6 Dec 00:30 in kyiv
	to := time.Date(2025, 12, 8, 23, 0, 0, 0, time.UTC)    // 9 Dec 01:00 in kyiv
	got := TimeTicks(from, to, 6, kyiv)
	if want := []string{"7 Dec", "8 Dec", "9 Dec"}; !reflect.DeepEqual(labelsOf(got), want) {
		t.Fatalf("labels in EET = %q, want %q", labelsOf(got), want)
	}
	for _, tk := range got {
		if h, m, _ := tk.Time.In(kyiv).Clock(); h != 0 || m != 0 {
			t.Errorf("tick %s is not at local midnight", tk.Time)
		}
		if tk.Time.UTC().Hour() != 22 {
			t.Errorf("tick %s: want 22:00 UTC", tk.Time.UTC())
		}
	}
	if utc := labelsOf(TimeTicks(from, to, 6, time.UTC)); !reflect.DeepEqual(utc, []string{"6 Dec", "7 Dec", "8 Dec"}) {
		t.Errorf("labels in UTC = %q", utc)
	}
	// Month ticks at the local start of the month.
	m := TimeTicks(time.Date(2025, 1, 20, 0, 0, 0, 0, time.UTC), time.Date(2025, 5, 10, 0, 0, 0, 0, time.UTC), 6, kyiv)
	if len(m) == 0 || m[0].Label != "Feb 2025" || !m[0].Time.Equal(time.Date(2025, 1, 31, 22, 0, 0, 0, time.UTC)) {
		t.Errorf("month ticks in EET = %v", m)
	}
}
