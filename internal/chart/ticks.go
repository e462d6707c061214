package chart

import (
	"math"
	"strconv"
	"strings"
	"time"
)

// ValueTicks returns "nice" round ticks (1, 2, 2.5, 5 × 10^k steps) covering
// [min, max], about n of them, including 0 when the range crosses zero.
//
// The first tick is ≤ min and the last ≥ max. Equal (or nearly equal) values
// get a range expanded around the value (±10 %, or ±1 around 0). n ≤ 1 means
// 5. Non-finite input gives nil.
func ValueTicks(min, max float64, n int) []float64 {
	t, _, _ := niceTicks(min, max, n)
	return t
}

// niceTicks is ValueTicks, also returning the step and the number of decimals
// the step needs.
func niceTicks(min, max float64, n int) (ticks []float64, step float64, dec int) {
	if !finite(min) || !finite(max) {
		return nil, 0, 0
	}
	if n <= 1 {
		n = 5
	}
	if n > 50 {
		n = 50
	}
	if min > max {
		min, max = max, min
	}
	min, max = expandRange(min, max)
	span := max - min
	if !finite(span) || span <= 0 {
		// Beyond float64 (±1e308 together): no sensible ticks.
		return nil, 0, 0
	}
	e := int(math.Floor(math.Log10(span / float64(n-1))))
	bestScore := math.Inf(1)
	var bestLo, bestHi int64
	for k := e - 1; k <= e+1; k++ {
		for _, m := range []string{"1", "2", "2.5", "5"} {
			s, err := strconv.ParseFloat(m+"e"+strconv.Itoa(k), 64)
			if err != nil || s == 0 || !finite(s) {
				continue
			}
			// The tolerance absorbs float error only (3.0000000000000004 → 3).
			lo := min / s
			lo = math.Floor(lo + math.Abs(lo)*1e-9)
			hi := max / s
			hi = math.Ceil(hi - math.Abs(hi)*1e-9)
			if hi < lo {
				hi = lo
			}
			count := hi - lo + 1
			if count > 1000 || !finite(lo) || !finite(hi) || math.Abs(lo) > 1<<52 || math.Abs(hi) > 1<<52 {
				continue
			}
			// About n ticks, and not much empty range beyond the data.
			waste := (hi-lo)*s/span - 1
			score := math.Abs(count-float64(n)) + 4*waste
			if score < bestScore {
				bestScore, step, bestLo, bestHi = score, s, int64(lo), int64(hi)
			}
		}
	}
	if step == 0 {
		return nil, 0, 0
	}
	dec = decimals(step)
	for i := bestLo; i <= bestHi; i++ {
		v := roundTo(float64(i)*step, dec)
		ticks = append(ticks, v)
	}
	return ticks, step, dec
}

// expandRange widens an empty or vanishing range around its value.
func expandRange(min, max float64) (float64, float64) {
	mag := math.Max(math.Abs(min), math.Abs(max))
	if max-min > mag*1e-9 {
		return min, max
	}
	mid := min/2 + max/2
	d := math.Abs(mid) * 0.1
	if d == 0 || !finite(mid+d) || !finite(mid-d) {
		d = 1
		if mag > 1 {
			d = mag * 0.1
		}
	}
	return mid - d, mid + d
}

// decimals is how many fraction digits the shortest form of v has.
func decimals(v float64) int {
	s := strconv.FormatFloat(math.Abs(v), 'f', -1, 64)
	if _, frac, ok := strings.Cut(s, "."); ok {
		return len(frac)
	}
	return 0
}

// roundTo rounds v to dec decimals through its decimal form, so 3×0.1 is 0.3.
func roundTo(v float64, dec int) float64 {
	r, err := strconv.ParseFloat(strconv.FormatFloat(v, 'f', dec, 64), 64)
	if err != nil || r == 0 {
		return 0 // also turns -0 into 0
	}
	return r
}

func finite(v float64) bool { return !math.IsNaN(v) && !math.IsInf(v, 0) }

// TimeTick is one labelled tick of a time axis.
type TimeTick struct {
	Time  time.Time
	Label string
}

type timeUnit int

const (
	unitDay timeUnit = iota
	unitWeek
	unitMonth
	unitYear
)

type interval struct {
	unit timeUnit
	step int
}

