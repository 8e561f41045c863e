package review

import (
	"encoding/binary"
	"strings"
	"unicode"
	"unicode/utf8"
)

// brk is the punctuation found between a token and the one before it.
type brk uint8

const (
	brkNone   brk = iota
	brkWeak       // a comma
	brkStrong     // a semicolon, colon, dash or bracket
)

// token is one normalised word. A contraction gives several tokens that
// share the span of the word they came from. It holds no pointer, so that
// filling the tokens of a pooled doc costs no write barriers and the
// garbage collector need not scan them; it copies from the word's wordInfo
// what the checks read, which would otherwise cost a load per token.
type token struct {
	id     int32 // the word's id in the lexicon, or -1 for a word it does not know
	nb, ne int32 // the normalised word is doc.buf[nb:ne]
	start  int32 // byte offsets in the message of the written word
	end    int32
	sent   int32 // index in doc.sents
	line   int32 // index in doc.lines
	brk    brk
	pron   pron      // the word's person and thirdSubj
	word   bool      // the first token of its written word
	caps   bool      // the written word is in capitals, two letters or more
	shout  bool      // ... and reads as shouting rather than as an acronym
	conj   bool      // starts a conjunction match (a clause boundary)
	live   bool      // the state of first accepts or has edges other than words
	first  firstStep // where the phrases that start here begin, from the word's slot
}

// sentence is a run of tokens ended by . ! ? or a line break that is not a
// soft wrap.
type sentence struct {
	start, end int // byte offsets: first word to last word or final punctuation
	tok0, tok1 int // tokens [tok0, tok1)
	para       int // the paragraph: blank lines separate paragraphs
	question   bool
	// Counted by scan as it passes, for brief_reason, which would
	// otherwise read every token again: the written words, and the
	// personal pronouns about the writer, the reader and others.
	words   int32
	persons [3]int32
}

// line is one written line of the message body (quoted lines and reply
// headers removed), trimmed of surrounding space.
type line struct {
	start, end int
	gap        bool // a blank or removed line comes before it
	// The line holds a byte a placeholder starts with, or an exclamation
	// or question mark, which the tokenizer notes as it passes: the
	// checks for placeholders and for repeated marks need read no other
	// line.
	marks, bangs bool
	tok0, tok1   int
}

// doc is the analysis of one message. Docs are pooled: every slice is reset,
// never reallocated when it is big enough.
type doc struct {
	msg                string
	bodyStart, bodyEnd int    // the written part: after a Subject: line, before a quoted reply
	subj               [2]int // the value of a leading "Subject:" line, or -1, -1
	raw                [][2]int
	lines              []line
	toks               []token
	sents              []sentence
	words              int
	firstCaps          int // the first token in capitals, or -1
	buf                []byte
	m                  [numCats][]span
	anch               [numCats][]span // matches of the anchored pass, until merged into m
	tmp                []span
	sentFlags          []uint8 // what brief_reason finds of each sentence
	inserting          bool    // walking anchored phrases: record keeps matches in anch
}

func (d *doc) reset(msg string) {
	d.msg = msg
	d.bodyStart, d.bodyEnd = 0, len(msg)
	d.subj = [2]int{-1, -1}
	d.raw = d.raw[:0]
	d.lines = d.lines[:0]
	d.toks = d.toks[:0]
	d.sents = d.sents[:0]
	d.words = 0
	d.firstCaps = -1
	d.buf = d.buf[:0]
	for c := range d.m {
		d.m[c] = d.m[c][:0]
		d.anch[c] = d.anch[c][:0]
	}
}

// analyse splits, tokenises and scans msg.
func (d *doc) analyse(lx *lexicon, msg string) {
	d.reset(msg)
	d.split()
	d.tokenize(lx)
	d.scan(lx)
}

// trimBounds returns the bounds of s[a:b] without surrounding white space.
func trimBounds(s string, a, b int) (int, int) {
	// Most text starts and ends in ASCII, which needs no decoding.
	for a < b && s[a] < utf8.RuneSelf {
		if !asciiSpace[s[a]] {
			return a, trimEnd(s, a, b)
		}
		a++
	}
	for a < b {
		r, n := utf8.DecodeRuneInString(s[a:b])
		if !unicode.IsSpace(r) {
			break
		}
		a += n
	}
	return a, trimEnd(s, a, b)
}

