package jobs

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"sync"
	"time"

	"golang.org/x/mod/sumdb/tlog"

	"github.com/schakel-nl/schakel"
	"github.com/schakel-nl/schakel/ledger"
	"github.com/schakel-nl/schakel/progress"
)

// LedgerStore is what the log job needs of the store (*store.Store).
type LedgerStore interface {
	SequenceLedger(ctx context.Context, limit int) (int, error)
	LedgerSize(ctx context.Context) (int64, error)
	LedgerHashReader(ctx context.Context) tlog.HashReader
	LatestCheckpoint(ctx context.Context) (size int64, note []byte, err error)
	CheckpointAt(ctx context.Context, size int64) ([]byte, error)
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
	// Published, when set, keeps the newest checkpoint published outside
	// the database (docs/decisions/0034-no-rollback-no-fork.md). Before it
	// signs, the job checks that the log extends that checkpoint and
	// refuses to sign when it does not: a database restored from an old
	// backup would otherwise make it publish other roots for sizes it
	// published already.
	Published *ledger.CheckpointFile
	// Cosigning, when set, asks witnesses to cosign the latest checkpoint
	// after each round that did not fail
	// (docs/decisions/0036-witnesses.md); their failures are logged and
	// never fail the round.
	Cosigning *Cosigning
	// Board, when set, shows a round that catches up on more than one
	// batch of events on the operators' page, as the job "ledger" with
	// the entries appended so far (the total is not known ahead); the
	// usual round of a few events never shows.
	Board *progress.Board

	mu      sync.Mutex
	refusal string
}

// Refusal returns why the job refuses to sign checkpoints, with how to
// recover, or "" when it signs. /readyz reports it.
func (j *LedgerJob) Refusal() string {
	j.mu.Lock()
	defer j.mu.Unlock()
	return j.refusal
}

func (j *LedgerJob) setRefusal(msg string) {
	j.mu.Lock()
	j.refusal = msg
	j.mu.Unlock()
}

// refusalHelp says how to recover from a refusal to sign.
const refusalHelp = "the public record is not signed until this is resolved: restore a newer backup of the database " +
	"(one holding at least every entry of the checkpoint published), or rebuild the missing entries from the event rows; " +
	"never delete the checkpoint file to get going again (see docs/operations.md, Backups)"

// RunOnce appends every event committed and not yet in the log, then, if
// the log is larger than the latest checkpoint (or there is none yet, so a
// new log is verifiable from the start), signs and saves a checkpoint for
// its current size, and asks the witnesses (Cosigning) to cosign the
// latest checkpoint. It returns the number of entries it appended and
// whether it saved a checkpoint.
func (j *LedgerJob) RunOnce(ctx context.Context) (appended int, checkpointed bool, err error) {
	appended, checkpointed, err = j.sequenceAndSign(ctx)
	if err == nil && j.Cosigning != nil {
		j.Cosigning.RunOnce(ctx)
	}
	return appended, checkpointed, err
}

// sequenceAndSign is RunOnce without the witnesses.
func (j *LedgerJob) sequenceAndSign(ctx context.Context) (appended int, checkpointed bool, err error) {
	batch := j.Batch
	if batch <= 0 {
		batch = 1000
	}
	var task *progress.Task
	defer func() { task.Done() }()
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
		if task == nil {
			task = j.Board.Start(JobLedger, 0)
		}
		task.Report(int64(appended), 0)
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
	var root tlog.Hash
	if j.Published != nil {
		if size, root, err = j.check(ctx, size, latest); err != nil {
			return appended, false, err
		}
	}
	if size <= latest {
		return appended, false, nil
	}
	if j.Published == nil {
		if root, err = tlog.TreeHash(size, j.Store.LedgerHashReader(ctx)); err != nil {
			return appended, false, fmt.Errorf("jobs: log: tree hash of size %d: %w", size, err)
		}
	}
	note, err := j.Signer.Sign(size, root)
	if err != nil {
		return appended, false, err
	}
	// The file first: a checkpoint in the file that never reached the
	// database is signed again with the same note (Ed25519 is
	// deterministic); one in the database and not in the file would leave
	// the guard a step behind.
	if j.Published != nil {
		if err := j.Published.Save(note); err != nil {
			return appended, false, err
		}
	}
	if err := j.Store.SaveCheckpoint(ctx, size, note); err != nil {
		return appended, false, err
	}
	return appended, true, nil
}

