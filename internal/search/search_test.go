package search

import (
	"bytes"
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"golang.org/x/text/unicode/norm"

	"github.com/brief-ssg/brief/internal/digest"
)

func TestFold(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{"", ""},
		{"  Hello,   World! ", "hello world"},
		{"Élysée Palace", "elysee palace"},
		{norm.NFD.String("Élysée"), "elysee"}, // decomposed input
		{"e\u0301te\u0301", "ete"},            // a mark does not split a word
		{"ÖSTERREICH Zürich crème brûlée", "osterreich zurich creme brulee"},
		{"Ёлка Київ Йошкар-Ола", "елка киів иошкар ола"}, // Cyrillic marks go too
		{"ΟΔΟΣ Ἀθῆναι", "οδοσ αθηναι"},                   // final sigma as σ, Greek accents removed
		{"οδός", "οδοσ"},
		{"Straße STRASSE ẞ", "strasse strasse ss"},
		{"Łódź Øresund Æsir Œuvre İstanbul Đorđe Þór", "lodz oresund aesir oeuvre istanbul dorde thor"},
		{"1,200 drones; 653 launched", "1200 drones 653 launched"},
		{"1,200,000 and 12,345.67", "1200000 and 12345 67"},
		{"1,2345 1,23 12,34 2024,2025 ,200", "1 2345 1 23 12 34 2024 2025 200"},
		{"1.5 3/4 50% -7", "1 5 3 4 50 7"},
		{"don't U.S. e-mail @user #tag", "don t u s e mail user tag"},
		{"emoji 🚀 ok", "emoji ok"},
		{"नमस्ते दुनिया", "नमसत दनिया"}, // virama and u sign are Mn and go; the vowel sign ि (Mc) stays
		{"東京 タワー", "東京 タワー"},
		{"Ｗｏｒｌｄ", "ｗｏｒｌｄ"}, // compatibility forms are kept (NFD, not NFKD)
		{"a\u00a0b\u2003c\u200bd", "a b c d"},
	} {
		if got := Fold(c.in); got != c.want {
			t.Errorf("Fold(%q) = %q, want %q", c.in, got, c.want)
		}
	}
}

// TestFoldCyrillicAndArabic: the words of the languages brief has
// translations for fold as readers type them.
func TestFoldCyrillicAndArabic(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{"ЗЕЛЕНСЬКИЙ Зеленський", "зеленськии зеленськии"},
		{"ҐАНОК Ґанок ЇЖАК Єдність", "ґанок ґанок іжак єдність"},
		{"ПРИВЕТ, Ёжик", "привет ежик"},
		{"ÜBER Übergang", "uber ubergang"},
		{"Дніпро—Запоріжжя «ППО»", "дніпро запоріжжя ппо"},
		{"الْعَرَبِيَّةُ", "العربيه"},              // short vowels and shadda go; teh marbuta as heh
		{"أحمد إبراهيم آمنة", "احمد ابراهيم امنه"}, // hamza above and below, madda
		{"كتـــاب", "كتاب"},                        // tatweel
		{"مستشفى مستشفي", "مستشفي مستشفي"},         // alef maqsura as yeh
		{"طائرة مسيّرة", "طايره مسيره"},            // yeh with hamza above
	} {
		if got := Fold(c.in); got != c.want {
			t.Errorf("Fold(%q) = %q, want %q", c.in, got, c.want)
		}
	}
}

func TestTokens(t *testing.T) {
	for _, c := range []struct {
		in   string
		want []string
	}{
		{"", nil},
		{" ,;- ", nil},
		{"US and Ukraine to resume peace-talks", []string{"us", "and", "ukraine", "to", "resume", "peace", "talks"}},
		{"Drones launched: 653 (1,200 in total)", []string{"drones", "launched", "653", "1200", "in", "total"}},
		{"Зеленський, Zelenskyy", []string{"зеленськии", "zelenskyy"}},
	} {
		if got := Tokens(c.in); !slices.Equal(got, c.want) {
			t.Errorf("Tokens(%q) = %q, want %q", c.in, got, c.want)
		}
	}
}

