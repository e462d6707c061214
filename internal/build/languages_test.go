package build_test

import (
	"strings"
	"testing"
	"testing/fstest"
)

// ukrainian is a one-language site in Ukrainian: labels, dates, month
// archives, numbers and percentages are written in it.
const ukrainian = `
-- brief.toml --
title = "Зведення"
baseURL = "https://example.org/"
language = "uk"
timezone = "Europe/Kyiv"
pageSize = 1
-- content/2025/2025-12-08-strikes.md --
---
title: Нічна атака
date: 2025-12-08
updated: 2025-12-09
location: Київ
tags: [ППО]
actors: [Росія]
figures:
  - label: Запущено дронів
    value: 1200
    unit: дронів
  - label: Збито дронів
    value: 1075
    unit: дронів
    of: Запущено дронів
---
Текст.
-- content/2025/2025-12-01-earlier.md --
---
title: Раніше
date: 2025-12-01
tags: [ППО]
figures:
  - label: Запущено дронів
    value: 653.5
    unit: дронів
---
-- content/2025/2025-11-02-november.md --
---
title: Листопад
date: 2025-11-02
tags: [ППО]
---
`

func TestUkrainianSite(t *testing.T) {
	r := buildSite(t, ukrainian).ok()
	if w := r.diags.Warnings(); strings.Contains(w.Error(), "translation") {
		t.Errorf("built-in Ukrainian lacks translations:\n%v", w)
	}
	page := "2025/12/strikes/index.html"
	r.contains(page,
		`<html lang="uk">`,
		`Перейти до змісту`, `>Головна</a>`, `>Теги</a>`, `>Показники</a>`,
		`<dt>Опубліковано</dt>`, `<time datetime="2025-12-08T00:00:00&#43;02:00">8 грудня 2025</time>`,
		`<dt>Оновлено</dt>`, `9 грудня 2025`,
		`<caption>Показники</caption>`, `data-label="Значення"`,
		"1\u00a0200", "1\u00a0075 з 1\u00a0200 (89,6\u00a0%)",
		`&#43;546,5 порівняно з <a`, `Зроблено з brief`,
	)
	r.lacks(page, `>Published<`, `Tags`, `December`, `1,200`, `89.6%`)
	r.contains("index.html", `Останні показники`, `Сторінка 1 з 3`, `>Наступна</a>`)
	r.contains("page/2/index.html", `<title>Зведення · Сторінка 2</title>`)
	r.contains("2025/index.html", `aria-label="Місяці 2025 року"`, `>Грудень 2025</a> <span class="count">2 брифінги</span>`,
		`>Листопад 2025</a> <span class="count">1 брифінг</span>`)
	r.contains("2025/12/index.html", `<h1>Грудень 2025</h1>`, `Усі брифінги 2025 року`)
	r.contains("tags/index.html", `<h1>Теги</h1>`, `<title>Теги · Зведення</title>`, `3 брифінги`)
	r.contains("404.html", `Сторінку не знайдено`)
}

func TestArabicSite(t *testing.T) {
	site := strings.NewReplacer(`language = "uk"`, `language = "ar"`).Replace(ukrainian)
	r := buildSite(t, site).ok()
	page := "2025/12/strikes/index.html"
	r.contains(page, `<html lang="ar" dir="rtl">`, `<dt>نُشر</dt>`, `٨ ديسمبر ٢٠٢٥`, `١٬٢٠٠`, `الرئيسية`)
	r.contains("2025/index.html", `إحاطتان`)
}

// TestEnglishHasNoDir: an English page is written as it always was.
func TestEnglishHasNoDir(t *testing.T) {
	r := buildSite(t, strikes).ok()
	r.contains("index.html", `<html lang="en">`)
}

func TestTranslationFile(t *testing.T) {
	site := siteFS(ukrainian)
	site["i18n/uk.toml"] = &fstest.MapFile{Data: []byte("home = \"Початок\"\n# a comment\nhome_page = \"x\"\n")}
	r := buildFS(t, site)
	r.reports(`i18n/uk.toml:3:1: unknown key "home_page": the layouts print no such string`)
	delete(site, "i18n/uk.toml")
	site["i18n/uk.toml"] = &fstest.MapFile{Data: []byte("home = \"Початок\"\n")}
	buildFS(t, site).ok().contains("index.html", `>Початок</a>`)
}

func TestTranslationFileOfNewLanguage(t *testing.T) {
	site := siteFS(strings.NewReplacer(`language = "uk"`, `language = "it"`).Replace(ukrainian))
	site["i18n/it.toml"] = &fstest.MapFile{Data: []byte("home = \"Inizio\"\n")}
	r := buildFS(t, site).ok()
	r.reports(`i18n/it.toml: warning: no translation of "tags": the pages show the English "Tags"; add it to i18n/it.toml`)
	r.contains("index.html", `>Inizio</a>`, `>Tags</a>`)
}

func TestUnknownLanguageWarnsOnce(t *testing.T) {
	r := buildSite(t, strings.NewReplacer(`language = "uk"`, `language = "it"`).Replace(ukrainian)).ok()
	r.reports(`brief.toml: warning: brief has no translations for language "it": the pages are in English; write them in i18n/it.toml`)
	if n := len(r.diags.Warnings()); n > 2 {
		t.Errorf("%d warnings:\n%s", n, r.messages())
	}
}

// TestUkrainianChart: a figure's chart is labelled in Ukrainian: its
// title, its months and its numbers.
func TestUkrainianChart(t *testing.T) {
	r := buildSite(t, ukrainian).ok()
	var page string
	for _, p := range r.mem.Paths() {
		if strings.HasPrefix(p, "figures/") && strings.Count(p, "/") == 2 && strings.HasSuffix(p, "/index.html") && strings.Contains(r.file(p), "<h1>Запущено дронів</h1>") {
			page = p
		}
	}
	if page == "" {
		t.Fatal("no page of the series Запущено дронів")
	}
	r.contains(page, `Запущено дронів у часі</title>`, `Запущено дронів у 2 брифінгах, з 1 грудня 2025 до 8 грудня 2025`,
		`груд.</text>`, "1\u00a0000</text>", `<p class="lead">2 значення (дронів), з <time`, `<caption>Усі значення, від найновішого</caption>`)
	r.lacks(page, `Dec`, `1,000`, `over time`)
}
