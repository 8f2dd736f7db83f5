package jobs

import (
	"context"
	"log/slog"
	"time"

	"github.com/schakel-nl/schakel"
	"github.com/schakel-nl/schakel/erasure"
	"github.com/schakel-nl/schakel/progress"
)

// DefaultRetentionInterval is how often Run looks for records whose
// retention period ran out, when it is given no interval.
const DefaultRetentionInterval = time.Hour

// RetentionSweeper is what the retention job needs of the erasure service.
type RetentionSweeper interface {
	Sweep(ctx context.Context, now time.Time, report ...func(done, total int64)) (erasure.SweepResult, error)
}

// The names of the jobs on a progress.Board; the operators' page writes
// them in words.
const (
	// JobRetention is a retention sweep (Retention).
	JobRetention = "retention"
	// JobLedger is a ledger round that catches up on many events
	// (LedgerJob).
	JobLedger = "ledger"
)

// Retention erases the texts of the records whose retention period ran out
// (PRODUCT.md C9, docs/decisions/0016-retention.md), through the erasure
// service. Like the escalation sweep it needs no lease: each erasure is one
// transaction that locks its record and refuses a record erased already,
// so any number of instances may run it at once; what another instance
// erased first is counted as skipped.
type Retention struct {
	Eraser RetentionSweeper
	Clock  schakel.Clock
	Log    *slog.Logger
	// Board, when set, shows each sweep on the operators' page while it
	// runs, as the job "retention" with the records handled so far.
	Board *progress.Board
}

// RunOnce erases everything whose period ran out at the clock's current
// time and returns what it did.
func (j *Retention) RunOnce(ctx context.Context) (erasure.SweepResult, error) {
	clock := j.Clock
	if clock == nil {
		clock = schakel.SystemClock{}
	}
	task := j.Board.Start(JobRetention, 0)
	defer task.Done()
	return j.Eraser.Sweep(ctx, clock.Now(), task.Report)
}

// Run erases every interval until ctx ends, logging counts only: the
// service logs each erasure by kind, id and cause, never a text.
func (j *Retention) Run(ctx context.Context, interval time.Duration) {
	if interval <= 0 {
		interval = DefaultRetentionInterval
	}
	log := j.Log
	if log == nil {
		log = slog.Default()
	}
	t := time.NewTicker(interval)
	defer t.Stop()
	for {
		res, err := j.RunOnce(ctx)
		switch {
		case err != nil && ctx.Err() == nil:
			log.Error("retention", slog.Any("err", err), slog.Int("erased", res.Total()))
		case res.Total() > 0 || res.Skipped > 0:
			log.Info("retention", slog.Int("requests", res.Requests), slog.Int("brakes", res.Brakes), slog.Int("cases", res.Cases),
				slog.Int("skipped", res.Skipped))
		}
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		}
	}
}
