package api_test

import (
	"context"
	"encoding/json"
	"net/http"
	"runtime"
	"strings"
	"testing"

	"github.com/getkin/kin-openapi/openapi3"

	"github.com/declinekit/declinekit/api"
	"github.com/declinekit/declinekit/internal/config"
	"github.com/declinekit/declinekit/internal/problem"
)

func TestHealthAndReadiness(t *testing.T) {
	s, _ := newServer(t)
	for _, path := range []string{"/healthz", "/readyz"} {
		for _, method := range []string{http.MethodGet, http.MethodHead} {
			rec := do(t, s, request{method: method, path: path})
			if rec.Code != http.StatusOK {
				t.Errorf("%s %s status = %d, want 200", method, path, rec.Code)
			}
			if method == http.MethodGet && strings.TrimSpace(rec.Body.String()) != `{"status":"ok"}` {
				t.Errorf("%s %s body = %s, want {\"status\":\"ok\"}", method, path, rec.Body)
			}
		}
	}

	s.Drain()
	wantProblem(t, do(t, s, request{path: "/readyz"}), http.StatusServiceUnavailable, problem.TypeServiceUnavailable)
	if rec := do(t, s, request{path: "/healthz"}); rec.Code != http.StatusOK {
		t.Errorf("after Drain, /healthz status = %d, want 200", rec.Code)
	}
	if rec := do(t, s, request{path: "/checklist"}); rec.Code != http.StatusOK {
		t.Errorf("after Drain, /checklist status = %d, want 200 (draining still serves)", rec.Code)
	}
}

func TestVersion(t *testing.T) {
	s, _ := newServer(t)
	rec := do(t, s, request{path: "/version"})
	if rec.Code != http.StatusOK {
		t.Fatalf("status = %d, want 200", rec.Code)
	}
	var v api.VersionInfo
	decode(t, rec, &v)
	if v.Version == "" || v.Commit == "" || v.GoVersion != runtime.Version() {
		t.Errorf("GET /version = %+v, want version, commit and go_version %s", v, runtime.Version())
	}
}

func TestSpecsAndDocs(t *testing.T) {
	s, _ := newServer(t)
	tests := []struct {
		name         string
		path         string
		wantStatus   int
		wantType     string
		wantContains string
	}{
		{"ok, openapi json", "/openapi.json", 200, "application/json", `"openapi": "3.0`},
		{"ok, openapi yaml", "/openapi.yaml", 200, "application/yaml", "openapi: 3.0"},
		{"ok, swagger json", "/swagger.json", 200, "application/json", `"swagger": "2.0"`},
		{"ok, docs index", "/docs/", 200, "text/html; charset=utf-8", `id="swagger-ui"`},
		{"ok, docs index by name", "/docs/index.html", 200, "text/html; charset=utf-8", "swagger-initializer.js"},
		{"ok, initializer points at our spec", "/docs/swagger-initializer.js", 200, "text/javascript; charset=utf-8", `url: "../openapi.json"`},
		{"ok, bundle", "/docs/swagger-ui-bundle.js", 200, "text/javascript; charset=utf-8", "SwaggerUIBundle"},
		{"ok, css", "/docs/swagger-ui.css", 200, "text/css; charset=utf-8", ".swagger-ui"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rec := do(t, s, request{path: tt.path})
			if rec.Code != tt.wantStatus {
				t.Fatalf("GET %s status = %d, want %d", tt.path, rec.Code, tt.wantStatus)
			}
			if ct := rec.Header().Get("Content-Type"); ct != tt.wantType {
				t.Errorf("GET %s Content-Type = %q, want %q", tt.path, ct, tt.wantType)
			}
			if !strings.Contains(rec.Body.String(), tt.wantContains) {
				t.Errorf("GET %s body does not contain %q", tt.path, tt.wantContains)
			}
		})
	}

	rec := do(t, s, request{path: "/docs"})
	if rec.Code != http.StatusMovedPermanently || rec.Header().Get("Location") != "/docs/" {
		t.Errorf("GET /docs = %d to %q, want 301 to /docs/", rec.Code, rec.Header().Get("Location"))
	}
	for _, path := range []string{"/docs/nope.js", "/docs/../openapi.json", "/docs/%2e%2e/go.mod"} {
		wantProblem(t, do(t, s, request{path: path}), http.StatusNotFound, problem.TypeNotFound)
	}
	if csp := do(t, s, request{path: "/docs/"}).Header().Get("Content-Security-Policy"); !strings.Contains(csp, "script-src 'self'") {
		t.Errorf("docs CSP = %q, want it to allow the UI's own scripts", csp)
	}
}

