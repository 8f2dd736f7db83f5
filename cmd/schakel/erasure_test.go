package main

import (
	"context"
	"encoding/json"
	"fmt"
	"log/slog"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/schakel-nl/schakel"
	"github.com/schakel-nl/schakel/cmd/schakel/app"
	"github.com/schakel-nl/schakel/config"
	"github.com/schakel-nl/schakel/store"
	"github.com/schakel-nl/schakel/store/storetest"
)

// endedRequest returns a demo request in the given final state with the
// free texts it holds: of the request, its grounds and its events.
func endedRequest(t *testing.T, st *store.Store, state schakel.RequestState) (*schakel.Request, []string) {
	t.Helper()
	ctx := context.Background()
	rs, _, err := st.Requests(ctx, schakel.RequestFilter{State: state, Limit: 1})
	if err != nil || len(rs) != 1 {
		t.Fatalf("no demo request that is %s: %v", state, err)
	}
	r := rs[0]
	texts := []string{r.Subject, r.Body}
	for _, g := range r.Grounds {
		texts = append(texts, g.Text)
	}
	evs, err := st.Events(ctx, r.ID)
	if err != nil {
		t.Fatal(err)
	}
	for _, ev := range evs {
		texts = append(texts, ev.Data.Changes, ev.Data.Reason)
		for _, m := range ev.Data.Motivations {
			texts = append(texts, m)
		}
	}
	var out []string
	for _, s := range texts {
		if s != "" {
			out = append(out, s)
		}
	}
	return r, out
}

// wantTextsGone fails if any of texts is still anywhere in the tables that
// hold the texts of requests.
func wantTextsGone(t *testing.T, st *store.Store, texts []string) {
	t.Helper()
	ctx := context.Background()
	var stored []string
	for _, q := range []string{"SELECT subject FROM requests", "SELECT body FROM requests", "SELECT text FROM request_grounds", "SELECT data FROM request_events"} {
		rows, err := st.DB().QueryContext(ctx, q)
		if err != nil {
			t.Fatal(err)
		}
		for rows.Next() {
			var s string
			if err := rows.Scan(&s); err != nil {
				t.Fatal(err)
			}
			stored = append(stored, s)
		}
		if err := rows.Err(); err != nil {
			t.Fatal(err)
		}
		rows.Close()
	}
	for _, text := range texts {
		enc, _ := json.Marshal(text)
		for _, s := range stored {
			if strings.Contains(s, text) || strings.Contains(s, strings.Trim(string(enc), `"`)) {
				t.Errorf("the database still holds %q", text)
				break
			}
		}
	}
}

