// Package i18n owns what a site's language changes on its pages: the
// strings the default layouts print, with plural forms, and how dates,
// months, numbers and percentages are written. The tables of the languages
// brief knows are embedded (lang/*.toml, months.go); a site adds to them or
// overrides them with i18n/<lang>.toml at its root.
package i18n

import (
	"strconv"
	"strings"
	"time"

	"golang.org/x/text/feature/plural"
	"golang.org/x/text/language"
	"golang.org/x/text/message"
	"golang.org/x/text/number"
)

// Locale is one language's strings and formats, for one build. Its methods
// are safe for concurrent use.
type Locale struct {
	// Lang is the language tag as the configuration writes it ("uk").
	Lang string
	tag  language.Tag
	base string // the base language: "uk" for "uk-UA"
	msgs map[string]Message
	cal  calendar
	// digits are the locale's 0–9; group and decimal its separators;
	// percent its percent sign pattern with %s for the number.
	digits  [10]string
	group   string
	decimal string
	percent string
	// source is the override file as read, for the pages' fingerprints.
	source string
}

// Message is one translated string: Other alone, or one form per plural
// category of the language.
type Message struct {
	Forms map[plural.Form]string
}

// rtl are the base languages written right to left.
var rtl = map[string]bool{"ar": true, "he": true, "fa": true, "ur": true, "yi": true, "ps": true}

// RTL reports whether the language is written right to left.
func (l *Locale) RTL() bool {
	l = l.orEnglish()
	return rtl[l.base]
}

// Dir is the value of the html dir attribute: "rtl" or "ltr".
func (l *Locale) Dir() string {
	if l.RTL() {
		return "rtl"
	}
	return "ltr"
}

// Source is the site's own translation file as read ("" without one), so
// that pages are rendered again when it changes.
func (l *Locale) Source() string {
	if l == nil {
		return ""
	}
	return l.source
}

// English reports whether the locale writes as brief always did.
func (l *Locale) English() bool { return l == nil || l.base == "en" }

// T returns the string of key. The first int argument, if any, chooses the
// plural form and replaces {n}; a second argument replaces {m}. An unknown
// key returns the key itself, so that a typo shows on the page.
func (l *Locale) T(key string, args ...any) string {
	l = l.orEnglish()
	m, ok := l.msgs[key]
	if !ok {
		return key
	}
	form := plural.Other
	if len(args) > 0 {
		if n, ok := args[0].(int); ok {
			form = plural.Cardinal.MatchPlural(l.tag, abs(n), 0, 0, 0, 0)
		}
	}
	s, ok := m.Forms[form]
	if !ok {
		s = m.Forms[plural.Other]
	}
	if len(args) > 0 && strings.Contains(s, "{n}") {
		s = strings.ReplaceAll(s, "{n}", l.arg(args[0]))
	}
	if len(args) > 1 && strings.Contains(s, "{m}") {
		s = strings.ReplaceAll(s, "{m}", l.arg(args[1]))
	}
	return s
}

func abs(n int) int {
	if n < 0 {
		return -n
	}
	return n
}

// arg writes a T argument: whole numbers in the locale's digits, without
// separators (they are counts and years).
func (l *Locale) arg(a any) string {
	switch v := a.(type) {
	case int:
		return l.Digits(strconv.Itoa(v))
	case string:
		return v
	}
	return ""
}

// Digits writes the ASCII digits of s in the locale's digits.
func (l *Locale) Digits(s string) string {
	l = l.orEnglish()
	if l.digits[0] == "0" {
		return s
	}
	var b strings.Builder
	for _, r := range s {
		if '0' <= r && r <= '9' {
			b.WriteString(l.digits[r-'0'])
		} else {
			b.WriteRune(r)
		}
	}
	return b.String()
}

// Number writes v with the locale's separators and no more decimals than
// it has: 1200 → "1,200" in English, "1 200" (a no-break space) in Ukrainian.
func (l *Locale) Number(v float64) string {
	return string(l.AppendNumber(nil, v))
}

// AppendNumber appends v as Number writes it.
func (l *Locale) AppendNumber(b []byte, v float64) []byte {
	l = l.orEnglish()
	var num [32]byte
	s := strconv.AppendFloat(num[:0], v, 'f', -1, 64)
	return l.appendDecimal(b, s)
}

// appendDecimal groups the integer part of the decimal s.
func (l *Locale) appendDecimal(b []byte, s []byte) []byte {
	sign := 0
	if s[0] == '-' {
		sign = 1
	}
	end := len(s)
	if i := strings.IndexByte(string(s), '.'); i >= 0 {
		end = i
	}
	b = append(b, s[:sign]...)
	for i := sign; i < end; i++ {
		if i > sign && (end-i)%3 == 0 {
			b = append(b, l.group...)
		}
		b = append(b, l.digits[s[i]-'0']...)
	}
	if end < len(s) {
		b = append(b, l.decimal...)
		for _, c := range s[end+1:] {
			b = append(b, l.digits[c-'0']...)
		}
	}
	return b
}

