//go:build !race

package markdown

// raceDetector is true when the tests run with -race.
const raceDetector = false
