package render

import (
	"bytes"
	"encoding/json"
	"math"
	"math/rand/v2"
	"testing"
)

// TestExportsMatchEncodingJSON checks the hand-written JSON of the data
// exports against encoding/json, with the settings the exports had when
// encoding/json wrote them, on items with every character JSON escapes,
// numbers from tiny to huge, empty and omitted fields.
func TestExportsMatchEncodingJSON(t *testing.T) {
	rng := rand.New(rand.NewPCG(5, 6))
	pieces := []string{"", "a", "Київ", "\"", "\\", "\n", "\r", "\t", "\b", "\f", "\x00", "\x1f", "\x7f", "<&>", "\u2028", "\u2029", "\xff", "\xe2\x80", "日本", "'"}
	str := func() string {
		s := ""
		for range rng.IntN(4) {
			s += pieces[rng.IntN(len(pieces))]
		}
		return s
	}
	strs := func() []string {
		out := []string{}
		for range rng.IntN(3) {
			out = append(out, str())
		}
		return out
	}
	numbers := []float64{0, 1, -1, 585, 0.1, 1e-6, 9.99e-7, 1e-7, 1e20, 1e21, 1.5e300, -3.5, 123456789.125, math.SmallestNonzeroFloat64, math.MaxFloat64, 1e-10}
	want := func(v any) []byte {
		var buf bytes.Buffer
		enc := json.NewEncoder(&buf)
		enc.SetEscapeHTML(false)
		enc.SetIndent("  ", " ")
		if err := enc.Encode(v); err != nil {
			t.Fatal(err)
		}
		return bytes.TrimSuffix(buf.Bytes(), []byte("\n"))
	}
	for range 3000 {
		b := dataBriefing{URL: str(), Source: str(), Title: str(), Date: str(), Updated: str(), Summary: str(), Location: str(),
			Actors: strs(), Tags: strs(), Figures: []dataFigure{}, Sources: []dataSource{}}
		for range rng.IntN(3) {
			v := numbers[rng.IntN(len(numbers))]
			if rng.IntN(2) == 0 {
				v = rng.NormFloat64() * math.Pow(10, float64(rng.IntN(40)-20))
			}
			b.Figures = append(b.Figures, dataFigure{Key: str(), Label: str(), Value: v, Unit: str(), Of: str()})
		}
		for range rng.IntN(3) {
			b.Sources = append(b.Sources, dataSource{Title: str(), URL: str()})
		}
		if got, w := b.appendJSON(nil), want(b); !bytes.Equal(got, w) {
			t.Fatalf("briefing:\n%s\nwant\n%s", got, w)
		}
		a := dataActor{Name: str(), URL: str(), Count: rng.IntN(1000) - 10, Kind: str(), Country: str(), Role: str(),
			Aliases: strs(), First: str(), Last: str(), Together: []dataTogether{}}
		for range rng.IntN(3) {
			a.Together = append(a.Together, dataTogether{Name: str(), Count: rng.IntN(50)})
		}
		if got, w := a.appendJSON(nil), want(a); !bytes.Equal(got, w) {
			t.Fatalf("actor:\n%s\nwant\n%s", got, w)
		}
	}
}
