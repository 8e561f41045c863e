package library

import (
	"fmt"
	"strings"
	"unsafe"
)

// textBuf is what rendered text is written into: a strings.Builder over a
// buffer the caller may give and reuse (see RenderInto).
type textBuf struct {
	b []byte
}

func (t *textBuf) WriteString(s string) { t.b = append(t.b, s...) }
func (t *textBuf) Len() int             { return len(t.b) }

// WriteByte appends c; it never fails (the error is io.ByteWriter's).
func (t *textBuf) WriteByte(c byte) error {
	t.b = append(t.b, c)
	return nil
}

// String returns the text written, sharing its bytes: the buffer must not
// be written again while the string is in use.
func (t *textBuf) String() string { return unsafe.String(unsafe.SliceData(t.b), len(t.b)) }

// segment is a piece of compiled text: a literal, or a token to be filled
// with a value.
type segment struct {
	lit string
	tok token
}

// snippet is a text compiled once into segments, with what is needed to
// size its output without walking it.
type snippet struct {
	src  string // the text in {{token}} form
	segs []segment
	lits int // bytes of literal text
	uses [numTokens]int
}

func (s *snippet) addLiteral(lit string) {
	if lit == "" {
		return
	}
	s.segs = append(s.segs, segment{lit: lit})
	s.lits += len(lit)
}

func (s *snippet) addToken(tok token) {
	s.segs = append(s.segs, segment{tok: tok})
	s.uses[tok]++
}

// size returns the exact length of the snippet filled with vals.
func (s *snippet) size(vals *[numTokens]string) int {
	n := s.lits
	for t := literal + 1; t < numTokens; t++ {
		n += s.uses[t] * len(vals[t])
	}
	return n
}

// write appends the snippet filled with vals to b. A value is written as it
// is and never scanned again, so placeholders inside values stay literal.
func (s *snippet) write(b *textBuf, vals *[numTokens]string) {
	for _, seg := range s.segs {
		if seg.tok == literal {
			b.WriteString(seg.lit)
		} else {
			b.WriteString(vals[seg.tok])
		}
	}
}

// compileData compiles a text from the template data. The data syntax is
// strict: tokens are written {{key}} with no spaces, and square brackets are
// not allowed, so that a bracket label from the original advice cannot slip
// into a template unfilled.
func compileData(src string) (snippet, error) {
	s := snippet{src: src}
	start := 0
	for {
		open := strings.Index(src[start:], "{{")
		if open < 0 {
			break
		}
		open += start
		closing := strings.Index(src[open+2:], "}}")
		if closing < 0 {
			return snippet{}, fmt.Errorf("unclosed {{ in %q", src)
		}
		key := src[open+2 : open+2+closing]
		tok, ok := tokenByKey(key)
		if !ok {
			return snippet{}, fmt.Errorf("unknown token {{%s}}", key)
		}
		s.addLiteral(src[start:open])
		s.addToken(tok)
		start = open + 2 + closing + 2
	}
	s.addLiteral(src[start:])
	for _, seg := range s.segs {
		switch {
		case seg.tok != literal:
		case strings.Contains(seg.lit, "}}"):
			return snippet{}, fmt.Errorf("stray }} in %q", src)
		case strings.ContainsAny(seg.lit, "[]"):
			return snippet{}, fmt.Errorf("square brackets in %q: write placeholders as {{tokens}}", src)
		}
	}
	return s, nil
}

// line is a snippet rendered on its own (a subject, a connection note, an
// inline body), with the fallbacks of the output it belongs to.
type line struct {
	snippet
	fallback [numTokens]string
}

func (l *line) values(vals *[numTokens]string) [numTokens]string {
	return withFallback(vals, &l.fallback)
}

func (l *line) size(vals *[numTokens]string) int {
	v := l.values(vals)
	return l.snippet.size(&v)
}

func (l *line) write(b *textBuf, vals *[numTokens]string) {
	v := l.values(vals)
	l.snippet.write(b, &v)
}

