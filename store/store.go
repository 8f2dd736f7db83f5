// Package store is the one SQL store of schakel over database/sql. It runs on
// an embedded SQLite file (modernc.org/sqlite, no cgo) or on PostgreSQL (pgx);
// dialect.go holds the few differences. Every method runs in the conformance
// suite of store/storetest on both.
package store

import (
	"context"
	"database/sql"
	"embed"
	"errors"
	"fmt"
	"io/fs"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	_ "github.com/jackc/pgx/v5/stdlib" // registers the "pgx" driver
	"github.com/pressly/goose/v3"
	_ "modernc.org/sqlite" // registers the "sqlite" driver

	"github.com/schakel-nl/schakel"
)

//go:embed migrations
var migrations embed.FS

// Options tune a Store. The zero value is ready to use.
type Options struct {
	// Clock stamps every row; defaults to schakel.SystemClock.
	Clock schakel.Clock
	// SQLiteSynchronous is SQLite's synchronous pragma in WAL mode: "FULL"
	// (the default; an acknowledged write survives power loss) or "NORMAL"
	// (survives a crash of schakel, may lose the last commits on power loss).
	SQLiteSynchronous string
	// MaxReaders caps the pool of read connections; default 8.
	MaxReaders int
	// WriteQueue is how many write transactions may wait for SQLite's
	// group committer (group.go) before a new one is refused as busy with
	// a Retry-After; default DefaultWriteQueue.
	WriteQueue int
	// WriteLeaders is how many groups of creates run side by side on
	// PostgreSQL; default 4. SQLite has one writer, so one leader.
	WriteLeaders int
	// BeforeCommit, when set, runs before each commit of SQLite's group
	// committer with the number of transactions in the group; an error
	// fails the commit. It is for fault-injection tests only.
	BeforeCommit func(groupSize int) error
}

// Store is the SQL store. Writes go through one connection pool (a single
// connection on SQLite, which allows one writer at a time anyway, so writers
// queue in Go instead of spinning on SQLITE_BUSY); reads through another.
type Store struct {
	write   *sql.DB
	read    *sql.DB
	dialect dialect
	clock   schakel.Clock
	url     string
	stmts   sync.Map // "r:"/"w:" + query → *sql.Stmt, SQLite only
	// maxRanked overrides MaxRanked when not zero (SetMaxRanked).
	maxRanked atomic.Int64
	// maxTotal overrides schakel.MaxPrecedentTotal when not zero
	// (SetMaxPrecedentTotal).
	maxTotal atomic.Int64

	stopCheckpoints context.CancelFunc
	checkpointsDone chan struct{}

	// health is the outcome of the last writes, for readiness (health.go).
	health writeHealth

	// group runs SQLite's write transactions in groups (group.go); nil
	// on PostgreSQL.
	group *committer
	// creates groups the creates of requests on PostgreSQL
	// (pipeline_postgres.go); nil on SQLite.
	creates *createGroups
}

// IsPostgres reports whether dsn names a PostgreSQL database rather than an
// SQLite file.
func IsPostgres(dsn string) bool {
	return strings.HasPrefix(dsn, "postgres://") || strings.HasPrefix(dsn, "postgresql://")
}

