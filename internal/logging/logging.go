// Package logging sets up declinekit's JSON logs: a *slog.Logger for
// everything, and a fast path for the one line per request that the access
// log writes, which formats that line directly instead of building a
// slog.Record. Both write whole lines through one lock, so lines never
// interleave. A buffered Logger (NewBuffered) gathers access lines and
// writes them in batches.
package logging

import (
	"context"
	"io"
	"log/slog"
	"strconv"
	"sync"
	"sync/atomic"
	"time"
)

// Logger is a *slog.Logger writing JSON lines, plus Access.
type Logger struct {
	*slog.Logger
	out   *lockedWriter
	level slog.Leveler
	stop  chan struct{} // closed by Close; nil for an unbuffered Logger
	done  chan struct{} // closed when the flusher has stopped
	once  sync.Once
}

// New returns a Logger that writes JSON lines at level and above to w, each
// as soon as it is made.
func New(w io.Writer, level slog.Leveler) *Logger {
	out := &lockedWriter{w: w}
	return &Logger{
		Logger: slog.New(slog.NewJSONHandler(out, &slog.HandlerOptions{Level: level})),
		out:    out,
		level:  level,
	}
}

// NewBuffered returns a Logger like New, except that access lines are
// gathered and written in one go when flushEvery has passed or the buffer
// holds 32 KB, so that a busy server makes one write for many requests
// rather than one each. Every other line, and every access line for a 5xx
// answer, is written at once, after the access lines before it. Close
// writes what is left; a process killed without Close loses at most the
// last flushEvery of access lines.
func NewBuffered(w io.Writer, level slog.Leveler, flushEvery time.Duration) *Logger {
	l := New(w, level)
	l.out.buffered = true
	l.stop, l.done = make(chan struct{}), make(chan struct{})
	go func() {
		defer close(l.done)
		t := time.NewTicker(flushEvery)
		defer t.Stop()
		for {
			select {
			case <-t.C:
				l.out.flush()
			case <-l.stop:
				l.out.flush()
				return
			}
		}
	}()
	return l
}

// Close writes any buffered access lines and stops the flusher. Lines
// logged after Close are written at once.
func (l *Logger) Close() {
	if l.stop == nil {
		return
	}
	l.once.Do(func() {
		l.out.mu.Lock()
		l.out.buffered = false
		l.out.mu.Unlock()
		close(l.stop)
	})
	<-l.done
}

// Discard returns a Logger that writes nothing.
func Discard() *Logger { return New(io.Discard, slog.LevelError+1) }

// lockedWriter makes each line whole with respect to the others, and keeps
// the buffered access lines of a buffered Logger.
type lockedWriter struct {
	mu       sync.Mutex
	w        io.Writer
	buffered bool
	buf      []byte
}

// flushAfter is the size at which buffered access lines are written at once.
const flushAfter = 32 << 10

// Write writes p at once, after the buffered lines.
func (l *lockedWriter) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.flushLocked()
	return l.w.Write(p)
}

// line writes an access line, or buffers it when the Logger is buffered and
// urgent is false.
func (l *lockedWriter) line(p []byte, urgent bool) {
	l.mu.Lock()
	defer l.mu.Unlock()
	if !l.buffered || urgent {
		l.flushLocked()
		_, _ = l.w.Write(p)
		return
	}
	l.buf = append(l.buf, p...)
	if len(l.buf) >= flushAfter {
		l.flushLocked()
	}
}

func (l *lockedWriter) flush() {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.flushLocked()
}

func (l *lockedWriter) flushLocked() {
	if len(l.buf) == 0 {
		return
	}
	_, _ = l.w.Write(l.buf)
	l.buf = l.buf[:0]
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
	b = appendTime(b, t)
	b = append(b, `","level":"`...)
	b = append(b, level.String()...)
	b = append(b, `","msg":"request","request_id":`...)
	b = appendQuoted(b, r.RequestID)
	b = append(b, `,"method":`...)
	b = appendQuoted(b, r.Method)
	b = append(b, `,"route":`...)
	b = appendQuoted(b, r.Route)
	b = append(b, `,"status":`...)
	b = strconv.AppendInt(b, int64(r.Status), 10)
	b = append(b, `,"latency":`...)
	b = strconv.AppendInt(b, int64(r.Latency), 10)
	b = append(b, `,"bytes":`...)
	b = strconv.AppendInt(b, r.Bytes, 10)
	b = append(b, "}\n"...)
	l.out.line(b, level >= slog.LevelError)
	*bp = b
	bufs.Put(bp)
}

// appendQuoted appends s quoted as strconv.AppendQuote does, without its
// work for the usual case: ids, methods and route patterns are printable
// ASCII with no quote or backslash, and are copied as they are.
func appendQuoted(b []byte, s string) []byte {
	for i := 0; i < len(s); i++ {
		if c := s[i]; c < 0x20 || c >= 0x7f || c == '"' || c == '\\' {
			return strconv.AppendQuote(b, s)
		}
	}
	b = append(b, '"')
	b = append(b, s...)
	return append(b, '"')
}

// second is the RFC 3339 text of one second in one zone, kept so that
// access lines in the same second format only their fraction.
type second struct {
	unix   int64
	offset int
	date   []byte // "2006-01-02T15:04:05"
	zone   []byte // "Z" or "-07:00"
}

var lastSecond atomic.Pointer[second]

// appendTime appends t as t.AppendFormat(b, time.RFC3339Nano) would.
func appendTime(b []byte, t time.Time) []byte {
	_, offset := t.Zone()
	sec := lastSecond.Load()
	if sec == nil || sec.unix != t.Unix() || sec.offset != offset {
		text := t.Truncate(time.Second).AppendFormat(nil, time.RFC3339)
		if len(text) != len("2006-01-02T15:04:05Z") && len(text) != len("2006-01-02T15:04:05-07:00") {
			return t.AppendFormat(b, time.RFC3339Nano) // a year outside 0 to 9999
		}
		sec = &second{unix: t.Unix(), offset: offset, date: text[:19], zone: text[19:]}
		lastSecond.Store(sec)
	}
	b = append(b, sec.date...)
	if ns := t.Nanosecond(); ns != 0 {
		var frac [10]byte
		frac[0] = '.'
		for i := 9; i >= 1; i-- {
			frac[i] = byte('0' + ns%10)
			ns /= 10
		}
		n := 10
		for frac[n-1] == '0' {
			n--
		}
		b = append(b, frac[:n]...)
	}
	return append(b, sec.zone...)
}
