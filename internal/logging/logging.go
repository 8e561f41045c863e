// Package logging sets up declinekit's JSON logs: a *slog.Logger for
// everything, and a fast path for the one line per request that the access
// log writes, which formats that line directly instead of building a
// slog.Record. Both write whole lines through one lock, so lines never
// interleave.
package logging

import (
	"context"
	"io"
	"log/slog"
	"strconv"
	"sync"
	"time"
)

// Logger is a *slog.Logger writing JSON lines, plus Access.
type Logger struct {
	*slog.Logger
	out   *lockedWriter
	level slog.Leveler
}

// New returns a Logger that writes JSON lines at level and above to w.
func New(w io.Writer, level slog.Leveler) *Logger {
	out := &lockedWriter{w: w}
	return &Logger{
		Logger: slog.New(slog.NewJSONHandler(out, &slog.HandlerOptions{Level: level})),
		out:    out,
		level:  level,
	}
}

// Discard returns a Logger that writes nothing.
func Discard() *Logger { return New(io.Discard, slog.LevelError+1) }

// lockedWriter makes each Write whole with respect to the others.
type lockedWriter struct {
	mu sync.Mutex
	w  io.Writer
}

func (l *lockedWriter) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.w.Write(p)
}

// AccessRecord is one access log line. It holds no request data that could
// identify a person: no path, query, body or header values.
type AccessRecord struct {
	Time      time.Time // when the answer was done; zero means now
	RequestID string
	Method    string
	Route     string
	Status    int
	Latency   time.Duration
	Bytes     int64
}

var bufs = sync.Pool{New: func() any { b := make([]byte, 0, 256); return &b }}

// Access writes r as the line slog's JSON handler would write for
// Info("request", request_id, method, route, status, latency, bytes), or
// Error for a 5xx status, when that level is enabled.
func (l *Logger) Access(_ context.Context, r AccessRecord) {
	level := slog.LevelInfo
	if r.Status >= 500 {
		level = slog.LevelError
	}
	if level < l.level.Level() {
		return
	}
	bp := bufs.Get().(*[]byte)
	b := append((*bp)[:0], `{"time":"`...)
	t := r.Time
	if t.IsZero() {
		t = time.Now()
	}
	b = t.AppendFormat(b, time.RFC3339Nano)
	b = append(b, `","level":"`...)
	b = append(b, level.String()...)
	b = append(b, `","msg":"request","request_id":`...)
	b = strconv.AppendQuote(b, r.RequestID)
	b = append(b, `,"method":`...)
	b = strconv.AppendQuote(b, r.Method)
	b = append(b, `,"route":`...)
	b = strconv.AppendQuote(b, r.Route)
	b = append(b, `,"status":`...)
	b = strconv.AppendInt(b, int64(r.Status), 10)
	b = append(b, `,"latency":`...)
	b = strconv.AppendInt(b, int64(r.Latency), 10)
	b = append(b, `,"bytes":`...)
	b = strconv.AppendInt(b, r.Bytes, 10)
	b = append(b, "}\n"...)
	_, _ = l.out.Write(b)
	*bp = b
	bufs.Put(bp)
}
