package main

import (
	"bytes"
	"context"
	"log/slog"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/schakel-nl/schakel"
	"github.com/schakel-nl/schakel/calendar"
	"github.com/schakel-nl/schakel/cmd/schakel/app"
	"github.com/schakel-nl/schakel/comply"
	"github.com/schakel-nl/schakel/config"
	"github.com/schakel-nl/schakel/demo"
	"github.com/schakel-nl/schakel/jobs"
	"github.com/schakel-nl/schakel/ledger"
	"github.com/schakel-nl/schakel/store"
	"github.com/schakel-nl/schakel/store/storetest"
)

// TestVerifyMixedLog: a log whose first entries were written by a schakel
// before hiding commitments (version 1: no seeds, plain SHA-256) and whose
// later entries are version 5 verifies with `schakel verify`, offline
// against the database (every row recomputed, the version 5 ones from
// their texts and seeds) and over HTTP; and so does it after the texts of
// a request logged with version 5 are erased, seeds and all.
func TestVerifyMixedLog(t *testing.T) {
	backends := []string{"sqlite"}
	if os.Getenv(storetest.PostgresEnv) != "" {
		backends = append(backends, "postgres")
	}
	for _, backend := range backends {
		t.Run(backend, func(t *testing.T) {
			ctx := context.Background()
			dir := t.TempDir()
			w := &tamperWorld{keyFile: filepath.Join(dir, "log.key"), state: filepath.Join(dir, "verify.state"), postgres: backend == "postgres"}
			w.dsn = filepath.Join(dir, "schakel.db")
			if w.postgres {
				w.dsn = storetest.PostgresURL(t)
			}
			st, err := store.Open(ctx, w.dsn, store.Options{})
			if err != nil {
				t.Fatal(err)
			}
			t.Cleanup(func() { st.Close() })
			w.st = st
			if _, err := st.Migrate(ctx); err != nil {
				t.Fatal(err)
			}
			if _, err := st.SeedPrinciples(ctx, schakel.DefaultPrinciples()); err != nil {
				t.Fatal(err)
			}
			if _, err := demo.Build(ctx, st); err != nil {
				t.Fatal(err)
			}
			if _, err := demo.BuildRequests(ctx, st, &comply.Engine{Calendar: calendar.New()}, time.Now()); err != nil {
				t.Fatal(err)
			}
			old := downgradeFirstEvents(t, w)
			w.vkey, _ = keyOf(t, "--new", "--log-key-file", w.keyFile, "--log-origin", "schakel.test/log")
			b, _ := os.ReadFile(w.keyFile)
			if w.signer, err = ledger.NewSigner(strings.TrimSpace(string(b)), "schakel.test/log"); err != nil {
				t.Fatal(err)
			}
			sign := func() {
				t.Helper()
				if _, _, err := (&jobs.LedgerJob{Store: st, Signer: w.signer}).RunOnce(ctx); err != nil {
					t.Fatal(err)
				}
			}
			sign()
			if w.size, _, err = st.LatestCheckpoint(ctx); err != nil {
				t.Fatal(err)
			}
			entries, err := st.LedgerEntries(ctx, 0, w.size)
			if err != nil {
				t.Fatal(err)
			}
			var v1, v5 int
			for i, data := range entries {
				switch {
				case bytes.HasPrefix(data, []byte(`{"v":1,`)):
					v1++
					if v5 > 0 {
						t.Fatalf("entry %d is version 1 after a version 5 entry", i)
					}
				case ledger.IsHidingEntry(data):
					v5++
				}
			}
			if v1 != old || v5 < 10 {
				t.Fatalf("the log holds %d version 1 entries (want %d) and %d version 5", v1, old, v5)
			}
			t.Logf("%d entries: %d of version 1, then %d of version 5", w.size, v1, v5)
			verifyBoth(t, w)

			// Erase a request logged with version 5; the log still verifies,
			// its rows compared without their text commitments.
			var id int64
			if err := st.DB().QueryRowContext(ctx, w.rebind(`SELECT r.id FROM requests r WHERE r.state IN ('gesloten', 'ingetrokken')
				AND NOT EXISTS (SELECT 1 FROM request_events e WHERE e.request_id = r.id AND e.commit_seed IS NULL) ORDER BY r.id LIMIT 1`)).Scan(&id); err != nil {
				t.Fatalf("no ended request logged with version 5: %v", err)
			}
			if err := st.EraseRequestTexts(ctx, id, "Op verzoek van de betrokkene."); err != nil {
				t.Fatal(err)
			}
			sign()
			out := verifyBoth(t, w)
			t.Logf("verify --db after the erasure:\n%s", out)

			// The offline verification opens every version 5 commitment
			// with the text and seed the database holds: a changed text, or
			// a changed seed, is caught.
			var other int64
			if err := st.DB().QueryRowContext(ctx, w.rebind(`SELECT r.id FROM requests r WHERE r.id <> ? AND r.subject <> ''
				AND NOT EXISTS (SELECT 1 FROM request_events e WHERE e.request_id = r.id AND e.commit_seed IS NULL) ORDER BY r.id LIMIT 1`), id).Scan(&other); err != nil {
				t.Fatal(err)
			}
			for _, tamper := range []struct{ what, query string }{
				{"subject", "UPDATE requests SET subject = subject || '.' WHERE id = ?"},
				{"seed", "UPDATE request_events SET commit_seed = ? WHERE request_id = ? AND seq = 1"},
			} {
				args := []any{other}
				if tamper.what == "seed" {
					args = []any{bytes.Repeat([]byte{1}, ledger.SeedSize), other}
				}
				w.exec(t, tamper.query, args...)
				out, err := w.verify(t, "--db", w.dsn)
				if err == nil || !strings.Contains(err.Error(), "differs from its log entry") || !strings.Contains(err.Error(), "subjectCommit") {
					t.Fatalf("verify --db with a changed %s: %v\n%s", tamper.what, err, out)
				}
				if tamper.what == "subject" {
					w.exec(t, "UPDATE requests SET subject = substr(subject, 1, length(subject) - 1) WHERE id = ?", other)
				}
			}
		})
	}
}

