package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/url"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/schakel-nl/schakel"
	"github.com/schakel-nl/schakel/calendar"
	"github.com/schakel-nl/schakel/comply"
	"github.com/schakel-nl/schakel/jobs"
	"github.com/schakel-nl/schakel/ledger"
	"github.com/schakel-nl/schakel/schakeltest"
	"github.com/schakel-nl/schakel/store"
	"github.com/schakel-nl/schakel/store/storetest"
)

// The scale benchmarks (docs/scaling.md) build a database of many events
// once and measure it; scripts/bench-10m.sh sets these variables, builds
// the database with BenchmarkScaleBuild, serves it with `schakel serve`
// for the page latencies, runs BenchmarkScaleSweep and `schakel verify`.
// They are separate from BenchmarkVerify1M (bench_test.go) so that each can
// change without the other.
const (
	// scaleDBEnv names the database: a postgres:// URL (its search_path
	// may name a schema) or an SQLite file path. Without it the scale
	// benchmarks skip.
	scaleDBEnv = "SCHAKEL_SCALE_DB"
	// scaleDirEnv is a directory for the log's signing key
	// (schakel-log.key, as `serve --ledger-key-file` reads it), its
	// verifier key (scale.vkey) and the count of events built
	// (scale.events), which marks the database as built.
	scaleDirEnv = "SCHAKEL_SCALE_DIR"
	// scaleEventsEnv is how many events to build, a multiple of
	// scalePerRequest; default 10,000,000.
	scaleEventsEnv = "SCHAKEL_SCALE_EVENTS"
	// scaleOverdueEnv is how many overdue requests one sweep run adds and
	// escalates; default 10,000.
	scaleOverdueEnv = "SCHAKEL_SCALE_OVERDUE"
	// scaleWorkersEnv is how many goroutines write while building; default 8.
	scaleWorkersEnv = "SCHAKEL_SCALE_WORKERS"
	// scaleKeyEnv, when set, names the signing key file of a database that
	// holds a world already (a `serve --demo` database): the events are
	// built beside it, under organisations of their own, and the log is
	// signed with that key, so the same `serve` goes on serving it
	// (scripts/bench-mixed-rss.sh measures memory on such a database).
	scaleKeyEnv = "SCHAKEL_SCALE_KEY"
)

// scalePerRequest is the number of events of one built request: created,
// acknowledged, extended, answered (explain), contested, acknowledged at the
// next rung, answered, closed — the mix of BenchmarkVerify1M, and the ~8
// events per request of docs/BENCHMARKS.md §3c.
const scalePerRequest = 8

// scaleYear is the year the built requests are spread over, so that the
// parliament view of that year (`/parlement?vanaf=…&tot=…`) counts them all.
const scaleYear = 2026

// scaleSweepAt is the instant every sweep run is made at: its overdue
// requests were created 60 days before it; the ones an earlier run
// escalated have a new deadline after it and are left alone.
var scaleSweepAt = time.Date(scaleYear+1, 1, 4, 9, 0, 0, 0, time.UTC)

// scaleEnv is what the scale benchmarks read from the environment.
type scaleEnv struct {
	db, dir                  string
	events, overdue, workers int
}

// readScaleEnv skips the benchmark unless SCHAKEL_SCALE_DB and
// SCHAKEL_SCALE_DIR are set, and reads the sizes.
func readScaleEnv(b *testing.B) scaleEnv {
	e := scaleEnv{db: os.Getenv(scaleDBEnv), dir: os.Getenv(scaleDirEnv)}
	if e.db == "" || e.dir == "" {
		b.Skipf("set %s (a postgres:// URL or an SQLite path) and %s to build and measure a large database (scripts/bench-10m.sh)", scaleDBEnv, scaleDirEnv)
	}
	var err error
	if e.events, err = envPositive(scaleEventsEnv, 10_000_000); err != nil {
		b.Fatal(err)
	}
	if e.events%scalePerRequest != 0 {
		b.Fatalf("%s=%d is not a multiple of %d", scaleEventsEnv, e.events, scalePerRequest)
	}
	if e.overdue, err = envPositive(scaleOverdueEnv, 10_000); err != nil {
		b.Fatal(err)
	}
	if e.workers, err = envPositive(scaleWorkersEnv, 8); err != nil {
		b.Fatal(err)
	}
	return e
}