// withFallback returns vals with every empty value replaced by its
// fallback.
func withFallback(vals, fallback *[numTokens]string) [numTokens]string {
	out := *vals
	for t := literal + 1; t < numTokens; t++ {
		if out[t] == "" {
			out[t] = fallback[t]
		}
	}
	return out
}

// slotKind says when a section of a document is written.
type slotKind uint8

const (
	slotFixed       slotKind = iota // always
	slotReason                      // unless empty; replaced by a reason detail
	slotDoorOpen                    // with Options.KeepDoorOpen
	slotShortNotice                 // with Options.ShortNotice
	slotLateReply                   // with Options.LateReply
)

// slotKinds maps the reserved section names of the data to their kinds;
// every other section is fixed.
var slotKinds = map[string]slotKind{
	"reason":       slotReason,
	"door_open":    slotDoorOpen,
	"short_notice": slotShortNotice,
	"late_reply":   slotLateReply,
}

func (k slotKind) String() string {
	for name, kind := range slotKinds {
		if kind == k {
			return name
		}
	}
	return "fixed"
}

// slot is one named section of a document.
type slot struct {
	name string
	kind slotKind
	text snippet
}

// document is a multi-paragraph text (a body, a call script): paragraphs of
// slots. The slots written in a paragraph are joined with a space, and the
// paragraphs that have any with a blank line.
type document struct {
	paras    [][]slot
	fallback [numTokens]string
	lits     int // literal bytes of every slot plus separators: an upper bound
	uses     [numTokens]int
}

const paragraphBreak = "\n\n"

// reasonDetail is the caller's own reason sentence, prepared once per
// render.
type reasonDetail struct {
	text   string
	period bool // append a full stop
}

// size returns an upper bound of the length of the document filled with
// vals.
func (d *document) size(vals *[numTokens]string, rd *reasonDetail) int {
	v := withFallback(vals, &d.fallback)
	n := d.lits + len(rd.text) + 1
	for t := literal + 1; t < numTokens; t++ {
		n += d.uses[t] * len(v[t])
	}
	return n
}

// write appends the document filled with vals to b. With vals nil it writes
// the {{token}} source instead.
func (d *document) write(b *textBuf, vals *[numTokens]string, o Options, rd *reasonDetail) {
	var v [numTokens]string
	if vals != nil {
		v = withFallback(vals, &d.fallback)
	}
	first := true
	for _, para := range d.paras {
		open := false
		for i := range para {
			s := &para[i]
			detail := false
			switch s.kind {
			case slotReason:
				detail = rd.text != ""
				if !detail && len(s.text.segs) == 0 {
					continue
				}
			case slotDoorOpen:
				if !o.KeepDoorOpen {
					continue
				}
			case slotShortNotice:
				if !o.ShortNotice {
					continue
				}
			case slotLateReply:
				if !o.LateReply {
					continue
				}
			}
			switch {
			case open:
				b.WriteByte(' ')
			case !first:
				b.WriteString(paragraphBreak)
			}
			first, open = false, true
			switch {
			case detail:
				b.WriteString(rd.text)
				if rd.period {
					b.WriteByte('.')
				}
			case vals == nil:
				b.WriteString(s.text.src)
			default:
				s.text.write(b, &v)
			}
		}
	}
}

// source returns the document in {{token}} form as it reads by default:
// with its door-open sentence, without the optional sentences.
func (d *document) source() string {
	var b textBuf
	d.write(&b, nil, Options{KeepDoorOpen: true}, &reasonDetail{})
	return b.String()
}

// add appends a slot to the last paragraph, or to a new one.
func (d *document) add(newParagraph bool, s slot) {
	if newParagraph || len(d.paras) == 0 {
		d.paras = append(d.paras, nil)
		if len(d.paras) > 1 {
			d.lits += len(paragraphBreak)
		}
	} else {
		d.lits++ // the joining space
	}
	last := len(d.paras) - 1
	d.paras[last] = append(d.paras[last], s)
	d.lits += s.text.lits
	for t := range s.text.uses {
		d.uses[t] += s.text.uses[t]
	}
}

// compiledMessage is the compiled form of a follow-up message.
type compiledMessage struct {
	subject line
	body    document
}
