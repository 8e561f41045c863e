// Package api is declinekit's HTTP layer: the Echo server, its middleware,
// the request and response types with their validation and swag tags, and
// the one error handler that turns every error into an RFC 9457 problem.
//
// Here "api" means the HTTP handlers, not API specification files; the
// generated OpenAPI documents live in the openapi package.
//
// Handlers are thin: decode, validate, call the service, encode. They return
// errors; only the HTTP error handler writes error bodies.
//
//	@title						declinekit API
//	@version					1.0
//	@description				Decline a job interview without burning a bridge: the guidance as data, a library of decline templates, a composer for ready-to-send messages and a reviewer for messages you wrote yourself.
//	@description				Errors are RFC 9457 problem details (application/problem+json).
//	@contact.name				declinekit maintainers
//	@license.name				MIT
//	@license.url				https://opensource.org/licenses/MIT
//	@BasePath					/
//	@securityDefinitions.apikey	ApiKeyAuth
//	@in							header
//	@name						X-API-Key
//	@description				An API key, when the server is configured with DECLINEKIT_API_KEYS; otherwise no key is needed.
//	@securityDefinitions.apikey	BearerAuth
//	@in							header
//	@name						Authorization
//	@description				The same API key as a bearer token: "Authorization: Bearer <key>".
//	@tag.name					checklist
//	@tag.description			The nine pieces of guidance for declining an interview, and a reviewer for any decline message.
//	@tag.name					templates
//	@tag.description			A versioned library of decline templates for every channel, reason and tone, with typed placeholders.
//	@tag.name					drafts
//	@tag.description			Compose a ready-to-send decline from a few facts, as JSON, plain text or an .eml draft.
//	@tag.name					documentation
//	@tag.description			This API's own description, as OpenAPI 3.0 and Swagger 2.0.
//	@tag.name					operations
//	@tag.description			Health, readiness and build information for operators and orchestrators.
package api
