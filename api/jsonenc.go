package api

import (
	"encoding/binary"
	"math/bits"
	"net/http"
	"strconv"
	"sync"
	"unicode/utf8"
	"unsafe"

	"github.com/labstack/echo/v4"

	"github.com/declinekit/declinekit/service/encode"
)

// writeJSON answers 200 with the JSON that appendTo writes, built in a
// pooled buffer: the answer has been written out when Write returns, so the
// buffer can serve the next request. Oversized buffers are let go. The
// headers are set from prepared values; a body of 2 KB or more gets its
// Content-Length here, which spares net/http from chunking it, and a
// shorter one from net/http (see autoLengthLimit).
func writeJSON(c echo.Context, appendTo func([]byte) []byte) error {
	buf := bufPool.Get().(*[]byte)
	*buf = appendTo((*buf)[:0])
	res := c.Response()
	h := res.Header()
	h[echo.HeaderContentType] = hdrJSON
	if len(*buf) >= autoLengthLimit {
		h[echo.HeaderContentLength] = lengthValue(len(*buf))
	}
	res.WriteHeader(http.StatusOK)
	_, err := res.Write(*buf)
	if cap(*buf) <= 64<<10 {
		bufPool.Put(buf)
	}
	return err
}

var hdrJSON = []string{echo.MIMEApplicationJSON}

// lengthValue returns n as a header value, the digits and the slice in one
// allocation.
func lengthValue(n int) []string {
	h := new(struct {
		v [1]string
		b [20]byte
	})
	b := strconv.AppendInt(h.b[:0], int64(n), 10)
	h.v[0] = unsafe.String(&b[0], len(b))
	return h.v[:]
}

var bufPool = sync.Pool{New: func() any {
	b := make([]byte, 0, 8<<10)
	return &b
}}

// This file writes the JSON of the hot responses by hand, byte for byte what
// encoding/json writes for the same DTOs (a test holds it to that), without
// reflection and into one buffer.

const hexLower = "0123456789abcdef"

// jsonSafe marks the ASCII bytes a JSON string can hold as they are, with
// encoding/json's HTML escaping: not control characters, '"', '\\', '<',
// '>' or '&'.
var jsonSafe = func() (t [utf8.RuneSelf]bool) {
	for b := 0x20; b < utf8.RuneSelf; b++ {
		t[b] = b != '"' && b != '\\' && b != '<' && b != '>' && b != '&'
	}
	return t
}()

// appendString appends s as a JSON string the way encoding/json does with
// HTML escaping on: <, > and & as \u003c, \u003e and \u0026, U+2028 and
// U+2029 escaped, invalid UTF-8 as \ufffd.
func appendString(dst []byte, s string) []byte {
	dst = append(dst, '"')
	dst = appendEscaped(dst, s, false)
	return append(dst, '"')
}

// htmlInJSON are the five characters html.EscapeString replaces, as the
// JSON of their replacements: what appendEscaped writes for them in HTML
// text.
var htmlInJSON = [utf8.RuneSelf]string{
	'<': `\u0026lt;`, '>': `\u0026gt;`, '&': `\u0026amp;`, '\'': `\u0026#39;`, '"': `\u0026#34;`,
}

// appendEscaped appends the inside of appendString(s): s escaped, without
// the quotes. With html, s is text going into HTML, and it is written as
// appendString(html.EscapeString(s)) would write it, in one pass.
func appendEscaped(dst []byte, s string, html bool) []byte {
	start := 0
	raw := unsafe.Slice(unsafe.StringData(s), len(s))
	var apos uint64 // with html, the ' byte in each lane, which HTML escapes too
	if html {
		apos = 0x0101010101010101 * '\''
	}
	for i := 0; i < len(s); {
		// Skip eight plain bytes at a time: most text needs no escaping.
		// Otherwise go straight to the first byte that may need it.
		if i+8 <= len(s) {
			x := binary.LittleEndian.Uint64(raw[i:])
			m := escapeMask(x)
			if html {
				y := x ^ apos
				m |= (y - 0x0101010101010101) &^ y & 0x8080808080808080
			}
			if m == 0 {
				i += 8
				continue
			}
			i += bits.TrailingZeros64(m) / 8
		}
		if b := s[i]; b < utf8.RuneSelf {
			if html && htmlInJSON[b] != "" {
				dst = append(dst, s[start:i]...)
				dst = append(dst, htmlInJSON[b]...)
				i++
				start = i
				continue
			}
			if jsonSafe[b] {
				i++
				continue
			}
			dst = append(dst, s[start:i]...)
			switch b {
			case '\\', '"':
				dst = append(dst, '\\', b)
			case '\b':
				dst = append(dst, '\\', 'b')
			case '\f':
				dst = append(dst, '\\', 'f')
			case '\n':
				dst = append(dst, '\\', 'n')
			case '\r':
				dst = append(dst, '\\', 'r')
			case '\t':
				dst = append(dst, '\\', 't')
			default:
				dst = append(dst, '\\', 'u', '0', '0', hexLower[b>>4], hexLower[b&0xF])
			}
			i++
			start = i
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && size == 1 {
			dst = append(dst, s[start:i]...)
			dst = append(dst, `\ufffd`...)
			i += size
			start = i
			continue
		}
		if r == '\u2028' || r == '\u2029' {
			dst = append(dst, s[start:i]...)
			dst = append(dst, '\\', 'u', '2', '0', '2', hexLower[r&0xF])
			i += size
			start = i
			continue
		}
		i += size
	}
	return append(dst, s[start:]...)
}

// htmlJSON writes the HTML form of a text straight as the inside of a JSON
// string: markup and text escaped for JSON, the text escaped for HTML
// first, in one pass.
var htmlJSON = encode.HTMLWriter{
	Markup: func(dst []byte, markup string) []byte { return appendEscaped(dst, markup, false) },
	Text:   func(dst []byte, text string) []byte { return appendEscaped(dst, text, true) },
}

// escapeMask flags, in the top bit of each byte, the bytes of x (eight bytes
// of a string, the first lowest) that appendString cannot copy as they
// are: a control character, '"', '\\', '<', '>', '&', or part of a
// multi-byte character (checked by the slow path). The tests are the
// classic word-at-a-time ones for a zero byte and a byte below a bound,
// whose lowest flagged byte is always exact (higher ones may be false
// alarms, which the slow path sorts out); '<' and '>' differ only in
// bit 1, and '"' and '&' only in bit 2, so setting that bit lets one test
// find either.
func escapeMask(x uint64) uint64 {
	const lo, hi = 0x0101010101010101, 0x8080808080808080
	bs := x ^ (lo * '\\')
	gt := (x | lo*2) ^ (lo * '>')
	amp := (x | lo*4) ^ (lo * '&')
	return ((x-lo*0x20)&^x | (bs-lo)&^bs | (gt-lo)&^gt | (amp-lo)&^amp | x) & hi
}

// appendField appends `"name":` after a comma unless first.
func appendKey(dst []byte, key string, first bool) []byte {
	if !first {
		dst = append(dst, ',')
	}
	dst = append(dst, '"')
	dst = append(dst, key...)
	return append(dst, '"', ':')
}

func appendInt(dst []byte, n int) []byte { return strconv.AppendInt(dst, int64(n), 10) }
