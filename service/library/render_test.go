package library_test

import (
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/declinekit/declinekit/service/library"
)

func mustGet(t testing.TB, lib *library.Library, id string) *library.Template {
	t.Helper()
	tpl, ok := lib.Get(id)
	if !ok {
		t.Fatalf("Get(%q) found nothing", id)
	}
	return tpl
}

func TestRenderOptions(t *testing.T) {
	lib := mustLoad(t)
	v := exampleValues(t, lib)
	const (
		doorOpen    = "I think highly of Northwind Analytics and would be glad to hear from you if a suitable opening arises in the future."
		shortNotice = "As the interview is scheduled so soon, I wanted to let you know at once so that the time can be offered to another candidate."
		lateReply   = "I apologize for the delay in my reply and appreciate your patience."
	)
	tpl := mustGet(t, lib, "email.accepted_other_offer.formal")
	tests := []struct {
		name        string
		give        library.Options
		wantIn      []string
		wantMissing []string
	}{
		{"door open", library.Options{KeepDoorOpen: true}, []string{doorOpen}, []string{shortNotice, lateReply}},
		{"zero options", library.Options{}, nil, []string{doorOpen, shortNotice, lateReply}},
		{"short notice", library.Options{ShortNotice: true}, []string{shortNotice}, []string{doorOpen, lateReply}},
		{"late reply", library.Options{LateReply: true}, []string{lateReply}, []string{doorOpen, shortNotice}},
		{"everything", library.Options{KeepDoorOpen: true, ShortNotice: true, LateReply: true}, []string{doorOpen, shortNotice, lateReply}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := tpl.Render(v, tt.give).Body
			for _, s := range tt.wantIn {
				if !strings.Contains(got, s) {
					t.Errorf("Render(%+v).Body = %q, want it to contain %q", tt.give, got, s)
				}
			}
			for _, s := range tt.wantMissing {
				if strings.Contains(got, s) {
					t.Errorf("Render(%+v).Body = %q, want it without %q", tt.give, got, s)
				}
			}
		})
	}
	t.Run("door open off keeps the closing line", func(t *testing.T) {
		got := tpl.Render(v, library.Options{}).Body
		want := "\n\nThank you again for your help, and I wish you every success in filling the role.\n\nKind regards,\nAlex Moreno"
		if !strings.HasSuffix(got, want) {
			t.Errorf("Render(%+v).Body = %q, want it to end with %q", library.Options{}, got, want)
		}
	})
}

// TestRenderOptionsEverywhere checks that every option changes every
// template, and only the outputs it should.
func TestRenderOptionsEverywhere(t *testing.T) {
	lib := mustLoad(t)
	v := exampleValues(t, lib)
	base := library.Options{KeepDoorOpen: true}
	for _, tpl := range lib.All() {
		want := tpl.Render(v, base)
		tests := []struct {
			name   string
			give   library.Options
			longer bool
		}{
			{"door open off", library.Options{}, false},
			{"short notice", library.Options{KeepDoorOpen: true, ShortNotice: true}, true},
			{"late reply", library.Options{KeepDoorOpen: true, LateReply: true}, true},
		}
		for _, tt := range tests {
			got := tpl.Render(v, tt.give)
			if (len(got.Body) > len(want.Body)) != tt.longer || got.Body == want.Body {
				t.Errorf("%s, %s: Render(%+v).Body has %d bytes, Render(%+v).Body %d; want it %s", tpl.ID, tt.name, tt.give, len(got.Body), base, len(want.Body), map[bool]string{true: "longer", false: "shorter"}[tt.longer])
			}
			if got.Subject != want.Subject || !cmp.Equal(got.Notes, want.Notes) {
				t.Errorf("%s, %s: Render(%+v) changed the subject or notes", tpl.ID, tt.name, tt.give)
			}
		}
		if tpl.Channel == library.Phone {
			off := tpl.Render(v, library.Options{}).FollowUp.Body
			if len(off) >= len(want.FollowUp.Body) {
				t.Errorf("%s: Render(%+v).FollowUp.Body = %q, want it without the door-open sentence", tpl.ID, library.Options{}, off)
			}
		}
	}
}

