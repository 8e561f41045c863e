package connwatch

import (
	"errors"
	"math"
	"net"
	"os"
	"sync"
	"sync/atomic"
	"time"
)

// Conn is a net.Conn whose deadlines are applied lazily, watched by the
// Listener that accepted it. It is safe for the concurrent use net.Conn
// allows: one reader, one writer and deadline changes from any goroutine.
//
// A deadline set on a Conn is recorded, and reaches the connection only when
// it is earlier than the one the connection holds. When the connection's
// own, earlier, deadline fires, the read or write resumes against the
// recorded one, so a read or write fails exactly when the recorded deadline
// passes, as it would without the wrapper. net/http, which sets a
// connection's deadlines several times per request (clearing them, and
// aborting its background read with a deadline in the past), then touches
// the connection twice per request. Errors from the connection's
// SetDeadline methods are reported only when a deadline reaches it.
type Conn struct {
	net.Conn
	l      *Listener // nil: not watched
	rd, wd deadline

	// Watched by l: when reading and writing must end (keys, never for
	// none); when the current request began arriving; whether its headers
	// are read and it is not answered yet (active); whether the connection
	// waits between requests, so that the next bytes read begin one.
	readDue, writeDue atomic.Int64
	began             atomic.Int64
	active, between   atomic.Bool
}

// newConn wraps c for l, which may be nil.
func newConn(c net.Conn, l *Listener) *Conn {
	w := &Conn{Conn: c, l: l}
	for _, v := range []*atomic.Int64{&w.rd.want, &w.rd.armed, &w.wd.want, &w.wd.armed, &w.readDue, &w.writeDue} {
		v.Store(never)
	}
	return w
}

// deadline is one direction's deadline as the caller wants it and as the
// underlying connection holds it, as keys (see key). Once a setter
// returns, the connection's deadline is never later than the effective one:
// the wanted one, or a time long past once the Listener found the
// direction overdue (fired). Moving the wanted deadline later only records
// it; moving it earlier arms it at once.
//
// Setters store want and then load armed without the lock; arming stores
// armed and then loads want under the lock. Whichever goes second sees the
// other's store, so an earlier deadline is never lost to a concurrent
// re-arm.
type deadline struct {
	mu    sync.Mutex // serialises arming
	want  atomic.Int64
	armed atomic.Int64
	fired atomic.Bool
}

// never is the key of the zero time, which means no deadline; past is a
// key long gone.
const (
	never = math.MaxInt64
	past  = math.MinInt64
)

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

func (d *deadline) effective() int64 {
	if d.fired.Load() {
		return past
	}
	return d.want.Load()
}

func (c *Conn) connDeadline(read bool, k int64) error {
	var t time.Time
	switch k {
	case never:
	case past:
		t = time.Unix(1, 0)
	default:
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
	if c.active.Load() {
		// A deadline set while a request is active replaces the phase's:
		// net/http clears the read deadline once a body is read, to wait
		// for the next bytes in the background, and a handler may set its
		// own through http.ResponseController. From then on the deadline
		// set is the one that holds, as without the watchdog.
		due := &c.writeDue
		if read {
			due = &c.readDue
		}
		if due.Load() != never {
			due.Store(never)
		}
		if d.fired.Load() {
			d.fired.Store(false)
		}
	}
	if d.want.Load() != k {
		d.want.Store(k)
	}
	if d.effective() >= d.armed.Load() {
		return nil
	}
	d.mu.Lock()
	err := c.sync(d, read)
	d.mu.Unlock()
	return err
}

// fire makes a direction overdue: its effective deadline is past from now
// on, and a read or write blocked in it fails.
func (c *Conn) fire(d *deadline, read bool) {
	if d.fired.Load() {
		return
	}
	d.fired.Store(true)
	d.mu.Lock()
	_ = c.sync(d, read)
	d.mu.Unlock()
}

// sync arms the effective deadline until it stays the same across the
// arming; d.mu is held.
func (c *Conn) sync(d *deadline, read bool) error {
	for {
		k := d.effective()
		if err := c.connDeadline(read, k); err != nil {
			return err
		}
		d.armed.Store(k)
		if d.effective() == k {
			return nil
		}
	}
}

// expired is called after the connection reported a timeout. It reports
// whether the timeout is the effective one; when it is not (the connection
// held an earlier deadline), it arms the effective one so that the caller
// can resume.
func (c *Conn) expired(d *deadline, read bool) bool {
	d.mu.Lock()
	defer d.mu.Unlock()
	if d.effective() == d.armed.Load() {
		return true
	}
	return c.sync(d, read) != nil
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
// the effective one fired. The first bytes read while the connection waits
// between requests begin the next request.
func (c *Conn) Read(p []byte) (int, error) {
	for {
		n, err := c.Conn.Read(p)
		if n > 0 && c.between.Load() {
			c.l.begin(c)
		}
		if n > 0 || err == nil || !isTimeout(err) || c.expired(&c.rd, true) {
			return n, err
		}
	}
}

// Write writes p, resuming when an earlier deadline than the effective one
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

// Close closes the connection and stops watching it.
func (c *Conn) Close() error {
	if c.l != nil {
		c.l.forget(c)
	}
	return c.Conn.Close()
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
