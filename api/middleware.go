package api

import (
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"net/http"
	"runtime"
	"strings"
	"sync/atomic"
	"time"
	"unsafe"

	"github.com/labstack/echo/v4"

	"github.com/declinekit/declinekit/internal/logging"
)

// maxIDLength is the longest incoming X-Request-Id that is kept.
const maxIDLength = 128

// front is the outermost middleware of every request, matched or not. It
// gives the request its id, sets the security headers, recovers a panic in
// what follows, has an error answered, then counts the request in the
// metrics and writes its access log line. It is one middleware rather than
// five so that each request reads the clock once at each end and defers
// one recovery.
//
// An incoming X-Request-Id is kept only when it is short and made of
// letters, digits and ".-_:", so that a client cannot put arbitrary text
// into logs; otherwise the request gets a new id. Either way the id is the
// X-Request-Id of the answer and the instance of a problem.
//
// The Content-Security-Policy lets Swagger UI under /docs/ load its own
// assets and nothing else; elsewhere it allows nothing. Its
// frame-ancestors 'none' forbids framing; the docs also get X-Frame-Options
// for browsers older than CSP 2, and Referrer-Policy for the links a page
// may follow, neither of which a JSON answer has a use for. Each header
// costs every answer: net/http copies and sorts the map before writing it.
//
// The access log line holds the request id, method, route pattern, status,
// latency and response size. It never holds bodies, query strings, raw
// paths or header values, which may hold names, emails or message text.
func (s *Server) front(next echo.HandlerFunc) echo.HandlerFunc {
	return func(c echo.Context) error {
		start := time.Now()
		req, res := c.Request(), c.Response()
		h := res.Header()
		hid := req.Header[echo.HeaderXRequestID] // kept as it is when acceptable
		if len(hid) == 0 || !acceptableID(hid[0], maxIDLength) {
			hid = s.ids()
		}
		id := hid[0]
		h[echo.HeaderXRequestID] = hid[:1]
		h["X-Content-Type-Options"] = hdrNosniff
		if strings.HasPrefix(req.URL.Path, "/docs/") {
			h["Content-Security-Policy"] = hdrCSPDocs
			h["X-Frame-Options"] = hdrFrameDeny
			h["Referrer-Policy"] = hdrNoReferrer
		} else {
			h["Content-Security-Policy"] = hdrCSPAPI
		}

		if err := recovered(c, next); err != nil {
			c.Error(err)
		}

		// The monotonic clock alone gives the latency; the line's time is
		// the start's wall time plus it, without reading the wall clock
		// again.
		latency := time.Since(start)
		route := c.Path()
		if route == "" || res.Status == http.StatusNotFound && route == "/*" {
			route = "unmatched"
		}
		s.metrics.observe(req.Method, route, res.Status, latency)
		s.log.Access(req.Context(), logging.AccessRecord{
			Time:      start.Add(latency),
			RequestID: id,
			Method:    req.Method,
			Route:     route,
			Status:    res.Status,
			Latency:   latency,
			Bytes:     res.Size,
		})
		return nil
	}
}

// recovered calls next, turning a panic into a *panicError with its stack,
// which the error handler logs and answers with 500. http.ErrAbortHandler
// is passed on: it asks net/http to abort the answer.
func recovered(c echo.Context, next echo.HandlerFunc) (err error) {
	defer func() {
		r := recover()
		if r == nil {
			return
		}
		if r == http.ErrAbortHandler {
			panic(r)
		}
		e, ok := r.(error)
		if !ok {
			e = fmt.Errorf("%v", r)
		}
		stack := make([]byte, 4<<10)
		err = &panicError{err: e, stack: stack[:runtime.Stack(stack, false)]}
	}()
	return next(c)
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
// secret, and a counter costs far less than random bytes per request. Each
// id comes as the one value of a header, allocated with it.
func newIDs() func() []string {
	var random [8]byte
	_, _ = rand.Read(random[:])
	var prefix [16]byte
	hex.Encode(prefix[:], random[:])
	var n atomic.Uint64
	return func() []string {
		h := new(struct {
			v [1]string
			b [32]byte
		})
		copy(h.b[:16], prefix[:])
		v := n.Add(1)
		for i := 31; i >= 16; i-- {
			h.b[i] = "0123456789abcdef"[v&0xF]
			v >>= 4
		}
		h.v[0] = unsafe.String(&h.b[0], len(h.b))
		return h.v[:]
	}
}

// requestID returns the id front gave the request.
func requestID(c echo.Context) string {
	return c.Response().Header().Get(echo.HeaderXRequestID)
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
