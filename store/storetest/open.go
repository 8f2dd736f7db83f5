// Package storetest is the conformance suite every store backend must pass,
// and the helpers that open a fresh, migrated test database on SQLite (always)
// and PostgreSQL (when SCHAKEL_TEST_POSTGRES holds a URL).
package storetest

import (
	"context"
	"crypto/rand"
	"database/sql"
	"encoding/hex"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/schakel-nl/schakel"
	"github.com/schakel-nl/schakel/store"
)

// PostgresEnv is the environment variable that holds the URL of a PostgreSQL
// database the tests may create schemas in.
const PostgresEnv = "SCHAKEL_TEST_POSTGRES"

// Opener opens a fresh, migrated store whose time is clock.
type Opener func(t testing.TB, clock schakel.Clock) *store.Store

// Backend is a named Opener.
type Backend struct {
	Name string
	Open Opener
}

// Backends returns SQLite and, when PostgresEnv is set, PostgreSQL. Tests
// that range over it run on every backend this machine has.
func Backends() []Backend {
	b := []Backend{{Name: "sqlite", Open: OpenSQLite}}
	if os.Getenv(PostgresEnv) != "" {
		b = append(b, Backend{Name: "postgres", Open: OpenPostgres})
	}
	return b
}

// SkipPostgresMessage is what a PostgreSQL-only test says when it skips.
const SkipPostgresMessage = PostgresEnv + " is not set: PostgreSQL tests are skipped (set it to a postgres:// URL to run them)"

// testDurability is how durable the test stores' commits are: SQLite's
// synchronous=NORMAL, and on PostgreSQL synchronous_commit=off. A commit
// then does not wait for the disk, which took most of the suite's time on
// a shared disk; what the tests see is the same, for a commit is lost only
// when the machine loses power. The durability itself — nothing
// acknowledged is lost when schakel or PostgreSQL is killed — is what the
// crash and restart trials of cmd/schakel-trial check, on stores opened
// with the defaults.
// Benchmarks keep the defaults: they measure what schakel runs with.
const testDurability = "NORMAL"

// benchmark reports whether t is a benchmark.
func benchmark(t testing.TB) bool {
	_, ok := t.(*testing.B)
	return ok
}

// OpenSQLite opens a migrated SQLite store in a new temporary directory.
func OpenSQLite(t testing.TB, clock schakel.Clock) *store.Store {
	t.Helper()
	return openMigrated(t, filepath.Join(t.TempDir(), "schakel.db"), clock)
}

// OpenPostgres opens a migrated PostgreSQL store in a new schema of the
// database named by PostgresEnv, dropped when the test ends. It skips the
// test when PostgresEnv is not set.
func OpenPostgres(t testing.TB, clock schakel.Clock) *store.Store {
	t.Helper()
	return openMigrated(t, PostgresURL(t), clock)
}

// PostgresURL creates a fresh schema in the PostgreSQL test database and
// returns a URL whose connections use it; the schema is dropped at cleanup.
// It skips the test when PostgresEnv is not set.
func PostgresURL(t testing.TB) string {
	t.Helper()
	base := os.Getenv(PostgresEnv)
	if base == "" {
		t.Skip(SkipPostgresMessage)
	}
	var b [6]byte
	rand.Read(b[:])
	schema := "test_" + hex.EncodeToString(b[:])
	admin, err := sql.Open("pgx", base)
	if err != nil {
		t.Fatalf("open %s: %v", PostgresEnv, err)
	}
	if _, err := admin.Exec("CREATE SCHEMA " + schema); err != nil {
		admin.Close()
		t.Fatalf("create schema: %v", err)
	}
	t.Cleanup(func() {
		admin.Exec("DROP SCHEMA " + schema + " CASCADE")
		admin.Close()
	})
	u, err := url.Parse(base)
	if err != nil {
		t.Fatalf("parse %s: %v", PostgresEnv, err)
	}
	q := u.Query()
	q.Set("search_path", schema)
	// See testDurability.
	u.RawQuery = q.Encode()
	if !benchmark(t) {
		// See testDurability: a startup option, which pg_dump takes as
		// well; a space as %20, for pgx does not read "+" as a space.
		q.Set("options", "-c synchronous_commit=off")
		u.RawQuery = strings.ReplaceAll(q.Encode(), "+", "%20")
	}
	return u.String()
}

func openMigrated(t testing.TB, dsn string, clock schakel.Clock) *store.Store {
	t.Helper()
	ctx := context.Background()
	opts := store.Options{Clock: clock, SQLiteSynchronous: testDurability}
	if benchmark(t) {
		opts.SQLiteSynchronous = "" // benchmarks measure the durability schakel runs with
	}
	s, err := store.Open(ctx, dsn, opts)
	if err != nil {
		t.Fatalf("open store: %v", err)
	}
	t.Cleanup(func() { s.Close() })
	if _, err := s.Migrate(ctx); err != nil {
		t.Fatalf("migrate: %v", err)
	}
	return s
}
