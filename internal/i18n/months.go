package i18n

import (
	"strconv"
	"time"
)

// x/text has no CLDR dates: the month names and date patterns are written
// here by hand, one calendar per base language.

// calendar writes the dates of one language. genitive are the month names
// in a date ("8 грудня"), nominative the names of a month by itself
// ("грудень 2026"), short the abbreviations of figure periods.
type calendar struct {
	genitive, nominative, short [12]string
	// dayMonth writes a day and a month name; year appends a year.
	dayMonth func(d, m string) string
	year     func(dm, y string) string
}

func (c calendar) date(l *Locale, d int, m time.Month, y int) string {
	return c.year(c.dayMonth(l.Digits(strconv.Itoa(d)), c.genitive[m-1]), l.Digits(yearText(y)))
}

func (c calendar) shortDate(l *Locale, d int, m time.Month, y int, withYear bool) string {
	s := c.dayMonth(l.Digits(strconv.Itoa(d)), c.short[m-1])
	if withYear {
		s = c.year(s, l.Digits(yearText(y)))
	}
	return s
}

func (c calendar) monthYear(l *Locale, m time.Month, y int) string {
	return c.nominative[m-1] + " " + l.Digits(yearText(y))
}

// yearText writes a year with four digits at least, as dates and
// folders do: "0999".
func yearText(y int) string {
	s := strconv.Itoa(y)
	for len(s) < 4 && y >= 0 {
		s = "0" + s
	}
	return s
}

func spaced(a, b string) string { return a + " " + b }

var calendars = map[string]calendar{
	"en": {
		genitive:   [12]string{"January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"},
		nominative: [12]string{"January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"},
		short:      [12]string{"Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"},
		dayMonth:   spaced, year: spaced,
	},
	"uk": {
		genitive:   [12]string{"січня", "лютого", "березня", "квітня", "травня", "червня", "липня", "серпня", "вересня", "жовтня", "листопада", "грудня"},
		nominative: [12]string{"Січень", "Лютий", "Березень", "Квітень", "Травень", "Червень", "Липень", "Серпень", "Вересень", "Жовтень", "Листопад", "Грудень"},
		short:      [12]string{"січ.", "лют.", "бер.", "квіт.", "трав.", "черв.", "лип.", "серп.", "вер.", "жовт.", "лист.", "груд."},
		dayMonth:   spaced, year: spaced,
	},
	"ru": {
		genitive:   [12]string{"января", "февраля", "марта", "апреля", "мая", "июня", "июля", "августа", "сентября", "октября", "ноября", "декабря"},
		nominative: [12]string{"Январь", "Февраль", "Март", "Апрель", "Май", "Июнь", "Июль", "Август", "Сентябрь", "Октябрь", "Ноябрь", "Декабрь"},
		short:      [12]string{"янв.", "февр.", "мар.", "апр.", "мая", "июн.", "июл.", "авг.", "сент.", "окт.", "нояб.", "дек."},
		dayMonth:   spaced, year: spaced,
	},
	"pl": {
		genitive:   [12]string{"stycznia", "lutego", "marca", "kwietnia", "maja", "czerwca", "lipca", "sierpnia", "września", "października", "listopada", "grudnia"},
		nominative: [12]string{"Styczeń", "Luty", "Marzec", "Kwiecień", "Maj", "Czerwiec", "Lipiec", "Sierpień", "Wrzesień", "Październik", "Listopad", "Grudzień"},
		short:      [12]string{"sty", "lut", "mar", "kwi", "maj", "cze", "lip", "sie", "wrz", "paź", "lis", "gru"},
		dayMonth:   spaced, year: spaced,
	},
	"de": {
		genitive:   [12]string{"Januar", "Februar", "März", "April", "Mai", "Juni", "Juli", "August", "September", "Oktober", "November", "Dezember"},
		nominative: [12]string{"Januar", "Februar", "März", "April", "Mai", "Juni", "Juli", "August", "September", "Oktober", "November", "Dezember"},
		short:      [12]string{"Jan.", "Feb.", "März", "Apr.", "Mai", "Juni", "Juli", "Aug.", "Sept.", "Okt.", "Nov.", "Dez."},
		dayMonth:   func(d, m string) string { return d + ". " + m }, year: spaced,
	},
	"fr": {
		genitive:   [12]string{"janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre", "novembre", "décembre"},
		nominative: [12]string{"Janvier", "Février", "Mars", "Avril", "Mai", "Juin", "Juillet", "Août", "Septembre", "Octobre", "Novembre", "Décembre"},
		short:      [12]string{"janv.", "févr.", "mars", "avr.", "mai", "juin", "juil.", "août", "sept.", "oct.", "nov.", "déc."},
		dayMonth:   spaced, year: spaced,
	},
	"es": {
		genitive:   [12]string{"enero", "febrero", "marzo", "abril", "mayo", "junio", "julio", "agosto", "septiembre", "octubre", "noviembre", "diciembre"},
		nominative: [12]string{"Enero", "Febrero", "Marzo", "Abril", "Mayo", "Junio", "Julio", "Agosto", "Septiembre", "Octubre", "Noviembre", "Diciembre"},
		short:      [12]string{"ene", "feb", "mar", "abr", "may", "jun", "jul", "ago", "sept", "oct", "nov", "dic"},
		dayMonth:   func(d, m string) string { return d + " de " + m }, year: func(dm, y string) string { return dm + " de " + y },
	},
	"ar": {
		genitive:   [12]string{"يناير", "فبراير", "مارس", "أبريل", "مايو", "يونيو", "يوليو", "أغسطس", "سبتمبر", "أكتوبر", "نوفمبر", "ديسمبر"},
		nominative: [12]string{"يناير", "فبراير", "مارس", "أبريل", "مايو", "يونيو", "يوليو", "أغسطس", "سبتمبر", "أكتوبر", "نوفمبر", "ديسمبر"},
		short:      [12]string{"يناير", "فبراير", "مارس", "أبريل", "مايو", "يونيو", "يوليو", "أغسطس", "سبتمبر", "أكتوبر", "نوفمبر", "ديسمبر"},
		dayMonth:   spaced, year: spaced,
	},
}
