package witness_test

import (
	"bytes"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	fnote "github.com/transparency-dev/formats/note"
	"golang.org/x/mod/sumdb/note"
	"golang.org/x/mod/sumdb/tlog"

	"github.com/schakel-nl/schakel"
	"github.com/schakel-nl/schakel/ledger"
	"github.com/schakel-nl/schakel/witness"
)

const origin = "schakel.example.nl/log"

// memLog is an RFC 6962 tree in memory.
type memLog struct {
	hashes []tlog.Hash
	n      int64
}

func (m *memLog) ReadHashes(idx []int64) ([]tlog.Hash, error) {
	out := make([]tlog.Hash, len(idx))
	for i, x := range idx {
		out[i] = m.hashes[x]
	}
	return out, nil
}

func (m *memLog) add(t *testing.T, leaves ...string) {
	t.Helper()
	for _, l := range leaves {
		hs, err := tlog.StoredHashes(m.n, []byte(l), m)
		if err != nil {
			t.Fatal(err)
		}
		m.hashes = append(m.hashes, hs...)
		m.n++
	}
}

type fixture struct {
	t      *testing.T
	signer *ledger.Signer
	vkey   string
	w      *witness.Witness
	state  witness.FileState
	now    time.Time
}

func newFixture(t *testing.T) *fixture {
	skey, vkey, err := ledger.GenerateKey(origin)
	if err != nil {
		t.Fatal(err)
	}
	s, err := ledger.NewSigner(skey, origin)
	if err != nil {
		t.Fatal(err)
	}
	f := &fixture{t: t, signer: s, vkey: vkey, state: witness.FileState{Dir: t.TempDir()}, now: time.Date(2026, 12, 7, 12, 0, 0, 0, time.UTC)}
	f.w = f.newWitness()
	return f
}

var wskey, wvkey = func() (string, string) {
	s, v, err := witness.GenerateKey("ombudsman.example.nl/witness")
	if err != nil {
		panic(err)
	}
	return s, v
}()

func (f *fixture) newWitness() *witness.Witness {
	c, err := witness.NewCosigner(wskey, schakel.ClockFunc(func() time.Time { return f.now }))
	if err != nil {
		f.t.Fatal(err)
	}
	w, err := witness.New(c, []witness.Log{{Origin: origin, VerifierKey: f.vkey}}, f.state)
	if err != nil {
		f.t.Fatal(err)
	}
	return w
}

func (f *fixture) checkpoint(m *memLog) []byte {
	root, err := tlog.TreeHash(m.n, m)
	if err != nil {
		f.t.Fatal(err)
	}
	b, err := f.signer.Sign(m.n, root)
	if err != nil {
		f.t.Fatal(err)
	}
	return b
}

func proof(t *testing.T, m *memLog, old int64) tlog.TreeProof {
	if old == 0 || old == m.n {
		return nil
	}
	p, err := tlog.ProveTree(m.n, old, m)
	if err != nil {
		t.Fatal(err)
	}
	return p
}

func (f *fixture) add(m *memLog, old int64) ([]byte, error) {
	return f.w.AddCheckpoint(witness.Request{OldSize: old, Proof: proof(f.t, m, old), Checkpoint: f.checkpoint(m)})
}

// stateSize is the size of the checkpoint the witness keeps.
func (f *fixture) stateSize() string {
	b, err := f.state.Load(origin)
	if err != nil {
		f.t.Fatal(err)
	}
	if b == nil {
		return "none"
	}
	return strings.SplitN(string(b), "\n", 3)[1]
}

func TestWitnessCosignsAnExtendingLog(t *testing.T) {
	f := newFixture(t)
	var m memLog
	m.add(t, "a", "b", "c")
	sig, err := f.add(&m, 0)
	if err != nil {
		t.Fatal(err)
	}
	cp := f.checkpoint(&m)
	wv, err := fnote.NewVerifierForCosignatureV1(wvkey)
	if err != nil {
		t.Fatal(err)
	}
	n, err := note.Open(append(cp, sig...), note.VerifierList(wv))
	if err != nil {
		t.Fatalf("cosignature does not verify with the library verifier: %v\n%s", err, sig)
	}
	ts, err := fnote.CoSigV1Timestamp(n.Sigs[0])
	if err != nil || !ts.Equal(f.now) {
		t.Fatalf("timestamp %v (%v), want the injected clock %v", ts, err, f.now)
	}
	m.add(t, "d", "e", "f", "g")
	f.now = f.now.Add(time.Minute)
	if _, err := f.add(&m, 3); err != nil {
		t.Fatal(err)
	}
	if got := f.stateSize(); got != "7" {
		t.Fatalf("state size %s, want 7", got)
	}
	// The same checkpoint again from its own size: cosigned again.
	if _, err := f.add(&m, 7); err != nil {
		t.Fatal(err)
	}
	// A new witness over the same state directory (a restart) knows 7.
	f.w = f.newWitness()
	if _, err := f.add(&m, 0); fmt.Sprint(err) != (&witness.ConflictError{Size: 7}).Error() {
		t.Fatalf("after restart old 0: %v, want a conflict at 7", err)
	}
}

