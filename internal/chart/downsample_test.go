package chart

import (
	"reflect"
	"testing"
	"time"
)

// wave is n hourly points with a deterministic wiggle, a spike up at spikeUp
// and one down at spikeDown.
func wave(n, spikeUp, spikeDown int) []Point {
	pts := make([]Point, n)
	seed := uint32(1)
	t0 := day(2024, 1, 1)
	for i := range pts {
		seed = seed*1664525 + 1013904223
		v := 300 + float64(i%500)/5 + float64(seed>>24)
		switch i {
		case spikeUp:
			v = 5000
		case spikeDown:
			v = -200
		}
		pts[i] = Point{Time: t0.Add(time.Duration(i) * time.Hour), Value: v}
	}
	return pts
}

func TestDownsampleKeepsEndsAndExtremes(t *testing.T) {
	in := wave(1000, 777, 123)
	// Shuffle deterministically: Downsample sorts by time itself.
	for i := range in {
		j := (i * 7919) % len(in)
		in[i], in[j] = in[j], in[i]
	}
	orig := append([]Point(nil), in...)
	for _, max := range []int{2, 3, 4, 5, 10, 50, 400, 999} {
		got := Downsample(in, max)
		if !reflect.DeepEqual(in, orig) {
			t.Fatalf("Downsample(_, %d) changed its input", max)
		}
		if len(got) > max {
			t.Errorf("Downsample(_, %d) kept %d points", max, len(got))
		}
		sorted := append([]Point(nil), orig...)
		sortByTime(sorted)
		if got[0] != sorted[0] || got[len(got)-1] != sorted[len(sorted)-1] {
			t.Errorf("Downsample(_, %d) lost the first or last point", max)
		}
		for i := 1; i < len(got); i++ {
			if !got[i].Time.After(got[i-1].Time) {
				t.Errorf("Downsample(_, %d): points out of time order or repeated at %d", max, i)
			}
		}
		if max >= 4 {
			var hasUp, hasDown bool
			for _, p := range got {
				hasUp = hasUp || p.Value == 5000
				hasDown = hasDown || p.Value == -200
			}
			if !hasUp || !hasDown {
				t.Errorf("Downsample(_, %d) lost a spike (up %v, down %v)", max, hasUp, hasDown)
			}
		}
	}
}

func TestDownsampleShortInput(t *testing.T) {
	in := []Point{{Time: day(2025, 1, 3), Value: 3}, {Time: day(2025, 1, 1), Value: 1}, {Time: day(2025, 1, 2), Value: 2}}
	orig := append([]Point(nil), in...)
	got := Downsample(in, 10)
	want := []Point{orig[1], orig[2], orig[0]}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("Downsample short = %v, want %v", got, want)
	}
	if !reflect.DeepEqual(in, orig) {
		t.Error("Downsample changed its input")
	}
	got[0].Value = 99
	if in[1].Value != 1 {
		t.Error("Downsample returned the input's backing array")
	}
	if got := Downsample(in, 0); len(got) != 3 {
		t.Errorf("Downsample(_, 0) = %d points, want all", len(got))
	}
	if got := Downsample(in, 1); len(got) != 1 || got[0] != orig[1] {
		t.Errorf("Downsample(_, 1) = %v, want the first", got)
	}
	if got := Downsample(nil, 5); len(got) != 0 {
		t.Errorf("Downsample(nil) = %v", got)
	}
}

func TestDownsampleSameTime(t *testing.T) {
	in := make([]Point, 100)
	for i := range in {
		in[i] = Point{Time: day(2025, 1, 1), Value: float64(i % 17)}
	}
	in[40].Value = 1000
	got := Downsample(in, 10)
	if len(got) > 10 || got[0] != in[0] || got[len(got)-1] != in[99] {
		t.Fatalf("Downsample same time = %v", got)
	}
	found := false
	for _, p := range got {
		found = found || p.Value == 1000
	}
	if !found {
		t.Error("spike lost when all points share one time")
	}
}
