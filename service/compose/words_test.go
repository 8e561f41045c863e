package compose

import (
	"math/rand/v2"
	"strings"
	"testing"
	"unicode/utf8"
)

func TestCountText(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 4))
	parts := []string{"a", "Zoë", "北京", " ", "\t", "\n", "\r\n", "\v", "\f", "\u0085", "\u00a0", "\u2003", "\u3000", "\xff", "\xc3", "-", "'"}
	for range 20000 {
		var b strings.Builder
		for range rng.IntN(12) {
			b.WriteString(parts[rng.IntN(len(parts))])
		}
		s := b.String()
		chars, words := countText(s)
		if want := utf8.RuneCountInString(s); chars != want {
			t.Fatalf("countText(%q) counts %d characters, want %d", s, chars, want)
		}
		if want := len(strings.Fields(s)); words != want {
			t.Fatalf("countText(%q) counts %d words, want %d", s, words, want)
		}
	}
}
