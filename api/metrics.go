package api

import (
	"net/http"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/labstack/echo/v4"
	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/collectors"
	"github.com/prometheus/client_golang/prometheus/promhttp"
)

// metrics are the server's Prometheus metrics, in a registry of its own so
// that servers (and tests) never share counters.
type metrics struct {
	registry *prometheus.Registry
	requests *prometheus.CounterVec
	latency  *prometheus.HistogramVec
	drafts   counters // by channel
	reviews  counters // by verdict
	cache    sync.Map // seriesKey -> *series
}

func newMetrics() *metrics {
	m := &metrics{
		registry: prometheus.NewRegistry(),
		requests: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "declinekit_http_requests_total",
			Help: "HTTP requests answered, by method, route pattern and status.",
		}, []string{"method", "route", "status"}),
		latency: prometheus.NewHistogramVec(prometheus.HistogramOpts{
			Name:    "declinekit_http_request_duration_seconds",
			Help:    "Time to answer HTTP requests, by method, route pattern and status.",
			Buckets: []float64{.0001, .00025, .0005, .001, .0025, .005, .01, .025, .05, .1, .25, .5, 1},
		}, []string{"method", "route", "status"}),
		drafts: counters{vec: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "declinekit_drafts_composed_total",
			Help: "Drafts composed, by channel.",
		}, []string{"channel"})},
		reviews: counters{vec: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "declinekit_reviews_total",
			Help: "Messages reviewed, by verdict.",
		}, []string{"verdict"})},
	}
	m.registry.MustRegister(m.requests, m.latency, m.drafts.vec, m.reviews.vec,
		collectors.NewGoCollector(), collectors.NewProcessCollector(collectors.ProcessCollectorOpts{}))
	return m
}

// observe counts one answered request and its latency by method, route
// pattern (never the raw path: ids and typos would make the label set
// unbounded) and status. Unknown methods count as "other", so that clients
// cannot make up series either.
func (m *metrics) observe(method, route string, status int, latency time.Duration) {
	switch method {
	case http.MethodGet, http.MethodHead, http.MethodPost, http.MethodPut,
		http.MethodPatch, http.MethodDelete, http.MethodOptions:
	default:
		method = "other"
	}
	s := m.series(method, route, status)
	s.requests.Inc()
	s.latency.Observe(latency.Seconds())
}

// seriesKey names one combination of labels.
// counters is a counter vector with one label of few, fixed values (a
// channel, a verdict), whose counters are looked up once each: resolving a
// label value hashes it and takes the vector's lock.
type counters struct {
	vec   *prometheus.CounterVec
	cache sync.Map // label value -> prometheus.Counter
}

func (c *counters) inc(value string) {
	if ctr, ok := c.cache.Load(value); ok {
		ctr.(prometheus.Counter).Inc()
		return
	}
	value = strings.Clone(value) // kept for good: it must not share a request's memory
	ctr := c.vec.WithLabelValues(value)
	c.cache.Store(value, ctr)
	ctr.Inc()
}

type seriesKey struct {
	method, route string
	status        int
}

// series are the counter and histogram of one label combination, looked
// up once and then kept: the label sets are bounded, and a map lookup is
// cheaper than hashing the label values on every request.
type series struct {
	requests prometheus.Counter
	latency  prometheus.Observer
}

func (m *metrics) series(method, route string, status int) *series {
	k := seriesKey{method, route, status}
	if s, ok := m.cache.Load(k); ok {
		return s.(*series)
	}
	code := strconv.Itoa(status)
	s := &series{
		requests: m.requests.WithLabelValues(method, route, code),
		latency:  m.latency.WithLabelValues(method, route, code),
	}
	m.cache.Store(k, s)
	return s
}

// metricsHandler godoc
//
//	@Summary		Prometheus metrics
//	@Description	Metrics in the Prometheus text format: requests and latency by method, route pattern and status; drafts composed by channel; reviews by verdict; Go runtime and process metrics. Labels never hold raw paths or request data, so their number stays bounded.
//	@ID				getMetrics
//	@Tags			operations
//	@Produce		plain
//	@Success		200	{string}	string	"Prometheus text exposition format"
//	@Router			/metrics [get]
func (m *metrics) handler() echo.HandlerFunc {
	return echo.WrapHandler(promhttp.HandlerFor(m.registry, promhttp.HandlerOpts{}))
}
