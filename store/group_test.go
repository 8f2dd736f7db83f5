package store

import (
	"context"
	"database/sql"
	"errors"
	"path/filepath"
	"runtime"
	"testing"
	"time"

	"github.com/schakel-nl/schakel"
)

// heldStore opens an SQLite store whose first commit waits for release, so
// the writes a test starts next queue behind it and form one group.
func heldStore(t *testing.T) (s *Store, held chan struct{}, release chan struct{}) {
	t.Helper()
	held, release = make(chan struct{}), make(chan struct{})
	first := true
	s, err := Open(context.Background(), filepath.Join(t.TempDir(), "group.db"), Options{BeforeCommit: func(int) error {
		if first {
			first = false
			close(held)
			<-release
		}
		return nil
	}})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	if _, err := s.write.Exec("CREATE TABLE t (n INTEGER)"); err != nil {
		t.Fatal(err)
	}
	go s.tx(context.Background(), func(*sql.Tx) error { return nil })
	<-held
	return s, held, release
}

// queue starts s.tx(ctx, fn) and returns where its answer will be, once it
// waits in the queue.
func queue(t *testing.T, s *Store, ctx context.Context, fn func(*sql.Tx) error) <-chan error {
	t.Helper()
	n := s.WriteQueueLength()
	done := make(chan error, 1)
	go func() { done <- s.tx(ctx, fn) }()
	deadline := time.Now().Add(time.Minute)
	for s.WriteQueueLength() == n {
		if time.Now().After(deadline) {
			t.Fatal("the write did not reach the queue")
		}
		runtime.Gosched()
	}
	return done
}

func insert(n int) func(*sql.Tx) error {
	return func(tx *sql.Tx) error { _, err := tx.Exec("INSERT INTO t VALUES (?)", n); return err }
}

// TestGroupRolledBackUnderItsJobs: when SQLite rolls a group's transaction
// back as a whole (here a job does it itself; an interrupted statement
// does it too), every job of the group hears EUNAVAILABLE with a
// Retry-After, nothing of theirs is stored, and the next write works.
func TestGroupRolledBackUnderItsJobs(t *testing.T) {
	s, _, release := heldStore(t)
	a := queue(t, s, context.Background(), insert(1))
	b := queue(t, s, context.Background(), func(tx *sql.Tx) error { _, err := tx.Exec("ROLLBACK"); return err })
	c := queue(t, s, context.Background(), insert(3))
	close(release)
	for name, done := range map[string]<-chan error{"a": a, "b": b, "c": c} {
		err := <-done
		if schakel.ErrorCode(err) != schakel.EUNAVAILABLE || schakel.ErrorRetryAfter(err) != BusyRetryAfter {
			t.Errorf("job %s: %v, want unavailable with a Retry-After", name, err)
		}
	}
	if err := s.tx(context.Background(), insert(4)); err != nil {
		t.Fatalf("the next write: %v", err)
	}
	var n, sum int
	if err := s.read.QueryRow("SELECT COUNT(*), COALESCE(SUM(n), 0) FROM t").Scan(&n, &sum); err != nil || n != 1 || sum != 4 {
		t.Fatalf("rows: %d summing to %d (%v), want only the next write's", n, sum, err)
	}
}

// TestGroupSkipsJobsWhoseClientWent: a write whose context ends while it
// waits is answered with that and never runs.
func TestGroupSkipsJobsWhoseClientWent(t *testing.T) {
	s, _, release := heldStore(t)
	ctx, cancel := context.WithCancel(context.Background())
	ran := false
	gone := queue(t, s, ctx, func(tx *sql.Tx) error { ran = true; return insert(1)(tx) })
	kept := queue(t, s, context.Background(), insert(2))
	cancel()
	close(release)
	if err := <-gone; !errors.Is(err, context.Canceled) || ran {
		t.Fatalf("the cancelled write: %v, ran %v", err, ran)
	}
	if err := <-kept; err != nil {
		t.Fatal(err)
	}
}
