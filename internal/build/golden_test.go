package build_test

import (
	"flag"
	"os"
	"strconv"
	"strings"
	"testing"

	"github.com/rogpeppe/go-internal/txtar"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/")

// TestExampleSiteGolden builds the repository's example site and compares
// every output file with testdata/example-site.txtar. After an intended
// change, run: go test ./internal/build -run Golden -update
func TestExampleSiteGolden(t *testing.T) {
	r := buildFS(t, os.DirFS("../..")).ok()
	if len(r.diags) > 0 {
		t.Errorf("the example site has warnings:\n%s", r.messages())
	}
	var got txtar.Archive
	got.Comment = []byte("The example site's public/ tree, built by TestExampleSiteGolden.\n")
	for _, p := range r.mem.Paths() {
		got.Files = append(got.Files, txtar.File{Name: p, Data: []byte(r.file(p))})
	}
	const golden = "testdata/example-site.txtar"
	if *update {
		if err := os.MkdirAll("testdata", 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(golden, txtar.Format(&got), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	data, err := os.ReadFile(golden)
	if err != nil {
		t.Fatalf("%v (run with -update to create it)", err)
	}
	want := txtar.Parse(data)
	wantFiles := map[string]string{}
	for _, f := range want.Files {
		wantFiles[f.Name] = string(f.Data)
	}
	for _, f := range got.Files {
		w, ok := wantFiles[f.Name]
		switch {
		case !ok:
			t.Errorf("new file %s (run with -update if intended)", f.Name)
		case w != string(f.Data):
			t.Errorf("%s differs from the golden file:\n%s", f.Name, firstDiff(w, string(f.Data)))
		}
		delete(wantFiles, f.Name)
	}
	for name := range wantFiles {
		t.Errorf("missing file %s", name)
	}
}

// firstDiff shows the first differing line.
func firstDiff(want, got string) string {
	wl, gl := strings.Split(want, "\n"), strings.Split(got, "\n")
	for i := 0; i < len(wl) || i < len(gl); i++ {
		var w, g string
		if i < len(wl) {
			w = wl[i]
		}
		if i < len(gl) {
			g = gl[i]
		}
		if w != g {
			return "line " + strconv.Itoa(i+1) + ":\n  want: " + w + "\n  got:  " + g
		}
	}
	return ""
}
