package server

import (
	"context"
	"net/http"
	"net/http/httptest"
	"runtime"
	"testing"
	"time"

	"github.com/schakel-nl/schakel"
	"github.com/schakel-nl/schakel/respond"
)

// admitted runs requests through an admission of one slot whose handler
// blocks until release is closed.
type admitted struct {
	a       *admission
	h       http.Handler
	entered chan struct{}
	release chan struct{}
}

func newAdmitted(waiting int, wait time.Duration) *admitted {
	t := &admitted{a: newAdmission(1, waiting, wait), entered: make(chan struct{}, 4), release: make(chan struct{})}
	t.h = t.a.admit(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		t.entered <- struct{}{}
		<-t.release
		w.WriteHeader(http.StatusNoContent)
	}), func(w http.ResponseWriter, r *http.Request, err error) {
		w.Header().Set("Retry-After", respond.RetryAfterSeconds(schakel.ErrorRetryAfter(err)))
		respond.Error(w, r, nil, err)
	})
	return t
}

// serve runs one request in a goroutine and returns where its response
// will be.
func (t *admitted) serve(ctx context.Context, path string) <-chan *httptest.ResponseRecorder {
	done := make(chan *httptest.ResponseRecorder, 1)
	go func() {
		w := httptest.NewRecorder()
		t.h.ServeHTTP(w, httptest.NewRequestWithContext(ctx, http.MethodGet, path, nil))
		done <- w
	}()
	return done
}

// waitWaiting waits on the scheduler until n requests wait in line.
func (t *admitted) waitWaiting(tb testing.TB, n int64) {
	deadline := time.Now().Add(time.Minute)
	for t.a.waiting.Load() != n {
		if time.Now().After(deadline) {
			tb.Fatalf("%d waiting, want %d", t.a.waiting.Load(), n)
		}
		runtime.Gosched()
	}
}

func wantOverloaded(t *testing.T, w *httptest.ResponseRecorder) {
	t.Helper()
	if w.Code != http.StatusServiceUnavailable || w.Header().Get("Retry-After") != "1" ||
		w.Header().Get("Content-Type") != "application/problem+json" {
		t.Fatalf("refused request: %d, Retry-After %q, %s: %s", w.Code, w.Header().Get("Retry-After"), w.Header().Get("Content-Type"), w.Body)
	}
}

// TestAdmissionRefusesWhenTheLineIsFull: with the one slot taken and no
// room to wait, a request is refused at once with 503, problem+json and a
// Retry-After; the probes are served all the same.
func TestAdmissionRefusesWhenTheLineIsFull(t *testing.T) {
	a := newAdmitted(0, time.Minute)
	first := a.serve(context.Background(), "/api/v1/verzoeken")
	<-a.entered
	wantOverloaded(t, <-a.serve(context.Background(), "/api/v1/verzoeken"))
	probe := a.serve(context.Background(), "/readyz")
	<-a.entered // served beside the one in its slot
	close(a.release)
	if w := <-probe; w.Code != http.StatusNoContent {
		t.Fatalf("/readyz under load: %d", w.Code)
	}
	if w := <-first; w.Code != http.StatusNoContent {
		t.Fatalf("the admitted request: %d", w.Code)
	}
}

// TestAdmissionWaitsInLine: a request that finds the slot taken waits and
// is served once the slot is free; one whose client goes away while it
// waits leaves the line.
func TestAdmissionWaitsInLine(t *testing.T) {
	a := newAdmitted(2, time.Minute)
	first := a.serve(context.Background(), "/postvak")
	<-a.entered
	second := a.serve(context.Background(), "/postvak")
	ctx, cancel := context.WithCancel(context.Background())
	gone := a.serve(ctx, "/postvak")
	a.waitWaiting(t, 2)
	cancel()
	wantOverloaded(t, <-gone)
	a.waitWaiting(t, 1)
	a.release <- struct{}{} // the first finishes…
	<-a.entered             // …and the second takes its slot
	close(a.release)
	for _, done := range []<-chan *httptest.ResponseRecorder{first, second} {
		if w := <-done; w.Code != http.StatusNoContent {
			t.Fatalf("a request in line: %d", w.Code)
		}
	}
	if n := a.a.waiting.Load(); n != 0 {
		t.Fatalf("%d still waiting", n)
	}
}

// TestAdmissionWaitIsBounded: a request that waits longer than the bound
// is refused rather than answered ever later.
func TestAdmissionWaitIsBounded(t *testing.T) {
	a := newAdmitted(1, time.Millisecond) // the real clock: the bound is on a server timer
	first := a.serve(context.Background(), "/postvak")
	<-a.entered
	wantOverloaded(t, <-a.serve(context.Background(), "/postvak"))
	close(a.release)
	<-first
}