// check runs guard for the log of the given size. Another instance sharing
// the file may have appended and signed since this round read the size:
// on a rollback it looks at the size once more, and returns the size it
// checked.
func (j *LedgerJob) check(ctx context.Context, size, latest int64) (int64, tlog.Hash, error) {
	root, err := j.guard(ctx, size, latest)
	if errors.Is(err, ledger.ErrRollback) {
		if grown, serr := j.Store.LedgerSize(ctx); serr == nil && grown > size {
			size = grown
			root, err = j.guard(ctx, size, latest)
		}
	}
	return size, root, err
}

// guard checks that the log of the given size extends the checkpoint in
// the Published file and returns its root. On a rollback or fork it sets
// the refusal and returns an error wrapping ledger.ErrRollback or
// ledger.ErrFork. When the database holds a newer checkpoint than the
// file (a deployment from before the file, or another instance signed
// it), the file is brought up to it once that too is consistent.
func (j *LedgerJob) guard(ctx context.Context, size, latest int64) (tlog.Hash, error) {
	hr := j.Store.LedgerHashReader(ctx)
	root, err := tlog.TreeHash(size, hr)
	if err != nil {
		return root, fmt.Errorf("jobs: log: tree hash of size %d: %w", size, err)
	}
	refuse := func(err error) (tlog.Hash, error) {
		msg := fmt.Sprintf("%v; %s", err, refusalHelp)
		j.setRefusal(msg)
		return root, fmt.Errorf("jobs: log: refusing to sign: %w; %s", err, refusalHelp)
	}
	published, err := j.Published.Load()
	if err != nil {
		return refuse(err)
	}
	have := int64(-1)
	if published != nil {
		cp, err := ledger.OpenCheckpoint(published, j.Signer.VerifierKey(), j.Signer.Origin())
		if err != nil {
			return refuse(fmt.Errorf("the checkpoint file %s: %w", j.Published.Path, err))
		}
		if err := ledger.CheckExtends(cp, size, root, hr); err != nil {
			if errors.Is(err, ledger.ErrRollback) || errors.Is(err, ledger.ErrFork) {
				return refuse(fmt.Errorf("the checkpoint file %s: %w", j.Published.Path, err))
			}
			return root, err
		}
		have = cp.Size
	}
	if latest > have && latest <= size {
		if err := j.catchUp(ctx, latest, size, root, hr); err != nil {
			if errors.Is(err, ledger.ErrRollback) || errors.Is(err, ledger.ErrFork) || errors.Is(err, ledger.ErrBadSignature) {
				return refuse(err)
			}
			return root, err
		}
	}
	j.setRefusal("")
	return root, nil
}

// catchUp writes the database's latest checkpoint (of size latest) to the
// Published file after checking it is signed by the signer and that the
// log of the given size and root extends it.
func (j *LedgerJob) catchUp(ctx context.Context, latest, size int64, root tlog.Hash, hr tlog.HashReader) error {
	note, err := j.Store.CheckpointAt(ctx, latest)
	if err != nil {
		return err
	}
	cp, err := ledger.OpenCheckpoint(note, j.Signer.VerifierKey(), j.Signer.Origin())
	if err != nil {
		return fmt.Errorf("the database's checkpoint of size %d: %w", latest, err)
	}
	if err := ledger.CheckExtends(cp, size, root, hr); err != nil {
		return fmt.Errorf("the database's checkpoint of size %d: %w", latest, err)
	}
	return j.Published.Save(note)
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
