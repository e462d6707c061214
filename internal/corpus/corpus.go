// Package corpus generates synthetic briefing sites of any size for
// benchmarks and for trying brief at scale. The same seed and size always
// give the same files: briefings spread over past dates with bodies of about
// 450 words (headings, lists, a table, links, emphasis), 2–5 tags of 30, 2–7
// actors of 300 (some with profiles and aliases), 2–5 figures of 12 series
// with units and part-of relations, and sources.
package corpus

import (
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"time"
)

// Options describe a corpus.
type Options struct {
	Briefings int
	Seed      uint64
	// End is the date of the newest briefing; briefings go back from it,
	// several a day. Default: 2025-12-31.
	End time.Time
}

// series are the figure series: key, label, unit and the key it is part of.
var series = [12][4]string{
	{"drones-launched", "Drones launched", "drones", ""},
	{"drones-intercepted", "Drones intercepted", "drones", "drones-launched"},
	{"missiles-launched", "Missiles launched", "missiles", ""},
	{"missiles-intercepted", "Missiles intercepted", "missiles", "missiles-launched"},
	{"civilians-injured", "Civilians injured", "people", ""},
	{"civilians-killed", "Civilians killed", "people", ""},
	{"homes-without-power", "Homes without power", "homes", ""},
	{"homes-reconnected", "Homes reconnected", "homes", "homes-without-power"},
	{"prisoners-exchanged", "Prisoners exchanged", "people", ""},
	{"aid-pledged", "Aid pledged", "million EUR", ""},
	{"grain-exported", "Grain exported", "tonnes", ""},
	{"front-line-clashes", "Front-line clashes", "clashes", ""},
}

var words = strings.Fields(`the a talks delegation ministry statement officials said
overnight region city energy grid attack defence air interception drones missiles
negotiations framework security guarantees ceasefire proposal envoy meeting summit
sanctions exports grain corridor port infrastructure repair power outage shelter
civilians reported damage according to regional governor spokesperson confirmed
agreement draft points territorial questions reconstruction fund donors pledged aid
front line clashes units positions reported shelling artillery advance withdrawal
border crossing humanitarian convoy evacuation hospital school residential buildings`)

var tagNames = []string{"diplomacy", "peace-talks", "air-defence", "drones", "missiles", "energy",
	"sanctions", "grain", "humanitarian", "front-line", "prisoners", "reconstruction", "nato",
	"european-union", "united-nations", "security-guarantees", "territory", "ceasefire",
	"infrastructure", "civilians", "economy", "refugees", "black-sea", "nuclear-safety",
	"cyber", "intelligence", "weapons-aid", "elections", "corruption", "media"}

var firstNames = []string{"Olena", "Andriy", "Sofia", "John", "Pierre", "Ivan", "Laura", "Daniel", "Kateryna", "Tomas",
	"Ewa", "Lukas", "Oleksandr", "Sarah", "Piotr", "Hanna", "Viktor", "Yusuf", "Chen", "Amara"}
var lastNames = []string{"Kovalenko", "Smith", "Dubois", "Novak", "Schmidt", "Rossi", "Horvat", "Nielsen",
	"Bondarenko", "Garcia", "Kowalski", "Jensen", "Muller", "Petrenko", "Larsen"}

// actorName is the canonical name of actor i (300 of them).
func actorName(i int) string {
	return firstNames[i%len(firstNames)] + " " + lastNames[(i/len(firstNames))%len(lastNames)]
}

// alias is the other spelling of actor i: "Kovalenko, Olena".
func alias(i int) string {
	f := strings.Fields(actorName(i))
	return f[1] + ", " + f[0]
}

// Write generates the corpus into dir (a site root: content/ and brief.toml).
func Write(dir string, opt Options) error {
	if opt.End.IsZero() {
		opt.End = time.Date(2025, 12, 31, 18, 0, 0, 0, time.UTC)
	}
	rng := rand.New(rand.NewPCG(opt.Seed, opt.Seed^0x9e3779b97f4a7c15))
	if err := writeFile(dir, "brief.toml", "title = \"Synthetic briefings\"\nbaseURL = \"https://example.org/briefings/\"\ntimezone = \"Europe/Kyiv\"\npageSize = 20\n"); err != nil {
		return err
	}
	for i := 0; i < 300; i += 3 { // every third actor has a profile
		p := fmt.Sprintf("---\nname: %s\naliases: [\"%s\"]\nrole: Official number %d\ncountry: Ukraine\nkind: person\n---\nA synthetic actor.\n",
			actorName(i), alias(i), i)
		if err := writeFile(dir, fmt.Sprintf("content/actors/actor-%03d.md", i), p); err != nil {
			return err
		}
	}
	perDay := 3
	for i := range opt.Briefings {
		date := opt.End.Add(-time.Duration(i/perDay)*24*time.Hour - time.Duration(i%perDay)*5*time.Hour)
		name := fmt.Sprintf("content/%04d/%02d/%s-briefing-%06d.md", date.Year(), int(date.Month()), date.Format("2006-01-02"), i)
		if err := writeFile(dir, name, briefing(rng, i, date)); err != nil {
			return err
		}
	}
	return nil
}

