package publish

import (
	"sort"
	"sync"
)

// Memory is an in-memory site: output path → bytes. It implements
// render.Sink for the preview server and for tests.
type Memory struct {
	mu    sync.Mutex
	files map[string][]byte
}

// NewMemory returns an empty in-memory site.
func NewMemory() *Memory { return &Memory{files: map[string][]byte{}} }

// Write stores a copy of data under path.
func (m *Memory) Write(path string, data []byte, _ [16]byte) error {
	m.mu.Lock()
	m.files[path] = append([]byte(nil), data...)
	m.mu.Unlock()
	return nil
}

// Get returns the bytes of path.
func (m *Memory) Get(path string) ([]byte, bool) {
	m.mu.Lock()
	defer m.mu.Unlock()
	b, ok := m.files[path]
	return b, ok
}

// Paths lists every path, sorted.
func (m *Memory) Paths() []string {
	m.mu.Lock()
	defer m.mu.Unlock()
	out := make([]string, 0, len(m.files))
	for p := range m.files {
		out = append(out, p)
	}
	sort.Strings(out)
	return out
}
