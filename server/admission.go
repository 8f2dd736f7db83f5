package server

import (
	"net/http"
	"sync/atomic"
	"time"

	"github.com/schakel-nl/schakel"
)

// admission bounds how many requests are served at once (issue "speed"):
// past that, a request waits in a line of bounded length for at most a
// bounded time, and when the line is full or the wait is over it is
// refused at once with 503 and a Retry-After. Without it 64 clients made
// 64 requests compete for two cores and the database's connections, and
// the throughput fell below that of 8; with it the server keeps serving at
// the rate of the requests it admits, and an overloaded server says so
// instead of answering ever later.
type admission struct {
	slots      chan struct{}
	waiting    atomic.Int64
	maxWaiting int64
	maxWait    time.Duration
}

// AdmissionRetryAfter is the Retry-After of a request refused by admission.
const AdmissionRetryAfter = time.Second

// errOverloaded answers a request that admission refused.
var errOverloaded = &schakel.Error{Code: schakel.EUNAVAILABLE, RetryAfter: AdmissionRetryAfter,
	Message: "schakel is nu te druk. Probeer het over een paar seconden opnieuw."}

func newAdmission(inFlight, waiting int, wait time.Duration) *admission {
	return &admission{slots: make(chan struct{}, inFlight), maxWaiting: int64(waiting), maxWait: wait}
}

// enter takes a slot, waiting in line when none is free; it reports false
// when the line is full, the wait is over or the client has gone. The wait
// is on a timer of the real clock: it bounds how long a connection is held,
// which is the server's affair, not a deadline of the domain.
func (a *admission) enter(r *http.Request) bool {
	select {
	case a.slots <- struct{}{}:
		return true
	default:
	}
	if a.waiting.Add(1) > a.maxWaiting {
		a.waiting.Add(-1)
		return false
	}
	defer a.waiting.Add(-1)
	t := time.NewTimer(a.maxWait)
	defer t.Stop()
	select {
	case a.slots <- struct{}{}:
		return true
	case <-t.C:
		return false
	case <-r.Context().Done():
		return false
	}
}

func (a *admission) leave() { <-a.slots }

// exempt reports the requests that are always served: the probes and the
// metrics, which must answer most of all when the server is overloaded.
func exempt(r *http.Request) bool {
	switch r.URL.Path {
	case "/healthz", "/readyz", "/metrics":
		return true
	}
	return false
}

// admit wraps next in admission control; refuse answers a refused request
// (problem+json for the API, the error page otherwise).
func (a *admission) admit(next http.Handler, refuse func(http.ResponseWriter, *http.Request, error)) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if exempt(r) {
			next.ServeHTTP(w, r)
			return
		}
		if !a.enter(r) {
			refuse(w, r, errOverloaded)
			return
		}
		defer a.leave()
		next.ServeHTTP(w, r)
	})
}
