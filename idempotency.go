package schakel

import "time"

// IdempotencyTTL is how long the answer to a create made with an
// Idempotency-Key is kept and replayed (decision 0038).
const IdempotencyTTL = 24 * time.Hour

// IdempotentAnswer is the first answer to an API create made with an
// Idempotency-Key, kept so that a retry with the same key and body gets it
// again instead of making a second object. It belongs to one caller: the
// same key from someone else is a different key.
type IdempotentAnswer struct {
	Caller   string // who asked, e.g. "gebruiker:12"
	Key      string // the Idempotency-Key as sent
	Route    string // method and path, e.g. "POST /api/v1/organisaties"
	BodyHash string // SHA-256 of the request body, hex
	// Status is the HTTP status of the answer; 0 while the create runs
	// (a reservation) or when it ended without an answer to keep.
	Status    int
	Headers   map[string]string // the answer's headers worth replaying (Location, Content-Type)
	Body      []byte
	CreatedAt time.Time
}

// Done reports whether the answer is known; a reservation is not.
func (a *IdempotentAnswer) Done() bool { return a.Status != 0 }
