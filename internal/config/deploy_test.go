package config

import (
	"strings"
	"testing"
)

// TestDeployTable: [deploy] and [[deploy.headers]] are read with their
// defaults, and mistakes in them are errors with their line.
func TestDeployTable(t *testing.T) {
	c, diags := Parse(FileName, []byte(`title = "x"
[deploy]
to = "s3://bucket?region=eu-west-1"
maxAge = 60
gzip = true
cloudFront = "E2QWRUHEXAMPLE"
[[deploy.headers]]
pattern = "*.pdf"
contentDisposition = "attachment"
[[deploy.headers]]
pattern = "data/**"
cacheControl = "no-store"
gzip = false
`))
	if err := diags.Err(); err != nil {
		t.Fatal(err)
	}
	d := c.Deploy
	if d.To != "s3://bucket?region=eu-west-1" || d.MaxAge != 60 || !d.Gzip || d.MaxDeletes != DefaultMaxDeletes || d.CloudFront != "E2QWRUHEXAMPLE" {
		t.Errorf("deploy = %+v", d)
	}
	want := []HeaderRule{{Pattern: "*.pdf", ContentDisposition: "attachment"}, {Pattern: "data/**", CacheControl: "no-store", Gzip: "false"}}
	if len(d.Headers) != 2 || d.Headers[0] != want[0] || d.Headers[1] != want[1] {
		t.Errorf("headers = %+v, want %+v", d.Headers, want)
	}
	if def := Default().Deploy; def.MaxAge != DefaultMaxAge || def.MaxDeletes != DefaultMaxDeletes || def.To != "" {
		t.Errorf("default deploy = %+v", def)
	}
	for _, c := range []struct{ src, want string }{
		{"[deploy]\nto = \"bucket\"\n", "brief.toml:2:6: deploy.to \"bucket\" must be a bucket URL"},
		{"[deploy]\nmaxAge = -1\n", "brief.toml:2:10: deploy.maxAge must be"},
		{"[deploy]\nmaxAges = 1\n", "brief.toml:2:1: unknown key \"maxAges\" in [deploy]: did you mean \"maxAge\"?"},
		{"[deploy]\ngzip = \"yes\"\n", "gzip must be true or false"},
		{"[[deploy.headers]]\ncacheControl = \"no-store\"\n", "deploy.headers needs a pattern"},
		{"[[deploy.headers]]\npattern = \"[\"\n", "is not a valid pattern"},
		{"deploy = 1\n", "deploy must be a table"},
	} {
		_, diags := Parse(FileName, []byte(c.src))
		if err := diags.Err(); err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%q: error %v, want %q", c.src, err, c.want)
		}
	}
}
