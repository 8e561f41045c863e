// Package config reads declinekit's settings from the environment through a
// getenv function, so that tests can pass a map instead of touching the
// process environment. Every value is checked once, at start-up; a bad value
// is an error that names the variable and says what it accepts.
package config

import (
	"errors"
	"fmt"
	"log/slog"
	"math"
	"net"
	"net/url"
	"strconv"
	"strings"
	"time"
)

// Config is the complete, validated configuration of one declinekit process.
type Config struct {
	// Addr is the listen address, such as ":8080" or "127.0.0.1:9000".
	Addr string
	// LogLevel is the minimum level of the JSON logs.
	LogLevel slog.Level
	// CORSOrigins lists the browser origins allowed to call the API; empty
	// means no CORS headers are sent, "*" allows any origin.
	CORSOrigins []string
	// BodyLimit is the largest request body accepted, in bytes.
	BodyLimit int64
	// RequestTimeout bounds the time a request's body may take to arrive
	// once its handler starts reading it; past it the answer is 503. The
	// handlers do the rest of their work in microseconds.
	RequestTimeout time.Duration
	// ReadHeaderTimeout, ReadTimeout, WriteTimeout and IdleTimeout are the
	// server's connection timeouts, with http.Server's meanings (enforced
	// by internal/connwatch).
	ReadHeaderTimeout time.Duration
	ReadTimeout       time.Duration
	WriteTimeout      time.Duration
	IdleTimeout       time.Duration
	// MaxHeaderBytes bounds the size of request headers.
	MaxHeaderBytes int
	// RateLimit is the number of requests per second one client IP may
	// make, with RateBurst requests at once; zero turns limiting off.
	RateLimit float64
	RateBurst int
	// TrustedProxies are the networks whose X-Forwarded-For header is
	// believed; from anyone else the connection's address is the client.
	TrustedProxies []*net.IPNet
	// ShutdownDelay is how long the server keeps serving after SIGTERM,
	// with /readyz answering 503, before it stops accepting connections.
	ShutdownDelay time.Duration
	// APIKeys, when not empty, are the keys a client must present to use
	// the content endpoints.
	APIKeys []string
	// ShutdownTimeout bounds how long in-flight requests may take to finish
	// after SIGINT or SIGTERM.
	ShutdownTimeout time.Duration
}

// The environment variables Load reads.
const (
	EnvPort              = "PORT"
	EnvAddr              = "DECLINEKIT_ADDR"
	EnvLogLevel          = "DECLINEKIT_LOG_LEVEL"
	EnvCORSOrigins       = "DECLINEKIT_CORS_ORIGINS"
	EnvBodyLimit         = "DECLINEKIT_BODY_LIMIT"
	EnvRequestTimeout    = "DECLINEKIT_REQUEST_TIMEOUT"
	EnvAPIKeys           = "DECLINEKIT_API_KEYS"
	EnvRateLimit         = "DECLINEKIT_RATE_LIMIT"
	EnvTrustedProxies    = "DECLINEKIT_TRUSTED_PROXIES"
	EnvShutdownDelay     = "DECLINEKIT_SHUTDOWN_DELAY"
	EnvShutdownTimeout   = "DECLINEKIT_SHUTDOWN_TIMEOUT"
	EnvMaxHeaderBytes    = "DECLINEKIT_MAX_HEADER_BYTES"
	EnvReadHeaderTimeout = "DECLINEKIT_READ_HEADER_TIMEOUT"
	EnvReadTimeout       = "DECLINEKIT_READ_TIMEOUT"
	EnvWriteTimeout      = "DECLINEKIT_WRITE_TIMEOUT"
	EnvIdleTimeout       = "DECLINEKIT_IDLE_TIMEOUT"
)

// Defaults.
const (
	DefaultPort           = 8080
	DefaultBodyLimit      = 64 << 10
	DefaultRequestTimeout = 10 * time.Second
)

// Default returns the configuration used when the environment sets nothing.
func Default() Config {
	return Config{
		Addr:              ":" + strconv.Itoa(DefaultPort),
		LogLevel:          slog.LevelInfo,
		BodyLimit:         DefaultBodyLimit,
		RequestTimeout:    DefaultRequestTimeout,
		ReadHeaderTimeout: 5 * time.Second,
		ReadTimeout:       15 * time.Second,
		WriteTimeout:      20 * time.Second,
		IdleTimeout:       60 * time.Second,
		ShutdownTimeout:   9 * time.Second,
		MaxHeaderBytes:    32 << 10,
	}
}

// Error reports an invalid environment variable.
type Error struct {
	Var    string
	Value  string
	Reason string
}

// Error implements error.
func (e *Error) Error() string {
	return fmt.Sprintf("invalid %s=%q: %s", e.Var, e.Value, e.Reason)
}

