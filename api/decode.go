package api

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"mime"
	"net/http"
	"reflect"
	"strings"
	"unicode/utf8"

	"github.com/labstack/echo/v4"

	"github.com/declinekit/declinekit/internal/problem"
)

// decodeJSON reads the request body into v strictly: the content type must
// be JSON, the body one JSON object with no unknown fields and nothing after
// it, every value of the right type. Each failure is a 4xx *Error that says
// what is wrong and, where it can, which field.
func decodeJSON(c echo.Context, v any) error {
	req := c.Request()
	if err := checkJSONContentType(req.Header.Get(echo.HeaderContentType)); err != nil {
		return err
	}
	body, err := io.ReadAll(req.Body)
	if err != nil {
		var he *echo.HTTPError
		if errors.As(err, &he) && he.Code == http.StatusRequestEntityTooLarge {
			return he
		}
		var mbe *http.MaxBytesError
		if errors.As(err, &mbe) {
			return echo.ErrStatusRequestEntityTooLarge
		}
		return badRequest(problem.TypeBadRequest, "the request body could not be read")
	}
	return unmarshalStrict(body, v)
}

// checkJSONContentType accepts application/json, with no charset or UTF-8.
func checkJSONContentType(ct string) error {
	unsupported := func(detail string) *Error {
		return &Error{Status: http.StatusUnsupportedMediaType, Type: problem.TypeUnsupportedMedia, Detail: detail}
	}
	if ct == "" {
		return unsupported("the request has no Content-Type; send the body as application/json")
	}
	mt, params, err := mime.ParseMediaType(ct)
	if err != nil || mt != echo.MIMEApplicationJSON {
		return unsupported("the body must be sent as application/json")
	}
	if cs, ok := params["charset"]; ok && !strings.EqualFold(cs, "utf-8") {
		return unsupported("the JSON body must be encoded as UTF-8")
	}
	return nil
}

// unmarshalStrict decodes body, one JSON object, into v.
func unmarshalStrict(body []byte, v any) error {
	trimmed := bytes.TrimLeft(body, " \t\r\n")
	if len(trimmed) == 0 {
		return badRequest(problem.TypeInvalidJSON, "the request body is empty; send a JSON object")
	}
	if !utf8.Valid(body) {
		return badRequest(problem.TypeInvalidJSON, "the request body is not valid UTF-8")
	}
	if trimmed[0] != '{' {
		return badRequest(problem.TypeInvalidJSON, "the request body must be a JSON object")
	}
	dec := json.NewDecoder(bytes.NewReader(body))
	dec.DisallowUnknownFields()
	if err := dec.Decode(v); err != nil {
		return decodeError(err, body)
	}
	if _, err := dec.Token(); !errors.Is(err, io.EOF) {
		return badRequest(problem.TypeInvalidJSON, "the request body has data after the JSON object; send exactly one object")
	}
	return nil
}

func decodeError(err error, body []byte) error {
	var (
		syn *json.SyntaxError
		typ *json.UnmarshalTypeError
	)
	switch {
	case errors.As(err, &syn):
		line, col := position(body, syn.Offset)
		return badRequest(problem.TypeInvalidJSON, fmt.Sprintf("malformed JSON at line %d, column %d: %s", line, col, syn.Error()))
	case errors.Is(err, io.ErrUnexpectedEOF):
		return badRequest(problem.TypeInvalidJSON, "malformed JSON: the body ends before the object is complete")
	case errors.As(err, &typ):
		field := typ.Field
		if field == "" {
			field = "(body)"
		}
		t := typ.Type
		for t.Kind() == reflect.Pointer {
			t = t.Elem()
		}
		msg := fmt.Sprintf("must be %s (got %s)", jsonKind(t.Kind().String()), typ.Value)
		return badRequest(problem.TypeInvalidJSON, fmt.Sprintf("%s %s", field, msg), problem.FieldError{Field: field, Message: msg})
	case strings.HasPrefix(err.Error(), "json: unknown field "):
		name := strings.Trim(strings.TrimPrefix(err.Error(), "json: unknown field "), `"`)
		return badRequest(problem.TypeInvalidJSON, fmt.Sprintf("unknown field %q", name),
			problem.FieldError{Field: name, Message: "is not a field of this request"})
	}
	return badRequest(problem.TypeInvalidJSON, "malformed JSON")
}

func jsonKind(goKind string) string {
	switch goKind {
	case "string":
		return "a string"
	case "bool":
		return "true or false"
	case "struct", "map":
		return "an object"
	case "slice", "array":
		return "an array"
	case "int", "int8", "int16", "int32", "int64", "uint", "uint8", "uint16", "uint32", "uint64":
		return "an integer"
	case "float32", "float64":
		return "a number"
	}
	return "a value of another type"
}

// position turns a byte offset into a 1-based line and column.
func position(body []byte, offset int64) (line, col int) {
	if offset > int64(len(body)) {
		offset = int64(len(body))
	}
	line, col = 1, 1
	for _, b := range body[:offset] {
		if b == '\n' {
			line++
			col = 1
		} else {
			col++
		}
	}
	return line, col
}