// envPositive reads a positive integer (digits, "_" or "," allowed as
// separators) from the environment, def when unset.
func envPositive(name string, def int) (int, error) {
	v := strings.NewReplacer("_", "", ",", "").Replace(os.Getenv(name))
	if v == "" {
		return def, nil
	}
	n, err := strconv.Atoi(v)
	if err != nil || n <= 0 {
		return 0, fmt.Errorf("%s=%q is not a positive whole number", name, os.Getenv(name))
	}
	return n, nil
}

// fastDSN returns dsn for bulk loading: PostgreSQL without waiting for the
// WAL flush at commit (synchronous_commit=off, a session setting pgx passes
// on); SQLite is opened with synchronous=NORMAL by the caller.
func fastDSN(dsn string) (string, error) {
	if !store.IsPostgres(dsn) {
		return dsn, nil
	}
	u, err := url.Parse(dsn)
	if err != nil {
		return "", err
	}
	q := u.Query()
	q.Set("synchronous_commit", "off")
	u.RawQuery = q.Encode()
	return u.String(), nil
}

// BenchmarkScaleBuild builds the scale database unless SCHAKEL_SCALE_DIR
// says it is built already: SCHAKEL_SCALE_EVENTS/8 requests with 8 events
// each, written through the engine and Store.CreateRequest/UpdateRequest by
// SCHAKEL_SCALE_WORKERS writers on a fast handle (synchronous_commit=off or
// synchronous=NORMAL), spread over scaleYear; then LedgerJob.RunOnce
// appends every event to the log in batches of store.MaxLedgerBatch and
// signs a checkpoint. It reports the write and append rates. Run it with
// -benchtime=1x.
func BenchmarkScaleBuild(b *testing.B) {
	e := readScaleEnv(b)
	for range b.N {
		if n, err := builtEvents(e.dir); err == nil {
			b.Logf("reusing the database of %d events named by %s (remove %s to build it again)", n, scaleDBEnv, filepath.Join(e.dir, "scale.events"))
			b.ReportMetric(float64(n), "events")
			continue
		}
		write, appendTime := buildScale(b, e)
		b.ReportMetric(float64(e.events), "events")
		b.ReportMetric(write.Seconds(), "s-write")
		b.ReportMetric(float64(e.events)/write.Seconds(), "events/s-write")
		b.ReportMetric(appendTime.Seconds(), "s-append")
		b.ReportMetric(float64(e.events)/appendTime.Seconds(), "events/s-append")
	}
}

// builtEvents returns the number of events the database was built with;
// an error (the file does not exist) if it was not.
func builtEvents(dir string) (int, error) {
	raw, err := os.ReadFile(filepath.Join(dir, "scale.events"))
	if err != nil {
		return 0, err
	}
	return strconv.Atoi(strings.TrimSpace(string(raw)))
}

// scaleWorld is the organisations and user the built requests refer to.
type scaleWorld struct {
	ladder []schakel.Addressee
	actor  schakel.Party
	eng    *comply.Engine
}

// newScaleWorld seeds the principles and creates a ministry, an executive
// organisation and a user whose codes end in suffix, so that the sweep's
// runs can add their own next to the built ones.
func newScaleWorld(b *testing.B, st *store.Store, suffix string) scaleWorld {
	ctx := context.Background()
	if _, err := st.SeedPrinciples(ctx, schakel.DefaultPrinciples()); err != nil {
		b.Fatal(err)
	}
	szw := storetest.MustOrganisation(b, st, "min-szw"+suffix, schakel.OrgMinistry)
	uwv := storetest.MustOrganisation(b, st, "uwv"+suffix, schakel.OrgExecutive, szw.ID)
	u := storetest.MustUser(b, st, "indiener"+suffix)
	ladder, err := comply.Ladder(comply.LadderInput{Type: schakel.TypeGeneral, Addressee: schakel.Addressee{OrganisationID: uwv.ID},
		AddresseeType: schakel.OrgExecutive, Principal: szw.ID})
	if err != nil {
		b.Fatal(err)
	}
	return scaleWorld{ladder: ladder, actor: schakel.Party{Kind: schakel.PartyUser, UserID: u.ID}, eng: &comply.Engine{Calendar: calendar.New()}}
}

