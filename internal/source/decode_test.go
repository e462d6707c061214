package source

import (
	"reflect"
	"strings"
	"testing"
	"time"
	_ "time/tzdata" // the zones below, whatever the machine has

	"github.com/brief-ssg/brief/internal/briefing"
	"github.com/brief-ssg/brief/internal/diag"
)

// TestDecodeErrors pins message and position of schema errors. Rows refer
// to hostile-inputs.md.
func TestDecodeErrors(t *testing.T) {
	tests := []struct {
		name  string
		src   string
		wants []want
	}{
		// Row 7: an unknown key, with a suggestion when one is close.
		{"misspelt key", "---\ntitel: x\ndate: 2024-03-01\n---\n", []want{
			{"a.md:2:1", "missing required field: title"},
			{"a.md:2:1", `unknown key "titel": did you mean "title"?`},
		}},
		{"misspelt key, wrong case", yamlBriefing("Tags: [a]\n"), []want{
			{"a.md:4:1", `unknown key "Tags": did you mean "tags"?`},
		}},
		{"unknown key, nothing close", yamlBriefing("colour: red\n"), []want{
			{"a.md:4:1", `unknown key "colour"; known keys: title, date, updated, summary, location, slug, draft, aliases, tags, actors, figures, sources`},
		}},
		{"misspelt figure key", yamlBriefing("figures:\n  - lable: A\n    value: 1\n"), []want{
			{"a.md:5:5", "missing required field: label"},
			{"a.md:5:5", `unknown key "lable": did you mean "label"?`},
		}},
		{"misspelt source key", yamlBriefing("sources:\n  - title: S\n    ulr: https://x.org/\n"), []want{
			{"a.md:6:5", `unknown key "ulr": did you mean "url"?`},
		}},
		{"misspelt TOML key", "+++\ntitle = \"T\"\ndate = 2024-03-01\nsumary = \"s\"\n+++\n", []want{
			{"a.md:4:1", `unknown key "sumary": did you mean "summary"?`},
		}},
		{"misspelt JSON key", "{\"title\": \"T\", \"date\": \"2024-03-01\", \"tgas\": []}\n", []want{
			{"a.md:1:38", `unknown key "tgas": did you mean "tags"?`},
		}},

		// Row 9 in one file: every missing field at once.
		{"missing title and date", "---\nsummary: s\n---\n", []want{
			{"a.md:2:1", "missing required fields: title, date"},
		}},
		{"empty title", "---\ntitle: \"  \"\ndate: 2024-03-01\n---\n", []want{
			{"a.md:2:1", "missing required field: title"},
		}},
		{"empty block", "---\n---\nBody.\n", []want{
			{"a.md:2:1", "missing required fields: title, date"},
		}},

		// Row 10: bad dates, with their line.
		{"February 30", "---\ntitle: T\ndate: 2024-02-30\n---\n", []want{
			{"a.md:3:7", `date: "2024-02-30" is day out of range: write YYYY-MM-DD, YYYY-MM-DDTHH:MM or RFC 3339 (2025-11-29T09:30:00+02:00)`},
		}},
		{"yesterday", "---\ntitle: T\ndate: yesterday\n---\n", []want{
			{"a.md:3:7", `date: "yesterday" is not a date: write YYYY-MM-DD, YYYY-MM-DDTHH:MM or RFC 3339`},
		}},
		{"month 13", yamlBriefing("updated: 2024-13-01T10:00:00Z\n"), []want{
			{"a.md:4:10", `updated: "2024-13-01T10:00:00Z" is month out of range`},
		}},
		{"slashes", yamlBriefing("updated: 2024/03/01\n"), []want{
			{"a.md:4:10", `updated: "2024/03/01" is not a date`},
		}},
		{"TOML local time", "+++\ntitle = \"T\"\ndate = 10:30:00\n+++\n", []want{
			{"a.md:3:8", `date: "10:30:00" is not a date`},
		}},

		// Kinds.
		{"title as a list", "---\ntitle: [a, b]\ndate: 2024-03-01\n---\n", []want{
			{"a.md:2:8", "title must be a single value, not a list"},
		}},
		{"tags as a mapping", yamlBriefing("tags: {a: 1}\n"), []want{
			{"a.md:4:7", "tags must be a list of names, not a mapping"},
		}},
		{"empty tag", yamlBriefing("tags: [a, \"\", [b]]\n"), []want{
			{"a.md:4:11", "each of tags must be a non-empty name"},
			{"a.md:4:15", "each of tags must be a non-empty name"},
		}},
		{"draft: yes", yamlBriefing("draft: yes\n"), []want{
			{"a.md:4:8", `draft must be true or false, not "yes"`},
		}},
		{"source without title or url", yamlBriefing("sources:\n  - {}\n"), []want{
			{"a.md:5:5", "a source needs a title or a url"},
		}},
		{"source as a list", yamlBriefing("sources:\n  - [a]\n"), []want{
			{"a.md:5:5", "each source must be a mapping {title, url} or a URL"},
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, diags := decode(t, tt.src, nil)
			checkDiags(t, diags, tt.wants...)
		})
	}
}

