package review

import (
	"slices"
	"strings"
	"testing"
)

// TestStringSet checks that a stringSet holds its words, once each and in
// sorted order, and finds nothing else.
func TestStringSet(t *testing.T) {
	lx, err := loadLexicon(lexiconYAML)
	if err != nil {
		t.Fatal(err)
	}
	sets := map[string][]string{
		"small":     {"van", "de", "der", "von", "de", "", "la", "ab", "abc", "über"},
		"empty":     nil,
		"particles": members(&lx.particles),
		"keywords":  members(&lx.phKeywords),
	}
	for name, words := range sets {
		s := newStringSet(words)
		want := slices.Compact(slices.Sorted(slices.Values(words)))
		if got := members(&s); !slices.Equal(got, want) {
			t.Errorf("%s: members %q, want %q", name, got, want)
		}
		for _, w := range want {
			if !s.has([]byte(w)) {
				t.Errorf("%s: has(%q) = false, want true", name, w)
			}
			for _, other := range []string{w + "x", "x" + w, strings.ToUpper(w), w[:len(w)/2]} {
				if !slices.Contains(want, other) && s.has([]byte(other)) {
					t.Errorf("%s: has(%q) = true, want false", name, other)
				}
			}
		}
		if s.has([]byte("zz")) {
			t.Errorf("%s: has(%q) = true, want false", name, "zz")
		}
	}
	var b stringSetBuilder
	if !b.add("b") || b.add("a") || b.add("b") || !b.add("c") {
		t.Error("stringSetBuilder.add accepts a word out of order or twice, or refuses one in order")
	}
}

// members returns the members of s in order.
func members(s *stringSet) []string {
	var ws []string
	for i := range s.len() {
		ws = append(ws, s.member(i))
	}
	return ws
}