// Open opens the database at dsn: a postgres:// URL or an SQLite file path.
// It does not migrate; see Migrate and CheckSchema.
func Open(ctx context.Context, dsn string, opts Options) (*Store, error) {
	if opts.Clock == nil {
		opts.Clock = schakel.SystemClock{}
	}
	if opts.MaxReaders <= 0 {
		opts.MaxReaders = 8
	}
	s := &Store{clock: opts.Clock, url: dsn}
	var err error
	if IsPostgres(dsn) {
		s.dialect = postgresDialect{}
		if s.write, err = sql.Open("pgx", dsn); err != nil {
			return nil, fmt.Errorf("store: open postgres: %w", err)
		}
		s.write.SetMaxOpenConns(4 * opts.MaxReaders)
		s.write.SetMaxIdleConns(opts.MaxReaders)
		s.write.SetConnMaxIdleTime(5 * time.Minute)
		s.read = s.write
	} else {
		s.dialect = sqliteDialect{}
		sync := strings.ToUpper(opts.SQLiteSynchronous)
		if sync == "" {
			sync = "FULL"
		}
		if sync != "FULL" && sync != "NORMAL" {
			return nil, fmt.Errorf("store: sqlite synchronous must be FULL or NORMAL, not %q", opts.SQLiteSynchronous)
		}
		if s.write, err = sql.Open("sqlite", sqliteDSN(dsn, sync, true)); err != nil {
			return nil, fmt.Errorf("store: open sqlite: %w", err)
		}
		s.write.SetMaxOpenConns(1)
		s.write.SetMaxIdleConns(1)
		s.write.SetConnMaxLifetime(0)
		s.write.SetConnMaxIdleTime(0)
		if s.read, err = sql.Open("sqlite", sqliteDSN(dsn, sync, false)); err != nil {
			s.write.Close()
			return nil, fmt.Errorf("store: open sqlite: %w", err)
		}
		s.read.SetMaxOpenConns(opts.MaxReaders)
		s.read.SetMaxIdleConns(opts.MaxReaders)
		cctx, cancel := context.WithCancel(context.Background())
		s.stopCheckpoints, s.checkpointsDone = cancel, make(chan struct{})
		go s.checkpointLoop(cctx, time.Second)
	}
	if err := s.Ping(ctx); err != nil {
		s.Close()
		return nil, err
	}
	s.prepareWrites(ctx)
	if s.dialect.singleWriter() {
		s.group = newCommitter(s, opts.WriteQueue, opts.BeforeCommit)
	} else {
		s.creates = newCreateGroups(s, opts.WriteQueue, opts.WriteLeaders, opts.BeforeCommit)
	}
	return s, nil
}

// prepareWrites prepares the hot write statements on the SQLite writer
// once the schema is current; statements for tables that do not exist yet
// are skipped and run unprepared.
func (s *Store) prepareWrites(ctx context.Context) {
	if s.dialect.cachesStatements() {
		return
	}
	queries := []string{requestInsert, eventInsert, updateQuery}
	for n := 1; n <= 6; n++ {
		queries = append(queries, rungsInsert+rowsOf(4, n), groundsInsert+rowsOf(4, n))
	}
	for _, q := range queries {
		if _, ok := s.stmts.Load("w:" + q); ok {
			continue
		}
		if st, err := s.write.PrepareContext(ctx, q); err == nil {
			s.stmts.Store("w:"+q, st)
		}
	}
}

// sqliteDSN builds the modernc DSN: WAL, foreign keys on, a busy timeout for
// the rare checkpoint contention, times written in a sortable UTC format and,
// for the writer, BEGIN IMMEDIATE so a transaction never has to upgrade its
// lock halfway.
func sqliteDSN(path, synchronous string, writer bool) string {
	q := url.Values{}
	q.Add("_pragma", "journal_mode(WAL)")
	q.Add("_pragma", "foreign_keys(1)")
	q.Add("_pragma", "busy_timeout(10000)")
	q.Add("_pragma", "synchronous("+synchronous+")")
	// Deleted and overwritten content is zeroed, so erased and withdrawn
	// texts do not stay readable in free pages of the file (PRODUCT.md C9).
	q.Add("_pragma", "secure_delete(1)")
	q.Set("_time_format", "sqlite")
	if writer {
		q.Set("_txlock", "immediate")
		// The writer does not checkpoint: a checkpoint syncs the database
		// file, and doing that inside a commit is what made the slowest
		// requests slow. checkpointLoop does it beside the writer.
		q.Add("_pragma", "wal_autocheckpoint(0)")
	}
	return "file:" + filepath.ToSlash(path) + "?" + q.Encode()
}

// Dialect names the database the store runs on: "sqlite" or "postgres".
func (s *Store) Dialect() string { return s.dialect.name() }

// Now returns the store's current time in UTC, truncated to microseconds
// (the resolution PostgreSQL keeps), so what is written reads back equal.
func (s *Store) Now() time.Time { return s.clock.Now().UTC().Truncate(time.Microsecond) }

// DB returns the writer pool, for the metrics collector and for tests that
// must reach under the store (tamper tests). Application code uses methods.
func (s *Store) DB() *sql.DB { return s.write }

// Close closes both pools.
func (s *Store) Close() error {
	if s.group != nil {
		s.group.queue.close()
	}
	if s.creates != nil {
		s.creates.queue.close()
	}
	if s.stopCheckpoints != nil {
		s.stopCheckpoints()
		<-s.checkpointsDone
		s.stopCheckpoints = nil
	}
	var err error
	s.stmts.Range(func(_, v any) bool { v.(*sql.Stmt).Close(); return true })
	if s.read != nil && s.read != s.write {
		err = s.read.Close()
	}
	if s.write != nil {
		err = errors.Join(err, s.write.Close())
	}
	return err
}

