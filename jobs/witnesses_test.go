package jobs_test

import (
	"context"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	dto "github.com/prometheus/client_model/go"
	fnote "github.com/transparency-dev/formats/note"
	"golang.org/x/mod/sumdb/note"

	"github.com/schakel-nl/schakel/jobs"
	"github.com/schakel-nl/schakel/ledger"
	"github.com/schakel-nl/schakel/store"
	"github.com/schakel-nl/schakel/store/storetest"
	"github.com/schakel-nl/schakel/witness"
)

// startWitness runs a witness of the test log over HTTP, keeping its
// state in dir.
func startWitness(t *testing.T, w *world, name, dir string, signer *ledger.Signer) (url, vkey string) {
	t.Helper()
	skey, vkey, err := witness.GenerateKey(name)
	if err != nil {
		t.Fatal(err)
	}
	c, err := witness.NewCosigner(skey, w.clock)
	if err != nil {
		t.Fatal(err)
	}
	wit, err := witness.New(c, []witness.Log{{Origin: signer.Origin(), VerifierKey: signer.VerifierKey()}}, witness.FileState{Dir: dir})
	if err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(witness.Handler(wit, nil))
	t.Cleanup(srv.Close)
	return srv.URL, vkey
}

// cosignedBy reports whether the store's latest checkpoint carries a valid
// cosignature by vkey, and its size.
func cosignedBy(t *testing.T, st *store.Store, vkey string) (int64, bool) {
	t.Helper()
	size, msg, err := st.LatestCheckpoint(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	v, err := fnote.NewVerifierForCosignatureV1(vkey)
	if err != nil {
		t.Fatal(err)
	}
	_, err = note.Open(msg, note.VerifierList(v))
	return size, err == nil
}

// TestLedgerJobCollectsCosignatures, on both stores: the job asks a
// witness to cosign each checkpoint, with a consistency proof from the
// witness's size (learnt from a 409 after a restart), and stores the
// cosignature with the checkpoint; a witness that is down is logged and
// shown, never stops signing, and is asked again a minute later; a fork
// signed with the same key is refused by the witness and stays uncosigned.
func TestLedgerJobCollectsCosignatures(t *testing.T) {
	for _, b := range storetest.Backends() {
		t.Run(b.Name, func(t *testing.T) {
			ctx := context.Background()
			signer := storetest.TestSigner(t)
			w := newWorld(t, b.Name)
			url, vkey := startWitness(t, w, "getuige.test/w1", t.TempDir(), signer)
			down := httptest.NewServer(http.NotFoundHandler())
			down.Close()
			_, downKey, _ := witness.GenerateKey("getuige.test/down")
			cosigning := func() *jobs.Cosigning {
				good, err := jobs.NewWitness(url, vkey)
				if err != nil {
					t.Fatal(err)
				}
				bad, err := jobs.NewWitness(down.URL, downKey)
				if err != nil {
					t.Fatal(err)
				}
				return &jobs.Cosigning{Store: w.a, Witnesses: []*jobs.Witness{good, bad}, Clock: w.clock}
			}
			j := w.logJob(w.a, signer)
			j.Published = &ledger.CheckpointFile{Path: filepath.Join(t.TempDir(), "log.checkpoint")}
			j.Cosigning = cosigning()
			w.create(t, 3)
			if _, made, err := j.RunOnce(ctx); err != nil || !made {
				t.Fatalf("first round: %v %v", made, err)
			}
			if size, ok := cosignedBy(t, w.a, vkey); size != 3 || !ok {
				t.Fatalf("checkpoint %d cosigned %v; want 3 cosigned", size, ok)
			}
			st := j.Cosigning.Status()
			if st[0].Err != "" || st[0].Size != 3 || st[1].Err == "" {
				t.Fatalf("status %+v; want the witness at 3 and the one down with an error", st)
			}
			failedAt := st[1].At
			ms := j.Cosigning.Collectors()
			if gauge(t, ms[0]) != 3 || gauge(t, ms[1]) != 0 || gauge(t, ms[3]) != 1 {
				t.Fatalf("metrics: size %v failing %v, down failing %v", gauge(t, ms[0]), gauge(t, ms[1]), gauge(t, ms[3]))
			}

			// Grown: cosigned again with a proof from 3; the witness down is
			// left alone for a minute.
			w.create(t, 2)
			if _, made, err := j.RunOnce(ctx); err != nil || !made {
				t.Fatalf("second round: %v %v", made, err)
			}
			if size, ok := cosignedBy(t, w.a, vkey); size != 5 || !ok {
				t.Fatalf("checkpoint %d cosigned %v; want 5 cosigned", size, ok)
			}
			if st := j.Cosigning.Status(); !st[1].At.Equal(failedAt) {
				t.Fatalf("the witness down was asked again within the minute")
			}
			w.clock.Advance(2 * time.Minute)
			j.RunOnce(ctx)
			if st := j.Cosigning.Status(); st[1].At.Equal(failedAt) {
				t.Fatalf("the witness down was not asked again after the minute")
			}

			// A restarted serve does not know the witness's size: 409, then
			// from 5.
			j.Cosigning = cosigning()
			w.create(t, 1)
			if _, _, err := j.RunOnce(ctx); err != nil {
				t.Fatal(err)
			}
			if size, ok := cosignedBy(t, w.a, vkey); size != 6 || !ok {
				t.Fatalf("after restart: checkpoint %d cosigned %v; want 6 cosigned", size, ok)
			}

			// A fork: another database signed with the same key (no
			// checkpoint file to stop it), larger than what the witness saw.
			other := newWorld(t, b.Name)
			other.clock.Advance(time.Hour)
			other.create(t, 8)
			fj := other.logJob(other.a, signer)
			fj.Cosigning = &jobs.Cosigning{Store: other.a, Witnesses: cosigning().Witnesses[:1], Clock: other.clock}
			if _, made, err := fj.RunOnce(ctx); err != nil || !made {
				t.Fatalf("fork round: %v %v", made, err)
			}
			if size, ok := cosignedBy(t, other.a, vkey); size != 8 || ok {
				t.Fatalf("fork: checkpoint %d cosigned %v; want 8 not cosigned", size, ok)
			}
			if e := fj.Cosigning.Status()[0].Err; !strings.Contains(e, "422") {
				t.Fatalf("fork: witness status %q, want its 422", e)
			}
			// The honest log goes on being cosigned.
			w.create(t, 4)
			j.RunOnce(ctx)
			if size, ok := cosignedBy(t, w.a, vkey); size != 10 || !ok {
				t.Fatalf("after the fork: checkpoint %d cosigned %v; want 10 cosigned", size, ok)
			}
		})
	}
}

// gauge reads the value of a gauge collector.
func gauge(t *testing.T, c prometheus.Collector) float64 {
	t.Helper()
	var m dto.Metric
	if err := c.(prometheus.Metric).Write(&m); err != nil {
		t.Fatal(err)
	}
	return m.GetGauge().GetValue()
}
