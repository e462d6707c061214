/*
 * search.js: the search page of a brief site. No framework, no requests
 * to other origins, no HTML built from strings: it reads the index that
 * brief builds (internal/search) from the folder named by data-index on
 * its <script> tag.
 *
 * Files (the package comment of internal/search gives their shapes):
 * meta.json once, as the page opens; t/<shard>.json for the words of a
 * query; x/<n>.json (titles, links, summaries) for the results shown, and
 * b/<n>.json (bodies) only for a result whose snippet comes from its body
 * or to check a phrase. Each file is fetched once per page (again only
 * after a failure).
 *
 * Folding (fold) is Go's search.Fold: a comma between an ASCII digit and
 * exactly three is dropped ("1,200" → "1200"), NFD, lowercase, every
 * nonspacing mark (Mn) removed, ß æ œ ø ł đ ð þ ı ħ ς made ss ae oe o l d d
 * th i h σ, and each run of characters that are not letters, decimal digits
 * or marks made one space. Differences with Go: none by design
 * (toLowerCase's final ς is mapped to σ like Go's); the browser's Unicode
 * tables may be newer than Go's (15.0), so a character assigned or changed
 * since may fold differently. The Go tests compare both on every code
 * point of planes 0 and 1.
 *
 * Queries: words match whole indexed words, except the last word while it
 * is typed (not followed by a space or a quote), which also matches the
 * words it starts: from 3 letters on, or from 2 when that loads at most 2
 * token shards. Any word may match (OR). "Quoted phrases" must be in a
 * result, their words in a row in one field (checked in the text; an
 * unclosed quote runs to the end). "2025-12" and "2025-12-06" outside
 * quotes look up the month and the day of a briefing's date. The first
 * 16 words and phrases count (MAX_TERMS).
 *
 * Ranking: more words and phrases matched first; then the sum over them
 * of the fields matched: title or actor 8, tag, figure or date 4, summary
 * 2, body 1 (so a word in the title beats one in a tag, the summary and
 * the body together); then newer first.
 */
