package api

import (
	_ "embed"
	"errors"
	"io/fs"
	"mime"
	"net/http"
	"path"

	"github.com/labstack/echo/v4"
	swaggerfiles "github.com/swaggo/files/v2"

	"github.com/declinekit/declinekit/openapi"
)

//go:embed assets/swagger-initializer.js
var swaggerInitializer []byte

// specs holds the API descriptions, each with its ETag.
type specs struct {
	openAPIJSON, openAPIYAML, swaggerJSON staticDoc
}

func newSpecs() specs {
	return specs{
		openAPIJSON: newDoc(echo.MIMEApplicationJSON, openapi.JSON),
		openAPIYAML: newDoc("application/yaml", openapi.YAML),
		swaggerJSON: newDoc(echo.MIMEApplicationJSON, openapi.Swagger),
	}
}

// openAPIJSON godoc
//
//	@Summary		OpenAPI 3.0 document (JSON)
//	@Description	This API's description as OpenAPI 3.0, converted from the Swagger 2.0 document that swag generates from the handlers' annotations. Swagger UI at /docs/ reads it.
//	@ID				getOpenAPIJSON
//	@Tags			documentation
//	@Produce		json
//	@Produce		application/problem+json
//	@Success		200	{object}	object	"An OpenAPI 3.0 document"
//	@Success		304	"Not modified: the ETag in If-None-Match is current"
//	@Header			200	{string}	ETag	"Entity tag of the answer"
//	@Failure		429	{object}	problem.Problem	"Too many requests from this address; see Retry-After"
//	@Header			429	{string}	Retry-After	"Seconds to wait before trying again"
//	@Router			/openapi.json [get]
func (sp specs) openAPIJSONHandler(c echo.Context) error { return sp.openAPIJSON.serve(c) }

// openAPIYAML godoc
//
//	@Summary		OpenAPI 3.0 document (YAML)
//	@Description	The same OpenAPI 3.0 document as /openapi.json, as YAML.
//	@ID				getOpenAPIYAML
//	@Tags			documentation
//	@Produce		application/yaml
//	@Produce		application/problem+json
//	@Success		200	{object}	object	"An OpenAPI 3.0 document"
//	@Success		304	"Not modified: the ETag in If-None-Match is current"
//	@Header			200	{string}	ETag	"Entity tag of the answer"
//	@Failure		429	{object}	problem.Problem	"Too many requests from this address; see Retry-After"
//	@Header			429	{string}	Retry-After	"Seconds to wait before trying again"
//	@Router			/openapi.yaml [get]
func (sp specs) openAPIYAMLHandler(c echo.Context) error { return sp.openAPIYAML.serve(c) }

// swaggerJSON godoc
//
//	@Summary		Swagger 2.0 document
//	@Description	The Swagger 2.0 document exactly as swag generated it, for tools that read only Swagger 2.0.
//	@ID				getSwaggerJSON
//	@Tags			documentation
//	@Produce		json
//	@Produce		application/problem+json
//	@Success		200	{object}	object	"A Swagger 2.0 document"
//	@Success		304	"Not modified: the ETag in If-None-Match is current"
//	@Header			200	{string}	ETag	"Entity tag of the answer"
//	@Failure		429	{object}	problem.Problem	"Too many requests from this address; see Retry-After"
//	@Header			429	{string}	Retry-After	"Seconds to wait before trying again"
//	@Router			/swagger.json [get]
func (sp specs) swaggerJSONHandler(c echo.Context) error { return sp.swaggerJSON.serve(c) }

// swaggerUI serves the embedded Swagger UI 5 under /docs/, with an
// initializer that points it at /openapi.json.
func swaggerUI(c echo.Context) error {
	name := c.Param("*")
	if name == "" {
		name = "index.html"
	}
	var body []byte
	if name == "swagger-initializer.js" {
		body = swaggerInitializer
	} else {
		var err error
		body, err = fs.ReadFile(swaggerfiles.FS, path.Clean(name))
		if errors.Is(err, fs.ErrNotExist) || errors.Is(err, fs.ErrInvalid) {
			return echo.ErrNotFound
		}
		if err != nil {
			return err
		}
	}
	ctype := mime.TypeByExtension(path.Ext(name))
	if ctype == "" {
		ctype = echo.MIMEOctetStream
	}
	c.Response().Header().Set(echo.HeaderCacheControl, "public, max-age=3600")
	return c.Blob(http.StatusOK, ctype, body)
}

// redirectToDocs sends /docs to /docs/, where Swagger UI's relative links
// resolve.
func redirectToDocs(c echo.Context) error {
	return c.Redirect(http.StatusMovedPermanently, "/docs/")
}
