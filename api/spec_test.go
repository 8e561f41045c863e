package api_test

import (
	"bytes"
	"context"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"

	"github.com/getkin/kin-openapi/openapi3"
	"github.com/getkin/kin-openapi/openapi3filter"
	"github.com/getkin/kin-openapi/routers"
	"github.com/getkin/kin-openapi/routers/legacy"

	"github.com/declinekit/declinekit/openapi"
)

// specRouter finds operations in the served OpenAPI document.
var specRouter = sync.OnceValues(func() (routers.Router, error) {
	doc, err := openapi3.NewLoader().LoadFromData(openapi.JSON)
	if err != nil {
		return nil, err
	}
	if err := doc.Validate(context.Background()); err != nil {
		return nil, err
	}
	openapi3filter.RegisterBodyDecoder("message/rfc822", func(r io.Reader, _ http.Header, _ *openapi3.SchemaRef, _ openapi3filter.EncodingFn) (any, error) {
		b, err := io.ReadAll(r)
		return string(b), err
	})
	return legacy.NewRouter(doc)
})

// checkAgainstSpec validates an exchange against openapi/openapi.json: the
// response always (status, headers, content type and body must be
// documented), the request too when the server accepted it (the document
// must not be stricter than the server). An exchange on a path or method
// the document does not have must be a 404 or 405.
func checkAgainstSpec(t *testing.T, req *http.Request, body []byte, rec *httptest.ResponseRecorder) {
	t.Helper()
	switch {
	case req.Method == http.MethodHead, req.Method == http.MethodOptions:
		return // HEAD mirrors GET without a body; OPTIONS is the CORS preflight
	case req.URL.Path == "/docs" || strings.HasPrefix(req.URL.Path, "/docs/"):
		return // Swagger UI's page and assets are not part of the API
	}
	router, err := specRouter()
	if err != nil {
		t.Fatalf("load the OpenAPI document: %v", err)
	}
	// Match on a copy with an absolute URL and a fresh body.
	r := req.Clone(context.Background())
	r.Body = io.NopCloser(bytes.NewReader(body))
	route, params, err := router.FindRoute(r)
	if err != nil {
		if rec.Code != http.StatusNotFound && rec.Code != http.StatusMethodNotAllowed {
			t.Errorf("%s %s is not in the OpenAPI document but answered %d", req.Method, req.URL.Path, rec.Code)
		}
		return
	}
	// Whether a key was needed is the server's call (tests cover it); the
	// document only has to name the schemes.
	opts := &openapi3filter.Options{IncludeResponseStatus: true, MultiError: true, AuthenticationFunc: openapi3filter.NoopAuthenticationFunc}
	in := &openapi3filter.RequestValidationInput{Request: r, PathParams: params, Route: route, Options: opts}
	if rec.Code < 300 || rec.Code == http.StatusNotModified {
		if err := openapi3filter.ValidateRequest(context.Background(), in); err != nil {
			t.Errorf("%s %s was accepted (%d) but breaks the OpenAPI document: %v", req.Method, req.URL.Path, rec.Code, err)
		}
	}
	out := &openapi3filter.ResponseValidationInput{
		RequestValidationInput: in,
		Status:                 rec.Code,
		Header:                 rec.Header(),
		Body:                   io.NopCloser(bytes.NewReader(rec.Body.Bytes())),
		Options:                opts,
	}
	if err := openapi3filter.ValidateResponse(context.Background(), out); err != nil {
		t.Errorf("%s %s answer %d breaks the OpenAPI document: %v\nbody: %.300s", req.Method, req.URL.Path, rec.Code, err, strings.TrimSpace(rec.Body.String()))
	}
}