// Load reads the configuration from getenv, starting from Default. It
// returns every invalid variable at once, joined, each as an *Error.
func Load(getenv func(string) string) (Config, error) {
	c := Default()
	var errs []error
	bad := func(name, value, reason string) {
		errs = append(errs, &Error{Var: name, Value: value, Reason: reason})
	}

	if v := getenv(EnvPort); v != "" {
		p, err := strconv.Atoi(v)
		if err != nil || p < 0 || p > 65535 {
			bad(EnvPort, v, "want a port number from 0 to 65535")
		} else {
			c.Addr = ":" + strconv.Itoa(p)
		}
	}
	if v := getenv(EnvAddr); v != "" {
		if err := checkAddr(v); err != nil {
			bad(EnvAddr, v, err.Error())
		} else {
			c.Addr = v
		}
	}
	if v := getenv(EnvLogLevel); v != "" {
		var l slog.Level
		if err := l.UnmarshalText([]byte(v)); err != nil {
			bad(EnvLogLevel, v, "want debug, info, warn or error")
		} else {
			c.LogLevel = l
		}
	}
	if v := getenv(EnvCORSOrigins); v != "" {
		origins, err := parseOrigins(v)
		if err != nil {
			bad(EnvCORSOrigins, v, err.Error())
		} else {
			c.CORSOrigins = origins
		}
	}
	if v := getenv(EnvBodyLimit); v != "" {
		n, err := ParseSize(v)
		switch {
		case err != nil:
			bad(EnvBodyLimit, v, err.Error())
		case n < 1<<10 || n > 16<<20:
			bad(EnvBodyLimit, v, "want a size from 1KiB to 16MiB")
		default:
			c.BodyLimit = n
		}
	}
	duration := func(name string, dst *time.Duration, min, max time.Duration) {
		v := getenv(name)
		if v == "" {
			return
		}
		d, err := time.ParseDuration(v)
		if err != nil || d < min || d > max {
			bad(name, v, fmt.Sprintf("want a duration from %s to %s, such as 10s", min, max))
			return
		}
		*dst = d
	}
	duration(EnvRequestTimeout, &c.RequestTimeout, 100*time.Millisecond, 5*time.Minute)
	duration(EnvReadHeaderTimeout, &c.ReadHeaderTimeout, 100*time.Millisecond, time.Minute)
	duration(EnvReadTimeout, &c.ReadTimeout, 100*time.Millisecond, 10*time.Minute)
	duration(EnvWriteTimeout, &c.WriteTimeout, 100*time.Millisecond, 10*time.Minute)
	duration(EnvIdleTimeout, &c.IdleTimeout, time.Second, time.Hour)
	duration(EnvShutdownTimeout, &c.ShutdownTimeout, time.Second, 10*time.Minute)
	duration(EnvShutdownDelay, &c.ShutdownDelay, 0, 5*time.Minute)
	if getenv(EnvRequestTimeout) != "" && getenv(EnvWriteTimeout) == "" && c.WriteTimeout < c.RequestTimeout+5*time.Second {
		// A handler allowed to run longer than the write timeout could
		// never answer.
		c.WriteTimeout = c.RequestTimeout + 5*time.Second
	}
	if v := getenv(EnvMaxHeaderBytes); v != "" {
		n, err := ParseSize(v)
		if err != nil || n < 1<<10 || n > 1<<20 {
			bad(EnvMaxHeaderBytes, v, "want a size from 1KiB to 1MiB")
		} else {
			c.MaxHeaderBytes = int(n)
		}
	}
	if v := getenv(EnvRateLimit); v != "" {
		r, b, err := parseRate(v)
		if err != nil {
			bad(EnvRateLimit, v, err.Error())
		} else {
			c.RateLimit, c.RateBurst = r, b
		}
	}
	if v := getenv(EnvTrustedProxies); v != "" {
		nets, err := parseCIDRs(v)
		if err != nil {
			bad(EnvTrustedProxies, v, err.Error())
		} else {
			c.TrustedProxies = nets
		}
	}
	if v := getenv(EnvAPIKeys); v != "" {
		keys, err := parseKeys(v)
		if err != nil {
			// Never echo keys back: the message names the variable only.
			errs = append(errs, &Error{Var: EnvAPIKeys, Value: "(hidden)", Reason: err.Error()})
		} else {
			c.APIKeys = keys
		}
	}
	return c, errors.Join(errs...)
}

// parseRate reads "RATE" or "RATE:BURST": requests per second (a positive
// number, fractions allowed) and how many may come at once (by default one
// second's worth, at least 1).
func parseRate(v string) (float64, int, error) {
	rs, bs, hasBurst := strings.Cut(strings.TrimSpace(v), ":")
	r, err := strconv.ParseFloat(strings.TrimSpace(rs), 64)
	if err != nil || r <= 0 || r > 1e6 || math.IsNaN(r) {
		return 0, 0, errors.New("want requests per second per client, optionally with a burst: 10 or 10:20")
	}
	b := int(math.Ceil(r))
	if hasBurst {
		b, err = strconv.Atoi(strings.TrimSpace(bs))
		if err != nil || b < 1 || b > 1e6 {
			return 0, 0, errors.New("want a burst of at least 1 after the colon, such as 10:20")
		}
	}
	return r, b, nil
}

