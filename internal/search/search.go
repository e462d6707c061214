// Package search builds the search index of a site: compact, sharded JSON
// files that the search page's script (layouts/search.js) loads as a query
// needs them.
//
// # Files
//
// All paths are relative to the search folder. Doc ids are positions in
// the doc order: date descending, then URL ascending; a smaller id is
// newer. Lists of doc ids are delta-coded: the first number is the id, each
// next one the difference from the previous id.
//
// meta.json, loaded once, on the first search (about 21 bytes a doc):
//
//	{"version":1,
//	 "docs":3,                  // number of docs
//	 "block":10,                // docs per text block (x/)
//	 "bodyBlock":2,             // docs per body block (b/)
//	 "maxToken":40,             // MaxTokenRunes
//	 "fields":["body","summary","date","figure","tag","actor","title"],
//	                            // field i is the bit 1<<i of a mask
//	 "dates":[["2025-12-06",2],["2024-01-15",1]],
//	                            // run lengths: ids 0-1 are of 2025-12-06, id 2 of 2024-01-15
//	 "actors":[["Rustem Umerov",[0]],["Volodymyr Zelenskyy",[1]]],
//	                            // name, delta-coded ids; sorted by Fold(name)
//	 "tags":[["diplomacy",[0,2]],["energy",[1]]],  // ids 0 and 2
//	 "shards":["1","2","a","c","ca","ce","д"]}     // token shard keys, sorted
//
// t/<name>.json, a token shard: every token that has the shard's key as
// its longest prefix among the keys. name is the key when it is only a-z
// and 0-9, otherwise "_" and the lowercase hex of the key's UTF-8 bytes
// ("ки" → "_d0bad0b8"). It maps each token to its postings, one number per
// doc, by increasing id: gap<<7 | mask, where gap is the delta-coded id and
// mask the fields the token is in:
//
//	{"talks":[193,257,131],"tallinn":[5249]}
//
// reads: "talks" is in doc 1 in title and body (193 = 1<<7 | 64|1), in doc
// 3 in body (257 = 2<<7 | 1) and in doc 4 in summary and body (131 = 1<<7 |
// 2|1); "tallinn" in doc 41 in body (5249 = 41<<7 | 1).
//
// Keys are prefixes of tokens, chosen so that no shard is much larger than
// 32 KB unless one token alone is: a key whose tokens would be too many is
// split into one key per next letter (the key itself then holds only the
// token equal to it, if any). So the tokens that start with p are in the
// shards whose key starts with p and in the shard of the longest key that
// is a prefix of p.
//
// x/<n>.json, a text block: docs n*block to n*block+block-1, each
//
//	[url, title, summary, [actor names and aliases], [tags], [figure labels]]
//
// with empty trailing lists left out. The search page loads the blocks of
// the results it shows: links, titles, snippets, phrase checks.
//
// b/<n>.json, a body block: the bodies of docs n*bodyBlock to
// n*bodyBlock+bodyBlock-1, as an array of strings. The search page loads
// one only for a result whose snippet comes from the body (a word matched
// in the body and none in the summary) or to check a phrase.
//
// # What is indexed
//
// The tokens (Tokens, cut to MaxTokenRunes runes) of each doc, with the
// fields they are in: title, actor (names and aliases), tag, figure
// (labels), summary, body, and date: the year "2025", the month "202512"
// and the day "20251206" of Doc.Date (search.js turns "2025-12" and
// "2025-12-06" typed in a query into those). A date that is not
// YYYY-MM-DD is indexed as words.
package search

import (
	"cmp"
	"encoding/binary"
	"maps"
	"slices"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"unicode/utf8"

	"github.com/brief-ssg/brief/internal/digest"
	"github.com/brief-ssg/brief/internal/parallel"
)

