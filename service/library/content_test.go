package library_test

import (
	"regexp"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/declinekit/declinekit/service/library"
)

// typicalValues are long-but-typical values: names of 20 characters,
// company and position of 30.
var typicalValues = library.Values{
	RecruiterName: "Alexandra Richardson",
	CandidateName: "Christopher Anderson",
	Company:       "Brightwater Financial Services",
	Position:      "Senior Platform Engineer, Data",
}

func TestTypicalValuesHaveTheirLengths(t *testing.T) {
	for _, tt := range []struct {
		give string
		want int
	}{
		{typicalValues.RecruiterName, 20},
		{typicalValues.CandidateName, 20},
		{typicalValues.Company, 30},
		{typicalValues.Position, 30},
	} {
		if got := utf8.RuneCountInString(tt.give); got != tt.want {
			t.Errorf("len(%q) = %d, want %d", tt.give, got, tt.want)
		}
	}
}

// maxValues fills every placeholder up to its max_length.
func maxValues(t *testing.T, lib *library.Library) library.Values {
	t.Helper()
	n := make(map[string]int)
	for _, p := range lib.Placeholders() {
		n[p.Key] = p.MaxLength
	}
	return library.Values{
		RecruiterName: strings.Repeat("r", n["recruiter_name"]),
		Company:       strings.Repeat("c", n["company"]),
		Position:      strings.Repeat("p", n["position"]),
		CandidateName: strings.Repeat("n", n["candidate_name"]),
		ReasonDetail:  strings.Repeat("d", 199) + ".",
	}
}

func chars(s string) int { return utf8.RuneCountInString(s) }

func TestBriefEmailIsShort(t *testing.T) {
	lib := mustLoad(t)
	v := exampleValues(t, lib)
	for _, r := range library.Reasons {
		for _, o := range []library.Options{goldenOptions, {}} {
			formal, _ := lib.Get("email." + string(r) + ".formal")
			brief, _ := lib.Get("email." + string(r) + ".brief")
			f, b := chars(formal.Render(v, o).Body), chars(brief.Render(v, o).Body)
			if b*10 > f*6 {
				t.Errorf("reason %s, %+v: brief body is %d characters, formal %d: want brief at most 60%% (%d)", r, o, b, f, f*6/10)
			}
		}
	}
}

func TestSubjects(t *testing.T) {
	lib := mustLoad(t)
	// Typical values: names of 20 characters, company and position of 30.
	typical := library.Values{
		RecruiterName: strings.Repeat("r", 20), CandidateName: strings.Repeat("n", 20),
		Company: strings.Repeat("c", 30), Position: strings.Repeat("p", 30),
	}
	for _, v := range []library.Values{exampleValues(t, lib), typical} {
		testSubjects(t, lib, v)
	}
}

func testSubjects(t *testing.T, lib *library.Library, v library.Values) {
	t.Helper()
	for _, tpl := range lib.All() {
		r := tpl.Render(v, goldenOptions)
		subjects := map[string]string{"subject": r.Subject}
		if r.FollowUp != nil {
			subjects = map[string]string{"follow-up subject": r.FollowUp.Subject}
		}
		for name, s := range subjects {
			if tpl.Channel == library.LinkedIn {
				if s != "" {
					t.Errorf("%s.Render() %s = %q, want none on LinkedIn", tpl.ID, name, s)
				}
				continue
			}
			if chars(s) >= 60 || !strings.Contains(s, v.Position) || !strings.Contains(s, v.CandidateName) {
				t.Errorf("%s.Render() %s = %q (%d characters), want under 60 characters naming %q and %q", tpl.ID, name, s, chars(s), v.Position, v.CandidateName)
			}
		}
	}
}

func TestLinkedInLengths(t *testing.T) {
	lib := mustLoad(t)
	examples := exampleValues(t, lib)
	longest := maxValues(t, lib)
	all := library.Options{KeepDoorOpen: true, ShortNotice: true, LateReply: true}
	for _, tpl := range lib.Find(library.Filter{Channel: library.LinkedIn}) {
		if n := chars(tpl.Render(longest, all).Body); n > 2000 {
			t.Errorf("%s.Render(longest values, %+v) body is %d characters, want at most 2000", tpl.ID, all, n)
		}
		ex := tpl.Render(examples, goldenOptions).Notes
		for i, note := range ex {
			if chars(note) > 200 {
				t.Errorf("%s.Render(examples) note %d is %d characters, want at most 200: %q", tpl.ID, i+1, chars(note), note)
			}
			if i > 0 && chars(note) >= chars(ex[i-1]) {
				t.Errorf("%s.Render(examples) note %d is not shorter than note %d", tpl.ID, i+1, i)
			}
		}
		typical := tpl.Render(typicalValues, goldenOptions).Notes
		// Every variant but the fullest fits with long-but-typical values, so
		// a caller always has one that still names the company.
		for i, note := range typical[1:] {
			if chars(note) > 200 {
				t.Errorf("%s.Render(typical values) note %d is %d characters, want at most 200: %q", tpl.ID, i+2, chars(note), note)
			}
		}
		if !strings.Contains(typical[1], typicalValues.Company) {
			t.Errorf("%s.Render(typical values) note 2 = %q, want it to name the company", tpl.ID, typical[1])
		}
		// The shortest variant fits whatever the values.
		if last := tpl.Render(longest, goldenOptions).Notes; chars(last[len(last)-1]) > 200 {
			t.Errorf("%s.Render(longest values) last note is %d characters, want at most 200", tpl.ID, chars(last[len(last)-1]))
		}
	}
}