// buildScale writes the database and its log and the files in e.dir.
func buildScale(b *testing.B, e scaleEnv) (write, appendTime time.Duration) {
	ctx := context.Background()
	dsn, err := fastDSN(e.db)
	if err != nil {
		b.Fatal(err)
	}
	st, err := store.Open(ctx, dsn, store.Options{SQLiteSynchronous: "NORMAL"})
	if err != nil {
		b.Fatal(err)
	}
	defer st.Close()
	if _, err := st.Migrate(ctx); err != nil {
		b.Fatal(err)
	}
	keyFile := os.Getenv(scaleKeyEnv)
	if n, err := st.LedgerSize(ctx); err != nil || n != 0 && keyFile == "" {
		b.Fatalf("the database named by %s is not empty (log size %d, %v): give a new schema or file, or its key in %s", scaleDBEnv, n, err, scaleKeyEnv)
	}
	if err := os.MkdirAll(e.dir, 0o755); err != nil {
		b.Fatal(err)
	}
	skey, vkey, origin, err := scaleKey(keyFile)
	if err != nil {
		b.Fatal(err)
	}
	signer, err := ledger.NewSigner(skey, origin)
	if err != nil {
		b.Fatal(err)
	}
	suffix := ""
	if keyFile != "" {
		suffix = "-schaal"
	}
	w := newScaleWorld(b, st, suffix)
	requests := e.events / scalePerRequest
	start := time.Now()
	if err := writeScaleRequests(ctx, st, w, requests, e.workers); err != nil {
		b.Fatal(err)
	}
	write = time.Since(start)
	start = time.Now()
	job := &jobs.LedgerJob{Store: st, Signer: signer, Batch: store.MaxLedgerBatch, Log: slog.New(slog.NewTextHandler(io.Discard, nil))}
	n, cp, err := job.RunOnce(ctx)
	// Beside a world, its events not yet in the log are appended too.
	if err != nil || n != e.events && (keyFile == "" || n < e.events) || !cp {
		b.Fatalf("log job appended %d of %d, checkpoint %v: %v", n, e.events, cp, err)
	}
	appendTime = time.Since(start)
	for name, content := range map[string]string{"schakel-log.key": skey, "scale.vkey": vkey, "scale.events": strconv.Itoa(e.events)} {
		if err := os.WriteFile(filepath.Join(e.dir, name), []byte(content+"\n"), 0o600); err != nil {
			b.Fatal(err)
		}
	}
	b.Logf("built %d requests with %d events: written in %s, appended and checkpointed in %s", requests, e.events, write.Round(time.Second), appendTime.Round(time.Second))
	return write, appendTime
}

// scaleKey returns the signing key of the log in keyFile, with its
// verifier key and origin (the key's name); without keyFile, a new key for
// storetest.TestOrigin.
func scaleKey(keyFile string) (skey, vkey, origin string, err error) {
	if keyFile == "" {
		skey, vkey, err = ledger.GenerateKey(storetest.TestOrigin)
		return skey, vkey, storetest.TestOrigin, err
	}
	raw, err := os.ReadFile(keyFile)
	if err != nil {
		return "", "", "", err
	}
	skey = strings.TrimSpace(string(raw))
	// A note signing key is PRIVATE+KEY+name+hash+key.
	parts := strings.Split(skey, "+")
	if len(parts) != 5 {
		return "", "", "", fmt.Errorf("%s holds no signing key", keyFile)
	}
	s, err := ledger.NewSigner(skey, parts[2])
	if err != nil {
		return "", "", "", err
	}
	return skey, s.VerifierKey(), parts[2], nil
}

// writeScaleRequests writes requests lifecycles with workers goroutines,
// printing progress to stderr every 5% (a 10M build takes long).
func writeScaleRequests(ctx context.Context, st *store.Store, w scaleWorld, requests, workers int) error {
	t0 := time.Date(scaleYear, 1, 5, 8, 0, 0, 0, time.UTC)
	// Spread the requests over the year's first 350 days, leaving room for
	// the lifecycle's hours after the last.
	step := 350 * 24 * time.Hour / time.Duration(requests)
	var done atomic.Int64
	started := time.Now()
	report := int64(max(requests/20, 1))
	var wg sync.WaitGroup
	errs := make([]error, workers)
	for k := range workers {
		wg.Go(func() {
			for i := k; i < requests; i += workers {
				if err := scaleLifecycle(ctx, st, w, i, t0.Add(time.Duration(i)*step)); err != nil {
					errs[k] = fmt.Errorf("request %d: %w", i, err)
					return
				}
				if n := done.Add(1); n%report == 0 {
					el := time.Since(started)
					fmt.Fprintf(os.Stderr, "scale build: %d of %d requests in %s (%.0f events/s)\n", n, requests, el.Round(time.Second), float64(n*scalePerRequest)/el.Seconds())
				}
			}
		})
	}
	wg.Wait()
	return errors.Join(errs...)
}

