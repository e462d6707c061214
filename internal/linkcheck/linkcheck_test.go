package linkcheck

import (
	"context"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/brief-ssg/brief/internal/diag/diagtest"
)

func files(kv ...string) map[string][]byte {
	m := map[string][]byte{}
	for i := 0; i+1 < len(kv); i += 2 {
		m[kv[i]] = []byte(kv[i+1])
	}
	return m
}

func TestInternalLinksAndAnchors(t *testing.T) {
	res := Check(Site{BaseURL: "https://example.org/sub/", Files: files(
		"index.html", `<!doctype html><link rel="canonical" href="https://example.org/sub/">
<a href="/sub/a/">ok</a> <a href="a/#sec">ok anchor</a> <a href="https://example.org/sub/a/">ok abs</a>
<a href="/sub/missing/">broken</a>
<a href="/sub/a/#nope">bad anchor</a> <a href="/elsewhere/">outside</a>
<img src="/sub/style.css" alt=""> <a href="mailto:x@example.org">mail</a> <a href="https://other.example/x">ext</a>`,
		"a/index.html", `<h2 id="sec">S</h2><a href="../">up</a><a href="https://other.example/x">again</a>`,
		"style.css", `body{}`,
	)})
	diagtest.Check(t, res.Diags,
		diagtest.Want{Pos: "index.html:3:4", Msg: "broken link to /sub/missing/: the site has no such page"},
		diagtest.Want{Pos: "index.html:4:4", Msg: "broken link to /sub/a/#nope: that page has no element with this id"},
		diagtest.Want{Pos: "index.html:4:42", Msg: "link to /elsewhere/ is outside the site, which lives under /sub/"},
	)
	if len(res.External) != 1 || res.External[0].URL != "https://other.example/x" || res.External[0].Pos.File != "a/index.html" {
		t.Errorf("external = %+v, want the one link, first seen in a/index.html", res.External)
	}
}

// TestLinkToAnotherRepoOnTheSameHostIsExternal: from a site at
// https://user.github.io/repo/, a link written with the host to
// /other-repo/ is a link to another site, checked with --external; the
// same path written root-relative is still outside the site, a mistake.
func TestLinkToAnotherRepoOnTheSameHostIsExternal(t *testing.T) {
	res := Check(Site{BaseURL: "https://user.github.io/repo/", Files: files(
		"index.html", `<a href="https://user.github.io/other-repo/">other</a>
<a href="//user.github.io/repository/x">protocol-relative</a>
<a href="https://user.github.io/repo">this site, no slash</a>
<a href="https://user.github.io/repo/missing/">broken</a>
<a href="/other-repo/">root-relative</a>`,
	)})
	diagtest.Check(t, res.Diags,
		diagtest.Want{Pos: "index.html:4:4", Msg: "broken link to /repo/missing/: the site has no such page"},
		diagtest.Want{Pos: "index.html:5:4", Msg: "link to /other-repo/ is outside the site, which lives under /repo/"},
	)
	var got []string
	for _, l := range res.External {
		got = append(got, l.URL)
	}
	if want := "https://user.github.io/other-repo/ https://user.github.io/repository/x"; strings.Join(got, " ") != want {
		t.Errorf("external = %q, want %q", got, want)
	}
}

func TestFeedsAndJSONMustParse(t *testing.T) {
	res := Check(Site{BaseURL: "https://example.org/", Files: files(
		"index.xml", "<?xml version=\"1.0\"?>\n<rss><channel><title>a & b</title></channel></rss>",
		"sitemap.xml", `<?xml version="1.0"?><urlset></urlset>`,
		"feed.json", `{"version": `,
	)})
	diagtest.Check(t, res.Diags,
		diagtest.Want{Pos: "feed.json", Msg: "not valid JSON"},
		diagtest.Want{Pos: "index.xml:2:25", Msg: "not well-formed XML"},
	)
}

func TestExternalLinks(t *testing.T) {
	var heads int
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch r.URL.Path {
		case "/ok":
			heads++
		case "/gone":
			w.WriteHeader(http.StatusNotFound)
		case "/nohead":
			if r.Method == http.MethodHead {
				w.WriteHeader(http.StatusMethodNotAllowed)
			}
		case "/slow":
			time.Sleep(500 * time.Millisecond)
		}
	}))
	defer srv.Close()
	links := []Link{
		{URL: srv.URL + "/ok"}, {URL: srv.URL + "/gone"}, {URL: srv.URL + "/nohead"}, {URL: srv.URL + "/slow"},
		{URL: "http://127.0.0.1:1/refused"},
	}
	for i := range links {
		links[i].Pos.File = "page.html"
		links[i].Pos.Line = i + 1
	}
	diags := External(context.Background(), links, &http.Client{Timeout: 200 * time.Millisecond}, 2)
	got := diags.Error()
	for _, want := range []string{
		"page.html:2: external link to " + srv.URL + "/gone: answered 404 Not Found",
		"page.html:4: external link to " + srv.URL + "/slow:",
		"page.html:5: external link to http://127.0.0.1:1/refused:",
	} {
		if !strings.Contains(got, want) {
			t.Errorf("missing %q in:\n%s", want, got)
		}
	}
	if len(diags) != 3 || heads != 1 {
		t.Errorf("%d problems (want 3), %d HEAD requests to /ok:\n%s", len(diags), heads, got)
	}
}
