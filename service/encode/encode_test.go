package encode_test

import (
	"bytes"
	"html"
	"io"
	"mime"
	"mime/quotedprintable"
	"net/mail"
	"net/url"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/declinekit/declinekit/service/encode"
)

// parseMailto reads a mailto: URI back with net/url, as a mail client would.
func parseMailto(t testing.TB, uri string) (to, subject, body string) {
	t.Helper()
	u, err := url.Parse(uri)
	if err != nil {
		t.Fatalf("url.Parse(%q): %v", uri, err)
	}
	if u.Scheme != "mailto" {
		t.Fatalf("scheme = %q, want mailto", u.Scheme)
	}
	to, err = url.PathUnescape(u.Opaque)
	if err != nil {
		t.Fatalf("unescape to %q: %v", u.Opaque, err)
	}
	q, err := url.ParseQuery(u.RawQuery)
	if err != nil {
		t.Fatalf("ParseQuery(%q): %v", u.RawQuery, err)
	}
	return to, q.Get("subject"), q.Get("body")
}

func TestMailto(t *testing.T) {
	tests := []struct {
		name          string
		to, sub, body string
		want          string
	}{
		{"ok, spaces and line breaks", "dana@example.com", "Interview – Alex", "Hi Dana,\n\nThanks!", "mailto:dana@example.com?subject=Interview%20%E2%80%93%20Alex&body=Hi%20Dana%2C%0D%0A%0D%0AThanks%21"},
		{"ok, no recipient", "", "S", "B", "mailto:?subject=S&body=B"},
		{"ok, reserved characters", "a+b@example.com", "Q&A = 100% #1?", "x+y", "mailto:a%2Bb@example.com?subject=Q%26A%20%3D%20100%25%20%231%3F&body=x%2By"},
		{"ok, CR and CRLF normalised", "", "", "a\r\nb\rc\nd", "mailto:?body=a%0D%0Ab%0D%0Ac%0D%0Ad"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := encode.Mailto(tt.to, tt.sub, tt.body)
			if got != tt.want {
				t.Errorf("Mailto(%q, %q, %q) = %q, want %q", tt.to, tt.sub, tt.body, got, tt.want)
			}
		})
	}
}

func TestMailtoRoundTrip(t *testing.T) {
	tests := []struct{ to, subject, body string }{
		{"recruiter@northwind.example", "Senior Backend Engineer interview – Alex Moreno", "Dear Dana,\n\nThank you … I’m grateful.\n\nKind regards,\nAlex"},
		{"", "Zoë & Ñandú <script>", "名前: 山田太郎\n+ plus + signs + and %20 literal"},
		{"o'brien@example.ie", "a=b&c=d", "#fragment?query\n\n\n"},
	}
	for _, tt := range tests {
		to, subject, body := parseMailto(t, encode.Mailto(tt.to, tt.subject, tt.body))
		want := strings.ReplaceAll(tt.body, "\n", "\r\n")
		if to != tt.to || subject != tt.subject || body != want {
			t.Errorf("round trip of (%q, %q, %q) = (%q, %q, %q)", tt.to, tt.subject, tt.body, to, subject, body)
		}
	}
}

func TestHTML(t *testing.T) {
	tests := []struct {
		name, give, want string
	}{
		{"ok, paragraphs and line breaks", "Dear Dana,\n\nThank you.\n\nKind regards,\nAlex", "<p>Dear Dana,</p>\n<p>Thank you.</p>\n<p>Kind regards,<br>\nAlex</p>"},
		{"ok, markup is escaped", "<script>alert('x')</script> & \"q\"", "<p>&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &#34;q&#34;</p>"},
		{"ok, CRLF and extra blank lines", "a\r\n\r\n\r\n\r\nb", "<p>a</p>\n<p>b</p>"},
		{"ok, empty", "", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := encode.HTML(tt.give); got != tt.want {
				t.Errorf("HTML(%q) = %q, want %q", tt.give, got, tt.want)
			}
		})
	}
}

// readEML parses an .eml with net/mail and decodes its body.
func readEML(t testing.TB, raw []byte) (*mail.Message, string) {
	t.Helper()
	msg, err := mail.ReadMessage(bytes.NewReader(raw))
	if err != nil {
		t.Fatalf("mail.ReadMessage: %v\n%s", err, raw)
	}
	var r io.Reader = msg.Body
	if msg.Header.Get("Content-Transfer-Encoding") == "quoted-printable" {
		r = quotedprintable.NewReader(r)
	}
	body, err := io.ReadAll(r)
	if err != nil {
		t.Fatal(err)
	}
	return msg, string(body)
}

