package render

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"math"
	"strconv"
	"time"

	"github.com/brief-ssg/brief/internal/parallel"
	"github.com/brief-ssg/brief/internal/search"
	"github.com/brief-ssg/brief/internal/site"
)

// The content as data, for readers who want the numbers.
const (
	DataBriefings = "data/briefings.json"
	DataFigures   = "data/figures.csv"
	DataActors    = "data/actors.json"
	// schemaVersion changes when a field of the JSON files changes meaning
	// or is removed; fields may be added without changing it. Version 2:
	// figures are claims, with by, qualifier, period and note, and a unit
	// left out is its series'.
	schemaVersion = 2
)

type dataFigure struct {
	Key       string     `json:"key"`
	Label     string     `json:"label"`
	Value     float64    `json:"value"`
	Unit      string     `json:"unit,omitempty"`
	Of        string     `json:"of,omitempty"`
	By        string     `json:"by,omitempty"`
	Qualifier string     `json:"qualifier"`
	Period    dataPeriod `json:"period"`
	Note      string     `json:"note,omitempty"`
}

// dataPeriod is the first and last day a figure describes, YYYY-MM-DD.
type dataPeriod struct {
	Start string `json:"start"`
	End   string `json:"end"`
}

// figureData is a figure as the exports give it.
func figureData(f *site.FigureView) dataFigure {
	q := f.Qualifier
	if q == "" {
		q = "exactly"
	}
	return dataFigure{Key: f.Key, Label: f.Label, Value: f.Figure.Value, Unit: f.Unit, Of: f.Of, By: f.By, Qualifier: q,
		Period: dataPeriod{f.Period.Start.Format(time.DateOnly), f.Period.End.Format(time.DateOnly)}, Note: f.Note}
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
	return marshalList(s.BaseURL, "briefings", len(s.Entries), func(b []byte, i int) []byte {
		e := s.Entries[i]
		d := dataBriefing{URL: e.Permalink, Source: e.Path, Title: e.Title, Date: e.DateISO, Updated: e.UpdatedISO,
			Summary: e.Summary, Location: e.Location, Actors: names(e.Actors), Tags: names(e.Tags),
			Figures: make([]dataFigure, 0, len(e.Figures)), Sources: make([]dataSource, 0, len(e.Sources))}
		for i := range e.Figures {
			d.Figures = append(d.Figures, figureData(&e.Figures[i]))
		}
		for _, src := range e.Sources {
			d.Sources = append(d.Sources, dataSource{Title: src.Title, URL: src.URL})
		}
		return d.appendJSON(b)
	})
}

// appendJSON writes the briefing as encoding/json would, indented as an
// item of the list.
func (d *dataBriefing) appendJSON(b []byte) []byte {
	w := jsonObject{b: b, depth: 1}
	w.str("url", d.URL)
	w.str("source", d.Source)
	w.str("title", d.Title)
	w.str("date", d.Date)
	w.strOmitEmpty("updated", d.Updated)
	w.str("summary", d.Summary)
	w.strOmitEmpty("location", d.Location)
	w.strs("actors", d.Actors)
	w.strs("tags", d.Tags)
	w.list("figures", len(d.Figures), func(o *jsonObject, i int) {
		f := d.Figures[i]
		o.str("key", f.Key)
		o.str("label", f.Label)
		o.key("value")
		o.b = appendJSONFloat(o.b, f.Value)
		o.strOmitEmpty("unit", f.Unit)
		o.strOmitEmpty("of", f.Of)
		o.strOmitEmpty("by", f.By)
		o.str("qualifier", f.Qualifier)
		o.key("period")
		p := jsonObject{b: o.b, depth: o.depth + 1}
		p.str("start", f.Period.Start)
		p.str("end", f.Period.End)
		o.b = p.endAt(o.depth)
		o.strOmitEmpty("note", f.Note)
	})
	w.list("sources", len(d.Sources), func(o *jsonObject, i int) {
		o.strOmitEmpty("title", d.Sources[i].Title)
		o.strOmitEmpty("url", d.Sources[i].URL)
	})
	return w.end()
}

func names(terms []*site.Term) []string {
	out := make([]string, len(terms))
	for i, t := range terms {
		out[i] = t.Name
	}
	return out
}

