package library

import (
	"slices"
	"strings"
	"unicode/utf8"
)

// Values are the facts a template is filled with. Values are inserted as
// literal text: nothing in them is ever read as a placeholder. Leading and
// trailing white space is ignored.
type Values struct {
	Company       string
	Position      string
	CandidateName string
	// RecruiterName may be empty: the message then addresses the hiring
	// team, or greets "there" where that reads more naturally.
	RecruiterName string
	// ReasonDetail, when set, is the candidate's own reason sentence. It
	// replaces the template's reason (or adds one for the reason None) and
	// gets a full stop when it has no closing punctuation.
	ReasonDetail string
}

// tokens returns the values indexed by token.
func (v Values) tokens() [numTokens]string {
	return [numTokens]string{
		tokRecruiterName: strings.TrimSpace(v.RecruiterName),
		tokCompany:       strings.TrimSpace(v.Company),
		tokPosition:      strings.TrimSpace(v.Position),
		tokCandidateName: strings.TrimSpace(v.CandidateName),
	}
}

// Options switch the optional sentences of a template on or off. The zero
// value leaves out the door-open sentence; most callers want KeepDoorOpen.
type Options struct {
	// KeepDoorOpen includes the sentence asking to hear about future
	// openings.
	KeepDoorOpen bool
	// ShortNotice adds a sentence acknowledging that the interview is less
	// than a day away.
	ShortNotice bool
	// LateReply adds a sentence acknowledging that the reply took some
	// days: it apologizes once for the delay or thanks the recruiter for
	// their patience.
	LateReply bool
}

// Rendered is a template filled with values. Only the fields of the
// template's channel are set.
type Rendered struct {
	// Subject is the email subject line (email only).
	Subject string
	// Body is the message body, or the call script for the phone channel.
	Body string
	// Notes are the LinkedIn connection-note variants, fullest first
	// (LinkedIn only).
	Notes []string
	// FollowUp is the written confirmation to send after a call (phone
	// only).
	FollowUp *Message
}

// newReasonDetail prepares a caller's reason sentence: trimmed, its line
// breaks folded into spaces, and marked for a full stop when it has no
// closing punctuation.
func newReasonDetail(s string) reasonDetail {
	s = strings.TrimSpace(s)
	if s == "" {
		return reasonDetail{}
	}
	if strings.ContainsAny(s, "\r\n\t") {
		s = strings.Join(strings.Fields(s), " ")
	}
	end := strings.TrimRight(s, "\"')]”’")
	r, _ := utf8.DecodeLastRuneInString(end)
	switch r {
	case '.', '!', '?', '…':
		return reasonDetail{text: s}
	}
	return reasonDetail{text: s, period: true}
}

// Render fills the template with v. Every output is written into one
// pre-sized buffer from the segment lists compiled at load time, so a call
// costs a single string allocation plus the Notes slice or the FollowUp
// message where the channel has them.
func (t *Template) Render(v Values, o Options) Rendered {
	r, _ := t.RenderInto(nil, v, o)
	return r
}

// RenderInto is Render writing the text into buf, grown as needed, which
// it returns: the strings of the Rendered share its bytes, so buf may be
// given again only once they are no longer in use.
func (t *Template) RenderInto(buf []byte, v Values, o Options) (Rendered, []byte) {
	c, out := t.code, t.out
	if out == nil {
		// A zero Template has no text.
		return Rendered{}, buf[:0]
	}
	vals := v.tokens()
	rd := newReasonDetail(v.ReasonDetail)
	notes := c.lines[out.notes.start:out.notes.end]

	n := out.body.size(c, &vals, &rd)
	if out.hasSubject {
		n += out.subject.size(c, &vals)
	}
	for i := range notes {
		n += notes[i].size(c, &vals)
	}
	if out.hasFollowUp {
		n += out.followUp.subject.size(c, &vals) + out.followUp.body.size(c, &vals, &reasonDetail{})
	}

	b := textBuf{b: slices.Grow(buf[:0], n)}
	subjectEnd := 0
	if out.hasSubject {
		out.subject.write(&b, c, &vals)
		subjectEnd = b.Len()
	}
	out.body.write(&b, c, &vals, o, &rd)
	bodyEnd := b.Len()
	var noteEnds [maxNotes]int
	for i := range notes {
		notes[i].write(&b, c, &vals)
		noteEnds[i] = b.Len()
	}
	followUpSubjectEnd := b.Len()
	if out.hasFollowUp {
		out.followUp.subject.write(&b, c, &vals)
		followUpSubjectEnd = b.Len()
		out.followUp.body.write(&b, c, &vals, o, &reasonDetail{})
	}
	result := b.String()

	r := Rendered{Subject: result[:subjectEnd], Body: result[subjectEnd:bodyEnd]}
	start := bodyEnd
	if len(notes) > 0 {
		r.Notes = make([]string, len(notes))
		for i := range r.Notes {
			r.Notes[i] = result[start:noteEnds[i]]
			start = noteEnds[i]
		}
	}
	if out.hasFollowUp {
		r.FollowUp = &Message{
			Subject: result[start:followUpSubjectEnd],
			Body:    result[followUpSubjectEnd:],
		}
	}
	return r, b.b
}
