package api_test

import (
	"net/http"
	"strings"
	"testing"

	"github.com/declinekit/declinekit/internal/config"
	"github.com/declinekit/declinekit/internal/problem"
)

func TestAPIKeys(t *testing.T) {
	const key = "k3y-0123456789abcdef"
	s, logs := newServer(t, func(c *config.Config) { c.APIKeys = []string{"other-key-0123456789", key} })
	draft := draftBody("", "", "")
	protected := []request{
		{path: "/checklist"},
		{path: "/checklist/reflect"},
		{path: "/templates"},
		{path: "/templates/email.none.brief"},
		{method: http.MethodPost, path: "/drafts", body: draft, headers: map[string]string{"Content-Type": "application/json"}},
	}
	with := func(r request, h, v string) request {
		headers := map[string]string{h: v}
		for k, v := range r.headers {
			headers[k] = v
		}
		r.headers = headers
		return r
	}
	for _, r := range protected {
		t.Run(r.path, func(t *testing.T) {
			tests := []struct {
				name string
				give request
				want int
			}{
				{"nok, no key", r, http.StatusUnauthorized},
				{"nok, wrong key", with(r, "X-API-Key", "wrong-0123456789abcdef"), http.StatusUnauthorized},
				{"nok, wrong bearer", with(r, "Authorization", "Bearer "+key+"x"), http.StatusUnauthorized},
				{"nok, basic scheme", with(r, "Authorization", "Basic "+key), http.StatusUnauthorized},
				{"nok, empty bearer", with(r, "Authorization", "Bearer "), http.StatusUnauthorized},
				{"ok, X-API-Key", with(r, "X-API-Key", key), http.StatusOK},
				{"ok, bearer", with(r, "Authorization", "Bearer "+key), http.StatusOK},
				{"ok, bearer in lower case", with(r, "Authorization", "bearer "+key), http.StatusOK},
			}
			for _, tt := range tests {
				rec := do(t, s, tt.give)
				if rec.Code != tt.want {
					t.Errorf("%s: status = %d, want %d", tt.name, rec.Code, tt.want)
					continue
				}
				if tt.want == http.StatusUnauthorized {
					wantProblem(t, rec, http.StatusUnauthorized, problem.TypeUnauthorized)
					if got := rec.Header().Get("WWW-Authenticate"); got != `Bearer realm="declinekit"` {
						t.Errorf("%s: WWW-Authenticate = %q", tt.name, got)
					}
				}
			}
		})
	}
	for _, path := range []string{"/healthz", "/readyz", "/version", "/openapi.json", "/openapi.yaml", "/swagger.json", "/docs/"} {
		if rec := do(t, s, request{path: path}); rec.Code != http.StatusOK {
			t.Errorf("GET %s without a key = %d, want 200 (it stays open)", path, rec.Code)
		}
	}
	if strings.Contains(logs.String(), key) || strings.Contains(logs.String(), "0123456789") {
		t.Errorf("a key appears in the logs:\n%s", logs)
	}
}

func TestAPIKeysOffByDefault(t *testing.T) {
	s, _ := newServer(t)
	if rec := do(t, s, request{path: "/checklist"}); rec.Code != http.StatusOK {
		t.Errorf("without keys configured, GET /checklist = %d, want 200", rec.Code)
	}
}

func TestCORSPreflightNeedsNoKey(t *testing.T) {
	origin := "https://coach.example.com"
	s, _ := newServer(t, func(c *config.Config) {
		c.APIKeys = []string{"k3y-0123456789abcdef"}
		c.CORSOrigins = []string{origin}
	})
	rec := do(t, s, request{method: http.MethodOptions, path: "/drafts", headers: map[string]string{
		"Origin": origin, "Access-Control-Request-Method": "POST", "Access-Control-Request-Headers": "content-type,x-api-key",
	}})
	if rec.Code != http.StatusNoContent || rec.Header().Get("Access-Control-Allow-Origin") != origin {
		t.Errorf("preflight = %d, Allow-Origin %q; want 204 and the origin", rec.Code, rec.Header().Get("Access-Control-Allow-Origin"))
	}
	if !strings.Contains(strings.ToLower(rec.Header().Get("Access-Control-Allow-Headers")), "x-api-key") {
		t.Errorf("Allow-Headers = %q, want X-API-Key among them", rec.Header().Get("Access-Control-Allow-Headers"))
	}
}
