package app_test

import (
	"context"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"testing"
	"time"

	"github.com/schakel-nl/schakel"
	"github.com/schakel-nl/schakel/cmd/schakel/app"
	"github.com/schakel-nl/schakel/config"
	"github.com/schakel-nl/schakel/erasure"
	"github.com/schakel-nl/schakel/ledger"
	"github.com/schakel-nl/schakel/schakeltest"
	"github.com/schakel-nl/schakel/store/storetest"
)

func newApp(t *testing.T) *app.App {
	t.Helper()
	return newAppWith(t, func(*config.Config) {})
}

// newAppWith builds the app with the configuration as change leaves it.
func newAppWith(t *testing.T, change func(*config.Config)) *app.App {
	t.Helper()
	cfg := config.Default()
	cfg.SweepInterval, cfg.NotifyInterval = time.Second, 100*time.Millisecond
	change(&cfg)
	clock := schakeltest.NewClock(time.Date(2026, 12, 7, 9, 0, 0, 0, time.UTC))
	st := storetest.OpenSQLite(t, clock)
	skey, _, err := ledger.GenerateKey("schakel.test/log")
	if err != nil {
		t.Fatal(err)
	}
	signer, err := ledger.NewSigner(skey, "schakel.test/log")
	if err != nil {
		t.Fatal(err)
	}
	a, err := app.New(&cfg, st, clock, slog.New(slog.NewTextHandler(io.Discard, nil)), nil, app.WithLedgerSigner(signer))
	if err != nil {
		t.Fatal(err)
	}
	return a
}

// TestStopWaitsForJobs: when stop returns, every job has returned, so the
// store may be closed — before, jobs were cancelled but not waited for.
func TestStopWaitsForJobs(t *testing.T) {
	a := newApp(t)
	stop, err := a.StartJobs(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if n := a.JobsRunning(); n != 7 {
		t.Fatalf("%d jobs running, want 7 (sessions, sweep, terms, ledger, notifier, brake contacts, retention)", n)
	}
	stop()
	if n := a.JobsRunning(); n != 0 {
		t.Fatalf("%d jobs outlived stop", n)
	}
	stop() // stopping twice is harmless
}

// TestServesWithServices: the handler the root builds answers through the
// services it built.
func TestServesWithServices(t *testing.T) {
	a := newApp(t)
	rec := httptest.NewRecorder()
	a.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, "/api/v1/termijnen?startdatum=2026-12-07&duur=P6W", nil))
	if rec.Code != http.StatusOK {
		t.Fatalf("term calculator: %d %s", rec.Code, rec.Body)
	}
	for _, svc := range []any{a.Requests(), a.Brakes(), a.Cases()} {
		if svc == nil {
			t.Fatal("a service was not built")
		}
	}
	if _, _, err := a.Brakes().Register(context.Background(), schakel.BrakeFilter{Limit: 1}); err != nil {
		t.Fatal(err)
	}
}

// TestRetentionFromConfig: the erasure service applies the configured
// periods, and without any period no retention job runs.
func TestRetentionFromConfig(t *testing.T) {
	a := newAppWith(t, func(c *config.Config) {
		c.RetentionRequestDays, c.RetentionBrakeDays, c.RetentionCaseDays = 365, 0, 3650
	})
	if p := a.Erasure().Periods(); p != (erasure.Periods{Requests: 365, Cases: 3650}) {
		t.Fatalf("periods %+v", p)
	}
	a = newAppWith(t, func(c *config.Config) { c.RetentionRequestDays, c.RetentionBrakeDays, c.RetentionCaseDays = 0, 0, 0 })
	stop, err := a.StartJobs(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	defer stop()
	if n := a.JobsRunning(); n != 6 {
		t.Fatalf("%d jobs running without retention periods, want 6", n)
	}
}
