package site

import (
	"html"
	"html/template"
	"strconv"
	"strings"

	"github.com/brief-ssg/brief/internal/briefing"
	"github.com/brief-ssg/brief/internal/diag"
	"github.com/brief-ssg/brief/internal/digest"
)

// fillFigures replaces the markers of inline figures and charts in every
// body, now that every figure and series is known.
func (s *Site) fillFigures(diags *diag.List) {
	for _, e := range s.Entries {
		if len(e.Refs) > 0 {
			e.HTML, e.HTMLSum = s.figureBody(e, e.HTML, e.Refs, diags)
		}
	}
}

// figureBody fills the references of one body: :fig[key] with the
// briefing's figure of that key as its table writes it, :chart[key] with
// the chart of that series. An unknown key is an error at the reference.
func (s *Site) figureBody(e *Entry, body template.HTML, refs []briefing.FigureRef, diags *diag.List) (template.HTML, [16]byte) {
	pairs := make([]string, 0, 2*len(refs))
	for i, r := range refs {
		marker := briefing.FigureMarker + strconv.Itoa(i) + briefing.FigureMarkerEnd
		pairs = append(pairs, marker, s.figureRef(e, r, diags))
	}
	out := strings.NewReplacer(pairs...).Replace(string(body))
	return template.HTML(out), digest.Of([]byte(out))
}

func (s *Site) figureRef(e *Entry, r briefing.FigureRef, diags *diag.List) string {
	if r.Chart {
		for _, sr := range s.Figures {
			if sr.Key == r.Key {
				if s.chart == nil {
					return ""
				}
				return `<figure class="chart">` + string(s.chart(sr)) + `</figure>`
			}
		}
		keys := make([]string, len(s.Figures))
		for i, sr := range s.Figures {
			keys[i] = sr.Key
		}
		diags.Errorf(r.Pos, "no figure series %q for :chart[%s]%s", r.Key, r.Key, known(keys))
		return ""
	}
	keys := make([]string, 0, len(e.Figures))
	for i := range e.Figures {
		f := &e.Figures[i]
		if f.Key == r.Key {
			return `<data class="figure" value="` + strconv.FormatFloat(f.Figure.Value, 'f', -1, 64) + `">` + html.EscapeString(f.Text) + `</data>`
		}
		keys = append(keys, f.Key)
	}
	diags.Errorf(r.Pos, "no figure %q in this briefing for :fig[%s]%s", r.Key, r.Key, known(keys))
	return ""
}

func known(keys []string) string {
	if len(keys) == 0 {
		return ": there are none; write \\:fig[ for the text itself"
	}
	return ": use one of " + strings.Join(keys, ", ")
}

// withSummary returns b, or a copy of it whose summary, taken from a first
// paragraph with inline figures, has them filled in as text.
func withSummary(b *briefing.Briefing, figs []FigureView) *briefing.Briefing {
	if !strings.Contains(b.Summary, briefing.FigureMarker) {
		return b
	}
	pairs := make([]string, 0, 2*len(b.Refs))
	for i, r := range b.Refs {
		text := ""
		for k := range figs {
			if figs[k].Key == r.Key && !r.Chart {
				text = figs[k].Text
				break
			}
		}
		pairs = append(pairs, briefing.FigureMarker+strconv.Itoa(i)+briefing.FigureMarkerEnd, text)
	}
	c := *b
	c.Summary = strings.Join(strings.Fields(strings.NewReplacer(pairs...).Replace(b.Summary)), " ")
	return &c
}