// figuresCSV lists every figure in long format, one row per figure as
// reported in each briefing: oldest first, then by briefing URL and key.
func figuresCSV(s *site.Site) []byte {
	var buf bytes.Buffer
	w := csv.NewWriter(&buf)
	w.Write([]string{"date", "briefing_url", "key", "label", "value", "unit", "of", "by", "qualifier", "period_start", "period_end", "note"})
	for i := len(s.Entries) - 1; i >= 0; i-- {
		e := s.Entries[i]
		for k := range e.Figures {
			f := figureData(&e.Figures[k])
			w.Write([]string{e.DateISO, e.Permalink, f.Key, f.Label, strconv.FormatFloat(f.Value, 'f', -1, 64), f.Unit, f.Of,
				f.By, f.Qualifier, f.Period.Start, f.Period.End, f.Note})
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

// actorsJSON lists every actor with their counts and the actors they
// appear with most (site.TogetherCount), as on their page.
func actorsJSON(s *site.Site) []byte {
	return marshalList(s.BaseURL, "actors", len(s.Actors.Terms), func(b []byte, i int) []byte {
		t := s.Actors.Terms[i]
		a := dataActor{Name: t.Name, URL: s.Abs(t.URL), Count: t.Count(), Aliases: []string{}, Together: []dataTogether{}}
		if p := t.Actor; p != nil {
			a.Kind, a.Country, a.Role = p.Kind, p.Country, p.Role
			a.Aliases = append(a.Aliases, p.Aliases...)
		}
		if n := len(t.Entries); n > 0 {
			a.Last, a.First = t.Entries[0].Date.Format(time.DateOnly), t.Entries[n-1].Date.Format(time.DateOnly)
		}
		for _, o := range t.Together {
			a.Together = append(a.Together, dataTogether{Name: o.Term.Name, Count: o.Count})
		}
		return a.appendJSON(b)
	})
}

// appendJSON writes the actor as encoding/json would, indented as an item
// of the list.
func (a *dataActor) appendJSON(b []byte) []byte {
	w := jsonObject{b: b, depth: 1}
	w.str("name", a.Name)
	w.str("url", a.URL)
	w.int("count", a.Count)
	w.strOmitEmpty("kind", a.Kind)
	w.strOmitEmpty("country", a.Country)
	w.strOmitEmpty("role", a.Role)
	w.strs("aliases", a.Aliases)
	w.str("first", a.First)
	w.str("last", a.Last)
	w.list("together", len(a.Together), func(o *jsonObject, i int) {
		o.str("name", a.Together[i].Name)
		o.int("count", a.Together[i].Count)
	})
	return w.end()
}

// marshalList returns the JSON document {"schemaVersion", "site", list: [...]}
// indented by one space, with the n items of the list, appended by item
// each, made on every core in runs of consecutive items.
func marshalList(siteURL, list string, n int, item func(b []byte, i int) []byte) []byte {
	const run = 64
	runs := make([][]byte, (n+run-1)/run)
	scratch := make([][]byte, parallel.Workers())
	parallel.For(len(runs), func(w, r int) {
		b := scratch[w][:0]
		for i := r * run; i < min(n, (r+1)*run); i++ {
			if i > 0 {
				b = append(b, ',')
			}
			b = append(b, "\n  "...)
			b = item(b, i)
		}
		runs[r], scratch[w] = bytes.Clone(b), b
	})
	head := marshal(struct {
		SchemaVersion int    `json:"schemaVersion"`
		Site          string `json:"site"`
	}{schemaVersion, siteURL})
	size := len(head) + len(list) + 16
	for _, b := range runs {
		size += len(b)
	}
	out := make([]byte, 0, size)
	out = append(out, bytes.TrimSuffix(head, []byte("\n}\n"))...)
	out = append(out, ",\n \""...)
	out = append(out, list...)
	out = append(out, "\": ["...)
	for _, b := range runs {
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

// jsonObject writes a JSON object as json.Encoder does with SetIndent("  ",
// " ") and SetEscapeHTML(false), at a depth of nesting, a tenth as fast
// to make: the exports list every briefing.
type jsonObject struct {
	b     []byte
	depth int
	n     int // members written
}

func (o *jsonObject) newline(depth int) {
	o.b = append(o.b, "\n  "...)
	for range depth {
		o.b = append(o.b, ' ')
	}
}

func (o *jsonObject) key(k string) {
	if o.n == 0 {
		o.b = append(o.b, '{')
	} else {
		o.b = append(o.b, ',')
	}
	o.n++
	o.newline(o.depth)
	o.b = search.AppendJSONString(o.b, k)
	o.b = append(o.b, ": "...)
}

func (o *jsonObject) str(k, v string) {
	o.key(k)
	o.b = search.AppendJSONString(o.b, v)
}

func (o *jsonObject) strOmitEmpty(k, v string) {
	if v != "" {
		o.str(k, v)
	}
}

func (o *jsonObject) int(k string, v int) {
	o.key(k)
	o.b = strconv.AppendInt(o.b, int64(v), 10)
}

func (o *jsonObject) strs(k string, vs []string) {
	o.key(k)
	if len(vs) == 0 {
		o.b = append(o.b, "[]"...)
		return
	}
	o.b = append(o.b, '[')
	for i, v := range vs {
		if i > 0 {
			o.b = append(o.b, ',')
		}
		o.newline(o.depth + 1)
		o.b = search.AppendJSONString(o.b, v)
	}
	o.newline(o.depth)
	o.b = append(o.b, ']')
}

// list writes a list of n objects, each filled by item.
func (o *jsonObject) list(k string, n int, item func(o *jsonObject, i int)) {
	o.key(k)
	if n == 0 {
		o.b = append(o.b, "[]"...)
		return
	}
	o.b = append(o.b, '[')
	for i := range n {
		if i > 0 {
			o.b = append(o.b, ',')
		}
		o.newline(o.depth + 1)
		inner := jsonObject{b: o.b, depth: o.depth + 2}
		item(&inner, i)
		o.b = inner.endAt(o.depth + 1)
	}
	o.newline(o.depth)
	o.b = append(o.b, ']')
}

// end closes the object, which sits at depth-1.
func (o *jsonObject) end() []byte { return o.endAt(o.depth - 1) }

func (o *jsonObject) endAt(depth int) []byte {
	if o.n == 0 {
		return append(o.b, "{}"...)
	}
	o.newline(depth)
	return append(o.b, '}')
}

// appendJSONFloat writes a finite number as encoding/json does: like %g,
// with exponents only below 1e-6 and from 1e21.
func appendJSONFloat(b []byte, f float64) []byte {
	format := byte('f')
	if abs := math.Abs(f); abs != 0 && (abs < 1e-6 || abs >= 1e21) {
		format = 'e'
	}
	b = strconv.AppendFloat(b, f, format, -1, 64)
	if format == 'e' {
		// e-09 → e-9
		if n := len(b); n >= 4 && b[n-4] == 'e' && b[n-3] == '-' && b[n-2] == '0' {
			b[n-2] = b[n-1]
			b = b[:n-1]
		}
	}
	return b
}
