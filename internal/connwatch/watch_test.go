package connwatch

import (
	"bufio"
	"io"
	"net"
	"net/http"
	"strings"
	"testing"
	"time"
)

// watchedServer serves h on loopback with t enforced by a Listener, and
// returns its address.
func watchedServer(t *testing.T, to Timeouts, h http.Handler) string {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	wl := NewListener(ln, to)
	srv := &http.Server{Handler: h, ConnState: wl.ConnState}
	go func() { _ = srv.Serve(wl) }()
	t.Cleanup(func() { _ = srv.Close() })
	return ln.Addr().String()
}

// dial opens a raw connection to addr, closed when the test ends, with a
// 20s deadline against hangs.
func dial(t *testing.T, addr string) (net.Conn, *bufio.Reader) {
	t.Helper()
	conn, err := net.Dial("tcp", addr)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { conn.Close() })
	_ = conn.SetDeadline(time.Now().Add(20 * time.Second))
	return conn, bufio.NewReader(conn)
}

// cutOff sends first on a new connection, reads the answer to it when
// answered is set, then sends then, and reports how long the server took
// to close the connection after that, with what it sent meanwhile.
func cutOff(t *testing.T, addr, first string, answered bool, then string) (time.Duration, string) {
	t.Helper()
	conn, br := dial(t, addr)
	if _, err := io.WriteString(conn, first); err != nil {
		t.Fatal(err)
	}
	if answered {
		resp, err := http.ReadResponse(br, nil)
		if err != nil {
			t.Fatalf("first answer: %v", err)
		}
		_, _ = io.Copy(io.Discard, resp.Body)
		resp.Body.Close()
	}
	if _, err := io.WriteString(conn, then); err != nil {
		t.Fatal(err)
	}
	start := time.Now()
	rest, err := io.ReadAll(br)
	if err != nil {
		t.Fatalf("reading until the server closes: %v", err)
	}
	return time.Since(start), string(rest)
}

func TestWatchdogTimeouts(t *testing.T) {
	to := Timeouts{ReadHeader: 200 * time.Millisecond, Read: 400 * time.Millisecond, Write: 1200 * time.Millisecond, Idle: 600 * time.Millisecond}
	addr := watchedServer(t, to, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if _, err := io.Copy(io.Discard, r.Body); err != nil {
			w.WriteHeader(http.StatusServiceUnavailable)
			return
		}
		if r.URL.Path == "/late" {
			time.Sleep(1500 * time.Millisecond) // past the write timeout
		}
		_, _ = io.WriteString(w, "ok")
	}))
	const get = "GET / HTTP/1.1\r\nHost: x\r\n\r\n"
	for _, c := range []struct {
		name     string
		first    string
		answered bool
		then     string
		min, max time.Duration
		answer   string // the start of what the server sends after then
	}{
		{"first request stalling in its headers", "GET / HTTP/1.1\r\nHost: x\r\n", false, "", 150 * time.Millisecond, 600 * time.Millisecond, ""},
		{"idle kept-alive connection", get, true, "", 500 * time.Millisecond, 1200 * time.Millisecond, ""},
		{"second request stalling in its headers", get, true, "GET / HTTP/1.1\r\nHost: x\r\n", 150 * time.Millisecond, 500 * time.Millisecond, ""},
		{"request stalling in its body", "POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 10\r\n\r\nab", false, "", 300 * time.Millisecond, 900 * time.Millisecond, "HTTP/1.1 503 "},
		{"answer past the write timeout", "GET /late HTTP/1.1\r\nHost: x\r\n\r\n", false, "", 1100 * time.Millisecond, 3 * time.Second, ""},
	} {
		took, rest := cutOff(t, addr, c.first, c.answered, c.then)
		if took < c.min || took > c.max {
			t.Errorf("%s: cut off after %s, want between %s and %s", c.name, took, c.min, c.max)
		}
		if !strings.HasPrefix(rest, c.answer) || c.answer == "" && rest != "" {
			t.Errorf("%s: server sent %.40q, want %q", c.name, rest, c.answer)
		}
	}
}