// FromEnglish rewrites a number written with English separators
// ("1,200.5") with the locale's separators and digits.
func (l *Locale) FromEnglish(s string) string {
	l = l.orEnglish()
	if l.English() {
		return s
	}
	var b strings.Builder
	for _, r := range s {
		switch {
		case r == ',':
			b.WriteString(l.group)
		case r == '.':
			b.WriteString(l.decimal)
		case '0' <= r && r <= '9':
			b.WriteString(l.digits[r-'0'])
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}

// ShortMonthYear names a month with its abbreviation: "Dec 2025".
func (l *Locale) ShortMonthYear(t time.Time) string {
	l = l.orEnglish()
	return l.cal.short[t.Month()-1] + " " + l.Digits(yearText(t.Year()))
}

// Year writes a year in the locale's digits.
func (l *Locale) Year(t time.Time) string {
	return l.orEnglish().Digits(yearText(t.Year()))
}

// Percent writes a percentage (89.6 for 89.6 %) with one decimal.
func (l *Locale) Percent(v float64) string {
	l = l.orEnglish()
	s := l.appendDecimal(nil, strconv.AppendFloat(nil, v, 'f', 1, 64))
	return strings.Replace(l.percent, "%s", string(s), 1)
}

// Date writes a day: "8 December 2026", "8 грудня 2026".
func (l *Locale) Date(t time.Time) string {
	l = l.orEnglish()
	return l.cal.date(l, t.Day(), t.Month(), t.Year())
}

// ShortDate writes a day with the month abbreviated: "8 Dec 2026"; without
// the year when year is false.
func (l *Locale) ShortDate(t time.Time, year bool) string {
	l = l.orEnglish()
	return l.cal.shortDate(l, t.Day(), t.Month(), t.Year(), year)
}

// MonthYear names a month of the archive: "December 2026", "грудень 2026".
func (l *Locale) MonthYear(y int, m time.Month) string {
	l = l.orEnglish()
	return l.cal.monthYear(l, m, y)
}

// newFormats reads the locale's digits and separators from CLDR's data in
// x/text.
func (l *Locale) newFormats() {
	p := message.NewPrinter(l.tag)
	for i := range l.digits {
		l.digits[i] = p.Sprint(number.Decimal(i))
	}
	l.group, l.decimal = ",", "."
	s := []rune(p.Sprint(number.Decimal(1234.5)))
	// 1 g 234 d 5: the separators are what is not a digit.
	var seps []string
	var cur []rune
	for _, r := range s {
		if isDigit(l, r) {
			if cur != nil {
				seps = append(seps, string(cur))
				cur = nil
			}
			continue
		}
		cur = append(cur, r)
	}
	if len(seps) == 2 {
		l.group, l.decimal = seps[0], seps[1]
	}
	fifty := p.Sprint(number.Decimal(50))
	l.percent = strings.Replace(p.Sprint(number.Percent(0.5)), fifty, "%s", 1)
	if !strings.Contains(l.percent, "%s") {
		l.percent = "%s%"
	}
	if f, ok := percentFix[l.base]; ok {
		l.percent = f
	}
}

// percentFix are the percent patterns that follow national typography
// rather than CLDR: Ukrainian sets the sign apart (ДСТУ 3582).
var percentFix = map[string]string{"uk": "%s\u00a0%"}

func isDigit(l *Locale, r rune) bool {
	for _, d := range l.digits {
		if d == string(r) {
			return true
		}
	}
	return false
}

// orEnglish makes a nil Locale, as a site model made without one has,
// write English.
func (l *Locale) orEnglish() *Locale {
	if l == nil {
		return English()
	}
	return l
}

// formNames are the CLDR names of the plural forms, as Intl.PluralRules
// gives them in the browser.
var formNames = map[plural.Form]string{plural.Zero: "zero", plural.One: "one", plural.Two: "two", plural.Few: "few", plural.Many: "many", plural.Other: "other"}

// Forms returns the forms of key by their CLDR names ("one", "other"), for
// a script that chooses among them itself.
func (l *Locale) Forms(key string) map[string]string {
	l = l.orEnglish()
	out := map[string]string{}
	for f, s := range l.msgs[key].Forms {
		out[formNames[f]] = s
	}
	return out
}

// DateParts tells a script how Date writes a day: a pattern with {d}, {m}
// and {y}, the month names and the digits.
func (l *Locale) DateParts() (pattern string, months [12]string, digits [10]string) {
	l = l.orEnglish()
	pattern = l.cal.year(l.cal.dayMonth("{d}", "{m}"), "{y}")
	return pattern, l.cal.genitive, l.digits
}
