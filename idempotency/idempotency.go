// Package idempotency keeps the first answer to an API create made with an
// Idempotency-Key, so that a client whose answer was lost can send the
// create again without making a second object (decision 0038). The API's
// middleware (api.Handler.Idempotent) asks it before and after the create.
package idempotency

import (
	"context"
	"net/http"
	"time"

	"github.com/schakel-nl/schakel"
)

// Store is what the service needs of the store.
type Store interface {
	ReserveIdempotencyKey(ctx context.Context, a *schakel.IdempotentAnswer) (*schakel.IdempotentAnswer, error)
	CompleteIdempotencyKey(ctx context.Context, a *schakel.IdempotentAnswer) error
	ReleaseIdempotencyKey(ctx context.Context, caller, key string) error
	DeleteIdempotencyKeys(ctx context.Context, before time.Time) (int64, error)
}

// Service decides what a create with an Idempotency-Key gets.
type Service struct {
	store Store
	clock schakel.Clock
}

// New returns the service over st.
func New(st Store, clock schakel.Clock) *Service {
	if clock == nil {
		clock = schakel.SystemClock{}
	}
	return &Service{store: st, clock: clock}
}

// Header is the request header that carries the key.
const Header = "Idempotency-Key"

// Begin reserves a's caller and key for the create about to run and returns
// nil; or returns the first answer when the caller made this request with
// this key before. A key used for another request (route or body) is
// EUNPROCESSABLE; a key whose create is still running (or whose server
// stopped mid-way, until the key expires) is ECONFLICT.
func (s *Service) Begin(ctx context.Context, a *schakel.IdempotentAnswer) (*schakel.IdempotentAnswer, error) {
	prev, err := s.store.ReserveIdempotencyKey(ctx, a)
	if err != nil || prev == nil {
		return nil, err
	}
	if prev.Route != a.Route || prev.BodyHash != a.BodyHash {
		return nil, &schakel.Error{Code: schakel.EUNPROCESSABLE, Message: "Deze Idempotency-Key is al gebruikt voor een ander verzoek.",
			Fields: []schakel.FieldError{{Field: Header, Code: "reused", Format: "is al gebruikt voor een ander verzoek; gebruik een nieuwe sleutel"}}}
	}
	if !prev.Done() {
		return nil, &schakel.Error{Code: schakel.ECONFLICT, RetryAfter: time.Second,
			Message: "Een verzoek met deze Idempotency-Key is nog bezig, of de uitkomst ervan is onbekend. Probeer het zo opnieuw met dezelfde sleutel."}
	}
	return prev, nil
}

// Finish keeps the answer of the create that Begin let run, or, when it
// has none worth replaying (a fault of the server, an unauthenticated or a
// throttled request, which created nothing), frees the key for a retry.
func (s *Service) Finish(ctx context.Context, a *schakel.IdempotentAnswer) error {
	if a.Status == 0 || a.Status >= 500 || a.Status == http.StatusTooManyRequests || a.Status == http.StatusUnauthorized {
		return s.store.ReleaseIdempotencyKey(ctx, a.Caller, a.Key)
	}
	return s.store.CompleteIdempotencyKey(ctx, a)
}

// Expire deletes the keys older than schakel.IdempotencyTTL and returns how
// many; the cleanup job (jobs.Idempotency) runs it.
func (s *Service) Expire(ctx context.Context) (int64, error) {
	return s.store.DeleteIdempotencyKeys(ctx, s.clock.Now().Add(-schakel.IdempotencyTTL))
}
