package cli

import (
	"bytes"
	"context"
	"encoding/json"
	"strings"
	"testing"
)

var figuresFiles = map[string]string{
	"brief.toml":                "timezone = \"Europe/Kyiv\"\n",
	"content/actors/ukraine.md": "---\nname: Ukraine\naliases: [Kyiv]\n---\n",
	"content/a.md": "---\ntitle: A\ndate: 2025-12-05\nfigures:\n  - {label: Drones launched, value: 600, unit: drones, by: Kyiv}\n" +
		"  - {label: Drones downed, value: 121, unit: drones, by: Russia, qualifier: at least}\n---\n",
	"content/b.md":      "---\ntitle: B\ndate: 2025-12-06\nfigures: {Drones launched: 653}\n---\n",
	"content/later.md":  "---\ntitle: Later\ndate: 2027-01-01\nfigures: {Missiles: 3}\n---\n",
	"content/_notes.md": "not a briefing",
}

// brief figures lists every published key with its label, unit,
// claimants, points, last value and date, as text and as JSON.
func TestFiguresCommand(t *testing.T) {
	root := newListSite(t, figuresFiles)
	var out, errOut bytes.Buffer
	if code := Run(context.Background(), []string{"figures", "-s", root, "--clock", listClock}, &out, &errOut); code != ExitOK {
		t.Fatalf("exit %d: %s", code, errOut.String())
	}
	want := `
KEY              LABEL            UNIT    CLAIMANTS  POINTS  LAST                 DATE
drones-downed    Drones downed    drones  Russia     1       at least 121 drones  2025-12-05
drones-launched  Drones launched  drones  Ukraine    2       653 drones           2025-12-06
`
	if got := out.String(); got != strings.TrimPrefix(want, "\n") {
		t.Errorf("text:\n%s\nwant:\n%s", got, want)
	}
	out.Reset()
	if code := Run(context.Background(), []string{"figures", "-s", root, "--clock", listClock, "--format", "json"}, &out, &errOut); code != ExitOK {
		t.Fatalf("exit %d: %s", code, errOut.String())
	}
	var keys []figureKey
	if err := json.Unmarshal(out.Bytes(), &keys); err != nil {
		t.Fatal(err)
	}
	if len(keys) != 2 || keys[1].Key != "drones-launched" || keys[1].Unit != "drones" || keys[1].Points != 2 || keys[1].Reports != 2 ||
		keys[1].LastValue != 653 || keys[1].LastPath != "content/b.md" || strings.Join(keys[1].Claimants, ",") != "Ukraine" {
		t.Errorf("json = %+v", keys)
	}
}
