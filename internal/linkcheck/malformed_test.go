package linkcheck

import (
	"bufio"
	"bytes"
	"context"
	"io"
	"log"
	"net"
	"net/http"
	"strings"
	"sync"
	"testing"
	"time"
)

// rawServer answers each request with what answers[path] writes to the
// connection, bytes a real HTTP server would never send; it stops when
// the test ends, even in the middle of an answer.
func rawServer(t *testing.T, answers map[string]func(net.Conn)) string {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	done := make(chan struct{})
	var wg sync.WaitGroup
	t.Cleanup(func() {
		close(done)
		ln.Close()
		wg.Wait()
	})
	wg.Add(1)
	go func() {
		defer wg.Done()
		for {
			conn, err := ln.Accept()
			if err != nil {
				return
			}
			wg.Add(1)
			go func() {
				defer wg.Done()
				defer conn.Close()
				go func() { <-done; conn.Close() }()
				req, err := http.ReadRequest(bufio.NewReader(conn))
				if err != nil {
					return
				}
				if answer := answers[req.URL.Path]; answer != nil {
					answer(conn)
				}
			}()
		}
	}()
	return "http://" + ln.Addr().String()
}

// write sends s, then keeps the connection open a while: a client that
// keeps connections would read what follows an answer as unsolicited.
func write(s string) func(net.Conn) {
	return func(c net.Conn) {
		c.Write([]byte(s))
		time.Sleep(150 * time.Millisecond)
	}
}

// silent answers nothing until the client or the test closes the
// connection.
func silent(c net.Conn) { io.Copy(io.Discard, c) }

// captureLog collects what is written through the global log package
// while the test runs.
func captureLog(t *testing.T) *bytes.Buffer {
	var buf bytes.Buffer
	var mu sync.Mutex
	log.SetOutput(writerFunc(func(p []byte) (int, error) {
		mu.Lock()
		defer mu.Unlock()
		return buf.Write(p)
	}))
	t.Cleanup(func() { log.SetOutput(nil) })
	return &buf
}

type writerFunc func([]byte) (int, error)

func (f writerFunc) Write(p []byte) (int, error) { return f(p) }

// TestMalformedAnswersAreReportedPerLink: a server that answers with
// garbage, a header line with an escape sequence, a body after HEAD, a
// status out of range, or nothing at all, gives one diagnostic per link,
// each one line, and nothing on the global log.
func TestMalformedAnswersAreReportedPerLink(t *testing.T) {
	logged := captureLog(t)
	srv := rawServer(t, map[string]func(net.Conn){
		"/garbage":   write("garbage\r\n\r\n"),
		"/badheader": write("HTTP/1.1 200 OK\r\nX-Bad\x1b[31m\r\n\r\n"),
		"/headbody":  write("HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\nHTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\nhello"),
		"/badstatus": write("HTTP/1.1 99999 Wat\r\n\r\n"),
		"/closed":    func(net.Conn) {},
		"/silent":    silent,
		"/ok":        write("HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n"),
	})
	paths := []string{"/garbage", "/badheader", "/headbody", "/badstatus", "/closed", "/silent", "/ok"}
	links := make([]Link, len(paths))
	for i, p := range paths {
		links[i] = Link{URL: srv + p}
		links[i].Pos.File, links[i].Pos.Line = "page.html", i+1
	}
	start := time.Now()
	diags := External(context.Background(), links, Client(300*time.Millisecond), 4)
	if took := time.Since(start); took > 3*time.Second {
		t.Errorf("took %v with a 300ms timeout", took)
	}
	got := diags.Error()
	for i, want := range []string{
		`malformed HTTP response "garbage"`,
		`malformed MIME header: missing colon: "X-Bad\x1b[31m"`,
		"", // a body after HEAD: the answer itself is fine
		"malformed HTTP status code",
		"the server closed the connection without answering",
		"no answer within 300ms",
	} {
		prefix := "page.html:" + string(rune('1'+i)) + ": external link to " + srv + paths[i] + ": "
		switch {
		case want == "" && strings.Contains(got, prefix):
			t.Errorf("%s reported:\n%s", paths[i], got)
		case want != "" && !strings.Contains(got, prefix+want) && !strings.Contains(got, prefix+"net/http: HTTP/1.x transport connection broken: "+want):
			t.Errorf("missing %q in:\n%s", prefix+want, got)
		}
	}
	if len(diags) != 5 || strings.Count(got, "\n") != 4 {
		t.Errorf("want 5 problems on 5 lines:\n%s", got)
	}
	time.Sleep(200 * time.Millisecond) // what a kept connection would log, it logs by now
	if logged.Len() > 0 {
		t.Errorf("written to the global log:\n%s", logged)
	}
}

// TestExternalRequestsHaveADeadline: even with a client without a
// timeout, a server that accepts and never answers is given up on.
func TestExternalRequestsHaveADeadline(t *testing.T) {
	srv := rawServer(t, map[string]func(net.Conn){"/silent": silent})
	ln, err := net.Listen("tcp", "127.0.0.1:0") // accepts (the kernel does), never reads
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	links := []Link{{URL: srv + "/silent"}, {URL: "http://" + ln.Addr().String() + "/"}}
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()
	start := time.Now()
	client := Client(200 * time.Millisecond)
	client.Timeout = 0 // External's own deadline still holds
	diags := External(ctx, links, client, 2)
	if took := time.Since(start); took > 2*time.Second {
		t.Errorf("took %v", took)
	}
	if len(diags) != 2 {
		t.Errorf("want 2 problems:\n%v", diags)
	}
}