// TestCoercion is row 8 and row 11: how scalars and lists are read.
func TestCoercion(t *testing.T) {
	tests := []struct {
		name, fields          string
		title                 string
		tags, actors, aliases []string
	}{
		{"a single tag is a list of one", "tags: economy\n", "T", []string{"economy"}, nil, nil},
		{"a number is a name", "actors: 42\n", "T", nil, []string{"42"}, nil},
		{"YAML 1.1 booleans stay words", "actors: [NO, ON, yes, off]\n", "T", nil, []string{"NO", "ON", "yes", "off"}, nil},
		{"names are trimmed", "tags: [\"  a  \", b]\n", "T", []string{"a", "b"}, nil, nil},
		{"a single alias", "aliases: /old/\n", "T", nil, nil, []string{"/old/"}},
		{"null lists are empty", "tags:\nactors: ~\n", "T", nil, nil, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			b, diags := decode(t, yamlBriefing(tt.fields), nil)
			checkDiags(t, diags)
			if b.Title != tt.title {
				t.Errorf("title %q, want %q", b.Title, tt.title)
			}
			if got := names(b.Tags); !reflect.DeepEqual(got, nonNil(tt.tags)) {
				t.Errorf("tags %q, want %q", got, tt.tags)
			}
			if got := names(b.Actors); !reflect.DeepEqual(got, nonNil(tt.actors)) {
				t.Errorf("actors %q, want %q", got, tt.actors)
			}
			if got := b.Aliases; !reflect.DeepEqual(got, nonNil(tt.aliases)) {
				t.Errorf("aliases %q, want %q", got, tt.aliases)
			}
		})
	}
	b, _ := decode(t, "---\ntitle: no\ndate: 2024-03-01\n---\n", nil)
	if b.Title != "no" {
		t.Errorf(`title: no gave %q, want "no"`, b.Title)
	}
	b, _ = decode(t, yamlBriefing("tags: economy\n"), nil)
	if got := b.Tags[0].Pos.String(); got != "a.md:4:7" {
		t.Errorf("tag at %s, want a.md:4:7", got)
	}
}

func nonNil(s []string) []string {
	if s == nil {
		return []string{}
	}
	return s
}

// TestDraft: YAML 1.2 core booleans, any case form it allows.
func TestDraft(t *testing.T) {
	for src, want := range map[string]bool{"true": true, "True": true, "TRUE": true, "false": false, "False": false, "FALSE": false, "": false} {
		b, diags := decode(t, yamlBriefing("draft: "+src+"\n"), nil)
		checkDiags(t, diags)
		if b.Draft != want {
			t.Errorf("draft: %s gave %v", src, b.Draft)
		}
	}
}

