package deploy

import (
	"net/url"
	"os"
	"regexp"
	"sort"
	"strings"
)

// secretName matches the names of environment variables and URL
// parameters whose values are credentials: AWS_SECRET_ACCESS_KEY,
// AWS_SESSION_TOKEN, AZURE_STORAGE_KEY, AZURE_STORAGE_SAS_TOKEN, sig, …
var secretName = regexp.MustCompile(`(?i)secret|token|passw|access_?key|account_?key|storage_?key|sas|sig|credential|connection|auth`)

// redactor removes credentials from what brief prints. The cloud SDKs do
// not put them in their errors, but a URL or an error quoting a request
// might: every value brief knows to be secret is replaced wherever it
// appears.
type redactor struct{ secrets []string }

const redacted = "[redacted]"

// newRedactor collects the secrets of the environment and of the URL.
func newRedactor(rawURL string) redactor {
	var r redactor
	for _, kv := range os.Environ() {
		name, value, _ := strings.Cut(kv, "=")
		if secretName.MatchString(name) {
			r.add(value)
		}
	}
	r.addURL(rawURL, 0)
	// The longest first, so a secret that holds another goes whole.
	sort.Slice(r.secrets, func(i, j int) bool { return len(r.secrets[i]) > len(r.secrets[j]) })
	return r
}

// addURL records the password of a URL and the values of its secret
// parameters, and does the same for parameters that are URLs themselves
// (endpoint=https://user:pass@host).
func (r *redactor) addURL(rawURL string, depth int) {
	u, err := url.Parse(rawURL)
	if err != nil || depth > 2 {
		return
	}
	if p, ok := u.User.Password(); ok {
		r.add(p)
		r.add(url.QueryEscape(p))
	}
	for k, vs := range u.Query() {
		for _, v := range vs {
			if secretName.MatchString(k) {
				r.add(v)
				r.add(url.QueryEscape(v))
			} else if strings.Contains(v, "://") {
				r.addURL(v, depth+1)
			}
		}
	}
}

// add records a secret; values too short to be one (true, 1) are left
// alone, or every message would lose its words.
func (r *redactor) add(s string) {
	if len(s) >= 6 {
		r.secrets = append(r.secrets, s)
	}
}

// String returns s without the secrets.
func (r redactor) String(s string) string {
	for _, sec := range r.secrets {
		s = strings.ReplaceAll(s, sec, redacted)
	}
	return s
}

// Error returns err with its message cleaned of secrets.
func (r redactor) Error(err error) error {
	if err == nil {
		return nil
	}
	return &redactedError{msg: r.String(err.Error()), err: err}
}

type redactedError struct {
	msg string
	err error
}

func (e *redactedError) Error() string { return e.msg }

// Unwrap lets callers test for context.Canceled and the like; only
// Error's message is ever printed.
func (e *redactedError) Unwrap() error { return e.err }

// DisplayURL returns the target URL to print: no user information, and
// the values of secret parameters replaced. A URL without them is printed
// as written.
func DisplayURL(rawURL string) string {
	u, err := url.Parse(rawURL)
	if err != nil {
		return "(an unreadable URL)"
	}
	r := newRedactor(rawURL)
	q := u.Query()
	secret := u.User != nil
	for k := range q {
		if secretName.MatchString(k) {
			q.Set(k, redacted)
			secret = true
		}
	}
	if !secret {
		return r.String(rawURL)
	}
	u.User = nil
	u.RawQuery = q.Encode()
	return r.String(strings.ReplaceAll(u.String(), url.QueryEscape(redacted), redacted))
}
