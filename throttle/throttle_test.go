package throttle

import (
	"bytes"
	"fmt"
	"reflect"
	"testing"
	"time"

	"golang.org/x/time/rate"
)

// t0 is the start of every test's clock.
var t0 = time.Date(2026, 11, 25, 9, 0, 0, 0, time.UTC)

// mustNew returns a Limiter for c or fails the test.
func mustNew(tb testing.TB, c Config) *Limiter {
	tb.Helper()
	l, err := New(c)
	if err != nil {
		tb.Fatalf("New(%+v): %v", c, err)
	}
	return l
}

// step is one call of Allow and what it must return.
type step struct {
	at      time.Duration // since t0
	address string
	ok      bool
	retry   time.Duration
}

func run(t *testing.T, l *Limiter, steps []step) {
	t.Helper()
	for i, s := range steps {
		ok, retry := l.Allow(s.address, t0.Add(s.at))
		if ok != s.ok || retry != s.retry {
			t.Errorf("step %d: Allow(%q, t0+%v) = %v, %v; want %v, %v", i, s.address, s.at, ok, retry, s.ok, s.retry)
		}
	}
}

func TestAllow(t *testing.T) {
	// Per address: 3 at once, then one per 10 s. Globally: 5 at once, then
	// one per second.
	cfg := Config{PerAddress: rate.Every(10 * time.Second), PerAddressBurst: 3, Global: 1, GlobalBurst: 5}
	tests := []struct {
		name  string
		steps []step
	}{
		{"burst then refusal", []step{
			{0, "a", true, 0},
			{0, "a", true, 0},
			{0, "a", true, 0},
			{0, "a", false, 10 * time.Second},
			{4 * time.Second, "a", false, 6 * time.Second},
		}},
		{"refill after moving the clock", []step{
			{0, "a", true, 0},
			{0, "a", true, 0},
			{0, "a", true, 0},
			{10 * time.Second, "a", true, 0},
			{10 * time.Second, "a", false, 10 * time.Second},
			{30 * time.Second, "a", true, 0},
			{30 * time.Second, "a", true, 0},
			{30 * time.Second, "a", false, 10 * time.Second},
		}},
		{"other addresses unaffected", []step{
			{0, "a", true, 0},
			{0, "a", true, 0},
			{0, "a", true, 0},
			{0, "a", false, 10 * time.Second},
			{0, "b", true, 0},
			{0, "b", true, 0},
		}},
		{"global bucket refuses everyone", []step{
			{0, "a", true, 0},
			{0, "b", true, 0},
			{0, "c", true, 0},
			{0, "d", true, 0},
			{0, "e", true, 0},
			{0, "f", false, time.Second},
			{0, "a", false, time.Second},
			{500 * time.Millisecond, "g", false, 500 * time.Millisecond},
			{time.Second, "g", true, 0},
			{time.Second, "h", false, time.Second},
		}},
		{"address refusal takes no global token", []step{
			{0, "a", true, 0},
			{0, "a", true, 0},
			{0, "a", true, 0},
			// Many refusals of a: the global bucket keeps its 2 tokens.
			{0, "a", false, 10 * time.Second},
			{0, "a", false, 10 * time.Second},
			{0, "a", false, 10 * time.Second},
			{0, "b", true, 0},
			{0, "c", true, 0},
			{0, "d", false, time.Second},
		}},
		{"global refusal takes no address token", []step{
			{0, "a", true, 0},
			{0, "b", true, 0},
			{0, "b", true, 0},
			{0, "b", true, 0},
			{0, "c", true, 0},
			{0, "a", false, time.Second},
			{0, "a", false, time.Second},
			// a kept its two tokens through the refusals.
			{2 * time.Second, "a", true, 0},
			{2 * time.Second, "a", true, 0},
			{3 * time.Second, "a", false, 7 * time.Second},
		}},
		{"empty address is one address", []step{
			{0, "", true, 0},
			{0, "", true, 0},
			{0, "", true, 0},
			{0, "", false, 10 * time.Second},
		}},
		{"clock going back", []step{
			{time.Minute, "a", true, 0},
			{time.Minute, "a", true, 0},
			{time.Minute, "a", true, 0},
			{0, "a", false, 10 * time.Second},
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			run(t, mustNew(t, cfg), tt.steps)
		})
	}
}

