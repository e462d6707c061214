// Package slug owns names as identities: the folding that makes "Energy",
// "energy" and "énergie" one name, the URL-safe slugs made from them, and the
// edit distance that suggests a known name for a misspelt one.
package slug

import (
	"hash/fnv"
	"strconv"
	"strings"
	"unicode"

	"golang.org/x/text/unicode/norm"
)

// MaxLen is the longest slug in bytes.
const MaxLen = 100

// Fold returns the identity of a name: NFC, accents removed, case folded,
// spaces collapsed. Two names with the same Fold are one tag or actor.
func Fold(name string) string {
	var b strings.Builder
	space := false
	for _, r := range norm.NFD.String(strings.TrimSpace(name)) {
		switch {
		case unicode.Is(unicode.Mn, r):
			continue
		case unicode.IsSpace(r):
			space = true
			continue
		}
		if space && b.Len() > 0 {
			b.WriteByte(' ')
		}
		space = false
		b.WriteRune(unicode.ToLower(r))
	}
	return norm.NFC.String(b.String())
}

// windowsReserved are names no file or folder may have on Windows.
var windowsReserved = map[string]bool{"con": true, "prn": true, "aux": true, "nul": true}

func init() {
	for i := '1'; i <= '9'; i++ {
		windowsReserved["com"+string(i)] = true
		windowsReserved["lpt"+string(i)] = true
	}
}

// Make returns a URL- and file-safe slug: folded letters and digits joined by
// single hyphens, at most MaxLen bytes, never empty, never "." or "..", never
// a Windows-reserved name.
func Make(name string) string {
	s := Words(name)
	switch {
	case s == "":
		h := fnv.New32a()
		h.Write([]byte(Fold(name)))
		return "x-" + strconv.FormatUint(uint64(h.Sum32()), 16)
	case windowsReserved[s]:
		return s + "_"
	}
	return s
}

// Words returns the folded letters and digits of name joined by hyphens, at
// most MaxLen bytes; it is empty when name has none.
func Words(name string) string {
	folded := Fold(name)
	var b strings.Builder
	dash := false
	for _, r := range folded {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			if dash && b.Len() > 0 {
				b.WriteByte('-')
			}
			dash = false
			if b.Len()+len(string(r)) > MaxLen {
				break
			}
			b.WriteRune(r)
			continue
		}
		dash = true
	}
	return b.String()
}

// Distance is the Levenshtein edit distance between a and b, in runes.
func Distance(a, b string) int {
	ra, rb := []rune(a), []rune(b)
	prev := make([]int, len(rb)+1)
	cur := make([]int, len(rb)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(ra); i++ {
		cur[0] = i
		for j := 1; j <= len(rb); j++ {
			cost := 1
			if ra[i-1] == rb[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(rb)]
}

// Closest returns the candidate nearest to s within maxDist edits, or "".
// Ties go to the earlier candidate.
func Closest(s string, candidates []string, maxDist int) string {
	best, bestD := "", maxDist+1
	for _, c := range candidates {
		if d := Distance(s, c); d < bestD {
			best, bestD = c, d
		}
	}
	return best
}
