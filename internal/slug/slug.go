// Package slug owns names as identities: the folding that makes "Energy",
// "energy" and "énergie" one name, the URL-safe slugs made from them, and the
// edit distance that suggests a known name for a misspelt one.
package slug

import (
	"hash/fnv"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/cases"
	"golang.org/x/text/unicode/norm"
)

// MaxLen is the longest slug in bytes.
const MaxLen = 100

// Fold returns the identity of a name: NFC, accents removed, case folded,
// spaces collapsed. Two names with the same Fold are one tag or actor.
//
// Only accents are removed: combining marks on Latin, Greek, Arabic and
// Hebrew letters, where a reader takes them as optional. Elsewhere a mark
// makes another letter (Ukrainian ї is not і, Russian й is not и, Japanese
// が is not か), so it is kept.
func Fold(name string) string {
	var b strings.Builder
	space := false
	var base rune // the last letter that was not a mark
	for _, r := range norm.NFD.String(strings.TrimSpace(name)) {
		switch {
		case unicode.Is(unicode.Mn, r):
			if accented(base) {
				continue
			}
		case unicode.IsSpace(r):
			space = true
			continue
		default:
			base = r
		}
		if space && b.Len() > 0 {
			b.WriteByte(' ')
		}
		space = false
		b.WriteRune(unicode.ToLower(r))
	}
	return norm.NFC.String(b.String())
}

// accentScripts are the scripts whose combining marks Fold removes.
var accentScripts = []*unicode.RangeTable{unicode.Latin, unicode.Greek, unicode.Arabic, unicode.Hebrew}

func accented(base rune) bool { return unicode.In(base, accentScripts...) }

// windowsReserved are names no file or folder may have on Windows.
var windowsReserved = map[string]bool{"con": true, "prn": true, "aux": true, "nul": true}

func init() {
	for i := '0'; i <= '9'; i++ {
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
// most MaxLen bytes; it is empty when name has none. Marks that Fold keeps
// stay with their letter. A word cut by the limit is dropped whole, so the
// result never ends in a hyphen or half a word.
func Words(name string) string {
	var b strings.Builder
	word := make([]byte, 0, 32)
	flush := func() bool {
		if len(word) == 0 {
			return true
		}
		n := len(word)
		if b.Len() > 0 {
			n++
		}
		if b.Len()+n > MaxLen {
			if b.Len() == 0 { // one long word: keep what fits, whole runes
				b.Write(word[:cut(word, MaxLen)])
			}
			return false
		}
		if b.Len() > 0 {
			b.WriteByte('-')
		}
		b.Write(word)
		word = word[:0]
		return true
	}
	for _, r := range Fold(name) {
		if unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.IsMark(r) && len(word) > 0 {
			word = utf8.AppendRune(word, r)
			continue
		}
		if !flush() {
			return b.String()
		}
	}
	flush()
	return b.String()
}

// Suffixed returns s with "-n" appended, s cut first (at a rune boundary,
// without a trailing hyphen) so that the whole stays within MaxLen bytes.
func Suffixed(s string, n int) string {
	suffix := "-" + strconv.Itoa(n)
	if keep := MaxLen - len(suffix); len(s) > keep {
		s = strings.TrimRight(s[:cut([]byte(s), keep)], "-")
	}
	return s + suffix
}

// Unique hands out slugs that stay apart in one folder, even on a file
// system that ignores case: the first claim of a slug gets it as it is,
// the next ones get a suffix (-2, -3, …) from Suffixed. Claims in the same
// order give the same slugs. The zero Unique is ready to use.
type Unique struct {
	used map[string]bool
	fold cases.Caser
}

// Reserve marks a name as taken, such as a folder of the site's own.
func (u *Unique) Reserve(name string) {
	u.init()
	u.used[u.fold.String(name)] = true
}

// Claim returns s, or s with the first suffix not taken yet, and takes it.
func (u *Unique) Claim(s string) string {
	u.init()
	out := s
	for i := 2; u.used[u.fold.String(out)]; i++ {
		out = Suffixed(s, i)
	}
	u.used[u.fold.String(out)] = true
	return out
}

func (u *Unique) init() {
	if u.used == nil {
		u.used, u.fold = map[string]bool{}, cases.Fold()
	}
}

// cut returns the longest prefix length of b, at most n, that ends on a
// rune boundary.
func cut(b []byte, n int) int {
	for n > 0 && !utf8.RuneStart(b[n]) {
		n--
	}
	return n
}

// Distance is the edit distance (Levenshtein, in runes) between a and b.
func Distance(a, b string) int {
	ra, rb := []rune(a), []rune(b)
	var rows [2][]int
	return bounded(ra, rb, max(len(ra), len(rb))+1, &rows)
}

// Closest returns the candidate nearest to s within maxDist edits, or "".
// Ties go to the earlier candidate.
func Closest(s string, candidates []string, maxDist int) string {
	best, bestD := "", maxDist+1
	rs := []rune(s)
	var rc []rune
	var rows [2][]int
	for _, c := range candidates {
		// The distance is at least the difference in length.
		if abs(utf8.RuneCountInString(c)-len(rs)) >= bestD {
			continue
		}
		rc = append(rc[:0], []rune(c)...)
		if d := bounded(rs, rc, bestD, &rows); d < bestD {
			best, bestD = c, d
		}
	}
	return best
}

// bounded is the edit distance of a and b when it is below limit, and
// limit otherwise; it stops as soon as a whole row reaches the limit.
func bounded(a, b []rune, limit int, rows *[2][]int) int {
	prev, cur := rows[0][:0], rows[1][:0]
	for j := 0; j <= len(b); j++ {
		prev = append(prev, j)
		cur = append(cur, 0)
	}
	defer func() { rows[0], rows[1] = prev, cur }()
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		low := cur[0]
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
			low = min(low, cur[j])
		}
		if low >= limit {
			return limit
		}
		prev, cur = cur, prev
	}
	return min(prev[len(b)], limit)
}

func abs(n int) int {
	if n < 0 {
		return -n
	}
	return n
}