// downgradeFirstEvents makes the first half of the events (by id) look as
// a schakel before version 5 wrote them: no seed, a version 1 entry. Only
// a database without the append-only trigger allows that, as one written
// before the migration would be. It returns how many it changed.
func downgradeFirstEvents(t *testing.T, w *tamperWorld) int {
	t.Helper()
	ctx := context.Background()
	w.dropGuards(t)
	rows, err := w.st.DB().QueryContext(ctx, "SELECT request_id, seq FROM request_events ORDER BY id")
	if err != nil {
		t.Fatal(err)
	}
	var ids [][2]int64
	for rows.Next() {
		var r, s int64
		if err := rows.Scan(&r, &s); err != nil {
			t.Fatal(err)
		}
		ids = append(ids, [2]int64{r, s})
	}
	rows.Close()
	ids = ids[:len(ids)/2]
	for _, id := range ids {
		r, err := w.st.Request(ctx, id[0])
		if err != nil {
			t.Fatal(err)
		}
		evs, err := w.st.Events(ctx, id[0])
		if err != nil {
			t.Fatal(err)
		}
		ev := evs[id[1]-1]
		ev.CommitSeed = nil
		e := ledger.Project(r, ev)
		if e.Version != ledger.Version {
			t.Fatalf("version %d without a seed", e.Version)
		}
		w.exec(t, "UPDATE request_events SET log_entry = ?, commit_seed = NULL WHERE request_id = ? AND seq = ?", e.Encode(), id[0], id[1])
	}
	return len(ids)
}

// verifyBoth runs `schakel verify` offline against the database and over
// HTTP against a server on it; both must pass. It returns what the offline
// run printed.
func verifyBoth(t *testing.T, w *tamperWorld) string {
	t.Helper()
	out, err := w.verify(t, "--db", w.dsn)
	if err != nil {
		t.Fatalf("verify --db: %v\n%s", err, out)
	}
	cfg := config.Default()
	srv, err := app.New(&cfg, w.st, schakel.SystemClock{}, slog.New(slog.DiscardHandler), nil, app.WithLedgerKey(w.vkey))
	if err != nil {
		t.Fatal(err)
	}
	ts := httptest.NewServer(srv)
	defer ts.Close()
	if out, err := w.verify(t, "--url", ts.URL); err != nil {
		t.Fatalf("verify --url: %v\n%s", err, out)
	}
	return out
}

// rebind writes a query with ? placeholders for the world's database.
func (w *tamperWorld) rebind(q string) string {
	if !w.postgres {
		return q
	}
	var b strings.Builder
	n := 0
	for _, c := range q {
		if c == '?' {
			n++
			b.WriteString("$" + string(rune('0'+n)))
			continue
		}
		b.WriteRune(c)
	}
	return b.String()
}