// Doc is one briefing as the index sees it.
type Doc struct {
	URL     string // root-relative URL of the briefing, e.g. "/sub/2025/12/miami-talks/"
	Title   string
	Date    string // "2025-12-06" (in the site's time zone)
	Summary string // plain text
	Body    string // plain text of the body (see PlainText)
	// HTML is the body as HTML, for a doc without Body: it is turned into
	// plain text as the index is made, a batch of docs at a time, so the
	// text of every doc is never held at once.
	HTML string
	// Sum is a hash of HTML: with the other fields, it names what an
	// earlier build learned of this doc (see Bodies); zero for none.
	Sum     [16]byte
	Actors  []string // canonical actor names
	Aliases []string // other spellings of those actors, indexed as actor matches
	Tags    []string
	Figures []string // figure labels, e.g. "Drones launched"
}

// Bodies remembers, from one build to the next, what Write learned of each
// doc whose body is given as HTML: its distinct tokens with the fields
// they are in, which take most of the time an index takes to make. It is
// keyed by a sum of the doc (its URL, every field indexed and Doc.Sum),
// and called from several goroutines at once.
type Bodies interface {
	Body(sum [16]byte) (tokens string, ok bool)
	SetBody(sum [16]byte, tokens string)
}

// Indexes, when the Bodies of Options also implements it, remembers the
// postings of the last index made, with the sums (see Bodies) of its docs
// in order: an index whose docs changed in a few places only, the others
// where they were, is then updated rather than made again. The postings
// given by LastIndex are only read.
type Indexes interface {
	LastIndex() (sums [][16]byte, postings map[string][]uint32, ok bool)
	SetIndex(sums [][16]byte, postings map[string][]uint32)
}

// Options say where Write's files go and what it may reuse.
type Options struct {
	// Emit receives each file made, with a fingerprint of what it was
	// made from (zero when unknown), from several goroutines at once.
	Emit func(name string, data []byte, input [16]byte)
	// Keep, when set, reports whether the file made from input is still
	// in place, and its size; it is then not made again. Body blocks and
	// token shards have inputs.
	Keep func(name string, input [16]byte) (size int64, ok bool)
	// Bodies, when set, spares analysing again the docs an earlier build
	// saw, and, when it also implements Indexes, merging their words again.
	Bodies Bodies
}

// Stats describes a built index.
type Stats struct {
	Docs, Terms, Files int   // Terms: distinct tokens
	Bytes              int64 // total size of the files
}

// The fields, as bits of a posting's mask. The order is the one of "fields"
// in meta.json.
const (
	fieldBody = 1 << iota
	fieldSummary
	fieldDate
	fieldFigure
	fieldTag
	fieldActor
	fieldTitle
	maskBits = iota // bits of the mask in a posting
)

var fieldNames = []string{"body", "summary", "date", "figure", "tag", "actor", "title"}

const (
	version       = 1
	blockSize     = 20        // docs per text block
	bodyBlockSize = 8         // docs per body block
	shardTarget   = 32 * 1024 // bytes a token shard should stay under
)

// Build returns the index files of docs, path → content, and their sizes.
// The same docs, in any order, give the same bytes.
func Build(docs []Doc) (map[string][]byte, Stats) {
	files := map[string][]byte{}
	var mu sync.Mutex
	st := Write(docs, Options{Emit: func(name string, data []byte, _ [16]byte) {
		mu.Lock()
		files[name] = data
		mu.Unlock()
	}})
	return files, st
}

