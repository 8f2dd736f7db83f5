package jobs_test

import (
	"bytes"
	"context"
	"errors"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/schakel-nl/schakel"
	"github.com/schakel-nl/schakel/ledger"
	"github.com/schakel-nl/schakel/store/storetest"
)

// TestLedgerJobRefusesRollbackAndFork, on both stores: with a checkpoint
// file the job signs a log that extends the checkpoint it published last,
// and refuses (no checkpoint, a refusal saying how to recover) a log that
// is smaller — a database from an old backup — or that grew again with
// other entries.
func TestLedgerJobRefusesRollbackAndFork(t *testing.T) {
	for _, b := range storetest.Backends() {
		t.Run(b.Name, func(t *testing.T) {
			ctx := context.Background()
			signer := storetest.TestSigner(t)
			file := &ledger.CheckpointFile{Path: filepath.Join(t.TempDir(), "schakel-log.checkpoint")}

			w := newWorld(t, b.Name)
			j := w.logJob(w.a, signer)
			j.Published = file
			w.create(t, 5)
			if n, made, err := j.RunOnce(ctx); err != nil || n != 5 || !made {
				t.Fatalf("first round: %d, %v, %v", n, made, err)
			}
			_, note, err := w.a.LatestCheckpoint(ctx)
			if err != nil {
				t.Fatal(err)
			}
			if saved, err := file.Load(); err != nil || !bytes.Equal(saved, note) {
				t.Fatalf("checkpoint file %q, %v; want the checkpoint signed %q", saved, err, note)
			}

			// The database as an older backup had it: 3 of the 5 entries.
			old := newWorld(t, b.Name)
			old.create(t, 3)
			oj := old.logJob(old.a, signer)
			oj.Published = file
			_, made, err := oj.RunOnce(ctx)
			if !errors.Is(err, ledger.ErrRollback) || made {
				t.Fatalf("old database: checkpoint %v, %v; want ErrRollback", made, err)
			}
			if r := oj.Refusal(); !strings.Contains(r, "restore a newer backup") || !strings.Contains(r, "rebuild the missing entries") {
				t.Fatalf("refusal %q does not say how to recover", r)
			}
			if _, _, err := old.a.LatestCheckpoint(ctx); schakel.ErrorCode(err) != schakel.ENOTFOUND {
				t.Fatalf("the old database got a checkpoint: %v", err)
			}
			// It grows again, past the published size, with other events:
			// a fork, still refused, and the file keeps what was published.
			old.clock.Advance(time.Hour)
			old.create(t, 4)
			if _, made, err := oj.RunOnce(ctx); !errors.Is(err, ledger.ErrFork) || made {
				t.Fatalf("forked database: checkpoint %v, %v; want ErrFork", made, err)
			}
			if _, _, err := old.a.LatestCheckpoint(ctx); schakel.ErrorCode(err) != schakel.ENOTFOUND {
				t.Fatalf("the forked database got a checkpoint: %v", err)
			}
			if saved, _ := file.Load(); !bytes.Equal(saved, note) {
				t.Fatalf("the checkpoint file changed to %q", saved)
			}

			// Given the database that extends the file again (a newer
			// backup restored), the same job is no longer refusing.
			oj.Store = w.a
			if _, made, err := oj.RunOnce(ctx); err != nil || made || oj.Refusal() != "" {
				t.Fatalf("after restoring the database: checkpoint %v, %v, refusal %q", made, err, oj.Refusal())
			}
			// A checkpoint file another key signed is refused too.
			other := w.logJob(w.a, storetest.TestSigner(t))
			other.Published = file
			if _, made, err := other.RunOnce(ctx); !errors.Is(err, ledger.ErrBadSignature) || made || other.Refusal() == "" {
				t.Fatalf("a file signed by another key: checkpoint %v, %v, refusal %q", made, err, other.Refusal())
			}

			// The real log grows consistently: signed, the file follows.
			w.create(t, 3)
			if n, made, err := j.RunOnce(ctx); err != nil || n != 3 || !made || j.Refusal() != "" {
				t.Fatalf("consistent growth: %d, %v, %v, refusal %q", n, made, err, j.Refusal())
			}
			_, note, _ = w.a.LatestCheckpoint(ctx)
			if saved, _ := file.Load(); !bytes.Equal(saved, note) {
				t.Fatalf("checkpoint file %q, want the new checkpoint %q", saved, note)
			}

			// A deployment from before the file: the database's latest
			// checkpoint is written to a new file on the first round.
			fresh := &ledger.CheckpointFile{Path: filepath.Join(t.TempDir(), "schakel-log.checkpoint")}
			j2 := w.logJob(w.a, signer)
			j2.Published = fresh
			if _, made, err := j2.RunOnce(ctx); err != nil || made {
				t.Fatalf("idle round with a new file: %v, %v", made, err)
			}
			if saved, _ := fresh.Load(); !bytes.Equal(saved, note) {
				t.Fatalf("new checkpoint file %q, want the database's latest %q", saved, note)
			}
		})
	}
}
