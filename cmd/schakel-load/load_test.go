package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"io"
	"log/slog"
	"net/http/httptest"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/schakel-nl/schakel"
	"github.com/schakel-nl/schakel/cmd/schakel/app"
	"github.com/schakel-nl/schakel/config"
	"github.com/schakel-nl/schakel/demo"
	"github.com/schakel-nl/schakel/ledger"
	"github.com/schakel-nl/schakel/store"
	"github.com/schakel-nl/schakel/store/storetest"
)

// backends are the stores the load is run against.
var backends = []struct {
	name string
	dsn  func(t *testing.T) string
}{
	{"sqlite", func(t *testing.T) string { return filepath.Join(t.TempDir(), "load.db") }},
	{"postgres", func(t *testing.T) string { return storetest.PostgresURL(t) }},
}

// demoServer serves the demo world (organisations, users, requests,
// brakes and published cases; not the generated year, which only makes
// the build slow) through the app's composition root over real HTTP, as
// `schakel serve --demo` does, with trustProxy as --trust-proxy. It
// returns the server's URL and the store.
func demoServer(t *testing.T, dsn string, trustProxy bool) (string, *store.Store) {
	t.Helper()
	ctx := context.Background()
	st, err := store.Open(ctx, dsn, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	if _, err := st.Migrate(ctx); err != nil {
		t.Fatal(err)
	}
	if _, err := st.SeedPrinciples(ctx, schakel.DefaultPrinciples()); err != nil {
		t.Fatal(err)
	}
	if built, err := demo.Build(ctx, st); err != nil || !built {
		t.Fatalf("demo: built %v, %v", built, err)
	}
	const origin = "schakel.load/log"
	skey, _, err := ledger.GenerateKey(origin)
	if err != nil {
		t.Fatal(err)
	}
	signer, err := ledger.NewSigner(skey, origin)
	if err != nil {
		t.Fatal(err)
	}
	cfg := config.Default()
	cfg.Demo, cfg.DB, cfg.TrustProxy = true, dsn, trustProxy
	log := slog.New(slog.NewTextHandler(io.Discard, nil))
	a, err := app.New(&cfg, st, schakel.SystemClock{}, log, nil, app.WithLedgerSigner(signer))
	if err != nil {
		t.Fatal(err)
	}
	now := time.Now()
	if _, err := demo.BuildRequests(ctx, st, a.Requests().Engine, now); err != nil {
		t.Fatal(err)
	}
	if _, _, err := demo.BuildBrakes(ctx, st, a.Brakes(), now); err != nil {
		t.Fatal(err)
	}
	if _, err := demo.BuildCases(ctx, st, a.Cases(), now); err != nil {
		t.Fatal(err)
	}
	ts := httptest.NewServer(a)
	t.Cleanup(ts.Close)
	return ts.URL, st
}

// count is the number of requests in st matching f.
func count(t *testing.T, st *store.Store, f schakel.RequestFilter) int {
	t.Helper()
	f.Limit = 1
	_, n, err := st.Requests(context.Background(), f)
	if err != nil {
		t.Fatal(err)
	}
	return n
}

// TestLoadRunsEveryKind runs three operations of every kind with two
// clients against the demo server on both stores: every kind ran without
// an error, the counts add up to the total, the JSON report says the same,
// and the server holds what the load wrote — three more answered requests
// and three more citizens' brakes.
func TestLoadRunsEveryKind(t *testing.T) {
	const n = 3
	for _, b := range backends {
		t.Run(b.name, func(t *testing.T) {
			base, st := demoServer(t, b.dsn(t), true)
			answered := count(t, st, schakel.RequestFilter{State: schakel.StateAnswered})
			citizens := count(t, st, schakel.RequestFilter{Type: schakel.TypeCitizenBrake})

			var out, errOut bytes.Buffer
			err := run(context.Background(), []string{"--url", base, "--requests", "3", "--clients", "2", "--seed", "7", "--json"}, &out, &errOut)
			if err != nil {
				t.Fatalf("run: %v\n%s\n%s", err, out.String(), errOut.String())
			}
			var rep report
			if err := json.Unmarshal(out.Bytes(), &rep); err != nil {
				t.Fatalf("the JSON report: %v\n%s", err, out.String())
			}
			if len(rep.Kinds) != int(numKinds) {
				t.Fatalf("%d kinds in the report, want %d", len(rep.Kinds), numKinds)
			}
			var sum, ok int64
			for i, kr := range rep.Kinds {
				if kr.Kind != kindNames[i] {
					t.Errorf("kind %d is %q, want %q", i, kr.Kind, kindNames[i])
				}
				// An answer finds its request in the pool or creates one
				// first: the creates are at least n, every other kind n.
				if kr.Count != n && (kr.Kind != "create" || kr.Count < n) {
					t.Errorf("%s ran %d times, want %d", kr.Kind, kr.Count, n)
				}
				if kr.Errors != 0 || kr.OK != kr.Count {
					t.Errorf("%s: %d errors (%v), %d ok of %d: %v", kr.Kind, kr.Errors, kr.ByStatus, kr.OK, kr.Count, rep.Failures[kr.Kind])
				}
				if kr.P50Ms <= 0 || kr.P99Ms < kr.P50Ms || kr.MaxMs < kr.P99Ms || kr.PerSecond <= 0 {
					t.Errorf("%s: p50 %v, p99 %v, max %v, %v/s", kr.Kind, kr.P50Ms, kr.P99Ms, kr.MaxMs, kr.PerSecond)
				}
				sum += kr.Count
				ok += kr.OK
			}
			if rep.Total.Count != sum || rep.Total.OK != ok || rep.Total.Errors != 0 {
				t.Errorf("total %+v, want count %d and ok %d", rep.Total, sum, ok)
			}
			if got := count(t, st, schakel.RequestFilter{State: schakel.StateAnswered}) - answered; got != n {
				t.Errorf("%d more answered requests, want %d", got, n)
			}
			if got := count(t, st, schakel.RequestFilter{Type: schakel.TypeCitizenBrake}) - citizens; got != n {
				t.Errorf("%d more citizens' brakes, want %d", got, n)
			}
		})
	}
}

// TestLoadCountsThrottledBrakes: against a server that does not trust
// X-Forwarded-For every citizen's brake comes from one address, which may
// pull 5 at once; the sixth and seventh are answered 429 and the report
// counts them as errors of that kind by status, in the total too, and run
// fails. The text report names the remedy.
func TestLoadCountsThrottledBrakes(t *testing.T) {
	base, _ := demoServer(t, filepath.Join(t.TempDir(), "load.db"), false)
	var out bytes.Buffer
	err := run(context.Background(), []string{"--url", base, "--requests", "7", "--clients", "1", "--mix", "citizen-brake=1"}, &out, io.Discard)
	if !errors.Is(err, errFailed) {
		t.Fatalf("run: %v, want errFailed\n%s", err, out.String())
	}
	text := out.String()
	for _, want := range []string{"429×2", "2 citizens' brakes were throttled", "--trust-proxy"} {
		if !strings.Contains(text, want) {
			t.Errorf("the report lacks %q:\n%s", want, text)
		}
	}
	var citizen string
	for line := range strings.SplitSeq(text, "\n") {
		if f := strings.Fields(line); len(f) > 2 && f[0] == "citizen-brake" {
			citizen = strings.Join(f[:3], " ")
		}
	}
	if citizen != "citizen-brake 7 2" {
		t.Errorf("citizen-brake row starts %q, want 7 run and 2 errors:\n%s", citizen, text)
	}
}

// TestLoginFailsWithoutDemo: a server without the demo login is refused
// at once with a message that says why.
func TestLoginFailsWithoutDemo(t *testing.T) {
	ts := httptest.NewServer(nil) // answers 404 to everything
	t.Cleanup(ts.Close)
	err := run(context.Background(), []string{"--url", ts.URL, "--requests", "1"}, io.Discard, io.Discard)
	if err == nil || !strings.Contains(err.Error(), "--demo") {
		t.Fatalf("run: %v, want a failed demo login", err)
	}
}

// TestParseMix reads weights, leaves kinds out as 0 and refuses unknown
// kinds, bad weights and an all-zero mix.
func TestParseMix(t *testing.T) {
	mix, err := parseMix(defaultMix)
	if err != nil {
		t.Fatal(err)
	}
	for k, w := range mix {
		if w <= 0 {
			t.Errorf("the default mix gives %s weight %d", kindNames[k], w)
		}
	}
	mix, err = parseMix(" search = 3 , create=1")
	if err != nil || mix != [numKinds]int{kindSearch: 3, kindCreate: 1} {
		t.Errorf("parseMix: %v, %v", mix, err)
	}
	for _, bad := range []string{"", "search=0", "search", "bogus=1", "search=-1", "search=x"} {
		if _, err := parseMix(bad); err == nil {
			t.Errorf("parseMix(%q) accepted", bad)
		}
	}
}
