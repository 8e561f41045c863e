package api_test

import (
	"bytes"
	"encoding/json"
	"flag"
	"io"
	"mime"
	"mime/quotedprintable"
	"net/http"
	"net/http/httptest"
	"net/mail"
	"net/url"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/declinekit/declinekit/api"
	"github.com/declinekit/declinekit/internal/problem"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata")

const asOf = `"as_of":"2026-12-01T10:00:00Z"`

// draftBody builds a POST /drafts body from its top-level fields, details
// and options (JSON fragments without braces).
func draftBody(top, details, options string) string {
	d := `"company":"Northwind Analytics","position":"Senior Backend Engineer","candidate_name":"Alex Moreno"`
	if details != "" {
		d = details
	}
	o := asOf
	if options != "" {
		o = options + "," + asOf
	}
	b := `{"details":{` + d + `},"options":{` + o + `}`
	if top != "" {
		b += "," + top
	}
	return b + "}"
}

func postDraft(t *testing.T, s http.Handler, body, accept string) *httptest.ResponseRecorder {
	t.Helper()
	h := map[string]string{"Content-Type": "application/json"}
	if accept != "" {
		h["Accept"] = accept
	}
	return do(t, s, request{method: http.MethodPost, path: "/drafts", body: body, headers: h})
}

func TestCreateDraftJSON(t *testing.T) {
	s, _ := newServer(t)
	for _, ch := range channels {
		for _, r := range reasons {
			for _, tn := range tones {
				body := draftBody(`"channel":"`+ch+`","reason":"`+r+`","tone":"`+tn+`"`,
					`"company":"Northwind Analytics","position":"Senior Backend Engineer","candidate_name":"Alex Moreno","recruiter_name":"Dana Whitfield","recruiter_email":"dana@northwind.example"`,
					`"connect_on_linkedin":true`)
				rec := postDraft(t, s, body, "")
				if rec.Code != http.StatusOK || rec.Header().Get("Content-Type") != "application/json" {
					t.Fatalf("%s.%s.%s: %d %s %s", ch, r, tn, rec.Code, rec.Header().Get("Content-Type"), rec.Body)
				}
				var d api.DraftResponse
				decode(t, rec, &d)
				id := ch + "." + r + "." + tn
				if d.Template.ID != id || d.Template.Version == "" || d.Channel != ch || d.Lang != "en" {
					t.Errorf("%s: template %+v channel %s", id, d.Template, d.Channel)
				}
				if len(d.Checklist) != 9 || d.Stats.Words == 0 || d.HTML == "" || d.LinkedInNote == nil {
					t.Errorf("%s: incomplete draft %+v", id, d)
				}
				if got, want := d.Mailto != "", ch != "linkedin"; got != want {
					t.Errorf("%s: mailto present %v, want %v", id, got, want)
				}
				if got, want := d.FollowUp != nil, ch == "phone"; got != want {
					t.Errorf("%s: follow_up present %v, want %v", id, got, want)
				}
				if strings.Contains(rec.Body.String(), "{{") {
					t.Errorf("%s: a token is left in %s", id, rec.Body)
				}
			}
		}
	}
}

// golden compares got with testdata/name, or rewrites it with -update.
func golden(t *testing.T, name string, got []byte) {
	t.Helper()
	path := filepath.Join("testdata", "drafts", name)
	if *update {
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test ./api -update to create it)", err)
	}
	if diff := cmp.Diff(string(want), string(got)); diff != "" {
		t.Errorf("%s mismatch (-want +got):\n%s", path, diff)
	}
}

