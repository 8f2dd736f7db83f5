package server_test

import (
	"context"
	"fmt"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/schakel-nl/schakel/calendar"
	"github.com/schakel-nl/schakel/comply"
	"github.com/schakel-nl/schakel/demo"
	"github.com/schakel-nl/schakel/jobs"
	"github.com/schakel-nl/schakel/ledger"
	"github.com/schakel-nl/schakel/redact"
	"github.com/schakel-nl/schakel/store"
	"github.com/schakel-nl/schakel/store/storetest"
)

// TestPublicLogHoldsNoTexts scans the public log as served (/log/tile/
// entries) after the demo world's requests and brakes, on both stores: no
// name, BSN, IBAN or e-mail address; every entry about a request is of
// version 5; and neither any stored text nor its plain SHA-256 is in it —
// a citizen brake's "Besluit …" subject cannot be confirmed by hashing a
// guess (issue 16, finding 4).
func TestPublicLogHoldsNoTexts(t *testing.T) {
	openers := map[string]storetest.Opener{"sqlite": storetest.OpenSQLite}
	if os.Getenv(storetest.PostgresEnv) != "" {
		openers["postgres"] = storetest.OpenPostgres
	}
	for name, open := range openers {
		t.Run(name, func(t *testing.T) {
			ctx := context.Background()
			h, st := openDataServer(t, open)
			if _, err := demo.BuildRequests(ctx, st, &comply.Engine{Calendar: calendar.New()}, time.Date(2026, 11, 28, 9, 0, 0, 0, time.UTC)); err != nil {
				t.Fatal(err)
			}
			skey, _, err := ledger.GenerateKey("schakel.example/log")
			if err != nil {
				t.Fatal(err)
			}
			signer, err := ledger.NewSigner(skey, "schakel.example/log")
			if err != nil {
				t.Fatal(err)
			}
			if _, _, err := (&jobs.LedgerJob{Store: st, Signer: signer}).RunOnce(ctx); err != nil {
				t.Fatal(err)
			}
			size, err := st.LedgerSize(ctx)
			if err != nil || size == 0 || size >= ledger.TileWidth {
				t.Fatalf("log of %d entries (%v); the scan reads one partial bundle", size, err)
			}
			w := get(t, h, fmt.Sprintf("/log/tile/entries/000.p/%d", size))
			if w.Code != 200 {
				t.Fatalf("entry bundle: %d %s", w.Code, w.Body)
			}
			entries, err := ledger.ParseBundle(w.Body.Bytes())
			if err != nil || int64(len(entries)) != size {
				t.Fatalf("bundle of %d entries, want %d: %v", len(entries), size, err)
			}
			log := w.Body.String()
			requests := 0
			for i, e := range entries {
				if _, _, err := ledger.EntryID(e); err == nil {
					requests++
					if !ledger.IsHidingEntry(e) {
						t.Errorf("entry %d about a request is not of version 5: %s", i, e)
					}
				}
			}
			texts := storedTexts(t, st)
			brakes := 0
			for _, text := range texts {
				if strings.HasPrefix(text, "Besluit ") {
					brakes++
				}
				if len(text) > 3 && strings.Contains(log, text) {
					t.Errorf("the log holds the text %q", text)
				}
				if strings.Contains(log, ledger.TextHash(text)) {
					t.Errorf("the log holds the SHA-256 of %q", text)
				}
			}
			for _, f := range redact.Find(log, nil) {
				if f.Kind == redact.BSN || f.Kind == redact.IBAN || f.Kind == redact.Email {
					t.Errorf("the log holds a %s: %q", f.Kind, f.Text)
				}
			}
			if requests < 10 || len(texts) < 20 || brakes == 0 {
				t.Fatalf("%d entries about requests, %d texts, %d brake subjects: the scan proves little", requests, len(texts), brakes)
			}
			t.Logf("%d entries (%d about requests) scanned for %d texts", size, requests, len(texts))
		})
	}
}

// storedTexts returns every non-empty text of every request and event the
// store holds: subjects, bodies, grounds, changes, motivations, reasons.
func storedTexts(t *testing.T, st *store.Store) []string {
	t.Helper()
	ctx := context.Background()
	var out []string
	var reqIDs []int64
	rows, err := st.DB().QueryContext(ctx, "SELECT id, subject, body FROM requests")
	if err != nil {
		t.Fatal(err)
	}
	for rows.Next() {
		var id int64
		var s, b string
		if err := rows.Scan(&id, &s, &b); err != nil {
			t.Fatal(err)
		}
		reqIDs = append(reqIDs, id)
		out = append(out, s, b)
	}
	rows.Close()
	rows, err = st.DB().QueryContext(ctx, "SELECT text FROM request_grounds")
	if err != nil {
		t.Fatal(err)
	}
	for rows.Next() {
		var s string
		if err := rows.Scan(&s); err != nil {
			t.Fatal(err)
		}
		out = append(out, s)
	}
	rows.Close()
	evs, err := st.EventsOf(ctx, reqIDs)
	if err != nil {
		t.Fatal(err)
	}
	for _, list := range evs {
		for _, ev := range list {
			out = append(out, ev.Data.Changes, ev.Data.Reason)
			for _, m := range ev.Data.Motivations {
				out = append(out, m)
			}
		}
	}
	var nonEmpty []string
	for _, s := range out {
		if s != "" {
			nonEmpty = append(nonEmpty, s)
		}
	}
	return nonEmpty
}
