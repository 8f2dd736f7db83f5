package store

import (
	"context"
	"database/sql"
	"path/filepath"
	"testing"
	"time"
)

// TestSingleStatementWritesWaitForABusyDatabase holds SQLite's write lock
// from a second connection to the same file (as a second serve instance or
// a WAL checkpoint does) for longer than the writer's busy timeout: a
// single-statement write outside a transaction waits and succeeds instead
// of failing with SQLITE_BUSY.
func TestSingleStatementWritesWaitForABusyDatabase(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "busy.db")
	s, err := Open(ctx, path, Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if _, err := s.Migrate(ctx); err != nil {
		t.Fatal(err)
	}
	// The writer pool has one connection: a short busy timeout on it makes
	// the contention show in milliseconds instead of ten seconds.
	if _, err := s.write.ExecContext(ctx, "PRAGMA busy_timeout(20)"); err != nil {
		t.Fatal(err)
	}
	other, err := sql.Open("sqlite", sqliteDSN(path, "FULL", true))
	if err != nil {
		t.Fatal(err)
	}
	defer other.Close()
	holder, err := other.BeginTx(ctx, nil) // BEGIN IMMEDIATE: takes the write lock
	if err != nil {
		t.Fatal(err)
	}
	released := make(chan error, 1)
	go func() {
		// Real time, not the store's clock: this is SQLite's own lock.
		time.Sleep(300 * time.Millisecond)
		released <- holder.Rollback()
	}()
	if err := s.SaveCheckpoint(ctx, 1, []byte("checkpoint note\n")); err != nil {
		t.Fatalf("SaveCheckpoint while another connection held the write lock: %v", err)
	}
	if err := <-released; err != nil {
		t.Fatal(err)
	}
	if _, note, err := s.LatestCheckpoint(ctx); err != nil || string(note) != "checkpoint note\n" {
		t.Fatalf("LatestCheckpoint = %q, %v", note, err)
	}
}
