package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"os"
	"os/signal"
	"syscall"
	"time"

	"github.com/declinekit/declinekit/api"
	"github.com/declinekit/declinekit/internal/config"
	"github.com/declinekit/declinekit/internal/connwatch"
	"github.com/declinekit/declinekit/internal/logging"
	"github.com/declinekit/declinekit/internal/version"
)

// usageError is a problem with how declinekit was started: a bad argument or
// configuration value. It exits with status 2.
type usageError struct{ err error }

func (e *usageError) Error() string { return e.err.Error() }
func (e *usageError) Unwrap() error { return e.err }

const usage = `usage: declinekit [command]

commands:
  serve        serve HTTP (the default)
  healthcheck  exit 0 when the server at the configured address answers /healthz with 200
  version      print version, commit and Go version

Configuration comes from environment variables; see README.md.`

// exitCode reports err on stderr and returns the process's exit status.
func exitCode(err error, stderr io.Writer) int {
	fmt.Fprintln(stderr, "declinekit:", err)
	var ue *usageError
	if errors.As(err, &ue) {
		return 2
	}
	return 1
}

// run is declinekit's real main: it takes everything from the outside world
// as arguments so that tests can run it in-process.
func run(ctx context.Context, args []string, getenv func(string) string, stdout, stderr io.Writer) error {
	cmd := "serve"
	if len(args) > 0 {
		cmd = args[0]
	}
	if len(args) > 1 {
		return &usageError{fmt.Errorf("%s takes no arguments\n%s", cmd, usage)}
	}
	switch cmd {
	case "serve":
	case "healthcheck", "version":
	case "-h", "-help", "--help", "help":
		fmt.Fprintln(stdout, usage)
		return nil
	default:
		return &usageError{fmt.Errorf("unknown command %q\n%s", cmd, usage)}
	}
	if cmd == "version" {
		v := version.Get()
		fmt.Fprintf(stdout, "declinekit %s (commit %s, %s)\n", v.Version, v.Commit, v.GoVersion)
		return nil
	}

	cfg, err := config.Load(getenv)
	if err != nil {
		return &usageError{err}
	}
	if cmd == "healthcheck" {
		return healthcheck(ctx, cfg.Addr)
	}

	config.TuneGC(getenv)

	// Access lines are written in batches at least every 100 ms, rather than
	// with a write each; they are all written out before run returns.
	lg := logging.NewBuffered(stdout, cfg.LogLevel, 100*time.Millisecond)
	defer lg.Close()
	log := lg.Logger
	handler, err := api.NewServer(cfg, lg)
	if err != nil {
		return err
	}
	ln, err := net.Listen("tcp", cfg.Addr)
	if err != nil {
		return fmt.Errorf("listen on %s: %w", cfg.Addr, err)
	}
	// The server's connection timeouts are enforced by connwatch's
	// watchdog rather than by net/http, which would set deadlines on every
	// request.
	wl := connwatch.NewListener(ln, connwatch.Timeouts{
		ReadHeader: cfg.ReadHeaderTimeout,
		Read:       cfg.ReadTimeout,
		Write:      cfg.WriteTimeout,
		Idle:       cfg.IdleTimeout,
	})
	srv := &http.Server{
		Handler:        handler,
		ConnState:      wl.ConnState,
		MaxHeaderBytes: cfg.MaxHeaderBytes,
		ErrorLog:       slog.NewLogLogger(log.Handler(), slog.LevelWarn),
	}
	v := version.Get()
	log.Info("listening", slog.String("addr", ln.Addr().String()), slog.String("version", v.Version), slog.String("commit", v.Commit))

	ctx, stop := signal.NotifyContext(ctx, shutdownSignals...)
	defer stop()
	return serve(ctx, srv, wl, handler.Drain, shutdown{delay: cfg.ShutdownDelay, timeout: cfg.ShutdownTimeout}, log)
}

// shutdown says how serve stops: it keeps serving for delay after the
// signal (readiness already 503), then gives in-flight requests up to
// timeout to finish.
type shutdown struct {
	delay, timeout time.Duration
}

// shutdownSignals stop the server gracefully.
var shutdownSignals = []os.Signal{os.Interrupt, syscall.SIGTERM}

// serve runs srv on ln until ctx ends, then stops it gracefully: drain is
// called at once (readiness turns 503), the server goes on serving for the
// drain delay so that load balancers notice, then the listener closes and
// in-flight requests get up to the timeout to finish.
func serve(ctx context.Context, srv *http.Server, ln net.Listener, drain func(), sd shutdown, log *slog.Logger) error {
	errc := make(chan error, 1)
	go func() { errc <- srv.Serve(ln) }()

	select {
	case err := <-errc:
		return fmt.Errorf("serve: %w", err)
	case <-ctx.Done():
	}
	log.Info("shutting down", slog.Duration("delay", sd.delay), slog.Duration("timeout", sd.timeout))
	drain()
	if sd.delay > 0 {
		select {
		case <-time.After(sd.delay):
		case err := <-errc:
			return fmt.Errorf("serve: %w", err)
		}
	}
	timeout := sd.timeout
	sctx, cancel := context.WithTimeout(context.Background(), timeout)
	defer cancel()
	if err := srv.Shutdown(sctx); err != nil {
		_ = srv.Close()
		return fmt.Errorf("shutdown: in-flight requests did not finish in %s: %w", timeout, err)
	}
	if err := <-errc; err != nil && !errors.Is(err, http.ErrServerClosed) {
		return fmt.Errorf("serve: %w", err)
	}
	log.Info("stopped")
	return nil
}

// healthcheck asks the server at addr for /healthz, so that a container
// image without curl can still be health-checked.
func healthcheck(ctx context.Context, addr string) error {
	host, port, err := net.SplitHostPort(addr)
	if err != nil {
		return &usageError{err}
	}
	if host == "" || host == "0.0.0.0" || host == "::" {
		host = "127.0.0.1"
	}
	ctx, cancel := context.WithTimeout(ctx, 3*time.Second)
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, "http://"+net.JoinHostPort(host, port)+"/healthz", nil)
	if err != nil {
		return err
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		return fmt.Errorf("healthcheck: %w", err)
	}
	defer resp.Body.Close()
	_, _ = io.Copy(io.Discard, resp.Body)
	if resp.StatusCode != http.StatusOK {
		return fmt.Errorf("healthcheck: /healthz answered %d", resp.StatusCode)
	}
	return nil
}
