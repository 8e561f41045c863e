// Package lazyconn wraps accepted connections so that moving a deadline
// later costs nothing until the earlier one fires.
//
// net/http sets a connection's deadlines up to eight times per request
// (header, whole request, write, background read and its abort, idle), and
// each call re-arms a runtime timer. Most of those calls push a deadline
// further out. A Conn from this package records the wanted deadline and
// touches the connection only when the wanted deadline is earlier than the
// one the connection holds. When the connection's own, earlier, deadline
// fires, the read or write is resumed against the wanted one, so a read or
// write fails exactly when the wanted deadline passes, as it would without
// the wrapper.
package lazyconn

import (
	"errors"
	"math"
	"net"
	"os"
	"sync"
	"sync/atomic"
	"time"
)

// Listener wraps every connection it accepts in a Conn.
type Listener struct {
	net.Listener
	// Horizon is passed to New.
	Horizon time.Duration
}

// Accept waits for the next connection and wraps it.
func (l Listener) Accept() (net.Conn, error) {
	c, err := l.Listener.Accept()
	if err != nil {
		return nil, err
	}
	return New(c, l.Horizon), nil
}

// Conn is a net.Conn whose deadlines are applied lazily. It is safe for the
// concurrent use net.Conn allows: one reader, one writer and deadline
// changes from any goroutine.
type Conn struct {
	net.Conn
	horizon int64
	rd, wd  deadline
}

// New wraps c. A positive horizon bounds how far ahead a deadline is armed
// when an earlier one fired: a wanted deadline further out is armed at the
// horizon and re-armed when that passes. With the shortest deadline the
// caller sets as horizon (net/http's header timeout), the deadline set next
// is rarely earlier than the armed one, so it needs no re-arming either.
func New(c net.Conn, horizon time.Duration) *Conn {
	w := &Conn{Conn: c, horizon: int64(horizon)}
	for _, d := range []*deadline{&w.rd, &w.wd} {
		d.want.Store(never)
		d.armed.Store(never)
	}
	return w
}

// deadline is one direction's wanted deadline and the one the underlying
// connection holds, as keys (see key). The connection's deadline is never
// later than the wanted one once a setter returns: moving the wanted one
// later only records it, moving it earlier arms it at once.
//
// Setters store want and then load armed without the lock; arming stores
// armed and then loads want under the lock. Whichever goes second sees the
// other's store, so an earlier deadline is never lost to a concurrent
// re-arm.
type deadline struct {
	mu    sync.Mutex // serialises arming
	want  atomic.Int64
	armed atomic.Int64
}

// never is the key of the zero time, which means no deadline.
const never = math.MaxInt64

// base anchors keys to the monotonic clock: a key is a deadline's distance
// from base, so that keys order as deadlines do and convert back without
// losing the monotonic reading.
var base = time.Now()

func key(t time.Time) int64 {
	if t.IsZero() {
		return never
	}
	return int64(t.Sub(base))
}

func (c *Conn) connDeadline(read bool, k int64) error {
	var t time.Time
	if k != never {
		t = base.Add(time.Duration(k))
	}
	if read {
		return c.Conn.SetReadDeadline(t)
	}
	return c.Conn.SetWriteDeadline(t)
}

// SetReadDeadline records t and applies it when it is earlier than the
// deadline the connection holds.
func (c *Conn) SetReadDeadline(t time.Time) error {
	return c.set(&c.rd, true, t)
}

// SetWriteDeadline records t and applies it when it is earlier than the
// deadline the connection holds.
func (c *Conn) SetWriteDeadline(t time.Time) error {
	return c.set(&c.wd, false, t)
}

// SetDeadline sets both deadlines.
func (c *Conn) SetDeadline(t time.Time) error {
	if err := c.SetReadDeadline(t); err != nil {
		return err
	}
	return c.SetWriteDeadline(t)
}

func (c *Conn) set(d *deadline, read bool, t time.Time) error {
	k := key(t)
	d.want.Store(k)
	if k >= d.armed.Load() {
		return nil
	}
	d.mu.Lock()
	err := c.sync(d, read, never)
	d.mu.Unlock()
	return err
}

// sync arms the wanted deadline, or limit when that is earlier, until the
// wanted deadline stays the same across the arming; d.mu is held.
func (c *Conn) sync(d *deadline, read bool, limit int64) error {
	for {
		k := d.want.Load()
		a := min(k, limit)
		if err := c.connDeadline(read, a); err != nil {
			return err
		}
		d.armed.Store(a)
		if d.want.Load() == k {
			return nil
		}
	}
}

// expired is called after the connection reported a timeout. It reports
// whether the timeout is the wanted one; when it is not (the connection
// held an earlier deadline), it arms the wanted one so that the caller can
// resume.
func (c *Conn) expired(d *deadline, read bool) bool {
	d.mu.Lock()
	defer d.mu.Unlock()
	if d.want.Load() == d.armed.Load() {
		return true
	}
	limit := int64(never)
	if c.horizon > 0 {
		limit = key(time.Now()) + c.horizon
	}
	return c.sync(d, read, limit) != nil
}

// isTimeout reports whether err is a deadline's, without the cost of
// errors.Is for the errors a *net.TCPConn returns.
func isTimeout(err error) bool {
	if oe, ok := err.(*net.OpError); ok {
		return oe.Err == os.ErrDeadlineExceeded
	}
	return errors.Is(err, os.ErrDeadlineExceeded)
}

// Read reads from the connection, resuming when an earlier deadline than
// the wanted one fired.
func (c *Conn) Read(p []byte) (int, error) {
	for {
		n, err := c.Conn.Read(p)
		if n > 0 || err == nil || !isTimeout(err) || c.expired(&c.rd, true) {
			return n, err
		}
	}
}

// Write writes p, resuming when an earlier deadline than the wanted one
// fired part way.
func (c *Conn) Write(p []byte) (int, error) {
	written := 0
	for {
		n, err := c.Conn.Write(p[written:])
		written += n
		if err == nil || !isTimeout(err) || c.expired(&c.wd, false) {
			return written, err
		}
	}
}

// CloseWrite shuts down the writing side when the connection supports it,
// as a *net.TCPConn does; net/http uses it before closing a connection
// whose request body was left unread.
func (c *Conn) CloseWrite() error {
	if cw, ok := c.Conn.(interface{ CloseWrite() error }); ok {
		return cw.CloseWrite()
	}
	return nil
}