func TestShardName(t *testing.T) {
	for in, want := range map[string]string{
		"ab":   "ab",
		"2025": "2025",
		"ки":   "_d0bad0b8",
		"é":    "_c3a9",
		"a東":   "_61e69db1",
	} {
		if got := shardName(in); got != want {
			t.Errorf("shardName(%q) = %q, want %q", in, got, want)
		}
	}
}

func sample() []Doc {
	return []Doc{
		{
			URL: "/2025/12/miami-talks/", Title: "US and Ukraine to resume peace talks in Miami", Date: "2025-12-06",
			Summary: "Delegations will meet on Saturday.",
			Body:    "The talks follow a night of strikes: 653 drones and 51 missiles were launched, 1,200 in a week.",
			Actors:  []string{"Steve Witkoff", "Rustem Umerov"}, Aliases: []string{"Umerov R."},
			Tags: []string{"diplomacy", "peace-talks"}, Figures: []string{"Drones launched", "Missiles launched"},
		},
		{
			URL: "/2025/12/kyiv-strikes/", Title: "Overnight strikes on Kyiv", Date: "2025-12-05",
			Summary: "Energy sites were hit.", Body: "Зеленський said air defence intercepted most drones over Київ.",
			Actors: []string{"Volodymyr Zelenskyy"}, Aliases: []string{"Zelensky"}, Tags: []string{"energy"},
		},
		{
			URL: "/2024/01/élysée/", Title: "Élysée summit", Date: "2024-01-15",
			Summary: "Leaders met in Paris.", Body: "A communiqué followed.",
			Actors: []string{"Emmanuel Macron"}, Tags: []string{"diplomacy"},
		},
	}
}

func TestBuildIndexesEveryField(t *testing.T) {
	ix := build(t, sample())
	if ix.meta.Docs != 3 || ix.meta.Version != 1 || ix.meta.MaxToken != MaxTokenRunes || !slices.Equal(ix.meta.Fields, fieldNames) {
		t.Fatalf("meta = %+v", ix.meta)
	}
	// Doc 0 is the newest: the Miami talks.
	for _, c := range []struct {
		tok  string
		id   int
		want int
	}{
		{"miami", 0, fieldTitle},
		{"talks", 0, fieldTitle | fieldTag | fieldBody},
		{"witkoff", 0, fieldActor},
		{"umerov", 0, fieldActor},
		{"r", 0, fieldActor}, // from the alias "Umerov R."
		{"diplomacy", 0, fieldTag},
		{"peace", 0, fieldTitle | fieldTag},
		{"launched", 0, fieldFigure | fieldBody},
		{"drones", 0, fieldFigure | fieldBody},
		{"saturday", 0, fieldSummary},
		{"653", 0, fieldBody},
		{"1200", 0, fieldBody},
		{"2025", 0, fieldDate},
		{"202512", 0, fieldDate},
		{"20251206", 0, fieldDate},
		{"zelensky", 1, fieldActor},
		{"zelenskyy", 1, fieldActor},
		{"зеленськии", 1, fieldBody},
		{"киів", 1, fieldBody},
		{"energy", 1, fieldTag | fieldSummary},
		{"elysee", 2, fieldTitle},
		{"communique", 2, fieldBody},
		{"20240115", 2, fieldDate},
	} {
		got := ix.lookup(c.tok)
		if got[c.id] != c.want {
			t.Errorf("%q in doc %d: fields %s, want %s (postings %v)", c.tok, c.id, fields(got[c.id]), fields(c.want), got)
		}
	}
	// Not indexed: URLs, punctuation, the spellings before folding.
	for _, tok := range []string{"kyiv-strikes", "Miami", "élysée", "1,200", "2025-12-06", "12", "06"} {
		if got := ix.lookup(tok); len(got) > 0 {
			t.Errorf("%q is indexed: %v", tok, got)
		}
	}
	// "drones" is in docs 0 and 1; "diplomacy" in 0 and 2.
	if got := ix.lookup("diplomacy"); len(got) != 2 || got[2] != fieldTag {
		t.Errorf("diplomacy: %v", got)
	}
}

