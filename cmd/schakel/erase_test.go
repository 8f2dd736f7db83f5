package main

import (
	"context"
	"fmt"
	"log/slog"
	"net/http/httptest"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/schakel-nl/schakel"
	"github.com/schakel-nl/schakel/calendar"
	"github.com/schakel-nl/schakel/cmd/schakel/app"
	"github.com/schakel-nl/schakel/comply"
	"github.com/schakel-nl/schakel/config"
	"github.com/schakel-nl/schakel/demo"
	"github.com/schakel-nl/schakel/erasure"
	"github.com/schakel-nl/schakel/jobs"
	"github.com/schakel-nl/schakel/store/storetest"
)

// eraseWorld is the tamper world with the demo brakes and cases too, two
// brakes withdrawn, and every event in a signed checkpoint.
func eraseWorld(t *testing.T, backend string) (*tamperWorld, *app.App) {
	t.Helper()
	ctx := context.Background()
	w := newTamperWorld(t, backend)
	cfg := config.Default()
	a, err := app.New(&cfg, w.st, schakel.SystemClock{}, slog.New(slog.DiscardHandler), nil, app.WithLedgerKey(w.vkey))
	if err != nil {
		t.Fatal(err)
	}
	if _, _, err := demo.BuildBrakes(ctx, w.st, a.Brakes(), time.Now()); err != nil {
		t.Fatal(err)
	}
	if _, err := demo.BuildCases(ctx, w.st, a.Cases(), time.Now()); err != nil {
		t.Fatal(err)
	}
	bs, _, err := w.st.Brakes(ctx, schakel.BrakeFilter{Limit: 2})
	if err != nil || len(bs) != 2 {
		t.Fatalf("demo brakes: %d, %v", len(bs), err)
	}
	eng := &comply.Engine{Calendar: calendar.New()}
	for _, b := range bs {
		r := b.Request
		n, ev, err := eng.Withdraw(r, r.Requester, "De noodrem is niet meer nodig.", time.Now())
		if err != nil {
			t.Fatal(err)
		}
		if err := w.st.UpdateRequest(ctx, r.Version, n, ev); err != nil {
			t.Fatal(err)
		}
	}
	if _, _, err := (&jobs.LedgerJob{Store: w.st, Signer: w.signer}).RunOnce(ctx); err != nil {
		t.Fatal(err)
	}
	return w, a
}

// erase runs `schakel erase` on the world's database.
func (w *tamperWorld) erase(t *testing.T, kind string, id int64, reason string) (string, error) {
	t.Helper()
	return run(t, "erase", "--db", w.dsn, "--soort", kind, "--id", strconv.FormatInt(id, 10), "--reden", reason)
}

// TestErasureAndRetentionVerifyOnBothStores erases a closed demo request, a
// withdrawn brake and a published case with `schakel erase`, then lets the
// retention job erase everything else that ended, on each store; `schakel
// verify` passes offline and over HTTP after each, the texts are gone, and
// the public register still holds the published case.
func TestErasureAndRetentionVerifyOnBothStores(t *testing.T) {
	for _, backend := range backends() {
		t.Run(backend, func(t *testing.T) {
			ctx := context.Background()
			w, a := eraseWorld(t, backend)
			verify := func(when string) {
				t.Helper()
				srv := httptest.NewServer(a)
				defer srv.Close()
				for _, mode := range [][]string{{"--db", w.dsn}, {"--url", srv.URL, "--events", "all"}} {
					out, err := w.verify(t, mode...)
					if err != nil || !strings.Contains(out, "The public record verifies") {
						t.Fatalf("verify %s %s: %v\n%s", mode[0], when, err, out)
					}
				}
			}
			verify("before erasure")

			closed, texts := endedRequest(t, w.st, schakel.StateClosed)
			bs, _, err := w.st.Brakes(ctx, schakel.BrakeFilter{State: schakel.StateWithdrawn, Limit: 1})
			if err != nil || len(bs) != 1 {
				t.Fatalf("no withdrawn brake: %v", err)
			}
			brake := bs[0]
			cs, _, err := w.st.Cases(ctx, schakel.CaseFilter{State: schakel.CasePublished, Limit: 1})
			if err != nil || len(cs) != 1 {
				t.Fatalf("no published case: %v", err)
			}
			c := cs[0]
			precedent, err := w.st.Precedent(ctx, c.ID)
			if err != nil {
				t.Fatal(err)
			}
			for _, x := range []struct {
				kind string
				id   int64
			}{{"verzoek", closed.ID}, {"noodrem", brake.RequestID}, {"casus", c.ID}} {
				out, err := w.erase(t, x.kind, x.id, "Verzoek van de betrokkene.")
				if err != nil || !strings.Contains(out, fmt.Sprintf("De teksten van %s %d zijn gewist op ", x.kind, x.id)) {
					t.Fatalf("erase %s %d: %v\n%s", x.kind, x.id, err, out)
				}
			}
			wantTextsGone(t, w.st, texts)
			if b, err := w.st.Brake(ctx, brake.RequestID); err != nil || b.Concerned != schakel.ErasedText || b.Request.Subject != schakel.ErasedText {
				t.Fatalf("the brake after erasure: %+v, %v", b, err)
			}
			if got, err := w.st.Case(ctx, c.ID); err != nil || got.Title != schakel.ErasedText || got.Situation != schakel.ErasedText {
				t.Fatalf("the case after erasure: %+v, %v", got, err)
			}
			if got, err := w.st.Precedent(ctx, c.ID); err != nil || got.Title != precedent.Title || got.Summary != precedent.Summary {
				t.Fatalf("the published case changed: %+v, %v", got, err)
			}
			verify("after erasure on request")

			// Ten years on, with periods of a day, the retention job erases
			// every other request, brake and case that ended.
			withdrawn, texts := endedRequest(t, w.st, schakel.StateWithdrawn)
			svc := a.Erasure().WithPeriods(erasure.Periods{Requests: 1, Brakes: 1, Cases: 1})
			res, err := (&jobs.Retention{Eraser: svc, Clock: schakel.ClockFunc(func() time.Time { return time.Now().AddDate(10, 0, 0) })}).RunOnce(ctx)
			if err != nil || res.Requests == 0 || res.Brakes == 0 || res.Cases == 0 || res.Skipped != 0 {
				t.Fatalf("retention: %+v, %v", res, err)
			}
			wantTextsGone(t, w.st, texts)
			if got, err := w.st.Request(ctx, withdrawn.ID); err != nil || got.Subject != schakel.ErasedText {
				t.Fatalf("the retention left request %d: %v", withdrawn.ID, err)
			}
			for _, kind := range []bool{false, true} {
				if left, err := w.st.EndedRequests(ctx, kind, schakel.RetentionFilter{Before: time.Now().AddDate(10, 0, 0)}); err != nil || len(left) != 0 {
					t.Fatalf("ended requests not erased (brakes %v): %v, %v", kind, left, err)
				}
			}
			if left, err := w.st.ClosedCases(ctx, schakel.RetentionFilter{Before: time.Now().AddDate(10, 0, 0)}); err != nil || len(left) != 0 {
				t.Fatalf("closed cases not erased: %v, %v", left, err)
			}
			verify("after retention")
		})
	}
}

