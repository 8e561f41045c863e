package encode

import (
	"slices"
	"strings"
)

// Mailto returns an RFC 6068 mailto: URI that opens a new message to to
// (which may be empty) with the given subject and body. Every byte outside
// RFC 3986's unreserved set is percent-encoded as UTF-8, so spaces are %20
// and line breaks, normalised to CRLF, are %0D%0A.
func Mailto(to, subject, body string) string {
	n := len("mailto:?subject=&body=") + len(to) + 3*(len(subject)+len(body)+strings.Count(body, "\n"))
	return string(AppendMailto(make([]byte, 0, n), to, subject, body))
}

// AppendMailto appends Mailto(to, subject, body) to dst.
func AppendMailto(dst []byte, to, subject, body string) []byte {
	dst = append(dst, "mailto:"...)
	dst = appendEscaped(dst, to, true)
	sep := byte('?')
	if subject != "" {
		dst = append(dst, sep)
		dst = append(dst, "subject="...)
		dst = appendEscaped(dst, subject, false)
		sep = '&'
	}
	if body != "" {
		dst = append(dst, sep)
		dst = append(dst, "body="...)
		dst = appendEscapedLines(dst, body)
	}
	return dst
}

const hexDigits = "0123456789ABCDEF"

// appendEscaped percent-encodes s; in an address, "@" stays as it is. The
// room for the worst case is made first, so bytes are stored, not appended.
func appendEscaped(dst []byte, s string, address bool) []byte {
	n := len(dst)
	dst = slices.Grow(dst, 3*len(s))
	buf := dst[:cap(dst)]
	for i := 0; i < len(s); i++ {
		c := s[i]
		if unreserved[c] || (address && c == '@') {
			buf[n] = c
			n++
			continue
		}
		buf[n], buf[n+1], buf[n+2] = '%', hexDigits[c>>4], hexDigits[c&15]
		n += 3
	}
	return buf[:n]
}

// appendEscapedLines percent-encodes s with every line break (LF, CR or
// CRLF) as an encoded CRLF, as crlf then appendEscaped would.
func appendEscapedLines(dst []byte, s string) []byte {
	n := len(dst)
	dst = slices.Grow(dst, 6*len(s)) // a lone LF or CR becomes six bytes
	buf := dst[:cap(dst)]
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case unreserved[c]:
			buf[n] = c
			n++
			continue
		case c == '\r' && i+1 < len(s) && s[i+1] == '\n':
			i++
			fallthrough
		case c == '\r' || c == '\n':
			n += copy(buf[n:], "%0D%0A")
		default:
			buf[n], buf[n+1], buf[n+2] = '%', hexDigits[c>>4], hexDigits[c&15]
			n += 3
		}
	}
	return buf[:n]
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