func TestBuildMetaAndText(t *testing.T) {
	ix := build(t, sample())
	var m struct {
		Dates  [][]any `json:"dates"`
		Actors [][]any `json:"actors"`
		Tags   [][]any `json:"tags"`
	}
	ix.decode("meta.json", &m)
	if got := fmt.Sprint(m.Dates); got != "[[2025-12-06 1] [2025-12-05 1] [2024-01-15 1]]" {
		t.Errorf("dates = %s", got)
	}
	if got := fmt.Sprint(m.Actors); got != "[[Emmanuel Macron [2]] [Rustem Umerov [0]] [Steve Witkoff [0]] [Volodymyr Zelenskyy [1]]]" {
		t.Errorf("actors = %s", got)
	}
	if got := fmt.Sprint(m.Tags); got != "[[diplomacy [0 2]] [energy [1]] [peace-talks [0]]]" {
		t.Errorf("tags = %s (ids delta-coded)", got)
	}
	var block [][]any
	ix.decode("x/0.json", &block)
	if len(block) != 3 {
		t.Fatalf("block 0 has %d docs", len(block))
	}
	if got := fmt.Sprint(block[0]); got != "[/2025/12/miami-talks/ US and Ukraine to resume peace talks in Miami Delegations will meet on Saturday. "+
		"[Steve Witkoff Rustem Umerov Umerov R.] [diplomacy peace-talks] [Drones launched Missiles launched]]" {
		t.Errorf("text of doc 0 = %s", got)
	}
	if got := fmt.Sprint(block[2]); got != "[/2024/01/élysée/ Élysée summit Leaders met in Paris. [Emmanuel Macron] [diplomacy]]" {
		t.Errorf("text of doc 2 = %s (empty trailing lists are left out)", got)
	}
	var bodies [][]string
	for i := range (3 + bodyBlockSize - 1) / bodyBlockSize {
		var b []string
		ix.decode(fmt.Sprintf("b/%d.json", i), &b)
		bodies = append(bodies, b)
	}
	if got := fmt.Sprintf("%q", bodies); got != `[["The talks follow a night of strikes: 653 drones and 51 missiles were launched, 1,200 in a week." `+
		`"Зеленський said air defence intercepted most drones over Київ." "A communiqué followed."]]` {
		t.Errorf("body blocks = %s", got)
	}
	validUTF8JSON(t, ix.files)
}

func TestBuildSortsAndIsDeterministic(t *testing.T) {
	docs := corpus(300)
	files, st := Build(docs)
	r := rand.New(rand.NewPCG(3, 4))
	for range 3 {
		shuffled := slices.Clone(docs)
		r.Shuffle(len(shuffled), func(i, j int) { shuffled[i], shuffled[j] = shuffled[j], shuffled[i] })
		again, st2 := Build(shuffled)
		if st != st2 || len(again) != len(files) {
			t.Fatalf("stats %+v, then %+v", st, st2)
		}
		for p, b := range files {
			if !bytes.Equal(b, again[p]) {
				t.Fatalf("%s differs between builds", p)
			}
		}
	}
	// Date descending, then URL.
	ix := &index{t: t, files: files}
	var all []Doc
	for i := 0; ; i++ {
		b, ok := files[fmt.Sprintf("x/%d.json", i)]
		if !ok {
			break
		}
		var block [][]any
		if err := json.Unmarshal(b, &block); err != nil {
			t.Fatal(err)
		}
		for _, e := range block {
			all = append(all, Doc{URL: e[0].(string)})
		}
	}
	ix.decode("meta.json", &ix.meta)
	id := 0
	for _, r := range ix.meta.Dates {
		for range int(r[1].(float64)) {
			all[id].Date = r[0].(string)
			id++
		}
	}
	if id != len(docs) || len(all) != len(docs) {
		t.Fatalf("%d dates, %d docs in text blocks, want %d", id, len(all), len(docs))
	}
	if !slices.IsSortedFunc(all, func(a, b Doc) int {
		if a.Date != b.Date {
			return strings.Compare(b.Date, a.Date)
		}
		return strings.Compare(a.URL, b.URL)
	}) {
		t.Error("docs are not sorted by date descending, then URL")
	}
	if st.Docs != 300 || st.Files != len(files) {
		t.Errorf("stats = %+v", st)
	}
	var total int64
	for _, b := range files {
		total += int64(len(b))
	}
	if st.Bytes != total {
		t.Errorf("Stats.Bytes = %d, files total %d", st.Bytes, total)
	}
}

