package receipt

import (
	"context"
	"crypto/rand"
	"fmt"
	"io"
	"runtime"

	"golang.org/x/crypto/argon2"
)

// Hasher hashes and verifies codes with at most a fixed number of argon2id
// computations at once. Each one holds Params.MemoryKiB of memory while it
// runs, so without a bound a flood of lookups on a public endpoint would
// grow memory with the flood; with it, memory for hashing stays below
// concurrent × MemoryKiB and the surplus waits its turn (or its context's
// end). Throttling per address (package throttle) keeps the queue short;
// the bound keeps memory safe when throttling is not enough.
//
// A Hasher is safe for use by many goroutines at once.
type Hasher struct {
	params Params
	sem    chan struct{}
	dummy  string
	rand   io.Reader // crypto/rand.Reader; tests replace it
	key    keyFunc   // argon2.IDKey; tests replace it
}

// NewHasher returns a Hasher that makes new hashes with p and runs at most
// concurrent argon2id computations at once. When concurrent is 0 or less it
// is runtime.GOMAXPROCS(0): with one lane per hash, one computation keeps
// one processor busy, so running more at once adds memory and no
// throughput.
//
// NewHasher panics when p is not valid (see Params.Validate): parameters
// are chosen in code, and a wrong one is a bug to find at start.
func NewHasher(p Params, concurrent int) *Hasher {
	if err := p.Validate(); err != nil {
		panic(fmt.Sprintf("receipt: NewHasher: %v", err))
	}
	if concurrent <= 0 {
		concurrent = runtime.GOMAXPROCS(0)
	}
	return &Hasher{
		params: p,
		sem:    make(chan struct{}, concurrent),
		dummy:  dummyHash(p),
		rand:   rand.Reader,
		key:    argon2.IDKey,
	}
}

// Params returns the parameters new hashes are made with.
func (h *Hasher) Params() Params { return h.params }

// NeedsRehash reports whether encoded was made with other parameters than
// the Hasher's (or cannot be read), so a caller that has just verified a
// code can store a new hash of it.
func (h *Hasher) NeedsRehash(encoded string) bool {
	p, _, _, err := decode(encoded)
	return err != nil || p != h.params
}

// Concurrent returns how many computations may run at once.
func (h *Hasher) Concurrent() int { return cap(h.sem) }

// acquire waits for a free slot. It returns ctx's error, without taking a
// slot, when ctx ends first or has already ended. A computation that has
// started runs to its end: argon2 cannot be interrupted.
func (h *Hasher) acquire(ctx context.Context) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	select {
	case h.sem <- struct{}{}:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}

func (h *Hasher) release() { <-h.sem }

// Hash returns the hash of c with the Hasher's parameters and a fresh
// random salt, like the function Hash, once a slot is free.
func (h *Hasher) Hash(ctx context.Context, c Code) (string, error) {
	if err := h.acquire(ctx); err != nil {
		return "", fmt.Errorf("receipt: hash: %w", err)
	}
	defer h.release()
	return hash(c, h.params, h.rand, h.key)
}

// Verify reports whether encoded is the hash of c, like the function
// Verify, once a slot is free.
func (h *Hasher) Verify(ctx context.Context, c Code, encoded string) (bool, error) {
	if err := h.acquire(ctx); err != nil {
		return false, fmt.Errorf("receipt: verify: %w", err)
	}
	defer h.release()
	return verify(c, encoded, h.key)
}

// VerifyNothing does the work of one Verify against a hash made with the
// Hasher's parameters, in a slot like any other, and throws the result
// away. Call it when a typed code's lookup half matches no brake, so the
// refusal takes as long as that of a wrong secret. It returns only ctx's
// error.
//
// Hashes stored with older parameters cost what those parameters cost;
// rehash a code with the current ones when it is verified (NeedsRehash),
// if the time of a refusal must not tell old codes from unknown ones.
func (h *Hasher) VerifyNothing(ctx context.Context) error {
	if err := h.acquire(ctx); err != nil {
		return fmt.Errorf("receipt: verify: %w", err)
	}
	defer h.release()
	_, _ = verify(dummyCode, h.dummy, h.key)
	return nil
}
