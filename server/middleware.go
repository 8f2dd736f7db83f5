package server

import (
	"bufio"
	"context"
	"crypto/subtle"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/collectors"
	"github.com/prometheus/client_golang/prometheus/promhttp"

	"github.com/schakel-nl/schakel/api"
	"github.com/schakel-nl/schakel/respond"
	"github.com/schakel-nl/schakel/store"
)

// maxBodyBytes limits every request body, pages and API alike.
const maxBodyBytes = 1 << 20

func isAPI(r *http.Request) bool { return strings.HasPrefix(r.URL.Path, "/api/") }

// statusRecorder remembers the status written through it.
type statusRecorder struct {
	http.ResponseWriter
	status int
}

func (w *statusRecorder) WriteHeader(code int) {
	if w.status == 0 {
		w.status = code
	}
	w.ResponseWriter.WriteHeader(code)
}

func (w *statusRecorder) Write(b []byte) (int, error) {
	if w.status == 0 {
		w.status = http.StatusOK
	}
	return w.ResponseWriter.Write(b)
}

func (w *statusRecorder) Unwrap() http.ResponseWriter { return w.ResponseWriter }

func (w *statusRecorder) Hijack() (net.Conn, *bufio.ReadWriter, error) {
	if h, ok := w.ResponseWriter.(http.Hijacker); ok {
		return h.Hijack()
	}
	return nil, nil, errors.New("hijack not supported")
}

// recoverPanics turns a panic into a 500 without details, and logs it.
func (s *Server) recoverPanics(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		defer func() {
			if v := recover(); v != nil {
				if v == http.ErrAbortHandler {
					panic(v)
				}
				s.log.ErrorContext(r.Context(), "panic", slog.String("route", r.Pattern), slog.String("panic", fmt.Sprint(v)))
				respond.StatusProblem(w, r, http.StatusInternalServerError, "Er ging iets mis aan onze kant.")
			}
		}()
		next.ServeHTTP(w, r)
	})
}

// httpMetrics are the Prometheus metrics of the HTTP side.
type httpMetrics struct {
	duration *prometheus.HistogramVec
}

func newHTTPMetrics(reg *prometheus.Registry, st *store.Store) *httpMetrics {
	m := &httpMetrics{
		duration: prometheus.NewHistogramVec(prometheus.HistogramOpts{
			Name:    "schakel_http_request_duration_seconds",
			Help:    "Duration of HTTP requests by route pattern, method and status code.",
			Buckets: []float64{.001, .0025, .005, .01, .025, .05, .1, .25, .5, 1, 2.5, 5},
		}, []string{"route", "method", "code"}),
	}
	reg.MustRegister(m.duration,
		collectors.NewGoCollector(),
		collectors.NewProcessCollector(collectors.ProcessCollectorOpts{}),
		collectors.NewDBStatsCollector(st.DB(), "schakel"),
		prometheus.NewGaugeFunc(prometheus.GaugeOpts{Name: "schakel_store_write_queue",
			Help: "Writes waiting for the store's group commit; when the queue is full, writes are refused with 503."},
			func() float64 { return float64(st.WriteQueueLength()) }))
	return m
}

// metricsHandler serves the Prometheus metrics to whom the configuration
// allows: a request with the bearer token of --metrics-token, or anyone
// with --metrics-public. Otherwise /metrics does not exist (404): its
// per-route counters would show the public when brakes are pulled.
func (s *Server) metricsHandler() http.Handler {
	metrics := promhttp.HandlerFor(s.registry, promhttp.HandlerOpts{Registry: s.registry})
	token := s.cfg.MetricsToken
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch {
		case token != "":
			given, ok := strings.CutPrefix(r.Header.Get("Authorization"), "Bearer ")
			if !ok || subtle.ConstantTimeCompare([]byte(given), []byte(token)) != 1 {
				w.Header().Set("WWW-Authenticate", `Bearer realm="metrics"`)
				http.Error(w, "Unauthorized", http.StatusUnauthorized)
				return
			}
		case !s.cfg.MetricsPublic:
			s.webHandler.NotFound(w, r)
			return
		}
		metrics.ServeHTTP(w, r)
	})
}

type routeKey struct{}

// routeHolder carries the matched route pattern back out to observe: the
// middlewares in between copy the request, so the mux sets Pattern on a copy
// observe never sees.
type routeHolder struct{ pattern string }

// recordRoute notes the pattern the mux will choose for the request.
func (s *Server) recordRoute(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if h, ok := r.Context().Value(routeKey{}).(*routeHolder); ok {
			_, h.pattern = s.mux.Handler(r)
		}
		next.ServeHTTP(w, r)
	})
}

