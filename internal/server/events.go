package server

import (
	"encoding/json"
	"fmt"
	"net/http"
	"sync"
	"time"
)

// broker fans build events out to the open pages. It is written by hand:
// server-sent events need only the standard library.
type broker struct {
	mu      sync.Mutex
	clients map[chan change]bool
	closed  bool
	done    chan struct{}
}

func newBroker() *broker {
	return &broker{clients: map[chan change]bool{}, done: make(chan struct{})}
}

// Publish sends ch to every open page. A page too slow to take it misses
// it and catches up from the version on its next event.
func (b *broker) Publish(ch change) {
	b.mu.Lock()
	defer b.mu.Unlock()
	for c := range b.clients {
		select {
		case c <- ch:
		default:
		}
	}
}

// Close ends every event stream, so the server can shut down at once.
func (b *broker) Close() {
	b.mu.Lock()
	defer b.mu.Unlock()
	if !b.closed {
		b.closed = true
		close(b.done)
	}
}

func (b *broker) subscribe() (chan change, bool) {
	b.mu.Lock()
	defer b.mu.Unlock()
	if b.closed {
		return nil, false
	}
	c := make(chan change, 8)
	b.clients[c] = true
	return c, true
}

func (b *broker) unsubscribe(c chan change) {
	b.mu.Lock()
	delete(b.clients, c)
	b.mu.Unlock()
}

// heartbeat keeps idle connections open through proxies and lets the
// server notice pages that went away.
const heartbeat = 15 * time.Second

// serveEvents streams build events: "hello" with the current version on
// connect (a page from an older build or an earlier server reloads), then
// "build" after every rebuild.
func (s *Server) serveEvents(w http.ResponseWriter, r *http.Request) {
	flusher, ok := w.(http.Flusher)
	if !ok {
		http.Error(w, "streaming unsupported", http.StatusInternalServerError)
		return
	}
	c, ok := s.events.subscribe()
	if !ok {
		http.Error(w, "shutting down", http.StatusServiceUnavailable)
		return
	}
	defer s.events.unsubscribe(c)
	h := w.Header()
	h.Set("Content-Type", "text/event-stream")
	h.Set("Cache-Control", "no-store")
	w.WriteHeader(http.StatusOK)
	send(w, "hello", change{Version: s.cur.Load().version})
	flusher.Flush()
	tick := time.NewTicker(heartbeat)
	defer tick.Stop()
	for {
		select {
		case ch := <-c:
			send(w, "build", ch)
		case <-tick.C:
			fmt.Fprint(w, ": heartbeat\n\n")
		case <-r.Context().Done():
			return
		case <-s.events.done:
			return
		}
		flusher.Flush()
	}
}

func send(w http.ResponseWriter, event string, ch change) {
	data, _ := json.Marshal(ch)
	fmt.Fprintf(w, "retry: 500\nevent: %s\ndata: %s\n\n", event, data)
}