// scaleLifecycle writes request i, created at now, with the 8 events of
// lifecycle (bench_test.go), one hour apart.
func scaleLifecycle(ctx context.Context, st *store.Store, w scaleWorld, i int, now time.Time) error {
	return lifecycle(ctx, st, w.eng, w.ladder, w.actor, i, now.Add(-time.Duration(i)*time.Millisecond))
}

// BenchmarkScaleSweep measures the escalation sweep on the built database:
// each run adds SCHAKEL_SCALE_OVERDUE requests (with their own
// organisations) created 60 days before scaleSweepAt through the fast
// handle (not timed), then times one Sweeper.SweepOnce at scaleSweepAt on a
// durable handle (synchronous_commit=on / synchronous=FULL), which must
// escalate exactly those, and then one LedgerJob.RunOnce that appends the
// new events and signs a checkpoint with the built key, so that `schakel
// verify` still finds every event in the log. Run it with -benchtime=1x.
func BenchmarkScaleSweep(b *testing.B) {
	e := readScaleEnv(b)
	if _, err := builtEvents(e.dir); err != nil {
		b.Fatalf("the scale database is not built (run BenchmarkScaleBuild first): %v", err)
	}
	skey, err := os.ReadFile(filepath.Join(e.dir, "schakel-log.key"))
	if err != nil {
		b.Fatal(err)
	}
	signer, err := ledger.NewSigner(strings.TrimSpace(string(skey)), storetest.TestOrigin)
	if err != nil {
		b.Fatal(err)
	}
	ctx := context.Background()
	for range b.N {
		addOverdue(b, e)
		clock := schakeltest.NewClock(scaleSweepAt)
		durable, err := store.Open(ctx, e.db, store.Options{Clock: clock})
		if err != nil {
			b.Fatal(err)
		}
		sw := &jobs.Sweeper{Store: durable, Engine: &comply.Engine{Calendar: calendar.New()}, Clock: clock, Log: slog.New(slog.NewTextHandler(io.Discard, nil))}
		start := time.Now()
		res, err := sw.SweepOnce(ctx)
		sweep := time.Since(start)
		if err != nil {
			durable.Close()
			b.Fatal(err)
		}
		if res.Escalated != e.overdue {
			durable.Close()
			b.Fatalf("escalated %d, want %d (%+v)", res.Escalated, e.overdue, res)
		}
		job := &jobs.LedgerJob{Store: durable, Signer: signer, Clock: clock, Batch: store.MaxLedgerBatch, Log: slog.New(slog.NewTextHandler(io.Discard, nil))}
		start = time.Now()
		n, _, err := job.RunOnce(ctx)
		appendTime := time.Since(start)
		durable.Close()
		if err != nil {
			b.Fatal(err)
		}
		b.ReportMetric(sweep.Seconds(), "s/sweep")
		b.ReportMetric(float64(e.overdue)/sweep.Seconds(), "escalations/s")
		b.ReportMetric(float64(n), "events-appended")
		b.ReportMetric(appendTime.Seconds(), "s-append")
	}
}

// addOverdue creates e.overdue requests due long before scaleSweepAt, with
// organisations of their own.
func addOverdue(b *testing.B, e scaleEnv) {
	ctx := context.Background()
	dsn, err := fastDSN(e.db)
	if err != nil {
		b.Fatal(err)
	}
	fast, err := store.Open(ctx, dsn, store.Options{SQLiteSynchronous: "NORMAL", Clock: schakeltest.NewClock(scaleSweepAt)})
	if err != nil {
		b.Fatal(err)
	}
	defer fast.Close()
	w := newScaleWorld(b, fast, fmt.Sprintf("-sweep-%d", time.Now().UnixNano()))
	at := scaleSweepAt.Add(-60 * 24 * time.Hour)
	var wg sync.WaitGroup
	errs := make([]error, e.workers)
	for k := range e.workers {
		wg.Go(func() {
			for i := k; i < e.overdue; i += e.workers {
				r, ev, err := w.eng.New(comply.NewRequest{Type: schakel.TypeGeneral, Subject: fmt.Sprintf("Te laat %d", i),
					Grounds:   []schakel.Ground{{Principle: "evenredigheid", Text: "Onevenredig."}},
					Requester: w.actor}, w.ladder, nil, at)
				if err == nil {
					err = fast.CreateRequest(ctx, r, ev)
				}
				if err != nil {
					errs[k] = err
					return
				}
			}
		})
	}
	wg.Wait()
	if err := errors.Join(errs...); err != nil {
		b.Fatal(err)
	}
}
