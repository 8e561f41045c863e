package library_test

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/google/go-cmp/cmp"

	"github.com/declinekit/declinekit/service/library"
)

var update = flag.Bool("update", false, "rewrite the testdata/*.golden files")

// goldenOptions are the options the golden files are rendered with.
var goldenOptions = library.Options{KeepDoorOpen: true}

// leftover matches what must never survive rendering: a {{token}}, a stray
// brace pair or a bracket label.
var leftover = regexp.MustCompile(`\{\{|\}\}|\[[^\]\n]{1,40}\]`)

// exampleValues fills every placeholder with its registry example.
func exampleValues(t testing.TB, lib *library.Library) library.Values {
	t.Helper()
	ex := make(map[string]string)
	for _, p := range lib.Placeholders() {
		ex[p.Key] = p.Example
	}
	return library.Values{
		Company:       ex["company"],
		Position:      ex["position"],
		CandidateName: ex["candidate_name"],
		RecruiterName: ex["recruiter_name"],
	}
}

func mustLoad(t testing.TB) *library.Library {
	t.Helper()
	lib, err := library.Load()
	if err != nil {
		t.Fatalf("Load() error: %v", err)
	}
	return lib
}

// renderAll writes every rendered output of the templates, each under a
// header naming its template.
func renderAll(templates []*library.Template, v library.Values, o library.Options) string {
	var b strings.Builder
	for _, t := range templates {
		r := t.Render(v, o)
		fmt.Fprintf(&b, "==== %s\n", t.ID)
		if r.Subject != "" {
			fmt.Fprintf(&b, "Subject: %s\n\n", r.Subject)
		}
		fmt.Fprintf(&b, "%s\n", r.Body)
		for i, n := range r.Notes {
			fmt.Fprintf(&b, "---- note %d (%d characters)\n%s\n", i+1, utf8.RuneCountInString(n), n)
		}
		if r.FollowUp != nil {
			fmt.Fprintf(&b, "---- follow-up\nSubject: %s\n\n%s\n", r.FollowUp.Subject, r.FollowUp.Body)
		}
		b.WriteString("\n")
	}
	return b.String()
}

func checkGolden(t *testing.T, name, got string) {
	t.Helper()
	path := filepath.Join("testdata", name+".golden")
	if *update {
		if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test -update to create it)", err)
	}
	if diff := cmp.Diff(string(want), got); diff != "" {
		t.Errorf("%s mismatch (-want +got):\n%s", path, diff)
	}
}

func TestGolden(t *testing.T) {
	lib := mustLoad(t)
	v := exampleValues(t, lib)
	for _, ch := range library.Channels {
		t.Run(string(ch), func(t *testing.T) {
			checkGolden(t, string(ch), renderAll(lib.Find(library.Filter{Channel: ch}), v, goldenOptions))
		})
	}
	t.Run("options", func(t *testing.T) {
		// Every optional sentence switched the other way, with the
		// candidate's own reason.
		o := library.Options{ShortNotice: true, LateReply: true}
		v := v
		v.ReasonDetail = "I have decided to stay in my current team for another year"
		checkGolden(t, "options", renderAll(lib.Find(library.Filter{Reason: library.AcceptedOtherOffer}), v, o))
	})
}

// TestRenderLeavesNoPlaceholders renders every template with every
// combination of options and checks that no token or bracket label is left.
func TestRenderLeavesNoPlaceholders(t *testing.T) {
	lib := mustLoad(t)
	v := exampleValues(t, lib)
	for _, tpl := range lib.All() {
		for _, o := range allOptions() {
			r := tpl.Render(v, o)
			for _, text := range outputs(r) {
				if m := leftover.FindString(text); m != "" {
					t.Errorf("%s.Render(examples, %+v) keeps %q in %q", tpl.ID, o, m, text)
				}
			}
		}
	}
}

// allOptions returns every combination of Options.
func allOptions() []library.Options {
	var out []library.Options
	for i := range 8 {
		out = append(out, library.Options{KeepDoorOpen: i&1 != 0, ShortNotice: i&2 != 0, LateReply: i&4 != 0})
	}
	return out
}

// outputs lists every text of a rendering.
func outputs(r library.Rendered) []string {
	out := []string{r.Subject, r.Body}
	out = append(out, r.Notes...)
	if r.FollowUp != nil {
		out = append(out, r.FollowUp.Subject, r.FollowUp.Body)
	}
	return out
}
