//go:build race

package markdown

// raceDetector is true when the tests run with -race, which makes code
// several times slower: a time budget measured then says nothing.
const raceDetector = true
