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
	"github.com/schakel-nl/schakel/jobs"
	"github.com/schakel-nl/schakel/store/storetest"
)

// TestPublicationChangesVerifyOnBothStores corrects one published demo
// case and withdraws another on each store, lets the log take the changes
// and verifies the public record offline and over HTTP; the withdrawn
// texts are gone from the register; a withdrawal's reason rewritten in the
// database afterwards is caught.
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

			// The log takes the changes; then verify.
			if _, _, err := (&jobs.LedgerJob{Store: w.st, Signer: w.signer}).RunOnce(ctx); err != nil {
				t.Fatal(err)
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
			out, err := w.verify(t, "--db", w.dsn)
			if err != nil || !strings.Contains(out, "changes of the register of cases") || !strings.Contains(out, "register of cases: ") {
				t.Fatalf("verify --db: %v\n%s", err, out)
			}

			// Rewriting the corrected publication's texts in the database,
			// as someone with write access could, is caught.
			now, err := w.st.Precedent(ctx, corrected.CaseID)
			if err != nil {
				t.Fatal(err)
			}
			w.exec(t, "UPDATE precedents SET summary = ? WHERE case_id = ?", "Mevrouw Anja Verbeek uit Tilburg.", corrected.CaseID)
			out, err = w.verify(t, "--db", w.dsn)
			if want := fmt.Sprintf("the published texts of case %d differ from its version of change 2", corrected.CaseID); err == nil || !strings.Contains(err.Error(), want) {
				t.Fatalf("verify --db after rewriting a publication: %v\n%s", err, out)
			}
			w.exec(t, "UPDATE precedents SET summary = ? WHERE case_id = ?", now.Summary, corrected.CaseID)
			if out, err := w.verify(t, "--db", w.dsn); err != nil {
				t.Fatalf("verify --db after restoring the publication: %v\n%s", err, out)
			}

			// Rewriting the reason of the withdrawal in the database, as
			// someone with write access could, is caught.
			if w.postgres {
				w.exec(t, "DROP TRIGGER precedent_changes_append_only ON precedent_changes")
			} else {
				w.exec(t, "DROP TRIGGER precedent_changes_no_update")
			}
			w.exec(t, "UPDATE precedent_changes SET reason = ? WHERE case_id = ? AND seq = 2", "Een andere reden.", withdrawn.CaseID)
			out, err = w.verify(t, "--db", w.dsn)
			if want := fmt.Sprintf("change 2 of case %d in the database differs from its log entry", withdrawn.CaseID); err == nil || !strings.Contains(err.Error(), want) {
				t.Fatalf("verify --db after rewriting a withdrawal's reason: %v\n%s", err, out)
			}
		})
	}
}
