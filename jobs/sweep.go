// Package jobs holds schakel's background work. The escalation sweep is its
// own loop rather than a River job (docs/decisions/0004-own-sweeper.md): its
// correctness comes from conditional state transitions in the store, so any
// number of instances may run it at once.
package jobs

import (
	"context"
	"log/slog"
	"time"

	"github.com/schakel-nl/schakel"
	"github.com/schakel-nl/schakel/comply"
	"github.com/schakel-nl/schakel/store"
)

// SweepStore is what the sweep needs of the store.
type SweepStore interface {
	SweepDue(ctx context.Context, now time.Time, n int, step store.SweepStep) (store.SweepResult, error)
}

// Sweeper escalates requests whose deadlines passed, records misses at the
// top rung and sends reminders.
type Sweeper struct {
	Store  SweepStore
	Engine *comply.Engine
	Clock  schakel.Clock
	Log    *slog.Logger
	// Batch is how many due requests one round reads; default 500.
	Batch int
}

// SweepResult counts what one sweep did.
type SweepResult struct {
	Escalated int // moved to the next rung
	MissedTop int // deadline missed at the top rung, recorded
	Reminded  int // reminders sent
	Conflicts int // another instance or an answer came first
}

// Add adds the counts of o to r.
func (r *SweepResult) Add(o SweepResult) {
	r.Escalated += o.Escalated
	r.MissedTop += o.MissedTop
	r.Reminded += o.Reminded
	r.Conflicts += o.Conflicts
}

// Total is the number of transitions the sweep stored.
func (r SweepResult) Total() int { return r.Escalated + r.MissedTop + r.Reminded }

// SweepOnce handles everything due at the clock's current time, a batch per
// transaction, and returns what it did. An answer that committed first wins:
// the sweep's update is conditional on the version it read and is skipped
// when that changed.
func (s *Sweeper) SweepOnce(ctx context.Context) (SweepResult, error) {
	batch := s.Batch
	if batch <= 0 {
		batch = 500
	}
	now := s.Clock.Now()
	step := func(r *schakel.Request) (*schakel.Request, *schakel.Event, error) { return s.Engine.Sweep(r, now) }
	var res SweepResult
	for {
		got, err := s.Store.SweepDue(ctx, now, batch, step)
		if err != nil {
			return res, err
		}
		res.Conflicts += got.Conflicts
		for _, ev := range got.Events {
			switch ev.Type {
			case schakel.EventEscalated:
				res.Escalated++
			case schakel.EventDeadlineMissed:
				res.MissedTop++
			case schakel.EventReminder:
				res.Reminded++
			}
		}
		// Done when a round changed nothing: nothing is due any more, or what
		// is left is being handled by another instance right now.
		if len(got.Events) == 0 {
			return res, nil
		}
	}
}

// Run sweeps every interval until ctx ends, logging what it did.
func (s *Sweeper) Run(ctx context.Context, interval time.Duration) {
	t := time.NewTicker(interval)
	defer t.Stop()
	for {
		res, err := s.SweepOnce(ctx)
		switch {
		case err != nil && ctx.Err() == nil:
			s.Log.Error("sweep", slog.Any("err", err))
		case res.Total() > 0 || res.Conflicts > 0:
			s.Log.Info("sweep", slog.Int("escalated", res.Escalated), slog.Int("missed_top", res.MissedTop),
				slog.Int("reminded", res.Reminded), slog.Int("conflicts", res.Conflicts))
		}
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		}
	}
}
