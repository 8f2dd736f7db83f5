package brakes_test

import (
	"context"
	"fmt"
	"sort"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/schakel-nl/schakel"
	"github.com/schakel-nl/schakel/brakes"
	"github.com/schakel-nl/schakel/calendar"
	"github.com/schakel-nl/schakel/comply"
	"github.com/schakel-nl/schakel/receipt"
	"github.com/schakel-nl/schakel/requests"
	"github.com/schakel-nl/schakel/store"
	"github.com/schakel-nl/schakel/store/storetest"
)

// BenchmarkPublicBrake measures citizens' brakes submitted through the
// service as the public form and the API do: validation, a fresh receipt
// code hashed with argon2id at receipt.DefaultParams, the request, brake and
// event written in one transaction, and then the log append (the
// sequencer) of every event, inside the timed part. Clients submit
// concurrently; the argon2id work is bounded by the Hasher (GOMAXPROCS).
//
//	go test -run '^$' -bench PublicBrake -benchtime 400x ./brakes/
//
// reports brakes/s and the p50/p99 latency of one submission.
func BenchmarkPublicBrake(b *testing.B) {
	// argon2=min shows what the rest of the path costs: the smallest
	// parameters receipt accepts instead of the chosen ones.
	params := []struct {
		name string
		p    receipt.Params
	}{{"default", receipt.DefaultParams}, {"min", receipt.Params{Time: 1, MemoryKiB: 8, Threads: 1, KeyLen: 32, SaltLen: 16}}}
	for _, be := range storetest.Backends() {
		for _, pp := range params {
			for _, clients := range []int{1, 8} {
				b.Run(fmt.Sprintf("%s/argon2=%s/clients=%d", be.Name, pp.name, clients), func(b *testing.B) {
					benchPublicBrake(b, be.Open, pp.p, clients)
				})
			}
		}
	}
}

func benchPublicBrake(b *testing.B, open func(testing.TB, schakel.Clock) *store.Store, params receipt.Params, clients int) {
	ctx := context.Background()
	clock := schakel.SystemClock{}
	st := open(b, clock)
	if _, err := st.SeedPrinciples(ctx, schakel.DefaultPrinciples()); err != nil {
		b.Fatal(err)
	}
	szw := storetest.MustOrganisation(b, st, "min-szw", schakel.OrgMinistry)
	storetest.MustOrganisation(b, st, "uwv", schakel.OrgExecutive, szw.ID)
	eng := &comply.Engine{Calendar: calendar.New()}
	svc := brakes.New(st, requests.New(st, eng, clock), clock, receipt.NewHasher(params, 0))
	in := brakes.PullInput{Level: schakel.LevelCitizen, Organisation: "uwv", DecisionReference: "UWV-2026-004711", DecisionDate: "2026-01-05",
		Body: "Ik moet alles terugbetalen, maar de fout lag bij UWV.", CitizenGrounds: []string{"niet-gehoord", "onevenredig"},
		WantedOutcome: "Dat de terugvordering vervalt."}
	var next atomic.Int64
	lat := make([]time.Duration, b.N)
	b.ReportAllocs()
	b.ResetTimer()
	start := time.Now()
	var wg sync.WaitGroup
	for range clients {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for {
				i := next.Add(1) - 1
				if i >= int64(b.N) {
					return
				}
				t0 := time.Now()
				if _, err := svc.Pull(ctx, nil, "", in); err != nil {
					b.Error(err)
					return
				}
				lat[i] = time.Since(t0)
			}
		}()
	}
	wg.Wait()
	for {
		n, err := st.SequenceLedger(ctx, 10000)
		if err != nil {
			b.Fatal(err)
		}
		if n == 0 {
			break
		}
	}
	elapsed := time.Since(start)
	b.StopTimer()
	size, err := st.LedgerSize(ctx)
	if err != nil || size != int64(b.N) {
		b.Fatalf("log size %d after %d brakes (%v)", size, b.N, err)
	}
	sort.Slice(lat, func(i, j int) bool { return lat[i] < lat[j] })
	b.ReportMetric(float64(b.N)/elapsed.Seconds(), "brakes/s")
	b.ReportMetric(float64(lat[b.N/2].Microseconds())/1000, "p50-ms")
	b.ReportMetric(float64(lat[b.N*99/100].Microseconds())/1000, "p99-ms")
}
