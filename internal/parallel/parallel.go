// Package parallel runs independent pieces of work on every core. A panic in
// any piece is carried back to the caller, so the preview server can
// recover from a bug in a rebuild instead of dying with it.
package parallel

import (
	"fmt"
	"runtime"
	"sync"
	"sync/atomic"
)

// Workers is how many goroutines For uses.
func Workers() int { return runtime.GOMAXPROCS(0) }

// For calls work(worker, i) for every i in [0, n), spread over Workers()
// goroutines; worker (in [0, Workers())) lets a caller keep one scratch
// buffer per goroutine. When a call panics, the remaining items are
// skipped and For panics in the caller's goroutine with the first value.
func For(n int, work func(worker, i int)) {
	var next atomic.Int64
	var wg sync.WaitGroup
	var failure atomic.Pointer[Panic]
	for w := range Workers() {
		wg.Add(1)
		go func() {
			defer wg.Done()
			defer func() {
				if v := recover(); v != nil {
					failure.CompareAndSwap(nil, &Panic{Value: v, Stack: stack()})
				}
			}()
			for i := int(next.Add(1)) - 1; i < n && failure.Load() == nil; i = int(next.Add(1)) - 1 {
				work(w, i)
			}
		}()
	}
	wg.Wait()
	if p := failure.Load(); p != nil {
		panic(p)
	}
}

// Go starts work in a goroutine of its own, beside the caller's; wait
// returns once it is done, and panics in the caller's goroutine, as For
// does, when work panicked.
func Go(work func()) (wait func()) {
	done := make(chan struct{})
	var failure *Panic
	go func() {
		defer close(done)
		defer func() {
			if v := recover(); v != nil {
				failure = &Panic{Value: v, Stack: stack()}
			}
		}()
		work()
	}()
	return func() {
		<-done
		if failure != nil {
			panic(failure)
		}
	}
}

// Panic is what For panics with: the first value a worker panicked with
// and that worker's stack.
type Panic struct {
	Value any
	Stack string
}

func (p *Panic) Error() string { return fmt.Sprint(p.Value) }

func stack() string {
	buf := make([]byte, 64<<10)
	return string(buf[:runtime.Stack(buf, false)])
}
