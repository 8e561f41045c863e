package library

import "unsafe"

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

// line is a snippet rendered on its own (a subject, a connection note),
// with the fallbacks of the output it belongs to.
type line struct {
	snippet
	fallback uint32 // index into code.fallbacks
}

func (l *line) values(c *code, vals *[numTokens]string) [numTokens]string {
	return withFallback(vals, &c.fallbacks[l.fallback])
}

func (l *line) size(c *code, vals *[numTokens]string) int {
	v := l.values(c, vals)
	return l.snippet.size(&v)
}

func (l *line) write(b *textBuf, c *code, vals *[numTokens]string) {
	v := l.values(c, vals)
	l.snippet.write(b, c, &v)
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
	name span // in code.text
	kind slotKind
	// para is set on the first slot of each paragraph.
	para bool
	text snippet
}

// document is a multi-paragraph text (a body, a call script): paragraphs of
// slots. The slots written in a paragraph are joined with a space, and the
// paragraphs that have any with a blank line. The slots of all paragraphs
// are a span of code.slots, in order, the first of each paragraph marked.
type document struct {
	slots    span
	fallback uint32 // index into code.fallbacks
	lits     uint32 // literal bytes of every slot plus separators: an upper bound
	uses     [numTokens]uint32
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
func (d *document) size(c *code, vals *[numTokens]string, rd *reasonDetail) int {
	v := withFallback(vals, &c.fallbacks[d.fallback])
	n := int(d.lits) + len(rd.text) + 1
	for t := literal + 1; t < numTokens; t++ {
		n += int(d.uses[t]) * len(v[t])
	}
	return n
}

// write appends the document of c filled with vals to b. With vals nil it
// writes the {{token}} source instead.
func (d *document) write(b *textBuf, c *code, vals *[numTokens]string, o Options, rd *reasonDetail) {
	var v [numTokens]string
	if vals != nil {
		v = withFallback(vals, &c.fallbacks[d.fallback])
	}
	slots := c.slots[d.slots.start:d.slots.end]
	first, open := true, false
	for i := range slots {
		s := &slots[i]
		if s.para {
			open = false
		}
		detail := false
		switch s.kind {
		case slotReason:
			detail = rd.text != ""
			if !detail && s.text.segs.empty() {
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
			b.WriteString(s.text.src.in(c.text))
		default:
			s.text.write(b, c, &v)
		}
	}
}

// source returns the document of c in {{token}} form as it reads by
// default: with its door-open sentence, without the optional sentences.
func (d *document) source(c *code) string {
	var b textBuf
	d.write(&b, c, nil, Options{KeepDoorOpen: true}, &reasonDetail{})
	return b.String()
}

// add appends a slot to the last paragraph, or to a new one. The document's
// slots must be the last in c.slots.
func (d *document) add(c *code, newParagraph bool, s slot) {
	switch {
	case d.slots.empty():
		d.slots.start = uint32(len(c.slots))
		s.para = true
	case newParagraph:
		s.para = true
		d.lits += uint32(len(paragraphBreak))
	default:
		d.lits++ // the joining space
	}
	c.slots = append(c.slots, s)
	d.slots.end = uint32(len(c.slots))
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

// outputs is the compiled form of a template: its texts, in the code of
// its library. It holds no pointers.
type outputs struct {
	subject  line // set with hasSubject (email)
	body     document
	notes    span // the connection notes in code.lines (LinkedIn)
	followUp compiledMessage
	// hasSubject and hasFollowUp say whether the template has a subject
	// line and a follow-up message (phone).
	hasSubject, hasFollowUp bool
}
