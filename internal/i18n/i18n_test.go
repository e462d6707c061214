package i18n

import (
	"strings"
	"testing"
	"testing/fstest"
	"time"
)

func TestBuiltinTablesComplete(t *testing.T) {
	for _, lang := range Languages() {
		_, diags := Load(lang, nil)
		if len(diags) > 0 {
			t.Errorf("%s: %v", lang, diags)
		}
	}
}

func TestFormats(t *testing.T) {
	day := time.Date(2026, time.December, 8, 0, 0, 0, 0, time.UTC)
	for _, c := range []struct{ lang, date, month, num, pct, count string }{
		{"en", "8 December 2026", "December 2026", "1,200.5", "89.6%", "3 briefings"},
		{"uk", "8 грудня 2026", "Грудень 2026", "1\u00a0200,5", "89,6\u00a0%", "5 брифінгів"},
		{"ru", "8 декабря 2026", "Декабрь 2026", "1\u00a0200,5", "89,6\u00a0%", "5 брифингов"},
		{"pl", "8 grudnia 2026", "Grudzień 2026", "1\u00a0200,5", "89,6%", "5 briefingów"},
		{"de", "8. Dezember 2026", "Dezember 2026", "1.200,5", "89,6\u00a0%", "5 Briefings"},
		{"es", "8 de diciembre de 2026", "Diciembre 2026", "1.200,5", "89,6\u00a0%", "5 informes"},
		{"ar", "٨ ديسمبر ٢٠٢٦", "ديسمبر ٢٠٢٦", "١٬٢٠٠٫٥", "٨٩٫٦٪\u061c", "٥ إحاطات"},
	} {
		l, _ := Load(c.lang, nil)
		n := 5
		if c.lang == "en" {
			n = 3
		}
		got := []string{l.Date(day), l.MonthYear(2026, time.December), l.Number(1200.5), l.Percent(89.6), l.T("briefings_count", n)}
		want := []string{c.date, c.month, c.num, c.pct, c.count}
		if strings.Join(got, "|") != strings.Join(want, "|") {
			t.Errorf("%s:\n got %q\nwant %q", c.lang, got, want)
		}
	}
}

func TestUkrainianPlurals(t *testing.T) {
	l, _ := Load("uk", nil)
	for n, want := range map[int]string{1: "1 брифінг", 2: "2 брифінги", 5: "5 брифінгів", 11: "11 брифінгів", 21: "21 брифінг", 22: "22 брифінги"} {
		if got := l.T("briefings_count", n); got != want {
			t.Errorf("T(briefings_count, %d) = %q, want %q", n, got, want)
		}
	}
}

func TestOverrideFile(t *testing.T) {
	fsys := fstest.MapFS{"i18n/uk.toml": {Data: []byte("home = \"Початок\"\n\nnewest = \"x\"\nbriefings_count = { one = \"a\", lots = \"b\" }\n")}}
	l, diags := Load("uk", fsys)
	if got := l.T("home"); got != "Початок" {
		t.Errorf("home = %q", got)
	}
	var msgs []string
	for _, d := range diags {
		msgs = append(msgs, d.Error())
	}
	all := strings.Join(msgs, "\n")
	for _, want := range []string{`i18n/uk.toml:3:1: unknown key "newest"`, `i18n/uk.toml:4:32: plural form "lots"`} {
		if !strings.Contains(all, want) {
			t.Errorf("diagnostics lack %q:\n%s", want, all)
		}
	}
	if l.Source() == "" {
		t.Error("Source is empty with an override file")
	}
}

func TestMissingKeyWarns(t *testing.T) {
	fsys := fstest.MapFS{"i18n/it.toml": {Data: []byte("home = \"Inizio\"\n")}}
	l, diags := Load("it", fsys)
	if l.T("home") != "Inizio" || l.T("tags") != "Tags" {
		t.Errorf("home %q, tags %q", l.T("home"), l.T("tags"))
	}
	found := false
	for _, d := range diags {
		if strings.Contains(d.Error(), `no translation of "tags"`) && strings.HasPrefix(d.Error(), "i18n/it.toml") {
			found = true
		}
		if !strings.Contains(d.Error(), "warning") && !strings.Contains(d.Error(), "no translation") {
			t.Errorf("unexpected: %v", d)
		}
	}
	if !found {
		t.Errorf("no warning names tags: %v", diags)
	}
}

func TestRTL(t *testing.T) {
	for lang, dir := range map[string]string{"ar": "rtl", "he": "rtl", "fa-IR": "rtl", "en": "ltr", "uk": "ltr"} {
		if l, _ := Load(lang, nil); l.Dir() != dir {
			t.Errorf("%s: dir %s, want %s", lang, l.Dir(), dir)
		}
	}
}
