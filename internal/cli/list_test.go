package cli

import (
	"encoding/json"
	"fmt"
	"reflect"
	"strings"
	"testing"
	"time"
)

// listFiles is a site with every status, ties and a date that is another
// day in the site's time zone than in UTC.
var listFiles = map[string]string{
	"brief.toml":                             "timezone = \"Europe/Kyiv\"\n",
	"content/2025/2025-11-29-talks.md":       "---\ntitle: Talks\ndate: 2025-11-29\n---\n",
	"content/2025/2025-12-06-strikes.md":     "---\ntitle: Strikes\ndate: 2025-12-06T09:30:00+02:00\n---\n",
	"content/2025/2025-12-06-alpha.md":       "---\ntitle: 'Alpha: same <time> & place'\ndate: 2025-12-06T07:30:00Z\n---\n",
	"content/2025/2025-12-07-draft.md":       "---\ntitle: Draft\ndate: 2025-12-07\ndraft: true\n---\n",
	"content/2025/2025-12-31-late.md":        "---\ntitle: Late\ndate: 2025-12-31T23:00:00Z\n---\n",
	"content/2026/2026-01-01-edge.md":        "---\ntitle: Exactly now\ndate: 2026-01-01T00:00:00Z\n---\n",
	"content/2027/2027-01-01-later.md":       "---\ntitle: Later\ndate: 2027-01-01\n---\n",
	"content/2027/2027-01-01-later-draft.md": "---\ntitle: \"Later draft \\t tab\"\ndate: 2027-01-01\ndraft: true\n---\n",
	"content/actors/ukraine.md":              "---\nname: Ukraine\n---\n",
	"content/tags/drones.md":                 "---\nname: Drones\n---\n",
	"content/_notes/ignored.md":              "not a briefing",
}

const listClock = "2026-01-01T00:00:00Z"

func TestListText(t *testing.T) {
	root := newListSite(t, listFiles)
	for _, tc := range []struct{ kind, want string }{
		{"all", `
DATE        STATUS     PATH                                    TITLE
2027-01-01  draft      content/2027/2027-01-01-later-draft.md  Later draft ` + "\ufffd" + ` tab
2027-01-01  future     content/2027/2027-01-01-later.md        Later
2026-01-01  published  content/2026/2026-01-01-edge.md         Exactly now
2026-01-01  published  content/2025/2025-12-31-late.md         Late
2025-12-07  draft      content/2025/2025-12-07-draft.md        Draft
2025-12-06  published  content/2025/2025-12-06-alpha.md        Alpha: same <time> & place
2025-12-06  published  content/2025/2025-12-06-strikes.md      Strikes
2025-11-29  published  content/2025/2025-11-29-talks.md        Talks
`},
		{"drafts", `
DATE        STATUS  PATH                                    TITLE
2027-01-01  draft   content/2027/2027-01-01-later-draft.md  Later draft ` + "\ufffd" + ` tab
2025-12-07  draft   content/2025/2025-12-07-draft.md        Draft
`},
		{"future", `
DATE        STATUS  PATH                              TITLE
2027-01-01  future  content/2027/2027-01-01-later.md  Later
`},
	} {
		code, stdout, stderr := runNewList("list", "-s", root, "--clock", listClock, tc.kind)
		if code != ExitOK || stderr != "" {
			t.Errorf("%s: exit %d, stderr %q", tc.kind, code, stderr)
		}
		if want := strings.TrimPrefix(tc.want, "\n"); stdout != want {
			t.Errorf("list %s:\n%s\nwant:\n%s", tc.kind, stdout, want)
		}
	}
}

