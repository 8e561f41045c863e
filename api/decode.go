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
	"sync"
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
	if err := checkKeys(body, reflect.TypeOf(v)); err != nil {
		return err
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

// maxDepth bounds how deeply a request body may nest; no request type needs
// more than a few levels.
const maxDepth = 16

// checkKeys walks the JSON value in body alongside the Go type t and reports
// the first key that does not exactly match a json field name of the
// struct it belongs to (encoding/json alone would accept any letter case),
// naming it by its full path, and any key given twice in one object (which
// encoding/json would silently resolve in favour of the last). Syntax
// errors are left for the decoder to report.
func checkKeys(body []byte, t reflect.Type) error {
	kc := keyChecker{dec: json.NewDecoder(bytes.NewReader(body))}
	err := kc.value(t, "", 0)
	if errors.Is(err, errSyntax) {
		return nil
	}
	return err
}

var errSyntax = errors.New("syntax")

type keyChecker struct {
	dec *json.Decoder
}

func (kc keyChecker) value(t reflect.Type, path string, depth int) error {
	for t != nil && t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	if depth > maxDepth {
		return badRequest(problem.TypeInvalidJSON, fmt.Sprintf("the JSON nests more than %d levels deep", maxDepth))
	}
	tok, err := kc.dec.Token()
	if err != nil {
		return errSyntax
	}
	switch tok {
	case json.Delim('{'):
		var fields map[string]reflect.Type
		if t != nil && t.Kind() == reflect.Struct {
			fields = jsonFields(t)
		}
		seen := make(map[string]bool)
		for kc.dec.More() {
			keyTok, err := kc.dec.Token()
			if err != nil {
				return errSyntax
			}
			key, _ := keyTok.(string)
			p := key
			if path != "" {
				p = path + "." + key
			}
			if seen[key] {
				return badRequest(problem.TypeInvalidJSON, fmt.Sprintf("%s is given twice", p),
					problem.FieldError{Field: p, Message: "is given more than once; give each field once"})
			}
			seen[key] = true
			var ft reflect.Type
			if fields != nil {
				var ok bool
				if ft, ok = fields[key]; !ok {
					return badRequest(problem.TypeInvalidJSON, fmt.Sprintf("unknown field %q", p),
						problem.FieldError{Field: p, Message: "is not a field of this request (field names are case-sensitive)"})
				}
			}
			if err := kc.value(ft, p, depth+1); err != nil {
				return err
			}
		}
		if _, err := kc.dec.Token(); err != nil {
			return errSyntax
		}
	case json.Delim('['):
		var et reflect.Type
		if t != nil && (t.Kind() == reflect.Slice || t.Kind() == reflect.Array) {
			et = t.Elem()
		}
		for i := 0; kc.dec.More(); i++ {
			if err := kc.value(et, fmt.Sprintf("%s[%d]", path, i), depth+1); err != nil {
				return err
			}
		}
		if _, err := kc.dec.Token(); err != nil {
			return errSyntax
		}
	}
	return nil
}

// fieldCache maps a struct type to its JSON field names and their types.
var fieldCache sync.Map

func jsonFields(t reflect.Type) map[string]reflect.Type {
	if f, ok := fieldCache.Load(t); ok {
		return f.(map[string]reflect.Type)
	}
	fields := make(map[string]reflect.Type)
	for i := 0; i < t.NumField(); i++ {
		f := t.Field(i)
		if !f.IsExported() {
			continue
		}
		name, _, _ := strings.Cut(f.Tag.Get("json"), ",")
		if name == "-" {
			continue
		}
		if name == "" {
			name = f.Name
		}
		fields[name] = f.Type
	}
	fieldCache.Store(t, fields)
	return fields
}