// TestErasureKeepsLedgerVerifiable erases the texts of a demo request while
// serve runs, after its events are in a signed checkpoint, and checks that
// `schakel verify` still passes over HTTP and offline, that the offline run
// says what was erased, and that the texts are gone from the database.
func TestErasureKeepsLedgerVerifiable(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	db := filepath.Join(dir, "schakel.db")
	base, _ := serve(t, "--demo", "--db", db)
	st, err := store.Open(ctx, db, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	size := waitCheckpoint(t, st, 1)
	vkey, _ := keyOf(t, "--db", db)
	state := filepath.Join(dir, "verify.state")
	if out, err := run(t, "verify", "--url", base, "--key", vkey, "--state", state); err != nil {
		t.Fatalf("verify before erasure: %v\n%s", err, out)
	}

	r, texts := endedRequest(t, st, schakel.StateClosed)
	if len(texts) < 4 {
		t.Fatalf("the closed demo request has only the texts %q", texts)
	}
	if err := st.EraseRequestTexts(ctx, r.ID, "Bewaartermijn verstreken."); err != nil {
		t.Fatal(err)
	}
	if err := st.EraseRequestTexts(ctx, r.ID, "Nog eens."); schakel.ErrorCode(err) != schakel.ECONFLICT {
		t.Fatalf("second erasure: %v", err)
	}
	wantTextsGone(t, st, texts)
	erasures, err := st.Erasures(ctx, []int64{r.ID})
	if err != nil || erasures[r.ID] == nil {
		t.Fatalf("no erasure recorded: %v", err)
	}
	if got, err := st.Request(ctx, r.ID); err != nil || got.Subject != schakel.ErasedText || got.State != schakel.StateClosed {
		t.Fatalf("after erasure: %+v, %v", got, err)
	}
	if s, _, _ := st.LatestCheckpoint(ctx); s != size {
		t.Fatalf("the erasure changed the log: checkpoint size %d, was %d", s, size)
	}

	// Over HTTP nothing changed: the log holds only hashes.
	out, err := run(t, "verify", "--url", base, "--key", vkey, "--state", state, "--events", "all")
	if err != nil || !strings.Contains(out, "The public record verifies") {
		t.Fatalf("verify --url after erasure: %v\n%s", err, out)
	}
	// Offline the erased request's events are compared without their text
	// hashes, and the run says so.
	out, err = run(t, "verify", "--db", db, "--key", vkey, "--state", filepath.Join(dir, "offline.state"))
	if err != nil {
		t.Fatalf("verify --db after erasure: %v\n%s", err, out)
	}
	t.Logf("verify --db:\n%s", out)
	for _, want := range []string{
		fmt.Sprintf("ok  request %d: texts erased on %s (Bewaartermijn verstreken.); text hashes not compared\n", r.ID, erasures[r.ID].ErasedAt.Format(time.DateOnly)),
		fmt.Sprintf("of %d events the texts were erased, so all but their text hashes were compared", r.Version),
		"The public record verifies",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("verify --db output lacks %q:\n%s", want, out)
		}
	}
}

// TestErasureVerifiesOnBothStores erases two demo requests on each store
// and verifies the log offline and over HTTP; then alters a fact of an
// erased event, which the offline check must still catch.
func TestErasureVerifiesOnBothStores(t *testing.T) {
	backends := []string{"sqlite"}
	if os.Getenv(storetest.PostgresEnv) != "" {
		backends = append(backends, "postgres")
	}
	for _, backend := range backends {
		t.Run(backend, func(t *testing.T) {
			ctx := context.Background()
			w := newTamperWorld(t, backend)
			closed, closedTexts := endedRequest(t, w.st, schakel.StateClosed)
			withdrawn, withdrawnTexts := endedRequest(t, w.st, schakel.StateWithdrawn)
			open, _ := endedRequest(t, w.st, schakel.StateOpen)
			if err := w.st.EraseRequestTexts(ctx, open.ID, "Bewaartermijn verstreken."); schakel.ErrorCode(err) != schakel.ECONFLICT {
				t.Fatalf("erasing an open request: %v", err)
			}
			for _, r := range []*schakel.Request{closed, withdrawn} {
				if err := w.st.EraseRequestTexts(ctx, r.ID, "Bewaartermijn verstreken."); err != nil {
					t.Fatal(err)
				}
			}
			wantTextsGone(t, w.st, append(closedTexts, withdrawnTexts...))

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
			if err != nil {
				t.Fatalf("verify --db: %v\n%s", err, out)
			}
			for _, r := range []*schakel.Request{closed, withdrawn} {
				if want := fmt.Sprintf("ok  request %d: texts erased on ", r.ID); !strings.Contains(out, want) {
					t.Errorf("verify --db output lacks %q:\n%s", want, out)
				}
			}

			// An erasure hides only the texts: any other change to an
			// erased request's events is still found.
			w.dropGuards(t)
			w.exec(t, "UPDATE request_events SET state = 'open' WHERE request_id = ? AND seq = ?", closed.ID, closed.Version)
			out, err = w.verify(t, "--db", w.dsn)
			want := fmt.Sprintf("event %d of request %d (texts erased on ", closed.Version, closed.ID)
			if err == nil || !strings.Contains(err.Error(), want) || !strings.Contains(err.Error(), "in more than its text hashes in state (event or request row altered after it was logged)") {
				t.Fatalf("verify --db after altering an erased event: %v\n%s", err, out)
			}
		})
	}
}
