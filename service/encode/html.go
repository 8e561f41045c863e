package encode

import (
	"html"
	"strings"
)

// HTML renders plain text as HTML paragraphs: blank lines separate
// paragraphs, single line breaks become <br>, and every character of the
// text is escaped, so nothing in it can become markup.
func HTML(text string) string {
	text = strings.ReplaceAll(strings.ReplaceAll(text, "\r\n", "\n"), "\r", "\n")
	var b strings.Builder
	b.Grow(len(text) + len(text)/8 + 16)
	first := true
	for _, para := range strings.Split(text, "\n\n") {
		para = strings.Trim(para, "\n")
		if strings.TrimSpace(para) == "" {
			continue
		}
		if !first {
			b.WriteByte('\n')
		}
		first = false
		b.WriteString("<p>")
		for i, line := range strings.Split(para, "\n") {
			if i > 0 {
				b.WriteString("<br>\n")
			}
			b.WriteString(html.EscapeString(line))
		}
		b.WriteString("</p>")
	}
	return b.String()
}
