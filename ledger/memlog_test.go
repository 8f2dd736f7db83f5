package ledger

import (
	"fmt"
	"maps"
	"sync"
	"testing"

	"github.com/schakel-nl/schakel"
	"golang.org/x/mod/sumdb/tlog"
)

// hashSlice is a tlog.HashReader over a slice indexed by stored hash index,
// the in-memory form of the store's hash table.
type hashSlice []tlog.Hash

func (s hashSlice) ReadHashes(indexes []int64) ([]tlog.Hash, error) {
	out := make([]tlog.Hash, len(indexes))
	for i, x := range indexes {
		if x < 0 || x >= int64(len(s)) {
			return nil, fmt.Errorf("hash %d not stored (have %d)", x, len(s))
		}
		out[i] = s[x]
	}
	return out, nil
}

// hashMap is a map-backed tlog.HashReader.
type hashMap map[int64]tlog.Hash

func (m hashMap) ReadHashes(indexes []int64) ([]tlog.Hash, error) {
	out := make([]tlog.Hash, len(indexes))
	for i, x := range indexes {
		h, ok := m[x]
		if !ok {
			return nil, fmt.Errorf("hash %d not stored", x)
		}
		out[i] = h
	}
	return out, nil
}

// memLog is an in-memory log and the "server" serving its C2SP paths. Its
// fields are exposed so tests can tamper with any of them.
type memLog struct {
	entries    [][]byte
	hashes     hashSlice
	checkpoint []byte
	size       int64             // the size served tiles are limited to
	override   map[string][]byte // served instead of the computed resource
	fetched    map[string]int    // fetch counts, when non-nil
	mu         sync.Mutex        // guards fetched
}

func (m *memLog) append(tb testing.TB, data []byte) {
	tb.Helper()
	hs, err := HashesForAppend(int64(len(m.entries)), data, m.hashes)
	if err != nil {
		tb.Fatal(err)
	}
	if want := tlog.StoredHashIndex(0, int64(len(m.entries))); int64(len(m.hashes)) != want {
		tb.Fatalf("hash table has %d hashes before entry %d, want %d", len(m.hashes), len(m.entries), want)
	}
	m.hashes = append(m.hashes, hs...)
	m.entries = append(m.entries, data)
}

// sign signs a checkpoint for the current size and serves it.
func (m *memLog) sign(tb testing.TB, s *Signer) Checkpoint {
	tb.Helper()
	n := int64(len(m.entries))
	root, err := tlog.TreeHash(n, m.hashes)
	if err != nil {
		tb.Fatal(err)
	}
	msg, err := s.Sign(n, root)
	if err != nil {
		tb.Fatal(err)
	}
	m.checkpoint, m.size = msg, n
	return Checkpoint{Size: n, Root: root}
}

func (m *memLog) readEntries(start, end int64) ([][]byte, error) {
	if end > int64(len(m.entries)) {
		end = int64(len(m.entries))
	}
	if start > end {
		return nil, nil
	}
	return m.entries[start:end], nil
}

func (m *memLog) fetch(path string) ([]byte, error) {
	if m.fetched != nil {
		m.mu.Lock()
		m.fetched[path]++
		m.mu.Unlock()
	}
	if d, ok := m.override[path]; ok {
		if d == nil {
			return nil, fmt.Errorf("404 %s", path)
		}
		return d, nil
	}
	if path == "checkpoint" {
		return m.checkpoint, nil
	}
	return ReadTile(path, m.size, m.hashes, m.readEntries)
}

func (m *memLog) clone() *memLog {
	c := memLog{checkpoint: m.checkpoint, size: m.size}
	c.entries = append([][]byte(nil), m.entries...)
	c.hashes = append(hashSlice(nil), m.hashes...)
	c.override = maps.Clone(m.override)
	return &c
}

// testEntry is the encoding of a plausible entry number i.
func testEntry(i int) []byte {
	e := Entry{
		Version:      Version,
		RequestID:    int64(i/4 + 1),
		Seq:          i%4 + 1,
		Event:        []schakel.EventType{"aangemaakt", "ontvangst-bevestigd", "beantwoord", "gesloten"}[i%4],
		RequestType:  "noodrem-professional",
		At:           fmt.Sprintf("2026-%02d-%02dT%02d:%02d:%02dZ", i%12+1, i%28+1, i%24, i%60, (i*7)%60),
		Requester:    PartyRef{Kind: "gebruiker"},
		Actor:        PartyRef{Kind: "organisatie", Organisation: int64(i%50 + 1)},
		Addressee:    AddresseeRef{Organisation: int64(i%50 + 1), Role: "coordinator"},
		Principles:   []string{"evenredigheid", "zorgvuldigheid"},
		State:        "open",
		AnswerDue:    "2026-05-01",
		ReasonSHA256: TextHash(fmt.Sprint("reden ", i)),
	}
	return e.Encode()
}

// newTestLog returns a log of n test entries, signed.
func newTestLog(tb testing.TB, n int, s *Signer) (*memLog, Checkpoint) {
	tb.Helper()
	m := &memLog{hashes: make(hashSlice, 0, 2*n)}
	for i := range n {
		m.append(tb, testEntry(i))
	}
	return m, m.sign(tb, s)
}
