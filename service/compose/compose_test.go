package compose_test

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"

	"github.com/declinekit/declinekit/service"
	"github.com/declinekit/declinekit/service/checklist"
	"github.com/declinekit/declinekit/service/compose"
	"github.com/declinekit/declinekit/service/library"
)

var asOf = time.Date(2026, 12, 1, 10, 0, 0, 0, time.UTC)

func newComposer(t testing.TB) *compose.Composer {
	t.Helper()
	lib, err := library.Load()
	if err != nil {
		t.Fatal(err)
	}
	return compose.New(lib)
}

func details() compose.Details {
	return compose.Details{
		Company: "Northwind Analytics", Position: "Senior Backend Engineer",
		CandidateName: "Alex Moreno", RecruiterName: "Dana Whitfield",
		RecruiterEmail: "dana@northwind.example", CandidateEmail: "alex@example.com",
	}
}

func at(s string) *time.Time {
	t, err := time.Parse(time.RFC3339, s)
	if err != nil {
		panic(err)
	}
	return &t
}

// leftover reports a token or bracket label left in text.
func leftover(text string) string {
	for _, m := range []string{"{{", "}}", "[Company]", "[Position]", "[Your Name]", "[Recruiter"} {
		if strings.Contains(text, m) {
			return m
		}
	}
	return ""
}

func TestComposeEveryTemplate(t *testing.T) {
	c := newComposer(t)
	for _, ch := range library.Channels {
		for _, r := range library.Reasons {
			for _, tn := range library.Tones {
				id := fmt.Sprintf("%s.%s.%s", ch, r, tn)
				t.Run(id, func(t *testing.T) {
					d, err := c.Compose(compose.Request{Channel: ch, Reason: r, Tone: tn, Details: details(),
						Options: compose.Options{KeepDoorOpen: true, ConnectOnLinkedIn: true, AsOf: asOf}})
					if err != nil {
						t.Fatalf("Compose(%s) error = %v", id, err)
					}
					if d.TemplateID != id || d.TemplateVersion == "" || d.Channel != ch || d.Lang != "en" {
						t.Errorf("Compose(%s) = template %s@%s channel %s lang %s", id, d.TemplateID, d.TemplateVersion, d.Channel, d.Lang)
					}
					all := d.Subject + d.Body + d.Text()
					if d.FollowUp != nil {
						all += d.FollowUp.Subject + d.FollowUp.Body
					}
					if d.LinkedInNote != nil {
						all += d.LinkedInNote.Text
					}
					if m := leftover(all); m != "" {
						t.Errorf("Compose(%s) left %q in the output", id, m)
					}
					if got, want := d.Subject != "", ch != library.LinkedIn; got != want {
						t.Errorf("Compose(%s) has subject %v, want %v", id, got, want)
					}
					if got, want := d.FollowUp != nil, ch == library.Phone; got != want {
						t.Errorf("Compose(%s) has follow-up %v, want %v", id, got, want)
					}
					if d.LinkedInNote == nil || d.LinkedInNote.Characters > 200 || d.LinkedInNote.Limit != 200 {
						t.Errorf("Compose(%s) LinkedIn note = %+v, want one within 200", id, d.LinkedInNote)
					}
					if got, want := d.HasEmail(), ch != library.LinkedIn; got != want {
						t.Errorf("Compose(%s) HasEmail = %v, want %v", id, got, want)
					}
					var ids []string
					for _, e := range d.Checklist {
						ids = append(ids, e.ID)
						if e.Detail == "" {
							t.Errorf("checklist %s has no detail", e.ID)
						}
					}
					if diff := cmp.Diff(checklist.IDs, ids); diff != "" {
						t.Errorf("checklist ids (-want +got):\n%s", diff)
					}
					if d.Stats.Characters < 100 || d.Stats.Words < 20 {
						t.Errorf("stats = %+v", d.Stats)
					}
				})
			}
		}
	}
}

