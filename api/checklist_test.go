package api_test

import (
	"net/http"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/declinekit/declinekit/api"
	"github.com/declinekit/declinekit/internal/problem"
)

var checklistIDs = []string{
	"reflect", "respond_promptly", "be_honest", "express_gratitude", "keep_door_open",
	"use_professional_channel", "give_brief_reason", "be_courteous", "maintain_connections",
}

func TestListChecklist(t *testing.T) {
	s, _ := newServer(t)
	for _, path := range []string{"/checklist", "/checklist?lang=en"} {
		rec := do(t, s, request{path: path})
		if rec.Code != http.StatusOK {
			t.Fatalf("GET %s status = %d, want 200; body %s", path, rec.Code, rec.Body)
		}
		if ct := rec.Header().Get("Content-Type"); ct != "application/json" {
			t.Errorf("GET %s Content-Type = %q, want application/json", path, ct)
		}
		var list api.ChecklistList
		decode(t, rec, &list)
		var ids []string
		for i, it := range list.Items {
			ids = append(ids, it.ID)
			if it.Step != i+1 {
				t.Errorf("item %s step = %d, want %d", it.ID, it.Step, i+1)
			}
			if it.Title == "" || it.Summary == "" || len(it.Guidance) == 0 {
				t.Errorf("item %s is missing text: %+v", it.ID, it)
			}
			if got, want := len(it.Questions) > 0, it.ID == "reflect"; got != want {
				t.Errorf("item %s has questions = %v, want %v", it.ID, got, want)
			}
			if it.Questions == nil {
				t.Errorf("item %s questions is null, want an array", it.ID)
			}
			if got, want := it.Optional, it.ID == "give_brief_reason"; got != want {
				t.Errorf("item %s optional = %v, want %v", it.ID, got, want)
			}
		}
		if diff := cmp.Diff(checklistIDs, ids); diff != "" {
			t.Errorf("GET %s ids mismatch (-want +got):\n%s", path, diff)
		}
	}
}

func TestChecklistItem(t *testing.T) {
	s, _ := newServer(t)
	for _, id := range checklistIDs {
		t.Run(id, func(t *testing.T) {
			rec := do(t, s, request{path: "/checklist/" + id})
			if rec.Code != http.StatusOK {
				t.Fatalf("status = %d, want 200; body %s", rec.Code, rec.Body)
			}
			var it api.ChecklistItem
			decode(t, rec, &it)
			if it.ID != id {
				t.Errorf("id = %q, want %q", it.ID, id)
			}
		})
	}
}

func TestChecklistErrors(t *testing.T) {
	s, _ := newServer(t)
	tests := []struct {
		name       string
		give       request
		wantStatus int
		wantType   string
		wantField  string
	}{
		{"nok, unknown id", request{path: "/checklist/be_rude"}, 404, problem.TypeNotFound, ""},
		{"nok, unknown id with odd characters", request{path: "/checklist/%2e%2e%2fetc"}, 404, problem.TypeNotFound, ""},
		{"nok, unsupported lang on list", request{path: "/checklist?lang=fr"}, 422, problem.TypeValidation, "lang"},
		{"nok, unsupported lang on item", request{path: "/checklist/reflect?lang=de"}, 422, problem.TypeValidation, "lang"},
		{"nok, Accept rules out JSON", request{path: "/checklist", headers: map[string]string{"Accept": "text/html"}}, 406, problem.TypeNotAcceptable, ""},
		{"nok, POST not allowed", request{method: "POST", path: "/checklist", body: "{}", headers: map[string]string{"Content-Type": "application/json"}}, 405, problem.TypeMethodNotAllowed, ""},
		{"nok, DELETE not allowed on item", request{method: "DELETE", path: "/checklist/reflect"}, 405, problem.TypeMethodNotAllowed, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := wantProblem(t, do(t, s, tt.give), tt.wantStatus, tt.wantType)
			if tt.wantField == "" {
				return
			}
			if len(p.Errors) != 1 || p.Errors[0].Field != tt.wantField {
				t.Fatalf("errors = %+v, want one naming %q", p.Errors, tt.wantField)
			}
			if !strings.Contains(p.Errors[0].Message, "en") {
				t.Errorf("message %q does not name the supported languages", p.Errors[0].Message)
			}
		})
	}
}

func TestChecklistETag(t *testing.T) {
	s, _ := newServer(t)
	for _, path := range []string{"/checklist", "/checklist/keep_door_open"} {
		rec := do(t, s, request{path: path})
		etag := rec.Header().Get("ETag")
		if etag == "" || rec.Header().Get("Cache-Control") == "" {
			t.Fatalf("GET %s: ETag %q, Cache-Control %q; want both set", path, etag, rec.Header().Get("Cache-Control"))
		}
		tests := []struct {
			name string
			give string
			want int
		}{
			{"ok, same etag", etag, http.StatusNotModified},
			{"ok, weak form of the same etag", "W/" + etag, http.StatusNotModified},
			{"ok, in a list", `"other", ` + etag, http.StatusNotModified},
			{"ok, star", "*", http.StatusNotModified},
			{"nok, stale etag", `"stale"`, http.StatusOK},
		}
		for _, tt := range tests {
			t.Run(path+" "+tt.name, func(t *testing.T) {
				rec := do(t, s, request{path: path, headers: map[string]string{"If-None-Match": tt.give}})
				if rec.Code != tt.want {
					t.Errorf("If-None-Match %s: status = %d, want %d", tt.give, rec.Code, tt.want)
				}
				if tt.want == http.StatusNotModified && rec.Body.Len() != 0 {
					t.Errorf("304 has a body: %q", rec.Body)
				}
			})
		}
	}
}
