package api

import (
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/declinekit/declinekit/internal/config"
	"github.com/declinekit/declinekit/internal/logging"
	"github.com/declinekit/declinekit/internal/problem"
)

func TestTooSlow(t *testing.T) {
	for _, tt := range []struct {
		name    string
		ago     time.Duration
		timeout time.Duration
		want    bool
	}{
		{"ok, within the timeout", time.Millisecond, time.Hour, false},
		{"nok, past the timeout", time.Hour, time.Minute, true},
		{"ok, no timeout never runs out", 24 * time.Hour, 0, false},
	} {
		t.Run(tt.name, func(t *testing.T) {
			if got := tooSlow(time.Now().Add(-tt.ago), tt.timeout); got != tt.want {
				t.Errorf("tooSlow(%v ago, %v) = %v, want %v", tt.ago, tt.timeout, got, tt.want)
			}
		})
	}
}

// slowBody yields its text only after a delay, as a slow client sends.
type slowBody struct {
	r     io.Reader
	delay time.Duration
}

func (b *slowBody) Read(p []byte) (int, error) {
	time.Sleep(b.delay)
	b.delay = 0
	return b.r.Read(p)
}

func TestRequestTimeout(t *testing.T) {
	cfg := config.Default()
	cfg.RequestTimeout = 30 * time.Millisecond
	s, err := NewServer(cfg, logging.Discard())
	if err != nil {
		t.Fatal(err)
	}
	draft := `{"details":{"company":"Acme","position":"Engineer","candidate_name":"Alex"}}`
	review := `{"channel":"email","message":"Dear Dana, thank you for the invitation. I have decided to withdraw. Best regards, Alex"}`
	for _, tt := range []struct {
		name  string
		path  string
		body  string
		delay time.Duration
		want  int
	}{
		{"ok, a draft's body in time", "/drafts", draft, 0, http.StatusOK},
		{"nok, a draft's body past the request timeout", "/drafts", draft, 80 * time.Millisecond, http.StatusServiceUnavailable},
		{"ok, a review's body in time", "/checklist/review", review, 0, http.StatusOK},
		{"nok, a review's body past the request timeout", "/checklist/review", review, 80 * time.Millisecond, http.StatusServiceUnavailable},
	} {
		t.Run(tt.name, func(t *testing.T) {
			req := httptest.NewRequest(http.MethodPost, tt.path, &slowBody{r: strings.NewReader(tt.body), delay: tt.delay})
			req.Header.Set("Content-Type", "application/json")
			rec := httptest.NewRecorder()
			s.ServeHTTP(rec, req)
			if rec.Code != tt.want {
				t.Fatalf("status = %d, want %d: %s", rec.Code, tt.want, rec.Body)
			}
			if tt.want == http.StatusServiceUnavailable {
				if ct := rec.Header().Get("Content-Type"); ct != problem.ContentType {
					t.Errorf("Content-Type = %q, want %q", ct, problem.ContentType)
				}
				if !strings.Contains(rec.Body.String(), problem.TypeServiceUnavailable) {
					t.Errorf("body = %s, want the service-unavailable problem", rec.Body)
				}
			}
		})
	}
}
