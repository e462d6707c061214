package deploy

import (
	"context"
	"fmt"
	"sync"
	"sync/atomic"
)

// Progress is called after every object sent or deleted.
type Progress func(done, total int, sent int64)

// Stats is what a deploy did.
type Stats struct {
	Uploaded, Deleted int
	Sent              int64 // bytes
}

// Error is the failure of one object, after which the deploy stopped.
type Error struct {
	Op  string // "uploading" or "deleting"
	Key string
	Err error
}

func (e *Error) Error() string { return fmt.Sprintf("%s %s: %v", e.Op, e.Key, e.Err) }
func (e *Error) Unwrap() error { return e.Err }

// Apply carries out the plan with the files of dir: uploads phase by
// phase, then deletions, then the manifest. Workers objects are sent at
// once within a phase. The first failure stops it (the objects in flight
// finish or fail too) and is returned; what was done is in Stats, and
// running the deploy again finishes the job.
func (t *Target) Apply(ctx context.Context, dir string, p *Plan, workers int, progress Progress) (Stats, error) {
	var st Stats
	total := len(p.Uploads) + len(p.Deletes)
	var done atomic.Int64
	var sent atomic.Int64
	report := func() {
		if progress != nil {
			progress(int(done.Load()), total, sent.Load())
		}
	}
	for lo := 0; lo < len(p.Uploads); {
		hi := lo
		for hi < len(p.Uploads) && PhaseOf(p.Uploads[hi].Key) == PhaseOf(p.Uploads[lo].Key) {
			hi++
		}
		err := run(ctx, workers, p.Uploads[lo:hi], func(ctx context.Context, u Upload) error {
			body, err := u.read(dir)
			if err == nil {
				err = t.put(ctx, u.Key, body, u.Header)
			}
			if err != nil {
				return &Error{Op: "uploading", Key: u.Key, Err: t.redact.Error(err)}
			}
			sent.Add(u.Size)
			done.Add(1)
			report()
			return nil
		})
		st.Uploaded, st.Sent = int(done.Load()), sent.Load()
		if err != nil {
			return st, err
		}
		lo = hi
	}
	err := run(ctx, workers, p.Deletes, func(ctx context.Context, key string) error {
		if err := t.bucket.Delete(ctx, key); err != nil {
			return &Error{Op: "deleting", Key: key, Err: t.redact.Error(err)}
		}
		done.Add(1)
		report()
		return nil
	})
	st.Deleted = int(done.Load()) - st.Uploaded
	if err != nil {
		return st, err
	}
	if m := newManifest(p.files); string(m) != string(p.manifest) {
		if err := t.put(ctx, ManifestKey, m, Header{ContentType: "application/json", CacheControl: "no-store"}); err != nil {
			return st, &Error{Op: "uploading", Key: ManifestKey, Err: t.redact.Error(err)}
		}
	}
	return st, nil
}

// run calls do for every item with workers goroutines, and stops at the
// first error, which it returns.
func run[T any](ctx context.Context, workers int, items []T, do func(context.Context, T) error) error {
	ctx, cancel := context.WithCancelCause(ctx)
	defer cancel(nil)
	var (
		wg    sync.WaitGroup
		once  sync.Once
		first error
		next  = make(chan T)
	)
	for range max(1, workers) {
		wg.Go(func() {
			for it := range next {
				if err := do(ctx, it); err != nil {
					once.Do(func() { first = err; cancel(err) })
				}
			}
		})
	}
feed:
	for _, it := range items {
		select {
		case next <- it:
		case <-ctx.Done():
			break feed
		}
	}
	close(next)
	wg.Wait()
	if first == nil && ctx.Err() != nil {
		return context.Cause(ctx)
	}
	return first
}
