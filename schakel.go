// Package schakel holds the domain of schakel: the types every capability
// shares, the error type with its codes and the service interfaces that the
// store implements. It does no I/O; implementations live in subpackages named
// after what they wrap (store, web, api, …).
package schakel

import "time"

// Clock tells the time. Everything that computes a deadline or stamps an
// event takes a Clock, so tests move time instead of sleeping.
type Clock interface {
	Now() time.Time
}

// SystemClock is the Clock of the real world, in UTC.
type SystemClock struct{}

// Now returns the current time in UTC.
func (SystemClock) Now() time.Time { return time.Now().UTC() }

// ClockFunc adapts a function to the Clock interface.
type ClockFunc func() time.Time

// Now calls f.
func (f ClockFunc) Now() time.Time { return f() }
