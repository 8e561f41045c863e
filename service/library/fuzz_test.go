package library_test

import (
	"strings"
	"testing"

	"github.com/declinekit/declinekit/service"
	"github.com/declinekit/declinekit/service/library"
)

// FuzzParseInline feeds client templates to the inline parser and
// renderer. Properties: a template is either rejected as invalid (never a
// panic, never another kind of error) or renders with no placeholder left:
// no "{{" and no known bracket label, whatever the client wrote; and every
// value appears verbatim.
func FuzzParseInline(f *testing.F) {
	v := library.Values{Company: "Acme Ltd", Position: "Analyst", CandidateName: "Sam Lee", RecruiterName: "Jo Park"}
	f.Fuzz(func(t *testing.T, subject, body string) {
		in, err := library.ParseInline(subject, body)
		if err != nil {
			if service.ErrorKind(err) != service.KindInvalid {
				t.Fatalf("ParseInline(%q, %q) error = %v, want an invalid-input error", subject, body, err)
			}
			return
		}
		r := in.Render(v)
		for _, out := range []string{r.Subject, r.Body} {
			if strings.Contains(out, "{{") {
				t.Fatalf("ParseInline(%q, %q).Render() left a token: %q", subject, body, out)
			}
			lower := strings.ToLower(out)
			for _, label := range []string{"[company]", "[position]", "[your name]", "[recruiter's name]", "[recruiter’s name]"} {
				if strings.Contains(lower, label) {
					t.Fatalf("ParseInline(%q, %q).Render() left the label %s: %q", subject, body, label, out)
				}
			}
		}
		for _, tok := range in.Tokens() {
			if tok == "company" && !strings.Contains(r.Subject+r.Body, v.Company) {
				t.Fatalf("{{company}} used but %q not rendered: %q", v.Company, r.Body)
			}
		}
	})
}

// FuzzRender fills every built-in template with arbitrary values. Property:
// values are inserted verbatim and never expanded, so every "{{" in the
// output comes from a value — as many as the values bring, times how often
// the template uses each — and none is a leftover token.
func FuzzRender(f *testing.F) {
	lib, err := library.Load()
	if err != nil {
		f.Fatal(err)
	}
	all := lib.All()
	f.Fuzz(func(t *testing.T, idx uint8, company, position, candidate, recruiter, detail string) {
		tpl := all[int(idx)%len(all)]
		o := library.Options{KeepDoorOpen: idx%2 == 0, ShortNotice: idx%3 == 0, LateReply: idx%5 == 0}
		v := library.Values{Company: company, Position: position, CandidateName: candidate, RecruiterName: recruiter, ReasonDetail: detail}
		// The same render with marker values shows how often each value is used.
		m := library.Values{Company: "\x01C", Position: "\x01P", CandidateName: "\x01N", RecruiterName: "\x01R", ReasonDetail: "\x01D."}
		got, marked := texts(tpl.Render(v, o)), texts(tpl.Render(m, o))
		braces := func(s string) int { return strings.Count(strings.Join(strings.Fields(s), " "), "{{") }
		for i := range got {
			want := 0
			if strings.TrimSpace(recruiter) != "" {
				want += strings.Count(marked[i], m.RecruiterName) * braces(recruiter)
			}
			want += strings.Count(marked[i], m.Company)*braces(company) +
				strings.Count(marked[i], m.Position)*braces(position) +
				strings.Count(marked[i], m.CandidateName)*braces(candidate)
			if strings.TrimSpace(detail) != "" {
				want += strings.Count(marked[i], "\x01D") * braces(detail)
			}
			if n := strings.Count(got[i], "{{"); n != want {
				t.Fatalf("%s.Render(%+v): output %d has %d \"{{\", want %d from the values:\n%s", tpl.ID, v, i, n, want, got[i])
			}
		}
	})
}

func texts(r library.Rendered) []string {
	out := append([]string{r.Subject, r.Body}, r.Notes...)
	if r.FollowUp != nil {
		out = append(out, r.FollowUp.Subject, r.FollowUp.Body)
	}
	return out
}
