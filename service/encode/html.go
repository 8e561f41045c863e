package encode

import "strings"

// HTML renders plain text as HTML paragraphs: blank lines separate
// paragraphs, single line breaks become <br>, and every character of the
// text is escaped, so nothing in it can become markup.
func HTML(text string) string {
	return string(AppendHTML(make([]byte, 0, len(text)+len(text)/8+32), text))
}

// AppendHTML appends HTML(text) to dst: the form for a caller that writes
// it into a larger buffer.
func AppendHTML(dst []byte, text string) []byte {
	return AppendHTMLTo(dst, text, &plainHTML)
}

// HTMLWriter says how AppendHTMLTo writes the two parts of HTML(text):
// Markup appends a tag or line break that HTML puts around and between
// the lines ("<p>", "</p>", "<br>\n" or "\n"); Text appends one line of the
// text, which it must escape as html.EscapeString does. A caller that
// writes HTML inside another encoding, such as a JSON string, escapes both
// for it in the same pass.
type HTMLWriter struct {
	Markup func(dst []byte, markup string) []byte
	Text   func(dst []byte, line string) []byte
}

var plainHTML = HTMLWriter{
	Markup: func(dst []byte, markup string) []byte { return append(dst, markup...) },
	Text:   appendEscapedHTML,
}

// AppendHTMLTo appends HTML(text) to dst as w writes it.
func AppendHTMLTo(dst []byte, text string, w *HTMLWriter) []byte {
	if strings.IndexByte(text, '\r') >= 0 {
		text = strings.ReplaceAll(strings.ReplaceAll(text, "\r\n", "\n"), "\r", "\n")
	}
	first := true
	for rest := text; ; {
		para, next, more := strings.Cut(rest, "\n\n")
		para = strings.Trim(para, "\n")
		if strings.TrimSpace(para) != "" {
			if !first {
				dst = w.Markup(dst, "\n")
			}
			first = false
			dst = w.Markup(dst, "<p>")
			for i := 0; ; i++ {
				line, after, found := strings.Cut(para, "\n")
				if i > 0 {
					dst = w.Markup(dst, "<br>\n")
				}
				dst = w.Text(dst, line)
				if !found {
					break
				}
				para = after
			}
			dst = w.Markup(dst, "</p>")
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
