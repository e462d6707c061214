package search

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// special are the letters that keep no accent of their own to remove but
// that readers type without their stroke or ligature. They are mapped after
// lowercasing, the same way in search.js.
var special = map[rune]string{
	'ß': "ss",
	'æ': "ae",
	'œ': "oe",
	'ø': "o",
	'ł': "l",
	'đ': "d",
	'ð': "d",
	'þ': "th",
	'ı': "i",
	'ħ': "h",
	'ς': "σ", // final sigma: JavaScript's toLowerCase makes it from Σ at the end of a word
	// Arabic: alef maqsura and teh marbuta, which writers and readers
	// interchange with yeh and heh at the end of a word.
	'ى': "ي",
	'ة': "ه",
}

// tatweel is the Arabic letter that only stretches a word (كتـــاب): it
// is removed, like a mark.
const tatweel = '\u0640'

// Fold returns s as the search index sees it: lowercase, without accents,
// words separated by single spaces, no leading or trailing space.
//
// In order:
//  1. A comma between an ASCII digit and exactly three ASCII digits is a
//     thousands separator and is dropped: "1,200" → "1200" (a period is not:
//     "1.5" → "1 5").
//  2. NFD, then lowercase (Unicode simple case mapping), then every
//     nonspacing combining mark (category Mn) is removed, in every script:
//     é→e, ё→е, й→и, ї→і, ά→α, and Arabic's short vowels and hamza
//     above or below (أ→ا), as is the tatweel (U+0640).
//  3. ß→ss, æ→ae, œ→oe, ø→o, ł→l, đ→d, ð→d, þ→th, ı→i, ħ→h, ς→σ, ى→ي, ة→ه.
//  4. Each run of characters that are not letters (L), decimal digits (Nd)
//     or remaining marks (Mc, Me: vowel signs of Indic scripts) becomes one
//     space.
//
// search.js implements the same steps (fold in that file); the two are
// compared code point by code point in the tests. They can differ only on
// characters whose Unicode properties differ between Go's tables (Unicode
// 15.0) and the browser's.
func Fold(s string) string {
	s = dropThousandsCommas(s)
	var b strings.Builder
	b.Grow(len(s))
	sep := false
	for _, r := range norm.NFD.String(s) {
		if r < utf8.RuneSelf { // fast path, the same result
			c := byte(r)
			if 'A' <= c && c <= 'Z' {
				c += 'a' - 'A'
			}
			if !('a' <= c && c <= 'z' || isDigit(c)) {
				sep = true
				continue
			}
			if sep && b.Len() > 0 {
				b.WriteByte(' ')
			}
			sep = false
			b.WriteByte(c)
			continue
		}
		r = unicode.ToLower(r)
		if unicode.Is(unicode.Mn, r) || r == tatweel {
			continue // removed, and not a separator: "e\u0301t\u0301e" is one word
		}
		w, isSpecial := special[r]
		if !isSpecial && !unicode.IsLetter(r) && !unicode.IsDigit(r) && !unicode.In(r, unicode.Mc, unicode.Me) {
			sep = true
			continue
		}
		if sep && b.Len() > 0 {
			b.WriteByte(' ')
		}
		sep = false
		if isSpecial {
			b.WriteString(w)
		} else {
			b.WriteRune(r)
		}
	}
	return b.String()
}

// Tokens returns the words of s after Fold.
func Tokens(s string) []string {
	f := Fold(s)
	if f == "" {
		return nil
	}
	return strings.Split(f, " ")
}

// dropThousandsCommas removes each comma that follows an ASCII digit and is
// followed by exactly three ASCII digits.
func dropThousandsCommas(s string) string {
	if !strings.Contains(s, ",") {
		return s
	}
	var b []byte
	last := 0
	for i := 1; i+3 < len(s); i++ {
		if s[i] == ',' && isDigit(s[i-1]) && isDigit(s[i+1]) && isDigit(s[i+2]) && isDigit(s[i+3]) &&
			(i+4 == len(s) || !isDigit(s[i+4])) {
			b = append(b, s[last:i]...)
			last = i + 1
		}
	}
	if b == nil {
		return s
	}
	return string(append(b, s[last:]...))
}

func isDigit(c byte) bool { return '0' <= c && c <= '9' }

// MaxTokenRunes is the length at which the index cuts a token: a longer
// word is indexed, and looked up by search.js, by its first MaxTokenRunes
// runes.
const MaxTokenRunes = 40

// key returns the token as indexed: at most MaxTokenRunes runes.
func key(tok string) string {
	if len(tok) <= MaxTokenRunes {
		return tok
	}
	n := 0
	for i := range tok {
		if n == MaxTokenRunes {
			return tok[:i]
		}
		n++
	}
	return tok
}

// shardName is the file name (without ".json") of the token shard with the
// given key: the key itself when it is only ASCII lowercase letters and
// digits, otherwise "_" and the lowercase hex of its UTF-8 bytes.
func shardName(k string) string {
	for i := 0; i < len(k); i++ {
		c := k[i]
		if !('a' <= c && c <= 'z' || isDigit(c)) {
			const hex = "0123456789abcdef"
			b := make([]byte, 1, 1+2*len(k))
			b[0] = '_'
			for j := 0; j < len(k); j++ {
				b = append(b, hex[k[j]>>4], hex[k[j]&15])
			}
			return string(b)
		}
	}
	return k
}
