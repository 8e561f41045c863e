package library

import (
	"io/fs"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/google/go-cmp/cmp"
)

// fixture returns a writable copy of the embedded data.
func fixture(t *testing.T) fstest.MapFS {
	t.Helper()
	m := fstest.MapFS{}
	err := fs.WalkDir(dataFS(), ".", func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := fs.ReadFile(dataFS(), path)
		m[path] = &fstest.MapFile{Data: data}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return m
}

// edit replaces the first n occurrences of old in a fixture file (all of
// them for n < 0) and fails when there is none, so that a fixture cannot
// silently stop testing what it names.
func edit(t *testing.T, m fstest.MapFS, name, old, new string, n int) {
	t.Helper()
	f, ok := m[name]
	if !ok {
		t.Fatalf("fixture has no file %s", name)
	}
	if !strings.Contains(string(f.Data), old) {
		t.Fatalf("fixture %s does not contain %q", name, old)
	}
	f.Data = []byte(strings.Replace(string(f.Data), old, new, n))
}

const declaredAll = "placeholders: [recruiter_name, company, position, candidate_name]"

func TestLoadRejectsBrokenData(t *testing.T) {
	tests := []struct {
		name   string
		modify func(t *testing.T, m fstest.MapFS)
		want   []string
	}{
		{
			name: "nok, unknown token",
			modify: func(t *testing.T, m fstest.MapFS) {
				edit(t, m, "en/channels/email.yaml", "{{position}}", "{{job_title}}", 1)
			},
			want: []string{"en/channels/email.yaml: tone formal: subject: unknown token {{job_title}}"},
		},
		{
			name: "nok, token used but not declared",
			modify: func(t *testing.T, m fstest.MapFS) {
				edit(t, m, "en/channels/linkedin.yaml", declaredAll, "placeholders: [recruiter_name, position, candidate_name]", 1)
			},
			want: []string{"template linkedin.accepted_other_offer.formal uses {{company}} but en/channels/linkedin.yaml: tone formal does not declare it"},
		},
		{
			name: "nok, token declared but not used",
			modify: func(t *testing.T, m fstest.MapFS) {
				edit(t, m, "en/channels/phone.yaml", "{{company}}", "Northwind Analytics", -1)
			},
			want: []string{"template phone.accepted_other_offer.warm declares {{company}} in en/channels/phone.yaml: tone warm but never uses it"},
		},
		{
			name: "nok, unknown placeholder declared",
			modify: func(t *testing.T, m fstest.MapFS) {
				edit(t, m, "en/channels/email.yaml", declaredAll, "placeholders: [recruiter_name, company, position, candidate_name, salary]", 1)
			},
			want: []string{`en/channels/email.yaml: tone formal: declares unknown placeholder "salary"`},
		},
		{
			name: "nok, unknown placeholder in the registry",
			modify: func(t *testing.T, m fstest.MapFS) {
				edit(t, m, "en/placeholders.yaml", "key: position", "key: job_title", 1)
			},
			want: []string{`en/placeholders.yaml: unknown placeholder key "job_title"`, "en/placeholders.yaml: placeholder position is missing"},
		},
		{
			name: "nok, missing tone",
			modify: func(t *testing.T, m fstest.MapFS) {
				edit(t, m, "en/channels/email.yaml", "\n  brief:\n", "\n  short:\n", 1)
			},
			want: []string{`en/channels/email.yaml: unknown tone "short"`, "en/channels/email.yaml: tone brief is missing"},
		},
		{
			name: "nok, missing channel",
			modify: func(t *testing.T, m fstest.MapFS) {
				delete(m, "en/channels/phone.yaml")
			},
			want: []string{"en/channels: channel phone is missing"},
		},
		{
			name: "nok, duplicated and missing reason",
			modify: func(t *testing.T, m fstest.MapFS) {
				edit(t, m, "en/reasons.yaml", "key: timing", "key: schedule", 1)
			},
			want: []string{"en/reasons.yaml: reason schedule is defined more than once", "en/reasons.yaml: reason timing is missing"},
		},
		{
			name: "nok, duplicated channel",
			modify: func(t *testing.T, m fstest.MapFS) {
				m["en/channels/mail.yaml"] = &fstest.MapFile{Data: m["en/channels/email.yaml"].Data}
			},
			want: []string{"en/channels/mail.yaml: channel email is already defined in en/channels/email.yaml"},
		},
		{
			name: "nok, duplicated tone",
			modify: func(t *testing.T, m fstest.MapFS) {
				f := m["en/channels/email.yaml"]
				f.Data = append(f.Data, "\n  formal:\n    placeholders: []\n"...)
			},
			want: []string{`mapping key "formal" already defined`},
		},
		{
			name: "nok, empty required field",
			modify: func(t *testing.T, m fstest.MapFS) {
				edit(t, m, "en/placeholders.yaml", "example: Northwind Analytics", `example: ""`, 1)
			},
			want: []string{"en/placeholders.yaml: placeholder company: example is empty"},
		},
		{
			name: "nok, empty reason sentence",
			modify: func(t *testing.T, m fstest.MapFS) {
				edit(t, m, "en/reasons.yaml", "brief: The timing isn't right for me.", `brief: ""`, 1)
			},
			want: []string{"en/reasons.yaml: reason timing: sentence for tone brief is empty"},
		},
		{
			name: "nok, empty section",
			modify: func(t *testing.T, m fstest.MapFS) {
				edit(t, m, "en/channels/email.yaml", "closing: Thank you for your time.", `closing: " "`, 1)
			},
			want: []string{"en/channels/email.yaml: tone brief: body: section closing is empty"},
		},
		{
			name: "nok, optional placeholder without fallback",
			modify: func(t *testing.T, m fstest.MapFS) {
				edit(t, m, "en/placeholders.yaml", "    fallback: Hiring Team\n", "", 1)
			},
			want: []string{"en/placeholders.yaml: placeholder recruiter_name: an optional placeholder needs a fallback"},
		},
		{
			name: "nok, unclosed token",
			modify: func(t *testing.T, m fstest.MapFS) {
				edit(t, m, "en/channels/email.yaml", `"Dear {{recruiter_name}},"`, `"Dear {{recruiter_name,"`, 1)
			},
			want: []string{"en/channels/email.yaml: tone formal: body: section greeting: unclosed {{"},
		},
		{
			name: "nok, bracket label in data",
			modify: func(t *testing.T, m fstest.MapFS) {
				edit(t, m, "en/channels/email.yaml", `"Dear {{recruiter_name}},"`, `"Dear [Recruiter's Name],"`, 1)
			},
			want: []string{"en/channels/email.yaml: tone formal: body: section greeting: square brackets"},
		},
		{
			name: "nok, unknown field",
			modify: func(t *testing.T, m fstest.MapFS) {
				edit(t, m, "en/tones.yaml", "    label: Formal\n", "    label: Formal\n    colour: blue\n", 1)
			},
			want: []string{"en/tones.yaml: yaml: unmarshal errors:", "field colour not found"},
		},
		{
			name: "nok, layout names an undefined section",
			modify: func(t *testing.T, m fstest.MapFS) {
				edit(t, m, "en/channels/email.yaml", "- [sign_off]", "- [sign_off, signature]", 1)
			},
			want: []string{"en/channels/email.yaml: tone formal: body: the layout places section signature, which is not defined"},
		},
		{
			name: "nok, body without a door-open slot",
			modify: func(t *testing.T, m fstest.MapFS) {
				edit(t, m, "en/channels/email.yaml", "- [door_open, closing]", "- [closing]", 1)
			},
			want: []string{
				"en/channels/email.yaml: tone formal: body: section door_open is defined but not placed in the layout",
				"en/channels/email.yaml: tone formal: body: the layout does not place the door_open section",
			},
		},
		{
			name: "nok, override of a section no channel has",
			modify: func(t *testing.T, m fstest.MapFS) {
				edit(t, m, "en/reasons.yaml", "- section: door_open", "- section: door_opening", 1)
			},
			want: []string{`en/reasons.yaml: reason staying_with_current_employer: the override of "door_opening" matches no section`},
		},
		{
			name: "nok, a subject outside email",
			modify: func(t *testing.T, m fstest.MapFS) {
				edit(t, m, "en/channels/linkedin.yaml", "    body:\n", "    subject: Hello\n    body:\n", 1)
			},
			want: []string{"en/channels/linkedin.yaml: tone formal: only the email channel has a subject"},
		},
		{
			name: "nok, a single note variant",
			modify: func(t *testing.T, m fstest.MapFS) {
				edit(t, m, "en/channels/linkedin.yaml", "        - Thanks again for thinking of me. I'd love to stay in touch.\n", "", 1)
				edit(t, m, "en/channels/linkedin.yaml", `        - "Hi {{recruiter_name}}, thanks again for thinking of me at`, `        # "`, 1)
				edit(t, m, "en/channels/linkedin.yaml", `        - "Thanks again for thinking of me at`, `        # "`, 1)
			},
			want: []string{"en/channels/linkedin.yaml: tone warm: at least two connection-note variants are needed"},
		},
		{
			name: "nok, unsupported language",
			modify: func(t *testing.T, m fstest.MapFS) {
				m["fr/placeholders.yaml"] = &fstest.MapFile{Data: m["en/placeholders.yaml"].Data}
			},
			want: []string{"fr: not the directory of a supported language"},
		},
		{
			name: "nok, empty file",
			modify: func(t *testing.T, m fstest.MapFS) {
				m["en/tones.yaml"].Data = nil
			},
			want: []string{"en/tones.yaml: empty file"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m := fixture(t)
			tt.modify(t, m)
			lib, err := load(m)
			if err == nil {
				t.Fatalf("load(%s) = %d templates, want an error", tt.name, len(lib.all))
			}
			for _, want := range tt.want {
				if !strings.Contains(err.Error(), want) {
					t.Errorf("load(%s) error = %v\nwant it to contain %q", tt.name, err, want)
				}
			}
		})
	}
}

func TestLoadFixtureUnchanged(t *testing.T) {
	lib, err := load(fixture(t))
	if err != nil {
		t.Fatalf("load(unchanged copy) error: %v", err)
	}
	if len(lib.all) != 90 {
		t.Errorf("load(unchanged copy) = %d templates, want 90", len(lib.all))
	}
}

// TestVersionChangesWithText changes one text and checks that exactly the
// templates that contain it get a new version.
func TestVersionChangesWithText(t *testing.T) {
	base, err := load(fixture(t))
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name   string
		change func(t *testing.T, m fstest.MapFS)
		want   []string // ids whose version changes
	}{
		{
			name: "a reason sentence",
			change: func(t *testing.T, m fstest.MapFS) {
				edit(t, m, "en/reasons.yaml", "a position with another organization", "a role with another organization", 1)
			},
			want: []string{"email.accepted_other_offer.formal", "linkedin.accepted_other_offer.formal", "phone.accepted_other_offer.formal"},
		},
		{
			name: "a short-notice sentence that renders only on request",
			change: func(t *testing.T, m fstest.MapFS) {
				edit(t, m, "en/channels/phone.yaml", "I wanted to call right away.", "I wanted to call at once.", 1)
			},
			want: ids(base.Find(Filter{Channel: Phone, Tone: Brief})),
		},
		{
			name: "a fallback",
			change: func(t *testing.T, m fstest.MapFS) {
				edit(t, m, "en/channels/linkedin.yaml", "recruiter_name: there", "recruiter_name: again", 1)
			},
			want: ids(base.Find(Filter{Channel: LinkedIn, Tone: Formal})),
		},
		{
			name:   "nothing",
			change: func(*testing.T, fstest.MapFS) {},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m := fixture(t)
			tt.change(t, m)
			changed, err := load(m)
			if err != nil {
				t.Fatal(err)
			}
			var got []string
			for _, tpl := range base.all {
				if c, _ := changed.Get(tpl.ID); c.Version != tpl.Version {
					got = append(got, tpl.ID)
				}
			}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("templates with a new version (-want +got):\n%s", diff)
			}
		})
	}
}

func ids(ts []*Template) []string {
	var out []string
	for _, t := range ts {
		out = append(out, t.ID)
	}
	return out
}
