package render

import (
	"hash/fnv"
	"testing"
	"time"

	"github.com/brief-ssg/brief/internal/briefing"
	"github.com/brief-ssg/brief/internal/site"
)

// TestValueKeyIsFNV: the key of a series value is FNV-1a of its fields,
// each followed by a zero byte, and changes with any of them.
func TestValueKeyIsFNV(t *testing.T) {
	e := &site.Entry{Briefing: &briefing.Briefing{Title: "Strikes", Date: time.Date(2025, 12, 6, 0, 0, 0, 0, time.UTC)},
		URL: "/2025/12/strikes/", DateISO: "2025-12-06", DateText: "6 December 2025"}
	fv := &site.FigureView{ValueText: "653", Text: "653 drones", Change: "+12"}
	v := &site.SeriesValue{Entry: e, Figure: fv}
	h := fnv.New64a()
	for _, s := range []string{"653", "653 drones", "+12", "2025-12-06", "6 December 2025", "/2025/12/strikes/", "Strikes", "", "", "", "", "", "", "", "", "", "", ""} {
		h.Write([]byte(s))
		h.Write([]byte{0})
	}
	if got, want := valueKey(v), h.Sum64(); got != want {
		t.Fatalf("valueKey = %x, want %x", got, want)
	}
	before := valueKey(v)
	fv.Change = "+13"
	if valueKey(v) == before {
		t.Fatal("a new change keeps the key")
	}
}
