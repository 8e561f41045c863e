package api

import "github.com/labstack/echo/v4"

// routes lists the whole HTTP surface of declinekit in one place.
func (s *Server) routes() {
	// get serves GET and HEAD alike; net/http drops the body for HEAD.
	// Route middleware is applied here, once: Echo would otherwise wrap
	// the handler in it again for every request.
	get := func(path string, h echo.HandlerFunc, m ...echo.MiddlewareFunc) {
		h = chain(h, m...)
		s.echo.GET(path, h)
		s.echo.HEAD(path, h)
	}
	post := func(path string, h echo.HandlerFunc, m ...echo.MiddlewareFunc) {
		s.echo.POST(path, chain(h, m...))
	}
	specs := newSpecs()
	// The content endpoints need an API key when keys are configured.
	key := APIKeyWithConfig(APIKeyConfig{Keys: s.cfg.APIKeys})

	// The guidance, and a reviewer for messages.
	get("/checklist", s.listChecklist, key, jsonOnly)
	get("/checklist/:id", s.getChecklistItem, key, jsonOnly)
	post("/checklist/review", s.reviewMessage, append([]echo.MiddlewareFunc{key, jsonOnly}, s.work...)...)

	// The template library.
	get("/templates", s.listTemplates, key, jsonOnly)
	get("/templates/:id", s.getTemplate, key, jsonOnly)

	// Composing a decline.
	post("/drafts", s.createDraft, append([]echo.MiddlewareFunc{key}, s.work...)...)

	// Operations.
	get("/healthz", s.healthz)
	get("/readyz", s.readyz)
	get("/version", s.versionInfo)
	get("/metrics", s.metrics.handler())

	// API description and Swagger UI.
	get("/openapi.json", specs.openAPIJSONHandler)
	get("/openapi.yaml", specs.openAPIYAMLHandler)
	get("/swagger.json", specs.swaggerJSONHandler)
	get("/docs", redirectToDocs)
	get("/docs/*", swaggerUI)
}
