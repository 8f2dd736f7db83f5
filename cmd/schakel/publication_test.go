package main

import (
	"context"
	"fmt"
	"log/slog"
	"net/http/httptest"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/schakel-nl/schakel"
	"github.com/schakel-nl/schakel/cases"
	"github.com/schakel-nl/schakel/cmd/schakel/app"
	"github.com/schakel-nl/schakel/config"
	"github.com/schakel-nl/schakel/demo"
	"github.com/schakel-nl/schakel/store/storetest"
)

// TestPublicationChangesVerifyOnBothStores corrects one published demo
// case and withdraws another on each store, then verifies the public
// record offline and over HTTP: changing the register never touches the
// log. The withdrawn texts are gone from every table of the register.
func TestPublicationChangesVerifyOnBothStores(t *testing.T) {
	backends := []string{"sqlite"}
	if os.Getenv(storetest.PostgresEnv) != "" {
		backends = append(backends, "postgres")
	}
	for _, backend := range backends {
		t.Run(backend, func(t *testing.T) {
			ctx := context.Background()
			w := newTamperWorld(t, backend)
			svc := cases.New(w.st, schakel.SystemClock{})
			if built, err := demo.BuildCases(ctx, w.st, svc, time.Now()); err != nil || !built {
				t.Fatalf("demo cases: %v, %v", built, err)
			}
			ps, _, err := w.st.Precedents(ctx, schakel.PrecedentFilter{Limit: 10})
			if err != nil || len(ps) < 2 {
				t.Fatalf("%d published demo cases, %v", len(ps), err)
			}
			us, _, err := w.st.Users(ctx, schakel.UserFilter{Limit: 100})
			if err != nil {
				t.Fatal(err)
			}
			var board *schakel.User
			for _, u := range us {
				if u.Subject == "uwv-bestuur" {
					board = u
				}
			}
			corrected, withdrawn := ps[0], ps[1]
			for _, p := range []*schakel.Precedent{corrected, withdrawn} {
				if org, err := w.st.Organisation(ctx, p.OrganisationID); err != nil || org.Code != "uwv" {
					t.Fatalf("demo case %d is not of uwv: %v", p.CaseID, err)
				}
			}
			if _, err := svc.Correct(ctx, board, corrected.CaseID, cases.CorrectInput{Redact: []string{"voorschot"}, Reason: "Het woord maakte de casus te herkenbaar."}); err != nil {
				t.Fatal(err)
			}
			if _, err := svc.WithdrawPublication(ctx, board, withdrawn.CaseID, "De situatie bleek herkenbaar."); err != nil {
				t.Fatal(err)
			}
			var n int
			if err := w.st.DB().QueryRowContext(ctx, fmt.Sprintf("SELECT COUNT(*) FROM precedents WHERE case_id = %d", withdrawn.CaseID)).Scan(&n); err != nil || n != 0 {
				t.Fatalf("the withdrawn publication is still stored (%d, %v)", n, err)
			}
			chs, _, err := w.st.PrecedentChanges(ctx, schakel.PrecedentChangeFilter{CaseID: withdrawn.CaseID})
			if err != nil || len(chs) != 2 || chs[0].Digest != withdrawn.Digest {
				t.Fatalf("the register's changes of the withdrawn case: %+v, %v", chs, err)
			}

			cfg := config.Default()
			srv, err := app.New(&cfg, w.st, schakel.SystemClock{}, slog.New(slog.DiscardHandler), nil, app.WithLedgerKey(w.vkey))
			if err != nil {
				t.Fatal(err)
			}
			ts := httptest.NewServer(srv)
			defer ts.Close()
			if out, err := w.verify(t, "--url", ts.URL, "--events", "all"); err != nil {
				t.Fatalf("verify --url: %v\n%s", err, out)
			}
			if out, err := w.verify(t, "--db", w.dsn); err != nil || !strings.Contains(out, "ok") {
				t.Fatalf("verify --db: %v\n%s", err, out)
			}
		})
	}
}