func TestAllowRetryAfterFraction(t *testing.T) {
	// 3 per second: after the burst the next token is a third of a
	// second away, rounded up to the nanosecond.
	l := mustNew(t, Config{PerAddress: 3, PerAddressBurst: 1, Global: rate.Inf})
	run(t, l, []step{
		{0, "a", true, 0},
		{0, "a", false, 333333334},
		{333333334, "a", true, 0},
	})
}

func TestAllowUnlimited(t *testing.T) {
	t.Run("per address", func(t *testing.T) {
		l := mustNew(t, Config{PerAddress: rate.Inf, Global: 1, GlobalBurst: 2})
		run(t, l, []step{{0, "a", true, 0}, {0, "a", true, 0}, {0, "b", false, time.Second}})
		if l.Len() != 0 {
			t.Errorf("Len() = %d without per-address limits, want 0", l.Len())
		}
	})
	t.Run("global", func(t *testing.T) {
		l := mustNew(t, Config{PerAddress: 1, PerAddressBurst: 1, Global: rate.Inf})
		var steps []step
		for i := range 1000 {
			steps = append(steps, step{0, fmt.Sprint(i), true, 0})
		}
		run(t, l, steps)
	})
}

func TestNewRefuses(t *testing.T) {
	for name, c := range map[string]Config{
		"zero":                   {},
		"zero per-address rate":  {PerAddress: 0, PerAddressBurst: 1, Global: 1, GlobalBurst: 1},
		"negative global rate":   {PerAddress: 1, PerAddressBurst: 1, Global: -1, GlobalBurst: 1},
		"zero per-address burst": {PerAddress: 1, PerAddressBurst: 0, Global: 1, GlobalBurst: 1},
		"zero global burst":      {PerAddress: 1, PerAddressBurst: 1, Global: 1, GlobalBurst: 0},
		"negative max":           {PerAddress: 1, PerAddressBurst: 1, Global: 1, GlobalBurst: 1, MaxAddresses: -1},
	} {
		t.Run(name, func(t *testing.T) {
			if l, err := New(c); err == nil {
				t.Errorf("New(%+v) = %v, want an error", c, l)
			}
		})
	}
}

func TestSweep(t *testing.T) {
	// A bucket of 3 refills at one per 10 s: 30 s from empty.
	l := mustNew(t, Config{PerAddress: rate.Every(10 * time.Second), PerAddressBurst: 3, Global: rate.Inf})
	l.Allow("a", t0)
	l.Allow("a", t0)
	l.Allow("a", t0)
	l.Allow("b", t0.Add(5*time.Second))
	l.Allow("c", t0.Add(25*time.Second))
	if got := l.Len(); got != 3 {
		t.Fatalf("Len() = %d, want 3", got)
	}
	// At 30 s a is full again (and b too: it spent one token at 5 s) and
	// both are swept; c spent one at 25 s and is kept; d is new.
	l.Allow("d", t0.Add(30*time.Second))
	if got := l.Len(); got != 2 {
		t.Errorf("Len() after 30 s = %d, want 2 (c and d)", got)
	}
	// No sweep before another refill time has passed.
	l.Allow("e", t0.Add(59*time.Second))
	if got := l.Len(); got != 3 {
		t.Errorf("Len() at 59 s = %d, want 3", got)
	}
	// After a long quiet time everything is forgotten but the caller.
	l.Allow("f", t0.Add(time.Hour))
	if got := l.Len(); got != 1 {
		t.Errorf("Len() after an hour = %d, want 1", got)
	}
	// A forgotten address starts with a full bucket, as it would have had.
	run(t, l, []step{
		{time.Hour, "a", true, 0},
		{time.Hour, "a", true, 0},
		{time.Hour, "a", true, 0},
		{time.Hour, "a", false, 10 * time.Second},
	})
}

