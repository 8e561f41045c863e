package review

import (
	"errors"
	"fmt"
	"strconv"
	"strings"
)

// A phrase in the lexicon is a small pattern over normalised words, not over
// characters: words are lower-cased, curly apostrophes are straightened,
// contractions are expanded ("won't" is "will not") and British spellings are
// mapped to American ones before matching, so one phrase covers all of those
// variants. The syntax:
//
//	word        the word itself
//	word*       any word that starts with "word" (at least three letters)
//	word?       the word, or nothing
//	(a b|c)     either "a b" or "c"; groups nest; "(…)?" makes one optional
//	~N          up to N words of anything (N from 1 to 9)
//	$           the end of a clause or sentence
//	$$          the end of a sentence, or a dash, colon or semicolon
//	^           the start of a clause or sentence (first element only)
//
// A phrase never matches across a sentence boundary. Each phrase is expanded
// at compile time into plain sequences, so matching is a walk over a few
// elements with no backtracking beyond the ~N gaps. The sequences of all
// phrases are merged into one trie (trie.go), so phrases that share a start
// ("not be able to …") are walked once.

// maxExpansions bounds how many plain sequences one phrase may expand to.
const maxExpansions = 4096

type elemKind uint8

const (
	elemWord elemKind = iota
	elemPrefix
	elemGap
	elemEnd
	elemStart
	elemFullEnd
)

type elem struct {
	kind elemKind
	s    string // the word or prefix
	n    int    // the gap's maximum length
}

// phraseParser expands one phrase into its plain sequences.
type phraseParser struct {
	s string
	i int
}

// expandPhrase parses phrase and returns every plain sequence it stands for.
func expandPhrase(phrase string) ([][]elem, error) {
	p := phraseParser{s: phrase}
	seqs, err := p.sequence()
	if err != nil {
		return nil, err
	}
	if p.i < len(p.s) {
		return nil, fmt.Errorf("unexpected %q at offset %d", p.s[p.i], p.i)
	}
	for _, seq := range seqs {
		for k, e := range seq {
			if e.kind == elemStart && k > 0 {
				return nil, errors.New("^ must come first")
			}
		}
		body := seq
		if len(body) > 0 && body[0].kind == elemStart {
			body = body[1:]
		}
		if len(body) == 0 {
			return nil, errors.New("can match nothing")
		}
		if k := body[0].kind; k != elemWord && k != elemPrefix {
			return nil, errors.New("must start with a word")
		}
	}
	return seqs, nil
}

func (p *phraseParser) skipSpace() {
	for p.i < len(p.s) && p.s[p.i] == ' ' {
		p.i++
	}
}

// sequence parses items up to a ')' or '|' or the end.
func (p *phraseParser) sequence() ([][]elem, error) {
	out := [][]elem{{}}
	for {
		p.skipSpace()
		if p.i >= len(p.s) || p.s[p.i] == ')' || p.s[p.i] == '|' {
			return out, nil
		}
		alts, err := p.item()
		if err != nil {
			return nil, err
		}
		if len(out)*len(alts) > maxExpansions {
			return nil, fmt.Errorf("expands to more than %d sequences", maxExpansions)
		}
		next := make([][]elem, 0, len(out)*len(alts))
		for _, head := range out {
			for _, tail := range alts {
				seq := make([]elem, 0, len(head)+len(tail))
				seq = append(append(seq, head...), tail...)
				next = append(next, seq)
			}
		}
		out = next
	}
}

// item parses a group or a single word and returns its alternatives.
func (p *phraseParser) item() ([][]elem, error) {
	if p.s[p.i] == '(' {
		p.i++
		var alts [][]elem
		for {
			seqs, err := p.sequence()
			if err != nil {
				return nil, err
			}
			alts = append(alts, seqs...)
			if p.i >= len(p.s) {
				return nil, errors.New("unclosed group")
			}
			if p.s[p.i] == '|' {
				p.i++
				continue
			}
			p.i++ // ')'
			break
		}
		if p.i < len(p.s) && p.s[p.i] == '?' {
			p.i++
			alts = append(alts, nil)
		}
		return alts, nil
	}
	start := p.i
	for p.i < len(p.s) && !strings.ContainsRune(" ()|", rune(p.s[p.i])) {
		p.i++
	}
	w := p.s[start:p.i]
	optional := false
	if len(w) > 1 && strings.HasSuffix(w, "?") {
		optional, w = true, w[:len(w)-1]
	}
	var e elem
	switch {
	case w == "$":
		e = elem{kind: elemEnd}
	case w == "$$":
		e = elem{kind: elemFullEnd}
	case w == "^":
		e = elem{kind: elemStart}
	case strings.HasPrefix(w, "~"):
		n, err := strconv.Atoi(w[1:])
		if err != nil || n < 1 || n > 9 {
			return nil, fmt.Errorf("bad gap %q", w)
		}
		e = elem{kind: elemGap, n: n}
	case strings.HasSuffix(w, "*"):
		w = w[:len(w)-1]
		if len(w) < 3 {
			return nil, fmt.Errorf("prefix %q is shorter than three letters", w)
		}
		if err := checkWord(w); err != nil {
			return nil, err
		}
		e = elem{kind: elemPrefix, s: w}
	default:
		if err := checkWord(w); err != nil {
			return nil, err
		}
		e = elem{kind: elemWord, s: w}
	}
	if optional {
		return [][]elem{{e}, nil}, nil
	}
	return [][]elem{{e}}, nil
}

// checkWord rejects words that normalisation would never produce.
func checkWord(w string) error {
	if w == "" {
		return errors.New("empty word")
	}
	for _, r := range w {
		switch {
		case r >= 'a' && r <= 'z', r >= '0' && r <= '9':
		case r == '\'':
			return fmt.Errorf("word %q has an apostrophe: write contractions expanded", w)
		default:
			if r < 0x80 {
				return fmt.Errorf("word %q has %q: write lower-case words only", w, r)
			}
		}
	}
	return nil
}

// span is a run of tokens [s, e) that a phrase matched.
type span struct{ s, e int }
