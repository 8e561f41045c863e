package review

import (
	"bytes"
	"strings"
	"unicode"
	"unicode/utf8"
)

// maxLabel is the longest placeholder label looked at, in bytes.
const maxLabel = 80

// placeholders calls found with each template placeholder left in text (one
// line): a bracketed label such as "[Company]" or "[your name]", a
// "{{token}}", a "{Label}", "<Label>" or "<<label>>", a "%MERGE_TAG%", a
// "*|MERGE|*" tag, or "XXX". Markdown links, footnote numbers, "[sic]",
// quoted-text markers and e-mail addresses in angle brackets are not
// placeholders.
func (lx *lexicon) placeholders(text string, found func(string)) {
	for i := 0; i < len(text); i++ {
		for i < len(text) && !placeholderStart[text[i]] {
			i++
		}
		if i == len(text) {
			break
		}
		switch text[i] {
		case '[':
			j := indexWithin(text, i+1, "]", maxLabel)
			if j < 0 {
				continue
			}
			next := byte(0)
			if j+1 < len(text) {
				next = text[j+1]
			}
			switch {
			case next == '(' || next == '[':
				// a markdown link
			case i == 0 && next == ':':
				// a markdown reference definition
			case i > 0 && text[i-1] == '!':
				// a markdown image
			case lx.isLabel(text[i+1 : j]):
				found(text[i : j+1])
			}
			i = j
		case '{':
			if i+1 < len(text) && text[i+1] == '{' {
				if j := indexWithin(text, i+2, "}}", maxLabel); j >= 0 {
					if strings.TrimSpace(text[i+2:j]) != "" {
						found(text[i : j+2])
					}
					i = j + 1
				}
				continue
			}
			if j := indexWithin(text, i+1, "}", maxLabel); j >= 0 {
				if c := text[i+1 : j]; !strings.ContainsAny(c, ":\"{=") && lx.isLabel(c) {
					found(text[i : j+1])
				}
				i = j
			}
		case '<':
			if i+1 < len(text) && text[i+1] == '<' {
				if j := indexWithin(text, i+2, ">>", maxLabel); j >= 0 {
					if c := text[i+2 : j]; !strings.ContainsAny(c, "@:/=\"") && lx.isLabel(c) {
						found(text[i : j+2])
					}
					i = j + 1
				}
				continue
			}
			if j := indexWithin(text, i+1, ">", maxLabel); j >= 0 {
				if c := text[i+1 : j]; !strings.ContainsAny(c, "@:/.=\"") && lx.isLabel(c) {
					found(text[i : j+1])
				}
				i = j
			}
		case '%':
			if j := indexWithin(text, i+1, "%", 40); j > i+2 && isMergeTag(text[i+1:j]) {
				found(text[i : j+1])
				i = j
			}
		case '*':
			if i+1 < len(text) && text[i+1] == '|' {
				if j := indexWithin(text, i+2, "|*", 40); j > i+2 {
					found(text[i : j+2])
					i = j + 1
				}
			}
		case 'X':
			if i > 0 && isWordByte(text[i-1]) {
				continue
			}
			j := i
			for j < len(text) && text[j] == 'X' {
				j++
			}
			if j-i >= 3 && (j == len(text) || !isWordByte(text[j])) {
				found(text[i:j])
			}
			i = j - 1
		}
	}
}

// placeholderStart marks the bytes that placeholders looks at: a table
// lets it skip the rest of a line quickly.
var placeholderStart = [256]bool{'[': true, '{': true, '<': true, '%': true, '*': true, 'X': true}

func isWordByte(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c >= 0x80
}

// indexWithin returns the index of sep in text[from:], counted from the start
// of text, when it begins within limit bytes; otherwise -1.
func indexWithin(text string, from int, sep string, limit int) int {
	if from > len(text) {
		return -1
	}
	rest := text[from:]
	if len(rest) > limit+len(sep) {
		rest = rest[:limit+len(sep)]
	}
	j := strings.Index(rest, sep)
	if j < 0 {
		return -1
	}
	return from + j
}

// isMergeTag reports whether s is an upper-case merge-tag name such as
// FIRST_NAME.
func isMergeTag(s string) bool {
	letters := 0
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case c >= 'A' && c <= 'Z':
			letters++
		case c == '_' || c >= '0' && c <= '9':
		default:
			return false
		}
	}
	return letters >= 2
}

// isLabel reports whether the text inside brackets reads as a template
// label: in capitals ("COMPANY"), in title case ("Recruiter’s Name"), or
// naming a detail to fill in ("insert date", "your name").
func (lx *lexicon) isLabel(c string) bool {
	c = strings.TrimSpace(c)
	if c == "" {
		return false
	}
	r0, _ := utf8.DecodeRuneInString(c)
	if !unicode.IsLetter(r0) {
		return false
	}
	// Lower-cased words go to buffers on the stack: a label is short, and
	// a long message may hold many.
	var lb [maxLabel + 16]byte
	lc := appendLower(lb[:0], c)
	for _, ig := range lx.phIgnore {
		if len(lc) < len(ig) || string(lc[:len(ig)]) != ig {
			continue
		}
		// "re" ignores "[RE: …]", not "[Recruiter’s Name]".
		if next, _ := utf8.DecodeRune(lc[len(ig):]); len(lc) == len(ig) || !unicode.IsLetter(next) {
			return false
		}
	}
	if fieldCount(c, 6) > 6 {
		return false
	}
	var wb [32]byte
	for w := range strings.FieldsSeq(c) {
		if lx.phNotFirst.has(bytes.Trim(appendLower(wb[:0], w), ":,.")) {
			return false
		}
		break
	}
	letters, lower := 0, false
	for _, r := range c {
		if unicode.IsLetter(r) {
			letters++
			lower = lower || unicode.IsLower(r)
		}
	}
	if letters < 2 {
		return false
	}
	if !lower {
		return true
	}
	title, keyword := true, false
	for w := range strings.FieldsSeq(c) {
		core := strings.TrimFunc(w, func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) })
		if core == "" {
			continue
		}
		lw := appendLower(wb[:0], core)
		for _, suffix := range [...]string{"'s", "’s"} {
			if k := len(lw) - len(suffix); k >= 0 && string(lw[k:]) == suffix {
				lw = lw[:k]
			}
		}
		// Merge fields join words: "first_name", "job-title". The
		// separators are ASCII, which split a word at the same places
		// byte by byte as rune by rune.
		for i, from := 0, 0; i <= len(lw); i++ {
			if i == len(lw) || lw[i] == '_' || lw[i] == '-' || lw[i] == '.' {
				if i > from {
					keyword = keyword || lx.phKeywords.has(lw[from:i])
				}
				from = i + 1
			}
		}
		if r, _ := utf8.DecodeRuneInString(core); unicode.IsLower(r) && !lx.phSmall.has(lw) {
			title = false
		}
	}
	return title || keyword
}
