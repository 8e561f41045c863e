package library_test

import (
	"regexp"
	"slices"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/declinekit/declinekit/service/library"
)

// wantIDs returns the ids of every combination that passes keep, in
// canonical order.
func wantIDs(keep func(library.Channel, library.Reason, library.Tone) bool) []string {
	var ids []string
	for _, c := range library.Channels {
		for _, r := range library.Reasons {
			for _, tone := range library.Tones {
				if keep(c, r, tone) {
					ids = append(ids, string(c)+"."+string(r)+"."+string(tone))
				}
			}
		}
	}
	return ids
}

func ids(ts []*library.Template) []string {
	out := make([]string, 0, len(ts))
	for _, t := range ts {
		out = append(out, t.ID)
	}
	return out
}

func TestCoverage(t *testing.T) {
	lib := mustLoad(t)
	all := lib.All()
	if len(all) != 90 {
		t.Errorf("len(All()) = %d, want 90", len(all))
	}
	want := wantIDs(func(library.Channel, library.Reason, library.Tone) bool { return true })
	if diff := cmp.Diff(want, ids(all)); diff != "" {
		t.Errorf("All() ids in canonical order mismatch (-want +got):\n%s", diff)
	}
	for _, tpl := range all {
		want := string(tpl.Channel) + "." + string(tpl.Reason) + "." + string(tpl.Tone)
		if tpl.ID != want {
			t.Errorf("template %s: ID = %q, want %q", tpl.ID, tpl.ID, want)
		}
		if tpl.Lang != "en" {
			t.Errorf("template %s: Lang = %q, want %q", tpl.ID, tpl.Lang, "en")
		}
		if tpl.Name == "" || tpl.Description == "" {
			t.Errorf("template %s: Name = %q, Description = %q, want both set", tpl.ID, tpl.Name, tpl.Description)
		}
		got, ok := lib.Get(tpl.ID)
		if !ok || got != tpl {
			t.Errorf("Get(%q) = %v, %v, want the template from All()", tpl.ID, got, ok)
		}
	}
}

func TestChannelOutputs(t *testing.T) {
	lib := mustLoad(t)
	for _, tpl := range lib.All() {
		var (
			hasSubject  = tpl.Subject != ""
			hasNotes    = len(tpl.Notes) >= 2
			hasFollowUp = tpl.FollowUp != nil && tpl.FollowUp.Subject != "" && tpl.FollowUp.Body != ""
		)
		want := [3]bool{tpl.Channel == library.Email, tpl.Channel == library.LinkedIn, tpl.Channel == library.Phone}
		if got := [3]bool{hasSubject, hasNotes, hasFollowUp}; got != want || tpl.Body == "" {
			t.Errorf("template %s: subject, notes, follow-up = %v, body %q; want %v and a body", tpl.ID, got, tpl.Body, want)
		}
	}
}

func TestGet(t *testing.T) {
	lib := mustLoad(t)
	tests := []struct {
		name string
		give string
		want bool
	}{
		{"ok", "email.accepted_other_offer.warm", true},
		{"ok, phone", "phone.none.brief", true},
		{"nok, unknown tone", "email.accepted_other_offer.casual", false},
		{"nok, wrong order", "warm.accepted_other_offer.email", false},
		{"nok, empty", "", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, ok := lib.Get(tt.give)
			if ok != tt.want || (ok && got.ID != tt.give) {
				t.Errorf("Get(%q) = %v, %v, want ok %v", tt.give, got, ok, tt.want)
			}
		})
	}
}