// TestSpecMatchesRoutes checks that every operation in the OpenAPI document
// is served, and that the document names an operationId, a summary, a
// description and tags for each.
func TestSpecMatchesRoutes(t *testing.T) {
	s, _ := newServer(t)
	var doc struct {
		OpenAPI string `json:"openapi"`
		Paths   map[string]map[string]struct {
			OperationID string   `json:"operationId"`
			Summary     string   `json:"summary"`
			Description string   `json:"description"`
			Tags        []string `json:"tags"`
		} `json:"paths"`
	}
	rec := do(t, s, request{path: "/openapi.json"})
	decode(t, rec, &doc)
	loaded, err := openapi3.NewLoader().LoadFromData(rec.Body.Bytes())
	if err != nil {
		t.Fatalf("load /openapi.json: %v", err)
	}
	if err := loaded.Validate(context.Background()); err != nil {
		t.Errorf("/openapi.json is not valid OpenAPI 3.0: %v", err)
	}
	if !strings.HasPrefix(doc.OpenAPI, "3.0.") {
		t.Fatalf("openapi = %q, want 3.0.x", doc.OpenAPI)
	}
	if len(doc.Paths) == 0 {
		t.Fatal("the document has no paths")
	}
	for path, ops := range doc.Paths {
		for method, op := range ops {
			if op.OperationID == "" || op.Summary == "" || op.Description == "" || len(op.Tags) == 0 {
				t.Errorf("%s %s lacks operationId, summary, description or tags: %+v", method, path, op)
			}
			concrete := strings.NewReplacer(
				"/checklist/{id}", "/checklist/reflect",
				"/templates/{id}", "/templates/email.none.brief",
			).Replace(path)
			if strings.Contains(concrete, "{") {
				t.Fatalf("no example value for the parameters of %s", path)
			}
			rec := do(t, s, request{method: strings.ToUpper(method), path: concrete})
			if rec.Code == http.StatusNotFound || rec.Code == http.StatusMethodNotAllowed {
				t.Errorf("%s %s is documented but answers %d", method, concrete, rec.Code)
			}
		}
	}
}

