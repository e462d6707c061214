package render

import (
	"bytes"
	"html/template"

	"github.com/brief-ssg/brief/internal/site"
)

// The parts of a figure that the default layouts and their native
// versions write alike: who claims it and when, its value with its
// qualifier and note, and how it relates to earlier values. Each is a
// template function ({{figureClaim .}} …) taking a site.FigureView or a
// pointer to one.

func figureView(v any) *site.FigureView {
	switch x := v.(type) {
	case site.FigureView:
		return &x
	case *site.FigureView:
		return x
	}
	return nil
}

func fragment(v any, write func(htmlWriter, *site.FigureView)) template.HTML {
	f := figureView(v)
	if f == nil {
		return ""
	}
	var b bytes.Buffer
	write(htmlWriter{&b}, f)
	return template.HTML(b.String())
}

// figureClaim is the line under a figure's label: who claims it and the
// period it describes, when either is more than the briefing says.
func figureClaim(v any) template.HTML { return fragment(v, writeClaim) }

func writeClaim(w htmlWriter, f *site.FigureView) {
	if f.By == "" && !f.OwnPeriod {
		return
	}
	w.WriteString(`<span class="claim">`)
	if f.By != "" {
		w.WriteString("by ")
		writeBy(w, f)
	}
	if f.OwnPeriod {
		if f.By != "" {
			w.WriteString(", ")
		}
		w.text(f.PeriodText)
	}
	w.WriteString("</span>")
}

// figureBy is who claims a figure, linked to the actor's page when there
// is one.
func figureBy(v any) template.HTML { return fragment(v, writeBy) }

func writeBy(w htmlWriter, f *site.FigureView) {
	if f.ByURL != "" {
		w.link(f.ByURL, f.By)
		return
	}
	w.text(f.By)
}

// figureValue is the value with its qualifier ("at least 121") and note.
func figureValue(v any) template.HTML { return fragment(v, writeValue) }

func writeValue(w htmlWriter, f *site.FigureView) {
	w.text(site.Qualified(f.Qualifier, f.ValueText))
	writeNote(w, f)
}

// figureText is the figure as a sentence gives it ("at least 121
// drones") with its note.
func figureText(v any) template.HTML { return fragment(v, writeText) }

func writeText(w htmlWriter, f *site.FigureView) {
	w.text(f.Text)
	writeNote(w, f)
}

func writeNote(w htmlWriter, f *site.FigureView) {
	if f.Note != "" {
		w.textIn(` <span class="note">`, f.Note, "</span>")
	}
}

// figureChange relates a value to earlier ones: a report again of a
// point ("also reported in …"), a revision ("revised from 635 to 653"),
// the change since the claimant's previous period ("+12 vs 4–5 Dec").
func figureChange(v any) template.HTML { return fragment(v, writeChange) }

func writeChange(w htmlWriter, f *site.FigureView) {
	if f.AlsoIn != "" {
		w.WriteString("also reported in ")
		w.link(f.AlsoURL, f.AlsoIn)
		return
	}
	if f.Revised != "" {
		w.text(f.Revised)
		w.WriteString(" (")
		w.link(f.RevisedURL, "earlier report")
		w.WriteString(")")
		if f.Change != "" {
			w.WriteString("; ")
		}
	}
	if f.Change != "" {
		w.text(f.Change)
		w.WriteString(" vs ")
		w.link(f.PrevURL, f.PrevDate)
	}
}
