package config_test

import (
	"errors"
	"log/slog"
	"net"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/declinekit/declinekit/internal/config"
)

func env(m map[string]string) func(string) string {
	return func(k string) string { return m[k] }
}

func TestLoad(t *testing.T) {
	tests := []struct {
		name string
		give map[string]string
		want func(*config.Config)
	}{
		{"ok, defaults", nil, func(c *config.Config) {}},
		{"ok, port", map[string]string{"PORT": "9000"}, func(c *config.Config) { c.Addr = ":9000" }},
		{"ok, addr overrides port", map[string]string{"PORT": "9000", "DECLINEKIT_ADDR": "127.0.0.1:0"}, func(c *config.Config) { c.Addr = "127.0.0.1:0" }},
		{"ok, host name addr", map[string]string{"DECLINEKIT_ADDR": "localhost:8081"}, func(c *config.Config) { c.Addr = "localhost:8081" }},
		{"ok, ipv6 addr", map[string]string{"DECLINEKIT_ADDR": "[::1]:8081"}, func(c *config.Config) { c.Addr = "[::1]:8081" }},
		{"ok, log level", map[string]string{"DECLINEKIT_LOG_LEVEL": "debug"}, func(c *config.Config) { c.LogLevel = slog.LevelDebug }},
		{"ok, log level upper case", map[string]string{"DECLINEKIT_LOG_LEVEL": "WARN"}, func(c *config.Config) { c.LogLevel = slog.LevelWarn }},
		{"ok, cors origins", map[string]string{"DECLINEKIT_CORS_ORIGINS": "https://app.example.com, http://localhost:3000/"}, func(c *config.Config) {
			c.CORSOrigins = []string{"https://app.example.com", "http://localhost:3000"}
		}},
		{"ok, cors star", map[string]string{"DECLINEKIT_CORS_ORIGINS": "*"}, func(c *config.Config) { c.CORSOrigins = []string{"*"} }},
		{"ok, body limit in KiB", map[string]string{"DECLINEKIT_BODY_LIMIT": "128KiB"}, func(c *config.Config) { c.BodyLimit = 128 << 10 }},
		{"ok, body limit in bytes", map[string]string{"DECLINEKIT_BODY_LIMIT": "4096"}, func(c *config.Config) { c.BodyLimit = 4096 }},
		{"ok, body limit in M", map[string]string{"DECLINEKIT_BODY_LIMIT": "1M"}, func(c *config.Config) { c.BodyLimit = 1 << 20 }},
		{"ok, api keys", map[string]string{"DECLINEKIT_API_KEYS": " key-0123456789abcdef , key-fedcba9876543210"}, func(c *config.Config) {
			c.APIKeys = []string{"key-0123456789abcdef", "key-fedcba9876543210"}
		}},
		{"ok, rate limit", map[string]string{"DECLINEKIT_RATE_LIMIT": "10"}, func(c *config.Config) { c.RateLimit, c.RateBurst = 10, 10 }},
		{"ok, rate limit with burst", map[string]string{"DECLINEKIT_RATE_LIMIT": "0.5:3"}, func(c *config.Config) { c.RateLimit, c.RateBurst = 0.5, 3 }},
		{"ok, trusted proxies", map[string]string{"DECLINEKIT_TRUSTED_PROXIES": "10.0.0.0/8, 192.168.1.7"}, func(c *config.Config) {
			c.TrustedProxies = []*net.IPNet{
				{IP: net.IP{10, 0, 0, 0}, Mask: net.CIDRMask(8, 32)},
				{IP: net.IP{192, 168, 1, 7}, Mask: net.CIDRMask(32, 32)},
			}
		}},
		{"ok, server limits and timeouts", map[string]string{
			"DECLINEKIT_MAX_HEADER_BYTES": "8KiB", "DECLINEKIT_READ_HEADER_TIMEOUT": "2s", "DECLINEKIT_READ_TIMEOUT": "3s",
			"DECLINEKIT_WRITE_TIMEOUT": "4s", "DECLINEKIT_IDLE_TIMEOUT": "30s", "DECLINEKIT_SHUTDOWN_TIMEOUT": "20s", "DECLINEKIT_SHUTDOWN_DELAY": "5s",
		}, func(c *config.Config) {
			c.MaxHeaderBytes = 8 << 10
			c.ReadHeaderTimeout, c.ReadTimeout, c.WriteTimeout, c.IdleTimeout = 2*time.Second, 3*time.Second, 4*time.Second, 30*time.Second
			c.ShutdownTimeout, c.ShutdownDelay = 20*time.Second, 5*time.Second
		}},
		{"ok, request timeout", map[string]string{"DECLINEKIT_REQUEST_TIMEOUT": "30s"}, func(c *config.Config) {
			c.RequestTimeout = 30 * time.Second
			c.WriteTimeout = 35 * time.Second
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := config.Load(env(tt.give))
			if err != nil {
				t.Fatalf("Load(%v) error = %v", tt.give, err)
			}
			want := config.Default()
			tt.want(&want)
			if diff := cmp.Diff(want, got); diff != "" {
				t.Errorf("Load(%v) mismatch (-want +got):\n%s", tt.give, diff)
			}
		})
	}
}