func TestWitnessRefusesAForkRollbackAndStaleOld(t *testing.T) {
	f := newFixture(t)
	var m memLog
	m.add(t, "a", "b", "c", "d")
	if _, err := f.add(&m, 0); err != nil {
		t.Fatal(err)
	}
	// A fork: the same key signs a larger tree whose first entries differ.
	var fork memLog
	fork.add(t, "a", "b", "X", "d", "e", "f")
	_, err := f.w.AddCheckpoint(witness.Request{OldSize: 4, Proof: proof(t, &fork, 4), Checkpoint: f.checkpoint(&fork)})
	if witness.StatusOf(err) != http.StatusUnprocessableEntity {
		t.Fatalf("fork: %v (status %d), want 422", err, witness.StatusOf(err))
	}
	// A fork of the same size.
	var same memLog
	same.add(t, "a", "b", "c", "X")
	if _, err := f.w.AddCheckpoint(witness.Request{OldSize: 4, Checkpoint: f.checkpoint(&same)}); witness.StatusOf(err) != 422 {
		t.Fatalf("same-size fork: %v, want 422", err)
	}
	// The same checkpoint again, but with a proof where none belongs.
	if _, err := f.w.AddCheckpoint(witness.Request{OldSize: 4, Proof: proof(t, &fork, 4), Checkpoint: f.checkpoint(&m)}); witness.StatusOf(err) != 422 {
		t.Fatalf("same size with a non-empty proof: %v, want 422", err)
	}
	// The honest proof of the real log cannot make the fork pass either.
	m2 := memLog{hashes: append([]tlog.Hash(nil), m.hashes...), n: m.n}
	m2.add(t, "e", "f")
	if _, err := f.w.AddCheckpoint(witness.Request{OldSize: 4, Proof: proof(t, &m2, 4), Checkpoint: f.checkpoint(&fork)}); witness.StatusOf(err) != 422 {
		t.Fatalf("fork with another proof: %v, want 422", err)
	}
	if got := f.stateSize(); got != "4" {
		t.Fatalf("state after refusals: size %s, want 4", got)
	}
	// A rollback: a smaller checkpoint.
	var small memLog
	small.add(t, "a", "b")
	if _, err := f.w.AddCheckpoint(witness.Request{OldSize: 4, Checkpoint: f.checkpoint(&small)}); witness.StatusOf(err) != 400 {
		t.Fatalf("rollback from old 4: %v, want 400", err)
	}
	_, err = f.w.AddCheckpoint(witness.Request{OldSize: 0, Checkpoint: f.checkpoint(&small)})
	if c, ok := err.(*witness.ConflictError); !ok || c.Size != 4 {
		t.Fatalf("rollback from old 0: %v, want a conflict at 4", err)
	}
	// A stale old size.
	if _, err := f.add(&m2, 2); witness.StatusOf(err) != 409 {
		t.Fatalf("stale old: %v, want 409", err)
	}
	if got := f.stateSize(); got != "4" {
		t.Fatalf("state after refusals: size %s, want 4", got)
	}
	// A size-0 checkpoint must have the empty root.
	f2 := newFixture(t)
	var zero tlog.Hash
	zero[0] = 1
	b, err := f2.signer.Sign(0, zero)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := f2.w.AddCheckpoint(witness.Request{Checkpoint: b}); witness.StatusOf(err) != 422 {
		t.Fatalf("size 0 with a non-empty root: %v, want 422", err)
	}
}

