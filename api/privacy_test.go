package api_test

import (
	"bytes"
	"log/slog"
	"net/http"
	"strings"
	"testing"

	"github.com/declinekit/declinekit/api"
	"github.com/declinekit/declinekit/internal/config"
	"github.com/declinekit/declinekit/internal/logging"
)

// TestLogsHoldNoPersonalData composes drafts and reviews with distinctive
// names, emails and message text, successful and failing, and checks that
// none of it reaches the logs at any level.
func TestLogsHoldNoPersonalData(t *testing.T) {
	secrets := []string{"Quintessa", "Vandermolen", "quintessa.v@privatemail.example", "Zebulon", "Ostrowski-Haverkamp",
		"zeb.oh@recruit.example", "Flibbertigibbet Holdings", "Chief Whimsy Officer", "my aunt's farm in Tasmania", "marmalade sandwiches"}
	requests := []request{
		jsonPost("/drafts", `{"channel":"email","reason":"personal_circumstances","details":{"company":"Flibbertigibbet Holdings","position":"Chief Whimsy Officer",
			"candidate_name":"Quintessa Vandermolen","candidate_email":"quintessa.v@privatemail.example","recruiter_name":"Zebulon Ostrowski-Haverkamp",
			"recruiter_email":"zeb.oh@recruit.example","reason_detail":"I am moving to my aunt's farm in Tasmania"},"options":{"connect_on_linkedin":true}}`),
		jsonPost("/drafts", `{"channel":"phone","details":{"company":"Flibbertigibbet Holdings","position":"Chief Whimsy Officer","candidate_name":"Quintessa Vandermolen"}}`),
		jsonPost("/drafts", `{"template":{"subject":"Re: [Position]","body":"Dear Zebulon, I decline; marmalade sandwiches. Quintessa"},"details":{"company":"Flibbertigibbet Holdings","position":"Chief Whimsy Officer","candidate_name":"Quintessa Vandermolen"}}`),
		jsonPost("/checklist/review", `{"channel":"email","subject":"Chief Whimsy Officer","message":"Dear Zebulon Ostrowski-Haverkamp, thank you. I decline; I prefer marmalade sandwiches. Quintessa Vandermolen, quintessa.v@privatemail.example"}`),
		// Failing requests carry the same data in places the errors name.
		jsonPost("/drafts", `{"details":{"company":"Flibbertigibbet Holdings","candidate_name":"Quintessa\nVandermolen","recruiter_email":"zeb.oh at recruit.example"}}`),
		jsonPost("/drafts", `{"template":{"subject":"[Zebulon]","body":"{{Quintessa}}"},"details":{"company":"Flibbertigibbet Holdings","position":"Chief Whimsy Officer","candidate_name":"Quintessa"}}`),
		jsonPost("/drafts", `{"details":{"company":"Flibbertigibbet Holdings","Vandermolen":"x"}}`),
		jsonPost("/drafts", `{"details":{"company":"Flibbertigibbet Holdings"`),
		jsonPost("/checklist/review", `{"channel":"Quintessa","message":"marmalade sandwiches"}`),
		{path: "/templates/Quintessa-Vandermolen?lang=en"},
		{path: "/checklist/zeb.oh@recruit.example"},
		{path: "/templates?channel=Zebulon"},
		{path: "/templates?Vandermolen=1", headers: map[string]string{"X-Request-Id": "Quintessa Vandermolen"}},
	}
	for _, level := range []slog.Level{slog.LevelDebug, slog.LevelInfo, slog.LevelWarn, slog.LevelError} {
		t.Run(level.String(), func(t *testing.T) {
			var logs bytes.Buffer
			s, err := api.NewServer(config.Default(), logging.New(&logs, level))
			if err != nil {
				t.Fatal(err)
			}
			statuses := map[int]int{}
			for _, r := range requests {
				statuses[do(t, s, r).Code]++
			}
			if statuses[http.StatusOK] < 4 || statuses[http.StatusOK] == len(requests) {
				t.Fatalf("statuses %v: the test needs both answered and refused requests", statuses)
			}
			if level <= slog.LevelInfo && !strings.Contains(logs.String(), `"msg":"request"`) {
				t.Fatalf("no access log at %s; the check would prove nothing:\n%s", level, logs.String())
			}
			for _, secret := range secrets {
				if strings.Contains(logs.String(), secret) {
					t.Errorf("the %s logs contain %q:\n%s", level, secret, logs.String())
				}
			}
		})
	}
}
