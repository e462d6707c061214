package slug

import (
	"strconv"
	"strings"
	"testing"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// TestFold is row 26: case, accents and Unicode normal forms do not make
// two names.
func TestFold(t *testing.T) {
	nfc := norm.NFC.String("économie")
	nfd := norm.NFD.String("économie")
	if nfc == nfd {
		t.Fatal("the test needs two different forms")
	}
	groups := [][]string{
		{"Economy", "economy", "ECONOMY", " economy ", "Ecónomy"},
		{nfc, nfd, "ÉCONOMIE", "economie", norm.NFD.String("ÉCONOMIE")},
		{"Steve Witkoff", "steve  witkoff", "Steve\tWitkoff", "STEVE WITKOFF"},
		{"Zelenskyy", "ZELENSKYY"},
		{"İstanbul", "istanbul", "ISTANBUL"},
		{"Κρήτη", "κρητη", "ΚΡΗΤΗ"}, // Greek accents go
		{"Київ", "київ", "КИЇВ"},    // Ukrainian ї stays ї …
		{"Київ", norm.NFD.String("Київ")},
	}
	for _, g := range groups {
		want := Fold(g[0])
		for _, name := range g[1:] {
			if got := Fold(name); got != want {
				t.Errorf("Fold(%q) = %q, Fold(%q) = %q: want one name", name, got, g[0], want)
			}
		}
		if !norm.NFC.IsNormalString(want) {
			t.Errorf("Fold(%q) = %q is not NFC", g[0], want)
		}
	}
	apart := [][2]string{
		{"economy", "economie"},
		{"Київ", "Кіїв"}, // … and is not і
		{"Йорк", "Иорк"}, // Russian й is not и
		{"が", "か"},       // nor a voiced kana its plain one
		{"a b", "ab"},
	}
	for _, p := range apart {
		if Fold(p[0]) == Fold(p[1]) {
			t.Errorf("Fold(%q) == Fold(%q) == %q: want two names", p[0], p[1], Fold(p[0]))
		}
	}
	for in, want := range map[string]string{"Économie": "economie", "  Steve   Witkoff ": "steve witkoff", "KYÏV": "kyiv", "": ""} {
		if got := Fold(in); got != want {
			t.Errorf("Fold(%q) = %q, want %q", in, got, want)
		}
	}
}

// TestMakeIsSafe is row 28: whatever the name, the slug is one safe path
// segment of at most MaxLen bytes.
func TestMakeIsSafe(t *testing.T) {
	long := strings.Repeat("abcdefghij ", 30)
	tests := []struct{ name, want string }{
		{"../../etc", "etc"},
		{"a/b", "a-b"},
		{`a\b`, "a-b"},
		{"?#%", ""},
		{".", ""},
		{"..", ""},
		{"", ""},
		{"con", "con_"},
		{"NUL", "nul_"},
		{"COM1", "com1_"},
		{"lpt9", "lpt9_"},
		{"Com0", "com0_"},
		{"AUX", "aux_"},
		{"prn.txt", "prn-txt"},
		{"console", "console"},
		{"Économie & Énergie", "economie-energie"},
		{"Київ", "київ"},
		{"東京", "東京"},
		{"हिन्दी", "हिन्दी"},
		{"  -- spaced -- out --  ", "spaced-out"},
		{long, strings.TrimSuffix(strings.Repeat("abcdefghij-", 9), "-")},
		{strings.Repeat("x", 300), strings.Repeat("x", MaxLen)},
		{strings.Repeat("é", 300), strings.Repeat("e", MaxLen)},
		{strings.Repeat("東", 300), strings.Repeat("東", MaxLen/3)},
	}
	for _, tt := range tests {
		got := Make(tt.name)
		if tt.want != "" && got != tt.want {
			t.Errorf("Make(%q) = %q, want %q", tt.name, got, tt.want)
		}
		if tt.want == "" && !strings.HasPrefix(got, "x-") {
			t.Errorf("Make(%q) = %q, want the x- fallback", tt.name, got)
		}
		checkSafe(t, tt.name, got)
	}
}

// checkSafe asserts the properties every slug has.
func checkSafe(t *testing.T, name, s string) {
	t.Helper()
	switch {
	case s == "", s == ".", s == "..":
		t.Errorf("Make(%q) = %q", name, s)
	case len(s) > MaxLen:
		t.Errorf("Make(%q) is %d bytes", name, len(s))
	case strings.ContainsAny(s, `/\?#%:*"<>|. `) || strings.Contains(s, ".."):
		t.Errorf("Make(%q) = %q holds a character unsafe in a path or URL", name, s)
	case strings.HasPrefix(s, "-") || strings.HasSuffix(s, "-"):
		t.Errorf("Make(%q) = %q starts or ends with a hyphen", name, s)
	case !utf8.ValidString(s) || !norm.NFC.IsNormalString(s):
		t.Errorf("Make(%q) = %q is not valid NFC", name, s)
	case windowsReserved[s]:
		t.Errorf("Make(%q) = %q is reserved on Windows", name, s)
	}
}

// TestMakeFallbackIsStable: names without letters get a slug from their
// folded text, the same on every run and for every spelling.
func TestMakeFallbackIsStable(t *testing.T) {
	if Make("?#%") != Make("?#%") || Make(".") == Make("..") {
		t.Errorf("Make(?#%%) = %q, Make(.) = %q, Make(..) = %q", Make("?#%"), Make("."), Make(".."))
	}
	if got := Make("🚀"); got != Make(" 🚀 ") || !strings.HasPrefix(got, "x-") {
		t.Errorf("Make(🚀) = %q", got)
	}
}

// TestWords: heading ids and slugs keep the words of any script.
func TestWords(t *testing.T) {
	for in, want := range map[string]string{
		"Summary":           "summary",
		"Hello, World!":     "hello-world",
		"🚀":                 "",
		"2025 in review":    "2025-in-review",
		"Ceasefire — day 3": "ceasefire-day-3",
		"Про Україну":       "про-україну",
		"العربية":           "العربية",
	} {
		if got := Words(in); got != want {
			t.Errorf("Words(%q) = %q, want %q", in, got, want)
		}
	}
}

// TestWordsNeverEndsInAHyphen: a word that does not fit is left out whole.
func TestWordsNeverEndsInAHyphen(t *testing.T) {
	for n := 90; n <= 110; n++ {
		name := strings.Repeat("a", n) + " bc"
		got := Words(name)
		checkSafe(t, name, got)
		if n < MaxLen-2 && got != strings.Repeat("a", n)+"-bc" || n >= MaxLen-2 && got != strings.Repeat("a", min(n, MaxLen)) {
			t.Errorf("Words(%d a's + bc) = %q", n, got)
		}
	}
}

// TestMakeKeepsNamesInEveryScript: Cyrillic, Chinese, ß and ligatures
// make slugs of their own letters, valid UTF-8 and NFC; a 300-byte Cyrillic
// name is cut to MaxLen bytes at a rune boundary.
func TestMakeKeepsNamesInEveryScript(t *testing.T) {
	long := strings.Repeat("війна", 30) // 300 bytes, no spaces
	for in, want := range map[string]string{
		"війна":  "війна",
		"战争":     "战争",
		"ß":      "ß",
		"ﬁnance": "ﬁnance",
		long:     long[:MaxLen],
	} {
		got := Make(in)
		if got != want {
			t.Errorf("Make(%q) = %q, want %q", in, got, want)
		}
		checkSafe(t, in, got)
	}
}

// TestSuffixedStaysWithinMaxLen: a distinguishing suffix never makes a
// slug longer than MaxLen bytes, nor cuts a rune in half.
func TestSuffixedStaysWithinMaxLen(t *testing.T) {
	full := Make(strings.Repeat("війна", 30))
	for _, n := range []int{2, 9, 10, 123} {
		got := Suffixed(full, n)
		suffix := "-" + strconv.Itoa(n)
		if len(got) > MaxLen || !utf8.ValidString(got) || !strings.HasSuffix(got, suffix) || !strings.HasPrefix(full, strings.TrimSuffix(got, suffix)) {
			t.Errorf("Suffixed(%d-byte slug, %d) = %q (%d bytes)", len(full), n, got, len(got))
		}
		checkSafe(t, full, got)
	}
	if got := Suffixed("energy", 2); got != "energy-2" {
		t.Errorf("Suffixed(energy, 2) = %q", got)
	}
	// A cut that lands after a hyphen drops it: no "a--2".
	if got := Suffixed(strings.Repeat("a", MaxLen-3)+"-bc", 2); got != strings.Repeat("a", MaxLen-3)+"-2" {
		t.Errorf("Suffixed ends %q", got[len(got)-5:])
	}
}

// TestUniqueSlugsAreDistinctAndDeterministic: colliding slugs get -2, -3 in
// the order claimed; names a case-insensitive file system takes for one
// (σ and ς, s and ſ) collide too; reserved names are never handed out.
func TestUniqueSlugsAreDistinctAndDeterministic(t *testing.T) {
	long := Make(strings.Repeat("війна", 30))
	claims := []string{"page", "energy", "energy", "σοφία", "ςοφία", long, long, "energy"}
	want := []string{"page-2", "energy", "energy-2", "σοφία", "ςοφία-2", long, Suffixed(long, 2), "energy-3"}
	for run := 0; run < 2; run++ {
		var u Unique
		u.Reserve("page")
		for i, c := range claims {
			if got := u.Claim(c); got != want[i] {
				t.Errorf("run %d: claim %d of %q = %q, want %q", run, i, c, got, want[i])
			}
		}
	}
}

// TestDistance: Levenshtein distance in runes.
func TestDistance(t *testing.T) {
	tests := []struct {
		a, b string
		want int
	}{
		{"", "", 0},
		{"title", "title", 0},
		{"", "abc", 3},
		{"titel", "title", 2},
		{"tgas", "tags", 2},
		{"sumary", "summary", 1},
		{"Title", "title", 1},
		{"kitten", "sitting", 3},
		{"énergie", "energie", 1}, // one rune, not two bytes
		{"Київ", "Киев", 1},
	}
	for _, tt := range tests {
		if got := Distance(tt.a, tt.b); got != tt.want {
			t.Errorf("Distance(%q, %q) = %d, want %d", tt.a, tt.b, got, tt.want)
		}
		if got := Distance(tt.b, tt.a); got != tt.want {
			t.Errorf("Distance(%q, %q) = %d, want %d (symmetry)", tt.b, tt.a, got, tt.want)
		}
	}
}

// TestClosest: the suggestion behind "did you mean".
func TestClosest(t *testing.T) {
	keys := []string{"title", "date", "updated", "summary", "tags", "actors"}
	tests := []struct {
		s       string
		maxDist int
		want    string
	}{
		{"titel", 2, "title"},
		{"Tags", 2, "tags"},
		{"tgas", 2, "tags"},
		{"dat", 2, "date"},
		{"colour", 2, ""},
		{"titel", 1, ""},
		{"title", 0, "title"},
		{"gate", 2, "date"}, // date and tags are 1 and 3 away
		{"", 2, ""},
	}
	for _, tt := range tests {
		if got := Closest(tt.s, keys, tt.maxDist); got != tt.want {
			t.Errorf("Closest(%q, %d) = %q, want %q", tt.s, tt.maxDist, got, tt.want)
		}
	}
	// Ties go to the earlier candidate.
	if got := Closest("ab", []string{"xb", "ax"}, 1); got != "xb" {
		t.Errorf("tie went to %q", got)
	}
}

// FuzzMake: every slug of every name is safe (row 28).
func FuzzMake(f *testing.F) {
	for _, s := range []string{"../../etc", "a/b", "?#%", ".", "..", "con", "NUL", "COM1", strings.Repeat("é", 300), "Київ", "🚀"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, name string) {
		checkSafe(t, name, Make(name))
		if Make(name) != Make(Fold(name)) {
			t.Errorf("Make(%q) = %q but Make(Fold) = %q", name, Make(name), Make(Fold(name)))
		}
	})
}
