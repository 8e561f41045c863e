package review

import (
	"strings"
	"testing"
)

// wordsOf returns the words of lx by their text.
func wordsOf(t *testing.T, lx *lexicon) map[string]*wordInfo {
	t.Helper()
	words := make(map[string]*wordInfo, len(lx.byID))
	for id := range lx.byID {
		words[lx.word(int32(id))] = &lx.byID[id]
	}
	if len(words) != len(lx.byID) {
		t.Fatalf("the lexicon's %d words hold %d distinct ones", len(lx.byID), len(words))
	}
	return words
}

// TestWordTable checks that the tokenizer's word index agrees with the
// lexicon's words on every word, and finds nothing else.
func TestWordTable(t *testing.T) {
	lx, err := loadLexicon(lexiconYAML)
	if err != nil {
		t.Fatal(err)
	}
	words := wordsOf(t, lx)
	for w, want := range words {
		wi, id, plain := lx.index.find([]byte(w))
		if wi != want || id != want.id {
			t.Errorf("find(%q) = %p, %d, want %p, %d", w, wi, id, want, want.id)
		}
		if wantPlain := want.spell == 0 && want.expansion.n == 0 && !want.abbrev; plain != wantPlain {
			t.Errorf("find(%q) plain = %v, want %v", w, plain, wantPlain)
		}
		for _, other := range []string{w + "x", "x" + w, w[:len(w)-1], strings.ToUpper(w)} {
			if words[other] == nil && lx.index.lookup([]byte(other)) != nil {
				t.Errorf("lookup(%q) found a word the lexicon does not hold", other)
			}
		}
	}
	for _, w := range []string{"", "zzzz", strings.Repeat("a", 70000)} {
		if wi, id, plain := lx.index.find([]byte(w)); wi != nil || id != -1 || !plain {
			t.Errorf("find(%.20q) = %p, %d, %v, want nil, -1, true", w, wi, id, plain)
		}
	}
}

// TestSlotShort checks that the tokenizer's lookup of a short word by its
// packed bytes finds what the lookup by the bytes themselves finds.
func TestSlotShort(t *testing.T) {
	lx, err := loadLexicon(lexiconYAML)
	if err != nil {
		t.Fatal(err)
	}
	words := []string{"zzzz", "qx", "a1b2c3d"}
	for w := range wordsOf(t, lx) {
		words = append(words, w)
	}
	for _, w := range words {
		if len(w) >= 8 {
			continue
		}
		_, head := wordKey(w)
		if got, want := lx.index.slotShort(len(w), head), lx.index.slot([]byte(w)); got != want {
			t.Errorf("slotShort(%q) = %+v, want %+v", w, *got, *want)
		}
	}
}

// TestSlotMedium checks that the tokenizer's lookup of a word of eight to
// sixteen bytes by its packed halves finds what the lookup by the bytes
// themselves finds.
func TestSlotMedium(t *testing.T) {
	lx, err := loadLexicon(lexiconYAML)
	if err != nil {
		t.Fatal(err)
	}
	words := []string{"zzzzzzzz", "abcdefghijklmnop", "a1b2c3d4e5"}
	for w := range wordsOf(t, lx) {
		words = append(words, w, w+"s", w[:len(w)-1]+"q")
	}
	for _, w := range words {
		if len(w) < 8 || len(w) > 16 {
			continue
		}
		_, head := wordKey(w)
		if got, want := lx.index.slotMedium(len(w), head, packTail(w)), lx.index.slot([]byte(w)); got != want {
			t.Errorf("slotMedium(%q) = %+v, want %+v", w, *got, *want)
		}
	}
}
