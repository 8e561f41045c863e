package logging_test

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"log/slog"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/declinekit/declinekit/internal/logging"
)

func TestAccessMatchesSlog(t *testing.T) {
	var fast, slow bytes.Buffer
	rec := logging.AccessRecord{RequestID: "abc-123", Method: "POST", Route: "/drafts", Status: 200, Latency: 1234567 * time.Nanosecond, Bytes: 3542}
	logging.New(&fast, slog.LevelInfo).Access(context.Background(), rec)
	slog.New(slog.NewJSONHandler(&slow, nil)).LogAttrs(context.Background(), slog.LevelInfo, "request",
		slog.String("request_id", rec.RequestID), slog.String("method", rec.Method), slog.String("route", rec.Route),
		slog.Int("status", rec.Status), slog.Duration("latency", rec.Latency), slog.Int64("bytes", rec.Bytes))
	var a, b map[string]any
	if err := json.Unmarshal(fast.Bytes(), &a); err != nil {
		t.Fatalf("Access wrote no JSON: %v: %s", err, fast.String())
	}
	if err := json.Unmarshal(slow.Bytes(), &b); err != nil {
		t.Fatal(err)
	}
	if _, err := time.Parse(time.RFC3339Nano, a["time"].(string)); err != nil {
		t.Errorf("Access time %v: %v", a["time"], err)
	}
	delete(a, "time")
	delete(b, "time")
	if ja, jb := mustJSON(t, a), mustJSON(t, b); ja != jb {
		t.Errorf("Access line = %s, slog writes %s", ja, jb)
	}
	if !strings.HasSuffix(fast.String(), "}\n") {
		t.Errorf("Access line does not end with a newline: %q", fast.String())
	}
}

func TestAccessWritesTheGivenTime(t *testing.T) {
	var buf bytes.Buffer
	at := time.Date(2026, 12, 1, 10, 0, 0, 123456789, time.UTC)
	logging.New(&buf, slog.LevelInfo).Access(context.Background(), logging.AccessRecord{Time: at, Status: 200})
	if want := `{"time":"2026-12-01T10:00:00.123456789Z",`; !strings.HasPrefix(buf.String(), want) {
		t.Errorf("Access line = %q, want it to start %q", buf.String(), want)
	}
}

func mustJSON(t *testing.T, v any) string {
	t.Helper()
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

func TestAccessLevels(t *testing.T) {
	tests := []struct {
		name   string
		level  slog.Level
		status int
		want   string
	}{
		{"ok, info line at info", slog.LevelInfo, 200, `"level":"INFO"`},
		{"ok, 5xx is an error line", slog.LevelInfo, 503, `"level":"ERROR"`},
		{"ok, warn level drops info lines", slog.LevelWarn, 404, ""},
		{"ok, error level keeps 5xx", slog.LevelError, 500, `"level":"ERROR"`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var buf bytes.Buffer
			logging.New(&buf, tt.level).Access(context.Background(), logging.AccessRecord{Status: tt.status})
			if tt.want == "" && buf.Len() != 0 || tt.want != "" && !strings.Contains(buf.String(), tt.want) {
				t.Errorf("Access at %s with status %d wrote %q, want %q", tt.level, tt.status, buf.String(), tt.want)
			}
		})
	}
}

func BenchmarkAccess(b *testing.B) {
	rec := logging.AccessRecord{RequestID: "0123456789abcdef0123456789abcdef", Method: "GET", Route: "/templates/:id", Status: 200, Latency: time.Millisecond, Bytes: 1817}
	for _, bc := range []struct {
		name string
		l    *logging.Logger
	}{
		{"unbuffered", logging.New(io.Discard, slog.LevelInfo)},
		{"buffered", logging.NewBuffered(io.Discard, slog.LevelInfo, time.Second)},
	} {
		b.Run(bc.name, func(b *testing.B) {
			defer bc.l.Close()
			b.ReportAllocs()
			for b.Loop() {
				rec.Time = time.Now()
				bc.l.Access(context.Background(), rec)
			}
		})
	}
}

func TestBufferedAccessLines(t *testing.T) {
	var buf syncBuffer
	l := logging.NewBuffered(&buf, slog.LevelInfo, time.Hour)
	ctx := context.Background()
	l.Access(ctx, logging.AccessRecord{RequestID: "a1", Status: 200})
	l.Access(ctx, logging.AccessRecord{RequestID: "a2", Status: 404})
	if buf.String() != "" {
		t.Fatalf("access lines were written before a flush: %q", buf.String())
	}
	l.Info("other line")
	l.Access(ctx, logging.AccessRecord{RequestID: "a3", Status: 200})
	got := buf.String()
	if !strings.Contains(got, `"a1"`) || !strings.Contains(got, `"a2"`) || !strings.Contains(got, "other line") || strings.Contains(got, `"a3"`) {
		t.Fatalf("after another line, the log is %q; want a1, a2, then the line, and a3 still held", got)
	}
	if strings.Index(got, `"a2"`) > strings.Index(got, "other line") {
		t.Errorf("the access lines were written after the line that followed them: %q", got)
	}
	l.Access(ctx, logging.AccessRecord{RequestID: "e1", Status: 500})
	if got := buf.String(); !strings.Contains(got, `"e1"`) || strings.Index(got, `"a3"`) > strings.Index(got, `"e1"`) {
		t.Errorf("a 5xx line was not written at once, after a3: %q", got)
	}
	l.Access(ctx, logging.AccessRecord{RequestID: "a4", Status: 200})
	l.Close()
	l.Close()
	if !strings.Contains(buf.String(), `"a4"`) {
		t.Errorf("Close did not write the held lines: %q", buf.String())
	}
	l.Access(ctx, logging.AccessRecord{RequestID: "a5", Status: 200})
	if !strings.Contains(buf.String(), `"a5"`) {
		t.Errorf("a line after Close was held: %q", buf.String())
	}
	if n := strings.Count(buf.String(), "\n"); n != 7 {
		t.Errorf("%d lines, want 7: %q", n, buf.String())
	}
}

func TestBufferedFlushes(t *testing.T) {
	t.Run("ok, on the interval", func(t *testing.T) {
		var buf syncBuffer
		l := logging.NewBuffered(&buf, slog.LevelInfo, 10*time.Millisecond)
		defer l.Close()
		l.Access(context.Background(), logging.AccessRecord{RequestID: "t1", Status: 200})
		deadline := time.Now().Add(5 * time.Second)
		for !strings.Contains(buf.String(), `"t1"`) {
			if time.Now().After(deadline) {
				t.Fatal("the held line was not written within 5 s of a 10 ms interval")
			}
			time.Sleep(5 * time.Millisecond)
		}
	})
	t.Run("ok, when the buffer is full", func(t *testing.T) {
		var buf syncBuffer
		l := logging.NewBuffered(&buf, slog.LevelInfo, time.Hour)
		defer l.Close()
		for i := 0; buf.String() == ""; i++ {
			if i > 10000 {
				t.Fatal("10000 lines were held without a write")
			}
			l.Access(context.Background(), logging.AccessRecord{RequestID: "0123456789abcdef0123456789abcdef", Status: 200})
		}
	})
}

// syncBuffer is a bytes.Buffer safe for the flusher and the test at once.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}
