package main

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"io"
	"log/slog"
	"net"
	"net/http"
	"os"
	"os/exec"
	"os/signal"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"
)

func envMap(m map[string]string) func(string) string {
	return func(k string) string { return m[k] }
}

// logWatcher is a stdout that hands over the address from the "listening"
// log line.
type logWatcher struct {
	mu    sync.Mutex
	buf   bytes.Buffer
	addrc chan string
	once  sync.Once
}

func newLogWatcher() *logWatcher { return &logWatcher{addrc: make(chan string, 1)} }

func (w *logWatcher) Write(p []byte) (int, error) {
	w.mu.Lock()
	defer w.mu.Unlock()
	w.buf.Write(p)
	for _, line := range strings.Split(w.buf.String(), "\n") {
		var l struct{ Msg, Addr string }
		if json.Unmarshal([]byte(line), &l) == nil && l.Msg == "listening" {
			w.once.Do(func() { w.addrc <- l.Addr })
		}
	}
	return len(p), nil
}

func (w *logWatcher) String() string {
	w.mu.Lock()
	defer w.mu.Unlock()
	return w.buf.String()
}

func waitAddr(t *testing.T, c <-chan string) string {
	t.Helper()
	select {
	case a := <-c:
		return a
	case <-time.After(10 * time.Second):
		t.Fatal("the server did not log its address within 10s")
		return ""
	}
}

func TestRunServesAndStops(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	out := newLogWatcher()
	done := make(chan error, 1)
	go func() {
		done <- run(ctx, nil, envMap(map[string]string{"DECLINEKIT_ADDR": "127.0.0.1:0"}), out, io.Discard)
	}()
	addr := waitAddr(t, out.addrc)

	var status int
	for i := 0; i < 50; i++ {
		resp, err := http.Get("http://" + addr + "/healthz")
		if err == nil {
			status = resp.StatusCode
			resp.Body.Close()
			break
		}
		time.Sleep(20 * time.Millisecond)
	}
	if status != http.StatusOK {
		t.Fatalf("GET /healthz status = %d, want 200", status)
	}
	if err := run(ctx, []string{"healthcheck"}, envMap(map[string]string{"DECLINEKIT_ADDR": addr}), io.Discard, io.Discard); err != nil {
		t.Errorf("healthcheck against a live server = %v, want nil", err)
	}

	cancel()
	select {
	case err := <-done:
		if err != nil {
			t.Errorf("run() after cancel = %v, want nil", err)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("run() did not return within 10s of cancel")
	}
	if !strings.Contains(out.String(), `"msg":"stopped"`) {
		t.Errorf("logs lack the stopped line:\n%s", out)
	}
}

func TestRunRejects(t *testing.T) {
	tests := []struct {
		name     string
		args     []string
		env      map[string]string
		wantCode int
		wantText string
	}{
		{"nok, bad port", nil, map[string]string{"PORT": "eighty"}, 2, "PORT"},
		{"nok, bad body limit", nil, map[string]string{"DECLINEKIT_BODY_LIMIT": "huge"}, 2, "DECLINEKIT_BODY_LIMIT"},
		{"nok, bad log level", nil, map[string]string{"DECLINEKIT_LOG_LEVEL": "chatty"}, 2, "DECLINEKIT_LOG_LEVEL"},
		{"nok, bad origin", nil, map[string]string{"DECLINEKIT_CORS_ORIGINS": "ftp://x"}, 2, "DECLINEKIT_CORS_ORIGINS"},
		{"nok, unknown command", []string{"launch"}, nil, 2, "unknown command"},
		{"nok, extra argument", []string{"serve", "now"}, nil, 2, "no arguments"},
		{"nok, healthcheck with nothing listening", []string{"healthcheck"}, map[string]string{"DECLINEKIT_ADDR": "127.0.0.1:1"}, 1, "healthcheck"},
		{"nok, address in use", nil, map[string]string{"DECLINEKIT_ADDR": "%s"}, 1, "listen"},
	}
	busy, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer busy.Close()
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if tt.env["DECLINEKIT_ADDR"] == "%s" {
				tt.env["DECLINEKIT_ADDR"] = busy.Addr().String()
			}
			err := run(context.Background(), tt.args, envMap(tt.env), io.Discard, io.Discard)
			if err == nil {
				t.Fatalf("run(%v, %v) = nil, want an error", tt.args, tt.env)
			}
			var stderr bytes.Buffer
			if code := exitCode(err, &stderr); code != tt.wantCode {
				t.Errorf("exit code = %d, want %d (error %v)", code, tt.wantCode, err)
			}
			if !strings.Contains(stderr.String(), tt.wantText) {
				t.Errorf("stderr = %q, want it to contain %q", stderr.String(), tt.wantText)
			}
		})
	}
}