// TestShards checks the shard rule search.js relies on: every token is in
// the shard of the longest key that is a prefix of it, and nowhere else.
func TestShards(t *testing.T) {
	docs := corpus(400)
	docs[0].Body += " Зеленський Київ ünïcode 東京"
	ix := build(t, docs)
	if !slices.IsSorted(ix.meta.Shards) {
		t.Error("shard keys are not sorted")
	}
	seen := map[string]string{}
	split := 0
	for _, k := range ix.meta.Shards {
		var shard map[string]json.RawMessage
		ix.decode("t/"+shardName(k)+".json", &shard)
		for tok := range shard {
			if got := ix.shardOf(tok); got != k {
				t.Errorf("token %q is in shard %q, but the longest key before it is %q", tok, k, got)
			}
			if prev, ok := seen[tok]; ok {
				t.Errorf("token %q in shards %q and %q", tok, prev, k)
			}
			seen[tok] = k
		}
		if len(shard) == 1 && runeLen(k) > 1 {
			split++
		}
	}
	for _, tok := range []string{"зеленськии", "киів", "unicode", "東京"} {
		if _, ok := seen[tok]; !ok {
			t.Errorf("%q is in no shard", tok)
		}
	}
	_, _, _, count := sizes(ix.files, "t/")
	if count != len(ix.meta.Shards) {
		t.Errorf("%d shard files, %d keys", count, len(ix.meta.Shards))
	}
	t.Logf("%d tokens in %d shards", len(seen), len(ix.meta.Shards))
}

func runeLen(s string) int { return len([]rune(s)) }

// TestLongTokensAreCut checks that a token longer than MaxTokenRunes is
// indexed by its first MaxTokenRunes runes.
func TestLongTokensAreCut(t *testing.T) {
	long := strings.Repeat("ж", 50)
	ix := build(t, []Doc{{URL: "/a/", Date: "2025-01-01", Body: long}})
	if got := ix.lookup(strings.Repeat("ж", MaxTokenRunes)); got[0] != fieldBody {
		t.Errorf("cut token: %v", got)
	}
	if got := ix.lookup(long); len(got) != 0 {
		t.Errorf("whole token: %v", got)
	}
}

func TestBuildEmptyAndOdd(t *testing.T) {
	files, st := Build(nil)
	if st.Docs != 0 || st.Terms != 0 || len(files) != 1 {
		t.Errorf("no docs: %v %+v", keys(files), st)
	}
	validUTF8JSON(t, files)
	// Invalid UTF-8, control characters, U+2028, quotes and a date that
	// is not a date.
	files, _ = Build([]Doc{{URL: "/\"x\"/", Title: "bad \xff byte\x00\u2028 \"q\" \\", Date: "soon", Body: "<script>"}})
	validUTF8JSON(t, files)
	var m map[string]any
	if err := json.Unmarshal(files["meta.json"], &m); err != nil {
		t.Fatal(err)
	}
	var block [][]string
	if err := json.Unmarshal(files["x/0.json"], &block); err != nil {
		t.Fatal(err)
	}
	if got := block[0][1]; got != "bad \ufffd byte\x00\u2028 \"q\" \\" {
		t.Errorf("title = %q", got)
	}
	ix := build(t, []Doc{{URL: "/x/", Date: "soon"}})
	if got := ix.lookup("soon"); got[0] != fieldDate {
		t.Errorf("a date that is not YYYY-MM-DD is indexed as words: %v", got)
	}
}

func keys(m map[string][]byte) []string {
	var l []string
	for k := range m {
		l = append(l, k)
	}
	slices.Sort(l)
	return l
}

