package api

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"net/http"

	"github.com/labstack/echo/v4"

	"github.com/declinekit/declinekit/internal/problem"
	"github.com/declinekit/declinekit/service"
)

// Error is an error with a ready problem answer: the status, the problem
// type, a safe detail and, where fields are at fault, which ones.
type Error struct {
	Status int
	Type   string
	Detail string
	Fields []problem.FieldError
}

// Error implements error.
func (e *Error) Error() string { return fmt.Sprintf("%d %s: %s", e.Status, e.Type, e.Detail) }

func badRequest(typ, detail string, fields ...problem.FieldError) *Error {
	return &Error{Status: http.StatusBadRequest, Type: typ, Detail: detail, Fields: fields}
}

// handleError is the one place that writes error bodies. Every error a
// handler or middleware returns ends here and leaves as problem+json.
func (s *Server) handleError(err error, c echo.Context) {
	if c.Response().Committed {
		return
	}
	p := s.toProblem(err, c)
	p.Instance = requestID(c)
	body, mErr := json.Marshal(p)
	if mErr != nil {
		body = []byte(`{"type":"` + problem.TypeInternal + `","title":"Internal Server Error","status":500}`)
		p.Status = http.StatusInternalServerError
	}
	h := c.Response().Header()
	h.Set(echo.HeaderContentType, problem.ContentType)
	h.Set(echo.HeaderCacheControl, "no-store")
	if c.Request().Method == http.MethodHead {
		_ = c.NoContent(p.Status)
		return
	}
	_ = c.Blob(p.Status, problem.ContentType, body)
}

func (s *Server) toProblem(err error, c echo.Context) problem.Problem {
	var (
		apiErr  *Error
		valErr  *validationError
		svcErr  *service.Error
		httpErr *echo.HTTPError
		pErr    *panicError
	)
	switch {
	case errors.As(err, &apiErr):
		return newProblem(apiErr.Status, apiErr.Type, apiErr.Detail, apiErr.Fields)
	case errors.As(err, &valErr):
		return newProblem(http.StatusUnprocessableEntity, problem.TypeValidation, valErr.detail(), valErr.fields)
	case errors.As(err, &svcErr) && svcErr.Kind == service.KindInvalid:
		fields := make([]problem.FieldError, len(svcErr.Fields))
		for i, f := range svcErr.Fields {
			fields[i] = problem.FieldError{Field: f.Field, Message: f.Message}
		}
		return newProblem(http.StatusUnprocessableEntity, problem.TypeValidation, svcErr.Message, fields)
	case errors.As(err, &svcErr) && svcErr.Kind == service.KindNotFound:
		return newProblem(http.StatusNotFound, problem.TypeNotFound, svcErr.Message, nil)
	case errors.As(err, &httpErr) && httpErr.Code < 500:
		return fromHTTPError(httpErr, c)
	case errors.As(err, &httpErr) && httpErr.Code == http.StatusServiceUnavailable,
		errors.Is(err, context.DeadlineExceeded):
		return newProblem(http.StatusServiceUnavailable, problem.TypeServiceUnavailable,
			"the request took too long to answer; try again", nil)
	case errors.As(err, &pErr):
		s.log.LogAttrs(c.Request().Context(), slog.LevelError, "panic",
			slog.String("request_id", requestID(c)), slog.String("route", c.Path()),
			slog.String("error", pErr.Error()), slog.String("stack", string(pErr.stack)))
	default:
		s.log.LogAttrs(c.Request().Context(), slog.LevelError, "internal error",
			slog.String("request_id", requestID(c)), slog.String("route", c.Path()),
			slog.String("error", err.Error()))
	}
	return newProblem(http.StatusInternalServerError, problem.TypeInternal,
		"something went wrong on our side; the request id identifies it in our logs", nil)
}

// fromHTTPError maps the errors Echo and its middleware produce (404, 405,
// 413, 415 …) to problems with a useful detail.
func fromHTTPError(he *echo.HTTPError, c echo.Context) problem.Problem {
	switch he.Code {
	case http.StatusNotFound:
		return newProblem(he.Code, problem.TypeNotFound, "there is no such resource; see /openapi.json for the API surface", nil)
	case http.StatusMethodNotAllowed:
		allow := c.Response().Header().Get(echo.HeaderAllow)
		detail := fmt.Sprintf("%s is not supported on this resource", c.Request().Method)
		if allow != "" {
			detail += "; allowed: " + allow
		}
		return newProblem(he.Code, problem.TypeMethodNotAllowed, detail, nil)
	case http.StatusRequestEntityTooLarge:
		return newProblem(he.Code, problem.TypeBodyTooLarge, "the request body is larger than this server accepts", nil)
	case http.StatusUnsupportedMediaType:
		return newProblem(he.Code, problem.TypeUnsupportedMedia, "send the request body as application/json", nil)
	case http.StatusUnauthorized:
		return newProblem(he.Code, problem.TypeUnauthorized, "a valid API key is required", nil)
	case http.StatusTooManyRequests:
		return newProblem(he.Code, problem.TypeTooManyRequests, "too many requests; wait and try again", nil)
	}
	detail := http.StatusText(he.Code)
	if m, ok := he.Message.(string); ok && m != "" {
		detail = m
	}
	return newProblem(he.Code, problem.TypeBadRequest, detail, nil)
}

func newProblem(status int, typ, detail string, fields []problem.FieldError) problem.Problem {
	return problem.Problem{
		Type:   typ,
		Title:  http.StatusText(status),
		Status: status,
		Detail: detail,
		Errors: fields,
	}
}
