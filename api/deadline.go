package api

import (
	"context"
	"time"
)

// The request timeout (DECLINEKIT_REQUEST_TIMEOUT) bounds the time a request
// of a route that does work may take. Its handlers compose and review in
// microseconds and wait on nothing, so the one place such a request can
// spend that long is its body, sent slowly: decodeJSON times the read and
// answers 503 when the body took longer. A deadline in the request's
// context would cost a copy of the request each time and find nothing to
// stop.

// errBodyTooSlow is what decodeJSON returns for a body that arrived after
// the request timeout; the error handler answers 503.
var errBodyTooSlow = context.DeadlineExceeded

// tooSlow reports whether a read that started at start has outlasted
// timeout; a timeout of 0 never runs out.
func tooSlow(start time.Time, timeout time.Duration) bool {
	return timeout > 0 && time.Since(start) > timeout
}
