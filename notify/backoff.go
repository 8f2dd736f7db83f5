package notify

import "time"

// The retry schedule of a notification: after failed attempt n (1 for the
// first) the next is Backoff(n) later, 30 s doubling up to 6 h; attempt
// MaxAttempts is the last. The waits before giving up add up to about 38½
// hours, so a receiver down for a night and a day still gets everything;
// after that the notification is given up, which operators see and may
// retry.
const (
	FirstBackoff = 30 * time.Second
	MaxBackoff   = 6 * time.Hour
	MaxAttempts  = 16
)

// Backoff returns how long to wait after failed attempt n (1-based) before
// the next: FirstBackoff·2^(n-1), at most MaxBackoff. n below 1 counts as 1.
func Backoff(attempt int) time.Duration {
	if attempt < 1 {
		attempt = 1
	}
	d := FirstBackoff
	for i := 1; i < attempt; i++ {
		d *= 2
		if d >= MaxBackoff {
			return MaxBackoff
		}
	}
	return d
}

// NextAttempt returns when to try again after failed attempt n at now, or
// the zero time when n was the last attempt and the notification is to be
// given up.
func NextAttempt(now time.Time, attempt int) time.Time {
	if attempt >= MaxAttempts {
		return time.Time{}
	}
	return now.Add(Backoff(attempt))
}
