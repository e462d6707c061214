package feed

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// xmllintPath finds xmllint (Debian package libxml2-utils). Without it the
// caller is skipped, unless BRIEF_REQUIRE_BROWSER=1 asks for every external
// checker to be present, in which case it fails.
func xmllintPath(t *testing.T) string {
	t.Helper()
	p, err := exec.LookPath("xmllint")
	if err == nil {
		return p
	}
	msg := "xmllint not found (apt-get install libxml2-utils); schema validation of feeds and sitemaps not run"
	if os.Getenv("BRIEF_REQUIRE_BROWSER") == "1" {
		t.Fatal(msg + ", and BRIEF_REQUIRE_BROWSER=1 requires it")
	}
	t.Skip(msg)
	return ""
}

// writeFiles writes each document to its own file in a temporary folder and
// returns the paths, in the order of names.
func writeFiles(t *testing.T, names []string, docs map[string][]byte) []string {
	t.Helper()
	dir := t.TempDir()
	paths := make([]string, len(names))
	for i, name := range names {
		paths[i] = filepath.Join(dir, name)
		if err := os.WriteFile(paths[i], docs[name], 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return paths
}

// xmllint runs xmllint --noout with args on the files and returns its
// combined output and whether it succeeded.
func xmllint(t *testing.T, args []string, files []string) (string, bool) {
	t.Helper()
	cmd := exec.Command(xmllintPath(t), append(append([]string{"--noout", "--nonet"}, args...), files...)...)
	out, err := cmd.CombinedOutput()
	if err != nil {
		if _, ok := err.(*exec.ExitError); !ok {
			t.Fatalf("xmllint: %v", err)
		}
	}
	return string(out), err == nil
}

// mustValidate fails unless xmllint accepts every document.
func mustValidate(t *testing.T, args []string, docs map[string][]byte) {
	t.Helper()
	var names []string
	for name := range docs {
		names = append(names, name)
	}
	if out, ok := xmllint(t, args, writeFiles(t, names, docs)); !ok {
		t.Errorf("xmllint %s rejects our output:\n%s", strings.Join(args, " "), out)
	}
}

// mustReject fails unless xmllint rejects the document for the reason
// given: "fails to validate" for a schema, a parser error otherwise (not,
// say, because the schema is missing).
func mustReject(t *testing.T, args []string, doc, reason string) {
	t.Helper()
	files := writeFiles(t, []string{"bad.xml"}, map[string][]byte{"bad.xml": []byte(doc)})
	out, ok := xmllint(t, args, files)
	if ok || !strings.Contains(out, reason) {
		t.Errorf("xmllint %s does not reject an invalid document with %q:\n%s\n%s", strings.Join(args, " "), reason, doc, out)
	}
}

// TestXmllintFeeds: every RSS and Atom feed made from hostile text is
// well-formed for libxml2, and every Atom feed is valid against RFC 4287.
func TestXmllintFeeds(t *testing.T) {
	xmllintPath(t)
	rss, atom := map[string][]byte{}, map[string][]byte{}
	for i, tc := range hostile {
		rss[fmt.Sprintf("rss-%02d.xml", i)] = RSS(hostileFeed(tc.in), self)
		atom[fmt.Sprintf("atom-%02d.xml", i)] = Atom(hostileFeed(tc.in), self)
	}
	empty := Feed{Title: "Empty", HomeURL: home}
	rss["rss-empty.xml"], atom["atom-empty.xml"] = RSS(empty, self), Atom(empty, self)
	mustValidate(t, nil, rss)
	mustValidate(t, []string{"--relaxng", "testdata/atom.rng"}, atom)
}

// TestXmllintSitemaps: a small sitemap validates against sitemap.xsd; a
// large one's index against siteindex.xsd and each of its parts against
// sitemap.xsd.
func TestXmllintSitemaps(t *testing.T) {
	t.Parallel()
	xmllintPath(t)
	small := Sitemaps(someURLs(3), home)
	mustValidate(t, []string{"--schema", "testdata/sitemap.xsd"}, small)

	_, large := largeSitemap()
	mustValidate(t, []string{"--schema", "testdata/siteindex.xsd"}, map[string][]byte{"sitemap.xml": large["sitemap.xml"]})
	mustValidate(t, []string{"--schema", "testdata/sitemap.xsd"}, map[string][]byte{
		"sitemap-1.xml": large["sitemap-1.xml"],
		"sitemap-2.xml": large["sitemap-2.xml"],
	})
}

// TestSchemasReject shows that the schemas are not so loose that anything
// passes: each rejects a document that breaks it.
func TestSchemasReject(t *testing.T) {
	xmllintPath(t)
	const sm = `<?xml version="1.0" encoding="utf-8"?>` + "\n" + `<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">`
	mustReject(t, []string{"--schema", "testdata/sitemap.xsd"}, sm+`<url><lastmod>2025-12-06</lastmod></url></urlset>`, "bad.xml fails to validate")
	mustReject(t, []string{"--schema", "testdata/sitemap.xsd"}, sm+`<url><loc>https://example.org/</loc><lastmod>6 Dec 2025</lastmod></url></urlset>`, "bad.xml fails to validate")
	mustReject(t, []string{"--schema", "testdata/sitemap.xsd"}, sm+`</urlset>`, "bad.xml fails to validate")
	mustReject(t, []string{"--schema", "testdata/siteindex.xsd"}, `<?xml version="1.0"?>`+
		`<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"><sitemap><lastmod>2025-12-06</lastmod></sitemap></sitemapindex>`, "bad.xml fails to validate")
	mustReject(t, []string{"--schema", "testdata/siteindex.xsd"}, string(Sitemaps(someURLs(1), home)["sitemap.xml"]), "bad.xml fails to validate")

	good := string(Atom(hostileFeed("x"), self))
	for _, bad := range []struct{ old, new string }{
		{"<id>https://example.org/</id>", ""},                                       // feed without id
		{"<updated>2025-12-08T01:15:05Z</updated>", "<updated>yesterday</updated>"}, // not a date
		{`<content type="html">`, `<content type="html" src="x">`},                  // content both inline and out of line
		{"<title>Feed x</title>", "<title>Feed x</title><title>Again</title>"},      // two titles
	} {
		doc := strings.Replace(good, bad.old, bad.new, 1)
		if doc == good {
			t.Fatalf("test mutation %q not found in the Atom feed", bad.old)
		}
		mustReject(t, []string{"--relaxng", "testdata/atom.rng"}, doc, "bad.xml fails to validate")
	}
	// Not even well-formed: an entity reference without its ";".
	mustReject(t, nil, strings.Replace(good, "&lt;p&gt;", "&lt;p&gt", 1), "parser error")
}
