package encode

import (
	"bytes"
	"mime"
	"mime/quotedprintable"
	"net/mail"
	"strings"
	"time"
	"unicode/utf8"
)

// Mail is a message to save as an .eml draft.
type Mail struct {
	// Date is the message date.
	Date time.Time
	// From and To are optional; an empty Address leaves the header out.
	From, To mail.Address
	Subject  string
	Body     string
}

// EML returns m as an RFC 5322 message with CRLF line endings, marked with
// X-Unsent: 1 so that mail clients open it as a draft to edit and send.
// Header text is made one line, with single spaces, and non-ASCII header
// text is encoded per RFC 2047; the body is UTF-8 text,
// quoted-printable when it is not plain short-lined ASCII. Line breaks in
// header values are replaced by spaces, so no value can add a header.
func EML(m Mail) []byte {
	var b bytes.Buffer
	b.Grow(len(m.Body)*2 + 512)
	header(&b, "Date", m.Date.Format(time.RFC1123Z))
	if m.From.Address != "" {
		header(&b, "From", address(m.From))
	}
	if m.To.Address != "" {
		header(&b, "To", address(m.To))
	}
	header(&b, "Subject", mime.QEncoding.Encode("utf-8", oneLine(m.Subject)))
	header(&b, "MIME-Version", "1.0")
	header(&b, "Content-Type", "text/plain; charset=utf-8")
	body := crlf(m.Body)
	if plainASCII(body) {
		header(&b, "Content-Transfer-Encoding", "7bit")
		header(&b, "X-Unsent", "1")
		b.WriteString("\r\n")
		b.WriteString(body)
	} else {
		header(&b, "Content-Transfer-Encoding", "quoted-printable")
		header(&b, "X-Unsent", "1")
		b.WriteString("\r\n")
		w := quotedprintable.NewWriter(&b)
		_, _ = w.Write([]byte(body))
		_ = w.Close()
	}
	if !bytes.HasSuffix(b.Bytes(), []byte("\r\n")) {
		b.WriteString("\r\n")
	}
	return b.Bytes()
}

// address formats a as a header value; net/mail quotes and encodes the
// display name.
func address(a mail.Address) string {
	a.Name = oneLine(a.Name)
	a.Address = oneLine(a.Address)
	return a.String()
}

// header writes "name: value" folded at spaces to lines of at most 78
// characters where it can (RFC 5322, section 2.2.3).
func header(b *bytes.Buffer, name, value string) {
	line := name + ":"
	for _, word := range strings.Fields(value) {
		if len(line)+1+len(word) > 78 && len(line) > len(name)+1 {
			b.WriteString(line)
			b.WriteString("\r\n")
			line = ""
		}
		line += " " + word
	}
	b.WriteString(line)
	b.WriteString("\r\n")
}

// oneLine makes s a single header line: every line break and other control
// character becomes a space, runs of spaces become one, and the ends are
// trimmed.
func oneLine(s string) string {
	return strings.Join(strings.Fields(strings.Map(func(r rune) rune {
		if r < 0x20 || r == 0x7f || r == '\u2028' || r == '\u2029' || r == '\u0085' {
			return ' '
		}
		return r
	}, s)), " ")
}

// plainASCII reports whether s can go as 7bit: ASCII with lines of at most
// 998 characters.
func plainASCII(s string) bool {
	run := 0
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c >= utf8.RuneSelf || c == 0 {
			return false
		}
		if c == '\n' {
			run = 0
			continue
		}
		run++
		if run > 998 {
			return false
		}
	}
	return true
}
