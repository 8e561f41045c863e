// Package problem defines RFC 9457 problem details, the one shape of every
// error answer declinekit gives, and the problem types it uses.
package problem

// ContentType is the media type of a problem document.
const ContentType = "application/problem+json"

// Problem is an RFC 9457 problem details object.
type Problem struct {
	// A URI that identifies the kind of problem.
	Type string `json:"type" example:"urn:declinekit:problem:validation"`
	// A short, human-readable summary of the kind of problem.
	Title string `json:"title" example:"Unprocessable Content"`
	// The HTTP status code.
	Status int `json:"status" example:"422"`
	// What went wrong this time, in plain words.
	Detail string `json:"detail" example:"the request breaks 1 rule; see errors"`
	// The request id of the answer (also sent as X-Request-Id).
	Instance string `json:"instance" example:"3c847a63137bf959e79147bbfbc7db12"`
	// Each field at fault; present on 400 and 422 answers that concern
	// particular fields.
	Errors []FieldError `json:"errors,omitempty"`
} // @name Problem

// FieldError names a request field by its JSON path and says what is wrong.
type FieldError struct {
	// The JSON path of the field, such as "details.company".
	Field string `json:"field" example:"details.company"`
	// What is wrong, in plain words.
	Message string `json:"message" example:"company is a required field"`
} // @name FieldError

// The problem types. Each is a URN: stable, and not a link anyone must follow.
const (
	TypeBadRequest         = "urn:declinekit:problem:bad-request"
	TypeInvalidJSON        = "urn:declinekit:problem:invalid-json"
	TypeValidation         = "urn:declinekit:problem:validation"
	TypeNotFound           = "urn:declinekit:problem:not-found"
	TypeMethodNotAllowed   = "urn:declinekit:problem:method-not-allowed"
	TypeNotAcceptable      = "urn:declinekit:problem:not-acceptable"
	TypeBodyTooLarge       = "urn:declinekit:problem:body-too-large"
	TypeUnsupportedMedia   = "urn:declinekit:problem:unsupported-media-type"
	TypeTooManyRequests    = "urn:declinekit:problem:too-many-requests"
	TypeUnauthorized       = "urn:declinekit:problem:unauthorized"
	TypeServiceUnavailable = "urn:declinekit:problem:service-unavailable"
	TypeInternal           = "urn:declinekit:problem:internal"
)