func TestLoadRejects(t *testing.T) {
	tests := []struct {
		name    string
		give    map[string]string
		wantVar []string
	}{
		{"nok, port not a number", map[string]string{"PORT": "http"}, []string{"PORT"}},
		{"nok, port out of range", map[string]string{"PORT": "70000"}, []string{"PORT"}},
		{"nok, addr without port", map[string]string{"DECLINEKIT_ADDR": "localhost"}, []string{"DECLINEKIT_ADDR"}},
		{"nok, addr with an impossible IP", map[string]string{"DECLINEKIT_ADDR": "999.1.1.1:80"}, []string{"DECLINEKIT_ADDR"}},
		{"nok, addr with a bad host", map[string]string{"DECLINEKIT_ADDR": "my host:80"}, []string{"DECLINEKIT_ADDR"}},
		{"nok, addr bad port", map[string]string{"DECLINEKIT_ADDR": "127.0.0.1:x"}, []string{"DECLINEKIT_ADDR"}},
		{"nok, log level", map[string]string{"DECLINEKIT_LOG_LEVEL": "verbose"}, []string{"DECLINEKIT_LOG_LEVEL"}},
		{"nok, origin with path", map[string]string{"DECLINEKIT_CORS_ORIGINS": "https://app.example.com/app"}, []string{"DECLINEKIT_CORS_ORIGINS"}},
		{"nok, origin without scheme", map[string]string{"DECLINEKIT_CORS_ORIGINS": "app.example.com"}, []string{"DECLINEKIT_CORS_ORIGINS"}},
		{"nok, only commas", map[string]string{"DECLINEKIT_CORS_ORIGINS": ",,"}, []string{"DECLINEKIT_CORS_ORIGINS"}},
		{"nok, body limit word", map[string]string{"DECLINEKIT_BODY_LIMIT": "lots"}, []string{"DECLINEKIT_BODY_LIMIT"}},
		{"nok, body limit negative", map[string]string{"DECLINEKIT_BODY_LIMIT": "-1"}, []string{"DECLINEKIT_BODY_LIMIT"}},
		{"nok, body limit too small", map[string]string{"DECLINEKIT_BODY_LIMIT": "10"}, []string{"DECLINEKIT_BODY_LIMIT"}},
		{"nok, body limit too large", map[string]string{"DECLINEKIT_BODY_LIMIT": "1G"}, []string{"DECLINEKIT_BODY_LIMIT"}},
		{"nok, timeout without unit", map[string]string{"DECLINEKIT_REQUEST_TIMEOUT": "10"}, []string{"DECLINEKIT_REQUEST_TIMEOUT"}},
		{"nok, short api key", map[string]string{"DECLINEKIT_API_KEYS": "secret"}, []string{"DECLINEKIT_API_KEYS"}},
		{"nok, api key with a space", map[string]string{"DECLINEKIT_API_KEYS": "0123456789 abcdefgh"}, []string{"DECLINEKIT_API_KEYS"}},
		{"nok, rate not a number", map[string]string{"DECLINEKIT_RATE_LIMIT": "fast"}, []string{"DECLINEKIT_RATE_LIMIT"}},
		{"nok, rate zero", map[string]string{"DECLINEKIT_RATE_LIMIT": "0"}, []string{"DECLINEKIT_RATE_LIMIT"}},
		{"nok, burst zero", map[string]string{"DECLINEKIT_RATE_LIMIT": "5:0"}, []string{"DECLINEKIT_RATE_LIMIT"}},
		{"nok, proxy not a network", map[string]string{"DECLINEKIT_TRUSTED_PROXIES": "proxy.local"}, []string{"DECLINEKIT_TRUSTED_PROXIES"}},
		{"nok, proxy bad mask", map[string]string{"DECLINEKIT_TRUSTED_PROXIES": "10.0.0.0/40"}, []string{"DECLINEKIT_TRUSTED_PROXIES"}},
		{"nok, header limit too small", map[string]string{"DECLINEKIT_MAX_HEADER_BYTES": "100"}, []string{"DECLINEKIT_MAX_HEADER_BYTES"}},
		{"nok, shutdown delay too long", map[string]string{"DECLINEKIT_SHUTDOWN_DELAY": "1h"}, []string{"DECLINEKIT_SHUTDOWN_DELAY"}},
		{"nok, idle timeout word", map[string]string{"DECLINEKIT_IDLE_TIMEOUT": "long"}, []string{"DECLINEKIT_IDLE_TIMEOUT"}},
		{"nok, every bad value reported", map[string]string{"PORT": "x", "DECLINEKIT_LOG_LEVEL": "loud"}, []string{"PORT", "DECLINEKIT_LOG_LEVEL"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := config.Load(env(tt.give))
			if err == nil {
				t.Fatalf("Load(%v) error = nil, want one naming %v", tt.give, tt.wantVar)
			}
			for _, v := range tt.wantVar {
				if !strings.Contains(err.Error(), v) {
					t.Errorf("Load(%v) error = %q, want it to name %s", tt.give, err, v)
				}
			}
			if strings.Contains(err.Error(), "secret") || strings.Contains(err.Error(), "abcdefgh") {
				t.Errorf("Load error %q repeats a key", err)
			}
			var ce *config.Error
			if !errors.As(err, &ce) || ce.Reason == "" {
				t.Errorf("Load(%v) error is not a *config.Error with a reason: %v", tt.give, err)
			}
		})
	}
}

func TestParseSize(t *testing.T) {
	tests := []struct {
		give    string
		want    int64
		wantErr bool
	}{
		{"65536", 65536, false},
		{"64KiB", 64 << 10, false},
		{"64kb", 64 << 10, false},
		{"64 K", 64 << 10, false},
		{"2MiB", 2 << 20, false},
		{"100B", 100, false},
		{"", 0, true},
		{"0", 0, true},
		{"1.5M", 0, true},
		{"KiB", 0, true},
	}
	for _, tt := range tests {
		got, err := config.ParseSize(tt.give)
		if got != tt.want || (err != nil) != tt.wantErr {
			t.Errorf("ParseSize(%q) = %d, %v; want %d, error %v", tt.give, got, err, tt.want, tt.wantErr)
		}
	}
}
