package connwatch

import (
	"bytes"
	"errors"
	"io"
	"net"
	"net/http"
	"os"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

// counting counts the deadlines that reach the connection.
type counting struct {
	net.Conn
	reads, writes atomic.Int32
}

func (c *counting) SetReadDeadline(t time.Time) error {
	c.reads.Add(1)
	return c.Conn.SetReadDeadline(t)
}

func (c *counting) SetWriteDeadline(t time.Time) error {
	c.writes.Add(1)
	return c.Conn.SetWriteDeadline(t)
}

func (c *counting) CloseWrite() error {
	return c.Conn.(*net.TCPConn).CloseWrite()
}

// pair returns a wrapped server end, what the wrapper sees of it, and the
// client end of a loopback TCP connection.
func pair(t *testing.T) (*Conn, *counting, net.Conn) {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	client, err := net.Dial("tcp", ln.Addr().String())
	if err != nil {
		t.Fatal(err)
	}
	server, err := ln.Accept()
	if err != nil {
		t.Fatal(err)
	}
	c := &counting{Conn: server}
	w := newConn(c, nil)
	t.Cleanup(func() { w.Close(); client.Close() })
	return w, c, client
}

// blockedRead reads one byte from c and reports how long it took. A read
// still blocked after 5s closes c, so that a deadline never applied fails
// the test instead of hanging it.
func blockedRead(c net.Conn) (time.Duration, error) {
	start := time.Now()
	guard := time.AfterFunc(5*time.Second, func() { c.Close() })
	defer guard.Stop()
	_, err := c.Read(make([]byte, 1))
	return time.Since(start), err
}

func TestLaterDeadlineIsRecordedNotArmed(t *testing.T) {
	w, c, _ := pair(t)
	if err := w.SetReadDeadline(time.Now().Add(50 * time.Millisecond)); err != nil {
		t.Fatal(err)
	}
	for i := range 5 {
		if err := w.SetReadDeadline(time.Now().Add(300*time.Millisecond + time.Duration(i))); err != nil {
			t.Fatal(err)
		}
	}
	if n := c.reads.Load(); n != 1 {
		t.Errorf("six deadlines, each later than the last, armed %d times, want once", n)
	}
	took, err := blockedRead(w)
	if !errors.Is(err, os.ErrDeadlineExceeded) {
		t.Fatalf("read = %v, want a deadline error", err)
	}
	if took < 280*time.Millisecond || took > 2*time.Second {
		t.Errorf("read failed after %s, want at the last deadline, 300ms", took)
	}
	if n := c.reads.Load(); n != 2 {
		t.Errorf("armed %d times, want a re-arm when the first deadline fired", n)
	}
}

func TestEarlierDeadlineInterruptsBlockedRead(t *testing.T) {
	w, _, client := pair(t)
	if err := w.SetReadDeadline(time.Now().Add(time.Hour)); err != nil {
		t.Fatal(err)
	}
	type result struct {
		took time.Duration
		err  error
	}
	done := make(chan result, 1)
	go func() {
		took, err := blockedRead(w)
		done <- result{took, err}
	}()
	time.Sleep(50 * time.Millisecond)
	// As net/http aborts its background read: a deadline long past, then
	// none.
	if err := w.SetReadDeadline(time.Unix(1, 0)); err != nil {
		t.Fatal(err)
	}
	select {
	case r := <-done:
		if !errors.Is(r.err, os.ErrDeadlineExceeded) {
			t.Fatalf("interrupted read = %v, want a deadline error", r.err)
		}
	case <-time.After(2 * time.Second):
		t.Fatal("a deadline in the past did not interrupt a blocked read")
	}
	if err := w.SetReadDeadline(time.Time{}); err != nil {
		t.Fatal(err)
	}
	go func() {
		time.Sleep(100 * time.Millisecond)
		_, _ = client.Write([]byte("x"))
	}()
	if took, err := blockedRead(w); err != nil || took < 80*time.Millisecond {
		t.Errorf("after clearing the deadline, read = %v after %s, want the byte sent at 100ms", err, took)
	}
}

func TestWriteResumesAfterEarlierDeadline(t *testing.T) {
	w, c, client := pair(t)
	payload := bytes.Repeat([]byte("declinekit"), 1<<20) // 10 MiB, more than the socket buffers
	_ = w.SetWriteDeadline(time.Now().Add(30 * time.Millisecond))
	_ = w.SetWriteDeadline(time.Now().Add(10 * time.Second))
	got := make(chan int64, 1)
	go func() {
		time.Sleep(150 * time.Millisecond) // the client starts reading after the first deadline
		n, _ := io.Copy(io.Discard, client)
		got <- n
	}()
	n, err := w.Write(payload)
	if err != nil || n != len(payload) {
		t.Fatalf("write = %d, %v; want all %d bytes", n, err, len(payload))
	}
	if c.writes.Load() < 2 {
		t.Errorf("write deadline armed %d times, want a re-arm when the first one fired", c.writes.Load())
	}
	w.Close()
	if n := <-got; n != int64(len(payload)) {
		t.Errorf("client read %d bytes, want %d", n, len(payload))
	}
}

func TestWriteFailsAtWantedDeadline(t *testing.T) {
	w, _, _ := pair(t)
	payload := make([]byte, 64<<20) // the client never reads
	_ = w.SetWriteDeadline(time.Now().Add(50 * time.Millisecond))
	_ = w.SetWriteDeadline(time.Now().Add(300 * time.Millisecond))
	start := time.Now()
	guard := time.AfterFunc(5*time.Second, func() { w.Close() }) // a deadline never applied fails, not hangs
	defer guard.Stop()
	n, err := w.Write(payload)
	took := time.Since(start)
	if !errors.Is(err, os.ErrDeadlineExceeded) || n >= len(payload) {
		t.Fatalf("write to a client that never reads = %d, %v; want a deadline error", n, err)
	}
	if took < 280*time.Millisecond || took > 3*time.Second {
		t.Errorf("write failed after %s, want at the last deadline, 300ms", took)
	}
}

// TestRearmRace moves a deadline earlier around the moment a blocked read
// re-arms after a stale, earlier deadline fired: the read must end at the
// earlier deadline, not at the later one the re-arm may have read. Each
// round arms 1ms, records 1h, and sets 3ms at varying offsets near 1ms.
// The window it aims at is a few hundred nanoseconds wide, so it is a
// stress test more than a proof; the ordering argument is on deadline.
func TestRearmRace(t *testing.T) {
	w, _, _ := pair(t)
	for i := range 400 {
		_ = w.SetReadDeadline(time.Time{})
		start := time.Now()
		_ = w.SetReadDeadline(start.Add(time.Millisecond))
		_ = w.SetReadDeadline(start.Add(time.Hour))
		done := make(chan time.Duration, 1)
		go func() {
			took, _ := blockedRead(w)
			done <- took
		}()
		for time.Since(start) < time.Millisecond-time.Duration(i%20)*20*time.Microsecond {
		}
		_ = w.SetReadDeadline(time.Now().Add(3 * time.Millisecond))
		if took := <-done; took > time.Second {
			t.Fatalf("round %d: the read ended after %s, want about 3ms", i, took)
		}
	}
}

// TestAbortRace repeats net/http's background-read abort while deadlines
// move later from the same goroutine; the deadline in the past must end
// the read every time.
func TestAbortRace(t *testing.T) {
	w, _, _ := pair(t)
	for i := range 300 {
		var wg sync.WaitGroup
		wg.Add(1)
		go func() {
			defer wg.Done()
			_, _ = blockedRead(w)
		}()
		for j := range 20 {
			_ = w.SetReadDeadline(time.Now().Add(time.Duration(j+1) * time.Hour))
		}
		_ = w.SetReadDeadline(time.Unix(1, 0))
		done := make(chan struct{})
		go func() { wg.Wait(); close(done) }()
		select {
		case <-done:
		case <-time.After(5 * time.Second):
			t.Fatalf("round %d: the read was not interrupted by a deadline in the past", i)
		}
		_ = w.SetReadDeadline(time.Time{})
	}
}

func TestPipeDeadlines(t *testing.T) {
	a, b := net.Pipe()
	defer b.Close()
	w := newConn(a, nil)
	defer w.Close()
	_ = w.SetDeadline(time.Now().Add(20 * time.Millisecond))
	_ = w.SetDeadline(time.Now().Add(200 * time.Millisecond))
	took, err := blockedRead(w)
	if !errors.Is(err, os.ErrDeadlineExceeded) || took < 180*time.Millisecond {
		t.Errorf("pipe read = %v after %s, want a deadline error at 200ms", err, took)
	}
	start := time.Now()
	if _, err := w.Write([]byte("x")); !errors.Is(err, os.ErrDeadlineExceeded) || time.Since(start) > time.Second {
		t.Errorf("pipe write past its deadline = %v, want a deadline error at once", err)
	}
}

func TestCloseWrite(t *testing.T) {
	w, _, client := pair(t)
	if _, err := w.Write([]byte("bye")); err != nil {
		t.Fatal(err)
	}
	if err := w.CloseWrite(); err != nil {
		t.Fatal(err)
	}
	_ = client.SetReadDeadline(time.Now().Add(5 * time.Second))
	got, err := io.ReadAll(client)
	if err != nil || string(got) != "bye" {
		t.Errorf("client read %q, %v; want \"bye\" then end of stream", got, err)
	}
}

// countingListener hands out counting connections and keeps them.
type countingListener struct {
	net.Listener
	mu    sync.Mutex
	conns []*counting
}

func (l *countingListener) Accept() (net.Conn, error) {
	c, err := l.Listener.Accept()
	if err != nil {
		return nil, err
	}
	cc := &counting{Conn: c}
	l.mu.Lock()
	l.conns = append(l.conns, cc)
	l.mu.Unlock()
	return cc, nil
}

// TestHTTPServerArmsFewDeadlines serves kept-alive GETs and POSTs with
// net/http and the shipped timeouts, enforced by the watchdog: the
// connection sees two deadlines per request (net/http's abort of its
// background read, and its clearing), where net/http's own timeouts set
// eight.
func TestHTTPServerArmsFewDeadlines(t *testing.T) {
	inner, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	cl := &countingListener{Listener: inner}
	srv := &http.Server{
		Handler: http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			_, _ = io.Copy(io.Discard, r.Body)
			_, _ = io.WriteString(w, "ok")
		}),
	}
	wl := NewListener(cl, Timeouts{ReadHeader: 5 * time.Second, Read: 15 * time.Second, Write: 20 * time.Second, Idle: 60 * time.Second})
	srv.ConnState = wl.ConnState
	go func() { _ = srv.Serve(wl) }()
	defer srv.Close()

	const requests = 200
	client := &http.Client{Transport: &http.Transport{MaxConnsPerHost: 1}}
	defer client.CloseIdleConnections()
	for i := range requests {
		var resp *http.Response
		var err error
		if i%2 == 0 {
			resp, err = client.Get("http://" + inner.Addr().String() + "/")
		} else {
			resp, err = client.Post("http://"+inner.Addr().String()+"/", "text/plain", strings.NewReader("body"))
		}
		if err != nil {
			t.Fatal(err)
		}
		_, _ = io.Copy(io.Discard, resp.Body)
		resp.Body.Close()
	}
	cl.mu.Lock()
	defer cl.mu.Unlock()
	if len(cl.conns) != 1 {
		t.Fatalf("%d connections, want the one kept alive", len(cl.conns))
	}
	c := cl.conns[0]
	perRequest := float64(c.reads.Load()+c.writes.Load()) / requests
	t.Logf("%.2f deadlines armed per request", perRequest)
	if perRequest > 2.1 {
		t.Errorf("%.2f deadlines armed per request, want 2", perRequest)
	}
}
