package api

import (
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"strings"
	"sync/atomic"
	"time"

	"github.com/labstack/echo/v4"

	"github.com/declinekit/declinekit/internal/logging"
)

// RequestIDConfig configures the RequestID middleware.
type RequestIDConfig struct {
	// Generator makes a new id when the request brings none, or one that is
	// not acceptable.
	Generator func() string
	// MaxLength is the longest incoming id that is kept.
	MaxLength int
}

// DefaultRequestIDConfig makes 32-character hex ids, unique per process
// start (see newIDs), and keeps incoming ids of up to 128 characters.
var DefaultRequestIDConfig = RequestIDConfig{
	Generator: newIDs(),
	MaxLength: 128,
}

// RequestID returns the RequestID middleware with DefaultRequestIDConfig.
func RequestID() echo.MiddlewareFunc {
	return RequestIDWithConfig(DefaultRequestIDConfig)
}

// RequestIDWithConfig returns a middleware that gives every request an id,
// sets it as the X-Request-Id response header and stores it on the request
// header for later middleware and the error handler. An incoming
// X-Request-Id is kept only when it is short and made of letters, digits and
// ".-_:", so a client cannot put arbitrary text into logs.
func RequestIDWithConfig(cfg RequestIDConfig) echo.MiddlewareFunc {
	if cfg.Generator == nil {
		cfg.Generator = DefaultRequestIDConfig.Generator
	}
	if cfg.MaxLength <= 0 {
		cfg.MaxLength = DefaultRequestIDConfig.MaxLength
	}
	return func(next echo.HandlerFunc) echo.HandlerFunc {
		return func(c echo.Context) error {
			req := c.Request()
			id := req.Header.Get(echo.HeaderXRequestID)
			if !acceptableID(id, cfg.MaxLength) {
				id = cfg.Generator()
				req.Header.Set(echo.HeaderXRequestID, id)
			}
			c.Response().Header()[echo.HeaderXRequestID] = []string{id}
			return next(c)
		}
	}
}

func acceptableID(id string, max int) bool {
	if id == "" || len(id) > max {
		return false
	}
	for i := 0; i < len(id); i++ {
		b := id[i]
		switch {
		case 'a' <= b && b <= 'z', 'A' <= b && b <= 'Z', '0' <= b && b <= '9',
			b == '-', b == '_', b == '.', b == ':':
		default:
			return false
		}
	}
	return true
}

// newIDs returns a generator of 32-hex-digit request ids: 16 random digits
// chosen at start, then a 16-digit counter. Ids are unique within a process
// and, with overwhelming likelihood, across processes; they need not be
// secret, and a counter costs far less than random bytes per request.
func newIDs() func() string {
	var prefix [8]byte
	_, _ = rand.Read(prefix[:])
	var n atomic.Uint64
	return func() string {
		var b [32]byte
		hex.Encode(b[:16], prefix[:])
		v := n.Add(1)
		for i := 31; i >= 16; i-- {
			b[i] = "0123456789abcdef"[v&0xF]
			v >>= 4
		}
		return string(b[:])
	}
}

// requestID returns the id RequestID gave the request.
func requestID(c echo.Context) string {
	return c.Response().Header().Get(echo.HeaderXRequestID)
}

// AccessLog returns a middleware that writes one JSON log line per request:
// request id, method, route pattern, status, latency and response size. It
// never logs bodies, query strings, raw paths or headers, which may hold
// names, emails or message text. Errors returned by handlers are passed to
// the error handler first, so the status logged is the one sent.
func AccessLog(log *logging.Logger) echo.MiddlewareFunc {
	return func(next echo.HandlerFunc) echo.HandlerFunc {
		return func(c echo.Context) error {
			start := time.Now()
			if err := next(c); err != nil {
				c.Error(err)
			}
			res := c.Response()
			route := c.Path()
			if route == "" {
				route = "unmatched"
			}
			log.Access(c.Request().Context(), logging.AccessRecord{
				RequestID: res.Header().Get(echo.HeaderXRequestID),
				Method:    c.Request().Method,
				Route:     route,
				Status:    res.Status,
				Latency:   time.Since(start),
				Bytes:     res.Size,
			})
			return nil
		}
	}
}

// panicError is a recovered panic; the error handler logs it with its stack
// and answers 500.
type panicError struct {
	err   error
	stack []byte
}

func (p *panicError) Error() string { return fmt.Sprintf("panic: %v", p.err) }
func (p *panicError) Unwrap() error { return p.err }

// Content-Security-Policy values: the API answers JSON and text only and
// needs nothing; Swagger UI needs its own scripts, styles and images.
const (
	cspAPI  = "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'"
	cspDocs = "default-src 'none'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; connect-src 'self'; font-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'"
)

// The security headers, built once: setting a prepared slice skips the
// canonicalisation and allocation of Header.Set on every answer. Nothing
// downstream changes these values, so sharing them is safe.
var (
	hdrNosniff    = []string{"nosniff"}
	hdrFrameDeny  = []string{"DENY"}
	hdrNoReferrer = []string{"no-referrer"}
	hdrCSPAPI     = []string{cspAPI}
	hdrCSPDocs    = []string{cspDocs}
)

// SecureHeaders returns a middleware that sets security headers on every
// answer, with a Content-Security-Policy that lets Swagger UI under /docs/
// load its own assets and nothing else. Its frame-ancestors 'none' forbids
// framing; the HTML of the docs also gets X-Frame-Options for browsers
// older than CSP 2, which JSON answers need not carry.
func SecureHeaders() echo.MiddlewareFunc {
	return func(next echo.HandlerFunc) echo.HandlerFunc {
		return func(c echo.Context) error {
			h := c.Response().Header()
			h["X-Content-Type-Options"] = hdrNosniff
			h["Referrer-Policy"] = hdrNoReferrer
			if strings.HasPrefix(c.Request().URL.Path, "/docs/") {
				h["Content-Security-Policy"] = hdrCSPDocs
				h["X-Frame-Options"] = hdrFrameDeny
			} else {
				h["Content-Security-Policy"] = hdrCSPAPI
			}
			return next(c)
		}
	}
}
