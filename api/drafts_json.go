package api

import (
	"bytes"

	"github.com/declinekit/declinekit/service/compose"
)

// appendDraftJSON appends the JSON of the DraftResponse for d, as
// encoding/json would write it (with its trailing newline, as Echo's
// c.JSON sends), computing the HTML and mailto forms on the way.
func appendDraftJSON(b []byte, d *compose.Draft) []byte {
	b = append(b, `{"template":{"id":`...)
	b = appendString(b, d.TemplateID)
	b = appendKey(b, "version", false)
	b = appendString(b, d.TemplateVersion)
	b = append(b, '}')
	b = appendKey(b, "channel", false)
	b = appendString(b, string(d.Channel))
	b = appendKey(b, "lang", false)
	b = appendString(b, d.Lang)
	b = appendKey(b, "subject", false)
	b = appendString(b, d.Subject)
	b = appendKey(b, "body", false)
	b = appendString(b, d.Body)
	// The HTML form and the mailto URI are written straight into b, each
	// escaped for JSON in the same pass that builds it.
	b = appendKey(b, "html", false)
	b = append(b, '"')
	b = d.AppendHTML(b, &htmlJSON)
	b = append(b, '"')
	b = appendKey(b, "mailto", false)
	b = appendURIString(b, d.AppendMailto)
	if d.FollowUp != nil {
		b = append(b, `,"follow_up":{"subject":`...)
		b = appendString(b, d.FollowUp.Subject)
		b = appendKey(b, "body", false)
		b = appendString(b, d.FollowUp.Body)
		b = append(b, '}')
	}
	if n := d.LinkedInNote; n != nil {
		b = append(b, `,"linkedin_note":{"text":`...)
		b = appendString(b, n.Text)
		b = append(b, `,"characters":`...)
		b = appendInt(b, n.Characters)
		b = append(b, `,"limit":`...)
		b = appendInt(b, n.Limit)
		b = append(b, '}')
	}
	b = append(b, `,"checklist":[`...)
	for i, e := range d.Checklist {
		if i > 0 {
			b = append(b, ',')
		}
		b = append(b, `{"id":`...)
		b = appendString(b, e.ID)
		b = append(b, `,"status":`...)
		b = appendString(b, string(e.Status))
		b = append(b, `,"detail":`...)
		b = appendString(b, e.Detail)
		b = append(b, '}')
	}
	b = append(b, `],"advice":[`...)
	for i, a := range d.Advice {
		if i > 0 {
			b = append(b, ',')
		}
		b = append(b, `{"code":`...)
		b = appendString(b, a.Code)
		b = append(b, `,"message":`...)
		b = appendString(b, a.Message)
		b = append(b, '}')
	}
	b = append(b, `],"stats":{"characters":`...)
	b = appendInt(b, d.Stats.Characters)
	b = append(b, `,"words":`...)
	b = appendInt(b, d.Stats.Words)
	return append(b, "}}\n"...)
}

// appendURIString appends as a JSON string the URI that uri appends, as
// encode writes URIs: printable ASCII, everything else percent-encoded, so
// no quote, backslash, control character, < or >. Of its characters only &
// is escaped in JSON (as encoding/json writes it, \u0026), so the URI is
// written straight into dst and its ampersands escaped in place.
func appendURIString(dst []byte, uri func([]byte) []byte) []byte {
	dst = append(dst, '"')
	at := len(dst)
	dst = uri(dst)
	for {
		i := bytes.IndexByte(dst[at:], '&')
		if i < 0 {
			break
		}
		at += i
		dst = append(dst, "00000"...)
		copy(dst[at+6:], dst[at+1:len(dst)-5])
		copy(dst[at:], `\u0026`)
		at += 6
	}
	return append(dst, '"')
}
