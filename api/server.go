package api

import (
	"fmt"
	"log/slog"
	"net/http"
	"sync/atomic"
	"time"

	"github.com/labstack/echo/v4"
	"github.com/labstack/echo/v4/middleware"

	"github.com/declinekit/declinekit/internal/config"
	"github.com/declinekit/declinekit/service/checklist"
	"github.com/declinekit/declinekit/service/compose"
	"github.com/declinekit/declinekit/service/library"
)

// Server is declinekit's HTTP handler. Build it with NewServer.
type Server struct {
	echo      *echo.Echo
	log       *slog.Logger
	cfg       config.Config
	checklist *checklistResource
	templates *templateResource
	composer  *compose.Composer
	now       func() time.Time
	draining  atomic.Bool
}

// NewServer loads the embedded content, validates it and returns the HTTP
// handler for the whole surface listed in routes.go. It fails when the
// embedded data is broken, so a bad build never serves.
func NewServer(cfg config.Config, log *slog.Logger) (*Server, error) {
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
	// Take the client address from the connection: X-Forwarded-For and
	// X-Real-IP are set by whoever sends the request and prove nothing.
	e.IPExtractor = echo.ExtractIPDirect()

	s := &Server{echo: e, log: log, cfg: cfg, checklist: clr, templates: tr, composer: compose.New(lib), now: time.Now}
	e.HTTPErrorHandler = s.handleError

	e.Use(
		RequestID(),
		AccessLog(log),
		middleware.RecoverWithConfig(middleware.RecoverConfig{
			DisableErrorHandler: true,
			LogErrorFunc: func(c echo.Context, err error, stack []byte) error {
				return &panicError{err: err, stack: stack}
			},
		}),
		SecureHeaders(),
	)
	if len(cfg.CORSOrigins) > 0 {
		e.Use(middleware.CORSWithConfig(middleware.CORSConfig{
			AllowOrigins:  cfg.CORSOrigins,
			AllowMethods:  []string{http.MethodGet, http.MethodPost, http.MethodOptions},
			AllowHeaders:  []string{echo.HeaderContentType, echo.HeaderAccept, echo.HeaderAuthorization, "X-API-Key", echo.HeaderXRequestID, "If-None-Match"},
			ExposeHeaders: []string{echo.HeaderXRequestID, "ETag", "Retry-After", "Content-Disposition", headerTemplateID, headerTemplateVersion},
			MaxAge:        600,
		}))
	}
	e.Use(
		middleware.BodyLimitWithConfig(middleware.BodyLimitConfig{Limit: fmt.Sprintf("%dB", cfg.BodyLimit)}),
		middleware.ContextTimeout(cfg.RequestTimeout),
	)

	s.routes()
	return s, nil
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
