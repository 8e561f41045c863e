package api

import (
	"bytes"
	"encoding/json"
	"errors"
	"io"
	"log/slog"
	"math/rand/v2"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"testing"
	"testing/iotest"
	"unsafe"

	"github.com/labstack/echo/v4"

	"github.com/declinekit/declinekit/internal/config"
	"github.com/declinekit/declinekit/internal/logging"
	"github.com/declinekit/declinekit/internal/problem"
)

// probeRequest exercises decoding and validation the way a real request
// type does: nested objects, bounds, enums and a required field.
type probeRequest struct {
	Channel string       `json:"channel,omitempty" validate:"omitempty,oneof=email linkedin"`
	Count   int          `json:"count,omitempty" validate:"omitempty,min=1,max=3"`
	Details probeDetails `json:"details"`
}

type probeDetails struct {
	Company string `json:"company" validate:"required,max=10"`
}

// newProbeServer adds routes that only tests use to a real server, so the
// decoder, the middleware and the error handler run as in production.
func newProbeServer(t *testing.T, bodyLimit int64) (*Server, *bytes.Buffer) {
	t.Helper()
	cfg := config.Default()
	cfg.BodyLimit = bodyLimit
	logs := &bytes.Buffer{}
	s, err := NewServer(cfg, logging.New(logs, slog.LevelInfo))
	if err != nil {
		t.Fatal(err)
	}
	s.echo.POST("/probe", func(c echo.Context) error {
		var req probeRequest
		if err := decodeJSON(c, newBodyBuffers(), &req, s.cfg.RequestTimeout); err != nil {
			return err
		}
		if err := c.Validate(&req); err != nil {
			return err
		}
		return c.JSON(http.StatusOK, req)
	}, s.work...)
	s.echo.GET("/panic", func(c echo.Context) error { panic("kaboom secret-value") })
	s.echo.GET("/fail", func(c echo.Context) error { return errors.New("database password is hunter2") })
	return s, logs
}