// TestWatchdogSparesTimelyConnections checks, on one raw kept-alive
// connection, that no phase outlives its end: requests spread over twice
// the idle timeout; handlers slower than the read timeout once the body is
// read, reading it late, or leaving it unread; a pipelined request parsed
// from buffered bytes after a slow one; and a handler that extends its read
// deadline for a slow upload. Each answer is 200 with the request's
// context alive.
func TestWatchdogSparesTimelyConnections(t *testing.T) {
	to := Timeouts{ReadHeader: 100 * time.Millisecond, Read: 300 * time.Millisecond, Write: 2 * time.Second, Idle: 300 * time.Millisecond}
	addr := watchedServer(t, to, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch r.URL.Path {
		case "/extend":
			if err := http.NewResponseController(w).SetReadDeadline(time.Now().Add(5 * time.Second)); err != nil {
				w.WriteHeader(http.StatusInternalServerError)
				return
			}
		case "/unread":
			time.Sleep(400 * time.Millisecond)
			_, _ = io.WriteString(w, "ok")
			return
		case "/late-read":
			// The body, already buffered, is read past the read timeout;
			// net/http then waits for the next bytes in the background,
			// which must not fail and cancel the request.
			time.Sleep(400 * time.Millisecond)
			_, _ = io.Copy(io.Discard, r.Body)
			time.Sleep(20 * time.Millisecond)
		}
		if _, err := io.Copy(io.Discard, r.Body); err != nil {
			w.WriteHeader(http.StatusServiceUnavailable)
			return
		}
		if r.URL.Path == "/slow" {
			time.Sleep(400 * time.Millisecond)
		}
		if r.Context().Err() != nil {
			w.WriteHeader(http.StatusInternalServerError)
			return
		}
		_, _ = io.WriteString(w, "ok")
	}))
	conn, br := dial(t, addr)
	answer := func(what string) {
		t.Helper()
		resp, err := http.ReadResponse(br, nil)
		if err != nil {
			t.Fatalf("%s: %v", what, err)
		}
		b, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		if resp.StatusCode != http.StatusOK || string(b) != "ok" {
			t.Fatalf("%s = %d %q, want 200 ok", what, resp.StatusCode, b)
		}
	}
	send := func(req string) {
		t.Helper()
		if _, err := io.WriteString(conn, req); err != nil {
			t.Fatal(err)
		}
	}
	const get = "GET / HTTP/1.1\r\nHost: x\r\n\r\n"
	for range 12 { // 600 ms, twice the idle timeout
		send(get)
		answer("GET /")
		time.Sleep(50 * time.Millisecond)
	}
	send("GET /slow HTTP/1.1\r\nHost: x\r\n\r\n")
	answer("GET /slow")
	send("POST /slow HTTP/1.1\r\nHost: x\r\nContent-Length: 4\r\n\r\nbody")
	answer("POST /slow")
	send("POST /unread HTTP/1.1\r\nHost: x\r\nContent-Length: 3\r\n\r\nabc")
	answer("POST /unread")
	send("POST /late-read HTTP/1.1\r\nHost: x\r\nContent-Length: 3\r\n\r\nabc")
	answer("POST /late-read")
	// The second request's headers and the start of its body arrive with
	// the first; its read time starts when net/http turns to it.
	send("GET /slow HTTP/1.1\r\nHost: x\r\n\r\nPOST / HTTP/1.1\r\nHost: x\r\nContent-Length: 3\r\n\r\na")
	answer("GET /slow, pipelined")
	time.Sleep(100 * time.Millisecond)
	send("bc")
	answer("POST /, pipelined after it, its body completed 100ms later")
	send("POST /extend HTTP/1.1\r\nHost: x\r\nContent-Length: 6\r\n\r\nabc")
	time.Sleep(400 * time.Millisecond) // past the read timeout, within the handler's deadline
	send("def")
	answer("POST /extend with a slow body")
	send(get)
	answer("GET / at the end")
}

// TestWatchdogInterruptsBlockedWrite has a client that never reads a
// large answer: the handler's write fails about the write timeout after
// the request.
func TestWatchdogInterruptsBlockedWrite(t *testing.T) {
	failed := make(chan time.Duration, 1)
	addr := watchedServer(t, Timeouts{Read: time.Second, Write: 400 * time.Millisecond}, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		start := time.Now()
		chunk := make([]byte, 1<<20)
		for range 256 {
			if _, err := w.Write(chunk); err != nil {
				failed <- time.Since(start)
				return
			}
		}
		failed <- -1
	}))
	conn, err := net.Dial("tcp", addr)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	if _, err := io.WriteString(conn, "GET / HTTP/1.1\r\nHost: x\r\n\r\n"); err != nil {
		t.Fatal(err)
	}
	select {
	case took := <-failed:
		if took < 300*time.Millisecond || took > 2*time.Second {
			t.Errorf("a write the client never reads failed after %s, want about 400ms", took)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("a write the client never reads is still blocked after 10s")
	}
}

func TestWatchdogStopsWithLastConnection(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	wl := NewListener(ln, Timeouts{Read: 100 * time.Millisecond})
	client, err := net.Dial("tcp", ln.Addr().String())
	if err != nil {
		t.Fatal(err)
	}
	defer client.Close()
	c, err := wl.Accept()
	if err != nil {
		t.Fatal(err)
	}
	_ = wl.Close()
	select {
	case <-wl.done:
		t.Fatal("the watchdog stopped while a connection was open")
	case <-time.After(100 * time.Millisecond):
	}
	_ = c.Close()
	select {
	case <-wl.done:
	case <-time.After(2 * time.Second):
		t.Fatal("the watchdog still runs after the listener and its last connection closed")
	}
}

func TestTickFor(t *testing.T) {
	for _, c := range []struct {
		t    Timeouts
		want time.Duration
	}{
		{Timeouts{}, time.Second},
		{Timeouts{ReadHeader: 5 * time.Second, Read: 15 * time.Second, Write: 20 * time.Second, Idle: time.Minute}, 500 * time.Millisecond},
		{Timeouts{Read: 300 * time.Millisecond}, 30 * time.Millisecond},
		{Timeouts{Write: time.Millisecond}, 10 * time.Millisecond},
		{Timeouts{Idle: time.Hour}, time.Second},
	} {
		if got := tickFor(c.t); got != c.want {
			t.Errorf("tickFor(%+v) = %s, want %s", c.t, got, c.want)
		}
	}
}

func TestConnStateIgnoresOtherConns(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	wl := NewListener(ln, Timeouts{})
	defer wl.Close()
	a, b := net.Pipe()
	defer a.Close()
	defer b.Close()
	for _, s := range []http.ConnState{http.StateNew, http.StateActive, http.StateIdle, http.StateClosed} {
		wl.ConnState(a, s)
		wl.ConnState(newConn(a, nil), s)
	}
	wl.mu.Lock()
	defer wl.mu.Unlock()
	if len(wl.conns) != 0 {
		t.Errorf("%d connections watched, want none", len(wl.conns))
	}
}
