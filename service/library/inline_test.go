package library_test

import (
	"errors"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/declinekit/declinekit/service"
	"github.com/declinekit/declinekit/service/library"
)

const known = "known: {{recruiter_name}}, {{company}}, {{position}}, {{candidate_name}} or [Recruiter's Name], [Company], [Position], [Your Name]"

func TestParseInline(t *testing.T) {
	v := library.Values{
		Company:       "Northwind Analytics",
		Position:      "Senior Backend Engineer",
		CandidateName: "Alex Moreno",
		RecruiterName: "Dana Whitfield",
	}
	tests := []struct {
		name        string
		subject     string
		body        string
		values      *library.Values
		wantSubject string
		wantBody    string
		wantTokens  []string
	}{
		{
			name:        "ok, tokens",
			subject:     "{{position}} – {{candidate_name}}",
			body:        "Dear {{recruiter_name}},\nI withdraw from {{company}}.",
			wantSubject: "Senior Backend Engineer – Alex Moreno",
			wantBody:    "Dear Dana Whitfield,\nI withdraw from Northwind Analytics.",
			wantTokens:  []string{"candidate_name", "company", "position", "recruiter_name"},
		},
		{
			name:       "ok, tokens with inner spaces",
			body:       "At {{ company }} and {{\tposition}}.",
			wantBody:   "At Northwind Analytics and Senior Backend Engineer.",
			wantTokens: []string{"company", "position"},
		},
		{
			name:        "ok, bracket labels",
			subject:     "Interview for [Position] - [Your Name]",
			body:        "Dear [Recruiter's Name], thank you for the [Position] at [Company].",
			wantSubject: "Interview for Senior Backend Engineer - Alex Moreno",
			wantBody:    "Dear Dana Whitfield, thank you for the Senior Backend Engineer at Northwind Analytics.",
			wantTokens:  []string{"candidate_name", "company", "position", "recruiter_name"},
		},
		{
			name:       "ok, curly apostrophe",
			body:       "Dear [Recruiter’s Name],",
			wantBody:   "Dear Dana Whitfield,",
			wantTokens: []string{"recruiter_name"},
		},
		{
			name:       "ok, labels and tokens in any case",
			body:       "[COMPANY], [your name], [recruiter’s NAME], {{Company}}",
			wantBody:   "Northwind Analytics, Alex Moreno, Dana Whitfield, Northwind Analytics",
			wantTokens: []string{"candidate_name", "company", "recruiter_name"},
		},
		{
			name:     "ok, other brackets and braces stay",
			body:     "As noted [1], the role [sic] is [described here](https://example.com). {single} }} [ ] [x]",
			wantBody: "As noted [1], the role [sic] is [described here](https://example.com). {single} }} [ ] [x]",
		},
		{
			name:     "ok, no placeholders",
			body:     "Thank you, but I must decline.",
			wantBody: "Thank you, but I must decline.",
		},
		{
			name:       "ok, empty recruiter falls back",
			body:       "Dear [Recruiter's Name],",
			values:     &library.Values{Company: "Acme", Position: "Engineer", CandidateName: "Alex"},
			wantBody:   "Dear Hiring Team,",
			wantTokens: []string{"recruiter_name"},
		},
		{
			name:       "ok, values stay literal",
			body:       "{{company}} / [Position]",
			values:     &library.Values{Company: "{{position}}", Position: "[Company] {{company}}", CandidateName: "x"},
			wantBody:   "{{position}} / [Company] {{company}}",
			wantTokens: []string{"company", "position"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			in, err := library.ParseInline(tt.subject, tt.body)
			if err != nil {
				t.Fatalf("ParseInline(%q, %q) error: %v", tt.subject, tt.body, err)
			}
			values := v
			if tt.values != nil {
				values = *tt.values
			}
			got := in.Render(values)
			want := library.Rendered{Subject: tt.wantSubject, Body: tt.wantBody}
			if diff := cmp.Diff(want, got); diff != "" {
				t.Errorf("ParseInline(%q, %q).Render() mismatch (-want +got):\n%s", tt.subject, tt.body, diff)
			}
			if diff := cmp.Diff(tt.wantTokens, in.Tokens()); diff != "" {
				t.Errorf("ParseInline(%q, %q).Tokens() mismatch (-want +got):\n%s", tt.subject, tt.body, diff)
			}
		})
	}
}

func TestParseInlineErrors(t *testing.T) {
	unknown := func(fields ...service.FieldError) *service.Error {
		return service.Invalid("the template uses unknown placeholders", fields...)
	}
	tests := []struct {
		name    string
		subject string
		body    string
		want    *service.Error
	}{
		{
			name: "nok, unknown token",
			body: "I expected {{salary}} at {{company}}.",
			want: unknown(service.FieldError{Field: "template.body", Message: "unknown placeholder {{salary}}; " + known}),
		},
		{
			name:    "nok, unknown token in the subject, with spaces",
			subject: "{{ job_title }} interview",
			want:    unknown(service.FieldError{Field: "template.subject", Message: "unknown placeholder {{job_title}}; " + known}),
		},
		{
			name: "nok, unknown bracket labels, each once",
			body: "Dear [Hiring Manager], about [Date] and [Date] again",
			want: unknown(
				service.FieldError{Field: "template.body", Message: "unknown placeholder [Hiring Manager]; " + known},
				service.FieldError{Field: "template.body", Message: "unknown placeholder [Date]; " + known},
			),
		},
		{
			name:    "nok, both fields",
			subject: "[Job Title]",
			body:    "{{}}",
			want: unknown(
				service.FieldError{Field: "template.subject", Message: "unknown placeholder [Job Title]; " + known},
				service.FieldError{Field: "template.body", Message: "unknown placeholder {{}}; " + known},
			),
		},
		{
			name: "nok, unclosed braces",
			body: "Dear {{recruiter_name,\nthank you",
			want: service.Invalid("the template has malformed placeholders",
				service.FieldError{Field: "template.body", Message: `unclosed {{ in "{{recruiter_name,\nth…": close it with }}`}),
		},
		{
			name: "nok, template code is not run",
			body: `{{ .Company }} {{printf "%s" 1}}`,
			want: unknown(
				service.FieldError{Field: "template.body", Message: "unknown placeholder {{.Company}}; " + known},
				service.FieldError{Field: "template.body", Message: `unknown placeholder {{printf "%s" 1}}; ` + known},
			),
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			in, err := library.ParseInline(tt.subject, tt.body)
			if err == nil {
				t.Fatalf("ParseInline(%q, %q) = %v, want an error", tt.subject, tt.body, in)
			}
			var got *service.Error
			if !errors.As(err, &got) {
				t.Fatalf("ParseInline(%q, %q) error = %v, want a *service.Error", tt.subject, tt.body, err)
			}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("ParseInline(%q, %q) error mismatch (-want +got):\n%s", tt.subject, tt.body, diff)
			}
			if k := service.ErrorKind(err); k != service.KindInvalid {
				t.Errorf("ErrorKind(ParseInline(%q, %q)) = %q, want %q", tt.subject, tt.body, k, service.KindInvalid)
			}
		})
	}
}