func TestDecodeAndValidate(t *testing.T) {
	tests := []struct {
		name        string
		contentType string
		body        string
		wantStatus  int
		wantType    string
		wantFields  []string
		wantDetail  string
	}{
		{"ok", "application/json", `{"details":{"company":"Acme"}}`, 200, "", nil, ""},
		{"ok, charset utf-8", "application/json; charset=UTF-8", `{"details":{"company":"Acme"}}`, 200, "", nil, ""},
		{"ok, whitespace around", "application/json", " \n{\"details\":{\"company\":\"Acme\"}}\n ", 200, "", nil, ""},
		{"nok, malformed", "application/json", `{"details":{"company":"Acme"}`, 400, problem.TypeInvalidJSON, nil, "malformed JSON"},
		{"nok, syntax error names the position", "application/json", "{\n\"details\": {\"company\": \"Acme\",}}", 400, problem.TypeInvalidJSON, nil, "line 2"},
		{"nok, unknown field", "application/json", `{"details":{"company":"Acme"},"color":"red"}`, 400, problem.TypeInvalidJSON, []string{"color"}, `unknown field "color"`},
		{"nok, unknown nested field", "application/json", `{"details":{"company":"Acme","ceo":"x"}}`, 400, problem.TypeInvalidJSON, []string{"details.ceo"}, `unknown field "details.ceo"`},
		{"nok, key in another case", "application/json", `{"details":{"Company":"Acme"}}`, 400, problem.TypeInvalidJSON, []string{"details.Company"}, `unknown field "details.Company"`},
		{"nok, top-level key in upper case", "application/json", `{"CHANNEL":"email","details":{"company":"Acme"}}`, 400, problem.TypeInvalidJSON, []string{"CHANNEL"}, `unknown field "CHANNEL"`},
		{"nok, duplicate key", "application/json", `{"details":{"company":"Acme"},"details":{"company":"Other"}}`, 400, problem.TypeInvalidJSON, []string{"details"}, "given twice"},
		{"nok, duplicate nested key", "application/json", `{"details":{"company":"Acme","company":"Other"}}`, 400, problem.TypeInvalidJSON, []string{"details.company"}, "given twice"},
		{"nok, deep nesting", "application/json", `{"details":{"company":` + strings.Repeat("[", 40) + strings.Repeat("]", 40) + `}}`, 400, problem.TypeInvalidJSON, nil, "nests more than"},
		{"nok, trailing data", "application/json", `{"details":{"company":"Acme"}} {"x":1}`, 400, problem.TypeInvalidJSON, nil, "after the JSON object"},
		{"nok, trailing garbage", "application/json", `{"details":{"company":"Acme"}}xyz`, 400, problem.TypeInvalidJSON, nil, "after the JSON object"},
		{"nok, wrong type nested", "application/json", `{"details":{"company":42}}`, 400, problem.TypeInvalidJSON, []string{"details.company"}, "details.company must be a string"},
		{"nok, wrong type number", "application/json", `{"count":"three","details":{"company":"Acme"}}`, 400, problem.TypeInvalidJSON, []string{"count"}, "count must be an integer"},
		{"nok, object where string belongs", "application/json", `{"channel":{},"details":{"company":"Acme"}}`, 400, problem.TypeInvalidJSON, []string{"channel"}, "channel must be a string"},
		{"nok, empty body", "application/json", ``, 400, problem.TypeInvalidJSON, nil, "empty"},
		{"nok, only whitespace", "application/json", "  \n", 400, problem.TypeInvalidJSON, nil, "empty"},
		{"nok, null", "application/json", `null`, 400, problem.TypeInvalidJSON, nil, "JSON object"},
		{"nok, array", "application/json", `[{"details":{}}]`, 400, problem.TypeInvalidJSON, nil, "JSON object"},
		{"nok, string", "application/json", `"hello"`, 400, problem.TypeInvalidJSON, nil, "JSON object"},
		{"nok, invalid utf-8", "application/json", "{\"details\":{\"company\":\"\xff\xfe\"}}", 400, problem.TypeInvalidJSON, nil, "UTF-8"},
		{"nok, truncated", "application/json", `{"details":{"comp`, 400, problem.TypeInvalidJSON, nil, "malformed JSON"},
		{"nok, no content type", "", `{"details":{"company":"Acme"}}`, 415, problem.TypeUnsupportedMedia, nil, "Content-Type"},
		{"nok, form encoded as curl -d sends", "application/x-www-form-urlencoded", `details=1`, 415, problem.TypeUnsupportedMedia, nil, "application/json"},
		{"nok, text", "text/plain", `{"details":{"company":"Acme"}}`, 415, problem.TypeUnsupportedMedia, nil, "application/json"},
		{"nok, latin-1", "application/json; charset=iso-8859-1", `{"details":{"company":"Acme"}}`, 415, problem.TypeUnsupportedMedia, nil, "UTF-8"},
		{"nok, missing required nested", "application/json", `{"details":{}}`, 422, problem.TypeValidation, []string{"details.company"}, "details.company is a required field"},
		{"nok, several rules", "application/json", `{"channel":"fax","count":9,"details":{"company":"A very long company"}}`, 422, problem.TypeValidation, []string{"channel", "count", "details.company"}, "3 rules"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s, _ := newProbeServer(t, 64<<10)
			req := httptest.NewRequest(http.MethodPost, "/probe", strings.NewReader(tt.body))
			if tt.contentType != "" {
				req.Header.Set("Content-Type", tt.contentType)
			}
			rec := httptest.NewRecorder()
			s.ServeHTTP(rec, req)
			if rec.Code != tt.wantStatus {
				t.Fatalf("POST %q = %d, want %d; body %s", tt.body, rec.Code, tt.wantStatus, rec.Body)
			}
			if tt.wantStatus == 200 {
				return
			}
			if ct := rec.Header().Get("Content-Type"); ct != problem.ContentType {
				t.Errorf("Content-Type = %q, want %q", ct, problem.ContentType)
			}
			var p problem.Problem
			if err := json.Unmarshal(rec.Body.Bytes(), &p); err != nil {
				t.Fatalf("body is not JSON: %v", err)
			}
			if p.Type != tt.wantType || p.Status != tt.wantStatus {
				t.Errorf("problem = %q %d, want %q %d", p.Type, p.Status, tt.wantType, tt.wantStatus)
			}
			if !strings.Contains(p.Detail, tt.wantDetail) {
				t.Errorf("detail = %q, want it to contain %q", p.Detail, tt.wantDetail)
			}
			var fields []string
			for _, f := range p.Errors {
				fields = append(fields, f.Field)
				if f.Message == "" {
					t.Errorf("field %s has no message", f.Field)
				}
			}
			if strings.Join(fields, ",") != strings.Join(tt.wantFields, ",") {
				t.Errorf("error fields = %v, want %v", fields, tt.wantFields)
			}
		})
	}
}