// Write makes the index files of docs on every core and hands each to
// opt.Emit as soon as it is made, from several goroutines at once, so that
// the whole index is never held in memory. The same docs, in any order, give
// the same files.
func Write(docs []Doc, opt Options) Stats {
	if !slices.IsSortedFunc(docs, compareDocs) { // a site gives them sorted
		docs = slices.Clone(docs)
		slices.SortFunc(docs, compareDocs)
	}

	var size atomic.Int64
	out := output{opt: opt, size: &size}
	sums := make([][16]byte, len(docs))
	bufs := make([][]byte, parallel.Workers())
	parallel.For(len(docs), func(w, i int) { sums[i] = docSum(&docs[i], &bufs[w]) })
	postings, same := update(docs, sums, opt.Bodies, out)
	if postings == nil {
		postings = invert(docs, sums, opt.Bodies, out, nil)
	}
	if ix, ok := opt.Bodies.(Indexes); ok && !same && !slices.Contains(sums, [16]byte{}) {
		ix.SetIndex(sums, postings)
	}
	toks := make([]string, 0, len(postings))
	for t := range postings {
		toks = append(toks, t)
	}
	slices.Sort(toks)

	// The size of each token's entry in its shard, to choose the shards,
	// then the shards. The entries are encoded twice rather than kept: a
	// 10,000-doc site has some 20 MB of them.
	entry := func(b []byte, t string) []byte {
		b = AppendJSONString(b, t)
		b = append(b, ':')
		return appendPostings(b, postings[t])
	}
	sizes := make([]int, len(toks))
	scratch := make([][]byte, parallel.Workers())
	parallel.For(len(toks), func(w, i int) {
		scratch[w] = AppendJSONString(scratch[w][:0], toks[i])
		sizes[i] = len(scratch[w]) + 1 + postingsSize(postings[toks[i]])
	})
	type shard struct {
		key    string
		lo, hi int
	}
	var shards []shard
	partition(toks, sizes, "", func(k string, lo, hi int) { shards = append(shards, shard{k, lo, hi}) })

	xBlocks := (len(docs) + blockSize - 1) / blockSize
	bBlocks := (len(docs) + bodyBlockSize - 1) / bodyBlockSize
	parallel.For(len(shards)+xBlocks, func(w, i int) {
		switch {
		case i < len(shards):
			sh := shards[i]
			name := "t/" + shardName(sh.key) + ".json"
			input := shardInput(sh.key, toks[sh.lo:sh.hi], postings, &scratch[w])
			if out.kept(name, input) {
				return
			}
			n := 2
			for j := sh.lo; j < sh.hi; j++ {
				n += sizes[j]
			}
			b := make([]byte, 0, n+1)
			b = append(b, '{')
			for j := sh.lo; j < sh.hi; j++ {
				if j > sh.lo {
					b = append(b, ',')
				}
				b = entry(b, toks[j])
			}
			out.emit(name, append(b, '}', '\n'), input)
		default:
			n := i - len(shards)
			lo, hi := n*blockSize, min((n+1)*blockSize, len(docs))
			name := "x/" + strconv.Itoa(n) + ".json"
			input := blockInput("x/", sums[lo:hi])
			if !out.kept(name, input) {
				out.emit(name, appendTextBlock(docs[lo:hi]), input)
			}
		}
	})
	keys := make([]string, len(shards))
	for i, sh := range shards {
		keys[i] = sh.key
	}
	out.emit("meta.json", meta(docs, keys), [16]byte{})
	return Stats{Docs: len(docs), Terms: len(toks), Files: len(shards) + xBlocks + bBlocks + 1, Bytes: size.Load()}
}

// appendPostings appends the JSON array of a token's postings, delta-coded.
func appendPostings(b []byte, ps []uint32) []byte {
	b = append(b, '[')
	prev := uint32(0)
	for j, p := range ps {
		id := p >> maskBits
		if j > 0 {
			b = append(b, ',')
		}
		b = strconv.AppendUint(b, uint64((id-prev)<<maskBits|p&(1<<maskBits-1)), 10)
		prev = id
	}
	return append(b, ']')
}

// postingsSize is the length of what appendPostings appends, without
// making it.
func postingsSize(ps []uint32) int {
	n := 2 + max(len(ps)-1, 0) // brackets and commas
	prev := uint32(0)
	for _, p := range ps {
		id := p >> maskBits
		v := uint64((id-prev)<<maskBits | p&(1<<maskBits-1))
		prev = id
		n++
		for v >= 10 {
			v /= 10
			n++
		}
	}
	return n
}

// compareDocs orders docs by date, newest first, then by URL.
func compareDocs(a, b Doc) int {
	if c := cmp.Compare(b.Date, a.Date); c != 0 {
		return c
	}
	if c := cmp.Compare(a.URL, b.URL); c != 0 {
		return c
	}
	// URLs are unique in a site; the rest only keeps the output the same
	// for any input order when they are not.
	return cmp.Or(cmp.Compare(a.Title, b.Title), cmp.Compare(a.Summary, b.Summary),
		cmp.Compare(a.Body, b.Body), cmp.Compare(a.HTML, b.HTML))
}

