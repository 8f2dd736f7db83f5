// Package throttle limits how often public lookups and submissions may be
// made, per client address and for everyone together, with token buckets
// from golang.org/x/time/rate.
//
// Time comes in as an argument of every call, never from the system clock,
// so tests move time instead of sleeping. Addresses are personal data: the
// Limiter keeps only a keyed hash of each, never the address itself, and
// forgets it once it no longer limits anything.
package throttle

import (
	"crypto/hmac"
	"crypto/rand"
	"crypto/sha256"
	"errors"
	"fmt"
	"hash"
	"math"
	"strconv"
	"sync"
	"time"

	"golang.org/x/time/rate"
)

// DefaultMaxAddresses is the number of addresses a Limiter keeps a bucket
// for when Config.MaxAddresses is 0. An entry takes some 200 bytes, so the
// map stays below about 20 MB however many addresses come.
const DefaultMaxAddresses = 100_000

// fullSweepInterval is how often, on the injected clock, a full map is
// swept to make room, so that a flood of new addresses cannot make every
// call walk the whole map.
const fullSweepInterval = time.Second

// Config sets the limits of a Limiter.
type Config struct {
	// PerAddress is the rate at which one address earns requests, and
	// PerAddressBurst how many it may make at once after a quiet time.
	// rate.Inf means no limit per address.
	PerAddress      rate.Limit
	PerAddressBurst int
	// Global and GlobalBurst limit all addresses together: the bound on
	// the work a flood from many addresses can cause. rate.Inf means none.
	Global      rate.Limit
	GlobalBurst int
	// MaxAddresses bounds the addresses with a bucket of their own; 0
	// means DefaultMaxAddresses. When the map is full, addresses without a
	// bucket share one overflow bucket with the per-address limits, so a
	// flood of new addresses is limited as if it came from one.
	MaxAddresses int
}

// Validate reports whether c describes limits a Limiter can enforce.
func (c Config) Validate() error {
	check := func(name string, limit rate.Limit, burst int) error {
		if limit == rate.Inf {
			return nil
		}
		if !(limit > 0) || math.IsNaN(float64(limit)) {
			return fmt.Errorf("throttle: %s rate %v must be positive or rate.Inf", name, limit)
		}
		if burst < 1 {
			return fmt.Errorf("throttle: %s burst %d must be at least 1", name, burst)
		}
		return nil
	}
	if err := check("per-address", c.PerAddress, c.PerAddressBurst); err != nil {
		return err
	}
	if err := check("global", c.Global, c.GlobalBurst); err != nil {
		return err
	}
	if c.MaxAddresses < 0 {
		return errors.New("throttle: MaxAddresses must not be negative")
	}
	return nil
}

// addressKey is an HMAC-SHA256 of an address: what the Limiter keeps
// instead of the address.
type addressKey [sha256.Size]byte

// Limiter limits requests per address and globally. A request is allowed
// when both the address's bucket and the global bucket hold a token, and
// then takes one from each; a refused request takes nothing, so a client
// refused for its own rate does not use up the others' global budget, and
// one refused because of a flood is not charged for it.
//
// A Limiter is safe for use by many goroutines at once.
type Limiter struct {
	mu      sync.Mutex
	cfg     Config
	mac     hash.Hash // HMAC-SHA256 with a random key made by New
	entries map[addressKey]*rate.Limiter
	// overflow is shared by the addresses that find the map full.
	overflow *rate.Limiter
	global   *rate.Limiter
	// refill is the time an empty per-address bucket takes to fill: after
	// that an entry is as good as new and can be forgotten.
	refill    time.Duration
	lastSweep time.Time
}

// New returns a Limiter with the limits of c, or an error when c is not
// valid. Its HMAC key is random and lives only in memory, so the keys of
// its map cannot be tied to addresses by anyone without the process's
// memory, and not at all after a restart.
func New(c Config) (*Limiter, error) {
	if err := c.Validate(); err != nil {
		return nil, err
	}
	if c.MaxAddresses == 0 {
		c.MaxAddresses = DefaultMaxAddresses
	}
	key := make([]byte, sha256.Size)
	if _, err := rand.Read(key); err != nil {
		return nil, fmt.Errorf("throttle: make key: %w", err)
	}
	l := &Limiter{
		cfg:      c,
		mac:      hmac.New(sha256.New, key),
		entries:  map[addressKey]*rate.Limiter{},
		overflow: rate.NewLimiter(c.PerAddress, c.PerAddressBurst),
		global:   rate.NewLimiter(c.Global, c.GlobalBurst),
	}
	if c.PerAddress != rate.Inf {
		l.refill = durationOf(float64(c.PerAddressBurst) / float64(c.PerAddress))
	}
	return l, nil
}

