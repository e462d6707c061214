package chart

import (
	"slices"
	"time"
)

// Downsample keeps at most max points: the first and last, and per bucket of
// the time range the points with the min and max value (so spikes survive).
// It never changes the input slice.
//
// The result is a new slice sorted by time (stable). The time range between
// the first and last point is cut into (max-2)/2 equal buckets; a bucket
// keeps its first lowest and first highest value, in time order, or nothing
// when empty, so the result can be shorter than max. When all points share
// one time, buckets are by position instead. max ≤ 0, or no more points than
// max, returns all points.
func Downsample(points []Point, max int) []Point {
	out := make([]Point, len(points))
	copy(out, points)
	sortByTime(out)
	n := len(out)
	if max <= 0 || n <= max {
		return out
	}
	if max == 1 {
		return out[:1:1]
	}
	res := make([]Point, 0, max)
	res = append(res, out[0])
	if nb := (max - 2) / 2; nb > 0 {
		inner := out[1 : n-1]
		t0 := out[0].Time
		span := seconds(out[n-1].Time, t0)
		lo := make([]int, nb)
		hi := make([]int, nb)
		for b := range lo {
			lo[b], hi[b] = -1, -1
		}
		for i, p := range inner {
			var b int
			if span > 0 {
				b = int(seconds(p.Time, t0) / span * float64(nb))
			} else {
				b = int(int64(i) * int64(nb) / int64(len(inner)))
			}
			if b >= nb {
				b = nb - 1
			}
			if b < 0 {
				b = 0
			}
			if lo[b] < 0 || p.Value < inner[lo[b]].Value {
				lo[b] = i
			}
			if hi[b] < 0 || p.Value > inner[hi[b]].Value {
				hi[b] = i
			}
		}
		for b := range lo {
			i, j := lo[b], hi[b]
			if i < 0 {
				continue
			}
			if i > j {
				i, j = j, i
			}
			res = append(res, inner[i])
			if j != i {
				res = append(res, inner[j])
			}
		}
	}
	return append(res, out[n-1])
}

// sortByTime sorts points by time, keeping the order of equal times.
func sortByTime(p []Point) {
	slices.SortStableFunc(p, func(a, b Point) int { return a.Time.Compare(b.Time) })
}

// seconds is t − t0 in seconds, without the ±292-year limit of Duration.
func seconds(t, t0 time.Time) float64 {
	return float64(t.Unix()-t0.Unix()) + float64(t.Nanosecond()-t0.Nanosecond())/1e9
}