// appendTextBlock returns the text block of docs.
func appendTextBlock(docs []Doc) []byte {
	n := 3
	for _, d := range docs {
		n += len(d.URL) + len(d.Title) + len(d.Summary) + 64
		for _, l := range [][]string{d.Actors, d.Aliases, d.Tags, d.Figures} {
			for _, s := range l {
				n += len(s) + 3
			}
		}
	}
	b := make([]byte, 1, n)
	b[0] = '['

	for i, d := range docs {
		if i > 0 {
			b = append(b, ",\n"...)
		}
		b = appendText(b, d)
	}
	return append(b, ']', '\n')
}

// output hands the files to Options.Emit, or keeps them, and counts their
// bytes.
type output struct {
	opt  Options
	size *atomic.Int64
}

func (o output) emit(name string, data []byte, input [16]byte) {
	o.size.Add(int64(len(data)))
	o.opt.Emit(name, data, input)
}

// kept reports whether the file made from input is still in place.
func (o output) kept(name string, input [16]byte) bool {
	if o.opt.Keep == nil || input == [16]byte{} {
		return false
	}
	n, ok := o.opt.Keep(name, input)
	if ok {
		o.size.Add(n)
	}
	return ok
}

// shardInput fingerprints a token shard: its key, and each token with its
// postings. scratch is a buffer to reuse.
func shardInput(key string, toks []string, postings map[string][]uint32, scratch *[]byte) [16]byte {
	b := append((*scratch)[:0], "t/"...)
	b = binary.AppendUvarint(b, uint64(len(key)))
	b = append(b, key...)
	for _, t := range toks {
		b = binary.AppendUvarint(b, uint64(len(t)))
		b = append(b, t...)
		ps := postings[t]
		b = binary.AppendUvarint(b, uint64(len(ps)))
		for _, p := range ps {
			b = binary.LittleEndian.AppendUint32(b, p)
		}
	}
	*scratch = b
	return digest.Of(b)
}

// blockInput fingerprints a block (prefix "b/" or "x/") by the sums of its
// docs (see docSum); zero when a doc has none.
func blockInput(prefix string, sums [][16]byte) [16]byte {
	b := make([]byte, 0, len(prefix)+16*len(sums))
	b = append(b, prefix...)
	for _, s := range sums {
		if s == [16]byte{} {
			return [16]byte{}
		}
		b = append(b, s[:]...)
	}
	return digest.Of(b)
}

// docSum fingerprints everything a doc gives the index, its body by
// Doc.Sum; zero for a doc without one, or whose body is given as text.
func docSum(d *Doc, buf *[]byte) [16]byte {
	if d.Sum == [16]byte{} || d.Body != "" {
		return [16]byte{}
	}
	lists := [...][]string{d.Actors, d.Aliases, d.Tags, d.Figures}
	b := append((*buf)[:0], d.Sum[:]...) // a buffer of the worker's
	for _, s := range []string{d.URL, d.Title, d.Date, d.Summary} {
		b = binary.AppendUvarint(b, uint64(len(s)))
		b = append(b, s...)
	}
	for _, l := range lists {
		b = binary.AppendUvarint(b, uint64(len(l)))
		for _, s := range l {
			b = binary.AppendUvarint(b, uint64(len(s)))
			b = append(b, s...)
		}
	}
	*buf = b
	return digest.Of(b)
}

// invertBatch is how many docs are tokenized at once, on every core, before
// their tokens are added to the index. Their body blocks are written then,
// so it is a multiple of bodyBlockSize.
const invertBatch = 64 * bodyBlockSize

