// Package connwatch enforces an HTTP server's connection timeouts with one
// watchdog per listener instead of deadlines set on every request.
//
// With its ReadHeaderTimeout, ReadTimeout, WriteTimeout and IdleTimeout
// set, net/http reads the clock and moves runtime timers several times per
// request, which costs a server answering small requests several percent
// of its throughput. A Listener from this package enforces the same four
// timeouts instead: the server's connection-state hook and the first bytes
// of each request record when each phase must end, on a clock the
// watchdog advances, and the watchdog, which wakes a few times per
// shortest timeout, fails the reads or writes of a connection past its
// time. A timeout fires within one tick of when net/http's would; a tick
// is a tenth of the shortest timeout, between 10 ms and 1 s.
//
// It is made for a server speaking HTTP/1.x over the Listener's own
// connections: the hook must see the *Conn the Listener returned, which a
// TLS layer above it or h2c would hide, and each connection would then be
// cut off after ReadHeader.
//
// Usage: leave the four timeouts unset on the http.Server, and set its
// ConnState to the Listener's:
//
//	wl := connwatch.NewListener(ln, connwatch.Timeouts{ReadHeader: 5 * time.Second, ...})
//	srv := &http.Server{Handler: h, ConnState: wl.ConnState}
//	srv.Serve(wl)
package connwatch

import (
	"net"
	"net/http"
	"sync"
	"sync/atomic"
	"time"
)

// Timeouts are the connection timeouts a Listener enforces, with the
// meaning of http.Server's fields of the same names: ReadHeader for a
// request's headers, Read for the whole request from its first byte, Write
// from the end of the request's headers to the end of the answer, and Idle
// between requests. Zero means none, except that ReadHeader and Idle fall
// back to Read when zero, as in net/http.
type Timeouts struct {
	ReadHeader, Read, Write, Idle time.Duration
}

// Listener wraps each connection it accepts in a Conn and watches them.
type Listener struct {
	net.Listener
	t    Timeouts
	tick time.Duration

	clock atomic.Int64 // key of the watchdog's last tick

	mu      sync.Mutex
	conns   map[*Conn]struct{}
	closed  bool
	stopped bool          // the watchdog returned
	done    chan struct{} // closed when the watchdog returns
}

// NewListener wraps ln and starts its watchdog, which stops once the
// listener is closed and its last connection too.
func NewListener(ln net.Listener, t Timeouts) *Listener {
	if t.ReadHeader == 0 {
		t.ReadHeader = t.Read
	}
	if t.Idle == 0 {
		t.Idle = t.Read
	}
	l := &Listener{Listener: ln, t: t, tick: tickFor(t), conns: make(map[*Conn]struct{}), done: make(chan struct{})}
	l.clock.Store(key(time.Now()))
	go l.watch()
	return l
}

// tickFor is a tenth of the shortest timeout, between 10 ms and 1 s.
func tickFor(t Timeouts) time.Duration {
	tick := time.Second
	for _, d := range []time.Duration{t.ReadHeader, t.Read, t.Write, t.Idle} {
		if d > 0 {
			tick = min(tick, d/10)
		}
	}
	return max(tick, 10*time.Millisecond)
}

// Accept waits for the next connection and wraps it. Its first request's
// headers are due within ReadHeader, as net/http counts from the start of
// the connection.
func (l *Listener) Accept() (net.Conn, error) {
	c, err := l.Listener.Accept()
	if err != nil {
		return nil, err
	}
	w := newConn(c, l)
	l.mu.Lock()
	if l.stopped {
		// Closed, and the watchdog gone with its last connection.
		l.mu.Unlock()
		_ = c.Close()
		return nil, net.ErrClosed
	}
	l.conns[w] = struct{}{}
	l.mu.Unlock()
	l.begin(w)
	return w, nil
}

// Close closes the listener. Connections it accepted are still watched
// until they close.
func (l *Listener) Close() error {
	l.mu.Lock()
	l.closed = true
	l.mu.Unlock()
	return l.Listener.Close()
}

// due is the key by which a phase of length d that starts at key now
// must end.
func due(now int64, d time.Duration) int64 {
	if d <= 0 {
		return never
	}
	return now + int64(d)
}

// begin starts a request on c: its headers are due within ReadHeader.
func (l *Listener) begin(c *Conn) {
	now := l.clock.Load()
	c.between.Store(false)
	c.began.Store(now)
	c.readDue.Store(due(now, l.t.ReadHeader))
}

// ConnState is the hook to set as the http.Server's ConnState. Once a
// request's headers are read (StateActive), the rest of it is due within
// Read of its first byte and the answer within Write, until a deadline is
// set on the connection for that direction (net/http clears the read
// deadline once the body is read; a handler may set its own); once it is
// answered (StateIdle), the next request's first byte is due within Idle
// and nothing is to be written.
func (l *Listener) ConnState(nc net.Conn, s http.ConnState) {
	c, ok := nc.(*Conn)
	if !ok || c.l != l {
		return
	}
	switch s {
	case http.StateActive:
		if c.between.Load() {
			// The request was read from bytes already buffered, so no
			// read began it: it began now, as net/http counts.
			l.begin(c)
		}
		c.readDue.Store(due(c.began.Load(), l.t.Read))
		c.writeDue.Store(due(l.clock.Load(), l.t.Write))
		c.active.Store(true)
	case http.StateIdle:
		// A direction fired during the request is live again, as net/http
		// clears its deadlines between requests.
		c.active.Store(false)
		c.writeDue.Store(never)
		c.readDue.Store(due(l.clock.Load(), l.t.Idle))
		for _, d := range []*deadline{&c.rd, &c.wd} {
			if d.fired.Load() {
				d.fired.Store(false)
			}
		}
		c.between.Store(true)
	case http.StateHijacked, http.StateClosed:
		l.forget(c)
	}
}

func (l *Listener) forget(c *Conn) {
	l.mu.Lock()
	delete(l.conns, c)
	l.mu.Unlock()
}

// watch advances the clock each tick and fails the reads or writes of the
// connections past their time.
func (l *Listener) watch() {
	defer close(l.done)
	t := time.NewTicker(l.tick)
	defer t.Stop()
	for range t.C {
		now := key(time.Now())
		l.clock.Store(now)
		l.mu.Lock()
		if l.closed && len(l.conns) == 0 {
			l.stopped = true
			l.mu.Unlock()
			return
		}
		for c := range l.conns {
			if c.readDue.Load() < now {
				c.fire(&c.rd, true)
			}
			if c.writeDue.Load() < now {
				c.fire(&c.wd, false)
			}
		}
		l.mu.Unlock()
	}
}