func TestCreateDraftGolden(t *testing.T) {
	s, _ := newServer(t)
	full := `"company":"Northwind Analytics","position":"Senior Backend Engineer","candidate_name":"Alex Moreno","recruiter_name":"Dana Whitfield","recruiter_email":"dana.whitfield@northwind.example","candidate_email":"alex.moreno@example.com"`
	cases := []struct {
		name string
		body string
	}{
		{"email-warm-accepted", draftBody(`"channel":"email","reason":"accepted_other_offer","tone":"warm"`, full, `"interview_at":"2026-12-03T15:00:00Z","invited_at":"2026-11-30T09:00:00Z"`)},
		{"email-formal-short-notice-late", draftBody(`"channel":"email","reason":"compensation","tone":"formal"`, full, `"interview_at":"2026-12-01T16:00:00Z","invited_at":"2026-11-24T09:00:00Z","connect_on_linkedin":true`)},
		{"phone-brief-location", draftBody(`"channel":"phone","reason":"location","tone":"brief"`, full, `"keep_door_open":false`)},
		{"linkedin-warm-none-premium", draftBody(`"template_id":"linkedin.none.warm"`, full, `"linkedin_tier":"premium"`)},
		{"inline-seed-labels", draftBody(`"template":{"subject":"Re: [Position] interview - [Your Name]","body":"Dear [Recruiter’s Name],\n\nThank you for thinking of me for the [Position] role at [Company]. I have decided to decline the interview.\n\nWith thanks,\n[Your Name]"}`, full, "")},
		{"email-unusual-names", draftBody(`"reason":"personal_circumstances","tone":"warm"`, `"company":"Smith & Söhne <GmbH>","position":"Ingénieur·e Données","candidate_name":"Zoë O'Brien-Łukasiewicz","recruiter_name":"山田 太郎","recruiter_email":"yamada@example.jp","reason_detail":"A family matter needs my full attention"`, "")},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			for _, f := range []struct{ accept, ext string }{
				{"application/json", "json"}, {"text/plain", "txt"}, {"message/rfc822", "eml"},
			} {
				rec := postDraft(t, s, tc.body, f.accept)
				if tc.name == "linkedin-warm-none-premium" && f.ext == "eml" {
					wantProblem(t, rec, http.StatusNotAcceptable, problem.TypeNotAcceptable)
					continue
				}
				if rec.Code != http.StatusOK {
					t.Fatalf("Accept %s: status %d: %s", f.accept, rec.Code, rec.Body)
				}
				got := rec.Body.Bytes()
				if f.ext == "json" {
					var pretty bytes.Buffer
					if err := json.Indent(&pretty, got, "", "  "); err != nil {
						t.Fatal(err)
					}
					got = append(pretty.Bytes(), '\n')
				}
				golden(t, tc.name+"."+f.ext, got)
				again := postDraft(t, s, tc.body, f.accept)
				if !bytes.Equal(again.Body.Bytes(), rec.Body.Bytes()) {
					t.Errorf("Accept %s: the same request gave different bytes", f.accept)
				}
			}
		})
	}
}