func TestComposeChoosesTemplate(t *testing.T) {
	c := newComposer(t)
	tests := []struct {
		name      string
		give      compose.Request
		wantID    string
		wantField string
	}{
		{"ok, defaults", compose.Request{}, "email.none.formal", ""},
		{"ok, channel only", compose.Request{Channel: library.Phone}, "phone.none.formal", ""},
		{"ok, template id", compose.Request{TemplateID: "linkedin.timing.warm"}, "linkedin.timing.warm", ""},
		{"ok, template id with matching fields", compose.Request{TemplateID: "linkedin.timing.warm", Channel: library.LinkedIn, Reason: library.Timing, Tone: library.Warm}, "linkedin.timing.warm", ""},
		{"ok, inline", compose.Request{Inline: &compose.Inline{Subject: "Re: [Position]", Body: "Dear [Recruiter’s Name], thank you. I decline. {{candidate_name}}"}}, compose.InlineID, ""},
		{"nok, both template and template id", compose.Request{TemplateID: "email.none.formal", Inline: &compose.Inline{Subject: "s", Body: "b"}}, "", "template"},
		{"nok, unknown template id", compose.Request{TemplateID: "email.none.rude"}, "", "template_id"},
		{"nok, contradicting channel", compose.Request{TemplateID: "email.none.formal", Channel: library.Phone}, "", "channel"},
		{"nok, contradicting tone", compose.Request{TemplateID: "email.none.formal", Tone: library.Warm}, "", "tone"},
		{"nok, contradicting reason", compose.Request{TemplateID: "email.none.formal", Reason: library.Location}, "", "reason"},
		{"nok, inline email without subject", compose.Request{Inline: &compose.Inline{Body: "Thanks, I decline."}}, "", "template.subject"},
		{"nok, inline with unknown token", compose.Request{Inline: &compose.Inline{Subject: "s", Body: "Dear {{hiring_manager}}"}}, "", "template.body"},
		{"nok, inline with a reason detail", compose.Request{Inline: &compose.Inline{Subject: "s", Body: "b"}, Details: compose.Details{ReasonDetail: "I moved."}}, "", "details.reason_detail"},
		{"nok, inline with unknown label", compose.Request{Inline: &compose.Inline{Subject: "[Date]", Body: "Hi"}}, "", "template.subject"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			reasonDetail := tt.give.Details.ReasonDetail
			tt.give.Details = details()
			tt.give.Details.ReasonDetail = reasonDetail
			tt.give.Options.AsOf = asOf
			d, err := c.Compose(tt.give)
			if tt.wantField != "" {
				var se *service.Error
				if err == nil || service.ErrorKind(err) != service.KindInvalid {
					t.Fatalf("Compose() error = %v, want invalid", err)
				}
				se = err.(*service.Error)
				if len(se.Fields) == 0 || se.Fields[0].Field != tt.wantField {
					t.Errorf("Compose() fields = %+v, want %s first", se.Fields, tt.wantField)
				}
				return
			}
			if err != nil {
				t.Fatalf("Compose() error = %v", err)
			}
			if d.TemplateID != tt.wantID {
				t.Errorf("Compose() template = %s, want %s", d.TemplateID, tt.wantID)
			}
		})
	}
}

func TestComposeInline(t *testing.T) {
	c := newComposer(t)
	d, err := c.Compose(compose.Request{
		Inline: &compose.Inline{
			Subject: "Interview for [Position] - [Your Name]",
			Body:    "Dear [Recruiter's Name],\n\nThank you for considering me for the {{position}} at [company]. I must decline.\n\nBest regards,\n[Your Name]",
		},
		Details: details(),
		Options: compose.Options{KeepDoorOpen: true, AsOf: asOf},
	})
	if err != nil {
		t.Fatal(err)
	}
	wantSubject := "Interview for Senior Backend Engineer - Alex Moreno"
	wantBody := "Dear Dana Whitfield,\n\nThank you for considering me for the Senior Backend Engineer at Northwind Analytics. I must decline.\n\nBest regards,\nAlex Moreno"
	if d.Subject != wantSubject || d.Body != wantBody {
		t.Errorf("inline draft = %q / %q, want %q / %q", d.Subject, d.Body, wantSubject, wantBody)
	}
	if d.TemplateID != "inline" || len(d.TemplateVersion) != 12 {
		t.Errorf("template = %s@%s, want inline with a version", d.TemplateID, d.TemplateVersion)
	}
}