// trimEnd returns b moved back over the white space that ends s[a:b].
func trimEnd(s string, a, b int) int {
	for b > a {
		if c := s[b-1]; c < utf8.RuneSelf {
			if !asciiSpace[c] {
				break
			}
			b--
			continue
		}
		r, n := utf8.DecodeLastRuneInString(s[a:b])
		if !unicode.IsSpace(r) {
			break
		}
		b -= n
	}
	return b
}

// asciiSpace marks the ASCII bytes that unicode.IsSpace accepts.
var asciiSpace = func() (t [utf8.RuneSelf]bool) {
	for c := range t {
		t[c] = unicode.IsSpace(rune(c))
	}
	return t
}()

// fieldCount returns the number of fields of s as strings.Fields splits
// it, but at most limit+1: callers ask only whether there are more than
// limit, and a long line need not be counted, nor split, to the end.
func fieldCount(s string, limit int) int {
	n, in := 0, false
	for i := 0; i < len(s); {
		c, size := s[i], 1
		var space bool
		if c < utf8.RuneSelf {
			space = asciiSpace[c]
		} else {
			var r rune
			r, size = utf8.DecodeRuneInString(s[i:])
			space = unicode.IsSpace(r)
		}
		switch {
		case space:
			in = false
		case !in:
			in = true
			if n++; n > limit {
				return n
			}
		}
		i += size
	}
	return n
}

// appendLower appends s lower-cased, as strings.ToLower gives it, to b. An
// ASCII word, as nearly every word is, is lowered byte by byte, so that a
// lookup of it in a buffer on the stack allocates nothing.
func appendLower(b []byte, s string) []byte {
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			return append(b, strings.ToLower(s)...)
		}
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
		}
		b = append(b, c)
	}
	return b
}

// trimDashes returns s without the dashes, tildes and spaces that may lead
// a closing or a name ("– Ellis"), as strings.TrimLeft(s, "-—–~ ") does;
// most lines start with none, which one byte tells.
func trimDashes(s string) string {
	if s != "" && s[0] < utf8.RuneSelf && s[0] != '-' && s[0] != '~' && s[0] != ' ' {
		return s
	}
	return strings.TrimLeft(s, "-—–~ ")
}

// hasLetterPrefixFold is hasPrefixFold for a prefix of ASCII only that
// starts with a letter, as the headers that split looks for do. Most lines
// do not start with that letter in either case, which one byte tells:
// EqualFold matches a rune of more bytes than one to an ASCII letter ("K"
// to "k"), but the first len(prefix) bytes of s then hold fewer runes than
// prefix, so a match is ASCII throughout.
func hasLetterPrefixFold(s, prefix string) bool {
	return s != "" && s[0]|0x20 == prefix[0]|0x20 && hasPrefixFold(s, prefix)
}

func hasPrefixFold(s, prefix string) bool {
	return len(s) >= len(prefix) && strings.EqualFold(s[:len(prefix)], prefix)
}

func hasSuffixFold(s, suffix string) bool {
	return len(s) >= len(suffix) && strings.EqualFold(s[len(s)-len(suffix):], suffix)
}

// containsFold reports whether s holds sub, ignoring case as EqualFold
// does. When sub is ASCII and starts with a letter, a place where s does
// not start with that letter in either case is passed over without a call:
// EqualFold matches a rune of more bytes than one to an ASCII letter ("K"
// to "k"), but s[i:i+len(sub)] then holds fewer runes than sub, so a match
// must be ASCII throughout.
func containsFold(s, sub string) bool {
	k, letter := asciiLetterIndex(sub)
	letter = letter && isASCII(sub)
	for i := 0; i+len(sub) <= len(s); i++ {
		if letter && s[i]|0x20 != 'a'+byte(k) {
			continue
		}
		if strings.EqualFold(s[i:i+len(sub)], sub) {
			return true
		}
	}
	return false
}

// rawLine returns raw line i trimmed.
func (d *doc) rawLine(i int) string {
	a, b := trimBounds(d.msg, d.raw[i][0], d.raw[i][1])
	return d.msg[a:b]
}

// nextNonEmpty returns the index of the first non-blank raw line after i, or -1.
func (d *doc) nextNonEmpty(i int) int {
	for k := i + 1; k < len(d.raw); k++ {
		if d.rawLine(k) != "" {
			return k
		}
	}
	return -1
}

