package api_test

import (
	"encoding/json"
	"fmt"
	"net/http"
	"strings"
	"testing"

	"github.com/declinekit/declinekit/api"
	"github.com/declinekit/declinekit/internal/problem"
)

var (
	channels = []string{"email", "linkedin", "phone"}
	reasons  = []string{"accepted_other_offer", "staying_with_current_employer", "career_goals", "role_not_a_fit",
		"compensation", "location", "schedule", "personal_circumstances", "timing", "none"}
	tones = []string{"formal", "warm", "brief"}
)

func listTemplates(t *testing.T, s http.Handler, query string) api.TemplateList {
	t.Helper()
	rec := do(t, s, request{path: "/templates" + query})
	if rec.Code != http.StatusOK {
		t.Fatalf("GET /templates%s status = %d, want 200; body %s", query, rec.Code, rec.Body)
	}
	var list api.TemplateList
	decode(t, rec, &list)
	return list
}

func TestListTemplatesCoversEveryCombination(t *testing.T) {
	s, _ := newServer(t)
	list := listTemplates(t, s, "")
	if len(list.Items) != 90 {
		t.Fatalf("GET /templates has %d items, want 90", len(list.Items))
	}
	seen := map[string]bool{}
	for _, it := range list.Items {
		seen[it.ID] = true
		if it.Version == "" || it.Name == "" || it.Description == "" || it.Lang != "en" || len(it.Placeholders) == 0 {
			t.Errorf("summary %s is incomplete: %+v", it.ID, it)
		}
	}
	i := 0
	for _, c := range channels {
		for _, r := range reasons {
			for _, tn := range tones {
				id := c + "." + r + "." + tn
				if !seen[id] {
					t.Errorf("template %s is missing", id)
				}
				if i < len(list.Items) && list.Items[i].ID != id {
					t.Errorf("item %d = %s, want %s (canonical order)", i, list.Items[i].ID, id)
				}
				i++
			}
		}
	}
}

func TestListTemplatesFilters(t *testing.T) {
	s, _ := newServer(t)
	tests := []struct {
		query string
		want  int
		check func(api.TemplateSummary) bool
	}{
		{"?channel=email", 30, func(x api.TemplateSummary) bool { return x.Channel == "email" }},
		{"?channel=phone&tone=brief", 10, func(x api.TemplateSummary) bool { return x.Channel == "phone" && x.Tone == "brief" }},
		{"?reason=compensation", 9, func(x api.TemplateSummary) bool { return x.Reason == "compensation" }},
		{"?channel=linkedin&reason=none&tone=warm&lang=en", 1, func(x api.TemplateSummary) bool { return x.ID == "linkedin.none.warm" }},
		{"?lang=en", 90, func(x api.TemplateSummary) bool { return x.Lang == "en" }},
	}
	for _, tt := range tests {
		t.Run(tt.query, func(t *testing.T) {
			list := listTemplates(t, s, tt.query)
			if len(list.Items) != tt.want {
				t.Errorf("GET /templates%s has %d items, want %d", tt.query, len(list.Items), tt.want)
			}
			for _, it := range list.Items {
				if !tt.check(it) {
					t.Errorf("GET /templates%s returned %s, which does not match", tt.query, it.ID)
				}
			}
		})
	}
}

func TestListTemplatesRejectsUnknownFilterValues(t *testing.T) {
	s, _ := newServer(t)
	tests := []struct {
		query     string
		wantField string
		wantIn    string
	}{
		{"?channel=fax", "channel", "email linkedin phone"},
		{"?reason=bored", "reason", "accepted_other_offer"},
		{"?tone=angry", "tone", "formal warm brief"},
		{"?lang=de", "lang", "en"},
		{"?channel=EMAIL", "channel", "email"},
	}
	for _, tt := range tests {
		t.Run(tt.query, func(t *testing.T) {
			p := wantProblem(t, do(t, s, request{path: "/templates" + tt.query}), http.StatusUnprocessableEntity, problem.TypeValidation)
			if len(p.Errors) != 1 || p.Errors[0].Field != tt.wantField || !strings.Contains(p.Errors[0].Message, tt.wantIn) {
				t.Errorf("errors = %+v, want one for %s listing %q", p.Errors, tt.wantField, tt.wantIn)
			}
		})
	}
	for _, q := range []string{"?chanel=email", "?channel=email&channel=phone", "?tone=formal&unknown=1"} {
		p := wantProblem(t, do(t, s, request{path: "/templates" + q}), http.StatusBadRequest, problem.TypeBadRequest)
		if len(p.Errors) != 1 {
			t.Errorf("GET /templates%s errors = %+v, want one naming the parameter", q, p.Errors)
		}
	}
	p := wantProblem(t, do(t, s, request{path: "/templates?channel=fax&tone=angry"}), http.StatusUnprocessableEntity, problem.TypeValidation)
	if len(p.Errors) != 2 {
		t.Errorf("two bad filters gave %d errors, want 2: %+v", len(p.Errors), p.Errors)
	}
}