func TestEML(t *testing.T) {
	date := time.Date(2026, 11, 27, 9, 30, 0, 0, time.UTC)
	tests := []struct {
		name        string
		give        encode.Mail
		wantHeaders []string
		wantSubject string
		wantTo      string
	}{
		{
			name:        "ok, plain",
			give:        encode.Mail{Date: date, From: mail.Address{Name: "Alex Moreno", Address: "alex@example.com"}, To: mail.Address{Name: "Dana Whitfield", Address: "dana@northwind.example"}, Subject: "Interview", Body: "Dear Dana,\n\nThank you.\n"},
			wantHeaders: []string{"Content-Transfer-Encoding", "Content-Type", "Date", "From", "Mime-Version", "Subject", "To", "X-Unsent"},
			wantSubject: "Interview",
			wantTo:      "dana@northwind.example",
		},
		{
			name:        "ok, no addresses",
			give:        encode.Mail{Date: date, Subject: "S", Body: "B"},
			wantHeaders: []string{"Content-Transfer-Encoding", "Content-Type", "Date", "Mime-Version", "Subject", "X-Unsent"},
			wantSubject: "S",
		},
		{
			name:        "nok, line breaks and Bcc in values do not add headers",
			give:        encode.Mail{Date: date, To: mail.Address{Name: "Dana\r\nBcc: spy@evil.example", Address: "dana@example.com"}, Subject: "Hello\r\nBcc: spy@evil.example\nX-Evil: 1", Body: "Hi"},
			wantHeaders: []string{"Content-Transfer-Encoding", "Content-Type", "Date", "Mime-Version", "Subject", "To", "X-Unsent"},
			wantSubject: "Hello Bcc: spy@evil.example X-Evil: 1",
			wantTo:      "dana@example.com",
		},
		{
			name:        "ok, non-ASCII and very long subject",
			give:        encode.Mail{Date: date, To: mail.Address{Name: "Zoë Ñandú", Address: "zoe@example.com"}, Subject: "Entrevista – " + strings.Repeat("Ingeniería de datos ", 12), Body: "Gracias — 山田"},
			wantHeaders: []string{"Content-Transfer-Encoding", "Content-Type", "Date", "Mime-Version", "Subject", "To", "X-Unsent"},
			wantSubject: strings.Join(strings.Fields("Entrevista – "+strings.Repeat("Ingeniería de datos ", 12)), " "),
			wantTo:      "zoe@example.com",
		},
	}
	dec := new(mime.WordDecoder)
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			raw := encode.EML(tt.give)
			for i, line := range bytes.Split(raw, []byte("\r\n")) {
				if bytes.ContainsAny(line, "\r\n") {
					t.Fatalf("line %d has a bare CR or LF: %q", i, line)
				}
				if len(line) > 998 {
					t.Errorf("line %d is %d bytes long", i, len(line))
				}
			}
			msg, body := readEML(t, raw)
			var keys []string
			for k := range msg.Header {
				keys = append(keys, k)
			}
			sort.Strings(keys)
			if diff := cmp.Diff(tt.wantHeaders, keys); diff != "" {
				t.Errorf("headers mismatch (-want +got):\n%s", diff)
			}
			subject, err := dec.DecodeHeader(msg.Header.Get("Subject"))
			if err != nil {
				t.Fatal(err)
			}
			if subject != tt.wantSubject {
				t.Errorf("Subject = %q, want %q", subject, tt.wantSubject)
			}
			if tt.wantTo != "" {
				to, err := msg.Header.AddressList("To")
				if err != nil || len(to) != 1 || to[0].Address != tt.wantTo {
					t.Errorf("To = %v, %v; want one address %s", to, err, tt.wantTo)
				}
			}
			if msg.Header.Get("X-Unsent") != "1" || msg.Header.Get("Content-Type") != "text/plain; charset=utf-8" {
				t.Errorf("X-Unsent %q, Content-Type %q", msg.Header.Get("X-Unsent"), msg.Header.Get("Content-Type"))
			}
			if d, err := msg.Header.Date(); err != nil || !d.Equal(date) {
				t.Errorf("Date = %v, %v; want %v", d, err, date)
			}
			if want := strings.ReplaceAll(tt.give.Body, "\n", "\r\n"); strings.TrimRight(body, "\r\n") != strings.TrimRight(want, "\r\n") {
				t.Errorf("body = %q, want %q", body, want)
			}
		})
	}
}

