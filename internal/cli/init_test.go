package cli

import (
	"runtime/debug"
	"strings"
	"testing"
	"time"
)

func TestVersionText(t *testing.T) {
	for _, tc := range []struct {
		name string
		info *debug.BuildInfo
		want string
	}{
		{"none", nil, "brief devel\n"},
		{"installed", &debug.BuildInfo{GoVersion: "go1.26.8", Main: debug.Module{Version: "v0.1.0"}, Settings: []debug.BuildSetting{{Key: "GOOS", Value: "linux"}, {Key: "GOARCH", Value: "amd64"}}},
			"brief v0.1.0\nbuilt with go1.26.8 for linux/amd64\n"},
		{"clone", &debug.BuildInfo{GoVersion: "go1.26.8", Main: debug.Module{Version: "(devel)"}, Settings: []debug.BuildSetting{
			{Key: "vcs.revision", Value: "784c12d"}, {Key: "vcs.time", Value: "2026-12-08T02:00:00Z"}, {Key: "vcs.modified", Value: "true"}}},
			"brief devel\ncommit 784c12d (2026-12-08T02:00:00Z), with uncommitted changes\nbuilt with go1.26.8\n"},
	} {
		if got := versionText(tc.info); got != tc.want {
			t.Errorf("%s: versionText = %q, want %q", tc.name, got, tc.want)
		}
	}
}

// TestInitFilesAreDatedToday checks that the sample briefing is filed
// under the day it is written, so that it is never in the future.
func TestInitFilesAreDatedToday(t *testing.T) {
	now := time.Date(2026, 3, 4, 23, 59, 0, 0, time.UTC)
	files := siteFiles(now, true)
	var paths []string
	for _, f := range files {
		paths = append(paths, f.path)
		if strings.HasSuffix(f.path, "first-briefing.md") && !strings.Contains(string(f.data), "\ndate: 2026-03-04\n") {
			t.Errorf("%s is not dated 2026-03-04:\n%s", f.path, f.data)
		}
	}
	want := "brief.toml .gitignore content/2026/2026-03-04-first-briefing.md content/actors/city-council.md .github/workflows/pages.yml"
	if got := strings.Join(paths, " "); got != want {
		t.Errorf("files = %s, want %s", got, want)
	}
}