func TestMaxAddresses(t *testing.T) {
	l := mustNew(t, Config{PerAddress: rate.Every(time.Minute), PerAddressBurst: 2, Global: rate.Inf, MaxAddresses: 3})
	run(t, l, []step{
		{0, "a", true, 0},
		{0, "b", true, 0},
		{0, "c", true, 0},
		// The map is full: d and e share the overflow bucket.
		{0, "d", true, 0},
		{0, "e", true, 0},
		{0, "d", false, time.Minute},
		{0, "f", false, time.Minute},
		// Known addresses keep their own bucket.
		{0, "a", true, 0},
		{0, "a", false, time.Minute},
	})
	if got := l.Len(); got != 3 {
		t.Errorf("Len() = %d, want the maximum 3", got)
	}
	// Once the buckets are full again a sweep makes room.
	run(t, l, []step{{2 * time.Minute, "d", true, 0}})
	if got := l.Len(); got != 1 {
		t.Errorf("Len() after the sweep = %d, want 1", got)
	}
}

func TestMaxAddressesDefault(t *testing.T) {
	l := mustNew(t, Config{PerAddress: 1, PerAddressBurst: 1, Global: rate.Inf})
	if l.cfg.MaxAddresses != DefaultMaxAddresses {
		t.Errorf("MaxAddresses = %d, want %d", l.cfg.MaxAddresses, DefaultMaxAddresses)
	}
}

func TestFullMapSweepsAtMostOncePerInterval(t *testing.T) {
	l := mustNew(t, Config{PerAddress: rate.Every(time.Hour), PerAddressBurst: 1, Global: rate.Inf, MaxAddresses: 2})
	l.Allow("a", t0)
	l.Allow("b", t0)
	// Both buckets are empty for an hour, so a sweep frees nothing; what
	// matters is that the full map was swept at t0+1s and not again
	// within the next second.
	l.Allow("c", t0.Add(time.Second))
	if !l.lastSweep.Equal(t0.Add(time.Second)) {
		t.Errorf("lastSweep = %v, want t0+1s", l.lastSweep)
	}
	l.Allow("c", t0.Add(1500*time.Millisecond))
	if !l.lastSweep.Equal(t0.Add(time.Second)) {
		t.Errorf("lastSweep = %v after half a second, want t0+1s", l.lastSweep)
	}
}

func TestNoAddressStored(t *testing.T) {
	addresses := []string{"192.0.2.1", "198.51.100.23", "2001:db8:1:2::/64", "203.0.113.254"}
	l := mustNew(t, Config{PerAddress: 1, PerAddressBurst: 1, Global: rate.Inf})
	other := mustNew(t, Config{PerAddress: 1, PerAddressBurst: 1, Global: rate.Inf})
	for _, a := range addresses {
		l.Allow(a, t0)
		other.Allow(a, t0)
	}
	if kind := reflect.TypeOf(l.entries).Key().Kind(); kind != reflect.Array {
		t.Fatalf("the map is keyed by a %v, want a fixed-size hash", kind)
	}
	for k := range l.entries {
		for _, a := range addresses {
			if bytes.Contains(k[:], []byte(a)) {
				t.Errorf("key %x contains address %q", k, a)
			}
		}
		if _, ok := other.entries[k]; ok {
			t.Errorf("key %x is the same in two Limiters: the HMAC key is not random", k)
		}
	}
	if len(l.entries) != len(addresses) {
		t.Errorf("%d entries for %d addresses", len(l.entries), len(addresses))
	}
}

func TestRetryAfter(t *testing.T) {
	tests := []struct {
		d    time.Duration
		want string
	}{
		{0, "1"},
		{-time.Second, "1"},
		{time.Nanosecond, "1"},
		{time.Second, "1"},
		{time.Second + time.Nanosecond, "2"},
		{1500 * time.Millisecond, "2"},
		{10 * time.Second, "10"},
		{time.Hour, "3600"},
	}
	for _, tt := range tests {
		if got := RetryAfter(tt.d); got != tt.want {
			t.Errorf("RetryAfter(%v) = %q, want %q", tt.d, got, tt.want)
		}
	}
}

func TestWaitMinutes(t *testing.T) {
	for _, tc := range []struct {
		in   time.Duration
		want int
	}{
		{0, 0}, {-time.Second, 0}, {time.Nanosecond, 1}, {10 * time.Second, 1}, {time.Minute, 1},
		{time.Minute + time.Nanosecond, 2}, {61 * time.Second, 2}, {59 * time.Minute, 59}, {time.Hour, 60},
	} {
		if got := WaitMinutes(tc.in); got != tc.want {
			t.Errorf("WaitMinutes(%v) = %d, want %d", tc.in, got, tc.want)
		}
	}
}
