package source

import (
	"fmt"
	"testing"
	"time"

	fm "brief/internal/frontmatter"
)

func show(name, src string) {
	doc, ds := fm.Parse("c/a.md", []byte(src))
	fmt.Printf("=== %s\n", name)
	for _, d := range ds {
		fmt.Println("  P:", d.Error())
	}
	if doc == nil {
		return
	}
	b, ds2 := DecodeBriefing("c/a.md", doc, time.UTC)
	for _, d := range ds2 {
		fmt.Println("  D:", d.Error())
	}
	fmt.Printf("  title=%q date=%v tags=%v actors=%v figs=%+v body=%q bodyline=%d\n", b.Title, b.Date, b.Tags, b.Actors, b.Figures, b.Body, b.BodyLine)
}

func TestScratch(t *testing.T) {
	show("unclosed", "---\ntitle: x\ndate: 2024-01-01\nbody\n")
	show("bom", "\ufeff---\ntitle: x\ndate: 2024-01-01\n---\nbody\n")
	show("yamlerr", "\n\n---\ntitle: x\ndate 2024-01-01\nsummary: y\n---\nbody\n")
	show("yamlerr2", "---\ntitle: x\ndate: 2024-01-01\nsummary y\n---\nbody\n")
	show("tabs", "---\ntitle: x\n\tdate: 2024-01-01\n---\nbody\n")
	show("tabs2", "---\ntitle: x\ntags:\n\t- a\n---\nbody\n")
	show("dupyaml", "---\ntitle: x\ndate: 2024-01-01\ntitle: y\n---\nbody\n")
	show("duptoml", "+++\ntitle = \"x\"\ndate = 2024-01-01\ntitle = \"y\"\n+++\nbody\n")
	show("dupjson", "{\n\"title\": \"x\",\n\"date\": \"2024-01-01\",\n  \"title\": \"y\"\n}\nbody\n")
	show("titel", "---\ntitel: x\ndate: 2024-01-01\n---\nbody\n")
	show("dates", "---\ntitle: x\ndate: 2024-02-30\nupdated: yesterday\n---\nbody\n")
	show("laughs", "---\na: &a [lol,lol,lol,lol,lol,lol,lol,lol,lol]\nb: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]\n---\n")
	deep := ""
	for i := 0; i < 20000; i++ { deep += "[" }
	for i := 0; i < 20000; i++ { deep += "]" }
	show("deep", "---\ntitle: "+deep+"\n---\n")
	show("deepjson", "{\"title\": "+deep+"}\n")
	show("json-noblank", "{\"title\": \"x\", \"date\": \"2024-01-01\"}\nbody\n")
	show("json-after", "{\"title\": \"x\", \"date\": \"2024-01-01\"} junk\nbody\n")
	show("json-semi", ";;;\n{\"title\": \"x\", \"date\": \"2024-01-01\"}\n;;;\nbody\n")
	show("json-semi-junk", ";;;\n{\"title\": \"x\", \"date\": \"2024-01-01\"} junk\n;;;\nbody\n")
	show("json-syntax", "{\n\"title\": \"x\",\n\"date\" \"2024-01-01\"\n}\nbody\n")
	show("json-unclosed", "{\n\"title\": \"x\",\n\"date\": \"2024-01-01\"\nbody\n")
	show("empty", "")
	show("fmonly", "---\ntitle: x\ndate: 2024-01-01\n---")
	show("bodyonly", "Hello\n")
	show("toml-local", "+++\ntitle = \"x\"\ndate = 2024-03-01\nupdated = 2024-03-01T10:00:00\n+++\n")
	show("toml-figs", "+++\ntitle = \"x\"\ndate = 2024-03-01\n[figures]\n\"Zeta b\" = 1\n\"Alpha a\" = 2\n+++\n")
	show("toml-figs-inline", "+++\ntitle = \"x\"\ndate = 2024-03-01\nfigures = {\"Zeta b\" = 1, \"Alpha a\" = \"x\"}\n+++\n")
	show("tomlerr", "+++\ntitle = \"x\"\ndate = \n+++\n")
	show("figs", "---\ntitle: x\ndate: 2024-01-01\nfigures:\n  - label: A\n    value: \"1,200\"\n  - label: B\n    value: 12abc\n  - label: C\n    value: -3.5\n    of: Nope\n  - label: a\n    value: 1\n---\n")
}
