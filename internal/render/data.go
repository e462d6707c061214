package render

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"sort"
	"strconv"
	"time"

	"brief/internal/parallel"
	"brief/internal/site"
)

// The content as data, for readers who want the numbers.
const (
	DataBriefings = "data/briefings.json"
	DataFigures   = "data/figures.csv"
	DataActors    = "data/actors.json"
	// schemaVersion changes when a field of the JSON files changes meaning
	// or is removed; fields may be added without changing it.
	schemaVersion = 1
)

type dataFigure struct {
	Key   string  `json:"key"`
	Label string  `json:"label"`
	Value float64 `json:"value"`
	Unit  string  `json:"unit,omitempty"`
	Of    string  `json:"of,omitempty"`
}

type dataSource struct {
	Title string `json:"title,omitempty"`
	URL   string `json:"url,omitempty"`
}

type dataBriefing struct {
	URL      string       `json:"url"`
	Source   string       `json:"source"`
	Title    string       `json:"title"`
	Date     string       `json:"date"`
	Updated  string       `json:"updated,omitempty"`
	Summary  string       `json:"summary"`
	Location string       `json:"location,omitempty"`
	Actors   []string     `json:"actors"`
	Tags     []string     `json:"tags"`
	Figures  []dataFigure `json:"figures"`
	Sources  []dataSource `json:"sources"`
}

// briefingsJSON lists every published briefing, newest first.
func briefingsJSON(s *site.Site) []byte {
	return marshalList(s.BaseURL, "briefings", len(s.Entries), func(i int) any {
		e := s.Entries[i]
		b := dataBriefing{URL: e.Permalink, Source: e.Path, Title: e.Title, Date: e.DateISO, Updated: e.UpdatedISO,
			Summary: e.Summary, Location: e.Location, Actors: names(e.Actors), Tags: names(e.Tags),
			Figures: []dataFigure{}, Sources: []dataSource{}}
		for _, f := range e.Figures {
			b.Figures = append(b.Figures, dataFigure{Key: f.Key, Label: f.Label, Value: f.Figure.Value, Unit: f.Unit, Of: f.Of})
		}
		for _, src := range e.Sources {
			b.Sources = append(b.Sources, dataSource{Title: src.Title, URL: src.URL})
		}
		return b
	})
}

func names(terms []*site.Term) []string {
	out := make([]string, len(terms))
	for i, t := range terms {
		out[i] = t.Name
	}
	return out
}

// figuresCSV lists every figure value in long format, one row per value:
// oldest first, then by briefing URL and key.
func figuresCSV(s *site.Site) []byte {
	var buf bytes.Buffer
	w := csv.NewWriter(&buf)
	w.Write([]string{"date", "briefing_url", "key", "label", "value", "unit", "of"})
	for i := len(s.Entries) - 1; i >= 0; i-- {
		e := s.Entries[i]
		for _, f := range e.Figures {
			w.Write([]string{e.DateISO, e.Permalink, f.Key, f.Label, strconv.FormatFloat(f.Figure.Value, 'f', -1, 64), f.Unit, f.Of})
		}
	}
	w.Flush()
	return buf.Bytes()
}

type dataActor struct {
	Name     string         `json:"name"`
	URL      string         `json:"url"`
	Count    int            `json:"count"`
	Kind     string         `json:"kind,omitempty"`
	Country  string         `json:"country,omitempty"`
	Role     string         `json:"role,omitempty"`
	Aliases  []string       `json:"aliases"`
	First    string         `json:"first"`
	Last     string         `json:"last"`
	Together []dataTogether `json:"together"`
}

type dataTogether struct {
	Name  string `json:"name"`
	Count int    `json:"count"`
}

// actorsJSON lists every actor with their counts and how often they appear
// with each other actor.
func actorsJSON(s *site.Site) []byte {
	return marshalList(s.BaseURL, "actors", len(s.Actors.Terms), func(i int) any {
		t := s.Actors.Terms[i]
		a := dataActor{Name: t.Name, URL: s.Abs(t.URL), Count: t.Count(), Aliases: []string{}, Together: []dataTogether{}}
		if p := t.Actor; p != nil {
			a.Kind, a.Country, a.Role = p.Kind, p.Country, p.Role
			a.Aliases = append(a.Aliases, p.Aliases...)
		}
		if n := len(t.Entries); n > 0 {
			a.Last, a.First = t.Entries[0].Date.Format(time.DateOnly), t.Entries[n-1].Date.Format(time.DateOnly)
		}
		counts := map[*site.Term]int{}
		for _, e := range t.Entries {
			for _, o := range e.Actors {
				if o != t {
					counts[o]++
				}
			}
		}
		for o, n := range counts {
			a.Together = append(a.Together, dataTogether{Name: o.Name, Count: n})
		}
		sort.Slice(a.Together, func(i, j int) bool {
			if a.Together[i].Count != a.Together[j].Count {
				return a.Together[i].Count > a.Together[j].Count
			}
			return a.Together[i].Name < a.Together[j].Name
		})
		return a
	})
}

// marshalList returns the JSON document {"schemaVersion", "site", list: [...]}
// indented by one space, with the n items of the list, item(i) each, encoded
// on every core.
func marshalList(siteURL, list string, n int, item func(i int) any) []byte {
	items := make([][]byte, n)
	parallel.For(n, func(_, i int) {
		var buf bytes.Buffer
		enc := json.NewEncoder(&buf)
		enc.SetEscapeHTML(false)
		enc.SetIndent("  ", " ")
		enc.Encode(item(i))
		items[i] = bytes.TrimSuffix(buf.Bytes(), []byte("\n"))
	})
	head := marshal(struct {
		SchemaVersion int    `json:"schemaVersion"`
		Site          string `json:"site"`
	}{schemaVersion, siteURL})
	size := len(head) + len(list) + 16
	for _, b := range items {
		size += len(b) + 4
	}
	out := make([]byte, 0, size)
	out = append(out, bytes.TrimSuffix(head, []byte("\n}\n"))...)
	out = append(out, ",\n \""...)
	out = append(out, list...)
	out = append(out, "\": ["...)
	for i, b := range items {
		if i > 0 {
			out = append(out, ',')
		}
		out = append(out, "\n  "...)
		out = append(out, b...)
	}
	if n > 0 {
		out = append(out, "\n "...)
	}
	return append(out, "]\n}\n"...)
}

func marshal(v any) []byte {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", " ")
	enc.Encode(v)
	return buf.Bytes()
}
