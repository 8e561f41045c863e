package api_test

import (
	"bytes"
	"encoding/json"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"

	"github.com/declinekit/declinekit/api"
	"github.com/declinekit/declinekit/internal/config"
	"github.com/declinekit/declinekit/internal/logging"
	"github.com/declinekit/declinekit/internal/problem"
)

// syncBuffer is a log sink safe for concurrent writers.
type syncBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *syncBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

func (b *syncBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}

// newServer returns a server with the default configuration, changed by
// opts, and the buffer its JSON logs go to.
func newServer(t *testing.T, opts ...func(*config.Config)) (*api.Server, *syncBuffer) {
	t.Helper()
	cfg := config.Default()
	for _, o := range opts {
		o(&cfg)
	}
	logs := &syncBuffer{}
	s, err := api.NewServer(cfg, logging.New(logs, slog.LevelDebug))
	if err != nil {
		t.Fatalf("NewServer() error = %v", err)
	}
	return s, logs
}

type request struct {
	method  string
	path    string
	body    string
	headers map[string]string
	remote  string // the peer address, host:port; httptest's default if empty
}

// do sends r to h and checks the exchange against the OpenAPI document, so
// that an undocumented status, header or field fails the test that made it.
func do(t *testing.T, h http.Handler, r request) *httptest.ResponseRecorder {
	t.Helper()
	if r.method == "" {
		r.method = http.MethodGet
	}
	var body io.Reader
	if r.body != "" {
		body = strings.NewReader(r.body)
	}
	req := httptest.NewRequest(r.method, r.path, body)
	for k, v := range r.headers {
		req.Header.Set(k, v)
	}
	if r.remote != "" {
		req.RemoteAddr = r.remote
	}
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	checkAgainstSpec(t, req, []byte(r.body), rec)
	return rec
}

// decode unmarshals the recorded body into v, failing the test otherwise.
func decode(t *testing.T, rec *httptest.ResponseRecorder, v any) {
	t.Helper()
	if err := json.Unmarshal(rec.Body.Bytes(), v); err != nil {
		t.Fatalf("response body is not JSON: %v\n%s", err, rec.Body)
	}
}

// wantProblem checks that rec is a problem+json answer with status and type,
// carrying the request id as instance, and returns it.
func wantProblem(t *testing.T, rec *httptest.ResponseRecorder, status int, typ string) problem.Problem {
	t.Helper()
	if rec.Code != status {
		t.Fatalf("status = %d, want %d; body %s", rec.Code, status, rec.Body)
	}
	if ct := rec.Header().Get("Content-Type"); ct != problem.ContentType {
		t.Errorf("Content-Type = %q, want %q", ct, problem.ContentType)
	}
	var p problem.Problem
	decode(t, rec, &p)
	if p.Status != status || p.Type != typ {
		t.Errorf("problem status, type = %d, %q; want %d, %q", p.Status, p.Type, status, typ)
	}
	if p.Title == "" || p.Detail == "" {
		t.Errorf("problem has empty title or detail: %+v", p)
	}
	if id := rec.Header().Get("X-Request-Id"); p.Instance == "" || p.Instance != id {
		t.Errorf("problem instance = %q, want the request id %q", p.Instance, id)
	}
	return p
}