// update returns the postings of docs made from those of the last index
// (see Indexes), when it had as many docs and only a few of them changed,
// or nil when the index must be made from scratch; same tells that no doc
// changed. It emits the body blocks that are not in place. The tokens of
// a changed doc as it was are asked of known, which then keeps them for
// one more build.
func update(docs []Doc, sums [][16]byte, known Bodies, out output) (postings map[string][]uint32, same bool) {
	ix, ok := known.(Indexes)
	if !ok {
		return nil, false
	}
	last, prev, ok := ix.LastIndex()
	if !ok || len(last) != len(sums) {
		return nil, false
	}
	changed := make([]bool, len(sums))
	var ids []uint32 // of the changed docs, increasing
	for i, s := range sums {
		if s == [16]byte{} {
			return nil, false
		}
		if s != last[i] {
			changed[i] = true
			if ids = append(ids, uint32(i)); len(ids) > 64+len(sums)/64 {
				return nil, false
			}
		}
	}
	// The tokens of the changed docs as they were, to take them out, and
	// as they are.
	touched := map[string]bool{}
	for _, i := range ids {
		toks, ok := known.Body(last[i])
		if !ok {
			return nil, false
		}
		for _, t := range decodeTokens(toks, nil) {
			touched[t.tok] = true
		}
	}
	added := invert(docs, sums, known, out, changed)
	if len(ids) == 0 {
		return prev, true
	}
	for t := range added {
		touched[t] = true
	}
	postings = maps.Clone(prev)
	for t := range touched {
		if merged := mergePostings(prev[t], added[t], ids); len(merged) > 0 {
			postings[t] = merged
		} else {
			delete(postings, t)
		}
	}
	return postings, false
}

// mergePostings returns the postings of old but those of the docs ids
// (increasing), merged with added, which are of those docs only. The runs
// of old between the docs are copied whole: a common word has a posting
// in most docs, an edit changes a few.
func mergePostings(old, added, ids []uint32) []uint32 {
	out := make([]uint32, 0, len(old)+len(added))
	rest, j := old, 0
	for _, id := range ids {
		i, _ := slices.BinarySearchFunc(rest, id, func(p, id uint32) int { return cmp.Compare(p>>maskBits, id) })
		out = append(out, rest[:i]...)
		rest = rest[i:]
		for len(rest) > 0 && rest[0]>>maskBits == id {
			rest = rest[1:] // the doc's old posting
		}
		for ; j < len(added) && added[j]>>maskBits == id; j++ {
			out = append(out, added[j])
		}
	}
	return append(out, rest...)
}