// Allow reports whether a request from address at time now may go ahead,
// and takes a token from its address's bucket and the global bucket when
// it may. When it may not, retryAfter is how long until it would be
// allowed if nothing else came in between: the value for a Retry-After
// header (see RetryAfter).
//
// address is any string that tells clients apart, usually AddressOf's;
// "" is one address like any other.
func (l *Limiter) Allow(address string, now time.Time) (ok bool, retryAfter time.Duration) {
	l.mu.Lock()
	defer l.mu.Unlock()

	var own *rate.Limiter
	if l.cfg.PerAddress != rate.Inf {
		own = l.bucket(address, now)
		if wait := waitFor(own, now); wait > 0 {
			return false, wait
		}
	}
	if wait := waitFor(l.global, now); wait > 0 {
		return false, wait
	}
	if own != nil {
		own.AllowN(now, 1)
	}
	l.global.AllowN(now, 1)
	return true, 0
}

// bucket returns the bucket of address, making one if there is room and
// otherwise returning the shared overflow bucket. It sweeps the map when
// it is time to. l.mu must be held.
func (l *Limiter) bucket(address string, now time.Time) *rate.Limiter {
	if now.Before(l.lastSweep) {
		// The clock went back: start the interval again rather than
		// never sweeping until it has caught up.
		l.lastSweep = now
	}
	since := now.Sub(l.lastSweep)
	full := len(l.entries) >= l.cfg.MaxAddresses
	if since >= l.refill || (full && since >= fullSweepInterval) {
		l.sweep(now)
	}

	var k addressKey
	l.mac.Reset()
	l.mac.Write([]byte(address))
	l.mac.Sum(k[:0])
	if b, ok := l.entries[k]; ok {
		return b
	}
	if len(l.entries) >= l.cfg.MaxAddresses {
		return l.overflow
	}
	b := rate.NewLimiter(l.cfg.PerAddress, l.cfg.PerAddressBurst)
	l.entries[k] = b
	return b
}

// sweep forgets every address whose bucket is full at now. Such an entry
// has been idle at least the refill time and limits nothing: a new bucket
// made on the address's next request is the same. l.mu must be held.
func (l *Limiter) sweep(now time.Time) {
	burst := float64(l.cfg.PerAddressBurst)
	for k, b := range l.entries {
		if b.TokensAt(now) >= burst {
			delete(l.entries, k)
		}
	}
	l.lastSweep = now
}

// Len returns the number of addresses the Limiter keeps a bucket for.
func (l *Limiter) Len() int {
	l.mu.Lock()
	defer l.mu.Unlock()
	return len(l.entries)
}

// waitFor returns how long until b holds a whole token at now, or 0 when
// it does.
func waitFor(b *rate.Limiter, now time.Time) time.Duration {
	limit := b.Limit()
	if limit == rate.Inf {
		return 0
	}
	tokens := b.TokensAt(now)
	if tokens >= 1 {
		return 0
	}
	return max(durationOf((1-tokens)/float64(limit)), time.Nanosecond)
}

// durationOf returns seconds as a Duration, rounded up, capped at the
// largest Duration.
func durationOf(seconds float64) time.Duration {
	ns := math.Ceil(seconds * float64(time.Second))
	if ns >= math.MaxInt64 {
		return time.Duration(math.MaxInt64)
	}
	return time.Duration(ns)
}

// RetryAfter returns d in whole seconds, rounded up and at least 1, as the
// value of a Retry-After header (RFC 9110 §10.2.3), so that a client that
// obeys it is allowed when it comes back.
func RetryAfter(d time.Duration) string {
	s := int64(d / time.Second)
	if d%time.Second > 0 {
		s++
	}
	return strconv.FormatInt(max(s, 1), 10)
}

// WaitMinutes is how long to wait before trying again, in whole minutes
// rounded up, for telling people: a wait of 10 seconds is "1 minute", one of
// 61 seconds "2 minutes". Zero or less is 0.
func WaitMinutes(retryAfter time.Duration) int {
	if retryAfter <= 0 {
		return 0
	}
	return int((retryAfter + time.Minute - 1) / time.Minute)
}
