package library

import (
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"
)

// token identifies a placeholder inside a compiled segment list. The set is
// fixed because each token is filled from a field of Values; the data
// describes them (label, limits, example, fallback) in placeholders.yaml.
type token uint8

const (
	literal token = iota
	tokRecruiterName
	tokCompany
	tokPosition
	tokCandidateName
	numTokens
)

// tokenKeys holds the data key of every token.
var tokenKeys = [numTokens]string{
	tokRecruiterName: "recruiter_name",
	tokCompany:       "company",
	tokPosition:      "position",
	tokCandidateName: "candidate_name",
}

// tokenByKey returns the token whose data key is key.
func tokenByKey(key string) (token, bool) {
	for t := literal + 1; t < numTokens; t++ {
		if tokenKeys[t] == key {
			return t, true
		}
	}
	return literal, false
}

// registry is the validated placeholder registry of one language.
type registry struct {
	list     []Placeholder
	byToken  [numTokens]int // index into list
	labels   map[string]token
	fallback [numTokens]string
	known    string // the accepted spellings, for error messages
}

// newRegistry validates the placeholders of a placeholders.yaml file and
// indexes them. It reports every problem it finds.
func newRegistry(file string, data []placeholderData) (*registry, []string) {
	var problems []string
	bad := func(format string, args ...any) {
		problems = append(problems, file+": "+fmt.Sprintf(format, args...))
	}
	reg := &registry{labels: make(map[string]token)}
	seen := [numTokens]bool{}
	for _, p := range data {
		tok, ok := tokenByKey(p.Key)
		if !ok {
			bad("unknown placeholder key %q (known: %s)", p.Key, strings.Join(tokenKeys[1:], ", "))
			continue
		}
		if seen[tok] {
			bad("placeholder %s is defined more than once", p.Key)
			continue
		}
		seen[tok] = true
		switch {
		case strings.TrimSpace(p.Label) == "":
			bad("placeholder %s: label is empty", p.Key)
		case !strings.HasPrefix(p.Label, "[") || !strings.HasSuffix(p.Label, "]"):
			bad("placeholder %s: label %q is not in [Bracket Form]", p.Key, p.Label)
		}
		if strings.TrimSpace(p.Description) == "" {
			bad("placeholder %s: description is empty", p.Key)
		}
		if strings.TrimSpace(p.Example) == "" {
			bad("placeholder %s: example is empty", p.Key)
		}
		if p.MaxLength <= 0 {
			bad("placeholder %s: max_length must be positive", p.Key)
		} else if utf8.RuneCountInString(p.Example) > p.MaxLength {
			bad("placeholder %s: example is longer than max_length", p.Key)
		}
		if p.Required && p.Fallback != "" {
			bad("placeholder %s: a required placeholder has no fallback", p.Key)
		}
		if !p.Required && strings.TrimSpace(p.Fallback) == "" {
			bad("placeholder %s: an optional placeholder needs a fallback", p.Key)
		}
		label := normalizeLabel(strings.TrimSuffix(strings.TrimPrefix(p.Label, "["), "]"))
		if other, dup := reg.labels[label]; dup {
			bad("placeholders %s and %s share the label %q", tokenKeys[other], p.Key, p.Label)
		}
		reg.labels[label] = tok
		reg.byToken[tok] = len(reg.list)
		reg.fallback[tok] = p.Fallback
		reg.list = append(reg.list, Placeholder{
			Key:         p.Key,
			Label:       p.Label,
			Description: p.Description,
			Required:    p.Required,
			MaxLength:   p.MaxLength,
			Example:     p.Example,
			Fallback:    p.Fallback,
		})
	}
	for t := literal + 1; t < numTokens; t++ {
		if !seen[t] {
			bad("placeholder %s is missing", tokenKeys[t])
		}
	}
	if len(problems) > 0 {
		return nil, problems
	}
	var tokens, labels []string
	for _, p := range reg.list {
		tokens = append(tokens, "{{"+p.Key+"}}")
		labels = append(labels, p.Label)
	}
	reg.known = strings.Join(tokens, ", ") + " or " + strings.Join(labels, ", ")
	return reg, nil
}

// placeholder returns the registry entry of tok.
func (r *registry) placeholder(tok token) Placeholder {
	return r.list[r.byToken[tok]]
}

// label returns the token whose bracket label is inner (the text between
// the brackets), ignoring case, spacing and the kind of apostrophe.
func (r *registry) label(inner string) (token, bool) {
	tok, ok := r.labels[normalizeLabel(inner)]
	return tok, ok
}

// normalizeLabel folds case, runs of white space and curly apostrophes so
// that "Recruiter’s  name" matches "Recruiter's Name".
func normalizeLabel(s string) string {
	s = strings.ReplaceAll(s, "’", "'")
	return strings.ToLower(strings.Join(strings.Fields(s), " "))
}

// labelConnectors are the small words a Title Case placeholder label may
// keep in lower case, as in "[Name of Company]".
var labelConnectors = map[string]bool{
	"a": true, "an": true, "and": true, "at": true, "for": true, "in": true,
	"of": true, "or": true, "the": true, "to": true,
}

// looksLikePlaceholder reports whether the text between square brackets
// reads like an unfilled placeholder label such as "Hiring Manager" or
// "Date": a few Title Case words and nothing else. Footnotes ("1"), editorial
// marks ("sic") and sentences in brackets do not.
func looksLikePlaceholder(inner string) bool {
	words := strings.Fields(inner)
	if len(words) == 0 || len(words) > 6 || utf8.RuneCountInString(inner) > 40 {
		return false
	}
	for i, w := range words {
		for _, r := range w {
			if !unicode.IsLetter(r) && !unicode.IsDigit(r) && !strings.ContainsRune("'’-/.&", r) {
				return false
			}
		}
		first, _ := utf8.DecodeRuneInString(w)
		if unicode.IsUpper(first) || (i > 0 && labelConnectors[w]) {
			continue
		}
		return false
	}
	return true
}