// TimeTicks returns readable ticks across [from, to]: years, quarters/months,
// weeks or days depending on the span, labelled ("2025", "Jan 2025", "6 Dec")
// in loc.
//
// It picks the finest of 1 day, 2 days, 1 week (Mondays), 2 weeks, 1 month,
// 1 quarter, 6 months, 1, 2, 5, 10, 20, 50 … years that gives at most n
// ticks, all at midnight or at the start of the period in loc and inside
// [from, to]. A span without any such boundary (less than a day) gets one
// tick at from. n ≤ 0 means 6; loc nil means UTC.
func TimeTicks(from, to time.Time, n int, loc *time.Location) []TimeTick {
	if loc == nil {
		loc = time.UTC
	}
	if n <= 0 {
		n = 6
	}
	if to.Before(from) {
		from, to = to, from
	}
	from, to = from.In(loc), to.In(loc)
	try := func(iv interval) ([]TimeTick, bool) {
		ticks, ok := genTicks(from, to, iv, n, loc)
		if ok && len(ticks) == 0 {
			return []TimeTick{{Time: from, Label: tickLabel(from, unitDay)}}, true
		}
		return ticks, ok
	}
	for _, iv := range []interval{
		{unitDay, 1}, {unitDay, 2}, {unitWeek, 1}, {unitWeek, 2},
		{unitMonth, 1}, {unitMonth, 3}, {unitMonth, 6},
	} {
		if t, ok := try(iv); ok {
			return t
		}
	}
	for p := 1; p <= 1e8; p *= 10 {
		for _, m := range []int{1, 2, 5} {
			if t, ok := try(interval{unitYear, m * p}); ok {
				return t
			}
		}
	}
	return []TimeTick{{Time: from, Label: tickLabel(from, unitYear)}}
}

// genTicks lists the boundaries of iv inside [from, to]; ok is false when
// there are more than n.
func genTicks(from, to time.Time, iv interval, n int, loc *time.Location) (out []TimeTick, ok bool) {
	y, m, d := from.Date()
	var at func(i int) time.Time
	switch iv.unit {
	case unitDay, unitWeek:
		cd := civilDay(y, m, d)
		if iv.unit == unitDay {
			cd -= floorMod(cd, int64(iv.step))
		} else {
			// Day 4 (5 January 1970) was a Monday.
			w := floorDiv(cd-4, 7)
			w -= floorMod(w, int64(iv.step))
			cd = 4 + 7*w
		}
		days := int64(iv.step)
		if iv.unit == unitWeek {
			days *= 7
		}
		at = func(i int) time.Time {
			yy, mm, dd := time.Unix((cd+int64(i)*days)*86400, 0).UTC().Date()
			return time.Date(yy, mm, dd, 0, 0, 0, 0, loc)
		}
	case unitMonth:
		mm := int(m) - 1
		mm -= int(floorMod(int64(mm), int64(iv.step)))
		at = func(i int) time.Time {
			return time.Date(y, time.Month(mm+1+i*iv.step), 1, 0, 0, 0, 0, loc)
		}
	default:
		y0 := y - int(floorMod(int64(y), int64(iv.step)))
		at = func(i int) time.Time {
			return time.Date(y0+i*iv.step, 1, 1, 0, 0, 0, 0, loc)
		}
	}
	for i := 0; ; i++ {
		t := at(i)
		if t.After(to) {
			return out, true
		}
		if t.Before(from) {
			if i > 3 { // cannot happen: the first boundary is ≤ from < the next
				return out, true
			}
			continue
		}
		out = append(out, TimeTick{Time: t, Label: tickLabel(t, iv.unit)})
		if len(out) > n {
			return nil, false
		}
	}
}

func tickLabel(t time.Time, u timeUnit) string {
	switch u {
	case unitYear:
		return strconv.Itoa(t.Year())
	case unitMonth:
		return t.Format("Jan") + " " + strconv.Itoa(t.Year())
	default:
		return t.Format("2 Jan")
	}
}

// civilDay is the number of days from 1 January 1970 to the date.
func civilDay(y int, m time.Month, d int) int64 {
	return time.Date(y, m, d, 0, 0, 0, 0, time.UTC).Unix() / 86400
}

func floorDiv(a, b int64) int64 {
	q := a / b
	if (a%b != 0) && ((a < 0) != (b < 0)) {
		q--
	}
	return q
}

func floorMod(a, b int64) int64 { return a - b*floorDiv(a, b) }