func TestBodyLimit(t *testing.T) {
	s, _ := newProbeServer(t, 1024)
	tests := []struct {
		name string
		body string
		want int
	}{
		{"ok, under the limit", `{"details":{"company":"Acme"}}`, http.StatusOK},
		{"nok, over the limit", `{"details":{"company":"` + strings.Repeat("a", 2000) + `"}}`, http.StatusRequestEntityTooLarge},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			for _, chunked := range []bool{false, true} {
				req := httptest.NewRequest(http.MethodPost, "/probe", strings.NewReader(tt.body))
				req.Header.Set("Content-Type", "application/json")
				if chunked {
					req.ContentLength = -1
				}
				rec := httptest.NewRecorder()
				s.ServeHTTP(rec, req)
				if rec.Code != tt.want {
					t.Errorf("chunked=%v: status = %d, want %d; body %s", chunked, rec.Code, tt.want, rec.Body)
				}
				if tt.want == http.StatusRequestEntityTooLarge && !strings.Contains(rec.Body.String(), problem.TypeBodyTooLarge) {
					t.Errorf("chunked=%v: body = %s, want a body-too-large problem", chunked, rec.Body)
				}
			}
		})
	}
}

func TestInternalErrorsAreGeneric(t *testing.T) {
	for _, path := range []string{"/panic", "/fail"} {
		t.Run(path, func(t *testing.T) {
			s, logs := newProbeServer(t, 64<<10)
			rec := httptest.NewRecorder()
			s.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, path, nil))
			if rec.Code != http.StatusInternalServerError {
				t.Fatalf("status = %d, want 500", rec.Code)
			}
			var p problem.Problem
			if err := json.Unmarshal(rec.Body.Bytes(), &p); err != nil {
				t.Fatal(err)
			}
			if p.Type != problem.TypeInternal || p.Instance == "" {
				t.Errorf("problem = %+v, want the internal type and an instance", p)
			}
			if strings.Contains(rec.Body.String(), "secret-value") || strings.Contains(rec.Body.String(), "hunter2") {
				t.Errorf("the answer leaks the cause: %s", rec.Body)
			}
			if !strings.Contains(logs.String(), p.Instance) || !(strings.Contains(logs.String(), "kaboom") || strings.Contains(logs.String(), "hunter2")) {
				t.Errorf("the cause and request id are not logged:\n%s", logs)
			}
		})
	}
}

func TestNegotiate(t *testing.T) {
	offers := []string{"application/json", "text/plain", "message/rfc822"}
	tests := []struct {
		name   string
		accept string
		want   string
		wantOK bool
	}{
		{"ok, empty takes the first", "", "application/json", true},
		{"ok, star", "*/*", "application/json", true},
		{"ok, exact", "text/plain", "text/plain", true},
		{"ok, q values", "application/json;q=0.5, message/rfc822", "message/rfc822", true},
		{"ok, type wildcard", "text/*", "text/plain", true},
		{"ok, specific beats wildcard q", "*/*;q=0.1, text/plain;q=0.9", "text/plain", true},
		{"ok, case-insensitive", "TEXT/PLAIN", "text/plain", true},
		{"nok, q=0 excludes", "application/json;q=0", "", false},
		{"nok, nothing offered", "image/png", "", false},
		{"nok, garbage", "garbage", "", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, ok := negotiate(tt.accept, offers...)
			if got != tt.want || ok != tt.wantOK {
				t.Errorf("negotiate(%q) = %q, %v; want %q, %v", tt.accept, got, ok, tt.want, tt.wantOK)
			}
		})
	}
}

func TestPlainRun(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	alphabet := []byte("ab \"\\\x00\x1f\x20\x7f\xc3\xa9\xff\n")
	for range 20000 {
		b := make([]byte, rng.IntN(40))
		for i := range b {
			b[i] = alphabet[rng.IntN(len(alphabet))]
		}
		from := 0
		if len(b) > 0 {
			from = rng.IntN(len(b) + 1)
		}
		want := from
		for want < len(b) && b[want] != '"' && b[want] != '\\' && b[want] >= 0x20 {
			want++
		}
		if got := plainRun(b, from); got != want {
			t.Fatalf("plainRun(%q, %d) = %d, want %d", b, from, got, want)
		}
	}
}

func TestReadBody(t *testing.T) {
	body := strings.Repeat("0123456789", 300)
	for _, size := range []int64{-1, 0, 10, 2999, 3000, 3001, 1 << 21} {
		got, err := readBody([]byte("x"), iotest.OneByteReader(strings.NewReader(body)), size)
		if err != nil || string(got) != "x"+body {
			t.Errorf("readBody(size %d) = %d bytes, %v; want the %d bytes", size, len(got), err, len(body))
		}
	}
	if _, err := readBody(nil, iotest.ErrReader(io.ErrUnexpectedEOF), 10); err != io.ErrUnexpectedEOF {
		t.Errorf("readBody of a failing reader: %v, want its error", err)
	}
}