var (
	greeting    = regexp.MustCompile(`^(Dear|Hi|Hello) `)
	thanks      = regexp.MustCompile(`\b(Thank you|Thanks)\b`)
	decline     = regexp.MustCompile(`\b(decline|declining|withdraw|withdrawing)\b|not be moving forward|won't be moving forward`)
	contraction = regexp.MustCompile(`\b(I've|I'm|I'd|I'll|don't|isn't|won't|it's|you've)\b`)
	allCaps     = regexp.MustCompile(`\b[A-Z]{2,}\b`)
	apology     = regexp.MustCompile(`(?i)\b(sorry|apolog\w*)\b`)
	british     = regexp.MustCompile(`(?i)\b(apologis\w*|organis\w*|realis\w*|recognis\w*|favour\w*|behaviour|honour\w*|colour\w*|centre|programme|travelling)\b`)
	goodbye     = regexp.MustCompile(`\b(Goodbye|bye)\.$`)
	callMention = regexp.MustCompile(`\b(call|phone|the call|spoke|discussed)\b`)
)

// TestMessageShape checks every rendered message for the parts the advice
// asks for: a greeting, thanks, a clear decline, and a sign-off with the
// candidate's name (or, for a call, who is calling and a goodbye).
func TestMessageShape(t *testing.T) {
	lib := mustLoad(t)
	v := exampleValues(t, lib)
	for _, tpl := range lib.All() {
		for _, o := range allOptions() {
			r := tpl.Render(v, o)
			type text struct {
				name, body string
				written    bool
			}
			texts := []text{{"body", r.Body, tpl.Channel != library.Phone}}
			if r.FollowUp != nil {
				texts = append(texts, text{"follow-up", r.FollowUp.Body, true})
			}
			for _, x := range texts {
				if !greeting.MatchString(x.body) || !thanks.MatchString(x.body) || !decline.MatchString(x.body) {
					t.Errorf("%s.Render(%+v) %s lacks a greeting, thanks or a clear decline:\n%s", tpl.ID, o, x.name, x.body)
				}
				if x.written && !strings.HasSuffix(x.body, ",\n"+v.CandidateName) {
					t.Errorf("%s.Render(%+v) %s does not end with a sign-off and %q:\n%s", tpl.ID, o, x.name, v.CandidateName, x.body)
				}
			}
			if tpl.Channel == library.Phone {
				first, _, _ := strings.Cut(r.Body, "\n")
				if !strings.Contains(first, v.CandidateName) || !goodbye.MatchString(r.Body) {
					t.Errorf("%s.Render(%+v) script does not say who is calling first and goodbye last:\n%s", tpl.ID, o, r.Body)
				}
				if !callMention.MatchString(r.FollowUp.Body) {
					t.Errorf("%s.Render(%+v) follow-up does not refer to the call:\n%s", tpl.ID, o, r.FollowUp.Body)
				}
			}
		}
	}
}

func TestToneConventions(t *testing.T) {
	lib := mustLoad(t)
	v := exampleValues(t, lib)
	for _, tpl := range lib.All() {
		r := tpl.Render(v, library.Options{KeepDoorOpen: true, LateReply: true, ShortNotice: true})
		switch {
		case tpl.Tone == library.Formal && tpl.Channel == library.Email:
			if !strings.HasPrefix(r.Body, "Dear ") || !strings.Contains(r.Body, "Kind regards,") {
				t.Errorf("%s.Render() body does not open with Dear and close with Kind regards:\n%s", tpl.ID, r.Body)
			}
		case tpl.Tone == library.Formal && tpl.Channel == library.Phone:
			if !strings.HasPrefix(r.FollowUp.Body, "Dear ") || !strings.Contains(r.FollowUp.Body, "Kind regards,") {
				t.Errorf("%s.Render() follow-up does not open with Dear and close with Kind regards:\n%s", tpl.ID, r.FollowUp.Body)
			}
		case tpl.Tone == library.Formal:
			if m := contraction.FindString(r.Body); m != "" {
				t.Errorf("%s.Render() formal body uses the contraction %q", tpl.ID, m)
			}
		case tpl.Tone == library.Warm:
			if len(contraction.FindAllString(r.Body, -1)) < 2 {
				t.Errorf("%s.Render() warm body has fewer than two contractions:\n%s", tpl.ID, r.Body)
			}
		}
		if tpl.Channel == library.LinkedIn && !strings.HasPrefix(r.Body, "Hi "+v.RecruiterName+",") {
			t.Errorf("%s.Render() LinkedIn body does not open with %q:\n%s", tpl.ID, "Hi "+v.RecruiterName+",", r.Body)
		}
	}
}

