package compose

import (
	"net/mail"
	"strings"

	"github.com/declinekit/declinekit/service/encode"
	"github.com/declinekit/declinekit/service/library"
)

// HTML returns the body as escaped HTML paragraphs.
func (d *Draft) HTML() string {
	return encode.HTML(d.Body)
}

// AppendHTML appends HTML() to dst as w writes it.
func (d *Draft) AppendHTML(dst []byte, w *encode.HTMLWriter) []byte {
	return encode.AppendHTMLTo(dst, d.Body, w)
}

// Mailto returns a mailto: link that opens the email in a mail client,
// addressed to the recruiter when their email is known: the message itself
// for email, the follow-up for phone. LinkedIn drafts have none.
func (d *Draft) Mailto() string {
	subject, body, ok := d.email()
	if !ok {
		return ""
	}
	return encode.Mailto(d.details.RecruiterEmail, subject, body)
}

// AppendMailto appends Mailto() to dst.
func (d *Draft) AppendMailto(dst []byte) []byte {
	subject, body, ok := d.email()
	if !ok {
		return dst
	}
	return encode.AppendMailto(dst, d.details.RecruiterEmail, subject, body)
}

// Text returns the draft as plain text: the subject line, a blank line and
// the body. For the phone channel the call script comes first, then the
// follow-up email.
func (d *Draft) Text() string {
	var b strings.Builder
	switch {
	case d.FollowUp != nil:
		b.WriteString("Call script\n\n")
		b.WriteString(d.Body)
		b.WriteString("\n\nFollow-up email\n\nSubject: ")
		b.WriteString(d.FollowUp.Subject)
		b.WriteString("\n\n")
		b.WriteString(d.FollowUp.Body)
	case d.Subject != "":
		b.WriteString(d.Subject)
		b.WriteString("\n\n")
		b.WriteString(d.Body)
	default:
		b.WriteString(d.Body)
	}
	if !strings.HasSuffix(b.String(), "\n") {
		b.WriteString("\n")
	}
	return b.String()
}

// HasEmail reports whether the draft has an email form (.eml, mailto):
// email and phone drafts do, LinkedIn ones do not.
func (d *Draft) HasEmail() bool {
	_, _, ok := d.email()
	return ok
}

// EML returns the email as an .eml draft (X-Unsent: 1), dated AsOf, from
// the candidate and to the recruiter where their emails are known. It
// returns nil for a draft without an email form.
func (d *Draft) EML() []byte {
	subject, body, ok := d.email()
	if !ok {
		return nil
	}
	m := encode.Mail{Date: d.asOf, Subject: subject, Body: body}
	if d.details.CandidateEmail != "" {
		m.From = mail.Address{Name: d.details.CandidateName, Address: d.details.CandidateEmail}
	}
	if d.details.RecruiterEmail != "" {
		m.To = mail.Address{Name: d.details.RecruiterName, Address: d.details.RecruiterEmail}
	}
	return encode.EML(m)
}

func (d *Draft) email() (subject, body string, ok bool) {
	switch {
	case d.Channel == library.Email:
		return d.Subject, d.Body, true
	case d.FollowUp != nil:
		return d.FollowUp.Subject, d.FollowUp.Body, true
	}
	return "", "", false
}
