package main

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"math/rand/v2"
	"os"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"testing"
	"time"

	"golang.org/x/mod/sumdb/tlog"

	"github.com/schakel-nl/schakel"
	"github.com/schakel-nl/schakel/calendar"
	"github.com/schakel-nl/schakel/comply"
	"github.com/schakel-nl/schakel/jobs"
	"github.com/schakel-nl/schakel/ledger"
	"github.com/schakel-nl/schakel/server"
	"github.com/schakel-nl/schakel/store"
	"github.com/schakel-nl/schakel/store/storetest"
)

// bench1MEnv enables BenchmarkVerify1M: building its database takes minutes.
// bench1MDirEnv, if set, is a directory where the database is kept and
// reused by later runs.
const (
	bench1MEnv    = "SCHAKEL_BENCH_1M"
	bench1MDirEnv = "SCHAKEL_BENCH_1M_DIR"
)

// BenchmarkVerify1M measures a full offline verification of a log of
// 1,000,000 entries in an SQLite file: "command" is `schakel verify --db
// FILE --events 100` run in-process (checkpoint signature, every entry
// bundle and hash tile recomputed through server.LedgerFetcher and
// ledger.Verifier, every event row's projection recomputed and compared,
// 100 random events looked up with inclusion proofs); "tree" is only the
// ledger.Verifier part of it over the same fetcher. Each reports seconds,
// the peak RSS of the process during the run (VmHWM after resetting it) and
// the peak Go heap sampled every 20 ms. "prove-db" builds and checks an
// inclusion proof of a random entry from the stored hashes, as the API does.
//
// The database holds 125,000 requests with 8 events each (created,
// acknowledged, extended, answered with an explain, contested, acknowledged
// at the next rung, answered, closed), written through the engine and
// Store.CreateRequest/UpdateRequest by 8 writers on a synchronous=NORMAL
// handle, then appended by LedgerJob.RunOnce in batches of 10,000 and
// checkpointed. That takes several minutes, so the benchmark runs only with
// SCHAKEL_BENCH_1M=1; with SCHAKEL_BENCH_1M_DIR=dir the database is kept in
// dir and reused.
func BenchmarkVerify1M(b *testing.B) {
	if os.Getenv(bench1MEnv) == "" {
		b.Skipf("set %s=1 to build a log of 1,000,000 entries (minutes) and verify it", bench1MEnv)
	}
	const requests, perRequest = 125_000, 8
	dir := os.Getenv(bench1MDirEnv)
	if dir == "" {
		dir = b.TempDir()
	}
	path, vkey := verifyWorld(b, dir, requests, perRequest)
	ctx := context.Background()

	b.Run("command", func(b *testing.B) {
		for i := 0; i < b.N; i++ {
			state := filepath.Join(b.TempDir(), "verify.state")
			var out bytes.Buffer
			var err error
			m := measure(b, func() {
				err = Run(ctx, []string{"verify", "--db", path, "--key", vkey, "--state", state, "--events", "100"}, envOf(nil), &out, io.Discard)
			})
			if err != nil {
				b.Fatalf("verify: %v\n%s", err, out.String())
			}
			if want := fmt.Sprintf("The public record verifies: %d entries", requests*perRequest); !strings.Contains(out.String(), want) {
				b.Fatalf("verify printed no %q:\n%s", want, out.String())
			}
			if i == 0 {
				b.Logf("schakel verify --db printed:\n%s", out.String())
			}
			m.report(b)
		}
	})

	b.Run("tree", func(b *testing.B) {
		st, err := openExistingStore(ctx, path, "")
		if err != nil {
			b.Fatal(err)
		}
		defer st.Close()
		for i := 0; i < b.N; i++ {
			var rep *ledger.Report
			m := measure(b, func() {
				v := ledger.Verifier{Fetch: server.LedgerFetcher(ctx, st), VerifierKey: vkey, Origin: storetest.TestOrigin}
				rep, err = v.Verify(ctx)
			})
			if err != nil {
				b.Fatal(err)
			}
			if rep.Entries != requests*perRequest {
				b.Fatalf("%d entries", rep.Entries)
			}
			m.report(b)
		}
	})

	// prove is what GET /api/v1/logboek/gebeurtenissen/{id}/{seq} does for
	// its inclusion proof (tlog.ProveRecord over Store.LedgerHashReader) for a
	// random entry of the 1M, plus checking that proof (tlog.CheckRecord).
	b.Run("prove-db", func(b *testing.B) {
		st, err := openExistingStore(ctx, path, "")
		if err != nil {
			b.Fatal(err)
		}
		defer st.Close()
		size := int64(requests * perRequest)
		hr := st.LedgerHashReader(ctx)
		root, err := tlog.TreeHash(size, hr)
		if err != nil {
			b.Fatal(err)
		}
		rng := rand.New(rand.NewPCG(3, 3))
		for b.Loop() {
			x := rng.Int64N(size)
			proof, err := tlog.ProveRecord(size, x, hr)
			if err != nil {
				b.Fatal(err)
			}
			leaf, err := hr.ReadHashes([]int64{tlog.StoredHashIndex(0, x)})
			if err != nil {
				b.Fatal(err)
			}
			if err := tlog.CheckRecord(proof, size, root, x, leaf[0]); err != nil {
				b.Fatal(err)
			}
		}
	})
}

