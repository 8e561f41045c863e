package compose_test

import (
	"fmt"
	"testing"

	"github.com/declinekit/declinekit/service/compose"
	"github.com/declinekit/declinekit/service/library"
	"github.com/declinekit/declinekit/service/review"
)

// TestDraftsReviewReady holds the composer and the reviewer to the same
// guidance: every draft composed from a built-in template, in every option
// combination that changes its text, reviews as ready, and never warns on
// gratitude, a clear decline, courtesy, or an open door it was asked to keep.
func TestDraftsReviewReady(t *testing.T) {
	c := newComposer(t)
	rv := review.New()
	variants := []struct {
		name string
		opt  compose.Options
		det  func(*compose.Details)
	}{
		{"door open", compose.Options{KeepDoorOpen: true, ConnectOnLinkedIn: true}, nil},
		{"door closed", compose.Options{KeepDoorOpen: false}, nil},
		{"short notice and late", compose.Options{KeepDoorOpen: true, InterviewAt: at("2026-12-01T18:00:00Z"), InvitedAt: at("2026-11-20T09:00:00Z")}, nil},
		{"no recruiter name, own reason", compose.Options{KeepDoorOpen: true}, func(d *compose.Details) {
			d.RecruiterName = ""
			d.ReasonDetail = "I have decided to stay closer to my family for now"
		}},
	}
	for _, ch := range library.Channels {
		for _, r := range library.Reasons {
			for _, tn := range library.Tones {
				for _, v := range variants {
					name := fmt.Sprintf("%s.%s.%s/%s", ch, r, tn, v.name)
					det := details()
					if v.det != nil {
						v.det(&det)
					}
					v.opt.AsOf = asOf
					d, err := c.Compose(compose.Request{Channel: ch, Reason: r, Tone: tn, Details: det, Options: v.opt})
					if err != nil {
						t.Fatalf("%s: Compose error = %v", name, err)
					}
					var inputs []review.Input
					switch ch {
					case library.Email:
						inputs = append(inputs, review.Input{Channel: review.ChannelEmail, Subject: d.Subject, Message: d.Body})
					case library.LinkedIn:
						inputs = append(inputs, review.Input{Channel: review.ChannelLinkedIn, Message: d.Body})
					case library.Phone:
						inputs = append(inputs, review.Input{Channel: review.ChannelPhone, Message: d.Body},
							review.Input{Channel: review.ChannelEmail, Subject: d.FollowUp.Subject, Message: d.FollowUp.Body})
					}
					if d.LinkedInNote != nil {
						inputs = append(inputs, review.Input{Channel: review.ChannelLinkedInNote, Message: d.LinkedInNote.Text})
					}
					for _, in := range inputs {
						res := rv.Review(in)
						if res.Verdict != "ready" {
							t.Errorf("%s as %s: verdict %s, want ready\n%s\n%+v", name, in.Channel, res.Verdict, in.Message, res.Checks)
						}
						for _, chk := range res.Checks {
							strict := chk.ID == "gratitude" || chk.ID == "clear_decline" || chk.ID == "courteous" ||
								(chk.ID == "door_open" && v.opt.KeepDoorOpen)
							if chk.Status == "fail" || (strict && chk.Status == "warn") {
								t.Errorf("%s as %s: %s = %s (%s)\n%s", name, in.Channel, chk.ID, chk.Status, chk.Message, in.Message)
							}
						}
					}
				}
			}
		}
	}
}