// Ping checks that the database answers.
func (s *Store) Ping(ctx context.Context) error {
	if err := s.write.PingContext(ctx); err != nil {
		return unreachable(err)
	}
	return nil
}

func (s *Store) provider() (*goose.Provider, error) {
	sub, err := fs.Sub(migrations, "migrations/"+s.dialect.name())
	if err != nil {
		return nil, err
	}
	return goose.NewProvider(s.dialect.goose(), s.write, sub, goose.WithDisableGlobalRegistry(true))
}

// Migrate applies every pending migration, each in its own transaction, and
// returns the schema version reached. Each report, if any, hears how many
// of the pending migrations are done, after each one (for `schakel
// migrate`'s progress line).
func (s *Store) Migrate(ctx context.Context, report ...func(done, total int64)) (int64, error) {
	p, err := s.provider()
	if err != nil {
		return 0, fmt.Errorf("store: migrate: %w", err)
	}
	if err := up(ctx, p, report); err != nil {
		return 0, fmt.Errorf("store: migrate: %w", err)
	}
	v, err := p.GetDBVersion(ctx)
	if err != nil {
		return 0, fmt.Errorf("store: migrate: %w", err)
	}
	if err := s.backfillPublications(ctx); err != nil {
		return 0, fmt.Errorf("store: migrate: %w", err)
	}
	s.prepareWrites(ctx)
	return v, nil
}

// up applies the pending migrations: all at once without a report, else
// one by one, telling each report how many of them are done.
func up(ctx context.Context, p *goose.Provider, report []func(done, total int64)) error {
	if len(report) == 0 {
		_, err := p.Up(ctx)
		return err
	}
	status, err := p.Status(ctx)
	if err != nil {
		return err
	}
	var total int64
	for _, m := range status {
		if m.State == goose.StatePending {
			total++
		}
	}
	tell := func(done int64) {
		for _, f := range report {
			f(done, total)
		}
	}
	tell(0)
	for done := int64(1); ; done++ {
		_, err := p.UpByOne(ctx)
		if errors.Is(err, goose.ErrNoNextVersion) {
			return nil
		}
		if err != nil {
			return err
		}
		tell(done)
	}
}

// SchemaVersions returns the version of the database's schema and the
// version this binary expects.
func (s *Store) SchemaVersions(ctx context.Context) (current, target int64, err error) {
	p, err := s.provider()
	if err != nil {
		return 0, 0, fmt.Errorf("store: schema version: %w", err)
	}
	current, target, err = p.GetVersions(ctx)
	if err != nil {
		return 0, 0, fmt.Errorf("store: schema version: %w", err)
	}
	return current, target, nil
}

// CheckSchema returns an EUNAVAILABLE error that says what to run when the
// database's schema is not the one this binary expects.
func (s *Store) CheckSchema(ctx context.Context) error {
	current, target, err := s.SchemaVersions(ctx)
	if err != nil {
		return err
	}
	if current < target {
		return schakel.Errorf(schakel.EUNAVAILABLE,
			"database schema is at version %d, this schakel needs %d: run `schakel migrate` or start with `schakel serve --migrate`", current, target)
	}
	if current > target {
		return schakel.Errorf(schakel.EUNAVAILABLE,
			"database schema is at version %d, newer than the %d this schakel knows: run a newer schakel", current, target)
	}
	return nil
}

// Backup writes a consistent copy of an SQLite database to path while the
// store stays in use (VACUUM INTO runs in one read transaction). On
// PostgreSQL it returns EINVALID: use pg_dump (docs/operations.md).
//
// Each report, if any, hears the bytes written so far of about the
// database's size, a few times a second while the copy is made (the copy is
// one statement, so the size of the file is all there is to watch), and
// the copy's size as done and total when it is complete.
func (s *Store) Backup(ctx context.Context, path string, report ...func(done, total int64)) error {
	query := s.dialect.backupQuery()
	if query == "" {
		return schakel.Errorf(schakel.EINVALID, "backup of PostgreSQL is done with pg_dump; see docs/operations.md")
	}
	stop := func() {}
	if len(report) > 0 {
		stop = s.watchBackup(ctx, path, report)
	}
	_, err := s.read.ExecContext(ctx, query, path)
	stop()
	if err != nil {
		return fmt.Errorf("store: backup to %s: %w", path, err)
	}
	if len(report) > 0 {
		if fi, err := os.Stat(path); err == nil {
			for _, f := range report {
				f(fi.Size(), fi.Size())
			}
		}
	}
	return nil
}

