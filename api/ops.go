package api

import (
	"net/http"

	"github.com/labstack/echo/v4"

	"github.com/declinekit/declinekit/internal/problem"
	"github.com/declinekit/declinekit/internal/version"
)

// Status is the answer of the health and readiness probes.
type Status struct {
	// Always "ok" on a 200 answer.
	Status string `json:"status" example:"ok"`
} // @name Status

// VersionInfo describes the running build.
type VersionInfo struct {
	// The release version; "dev" for a local build.
	Version string `json:"version" example:"1.0.0"`
	// The source commit the binary was built from.
	Commit string `json:"commit" example:"3f9c2ab"`
	// The Go release that built the binary.
	GoVersion string `json:"go_version" example:"go1.26.8"`
} // @name VersionInfo

var statusOK = []byte(`{"status":"ok"}`)

// healthz godoc
//
//	@Summary		Liveness probe
//	@Description	Answers 200 while the process is up and able to serve HTTP. It never depends on anything else.
//	@ID				getHealth
//	@Tags			operations
//	@Produce		json
//	@Success		200	{object}	Status
//	@Router			/healthz [get]
func (s *Server) healthz(c echo.Context) error {
	c.Response().Header().Set(echo.HeaderCacheControl, "no-store")
	return c.Blob(http.StatusOK, echo.MIMEApplicationJSON, statusOK)
}

// readyz godoc
//
//	@Summary		Readiness probe
//	@Description	Answers 200 when the service should receive traffic, and 503 from the moment it starts shutting down, so that a load balancer stops sending new requests while in-flight ones finish.
//	@ID				getReadiness
//	@Tags			operations
//	@Produce		json
//	@Produce		application/problem+json
//	@Success		200	{object}	Status
//	@Failure		503	{object}	problem.Problem	"Shutting down"
//	@Router			/readyz [get]
func (s *Server) readyz(c echo.Context) error {
	if s.draining.Load() {
		return &Error{Status: http.StatusServiceUnavailable, Type: problem.TypeServiceUnavailable, Detail: "the server is shutting down"}
	}
	c.Response().Header().Set(echo.HeaderCacheControl, "no-store")
	return c.Blob(http.StatusOK, echo.MIMEApplicationJSON, statusOK)
}

// versionInfo godoc
//
//	@Summary		Build information
//	@Description	Returns the release version, the source commit and the Go version of the running binary.
//	@ID				getVersion
//	@Tags			operations
//	@Produce		json
//	@Produce		application/problem+json
//	@Success		200	{object}	VersionInfo
//	@Failure		429	{object}	problem.Problem	"Too many requests from this address; see Retry-After"
//	@Header			429	{string}	Retry-After	"Seconds to wait before trying again"
//	@Router			/version [get]
func (s *Server) versionInfo(c echo.Context) error {
	v := version.Get()
	return c.JSON(http.StatusOK, VersionInfo{Version: v.Version, Commit: v.Commit, GoVersion: v.GoVersion})
}
