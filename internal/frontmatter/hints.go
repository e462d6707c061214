package frontmatter

import (
	"fmt"
	"strings"
)

// A hint is a better place and plain words for a syntax error the YAML or
// TOML decoder reports where it noticed it — often at the end of the
// block, for a bracket or quote opened lines before.
type hint struct {
	line, col int // 1-based, in the block
	msg       string
}

// syntaxHint scans a block that failed to decode for the usual mistakes,
// in order: a quote or bracket never closed (reported where it opens), a
// tab indenting a YAML line, and a value with a colon that needs quotes.
// format is "yaml" or "toml"; decoderMsg is what the decoder said.
func syntaxHint(block []byte, format, decoderMsg string) (hint, bool) {
	lines := strings.Split(string(block), "\n")
	if h, ok := unclosed(lines, format); ok {
		return h, true
	}
	if format == "yaml" {
		for i, l := range lines {
			indent := l[:len(l)-len(strings.TrimLeft(l, " \t"))]
			if j := strings.IndexByte(indent, '\t'); j >= 0 && strings.TrimSpace(l) != "" {
				return hint{i + 1, j + 1, "a tab indents this line: YAML indents with spaces only"}, true
			}
		}
	}
	sep := ":"
	if format == "toml" {
		sep = "="
	}
	if format == "yaml" && !strings.Contains(decoderMsg, "mapping values are not allowed") ||
		format == "toml" && !strings.Contains(decoderMsg, "expected value but found") {
		return hint{}, false
	}
	for i, l := range lines {
		if l == "" || l[0] == ' ' || l[0] == '\t' || l[0] == '#' {
			continue
		}
		key, value, ok := strings.Cut(l, sep)
		value = strings.TrimSpace(value)
		if !ok || value == "" || strings.ContainsAny(value[:1], `"'[{`) {
			continue
		}
		if format == "yaml" && strings.Contains(value, ": ") || format == "toml" {
			col := len(key) + len(sep) + 1 + len(l[len(key)+len(sep):]) - len(strings.TrimLeft(l[len(key)+len(sep):], " "))
			key = strings.TrimSpace(key)
			quoted := fmt.Sprintf("%s%s %q", key, sep, value)
			if format == "toml" {
				quoted = fmt.Sprintf("%s %s %q", key, sep, value)
			}
			what := "a colon inside a value needs quotes"
			if format == "toml" {
				what = "text needs quotes in TOML"
			}
			return hint{i + 1, col, fmt.Sprintf("%s: %s", what, quoted)}, true
		}
	}
	return hint{}, false
}

// unclosed finds the first quote or bracket of a value that the block
// never closes.
func unclosed(lines []string, format string) (hint, bool) {
	type open struct {
		line, col int
		c         byte
	}
	var stack []open
	var quote *open
	for i, l := range lines {
		if format == "toml" && len(stack) == 0 && quote == nil && strings.HasPrefix(strings.TrimSpace(l), "[") {
			continue // a table header
		}
		if strings.Contains(l, `"""`) || strings.Contains(l, `'''`) {
			return hint{}, false // multi-line strings: leave them to the decoder
		}
		valueStart := format == "toml" && len(stack) > 0 // inside an array every position may start a value
		for j := 0; j < len(l); j++ {
			c := l[j]
			if quote != nil {
				switch {
				case c == '\\' && quote.c == '"':
					j++
				case c == quote.c && quote.c == '\'' && format == "yaml" && j+1 < len(l) && l[j+1] == '\'':
					j++
				case c == quote.c:
					quote = nil
				}
				continue
			}
			switch c {
			case '#':
				if j == 0 || l[j-1] == ' ' || l[j-1] == '\t' {
					j = len(l)
				}
			case ':', '=', ',', '-':
				valueStart = true
				continue
			case ' ', '\t':
				continue
			case '"', '\'':
				if valueStart || len(stack) > 0 {
					quote = &open{i + 1, j + 1, c}
				}
			case '[', '{':
				if valueStart || len(stack) > 0 {
					stack = append(stack, open{i + 1, j + 1, c})
				}
			case ']', '}':
				if len(stack) > 0 {
					stack = stack[:len(stack)-1]
				}
			}
			valueStart = false
		}
		if quote != nil && format == "toml" {
			// A TOML string ends on its line.
			return hint{quote.line, quote.col, fmt.Sprintf("the %c opened here is never closed: end the text with %c on the same line", quote.c, quote.c)}, true
		}
	}
	if quote != nil {
		return hint{quote.line, quote.col, fmt.Sprintf("the %c opened here is never closed: end the text with %c", quote.c, quote.c)}, true
	}
	if len(stack) > 0 {
		o := stack[0]
		closer, what := byte(']'), "list"
		if o.c == '{' {
			closer, what = '}', "mapping"
		}
		return hint{o.line, o.col, fmt.Sprintf("the %c opened here is never closed: end the %s with %c", o.c, what, closer)}, true
	}
	return hint{}, false
}
