package jobs_test

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"net/url"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"github.com/schakel-nl/schakel"
	"github.com/schakel-nl/schakel/calendar"
	"github.com/schakel-nl/schakel/comply"
	"github.com/schakel-nl/schakel/jobs"
	"github.com/schakel-nl/schakel/schakeltest"
	"github.com/schakel-nl/schakel/store"
	"github.com/schakel-nl/schakel/store/storetest"
)

// BenchmarkSweep measures one sweep over 100,000 requests awaiting an answer
// of which 10,000 are overdue, on a durable store (SQLite synchronous=FULL,
// PostgreSQL synchronous_commit=on). The requests are made beforehand through
// a faster handle (synchronous=NORMAL / synchronous_commit=off); that setup
// is not timed. Run with -benchtime=1x: each run sweeps a fresh world.
func BenchmarkSweep(b *testing.B) {
	const total, overdue = 100_000, 10_000
	for _, backend := range []string{"sqlite", "postgres"} {
		b.Run(backend, func(b *testing.B) {
			for i := 0; i < b.N; i++ {
				b.StopTimer()
				durable, clock := sweepWorld(b, backend, total, overdue)
				sw := &jobs.Sweeper{Store: durable, Engine: &comply.Engine{Calendar: calendar.New()}, Clock: clock, Log: slog.New(slog.NewTextHandler(io.Discard, nil))}
				b.StartTimer()
				start := time.Now()
				res, err := sw.SweepOnce(context.Background())
				elapsed := time.Since(start)
				b.StopTimer()
				if err != nil {
					b.Fatal(err)
				}
				if res.Escalated != overdue {
					b.Fatalf("escalated %d, want %d (%+v)", res.Escalated, overdue, res)
				}
				b.ReportMetric(elapsed.Seconds(), "s/sweep")
				b.ReportMetric(float64(overdue)/elapsed.Seconds(), "escalations/s")
			}
		})
	}
}

// sweepWorld makes total requests of which overdue have passed their answer
// deadline at the returned clock's time, and returns a durable store handle.
func sweepWorld(b *testing.B, backend string, total, overdue int) (*store.Store, *schakeltest.Clock) {
	ctx := context.Background()
	var dsn, fastDSN string
	fastOpts := store.Options{SQLiteSynchronous: "NORMAL"}
	switch backend {
	case "sqlite":
		dsn = filepath.Join(b.TempDir(), "sweep.db")
		fastDSN = dsn
	default:
		dsn = storetest.PostgresURL(b)
		u, _ := url.Parse(dsn)
		q := u.Query()
		q.Set("synchronous_commit", "off")
		u.RawQuery = q.Encode()
		fastDSN = u.String()
	}
	now := time.Date(2026, 9, 7, 8, 0, 0, 0, time.UTC)
	clock := schakeltest.NewClock(now)
	fastOpts.Clock = clock
	fast, err := store.Open(ctx, fastDSN, fastOpts)
	if err != nil {
		b.Fatal(err)
	}
	defer fast.Close()
	if _, err := fast.Migrate(ctx); err != nil {
		b.Fatal(err)
	}
	if _, err := fast.SeedPrinciples(ctx, schakel.DefaultPrinciples()); err != nil {
		b.Fatal(err)
	}
	szw := storetest.MustOrganisation(b, fast, "min-szw", schakel.OrgMinistry)
	uwv := storetest.MustOrganisation(b, fast, "uwv", schakel.OrgExecutive, szw.ID)
	u := storetest.MustUser(b, fast, "indiener")
	ladder, err := comply.Ladder(comply.LadderInput{Type: schakel.TypeGeneral, Addressee: schakel.Addressee{OrganisationID: uwv.ID},
		AddresseeType: schakel.OrgExecutive, Principal: szw.ID})
	if err != nil {
		b.Fatal(err)
	}
	eng := &comply.Engine{Calendar: calendar.New()}
	workers := 8
	var wg sync.WaitGroup
	errc := make(chan error, workers)
	for w := 0; w < workers; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := w; i < total; i += workers {
				at := now.Add(-24 * time.Hour) // not due for weeks
				if i < overdue {
					at = now.Add(-60 * 24 * time.Hour) // six weeks have passed
				}
				r, ev, err := eng.New(comply.NewRequest{Type: schakel.TypeGeneral, Subject: fmt.Sprintf("Verzoek %d", i),
					Grounds:   []schakel.Ground{{Principle: "evenredigheid", Text: "Onevenredig."}},
					Requester: schakel.Party{Kind: schakel.PartyUser, UserID: u.ID}}, ladder, nil, at)
				if err == nil {
					err = fast.CreateRequest(ctx, r, ev)
				}
				if err != nil {
					errc <- err
					return
				}
			}
		}()
	}
	wg.Wait()
	close(errc)
	if err := <-errc; err != nil {
		b.Fatal(err)
	}
	durable, err := store.Open(ctx, dsn, store.Options{Clock: clock})
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { durable.Close() })
	return durable, clock
}
