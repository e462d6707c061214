// Command briefgen writes a synthetic briefing site of any size, the same
// for the same seed, for benchmarks and for trying brief at scale:
//
//	go run ./cmd/briefgen -n 10000 -o /tmp/site && go run ./cmd/brief build -s /tmp/site
package main

import (
	"flag"
	"fmt"
	"os"

	"github.com/brief-ssg/brief/internal/corpus"
)

func main() {
	n := flag.Int("n", 1000, "number of briefings")
	seed := flag.Uint64("seed", 1, "random seed")
	out := flag.String("o", "", "the folder to write the site into (required)")
	flag.Parse()
	if *out == "" || flag.NArg() > 0 {
		flag.Usage()
		os.Exit(2)
	}
	if err := corpus.Write(*out, corpus.Options{Briefings: *n, Seed: *seed}); err != nil {
		fmt.Fprintln(os.Stderr, "briefgen:", err)
		os.Exit(1)
	}
}
