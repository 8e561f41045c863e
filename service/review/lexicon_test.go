package review

import (
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestEmbeddedLexiconLoads(t *testing.T) {
	lx, err := loadLexicon(lexiconYAML)
	if err != nil {
		t.Fatal(err)
	}
	if lx.phrases.nodes < 1000 || len(lx.closings) < 20 {
		t.Errorf("lexicon has %d trie nodes and %d closings; is the data truncated?", lx.phrases.nodes, len(lx.closings))
	}
}

func TestExpandPhrase(t *testing.T) {
	tests := []struct {
		give string
		want []string
	}{
		{"thank you", []string{"thank you"}},
		{"(must|have to) decline", []string{"must decline", "have to decline"}},
		{"not (be)? able", []string{"not be able", "not able"}},
		{"respectfully? decline", []string{"respectfully decline", "decline"}},
		{"turn ~3 down $", []string{"turn ~3 down $"}},
		{"withdr*", []string{"withdr*"}},
		{"(a (b|c))? d", []string{"a b d", "a c d", "d"}},
		{"^ (so)? no $$", []string{"^ so no $$", "^ no $$"}},
	}
	for _, tc := range tests {
		seqs, err := expandPhrase(tc.give)
		if err != nil {
			t.Errorf("expandPhrase(%q) error: %v", tc.give, err)
			continue
		}
		var got []string
		for _, seq := range seqs {
			var words []string
			for _, e := range seq {
				switch e.kind {
				case elemWord:
					words = append(words, e.s)
				case elemPrefix:
					words = append(words, e.s+"*")
				case elemGap:
					words = append(words, "~"+string(rune('0'+e.n)))
				case elemEnd:
					words = append(words, "$")
				case elemFullEnd:
					words = append(words, "$$")
				case elemStart:
					words = append(words, "^")
				}
			}
			got = append(got, strings.Join(words, " "))
		}
		if diff := cmp.Diff(tc.want, got); diff != "" {
			t.Errorf("expandPhrase(%q) (-want +got):\n%s", tc.give, diff)
		}
	}
}

func TestBrokenLexicon(t *testing.T) {
	valid := string(lexiconYAML)
	tests := []struct {
		name, old, new, want string
	}{
		{"unknown field", "contractions:", "contraction:", "field contraction not found"},
		{"unknown category", "  gratitude:\n", "  gratitude:\n    - thank*\n  gratefulness:\n", "unknown phrase category"},
		{"unclosed group", "    - grateful*\n", "    - (grateful*\n", "unclosed group"},
		{"contraction in a phrase", "    - grateful*\n", "    - don't\n", "apostrophe"},
		{"british spelling in a phrase", "    - grateful*\n", "    - honour\n", "never seen after normalisation"},
		{"capitals in a phrase", "    - grateful*\n", "    - Grateful\n", "lower-case"},
		{"short prefix", "    - grateful*\n", "    - gr*\n", "shorter than three"},
		{"starts with a gap", "    - grateful*\n", "    - ~2 thanks\n", "must start with a word"},
		{"bad gap", "    - grateful*\n", "    - thanks ~0\n", "bad gap"},
		{"start not first", "    - grateful*\n", "    - thanks ^ again\n", "^ must come first"},
		{"missing category", "  greeting:\n    - dear\n", "", `"greeting" is missing`},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			broken := strings.Replace(valid, tc.old, tc.new, 1)
			if broken == valid {
				t.Fatalf("the test's edit %q does not apply", tc.old)
			}
			_, err := loadLexicon([]byte(broken))
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Errorf("loadLexicon(broken %s) = %v, want an error containing %q", tc.name, err, tc.want)
			}
		})
	}
}