(function () {
  'use strict';

  var script = typeof document !== 'undefined' ?
    (document.currentScript || document.querySelector('script[data-index]')) : null;

  /* ---------- Folding: the same as Go's search.Fold ---------- */

  var SPECIAL = { 'ß': 'ss', 'æ': 'ae', 'œ': 'oe', 'ø': 'o', 'ł': 'l', 'đ': 'd', 'ð': 'd', 'þ': 'th', 'ı': 'i', 'ħ': 'h', 'ς': 'σ' };
  var THOUSANDS = /([0-9]),(?=[0-9]{3}(?![0-9]))/g;
  var MARKS = /\p{Mn}+/gu;
  var SPECIALS = /[ßæœøłđðþıħς]/g;
  var SEPARATORS = /[^\p{L}\p{Nd}\p{M}]+/gu;

  function fold(s) {
    return String(s).replace(THOUSANDS, '$1').normalize('NFD').toLowerCase()
      .replace(MARKS, '')
      .replace(SPECIALS, function (c) { return SPECIAL[c]; })
      .replace(SEPARATORS, ' ')
      .trim();
  }

  function tokens(s) {
    var f = fold(s);
    return f ? f.split(' ') : [];
  }

  // cut returns the first max code points of s: the index cuts long words.
  function cut(s, max) {
    if (s.length <= max) return s;
    return Array.from(s).slice(0, max).join('');
  }

  function runes(s) { return Array.from(s).length; }

  // shardName is the file name of a token shard key (Go's shardName).
  function shardName(key) {
    if (/^[a-z0-9]+$/.test(key)) return key;
    var bytes = new TextEncoder().encode(key), s = '_';
    for (var i = 0; i < bytes.length; i++) s += (bytes[i] < 16 ? '0' : '') + bytes[i].toString(16);
    return s;
  }

  /* ---------- Queries ---------- */

  var WORD_END = /[\p{L}\p{Nd}\p{M}]$/u;
  // The last word typed matches as a prefix from MIN_PREFIX letters on;
  // with one letter less only when that costs at most CHEAP_SHARDS shards
  // ("mi" would load every shard of mi…: military, minister, million…).
  var MIN_PREFIX = 3, CHEAP_SHARDS = 2;
  var MAX_TERMS = 16; // words and phrases of a query that count: a pasted paragraph would load every shard
  var DATE = /(^|[^\p{L}\p{N}])([0-9]{4})-(0[1-9]|1[0-2])(?:-([0-9]{1,2}))?(?=$|[^\p{L}\p{N}-])/gu;

  // parseQuery returns the terms of a query: {tokens, keys, prefix, short,
  // required, verify}. tokens are folded words, keys the same cut as the
  // index cuts them; prefix: the last token matches as a prefix; short: it
  // is one letter shorter than MIN_PREFIX, and Engine.search keeps prefix
  // only if cheap; required: a quoted part, that a result must contain;
  // verify: a quoted phrase of several words, checked in the text.
  function parseQuery(raw, maxToken) {
    var q = String(raw || ''), max = maxToken || 40;
    var parts = [], re = /"([^"]*)("?)/g, last = 0, m;
    while ((m = re.exec(q))) {
      parts.push({ text: q.slice(last, m.index), quoted: false });
      parts.push({ text: m[1], quoted: true });
      last = re.lastIndex;
    }
    parts.push({ text: q.slice(last), quoted: false });
    var open = WORD_END.test(q); // the last word is still being typed
    var terms = [], seen = new Map();
    function add(toks, quoted, isLast) {
      if (!toks.length) return;
      var n = runes(toks[toks.length - 1]);
      var prefix = isLast && open && n >= MIN_PREFIX - 1;
      var id = (quoted ? '"' : '') + toks.join(' ');
      var same = seen.get(id);
      if (same) { // a word typed twice counts once
        if (prefix && !same.prefix) { same.prefix = true; same.short = n < MIN_PREFIX; }
        return;
      }
      if (terms.length >= MAX_TERMS) return;
      var t = {
        tokens: toks, keys: toks.map(function (x) { return cut(x, max); }),
        prefix: prefix, short: prefix && n < MIN_PREFIX, required: quoted, verify: quoted && toks.length > 1
      };
      seen.set(id, t);
      terms.push(t);
    }
    parts.forEach(function (p, i) {
      // The last part, or an unclosed quote at the end (then followed by '').
      var isLast = i === parts.length - 1 || (p.quoted && i === parts.length - 2 && parts[i + 1].text === '');
      if (p.quoted) { add(tokens(p.text), true, isLast); return; }
      var toks = tokens(p.text.replace(DATE, function (all, pre, y, mo, d) { return pre + y + mo + (d || ''); }));
      toks.forEach(function (tok, j) { add([tok], false, isLast && j === toks.length - 1); });
    });
    // The terms are also what to highlight: {tokens, prefix}.
    return { text: q.trim(), terms: terms, marks: terms };
  }

  /* ---------- The index ---------- */

  // Engine searches the index whose files load(path) returns (a promise of
  // the parsed JSON, or the value itself).
  function Engine(load) {
    this.load = load;
    this.files = new Map();
    this.requested = []; // paths, in the order first asked for
    this.metaPromise = null;
  }

  Engine.prototype.file = function (path) {
    var self = this, p = this.files.get(path);
    if (!p) {
      this.requested.push(path);
      p = Promise.resolve().then(function () { return self.load(path); });
      this.files.set(path, p);
      p.catch(function () { if (self.files.get(path) === p) self.files.delete(path); });
    }
    return p;
  };

  Engine.prototype.meta = function () {
    var self = this;
    if (!this.metaPromise) {
      this.metaPromise = this.file('meta.json').then(prepareMeta);
      this.metaPromise.catch(function () { self.metaPromise = null; });
    }
    return this.metaPromise;
  };

  function decodeIds(list) {
    var out = new Array(list.length), id = 0;
    for (var i = 0; i < list.length; i++) { id += list[i]; out[i] = id; }
    return out;
  }

  function prepareMeta(m) {
    if (!m || m.version !== 1) throw new Error('search: unsupported index version');
    var n = m.docs, dates = new Array(n), id = 0;
    m.dates.forEach(function (r) { for (var i = 0; i < r[1]; i++) dates[id++] = r[0]; });
    function terms(list) {
      var out = new Map();
      list.forEach(function (r) {
        var k = fold(r[0]), ids = decodeIds(r[1]), prev = out.get(k);
        out.set(k, prev ? prev.concat(ids).sort(function (a, b) { return a - b; }) : ids);
      });
      return out;
    }
    var bit = function (name) { var i = m.fields.indexOf(name); return i < 0 ? 0 : 1 << i; };
    return {
      n: n, block: m.block, bodyBlock: m.bodyBlock, maxToken: m.maxToken, dates: dates,
      actors: terms(m.actors), tags: terms(m.tags),
      shards: m.shards, shardSet: new Set(m.shards), postingBase: 1 << m.fields.length,
      bits: {
        high: bit('title') | bit('actor'), mid: bit('tag') | bit('figure') | bit('date'),
        summary: bit('summary'), body: bit('body')
      }
    };
  }

  // shardsFor returns the keys of the shards that hold token key k, or all
  // the tokens starting with k when prefix.
  function shardsFor(meta, k, prefix) {
    var keys = [], cps = Array.from(k);
    for (var i = cps.length; i > 0; i--) {
      var p = cps.slice(0, i).join('');
      if (meta.shardSet.has(p)) { keys.push(p); break; }
    }
    if (prefix) {
      meta.shards.forEach(function (s) {
        if (s.length > k.length && s.slice(0, k.length) === k) keys.push(s);
      });
    }
    return keys;
  }

  function decodeInto(meta, list, out) {
    var base = meta.postingBase, id = 0;
    for (var i = 0; i < list.length; i++) {
      var n = list[i];
      id += Math.floor(n / base);
      out[id] |= n % base;
    }
  }

  // tokenMasks returns, per doc id, the fields token key k (or any token
  // starting with it) is in.
  function tokenMasks(meta, shards, k, prefix) {
    var out = new Uint8Array(meta.n), has = Object.prototype.hasOwnProperty;
    shardsFor(meta, k, prefix).forEach(function (s) {
      var obj = shards.get(s);
      if (!obj) return;
      if (!prefix) {
        if (has.call(obj, k)) decodeInto(meta, obj[k], out);
        return;
      }
      Object.keys(obj).forEach(function (t) {
        if (t.slice(0, k.length) === k) decodeInto(meta, obj[t], out);
      });
    });
    return out;
  }

  // termMasks returns the fields a term is in, per doc id. A phrase is in
  // the fields that all of its words are in.
  function termMasks(meta, shards, t) {
    var out = null;
    t.keys.forEach(function (k, i) {
      var m = tokenMasks(meta, shards, k, t.prefix && i === t.keys.length - 1);
      if (!out) { out = m; return; }
      for (var id = 0; id < out.length; id++) out[id] &= m[id];
    });
    return out;
  }

  function tier(meta, mask) {
    var b = meta.bits;
    return (mask & b.high ? 8 : 0) | (mask & b.mid ? 4 : 0) | (mask & b.summary ? 2 : 0) | (mask & b.body ? 1 : 0);
  }

  // allowedDocs returns the doc ids the filters allow, as a Uint8Array, or
  // null when no filter is set.
  function allowedDocs(meta, p) {
    var from = p.from || '', to = p.to || '', ok = null;
    function only(ids) {
      var next = new Uint8Array(meta.n);
      (ids || []).forEach(function (id) { if (!ok || ok[id]) next[id] = 1; });
      ok = next;
    }
    if (p.actor) only(meta.actors.get(fold(p.actor)));
    if (p.tag) only(meta.tags.get(fold(p.tag)));
    if (from || to) {
      var ids = [];
      for (var id = 0; id < meta.n; id++) {
        var d = meta.dates[id];
        if ((!from || d >= from) && (!to || d <= to)) ids.push(id);
      }
      only(ids);
    }
    return ok;
  }

  // search returns a promise of the Results of params {q, actor, tag, from,
  // to}.
  Engine.prototype.search = function (params) {
    var self = this;
    return this.meta().then(function (meta) {
      var query = parseQuery(params.q, meta.maxToken);
      var ok = allowedDocs(meta, params), id;
      if (!query.terms.length) {
        var all = [];
        if (ok) for (id = 0; id < meta.n; id++) if (ok[id]) all.push(id);
        return new Results(self, meta, query, all);
      }
      var need = new Set();
      query.terms.forEach(function (t) {
        if (t.short && shardsFor(meta, t.keys[t.keys.length - 1], true).length > CHEAP_SHARDS) t.prefix = false;
        t.keys.forEach(function (k, i) {
          shardsFor(meta, k, t.prefix && i === t.keys.length - 1).forEach(function (s) { need.add(s); });
        });
      });
      return Promise.all(Array.from(need).map(function (s) {
        return self.file('t/' + shardName(s) + '.json').then(function (obj) { return [s, obj]; });
      })).then(function (pairs) {
        var shards = new Map(pairs), n = meta.n;
        var matched = new Uint8Array(n), score = new Uint16Array(n), required = new Uint8Array(n), nRequired = 0;
        var masks = new Uint8Array(n);
        query.terms.forEach(function (t) {
          var m = termMasks(meta, shards, t);
          if (t.required) nRequired++;
          if (t.verify) t.masks = m;
          for (var id = 0; id < n; id++) {
            if (!m[id]) continue;
            matched[id]++;
            score[id] += tier(meta, m[id]);
            masks[id] |= m[id];
            if (t.required) required[id]++;
          }
        });
        var list = [];
        for (id = 0; id < n; id++) {
          if (matched[id] && required[id] === nRequired && (!ok || ok[id])) list.push(id);
        }
        list.sort(function (a, b) { return matched[b] - matched[a] || score[b] - score[a] || a - b; });
        var res = new Results(self, meta, query, list, masks);
        return res.complete || list.length > VERIFY_ALL ? res : res.verifyAll().then(function () { return res; });
      });
    });
  };

  var VERIFY_ALL = 20; // phrases are checked in every candidate up to this many, for an exact count

  // Results are the ranked docs of a search. When the query has phrases,
  // the docs are checked as they are shown: complete tells whether total is
  // exact; until then found counts the docs checked and kept. masks holds,
  // per doc id, the fields any term matched.
  function Results(engine, meta, query, ids, masks) {
    this.engine = engine;
    this.meta = meta;
    this.query = query;
    this.ids = ids;
    this.masks = masks || null;
    this.pos = 0; // ids before pos were given by next
    this.phrases = query.terms.filter(function (t) { return t.verify; });
    this.complete = this.phrases.length === 0;
    this.total = this.complete ? ids.length : 0;
    this.found = 0;
  }

  Results.prototype.hasMore = function () { return this.pos < this.ids.length; };

  // blocks loads the blocks of ids from dir ("x" or "b", of size docs):
  // a promise of a Map from block number to block.
  Results.prototype.blocks = function (dir, size, ids) {
    var engine = this.engine, nums = [];
    ids.forEach(function (id) { var b = Math.floor(id / size); if (nums.indexOf(b) < 0) nums.push(b); });
    return Promise.all(nums.map(function (b) { return engine.file(dir + '/' + b + '.json'); })).then(function (l) {
      var m = new Map();
      nums.forEach(function (b, i) { m.set(b, l[i]); });
      return m;
    });
  };

  // hits returns a promise of the hits of ids, in order, without the ones
  // that fail a phrase. A body is loaded only when it is needed: for the
  // snippet, when a word matched in the body and none in the summary; for
  // a phrase that the other fields do not have and the body may.
  Results.prototype.hits = function (ids) {
    var self = this, meta = this.meta, bodyBit = meta.bits.body;
    return this.blocks('x', meta.block, ids).then(function (xs) {
      var hits = [], needBody = [];
      ids.forEach(function (id) {
        var e = xs.get(Math.floor(id / meta.block))[id % meta.block];
        var h = {
          id: id, url: e[0], title: e[1], summary: e[2] || '', body: '',
          actors: e[3] || [], tags: e[4] || [], figures: e[5] || [], date: meta.dates[id], pending: []
        };
        var ok = self.phrases.every(function (p) {
          if (phraseIn(h, p)) return true;
          if (p.masks[id] & bodyBit) { h.pending.push(p); return true; }
          return false;
        });
        if (!ok) return;
        if (h.pending.length || !h.summary || (self.masks && self.masks[id] & bodyBit && !markRanges(h.summary, self.query.marks).length)) {
          needBody.push(id);
        }
        hits.push(h);
      });
      if (!needBody.length) return hits;
      return self.blocks('b', meta.bodyBlock, needBody).then(function (bs) {
        return hits.filter(function (h) {
          if (needBody.indexOf(h.id) < 0) return true;
          h.body = bs.get(Math.floor(h.id / meta.bodyBlock))[h.id % meta.bodyBlock] || '';
          return h.pending.every(function (p) { return phraseIn(h, p); });
        });
      });
    }).then(function (hits) {
      hits.forEach(function (h) { delete h.pending; });
      return hits;
    });
  };

  var MAX_CHECK = 40; // candidates checked for phrases by one call of next

  // next returns a promise of up to k more hits. With phrases, it stops
  // after MAX_CHECK candidates, even with fewer hits: hasMore tells.
  Results.prototype.next = function (k) {
    var self = this, out = [], first = this.pos;
    function more() {
      if (out.length >= k || !self.hasMore() || (self.phrases.length && self.pos - first >= MAX_CHECK)) {
        self.found += out.length;
        if (!self.hasMore() && !self.complete) { self.complete = true; self.total = self.found; }
        return out;
      }
      var want = k - out.length;
      if (self.phrases.length) want = Math.min(Math.max(want, 10), MAX_CHECK - (self.pos - first));
      var ids = self.ids.slice(self.pos, self.pos + want);
      self.pos += ids.length;
      return self.hits(ids).then(function (h) { out = out.concat(h); return more(); });
    }
    return Promise.resolve().then(more);
  };

  // verifyAll checks the phrases of every doc now, for an exact total.
  Results.prototype.verifyAll = function () {
    var self = this;
    return this.hits(this.ids.slice(this.pos)).then(function (h) {
      self.ids = self.ids.slice(0, self.pos).concat(h.map(function (x) { return x.id; }));
      self.phrases = [];
      self.complete = true;
      self.total = self.ids.length;
    });
  };

  function phraseIn(h, p) {
    var needle = ' ' + p.tokens.join(' ') + (p.prefix ? '' : ' ');
    var fields = [h.title, h.summary, h.body].concat(h.actors, h.tags, h.figures);
    return fields.some(function (f) { return (' ' + fold(f) + ' ').indexOf(needle) >= 0; });
  }

  /* ---------- Highlighting and snippets ---------- */

  var SPAN = /[\p{L}\p{Nd}\p{M}]*[0-9](?:,[0-9]{3}(?![0-9]))+[\p{L}\p{Nd}\p{M}]*|[\p{L}\p{Nd}\p{M}]+/gu;

  // wordSpans returns the words of text with their folded form: {start,
  // end, tok}. Folding each word alone gives the tokens of fold(text).
  function wordSpans(text) {
    var out = [], m;
    SPAN.lastIndex = 0;
    while ((m = SPAN.exec(text))) {
      var tok = fold(m[0]);
      if (tok) out.push({ start: m.index, end: m.index + m[0].length, tok: tok.split(' ')[0] });
    }
    return out;
  }

  // markRanges returns the sorted, merged [start, end) ranges of text that
  // the marks of a query match.
  function markRanges(text, marks) {
    var spans = wordSpans(text), ranges = [];
    marks.forEach(function (mk) {
      var k = mk.tokens.length;
      for (var i = 0; i + k <= spans.length; i++) {
        var ok = true;
        for (var j = 0; j < k && ok; j++) {
          var tok = spans[i + j].tok, want = mk.tokens[j];
          ok = mk.prefix && j === k - 1 ? tok.slice(0, want.length) === want : tok === want;
        }
        if (ok) ranges.push([spans[i].start, spans[i + k - 1].end]);
      }
    });
    ranges.sort(function (a, b) { return a[0] - b[0] || a[1] - b[1]; });
    var merged = [];
    ranges.forEach(function (r) {
      var last = merged[merged.length - 1];
      if (last && r[0] <= last[1]) last[1] = Math.max(last[1], r[1]);
      else merged.push([r[0], r[1]]);
    });
    return merged;
  }

  // segments cuts text into [{text, mark}] along ranges.
  function segments(text, ranges) {
    var out = [], at = 0;
    ranges.forEach(function (r) {
      if (r[0] > at) out.push({ text: text.slice(at, r[0]), mark: false });
      out.push({ text: text.slice(r[0], r[1]), mark: true });
      at = r[1];
    });
    if (at < text.length) out.push({ text: text.slice(at), mark: false });
    return out;
  }

  function highlight(text, marks) { return segments(text, markRanges(text, marks)); }

  // snippet returns the segments of about max characters of the summary
  // or body around their first match (the start of the summary when
  // neither matches), with "…" where the text was cut.
  function snippet(h, marks, max) {
    max = max || 200;
    var sources = [h.summary, h.body].filter(Boolean);
    if (!sources.length) return [];
    var text = sources[0], ranges = [];
    for (var i = 0; i < sources.length; i++) {
      var r = markRanges(sources[i], marks);
      if (r.length) { text = sources[i]; ranges = r; break; }
    }
    var first = ranges.length ? ranges[0] : [0, 0];
    var start = 0, end = text.length;
    var before = Math.min(60, Math.floor(max / 3)); // characters shown before the match
    if (first[0] > before && text.length > max) {
      start = first[0] - before;
      var sp = text.indexOf(' ', start);
      start = sp >= 0 && sp < first[0] ? sp + 1 : first[0];
    }
    if (end - start > max) {
      end = start + max;
      var back = text.lastIndexOf(' ', end);
      end = back > first[1] ? back : Math.max(end, first[1]);
    }
    var clipped = [];
    ranges.forEach(function (r) {
      if (r[1] > start && r[0] < end) clipped.push([Math.max(r[0], start) - start, Math.min(r[1], end) - start]);
    });
    var out = segments(text.slice(start, end), clipped);
    if (start > 0) out.unshift({ text: '…', mark: false });
    if (end < text.length) out.push({ text: '…', mark: false });
    return out;
  }

  var MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July',
    'August', 'September', 'October', 'November', 'December'];

  // formatDate turns "2025-12-06" into "6 December 2025", as on the rest of
  // the site.
  function formatDate(d) {
    var m = /^([0-9]{4})-([0-9]{2})-([0-9]{2})$/.exec(d || '');
    if (!m || +m[2] < 1 || +m[2] > 12) return d || '';
    return +m[3] + ' ' + MONTHS[+m[2] - 1] + ' ' + m[1];
  }

  /* ---------- The page ---------- */

  var PAGE = 20, DEBOUNCE = 50, PARAMS = ['q', 'actor', 'tag', 'from', 'to'];

  function init() {
    var form = document.querySelector('form[role="search"]');
    var status = document.getElementById('search-status');
    var list = document.getElementById('search-results');
    var more = document.getElementById('search-more');
    if (!form || !status || !list || !script) return;
    var base = new URL(script.getAttribute('data-index') || '', document.baseURI);
    var engine = new Engine(function (path) {
      return fetch(new URL(path, base), { credentials: 'same-origin' }).then(function (r) {
        if (!r.ok) throw new Error('search: ' + path + ': HTTP ' + r.status);
        return r.json();
      });
    });
    // Fetch the index's table now, while the reader starts typing.
    engine.meta().catch(function () {});
    var seq = 0, timer = 0, t0 = 0, current = null, loadingMore = false, lastRun = null;
    var committed = false; // the history entry is a finished search: the next change makes a new one

    function field(name) { return form.elements.namedItem(name); }

    function read() {
      var p = {};
      PARAMS.forEach(function (k) { var f = field(k); p[k] = f ? f.value : ''; });
      return p;
    }

    function write(p) {
      PARAMS.forEach(function (k) {
        var f = field(k);
        if (!f) return;
        var v = p[k] || '';
        if (f.tagName === 'SELECT' && v) {
          var want = fold(v), opt = Array.prototype.find.call(f.options, function (o) { return o.value === v; }) ||
            Array.prototype.find.call(f.options, function (o) { return fold(o.value) === want; });
          v = opt ? opt.value : '';
        }
        f.value = v;
      });
    }

    function fromURL() {
      var u = new URLSearchParams(location.search), p = {};
      PARAMS.forEach(function (k) { p[k] = u.get(k) || ''; });
      return p;
    }

    function urlOf(p) {
      var u = new URLSearchParams();
      PARAMS.forEach(function (k) { if (p[k]) u.set(k, p[k]); });
      var s = u.toString();
      return location.pathname + (s ? '?' + s : '');
    }

    // remember puts the search in the address: typing replaces the current
    // entry (or adds one after a finished search), submitting adds one.
    function remember(mode, p) {
      if (mode === 'none') return;
      var url = urlOf(p);
      if (url !== location.pathname + location.search) {
        if (mode === 'push' || committed) history.pushState(null, '', url);
        else history.replaceState(null, '', url);
      }
      committed = mode === 'push';
    }

    function isEmpty(p) { return !p.q.trim() && !p.actor && !p.tag && !p.from && !p.to; }

    function setState(s) { document.body.setAttribute('data-search-state', s); }

    // done marks a render complete, unless more typing is waiting for its
    // search: "ready" always describes what the form holds.
    function done(start) {
      if (timer) return;
      window.briefSearchLastMs = performance.now() - start;
      setState('ready');
    }

    function announce(res) {
      var q = res.query.text, what = q ? ' for “' + q + '”' : '', text;
      if (!res.complete && res.found === 0) text = 'No results' + what + ' in the ' + res.pos + ' likeliest briefings; more are left to check';
      else if (!res.complete) text = 'At least ' + res.found + (res.found === 1 ? ' result' : ' results') + what;
      else if (res.total === 0) text = 'No results' + what;
      else text = res.total + (res.total === 1 ? ' result' : ' results') + what;
      status.textContent = text;
    }

    function append(parent, segs) {
      segs.forEach(function (s) {
        if (!s.mark) { parent.appendChild(document.createTextNode(s.text)); return; }
        var m = document.createElement('mark');
        m.textContent = s.text;
        parent.appendChild(m);
      });
    }

    function render(h, query) {
      var li = document.createElement('li');
      li.className = 'search-result';
      var h2 = document.createElement('h2'), a = document.createElement('a');
      if (/^(\/(?!\/)|https?:)/i.test(h.url)) a.setAttribute('href', h.url); // never javascript:
      append(a, highlight(h.title, query.marks));
      h2.appendChild(a);
      li.appendChild(h2);
      var meta = document.createElement('p'), time = document.createElement('time');
      meta.className = 'meta';
      time.setAttribute('datetime', h.date);
      time.textContent = formatDate(h.date);
      meta.appendChild(time);
      li.appendChild(meta);
      var segs = snippet(h, query.marks);
      if (segs.length) {
        var p = document.createElement('p');
        p.className = 'snippet';
        append(p, segs);
        li.appendChild(p);
      }
      return li;
    }

    function fail(my, err) {
      if (my !== seq) return;
      status.textContent = 'Search is unavailable: the search index could not be loaded.';
      setState('error');
      if (window.console) console.error(err);
    }

    // run searches what the form holds and shows the first results.
    function run(mode) {
      clearTimeout(timer);
      timer = 0;
      loadingMore = false;
      var p = read(), my = ++seq, start = t0;
      lastRun = urlOf(p);
      remember(mode, p);
      setState('loading');
      if (isEmpty(p)) {
        current = null;
        list.replaceChildren();
        if (more) more.hidden = true;
        status.textContent = '';
        done(start);
        return;
      }
      engine.search(p).then(function (res) {
        if (my !== seq) return;
        return res.next(PAGE).then(function (hits) {
          if (my !== seq) return;
          current = res;
          list.replaceChildren.apply(list, hits.map(function (h) { return render(h, res.query); }));
          if (more) more.hidden = !res.hasMore();
          announce(res);
          done(start);
        });
      }).catch(function (err) { fail(my, err); });
    }

    function showMore() {
      var res = current, my = seq, start = performance.now();
      if (!res || loadingMore) return;
      loadingMore = true;
      setState('loading');
      res.next(PAGE).then(function (hits) {
        if (my !== seq) return;
        var first = null;
        hits.forEach(function (h) {
          var li = render(h, res.query);
          list.appendChild(li);
          first = first || li;
        });
        more.hidden = !res.hasMore();
        loadingMore = false;
        announce(res);
        // Focus goes to the first new result, or stays near the end of the
        // list when the button went away with nothing new.
        var target = first ? first.querySelector('a') : more.hidden ? list.querySelector('li:last-child a') || field('q') : null;
        if (target) target.focus();
        done(start);
      }).catch(function (err) { loadingMore = false; fail(my, err); });
    }

    function changed() {
      // A change event after input events that were searched already (a
      // text field losing focus) changes nothing.
      if (!timer && urlOf(read()) === lastRun) return;
      t0 = performance.now();
      setState('loading');
      clearTimeout(timer);
      timer = setTimeout(function () { run('replace'); }, DEBOUNCE);
    }

    form.addEventListener('input', changed);
    form.addEventListener('change', changed);
    form.addEventListener('submit', function (e) {
      e.preventDefault();
      t0 = performance.now();
      run('push');
    });
    if (more) more.addEventListener('click', showMore);
    window.addEventListener('popstate', function () {
      write(fromURL());
      t0 = performance.now();
      committed = true;
      run('none');
    });

    var initial = fromURL();
    write(initial);
    committed = !isEmpty(initial);
    t0 = performance.now();
    run('none');
  }

  var api = {
    fold: fold, tokens: tokens, cut: cut, shardName: shardName, parseQuery: parseQuery,
    Engine: Engine, shardsFor: shardsFor, markRanges: markRanges, highlight: highlight,
    snippet: snippet, formatDate: formatDate
  };
  if (typeof module !== 'undefined' && module.exports) module.exports = api;
  if (typeof document !== 'undefined' && typeof window !== 'undefined') init();
})();
