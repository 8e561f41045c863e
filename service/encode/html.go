package encode

import "strings"

// HTML renders plain text as HTML paragraphs: blank lines separate
// paragraphs, single line breaks become <br>, and every character of the
// text is escaped, so nothing in it can become markup.
func HTML(text string) string {
	return string(AppendHTML(make([]byte, 0, len(text)+len(text)/8+32), text))
}

// AppendHTML appends HTML(text) to dst: the form for a caller that writes
// it into a larger buffer, as every draft answer does.
func AppendHTML(dst []byte, text string) []byte {
	if strings.IndexByte(text, '\r') >= 0 {
		text = strings.ReplaceAll(strings.ReplaceAll(text, "\r\n", "\n"), "\r", "\n")
	}
	first := true
	for rest := text; ; {
		para, next, more := strings.Cut(rest, "\n\n")
		para = strings.Trim(para, "\n")
		if strings.TrimSpace(para) != "" {
			if !first {
				dst = append(dst, '\n')
			}
			first = false
			dst = append(dst, "<p>"...)
			for i := 0; ; i++ {
				line, after, found := strings.Cut(para, "\n")
				if i > 0 {
					dst = append(dst, "<br>\n"...)
				}
				dst = appendEscapedHTML(dst, line)
				if !found {
					break
				}
				para = after
			}
			dst = append(dst, "</p>"...)
		}
		if !more {
			break
		}
		rest = next
	}
	return dst
}

// appendEscapedHTML appends s with the five characters html.EscapeString
// escapes replaced the same way.
func appendEscapedHTML(dst []byte, s string) []byte {
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
		dst = append(dst, s[start:i]...)
		dst = append(dst, esc...)
		start = i + 1
	}
	return append(dst, s[start:]...)
}