func TestCreateDraftFormats(t *testing.T) {
	s, _ := newServer(t)
	body := draftBody(`"reason":"timing"`, `"company":"Acme","position":"Analyst","candidate_name":"Sam Lee","recruiter_name":"Jo Park","recruiter_email":"jo@acme.example","candidate_email":"sam@example.com"`, "")
	var d api.DraftResponse
	decode(t, postDraft(t, s, body, ""), &d)

	rec := postDraft(t, s, body, "text/plain")
	if ct := rec.Header().Get("Content-Type"); ct != "text/plain; charset=UTF-8" {
		t.Errorf("text Content-Type = %q", ct)
	}
	if want := d.Subject + "\n\n" + d.Body + "\n"; rec.Body.String() != want {
		t.Errorf("text body = %q, want %q", rec.Body, want)
	}

	rec = postDraft(t, s, body, "message/rfc822")
	if ct := rec.Header().Get("Content-Type"); ct != "message/rfc822" {
		t.Errorf("eml Content-Type = %q", ct)
	}
	if cd := rec.Header().Get("Content-Disposition"); cd != `attachment; filename="decline-email.timing.formal.eml"` {
		t.Errorf("Content-Disposition = %q", cd)
	}
	if bytes.Contains(bytes.ReplaceAll(rec.Body.Bytes(), []byte("\r\n"), nil), []byte("\n")) {
		t.Error("the .eml has bare LF line endings")
	}
	msg, err := mail.ReadMessage(rec.Body)
	if err != nil {
		t.Fatal(err)
	}
	subject, _ := new(mime.WordDecoder).DecodeHeader(msg.Header.Get("Subject"))
	if subject != d.Subject || msg.Header.Get("X-Unsent") != "1" {
		t.Errorf("eml Subject %q X-Unsent %q, want %q and 1", subject, msg.Header.Get("X-Unsent"), d.Subject)
	}
	for h, want := range map[string]string{"To": "jo@acme.example", "From": "sam@example.com"} {
		a, err := msg.Header.AddressList(h)
		if err != nil || len(a) != 1 || a[0].Address != want {
			t.Errorf("eml %s = %v %v, want %s", h, a, err, want)
		}
	}
	if date, err := msg.Header.Date(); err != nil || date.UTC().Format("2006-01-02T15:04:05Z") != "2026-12-01T10:00:00Z" {
		t.Errorf("eml Date = %v %v, want as_of", date, err)
	}

	u, err := url.Parse(d.Mailto)
	if err != nil {
		t.Fatal(err)
	}
	q, _ := url.ParseQuery(u.RawQuery)
	if u.Opaque != "jo@acme.example" || q.Get("subject") != d.Subject || q.Get("body") != strings.ReplaceAll(d.Body, "\n", "\r\n") {
		t.Errorf("mailto does not round-trip: %s", d.Mailto)
	}
	if strings.Contains(d.Mailto, "+") || !strings.Contains(d.Mailto, "%20") || !strings.Contains(d.Mailto, "%0D%0A") {
		t.Errorf("mailto does not use %%20 and %%0D%%0A: %s", d.Mailto)
	}

	for _, f := range []string{"", "text/plain", "message/rfc822"} {
		rec := postDraft(t, s, body, f)
		if rec.Header().Get("X-Template-Id") != d.Template.ID || rec.Header().Get("X-Template-Version") != d.Template.Version {
			t.Errorf("Accept %q: X-Template-Id %q, X-Template-Version %q; want %s, %s", f, rec.Header().Get("X-Template-Id"), rec.Header().Get("X-Template-Version"), d.Template.ID, d.Template.Version)
		}
	}

	// A client's own template is named by its own id and version, and the
	// built-in template's prepared values are not disturbed by it.
	inline := postDraft(t, s, draftBody(`"template":{"subject":"Re: [Position]","body":"Dear [Recruiter's Name], I withdraw. [Your Name]"}`, "", ""), "")
	var own api.DraftResponse
	if err := json.Unmarshal(inline.Body.Bytes(), &own); err != nil {
		t.Fatal(err)
	}
	if own.Template.ID == d.Template.ID || inline.Header().Get("X-Template-Id") != own.Template.ID || inline.Header().Get("X-Template-Version") != own.Template.Version {
		t.Errorf("inline template: X-Template-Id %q, X-Template-Version %q; want %s, %s", inline.Header().Get("X-Template-Id"), inline.Header().Get("X-Template-Version"), own.Template.ID, own.Template.Version)
	}
	if rec := postDraft(t, s, body, ""); rec.Header().Get("X-Template-Id") != d.Template.ID || rec.Header().Get("X-Template-Version") != d.Template.Version {
		t.Errorf("after an inline template: X-Template-Id %q, X-Template-Version %q", rec.Header().Get("X-Template-Id"), rec.Header().Get("X-Template-Version"))
	}

	wantProblem(t, postDraft(t, s, body, "image/png"), http.StatusNotAcceptable, problem.TypeNotAcceptable)
	wantProblem(t, postDraft(t, s, draftBody(`"channel":"linkedin"`, "", ""), "message/rfc822"), http.StatusNotAcceptable, problem.TypeNotAcceptable)
	if rec := postDraft(t, s, body, "message/rfc822;q=0.5, text/plain;q=0.9"); rec.Header().Get("Content-Type") != "text/plain; charset=UTF-8" {
		t.Errorf("q-values: got %s, want text/plain", rec.Header().Get("Content-Type"))
	}
}

