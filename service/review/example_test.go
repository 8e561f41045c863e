package review_test

import (
	"fmt"

	"github.com/declinekit/declinekit/service/review"
)

func ExampleReviewer_Review() {
	r := review.New()
	res := r.Review(review.Input{
		Channel: review.ChannelEmail,
		Subject: "Backend Engineer interview – Alex Kim",
		Message: "Hi Dana,\n\nThanks for the invitation. I've accepted another offer, so I must decline.",
	})
	fmt.Println(res.Verdict, res.Score)
	for _, c := range res.Checks {
		if c.Status != review.StatusPass {
			fmt.Printf("%s: %s\n", c.ID, c.Message)
		}
	}
	// Output:
	// ready 90
	// door_open: Keep the door open: say you would like to stay in touch or hear about future roles.
	// sign_off: Close with a sign-off such as "Best regards," followed by your name.
}
