// Package service is the domain of declinekit: the checklist, the template
// library, the composer, the reviewer and the encoders live in its
// subpackages. It is plain Go: nothing here knows about HTTP, Echo, the
// validator or swag, and all content is embedded data loaded once at start-up.
//
// This package itself holds only what the subpackages share: the domain
// error type that the HTTP layer maps to status codes, and the languages the
// content is written in.
package service
