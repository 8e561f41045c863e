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