// observe records the latency of each request by its route pattern and logs
// it. Only the pattern is logged, never the path or query, which may hold
// codes or search terms that identify a person.
func (s *Server) observe(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		start := time.Now()
		rec := &statusRecorder{ResponseWriter: w}
		holder := &routeHolder{}
		r = r.WithContext(context.WithValue(r.Context(), routeKey{}, holder))
		next.ServeHTTP(rec, r)
		if rec.status == 0 {
			rec.status = http.StatusOK
		}
		route := holder.pattern
		if route == "" {
			route = "unmatched"
		}
		d := time.Since(start)
		s.metrics.duration.WithLabelValues(route, r.Method, strconv.Itoa(rec.status)).Observe(d.Seconds())
		level := slog.LevelDebug
		if rec.status >= 500 {
			level = slog.LevelError
		}
		s.log.LogAttrs(r.Context(), level, "request",
			slog.String("method", r.Method), slog.String("route", route),
			slog.Int("status", rec.status), slog.Duration("duration", d))
	})
}

// hstsValue is the Strict-Transport-Security of an installation whose
// public URL is https: browsers then refuse plain http to it for a year.
// Subdomains are left out, as they may be other services of the operator.
const hstsValue = "max-age=31536000"

// securityHeaders sets the headers every response carries. formActions,
// when not nil, names further origins forms may lead to: the identity
// provider's, where logging out continues. hsts adds Strict-Transport-Security,
// for a public URL that is https (behind a proxy that ends TLS too).
func securityHeaders(next http.Handler, formActions func() string, hsts bool) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		h := w.Header()
		if hsts {
			h.Set("Strict-Transport-Security", hstsValue)
		}
		h.Set("API-Version", api.Version)
		h.Set("X-Content-Type-Options", "nosniff")
		h.Set("X-Frame-Options", "DENY")
		h.Set("Referrer-Policy", "same-origin")
		if isAPI(r) {
			h.Set("Content-Security-Policy", "default-src 'none'; frame-ancestors 'none'")
			h.Set("Cache-Control", "no-store")
		} else {
			fa := "'self'"
			if formActions != nil {
				if o := formActions(); o != "" {
					fa += " " + o
				}
			}
			h.Set("Content-Security-Policy", "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; form-action "+fa+"; base-uri 'none'; frame-ancestors 'none'")
			if !strings.HasPrefix(r.URL.Path, "/static/") {
				h.Set("Cache-Control", "no-store")
			}
		}
		next.ServeHTTP(w, r)
	})
}

// limitBody caps every request body.
func limitBody(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Body != nil {
			r.Body = http.MaxBytesReader(w, r.Body, maxBodyBytes)
		}
		next.ServeHTTP(w, r)
	})
}

// apiProblems makes sure every API error is problem+json, also the plain-text
// ones the standard library writes itself (405 from the mux, for example).
func apiProblems(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if !isAPI(r) {
			next.ServeHTTP(w, r)
			return
		}
		next.ServeHTTP(&problemWriter{ResponseWriter: w, r: r}, r)
	})
}

type problemWriter struct {
	http.ResponseWriter
	r        *http.Request
	swallow  bool
	wroteHdr bool
}

func (w *problemWriter) WriteHeader(code int) {
	if w.wroteHdr {
		return
	}
	w.wroteHdr = true
	ct := w.Header().Get("Content-Type")
	if code >= 400 && !strings.HasPrefix(ct, "application/problem+json") {
		w.swallow = true
		detail := ""
		if code == http.StatusMethodNotAllowed {
			detail = "Deze methode is niet toegestaan; toegestaan: " + w.Header().Get("Allow") + "."
		}
		w.Header().Del("X-Content-Type-Options")
		w.Header().Set("X-Content-Type-Options", "nosniff")
		respond.StatusProblem(w.ResponseWriter, w.r, code, detail)
		return
	}
	w.ResponseWriter.WriteHeader(code)
}

func (w *problemWriter) Write(b []byte) (int, error) {
	if !w.wroteHdr {
		w.WriteHeader(http.StatusOK)
	}
	if w.swallow {
		return len(b), nil
	}
	return w.ResponseWriter.Write(b)
}

func (w *problemWriter) Unwrap() http.ResponseWriter { return w.ResponseWriter }

func (s *Server) crossOriginDenied(w http.ResponseWriter, r *http.Request) {
	respond.StatusProblem(w, r, http.StatusForbidden, "Verzoek van een andere oorsprong geweigerd (bescherming tegen CSRF).")
}
