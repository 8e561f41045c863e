package api

import (
	"fmt"
	"math"
	"net"
	"net/http"
	"strconv"
	"sync/atomic"
	"time"

	"github.com/labstack/echo/v4"
	"github.com/labstack/echo/v4/middleware"
	"golang.org/x/time/rate"

	"github.com/declinekit/declinekit/internal/config"
	"github.com/declinekit/declinekit/internal/logging"
	"github.com/declinekit/declinekit/internal/problem"
	"github.com/declinekit/declinekit/service/checklist"
	"github.com/declinekit/declinekit/service/compose"
	"github.com/declinekit/declinekit/service/library"
	"github.com/declinekit/declinekit/service/review"
)

// Server is declinekit's HTTP handler. Build it with NewServer.
type Server struct {
	echo      *echo.Echo
	log       *logging.Logger
	cfg       config.Config
	checklist *checklistResource
	templates *templateResource
	composer  *compose.Composer
	metrics   *metrics
	reviewer  *review.Reviewer
	now       func() time.Time
	ids       func() []string // new request ids, as header values
	// templateHeaders holds the X-Template-Id and X-Template-Version
	// values of each built-in template, by id.
	templateHeaders templateHeaders
	draining        atomic.Bool
	// work wraps the routes that read a body and do real work: the body
	// limit (static answers need none). Their handlers apply the request
	// timeout as they read the body (deadline.go).
	work []echo.MiddlewareFunc
}

// NewServer loads the embedded content, validates it and returns the HTTP
// handler for the whole surface listed in routes.go. It fails when the
// embedded data is broken, so a bad build never serves.
func NewServer(cfg config.Config, log *logging.Logger) (*Server, error) {
	cl, err := checklist.Load()
	if err != nil {
		return nil, fmt.Errorf("load checklist: %w", err)
	}
	clr, err := newChecklistResource(cl)
	if err != nil {
		return nil, err
	}
	lib, err := library.Load()
	if err != nil {
		return nil, fmt.Errorf("load template library: %w", err)
	}
	tr, err := newTemplateResource(lib)
	if err != nil {
		return nil, err
	}
	v, err := newValidator()
	if err != nil {
		return nil, fmt.Errorf("set up validation: %w", err)
	}

	e := echo.New()
	e.HideBanner = true
	e.HidePort = true
	e.Validator = v
	e.IPExtractor = ipExtractor(cfg.TrustedProxies)

	s := &Server{echo: e, log: log, cfg: cfg, checklist: clr, templates: tr, composer: compose.New(lib), now: time.Now, ids: newIDs(), metrics: newMetrics(), reviewer: review.New(),
		templateHeaders: newTemplateHeaders(lib)}
	e.HTTPErrorHandler = s.handleError
	s.work = []echo.MiddlewareFunc{
		middleware.BodyLimitWithConfig(middleware.BodyLimitConfig{Limit: fmt.Sprintf("%dB", cfg.BodyLimit)}),
	}

	global := []echo.MiddlewareFunc{s.front}
	if len(cfg.CORSOrigins) > 0 {
		global = append(global, crossOrigin(middleware.CORSConfig{
			AllowOrigins:  cfg.CORSOrigins,
			AllowMethods:  []string{http.MethodGet, http.MethodPost, http.MethodOptions},
			AllowHeaders:  []string{echo.HeaderContentType, echo.HeaderAccept, echo.HeaderAuthorization, "X-API-Key", echo.HeaderXRequestID, "If-None-Match"},
			ExposeHeaders: []string{echo.HeaderXRequestID, "ETag", "Retry-After", "Content-Disposition", headerTemplateID, headerTemplateVersion},
			MaxAge:        600,
		}))
	}
	if cfg.RateLimit > 0 {
		global = append(global, rateLimit(cfg.RateLimit, cfg.RateBurst))
	}
	e.Use(once(global...))
	s.routes()
	return s, nil
}