// measured is what measure saw of one run.
type measured struct {
	elapsed           time.Duration
	cpu               time.Duration
	peakRSS, peakHeap uint64
}

func (m measured) report(b *testing.B) {
	b.ReportMetric(m.elapsed.Seconds(), "s/verify")
	b.ReportMetric(float64(m.peakRSS)/(1<<20), "peak-RSS-MB")
	b.ReportMetric(float64(m.peakHeap)/(1<<20), "peak-heap-MB")
	b.ReportMetric(m.cpu.Seconds(), "cpu-s")
}

// cpuTime returns the CPU time (user and system) the process has used so
// far, 0 if unknown. On a machine shared with other work the wall time of
// a run says little; its CPU time says what it costs.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if syscall.Getrusage(syscall.RUSAGE_SELF, &ru) != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// measure times fn, with the timer running only for it, and samples the
// process's peak RSS and Go heap while it runs.
func measure(b *testing.B, fn func()) measured {
	b.StopTimer()
	runtime.GC()
	// Writing 5 to clear_refs resets VmHWM (Linux ≥ 4.0).
	os.WriteFile("/proc/self/clear_refs", []byte("5"), 0)
	var peakHeap atomic.Uint64
	done := make(chan struct{})
	var wg sync.WaitGroup
	wg.Go(func() {
		t := time.NewTicker(20 * time.Millisecond)
		defer t.Stop()
		for {
			var ms runtime.MemStats
			runtime.ReadMemStats(&ms)
			if ms.HeapAlloc > peakHeap.Load() {
				peakHeap.Store(ms.HeapAlloc)
			}
			select {
			case <-done:
				return
			case <-t.C:
			}
		}
	})
	b.StartTimer()
	start, cpu := time.Now(), cpuTime()
	fn()
	elapsed, cpu := time.Since(start), cpuTime()-cpu
	b.StopTimer()
	close(done)
	wg.Wait()
	return measured{elapsed: elapsed, cpu: cpu, peakRSS: vmHWM(), peakHeap: peakHeap.Load()}
}

// vmHWM returns the process's peak resident set size, 0 if unknown.
func vmHWM() uint64 {
	b, err := os.ReadFile("/proc/self/status")
	if err != nil {
		return 0
	}
	for _, line := range strings.Split(string(b), "\n") {
		if v, ok := strings.CutPrefix(line, "VmHWM:"); ok {
			kb, _ := strconv.ParseUint(strings.TrimSuffix(strings.TrimSpace(v), " kB"), 10, 64)
			return kb << 10
		}
	}
	return 0
}

