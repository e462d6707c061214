package linkcheck

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"sync"

	"github.com/brief-ssg/brief/internal/diag"
)

// External asks every external link whether it still answers, at most
// concurrency at a time, each within the client's timeout. A link that
// answers with a status of 400 or more, or not at all, is an error at the
// first place it is used.
func External(ctx context.Context, links []Link, client *http.Client, concurrency int) diag.List {
	var diags diag.Collector
	sem := make(chan struct{}, max(concurrency, 1))
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
			if err := probe(ctx, client, l.URL); err != nil {
				diags.Add(diag.Errorf(l.Pos, "external link to %s: %v", l.URL, err))
			}
		}()
	}
	wg.Wait()
	list := diags.List()
	list.Sort()
	return list
}

// probe asks with HEAD, and with GET when the server does not do HEAD.
func probe(ctx context.Context, client *http.Client, u string) error {
	status, err := ask(ctx, client, http.MethodHead, u)
	if err == nil && (status == http.StatusMethodNotAllowed || status == http.StatusNotImplemented || status == http.StatusForbidden) {
		status, err = ask(ctx, client, http.MethodGet, u)
	}
	if err != nil {
		return err
	}
	if status >= 400 {
		return fmt.Errorf("answered %d %s", status, http.StatusText(status))
	}
	return nil
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
			err = ue.Err
		}
		return 0, err
	}
	resp.Body.Close()
	return resp.StatusCode, nil
}
