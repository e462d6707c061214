package search

import (
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"
	"unicode/utf8"
)

// index is a built index, read back the way search.js reads it.
type index struct {
	t     *testing.T
	files map[string][]byte
	meta  metaJSON
}

type metaJSON struct {
	Version  int               `json:"version"`
	Docs     int               `json:"docs"`
	Block    int               `json:"block"`
	MaxToken int               `json:"maxToken"`
	Fields   []string          `json:"fields"`
	Dates    [][2]any          `json:"dates"`
	Actors   []json.RawMessage `json:"actors"`
	Tags     []json.RawMessage `json:"tags"`
	Shards   []string          `json:"shards"`
}

func build(t *testing.T, docs []Doc) *index {
	t.Helper()
	files, _ := Build(docs)
	ix := &index{t: t, files: files}
	ix.decode("meta.json", &ix.meta)
	return ix
}

func (ix *index) decode(path string, v any) {
	ix.t.Helper()
	b, ok := ix.files[path]
	if !ok {
		ix.t.Fatalf("no file %s", path)
	}
	if err := json.Unmarshal(b, v); err != nil {
		ix.t.Fatalf("%s: %v\n%s", path, err, b)
	}
}

// shardOf returns the key of the shard holding token tok: the longest key
// that is a prefix of it.
func (ix *index) shardOf(tok string) string {
	best := ""
	for _, k := range ix.meta.Shards {
		if strings.HasPrefix(tok, k) && len(k) > len(best) {
			best = k
		}
	}
	return best
}

// lookup returns the postings of an exact token: doc id → field mask.
func (ix *index) lookup(tok string) map[int]int {
	ix.t.Helper()
	k := ix.shardOf(tok)
	if k == "" {
		return nil
	}
	var shard map[string][]int
	ix.decode("t/"+shardName(k)+".json", &shard)
	out := map[int]int{}
	id := 0
	for _, n := range shard[tok] {
		id += n >> maskBits
		out[id] = n & (1<<maskBits - 1)
	}
	return out
}

// fields names the bits of a mask, for messages.
func fields(mask int) string {
	var l []string
	for i, f := range fieldNames {
		if mask&(1<<i) != 0 {
			l = append(l, f)
		}
	}
	return strings.Join(l, "+")
}

// corpus generates n briefings that look like real ones in size and word
// distribution: titles of about 60 characters, summaries of about 30
// words, bodies of about 450 words drawn from a Zipf-distributed
// vocabulary of some 40,000 words, a few of 300 actors and 120 tags, dates
// over ten years.
func corpus(n int) []Doc {
	r := rand.New(rand.NewPCG(1, 2))
	syll := []string{"ka", "lo", "mi", "ne", "ru", "sa", "to", "vi", "ze", "an", "or", "el", "ik", "um", "ba", "de", "go", "hu", "ja", "pe", "ri", "sto", "tra", "ver", "kin", "mon", "pol", "sk", "ny", "ch"}
	word := func() string {
		var b strings.Builder
		for range 2 + r.IntN(3) {
			b.WriteString(syll[r.IntN(len(syll))])
		}
		return b.String()
	}
	common := strings.Fields("the of and to in a is that for on was with as by at from it has said be this are have were an which not but after its their they had he more been would will also who over two three than new first about into talks forces drones missiles attack peace sanctions minister president government ministry officials region city air defence")
	vocab := append([]string{}, common...)
	seen := map[string]bool{}
	for len(vocab) < 40000 {
		w := word()
		if !seen[w] {
			seen[w] = true
			vocab = append(vocab, w)
		}
	}
	zipf := rand.NewZipf(r, 1.07, 2, uint64(len(vocab)-1))
	words := func(k int) string {
		var b strings.Builder
		for i := range k {
			if i > 0 {
				b.WriteByte(' ')
				if r.IntN(12) == 0 {
					b.WriteString(fmt.Sprint(r.IntN(2000)) + " ")
				}
			}
			b.WriteString(vocab[zipf.Uint64()])
		}
		return b.String()
	}
	title := func() string {
		var b strings.Builder
		for b.Len() < 50+r.IntN(20) {
			if b.Len() > 0 {
				b.WriteByte(' ')
			}
			b.WriteString(vocab[zipf.Uint64()%5000])
		}
		return capital(b.String())
	}
	actors := make([]string, 300)
	for i := range actors {
		actors[i] = capital(word()) + " " + capital(word())
	}
	tags := make([]string, 120)
	for i := range tags {
		tags[i] = word()
	}
	docs := make([]Doc, n)
	for i := range docs {
		day := r.IntN(3650)
		y, m, d := 2016+day/365, 1+day%365/31%12, 1+day%31%28
		slug := strings.ReplaceAll(strings.ToLower(title()[:20]), " ", "-")
		date := fmt.Sprintf("%04d-%02d-%02d", y, m, d)
		doc := Doc{
			URL:     fmt.Sprintf("/%s/%s-%d/", date[:7], slug, i),
			Title:   title(),
			Date:    date,
			Summary: words(25 + r.IntN(15)),
			Body:    words(400 + r.IntN(100)),
		}
		for range 1 + r.IntN(4) {
			doc.Actors = append(doc.Actors, actors[r.IntN(len(actors))])
		}
		if r.IntN(3) == 0 {
			doc.Aliases = append(doc.Aliases, strings.Fields(doc.Actors[0])[1])
		}
		for range 1 + r.IntN(3) {
			doc.Tags = append(doc.Tags, tags[r.IntN(len(tags))])
		}
		for range r.IntN(3) {
			doc.Figures = append(doc.Figures, capital(vocab[r.IntN(300)])+" launched")
		}
		docs[i] = doc
	}
	return docs
}

// sizes returns the largest file under prefix and the total of their sizes.
func sizes(files map[string][]byte, prefix string) (largest string, max, total, count int) {
	for p, b := range files {
		if !strings.HasPrefix(p, prefix) {
			continue
		}
		count++
		total += len(b)
		if len(b) > max || len(b) == max && p < largest {
			largest, max = p, len(b)
		}
	}
	return
}

func validUTF8JSON(t *testing.T, files map[string][]byte) {
	t.Helper()
	for p, b := range files {
		if !utf8.Valid(b) || !json.Valid(b) {
			t.Errorf("%s: not valid UTF-8 JSON", p)
		}
	}
}

func capital(s string) string { return strings.ToUpper(s[:1]) + s[1:] }
