package storetest

import (
	"strings"
	"testing"

	"github.com/schakel-nl/schakel"
	"github.com/schakel-nl/schakel/store"
)

func init() {
	tests["WriteHealth"] = testWriteHealth
	tests["ProbeWrite"] = testWriteHealth
}

// FailWrites makes every write of s fail as on a read-only database until
// the returned function is called: SQLite's query_only on the writer's one
// connection (chmod does not stop root, who may run the tests), and on
// PostgreSQL a pool of one connection whose transactions are read-only,
// which fails writes with SQLSTATE 25006 like a read-only server would.
// The fault is in the test's own store only, not in the shared database.
func FailWrites(t testing.TB, s *store.Store) (restore func()) {
	t.Helper()
	db := s.DB()
	on, off := "PRAGMA query_only = 1", "PRAGMA query_only = 0"
	if s.Dialect() == "postgres" {
		db.SetMaxOpenConns(1)
		db.SetMaxIdleConns(1)
		on, off = "SET SESSION CHARACTERISTICS AS TRANSACTION READ ONLY", "SET SESSION CHARACTERISTICS AS TRANSACTION READ WRITE"
	}
	if _, err := db.Exec(on); err != nil {
		t.Fatalf("make writes fail: %v", err)
	}
	return func() {
		t.Helper()
		if _, err := db.Exec(off); err != nil {
			t.Fatalf("make writes work again: %v", err)
		}
	}
}

// testWriteHealth: writes work on a fresh store; a read-only database fails
// a create with EUNAVAILABLE and a Retry-After, and WriteHealth says why;
// once the fault is gone a probe due on the clock makes it healthy again.
func testWriteHealth(e *env) {
	if got := e.s.WriteHealth(e.ctx); got != "" {
		e.t.Fatalf("fresh store: WriteHealth = %q, want \"\"", got)
	}
	must(e.t, e.s.ProbeWrite(e.ctx))
	must(e.t, e.s.ProbeWrite(e.ctx)) // the second probe rewrites the one row

	restore := FailWrites(e.t, e.s)
	err := e.s.CreateOrganisation(e.ctx, &schakel.Organisation{Code: "min-szw", Name: "SZW", Type: schakel.OrgMinistry})
	if schakel.ErrorCode(err) != schakel.EUNAVAILABLE || schakel.ErrorRetryAfter(err) != store.StorageRetryAfter {
		e.t.Fatalf("create on a read-only database: %v (code %q, retry after %v), want unavailable with a Retry-After", err, schakel.ErrorCode(err), schakel.ErrorRetryAfter(err))
	}
	if msg := schakel.ErrorMessage(err); strings.Contains(msg, "SQLSTATE") || strings.Contains(msg, "query_only") || strings.Contains(msg, "read-only") {
		e.t.Fatalf("the client's message carries the driver's words: %q", msg)
	}
	reason := e.s.WriteHealth(e.ctx)
	if !strings.Contains(reason, "alleen-lezen") {
		e.t.Fatalf("WriteHealth = %q, want it to say the database is read-only", reason)
	}
	if err := e.s.ProbeWrite(e.ctx); schakel.ErrorCode(err) != schakel.EUNAVAILABLE {
		e.t.Fatalf("probe on a read-only database: %v", err)
	}

	restore()
	// No probe is due yet: the last one ran at this instant.
	if got := e.s.WriteHealth(e.ctx); got == "" {
		e.t.Fatal("healthy again before a probe was due")
	}
	e.clock.Advance(store.ProbeInterval)
	if got := e.s.WriteHealth(e.ctx); got != "" {
		e.t.Fatalf("after the fault: WriteHealth = %q, want \"\"", got)
	}
	org := &schakel.Organisation{Code: "min-szw", Name: "SZW", Type: schakel.OrgMinistry}
	must(e.t, e.s.CreateOrganisation(e.ctx, org))
	if org.ID == 0 {
		e.t.Fatal("create after the fault stored nothing")
	}
	// A create that failed wrote nothing: the organisation is there once.
	orgs, _, err := e.s.Organisations(e.ctx, schakel.OrganisationFilter{})
	must(e.t, err)
	if len(orgs) != 1 {
		e.t.Fatalf("%d organisations, want 1", len(orgs))
	}

	// A write that fails for a storage reason makes the store unhealthy
	// even without a probe.
	restore = FailWrites(e.t, e.s)
	e.s.CreateOrganisation(e.ctx, &schakel.Organisation{Code: "min-bzk", Name: "BZK", Type: schakel.OrgMinistry})
	if e.s.WriteHealth(e.ctx) == "" {
		e.t.Fatal("a failed create left the store healthy")
	}
	restore()
	must(e.t, e.s.CreateOrganisation(e.ctx, &schakel.Organisation{Code: "min-bzk", Name: "BZK", Type: schakel.OrgMinistry}))
	if got := e.s.WriteHealth(e.ctx); got != "" {
		e.t.Fatalf("a create that worked left WriteHealth = %q", got)
	}

	// Single statements outside a transaction answer unavailable too
	// (found in review: they gave 500 and left readiness alone).
	restore = FailWrites(e.t, e.s)
	for name, write := range map[string]func() error{
		"RetireContact": func() error { return e.s.RetireContact(e.ctx, 1) },
		"RemoveMembership": func() error {
			return e.s.RemoveMembership(e.ctx, schakel.Membership{UserID: 1, OrganisationID: org.ID, Role: schakel.RoleAdmin})
		},
		"SaveCheckpoint": func() error { return e.s.SaveCheckpoint(e.ctx, 0, []byte("checkpoint\n")) },
	} {
		if err := write(); schakel.ErrorCode(err) != schakel.EUNAVAILABLE {
			e.t.Errorf("%s on a read-only database: %v (code %q), want unavailable", name, err, schakel.ErrorCode(err))
		}
	}
	restore()
}
