package linkcheck

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/url"
	"sync"
	"time"

	"github.com/brief-ssg/brief/internal/diag"
)

// DefaultTimeout is how long External waits for a link whose client has
// no timeout of its own.
const DefaultTimeout = 10 * time.Second

// Client returns an HTTP client for External: each request within
// timeout, proxies from the environment, and no connection kept open
// between requests. A kept connection is what makes net/http write to the
// global log ("Unsolicited response received on idle HTTP channel") when a
// server sends more than its answer, such as a body after HEAD.
func Client(timeout time.Duration) *http.Client {
	tr := http.DefaultTransport.(*http.Transport).Clone()
	tr.DisableKeepAlives = true
	tr.ResponseHeaderTimeout = timeout
	return &http.Client{Timeout: timeout, Transport: tr}
}

// External asks every external link whether it still answers, at most
// concurrency at a time, each within the client's timeout (DefaultTimeout
// when it has none), HEAD and GET together. A link that answers with a
// status of 400 or more, or not at all, or not in HTTP, is an error at the
// first place it is used.
func External(ctx context.Context, links []Link, client *http.Client, concurrency int) diag.List {
	var diags diag.Collector
	sem := make(chan struct{}, max(concurrency, 1))
	timeout := client.Timeout
	if timeout <= 0 {
		timeout = DefaultTimeout
	}
	var wg sync.WaitGroup
	for _, l := range links {
		wg.Add(1)
		go func() {
			defer wg.Done()
			select {
			case sem <- struct{}{}:
			case <-ctx.Done():
				diags.Add(diag.Errorf(l.Pos, "external link to %s not checked: interrupted", l.URL))
				return
			}
			defer func() { <-sem }()
			if err := probe(ctx, client, l.URL, timeout); err != nil {
				diags.Add(diag.Errorf(l.Pos, "external link to %s: %v", l.URL, err))
			}
		}()
	}
	wg.Wait()
	list := diags.List()
	list.Sort()
	return list
}

// probe asks with HEAD, and with GET when the server does not do HEAD,
// both within timeout.
func probe(ctx context.Context, client *http.Client, u string, timeout time.Duration) error {
	ctx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()
	status, err := ask(ctx, client, http.MethodHead, u)
	if err == nil && (status == http.StatusMethodNotAllowed || status == http.StatusNotImplemented || status == http.StatusForbidden) {
		status, err = ask(ctx, client, http.MethodGet, u)
	}
	switch {
	case err != nil && timedOut(err):
		return fmt.Errorf("no answer within %v", timeout)
	case errors.Is(err, io.EOF) || errors.Is(err, io.ErrUnexpectedEOF):
		return errors.New("the server closed the connection without answering")
	case err != nil:
		return err
	case status >= 400:
		return fmt.Errorf("answered %d %s", status, http.StatusText(status))
	}
	return nil
}

// timedOut tells a deadline passed from other failures.
func timedOut(err error) bool {
	var ne net.Error
	return errors.Is(err, context.DeadlineExceeded) || errors.As(err, &ne) && ne.Timeout()
}

func ask(ctx context.Context, client *http.Client, method, u string) (int, error) {
	req, err := http.NewRequestWithContext(ctx, method, u, nil)
	if err != nil {
		return 0, err
	}
	req.Header.Set("User-Agent", "brief-check (link checker)")
	resp, err := client.Do(req)
	if err != nil {
		var ue *url.Error
		if errors.As(err, &ue) {
			// The client's error names the method and the URL, which the
			// report names already; keep its timeout flag.
			if ue.Timeout() {
				return 0, context.DeadlineExceeded
			}
			err = ue.Err
		}
		return 0, err
	}
	resp.Body.Close()
	return resp.StatusCode, nil
}