// TestTextRules holds singleLine and plainText, which skip printable ASCII
// eight bytes at a time, to the plain statement of their rules.
func TestTextRules(t *testing.T) {
	bad := func(r rune, breaks bool) bool {
		if breaks && (r == '\n' || r == '\r' || r == '\t') {
			return false
		}
		return r < 0x20 || r == 0x7f || (r >= 0x80 && r <= 0x9f) || (!breaks && (r == '\u2028' || r == '\u2029')) || isBidiControl(r)
	}
	ref := func(s string, breaks bool) bool {
		for _, r := range s {
			if bad(r, breaks) {
				return false
			}
		}
		return true
	}
	rng := rand.New(rand.NewPCG(5, 6))
	parts := []string{"a", "Z", " ", "~", "\x7f", "\x00", "\x1f", "\t", "\n", "\r", "é", "\u0085", "\u009f", "\u00a0", "\u2028", "\u202e", "\u2066", "\u200f", "\u061c", "北", "\xff", "\xc3", "abcdefgh", "0123456789 abcdef"}
	for range 50000 {
		var b strings.Builder
		for range rng.IntN(14) {
			b.WriteString(parts[rng.IntN(len(parts))])
		}
		s := b.String()
		if got, want := singleLine(s), ref(s, false); got != want {
			t.Fatalf("singleLine(%q) = %v, want %v", s, got, want)
		}
		if got, want := plainText(s), ref(s, true); got != want {
			t.Fatalf("plainText(%q) = %v, want %v", s, got, want)
		}
	}
}

// TestUnescapedStringsGoIntoText decodes strings with escapes into the room
// decodeJSON gives, and into strings of their own without it.
func TestUnescapedStringsGoIntoText(t *testing.T) {
	body := []byte(`{"channel":"email","subject":"plain","message":"Hi\nthere \u00e9 \"q\" \ud83d\ude80","linkedin_tier":"fr\u0065e"}`)
	want := ReviewRequest{Channel: "email", Subject: "plain", Message: "Hi\nthere é \"q\" 🚀", LinkedInTier: "free"}
	inside := func(s string, b []byte) bool {
		p, lo := uintptr(unsafe.Pointer(unsafe.StringData(s))), uintptr(unsafe.Pointer(unsafe.SliceData(b[:cap(b)])))
		return p >= lo && p < lo+uintptr(cap(b))
	}
	text := make([]byte, 0, len(body))
	var got ReviewRequest
	if err := unmarshalStrictInto(body, text, nil, &got); err != nil || got != want {
		t.Fatalf("with room: %+v, %v; want %+v", got, err, want)
	}
	if !inside(got.Message, text) || !inside(got.LinkedInTier, text) {
		t.Errorf("the unescaped strings were not written into the room given")
	}
	got = ReviewRequest{}
	if err := unmarshalStrictInto(body, nil, make([]string, 0, 2), &got); err != nil || got != want {
		t.Fatalf("without room: %+v, %v; want %+v", got, err, want)
	}
}

func TestHeaderValueIsGet(t *testing.T) {
	h := http.Header{}
	h.Set("x-request-id", "a")
	h.Add("Accept", "text/plain")
	h.Add("Accept", "application/json")
	for _, k := range []string{echo.HeaderXRequestID, echo.HeaderAccept, echo.HeaderOrigin, "If-None-Match", echo.HeaderContentType} {
		if got, want := headerValue(h, k), h.Get(k); got != want || http.CanonicalHeaderKey(k) != k {
			t.Errorf("headerValue(%q) = %q, Get gives %q (the key must be canonical)", k, got, want)
		}
	}
}

func TestRequestIDsAndLengthValues(t *testing.T) {
	ids := newIDs()
	a, b := ids(), ids()
	if len(a) != 1 || len(a[0]) != 32 || a[0] == b[0] || a[0][:16] != b[0][:16] || !acceptableID(a[0], maxIDLength) {
		t.Errorf("ids %q then %q: want one 32-digit value each, the same prefix, different counters", a, b)
	}
	for _, n := range []int{0, 7, 2048, 113108, 1 << 40} {
		if got := lengthValue(n); len(got) != 1 || got[0] != strconv.Itoa(n) {
			t.Errorf("lengthValue(%d) = %q", n, got)
		}
	}
}