// TestCreateDraftUnusualNames composes with names people really have, in all
// three formats, and reads each answer back with a parser.
func TestCreateDraftUnusualNames(t *testing.T) {
	s, _ := newServer(t)
	names := []struct{ company, position, candidate, recruiter string }{
		{"Café Müller GmbH", "Développeur·se Backend", "Zoë Ñandú", "José Álvarez"},
		{"O'Reilly & Sons", "Head of R&D <Platform>", "Seán O'Connor-Ní Bhriain", "D'Angelo"},
		{"株式会社サンプル", "ソフトウェアエンジニア", "山田太郎", "佐藤花子"},
		{"شركة المثال", "مهندس برمجيات", "ليلى حسن", "عمر خالد"},
		{"Ωmega \"Quoted\" Labs", "Engineer, Level 3; Remote", "Anne-Marie Saint-Éxupéry", "Jean-Luc Picard-Smith"},
		{"{{company}} Ltd", "[Position] Lead", "[Your Name]", "{{recruiter_name}}"},
		{"<script>alert(1)</script>", "Eng&amp;", "Bob 🚀 Smith", "Ada\\Lovelace"},
	}
	for _, n := range names {
		for _, ch := range channels {
			details, _ := json.Marshal(map[string]string{"company": n.company, "position": n.position, "candidate_name": n.candidate,
				"recruiter_name": n.recruiter, "recruiter_email": "r@example.com"})
			body := `{"channel":"` + ch + `","details":` + string(details) + `,"options":{"connect_on_linkedin":true,` + asOf + `}}`
			rec := postDraft(t, s, body, "")
			if rec.Code != http.StatusOK {
				t.Fatalf("%s %+v: %d %s", ch, n, rec.Code, rec.Body)
			}
			var d api.DraftResponse
			decode(t, rec, &d)
			if !strings.Contains(d.Body, n.company) || !strings.Contains(d.Body, n.candidate) {
				t.Errorf("%s: the values are not in the body verbatim:\n%s", ch, d.Body)
			}
			if strings.Contains(d.HTML, "<script") || strings.Contains(d.HTML, "<Platform>") {
				t.Errorf("%s: unescaped markup in html: %s", ch, d.HTML)
			}
			if d.LinkedInNote == nil || d.LinkedInNote.Characters > d.LinkedInNote.Limit {
				t.Errorf("%s: note %+v over its limit", ch, d.LinkedInNote)
			}
			if ch == "linkedin" {
				continue
			}
			u, err := url.Parse(d.Mailto)
			if err != nil {
				t.Fatalf("%s: mailto does not parse: %v", ch, err)
			}
			if q, _ := url.ParseQuery(u.RawQuery); q.Get("subject") != d.Subject {
				t.Errorf("%s: mailto subject %q, want %q", ch, q.Get("subject"), d.Subject)
			}
			eml := postDraft(t, s, body, "message/rfc822")
			msg, err := mail.ReadMessage(eml.Body)
			if err != nil {
				t.Fatalf("%s: eml does not parse: %v", ch, err)
			}
			subject, err := new(mime.WordDecoder).DecodeHeader(msg.Header.Get("Subject"))
			if err != nil || subject != d.Subject {
				t.Errorf("%s: eml subject %q (%v), want %q", ch, subject, err, d.Subject)
			}
			to, err := msg.Header.AddressList("To")
			if err != nil || len(to) != 1 || to[0].Name != n.recruiter {
				t.Errorf("%s: eml To = %v (%v), want the name %q", ch, to, err, n.recruiter)
			}
			raw, _ := io.ReadAll(quotedprintable.NewReader(msg.Body))
			wantBody := d.Body
			if d.FollowUp != nil {
				wantBody = d.FollowUp.Body
			}
			if strings.TrimRight(string(raw), "\r\n") != strings.ReplaceAll(wantBody, "\n", "\r\n") {
				t.Errorf("%s: eml body differs from the draft", ch)
			}
			var keys []string
			for k := range msg.Header {
				keys = append(keys, k)
			}
			sort.Strings(keys)
			if want := "Content-Transfer-Encoding Content-Type Date Mime-Version Subject To X-Unsent"; strings.Join(keys, " ") != want {
				t.Errorf("%s: eml headers %v, want %s", ch, keys, want)
			}
		}
	}
}

