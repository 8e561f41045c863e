package api

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"net/http"
	"strconv"
	"strings"

	"github.com/labstack/echo/v4"
)

// cacheControl lets clients and shared caches keep an answer briefly and
// revalidate it with If-None-Match: content changes only with a release.
const cacheControl = "public, max-age=300"

// staticDoc is an answer encoded once, at start-up, with its strong ETag.
// Its header values are prepared as slices so that serving it sets headers
// without canonicalising keys or allocating. Hundreds of them live as long
// as the server, so they hold few pointers for the collector to follow:
// the ETag is hdrETag[0], and JSON documents share one Content-Type value.
type staticDoc struct {
	body      []byte
	hdrType   []string
	hdrETag   []string
	hdrLength []string // nil for a body net/http gives a Content-Length itself
}

func newJSONDoc(v any) (staticDoc, error) {
	b, err := json.Marshal(v)
	if err != nil {
		return staticDoc{}, err
	}
	return newDoc(echo.MIMEApplicationJSON, b), nil
}

func newDoc(contentType string, body []byte) staticDoc {
	hdrType := hdrTypeJSON
	if contentType != echo.MIMEApplicationJSON {
		hdrType = []string{contentType}
	}
	d := staticDoc{body: body, hdrType: hdrType, hdrETag: []string{etagOf(body)}}
	if len(body) >= autoLengthLimit {
		// A body this long would be chunked; with its length it is not,
		// even the 113 KB list.
		d.hdrLength = []string{strconv.Itoa(len(body))}
	}
	return d
}

// autoLengthLimit is the size below which net/http sets Content-Length
// itself, for a body written whole before the handler returns: up to then
// it holds the body in a 2 KB buffer. Below it, the header is left to
// net/http, which keeps it out of the header map (one entry fewer to
// clone, sort and write on every answer).
const autoLengthLimit = 2048

var (
	hdrCacheControl = []string{cacheControl}
	hdrTypeJSON     = []string{echo.MIMEApplicationJSON}
)

func etagOf(b []byte) string {
	sum := sha256.Sum256(b)
	return `"` + hex.EncodeToString(sum[:10]) + `"`
}

// serve writes d with its ETag and Cache-Control, or 304 Not Modified when
// the request's If-None-Match names it.
func (d staticDoc) serve(c echo.Context) error {
	res := c.Response()
	h := res.Header()
	h["Etag"] = d.hdrETag
	h["Cache-Control"] = hdrCacheControl
	if etagMatches(headerValue(c.Request().Header, "If-None-Match"), d.hdrETag[0]) {
		res.WriteHeader(http.StatusNotModified)
		return nil
	}
	h["Content-Type"] = d.hdrType
	if d.hdrLength != nil {
		h["Content-Length"] = d.hdrLength
	}
	res.WriteHeader(http.StatusOK)
	_, err := res.Write(d.body)
	return err
}

// etagMatches applies If-None-Match's weak comparison (RFC 9110, 13.1.2).
func etagMatches(header, etag string) bool {
	if header == "" {
		return false
	}
	for _, t := range strings.Split(header, ",") {
		t = strings.TrimSpace(t)
		if t == "*" || strings.TrimPrefix(t, "W/") == etag {
			return true
		}
	}
	return false
}