// invert returns the postings of every token: id<<maskBits | mask, by
// increasing id. sums are the docs' sums (docSum), under which known
// remembers their tokens. It emits the body blocks (b/) on the way, but for
// those still in place: the text of their bodies is not even made when
// their tokens are remembered. When only is set, the postings are those
// of the docs it marks alone.
func invert(docs []Doc, sums [][16]byte, known Bodies, out output, only []bool) map[string][]uint32 {
	// The index is made in parts, one for each core, each holding the
	// tokens whose hash gives it.
	type part struct {
		index map[string]int32 // token → term number
		terms []string
		post  [][]uint32
	}
	parts := make([]part, parallel.Workers())
	for p := range parts {
		parts[p].index = map[string]int32{}
	}
	var (
		batch  = make([][]docToken, invertBatch)
		bodies = make([]string, invertBatch)
		kept   = make([]bool, invertBatch/bodyBlockSize)
		inputs = make([][16]byte, invertBatch/bodyBlockSize)
		seen   = make([]map[string]int, parallel.Workers())
		// htmlSums is scratch space for the sums of a body block's HTML.
		htmlSums = make([][][16]byte, parallel.Workers())
	)
	for w := range seen {
		seen[w] = map[string]int{}
	}
	for lo := 0; lo < len(docs); lo += invertBatch {
		hi := min(lo+invertBatch, len(docs))
		blocks := (hi - lo + bodyBlockSize - 1) / bodyBlockSize
		name := func(k int) string { return "b/" + strconv.Itoa((lo+k*bodyBlockSize)/bodyBlockSize) + ".json" }
		parallel.For(blocks, func(w, k int) {
			// A body block is made from the bodies alone.
			block := htmlSums[w][:0]
			for i := lo + k*bodyBlockSize; i < min(lo+(k+1)*bodyBlockSize, hi); i++ {
				if sums[i] == [16]byte{} {
					block = append(block, [16]byte{})
				} else {
					block = append(block, docs[i].Sum)
				}
			}
			htmlSums[w] = block
			inputs[k] = blockInput("b/", block)
			kept[k] = out.kept(name(k), inputs[k])
		})
		parallel.For(hi-lo, func(w, i int) {
			d := &docs[lo+i]
			// The text of a body is made for its block, when that is made,
			// or to tokenize it.
			blockMade := !kept[i/bodyBlockSize]
			bodies[i] = ""
			if only != nil && !only[lo+i] {
				batch[i] = batch[i][:0]
				if blockMade {
					bodies[i] = bodyText(d)
				}
				return
			}
			remember := known != nil && sums[lo+i] != [16]byte{}
			if remember {
				if toks, ok := known.Body(sums[lo+i]); ok {
					if blockMade {
						bodies[i] = bodyText(d)
					}
					batch[i] = decodeTokens(toks, batch[i][:0])
					return
				}
			}
			bodies[i] = bodyText(d)
			batch[i] = tokenize(d, bodies[i], batch[i][:0], seen[w])
			if remember {
				known.SetBody(sums[lo+i], encodeTokens(batch[i]))
			}
		})
		parallel.For(blocks, func(_, k int) {
			if kept[k] {
				return
			}
			n := 3
			for i := k * bodyBlockSize; i < min((k+1)*bodyBlockSize, hi-lo); i++ {
				n += len(bodies[i]) + len(bodies[i])/16 + 4 // a little room for escapes
			}
			b := make([]byte, 1, n)
			b[0] = '['
			for i := k * bodyBlockSize; i < min((k+1)*bodyBlockSize, hi-lo); i++ {
				if i > k*bodyBlockSize {
					b = append(b, ",\n"...)
				}
				b = AppendJSONString(b, bodies[i])
			}
			out.emit(name(k), append(b, ']', '\n'), inputs[k])
		})
		parallel.For(len(parts), func(_, p int) {
			pt := &parts[p]
			for i, toks := range batch[:hi-lo] {
				id := uint32(lo+i) << maskBits
				for _, t := range toks {
					if int(t.hash%uint32(len(parts))) != p {
						continue
					}
					n, ok := pt.index[t.tok]
					if !ok {
						k := strings.Clone(t.tok) // not the folded text it is cut from
						n = int32(len(pt.terms))
						pt.index[k] = n
						pt.terms = append(pt.terms, k)
						pt.post = append(pt.post, nil)
					}
					pt.post[n] = append(pt.post[n], id|uint32(t.mask))
				}
			}
		})
	}
	size := 0
	for _, pt := range parts {
		size += len(pt.terms)
	}
	postings := make(map[string][]uint32, size)
	for _, pt := range parts {
		for n, t := range pt.terms {
			postings[t] = pt.post[n]
		}
	}
	return postings
}

// bodyText is the plain text of a doc's body: Body, or else its HTML made
// text.
func bodyText(d *Doc) string {
	if d.Body == "" && d.HTML != "" {
		return PlainText(d.HTML)
	}
	return d.Body
}

// hashOf hashes a token (FNV-1a) to choose its part of the index.
func hashOf(tok string) uint32 {
	h := uint32(2166136261)
	for i := 0; i < len(tok); i++ {
		h = (h ^ uint32(tok[i])) * 16777619
	}
	return h
}

// docToken is a token of one doc and the fields it is in.
type docToken struct {
	tok  string
	mask uint8
	hash uint32 // tells which part of the index holds it (see invert)
}

// tokenize appends the distinct tokens of d, whose body text is body, to
// toks; seen is scratch space.
func tokenize(d *Doc, body string, toks []docToken, seen map[string]int) []docToken {
	clear(seen)
	token := func(field uint8, k string) {
		if i, ok := seen[k]; ok {
			toks[i].mask |= field
			return
		}
		seen[k] = len(toks)
		toks = append(toks, docToken{tok: k, mask: field, hash: hashOf(k)})
	}
	add := func(field uint8, s string) {
		f := Fold(s)
		for f != "" {
			w := f
			if i := strings.IndexByte(f, ' '); i >= 0 {
				w, f = f[:i], f[i+1:]
			} else {
				f = ""
			}
			token(field, key(w))
		}
	}
	add(fieldTitle, d.Title)
	for _, a := range d.Actors {
		add(fieldActor, a)
	}
	for _, a := range d.Aliases {
		add(fieldActor, a)
	}
	for _, t := range d.Tags {
		add(fieldTag, t)
	}
	for _, f := range d.Figures {
		add(fieldFigure, f)
	}
	for _, t := range dateTokens(d.Date) {
		token(fieldDate, key(t))
	}
	add(fieldSummary, d.Summary)
	add(fieldBody, body)
	return toks
}

