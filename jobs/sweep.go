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
	"github.com/schakel-nl/schakel/account"
)

// SweepStore is what the sweep needs of the store.
type SweepStore interface {
	DueRequests(ctx context.Context, now time.Time, limit int) ([]*schakel.Request, error)
	UpdateRequest(ctx context.Context, prevVersion int, next *schakel.Request, ev *schakel.Event) error
}

// Sweeper escalates requests whose deadlines passed, records misses at the
// top rung and sends reminders.
type Sweeper struct {
	Store  SweepStore
	Engine *account.Engine
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

// SweepOnce handles everything due at the clock's current time and returns
// what it did. An answer that committed first wins: the sweep's update is
// conditional on the version it read and is skipped when that changed.
func (s *Sweeper) SweepOnce(ctx context.Context) (SweepResult, error) {
	batch := s.Batch
	if batch <= 0 {
		batch = 500
	}
	now := s.Clock.Now()
	var res SweepResult
	for {
		due, err := s.Store.DueRequests(ctx, now, batch)
		if err != nil {
			return res, err
		}
		progress := 0
		for _, r := range due {
			for r != nil {
				n, ev, err := s.Engine.Sweep(r, now)
				if err != nil {
					return res, err
				}
				if n == nil {
					break
				}
				err = s.Store.UpdateRequest(ctx, r.Version, n, ev)
				if schakel.ErrorCode(err) == schakel.ECONFLICT {
					res.Conflicts++
					break
				}
				if err != nil {
					return res, err
				}
				progress++
				switch ev.Type {
				case schakel.EventEscalated:
					res.Escalated++
				case schakel.EventDeadlineMissed:
					res.MissedTop++
				case schakel.EventReminder:
					res.Reminded++
				}
				r = n
			}
		}
		// Done when nothing was due, or when a whole round changed nothing
		// (every due request was taken by another instance): the next tick
		// sees the rest.
		if len(due) < batch || progress == 0 {
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
