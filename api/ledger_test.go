package api_test

import (
	"context"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"net/http"
	"testing"

	"golang.org/x/mod/sumdb/tlog"

	"github.com/schakel-nl/schakel/api"
	"github.com/schakel-nl/schakel/jobs"
	"github.com/schakel-nl/schakel/ledger"
)

// checkpoint appends every pending event to the log and signs a checkpoint,
// as the log job of serve does every few seconds. It returns the signer.
func (e *env) checkpoint() *ledger.Signer {
	e.t.Helper()
	if e.signer == nil {
		skey, _, err := ledger.GenerateKey("schakel.test/log")
		if err != nil {
			e.t.Fatal(err)
		}
		if e.signer, err = ledger.NewSigner(skey, "schakel.test/log"); err != nil {
			e.t.Fatal(err)
		}
		e.h.LedgerKey = e.signer.VerifierKey()
	}
	j := &jobs.LedgerJob{Store: e.st, Signer: e.signer}
	if _, _, err := j.RunOnce(context.Background()); err != nil {
		e.t.Fatal(err)
	}
	return e.signer
}

func decodeJSON[T any](t *testing.T, body []byte) T {
	t.Helper()
	var v T
	if err := json.Unmarshal(body, &v); err != nil {
		t.Fatalf("%v: %s", err, body)
	}
	return v
}

func TestLedgerEndpoints(t *testing.T) {
	e := newEnv(t)
	e.seedPrinciples()
	if rec := e.do("GET", "/api/v1/logboek", "", nil); rec.Code != http.StatusNotFound {
		t.Fatalf("no checkpoint yet: %d %s", rec.Code, rec.Body)
	}
	e.create(complaintBody, e.prof)
	s := e.checkpoint()
	e.create(generalBody, e.prof)
	e.create(complaintBody, e.prof)
	// The third request is not in a checkpoint yet.
	if rec := e.do("GET", "/api/v1/logboek/gebeurtenissen/3/1", "", nil); rec.Code != http.StatusNotFound {
		t.Fatalf("event before its checkpoint: %d %s", rec.Code, rec.Body)
	}
	e.checkpoint()

	rec := e.do("GET", "/api/v1/logboek", "", nil)
	if rec.Code != 200 || rec.Header().Get("Access-Control-Allow-Origin") != "*" {
		t.Fatalf("logboek: %d %v", rec.Code, rec.Header())
	}
	state := decodeJSON[api.LedgerState](t, rec.Body.Bytes())
	cp, err := ledger.OpenCheckpoint([]byte(state.Note), s.VerifierKey(), "schakel.test/log")
	if err != nil {
		t.Fatal(err)
	}
	if state.Size != 3 || cp.Size != 3 || state.Root != cp.Root.String() || state.Origin != "schakel.test/log" || state.VerifierKey != s.VerifierKey() || state.LastEventAt == "" {
		t.Fatalf("state %+v, checkpoint %v", state, cp)
	}

	// Each event with a proof that checks against the checkpoint.
	for req := int64(1); req <= 3; req++ {
		rec := e.do("GET", fmt.Sprintf("/api/v1/logboek/gebeurtenissen/%d/1", req), "", nil)
		if rec.Code != 200 {
			t.Fatalf("event %d/1: %d %s", req, rec.Code, rec.Body)
		}
		ev := decodeJSON[api.LedgerEvent](t, rec.Body.Bytes())
		data, _ := base64.StdEncoding.DecodeString(ev.EntryBase64)
		if string(ev.Entry) != string(data) {
			t.Errorf("gebeurtenis %s differs from its base64 %s", ev.Entry, data)
		}
		entry, err := ledger.Decode(data)
		if err != nil || entry.RequestID != req || entry.Seq != 1 || ev.Index != req-1 {
			t.Fatalf("event %d/1: entry %+v (%v), index %d", req, entry, err, ev.Index)
		}
		var proof tlog.RecordProof
		for _, p := range ev.Proof {
			h, err := tlog.ParseHash(p)
			if err != nil {
				t.Fatal(err)
			}
			proof = append(proof, h)
		}
		if ev.Checkpoint.Size != 3 || ev.LeafHash != tlog.RecordHash(data).String() {
			t.Fatalf("checkpoint %+v, leaf %s", ev.Checkpoint, ev.LeafHash)
		}
		if err := tlog.CheckRecord(proof, cp.Size, cp.Root, ev.Index, tlog.RecordHash(data)); err != nil {
			t.Errorf("event %d/1: %v", req, err)
		}
	}

	// Consistency from the first checkpoint (size 1) to the latest.
	rec = e.do("GET", "/api/v1/logboek/consistentie?van=1", "", nil)
	if rec.Code != 200 {
		t.Fatalf("consistentie: %d %s", rec.Code, rec.Body)
	}
	c := decodeJSON[api.LedgerConsistency](t, rec.Body.Bytes())
	first, err := ledger.OpenCheckpoint([]byte(c.From.Note), s.VerifierKey(), "schakel.test/log")
	if err != nil || first.Size != 1 || c.To.Size != 3 || c.To.Root != cp.Root.String() {
		t.Fatalf("consistentie %+v: %v", c, err)
	}
	var proof tlog.TreeProof
	for _, p := range c.Proof {
		h, _ := tlog.ParseHash(p)
		proof = append(proof, h)
	}
	if err := tlog.CheckTree(proof, cp.Size, cp.Root, first.Size, first.Root); err != nil {
		t.Errorf("consistency proof: %v", err)
	}

	for _, bad := range []string{"", "?van=0", "?van=4", "?van=2&tot=1", "?van=1&van=2", "?van=1&x=1"} {
		if rec := e.do("GET", "/api/v1/logboek/consistentie"+bad, "", nil); rec.Code != http.StatusBadRequest {
			t.Errorf("consistentie%s: %d, want 400", bad, rec.Code)
		}
	}
	for _, bad := range []string{"0/1", "1/0", "01/1", "x/1", "1/99", "99/1"} {
		if rec := e.do("GET", "/api/v1/logboek/gebeurtenissen/"+bad, "", nil); rec.Code != http.StatusNotFound {
			t.Errorf("gebeurtenissen/%s: %d, want 404", bad, rec.Code)
		}
	}
}