// TestDates is row 10: the accepted forms, read in the site's zone whatever
// the machine's zone is.
func TestDates(t *testing.T) {
	kyiv, err := time.LoadLocation("Europe/Kyiv")
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name, src string
		want      time.Time
		hasTime   bool
	}{
		{"date", "---\ntitle: T\ndate: 2024-03-01\n---\n", time.Date(2024, 3, 1, 0, 0, 0, 0, kyiv), false},
		{"quoted date", "---\ntitle: T\ndate: \"2024-03-01\"\n---\n", time.Date(2024, 3, 1, 0, 0, 0, 0, kyiv), false},
		{"date and time with a space", "---\ntitle: T\ndate: 2024-03-01 10:00\n---\n", time.Date(2024, 3, 1, 10, 0, 0, 0, kyiv), true},
		{"date and time with T", "---\ntitle: T\ndate: 2024-03-01T10:00:30\n---\n", time.Date(2024, 3, 1, 10, 0, 30, 0, kyiv), true},
		{"RFC 3339 is moved into the zone", "---\ntitle: T\ndate: 2025-11-29T09:30:00+02:00\n---\n", time.Date(2025, 11, 29, 9, 30, 0, 0, kyiv), true},
		{"RFC 3339 UTC", "---\ntitle: T\ndate: 2024-07-01T00:00:00Z\n---\n", time.Date(2024, 7, 1, 3, 0, 0, 0, kyiv), true},
		{"TOML local date", "+++\ntitle = \"T\"\ndate = 2024-03-01\n+++\n", time.Date(2024, 3, 1, 0, 0, 0, 0, kyiv), false},
		{"TOML local date-time", "+++\ntitle = \"T\"\ndate = 2024-03-01T10:00:00\n+++\n", time.Date(2024, 3, 1, 10, 0, 0, 0, kyiv), true},
		{"TOML offset date-time", "+++\ntitle = \"T\"\ndate = 2024-03-01T10:00:00-05:00\n+++\n", time.Date(2024, 3, 1, 17, 0, 0, 0, kyiv), true},
		{"JSON", "{\"title\": \"T\", \"date\": \"2024-03-01\"}\n", time.Date(2024, 3, 1, 0, 0, 0, 0, kyiv), false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var shown []string
			for _, local := range []string{"UTC", "America/New_York", "Asia/Tokyo"} {
				b, diags := decodeIn(t, tt.src, kyiv, local)
				checkDiags(t, diags)
				if !b.Date.Equal(tt.want) || b.Date.Location() != kyiv || b.HasTime != tt.hasTime {
					t.Errorf("TZ=%s: %v (has time %v), want %v (has time %v)", local, b.Date, b.HasTime, tt.want, tt.hasTime)
				}
				shown = append(shown, b.Date.Format(time.RFC3339Nano))
			}
			if shown[0] != shown[1] || shown[0] != shown[2] {
				t.Errorf("depends on the machine's zone: %q", shown)
			}
		})
	}
}

// decodeIn decodes with time.Local set to the zone local, as if TZ=local.
func decodeIn(t *testing.T, src string, loc *time.Location, local string) (*briefing.Briefing, diag.List) {
	t.Helper()
	l, err := time.LoadLocation(local)
	if err != nil {
		t.Fatal(err)
	}
	saved := time.Local
	time.Local = l
	defer func() { time.Local = saved }()
	b, diags := decode(t, src, loc)
	return b, diags
}

// TestDateOffsetDefaultsToUTC: with no zone given, Load reads dates in UTC.
func TestDateOffsetDefaultsToUTC(t *testing.T) {
	b, diags := decode(t, "---\ntitle: T\ndate: 2024-03-01 10:00\n---\n", nil)
	checkDiags(t, diags)
	if want := time.Date(2024, 3, 1, 10, 0, 0, 0, time.UTC); !b.Date.Equal(want) || b.Date.Location() != time.UTC {
		t.Errorf("%v, want %v", b.Date, want)
	}
}

// TestLineEndingsDecode is row 3: a CRLF or mixed file decodes into the same
// briefing, body and positions included, as its LF version.
func TestLineEndingsDecode(t *testing.T) {
	lf := "---\ntitle: T\ndate: 2024-03-01\ntags:\n  - a\nfigures:\n  - label: A\n    value: 1\n---\n\nFirst line.\nSecond line.\n"
	want, diags := decode(t, lf, nil)
	checkDiags(t, diags)
	for name, src := range map[string]string{
		"CRLF":  strings.ReplaceAll(lf, "\n", "\r\n"),
		"mixed": strings.Replace(strings.ReplaceAll(lf, "\n", "\r\n"), "\r\n", "\n", 5),
		"CR":    strings.ReplaceAll(lf, "\n", "\r"),
	} {
		got, diags := decode(t, src, nil)
		checkDiags(t, diags)
		if !reflect.DeepEqual(got, want) {
			t.Errorf("%s: %+v\nwant %+v", name, got, want)
		}
		if string(got.Body) != "\nFirst line.\nSecond line.\n" {
			t.Errorf("%s: body %q", name, got.Body)
		}
	}
}