func TestComposeValuesAreData(t *testing.T) {
	c := newComposer(t)
	det := details()
	det.Company = "{{candidate_name}} & [Your Name]"
	det.RecruiterName = "<script>alert(1)</script>"
	for _, req := range []compose.Request{
		{Channel: library.Email, Details: det},
		{Inline: &compose.Inline{Subject: "[Company]", Body: "Hi [Recruiter's Name], {{company}}"}, Details: det},
	} {
		req.Options.AsOf = asOf
		d, err := c.Compose(req)
		if err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(d.Body, det.Company) || strings.Count(d.Body, "Alex Moreno") > 1 {
			t.Errorf("the company value was expanded: %q", d.Body)
		}
		if strings.Contains(d.HTML(), "<script>") || !strings.Contains(d.HTML(), "&lt;script&gt;") {
			t.Errorf("HTML() does not escape the recruiter name: %q", d.HTML())
		}
	}
}

func TestComposeTiming(t *testing.T) {
	c := newComposer(t)
	tests := []struct {
		name       string
		interview  *time.Time
		invited    *time.Time
		wantAdvice []string
		wantStatus compose.Status
		wantInBody string
		wantField  string
	}{
		{"ok, no dates, no timing advice", nil, nil, nil, compose.AdviceStatus, "", ""},
		{"ok, interview next week", at("2026-12-08T10:00:00Z"), at("2026-11-30T10:00:00Z"), nil, compose.AdviceStatus, "", ""},
		{"ok, interview tomorrow morning", at("2026-12-02T09:00:00Z"), nil, []string{compose.AdviceCallFirst}, compose.AdviceStatus, "", ""},
		{"ok, invitation a week old", nil, at("2026-11-24T10:00:00Z"), []string{compose.AdviceLateReply}, compose.Met, "patience", ""},
		{"ok, both", at("2026-12-01T15:00:00Z"), at("2026-11-20T10:00:00Z"), []string{compose.AdviceCallFirst, compose.AdviceLateReply}, compose.AdviceStatus, "patience", ""},
		{"nok, interview in the past", at("2026-11-30T10:00:00Z"), nil, nil, "", "", "options.interview_at"},
		{"nok, invitation in the future", nil, at("2026-12-02T10:00:00Z"), nil, "", "", "options.invited_at"},
		{"nok, invited after the interview", at("2026-12-03T10:00:00Z"), at("2026-12-04T10:00:00Z"), nil, "", "", "options.invited_at"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d, err := c.Compose(compose.Request{Details: details(), Options: compose.Options{
				KeepDoorOpen: true, InterviewAt: tt.interview, InvitedAt: tt.invited, AsOf: asOf}})
			if tt.wantField != "" {
				se, ok := err.(*service.Error)
				if !ok || se.Kind != service.KindInvalid || se.Fields[0].Field != tt.wantField {
					t.Fatalf("Compose() error = %v, want invalid %s", err, tt.wantField)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			var codes []string
			for _, a := range d.Advice {
				if a.Code == compose.AdviceCallFirst || a.Code == compose.AdviceLateReply {
					codes = append(codes, a.Code)
				}
			}
			if diff := cmp.Diff(tt.wantAdvice, codes, cmpopts.EquateEmpty()); diff != "" {
				t.Errorf("timing advice (-want +got):\n%s", diff)
			}
			if got := d.Checklist[1].Status; got != tt.wantStatus {
				t.Errorf("respond_promptly = %s, want %s", got, tt.wantStatus)
			}
			if tt.wantInBody != "" && !strings.Contains(d.Body, tt.wantInBody) {
				t.Errorf("body lacks %q:\n%s", tt.wantInBody, d.Body)
			}
		})
	}
}

func TestComposeDoorOpen(t *testing.T) {
	c := newComposer(t)
	open, err := c.Compose(compose.Request{Details: details(), Options: compose.Options{KeepDoorOpen: true, AsOf: asOf}})
	if err != nil {
		t.Fatal(err)
	}
	closed, err := c.Compose(compose.Request{Details: details(), Options: compose.Options{KeepDoorOpen: false, AsOf: asOf}})
	if err != nil {
		t.Fatal(err)
	}
	if len(closed.Body) >= len(open.Body) {
		t.Errorf("without the door-open sentence the body is not shorter:\n%s", closed.Body)
	}
	if open.Checklist[4].Status != compose.Met || closed.Checklist[4].Status != compose.Omitted {
		t.Errorf("keep_door_open = %s / %s, want met / omitted", open.Checklist[4].Status, closed.Checklist[4].Status)
	}
}

func TestComposeLinkedInNote(t *testing.T) {
	c := newComposer(t)
	long := details()
	long.Company = strings.Repeat("Northwind ", 9) + "Ltd"
	long.Position = strings.Repeat("Principal ", 11) + "Engineer"
	long.RecruiterName = "Maximiliana Featherstonehaugh-Worthington"
	long.CandidateName = "Bartholomew Alexander Fitzgerald-Montgomery"
	tests := []struct {
		name      string
		details   compose.Details
		tier      compose.Tier
		wantLimit int
	}{
		{"ok, free", details(), compose.TierFree, 200},
		{"ok, premium", details(), compose.TierPremium, 300},
		{"ok, unset tier is free", details(), "", 200},
		{"ok, long values fall back to a shorter note", long, compose.TierFree, 200},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d, err := c.Compose(compose.Request{Channel: library.LinkedIn, Details: tt.details,
				Options: compose.Options{LinkedInTier: tt.tier, AsOf: asOf}})
			if err != nil {
				t.Fatal(err)
			}
			n := d.LinkedInNote
			if n == nil || n.Limit != tt.wantLimit || n.Characters > n.Limit || n.Characters != len([]rune(n.Text)) {
				t.Errorf("note = %+v, want one within %d", n, tt.wantLimit)
			}
		})
	}
	d, err := c.Compose(compose.Request{Channel: library.Email, Details: details(), Options: compose.Options{AsOf: asOf}})
	if err != nil || d.LinkedInNote != nil {
		t.Errorf("email without connect_on_linkedin has note %+v (%v), want none", d.LinkedInNote, err)
	}
}