// TestEraseCommand: what `schakel erase` prints and how it exits.
func TestEraseCommand(t *testing.T) {
	w := newTamperWorld(t, "sqlite")
	closed, _ := endedRequest(t, w.st, schakel.StateClosed)
	open, _ := endedRequest(t, w.st, schakel.StateOpen)
	for _, tc := range []struct {
		name string
		args []string
		code int
		want []string
	}{
		{"nothing given", []string{"erase", "--db", w.dsn}, 1,
			[]string{"niets gewist: De invoer is niet geldig.", "--soort: Kies wat u wilt wissen", "--id: Geef het nummer", "--reden: Dit veld is verplicht."}},
		{"bad kind and id", []string{"erase", "--db", w.dsn, "--soort", "dossier", "--id", "twee", "--reden", "x"}, 1,
			[]string{`--soort: Onbekende soort "dossier"`, "--id: Geef een nummer: een positief geheel getal."}},
		{"open", []string{"erase", "--db", w.dsn, "--soort", "verzoek", "--id", strconv.FormatInt(open.ID, 10), "--reden", "Verzoek van de betrokkene."}, 1,
			[]string{fmt.Sprintf("niets gewist: Verzoek om verantwoording %d is open: alleen de teksten van een gesloten of ingetrokken verzoek kunnen worden gewist.", open.ID)}},
		{"unknown", []string{"erase", "--db", w.dsn, "--soort", "casus", "--id", "99999", "--reden", "Verzoek van de betrokkene."}, 1,
			[]string{"niets gewist: Casus 99999 bestaat niet."}},
		{"no database", []string{"erase", "--db", filepath.Join(t.TempDir(), "geen.db"), "--soort", "casus", "--id", "1", "--reden", "r"}, 1,
			[]string{"geen.db"}},
		{"a stray argument", []string{"erase", "--db", w.dsn, "casus"}, 1, []string{`unexpected argument "casus"`}},
		{"help", []string{"erase", "-h"}, 2, nil},
		{"erased", []string{"erase", "--db", w.dsn, "--soort", "verzoek", "--id", strconv.FormatInt(closed.ID, 10), "--reden", "Verzoek van de betrokkene."}, 0,
			[]string{fmt.Sprintf("De teksten van verzoek %d zijn gewist op ", closed.ID), "Reden: Verzoek van de betrokkene.\n"}},
		{"twice", []string{"erase", "--db", w.dsn, "--soort", "verzoek", "--id", strconv.FormatInt(closed.ID, 10), "--reden", "Nog eens."}, 1,
			[]string{fmt.Sprintf("niets gewist: De teksten van verzoek %d zijn al gewist op ", closed.ID)}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var out, errOut strings.Builder
			err := Run(context.Background(), tc.args, envOf(nil), &out, &errOut)
			code := 0
			if err != nil {
				code = exitCode(err)
			}
			if code != tc.code {
				t.Fatalf("exit %d (%v), want %d\n%s", code, err, tc.code, errOut.String())
			}
			said := out.String()
			if err != nil {
				said = err.Error()
			}
			for _, want := range tc.want {
				if !strings.Contains(said, want) {
					t.Errorf("output lacks %q:\n%s", want, said)
				}
			}
			if tc.name == "help" && !strings.Contains(errOut.String(), "schakel erase --db DB --soort verzoek|noodrem|casus --id N --reden") {
				t.Errorf("help:\n%s", errOut.String())
			}
			if tc.name == "erased" && (!strings.Contains(errOut.String(), `"cause":"verzoek-betrokkene"`) || strings.Contains(errOut.String(), "Verzoek van de betrokkene")) {
				t.Errorf("the log of the erasure:\n%s", errOut.String())
			}
		})
	}
}

// backends lists the stores the tests here run on.
func backends() []string {
	var out []string
	for _, b := range storetest.Backends() {
		out = append(out, b.Name)
	}
	return out
}