// TestFigures: both forms, numbers, keys and of.
func TestFigures(t *testing.T) {
	type fig struct {
		key, label string
		value      float64
		unit, of   string
	}
	tests := []struct {
		name  string
		src   string
		figs  []fig
		wants []want
	}{
		{"list form", yamlBriefing("figures:\n  - label: Drones launched\n    value: 653\n    unit: drones\n  - label: Drones intercepted\n    value: 585\n    of: Drones launched\n  - key: missiles\n    label: Missiles launched\n    value: 51\n"),
			[]fig{{"drones-launched", "Drones launched", 653, "drones", ""}, {"drones-intercepted", "Drones intercepted", 585, "", "drones-launched"}, {"missiles", "Missiles launched", 51, "", ""}}, nil},
		{"of names a key", yamlBriefing("figures:\n  - {key: all, label: All, value: 10}\n  - {label: Part, value: 5, of: all}\n"),
			[]fig{{"all", "All", 10, "", ""}, {"part", "Part", 5, "", "all"}}, nil},
		{"mapping form keeps order", yamlBriefing("figures: {Zulu: 3, Alpha: 1, Mike: 2}\n"),
			[]fig{{"zulu", "Zulu", 3, "", ""}, {"alpha", "Alpha", 1, "", ""}, {"mike", "Mike", 2, "", ""}}, nil},
		{"JSON mapping keeps order", "{\"title\": \"T\", \"date\": \"2024-03-01\", \"figures\": {\"Zulu\": 3, \"Alpha\": 1}}\n",
			[]fig{{"zulu", "Zulu", 3, "", ""}, {"alpha", "Alpha", 1, "", ""}}, nil},
		{"TOML mapping keeps order", "+++\ntitle = \"T\"\ndate = 2024-03-01\n[figures]\nZulu = 3\nAlpha = \"1,200\"\n+++\n",
			[]fig{{"zulu", "Zulu", 3, "", ""}, {"alpha", "Alpha", 1200, "", ""}}, nil},
		{"numbers", yamlBriefing("figures: {a: \"1,200\", b: -3.5, c: 0.25, d: \"-1,234,567.5\", e: +7, f: \" 8 \"}\n"),
			[]fig{{"a", "a", 1200, "", ""}, {"b", "b", -3.5, "", ""}, {"c", "c", 0.25, "", ""}, {"d", "d", -1234567.5, "", ""}, {"e", "e", 7, "", ""}, {"f", "f", 8, "", ""}}, nil},
		{"not numbers", yamlBriefing("figures:\n  a: 12abc\n  b: 1e3\n  c: \"1,20\"\n  d: .5\n  e: [1]\n"),
			nil, []want{
				{"a.md:5:6", `figure value "12abc" is not a number: write digits such as 653, -3.5 or "1,200"`},
				{"a.md:6:6", `figure value "1e3" is not a number`},
				{"a.md:7:6", `figure value "1,20" is not a number`},
				{"a.md:8:6", `figure value ".5" is not a number`},
				{"a.md:9:6", `figure value "a list" is not a number`},
			}},
		{"bad value in the list form", yamlBriefing("figures:\n  - label: A\n    value: 12abc\n"),
			nil, []want{{"a.md:6:12", `figure value "12abc" is not a number`}}},
		{"of names no figure", yamlBriefing("figures:\n  - label: A\n    value: 1\n    of: Nothing\n"),
			[]fig{{"a", "A", 1, "", "Nothing"}}, []want{
				{"a.md:7:9", `figure "A" is of "Nothing", which is no figure of this briefing: name another figure's label or key`},
			}},
		{"of names itself", yamlBriefing("figures:\n  - label: A\n    value: 1\n    of: A\n"),
			[]fig{{"a", "A", 1, "", "A"}}, []want{{"a.md:7:9", `figure "A" is of itself`}}},
		{"same key twice", yamlBriefing("figures:\n  - label: Drones\n    value: 1\n  - label: drones!\n    value: 2\n"),
			[]fig{{"drones", "Drones", 1, "", ""}, {"drones", "drones!", 2, "", ""}}, []want{
				{"a.md:7:5", `figure "drones!" has the same key "drones" as the figure on line 5: give it its own key`},
			}},
		{"same key twice in the mapping form", yamlBriefing("figures: {A b: 1, a-b: 2}\n"),
			[]fig{{"a-b", "A b", 1, "", ""}, {"a-b", "a-b", 2, "", ""}}, []want{
				{"a.md:4:19", `figure "a-b" has the same key "a-b" as the figure on line 4`},
			}},
		{"missing label and value", yamlBriefing("figures:\n  - unit: drones\n"),
			[]fig{{"x-811c9dc5", "", 0, "drones", ""}}, []want{{"a.md:5:5", "missing required fields: label, value"}}},
		{"a figure that is no mapping", yamlBriefing("figures:\n  - 5\n"),
			nil, []want{{"a.md:5:5", "each figure must be a mapping with label and value"}}},
		{"figures as a scalar", yamlBriefing("figures: 5\n"),
			nil, []want{{"a.md:4:10", "figures must be a list of {label, value, unit} or a mapping of label: value"}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			b, diags := decode(t, tt.src, nil)
			checkDiags(t, diags, tt.wants...)
			var got []fig
			for _, f := range b.Figures {
				got = append(got, fig{f.Key, f.Label, f.Value, f.Unit, f.Of})
			}
			if !reflect.DeepEqual(got, tt.figs) {
				t.Errorf("figures %+v\nwant %+v", got, tt.figs)
			}
		})
	}
}