// encodeTokens writes the distinct tokens of a doc, as tokenize found
// them, for Bodies: each is its mask, one byte, then the token, and a
// space ends all but the last (tokens have none).
func encodeTokens(toks []docToken) string {
	n := 0
	for _, t := range toks {
		n += len(t.tok) + 2
	}
	b := make([]byte, 0, n)
	for i, t := range toks {
		if i > 0 {
			b = append(b, ' ')
		}
		b = append(b, t.mask)
		b = append(b, t.tok...)
	}
	return string(b)
}

// decodeTokens appends the tokens that encodeTokens wrote to toks. They
// point into s.
func decodeTokens(s string, toks []docToken) []docToken {
	for len(s) > 0 {
		mask := s[0]
		t, rest, _ := strings.Cut(s[1:], " ")
		toks = append(toks, docToken{tok: t, mask: mask, hash: hashOf(t)})
		s = rest
	}
	return toks
}

// dateTokens returns the tokens of a "YYYY-MM-DD" date: "2025", "202512",
// "20251206".
func dateTokens(date string) []string {
	ok := len(date) == 10 && date[4] == '-' && date[7] == '-'
	for i := 0; ok && i < len(date); i++ {
		ok = i == 4 || i == 7 || isDigit(date[i])
	}
	if !ok {
		return Tokens(date)
	}
	ym := date[:4] + date[5:7]
	return []string{date[:4], ym, ym + date[8:]}
}

// partition splits the sorted tokens that start with p (all of toks),
// whose entries take sizes bytes, into shards, and calls emit for each, in
// key order, with the range of toks it holds.
func partition(toks []string, sizes []int, p string, emit func(key string, lo, hi int)) {
	var walk func(p string, lo, hi int)
	walk = func(p string, lo, hi int) {
		size := 0
		for i := lo; i < hi; i++ {
			size += sizes[i]
		}
		if p != "" && (size <= shardTarget || hi-lo == 1) {
			emit(p, lo, hi)
			return
		}
		i := lo
		if toks[i] == p { // sorted first: the shortest token with prefix p
			emit(p, i, i+1)
			i++
		}
		for i < hi {
			_, n := utf8.DecodeRuneInString(toks[i][len(p):])
			q := toks[i][:len(p)+n]
			j := i + 1
			for j < hi && strings.HasPrefix(toks[j], q) {
				j++
			}
			walk(q, i, j)
			i = j
		}
	}
	if len(toks) > 0 {
		walk(p, 0, len(toks))
	}
}

// appendText appends the text block entry of d.
func appendText(b []byte, d Doc) []byte {
	b = append(b, '[')
	b = AppendJSONString(b, d.URL)
	for _, s := range []string{d.Title, d.Summary} {
		b = append(b, ',')
		b = AppendJSONString(b, s)
	}
	lists := [][]string{append(slices.Clip(d.Actors), d.Aliases...), d.Tags, d.Figures}
	n := len(lists)
	for n > 0 && len(lists[n-1]) == 0 {
		n--
	}
	for _, l := range lists[:n] {
		b = append(b, ',', '[')
		for i, s := range l {
			if i > 0 {
				b = append(b, ',')
			}
			b = AppendJSONString(b, s)
		}
		b = append(b, ']')
	}
	return append(b, ']')
}