// split finds the written body: it drops a leading "Subject:" line, lines
// quoted with ">", and everything from the header of a quoted or forwarded
// message on.
func (d *doc) split() {
	msg := d.msg
	for s := 0; ; {
		e := strings.IndexByte(msg[s:], '\n')
		if e < 0 {
			d.raw = append(d.raw, [2]int{s, len(msg)})
			break
		}
		d.raw = append(d.raw, [2]int{s, s + e})
		s += e + 1
	}
	first, gap := true, true
	for i, rl := range d.raw {
		a, b := trimBounds(msg, rl[0], rl[1])
		t := msg[a:b]
		switch {
		case t == "":
			gap = true
			continue
		case first && hasLetterPrefixFold(t, "subject:"):
			d.subj[0], d.subj[1] = trimBounds(msg, a+len("subject:"), b)
			d.bodyStart = rl[1]
			first, gap = false, true
			continue
		}
		first = false
		if d.replyHeader(i, t) {
			d.bodyEnd = rl[0]
			return
		}
		if t[0] == '>' {
			gap = true
			continue
		}
		d.lines = append(d.lines, line{start: a, end: b, gap: gap})
		gap = false
	}
}

// replyHeader reports whether raw line i (trimmed to t) starts a quoted or
// forwarded message.
func (d *doc) replyHeader(i int, t string) bool {
	if strings.HasPrefix(t, "On ") && len(t) < 300 {
		if hasSuffixFold(t, "wrote:") {
			return true
		}
		if i+1 < len(d.raw) && hasSuffixFold(d.rawLine(i+1), "wrote:") {
			return true
		}
	}
	// A banner is set off by rules: most lines neither start nor end
	// with one, which two bytes tell without trimming.
	if isRule(t[0]) || isRule(t[len(t)-1]) {
		core := strings.Trim(t, "-_=* ")
		if strings.EqualFold(core, "original message") || strings.EqualFold(core, "forwarded message") {
			return true
		}
	}
	if hasLetterPrefixFold(t, "begin forwarded message") {
		return true
	}
	if hasLetterPrefixFold(t, "from:") {
		if containsFold(t, "sent:") || containsFold(t, "date:") {
			return true
		}
		for k := i + 1; k < len(d.raw) && k <= i+4; k++ {
			u := d.rawLine(k)
			for _, h := range [...]string{"sent:", "date:", "to:", "subject:", "cc:"} {
				if hasLetterPrefixFold(u, h) {
					return true
				}
			}
		}
	}
	if len(t) >= 8 && t[0] == '_' && strings.Trim(t, "_") == "" {
		if k := d.nextNonEmpty(i); k >= 0 && hasLetterPrefixFold(d.rawLine(k), "from:") {
			return true
		}
	}
	return false
}

// isRule reports whether c is one of the bytes a banner's rule is drawn
// with ("-----Original Message-----").
func isRule(c byte) bool {
	return c == '-' || c == '_' || c == '=' || c == '*' || c == ' '
}

func isApostrophe(r rune) bool {
	return r == '\'' || r == '’' || r == '‘' || r == 'ʼ'
}

// Classes of ASCII bytes, for the tokenizer's fast path.
const (
	clsLetter = 1 << iota // unicode.IsLetter; bit 0, so that letters count by adding it
	clsWord               // isWordRune
	clsUpper              // unicode.IsUpper
	clsLower              // unicode.IsLower
	clsX                  // 'X', which may start a placeholder ("XXX")
)

// asciiClass holds the classes of each ASCII byte, and none for the others,
// which start or continue a rune of several bytes: indexed by any byte, it
// needs no test that the byte is ASCII. It is computed from the functions
// the classes stand for, so the fast path cannot disagree with the slow
// one.
var asciiClass = func() (t [256]uint8) {
	for c := range utf8.RuneSelf {
		r := rune(c)
		if isWordRune(r) {
			t[c] |= clsWord
		}
		if unicode.IsLetter(r) {
			t[c] |= clsLetter
		}
		if unicode.IsUpper(r) {
			t[c] |= clsUpper
		}
		if unicode.IsLower(r) {
			t[c] |= clsLower
		}
	}
	t['X'] |= clsX
	return t
}()

func isWordRune(r rune) bool {
	if r < 0x80 {
		return r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9'
	}
	return unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.Is(unicode.Mn, r)
}

