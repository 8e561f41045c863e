package api_test

import (
	"net"
	"net/http"
	"strings"
	"testing"

	"github.com/declinekit/declinekit/internal/config"
	"github.com/declinekit/declinekit/internal/problem"
)

func TestRateLimit(t *testing.T) {
	limited := func(c *config.Config) { c.RateLimit, c.RateBurst = 0.5, 3 }
	t.Run("nok, burst then 429 with Retry-After", func(t *testing.T) {
		s, _ := newServer(t, limited)
		for i := 0; i < 3; i++ {
			if rec := do(t, s, request{path: "/checklist"}); rec.Code != http.StatusOK {
				t.Fatalf("request %d = %d, want 200 within the burst", i+1, rec.Code)
			}
		}
		rec := do(t, s, request{path: "/checklist"})
		wantProblem(t, rec, http.StatusTooManyRequests, problem.TypeTooManyRequests)
		if got := rec.Header().Get("Retry-After"); got != "2" {
			t.Errorf("Retry-After = %q, want 2 (one request every 2 s)", got)
		}
		post := do(t, s, request{method: http.MethodPost, path: "/drafts", body: draftBody("", "", ""), headers: map[string]string{"Content-Type": "application/json"}})
		if post.Code != http.StatusTooManyRequests {
			t.Errorf("POST /drafts over the limit = %d, want 429", post.Code)
		}
	})
	t.Run("nok, a forged X-Forwarded-For from an untrusted peer does not escape", func(t *testing.T) {
		s, _ := newServer(t, limited)
		codes := ""
		for i := 0; i < 6; i++ {
			rec := do(t, s, request{path: "/templates", remote: "203.0.113.9:4000",
				headers: map[string]string{"X-Forwarded-For": "198.51.100." + string(rune('1'+i)), "X-Real-IP": "198.51.100.99"}})
			codes += http.StatusText(rec.Code)[:2]
		}
		if !strings.HasSuffix(codes, "ToToTo") {
			t.Errorf("statuses %s: forged headers gave fresh allowances, want 429 after the burst", codes)
		}
	})
	t.Run("ok, behind a trusted proxy each client has its own allowance", func(t *testing.T) {
		s, _ := newServer(t, limited, func(c *config.Config) {
			_, n, _ := net.ParseCIDR("10.0.0.0/8")
			c.TrustedProxies = []*net.IPNet{n}
		})
		for i := 0; i < 6; i++ {
			client := "198.51.100." + string(rune('1'+i))
			rec := do(t, s, request{path: "/templates", remote: "10.1.2.3:5555", headers: map[string]string{"X-Forwarded-For": client}})
			if rec.Code != http.StatusOK {
				t.Errorf("client %s via the trusted proxy = %d, want 200", client, rec.Code)
			}
		}
		// The same client through the proxy is limited.
		last := 0
		for i := 0; i < 4; i++ {
			last = do(t, s, request{path: "/templates", remote: "10.1.2.3:5555", headers: map[string]string{"X-Forwarded-For": "198.51.100.77"}}).Code
		}
		if last != http.StatusTooManyRequests {
			t.Errorf("one client through the proxy, 4th request = %d, want 429", last)
		}
		// An untrusted peer's header is still ignored.
		for i := 0; i < 4; i++ {
			last = do(t, s, request{path: "/templates", remote: "203.0.113.50:1", headers: map[string]string{"X-Forwarded-For": "198.51.100." + string(rune('a'+i))}}).Code
		}
		if last != http.StatusTooManyRequests {
			t.Errorf("an untrusted peer rotating X-Forwarded-For, 4th request = %d, want 429", last)
		}
	})
	t.Run("ok, probes and metrics are never limited", func(t *testing.T) {
		s, _ := newServer(t, limited)
		for i := 0; i < 10; i++ {
			for _, p := range []string{"/healthz", "/readyz", "/metrics"} {
				if rec := do(t, s, request{path: p}); rec.Code != http.StatusOK {
					t.Fatalf("GET %s #%d = %d, want 200", p, i+1, rec.Code)
				}
			}
		}
	})
	t.Run("ok, off by default", func(t *testing.T) {
		s, _ := newServer(t)
		for i := 0; i < 50; i++ {
			if rec := do(t, s, request{path: "/checklist"}); rec.Code != http.StatusOK {
				t.Fatalf("request %d = %d, want 200 with no limit configured", i+1, rec.Code)
			}
		}
	})
}

func TestMetrics(t *testing.T) {
	s, _ := newServer(t)
	do(t, s, request{path: "/checklist"})
	do(t, s, request{path: "/checklist/be_rude"})
	do(t, s, request{path: "/templates/email.none.brief"})
	do(t, s, request{path: "/templates/email.none.formal"})
	do(t, s, request{path: "/no/such/path/12345"})
	do(t, s, request{method: http.MethodPost, path: "/drafts", body: draftBody(`"channel":"phone"`, "", ""), headers: map[string]string{"Content-Type": "application/json"}})
	for range 2 {
		do(t, s, request{method: http.MethodPost, path: "/checklist/review", body: `{"channel":"email","message":"Hi Dana, thanks."}`, headers: map[string]string{"Content-Type": "application/json"}})
	}
	rec := do(t, s, request{path: "/metrics"})
	if rec.Code != http.StatusOK || !strings.HasPrefix(rec.Header().Get("Content-Type"), "text/plain") {
		t.Fatalf("GET /metrics = %d %s", rec.Code, rec.Header().Get("Content-Type"))
	}
	body := rec.Body.String()
	for _, want := range []string{
		`declinekit_http_requests_total{method="GET",route="/checklist",status="200"} 1`,
		`declinekit_http_requests_total{method="GET",route="/checklist/:id",status="404"} 1`,
		`declinekit_http_requests_total{method="GET",route="/templates/:id",status="200"} 2`,
		`declinekit_http_requests_total{method="GET",route="unmatched",status="404"} 1`,
		`declinekit_http_request_duration_seconds_bucket{method="POST",route="/drafts",status="200",le="+Inf"} 1`,
		`declinekit_drafts_composed_total{channel="phone"} 1`,
		`declinekit_reviews_total{verdict="revise"} 2`,
		"go_goroutines ",
		"process_resident_memory_bytes ",
	} {
		if !strings.Contains(body, want) {
			t.Errorf("/metrics lacks %s", want)
		}
	}
	for _, leak := range []string{"be_rude", "no/such", "12345", "host=", "Northwind"} {
		if strings.Contains(body, leak) {
			t.Errorf("/metrics holds request data %q: labels must stay bounded", leak)
		}
	}
}
