package markdown

import (
	"os"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/brief-ssg/brief/layouts"
)

// TestHeadingIDsThatAreLandmarkIDsAreRenamed: a heading named like a
// part of the page gets the next free suffix, so #main still reaches the
// main landmark.
func TestHeadingIDsThatAreLandmarkIDsAreRenamed(t *testing.T) {
	r := render("## Main\n\n## Search q\n\n## Main\n\n## Sources\n")
	want := []string{"main-1", "search-q-1", "main-2", "sources"}
	if !slices.Equal(r.Anchors, want) {
		t.Errorf("anchors %q, want %q", r.Anchors, want)
	}
	if !strings.Contains(string(r.HTML), `<h2 id="main-1">`) {
		t.Errorf("HTML:\n%s", r.HTML)
	}
}

// TestReservedIDsCoverTheLayouts reads every id the default layouts write
// literally, in the template files and in their Go version.
func TestReservedIDsCoverTheLayouts(t *testing.T) {
	idAttr := regexp.MustCompile(`id=\\?"([a-z][a-z-]*)(\\?")?`)
	var srcs []string
	entries, err := layouts.FS.ReadDir(".")
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		if strings.HasSuffix(e.Name(), ".html") {
			b, _ := layouts.FS.ReadFile(e.Name())
			srcs = append(srcs, string(b))
		}
	}
	native, err := os.ReadFile("../render/native.go")
	if err != nil {
		t.Fatal(err)
	}
	srcs = append(srcs, string(native))
	found := 0
	for _, src := range srcs {
		for _, m := range idAttr.FindAllStringSubmatch(src, -1) {
			if m[2] == "" {
				continue // id="{{…}}" or built from parts
			}
			found++
			if !slices.Contains(ReservedIDs, m[1]) {
				t.Errorf("the layouts use the id %q, which is not in ReservedIDs", m[1])
			}
		}
	}
	if found < len(ReservedIDs) {
		t.Errorf("found %d ids in the layouts, fewer than the %d reserved", found, len(ReservedIDs))
	}
}

// budget is the time a pathological body may take, scaled like goldmark's
// tests by BRIEF_TEST_TIME_FACTOR on slow machines.
func budget() time.Duration {
	return 5 * time.Second * time.Duration(timeFactor())
}

// timeFactor is BRIEF_TEST_TIME_FACTOR, or 1.
func timeFactor() int {
	if n, err := strconv.Atoi(os.Getenv("BRIEF_TEST_TIME_FACTOR")); err == nil && n > 0 {
		return n
	}
	return 1
}

// table writes a table of cols columns and rows rows below its header.
func table(cols, rows int) string {
	return "|" + strings.Repeat("h|", cols) + "\n|" + strings.Repeat("-|", cols) + "\n" + strings.Repeat("|"+strings.Repeat("c|", cols)+"\n", rows)
}

// TestMarkdownLimits renders bodies just under and just over each limit.
func TestMarkdownLimits(t *testing.T) {
	tests := []struct {
		name      string
		under     string
		over      string
		pos, want string
	}{
		{"list items", strings.Repeat("- x\n", MaxMarkers), strings.Repeat("- x\n", MaxMarkers+1),
			"a.md:50010:1", "more than 50000 list items and quote markers in one file: split it"},
		{"table columns", table(MaxTableColumns, 1), "Text.\n\n" + table(MaxTableColumns+1, 1),
			"a.md:12:1", "table of 101 columns (limit 100): split it, or publish the data as a file"},
		// 10 columns: the header and delimiter rows count 20 cells, then 10 a row.
		{"table cells", table(10, (MaxTableCells-20)/10), table(10, (MaxTableCells-20)/10+1),
			"a.md:5010:1", "more than 50000 table cells in one file"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := render(tt.under)
			if len(r.Diags) > 0 || r.HTML == "" {
				t.Errorf("under the limit: %v", r.Diags)
			}
			r = render(tt.over)
			checkDiags(t, r.Diags, want{tt.pos, tt.want})
			if r.HTML != "" {
				t.Errorf("over the limit, rendered anyway")
			}
		})
	}
}

// TestPathologicalMarkdownIsRefusedAtItsLine: the bodies of the issue,
// each under the 1 MB size limit, are refused before goldmark sees them.
func TestPathologicalMarkdownIsRefusedAtItsLine(t *testing.T) {
	tests := []struct {
		name, body, pos, want string
	}{
		{"deep lists repeated 16,000 times", strings.Repeat(strings.Repeat("- ", 31)+"x\n", 16000), "a.md:1622:1", "more than 50000 list items"},
		{"a 3,000-column table", "Intro.\n\n" + table(3000, 10), "a.md:12:1", "table of 3000 columns (limit 100)"},
		{"3,000 columns without a leading pipe", "h" + strings.Repeat(" | h", 2999) + "\n-" + strings.Repeat(" | -", 2999) + "\n", "a.md:10:1", "table of 3000 columns"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if len(tt.body) > 1<<20 {
				t.Fatalf("body of %d bytes, over the size limit", len(tt.body))
			}
			start := time.Now()
			r := render(tt.body)
			checkDiags(t, r.Diags, want{tt.pos, tt.want})
			if d := time.Since(start); d > time.Second*time.Duration(timeFactor()) {
				t.Errorf("refused in %v", d)
			}
		})
	}
}

// TestPathologicalMarkdownWithinBudget: the slowest bodies found that the
// limits accept, each under the 1 MB size limit, render within budget.
func TestPathologicalMarkdownWithinBudget(t *testing.T) {
	if testing.Short() {
		t.Skip("seconds of rendering")
	}
	if raceDetector {
		t.Skip("a time budget means nothing under the race detector; .ci/run runs this test without -race")
	}
	tests := []struct{ name, body string }{
		{"list items at the limit", strings.Repeat("- x\n", MaxMarkers)},
		{"nested lists at the limit", strings.Repeat(strings.Repeat("- ", MaxNesting)+"x\n", MaxMarkers/MaxNesting)},
		{"lines continuing a deep list", strings.Repeat("- ", MaxNesting) + "x\n" + strings.Repeat(strings.Repeat(" ", 2*MaxNesting)+"y\n", 15000)},
		{"items at the bottom of a deep list", strings.Repeat("- ", MaxNesting) + "x\n" + strings.Repeat(strings.Repeat(" ", 2*MaxNesting-2)+"- y\n", 15000)},
		{"table cells at the limit", table(MaxTableColumns, MaxTableCells/MaxTableColumns-2)},
		{"a long table of two columns", "|a|b|\n|-|-|\n" + strings.Repeat("c|d\n", MaxTableCells/2-2) + "\n" + strings.Repeat("text ", 50000)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if len(tt.body) > 1<<20 {
				t.Fatalf("body of %d bytes, over the size limit", len(tt.body))
			}
			start := time.Now()
			r := render(tt.body)
			if len(r.Diags) > 0 {
				t.Fatalf("refused: %v", r.Diags[0])
			}
			if d := time.Since(start); d > budget() {
				t.Errorf("rendered in %v, over the budget of %v", d, budget())
			}
		})
	}
}
