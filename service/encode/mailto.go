package encode

import "strings"

// Mailto returns an RFC 6068 mailto: URI that opens a new message to to
// (which may be empty) with the given subject and body. Every byte outside
// RFC 3986's unreserved set is percent-encoded as UTF-8, so spaces are %20
// and line breaks, normalised to CRLF, are %0D%0A.
func Mailto(to, subject, body string) string {
	var b strings.Builder
	b.Grow(len("mailto:?subject=&body=") + len(to) + 3*(len(subject)+len(body)+strings.Count(body, "\n")))
	b.WriteString("mailto:")
	escape(&b, to, true)
	sep := byte('?')
	if subject != "" {
		b.WriteByte(sep)
		b.WriteString("subject=")
		escape(&b, subject, false)
		sep = '&'
	}
	if body != "" {
		b.WriteByte(sep)
		b.WriteString("body=")
		escape(&b, crlf(body), false)
	}
	return b.String()
}

const hexDigits = "0123456789ABCDEF"

// escape percent-encodes s; in an address, "@" stays as it is. Runs of
// unreserved bytes are copied in one go.
func escape(b *strings.Builder, s string, address bool) {
	start := 0
	for i := 0; i < len(s); i++ {
		c := s[i]
		if unreserved[c] || (address && c == '@') {
			continue
		}
		b.WriteString(s[start:i])
		b.Write([]byte{'%', hexDigits[c>>4], hexDigits[c&15]})
		start = i + 1
	}
	b.WriteString(s[start:])
}

// unreserved marks RFC 3986's unreserved characters.
var unreserved = func() (t [256]bool) {
	for c := 0; c < 256; c++ {
		t[c] = 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' ||
			c == '-' || c == '.' || c == '_' || c == '~'
	}
	return t
}()

// crlf normalises every line break (LF, CR or CRLF) to CRLF.
func crlf(s string) string {
	if !strings.ContainsAny(s, "\r\n") {
		return s
	}
	var b strings.Builder
	b.Grow(len(s) + strings.Count(s, "\n"))
	for i := 0; i < len(s); i++ {
		switch s[i] {
		case '\r':
			if i+1 < len(s) && s[i+1] == '\n' {
				i++
			}
			b.WriteString("\r\n")
		case '\n':
			b.WriteString("\r\n")
		default:
			b.WriteByte(s[i])
		}
	}
	return b.String()
}