// TestSizeBudget builds the index of 10,000 generated briefings and checks
// what a reader's browser has to load.
func TestSizeBudget(t *testing.T) {
	// The race detector makes the build about seven times slower: it
	// checks a quarter of the docs then, and the budget per doc.
	n := 10000
	if raceEnabled || testing.Short() {
		n = 2500
		t.Logf("%d docs only (race detector or -short); go test -run SizeBudget ./internal/search checks 10,000", n)
	}
	docs := corpus(n)
	start := time.Now()
	files, st := Build(docs)
	took := time.Since(start)

	meta := len(files["meta.json"])
	tName, tMax, tTotal, tCount := sizes(files, "t/")
	xName, xMax, xTotal, xCount := sizes(files, "x/")
	bName, bMax, bTotal, bCount := sizes(files, "b/")
	t.Logf("%d docs: %d terms, %d files, %.1f MB in all, built in %v (race detector: %v)",
		st.Docs, st.Terms, st.Files, float64(st.Bytes)/1e6, took.Round(time.Millisecond), raceEnabled)
	t.Logf("meta.json: %d bytes (%.1f per doc)", meta, float64(meta)/float64(n))
	t.Logf("token shards: %d files, %.1f MB, %.1f KB average, largest %s %.1f KB",
		tCount, float64(tTotal)/1e6, float64(tTotal)/float64(tCount)/1e3, tName, float64(tMax)/1e3)
	t.Logf("text blocks: %d files, %.1f MB, largest %s %.1f KB", xCount, float64(xTotal)/1e6, xName, float64(xMax)/1e3)
	t.Logf("body blocks: %d files, %.1f MB, largest %s %.1f KB", bCount, float64(bTotal)/1e6, bName, float64(bMax)/1e3)

	// What the token lookups of a few queries load (search.js's rule):
	// a whole word, or a prefix of 3 letters or more.
	ix := &index{t: t, files: files}
	ix.decode("meta.json", &ix.meta)
	for _, q := range []struct {
		word   string
		prefix bool
	}{{"talks", false}, {"the", false}, {"the", true}, {"mil", true}, {"kam", true}, {"20", false}, {"2021", true}} {
		total, shards := 0, 0
		for _, k := range ix.meta.Shards {
			if k == ix.shardOf(q.word) || q.prefix && strings.HasPrefix(k, q.word) {
				total += len(files["t/"+shardName(k)+".json"])
				shards++
			}
		}
		t.Logf("token lookup %q (prefix %v) loads %d shards, %.1f KB", q.word, q.prefix, shards, float64(total)/1e3)
	}

	if perDoc := float64(meta) / float64(n); perDoc > 150 {
		t.Errorf("meta.json takes %.0f bytes per doc, over the budget of 1.5 MB for 10,000", perDoc)
	}
	if tMax > 256_000 {
		t.Errorf("largest token shard %s is %d bytes, want under 256 KB", tName, tMax)
	}
	if xMax > 20_000 || bMax > 40_000 {
		t.Errorf("largest text block %s is %d bytes, largest body block %s %d bytes; want under 20 KB and 40 KB", xName, xMax, bName, bMax)
	}
}

func BenchmarkBuild(b *testing.B) {
	docs := corpus(2000)
	b.ResetTimer()
	for b.Loop() {
		Build(docs)
	}
}

func BenchmarkFold(b *testing.B) {
	s := corpus(1)[0].Body
	b.SetBytes(int64(len(s)))
	for b.Loop() {
		Fold(s)
	}
}

// TestHTMLBodies: docs given their body as HTML give the same index as
// docs given its plain text, over several batches of tokenizing.
func TestHTMLBodies(t *testing.T) {
	text := corpus(invertBatch*2 + 37)
	html := make([]Doc, len(text))
	for i, d := range text {
		words := strings.Fields(d.Body)
		half := len(words) / 2
		d.HTML = "<p>" + strings.Join(words[:half], " ") + "</p>\n<ul><li><em>" + strings.Join(words[half:], "</em> <em>") + "</em></li></ul>"
		d.Body = ""
		html[i] = d
		text[i].Body = strings.Join(words, " ")
	}
	want, wantStats := Build(text)
	got, gotStats := Build(html)
	if gotStats != wantStats {
		t.Errorf("stats %+v, want %+v", gotStats, wantStats)
	}
	for name, b := range want {
		if string(got[name]) != string(b) {
			t.Fatalf("%s differs:\n got %.300s\nwant %.300s", name, got[name], b)
		}
	}
	if len(got) != len(want) {
		t.Errorf("%d files, want %d", len(got), len(want))
	}
}