func TestRenderReasonDetail(t *testing.T) {
	lib := mustLoad(t)
	v := exampleValues(t, lib)
	tests := []struct {
		name        string
		id          string
		give        string
		want        string
		wantMissing string
	}{
		{
			name:        "replaces the reason",
			id:          "email.accepted_other_offer.formal",
			give:        "I have accepted another offer",
			want:        "decline the interview. I have accepted another offer.\n\n",
			wantMissing: "I have recently accepted a position with another organization.",
		},
		{
			name: "keeps its full stop",
			id:   "linkedin.career_goals.warm",
			give: "I'm moving into product management.",
			want: "with the interview. I'm moving into product management.\n\n",
		},
		{
			name: "keeps a question mark",
			id:   "email.timing.brief",
			give: "Could we talk again next spring?",
			want: "withdrawing my application. Could we talk again next spring?\n\n",
		},
		{
			name: "keeps a quoted sentence",
			id:   "email.role_not_a_fit.warm",
			give: `The ad said "fully remote."`,
			want: `declining the interview. The ad said "fully remote."` + "\n\n",
		},
		{
			name: "adds a reason to none",
			id:   "email.none.warm",
			give: "I'd rather stay close to my family",
			want: "declining the interview. I'd rather stay close to my family.\n\n",
		},
		{
			name: "trims and folds lines",
			id:   "phone.none.brief",
			give: "  I've accepted\nanother offer \n",
			want: "won't attend the interview. I've accepted another offer.\n\n",
		},
		{
			name: "blank is no detail",
			id:   "email.none.formal",
			give: " \n ",
			want: "decline the interview.\n\n",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			v := v
			v.ReasonDetail = tt.give
			got := mustGet(t, lib, tt.id).Render(v, goldenOptions).Body
			if !strings.Contains(got, tt.want) {
				t.Errorf("%s.Render(ReasonDetail %q).Body = %q, want it to contain %q", tt.id, tt.give, got, tt.want)
			}
			if tt.wantMissing != "" && strings.Contains(got, tt.wantMissing) {
				t.Errorf("%s.Render(ReasonDetail %q).Body = %q, want it without %q", tt.id, tt.give, got, tt.wantMissing)
			}
		})
	}
}

// TestRenderValuesAreLiteral renders every template with values that look
// like placeholders and checks that they come out exactly as they went in:
// the same as rendering with plain markers and swapping the markers for the
// values afterwards.
func TestRenderValuesAreLiteral(t *testing.T) {
	lib := mustLoad(t)
	markers := library.Values{
		Company:       "\x00company\x00",
		Position:      "\x00position\x00",
		CandidateName: "\x00candidate\x00",
		RecruiterName: "\x00recruiter\x00",
		ReasonDetail:  "\x00detail\x00.",
	}
	tricky := library.Values{
		Company:       "{{position}} & [Company]",
		Position:      "{{ company }}",
		CandidateName: "[Your Name] {{candidate_name}}",
		RecruiterName: "[Recruiter’s Name]",
		ReasonDetail:  "{{reason_detail}} %s %v.",
	}
	swap := strings.NewReplacer(
		markers.Company, tricky.Company,
		markers.Position, tricky.Position,
		markers.CandidateName, tricky.CandidateName,
		markers.RecruiterName, tricky.RecruiterName,
		markers.ReasonDetail, tricky.ReasonDetail,
	)
	for _, tpl := range lib.All() {
		want := tpl.Render(markers, goldenOptions)
		got := tpl.Render(tricky, goldenOptions)
		wantTexts, gotTexts := outputs(want), outputs(got)
		for i := range wantTexts {
			if w := swap.Replace(wantTexts[i]); gotTexts[i] != w {
				t.Errorf("%s.Render(%q) = %q, want %q", tpl.ID, tricky, gotTexts[i], w)
			}
		}
		if !strings.Contains(got.Body, tricky.CandidateName) && tpl.Channel != library.Phone {
			t.Errorf("%s.Render(%q).Body = %q, want the candidate name verbatim", tpl.ID, tricky, got.Body)
		}
	}
}