// closers may follow sentence-final punctuation.
func isCloser(r rune) bool {
	switch r {
	case '"', '\'', ')', ']', '”', '’', '»', '*', '_':
		return true
	}
	return false
}

// softWrap reports whether the line break between prev and next continues a
// sentence: the next line starts in lower case and the previous one does not
// end a sentence.
func softWrap(msg string, prev, next line) bool {
	last, _ := utf8.DecodeLastRuneInString(msg[prev.start:prev.end])
	first, _ := utf8.DecodeRuneInString(msg[next.start:next.end])
	return unicode.IsLower(first) && !strings.ContainsRune(".!?:;", last)
}

// tokenizer carries the state of one tokenize pass.
type tokenizer struct {
	d         *doc
	lx        *lexicon
	index     *wordTable // &lx.index, one load nearer the slots of every word
	sent      int32      // the sentence being read, the last of d.sents
	newSent   bool       // the next token starts a sentence; so does the first
	pending   brk
	abbrev    bool // the last word was an abbreviation or an initial
	question  bool // the punctuation run since the last word holds a '?'
	lineIndex int32
	para      int
}

// tokenize turns the body lines into tokens and sentences.
func (d *doc) tokenize(lx *lexicon) {
	tz := tokenizer{d: d, lx: lx, index: &lx.index, newSent: true}
	for li := range d.lines {
		ln := &d.lines[li]
		tz.lineIndex = int32(li)
		if li > 0 {
			if ln.gap {
				tz.para++
			}
			prev := d.lines[li-1]
			if ln.gap || !softWrap(d.msg, prev, *ln) {
				tz.newSent = true
			} else if last, _ := utf8.DecodeLastRuneInString(d.msg[prev.start:prev.end]); last == ',' {
				tz.pending = max(tz.pending, brkWeak)
			}
		}
		ln.tok0 = len(d.toks)
		tz.line(ln.start, ln.end)
		ln.tok1 = len(d.toks)
	}
	if n := len(d.sents); n > 0 {
		d.sents[n-1].tok1 = len(d.toks)
	}
}

// norm returns the normalised word of token t.
func (d *doc) norm(t *token) []byte {
	return d.buf[t.nb:t.ne]
}

// line tokenises msg[a:b].
func (tz *tokenizer) line(a, b int) {
	d := tz.d
	text := d.msg[a:b]
	prevSpace := true
	for i := 0; i < len(text); {
		if c := text[i]; c < utf8.RuneSelf {
			if asciiClass[c]&clsWord != 0 {
				if j := tz.plainWord(text, i, a); j > i {
					i = j
				} else {
					i = tz.word(text, i, a)
				}
				prevSpace = false
				// A space, as most often follows a word, is passed
				// over here rather than at the top of the loop.
				if i < len(text) && text[i] == ' ' {
					prevSpace = true
					i++
				}
				continue
			}
			if c == ' ' {
				prevSpace = true
				i++
				continue
			}
		}
		r, size := rune(text[i]), 1
		if r >= utf8.RuneSelf {
			r, size = utf8.DecodeRuneInString(text[i:])
			if isWordRune(r) {
				i = tz.word(text, i, a)
				prevSpace = false
				continue
			}
		}
		switch r {
		case '.', '!', '?', '…':
			if r == '?' {
				tz.question = true
			}
			if r == '!' || r == '?' {
				d.lines[tz.lineIndex].bangs = true
			}
			j := i + size
			for j < len(text) {
				c, n := utf8.DecodeRuneInString(text[j:])
				if !isCloser(c) {
					break
				}
				j += n
			}
			end := j == len(text)
			if !end {
				c, _ := utf8.DecodeRuneInString(text[j:])
				end = unicode.IsSpace(c)
			}
			if end && !(r == '.' && tz.abbrev) && len(d.sents) > 0 && !tz.newSent {
				s := &d.sents[len(d.sents)-1]
				s.end = a + j
				s.question = tz.question
				tz.newSent = true
			}
		case ',':
			tz.pending = max(tz.pending, brkWeak)
		case ';', ':', '—', '–', '(', ')', '[', ']', '{', '}', '•', '|', '/':
			tz.pending = brkStrong
		case '-':
			if prevSpace {
				tz.pending = brkStrong
			}
		}
		if r < utf8.RuneSelf && placeholderStart[r] {
			d.lines[tz.lineIndex].marks = true
		}
		prevSpace = unicode.IsSpace(r)
		i += size
	}
}