// memoryBodies is Bodies in a map, and Indexes.
type memoryBodies struct {
	mu       sync.Mutex
	toks     map[[16]byte]string
	sums     [][16]byte
	postings map[string][]uint32
	asked    int // bodies asked for
}

func (m *memoryBodies) LastIndex() ([][16]byte, map[string][]uint32, bool) {
	return m.sums, m.postings, m.sums != nil
}

func (m *memoryBodies) SetIndex(sums [][16]byte, postings map[string][]uint32) {
	m.sums, m.postings = sums, postings
}

func (m *memoryBodies) Body(sum [16]byte) (string, bool) {
	m.mu.Lock()
	defer m.mu.Unlock()
	m.asked++
	t, ok := m.toks[sum]
	return t, ok
}

func (m *memoryBodies) SetBody(sum [16]byte, toks string) {
	m.mu.Lock()
	defer m.mu.Unlock()
	m.toks[sum] = toks
}

// made is one file of an index, with its input.
type made struct {
	data  string
	input [16]byte
}

// writeKeeping makes the index of docs, keeping the files of prev whose
// inputs did not change, and returns every file (kept ones from prev),
// the names of those made, and the stats.
func writeKeeping(docs []Doc, prev map[string]made, bodies Bodies) (map[string]made, []string, Stats) {
	files := map[string]made{}
	var emitted []string
	var mu sync.Mutex
	st := Write(docs, Options{Bodies: bodies,
		Emit: func(name string, data []byte, input [16]byte) {
			mu.Lock()
			files[name] = made{string(data), input}
			emitted = append(emitted, name)
			mu.Unlock()
		},
		Keep: func(name string, input [16]byte) (int64, bool) {
			mu.Lock()
			defer mu.Unlock()
			old, ok := prev[name]
			if !ok || old.input != input {
				return 0, false
			}
			files[name] = old
			return int64(len(old.data)), true
		}})
	return files, emitted, st
}

// TestKeptFilesAreTheSame edits a few bodies of an index made from HTML and
// makes it again, keeping the body blocks and token shards whose inputs
// did not change, with remembered body tokens and without: the files are
// those of an index made from scratch, and only a few are made again.
func TestKeptFilesAreTheSame(t *testing.T) {
	docs := corpus(invertBatch*2 + 37)
	for i := range docs {
		docs[i].HTML = "<p>" + docs[i].Body + "</p>"
		docs[i].Body = ""
		docs[i].Sum = digest.OfString(docs[i].HTML)
	}
	for _, withBodies := range []bool{false, true} {
		var bodies Bodies
		if withBodies {
			bodies = &memoryBodies{toks: map[[16]byte]string{}}
		}
		first, _, _ := writeKeeping(docs, nil, bodies)
		edited := slices.Clone(docs)
		for _, i := range []int{3, 700, len(docs) - 1} {
			// Words of other docs that this one lacks, so that tokens
			// already indexed get a new posting, and one word new to the
			// index.
			has := map[string]bool{}
			for _, w := range Tokens(docs[i].Body + " " + docs[i].HTML) {
				has[w] = true
			}
			var added []string
			for j := 0; len(added) < 8; j++ {
				for _, w := range Tokens(docs[j].HTML) {
					if !has[w] && len(added) < 8 {
						has[w] = true
						added = append(added, w)
					}
				}
			}
			edited[i].HTML += "<p>" + strings.Join(added, " ") + " zwischenstaatlich" + strconv.Itoa(i) + ".</p>"
			edited[i].Sum = digest.OfString(edited[i].HTML)
		}
		got, emitted, gotStats := writeKeeping(edited, first, bodies)
		want, wantStats := Build(edited)
		if gotStats != wantStats {
			t.Errorf("bodies %v: stats %+v, want %+v", withBodies, gotStats, wantStats)
		}
		if len(got) != len(want) {
			t.Errorf("bodies %v: %d files, want %d", withBodies, len(got), len(want))
		}
		for name, b := range want {
			if got[name].data != string(b) {
				t.Fatalf("bodies %v: %s differs:\n got %.300s\nwant %.300s", withBodies, name, got[name].data, b)
			}
		}
		made := map[string]int{}
		for _, name := range emitted {
			made[name[:2]]++
		}
		// meta.json is always made; it is small.
		if made["b/"] != 3 || made["x/"] != 3 || made["t/"] > 3*9 {
			t.Errorf("bodies %v: made %d body blocks, %d text blocks and %d token shards again; want the 3 body and text blocks of the edited docs and at most the shards of their 9 new words each", withBodies, made["b/"], made["x/"], made["t/"])
		}
	}
}

