package encode

import "strings"

// HTML renders plain text as HTML paragraphs: blank lines separate
// paragraphs, single line breaks become <br>, and every character of the
// text is escaped, so nothing in it can become markup. It writes into one
// pre-sized buffer: this runs for every draft.
func HTML(text string) string {
	if strings.IndexByte(text, '\r') >= 0 {
		text = strings.ReplaceAll(strings.ReplaceAll(text, "\r\n", "\n"), "\r", "\n")
	}
	var b strings.Builder
	b.Grow(len(text) + len(text)/8 + 32)
	first := true
	for rest := text; ; {
		para, next, more := strings.Cut(rest, "\n\n")
		para = strings.Trim(para, "\n")
		if strings.TrimSpace(para) != "" {
			if !first {
				b.WriteByte('\n')
			}
			first = false
			b.WriteString("<p>")
			for i := 0; ; i++ {
				line, after, found := strings.Cut(para, "\n")
				if i > 0 {
					b.WriteString("<br>\n")
				}
				escapeHTML(&b, line)
				if !found {
					break
				}
				para = after
			}
			b.WriteString("</p>")
		}
		if !more {
			break
		}
		rest = next
	}
	return b.String()
}

// escapeHTML writes s with the five characters html.EscapeString escapes
// replaced the same way.
func escapeHTML(b *strings.Builder, s string) {
	start := 0
	for i := 0; i < len(s); i++ {
		var esc string
		switch s[i] {
		case '<':
			esc = "&lt;"
		case '>':
			esc = "&gt;"
		case '&':
			esc = "&amp;"
		case '\'':
			esc = "&#39;"
		case '"':
			esc = "&#34;"
		default:
			continue
		}
		b.WriteString(s[start:i])
		b.WriteString(esc)
		start = i + 1
	}
	b.WriteString(s[start:])
}