// TestParseNumber: the figure value grammar.
func TestParseNumber(t *testing.T) {
	good := map[string]float64{"0": 0, "653": 653, "-3.5": -3.5, "+2": 2, "1,200": 1200, "12,345,678.25": 12345678.25, " 7 ": 7, "007": 7}
	for s, want := range good {
		if v, ok := ParseNumber(s); !ok || v != want {
			t.Errorf("ParseNumber(%q) = %v, %v; want %v", s, v, ok, want)
		}
	}
	for _, s := range []string{"", "12abc", "1e3", "1,20", "1,2000", ",100", "1.", ".5", "--1", "NaN", "Inf", "0x10", "1 000", "1_000", strings.Repeat("9", 400)} {
		if v, ok := ParseNumber(s); ok {
			t.Errorf("ParseNumber(%q) = %v, want an error", s, v)
		}
	}
}

// TestSlugAndSources: the default slug, an explicit one, and sources.
func TestSlugAndSources(t *testing.T) {
	b, diags := decodeAs(t, "content/2025/2025-11-29-Miami-Talks.md", yamlBriefing("sources:\n  - https://state.gov/\n  - Reuters\n  - {url: https://x.org/}\n  - {title: AP, url: https://ap.org/}\n"), nil)
	checkDiags(t, diags)
	if b.Slug != "miami-talks" {
		t.Errorf("slug %q", b.Slug)
	}
	want := []briefing.Source{{Title: "https://state.gov/", URL: "https://state.gov/"}, {Title: "Reuters"}, {Title: "https://x.org/", URL: "https://x.org/"}, {Title: "AP", URL: "https://ap.org/"}}
	if !reflect.DeepEqual(b.Sources, want) {
		t.Errorf("sources %+v", b.Sources)
	}
	b, _ = decode(t, yamlBriefing("slug: \"../../Über Uns!\"\n"), nil)
	if b.Slug != "uber-uns" {
		t.Errorf("slug %q, want uber-uns", b.Slug)
	}
}

// TestProfiles: actor and tag profiles are decoded as strictly.
func TestProfiles(t *testing.T) {
	doc, diags := parse(t, "content/actors/z.md", "---\nname: Volodymyr Zelenskyy\naliases: [Zelensky]\nkind: persn\n---\nBio.\n")
	a, ds := DecodeActor("content/actors/z.md", doc)
	checkDiags(t, append(diags, ds...), want{"content/actors/z.md:4:7", `kind "persn" is not one of person, government, organisation, group`})
	if a.Name != "Volodymyr Zelenskyy" || !reflect.DeepEqual(a.Aliases, []string{"Zelensky"}) || a.Pos.String() != "content/actors/z.md:2:7" {
		t.Errorf("actor %+v", a)
	}
	doc, diags = parse(t, "content/tags/e.md", "---\ndescription: d\nnmae: x\n---\n")
	_, ds = DecodeTag("content/tags/e.md", doc)
	checkDiags(t, append(diags, ds...),
		want{"content/tags/e.md:2:1", "missing required field: name"},
		want{"content/tags/e.md:3:1", `unknown key "nmae": did you mean "name"?`})
}
