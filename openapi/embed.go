// Package openapi holds declinekit's API description. Everything in this
// folder but this file is generated: swag writes the Swagger 2.0 document
// (swagger.json, swagger.yaml) from the annotations in package api, and
// internal/tools/openapigen converts it to OpenAPI 3.0 (openapi.json,
// openapi.yaml). The service serves these files as they are, so swag's
// registry (its docs.go) is not generated and swag stays out of the binary.
// Regenerate with `make openapi` or `go generate ./openapi`; `make
// openapi-check` fails when the files are stale.
package openapi

import _ "embed"

//go:generate go run ../internal/tools/openapigen -root .. -out openapi

// JSON is the OpenAPI 3.0 document as JSON.
//
//go:embed openapi.json
var JSON []byte

// YAML is the OpenAPI 3.0 document as YAML.
//
//go:embed openapi.yaml
var YAML []byte

// Swagger is the Swagger 2.0 document that swag generated.
//
//go:embed swagger.json
var Swagger []byte
