package review_test

import (
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/declinekit/declinekit/service/review"
)

// FuzzReview checks that any input gives a well-formed result: no panic, the
// ten checks in order with valid statuses, a score from 0 to 100, evidence
// quoted from the message, and a verdict that matches the failures.
func FuzzReview(f *testing.F) {
	f.Add(uint8(0), "Interview", good, uint8(0))
	f.Add(uint8(1), "", email1KB, uint8(1))
	f.Add(uint8(2), "", "Hi [Name], thanks! Best, Jo", uint8(2))
	f.Add(uint8(3), "", "Hi Dana, it's Alex. I can't make it. Bye!!", uint8(0))
	f.Add(uint8(4), "a\r\nb", "Subject: x\n> quoted\nOn Mon, Dana wrote:\n{{x}}", uint8(1))
	channels := []review.Channel{review.ChannelEmail, review.ChannelLinkedIn, review.ChannelLinkedInNote, review.ChannelPhone, "carrier pigeon"}
	tiers := []review.Tier{"", review.TierFree, review.TierPremium, "gold"}
	statuses := map[review.Status]bool{review.StatusPass: true, review.StatusWarn: true, review.StatusFail: true, review.StatusNotApplicable: true}
	f.Fuzz(func(t *testing.T, ch uint8, subject, msg string, tier uint8) {
		in := review.Input{Channel: channels[int(ch)%len(channels)], Subject: subject, Message: msg, LinkedInTier: tiers[int(tier)%len(tiers)]}
		res := reviewer.Review(in)
		if len(res.Checks) != len(review.CheckIDs) {
			t.Fatalf("Review(%q) returned %d checks, want %d", msg, len(res.Checks), len(review.CheckIDs))
		}
		failed := false
		for i, c := range res.Checks {
			if c.ID != review.CheckIDs[i] {
				t.Errorf("Review(%q) check %d = %s, want %s", msg, i, c.ID, review.CheckIDs[i])
			}
			if !statuses[c.Status] {
				t.Errorf("Review(%q) check %s has status %q", msg, c.ID, c.Status)
			}
			if !strings.Contains(msg, c.Evidence) {
				t.Errorf("Review(%q) check %s evidence %q is not in the message", msg, c.ID, c.Evidence)
			}
			if utf8.RuneCountInString(c.Evidence) > review.MaxEvidence {
				t.Errorf("Review(%q) check %s evidence %q is longer than %d", msg, c.ID, c.Evidence, review.MaxEvidence)
			}
			failed = failed || c.Status == review.StatusFail
		}
		if res.Score < 0 || res.Score > 100 {
			t.Errorf("Review(%q) score = %d, want 0–100", msg, res.Score)
		}
		if want := map[bool]string{true: review.VerdictRevise, false: review.VerdictReady}[failed]; res.Verdict != want {
			t.Errorf("Review(%q) verdict = %s, want %s", msg, res.Verdict, want)
		}
	})
}