func TestGetTemplate(t *testing.T) {
	s, _ := newServer(t)
	for _, sum := range listTemplates(t, s, "").Items {
		rec := do(t, s, request{path: "/templates/" + sum.ID})
		if rec.Code != http.StatusOK {
			t.Errorf("GET /templates/%s status = %d, want 200", sum.ID, rec.Code)
			continue
		}
		var tpl api.Template
		decode(t, rec, &tpl)
		if tpl.ID != sum.ID || tpl.Version != sum.Version || tpl.Body == "" {
			t.Errorf("GET /templates/%s = id %s version %s, want the listed one with a body", sum.ID, tpl.ID, tpl.Version)
		}
		if got, want := tpl.Subject != "", sum.Channel == "email"; got != want {
			t.Errorf("%s has subject = %v, want %v", sum.ID, got, want)
		}
		if got, want := len(tpl.ConnectionNotes) > 0, sum.Channel == "linkedin"; got != want {
			t.Errorf("%s has connection notes = %v, want %v", sum.ID, got, want)
		}
		if got, want := tpl.FollowUp != nil, sum.Channel == "phone"; got != want {
			t.Errorf("%s has a follow-up = %v, want %v", sum.ID, got, want)
		}
		for _, p := range tpl.Placeholders {
			if !strings.Contains(tpl.Subject+tpl.Body+strings.Join(tpl.ConnectionNotes, "")+fmt.Sprint(tpl.FollowUp), "{{"+p.Key+"}}") {
				t.Errorf("%s declares %s but does not use it", sum.ID, p.Key)
			}
		}
	}
	for _, id := range []string{"email.accepted_other_offer", "fax.none.brief", "email.none.brief.x", "..%2f..%2fetc%2fpasswd", "EMAIL.NONE.BRIEF"} {
		wantProblem(t, do(t, s, request{path: "/templates/" + id}), http.StatusNotFound, problem.TypeNotFound)
	}
}

func TestTemplatesETag(t *testing.T) {
	s, _ := newServer(t)
	for _, path := range []string{"/templates", "/templates?channel=phone", "/templates/email.none.formal"} {
		rec := do(t, s, request{path: path})
		etag := rec.Header().Get("ETag")
		if etag == "" || !strings.Contains(rec.Header().Get("Cache-Control"), "max-age") {
			t.Fatalf("GET %s: ETag %q, Cache-Control %q", path, etag, rec.Header().Get("Cache-Control"))
		}
		if got := do(t, s, request{path: path, headers: map[string]string{"If-None-Match": etag}}).Code; got != http.StatusNotModified {
			t.Errorf("GET %s with its ETag = %d, want 304", path, got)
		}
		if got := do(t, s, request{path: path, headers: map[string]string{"If-None-Match": `"old"`}}).Code; got != http.StatusOK {
			t.Errorf("GET %s with a stale ETag = %d, want 200", path, got)
		}
	}
	a := do(t, s, request{path: "/templates?channel=email"}).Header().Get("ETag")
	b := do(t, s, request{path: "/templates?channel=phone"}).Header().Get("ETag")
	if a == b {
		t.Errorf("different lists share the ETag %s", a)
	}
}

// TestTemplateListsMatchEncodingJSON checks the joined list bytes against
// encoding/json's encoding of the same TemplateList.
func TestTemplateListsMatchEncodingJSON(t *testing.T) {
	s, _ := newServer(t)
	for _, q := range []string{"", "?channel=email", "?tone=brief&reason=none", "?channel=phone&reason=timing&tone=warm&lang=en"} {
		rec := do(t, s, request{path: "/templates" + q})
		var list api.TemplateList
		decode(t, rec, &list)
		want, err := json.Marshal(list)
		if err != nil {
			t.Fatal(err)
		}
		if rec.Body.String() != string(want) {
			t.Errorf("GET /templates%s is not what encoding/json writes for its items", q)
		}
	}
}