func FuzzMailto(f *testing.F) {
	f.Add("dana@example.com", "Interview – Alex", "Hi,\r\n\nthanks & bye %20 +")
	f.Add("", "", "")
	f.Fuzz(func(t *testing.T, to, subject, body string) {
		uri := encode.Mailto(to, subject, body)
		if got := string(encode.AppendMailto([]byte("x"), to, subject, body)); got != "x"+uri {
			t.Fatalf("AppendMailto(x, %q, %q, %q) = %q, want x then %q", to, subject, body, got, uri)
		}
		if strings.ContainsAny(uri, " \r\n\t<>\"") {
			t.Fatalf("Mailto left a raw character in %q", uri)
		}
		gotTo, gotSubject, gotBody := parseMailto(t, uri)
		if gotTo != to || gotSubject != subject || gotBody != strings.ReplaceAll(strings.ReplaceAll(strings.ReplaceAll(body, "\r\n", "\n"), "\r", "\n"), "\n", "\r\n") {
			t.Fatalf("round trip of (%q, %q, %q) = (%q, %q, %q)", to, subject, body, gotTo, gotSubject, gotBody)
		}
	})
}

// htmlReference is the plain statement of what HTML does, for FuzzHTML to
// hold the fast version to.
func htmlReference(text string) string {
	text = strings.ReplaceAll(strings.ReplaceAll(text, "\r\n", "\n"), "\r", "\n")
	var paras []string
	for _, para := range strings.Split(text, "\n\n") {
		para = strings.Trim(para, "\n")
		if strings.TrimSpace(para) == "" {
			continue
		}
		lines := strings.Split(para, "\n")
		for i, l := range lines {
			lines[i] = html.EscapeString(l)
		}
		paras = append(paras, "<p>"+strings.Join(lines, "<br>\n")+"</p>")
	}
	return strings.Join(paras, "\n")
}

func FuzzHTML(f *testing.F) {
	f.Add("<script>alert(1)</script>\n\nok & done")
	f.Add("")
	f.Fuzz(func(t *testing.T, text string) {
		out := encode.HTML(text)
		if got := string(encode.AppendHTML([]byte("x"), text)); got != "x"+out {
			t.Fatalf("AppendHTML(x, %q) = %q, want x then %q", text, got, out)
		}
		if want := htmlReference(text); out != want {
			t.Fatalf("HTML(%q) = %q, want %q", text, out, want)
		}
		stripped := strings.NewReplacer("<p>", "", "</p>", "", "<br>", "").Replace(out)
		if strings.ContainsAny(stripped, "<>\"'") {
			t.Fatalf("HTML(%q) = %q holds unescaped markup", text, out)
		}
	})
}

func FuzzEML(f *testing.F) {
	f.Add("Dana\r\nBcc: x@y", "dana@example.com", "Subject\nX-Evil: 1", "Body line\n.\nend")
	f.Add("", "", "", "")
	f.Fuzz(func(t *testing.T, name, addr, subject, body string) {
		m := encode.Mail{Date: time.Unix(0, 0).UTC(), To: mail.Address{Name: name, Address: addr}, Subject: subject, Body: body}
		raw := encode.EML(m)
		head, _, ok := bytes.Cut(raw, []byte("\r\n\r\n"))
		if !ok {
			t.Fatalf("no header/body separator in %q", raw)
		}
		for _, line := range bytes.Split(head, []byte("\r\n")) {
			if bytes.ContainsAny(line, "\r\n") {
				t.Fatalf("header line with a bare line break: %q", line)
			}
			if len(line) > 0 && line[0] != ' ' && line[0] != '\t' {
				name, _, _ := bytes.Cut(line, []byte(":"))
				switch string(name) {
				case "Date", "From", "To", "Subject", "MIME-Version", "Content-Type", "Content-Transfer-Encoding", "X-Unsent":
				default:
					t.Fatalf("unexpected header %q in %q", name, head)
				}
			}
		}
	})
}
