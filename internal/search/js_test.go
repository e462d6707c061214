package search

import (
	"bytes"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"unicode"
)

// scriptPath is layouts/search.js, the search page's script.
var scriptPath = filepath.Join("..", "..", "layouts", "search.js")

// driver runs search.js in Node: it reads a request (JSON) and writes the
// answer (JSON) for the tests below.
const driver = `
const fs = require('fs'), path = require('path');
const S = require(process.argv[2]);
const req = JSON.parse(fs.readFileSync(process.argv[3], 'utf8'));
const marked = segs => segs.map(s => s.mark ? '[' + s.text + ']' : s.text).join('');
(async () => {
  const out = {};
  if (req.fold) out.fold = req.fold.map(S.fold);
  if (req.tokens) out.tokens = req.tokens.map(S.tokens);
  if (req.shardNames) out.shardNames = req.shardNames.map(S.shardName);
  if (req.queries) out.queries = req.queries.map(q => S.parseQuery(q, 40));
  if (req.codePoints) {
    const l = [];
    for (let c = req.codePoints[0]; c <= req.codePoints[1]; c++) {
      l.push(c >= 0xd800 && c <= 0xdfff ? '' : S.fold(String.fromCodePoint(c)));
    }
    out.codePoints = l;
  }
  if (req.highlight) out.highlight = req.highlight.map(h => marked(S.highlight(h.text, S.parseQuery(h.q).marks)));
  if (req.snippet) out.snippet = req.snippet.map(h => marked(S.snippet({summary: h.summary, body: h.body}, S.parseQuery(h.q).marks, h.max)));
  if (req.index) {
    const eng = new S.Engine(p => JSON.parse(fs.readFileSync(path.join(req.index, p), 'utf8')));
    out.searches = [];
    for (const s of req.searches) {
      const before = eng.requested.length, t0 = process.hrtime.bigint();
      const res = await eng.search(s);
      const pages = [];
      for (const k of s.pages || [20]) {
        const hits = await res.next(k);
        pages.push(hits.map(h => h.url));
        if (!out.first) out.first = hits.length ? {title: marked(S.highlight(hits[0].title, res.query.marks)), snippet: marked(S.snippet(hits[0], res.query.marks))} : null;
      }
      out.searches.push({
        pages, complete: res.complete, total: res.total, found: res.found, more: res.hasMore(),
        loaded: eng.requested.slice(before), ms: Number(process.hrtime.bigint() - t0) / 1e6,
        snippets: null,
      });
      out.first = undefined;
    }
  }
  process.stdout.write(JSON.stringify(out));
})().catch(e => { console.error(e && e.stack || e); process.exit(1); });
`

