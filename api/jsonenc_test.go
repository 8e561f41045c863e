package api

import (
	"encoding/json"
	"testing"
)

// FuzzAppendString holds appendString to encoding/json's string encoding.
func FuzzAppendString(f *testing.F) {
	for _, s := range []string{"", "plain ascii text of some length", "<b>&amp;</b>", "tab\there\nnew", "\x00\x1f\x7f", "é€🚀", "\xff\xfe", "\u2028\u2029", `"quoted" \back`} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		want, _ := json.Marshal(s)
		if got := appendString(nil, s); string(got) != string(want) {
			t.Fatalf("appendString(%q) = %s, want %s", s, got, want)
		}
	})
}
