package jobs

import (
	"context"
	"errors"
	"sync/atomic"
	"testing"
	"time"

	"github.com/schakel-nl/schakel/brakes"
)

// countingSweeper counts its runs and ends the job's context on the first.
type countingSweeper struct {
	runs   atomic.Int32
	cancel context.CancelFunc
	err    error
}

func (s *countingSweeper) SweepContacts(context.Context, string) (brakes.ContactSweep, error) {
	s.runs.Add(1)
	s.cancel()
	return brakes.ContactSweep{Notified: 1, Deleted: 2}, s.err
}

// TestBrakeContactsRunsAndStops: Run sweeps at once and returns when its
// context ends, also after an error.
func TestBrakeContactsRunsAndStops(t *testing.T) {
	for _, err := range []error{nil, errors.New("database gone")} {
		ctx, cancel := context.WithCancel(context.Background())
		s := &countingSweeper{cancel: cancel, err: err}
		done := make(chan struct{})
		go func() {
			(&BrakeContacts{Brakes: s, BaseURL: "https://schakel.example"}).Run(ctx, time.Hour)
			close(done)
		}()
		<-done
		if n := s.runs.Load(); n != 1 {
			t.Errorf("%d runs, want 1", n)
		}
	}
}