func TestCreateDraftRejects(t *testing.T) {
	s, _ := newServer(t)
	long := strings.Repeat("x", 121)
	tests := []struct {
		name       string
		body       string
		wantStatus int
		wantFields []string
	}{
		{"nok, no details", `{"options":{` + asOf + `}}`, 422, []string{"details.company", "details.position", "details.candidate_name"}},
		{"nok, empty details", draftBody("", `"company":"","position":"","candidate_name":""`, ""), 422, []string{"details.company", "details.position", "details.candidate_name"}},
		{"nok, bad email", draftBody("", `"company":"A","position":"B","candidate_name":"C","recruiter_email":"dana at example"`, ""), 422, []string{"details.recruiter_email"}},
		{"nok, header injection in an email", draftBody("", `"company":"A","position":"B","candidate_name":"C","candidate_email":"a@b.com\r\nBcc: x@y.z"`, ""), 422, []string{"details.candidate_email"}},
		{"nok, line break in a name", draftBody("", `"company":"A","position":"B","candidate_name":"Alex\nBcc: spy@evil.example"`, ""), 422, []string{"details.candidate_name"}},
		{"nok, line break in the company", draftBody("", `"company":"Acme\r\nX-Evil: 1","position":"B","candidate_name":"C"`, ""), 422, []string{"details.company"}},
		{"nok, bidi override in a name", draftBody("", `"company":"A","position":"B","candidate_name":"Alex \u202egnp.exe"`, ""), 422, []string{"details.candidate_name"}},
		{"nok, position too long", draftBody("", `"company":"A","position":"`+long+`","candidate_name":"C"`, ""), 422, []string{"details.position"}},
		{"nok, reason detail too long", draftBody("", `"company":"A","position":"B","candidate_name":"C","reason_detail":"`+strings.Repeat("y", 201)+`"`, ""), 422, []string{"details.reason_detail"}},
		{"nok, unknown channel reason and tone", draftBody(`"channel":"fax","reason":"bored","tone":"rude"`, "", ""), 422, []string{"channel", "reason", "tone"}},
		{"nok, unsupported lang", draftBody(`"lang":"fr"`, "", ""), 422, []string{"lang"}},
		{"nok, bad tier", draftBody("", "", `"linkedin_tier":"gold"`), 422, []string{"options.linkedin_tier"}},
		{"nok, bad date", draftBody("", "", `"interview_at":"tomorrow"`), 422, []string{"options.interview_at"}},
		{"nok, interview in the past", draftBody("", "", `"interview_at":"2026-11-30T10:00:00Z"`), 422, []string{"options.interview_at"}},
		{"nok, template and template_id", draftBody(`"template_id":"email.none.formal","template":{"subject":"s","body":"b"}`, "", ""), 422, []string{"template"}},
		{"nok, unknown template id", draftBody(`"template_id":"email.none.rude"`, "", ""), 422, []string{"template_id"}},
		{"nok, contradicting channel", draftBody(`"template_id":"email.none.formal","channel":"phone"`, "", ""), 422, []string{"channel"}},
		{"nok, unknown token and label", draftBody(`"template":{"subject":"[Date]","body":"Dear {{hiring_manager}}"}`, "", ""), 422, []string{"template.subject", "template.body"}},
		{"nok, inline template without body", draftBody(`"template":{"subject":"s"}`, "", ""), 422, []string{"template.body"}},
		{"nok, inline email without subject", draftBody(`"template":{"body":"Thank you, but I decline."}`, "", ""), 422, []string{"template.subject"}},
		{"nok, blank required values", draftBody("", `"company":"  ","position":"\t","candidate_name":" "`, ""), 422, []string{"details.company", "details.position", "details.candidate_name"}},
		{"nok, blank inline body", draftBody(`"template":{"subject":"s","body":"   "}`, "", ""), 422, []string{"template.body"}},
		{"nok, non-ASCII email", draftBody("", `"company":"A","position":"B","candidate_name":"C","recruiter_email":"zoë@exämple.com"`, ""), 422, []string{"details.recruiter_email"}},
		{"nok, quoted email", draftBody("", `"company":"A","position":"B","candidate_name":"C","recruiter_email":"\"x y\"@b.com"`, ""), 422, []string{"details.recruiter_email"}},
		{"nok, email with a display name", draftBody("", `"company":"A","position":"B","candidate_name":"C","recruiter_email":"Dana <d@b.com>"`, ""), 422, []string{"details.recruiter_email"}},
		{"nok, date out of range", draftBody("", "", `"invited_at":"0001-01-01T00:00:00Z"`), 422, []string{"options.invited_at"}},
		{"nok, reason detail with an inline template", draftBody(`"template":{"subject":"s","body":"b"}`, `"company":"A","position":"B","candidate_name":"C","reason_detail":"I moved."`, ""), 422, []string{"details.reason_detail"}},
		{"nok, wrong type", draftBody(`"channel":1`, "", ""), 400, []string{"channel"}},
		{"nok, field name in another case", draftBody(`"CHANNEL":"phone"`, "", ""), 400, []string{"CHANNEL"}},
		{"nok, unknown nested option", draftBody("", "", `"keepDoorOpen":false`), 400, []string{"options.keepDoorOpen"}},
		{"nok, details twice", `{"details":{"company":"A","position":"B","candidate_name":"C"},"details":{"company":"X","position":"Y","candidate_name":"Z"}}`, 400, []string{"details"}},
		{"nok, keep_door_open as a string", draftBody("", "", `"keep_door_open":"yes"`), 400, []string{"options.keep_door_open"}},
		{"nok, unknown field", draftBody(`"urgency":"high"`, "", ""), 400, []string{"urgency"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rec := postDraft(t, s, tt.body, "")
			typ := problem.TypeValidation
			if tt.wantStatus == 400 {
				typ = problem.TypeInvalidJSON
			}
			p := wantProblem(t, rec, tt.wantStatus, typ)
			var fields []string
			for _, f := range p.Errors {
				fields = append(fields, f.Field)
			}
			if diff := cmp.Diff(tt.wantFields, fields); diff != "" {
				t.Errorf("error fields (-want +got):\n%s\n%s", diff, rec.Body)
			}
		})
	}
}