// TestIndexUpdated makes an index, then again after rounds of edits, with
// the last index's postings remembered: bodies, titles and dates edited in
// a few docs (updated in place), docs added and removed (made again). Each
// is the index made from scratch, and an update asks only for the tokens
// of the docs that changed.
func TestIndexUpdated(t *testing.T) {
	docs := corpus(invertBatch + 300)
	sumOf := func(d *Doc) {
		d.Sum = digest.OfString(d.HTML)
	}
	for i := range docs {
		docs[i].HTML = "<p>" + docs[i].Body + "</p>"
		docs[i].Body = ""
		sumOf(&docs[i])
	}
	mem := &memoryBodies{toks: map[[16]byte]string{}}
	files, _, _ := writeKeeping(docs, nil, mem)
	rng := rand.New(rand.NewPCG(7, 8))
	words := Tokens(docs[0].HTML + " " + docs[1].HTML)
	for round := range 12 {
		edited := slices.Clone(docs)
		what := ""
		switch round % 4 {
		case 0, 1: // bodies of a few docs, with new and known words
			for range 1 + rng.IntN(4) {
				i := rng.IntN(len(edited))
				edited[i].HTML = "<p>" + words[rng.IntN(len(words))] + " neu" + strconv.Itoa(round) + " " + edited[i].HTML[3:]
				sumOf(&edited[i])
			}
			what = "bodies"
		case 2: // a title, and a body that loses all its words but one
			edited[rng.IntN(len(edited))].Title = "Renamed " + strconv.Itoa(round)
			i := rng.IntN(len(edited))
			edited[i].HTML = "<p>talks</p>"
			sumOf(&edited[i])
			what = "title"
		case 3: // a doc added, another removed
			d := edited[rng.IntN(len(edited))]
			d.URL += "copy/"
			edited = append(edited, d)
			k := rng.IntN(len(edited))
			edited = append(edited[:k], edited[k+1:]...)
			what = "added and removed"
		}
		// What the docs that changed are: their sums differ from the last.
		sorted := slices.Clone(edited)
		slices.SortFunc(sorted, compareDocs)
		changed := 0
		for i := range sorted {
			if i >= len(mem.sums) || docSum(&sorted[i], new([]byte)) != mem.sums[i] {
				changed++
			}
		}
		mem.asked = 0
		got, _, gotStats := writeKeeping(edited, files, mem)
		want, wantStats := Build(edited)
		if gotStats != wantStats {
			t.Fatalf("round %d (%s): stats %+v, want %+v", round, what, gotStats, wantStats)
		}
		if len(got) != len(want) {
			t.Fatalf("round %d (%s): %d files, want %d", round, what, len(got), len(want))
		}
		for name, b := range want {
			if got[name].data != string(b) {
				t.Fatalf("round %d (%s): %s differs:\n got %.300s\nwant %.300s", round, what, name, got[name].data, b)
			}
		}
		if what != "added and removed" && mem.asked != 2*changed {
			t.Errorf("round %d (%s): %d docs changed, %d bodies asked for; want the old and new tokens of each, %d", round, what, changed, mem.asked, 2*changed)
		}
		docs, files = edited, got
	}
}

// TestPostingsSize: the size that chooses the shards is the size written,
// for gaps of every number of digits.
func TestPostingsSize(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 1))
	for n := range 200 {
		ps := make([]uint32, n%17)
		id := uint32(0)
		for i := range ps {
			id += uint32(rng.IntN(1 << (rng.IntN(24) + 1)))
			ps[i] = id<<maskBits | uint32(rng.IntN(1<<maskBits))
		}
		if got, want := postingsSize(ps), len(appendPostings(nil, ps)); got != want {
			t.Fatalf("postingsSize(%v) = %d, want %d", ps, got, want)
		}
	}
}
