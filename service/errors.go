package service

import (
	"errors"
	"strings"
)

// Kind classifies a domain error so that the HTTP layer can map it to a
// status code in one place.
type Kind string

// The kinds of domain error.
const (
	// KindInvalid means the request was well formed but breaks a rule of the
	// domain (an unknown token, a contradiction, a date in the past).
	KindInvalid Kind = "invalid"
	// KindNotFound means a named resource (a checklist item, a template)
	// does not exist.
	KindNotFound Kind = "not_found"
	// KindInternal is anything else; its message is never shown to clients.
	KindInternal Kind = "internal"
)

// FieldError names the request field (as a JSON path such as
// "details.company") that broke a rule, and says why in plain words.
type FieldError struct {
	Field   string
	Message string
}

// Error is a domain error with a message that is safe to show a client.
type Error struct {
	Kind    Kind
	Message string
	Fields  []FieldError
}

// Error implements error.
func (e *Error) Error() string {
	if len(e.Fields) == 0 {
		return e.Message
	}
	var b strings.Builder
	b.WriteString(e.Message)
	for i, f := range e.Fields {
		if i == 0 {
			b.WriteString(": ")
		} else {
			b.WriteString("; ")
		}
		b.WriteString(f.Field)
		b.WriteString(" ")
		b.WriteString(f.Message)
	}
	return b.String()
}

// Invalid returns a KindInvalid error with the given safe message and the
// fields at fault.
func Invalid(message string, fields ...FieldError) *Error {
	return &Error{Kind: KindInvalid, Message: message, Fields: fields}
}

// NotFound returns a KindNotFound error with the given safe message.
func NotFound(message string) *Error {
	return &Error{Kind: KindNotFound, Message: message}
}

// ErrorKind reports the kind of err: the Kind of the first *Error in its
// chain, or KindInternal when there is none.
func ErrorKind(err error) Kind {
	var e *Error
	if errors.As(err, &e) {
		return e.Kind
	}
	return KindInternal
}
