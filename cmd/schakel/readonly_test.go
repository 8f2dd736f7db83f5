package main

import (
	"context"
	"net/http"
	"strings"
	"testing"

	"github.com/schakel-nl/schakel"
	"github.com/schakel-nl/schakel/store"
	"github.com/schakel-nl/schakel/store/storetest"
)

// TestServeOnReadOnlyDatabaseIsNotReady: serve on a PostgreSQL database
// whose transactions are read-only (default_transaction_read_only, as on a
// standby or a database switched to read-only) starts, serves reading, and
// reports not ready with the reason, in /readyz and in the log (decision
// 0038) — it used to start and say ready.
func TestServeOnReadOnlyDatabaseIsNotReady(t *testing.T) {
	dsn := storetest.PostgresURL(t) // skips without PostgreSQL
	ctx := context.Background()
	st, err := store.Open(ctx, dsn, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := st.Migrate(ctx); err != nil {
		t.Fatal(err)
	}
	if _, err := st.SeedPrinciples(ctx, schakel.DefaultPrinciples()); err != nil {
		t.Fatal(err)
	}
	st.Close()

	base, logs := serve(t, "--db", dsn+"&default_transaction_read_only=on")
	resp, body := get(t, http.DefaultClient, base+"/readyz")
	if resp.StatusCode != http.StatusServiceUnavailable || !strings.Contains(body, "alleen-lezen") {
		t.Fatalf("/readyz on a read-only database: %d %q", resp.StatusCode, body)
	}
	if !strings.Contains(logs.String(), "database takes no writes") {
		t.Fatalf("no warning in the log:\n%s", logs.String())
	}
	if resp, _ := get(t, http.DefaultClient, base+"/api/v1/beginselen"); resp.StatusCode != http.StatusOK {
		t.Fatalf("reading on a read-only database: %d", resp.StatusCode)
	}
}
