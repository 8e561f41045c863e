package api_test

import (
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/declinekit/declinekit/api"
	"github.com/declinekit/declinekit/internal/problem"
)

func postReview(t *testing.T, s http.Handler, body string) *httptest.ResponseRecorder {
	t.Helper()
	return do(t, s, request{method: http.MethodPost, path: "/checklist/review", body: body,
		headers: map[string]string{"Content-Type": "application/json"}})
}

func reviewBody(t *testing.T, fields map[string]string) string {
	t.Helper()
	b, err := json.Marshal(fields)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

var reviewCheckIDs = []string{"placeholders_filled", "greeting", "gratitude", "clear_decline", "brief_reason",
	"door_open", "courteous", "sign_off", "length", "subject"}

func TestReviewMessage(t *testing.T) {
	s, _ := newServer(t)
	good := "Dear Dana,\n\nThank you for the invitation to interview for the Analyst role. I have accepted another offer, so I am withdrawing my application.\n\nI would be glad to stay in touch.\n\nKind regards,\nSam Lee"
	tests := []struct {
		name        string
		give        map[string]string
		wantVerdict string
		wantStatus  map[string]string
	}{
		{"ok, a good email", map[string]string{"channel": "email", "subject": "Analyst interview", "message": good}, "ready",
			map[string]string{"gratitude": "pass", "clear_decline": "pass", "door_open": "pass", "subject": "pass"}},
		{"nok, placeholders left", map[string]string{"channel": "email", "subject": "Interview for [Position]", "message": strings.ReplaceAll(good, "Dana", "[Recruiter’s Name]")}, "revise",
			map[string]string{"placeholders_filled": "fail"}},
		{"nok, rude", map[string]string{"channel": "email", "subject": "No", "message": "Hi,\n\nThanks, but frankly your process was a waste of my time and I decline.\n\nSam"}, "revise",
			map[string]string{"courteous": "fail"}},
		{"nok, no decline", map[string]string{"channel": "email", "subject": "Re: interview", "message": "Hi Dana,\n\nThanks for reaching out. Maybe another time?\n\nBest,\nSam"}, "revise",
			map[string]string{"clear_decline": "fail"}},
		{"ok, connection note", map[string]string{"channel": "linkedin_note", "message": "Hi Dana, thank you for thinking of me for the Analyst role. I'd be glad to stay connected. Best, Sam"}, "ready",
			map[string]string{"clear_decline": "not_applicable", "subject": "not_applicable", "length": "pass"}},
		{"nok, note too long for free", map[string]string{"channel": "linkedin_note", "message": strings.Repeat("Thank you so much for everything. ", 7) + "Let's stay connected. Sam"}, "revise",
			map[string]string{"length": "fail"}},
		{"ok, same note on premium", map[string]string{"channel": "linkedin_note", "linkedin_tier": "premium", "message": "Hi Dana, " + strings.Repeat("thank you so much for everything. ", 6) + "Let's stay connected. Best, Sam"}, "ready",
			map[string]string{"length": "pass"}},
		{"ok, phone script", map[string]string{"channel": "phone", "message": "Hi Dana, this is Sam. Thank you for the invitation. I'm calling to let you know I'm withdrawing from the process. I'd be glad to stay in touch. Thanks again, goodbye."}, "ready",
			map[string]string{"subject": "not_applicable", "length": "not_applicable"}},
		{"nok, subject with a line break", map[string]string{"channel": "email", "subject": "Analyst\r\nBcc: x@y.z", "message": good}, "revise",
			map[string]string{"subject": "fail"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rec := postReview(t, s, reviewBody(t, tt.give))
			if rec.Code != http.StatusOK {
				t.Fatalf("status = %d: %s", rec.Code, rec.Body)
			}
			var res api.ReviewResponse
			decode(t, rec, &res)
			if res.Verdict != tt.wantVerdict {
				t.Errorf("verdict = %s, want %s: %+v", res.Verdict, tt.wantVerdict, res.Checks)
			}
			if res.Score < 0 || res.Score > 100 || res.Stats.Characters == 0 || res.Stats.Words == 0 || res.Stats.Sentences == 0 {
				t.Errorf("score %d stats %+v", res.Score, res.Stats)
			}
			var ids []string
			for _, c := range res.Checks {
				ids = append(ids, c.ID)
				if c.ChecklistItem == "" || c.Message == "" {
					t.Errorf("check %s lacks its checklist item or message: %+v", c.ID, c)
				}
				if want, ok := tt.wantStatus[c.ID]; ok && c.Status != want {
					t.Errorf("check %s = %s (%s), want %s", c.ID, c.Status, c.Message, want)
				}
				if c.Evidence != "" && !strings.Contains(tt.give["message"]+tt.give["subject"], c.Evidence) {
					t.Errorf("check %s evidence %q is not a quote of the message", c.ID, c.Evidence)
				}
			}
			if strings.Join(ids, ",") != strings.Join(reviewCheckIDs, ",") {
				t.Errorf("check ids = %v, want %v", ids, reviewCheckIDs)
			}
		})
	}
}

func TestReviewRejects(t *testing.T) {
	s, _ := newServer(t)
	tests := []struct {
		name       string
		body       string
		wantStatus int
		wantFields []string
	}{
		{"nok, no channel or message", `{}`, 422, []string{"channel", "message"}},
		{"nok, unknown channel", `{"channel":"fax","message":"Thanks, I decline."}`, 422, []string{"channel"}},
		{"nok, blank message", `{"channel":"email","message":"   "}`, 422, []string{"message"}},
		{"nok, message too long", `{"channel":"email","message":"` + strings.Repeat("a", 10001) + `"}`, 422, []string{"message"}},
		{"nok, bad tier", `{"channel":"linkedin_note","message":"Thanks","linkedin_tier":"gold"}`, 422, []string{"linkedin_tier"}},
		{"nok, control character", `{"channel":"email","message":"Thanks\u0000 I decline"}`, 422, []string{"message"}},
		{"nok, wrong type", `{"channel":"email","message":42}`, 400, []string{"message"}},
		{"nok, unknown field", `{"channel":"email","message":"x","tone":"warm"}`, 400, []string{"tone"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			typ := problem.TypeValidation
			if tt.wantStatus == 400 {
				typ = problem.TypeInvalidJSON
			}
			p := wantProblem(t, postReview(t, s, tt.body), tt.wantStatus, typ)
			var fields []string
			for _, f := range p.Errors {
				fields = append(fields, f.Field)
			}
			if strings.Join(fields, ",") != strings.Join(tt.wantFields, ",") {
				t.Errorf("fields = %v, want %v", fields, tt.wantFields)
			}
		})
	}
}

// TestDraftsReviewReadyOverHTTP composes a draft with POST /drafts and
// reviews it with POST /checklist/review, as a client would.
func TestDraftsReviewReadyOverHTTP(t *testing.T) {
	s, _ := newServer(t)
	for _, ch := range channels {
		var d api.DraftResponse
		decode(t, postDraft(t, s, draftBody(`"channel":"`+ch+`","reason":"career_goals","tone":"warm"`, "", `"connect_on_linkedin":true`), ""), &d)
		for _, in := range []map[string]string{
			{"channel": ch, "subject": d.Subject, "message": d.Body},
			{"channel": "linkedin_note", "message": d.LinkedInNote.Text},
		} {
			if in["channel"] != "email" {
				delete(in, "subject")
			}
			var res api.ReviewResponse
			decode(t, postReview(t, s, reviewBody(t, in)), &res)
			if res.Verdict != "ready" {
				t.Errorf("%s draft reviewed as %s: %+v", in["channel"], res.Verdict, res.Checks)
			}
		}
	}
}
