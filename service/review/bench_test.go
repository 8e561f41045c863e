package review_test

import (
	"strings"
	"testing"
	"time"

	"github.com/declinekit/declinekit/service/review"
)

// email1KB is a realistic decline of about one kilobyte, with a signature
// and a quoted reply.
const email1KB = `Dear Ms. Delgado,

Thank you very much for inviting me to interview for the Senior Platform Engineer position at Larkspur Systems, and for the time you and Marcus spent walking me through the team's plans last Tuesday. I enjoyed learning about the migration to the new event pipeline.

After careful thought, I have accepted an offer from another company that is closer to home, so I must respectfully withdraw from the process and will not be attending Thursday's interview. I'm sorry for any inconvenience this causes.

I have a great deal of respect for Larkspur and would be glad to stay in touch about future opportunities. Please feel free to reach out if a suitable role opens up next year.

Thank you again for your time and understanding.

Kind regards,
Jordan Ellis-Park
Senior Software Engineer
+44 20 7946 0958 | jordan.ellis@example.org

On Mon, 2 Mar 2026 at 09:41, Ana Delgado <ana@larkspur.example> wrote:
> Hi Jordan, we'd love to invite you to a panel interview on Thursday.
`

func BenchmarkReview1KB(b *testing.B) {
	r := review.New()
	in := review.Input{Channel: review.ChannelEmail, Subject: "Senior Platform Engineer interview – Jordan Ellis-Park", Message: email1KB}
	b.SetBytes(int64(len(email1KB)))
	b.ReportAllocs()
	for b.Loop() {
		r.Review(in)
	}
}

func BenchmarkReview10K(b *testing.B) {
	r := review.New()
	in := review.Input{Channel: review.ChannelLinkedIn, Message: longMessage(10000)}
	b.SetBytes(int64(len(in.Message)))
	b.ReportAllocs()
	for b.Loop() {
		r.Review(in)
	}
}

// longMessage repeats a paragraph of ordinary decline text to n code points.
func longMessage(n int) string {
	const para = "Thank you again for the invitation; I'm not able to attend, and I must decline, but I'd love to stay in touch! [Company] {{name}} ALL CAPS RUN?! no offense — if I might not... "
	var b strings.Builder
	b.WriteString("Hi Dana,\n\n")
	for b.Len() < n {
		b.WriteString(para)
		if b.Len()%3 == 0 {
			b.WriteString("\n")
		}
	}
	r := []rune(b.String())
	return string(r[:n])
}

// TestLongInputIsFast reviews 10 000-character messages of several shapes
// and fails if one takes far longer than the linear-time design allows.
func TestLongInputIsFast(t *testing.T) {
	r := review.New()
	shapes := map[string]string{
		"prose":        longMessage(10000),
		"one word":     strings.Repeat("not ", 2500),
		"brackets":     strings.Repeat("[", 10000),
		"braces":       strings.Repeat("{{", 5000),
		"angles":       strings.Repeat("<a", 5000),
		"newlines":     strings.Repeat("\n", 10000),
		"quoted":       strings.Repeat("> On Mon wrote:\n", 625),
		"from headers": strings.Repeat("From: x\n", 1250),
		"capitals":     strings.Repeat("NO WAY ", 1429),
		"apostrophes":  strings.Repeat("'’", 5000),
		"one line":     strings.Repeat("a", 10000),
		"gaps":         strings.Repeat("turn it this that the other over and over ", 240),
	}
	for name, msg := range shapes {
		t.Run(name, func(t *testing.T) {
			start := time.Now()
			res := r.Review(review.Input{Channel: review.ChannelEmail, Subject: "x", Message: msg})
			if d := time.Since(start); d > 250*time.Millisecond {
				t.Errorf("Review of %d bytes took %v, want well under 250ms", len(msg), d)
			}
			if len(res.Checks) != len(review.CheckIDs) {
				t.Errorf("Review returned %d checks, want %d", len(res.Checks), len(review.CheckIDs))
			}
		})
	}
}
