package verify

import (
	"context"
	"errors"
	"fmt"
	"io"
	"sync"
	"testing"

	"golang.org/x/mod/sumdb/tlog"

	"github.com/schakel-nl/schakel"
	"github.com/schakel-nl/schakel/ledger"
)

// testOrigin is the origin of the test logs.
const testOrigin = "verify.test/log"

// memLog is a log in memory: its entries, the tree's stored hashes, and the
// checkpoint it serves. Its fields are there to be tampered with.
type memLog struct {
	mu       sync.Mutex
	entries  [][]byte
	hashes   []tlog.Hash
	note     []byte            // the checkpoint served
	size     int64             // the size of the tree served
	override map[string][]byte // served instead of the computed resource
}

// ReadHashes makes memLog a tlog.HashReader.
func (m *memLog) ReadHashes(indexes []int64) ([]tlog.Hash, error) {
	out := make([]tlog.Hash, len(indexes))
	for i, x := range indexes {
		if x < 0 || x >= int64(len(m.hashes)) {
			return nil, fmt.Errorf("hash %d not stored", x)
		}
		out[i] = m.hashes[x]
	}
	return out, nil
}

// add appends entries.
func (m *memLog) add(tb testing.TB, entries ...[]byte) {
	tb.Helper()
	for _, data := range entries {
		hs, err := tlog.StoredHashes(int64(len(m.entries)), data, m)
		if err != nil {
			tb.Fatal(err)
		}
		m.hashes = append(m.hashes, hs...)
		m.entries = append(m.entries, data)
	}
}

// sign signs a checkpoint for the first n entries with s and serves it.
func (m *memLog) sign(tb testing.TB, s *ledger.Signer, n int64) []byte {
	tb.Helper()
	root, err := tlog.TreeHash(n, m)
	if err != nil {
		tb.Fatal(err)
	}
	note, err := s.Sign(n, root)
	if err != nil {
		tb.Fatal(err)
	}
	m.mu.Lock()
	m.note, m.size = note, n
	m.mu.Unlock()
	return note
}

// read serves the C2SP resource at path.
func (m *memLog) read(path string) ([]byte, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	if d, ok := m.override[path]; ok {
		return d, nil
	}
	if path == "checkpoint" {
		if m.note == nil {
			return nil, ErrNoCheckpoint
		}
		return m.note, nil
	}
	return ledger.ReadTile(path, m.size, m, func(start, end int64) ([][]byte, error) {
		return m.entries[start:min(end, int64(len(m.entries)))], nil
	})
}

// lookup finds an event's entry among the first size entries.
func (m *memLog) lookup(requestID int64, seq int) (int64, []byte, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	for i, data := range m.entries[:m.size] {
		if r, s, err := ledger.EntryID(data); err == nil && r == requestID && s == seq {
			return int64(i), data, nil
		}
	}
	return 0, nil, schakel.Errorf(schakel.ENOTFOUND, "event %d/%d is not in the log", requestID, seq)
}

// memSource is a Source over a memLog, as a database would be read.
type memSource struct{ log *memLog }

func (s memSource) Name() string { return "memory" }

func (s memSource) ReadLog(_ context.Context, path string) ([]byte, error) {
	return s.log.read(path)
}

func (s memSource) LookupEvent(_ context.Context, requestID int64, seq int) (*Event, error) {
	index, data, err := s.log.lookup(requestID, seq)
	if err != nil {
		return nil, errors.New(schakel.ErrorMessage(err))
	}
	return &Event{Index: index, Entry: data}, nil
}

func (s memSource) LookupMethod() string { return "the memory's index" }

// testEntry is the encoding of event seq of request, a brake of a
// professional citing two principles.
func testEntry(request int64, seq int) []byte {
	e := ledger.Entry{
		Version:      ledger.Version,
		RequestID:    request,
		Seq:          seq,
		Event:        []schakel.EventType{"aangemaakt", "ontvangst-bevestigd", "beantwoord", "gesloten"}[(seq-1)%4],
		RequestType:  schakel.TypeProfessionalBrake,
		At:           fmt.Sprintf("2026-03-%02dT10:%02d:00Z", seq%28+1, request%60),
		Requester:    ledger.PartyRef{Kind: schakel.PartyUser},
		Actor:        ledger.PartyRef{Kind: schakel.PartyOrganisation, Organisation: request%5 + 1},
		Addressee:    ledger.AddresseeRef{Organisation: request%5 + 1, Role: schakel.RoleCoordinator},
		Principles:   []string{"evenredigheid", "zorgvuldigheid"},
		State:        "open",
		AnswerDue:    "2026-05-01",
		ReasonSHA256: ledger.TextHash(fmt.Sprint("reden ", request, seq)),
	}
	return e.Encode()
}

// testEntries returns the entries of requests from through to with three
// events each.
func testEntries(from, to int64) [][]byte {
	var out [][]byte
	for r := from; r <= to; r++ {
		for seq := 1; seq <= 3; seq++ {
			out = append(out, testEntry(r, seq))
		}
	}
	return out
}

// testWorld is a signed log of 100 requests (300 entries), its signer and
// a state file.
type testWorld struct {
	log    *memLog
	signer *ledger.Signer
	vkey   string
	state  *FileState
}

func newTestWorld(tb testing.TB) *testWorld {
	tb.Helper()
	skey, vkey, err := ledger.GenerateKey(testOrigin)
	if err != nil {
		tb.Fatal(err)
	}
	signer, err := ledger.NewSigner(skey, testOrigin)
	if err != nil {
		tb.Fatal(err)
	}
	w := &testWorld{log: &memLog{override: map[string][]byte{}}, signer: signer, vkey: vkey, state: &FileState{Path: tb.TempDir() + "/verify.state"}}
	w.log.add(tb, testEntries(1, 100)...)
	w.log.sign(tb, signer, int64(len(w.log.entries)))
	return w
}

// verifier returns a Verifier of the world through src, writing to out.
func (w *testWorld) verifier(src Source, out io.Writer) *Verifier {
	return &Verifier{Source: src, VerifierKey: w.vkey, State: w.state, Events: AllEvents, Out: out}
}
