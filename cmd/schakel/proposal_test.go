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
	"github.com/schakel-nl/schakel/assessments"
	"github.com/schakel-nl/schakel/calendar"
	"github.com/schakel-nl/schakel/cmd/schakel/app"
	"github.com/schakel-nl/schakel/comply"
	"github.com/schakel-nl/schakel/config"
	"github.com/schakel-nl/schakel/demo"
	"github.com/schakel-nl/schakel/jobs"
	"github.com/schakel-nl/schakel/requests"
	"github.com/schakel-nl/schakel/store/storetest"
)

// TestProposalEventsVerifyOnBothStores builds the demo's proposals through
// the assessment service on each store, lets the log take their events
// and verifies the public record offline and over HTTP; a proposal event
// rewritten in the database afterwards, a proposal moved to another
// ministry and a proposal event deleted are each caught.
func TestProposalEventsVerifyOnBothStores(t *testing.T) {
	backends := []string{"sqlite"}
	if os.Getenv(storetest.PostgresEnv) != "" {
		backends = append(backends, "postgres")
	}
	for _, backend := range backends {
		t.Run(backend, func(t *testing.T) {
			ctx := context.Background()
			w := newTamperWorld(t, backend)
			clock := schakel.SystemClock{}
			svc := assessments.New(w.st, requests.New(w.st, &comply.Engine{Calendar: calendar.New()}, clock), clock)
			if built, err := demo.BuildProposals(ctx, w.st, svc, time.Now()); err != nil || !built {
				t.Fatalf("demo proposals: %v, %v", built, err)
			}
			var signed, ministry int64
			var seq, events int
			if err := w.st.DB().QueryRowContext(ctx, `SELECT e.proposal_id, e.seq, p.ministry_id FROM proposal_events e JOIN proposals p ON p.id = e.proposal_id
				WHERE e.type = 'getekend' ORDER BY e.proposal_id LIMIT 1`).Scan(&signed, &seq, &ministry); err != nil {
				t.Fatalf("a signed demo proposal: %v", err)
			}
			if err := w.st.DB().QueryRowContext(ctx, "SELECT COUNT(*) FROM proposal_events").Scan(&events); err != nil || events < 10 {
				t.Fatalf("%d proposal events, %v", events, err)
			}

			// The log takes the proposal events with the requests of the
			// assessments; then verify.
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
			out, err := w.verify(t, "--url", ts.URL, "--events", "all")
			if err != nil || !strings.Contains(out, fmt.Sprintf("and %d distinct events of proposals, each in the log once", events)) {
				t.Fatalf("verify --url: %v\n%s", err, out)
			}
			out, err = w.verify(t, "--db", w.dsn)
			if err != nil || !strings.Contains(out, fmt.Sprintf("ok  proposals: %d events of proposals in the database match their log entry", events)) {
				t.Fatalf("verify --db: %v\n%s", err, out)
			}

			// Rewriting the digest of the signature's event, as someone
			// with write access could, is caught.
			var digest string
			if err := w.st.DB().QueryRowContext(ctx, fmt.Sprintf("SELECT digest FROM proposal_events WHERE proposal_id = %d AND seq = %d", signed, seq)).Scan(&digest); err != nil {
				t.Fatal(err)
			}
			if w.postgres {
				w.exec(t, "DROP TRIGGER proposal_events_append_only ON proposal_events")
			} else {
				w.exec(t, "DROP TRIGGER proposal_events_no_update")
				w.exec(t, "DROP TRIGGER proposal_events_no_delete")
			}
			w.exec(t, "UPDATE proposal_events SET digest = ? WHERE proposal_id = ? AND seq = ?", strings.Repeat("0", 64), signed, seq)
			out, err = w.verify(t, "--db", w.dsn)
			if want := fmt.Sprintf("event %d of proposal %d in the database differs from its log entry", seq, signed); err == nil || !strings.Contains(err.Error(), want) {
				t.Fatalf("verify --db after rewriting a signature's digest: %v\n%s", err, out)
			}
			w.exec(t, "UPDATE proposal_events SET digest = ? WHERE proposal_id = ? AND seq = ?", digest, signed, seq)
			if out, err := w.verify(t, "--db", w.dsn); err != nil {
				t.Fatalf("verify --db after restoring the digest: %v\n%s", err, out)
			}

			// Moving the proposal to another ministry is caught on each of
			// its events.
			var other int64
			if err := w.st.DB().QueryRowContext(ctx, fmt.Sprintf("SELECT id FROM organisations WHERE type = 'ministerie' AND id <> %d ORDER BY id LIMIT 1", ministry)).Scan(&other); err != nil {
				t.Fatal(err)
			}
			w.exec(t, "UPDATE proposals SET ministry_id = ? WHERE id = ?", other, signed)
			out, err = w.verify(t, "--db", w.dsn)
			if want := fmt.Sprintf("event 1 of proposal %d in the database differs from its log entry", signed); err == nil || !strings.Contains(err.Error(), want) {
				t.Fatalf("verify --db after moving a proposal: %v\n%s", err, out)
			}
			w.exec(t, "UPDATE proposals SET ministry_id = ? WHERE id = ?", ministry, signed)

			// Deleting the signature's event is caught.
			w.exec(t, "DELETE FROM proposal_events WHERE proposal_id = ? AND seq > ?", signed, seq-1)
			out, err = w.verify(t, "--db", w.dsn)
			if err == nil || !strings.Contains(err.Error(), "entries of the log are events of proposals the database does not have (rows deleted)") {
				t.Fatalf("verify --db after deleting a proposal event: %v\n%s", err, out)
			}
		})
	}
}