// meta returns meta.json.
func meta(docs []Doc, keys []string) []byte {
	b := []byte(`{"version":`)
	b = strconv.AppendInt(b, version, 10)
	b = append(b, `,"docs":`...)
	b = strconv.AppendInt(b, int64(len(docs)), 10)
	b = append(b, `,"block":`...)
	b = strconv.AppendInt(b, blockSize, 10)
	b = append(b, `,"bodyBlock":`...)
	b = strconv.AppendInt(b, bodyBlockSize, 10)
	b = append(b, `,"maxToken":`...)
	b = strconv.AppendInt(b, MaxTokenRunes, 10)
	b = append(b, `,"fields":`...)
	b = appendStrings(b, fieldNames)

	b = append(b, ",\n\"dates\":["...)
	for i := 0; i < len(docs); {
		j := i + 1
		for j < len(docs) && docs[j].Date == docs[i].Date {
			j++
		}
		if i > 0 {
			b = append(b, ',')
		}
		b = append(b, '[')
		b = AppendJSONString(b, docs[i].Date)
		b = append(b, ',')
		b = strconv.AppendInt(b, int64(j-i), 10)
		b = append(b, ']')
		i = j
	}
	b = append(b, ']')

	b = appendTerms(b, "actors", docs, func(d Doc) []string { return d.Actors })
	b = appendTerms(b, "tags", docs, func(d Doc) []string { return d.Tags })

	b = append(b, ",\n\"shards\":"...)
	b = appendStrings(b, keys)
	return append(b, '}', '\n')
}

// appendTerms appends the names of a taxonomy with the ids of their docs.
func appendTerms(b []byte, name string, docs []Doc, terms func(Doc) []string) []byte {
	ids := map[string][]int{}
	for id, d := range docs {
		for _, t := range terms(d) {
			if l := ids[t]; len(l) == 0 || l[len(l)-1] != id {
				ids[t] = append(l, id)
			}
		}
	}
	names := make([]string, 0, len(ids))
	for t := range ids {
		names = append(names, t)
	}
	slices.SortFunc(names, func(a, b string) int {
		return cmp.Or(cmp.Compare(Fold(a), Fold(b)), cmp.Compare(a, b))
	})
	b = append(b, ",\n\""...)
	b = append(b, name...)
	b = append(b, "\":["...)
	for i, t := range names {
		if i > 0 {
			b = append(b, ',')
		}
		b = append(b, '[')
		b = AppendJSONString(b, t)
		b = append(b, ',', '[')
		prev := 0
		for j, id := range ids[t] {
			if j > 0 {
				b = append(b, ',')
			}
			b = strconv.AppendInt(b, int64(id-prev), 10)
			prev = id
		}
		b = append(b, ']', ']')
	}
	return append(b, ']')
}

func appendStrings(b []byte, l []string) []byte {
	b = append(b, '[')
	for i, s := range l {
		if i > 0 {
			b = append(b, ',')
		}
		b = AppendJSONString(b, s)
	}
	return append(b, ']')
}

// AppendJSONString appends s as a JSON string, as encoding/json writes it
// without HTML escaping: quotes, backslashes and control characters
// escaped, invalid UTF-8 as U+FFFD, U+2028 and U+2029 escaped. Runs of
// bytes that need no escape are copied at once. The index and the data
// exports use it.
func AppendJSONString(b []byte, s string) []byte {
	const hex = "0123456789abcdef"
	b = slices.Grow(b, len(s)+2)
	b = append(b, '"')
	run := 0 // start of the bytes not yet copied
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			if c >= 0x20 && c != '"' && c != '\\' {
				i++
				continue
			}
			b = append(b, s[run:i]...)
			switch c {
			case '"', '\\':
				b = append(b, '\\', c)
			case '\b':
				b = append(b, '\\', 'b')
			case '\f':
				b = append(b, '\\', 'f')
			case '\n':
				b = append(b, '\\', 'n')
			case '\t':
				b = append(b, '\\', 't')
			case '\r':
				b = append(b, '\\', 'r')
			default:
				b = append(b, '\\', 'u', '0', '0', hex[c>>4], hex[c&15])
			}
			i++
			run = i
			continue
		}
		r, n := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == utf8.RuneError && n == 1:
			b = append(b, s[run:i]...)
			b = append(b, `\ufffd`...)
		case r == '\u2028' || r == '\u2029':
			b = append(b, s[run:i]...)
			b = append(b, `\u202`...)
			b = append(b, hex[r&15])
		default:
			i += n
			continue
		}
		i += n
		run = i
	}
	b = append(b, s[run:]...)
	return append(b, '"')
}