// verifyWorld returns the path of an SQLite database in dir holding a log of
// requests×perRequest entries with a checkpoint of all of them, and the
// log's verifier key; it builds them unless dir holds them already.
func verifyWorld(b *testing.B, dir string, requests, perRequest int) (path, vkey string) {
	path = filepath.Join(dir, "verify1m.db")
	keyPath := filepath.Join(dir, "verify1m.vkey")
	if k, err := os.ReadFile(keyPath); err == nil {
		b.Logf("reusing %s", path)
		return path, strings.TrimSpace(string(k))
	}
	start := time.Now()
	ctx := context.Background()
	os.Remove(path)
	skey, vkey, err := ledger.GenerateKey(storetest.TestOrigin)
	if err != nil {
		b.Fatal(err)
	}
	signer, err := ledger.NewSigner(skey, storetest.TestOrigin)
	if err != nil {
		b.Fatal(err)
	}
	st, err := store.Open(ctx, path, store.Options{SQLiteSynchronous: "NORMAL"})
	if err != nil {
		b.Fatal(err)
	}
	defer st.Close()
	if _, err := st.Migrate(ctx); err != nil {
		b.Fatal(err)
	}
	if _, err := st.SeedPrinciples(ctx, schakel.DefaultPrinciples()); err != nil {
		b.Fatal(err)
	}
	szw := storetest.MustOrganisation(b, st, "min-szw", schakel.OrgMinistry)
	uwv := storetest.MustOrganisation(b, st, "uwv", schakel.OrgExecutive, szw.ID)
	u := storetest.MustUser(b, st, "indiener")
	ladder, err := comply.Ladder(comply.LadderInput{Type: schakel.TypeGeneral, Addressee: schakel.Addressee{OrganisationID: uwv.ID},
		AddresseeType: schakel.OrgExecutive, Principal: szw.ID})
	if err != nil {
		b.Fatal(err)
	}
	eng := &comply.Engine{Calendar: calendar.New()}
	actor := schakel.Party{Kind: schakel.PartyUser, UserID: u.ID}
	t0 := time.Date(2026, 9, 7, 8, 0, 0, 0, time.UTC)
	const workers = 8
	var wg sync.WaitGroup
	errc := make(chan error, workers)
	for w := range workers {
		wg.Go(func() {
			for i := w; i < requests; i += workers {
				if err := lifecycle(ctx, st, eng, ladder, actor, i, t0); err != nil {
					errc <- fmt.Errorf("request %d: %w", i, err)
					return
				}
			}
		})
	}
	wg.Wait()
	close(errc)
	if err := <-errc; err != nil {
		b.Fatal(err)
	}
	written := time.Since(start)
	job := &jobs.LedgerJob{Store: st, Signer: signer, Batch: store.MaxLedgerBatch}
	n, cp, err := job.RunOnce(ctx)
	if err != nil || n != requests*perRequest || !cp {
		b.Fatalf("log job appended %d of %d, checkpoint %v: %v", n, requests*perRequest, cp, err)
	}
	b.Logf("built %s: %d events written in %s, appended and checkpointed in %s", path, n, written.Round(time.Second), (time.Since(start) - written).Round(time.Second))
	if err := os.WriteFile(keyPath, []byte(vkey+"\n"), 0o644); err != nil {
		b.Fatal(err)
	}
	return path, vkey
}

// lifecycle writes request i with its 8 events: created, acknowledged,
// extended, answered (explain), contested, acknowledged, answered (explain),
// closed.
func lifecycle(ctx context.Context, st *store.Store, eng *comply.Engine, ladder []schakel.Addressee, actor schakel.Party, i int, t0 time.Time) error {
	now := t0.Add(time.Duration(i) * time.Millisecond)
	r, ev, err := eng.New(comply.NewRequest{Type: schakel.TypeGeneral, Subject: fmt.Sprintf("Verzoek %d", i),
		Grounds:   []schakel.Ground{{Principle: "evenredigheid", Text: "Onevenredig."}},
		Requester: actor}, ladder, nil, now)
	if err != nil {
		return err
	}
	if err := st.CreateRequest(ctx, r, ev); err != nil {
		return err
	}
	explain := comply.AnswerInput{Kind: schakel.Explain, Motivations: map[string]string{"evenredigheid": fmt.Sprintf("Motivering %d.", i)}}
	steps := []func(r *schakel.Request, now time.Time) (*schakel.Request, *schakel.Event, error){
		func(r *schakel.Request, now time.Time) (*schakel.Request, *schakel.Event, error) {
			return eng.Acknowledge(r, actor, now)
		},
		func(r *schakel.Request, now time.Time) (*schakel.Request, *schakel.Event, error) {
			return eng.Extend(r, actor, calendar.Term{N: 2, Unit: calendar.Weeks}, "Meer tijd nodig.", now)
		},
		func(r *schakel.Request, now time.Time) (*schakel.Request, *schakel.Event, error) {
			return eng.Answer(r, actor, explain, now)
		},
		func(r *schakel.Request, now time.Time) (*schakel.Request, *schakel.Event, error) {
			return eng.Contest(r, actor, "Niet overtuigend.", now)
		},
		func(r *schakel.Request, now time.Time) (*schakel.Request, *schakel.Event, error) {
			return eng.Acknowledge(r, actor, now)
		},
		func(r *schakel.Request, now time.Time) (*schakel.Request, *schakel.Event, error) {
			return eng.Answer(r, actor, explain, now)
		},
		func(r *schakel.Request, now time.Time) (*schakel.Request, *schakel.Event, error) {
			return eng.Close(r, actor, "", now)
		},
	}
	for k, step := range steps {
		next, ev, err := step(r, now.Add(time.Duration(k+1)*time.Hour))
		if err != nil {
			return fmt.Errorf("step %d: %w", k+1, err)
		}
		if err := st.UpdateRequest(ctx, r.Version, next, ev); err != nil {
			return fmt.Errorf("step %d: %w", k+1, err)
		}
		r = next
	}
	return nil
}