// backupPoll is how often watchBackup looks at the size of the copy.
const backupPoll = 250 * time.Millisecond

// watchBackup tells each report the size of the file at path against the
// database's size, every backupPoll until the returned stop is called; stop
// returns once the watching ended, so no report comes after it.
func (s *Store) watchBackup(ctx context.Context, path string, report []func(done, total int64)) (stop func()) {
	var pages, size int64
	if err := s.read.QueryRowContext(ctx, "PRAGMA page_count").Scan(&pages); err == nil {
		s.read.QueryRowContext(ctx, "PRAGMA page_size").Scan(&size)
	}
	total := pages * size
	quit, ended := make(chan struct{}), make(chan struct{})
	go func() {
		defer close(ended)
		t := time.NewTicker(backupPoll)
		defer t.Stop()
		for {
			done := int64(0)
			if fi, err := os.Stat(path); err == nil {
				done = fi.Size()
			}
			for _, f := range report {
				f(done, max(total, done))
			}
			select {
			case <-quit:
				return
			case <-t.C:
			}
		}
	}()
	return func() {
		close(quit)
		<-ended
	}
}

// beginPatience is how long tx keeps trying to begin a write transaction
// while another store handle on the same SQLite file holds the write lock.
// SQLite's busy handler polls rather than queues, so under heavy
// contention between handles (two serve instances, several jobs) one
// writer can lose the lock for longer than one busy timeout; beginning
// again is safe because BEGIN IMMEDIATE failed before anything was done.
const beginPatience = 2 * time.Minute

// tx runs fn in a write transaction and commits when fn returns nil. Its
// outcome feeds the write health (health.go): a storage fault becomes an
// EUNAVAILABLE error with a Retry-After and makes /readyz say so.
func (s *Store) tx(ctx context.Context, fn func(*sql.Tx) error) error {
	if s.group != nil {
		return s.noteWrite(s.group.run(ctx, fn))
	}
	return s.noteWrite(s.runTx(ctx, fn))
}

// runTx is tx without the bookkeeping.
func (s *Store) runTx(ctx context.Context, fn func(*sql.Tx) error) error {
	tx, err := s.begin(ctx)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	if err := fn(tx); err != nil {
		return err
	}
	return tx.Commit()
}

// begin starts a write transaction, beginning again while the database
// says it is busy, up to beginPatience or the end of ctx.
func (s *Store) begin(ctx context.Context) (*sql.Tx, error) {
	giveUp := time.Now().Add(beginPatience)
	for {
		tx, err := s.write.BeginTx(ctx, nil)
		if err == nil || !s.dialect.isBusy(err) || time.Now().After(giveUp) || ctx.Err() != nil {
			return tx, err
		}
	}
}

// execWrite runs one statement on the writer outside a transaction, running
// it again while the database says it is busy, up to beginPatience or the
// end of ctx, as begin does. That is safe: SQLite in WAL mode answers busy
// before the statement has changed anything. Without it a second instance
// on the same file, or a WAL checkpoint waiting on readers, could fail a
// single-statement write after the busy timeout.
func (s *Store) execWrite(ctx context.Context, query string, args ...any) (sql.Result, error) {
	giveUp := time.Now().Add(beginPatience)
	for {
		res, err := s.write.ExecContext(ctx, query, args...)
		if err == nil || !s.dialect.isBusy(err) || time.Now().After(giveUp) || ctx.Err() != nil {
			return res, err
		}
	}
}

// queryer is what *sql.DB and *sql.Tx share.
type queryer interface {
	ExecContext(ctx context.Context, query string, args ...any) (sql.Result, error)
	QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error)
	QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row
}

func (s *Store) q(query string) string { return s.dialect.rebind(query) }

// nullInt64 maps 0 to NULL for optional references.
func nullInt64(v int64) sql.NullInt64 { return sql.NullInt64{Int64: v, Valid: v != 0} }

// nullString maps "" to NULL for optional references.
func nullString(v string) sql.NullString { return sql.NullString{String: v, Valid: v != ""} }

// limit applies the default and maximum page size.
func limit(n int) int {
	switch {
	case n <= 0:
		return 50
	case n > 500:
		return 500
	}
	return n
}

