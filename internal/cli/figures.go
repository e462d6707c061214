package cli

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"sort"
	"strconv"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/brief-ssg/brief/internal/site"
)

const figuresSynopsis = `Lists every figure key of the published briefings, by key: its label, unit,
who claims its values, how many data points (claimant and period) it has,
and its latest value with the date of its briefing. Reuse a key rather than
invent a near-duplicate. Content errors are printed on stderr and the exit
code is 1, but the figures that could be read are still listed.`

// figureKey is one listed key, as the JSON output has it.
type figureKey struct {
	Key       string   `json:"key"`
	Label     string   `json:"label"`
	Unit      string   `json:"unit"`
	Claimants []string `json:"claimants"` // canonical names; "" for values that name nobody is left out
	Points    int      `json:"points"`    // data points: one per claimant and period
	Reports   int      `json:"reports"`   // figures in briefings, repeats and revisions included
	Last      string   `json:"last"`      // the latest value as a table writes it: "at least 121 drones"
	LastValue float64  `json:"lastValue"`
	LastDate  string   `json:"lastDate"` // YYYY-MM-DD in the site's time zone
	LastPath  string   `json:"lastPath"` // the briefing it is from
}

func runFigures(_ context.Context, args []string, stdout, stderr io.Writer) int {
	var cf contentFlags
	fs := newFlagSet("figures", "", stderr)
	setUsageLine(fs, "brief figures [flags]", figuresSynopsis)
	cf.register(fs)
	rest, code, done := parseArgs(fs, args, stdout)
	if done {
		return code
	}
	usageErr := func(msg string, a ...any) int {
		fmt.Fprintf(stderr, "brief figures: "+msg+"\n", a...)
		fmt.Fprintln(stderr, "Usage: brief figures [flags] (brief figures -h for the flags)")
		return ExitUsage
	}
	if len(rest) > 0 {
		return usageErr("takes no arguments, got %q", rest[0])
	}
	cfg, content, ldiags, now, code := cf.read("figures", stderr, usageErr)
	if code != ExitOK {
		return code
	}
	s, _, sdiags := site.Build(content, site.Options{Location: cfg.Location, Now: now})
	errs := append(ldiags.Errors(), sdiags.Errors()...)
	report(stderr, errs, false)

	keys := figureKeys(s)
	if cf.format == "json" {
		enc := json.NewEncoder(stdout)
		enc.SetEscapeHTML(false)
		enc.SetIndent("", "  ")
		enc.Encode(keys)
	} else {
		writeFiguresText(stdout, keys)
		if len(keys) == 0 {
			fmt.Fprintln(stderr, "brief figures: no published briefing reports a figure")
		}
	}
	if len(errs) > 0 {
		fmt.Fprintf(stderr, "brief figures: %d %s in the content\n", len(errs), plural(len(errs), "error", "errors"))
		return ExitError
	}
	return ExitOK
}

// figureKeys lists the series of s by key.
func figureKeys(s *site.Site) []figureKey {
	out := []figureKey{}
	for _, sr := range s.Figures {
		k := figureKey{Key: sr.Key, Label: sr.Label, Unit: sr.Unit, Claimants: []string{}, Reports: sr.Count()}
		for _, c := range sr.Claimants {
			k.Points += len(c.Points)
			if c.Name != "" {
				k.Claimants = append(k.Claimants, c.Name)
			}
		}
		last := sr.Latest()
		k.Last, k.LastValue, k.LastPath = last.Figure.Text, last.Figure.Figure.Value, last.Entry.Path
		k.LastDate = last.Entry.Date.Format(time.DateOnly)
		out = append(out, k)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Key < out[j].Key })
	return out
}

// writeFiguresText writes aligned columns with a header, or nothing.
func writeFiguresText(w io.Writer, keys []figureKey) {
	if len(keys) == 0 {
		return
	}
	var buf bytes.Buffer
	tw := tabwriter.NewWriter(&buf, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "KEY\tLABEL\tUNIT\tCLAIMANTS\tPOINTS\tLAST\tDATE")
	for _, k := range keys {
		claimants := strings.Join(k.Claimants, ", ")
		if claimants == "" {
			claimants = "-"
		}
		unit := k.Unit
		if unit == "" {
			unit = "-"
		}
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\t%s\t%s\n", printable(k.Key), printable(k.Label), printable(unit), printable(claimants),
			strconv.Itoa(k.Points), printable(k.Last), k.LastDate)
	}
	tw.Flush()
	for _, line := range strings.SplitAfter(buf.String(), "\n") {
		if line != "" {
			io.WriteString(w, strings.TrimRight(line, " \n")+"\n")
		}
	}
}