func TestListJSON(t *testing.T) {
	root := newListSite(t, listFiles)
	code, stdout, stderr := runNewList("list", "all", "--format", "json", "-s", root, "--clock", listClock)
	if code != ExitOK || stderr != "" {
		t.Fatalf("exit %d, stderr %q", code, stderr)
	}
	var got []map[string]string
	if err := json.Unmarshal([]byte(stdout), &got); err != nil {
		t.Fatalf("%v:\n%s", err, stdout)
	}
	want := []map[string]string{
		{"path": "content/2027/2027-01-01-later-draft.md", "title": "Later draft \t tab", "date": "2027-01-01T00:00:00+02:00", "status": "draft"},
		{"path": "content/2027/2027-01-01-later.md", "title": "Later", "date": "2027-01-01T00:00:00+02:00", "status": "future"},
		{"path": "content/2026/2026-01-01-edge.md", "title": "Exactly now", "date": "2026-01-01T02:00:00+02:00", "status": "published"},
		{"path": "content/2025/2025-12-31-late.md", "title": "Late", "date": "2026-01-01T01:00:00+02:00", "status": "published"},
		{"path": "content/2025/2025-12-07-draft.md", "title": "Draft", "date": "2025-12-07T00:00:00+02:00", "status": "draft"},
		{"path": "content/2025/2025-12-06-alpha.md", "title": "Alpha: same <time> & place", "date": "2025-12-06T09:30:00+02:00", "status": "published"},
		{"path": "content/2025/2025-12-06-strikes.md", "title": "Strikes", "date": "2025-12-06T09:30:00+02:00", "status": "published"},
		{"path": "content/2025/2025-11-29-talks.md", "title": "Talks", "date": "2025-11-29T00:00:00+02:00", "status": "published"},
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("got %v\nwant %v", got, want)
	}
	if !strings.Contains(stdout, `"title": "Alpha: same <time> & place"`) {
		t.Errorf("JSON escapes HTML characters:\n%s", stdout)
	}
	for _, e := range got {
		if _, err := time.Parse(time.RFC3339, e["date"]); err != nil {
			t.Errorf("date %q: %v", e["date"], err)
		}
	}
	// Nothing to list is an empty array.
	code, stdout, _ = runNewList("list", "-s", newListSite(t, nil), "--format=json", "future")
	if code != ExitOK || stdout != "[]\n" {
		t.Errorf("empty: exit %d, %q", code, stdout)
	}
}

func TestListTimeZone(t *testing.T) {
	for _, tc := range []struct{ zone, day, date string }{
		{"UTC", "2025-12-06", "2025-12-06T20:00:00Z"},
		{"Pacific/Kiritimati", "2025-12-07", "2025-12-07T10:00:00+14:00"},
	} {
		root := newListSite(t, map[string]string{
			"brief.toml":    fmt.Sprintf("timezone = %q\n", tc.zone),
			"content/a.md":  "---\ntitle: A\ndate: 2025-12-06T20:00:00Z\n---\n",
			"content/b.md":  "---\ntitle: B\ndate: 2025-12-06\n---\n", // midnight in the site's zone
			"content/zz.md": "---\ntitle: Z\ndate: 2020-01-01\n---\n",
		})
		code, stdout, _ := runNewList("list", "-s", root, "all")
		want := "DATE        STATUS     PATH           TITLE\n" +
			tc.day + "  published  content/a.md   A\n" +
			"2025-12-06  published  content/b.md   B\n" +
			"2020-01-01  published  content/zz.md  Z\n"
		if code != ExitOK || stdout != want {
			t.Errorf("%s: exit %d:\n%s\nwant:\n%s", tc.zone, code, stdout, want)
		}
		_, stdout, _ = runNewList("list", "-s", root, "--format", "json", "all")
		if !strings.Contains(stdout, `"date": "`+tc.date+`"`) {
			t.Errorf("%s: json:\n%s", tc.zone, stdout)
		}
	}
}

func TestListClockFromEnvironment(t *testing.T) {
	root := newListSite(t, listFiles)
	t.Setenv("SOURCE_DATE_EPOCH", fmt.Sprint(time.Date(2030, 1, 1, 0, 0, 0, 0, time.UTC).Unix()))
	code, stdout, stderr := runNewList("list", "-s", root, "future")
	if code != ExitOK || stdout != "" || stderr != "brief list: no future briefings\n" {
		t.Errorf("exit %d, stdout %q, stderr %q", code, stdout, stderr)
	}
	// --clock wins over the environment.
	code, stdout, _ = runNewList("list", "-s", root, "--clock", listClock, "future")
	if code != ExitOK || !strings.Contains(stdout, "content/2027/2027-01-01-later.md") {
		t.Errorf("exit %d, stdout %q", code, stdout)
	}
	t.Setenv("SOURCE_DATE_EPOCH", "soon")
	code, _, stderr = runNewList("list", "-s", root, "all")
	if code != ExitUsage || stderr != "brief list: SOURCE_DATE_EPOCH \"soon\" is not a number of seconds\n" {
		t.Errorf("exit %d, stderr %q", code, stderr)
	}
}

