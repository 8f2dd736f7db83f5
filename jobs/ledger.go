package jobs

import (
	"context"
	"fmt"
	"log/slog"
	"time"

	"golang.org/x/mod/sumdb/tlog"

	"github.com/schakel-nl/schakel"
	"github.com/schakel-nl/schakel/ledger"
)

// LedgerStore is what the log job needs of the store (*store.Store).
type LedgerStore interface {
	SequenceLedger(ctx context.Context, limit int) (int, error)
	LedgerSize(ctx context.Context) (int64, error)
	LedgerHashReader(ctx context.Context) tlog.HashReader
	LatestCheckpoint(ctx context.Context) (size int64, note []byte, err error)
	SaveCheckpoint(ctx context.Context, size int64, note []byte) error
}

// DefaultLedgerInterval is how often Run looks for new events: checkpoints
// are made when there are new entries, at most every few seconds.
const DefaultLedgerInterval = 2 * time.Second

// LedgerJob keeps the verifiable public record: it appends committed events to
// the log (the sequencer, docs/decisions/0006-log-sequencer.md) and signs a
// checkpoint when the log has grown. Any number of instances may run it at
// once: the store appends each event exactly once, and two instances
// signing the same size with the same key make the same checkpoint.
type LedgerJob struct {
	Store  LedgerStore
	Signer *ledger.Signer
	// Clock times the rounds for the log; defaults to schakel.SystemClock.
	Clock schakel.Clock
	Log   *slog.Logger
	// Batch is how many events one transaction appends; default 1000.
	Batch int
}

// RunOnce appends every event committed and not yet in the log, then, if
// the log is larger than the latest checkpoint (or there is none yet, so a
// new log is verifiable from the start), signs and saves a checkpoint for
// its current size. It returns the number of entries it appended and
// whether it saved a checkpoint.
func (j *LedgerJob) RunOnce(ctx context.Context) (appended int, checkpointed bool, err error) {
	batch := j.Batch
	if batch <= 0 {
		batch = 1000
	}
	for {
		n, err := j.Store.SequenceLedger(ctx, batch)
		appended += n
		if err != nil {
			return appended, false, err
		}
		// Fewer than asked: nothing more was pending when it looked. Events
		// committed since are for the next round, so a busy system cannot
		// keep one round going for ever.
		if n < batch {
			break
		}
	}
	size, err := j.Store.LedgerSize(ctx)
	if err != nil {
		return appended, false, err
	}
	latest, _, err := j.Store.LatestCheckpoint(ctx)
	switch {
	case schakel.ErrorCode(err) == schakel.ENOTFOUND:
		latest = -1
	case err != nil:
		return appended, false, err
	}
	if size <= latest {
		return appended, false, nil
	}
	root, err := tlog.TreeHash(size, j.Store.LedgerHashReader(ctx))
	if err != nil {
		return appended, false, fmt.Errorf("jobs: log: tree hash of size %d: %w", size, err)
	}
	note, err := j.Signer.Sign(size, root)
	if err != nil {
		return appended, false, err
	}
	if err := j.Store.SaveCheckpoint(ctx, size, note); err != nil {
		return appended, false, err
	}
	return appended, true, nil
}

// Run runs RunOnce every interval (DefaultLedgerInterval when 0 or less) until
// ctx ends, logging what it did.
func (j *LedgerJob) Run(ctx context.Context, interval time.Duration) {
	if interval <= 0 {
		interval = DefaultLedgerInterval
	}
	clock := j.Clock
	if clock == nil {
		clock = schakel.SystemClock{}
	}
	log := j.Log
	if log == nil {
		log = slog.Default()
	}
	t := time.NewTicker(interval)
	defer t.Stop()
	for {
		start := clock.Now()
		n, cp, err := j.RunOnce(ctx)
		switch {
		case err != nil && ctx.Err() == nil:
			log.Error("ledger", slog.Any("err", err), slog.Int("appended", n))
		case n > 0 || cp:
			log.Info("ledger", slog.Int("appended", n), slog.Bool("checkpoint", cp), slog.Duration("took", clock.Now().Sub(start)))
		}
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		}
	}
}