func TestComposeIsDeterministic(t *testing.T) {
	c := newComposer(t)
	req := compose.Request{Channel: library.Phone, Reason: library.Location, Tone: library.Warm, Details: details(),
		Options: compose.Options{KeepDoorOpen: true, ConnectOnLinkedIn: true, InterviewAt: at("2026-12-01T20:00:00Z"), AsOf: asOf}}
	a, err := c.Compose(req)
	if err != nil {
		t.Fatal(err)
	}
	b, _ := c.Compose(req)
	if diff := cmp.Diff(a, b, cmp.AllowUnexported(compose.Draft{})); diff != "" {
		t.Errorf("two composes differ (-first +second):\n%s", diff)
	}
	if string(a.EML()) != string(b.EML()) || a.Text() != b.Text() || a.Mailto() != b.Mailto() {
		t.Error("the encodings differ between two composes")
	}
}

func BenchmarkCompose(b *testing.B) {
	c := newComposer(b)
	req := compose.Request{Channel: library.Email, Reason: library.AcceptedOtherOffer, Tone: library.Warm, Details: details(),
		Options: compose.Options{KeepDoorOpen: true, InterviewAt: at("2026-12-03T15:00:00Z"), InvitedAt: at("2026-11-30T09:00:00Z"), AsOf: asOf}}
	b.ReportAllocs()
	for b.Loop() {
		if _, err := c.Compose(req); err != nil {
			b.Fatal(err)
		}
	}
}

func ExampleComposer_Compose() {
	lib, err := library.Load()
	if err != nil {
		panic(err)
	}
	d, err := compose.New(lib).Compose(compose.Request{
		Channel: library.Email, Reason: library.AcceptedOtherOffer, Tone: library.Brief,
		Details: compose.Details{Company: "Acme", Position: "Data Analyst", CandidateName: "Sam Lee", RecruiterName: "Jo Park"},
		Options: compose.Options{KeepDoorOpen: true, AsOf: time.Date(2026, 12, 1, 9, 0, 0, 0, time.UTC)},
	})
	if err != nil {
		panic(err)
	}
	fmt.Println(d.TemplateID)
	fmt.Println(d.Subject)
	// Output:
	// email.accepted_other_offer.brief
	// Data Analyst role – Sam Lee
}
