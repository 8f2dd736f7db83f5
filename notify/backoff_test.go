package notify_test

import (
	"fmt"
	"testing"
	"time"

	"github.com/schakel-nl/schakel/notify"
)

func TestBackoff(t *testing.T) {
	tests := []struct {
		attempt int
		want    time.Duration
	}{
		{-1, 30 * time.Second},
		{0, 30 * time.Second},
		{1, 30 * time.Second},
		{2, time.Minute},
		{3, 2 * time.Minute},
		{10, 256 * time.Minute},
		{11, 6 * time.Hour},
		{12, 6 * time.Hour},
		{1000, 6 * time.Hour},
	}
	for _, tt := range tests {
		if got := notify.Backoff(tt.attempt); got != tt.want {
			t.Errorf("Backoff(%d) = %v, want %v", tt.attempt, got, tt.want)
		}
	}
	// The whole schedule: about a day and a half before giving up.
	var total time.Duration
	for n := 1; n < notify.MaxAttempts; n++ {
		total += notify.Backoff(n)
	}
	if total < 24*time.Hour || total > 48*time.Hour {
		t.Fatalf("the retries span %v", total)
	}
}

func TestNextAttempt(t *testing.T) {
	now := time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC)
	if got := notify.NextAttempt(now, 1); !got.Equal(now.Add(30 * time.Second)) {
		t.Errorf("after attempt 1: %v", got)
	}
	if got := notify.NextAttempt(now, notify.MaxAttempts-1); !got.Equal(now.Add(6 * time.Hour)) {
		t.Errorf("after the last but one: %v", got)
	}
	if got := notify.NextAttempt(now, notify.MaxAttempts); !got.IsZero() {
		t.Errorf("after the last attempt: %v, want zero (give up)", got)
	}
}

func ExampleBackoff() {
	for _, n := range []int{1, 2, 3, 10, 11} {
		fmt.Println(n, notify.Backoff(n))
	}
	// Output:
	// 1 30s
	// 2 1m0s
	// 3 2m0s
	// 10 4h16m0s
	// 11 6h0m0s
}
