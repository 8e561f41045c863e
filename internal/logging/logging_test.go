package logging_test

import (
	"bytes"
	"context"
	"encoding/json"
	"log/slog"
	"strings"
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
	l := logging.New(new(bytes.Buffer), slog.LevelInfo)
	rec := logging.AccessRecord{RequestID: "0123456789abcdef0123456789abcdef", Method: "GET", Route: "/templates/:id", Status: 200, Latency: time.Millisecond, Bytes: 1817}
	b.ReportAllocs()
	for b.Loop() {
		l.Access(context.Background(), rec)
	}
}