func TestRenderRecruiterFallback(t *testing.T) {
	lib := mustLoad(t)
	tests := []struct {
		name      string
		id        string
		recruiter string
		want      func(library.Rendered) string
		prefix    string
	}{
		{"email", "email.none.formal", "", body, "Dear Hiring Team,\n"},
		{"email, white space only", "email.none.warm", "  \t", body, "Hi Hiring Team,\n"},
		{"linkedin message", "linkedin.timing.warm", "", body, "Hi there,\n"},
		{"linkedin note", "linkedin.timing.formal", "", firstNote, "Hello there, thank you"},
		{"phone script", "phone.location.brief", "", body, "Hello there, this is Alex Moreno,"},
		{"phone follow-up", "phone.location.formal", "", followUp, "Dear Hiring Team,\n"},
		{"given name", "phone.location.formal", " Dana Whitfield ", followUp, "Dear Dana Whitfield,\n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			v := exampleValues(t, lib)
			v.RecruiterName = tt.recruiter
			got := tt.want(mustGet(t, lib, tt.id).Render(v, goldenOptions))
			if !strings.HasPrefix(got, tt.prefix) {
				t.Errorf("%s.Render(RecruiterName %q) = %q, want it to start with %q", tt.id, tt.recruiter, got, tt.prefix)
			}
		})
	}
}

func body(r library.Rendered) string      { return r.Body }
func firstNote(r library.Rendered) string { return r.Notes[0] }
func followUp(r library.Rendered) string  { return r.FollowUp.Body }

func TestRenderMatchesTemplateText(t *testing.T) {
	lib := mustLoad(t)
	v := exampleValues(t, lib)
	fill := strings.NewReplacer(
		"{{company}}", v.Company,
		"{{position}}", v.Position,
		"{{candidate_name}}", v.CandidateName,
		"{{recruiter_name}}", v.RecruiterName,
	)
	for _, tpl := range lib.All() {
		got := tpl.Render(v, goldenOptions)
		want := library.Rendered{Subject: fill.Replace(tpl.Subject), Body: fill.Replace(tpl.Body)}
		for _, n := range tpl.Notes {
			want.Notes = append(want.Notes, fill.Replace(n))
		}
		if tpl.FollowUp != nil {
			want.FollowUp = &library.Message{Subject: fill.Replace(tpl.FollowUp.Subject), Body: fill.Replace(tpl.FollowUp.Body)}
		}
		if diff := cmp.Diff(want, got); diff != "" {
			t.Errorf("%s.Render(examples) differs from its template text (-want +got):\n%s", tpl.ID, diff)
		}
	}
}

func BenchmarkRender(b *testing.B) {
	lib, err := library.Load()
	if err != nil {
		b.Fatal(err)
	}
	v := exampleValues(b, lib)
	for _, id := range []string{"email.accepted_other_offer.formal", "linkedin.role_not_a_fit.warm", "phone.timing.brief"} {
		tpl := mustGet(b, lib, id)
		b.Run(id, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				tpl.Render(v, goldenOptions)
			}
		})
	}
	b.Run("email with every option and a reason detail", func(b *testing.B) {
		tpl := mustGet(b, lib, "email.none.warm")
		v := v
		v.ReasonDetail = "I've accepted another offer"
		o := library.Options{KeepDoorOpen: true, ShortNotice: true, LateReply: true}
		b.ReportAllocs()
		for b.Loop() {
			tpl.Render(v, o)
		}
	})
}

// TestRenderConcurrently renders from many goroutines at once, as request
// handlers sharing one Library do; run it with -race.
func TestRenderConcurrently(t *testing.T) {
	lib := mustLoad(t)
	v := exampleValues(t, lib)
	want := renderAll(lib.All(), v, goldenOptions)
	done := make(chan string)
	for range 8 {
		go func() { done <- renderAll(lib.All(), v, goldenOptions) }()
	}
	for range 8 {
		if got := <-done; got != want {
			t.Errorf("concurrent Render() differs from a sequential one")
		}
	}
}