func TestRunVersionAndHelp(t *testing.T) {
	var out bytes.Buffer
	if err := run(context.Background(), []string{"version"}, envMap(nil), &out, io.Discard); err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(out.String(), "declinekit ") || !strings.Contains(out.String(), "go1.") {
		t.Errorf("version output = %q", out.String())
	}
	out.Reset()
	if err := run(context.Background(), []string{"--help"}, envMap(nil), &out, io.Discard); err != nil || !strings.Contains(out.String(), "healthcheck") {
		t.Errorf("--help = %v, %q; want usage naming healthcheck", err, out.String())
	}
}

// TestSIGTERMCompletesInFlightRequest sends SIGTERM to this process while a
// slow request is being served: the request must complete, readiness must
// turn off first, and serve must return nil.
func TestSIGTERMCompletesInFlightRequest(t *testing.T) {
	started := make(chan struct{})
	var drained bool
	var mu sync.Mutex
	mux := http.NewServeMux()
	mux.HandleFunc("/slow", func(w http.ResponseWriter, r *http.Request) {
		close(started)
		time.Sleep(700 * time.Millisecond)
		_, _ = io.WriteString(w, "finished")
	})
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	ctx, stop := signal.NotifyContext(context.Background(), shutdownSignals...)
	defer stop()
	srv := &http.Server{Handler: mux, ReadHeaderTimeout: time.Second}
	done := make(chan error, 1)
	go func() {
		done <- serve(ctx, srv, ln, func() { mu.Lock(); drained = true; mu.Unlock() }, shutdown{timeout: 5 * time.Second}, slog.New(slog.DiscardHandler))
	}()

	type result struct {
		body string
		err  error
	}
	resc := make(chan result, 1)
	go func() {
		resp, err := http.Get("http://" + ln.Addr().String() + "/slow")
		if err != nil {
			resc <- result{err: err}
			return
		}
		defer resp.Body.Close()
		b, err := io.ReadAll(resp.Body)
		resc <- result{string(b), err}
	}()
	<-started
	if err := syscall.Kill(os.Getpid(), syscall.SIGTERM); err != nil {
		t.Fatal(err)
	}
	r := <-resc
	if r.err != nil || r.body != "finished" {
		t.Errorf("in-flight request = %q, %v; want it to finish", r.body, r.err)
	}
	select {
	case err := <-done:
		if err != nil {
			t.Errorf("serve() = %v, want nil", err)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("serve() did not return within 10s of SIGTERM")
	}
	mu.Lock()
	defer mu.Unlock()
	if !drained {
		t.Error("drain was not called before shutdown")
	}
}

// TestBinary builds declinekit and runs it as a real process: it serves,
// its healthcheck subcommand passes, SIGTERM makes it exit 0 promptly, and
// a bad configuration exits 2 with a message.
func TestBinary(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the binary; skipped with -short")
	}
	bin := buildBinary(t)
	cmd, addr := startBinary(t, bin)

	hc := exec.Command(bin, "healthcheck")
	hc.Env = append(os.Environ(), "DECLINEKIT_ADDR="+addr)
	if out, err := hc.CombinedOutput(); err != nil {
		t.Errorf("declinekit healthcheck = %v, want exit 0\n%s", err, out)
	}

	if err := cmd.Process.Signal(syscall.SIGTERM); err != nil {
		t.Fatal(err)
	}
	waitc := make(chan error, 1)
	go func() { waitc <- cmd.Wait() }()
	select {
	case err := <-waitc:
		if err != nil {
			t.Errorf("declinekit after SIGTERM exited with %v, want 0", err)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("declinekit did not exit within 10s of SIGTERM")
	}

	bad := exec.Command(bin)
	bad.Env = append(os.Environ(), "PORT=not-a-port")
	out, err := bad.CombinedOutput()
	var ee *exec.ExitError
	if !errors.As(err, &ee) || ee.ExitCode() != 2 || !strings.Contains(string(out), "PORT") {
		t.Errorf("declinekit with PORT=not-a-port = %v, %q; want exit 2 naming PORT", err, out)
	}
}

// TestShutdownDelay cancels a server started with a drain delay: during the
// delay /readyz answers 503 while requests are still served, and only then
// does the server stop.
func TestShutdownDelay(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	out := newLogWatcher()
	done := make(chan error, 1)
	go func() {
		done <- run(ctx, nil, envMap(map[string]string{"DECLINEKIT_ADDR": "127.0.0.1:0", "DECLINEKIT_SHUTDOWN_DELAY": "1500ms"}), out, io.Discard)
	}()
	base := "http://" + waitAddr(t, out.addrc)
	status := func(path string) int {
		resp, err := http.Get(base + path)
		if err != nil {
			return 0
		}
		resp.Body.Close()
		return resp.StatusCode
	}
	if got := status("/readyz"); got != http.StatusOK {
		t.Fatalf("/readyz before shutdown = %d, want 200", got)
	}
	start := time.Now()
	cancel()
	time.Sleep(200 * time.Millisecond)
	if got := status("/readyz"); got != http.StatusServiceUnavailable {
		t.Errorf("/readyz during the drain delay = %d, want 503", got)
	}
	if got := status("/checklist"); got != http.StatusOK {
		t.Errorf("/checklist during the drain delay = %d, want 200 (still serving)", got)
	}
	select {
	case err := <-done:
		if err != nil {
			t.Errorf("run() = %v, want nil", err)
		}
		if d := time.Since(start); d < 1500*time.Millisecond {
			t.Errorf("run() returned after %s, before the 1.5s drain delay", d)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("run() did not return within 10s")
	}
	if got := status("/healthz"); got != 0 {
		t.Errorf("/healthz after shutdown = %d, want no connection", got)
	}
}

// TestServerLimits starts the server with a small header limit and a short
// header timeout: an oversized header block is refused with 431, and a
// client that never finishes its headers is cut off.
func TestServerLimits(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	out := newLogWatcher()
	done := make(chan error, 1)
	go func() {
		done <- run(ctx, nil, envMap(map[string]string{
			"DECLINEKIT_ADDR":                "127.0.0.1:0",
			"DECLINEKIT_MAX_HEADER_BYTES":    "2KiB",
			"DECLINEKIT_READ_HEADER_TIMEOUT": "300ms",
			"DECLINEKIT_READ_TIMEOUT":        "300ms",
			"DECLINEKIT_IDLE_TIMEOUT":        "1s",
		}), out, io.Discard)
	}()
	addr := waitAddr(t, out.addrc)
	defer func() { cancel(); <-done }()

	req, _ := http.NewRequest(http.MethodGet, "http://"+addr+"/healthz", nil)
	req.Header.Set("X-Padding", strings.Repeat("p", 8<<10))
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusRequestHeaderFieldsTooLarge {
		t.Errorf("8 KiB of headers with a 2 KiB limit = %d, want 431", resp.StatusCode)
	}
	if resp, err := http.Get("http://" + addr + "/healthz"); err != nil || resp.StatusCode != http.StatusOK {
		t.Fatalf("small headers = %v, %v; want 200", resp, err)
	}

	conn, err := net.Dial("tcp", addr)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	if _, err := io.WriteString(conn, "GET /healthz HTTP/1.1\r\nHost: x\r\nX-Slow: "); err != nil {
		t.Fatal(err)
	}
	start := time.Now()
	_ = conn.SetReadDeadline(time.Now().Add(5 * time.Second))
	_, err = io.ReadAll(conn)
	if took := time.Since(start); err != nil || took < 200*time.Millisecond || took > 3*time.Second {
		t.Errorf("a client stalling in its headers was cut off after %s (%v), want about 300ms", took, err)
	}

	// On a kept-alive connection, after one answer: silence is cut off
	// after the idle timeout, and a second request stalling in its headers
	// after the header timeout.
	for _, c := range []struct {
		name     string
		then     string
		min, max time.Duration
	}{
		{"an idle kept-alive connection", "", 800 * time.Millisecond, 4 * time.Second},
		{"a second request stalling in its headers", "GET /healthz HTTP/1.1\r\nHost: x\r\nX-Slow: ", 200 * time.Millisecond, 900 * time.Millisecond},
	} {
		conn, err := net.Dial("tcp", addr)
		if err != nil {
			t.Fatal(err)
		}
		defer conn.Close()
		_ = conn.SetDeadline(time.Now().Add(5 * time.Second))
		if _, err := io.WriteString(conn, "GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n"); err != nil {
			t.Fatal(err)
		}
		br := bufio.NewReader(conn)
		resp, err := http.ReadResponse(br, nil)
		if err != nil {
			t.Fatalf("%s: first answer: %v", c.name, err)
		}
		_, _ = io.Copy(io.Discard, resp.Body)
		resp.Body.Close()
		if _, err := io.WriteString(conn, c.then); err != nil {
			t.Fatal(err)
		}
		start := time.Now()
		_, err = io.ReadAll(br)
		if took := time.Since(start); err != nil || took < c.min || took > c.max {
			t.Errorf("%s was cut off after %s (%v), want between %s and %s", c.name, took, err, c.min, c.max)
		}
	}

	// A client stalling in its body is cut off after the read timeout,
	// whether a handler reads the body (and answers 503) or net/http
	// discards it after answering (an unknown route); its connection is not
	// held.
	for path, status := range map[string]string{"/drafts": "503", "/checklist/review": "503", "/nowhere": "404"} {
		conn, err := net.Dial("tcp", addr)
		if err != nil {
			t.Fatal(err)
		}
		defer conn.Close()
		if _, err := io.WriteString(conn, "POST "+path+" HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{\"message\""); err != nil {
			t.Fatal(err)
		}
		start := time.Now()
		_ = conn.SetReadDeadline(time.Now().Add(5 * time.Second))
		answer, err := io.ReadAll(conn)
		if took := time.Since(start); err != nil || took < 200*time.Millisecond || took > 3*time.Second {
			t.Errorf("POST %s: a client stalling in its body was cut off after %s (%v), want about 300ms", path, took, err)
		}
		if !strings.HasPrefix(string(answer), "HTTP/1.1 "+status+" ") {
			t.Errorf("POST %s with a stalled body answered %.40q, want %s", path, answer, status)
		}
	}
}

// buildBinary builds declinekit into a temporary folder.
func buildBinary(t *testing.T) string {
	t.Helper()
	bin := filepath.Join(t.TempDir(), "declinekit")
	if out, err := exec.Command("go", "build", "-o", bin, ".").CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	return bin
}

// startBinary starts bin on a loopback port chosen by the system, with env
// added to the environment, and returns it with the address it logged. The
// process is killed when the test ends.
func startBinary(t *testing.T, bin string, env ...string) (*exec.Cmd, string) {
	t.Helper()
	cmd := exec.Command(bin)
	cmd.Env = append(append(os.Environ(), "DECLINEKIT_ADDR=127.0.0.1:0"), env...)
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = cmd.Process.Kill() })
	addrc := make(chan string, 1)
	go func() {
		sc := bufio.NewScanner(stdout)
		for sc.Scan() {
			var l struct{ Msg, Addr string }
			if json.Unmarshal(sc.Bytes(), &l) == nil && l.Msg == "listening" {
				addrc <- l.Addr
			}
		}
	}()
	return cmd, waitAddr(t, addrc)
}