func TestFind(t *testing.T) {
	lib := mustLoad(t)
	tests := []struct {
		name string
		give library.Filter
		want []string
	}{
		{"any", library.Filter{}, wantIDs(func(library.Channel, library.Reason, library.Tone) bool { return true })},
		{"channel", library.Filter{Channel: library.LinkedIn}, wantIDs(func(c library.Channel, _ library.Reason, _ library.Tone) bool {
			return c == library.LinkedIn
		})},
		{"reason", library.Filter{Reason: library.None}, wantIDs(func(_ library.Channel, r library.Reason, _ library.Tone) bool {
			return r == library.None
		})},
		{"tone", library.Filter{Tone: library.Brief}, wantIDs(func(_ library.Channel, _ library.Reason, tone library.Tone) bool {
			return tone == library.Brief
		})},
		{"lang", library.Filter{Lang: "en"}, wantIDs(func(library.Channel, library.Reason, library.Tone) bool { return true })},
		{"channel and tone", library.Filter{Channel: library.Phone, Tone: library.Warm}, wantIDs(func(c library.Channel, _ library.Reason, tone library.Tone) bool {
			return c == library.Phone && tone == library.Warm
		})},
		{"reason and lang", library.Filter{Reason: library.Compensation, Lang: "en"}, wantIDs(func(_ library.Channel, r library.Reason, _ library.Tone) bool {
			return r == library.Compensation
		})},
		{"all three", library.Filter{Channel: library.Email, Reason: library.Timing, Tone: library.Formal}, []string{"email.timing.formal"}},
		{"nok, unknown lang", library.Filter{Lang: "de"}, []string{}},
		{"nok, unknown channel", library.Filter{Channel: "fax"}, []string{}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := lib.Find(tt.give)
			if got == nil {
				t.Fatalf("Find(%+v) = nil, want a non-nil slice", tt.give)
			}
			if diff := cmp.Diff(tt.want, ids(got)); diff != "" {
				t.Errorf("Find(%+v) mismatch (-want +got):\n%s", tt.give, diff)
			}
		})
	}
}

func TestAllReturnsACopy(t *testing.T) {
	lib := mustLoad(t)
	all := lib.All()
	all[0] = nil
	if lib.All()[0] == nil {
		t.Errorf("All() returns the library's own slice; changing it changed the library")
	}
}

func TestPlaceholders(t *testing.T) {
	lib := mustLoad(t)
	want := []library.Placeholder{
		{Key: "recruiter_name", Label: "[Recruiter's Name]", Required: false, MaxLength: 80, Example: "Dana Whitfield", Fallback: "Hiring Team"},
		{Key: "company", Label: "[Company]", Required: true, MaxLength: 100, Example: "Northwind Analytics"},
		{Key: "position", Label: "[Position]", Required: true, MaxLength: 120, Example: "Senior Backend Engineer"},
		{Key: "candidate_name", Label: "[Your Name]", Required: true, MaxLength: 80, Example: "Alex Moreno"},
	}
	got := lib.Placeholders()
	for _, p := range got {
		if p.Description == "" {
			t.Errorf("placeholder %s: Description is empty", p.Key)
		}
	}
	ignoreDescription := cmp.FilterPath(func(p cmp.Path) bool { return p.Last().String() == ".Description" }, cmp.Ignore())
	if diff := cmp.Diff(want, got, ignoreDescription); diff != "" {
		t.Errorf("Placeholders() mismatch (-want +got):\n%s", diff)
	}
}

var tokenPattern = regexp.MustCompile(`\{\{([a-z_]+)\}\}`)

// TestTemplatePlaceholdersAreUsed checks that each template's Placeholders
// are exactly the tokens its texts use.
func TestTemplatePlaceholdersAreUsed(t *testing.T) {
	lib := mustLoad(t)
	for _, tpl := range lib.All() {
		texts := []string{tpl.Subject, tpl.Body}
		texts = append(texts, tpl.Notes...)
		if tpl.FollowUp != nil {
			texts = append(texts, tpl.FollowUp.Subject, tpl.FollowUp.Body)
		}
		var used []string
		for _, text := range texts {
			for _, m := range tokenPattern.FindAllStringSubmatch(text, -1) {
				if !slices.Contains(used, m[1]) {
					used = append(used, m[1])
				}
			}
		}
		var declared []string
		for _, p := range tpl.Placeholders {
			declared = append(declared, p.Key)
		}
		slices.Sort(used)
		slices.Sort(declared)
		if diff := cmp.Diff(used, declared); diff != "" {
			t.Errorf("template %s: placeholders (-used +declared):\n%s", tpl.ID, diff)
		}
	}
}

var versionPattern = regexp.MustCompile(`^[0-9a-f]{12}$`)

func TestVersions(t *testing.T) {
	lib := mustLoad(t)
	again := mustLoad(t)
	seen := make(map[string]string)
	for _, tpl := range lib.All() {
		if !versionPattern.MatchString(tpl.Version) {
			t.Errorf("template %s: Version = %q, want 12 hex digits", tpl.ID, tpl.Version)
		}
		if other, dup := seen[tpl.Version]; dup {
			t.Errorf("templates %s and %s share version %s", other, tpl.ID, tpl.Version)
		}
		seen[tpl.Version] = tpl.ID
		if t2, _ := again.Get(tpl.ID); t2.Version != tpl.Version {
			t.Errorf("template %s: Version = %q after one Load and %q after another, want the same", tpl.ID, tpl.Version, t2.Version)
		}
	}
}
