package storetest

import (
	"bytes"
	"strings"
	"time"

	fnote "github.com/transparency-dev/formats/note"
	"golang.org/x/mod/sumdb/note"
	"golang.org/x/mod/sumdb/tlog"

	"github.com/schakel-nl/schakel"
	"github.com/schakel-nl/schakel/witness"
)

func init() {
	tests["AddCosignature"] = testAddCosignature
}

func testAddCosignature(e *env) {
	n := sequenced(e)
	signer := TestSigner(e.t)
	root, err := tlog.TreeHash(n, e.s)
	must(e.t, err)
	bare, err := signer.Sign(n, root)
	must(e.t, err)
	skey, vkey, err := witness.GenerateKey("getuige.test/w1")
	must(e.t, err)
	at := time.Date(2026, 12, 7, 12, 0, 0, 0, time.UTC)
	c, err := witness.NewCosigner(skey, schakel.ClockFunc(func() time.Time { return at }))
	must(e.t, err)
	text := string(bare[:bytes.Index(bare, []byte("\n\n"))+1])
	line, err := c.Cosign(text)
	must(e.t, err)
	// No checkpoint of that size yet.
	wantCode(e.t, e.s.AddCosignature(e.ctx, n, c.Name(), line), schakel.ENOTFOUND)
	must(e.t, e.s.SaveCheckpoint(e.ctx, n, bare))
	must(e.t, e.s.AddCosignature(e.ctx, n, c.Name(), line))
	// A later cosignature by the same witness is not added.
	at = at.Add(time.Hour)
	later, err := c.Cosign(text)
	must(e.t, err)
	must(e.t, e.s.AddCosignature(e.ctx, n, c.Name(), later))
	for _, bad := range [][]byte{nil, []byte("— getuige.test/w1 abc"), []byte("— other.test/w abc=\n"), []byte("— getuige.test/w1 a b\n"), append(line, line...)} {
		wantCode(e.t, e.s.AddCosignature(e.ctx, n, c.Name(), bad), schakel.EINVALID)
	}
	size, got, err := e.s.LatestCheckpoint(e.ctx)
	must(e.t, err)
	if size != n || !bytes.Equal(got, append(append([]byte(nil), bare...), line...)) {
		e.t.Fatalf("latest %d %q, want the checkpoint with the first cosignature", size, got)
	}
	wv, err := fnote.NewVerifierForCosignatureV1(vkey)
	must(e.t, err)
	lv, err := note.NewVerifier(signer.VerifierKey())
	must(e.t, err)
	if _, err := note.Open(got, note.VerifierList(wv)); err != nil {
		e.t.Fatalf("the cosignature served does not verify: %v", err)
	}
	if _, err := note.Open(got, note.VerifierList(lv)); err != nil {
		e.t.Fatalf("the log's signature served does not verify: %v", err)
	}
	// The checkpoint itself is unchanged, so signing it again is a no-op.
	at2, err := e.s.CheckpointAt(e.ctx, n)
	must(e.t, err)
	if !bytes.Equal(at2, bare) {
		e.t.Fatalf("checkpoint row changed to %q", at2)
	}
	must(e.t, e.s.SaveCheckpoint(e.ctx, n, bare))
	// Cosignatures are append-only.
	if err := e.rawExec("UPDATE log_cosignatures SET line = ? WHERE size = ?", later, n); err == nil {
		e.t.Fatal("a cosignature was changed")
	}
	if err := e.rawExec("DELETE FROM log_cosignatures WHERE size = ?", n); err == nil || !strings.Contains(err.Error(), "append-only") {
		e.t.Fatalf("a cosignature was deleted (%v)", err)
	}
}