// crossOrigin returns Echo's CORS middleware for cfg, run for the requests
// a browser sends across origins: those with an Origin header, and
// preflights. A client that is not a browser sends no Origin, and its
// requests skip the middleware; their cacheable answers (GET and HEAD)
// still carry the Vary: Origin it would set, so that a shared cache never
// hands one of them to a browser. Caches do not store answers to other
// methods, so for those Vary would say nothing.
func crossOrigin(cfg middleware.CORSConfig) echo.MiddlewareFunc {
	cors := middleware.CORSWithConfig(cfg)
	return func(next echo.HandlerFunc) echo.HandlerFunc {
		withCORS := cors(next)
		return func(c echo.Context) error {
			req := c.Request()
			if req.Method == http.MethodOptions || headerValue(req.Header, echo.HeaderOrigin) != "" {
				return withCORS(c)
			}
			if req.Method == http.MethodGet || req.Method == http.MethodHead {
				c.Response().Header()[echo.HeaderVary] = hdrVaryOrigin
			}
			return next(c)
		}
	}
}

var hdrVaryOrigin = []string{echo.HeaderOrigin}

// once returns global middleware for Echo that wraps every request in mw,
// in order, with the chain built once. Echo v4 applies its global
// middleware per request, wrapping the handler the router chose in a new
// closure for each middleware each time; this chain instead ends in a
// handler that calls the one the router chose (c.Handler(), which is what
// Echo passes as next), so the middleware given to Echo returns the same
// prepared chain for every request and nothing is allocated.
func once(mw ...echo.MiddlewareFunc) echo.MiddlewareFunc {
	chain := chain(func(c echo.Context) error { return c.Handler()(c) }, mw...)
	return func(echo.HandlerFunc) echo.HandlerFunc { return chain }
}

// chain returns h wrapped in mw, the first outermost.
func chain(h echo.HandlerFunc, mw ...echo.MiddlewareFunc) echo.HandlerFunc {
	for i := len(mw) - 1; i >= 0; i-- {
		h = mw[i](h)
	}
	return h
}

// ServeHTTP implements http.Handler.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	s.echo.ServeHTTP(w, r)
}

// Drain marks the server as shutting down: /readyz answers 503 from now on
// so that load balancers stop sending new requests, while requests still
// arriving are served as usual.
func (s *Server) Drain() {
	s.draining.Store(true)
}

// ipExtractor decides where a request comes from. By default that is the
// connection's address: X-Forwarded-For and X-Real-IP are set by whoever
// sends the request and prove nothing. Only behind the given proxies is
// X-Forwarded-For read, and then only the hops those proxies added.
func ipExtractor(trusted []*net.IPNet) echo.IPExtractor {
	if len(trusted) == 0 {
		return echo.ExtractIPDirect()
	}
	opts := []echo.TrustOption{echo.TrustLoopback(false), echo.TrustLinkLocal(false), echo.TrustPrivateNet(false)}
	for _, n := range trusted {
		opts = append(opts, echo.TrustIPRange(n))
	}
	return echo.ExtractIPFromXFFHeader(opts...)
}

// rateLimit allows each client IP perSecond requests a second, burst at
// once. Over the limit the answer is 429 with Retry-After. Probes and
// metrics are never limited, so an orchestrator never mistakes a busy
// server for a dead one.
func rateLimit(perSecond float64, burst int) echo.MiddlewareFunc {
	retryAfter := strconv.Itoa(int(math.Ceil(1 / perSecond)))
	return middleware.RateLimiterWithConfig(middleware.RateLimiterConfig{
		Skipper: func(c echo.Context) bool {
			switch c.Path() {
			case "/healthz", "/readyz", "/metrics":
				return true
			}
			return false
		},
		Store: middleware.NewRateLimiterMemoryStoreWithConfig(middleware.RateLimiterMemoryStoreConfig{
			Rate: rate.Limit(perSecond), Burst: burst, ExpiresIn: 3 * time.Minute,
		}),
		IdentifierExtractor: func(c echo.Context) (string, error) { return c.RealIP(), nil },
		DenyHandler: func(c echo.Context, _ string, _ error) error {
			c.Response().Header().Set("Retry-After", retryAfter)
			return &Error{Status: http.StatusTooManyRequests, Type: problem.TypeTooManyRequests,
				Detail: "too many requests from this address; wait " + retryAfter + "s and try again"}
		},
	})
}