// TestRequestExamples posts every request example the OpenAPI document
// shows: each must be a valid request as it stands.
func TestRequestExamples(t *testing.T) {
	s, _ := newServer(t)
	var doc struct {
		Paths map[string]map[string]struct {
			OperationID string `json:"operationId"`
			RequestBody struct {
				Content map[string]struct {
					Example json.RawMessage `json:"example"`
				} `json:"content"`
			} `json:"requestBody"`
		} `json:"paths"`
	}
	decode(t, do(t, s, request{path: "/openapi.json"}), &doc)
	n := 0
	for path, ops := range doc.Paths {
		for method, op := range ops {
			mt, ok := op.RequestBody.Content["application/json"]
			if !ok {
				continue
			}
			if len(mt.Example) == 0 {
				t.Errorf("%s %s (%s) has no request example; add api/examples/%s.json", method, path, op.OperationID, op.OperationID)
				continue
			}
			n++
			rec := do(t, s, request{method: strings.ToUpper(method), path: path, body: string(mt.Example),
				headers: map[string]string{"Content-Type": "application/json"}})
			if rec.Code != http.StatusOK {
				t.Errorf("%s %s with its documented example = %d: %s", method, path, rec.Code, rec.Body)
			}
		}
	}
	if n == 0 {
		t.Error("the document has no request examples")
	}
}
