package server

import (
	"bytes"
	"html/template"
	"io"
	"os"
	"path/filepath"
	"strings"

	"github.com/brief-ssg/brief/internal/diag"
)

// excerptContext is how many lines the overlay shows on each side of an error.
const excerptContext = 2

// excerptLimit bounds how much of a file the overlay reads for an excerpt.
const excerptLimit = 1 << 20

// excerptLine is one source line around an error.
type excerptLine struct {
	Number int
	Text   string
	Here   bool   // the line of the error
	Caret  string // under the line of the error: spaces up to the column, then ^
}

type overlayItem struct {
	Where   string
	Message string
	Lines   []excerptLine
}

// overlayData is what the overlay shows: the errors of a failed build, or
// none, and the warnings, folded away under them.
type overlayData struct {
	Errors   []overlayItem
	Warnings []overlayItem
	Good     bool // an earlier build succeeded, and its pages are shown
}

var overlayTemplate = template.Must(template.New("overlay").Parse(`{{if .Errors}}<div id="brief-errors" role="alert" aria-labelledby="brief-errors-title">
<style>
#brief-errors{position:fixed;inset:0;z-index:2147483647;overflow:auto;background:#fff;color:#1a1a1a;font:16px/1.5 system-ui,sans-serif;padding:1.5rem;box-sizing:border-box}
#brief-errors h2{color:#a4001d;font-size:1.25rem;margin:0 0 1rem}
#brief-errors ol{padding-left:1.5rem}#brief-errors li{margin-bottom:1.25rem}
#brief-errors code,#brief-errors pre{font:14px/1.4 ui-monospace,monospace}
#brief-errors pre{background:#f3f3f3;color:#1a1a1a;padding:.75rem;overflow:auto;border-left:4px solid #a4001d}
#brief-errors mark{background:#ffe08a;color:#1a1a1a}
#brief-errors button{font:inherit;padding:.25rem .75rem}
#brief-errors .brief-warnings pre{border-left-color:#8a6d00}
</style>
<h2 id="brief-errors-title">{{$n := len .Errors}}{{if .Good}}brief: the last change does not build ({{$n}} {{if eq $n 1}}error{{else}}errors{{end}}); the page below is the last good build{{else}}brief: the site does not build yet ({{$n}} {{if eq $n 1}}error{{else}}errors{{end}}){{end}}</h2>
<ol>{{range .Errors}}{{template "item" .}}{{end}}
</ol>{{template "warnings" .Warnings}}
<p>Fix the file and save: this page reloads by itself. <button type="button" onclick="this.closest('#brief-errors').remove()">Hide</button></p>
</div>{{else if .Warnings}}<div id="brief-warnings-panel" role="status">
<style>
#brief-warnings-panel{position:fixed;right:1rem;bottom:1rem;z-index:2147483647;max-width:min(48rem,calc(100vw - 2rem));max-height:60vh;overflow:auto;background:#fff;color:#1a1a1a;font:16px/1.5 system-ui,sans-serif;padding:.5rem 1rem;border:2px solid #8a6d00;box-sizing:border-box}
#brief-warnings-panel ol{padding-left:1.5rem}
#brief-warnings-panel code,#brief-warnings-panel pre{font:14px/1.4 ui-monospace,monospace}
#brief-warnings-panel pre{background:#f3f3f3;color:#1a1a1a;padding:.75rem;overflow:auto;border-left:4px solid #8a6d00}
#brief-warnings-panel mark{background:#ffe08a;color:#1a1a1a}
</style>{{template "warnings" .Warnings}}
</div>{{end}}
{{- define "item"}}
<li><p><code>{{.Where}}</code>: {{.Message}}</p>{{if .Lines}}
<pre>{{range .Lines}}{{if .Here}}<mark>{{printf "%5d" .Number}} | {{.Text}}</mark>{{else}}{{printf "%5d" .Number}} | {{.Text}}{{end}}
{{with .Caret}}        {{.}}
{{end}}{{end}}</pre>{{end}}</li>{{end}}
{{- define "warnings"}}{{with .}}
<details class="brief-warnings"><summary>{{len .}} {{if eq (len .) 1}}warning{{else}}warnings{{end}}</summary>
<ol>{{range .}}{{template "item" .}}{{end}}
</ol>
</details>{{end}}{{end}}`))

// overlay renders the errors of a failed build and the warnings of any
// build with the source lines around each, for the bottom of every page;
// good tells that an earlier build succeeded. Nothing when there is
// nothing to say.
func overlay(root string, diags diag.List, good bool) []byte {
	files := map[string][]string{}
	items := func(ds diag.List) []overlayItem {
		var out []overlayItem
		for _, d := range ds {
			it := overlayItem{Where: d.Pos.String(), Message: d.Msg}
			if d.Pos.Line > 0 {
				lines, ok := files[d.Pos.File]
				if !ok {
					lines = readLines(root, d.Pos.File)
					files[d.Pos.File] = lines
				}
				it.Lines = excerpt(lines, d.Pos.Line, d.Pos.Col)
			}
			out = append(out, it)
		}
		return out
	}
	data := overlayData{Errors: items(diags.Errors()), Warnings: items(diags.Warnings()), Good: good}
	if len(data.Errors) == 0 && len(data.Warnings) == 0 {
		return nil
	}
	var buf bytes.Buffer
	overlayTemplate.Execute(&buf, data)
	return buf.Bytes()
}

// readLines reads a file under root named by a diagnostic; names outside
// the root give nothing.
func readLines(root, name string) []string {
	if !filepath.IsLocal(filepath.FromSlash(name)) {
		return nil
	}
	f, err := os.Open(filepath.Join(root, filepath.FromSlash(name)))
	if err != nil {
		return nil
	}
	defer f.Close()
	data, err := io.ReadAll(io.LimitReader(f, excerptLimit))
	if err != nil {
		return nil
	}
	text := strings.ReplaceAll(string(bytes.ToValidUTF8(data, []byte("\uFFFD"))), "\r\n", "\n")
	return strings.Split(text, "\n")
}

// excerpt returns the lines around line (1-based), with a caret under col
// when it is known.
func excerpt(lines []string, line, col int) []excerptLine {
	if line > len(lines) {
		return nil
	}
	var out []excerptLine
	for n := max(1, line-excerptContext); n <= min(len(lines), line+excerptContext); n++ {
		l := excerptLine{Number: n, Text: lines[n-1], Here: n == line}
		if l.Here && col > 0 {
			// Tabs stay tabs in the caret line, so the caret lines up.
			indent := []rune(l.Text)[:min(col-1, len([]rune(l.Text)))]
			for i, r := range indent {
				if r != '\t' {
					indent[i] = ' '
				}
			}
			l.Caret = string(indent) + "^"
		}
		out = append(out, l)
	}
	return out
}
