package figures_test

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"os"
	"slices"
	"strconv"
	"testing"
	"time"

	"github.com/schakel-nl/schakel"
	"github.com/schakel-nl/schakel/calendar"
	schakelapp "github.com/schakel-nl/schakel/cmd/schakel/app"
	"github.com/schakel-nl/schakel/config"
	"github.com/schakel-nl/schakel/figures"
	"github.com/schakel-nl/schakel/schakeltest"
	"github.com/schakel-nl/schakel/store"
	"github.com/schakel-nl/schakel/store/storetest"
)

// The parliament benchmark (issue 14): a year of 100,000 requests with
// 1,000,000 events (SCHAKEL_BENCH_REQUESTS changes the number of requests;
// events are about ten per request) over five ministries and ten executing
// organisations, written directly in SQL (benchdata_test.go); then, each
// timed per call with p50/p95/p99: the view of the year
// (figures.Service.View) unfiltered and for one ministry, its one grouping
// query alone (Store.RequestTallies, the part that dominates), the page
// GET /parlement and the list GET /parlement/verzoeken?cijfer=open through
// the whole handler chain of the app; and, as the physical reference of
// the same run on the same database, 2,000 single-row INSERT transactions
// on one client (as store.BenchmarkRawInsert).
//
//	SCHAKEL_TEST_POSTGRES=postgres://… go test -run '^$' -bench ParliamentView -benchtime 1x -timeout 60m ./figures/
//
// BenchmarkParliamentPrepare writes the same data into an SQLite file for
// the memory measurement of `schakel serve` (scripts/bench-parliament-rss.sh).

// benchCalls is how many times each operation is timed, unless
// SCHAKEL_BENCH_CALLS says otherwise.
var benchCalls = envInt("SCHAKEL_BENCH_CALLS", 200)

func benchRequests() int { return envInt("SCHAKEL_BENCH_REQUESTS", 100_000) }

// envInt is the positive number in the environment variable name, or def.
func envInt(name string, def int) int {
	if s := os.Getenv(name); s != "" {
		n, err := strconv.Atoi(s)
		if err == nil && n > 0 {
			return n
		}
	}
	return def
}

// benchQuery is the year's filter as the page's query.
const benchQuery = "vanaf=2026-01-01&tot=2026-12-31"

func BenchmarkParliamentView(b *testing.B) {
	n := benchRequests()
	for _, be := range storetest.Backends() {
		b.Run(fmt.Sprintf("%s/requests=%d", be.Name, n), func(b *testing.B) {
			ctx := context.Background()
			clock := schakeltest.NewClock(benchNow)
			st := be.Open(b, clock)
			t0 := time.Now()
			_, events := loadParliament(b, st, n)
			b.Logf("loaded %d requests with %d events in %s", n, events, time.Since(t0).Round(time.Second))
			svc := figures.New(st).WithClock(clock)
			year := figures.Filter{From: calendar.DateOf(2026, 1, 1), To: calendar.DateOf(2026, 12, 31)}
			szw := year
			tallies := schakel.TallyFilter{From: year.From.Time(), To: year.To.AddDays(1).Time(), Now: benchNow}
			szw.Ministry = "min-szw"
			v, err := svc.View(ctx, year)
			if err != nil {
				b.Fatal(err)
			}
			b.Logf("view of the year: %d requests, %d open (%d overdue), %d answered (%d comply), %d missed, %d escalated; %d open listed of %d; %d returned; %d laws; %d proposals",
				v.Total.Requests, v.Total.Open, v.Total.Overdue, v.Total.Answered, v.Total.Complied, v.Total.Missed, v.Total.Escalated,
				len(v.Open), v.OpenTotal, v.ReturnedTotal, v.LawsTotal, v.ProposalsTotal)
			if v.Total.Requests != n {
				b.Fatalf("the view counts %d requests, want %d", v.Total.Requests, n)
			}
			cfg := config.Default()
			app, err := schakelapp.New(&cfg, st, clock, slog.New(slog.NewTextHandler(io.Discard, nil)), nil)
			if err != nil {
				b.Fatal(err)
			}
			srv := httptest.NewServer(app)
			defer srv.Close()
			b.ResetTimer()
			for range b.N {
				for _, m := range []struct {
					name string
					call func() error
				}{
					{"view", func() error { _, err := svc.View(ctx, year); return err }},
					{"view-ministry", func() error { _, err := svc.View(ctx, szw); return err }},
					{"tallies", func() error { _, err := st.RequestTallies(ctx, tallies); return err }},
					{"page", func() error { return get(srv.URL + "/parlement?" + benchQuery) }},
					{"open-list", func() error { return get(srv.URL + "/parlement/verzoeken?cijfer=open&" + benchQuery) }},
					{"raw-insert", rawInsert(st)},
				} {
					d := make([]time.Duration, 0, benchCalls)
					calls := benchCalls
					if m.name == "raw-insert" {
						calls = 2000
					}
					start := time.Now()
					for range calls {
						t := time.Now()
						if err := m.call(); err != nil {
							b.Fatalf("%s: %v", m.name, err)
						}
						d = append(d, time.Since(t))
					}
					elapsed := time.Since(start)
					slices.Sort(d)
					for _, p := range []int{50, 95, 99} {
						b.ReportMetric(ms(d[len(d)*p/100]), fmt.Sprintf("%s-p%d-ms", m.name, p))
					}
					if m.name == "raw-insert" {
						b.ReportMetric(float64(calls)/elapsed.Seconds(), "raw-inserts/s")
					}
				}
				// The yearly report of the same year, as `schakel report`
				// makes it (cut-off 2027-01-04, as of that instant): once,
				// against its goal of 60 s.
				t := time.Now()
				g, err := schakelapp.NewReports(&cfg, st, clock).Generate(ctx, 2026, calendar.DateFromTime(benchNow))
				if err != nil {
					b.Fatalf("report: %v", err)
				}
				b.ReportMetric(time.Since(t).Seconds(), "report-s")
				b.ReportMetric(float64(len(g.HTML)+len(g.PDF))/1024, "report-kB")
			}
		})
	}
}

