package api

import (
	"context"
	"sync"
	"time"

	"github.com/labstack/echo/v4"
)

// requestDeadline gives each request of the routes that do work a deadline,
// timeout after it reached the route, in a context that makes no timer
// until something waits on it. The handlers compose and review in
// microseconds and never wait, so a timer per request, as
// context.WithTimeout makes (with a child registered on the request's
// context and a copy of its Done channel), would be cost without use.
// decodeJSON checks the deadline once the body is in, since a slow client
// is where a request spends its time; past it, the answer is 503.
func requestDeadline(timeout time.Duration) echo.MiddlewareFunc {
	return func(next echo.HandlerFunc) echo.HandlerFunc {
		return func(c echo.Context) error {
			req := c.Request()
			ctx := &deadlineCtx{Context: req.Context(), deadline: time.Now().Add(timeout)}
			defer ctx.release()
			c.SetRequest(req.WithContext(ctx))
			return next(c)
		}
	}
}

// deadlineCtx is its parent with a deadline. Deadline answers at once; Done
// and Err start a timer the first time either is asked for, and release
// stops it.
type deadlineCtx struct {
	context.Context
	deadline time.Time

	once   sync.Once
	timed  context.Context
	cancel context.CancelFunc
}

func (d *deadlineCtx) Deadline() (time.Time, bool) { return d.deadline, true }

func (d *deadlineCtx) Done() <-chan struct{} { return d.start().Done() }

func (d *deadlineCtx) Err() error { return d.start().Err() }

func (d *deadlineCtx) start() context.Context {
	d.once.Do(func() { d.timed, d.cancel = context.WithDeadline(d.Context, d.deadline) })
	return d.timed
}

// release stops the timer, if one was started. After it, Done and Err start
// none: they report the context as canceled, as a finished request's is.
func (d *deadlineCtx) release() {
	d.once.Do(func() { d.timed, d.cancel = canceled, func() {} })
	d.cancel()
}

// canceled is a context that is done.
var canceled = func() context.Context {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	return ctx
}()

// pastDeadline reports whether the request's context has a deadline that has
// passed.
func pastDeadline(ctx context.Context) bool {
	dl, ok := ctx.Deadline()
	return ok && time.Now().After(dl)
}
