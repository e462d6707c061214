package markdown

import (
	"fmt"
	"strings"
	"testing"
	"time"
)

func TestScratchPatho(t *testing.T) {
	r := New()
	cases := []struct{name string; f func(n int) string}{
		{"brackets", func(n int) string { return strings.Repeat("[", n) + strings.Repeat("]", n) }},
		{"open-brackets", func(n int) string { return strings.Repeat("[", 2*n) }},
		{"img-brackets", func(n int) string { return strings.Repeat("![", n) + strings.Repeat("]", n) }},
		{"brackets-x", func(n int) string { return strings.Repeat("[x", n) + strings.Repeat("]", n) }},
		{"linkopen", func(n int) string { return strings.Repeat("[a](", n) }},
		{"stars", func(n int) string { return strings.Repeat("*a", n) }},
		{"stars2", func(n int) string { return strings.Repeat("*a **a ", n/3) }},
		{"underscores", func(n int) string { return strings.Repeat("_a", n) }},
		{"backticks", func(n int) string { var b strings.Builder; for i:=1; b.Len() < 2*n; i++ { b.WriteString(strings.Repeat("`", i)); b.WriteString("a") }; return b.String() }},
		{"lt", func(n int) string { return strings.Repeat("<", 2*n) }},
		{"lta", func(n int) string { return strings.Repeat("<a ", n) }},
		{"tilde", func(n int) string { return strings.Repeat("~~a", n) }},
		{"fnref", func(n int) string { return strings.Repeat("[^a]", n/2) + "\n\n[^a]: x\n" }},
		{"footnotes", func(n int) string { var b strings.Builder; for i:=0; b.Len() < n; i++ { fmt.Fprintf(&b, "x[^%d]\n", i) }; for i:=0; b.Len() < 2*n; i++ { fmt.Fprintf(&b, "[^%d]: y\n\n", i) }; return b.String() }},
		{"footnotes-quote", func(n int) string { var b strings.Builder; for i:=0; b.Len() < n; i++ { fmt.Fprintf(&b, "x[^%d]\n", i) }; for i:=0; b.Len() < 2*n; i++ { fmt.Fprintf(&b, "> [^%d]: y\n\n", i) }; return b.String() }},
		{"nested-lines", func(n int) string { var b strings.Builder; for i:=0; b.Len() < 2*n; i++ { b.WriteString(strings.Repeat(" ", 2*i)); b.WriteString("- a\n") }; return b.String() }},
		{"quote-lines", func(n int) string { var b strings.Builder; for i:=0; b.Len() < 2*n; i++ { b.WriteString(strings.Repeat(">", i)); b.WriteString(" a\n") }; return b.String() }},
		{"table", func(n int) string { return "|a|b|\n|-|-|\n" + strings.Repeat("|x|y|\n", n/3) }},
		{"tablewide", func(n int) string { return strings.Repeat("|a", n/4) + "\n" + strings.Repeat("|-", n/4) + "\n" + strings.Repeat("|b", n/4) + "\n" }},
		{"refdefs", func(n int) string { var b strings.Builder; for i:=0; b.Len() < 2*n; i++ { fmt.Fprintf(&b, "[%d]: /u\n", i) }; return b.String() }},
		{"autolinks", func(n int) string { return strings.Repeat("www.a", n/2) }},
		{"entity", func(n int) string { return strings.Repeat("&#", n) }},
		{"paren", func(n int) string { return "[a](" + strings.Repeat("(", n) + strings.Repeat(")", n) + ")" }},
	}
	for _, c := range cases {
		for _, n := range []int{64000, 250000} {
			s := c.f(n)
			t0 := time.Now()
			res := r.Render("c/a.md", []byte(s), 1)
			fmt.Printf("%-16s n=%-7d len=%-8d %8.3fs diags=%d\n", c.name, n, len(s), time.Since(t0).Seconds(), len(res.Diags))
			if time.Since(t0) > 5*time.Second { break }
		}
	}
}