func ms(d time.Duration) float64 { return float64(d.Microseconds()) / 1000 }

// rawInsert returns one single-row INSERT transaction, committed durably,
// into a table of its own in the benchmark's database.
func rawInsert(st *store.Store) func() error {
	ctx := context.Background()
	db := st.DB()
	insert := "INSERT INTO bench_raw (id, payload) VALUES (?, ?)"
	if st.Dialect() == "postgres" {
		insert = "INSERT INTO bench_raw (id, payload) VALUES ($1, $2)"
	}
	var next int64
	created := false
	return func() error {
		if !created {
			if _, err := db.ExecContext(ctx, "CREATE TABLE bench_raw (id BIGINT PRIMARY KEY, payload TEXT NOT NULL)"); err != nil {
				return err
			}
			created = true
		}
		next++
		tx, err := db.BeginTx(ctx, nil)
		if err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, insert, next, "een rij van ongeveer honderd tekens, zoals een kort gebeurtenisrecord in schakel"); err != nil {
			tx.Rollback()
			return err
		}
		return tx.Commit()
	}
}

// get fetches url and wants 200, reading the whole body.
func get(url string) error {
	resp, err := http.Get(url)
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	if _, err := io.Copy(io.Discard, resp.Body); err != nil {
		return err
	}
	if resp.StatusCode != http.StatusOK {
		return fmt.Errorf("GET %s: %s", url, resp.Status)
	}
	return nil
}

// parliamentDBEnv names the SQLite file BenchmarkParliamentPrepare writes.
const parliamentDBEnv = "SCHAKEL_BENCH_PARLIAMENT_DB"

// BenchmarkParliamentPrepare writes the benchmark's data into a new,
// migrated SQLite file named by SCHAKEL_BENCH_PARLIAMENT_DB, for
// scripts/bench-parliament-rss.sh to serve. It measures only the loading.
func BenchmarkParliamentPrepare(b *testing.B) {
	path := os.Getenv(parliamentDBEnv)
	if path == "" {
		b.Skipf("set %s to the SQLite file to write", parliamentDBEnv)
	}
	if _, err := os.Stat(path); err == nil {
		b.Fatalf("%s exists: give a new file", path)
	}
	ctx := context.Background()
	n := benchRequests()
	for range b.N {
		st, err := store.Open(ctx, path, store.Options{Clock: schakeltest.NewClock(benchNow)})
		if err != nil {
			b.Fatal(err)
		}
		if _, err := st.Migrate(ctx); err != nil {
			b.Fatal(err)
		}
		t0 := time.Now()
		_, events := loadParliament(b, st, n)
		b.Logf("wrote %d requests with %d events to %s in %s", n, events, path, time.Since(t0).Round(time.Second))
		if err := st.Close(); err != nil {
			b.Fatal(err)
		}
	}
}
