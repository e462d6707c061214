package cache

import (
	"math/rand/v2"
	"os"
	"path/filepath"
	"reflect"
	"testing"
	"time"

	"github.com/brief-ssg/brief/internal/briefing"
	"github.com/brief-ssg/brief/internal/source"
	"github.com/brief-ssg/brief/internal/wire"
)

// fill sets every field reachable from v to a random value, so that a
// field the codec forgets shows up as a difference. Lists are empty (nil)
// or up to three long; times are instants in loc, or zero.
func fill(rng *rand.Rand, v reflect.Value, loc *time.Location) {
	if v.Type() == reflect.TypeFor[time.Time]() {
		if rng.IntN(4) > 0 {
			v.Set(reflect.ValueOf(time.Unix(rng.Int64N(1<<40)-1<<39, rng.Int64N(1e9)).In(loc)))
		}
		return
	}
	switch v.Kind() {
	case reflect.String:
		pieces := []string{"", "a", "Київ", "\x00", "\"", "brief-link:0", "日本", "\xff"}
		s := ""
		for range rng.IntN(4) {
			s += pieces[rng.IntN(len(pieces))]
		}
		v.SetString(s)
	case reflect.Int, reflect.Int64:
		v.SetInt(rng.Int64() - 1<<62)
	case reflect.Uint64, reflect.Uint8:
		v.SetUint(rng.Uint64() & (1<<(8*v.Type().Size()) - 1))
	case reflect.Bool:
		v.SetBool(rng.IntN(2) == 1)
	case reflect.Float64:
		v.SetFloat(rng.NormFloat64() * 1e6)
	case reflect.Slice:
		n := rng.IntN(4)
		if n == 0 {
			return
		}
		v.Set(reflect.MakeSlice(v.Type(), n, n))
		for i := range n {
			fill(rng, v.Index(i), loc)
		}
	case reflect.Array:
		for i := range v.Len() {
			fill(rng, v.Index(i), loc)
		}
	case reflect.Struct:
		for i := range v.NumField() {
			fill(rng, v.Field(i), loc)
		}
	case reflect.Pointer:
		v.Set(reflect.New(v.Type().Elem()))
		fill(rng, v.Elem(), loc)
	default:
		panic("fill: no rule for " + v.Type().String())
	}
}

// randomSource makes a parsed file of a random kind with every field set.
func randomSource(rng *rand.Rand, loc *time.Location) *Source {
	s := &Source{}
	fill(rng, reflect.ValueOf(&s.Stamp).Elem(), loc)
	fill(rng, reflect.ValueOf(&s.Diags).Elem(), loc)
	fill(rng, reflect.ValueOf(&s.Front).Elem(), loc)
	switch rng.IntN(4) {
	case 0:
		s.Item.Briefing = new(briefing.Briefing)
		fill(rng, reflect.ValueOf(s.Item.Briefing).Elem(), loc)
	case 1:
		s.Item.Actor = new(briefing.ActorProfile)
		fill(rng, reflect.ValueOf(s.Item.Actor).Elem(), loc)
	case 2:
		s.Item.Tag = new(briefing.TagProfile)
		fill(rng, reflect.ValueOf(s.Item.Tag).Elem(), loc)
	}
	return s
}

// TestCodecRoundTrip writes random parsed files, every field of every kind
// set, and reads them back equal.
func TestCodecRoundTrip(t *testing.T) {
	loc, err := time.LoadLocation("Europe/Kyiv")
	if err != nil {
		t.Skip("no time zone database:", err)
	}
	rng := rand.New(rand.NewPCG(1, 2))
	for i := range 2000 {
		want := randomSource(rng, loc)
		var e encoder
		e.source(want)
		d := &decoder{wire.Decoder{Data: string(e.B)}}
		got := d.source(loc)
		if d.Bad || d.Off != len(d.Data) {
			t.Fatalf("source %d: read %d of %d bytes, bad=%v", i, d.Off, len(d.Data), d.Bad)
		}
		if !reflect.DeepEqual(got, want) {
			t.Fatalf("source %d read back differently:\n got %#v\nwant %#v", i, got, want)
		}
	}
}

// TestFrontOf: a briefing's front sum ignores what its body gives (the
// Markdown, the HTML and its sum, its links, the summary) and changes with
// every other field; a profile's changes with its body too.
func TestFrontOf(t *testing.T) {
	loc := time.UTC
	rng := rand.New(rand.NewPCG(3, 4))
	body := map[string]bool{"Body": true, "BodyLine": true, "HTML": true, "HTMLSum": true, "Links": true, "Summary": true}
	for range 200 {
		b := new(briefing.Briefing)
		fill(rng, reflect.ValueOf(b).Elem(), loc)
		sum := FrontOf(source.Item{Briefing: b})
		v := reflect.ValueOf(b).Elem()
		for i := range v.NumField() {
			c := *b
			f := reflect.ValueOf(&c).Elem().Field(i)
			name := v.Type().Field(i).Name
			for reflect.DeepEqual(f.Interface(), v.Field(i).Interface()) {
				fill(rng, f, loc)
			}
			if changed := FrontOf(source.Item{Briefing: &c}) != sum; changed == body[name] {
				t.Fatalf("%s changed: the front sum changed %v, want %v", name, changed, !body[name])
			}
		}
	}
	a := &briefing.ActorProfile{Name: "Rustem Umerov", HTML: "<p>Secretary.</p>"}
	other := *a
	other.HTML = "<p>Minister.</p>"
	if FrontOf(source.Item{Actor: a}) == FrontOf(source.Item{Actor: &other}) {
		t.Error("a profile's front sum does not change with its body")
	}
}

// TestCodecRefusesDamage cuts and corrupts encoded files: the decoder
// notices, never panics, and a damaged shard on disk reads as empty.
func TestCodecRefusesDamage(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 4))
	var e encoder
	for range 20 {
		e.source(randomSource(rng, time.UTC))
	}
	for cut := range len(e.B) {
		d := &decoder{wire.Decoder{Data: string(e.B[:cut])}}
		for !d.Bad && d.Off < len(d.Data) {
			d.source(time.UTC)
		}
		if !d.Bad && d.Off != cut {
			t.Fatalf("cut at %d: read to %d without noticing", cut, d.Off)
		}
	}
	for range 2000 {
		b := append([]byte(nil), e.B...)
		b[rng.IntN(len(b))] ^= byte(1 + rng.IntN(255))
		d := &decoder{wire.Decoder{Data: string(b)}}
		for !d.Bad && d.Off < len(d.Data) {
			d.source(time.UTC)
		}
	}

	dir := t.TempDir()
	c := Open(dir, "key")
	c.Replace(map[string]*Source{"content/a.md": randomSource(rng, time.UTC), "content/b.md": randomSource(rng, time.UTC)})
	if err := c.Save(); err != nil {
		t.Fatal(err)
	}
	if got := len(Open(dir, "key").Sources(time.UTC)); got != 2 {
		t.Fatalf("saved 2 files, read back %d", got)
	}
	shards, _ := filepath.Glob(filepath.Join(dir, "sources-*"))
	for _, p := range shards {
		b, _ := os.ReadFile(p)
		b[len(b)/2] ^= 1
		os.WriteFile(p, b, 0o644)
	}
	if got := len(Open(dir, "key").Sources(time.UTC)); got != 0 {
		t.Fatalf("damaged shards gave %d files, want none", got)
	}
	if got := len(Open(dir, "other key").Sources(time.UTC)); got != 0 {
		t.Fatalf("a cache for another key gave %d files, want none", got)
	}
}