// node runs the driver with req and decodes the answer into out.
func node(t *testing.T, req, out any) {
	t.Helper()
	bin, err := exec.LookPath("node")
	if err != nil {
		if os.Getenv("BRIEF_REQUIRE_BROWSER") == "1" {
			t.Fatal("node is required (BRIEF_REQUIRE_BROWSER=1) to test layouts/search.js: apt-get install -y nodejs")
		}
		t.Skip("skipping the tests of layouts/search.js: node is not installed (apt-get install -y nodejs)")
	}
	dir := t.TempDir()
	script, err := filepath.Abs(scriptPath)
	if err != nil {
		t.Fatal(err)
	}
	b, err := json.Marshal(req)
	if err != nil {
		t.Fatal(err)
	}
	drv, in := filepath.Join(dir, "driver.js"), filepath.Join(dir, "request.json")
	if err := os.WriteFile(drv, []byte(driver), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(in, b, 0o644); err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(bin, drv, script, in)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	res, err := cmd.Output()
	if err != nil {
		t.Fatalf("node: %v\n%s", err, stderr.Bytes())
	}
	if err := json.Unmarshal(res, out); err != nil {
		t.Fatalf("node answered %q: %v", res, err)
	}
}

// foldCases are strings whose folding search.js and Go must agree on.
var foldCases = []string{
	"", "  Hello,   World! ", "Élysée Palace", "e\u0301te\u0301", "ÖSTERREICH Zürich crème brûlée",
	"Ёлка Київ Йошкар-Ола", "ΟΔΟΣ Ἀθῆναι ΣΑΣ Σ σς", "οδός", "Straße STRASSE ẞ",
	"Łódź Øresund Æsir Œuvre İstanbul Đorđe Þór ĦAL", "I İ ı i", "1,200 drones; 653 launched",
	"1,200,000 and 12,345.67", "1,2345 1,23 12,34 2024,2025 ,200 1,200a a1,200", "1.5 3/4 50% -7",
	"don't U.S. e-mail @user #tag", "emoji 🚀 ok 👍🏽", "नमस्ते दुनिया", "東京 タワー 한국어", "Ｗｏｒｌｄ ﬁne ²",
	"a\u00a0b\u2003c\u200bd\u200de\ufeff", "ǅungla ǲ", "Ⅻ ⅻ ①", "x\u0345y ᾳ ᾼ", "Ǆ\u0301",
	"עִבְרִית العَرَبِيَّة", "ﷺ", "\xff bad \xfe", "\u0130\u0307", "K Å Ω", "ΐ ΰ", "İİ",
	"ҐАНОК Ґанок ЇЖАК Єдність", "أحمد إبراهيم آمنة", "كتـــاب ـ ـا", "مستشفى الْعَرَبِيَّةُ", "طائرة مسيّرة",
}

func TestScriptFoldMatchesGo(t *testing.T) {
	var out struct {
		Fold       []string   `json:"fold"`
		Tokens     [][]string `json:"tokens"`
		ShardNames []string   `json:"shardNames"`
	}
	// JSON cannot carry invalid UTF-8: Node sees U+FFFD, as Go does.
	names := []string{"ab", "2025", "ки", "é", "a東", "😀"}
	node(t, map[string]any{"fold": foldCases, "tokens": foldCases, "shardNames": names}, &out)
	for i, s := range foldCases {
		if want := Fold(s); out.Fold[i] != want {
			t.Errorf("fold(%q): search.js %q, Go %q", s, out.Fold[i], want)
		}
		want := Tokens(s)
		if want == nil {
			want = []string{}
		}
		if !slices.Equal(out.Tokens[i], want) {
			t.Errorf("tokens(%q): search.js %q, Go %q", s, out.Tokens[i], want)
		}
	}
	for i, k := range names {
		if want := shardName(k); out.ShardNames[i] != want {
			t.Errorf("shardName(%q): search.js %q, Go %q", k, out.ShardNames[i], want)
		}
	}
}

// TestScriptFoldEveryCodePoint compares the folding of each code point of
// planes 0 and 1 alone. Go's tables are Unicode 15.0; Node's may be newer:
// a code point that Go does not know, or whose category changed since, may
// fold differently, and is only counted.
func TestScriptFoldEveryCodePoint(t *testing.T) {
	const hi = 0x1ffff
	var out struct {
		CodePoints []string `json:"codePoints"`
	}
	node(t, map[string]any{"codePoints": []int{0, hi}}, &out)
	if len(out.CodePoints) != hi+1 {
		t.Fatalf("%d answers", len(out.CodePoints))
	}
	unknown, bad := 0, 0
	for c := rune(0); c <= hi; c++ {
		if 0xd800 <= c && c <= 0xdfff {
			continue
		}
		got, want := out.CodePoints[c], Fold(string(c))
		if got == want {
			continue
		}
		if !assigned(c) || newer[c] {
			unknown++
			continue
		}
		if bad++; bad <= 20 {
			t.Errorf("U+%04X %q: search.js %q, Go %q", c, string(c), got, want)
		}
	}
	if bad > 20 {
		t.Errorf("... %d code points differ in all", bad)
	}
	t.Logf("%d code points fold differently: unassigned in Go's tables (Unicode 15.0) or changed since", unknown)
}

// newer are code points assigned in Unicode 15.0 whose properties changed
// later, so that Go and a recent browser fold them differently.
var newer = map[rune]bool{
	0x1171e: true, // AHOM CONSONANT SIGN MEDIAL RA: Mn in 15.0, Mc since 16.0
}

// assigned reports whether c is assigned in Go's Unicode tables.
func assigned(c rune) bool { return !unicode.Is(unicode.Categories["Cn"], c) }

func TestScriptParseQuery(t *testing.T) {
	type term struct {
		Tokens   []string `json:"tokens"`
		Prefix   bool     `json:"prefix"`
		Short    bool     `json:"short"`
		Required bool     `json:"required"`
		Verify   bool     `json:"verify"`
	}
	var out struct {
		Queries []struct {
			Text  string `json:"text"`
			Terms []term `json:"terms"`
		} `json:"queries"`
	}
	queries := []string{
		"Miami talks",
		"Miami talks ",
		"Mi",
		"mia",
		`"peace talks" miami`,
		`miami "peace tal`,
		`miami "peace talks"`,
		`"zelensky"`,
		"2025-12-06 drones",
		"2025-12",
		"ÉLYSÉE élysée elysee",
		`""  !!`,
	}
	node(t, map[string]any{"queries": queries}, &out)
	want := []string{
		"miami | talks*",
		"miami | talks",
		"mi*?",
		"mia*",
		`"peace talks"! | miami*`,
		`miami | "peace tal*"!`,
		`miami | "peace talks"!`,
		`"zelensky"`,
		"20251206 | drones*",
		"202512*",
		"elysee*",
		"",
	}
	for i, q := range out.Queries {
		var l []string
		for _, tm := range q.Terms {
			s := strings.Join(tm.Tokens, " ")
			if tm.Prefix {
				s += "*"
			}
			if tm.Short {
				s += "?" // a prefix only if cheap
			}
			if tm.Required {
				s = `"` + s + `"`
			}
			if tm.Verify {
				s += "!"
			}
			l = append(l, s)
		}
		if got := strings.Join(l, " | "); got != want[i] {
			t.Errorf("parseQuery(%q) = %s, want %s", queries[i], got, want[i])
		}
	}
}

func TestScriptHighlightAndSnippet(t *testing.T) {
	var out struct {
		Highlight []string `json:"highlight"`
		Snippet   []string `json:"snippet"`
	}
	long := strings.Repeat("Lorem ipsum dolor sit amet. ", 20)
	req := map[string]any{
		"highlight": []map[string]string{
			{"text": "US and Ukraine to resume peace talks in Miami", "q": "peace talks"},
			{"text": "US and Ukraine to resume peace talks in Miami", "q": `"resume peace"`},
			{"text": "Élysée summit, ÉLYSÉE again", "q": "elysee"},
			{"text": "Зеленський у Києві", "q": "ЗЕЛЕНСЬКИЙ київ"},
			{"text": "1,200 drones, of which 653 were shot down", "q": "1200 653"},
			{"text": "Talking about talks", "q": "tal"},
			{"text": "Talking about talks", "q": "tal "},
			{"text": "<b>not html</b> & more", "q": "html"},
		},
		"snippet": []map[string]any{
			{"summary": "Short summary.", "body": long + "The ceasefire held. " + long, "q": "ceasefire", "max": 80},
			{"summary": "The ceasefire held.", "body": long, "q": "ceasefire", "max": 80},
			{"summary": "No match here.", "body": "Nor here.", "q": "ceasefire", "max": 80},
			{"summary": "", "body": long, "q": "x", "max": 40},
		},
	}
	node(t, req, &out)
	for i, want := range []string{
		"US and Ukraine to resume [peace] [talks] in Miami",
		"US and Ukraine to [resume peace] talks in Miami",
		"[Élysée] summit, [ÉLYSÉE] again",
		"[Зеленський] у Києві",
		"[1,200] drones, of which [653] were shot down",
		"[Talking] about [talks]",
		"Talking about talks",
		"<b>not [html]</b> & more",
	} {
		if out.Highlight[i] != want {
			t.Errorf("highlight %d = %q, want %q", i, out.Highlight[i], want)
		}
	}
	for i, want := range []string{
		"…dolor sit amet. The [ceasefire] held. Lorem ipsum dolor sit amet. Lorem ipsum…",
		"The [ceasefire] held.",
		"No match here.",
		"Lorem ipsum dolor sit amet. Lorem ipsum…",
	} {
		if out.Snippet[i] != want {
			t.Errorf("snippet %d = %q, want %q", i, out.Snippet[i], want)
		}
	}
}

// rankingDocs is a site where "ceasefire" is in a different field of each
// briefing.
func rankingDocs() []Doc {
	docs := sample()
	for _, d := range []Doc{
		{URL: "/title/", Date: "2025-01-01", Title: "Ceasefire agreed", Summary: "A deal.", Body: "Signed today."},
		{URL: "/body/", Date: "2025-02-01", Title: "Talks go on", Summary: "No deal.", Body: "The ceasefire in Kyiv may come."},
		{URL: "/summary/", Date: "2025-03-01", Title: "Hopes rise", Summary: "A ceasefire is near.", Body: "Nothing more."},
		{URL: "/tag/", Date: "2025-04-01", Title: "Border quiet", Tags: []string{"ceasefire"}, Body: "Quiet night."},
		{URL: "/old-title/", Date: "2024-01-01", Title: "Ceasefire collapses", Body: "Fighting resumed."},
		{URL: "/actor/", Date: "2025-05-01", Title: "Monitors report", Actors: []string{"Ceasefire Monitoring Mission"}, Body: "A report."},
		{URL: "/figure/", Date: "2025-06-01", Title: "Numbers of the week", Figures: []string{"Ceasefire violations"}, Body: "Counted."},
		{URL: "/title-body/", Date: "2023-01-01", Title: "Ceasefire talks", Summary: "Ceasefire news.", Body: "The ceasefire, again."},
	} {
		docs = append(docs, d)
	}
	return docs
}

type searchResult struct {
	Pages    [][]string `json:"pages"`
	Complete bool       `json:"complete"`
	Total    int        `json:"total"`
	Found    int        `json:"found"`
	More     bool       `json:"more"`
	Loaded   []string   `json:"loaded"`
	Ms       float64    `json:"ms"`
}

// runSearches builds the index of docs into a folder and runs the searches
// in search.js's Engine, one after the other in one page.
func runSearches(t *testing.T, docs []Doc, searches []map[string]any) []searchResult {
	t.Helper()
	dir := t.TempDir()
	files, _ := Build(docs)
	for p, b := range files {
		if err := os.MkdirAll(filepath.Join(dir, filepath.Dir(p)), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, p), b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	var out struct {
		Searches []searchResult `json:"searches"`
	}
	node(t, map[string]any{"index": dir, "searches": searches}, &out)
	if len(out.Searches) != len(searches) {
		t.Fatalf("%d answers to %d searches", len(out.Searches), len(searches))
	}
	return out.Searches
}

func TestScriptSearch(t *testing.T) {
	q := func(q string) map[string]any { return map[string]any{"q": q} }
	cases := []struct {
		search map[string]any
		want   string // URLs of the first page, by rank
		total  int    // -1: not complete
	}{
		// Title and actor, then tag and figure, then summary, then body;
		// newer first within a rank. /title-body/ has the word in its
		// title, summary and body: 8+2+1.
		{q("ceasefire"), "/title-body/ /actor/ /title/ /old-title/ /figure/ /tag/ /summary/ /body/", 8},
		{q("CEASEFIRE "), "/title-body/ /actor/ /title/ /old-title/ /figure/ /tag/ /summary/ /body/", 8},
		// More words matched first: /body/ has both; kyiv-strikes has
		// "Kyiv" in its title (8) and is newer than /actor/.
		{q("ceasefire kyiv"), "/body/ /title-body/ /2025/12/kyiv-strikes/ /actor/ /title/ /old-title/ /figure/ /tag/ /summary/", 9},
		// The last word is a prefix from three letters on, the others are not.
		{q("ceasef"), "/title-body/ /actor/ /title/ /old-title/ /figure/ /tag/ /summary/ /body/", 8},
		{q("cea"), "/title-body/ /actor/ /title/ /old-title/ /figure/ /tag/ /summary/ /body/", 8},
		{q("ce"), "/title-body/ /actor/ /title/ /old-title/ /figure/ /tag/ /summary/ /body/", 8}, // cheap here: one shard
		{q("c"), "", 0},
		{q("ceasef talks"), "/2025/12/miami-talks/ /body/ /title-body/", 3},
		{q("ceasefire tal"), "/title-body/ /body/ /2025/12/miami-talks/ /actor/ /title/ /old-title/ /figure/ /tag/ /summary/", 9},
		// Accents, case, Cyrillic.
		{q("ELYSEE"), "/2024/01/élysée/", 1},
		{q("élysée summit"), "/2024/01/élysée/", 1},
		{q("КИЇВ"), "/2025/12/kyiv-strikes/", 1},
		{q("зеленський"), "/2025/12/kyiv-strikes/", 1},
		{q("zelensky"), "/2025/12/kyiv-strikes/", 1},
		// Numbers.
		{q("1,200"), "/2025/12/miami-talks/", 1},
		{q("1200 653"), "/2025/12/miami-talks/", 1},
		// Dates.
		{q("2025-12-06"), "/2025/12/miami-talks/", 1},
		{q("2025-12"), "/2025/12/miami-talks/ /2025/12/kyiv-strikes/", 2},
		// Phrases: the words must follow each other in one field.
		{q(`"peace talks"`), "/2025/12/miami-talks/", 1},
		{q(`"talks peace"`), "", 0},
		{q(`"air defence intercepted"`), "/2025/12/kyiv-strikes/", 1},
		{q(`"ceasefire talks" agreed`), "/title-body/", 1},
		{q(`"drones launched"`), "/2025/12/miami-talks/", 1},
		{q(`"steve witk`), "/2025/12/miami-talks/", 1},
		// Filters, with or without words.
		{map[string]any{"actor": "Steve Witkoff"}, "/2025/12/miami-talks/", 1},
		{map[string]any{"actor": "steve WITKOFF"}, "/2025/12/miami-talks/", 1},
		{map[string]any{"tag": "diplomacy"}, "/2025/12/miami-talks/ /2024/01/élysée/", 2},
		{map[string]any{"tag": "diplomacy", "q": "paris"}, "/2024/01/élysée/", 1},
		{map[string]any{"tag": "nope"}, "", 0},
		{map[string]any{"q": "ceasefire", "from": "2025-01-01", "to": "2025-03-01"}, "/title/ /summary/ /body/", 3},
		{map[string]any{"from": "2025-06-01"}, "/2025/12/miami-talks/ /2025/12/kyiv-strikes/ /figure/", 3},
		{map[string]any{"to": "2023-12-31"}, "/title-body/", 1},
		{q(""), "", 0},
		{q(`"" !!`), "", 0},
	}
	var searches []map[string]any
	for _, c := range cases {
		searches = append(searches, c.search)
	}
	res := runSearches(t, rankingDocs(), searches)
	for i, c := range cases {
		r := res[i]
		got := strings.Join(r.Pages[0], " ")
		if got != c.want {
			t.Errorf("search %v:\n got  %s\n want %s", c.search, got, c.want)
		}
		if c.total >= 0 && (!r.Complete || r.Total != c.total) {
			t.Errorf("search %v: complete %v, total %d; want %d", c.search, r.Complete, r.Total, c.total)
		}
	}
	// What was loaded: meta.json once, first.
	if l := res[0].Loaded; len(l) == 0 || l[0] != "meta.json" {
		t.Errorf("first search loaded %v", l)
	}
	for i, r := range res[1:] {
		if slices.Contains(r.Loaded, "meta.json") {
			t.Errorf("search %d loaded meta.json again", i+1)
		}
	}
}

// TestScriptLoadsOnlyWhatIsNeeded checks which files searches load, on a
// site of 1,000 briefings.
func TestScriptLoadsOnlyWhatIsNeeded(t *testing.T) {
	docs := corpus(1000)
	docs[500].Title = "Quixotic talks in Vilnius"
	docs[700].Body += " A quixotic idea, said the quixotic minister."
	res := runSearches(t, docs, []map[string]any{
		{"q": "quixotic"},
		{"q": "quixotic"},
		{"q": `"quixotic minister"`},
		{"q": "the", "pages": []int{20, 20}},
		{"q": "ka"}, {"q": "mi"}, {"q": "th"}, {"q": "ze"},
	})
	byDir := func(l []string) map[string]int {
		m := map[string]int{}
		for _, p := range l {
			m[strings.SplitN(p, "/", 2)[0]]++
		}
		return m
	}
	r := res[0]
	if got := strings.Join(r.Pages[0], " "); !strings.Contains(got, "quixotic") && len(r.Pages[0]) != 2 {
		t.Errorf("quixotic: %v", r.Pages[0])
	}
	if m := byDir(r.Loaded); m["meta.json"] != 1 || m["t"] != 1 || m["x"] != 2 || m["b"] != 1 {
		// doc 500 has the word in its title: no body; doc 700 in the body
		// only: its body block, for the snippet.
		t.Errorf("quixotic loaded %v", r.Loaded)
	}
	if len(res[1].Loaded) != 0 {
		t.Errorf("the same search again loaded %v", res[1].Loaded)
	}
	if r := res[2]; strings.Join(r.Pages[0], " ") != docs700URL(docs) || !r.Complete || r.Total != 1 {
		t.Errorf(`"quixotic minister": %+v`, r)
	}
	r = res[3]
	if len(r.Pages[0]) != 20 || len(r.Pages[1]) != 20 || !r.More || r.Total < 900 {
		t.Errorf("the: %d + %d results of %d, more %v", len(r.Pages[0]), len(r.Pages[1]), r.Total, r.More)
	}
	m := byDir(r.Loaded)
	t.Logf("two pages of %q loaded %v in %.1f ms", "the", m, r.Ms)
	if m["x"] > 20 || m["b"] > 40 || m["t"] != 1 {
		t.Errorf("two pages of %q loaded %v", "the", r.Loaded)
	}
	// Two letters are a prefix only when that costs at most 2 shards.
	for _, r := range res[4:] {
		if m := byDir(r.Loaded); m["t"] > 2 {
			t.Errorf("%v: loaded %v", r.Pages, r.Loaded)
		}
	}
}

func docs700URL(docs []Doc) string { return docs[700].URL }
