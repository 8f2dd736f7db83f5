package api_test

import (
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/schakel-nl/schakel/api"
	"github.com/schakel-nl/schakel/auth"
	"github.com/schakel-nl/schakel/idempotency"
	"github.com/schakel-nl/schakel/schakeltest"
	"github.com/schakel-nl/schakel/store/storetest"
)

// TestIdempotencyKeyFreedOnPanic lets a create panic under an
// Idempotency-Key: a retry with the same key and body runs the create
// again rather than getting 409 until the key expires a day later. On
// both stores.
func TestIdempotencyKeyFreedOnPanic(t *testing.T) {
	for _, b := range storetest.Backends() {
		t.Run(b.Name, func(t *testing.T) {
			clock := schakeltest.NewClock(time.Date(2026, 12, 7, 12, 0, 0, 0, time.UTC))
			st := b.Open(t, clock)
			u := storetest.MustUser(t, st, "maker")
			h := &api.Handler{Idempotency: idempotency.New(st, clock), Log: slog.New(slog.NewTextHandler(io.Discard, nil))}
			panics := true
			create := h.Idempotent(func(w http.ResponseWriter, r *http.Request) {
				if panics {
					panic("create failed half-way")
				}
				w.Header().Set("Location", "/api/v1/dingen/1")
				w.WriteHeader(http.StatusCreated)
			})
			send := func() (code int, panicked bool) {
				req := httptest.NewRequest("POST", "/api/v1/dingen", strings.NewReader(`{"naam":"x"}`))
				req.Header.Set("Idempotency-Key", "sleutel-1")
				req = req.WithContext(auth.WithUser(req.Context(), u))
				w := httptest.NewRecorder()
				defer func() {
					if recover() != nil {
						panicked = true
					}
				}()
				create(w, req)
				return w.Code, false
			}
			if _, panicked := send(); !panicked {
				t.Fatal("the first create did not panic")
			}
			panics = false
			if code, _ := send(); code != http.StatusCreated {
				t.Fatalf("retry after a panic: %d, want 201 (the key freed)", code)
			}
			if code, _ := send(); code != http.StatusCreated {
				t.Fatalf("third try: %d, want the first answer (201) replayed", code)
			}
		})
	}
}
