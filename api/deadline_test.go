package api

import (
	"context"
	"errors"
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

type ctxKey struct{}

func TestDeadlineCtx(t *testing.T) {
	parent := context.WithValue(context.Background(), ctxKey{}, "v")

	t.Run("ok, deadline and values without a timer", func(t *testing.T) {
		at := time.Now().Add(time.Hour)
		d := &deadlineCtx{Context: parent, deadline: at}
		if got, ok := d.Deadline(); !ok || !got.Equal(at) {
			t.Errorf("Deadline() = %v, %v; want %v, true", got, ok, at)
		}
		if d.Value(ctxKey{}) != "v" {
			t.Errorf("Value() does not reach the parent")
		}
		if d.timed != nil {
			t.Errorf("a timer was started before anyone asked for Done or Err")
		}
		d.release()
		select {
		case <-d.Done():
		default:
			t.Errorf("Done() is open after release")
		}
		if !errors.Is(d.Err(), context.Canceled) {
			t.Errorf("Err() after release = %v, want context.Canceled", d.Err())
		}
	})

	t.Run("ok, Done fires at the deadline", func(t *testing.T) {
		d := &deadlineCtx{Context: parent, deadline: time.Now().Add(20 * time.Millisecond)}
		defer d.release()
		if d.Err() != nil {
			t.Fatalf("Err() before the deadline = %v", d.Err())
		}
		select {
		case <-d.Done():
		case <-time.After(5 * time.Second):
			t.Fatal("Done() did not fire at the deadline")
		}
		if !errors.Is(d.Err(), context.DeadlineExceeded) {
			t.Errorf("Err() = %v, want context.DeadlineExceeded", d.Err())
		}
		if !pastDeadline(d) {
			t.Errorf("pastDeadline() = false after the deadline")
		}
	})

	t.Run("ok, the parent's cancellation reaches it", func(t *testing.T) {
		p, cancel := context.WithCancel(parent)
		d := &deadlineCtx{Context: p, deadline: time.Now().Add(time.Hour)}
		defer d.release()
		done := d.Done()
		cancel()
		select {
		case <-done:
		case <-time.After(5 * time.Second):
			t.Fatal("Done() did not fire when the parent was canceled")
		}
		if pastDeadline(d) {
			t.Errorf("pastDeadline() = true an hour early")
		}
	})
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
	body := `{"details":{"company":"Acme","position":"Engineer","candidate_name":"Alex"}}`
	for _, tt := range []struct {
		name  string
		delay time.Duration
		want  int
	}{
		{"ok, a body in time", 0, http.StatusOK},
		{"nok, a body past the request timeout", 80 * time.Millisecond, http.StatusServiceUnavailable},
	} {
		t.Run(tt.name, func(t *testing.T) {
			req := httptest.NewRequest(http.MethodPost, "/drafts", &slowBody{r: strings.NewReader(body), delay: tt.delay})
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
