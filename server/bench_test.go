package server_test

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/cookiejar"
	"net/http/httptest"
	"net/url"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/schakel-nl/schakel"
	"github.com/schakel-nl/schakel/auth"
	"github.com/schakel-nl/schakel/cmd/schakel/app"
	"github.com/schakel-nl/schakel/config"
	"github.com/schakel-nl/schakel/jobs"
	"github.com/schakel-nl/schakel/store"
	"github.com/schakel-nl/schakel/store/storetest"
)

// BenchmarkCreateRequestHTTP measures POST /api/v1/verantwoordingsverzoeken
// end to end — HTTP, session, validation, ladder, deadline, durable insert of
// the request, its ladder, grounds and first event (with its log entry) — at
// 1, 8 and 64 concurrent clients, on SQLite (synchronous=FULL) and
// PostgreSQL. It reports requests/s and the p50 and p99 latency per request.
// The variants …/log run the log job in the background as serve does
// (LedgerJob.Run every 2 s: appending the new events and signing a checkpoint)
// while the clients create.
func BenchmarkCreateRequestHTTP(b *testing.B) {
	backends := []struct {
		name string
		dsn  func(b *testing.B) string
	}{
		{"sqlite", func(b *testing.B) string { return filepath.Join(b.TempDir(), "bench.db") }},
		{"postgres", func(b *testing.B) string { return storetest.PostgresURL(b) }},
	}
	for _, be := range backends {
		for _, clients := range []int{1, 8, 64} {
			for _, withLedger := range []bool{false, true} {
				name := fmt.Sprintf("%s/clients=%d", be.name, clients)
				if withLedger {
					name += "/log"
				}
				b.Run(name, func(b *testing.B) {
					benchCreate(b, be.dsn(b), clients, withLedger)
				})
			}
		}
	}
}

// benchCreate runs b.N creates from clients goroutines against a fresh server
// over dsn, with the log job running beside it when withLedger is set.
func benchCreate(b *testing.B, dsn string, clients int, withLedger bool) {
	base, client, st := benchServer(b, dsn)
	if withLedger {
		ctx, cancel := context.WithCancel(context.Background())
		job := &jobs.LedgerJob{Store: st, Signer: storetest.TestSigner(b), Log: slog.New(slog.NewJSONHandler(io.Discard, nil))}
		var wg sync.WaitGroup
		wg.Go(func() { job.Run(ctx, jobs.DefaultLedgerInterval) })
		b.Cleanup(func() { cancel(); wg.Wait() })
	}
	body := `{"type":"noodrem-professional","onderwerp":"Terugvordering WIA-voorschot","toelichting":"Onevenredig voor mensen zonder buffer.",` +
		`"gronden":[{"beginsel":"evenredigheid","toelichting":"De gevolgen zijn onevenredig."},{"beginsel":"zorgvuldigheid","toelichting":"Niet naar de situatie gekeken."}],` +
		`"geadresseerde":{"organisatie":"uwv"}}`
	lat := make([]time.Duration, b.N)
	var next atomic.Int64
	var failed atomic.Int64
	b.ResetTimer()
	var wg sync.WaitGroup
	for c := 0; c < clients; c++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for {
				i := next.Add(1) - 1
				if i >= int64(b.N) {
					return
				}
				req, _ := http.NewRequest(http.MethodPost, base+"/api/v1/verantwoordingsverzoeken", strings.NewReader(body))
				req.Header.Set("Content-Type", "application/json")
				start := time.Now()
				resp, err := client.Do(req)
				if err != nil {
					failed.Add(1)
					continue
				}
				io.Copy(io.Discard, resp.Body)
				resp.Body.Close()
				lat[i] = time.Since(start)
				if resp.StatusCode != http.StatusCreated {
					failed.Add(1)
				}
			}
		}()
	}
	wg.Wait()
	b.StopTimer()
	if n := failed.Load(); n > 0 {
		b.Fatalf("%d of %d requests failed", n, b.N)
	}
	slices.Sort(lat)
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "req/s")
	b.ReportMetric(float64(lat[len(lat)/2].Microseconds())/1000, "p50-ms")
	b.ReportMetric(float64(lat[len(lat)*99/100].Microseconds())/1000, "p99-ms")
	b.ReportMetric(0, "ns/op")
}

// benchServer serves schakel on a real listener over the database at dsn,
// with an executive organisation, its ministry, the catalogue and a logged-in
// professional; it returns the base URL, a client carrying the session and
// the store.
func benchServer(b *testing.B, dsn string) (string, *http.Client, *store.Store) {
	b.Helper()
	ctx := context.Background()
	st, err := store.Open(ctx, dsn, store.Options{MaxReaders: 16})
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { st.Close() })
	if _, err := st.Migrate(ctx); err != nil {
		b.Fatal(err)
	}
	if _, err := st.SeedPrinciples(ctx, schakel.DefaultPrinciples()); err != nil {
		b.Fatal(err)
	}
	szw := storetest.MustOrganisation(b, st, "min-szw", schakel.OrgMinistry)
	uwv := storetest.MustOrganisation(b, st, "uwv", schakel.OrgExecutive, szw.ID)
	storetest.MustOrganisation(b, st, "tweede-kamer", schakel.OrgParliament)
	u := &schakel.User{Issuer: auth.DemoIssuer, Subject: "bench", Name: "Bench Professional"}
	if err := st.LoginUser(ctx, u); err != nil {
		b.Fatal(err)
	}
	if err := st.AddMembership(ctx, schakel.Membership{UserID: u.ID, OrganisationID: uwv.ID, Role: schakel.RoleProfessional}); err != nil {
		b.Fatal(err)
	}
	cfg := config.Default()
	cfg.Demo = true
	srv, err := app.New(&cfg, st, schakel.SystemClock{}, slog.New(slog.NewJSONHandler(io.Discard, nil)), nil)
	if err != nil {
		b.Fatal(err)
	}
	ts := httptest.NewServer(srv)
	b.Cleanup(ts.Close)
	jar, _ := cookiejar.New(nil)
	client := &http.Client{Jar: jar, Transport: &http.Transport{MaxIdleConnsPerHost: 128, MaxConnsPerHost: 128}}
	resp, err := client.PostForm(ts.URL+"/demo/inloggen", url.Values{"gebruiker": {strconv.FormatInt(u.ID, 10)}})
	if err != nil {
		b.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusOK { // followed the 303 to the home page
		b.Fatalf("demo login: %d", resp.StatusCode)
	}
	return ts.URL, client, st
}