func TestWitnessRefusesBadSignaturesAndUnknownLogs(t *testing.T) {
	f := newFixture(t)
	var m memLog
	m.add(t, "a")
	// Same name, other key: no signature by the trusted key.
	skey, _, _ := ledger.GenerateKey(origin)
	other, _ := ledger.NewSigner(skey, origin)
	root, _ := tlog.TreeHash(1, &m)
	forged, _ := other.Sign(1, root)
	if _, err := f.w.AddCheckpoint(witness.Request{Checkpoint: forged}); witness.StatusOf(err) != 403 {
		t.Fatalf("other key: %v, want 403", err)
	}
	// The trusted key's signature, altered.
	good := f.checkpoint(&m)
	altered := bytes.Replace(good, []byte("\n1\n"), []byte("\n2\n"), 1)
	if _, err := f.w.AddCheckpoint(witness.Request{Checkpoint: altered}); witness.StatusOf(err) != 403 {
		t.Fatalf("altered: %v, want 403", err)
	}
	skey2, _, _ := ledger.GenerateKey("other.example.nl/log")
	s2, _ := ledger.NewSigner(skey2, "other.example.nl/log")
	unknown, _ := s2.Sign(1, root)
	if _, err := f.w.AddCheckpoint(witness.Request{Checkpoint: unknown}); witness.StatusOf(err) != 404 {
		t.Fatalf("unknown origin: %v, want 404", err)
	}
	if got := f.stateSize(); got != "none" {
		t.Fatalf("state after refusals: %s, want none", got)
	}
}

func TestWitnessConcurrentAddsOneWins(t *testing.T) {
	f := newFixture(t)
	var base memLog
	base.add(t, "a", "b")
	if _, err := f.add(&base, 0); err != nil {
		t.Fatal(err)
	}
	const n = 16
	reqs := make([]witness.Request, n)
	for i := range reqs {
		m := memLog{hashes: append([]tlog.Hash(nil), base.hashes...), n: base.n}
		for j := 0; j <= i; j++ {
			m.add(t, fmt.Sprintf("leaf %d", j))
		}
		reqs[i] = witness.Request{OldSize: 2, Proof: proof(t, &m, 2), Checkpoint: f.checkpoint(&m)}
	}
	var wg sync.WaitGroup
	errs := make([]error, n)
	for i := range reqs {
		wg.Go(func() { _, errs[i] = f.w.AddCheckpoint(reqs[i]) })
	}
	wg.Wait()
	ok, conflicts := 0, 0
	for _, err := range errs {
		switch witness.StatusOf(err) {
		case 200:
			ok++
		case 409:
			conflicts++
		default:
			t.Errorf("unexpected %v", err)
		}
	}
	if ok != 1 || conflicts != n-1 {
		t.Fatalf("%d cosigned, %d conflicts; want exactly 1 and %d", ok, conflicts, n-1)
	}
}

func TestHandlerStatuses(t *testing.T) {
	f := newFixture(t)
	srv := httptest.NewServer(witness.Handler(f.w, nil))
	defer srv.Close()
	var m memLog
	m.add(t, "a", "b", "c")
	post := func(body []byte) (int, string, string) {
		resp, err := http.Post(srv.URL+"/add-checkpoint", "text/plain", bytes.NewReader(body))
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		b, _ := io.ReadAll(resp.Body)
		return resp.StatusCode, resp.Header.Get("Content-Type"), string(b)
	}
	req := witness.Request{Checkpoint: f.checkpoint(&m)}
	if code, _, body := post(req.Marshal()); code != 200 || !strings.HasPrefix(body, "— ombudsman.example.nl/witness ") {
		t.Fatalf("add: %d %q", code, body)
	}
	if code, ct, body := post(req.Marshal()); code != 409 || ct != "text/x.tlog.size" || body != "3\n" {
		t.Fatalf("stale: %d %q %q, want 409 text/x.tlog.size 3", code, ct, body)
	}
	if code, _, _ := post([]byte("old 01\n\n" + string(req.Checkpoint))); code != 400 {
		t.Fatalf("malformed: %d, want 400", code)
	}
	// The client maps the answers back.
	c := &witness.Client{URL: srv.URL}
	_, err := c.AddCheckpoint(t.Context(), req)
	if ce, ok := err.(*witness.ConflictError); !ok || ce.Size != 3 {
		t.Fatalf("client: %v, want a conflict at 3", err)
	}
	m.add(t, "d")
	sig, err := c.AddCheckpoint(t.Context(), witness.Request{OldSize: 3, Proof: proof(t, &m, 3), Checkpoint: f.checkpoint(&m)})
	if err != nil || len(sig) == 0 {
		t.Fatalf("client: %q %v", sig, err)
	}
	resp, err := http.Get(srv.URL + "/" + witness.OriginHash(origin) + "/checkpoint")
	if err != nil {
		t.Fatal(err)
	}
	b, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	wv, _ := fnote.NewVerifierForCosignatureV1(wvkey)
	lv, _ := note.NewVerifier(f.vkey)
	if _, err := note.Open(b, note.VerifierList(wv)); err != nil || !bytes.Contains(b, []byte("\n4\n")) {
		t.Fatalf("monitoring checkpoint %q: %v", b, err)
	}
	if _, err := note.Open(b, note.VerifierList(lv)); err != nil {
		t.Fatalf("monitoring checkpoint lacks the log's signature: %v", err)
	}
}
