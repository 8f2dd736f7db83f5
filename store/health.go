package store

import (
	"context"
	"database/sql"
	"database/sql/driver"
	"errors"
	"fmt"
	"io"
	"net"
	"strings"
	"sync"
	"syscall"
	"time"

	"github.com/jackc/pgx/v5/pgconn"
	"modernc.org/sqlite"
	sqlite3 "modernc.org/sqlite/lib"

	"github.com/schakel-nl/schakel"
)

// ProbeInterval is how often, at most, WriteHealth tries a probe write
// while writes fail: often enough that readiness comes back soon after the
// fault is gone, seldom enough that a broken database is not hammered.
const ProbeInterval = 5 * time.Second

// StorageRetryAfter is the Retry-After a client hears when a write failed
// for a storage reason (decision 0038).
const StorageRetryAfter = 30 * time.Second

// writeHealth remembers whether the last write worked. It is fed by every
// write transaction (Store.tx) and by ProbeWrite, and read by WriteHealth
// for /readyz.
type writeHealth struct {
	mu        sync.Mutex
	reason    string    // why writes fail, "" while they work
	lastProbe time.Time // when ProbeWrite last ran, on the store's clock
}

// noteWrite records the outcome of a write transaction and turns a storage
// fault into an EUNAVAILABLE error with a Retry-After; any other error is
// returned unchanged. The client's message is fixed text: the driver's
// words (and whatever they quote) stay in the wrapped cause, for the log.
func (s *Store) noteWrite(err error) error {
	if err == nil {
		s.health.mu.Lock()
		s.health.reason = ""
		s.health.mu.Unlock()
		return nil
	}
	cause := storageFault(err)
	if cause == "" {
		return err
	}
	s.health.mu.Lock()
	s.health.reason = "schrijven in de database lukt niet: " + cause
	// The write just failed: the first probe is due an interval later.
	s.health.lastProbe = s.clock.Now()
	s.health.mu.Unlock()
	return fmt.Errorf("%w: %w", &schakel.Error{Code: schakel.EUNAVAILABLE, RetryAfter: StorageRetryAfter,
		Message: "schakel kan dit nu niet opslaan. Probeer het later opnieuw."}, err)
}

// WriteHealth returns why writes fail, or "" when the last write worked.
// While they fail it tries a probe write at most once per ProbeInterval of
// the store's clock, so readiness comes back once a write works again
// without waiting for a client's write.
func (s *Store) WriteHealth(ctx context.Context) string {
	now := s.clock.Now()
	s.health.mu.Lock()
	reason, due := s.health.reason, !now.Before(s.health.lastProbe.Add(ProbeInterval))
	s.health.mu.Unlock()
	if reason == "" || !due {
		return reason
	}
	s.ProbeWrite(ctx)
	s.health.mu.Lock()
	defer s.health.mu.Unlock()
	return s.health.reason
}

// ProbeWrite rewrites the one row of write_probe, a write that costs next
// to nothing, and records the outcome as any write does. serve runs it at
// start, so a read-only database is noticed before the first client
// writes. It returns the EUNAVAILABLE error of a storage fault, or nil.
func (s *Store) ProbeWrite(ctx context.Context) error {
	now := s.Now()
	s.health.mu.Lock()
	s.health.lastProbe = s.clock.Now()
	s.health.mu.Unlock()
	return s.tx(ctx, func(tx *sql.Tx) error {
		_, err := tx.ExecContext(ctx, s.q(`INSERT INTO write_probe (id, probed_at) VALUES (1, ?)
			ON CONFLICT (id) DO UPDATE SET probed_at = excluded.probed_at`), now)
		return err
	})
}

// pgFaults are the PostgreSQL error codes (SQLSTATE) of a database that
// cannot take writes now but may later; class 08 (connection) is added in
// storageFault.
var pgFaults = map[string]string{
	"25006": "de database is alleen-lezen (PostgreSQL 25006)",
	"53100": "de schijf van de databaseserver is vol (PostgreSQL 53100)",
	"53200": "de databaseserver heeft geen geheugen meer (PostgreSQL 53200)",
	"53300": "PostgreSQL heeft geen verbindingen meer vrij (53300)",
	"57P01": "de databaseserver is gestopt (PostgreSQL 57P01)",
	"57P02": "de databaseserver is gestopt (PostgreSQL 57P02)",
	"57P03": "de databaseserver start nog op of stopt (PostgreSQL 57P03)",
}

// sqliteFaults are the SQLite result codes of a file that cannot take
// writes now.
var sqliteFaults = map[int]string{
	sqlite3.SQLITE_FULL:     "de schijf is vol (SQLITE_FULL)",
	sqlite3.SQLITE_READONLY: "het databasebestand is alleen-lezen (SQLITE_READONLY)",
	sqlite3.SQLITE_IOERR:    "de schijf geeft een fout (SQLITE_IOERR)",
	sqlite3.SQLITE_CANTOPEN: "het databasebestand kan niet worden geopend (SQLITE_CANTOPEN)",
}

// storageFault names, in fixed words, why err is a storage fault — a full
// disk, a read-only database, a lost connection — or returns "" for any
// other error (a bug, a constraint, a cancelled request).
func storageFault(err error) string {
	if pe, ok := errors.AsType[*pgconn.PgError](err); ok {
		if c, ok := pgFaults[pe.Code]; ok {
			return c
		}
		if strings.HasPrefix(pe.Code, "08") {
			return "de verbinding met de database is verbroken (PostgreSQL " + pe.Code + ")"
		}
		return ""
	}
	if se, ok := errors.AsType[*sqlite.Error](err); ok {
		return sqliteFaults[se.Code()&0xff]
	}
	if lost(err) {
		return "de database is niet bereikbaar"
	}
	return ""
}

// lost reports an error of a connection that is gone or was never made.
func lost(err error) bool {
	if _, ok := errors.AsType[*pgconn.ConnectError](err); ok {
		return true
	}
	if _, ok := errors.AsType[*net.OpError](err); ok {
		return true
	}
	for _, target := range []error{pgconn.ErrConnClosed, driver.ErrBadConn, sql.ErrConnDone, io.ErrUnexpectedEOF,
		syscall.ECONNREFUSED, syscall.ECONNRESET, syscall.EPIPE} {
		if errors.Is(err, target) {
			return true
		}
	}
	return false
}
