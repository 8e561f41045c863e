package review_test

import (
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/declinekit/declinekit/service/review"
)

// The two examples of the guide the service is built on, verbatim with their
// bracketed placeholders: the email of section 3 and the LinkedIn message of
// section 9.
const (
	seedEmailSubject = "Interview Invitation for [Position] - [Your Name]"
	seedEmail        = `Dear [Recruiter’s Name],
Thank you very much for considering me for the [Position] at [Company]. I appreciate the opportunity to learn more about the role and your organization.
After careful consideration, I have decided to pursue other opportunities that align more closely with my current career goals. Therefore, I must respectfully decline the interview invitation at this time.
I have great respect for [Company] and would love to stay in touch for any future opportunities that might be a better fit. Thank you again for your time and understanding.
Best regards,
[Your Name]`
	seedLinkedIn = `Hi [Recruiter’s Name],
Thank you for considering me for the [Position] at [Company]. I wanted to connect and stay in touch for any future opportunities that might be a good fit. I appreciate your understanding and hope to keep in contact.
Best regards,
[Your Name]`
)

// fill replaces the seed's placeholders with realistic values.
var fill = strings.NewReplacer(
	"[Recruiter’s Name]", "Dana Whitfield",
	"[Position]", "Backend Engineer role",
	"[Company]", "Acme Analytics",
	"[Your Name]", "Alex Kim",
).Replace

func statuses(res review.Result) map[string]review.Status {
	m := make(map[string]review.Status)
	for _, c := range res.Checks {
		m[c.ID] = c.Status
	}
	return m
}

func TestSeedEmailExample(t *testing.T) {
	in := review.Input{Channel: review.ChannelEmail, Subject: fill(seedEmailSubject), Message: fill(seedEmail)}
	res := reviewer.Review(in)
	if res.Verdict != review.VerdictReady {
		t.Errorf("Review(seed email, filled) verdict = %s, want ready; checks %v", res.Verdict, statuses(res))
	}
	for id, s := range statuses(res) {
		if s != review.StatusPass {
			t.Errorf("Review(seed email, filled) check %s = %s, want pass", id, s)
		}
	}

	for _, tc := range []struct {
		name string
		give review.Input
	}{
		{"unfilled", review.Input{Channel: review.ChannelEmail, Subject: seedEmailSubject, Message: seedEmail}},
		{"subject unfilled", review.Input{Channel: review.ChannelEmail, Subject: seedEmailSubject, Message: fill(seedEmail)}},
		{"body unfilled", review.Input{Channel: review.ChannelEmail, Subject: fill(seedEmailSubject), Message: seedEmail}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			res := reviewer.Review(tc.give)
			if got := statuses(res)[review.CheckPlaceholdersFilled]; got != review.StatusFail {
				t.Errorf("Review(%q) check placeholders_filled = %s, want fail", tc.give.Message, got)
			}
			if res.Verdict != review.VerdictRevise {
				t.Errorf("Review(%q) verdict = %s, want revise", tc.give.Message, res.Verdict)
			}
		})
	}
}

func TestSeedLinkedInExample(t *testing.T) {
	msg := fill(seedLinkedIn)
	n := utf8.RuneCountInString(msg)
	if n <= review.LinkedInNoteLimitFree || n > review.LinkedInNoteLimitPremium {
		t.Fatalf("filled seed note has %d characters; the test needs one between the free and premium limits", n)
	}

	premium := reviewer.Review(review.Input{Channel: review.ChannelLinkedInNote, LinkedInTier: review.TierPremium, Message: msg})
	if premium.Verdict != review.VerdictReady {
		t.Errorf("Review(seed note, premium) verdict = %s, want ready; checks %v", premium.Verdict, statuses(premium))
	}
	for id, s := range statuses(premium) {
		want := review.StatusPass
		if id == review.CheckClearDecline || id == review.CheckSubject {
			want = review.StatusNotApplicable
		}
		if s != want {
			t.Errorf("Review(seed note, premium) check %s = %s, want %s", id, s, want)
		}
	}

	free := reviewer.Review(review.Input{Channel: review.ChannelLinkedInNote, LinkedInTier: review.TierFree, Message: msg})
	if got := statuses(free)[review.CheckLength]; got != review.StatusFail || free.Verdict != review.VerdictRevise {
		t.Errorf("Review(seed note, free) check length = %s, verdict %s; want fail, revise", got, free.Verdict)
	}

	unfilled := reviewer.Review(review.Input{Channel: review.ChannelLinkedInNote, LinkedInTier: review.TierPremium, Message: seedLinkedIn})
	if got := statuses(unfilled)[review.CheckPlaceholdersFilled]; got != review.StatusFail {
		t.Errorf("Review(seed note, unfilled) check placeholders_filled = %s, want fail", got)
	}
}
