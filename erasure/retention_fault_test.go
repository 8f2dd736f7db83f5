package erasure_test

import (
	"context"
	"errors"
	"log/slog"
	"strings"
	"testing"
	"time"

	"github.com/schakel-nl/schakel"
	"github.com/schakel-nl/schakel/erasure"
	"github.com/schakel-nl/schakel/store"
	"github.com/schakel-nl/schakel/store/storetest"
)

// faultyStore is the real store, but erasing the texts of one request
// fails as a fault of the database would.
type faultyStore struct {
	*store.Store
	faulty int64
}

func (s faultyStore) EraseRequestTexts(ctx context.Context, id int64, reason string) error {
	if id == s.faulty {
		return errors.New("disk I/O error")
	}
	return s.Store.EraseRequestTexts(ctx, id, reason)
}

// TestSweepGoesOnAfterAFault: on both stores, one request whose erasure
// fails does not keep the retention job from the others; the run reports
// the failure, and logs it by kind and id only.
func TestSweepGoesOnAfterAFault(t *testing.T) {
	for _, b := range storetest.Backends() {
		t.Run(b.Name, func(t *testing.T) {
			w := newWorld(t, b.Open)
			first := w.newRequest("Dossier van mevrouw Jansen", true)
			second := w.newRequest("Dossier van meneer Smit", true)
			c := w.newCase(w.uwv, "Casus van mevrouw Bakker", true)
			var logs strings.Builder
			svc := erasure.New(faultyStore{w.st, first.ID}, w.clock, slog.New(slog.NewJSONHandler(&logs, nil))).
				WithPeriods(erasure.Periods{Requests: 1, Brakes: 1, Cases: 1})
			res, err := svc.Sweep(w.ctx, start.Add(48*time.Hour))
			if err == nil || res.Failed != 1 || res.Requests != 1 || res.Cases != 1 {
				t.Fatalf("sweep: %+v, %v", res, err)
			}
			r, err := w.st.Request(w.ctx, second.ID)
			w.must(err)
			if r.Subject != schakel.ErasedText {
				t.Fatalf("the request after the faulty one was not erased: %q", r.Subject)
			}
			got, err := w.st.Case(w.ctx, c.ID)
			w.must(err)
			if got.Title != schakel.ErasedText {
				t.Fatal("the case was not erased after the fault")
			}
			if !strings.Contains(logs.String(), `"msg":"erasure failed"`) || strings.Contains(logs.String(), "Jansen") || strings.Contains(logs.String(), "disk I/O") {
				t.Fatalf("the log:\n%s", logs.String())
			}
		})
	}
}
