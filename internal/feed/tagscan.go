package feed

// attrSpan locates one attribute in a raw tag: the key is raw[key0:key1],
// the value starts at raw[val0].
type attrSpan struct{ key0, key1, val0 int }

// tagScanner walks the bytes of one raw start tag ("<a href=x>") with the
// same rules as golang.org/x/net/html's tokenizer (readTag and its helpers),
// so that it finds the attributes the tokenizer found, in the same order.
type tagScanner struct {
	b []byte
	i int
}

// scanTag returns the spans of raw's attributes, skipping empty keys and
// later duplicates as the tokenizer does.
func scanTag(raw []byte) []attrSpan {
	s := &tagScanner{b: raw, i: 2} // "<" and the tag name's first byte
	s.tagName()
	s.skipSpace()
	var spans []attrSpan
	seen := map[string]bool{}
	for {
		c, ok := s.next()
		if !ok || c == '>' {
			return spans
		}
		s.i--
		sp := s.attr()
		key := string(lowerASCII(raw[sp.key0:sp.key1]))
		if sp.key0 != sp.key1 && !seen[key] {
			spans = append(spans, sp)
			seen[key] = true
		}
		s.skipSpace()
	}
}

// next reads one byte; ok is false at the end.
func (s *tagScanner) next() (c byte, ok bool) {
	if s.i >= len(s.b) {
		return 0, false
	}
	s.i++
	return s.b[s.i-1], true
}

func isSpace(c byte) bool {
	return c == ' ' || c == '\n' || c == '\r' || c == '\t' || c == '\f'
}

func (s *tagScanner) skipSpace() {
	for s.i < len(s.b) && isSpace(s.b[s.i]) {
		s.i++
	}
}

// tagName skips the rest of the tag name.
func (s *tagScanner) tagName() {
	for {
		c, ok := s.next()
		switch {
		case !ok || isSpace(c):
			return
		case c == '/' || c == '>':
			s.i--
			return
		}
	}
}

// attr reads one attribute, key and value.
func (s *tagScanner) attr() attrSpan {
	sp := attrSpan{key0: s.i}
	s.key(sp.key0)
	sp.key1 = s.i
	sp.val0 = s.value()
	return sp
}

// key skips an attribute name that starts at start.
func (s *tagScanner) key(start int) {
	for {
		c, ok := s.next()
		if !ok {
			return
		}
		if c == '=' && s.i == start+1 {
			continue // a leading "=" belongs to the name
		}
		if c == '=' || c == '/' || c == '>' || isSpace(c) {
			s.i--
			return
		}
	}
}

// value skips an attribute's "= value", if any, and returns where the value
// starts (after the opening quote, if quoted).
func (s *tagScanner) value() int {
	s.skipSpace()
	start := s.i
	c, ok := s.next()
	if !ok || c == '/' {
		return start
	}
	if c != '=' {
		s.i--
		return start
	}
	s.skipSpace()
	q, ok := s.next()
	switch {
	case !ok:
		return s.i
	case q == '>':
		s.i--
		return s.i
	case q == '"' || q == '\'':
		start = s.i
		s.skipQuoted(q)
		return start
	}
	start = s.i - 1
	s.skipUnquoted()
	return start
}

// skipQuoted skips to just past the closing quote q.
func (s *tagScanner) skipQuoted(q byte) {
	for {
		c, ok := s.next()
		if !ok || c == q {
			return
		}
	}
}

// skipUnquoted skips an unquoted value, stopping after a space or before ">".
func (s *tagScanner) skipUnquoted() {
	for {
		c, ok := s.next()
		switch {
		case !ok || isSpace(c):
			return
		case c == '>':
			s.i--
			return
		}
	}
}

// lowerASCII lowercases A–Z in a copy of b, as the tokenizer does for keys.
func lowerASCII(b []byte) []byte {
	out := make([]byte, len(b))
	for i, c := range b {
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
		}
		out[i] = c
	}
	return out
}