// plainWord reads the word starting at text[i], as word would, when it is
// of the commonest kind: ASCII letters and digits, not followed by an
// apostrophe or a letter that is not ASCII, and a word of the lexicon with
// no spelling, expansion or abbreviation to apply, or none. It emits its
// one token and returns the offset after it; for any other word it does
// nothing and returns i, and word reads it. It is word cut down to that
// case, with few enough variables to keep in registers, and it writes the
// token once rather than clearing it first.
func (tz *tokenizer) plainWord(text string, i, base int) int {
	classes := &asciiClass
	j, acc := i, uint8(0) // acc: the classes of the word's bytes
	for j < len(text) {
		k := classes[text[j]]
		if k&clsWord == 0 {
			break
		}
		acc |= k
		j++
	}
	if j < len(text) && (text[j] >= utf8.RuneSelf || text[j] == '\'') {
		return i
	}
	d := tz.d
	n, nb := j-i, len(d.buf)
	var slot *wordSlot
	if n < 8 {
		// The word packed lowered, as wordKey packs it: setting bit
		// 0x20 lowers an ASCII letter and leaves a digit as it is.
		var head uint64
		if i+8 <= len(text) {
			head = (le64(text[i:i+8]) | 0x2020202020202020) & (1<<(8*n) - 1)
		} else {
			for k := n - 1; k >= 0; k-- {
				head = head<<8 | uint64(text[i+k]|0x20)
			}
		}
		slot = tz.index.slotShort(n, head)
		if !slot.plain {
			return i
		}
		// All eight bytes of head are appended, and the slice cut back
		// to the word: one store rather than a copy or a loop.
		d.buf = binary.LittleEndian.AppendUint64(d.buf, head)[:nb+n]
	} else if n <= 16 && i+16 <= len(text) {
		// The same for a word of up to sixteen bytes, in two halves.
		const lower = 0x2020202020202020
		head := le64(text[i:i+8]) | lower
		tail := (le64(text[i+8:i+16]) | lower) & (1<<(8*(n-8)) - 1)
		if slot = tz.index.slotMedium(n, head, tail); !slot.plain {
			return i
		}
		d.buf = binary.LittleEndian.AppendUint64(binary.LittleEndian.AppendUint64(d.buf, head), tail)[:nb+n]
	} else {
		d.buf = append(d.buf, text[i:j]...)
		if acc&clsUpper != 0 {
			w := d.buf[nb:]
			for k, c := range w {
				if asciiClass[c]&clsUpper != 0 {
					w[k] = c + 'a' - 'A'
				}
			}
		}
		if slot = tz.lx.index.slot(d.buf[nb:]); !slot.plain {
			d.buf = d.buf[:nb]
			return i
		}
	}
	d.words++
	t := tz.next() // every field is set below
	t.id, t.nb, t.ne = slot.id1-1, int32(nb), int32(nb+n)
	t.start, t.end = int32(base+i), int32(base+j)
	t.sent, t.line = tz.sent, tz.lineIndex
	t.brk, t.pron = tz.pending, slot.pron
	t.word, t.caps, t.shout, t.conj = true, false, false, false
	t.first, t.live = slot.first, slot.live
	if slot.id1 == 0 && tz.lx.phrases.hasPrefixes(prefixKey(d.buf[nb:nb+n])) {
		// A word the lexicon does not know starts a phrase only with a
		// prefix, which few pairs of first letters have.
		t.first = generalStep
	}
	tz.pending = brkNone
	if acc&clsLower == 0 {
		// Capitals or digits only: how many letters there are tells
		// whether the word is written in capitals.
		letters := 0
		for _, c := range []byte(text[i:j]) {
			letters += int(classes[c] & clsLetter)
		}
		if letters >= 2 {
			t.caps = true
			t.shout = tz.shouty(d.buf[nb:nb+n], letters)
			if d.firstCaps < 0 {
				d.firstCaps = len(d.toks) - 1
			}
		}
	}
	if acc&clsX != 0 {
		d.lines[tz.lineIndex].marks = true
	}
	tz.abbrev = n == 1 && acc&clsUpper != 0
	tz.question = false
	return j
}

