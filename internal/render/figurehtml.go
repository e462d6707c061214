package render

import (
	"bytes"
	"html/template"

	"github.com/brief-ssg/brief/internal/site"
)

// The parts of a figure that the default layouts and their native
// versions write alike: who claims it and when, its value with its
// qualifier and note, and how it relates to earlier values. Each is a
// template function ({{figureClaim .}} …, figureFunc) taking a
// site.FigureView or a pointer to one.

func figureView(v any) *site.FigureView {
	switch x := v.(type) {
	case site.FigureView:
		return &x
	case *site.FigureView:
		return x
	}
	return nil
}

// figureFunc makes the template function of write, in the site's language.
func (t *Templates) figureFunc(write func(htmlWriter, *site.FigureView)) func(any) template.HTML {
	return func(v any) template.HTML {
		f := figureView(v)
		if f == nil {
			return ""
		}
		var b bytes.Buffer
		write(htmlWriter{&b, t.loc}, f)
		return template.HTML(b.String())
	}
}

// writeClaim is {{figureClaim .}}, the line under a figure's label: who
// claims it and the period it describes, when either is more than the
// briefing says.
func writeClaim(w htmlWriter, f *site.FigureView) {
	if f.By == "" && !f.OwnPeriod {
		return
	}
	w.WriteString(`<span class="claim">`)
	if f.By != "" {
		w.tr("claimed_by")
		w.WriteString(" ")
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

// writeBy is {{figureBy .}}: who claims a figure, linked to the actor's
// page when there is one.
func writeBy(w htmlWriter, f *site.FigureView) {
	if f.ByURL != "" {
		w.link(f.ByURL, f.By)
		return
	}
	w.text(f.By)
}

// writeValue is {{figureValue .}}: the value with its qualifier ("at least
// 121") and note.
func writeValue(w htmlWriter, f *site.FigureView) {
	w.text(site.Qualified(f.Qualifier, f.ValueText))
	writeNote(w, f)
}

// writeText is {{figureText .}}: the figure as a sentence gives it ("at
// least 121 drones") with its note.
func writeText(w htmlWriter, f *site.FigureView) {
	w.text(f.Text)
	writeNote(w, f)
}

func writeNote(w htmlWriter, f *site.FigureView) {
	if f.Note != "" {
		w.textIn(` <span class="note">`, f.Note, "</span>")
	}
}

// writeChange is {{figureChange .}}, which relates a value to earlier ones:
// a report again of a point ("also reported in …"), a revision ("revised
// from 635 to 653"), the change since the claimant's previous period ("+12
// vs 4–5 Dec").
func writeChange(w htmlWriter, f *site.FigureView) {
	if f.AlsoIn != "" {
		w.tr("also_in")
		w.WriteString(" ")
		w.link(f.AlsoURL, f.AlsoIn)
		return
	}
	if f.Revised != "" {
		w.text(f.Revised)
		w.WriteString(" (")
		w.link(f.RevisedURL, w.str("earlier_report"))
		w.WriteString(")")
		if f.Change != "" {
			w.WriteString("; ")
		}
	}
	if f.Change != "" {
		w.text(f.Change)
		w.WriteString(" ")
		w.tr("versus")
		w.WriteString(" ")
		w.link(f.PrevURL, f.PrevDate)
	}
}
