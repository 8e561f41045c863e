package api

import (
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/declinekit/declinekit/internal/config"
	"github.com/declinekit/declinekit/internal/logging"
)

const benchDraft = `{"channel":"email","reason":"accepted_other_offer","tone":"warm","details":{"company":"Northwind Analytics","position":"Senior Backend Engineer","candidate_name":"Alex Moreno","recruiter_name":"Dana Whitfield","recruiter_email":"dana.whitfield@northwind.example"},"options":{"interview_at":"2026-12-03T15:00:00Z","invited_at":"2026-11-30T09:00:00Z","as_of":"2026-12-01T10:00:00Z"}}`

// benchServer is a server with the production defaults on: request ids,
// access logging at info (to a discarding writer), recovery, body limit,
// CORS and metrics.
func benchServer(b *testing.B) *Server {
	b.Helper()
	cfg := config.Default()
	cfg.CORSOrigins = []string{"https://coach.example.com"}
	s, err := NewServer(cfg, logging.New(io.Discard, slog.LevelInfo))
	if err != nil {
		b.Fatal(err)
	}
	return s
}

// BenchmarkCreateDraft runs the whole POST /drafts handler, middleware
// included, without the network.
func BenchmarkCreateDraft(b *testing.B) {
	s := benchServer(b)
	b.ReportAllocs()
	for b.Loop() {
		req := httptest.NewRequest(http.MethodPost, "/drafts", strings.NewReader(benchDraft))
		req.Header.Set("Content-Type", "application/json")
		rec := httptest.NewRecorder()
		s.ServeHTTP(rec, req)
		if rec.Code != http.StatusOK {
			b.Fatalf("status %d: %s", rec.Code, rec.Body)
		}
	}
}

// BenchmarkDecodeValidateDraft decodes and validates a draft request.
func BenchmarkDecodeValidateDraft(b *testing.B) {
	sv, err := newValidator()
	if err != nil {
		b.Fatal(err)
	}
	body := []byte(benchDraft)
	b.ReportAllocs()
	for b.Loop() {
		var req DraftRequest
		if err := unmarshalStrict(body, &req); err != nil {
			b.Fatal(err)
		}
		if err := sv.Validate(&req); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkGetTemplates serves the precomputed template list.
func BenchmarkGetTemplates(b *testing.B) {
	s := benchServer(b)
	b.ReportAllocs()
	for b.Loop() {
		rec := httptest.NewRecorder()
		s.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, "/templates", nil))
		if rec.Code != http.StatusOK {
			b.Fatal(rec.Code)
		}
	}
}

// discardWriter is a ResponseWriter that keeps nothing, so that a benchmark
// measures the server, not the recorder.
type discardWriter struct{ h http.Header }

func (w *discardWriter) Header() http.Header         { return w.h }
func (w *discardWriter) Write(p []byte) (int, error) { return len(p), nil }
func (w *discardWriter) WriteHeader(int)             {}

// BenchmarkGetTemplate serves one precomputed template through the whole
// middleware stack.
func BenchmarkGetTemplate(b *testing.B) {
	s := benchServer(b)
	req := httptest.NewRequest(http.MethodGet, "/templates/email.accepted_other_offer.warm", nil)
	b.ReportAllocs()
	for b.Loop() {
		s.ServeHTTP(&discardWriter{h: http.Header{}}, req)
	}
}

const benchReview = `{"channel":"email","subject":"Senior Backend Engineer role – Alex Moreno","message":"Dear Dana,\n\nThank you very much for inviting me to interview for the Senior Backend Engineer role at Northwind Analytics, and for the time you and the team have already spent on my application. I enjoyed our conversation last week and learning about the platform work.\n\nAfter a lot of thought I have accepted another offer, so I must withdraw from the process and decline the interview scheduled for Thursday. I wanted to let you know as soon as I had decided, so that the slot can go to another candidate.\n\nI have great respect for Northwind Analytics and would be glad to stay in touch; if a suitable role opens in the future, I would love to hear about it.\n\nThank you again for your understanding.\n\nKind regards,\nAlex Moreno\nalex.moreno@example.com"}`

// BenchmarkReviewMessage runs the whole POST /checklist/review handler on a
// 1 KB email.
func BenchmarkReviewMessage(b *testing.B) {
	s := benchServer(b)
	b.ReportAllocs()
	for b.Loop() {
		req := httptest.NewRequest(http.MethodPost, "/checklist/review", strings.NewReader(benchReview))
		req.Header.Set("Content-Type", "application/json")
		w := &discardWriter{h: http.Header{}}
		s.ServeHTTP(w, req)
	}
}