// word reads the word starting at text[i], emits its tokens and returns the
// offset after it. base is the offset of text in the message.
func (tz *tokenizer) word(text string, i, base int) int {
	d := tz.d
	ws := i
	nb := len(d.buf)
	letters, lower, upperFirst := 0, false, false
	apos := -1
	// Most words are ASCII: classify their bytes by table, without
	// decoding runes or asking the unicode tables, and copy them in one
	// go. The loop below takes over at the first byte that is not an
	// ASCII letter or digit.
	j := i
	var acc uint8 // the classes of the bytes read
	for j < len(text) {
		c := text[j]
		if c >= utf8.RuneSelf {
			break
		}
		k := asciiClass[c]
		if k&clsWord == 0 {
			break
		}
		acc |= k
		letters += int(k & clsLetter)
		j++
	}
	lower = acc&clsLower != 0
	upper := acc&clsUpper != 0
	// upperFirst counts only for a word of one letter (see tz.abbrev
	// below), which this loop has read whole when that letter is ASCII.
	upperFirst = j-i == 1 && upper
	// A word of fewer than eight bytes, as most are, is packed here
	// lowered, as wordKey would pack it: then it is copied with one store
	// and, unless more of it follows, looked up without being read again.
	// Setting bit 0x20 lowers an ASCII letter and leaves a digit as it is.
	var head uint64
	if n := j - i; n < 8 && i+8 <= len(text) {
		head = (le64(text[i:i+8]) | 0x2020202020202020) & (1<<(8*n) - 1)
	} else if n < 8 {
		for k := i; k < j; k++ {
			head |= uint64(text[k]|0x20) << (8 * (k - i))
		}
	}
	short := j-i < 8
	if short {
		// All eight bytes of head are appended, and the slice cut back
		// to the word: one store rather than a copy or a loop.
		d.buf = binary.LittleEndian.AppendUint64(d.buf, head)
		d.buf = d.buf[:len(d.buf)-8+j-i]
	} else if upper {
		for _, c := range []byte(text[i:j]) {
			if asciiClass[c]&clsUpper != 0 {
				c += 'a' - 'A'
			}
			d.buf = append(d.buf, c)
		}
	} else {
		d.buf = append(d.buf, text[i:j]...)
	}
	i = j
	// Any ASCII byte but an apostrophe ends the word there, as the loop
	// below would find; it is needed only past ASCII or at an apostrophe.
	more := i < len(text) && (text[i] >= utf8.RuneSelf || text[i] == '\'')
	short = short && !more
	for more && i < len(text) {
		// The same fast path for ASCII after an apostrophe or a letter
		// that is not ASCII.
		if c := text[i]; c < utf8.RuneSelf && asciiClass[c]&clsWord != 0 {
			k := asciiClass[c]
			if k&clsLetter != 0 {
				if letters == 0 {
					upperFirst = k&clsUpper != 0
				}
				letters++
				lower = lower || k&clsLower != 0
				c |= 'a' - 'A'
			}
			d.buf = append(d.buf, c)
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(text[i:])
		if isWordRune(r) {
			if unicode.IsLetter(r) {
				if letters == 0 {
					upperFirst = unicode.IsUpper(r)
				}
				letters++
				lower = lower || unicode.IsLower(r)
			}
			if r < 0x80 {
				c := byte(r)
				if c >= 'A' && c <= 'Z' {
					c += 'a' - 'A'
				}
				d.buf = append(d.buf, c)
			} else {
				d.buf = utf8.AppendRune(d.buf, unicode.ToLower(r))
			}
			i += size
			continue
		}
		if isApostrophe(r) && i+size < len(text) {
			if next, _ := utf8.DecodeRuneInString(text[i+size:]); unicode.IsLetter(next) {
				apos = len(d.buf)
				d.buf = append(d.buf, '\'')
				i += size
				continue
			}
		}
		break
	}
	ne := len(d.buf)
	d.words++
	if strings.IndexByte(text[ws:i], 'X') >= 0 {
		d.lines[tz.lineIndex].marks = true
	}

	first := len(d.toks)
	w := d.buf[nb:ne]
	var slot *wordSlot
	if short {
		slot = tz.lx.index.slotShort(len(w), head)
	} else {
		slot = tz.lx.index.slot(w)
	}
	fast := slot.plain && apos <= 0
	switch {
	case fast:
		t := tz.push()
		t.nb, t.ne, t.id, t.pron = int32(nb), int32(ne), slot.id1-1, slot.pron
	case slot.id1 != 0 && tz.lx.byID[slot.id1-1].expansion.n != 0:
		for _, id := range tz.lx.expansion(&tz.lx.byID[slot.id1-1]) {
			tz.emitStatic(id)
		}
	case apos > 0:
		tz.contraction(nb, apos, ne)
	default:
		var wi *wordInfo
		if slot.id1 != 0 {
			wi = &tz.lx.byID[slot.id1-1]
		}
		tz.emit(nb, ne, wi)
	}

	t := &d.toks[first]
	t.word = true
	if letters >= 2 && !lower {
		t.caps = true
		t.shout = tz.shouty(w, letters)
		if d.firstCaps < 0 {
			d.firstCaps = first
		}
	}
	for k := first; k < len(d.toks); k++ {
		d.toks[k].start, d.toks[k].end = int32(base+ws), int32(base+i)
	}
	tz.abbrev = letters == 1 && upperFirst && ne-nb == 1
	if id := d.toks[first].id; !fast && id >= 0 && tz.lx.byID[id].abbrev && first == len(d.toks)-1 {
		tz.abbrev = true
	}
	tz.question = false
	return i
}

// shouty reports whether a word written in capitals reads as shouting: a
// common word, or a long word that is not a known acronym.
func (tz *tokenizer) shouty(w []byte, letters int) bool {
	var tmp [24]byte
	k := tmp[:0]
	for _, c := range w {
		if c != '\'' {
			if len(k) == cap(k) {
				break
			}
			k = append(k, c)
		}
	}
	wi := tz.lx.index.lookup(k)
	if wi != nil && wi.shoutWord {
		return true
	}
	return letters >= 5 && (wi == nil || !wi.acronym)
}

// contraction emits the tokens of a word with an apostrophe at buf[apos].
func (tz *tokenizer) contraction(nb, apos, ne int) {
	d, lx := tz.d, tz.lx
	stem, suf := d.buf[nb:apos], string(d.buf[apos+1:ne])
	switch suf {
	case "t":
		if len(stem) > 1 && stem[len(stem)-1] == 'n' {
			tz.emit(nb, apos-1, lx.index.lookup(stem[:len(stem)-1]))
			tz.emitStatic(lx.not)
			return
		}
	case "s":
		wi := lx.index.lookup(stem)
		tz.emit(nb, apos, wi)
		if wi != nil && wi.isPronoun {
			tz.emitStatic(lx.is)
		}
		return
	case "m", "re", "ve", "ll", "d":
		tz.emit(nb, apos, lx.index.lookup(stem))
		tz.emitStatic(lx.suffixes[suf])
		return
	}
	tz.emit(nb, ne, lx.index.lookup(d.buf[nb:ne]))
}

// emit adds the token buf[nb:ne], mapped to its American spelling.
func (tz *tokenizer) emit(nb, ne int, wi *wordInfo) {
	if wi != nil && wi.spell != 0 {
		tz.emitStatic(wi.spell - 1)
		return
	}
	t := tz.push()
	t.nb, t.ne, t.id = int32(nb), int32(ne), -1
	if wi != nil {
		t.id, t.pron = wi.id, pronOf(wi)
	}
}

// emitStatic adds a token for the lexicon's word id, which the message did
// not spell so: its bytes are appended to buf, where every token's
// normalised word is.
func (tz *tokenizer) emitStatic(id int32) {
	d := tz.d
	nb := len(d.buf)
	wi := &tz.lx.byID[id]
	d.buf = append(d.buf, wi.word.in(tz.lx.text)...)
	t := tz.push()
	t.nb, t.ne, t.id, t.pron = int32(nb), int32(len(d.buf)), wi.id, pronOf(wi)
}

// push adds a token and returns it for the caller to fill in: built in
// place, a token is not copied on its way into d.toks.
func (tz *tokenizer) push() *token {
	t := tz.next()
	*t = token{}
	t.first = generalStep
	t.sent = tz.sent
	t.line = tz.lineIndex
	t.brk = tz.pending
	tz.pending = brkNone
	return t
}

// next opens a sentence if one is due and returns the next token's place
// in d.toks, as it was last used: the caller sets every field. The slice is
// grown and the token written field by field rather than appended: a token
// assembled on the stack and copied in wide moves stalls the store buffer.
func (tz *tokenizer) next() *token {
	d := tz.d
	if tz.newSent {
		tz.openSentence()
	}
	n := len(d.toks)
	if n == cap(d.toks) {
		d.toks = append(d.toks, token{})
	}
	d.toks = d.toks[:n+1]
	return &d.toks[n]
}

// openSentence starts a sentence at the next token, and so ends the one
// before it: a sentence's tok1 is set when it ends rather than with each
// of its tokens.
func (tz *tokenizer) openSentence() {
	d := tz.d
	if n := len(d.sents); n > 0 {
		d.sents[n-1].tok1 = len(d.toks)
	}
	d.sents = append(d.sents, sentence{tok0: len(d.toks), para: tz.para})
	tz.sent = int32(len(d.sents) - 1)
	tz.newSent = false
	tz.pending = brkNone
}

// finishSentences sets the byte spans of sentences from their tokens.
func (d *doc) finishSentences() {
	for i := range d.sents {
		s := &d.sents[i]
		first, last := &d.toks[s.tok0], &d.toks[s.tok1-1]
		s.start = int(first.start)
		if s.end < int(last.end) {
			s.end = int(last.end)
		}
	}
}

// scan finds every phrase of the lexicon in the tokens, then drops matches
// that an exception covers.
//
// It makes one pass over the tokens. At each it walks the phrases that may
// start there, which the token's first step (see firstStep) most often
// rules out without reading the trie, and then, at the start of a clause,
// the anchored ones. A
// conjunction starts a clause after it, so whether token i-1 is one must
// be settled before the anchored phrases are walked from token i: it is,
// once the phrases starting at i-1 are walked, since an exception that
// cancels a conjunction starts no later than the conjunction does.
func (d *doc) scan(lx *lexicon) {
	d.finishSentences()
	toks := d.toks
	tr := &lx.phrases
	startOf, starts, states := tr.startOf, tr.starts, tr.states
	reach := -1 // the furthest end of the conjunction exceptions so far
	for si := range d.sents {
		s := &d.sents[si]
		t0, end := s.tok0, s.tok1
		conj := false // token i-1 is a conjunction
		for i := t0; i < end; i++ {
			t := &toks[i]
			if t.word {
				s.words++
			}
			if p := t.pron.person(); p != personNone {
				s.persons[p-personFirst]++
			}
			head := i == t0 || t.brk != brkNone || conj
			walked := true
			switch f := &t.first; {
			case f.state > 0:
				if walked = t.live || i+1 < end && f.bloom&(1<<(uint32(toks[i+1].id)%32)) != 0; walked {
					d.walk(tr, &states[f.state], i+1, i, end)
				}
			case f.state == 0:
				walked = false
			case t.id >= 0:
				for _, next := range starts[startOf[t.id]:startOf[t.id+1]] {
					if st := &states[next]; !st.deadAt(toks, i+1, end) {
						d.walk(tr, st, i+1, i, end)
					}
				}
			default:
				d.scanPrefixes(tr, i, end)
			}
			// The matches that start here are all found: whether one
			// is a conjunction that no exception cancels is settled.
			conj = false
			if walked {
				if ex := d.m[catConjunctionNot]; len(ex) > 0 && ex[len(ex)-1].s == i {
					reach = max(reach, ex[len(ex)-1].e)
				}
				if ms := d.m[catConjunction]; len(ms) > 0 && ms[len(ms)-1].s == i {
					if reach >= ms[len(ms)-1].e {
						d.m[catConjunction] = ms[:len(ms)-1]
					} else {
						t.conj, conj = true, true
					}
				}
			}
			if head {
				d.inserting = true
				d.scanToken(&lx.anchored, i, end)
				d.inserting = false
			}
		}
	}
	d.mergeAnchored()
	for c := range d.m {
		ex := exceptionOf[c]
		if ex == category(c) || len(d.m[ex]) == 0 {
			continue
		}
		d.m[c] = uncovered(d.m[c], d.m[ex])
	}
}

// uncovered keeps the matches of ms that no span of ex covers. Both are
// sorted by start, so one pass over each does.
func uncovered(ms, ex []span) []span {
	kept := ms[:0]
	j, reach := 0, -1 // reach: the furthest end among ex starting at or before m.s
	for _, m := range ms {
		for j < len(ex) && ex[j].s <= m.s {
			reach = max(reach, ex[j].e)
			j++
		}
		if reach < m.e {
			kept = append(kept, m)
		}
	}
	return kept
}
