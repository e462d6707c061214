package cli

import (
	"context"
	"net"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"
)

type lockedBuffer struct {
	mu sync.Mutex
	b  strings.Builder
}

func (l *lockedBuffer) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.Write(p)
}

func (l *lockedBuffer) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.String()
}

// TestServeListensOnLoopbackOnly starts serve with its defaults and checks
// that the port is not reachable on any other address of this machine,
// then that an interrupt stops it within a second.
func TestServeListensOnLoopbackOnly(t *testing.T) {
	root := t.TempDir()
	os.MkdirAll(filepath.Join(root, "content"), 0o755)
	os.WriteFile(filepath.Join(root, "content", "a.md"), []byte("---\ntitle: A\ndate: 2025-01-01\n---\nA.\n"), 0o644)
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	var stderr lockedBuffer
	exit := make(chan int, 1)
	go func() {
		exit <- Run(ctx, []string{"serve", "-s", root, "-p", "0", "--cacheDir", ""}, &lockedBuffer{}, &stderr)
	}()
	url := regexp.MustCompile(`http://127\.0\.0\.1:(\d+)/`)
	var port string
	for deadline := time.Now().Add(5 * time.Second); port == ""; time.Sleep(10 * time.Millisecond) {
		if m := url.FindStringSubmatch(stderr.String()); m != nil {
			port = m[1]
		} else if time.Now().After(deadline) {
			t.Fatalf("no URL printed:\n%s", stderr.String())
		}
	}
	conn, err := net.Dial("tcp", "127.0.0.1:"+port)
	if err != nil {
		t.Fatalf("loopback not reachable: %v", err)
	}
	conn.Close()
	addrs, _ := net.InterfaceAddrs()
	others := 0
	for _, a := range addrs {
		ipnet, ok := a.(*net.IPNet)
		if !ok || ipnet.IP.IsLoopback() || ipnet.IP.IsLinkLocalUnicast() {
			continue
		}
		others++
		c, err := net.DialTimeout("tcp", net.JoinHostPort(ipnet.IP.String(), port), time.Second)
		if err == nil {
			c.Close()
			t.Errorf("the preview is reachable on %s", ipnet.IP)
		}
	}
	t.Logf("checked %d non-loopback addresses", others)
	stopped := time.Now()
	cancel()
	select {
	case code := <-exit:
		if code != ExitOK {
			t.Errorf("exit code %d after an interrupt, want 0", code)
		}
		if took := time.Since(stopped); took > time.Second {
			t.Errorf("stopping took %s, want under 1s", took)
		}
	case <-time.After(2 * time.Second):
		t.Fatal("serve did not stop within 2s of the interrupt")
	}
	if _, err := os.Stat(filepath.Join(root, "public")); !os.IsNotExist(err) {
		t.Errorf("serve wrote public/")
	}
	if !strings.Contains(stderr.String(), "brief serve: stopped") {
		t.Errorf("no stop message:\n%s", stderr.String())
	}
}
