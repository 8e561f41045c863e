package api_test

import (
	"encoding/json"
	"fmt"
	"net/http"
	"strings"
	"testing"
)

// hostile is one bad request and the class of answer it must get.
type hostile struct {
	name string
	give request
	want int
}

func jsonPost(path, body string) request {
	return request{method: http.MethodPost, path: path, body: body, headers: map[string]string{"Content-Type": "application/json"}}
}

// hostileRequests builds the battery: every endpoint, every kind of bad
// input.
func hostileRequests() []hostile {
	var hs []hostile
	add := func(name string, r request, want int) { hs = append(hs, hostile{name, r, want}) }
	draft := func(top, details string) string {
		if details == "" {
			details = `"company":"Acme","position":"Analyst","candidate_name":"Sam Lee"`
		}
		b := `{"details":{` + details + `}`
		if top != "" {
			b += "," + top
		}
		return b + "}"
	}
	posts := map[string]string{
		"/drafts":           draft("", ""),
		"/checklist/review": `{"channel":"email","message":"Thanks, but I must decline. Sam"}`,
	}
	for _, path := range []string{"/drafts", "/checklist/review"} {
		valid := posts[path]
		// Malformed and truncated JSON.
		for i, body := range []string{`{`, `{"details":`, `{"a":1,}`, `{'a':1}`, `{"a":tru}`, `{"a":01}`, `{"a":1e999999}`, `{"a":"\x"}`, `{"a":NaN}`, `}`, valid[:len(valid)/2], valid[:len(valid)-1]} {
			add(fmt.Sprintf("%s malformed %d", path, i), jsonPost(path, body), 400)
		}
		// Not an object, empty, trailing data, duplicate keys.
		for i, body := range []string{``, ` `, `null`, `[]`, `"x"`, `42`, `true`, valid + `{}`, valid + ` x`, `{"channel":"email","channel":"phone"}`} {
			add(fmt.Sprintf("%s not one object %d", path, i), jsonPost(path, body), 400)
		}
		// Deep nesting and huge arrays where strings belong.
		add(path+" deep nesting", jsonPost(path, strings.Repeat(`{"a":`, 5000)+"1"+strings.Repeat("}", 5000)), 400)
		add(path+" deep arrays", jsonPost(path, `{"channel":`+strings.Repeat("[", 3000)+strings.Repeat("]", 3000)+`}`), 400)
		add(path+" huge array", jsonPost(path, `{"channel":[`+strings.Repeat(`"email",`, 5000)+`"email"]}`), 400)
		// Wrong types.
		for i, body := range []string{`{"channel":1}`, `{"channel":true}`, `{"channel":{}}`, `{"channel":null,"details":7}`, `{"message":["a"]}`, `{"linkedin_tier":0}`} {
			add(fmt.Sprintf("%s wrong type %d", path, i), jsonPost(path, body), 400)
		}
		// Unknown fields and other letter cases.
		for i, body := range []string{`{"__proto__":{}}`, `{"constructor":1}`, `{"Channel":"email"}`, `{"channel ":"email"}`, `{"\u0063hannel":"email","x":1}`} {
			add(fmt.Sprintf("%s unknown field %d", path, i), jsonPost(path, body), 400)
		}
		// Bodies that are too large, with and without a length.
		big := `{"channel":"email","message":"` + strings.Repeat("a", 1<<20) + `"}`
		add(path+" 1 MB body", jsonPost(path, big), 413)
		chunked := jsonPost(path, big)
		chunked.headers["Transfer-Encoding"] = "chunked"
		add(path+" 1 MB chunked body", chunked, 413)
		// Content types and charsets.
		for i, ct := range []string{"", "text/plain", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x", "application/xml", "application/json; charset=utf-16", "application/json; charset=latin1", "application/jsonx", "json", "*/*"} {
			r := jsonPost(path, valid)
			if ct == "" {
				delete(r.headers, "Content-Type")
			} else {
				r.headers["Content-Type"] = ct
			}
			add(fmt.Sprintf("%s content type %d %q", path, i, ct), r, 415)
		}
		// Invalid and overlong UTF-8, null bytes.
		for i, body := range []string{"{\"message\":\"\xff\xfe\"}", "{\"message\":\"\xc0\xaf\"}", "{\"message\":\"\xe0\x80\xaf\"}", "{\"message\":\"\xed\xa0\x80\"}", "{\"channel\":\"email\x00\"}"} {
			add(fmt.Sprintf("%s bad bytes %d", path, i), jsonPost(path, body), 400)
		}
		// Accept values nothing satisfies.
		for i, accept := range []string{"image/png", "text/html", "application/xml", "application/json;q=0"} {
			r := jsonPost(path, valid)
			r.headers["Accept"] = accept
			add(fmt.Sprintf("%s accept %d %q", path, i, accept), r, 406)
		}
	}
	// Rules broken inside well-formed drafts.
	for i, body := range []string{
		draft("", `"company":"`+strings.Repeat("A", 101)+`","position":"Analyst","candidate_name":"Sam"`),
		draft("", `"company":"Acme","position":"`+strings.Repeat("P", 5000)+`","candidate_name":"Sam"`),
		draft("", `"company":"Acme\u0000","position":"Analyst","candidate_name":"Sam"`),
		draft("", `"company":"Acme","position":"Analyst","candidate_name":"Sam \u202eLee"`),
		draft("", `"company":"Acme","position":"Analyst","candidate_name":"Sam\r\nBcc: a@b.c"`),
		draft("", `"company":"Acme","position":"Analyst","candidate_name":"Sam","recruiter_email":"a@b.c\nBcc: x@y.z"`),
		draft("", `"company":"Acme","position":"Analyst","candidate_name":"Sam","candidate_email":"<script>@x"`),
		draft("", `"company":"Acme","position":"Analyst","candidate_name":"Sam","reason_detail":"`+strings.Repeat("why ", 100)+`"`),
		draft(`"channel":"email🚀"`, ""),
		draft(`"template_id":"../../etc/passwd"`, ""),
		draft(`"template_id":"email.none.formal","tone":"warm"`, ""),
		draft(`"template":{"subject":"{{constructor}}","body":"{{__proto__}} [Admin]"}`, ""),
		draft(`"template":{"subject":"s","body":"{{company"}`, ""),
		draft(`"template":{"subject":"s","body":"`+strings.Repeat("{{company}}", 600)+`"}`, ""),
		draft(`"options":{"interview_at":"2026-02-30T10:00:00Z","as_of":"2026-01-01T00:00:00Z"}`, ""),
		draft(`"options":{"as_of":"9999-12-31T23:59:59Z"}`, ""),
		draft(`"options":{"linkedin_tier":"enterprise"}`, ""),
		`{"details":{}}`,
	} {
		add(fmt.Sprintf("/drafts rule %d", i), jsonPost("/drafts", body), 422)
	}
	for i, body := range []string{
		`{"channel":"email","message":""}`,
		`{"channel":"sms","message":"Thanks"}`,
		`{"channel":"email","message":"` + strings.Repeat("x", 10001) + `"}`,
		`{"channel":"email","subject":"` + strings.Repeat("s", 501) + `","message":"Thanks"}`,
		`{"channel":"email","message":"Thanks\u0007"}`,
	} {
		add(fmt.Sprintf("/checklist/review rule %d", i), jsonPost("/checklist/review", body), 422)
	}
	// Odd ids and paths.
	for i, id := range []string{"..%2F..%2Fetc%2Fpasswd", "%2e%2e", "%00", "reflect%00", "email.none.formal%0D%0ASet-Cookie:x=1", strings.Repeat("a", 4000), "%F0%9F%9A%80", "%C0%AF", "email.none.formal.", "REFLECT"} {
		add(fmt.Sprintf("checklist id %d", i), request{path: "/checklist/" + id}, 404)
		add(fmt.Sprintf("template id %d", i), request{path: "/templates/" + id}, 404)
	}
	// Bad query values and parameters.
	for i, q := range []string{"channel=fax", "reason=%00", "tone=" + strings.Repeat("x", 3000), "lang=en-US", "channel=email%0D%0A", "lang=%F0%9F%9A%80"} {
		add(fmt.Sprintf("templates query %d", i), request{path: "/templates?" + q}, 422)
	}
	for i, q := range []string{"chanel=email", "channel=email&channel=phone", "lang=en&lang=en", "x=1"} {
		add(fmt.Sprintf("templates parameter %d", i), request{path: "/templates?" + q}, 400)
	}
	add("checklist lang", request{path: "/checklist?lang=xx"}, 422)
	// Unsupported methods.
	for _, m := range []string{http.MethodPut, http.MethodDelete, http.MethodPatch} {
		for _, p := range []string{"/checklist", "/templates", "/drafts", "/checklist/review", "/templates/email.none.formal"} {
			add(m+" "+p, request{method: m, path: p, body: "{}", headers: map[string]string{"Content-Type": "application/json"}}, 405)
		}
	}
	add("GET /drafts", request{path: "/drafts"}, 405)
	add("unknown path", request{path: "/admin"}, 404)
	add("unknown nested path", request{path: "/drafts/123"}, 404)
	add("accept on GET", request{path: "/templates", headers: map[string]string{"Accept": "text/csv"}}, 406)
	return hs
}

// TestHostileInputBattery sends well over a hundred bad requests: every one
// gets the expected 4xx as problem+json with a useful detail, none a 5xx,
// and the server stays healthy.
func TestHostileInputBattery(t *testing.T) {
	s, logs := newServer(t)
	hs := hostileRequests()
	if len(hs) < 100 {
		t.Fatalf("the battery has %d requests, want at least 100", len(hs))
	}
	for _, h := range hs {
		rec := do(t, s, h.give)
		if rec.Code != h.want {
			t.Errorf("%s: status %d, want %d: %.200s", h.name, rec.Code, h.want, rec.Body)
			continue
		}
		if ct := rec.Header().Get("Content-Type"); ct != "application/problem+json" {
			t.Errorf("%s: Content-Type %q, want application/problem+json", h.name, ct)
			continue
		}
		var p struct {
			Status int    `json:"status"`
			Detail string `json:"detail"`
		}
		if err := json.Unmarshal(rec.Body.Bytes(), &p); err != nil || p.Status != h.want || len(p.Detail) < 10 {
			t.Errorf("%s: problem %+v (%v), want status %d and a useful detail", h.name, p, err, h.want)
		}
	}
	if rec := do(t, s, request{path: "/healthz"}); rec.Code != http.StatusOK {
		t.Errorf("after the battery /healthz = %d, want 200", rec.Code)
	}
	if strings.Contains(logs.String(), `"level":"ERROR"`) {
		t.Errorf("the battery caused an error log:\n%s", logs)
	}
	t.Logf("%d hostile requests, all 4xx problem+json", len(hs))
}
