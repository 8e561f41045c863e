package api

import "github.com/labstack/echo/v4"

// routes lists the whole HTTP surface of declinekit in one place.
func (s *Server) routes() {
	// get serves GET and HEAD alike; net/http drops the body for HEAD.
	get := func(path string, h echo.HandlerFunc, m ...echo.MiddlewareFunc) {
		s.echo.GET(path, h, m...)
		s.echo.HEAD(path, h, m...)
	}
	specs := newSpecs()

	// The guidance, and a reviewer for messages.
	get("/checklist", s.listChecklist, jsonOnly)
	get("/checklist/:id", s.getChecklistItem, jsonOnly)

	// The template library.
	get("/templates", s.listTemplates, jsonOnly)
	get("/templates/:id", s.getTemplate, jsonOnly)

	// Composing a decline.
	s.echo.POST("/drafts", s.createDraft)

	// Operations.
	get("/healthz", s.healthz)
	get("/readyz", s.readyz)
	get("/version", s.versionInfo)

	// API description and Swagger UI.
	get("/openapi.json", specs.openAPIJSONHandler)
	get("/openapi.yaml", specs.openAPIYAMLHandler)
	get("/swagger.json", specs.swaggerJSONHandler)
	get("/docs", redirectToDocs)
	get("/docs/*", swaggerUI)
}