// parseCIDRs reads comma-separated networks (10.0.0.0/8) or addresses.
func parseCIDRs(v string) ([]*net.IPNet, error) {
	var nets []*net.IPNet
	for _, s := range strings.Split(v, ",") {
		s = strings.TrimSpace(s)
		if s == "" {
			continue
		}
		if !strings.Contains(s, "/") {
			ip := net.ParseIP(s)
			if ip == nil {
				return nil, fmt.Errorf("%q is neither a CIDR network nor an IP address", s)
			}
			bits := 128
			if ip.To4() != nil {
				ip, bits = ip.To4(), 32
			}
			nets = append(nets, &net.IPNet{IP: ip, Mask: net.CIDRMask(bits, bits)})
			continue
		}
		_, n, err := net.ParseCIDR(s)
		if err != nil {
			return nil, fmt.Errorf("%q is not a CIDR network such as 10.0.0.0/8", s)
		}
		nets = append(nets, n)
	}
	if len(nets) == 0 {
		return nil, errors.New("no network given")
	}
	return nets, nil
}

// MinAPIKeyLength is the shortest API key accepted.
const MinAPIKeyLength = 16

func parseKeys(v string) ([]string, error) {
	var keys []string
	for _, k := range strings.Split(v, ",") {
		k = strings.TrimSpace(k)
		if k == "" {
			continue
		}
		if len(k) < MinAPIKeyLength {
			return nil, fmt.Errorf("want comma-separated keys of at least %d characters each", MinAPIKeyLength)
		}
		for _, r := range k {
			if r <= ' ' || r > '~' {
				return nil, errors.New("keys must be printable ASCII without spaces")
			}
		}
		keys = append(keys, k)
	}
	if len(keys) == 0 {
		return nil, errors.New("no key given")
	}
	return keys, nil
}

func checkAddr(v string) error {
	host, port, err := net.SplitHostPort(v)
	if err != nil {
		return errors.New("want host:port, such as 127.0.0.1:9000 or :8080")
	}
	if p, err := strconv.Atoi(port); err != nil || p < 0 || p > 65535 {
		return errors.New("want a port number from 0 to 65535")
	}
	if host != "" && net.ParseIP(host) == nil && !hostname(host) {
		return errors.New("want an IP address or host name before the colon")
	}
	return nil
}

// hostname reports whether s is a DNS host name (RFC 1123 labels) that
// cannot be mistaken for a malformed IPv4 address.
func hostname(s string) bool {
	if len(s) > 253 || strings.Trim(s, "0123456789.") == "" {
		return false
	}
	for _, label := range strings.Split(strings.TrimSuffix(s, "."), ".") {
		if label == "" || len(label) > 63 || label[0] == '-' || label[len(label)-1] == '-' {
			return false
		}
		for _, r := range label {
			if !('a' <= r && r <= 'z' || 'A' <= r && r <= 'Z' || '0' <= r && r <= '9' || r == '-') {
				return false
			}
		}
	}
	return true
}

func parseOrigins(v string) ([]string, error) {
	var out []string
	for _, o := range strings.Split(v, ",") {
		o = strings.TrimSpace(o)
		if o == "" {
			continue
		}
		if o == "*" {
			out = append(out, o)
			continue
		}
		u, err := url.Parse(o)
		if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" ||
			(u.Path != "" && u.Path != "/") || u.RawQuery != "" || u.Fragment != "" || u.User != nil {
			return nil, fmt.Errorf("%q is not an origin; want a comma-separated list such as https://app.example.com,http://localhost:3000, or *", o)
		}
		out = append(out, u.Scheme+"://"+u.Host)
	}
	if len(out) == 0 {
		return nil, errors.New("no origin given")
	}
	return out, nil
}

// ParseSize parses a byte size such as "65536", "64KiB", "64KB", "64K",
// "1MiB" or "1M". The binary and decimal-looking suffixes both mean powers
// of 1024, as they do for most HTTP servers' body limits.
func ParseSize(s string) (int64, error) {
	t := strings.TrimSpace(s)
	mult := int64(1)
	upper := strings.ToUpper(t)
	for _, u := range []struct {
		suffix string
		mult   int64
	}{
		{"KIB", 1 << 10}, {"MIB", 1 << 20}, {"KB", 1 << 10}, {"MB", 1 << 20},
		{"K", 1 << 10}, {"M", 1 << 20}, {"B", 1},
	} {
		if strings.HasSuffix(upper, u.suffix) {
			mult = u.mult
			t = strings.TrimSpace(t[:len(t)-len(u.suffix)])
			break
		}
	}
	n, err := strconv.ParseInt(t, 10, 64)
	if err != nil || n <= 0 || n > (1<<40)/mult {
		return 0, errors.New("want a positive size such as 65536, 64KiB or 1MiB")
	}
	return n * mult, nil
}