// TestCourtesy checks that no rendering shouts, exclaims, over-apologises
// or slips into British spelling, with every optional sentence included.
func TestCourtesy(t *testing.T) {
	lib := mustLoad(t)
	v := exampleValues(t, lib)
	for _, tpl := range lib.All() {
		for _, o := range allOptions() {
			for _, text := range outputs(tpl.Render(v, o)) {
				if strings.Contains(text, "!") {
					t.Errorf("%s.Render(%+v) exclaims: %q", tpl.ID, o, text)
				}
				if m := allCaps.FindString(text); m != "" {
					t.Errorf("%s.Render(%+v) has the all-caps word %q", tpl.ID, o, m)
				}
				if n := len(apology.FindAllString(text, -1)); n > 1 {
					t.Errorf("%s.Render(%+v) apologizes %d times: %q", tpl.ID, o, n, text)
				}
				if m := british.FindString(text); m != "" {
					t.Errorf("%s.Render(%+v) uses the British spelling %q", tpl.ID, o, m)
				}
			}
			if r := tpl.Render(v, o); !o.LateReply && apology.MatchString(r.Body) {
				t.Errorf("%s.Render(%+v) apologizes without a late reply:\n%s", tpl.ID, o, r.Body)
			}
		}
	}
}

// seedPhrases are distinctive phrases of the advice the library is based on;
// the templates are written in their own words.
var seedPhrases = []string{
	"after careful consideration",
	"pursue other opportunities",
	"align more closely",
	"respectfully decline the interview invitation",
	"great respect for",
	"time and understanding",
	"stay in touch for any future opportunities",
	"hope to keep in contact",
	"i wanted to connect and stay in touch",
	"thank you very much for considering me",
	"learn more about the role and your organization",
	"thank you for considering me for the",
	"appreciate your understanding",
}

func TestOwnWords(t *testing.T) {
	lib := mustLoad(t)
	v := exampleValues(t, lib)
	for _, tpl := range lib.All() {
		for _, text := range outputs(tpl.Render(v, library.Options{KeepDoorOpen: true, ShortNotice: true, LateReply: true})) {
			lower := strings.ToLower(text)
			for _, p := range seedPhrases {
				if strings.Contains(lower, p) {
					t.Errorf("%s.Render() repeats the advice's phrase %q", tpl.ID, p)
				}
			}
		}
	}
}

var (
	figures  = regexp.MustCompile(`[0-9$€£%]|\b(salary|pay|money|raise)\b`)
	private  = regexp.MustCompile(`(?i)\b(health|ill|illness|sick|family|pregnan\w*|divorce|medical|baby|bereavement)\b`)
	sentence = regexp.MustCompile(`^[A-Z][^.!?]*\.$`)
)

// TestReasonSentences isolates each template's reason sentence (what its
// body adds to the same channel and tone with no reason) and checks that it
// is one short sentence, tactful where the reason is sensitive.
func TestReasonSentences(t *testing.T) {
	lib := mustLoad(t)
	v := exampleValues(t, lib)
	for _, tpl := range lib.All() {
		none, _ := lib.Get(string(tpl.Channel) + ".none." + string(tpl.Tone))
		with, without := tpl.Render(v, library.Options{}).Body, none.Render(v, library.Options{}).Body
		added := strings.TrimSpace(inserted(without, with))
		if tpl.Reason == library.None {
			continue
		}
		if !sentence.MatchString(added) || chars(added) > 100 {
			t.Errorf("%s: reason %q, want one sentence of at most 100 characters", tpl.ID, added)
		}
		switch tpl.Reason {
		case library.Compensation:
			if m := figures.FindString(added); m != "" {
				t.Errorf("%s: reason %q mentions %q, want no figures", tpl.ID, added, m)
			}
		case library.PersonalCircumstances:
			if m := private.FindString(added); m != "" {
				t.Errorf("%s: reason %q mentions %q, want no private details", tpl.ID, added, m)
			}
		}
	}
}

// inserted returns what long adds to short, given that long is short with
// one piece of text inserted.
func inserted(short, long string) string {
	p := 0
	for p < len(short) && short[p] == long[p] {
		p++
	}
	s := 0
	for s < len(short)-p && short[len(short)-1-s] == long[len(long)-1-s] {
		s++
	}
	return long[p : len(long)-s]
}