// prepared returns query prepared on pool, or nil on PostgreSQL, whose
// driver caches prepared statements by itself. modernc's SQLite parses every
// statement it is given; on the hot paths (session, user, create) parsing
// costs more than running, so those reuse a statement prepared once.
// database/sql prepares it again on each connection of the pool that needs it.
func (s *Store) prepared(ctx context.Context, pool *sql.DB, query string) *sql.Stmt {
	if s.dialect.cachesStatements() {
		return nil
	}
	key := "r:" + query
	if pool == s.write {
		key = "w:" + query
	}
	if st, ok := s.stmts.Load(key); ok {
		return st.(*sql.Stmt)
	}
	if pool == s.write {
		// The writer has one connection, held by the transaction asking:
		// preparing now would wait for it forever. Writer statements are
		// prepared at Open (prepareWrites) or not at all.
		return nil
	}
	st, err := pool.PrepareContext(ctx, query)
	if err != nil {
		return nil // the caller runs the query directly and meets the error there
	}
	if prev, loaded := s.stmts.LoadOrStore(key, st); loaded {
		st.Close()
		return prev.(*sql.Stmt)
	}
	return st
}

// readRow runs a one-row query on the reader pool, prepared where it pays.
func (s *Store) readRow(ctx context.Context, query string, args ...any) *sql.Row {
	query = s.q(query)
	if st := s.prepared(ctx, s.read, query); st != nil {
		return st.QueryRowContext(ctx, args...)
	}
	return s.read.QueryRowContext(ctx, query, args...)
}

// readRows runs a query on the reader pool, prepared where it pays.
func (s *Store) readRows(ctx context.Context, query string, args ...any) (*sql.Rows, error) {
	query = s.q(query)
	if st := s.prepared(ctx, s.read, query); st != nil {
		return st.QueryContext(ctx, args...)
	}
	return s.read.QueryContext(ctx, query, args...)
}

// txQueryRow runs a one-row query in tx, prepared once on the writer where
// it pays.
func (s *Store) txQueryRow(ctx context.Context, tx *sql.Tx, query string, args ...any) *sql.Row {
	query = s.q(query)
	if st := s.prepared(ctx, s.write, query); st != nil {
		return tx.StmtContext(ctx, st).QueryRowContext(ctx, args...)
	}
	return tx.QueryRowContext(ctx, query, args...)
}

// txExec runs a statement in tx, prepared once on the writer where it pays.
func (s *Store) txExec(ctx context.Context, tx *sql.Tx, query string, args ...any) error {
	query = s.q(query)
	var err error
	if st := s.prepared(ctx, s.write, query); st != nil {
		_, err = tx.StmtContext(ctx, st).ExecContext(ctx, args...)
	} else {
		_, err = tx.ExecContext(ctx, query, args...)
	}
	return err
}

// checkpointLoop copies the SQLite WAL back into the database file every
// interval from a reader connection, so commits never pay for it. PASSIVE
// never blocks the writer or readers; when the WAL has grown past 4,000
// pages (about 16 MB) it restarts the WAL so it does not grow without end.
func (s *Store) checkpointLoop(ctx context.Context, interval time.Duration) {
	defer close(s.checkpointsDone)
	t := time.NewTicker(interval)
	defer t.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		}
		var busy, logPages, done int
		if err := s.read.QueryRowContext(ctx, "PRAGMA wal_checkpoint(PASSIVE)").Scan(&busy, &logPages, &done); err != nil {
			continue
		}
		if logPages > 4000 && done == logPages {
			s.restartWAL(ctx)
		}
	}
}

// restartWAL restarts the WAL on a reader connection of its own with a busy
// timeout of 200 ms: a RESTART checkpoint holds new writers back while it
// waits for readers, and with the usual ten seconds a long read could stall
// every write that long. Not restarting now is harmless; the next tick
// tries again.
func (s *Store) restartWAL(ctx context.Context) {
	conn, err := s.read.Conn(ctx)
	if err != nil {
		return
	}
	defer conn.Close()
	if _, err := conn.ExecContext(ctx, "PRAGMA busy_timeout(200)"); err != nil {
		return
	}
	conn.ExecContext(ctx, "PRAGMA wal_checkpoint(RESTART)")
	// The connection goes back to the pool: give it the usual patience again.
	conn.ExecContext(ctx, "PRAGMA busy_timeout(10000)")
}