func TestListContentErrors(t *testing.T) {
	root := newListSite(t, map[string]string{
		"content/good.md":    "---\ntitle: Good\ndate: 2025-01-02\n---\n",
		"content/baddate.md": "---\ntitle: Bad date\ndate: yesterday\n---\n",
		"content/typo.md":    "---\ntitel: Typo\ndate: 2025-01-01\n---\n<b>raw</b>\n",
		"content/broken.md":  "---\ntitle: [unclosed\ndate: 2025-01-03\n---\n",
	})
	code, stdout, stderr := runNewList("list", "-s", root, "--clock", listClock, "all")
	if code != ExitError {
		t.Errorf("exit %d, want %d", code, ExitError)
	}
	wantOut := "DATE        STATUS     PATH             TITLE\n" +
		"2025-01-02  published  content/good.md  Good\n" +
		"2025-01-01  published  content/typo.md\n"
	if stdout != wantOut {
		t.Errorf("stdout:\n%s\nwant:\n%s", stdout, wantOut)
	}
	lines := strings.Split(strings.TrimSuffix(stderr, "\n"), "\n")
	if len(lines) != 5 || !strings.HasPrefix(lines[0], "content/baddate.md:3:7: date: \"yesterday\" is not a date") ||
		!strings.HasPrefix(lines[1], "content/broken.md:") ||
		lines[2] != "content/typo.md:2:1: missing required field: title" ||
		!strings.HasPrefix(lines[3], `content/typo.md:2:1: unknown key "titel": did you mean "title"?`) ||
		lines[4] != "brief list: 4 errors in the content" {
		t.Errorf("stderr (errors only, no warnings):\n%s", stderr)
	}
}

func TestListUsage(t *testing.T) {
	root := newListSite(t, listFiles)
	for _, tc := range []struct {
		args []string
		msg  string
	}{
		{nil, "brief list: say what to list: drafts, future or all\n"},
		{[]string{"draft"}, "brief list: unknown list \"draft\": did you mean \"drafts\"?\n"},
		{[]string{"everything"}, "brief list: unknown list \"everything\": use drafts, future or all\n"},
		{[]string{"drafts", "future"}, "brief list: expected one of drafts, future or all, got 2 arguments\n"},
		{[]string{"--format", "xml", "all"}, "brief list: --format \"xml\": use text or json\n"},
		{[]string{"--clock", "tomorrow", "all"}, "brief list: --clock \"tomorrow\" is not an RFC 3339 time such as 2025-12-06T12:00:00Z\n"},
		{[]string{"-x", "all"}, "flag provided but not defined: -x\n"},
	} {
		code, stdout, stderr := runNewList(append([]string{"list", "-s", root}, tc.args...)...)
		if code != ExitUsage || stdout != "" || !strings.HasPrefix(stderr, tc.msg) {
			t.Errorf("%q: exit %d, stdout %q, stderr:\n%s\nwant exit 2 and %q", tc.args, code, stdout, stderr, tc.msg)
		}
	}
	code, stdout, _ := runNewList("list", "--help")
	if code != ExitOK || !strings.HasPrefix(stdout, "Usage: brief list [flags] drafts|future|all\n") {
		t.Errorf("--help: exit %d:\n%s", code, stdout)
	}
	code, _, stderr := runNewList("list", "-s", root+"/nope", "all")
	if code != ExitUsage || !strings.HasSuffix(stderr, "/nope\" is not a folder\n") {
		t.Errorf("missing source: exit %d, %q", code, stderr)
	}
	// A bad brief.toml is a site error.
	bad := newListSite(t, map[string]string{"brief.toml": "timezone = \"Mars\"\n"})
	code, stdout, stderr = runNewList("list", "-s", bad, "all")
	if code != ExitError || stdout != "" || !strings.HasPrefix(stderr, "brief.toml:1:12: timezone \"Mars\"") {
		t.Errorf("bad config: exit %d, %q, %q", code, stdout, stderr)
	}
}

func TestListEmpty(t *testing.T) {
	root := newListSite(t, nil)
	for kind, note := range map[string]string{"all": "no briefings", "drafts": "no drafts", "future": "no future briefings"} {
		code, stdout, stderr := runNewList("list", "-s", root, kind)
		if code != ExitOK || stdout != "" || stderr != "brief list: "+note+"\n" {
			t.Errorf("%s: exit %d, stdout %q, stderr %q", kind, code, stdout, stderr)
		}
	}
}
