package parallel

import (
	"strings"
	"sync/atomic"
	"testing"
)

func TestForCallsEveryIndexOnce(t *testing.T) {
	const n = 1000
	var seen [n]atomic.Int32
	var badWorker atomic.Bool
	For(n, func(w, i int) {
		if w < 0 || w >= Workers() {
			badWorker.Store(true)
		}
		seen[i].Add(1)
	})
	for i := range seen {
		if got := seen[i].Load(); got != 1 {
			t.Fatalf("index %d called %d times", i, got)
		}
	}
	if badWorker.Load() {
		t.Fatal("worker index out of range")
	}
}

func TestForCarriesAPanicToTheCaller(t *testing.T) {
	defer func() {
		p, ok := recover().(*Panic)
		if !ok {
			t.Fatalf("recovered %T, want *Panic", p)
		}
		if p.Value != "boom at 7" || !strings.Contains(p.Stack, "parallel_test.go") {
			t.Fatalf("panic = %v, stack:\n%s", p.Value, p.Stack)
		}
	}()
	For(100, func(_, i int) {
		if i == 7 {
			panic("boom at 7")
		}
	})
	t.Fatal("For returned normally")
}

// TestGo: the work runs beside the caller and is done when wait returns;
// its panic reaches the caller from wait.
func TestGo(t *testing.T) {
	ran := false
	wait := Go(func() { ran = true })
	wait()
	if !ran {
		t.Fatal("wait returned before the work ran")
	}
	defer func() {
		p, ok := recover().(*Panic)
		if !ok || p.Value != "boom" || !strings.Contains(p.Stack, "parallel_test.go") {
			t.Fatalf("recovered %#v, want the work's panic with its stack", p)
		}
	}()
	Go(func() { panic("boom") })()
	t.Fatal("wait returned normally after a panic")
}