func TestMiddleware(t *testing.T) {
	t.Run("ok, security headers", func(t *testing.T) {
		s, _ := newServer(t)
		h := do(t, s, request{path: "/checklist"}).Header()
		if got := h.Get("X-Content-Type-Options"); got != "nosniff" {
			t.Errorf("X-Content-Type-Options = %q, want nosniff", got)
		}
		// Headers for documents only: every header costs every answer.
		for _, k := range []string{"Referrer-Policy", "X-Frame-Options"} {
			if got := h.Get(k); got != "" {
				t.Errorf("%s on a JSON answer = %q, want none", k, got)
			}
		}
		// JSON is never framed: CSP's frame-ancestors says so for the API,
		// and the HTML of the docs also carries the older header.
		if csp := h.Get("Content-Security-Policy"); !strings.Contains(csp, "frame-ancestors 'none'") {
			t.Errorf("Content-Security-Policy = %q, want frame-ancestors 'none'", csp)
		}
		docs := do(t, s, request{path: "/docs/index.html"}).Header()
		for k, want := range map[string]string{
			"X-Frame-Options":        "DENY",
			"Referrer-Policy":        "no-referrer",
			"X-Content-Type-Options": "nosniff",
		} {
			if got := docs.Get(k); got != want {
				t.Errorf("%s on the docs = %q, want %q", k, got, want)
			}
		}
		if csp := h.Get("Content-Security-Policy"); !strings.HasPrefix(csp, "default-src 'none'") {
			t.Errorf("Content-Security-Policy = %q, want default-src 'none'", csp)
		}
		if h.Get("Server") != "" {
			t.Errorf("Server header = %q, want none", h.Get("Server"))
		}
	})

	t.Run("ok, request id kept when well formed", func(t *testing.T) {
		s, _ := newServer(t)
		rec := do(t, s, request{path: "/healthz", headers: map[string]string{"X-Request-Id": "abc-123.x_y:z"}})
		if got := rec.Header().Get("X-Request-Id"); got != "abc-123.x_y:z" {
			t.Errorf("X-Request-Id = %q, want the incoming id", got)
		}
	})

	t.Run("nok, request id replaced when it could smuggle text into logs", func(t *testing.T) {
		s, logs := newServer(t)
		for _, give := range []string{"Dana Smith <dana@example.com>", strings.Repeat("a", 200), "id\"},{\"x"} {
			rec := do(t, s, request{path: "/healthz", headers: map[string]string{"X-Request-Id": give}})
			got := rec.Header().Get("X-Request-Id")
			if got == give || len(got) != 32 {
				t.Errorf("X-Request-Id for %q = %q, want a fresh 32-character id", give, got)
			}
		}
		if strings.Contains(logs.String(), "dana@example.com") {
			t.Errorf("logs contain the rejected request id:\n%s", logs)
		}
	})

	t.Run("ok, access log fields and nothing personal", func(t *testing.T) {
		s, logs := newServer(t)
		// An unknown parameter carrying a name: rejected, and not logged.
		rec := do(t, s, request{path: "/checklist/reflect?lang=en&name=Dana+Smith"})
		var line map[string]any
		for _, l := range strings.Split(strings.TrimSpace(logs.String()), "\n") {
			if strings.Contains(l, `"msg":"request"`) {
				if err := json.Unmarshal([]byte(l), &line); err != nil {
					t.Fatalf("log line is not JSON: %v: %s", err, l)
				}
			}
		}
		if line == nil {
			t.Fatalf("no access log line in:\n%s", logs)
		}
		for k, want := range map[string]any{
			"request_id": rec.Header().Get("X-Request-Id"),
			"method":     "GET",
			"route":      "/checklist/:id",
			"status":     float64(400),
			"bytes":      float64(rec.Body.Len()),
		} {
			if line[k] != want {
				t.Errorf("log %s = %v, want %v", k, line[k], want)
			}
		}
		if _, ok := line["latency"]; !ok {
			t.Error("log line has no latency")
		}
		if strings.Contains(logs.String(), "Dana") {
			t.Errorf("logs contain the query string:\n%s", logs)
		}
	})

	t.Run("ok, unknown route is a 404 problem", func(t *testing.T) {
		s, _ := newServer(t)
		wantProblem(t, do(t, s, request{path: "/nope"}), http.StatusNotFound, problem.TypeNotFound)
	})
}

