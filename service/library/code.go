package library

import (
	"fmt"
	"math"
	"slices"
	"strings"
)

// A library lives as long as the service, and the garbage collector scans
// every object that holds a pointer on each of its cycles. The compiled
// templates therefore hold almost no pointers: all their text lives in one
// string and their segments, slots and connection notes in a few tables of
// pointer-free values, together a code. Snippets, lines and documents refer
// to the text and the tables by span, and to their fallbacks by index.

// span is the range [start, end) of the text or of a table of a code.
type span struct {
	start, end uint32
}

// in returns the part of text that s spans.
func (s span) in(text string) string { return text[s.start:s.end] }

// empty reports whether s spans nothing.
func (s span) empty() bool { return s.start == s.end }

// code is compiled text: the text and tables that snippets, lines and
// documents refer to. A library has one code for all its templates, built
// by a coder; an inline template has one of its own, with its text and
// segments only.
type code struct {
	// text holds the source of every snippet and the name of every slot.
	// The literal segments of a snippet are spans of its source.
	text string
	// segs holds the segments of every snippet, those of one snippet in a
	// row.
	segs []segment
	// slots holds the slots of every document, those of one document in a
	// row and in order.
	slots []slot
	// lines holds the connection notes of every template, those of one
	// template in a row, fullest first.
	lines []line
	// fallbacks holds every distinct set of fallbacks; a line or a document
	// names its set by index.
	fallbacks [][numTokens]string
}

// segment is a piece of compiled text: a literal, whose text is the span
// lit of the code's text, or a token to be filled with a value.
type segment struct {
	lit span
	tok token
}

// snippet is a text compiled once into segments, with what is needed to
// size its output without walking it. Its source and segments are spans of
// the code it was compiled into.
type snippet struct {
	src  span   // the text in {{token}} form
	segs span   // the segments, in code.segs
	lits uint32 // bytes of literal text
	uses [numTokens]uint32
}

// newSnippet starts the snippet of the text src of c, with no segments
// yet.
func (c *code) newSnippet(src span) snippet {
	n := uint32(len(c.segs))
	return snippet{src: src, segs: span{n, n}}
}

// addLiteral appends the literal c.text[start:end] to s, whose segments
// must be the last in c.segs.
func (c *code) addLiteral(s *snippet, start, end int) {
	if start == end {
		return
	}
	c.segs = append(c.segs, segment{lit: span{uint32(start), uint32(end)}})
	s.segs.end = uint32(len(c.segs))
	s.lits += uint32(end - start)
}

// addToken appends tok to s, whose segments must be the last in c.segs.
func (c *code) addToken(s *snippet, tok token) {
	c.segs = append(c.segs, segment{tok: tok})
	s.segs.end = uint32(len(c.segs))
	s.uses[tok]++
}

// size returns the exact length of the snippet filled with vals.
func (s *snippet) size(vals *[numTokens]string) int {
	n := int(s.lits)
	for t := literal + 1; t < numTokens; t++ {
		n += int(s.uses[t]) * len(vals[t])
	}
	return n
}

// write appends the snippet of c filled with vals to b. A value is written
// as it is and never scanned again, so placeholders inside values stay
// literal.
func (s *snippet) write(b *textBuf, c *code, vals *[numTokens]string) {
	text := c.text
	for _, seg := range c.segs[s.segs.start:s.segs.end] {
		if seg.tok == literal {
			b.WriteString(text[seg.lit.start:seg.lit.end])
		} else {
			b.WriteString(vals[seg.tok])
		}
	}
}

// compileData compiles the text src of c, a text from the template data,
// appending its segments to c.segs. The data syntax is strict: tokens are
// written {{key}} with no spaces, and square brackets are not allowed, so
// that a bracket label from the original advice cannot slip into a
// template unfilled.
func (c *code) compileData(src span) (snippet, error) {
	text := src.in(c.text)
	base := int(src.start)
	s := c.newSnippet(src)
	start := 0
	for {
		open := strings.Index(text[start:], "{{")
		if open < 0 {
			break
		}
		open += start
		closing := strings.Index(text[open+2:], "}}")
		if closing < 0 {
			return snippet{}, fmt.Errorf("unclosed {{ in %q", text)
		}
		key := text[open+2 : open+2+closing]
		tok, ok := tokenByKey(key)
		if !ok {
			return snippet{}, fmt.Errorf("unknown token {{%s}}", key)
		}
		c.addLiteral(&s, base+start, base+open)
		c.addToken(&s, tok)
		start = open + 2 + closing + 2
	}
	c.addLiteral(&s, base+start, base+len(text))
	for _, seg := range c.segs[s.segs.start:s.segs.end] {
		switch lit := seg.lit.in(c.text); {
		case seg.tok != literal:
		case strings.Contains(lit, "}}"):
			return snippet{}, fmt.Errorf("stray }} in %q", text)
		case strings.ContainsAny(lit, "[]"):
			return snippet{}, fmt.Errorf("square brackets in %q: write placeholders as {{tokens}}", text)
		}
	}
	return s, nil
}

// coder builds the code of a library at load time. It keeps each distinct
// text, compiled snippet and set of fallbacks once, so that the many
// templates sharing a section of a channel file share its code too.
type coder struct {
	code      *code
	text      strings.Builder
	texts     map[string]span
	snippets  map[string]compileResult
	fallbacks map[[numTokens]string]uint32
}

// compileResult is the outcome of compiling a text of the data.
type compileResult struct {
	s   snippet
	err error
}

func newCoder() *coder {
	return &coder{
		code:      &code{},
		texts:     make(map[string]span),
		snippets:  make(map[string]compileResult),
		fallbacks: make(map[[numTokens]string]uint32),
	}
}

// intern returns the span of s in the code's text, appending s to the text
// unless it is there already.
func (b *coder) intern(s string) span {
	if sp, ok := b.texts[s]; ok {
		return sp
	}
	start := b.text.Len()
	if uint64(start)+uint64(len(s)) > math.MaxUint32 {
		panic("library: the template text exceeds 4 GiB")
	}
	b.text.WriteString(s)
	// The builder only ever appends, so the text read so far stays valid.
	b.code.text = b.text.String()
	sp := span{uint32(start), uint32(b.text.Len())}
	b.texts[s] = sp
	return sp
}

// compile compiles src, a text from the template data, with compileData;
// it does so once per distinct text.
func (b *coder) compile(src string) (snippet, error) {
	if r, ok := b.snippets[src]; ok {
		return r.s, r.err
	}
	s, err := b.code.compileData(b.intern(src))
	b.snippets[src] = compileResult{s, err}
	return s, err
}

// fallback returns the index of fb in code.fallbacks, adding it unless it
// is there already.
func (b *coder) fallback(fb [numTokens]string) uint32 {
	if i, ok := b.fallbacks[fb]; ok {
		return i
	}
	i := uint32(len(b.code.fallbacks))
	b.code.fallbacks = append(b.code.fallbacks, fb)
	b.fallbacks[fb] = i
	return i
}

// finish copies the text and tables of the code, which the templates
// already refer to, to their exact size, leaving the spare capacity the
// builder grew them with behind.
func (b *coder) finish() {
	c := b.code
	c.text = strings.Clone(c.text)
	c.segs = slices.Clone(c.segs)
	c.slots = slices.Clone(c.slots)
	c.lines = slices.Clone(c.lines)
}
