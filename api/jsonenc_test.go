package api

import (
	"encoding/binary"
	"encoding/json"
	"math/bits"
	"math/rand/v2"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/declinekit/declinekit/service/encode"
)

// FuzzAppendString holds appendString to encoding/json's string encoding.
func FuzzAppendString(f *testing.F) {
	for _, s := range []string{"", "plain ascii text of some length", "<b>&amp;</b>", "tab\there\nnew", "\x00\x1f\x7f", "é€🚀", "\xff\xfe", "\u2028\u2029", `"quoted" \back`,
		"Dear Dana,\n\nI'm <sorry> & \"done\".\r\nBye\n\n\n", "\xe2\n\x80\xa8 it's 'quoted' twice''"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		want, _ := json.Marshal(s)
		if got := appendString(nil, s); string(got) != string(want) {
			t.Fatalf("appendString(%q) = %s, want %s", s, got, want)
		}
		// The HTML form written straight as JSON is the JSON of the HTML.
		html := appendString(nil, encode.HTML(s))
		if got := append(encode.AppendHTMLTo([]byte{'"'}, s, &htmlJSON), '"'); string(got) != string(html) {
			t.Fatalf("the HTML of %q as JSON = %s, want %s", s, got, html)
		}
	})
}

// TestAppendURIString holds the in-place encoding of mailto URIs to
// appendString over the same URI.
func TestAppendURIString(t *testing.T) {
	rng := rand.New(rand.NewPCG(7, 8))
	parts := []string{"a", "&", "&&", "<b>", "\"", "\\", "\n", "\r\n", "é", "\u2028", "\xff", " ", "%20", "?", "=", "@"}
	gen := func() string {
		var b strings.Builder
		for range rng.IntN(10) {
			b.WriteString(parts[rng.IntN(len(parts))])
		}
		return b.String()
	}
	for range 20000 {
		to, subject, body := gen(), gen(), gen()
		uri := encode.Mailto(to, subject, body)
		want := string(appendString([]byte("x"), uri))
		got := string(appendURIString([]byte("x"), func(b []byte) []byte { return encode.AppendMailto(b, to, subject, body) }))
		if got != want {
			t.Fatalf("appendURIString(Mailto(%q, %q, %q)) = %s, want %s", to, subject, body, got, want)
		}
	}
}

// TestEscapeMask puts every byte value at every position of a word of
// plain bytes, and checks the lowest flagged byte is that one.
func TestEscapeMask(t *testing.T) {
	for _, fill := range []byte{'a', ' ', '~', '=', '?', '%', '#'} {
		for v := range 256 {
			b := byte(v)
			want := b >= utf8.RuneSelf || !jsonSafe[b]
			for pos := range 8 {
				var w [8]byte
				for i := range w {
					w[i] = fill
				}
				w[pos] = b
				m := escapeMask(binary.LittleEndian.Uint64(w[:]))
				if got := m != 0; got != want {
					t.Fatalf("escapeMask(%q) = %#x, want a flag: %v", w, m, want)
				}
				if want && bits.TrailingZeros64(m)/8 != pos {
					t.Fatalf("escapeMask(%q) = %#x flags byte %d first, want %d", w, m, bits.TrailingZeros64(m)/8, pos)
				}
			}
		}
	}
}