func TestCORS(t *testing.T) {
	allowed := "https://coach.example.com"
	preflight := func(origin string) request {
		return request{method: http.MethodOptions, path: "/checklist", headers: map[string]string{
			"Origin": origin, "Access-Control-Request-Method": "GET",
		}}
	}
	t.Run("ok, configured origin is allowed", func(t *testing.T) {
		s, _ := newServer(t, func(c *config.Config) { c.CORSOrigins = []string{allowed} })
		rec := do(t, s, preflight(allowed))
		if rec.Code != http.StatusNoContent || rec.Header().Get("Access-Control-Allow-Origin") != allowed {
			t.Errorf("preflight = %d, Allow-Origin %q; want 204, %q", rec.Code, rec.Header().Get("Access-Control-Allow-Origin"), allowed)
		}
		rec = do(t, s, request{path: "/checklist", headers: map[string]string{"Origin": allowed}})
		if rec.Header().Get("Access-Control-Allow-Origin") != allowed {
			t.Errorf("GET Allow-Origin = %q, want %q", rec.Header().Get("Access-Control-Allow-Origin"), allowed)
		}
		if !strings.Contains(rec.Header().Get("Access-Control-Expose-Headers"), "X-Request-Id") {
			t.Errorf("Expose-Headers = %q, want X-Request-Id among them", rec.Header().Get("Access-Control-Expose-Headers"))
		}
	})
	t.Run("ok, cacheable answers vary by origin, with or without one", func(t *testing.T) {
		s, _ := newServer(t, func(c *config.Config) { c.CORSOrigins = []string{allowed} })
		for _, r := range []request{
			{path: "/templates/email.none.brief"},
			{path: "/templates/email.none.brief", headers: map[string]string{"Origin": allowed}},
			{path: "/templates/email.none.brief", headers: map[string]string{"Origin": "https://evil.example"}},
			{method: http.MethodHead, path: "/checklist"},
		} {
			rec := do(t, s, r)
			if got := rec.Header().Values("Vary"); len(got) != 1 || got[0] != "Origin" {
				t.Errorf("%s %s with Origin %q: Vary = %q, want [Origin]", r.method, r.path, r.headers["Origin"], got)
			}
		}
	})
	t.Run("ok, a POST from a browser gets CORS headers, from other clients none", func(t *testing.T) {
		s, _ := newServer(t, func(c *config.Config) { c.CORSOrigins = []string{allowed} })
		body := `{"details":{"company":"Acme","position":"Engineer","candidate_name":"Alex"}}`
		rec := do(t, s, request{method: http.MethodPost, path: "/drafts", body: body, headers: map[string]string{"Content-Type": "application/json", "Origin": allowed}})
		if rec.Header().Get("Access-Control-Allow-Origin") != allowed || !strings.Contains(rec.Header().Get("Access-Control-Expose-Headers"), "X-Template-Id") {
			t.Errorf("POST with Origin: Allow-Origin %q, Expose-Headers %q", rec.Header().Get("Access-Control-Allow-Origin"), rec.Header().Get("Access-Control-Expose-Headers"))
		}
		rec = do(t, s, request{method: http.MethodPost, path: "/drafts", body: body, headers: map[string]string{"Content-Type": "application/json"}})
		if rec.Code != http.StatusOK || rec.Header().Get("Access-Control-Allow-Origin") != "" || rec.Header().Get("Vary") != "" {
			t.Errorf("POST without Origin = %d, Allow-Origin %q, Vary %q; want 200 and neither", rec.Code, rec.Header().Get("Access-Control-Allow-Origin"), rec.Header().Get("Vary"))
		}
	})
	t.Run("nok, other origin gets no CORS headers", func(t *testing.T) {
		s, _ := newServer(t, func(c *config.Config) { c.CORSOrigins = []string{allowed} })
		rec := do(t, s, request{path: "/checklist", headers: map[string]string{"Origin": "https://evil.example"}})
		if got := rec.Header().Get("Access-Control-Allow-Origin"); got != "" {
			t.Errorf("Allow-Origin = %q, want none", got)
		}
	})
	t.Run("nok, no origins configured means no CORS", func(t *testing.T) {
		s, _ := newServer(t)
		rec := do(t, s, request{path: "/checklist", headers: map[string]string{"Origin": allowed}})
		if got := rec.Header().Get("Access-Control-Allow-Origin"); got != "" {
			t.Errorf("Allow-Origin = %q, want none", got)
		}
	})
}
