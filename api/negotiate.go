package api

import (
	"net/http"
	"strconv"
	"strings"

	"github.com/labstack/echo/v4"

	"github.com/declinekit/declinekit/internal/problem"
)

// negotiate picks the offer the Accept header prefers. Offers are in the
// server's order of preference, which breaks ties. An empty header accepts
// the first offer. It reports false when the header accepts none of them.
func negotiate(accept string, offers ...string) (string, bool) {
	if accept == "*/*" || strings.TrimSpace(accept) == "" {
		return offers[0], true
	}
	for _, offer := range offers {
		if accept == offer {
			return offer, true // one media range, naming an offer exactly
		}
	}
	best, bestQ := "", 0.0
	for _, offer := range offers {
		if q := quality(accept, offer); q > bestQ {
			best, bestQ = offer, q
		}
	}
	return best, bestQ > 0
}

// quality returns the q-value that accept gives offer, taken from the most
// specific media range that matches it (RFC 9110, section 12.5.1).
func quality(accept, offer string) float64 {
	otype, osub, _ := strings.Cut(offer, "/")
	q, specificity := 0.0, -1
	for _, part := range strings.Split(accept, ",") {
		mr, params, _ := strings.Cut(part, ";")
		typ, sub, ok := strings.Cut(strings.ToLower(strings.TrimSpace(mr)), "/")
		if !ok {
			continue
		}
		var s int
		switch {
		case typ == otype && sub == osub:
			s = 2
		case typ == otype && sub == "*":
			s = 1
		case typ == "*" && sub == "*":
			s = 0
		default:
			continue
		}
		if s <= specificity {
			continue
		}
		specificity, q = s, 1
		for _, p := range strings.Split(params, ";") {
			k, v, _ := strings.Cut(strings.TrimSpace(p), "=")
			if strings.EqualFold(k, "q") {
				f, err := strconv.ParseFloat(strings.TrimSpace(v), 64)
				if err != nil || f < 0 || f > 1 {
					f = 0
				}
				q = f
			}
		}
	}
	return q
}

// notAcceptable is the error for an Accept header that allows none of offers.
func notAcceptable(offers ...string) *Error {
	return &Error{
		Status: http.StatusNotAcceptable,
		Type:   problem.TypeNotAcceptable,
		Detail: "this resource can answer only with " + strings.Join(offers, ", ") + "; adjust the Accept header",
	}
}

// jsonOnly is route middleware for resources that answer only JSON: an
// Accept header that rules JSON out gets a 406 problem.
func jsonOnly(next echo.HandlerFunc) echo.HandlerFunc {
	return func(c echo.Context) error {
		accept := headerValue(c.Request().Header, echo.HeaderAccept)
		if accept == "" || accept == "*/*" || accept == echo.MIMEApplicationJSON {
			return next(c) // the usual headers, without parsing
		}
		if _, ok := negotiate(accept, echo.MIMEApplicationJSON); !ok {
			return notAcceptable(echo.MIMEApplicationJSON)
		}
		return next(c)
	}
}

// headerValue returns the first value of a request header by its canonical
// key, as Header.Get does without canonicalising the key again: net/http
// has stored every request header under its canonical key.
func headerValue(h http.Header, canonicalKey string) string {
	if v := h[canonicalKey]; len(v) > 0 {
		return v[0]
	}
	return ""
}