func writeFile(dir, name, data string) error {
	p := filepath.Join(dir, filepath.FromSlash(name))
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		return err
	}
	return os.WriteFile(p, []byte(data), 0o644)
}

func sentence(rng *rand.Rand, n int) string {
	ws := make([]string, n)
	for i := range ws {
		ws[i] = words[rng.IntN(len(words))]
	}
	s := strings.Join(ws, " ")
	return strings.ToUpper(s[:1]) + s[1:] + "."
}

func pick(rng *rand.Rand, n, lo, hi int) []int {
	k := lo + rng.IntN(hi-lo+1)
	return rng.Perm(n)[:k]
}

func briefing(rng *rand.Rand, i int, date time.Time) string {
	var b strings.Builder
	fmt.Fprintf(&b, "---\ntitle: Briefing %d on %s\ndate: %s\n", i, words[rng.IntN(len(words))], date.Format(time.RFC3339))
	fmt.Fprintf(&b, "location: %s\n", []string{"Kyiv", "Miami", "Geneva", "Kharkiv", "Odesa", "Brussels"}[rng.IntN(6)])
	b.WriteString("tags:\n")
	for _, t := range pick(rng, len(tagNames), 2, 5) {
		fmt.Fprintf(&b, "  - %s\n", tagNames[t])
	}
	b.WriteString("actors:\n")
	for _, a := range pick(rng, 300, 2, 7) {
		name := actorName(a)
		if a%3 == 0 && rng.IntN(4) == 0 { // sometimes an alias
			name = alias(a)
		}
		fmt.Fprintf(&b, "  - %s\n", name)
	}
	b.WriteString("figures:\n")
	chosen := map[string]bool{}
	for _, s := range pick(rng, len(series), 2, 5) {
		chosen[series[s][0]] = true
	}
	values := map[string]int{}
	for _, s := range series { // in series order, wholes before parts
		if !chosen[s[0]] || s[3] != "" && !chosen[s[3]] {
			continue
		}
		v := 10 + rng.IntN(900)
		if s[3] != "" {
			v = rng.IntN(values[s[3]] + 1)
		}
		values[s[0]] = v
		fmt.Fprintf(&b, "  - key: %s\n    label: %s\n    value: %d\n    unit: %s\n", s[0], s[1], v, s[2])
		if s[3] != "" {
			fmt.Fprintf(&b, "    of: %s\n", s[3])
		}
	}
	fmt.Fprintf(&b, "sources:\n  - title: Source %d\n    url: https://example.org/source/%d\n---\n", i%97, i)
	// About 450 words.
	b.WriteString(sentence(rng, 20) + " " + sentence(rng, 18) + "\n\n")
	b.WriteString("## What happened\n\n")
	for range 3 {
		fmt.Fprintf(&b, "%s *%s* %s [details](https://example.org/d/%d). %s\n\n", sentence(rng, 25), words[rng.IntN(len(words))], sentence(rng, 15), rng.IntN(1000), sentence(rng, 20))
	}
	b.WriteString("- " + sentence(rng, 8) + "\n- **" + sentence(rng, 6) + "**\n- " + sentence(rng, 9) + "\n\n")
	b.WriteString("## Figures in context\n\n| Item | Value |\n|---|---|\n")
	for range 3 {
		fmt.Fprintf(&b, "| %s | %d |\n", words[rng.IntN(len(words))], rng.IntN(1000))
	}
	b.WriteString("\n" + sentence(rng, 30) + " " + sentence(rng, 25) + "\n\n")
	b.WriteString("## Outlook\n\n" + sentence(rng, 30) + " " + sentence(rng, 28) + " " + sentence(rng, 20) + "\n")
	return b.String()
}
