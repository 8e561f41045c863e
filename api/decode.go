package api

import (
	"bytes"
	"errors"
	"io"
	"mime"
	"net/http"
	"os"
	"slices"
	"strings"
	"sync"
	"time"
	"unicode/utf8"

	"github.com/labstack/echo/v4"

	"github.com/declinekit/declinekit/internal/problem"
)

// decodeJSON reads the request body into v strictly: the content type must
// be JSON, the body one JSON object with no unknown fields and nothing after
// it, every value of the right type. Each failure is a 4xx *Error that says
// what is wrong and, where it can, which field.
//
// The body and the strings in v go into bufs, from newBodyBuffers, which
// may also hold v itself: the handler releases them once its answer is
// written, and not at all on an error (an error may quote the body).
// Anything kept beyond the request must be copied first.
//
// A body that takes longer than timeout to arrive, or than the connection's
// read timeout allows, is refused with 503 (see deadline.go).
func decodeJSON(c echo.Context, bufs *bodyBuffers, v any, timeout time.Duration) error {
	req := c.Request()
	if err := checkJSONContentType(headerValue(req.Header, echo.HeaderContentType)); err != nil {
		return err
	}
	start := time.Now()
	body, err := readBody(bufs.body[:0], req.Body, req.ContentLength)
	bufs.body = body
	if err != nil {
		if errors.Is(err, os.ErrDeadlineExceeded) {
			return errBodyTooSlow // the connection's read timeout ran out first
		}
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
	if tooSlow(start, timeout) {
		return errBodyTooSlow
	}
	// Unescaped strings are never longer than their JSON, so text never
	// needs to grow, and the strings written into it stay where they are.
	bufs.text = slices.Grow(bufs.text[:0], len(body))
	return unmarshalStrictInto(body, bufs.text, bufs.keys[:0], v)
}

// bodyBuffers hold a request body, the unescaped text of its strings, room
// for the decoder's path of keys, and the request a handler decodes into,
// so that none of them is allocated per request.
type bodyBuffers struct {
	body, text []byte
	keys       [maxDepth + 1]string
	draft      DraftRequest
	review     ReviewRequest
	times      [2]time.Time // the times a draft request's options point to
}

var bodyPool = sync.Pool{New: func() any { return new(bodyBuffers) }}

// newBodyBuffers returns buffers from the pool, their requests empty.
func newBodyBuffers() *bodyBuffers { return bodyPool.Get().(*bodyBuffers) }

// release puts b back in the pool, its requests emptied so that it keeps
// nothing of this one alive. Buffers over 64 KB are let go.
func (b *bodyBuffers) release() {
	if cap(b.body) > 64<<10 || cap(b.text) > 64<<10 {
		return
	}
	b.body, b.text = b.body[:0], b.text[:0]
	b.draft, b.review, b.times = DraftRequest{}, ReviewRequest{}, [2]time.Time{}
	bodyPool.Put(b)
}

// readBody appends r, read to its end, to dst, making room for the
// announced size first (the body limit has already refused a larger one)
// rather than growing a buffer from 512 bytes as io.ReadAll does.
func readBody(dst []byte, r io.Reader, size int64) ([]byte, error) {
	if size <= 0 || size > 1<<20 {
		b, err := io.ReadAll(r)
		return append(dst, b...), err
	}
	b := slices.Grow(dst, int(size)+1) // the read that meets the end needs room
	for {
		n, err := r.Read(b[len(b):cap(b)])
		b = b[:len(b)+n]
		if err == io.EOF {
			return b, nil
		}
		if err != nil {
			return b, err
		}
		if len(b) == cap(b) {
			rest, err := io.ReadAll(r)
			return append(b, rest...), err
		}
	}
}

// checkJSONContentType accepts application/json, with no charset or UTF-8.
func checkJSONContentType(ct string) error {
	unsupported := func(detail string) *Error {
		return &Error{Status: http.StatusUnsupportedMediaType, Type: problem.TypeUnsupportedMedia, Detail: detail}
	}
	if ct == "" {
		return unsupported("the request has no Content-Type; send the body as application/json")
	}
	if ct == echo.MIMEApplicationJSON {
		return nil // the usual case, without parsing
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

// unmarshalStrict decodes body, one JSON object, into v (a pointer to a
// request struct) with the strict decoder in jsondec.go.
func unmarshalStrict(body []byte, v any) error {
	return unmarshalStrictInto(body, nil, nil, v)
}

// unmarshalStrictInto is unmarshalStrict writing unescaped strings into
// text when it has room, and the path of keys into keys (see decodeJSON).
func unmarshalStrictInto(body, text []byte, keys []string, v any) error {
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
	return decodeInto(body, text, keys, v)
}

// maxDepth bounds how deeply a request body may nest; no request type needs
// more than a few levels.
const maxDepth = 16

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
	case "int", "int64":
		return "an integer"
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
