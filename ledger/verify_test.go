package ledger

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"
	"testing"

	"golang.org/x/mod/sumdb/tlog"
)

func verifyLog(m *memLog, trusted *Checkpoint) (*Report, error) {
	v := &Verifier{Fetch: m.fetch, VerifierKey: testVKey, Origin: DefaultOrigin, Trusted: trusted}
	return v.Verify(context.Background())
}

func TestVerifyOK(t *testing.T) {
	s := testSigner(t)
	m, cp := newTestLog(t, 1300, s)
	old := &memLog{}
	for i := range 900 {
		old.append(t, testEntry(i))
	}
	trusted900 := old.sign(t, s)
	for _, tt := range []struct {
		name    string
		trusted *Checkpoint
		want    string
	}{
		{"first time", nil, ""},
		{"trusted 900", &trusted900, "consistency: proof that the trusted tree of size 900 is a prefix"},
		{"trusted same", &cp, "consistency: the checkpoint is the trusted one"},
		{"trusted empty", &Checkpoint{Size: 0, Root: (&treeBuilder{}).root()}, "consistency: the trusted checkpoint is of the empty log"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			rep, err := verifyLog(m, tt.trusted)
			if err != nil {
				t.Fatalf("Verify: %v\n%s", err, rep)
			}
			if rep.Checkpoint != cp || rep.Entries != 1300 || rep.Bundles != 6 || rep.Tiles != 7 {
				t.Errorf("report %+v", rep)
			}
			text := rep.String()
			for _, w := range []string{"checkpoint: signature by key schakel.example.nl/log valid", "entries: 1300 entries in 6 entry bundles", "tiles: 7 hash tiles", "root: the 1300 entries hash to the checkpoint root", tt.want} {
				if !strings.Contains(text, w) {
					t.Errorf("report lacks %q:\n%s", w, text)
				}
			}
			if !bytes.Equal(rep.Note, m.checkpoint) {
				t.Error("report lacks the signed checkpoint")
			}
		})
	}
}

func TestVerifySizes(t *testing.T) {
	s := testSigner(t)
	for _, n := range []int{0, 1, 255, 256, 257, 511, 512, 65536, 70000} {
		t.Run(fmt.Sprint(n), func(t *testing.T) {
			m, _ := newTestLog(t, n, s)
			m.fetched = map[string]int{}
			var seen int64
			v := &Verifier{Fetch: m.fetch, VerifierKey: testVKey, Origin: DefaultOrigin, Concurrency: 3,
				Entry: func(index int64, data []byte) error {
					if index != seen {
						return fmt.Errorf("entry %d out of order, want %d", index, seen)
					}
					seen++
					e, err := Decode(data)
					if err != nil {
						return err
					}
					if r, q, err := EntryID(data); err != nil || r != e.RequestID || q != e.Seq {
						return fmt.Errorf("EntryID = %d, %d, %v, want %d, %d", r, q, err, e.RequestID, e.Seq)
					}
					return nil
				}}
			rep, err := v.Verify(context.Background())
			if err != nil {
				t.Fatalf("Verify: %v", err)
			}
			if seen != int64(n) || rep.Entries != int64(n) {
				t.Errorf("saw %d entries, report %d, want %d", seen, rep.Entries, n)
			}
			// Every tile of the tree was fetched and checked, once.
			tiles := tlog.NewTiles(TileHeight, 0, int64(n))
			if rep.Tiles != len(tiles) {
				t.Errorf("checked %d tiles, the tree has %d", rep.Tiles, len(tiles))
			}
			for _, tile := range tiles {
				if m.fetched[TilePath(tile)] != 1 {
					t.Errorf("%s fetched %d times", TilePath(tile), m.fetched[TilePath(tile)])
				}
			}
		})
	}
}

// TestVerifyTampered changes what the log serves in each way the issue
// names and checks that the verifier finds it and says what is wrong.
func TestVerifyTampered(t *testing.T) {
	s := testSigner(t)
	base, cp := newTestLog(t, 1300, s)
	other, _ := NewSigner(otherSKey, DefaultOrigin)
	elsewhere, _ := NewSigner(testSKey, "elders.example.nl/log")
	tests := []struct {
		name    string
		tamper  func(m *memLog)
		trusted *Checkpoint
		is      error    // when the error is a checkpoint error
		want    []string // substrings of the error
	}{
		{"alter an entry", func(m *memLog) { m.entries[41] = testEntry(9999) }, nil, nil, []string{
			"entry 41 does not hash to the leaf in tile/0/000 (entry altered or reordered)",
			"the 1300 entries hash to root", "but the checkpoint for size 1300 has root " + cp.Root.String()}},
		{"alter an entry slightly", func(m *memLog) {
			m.entries[700] = bytes.Replace(m.entries[700], []byte(`"open"`), []byte(`"gesloten"`), 1)
		}, nil, nil, []string{"entry 700 does not hash to the leaf in tile/0/002"}},
		{"delete an entry", func(m *memLog) { m.entries = slices.Delete(m.entries, 41, 42) }, nil, nil, []string{
			"entry 41 hashes to leaf 42 of tile/0/000 and the entries after it are shifted likewise (1 entries removed at 41)",
			"entries from 256 on are shifted by the 1 entries removed at 41",
			"tile/entries/005.p/20 holds 19 entries, but the checkpoint for size 1300 needs 20 there (entries removed)"}},
		{"insert an entry", func(m *memLog) { m.entries = slices.Insert(m.entries, 600, testEntry(5000)) }, nil, nil, []string{
			"entry 600 is not in tile/0/002 and the entries after it hash to the leaves 1 positions earlier (1 entries inserted at 600)",
			"entries from 768 on are shifted by the 1 entries inserted at 600"}},
		{"reorder two entries", func(m *memLog) { m.entries[3], m.entries[5] = m.entries[5], m.entries[3] }, nil, nil, []string{
			"entries 3 and 5 are swapped: each hashes to the other's leaf in tile/0/000 (entries reordered)"}},
		{"move an entry", func(m *memLog) {
			e := m.entries[10]
			m.entries = slices.Insert(slices.Delete(m.entries, 10, 11), 20, e)
		}, nil, nil, []string{"entry 10 hashes to the leaf of entry 11 in tile/0/000"}},
		{"truncate the last entries", func(m *memLog) { m.entries = m.entries[:1290] }, nil, nil, []string{
			"tile/entries/005.p/20 holds 10 entries, but the checkpoint for size 1300 needs 20 there (entries removed)"}},
		{"truncate and re-sign", func(m *memLog) {
			m.entries, m.hashes = m.entries[:1200], m.hashes[:tlog.StoredHashCount(1200)]
			m.sign(t, s)
		}, &cp, nil, []string{"checkpoint size 1200 is smaller than the trusted 1300 (entries removed)"}},
		{"alter a leaf hash", func(m *memLog) { m.hashes[tlog.StoredHashIndex(0, 700)][0] ^= 1 }, nil, nil, []string{
			"tile/0/002 hash 188 differs from the hash of entry 700 (the tile was altered: the entries hash to the checkpoint root)"}},
		{"alter a level 1 hash", func(m *memLog) { m.hashes[tlog.StoredHashIndex(8, 3)][5] ^= 1 }, nil, nil, []string{
			"tile/1/000.p/5 hash 3 differs from the hash of tile/0/003 recomputed from its entries (the tile was altered"}},
		{"alter a tile and the trusted consistency", func(m *memLog) { m.hashes[tlog.StoredHashIndex(8, 0)][5] ^= 1 }, &Checkpoint{Size: 100, Root: mustTreeHash(t, base.hashes, 100)}, nil, []string{
			"no consistency proof from size 100 to 1300 can be built from the served tiles",
			"tile/1/000.p/5 hash 0 differs from the hash of tile/0/000"}},
		{"shorten a tile", func(m *memLog) {
			d, _ := m.fetch("tile/0/001")
			m.override = map[string][]byte{"tile/0/001": d[:len(d)-32]}
		}, nil, nil, []string{"tile/0/001 is 8160 bytes, but must hold 256 hashes of 32 bytes (8192 bytes) (hashes removed or added)"}},
		{"fork at the same size", func(m *memLog) {}, &Checkpoint{Size: 1300, Root: tlog.RecordHash([]byte("other history"))}, nil, []string{
			"checkpoint for size 1300 has root " + cp.Root.String() + ", but the trusted one had", "(fork"}},
		{"fork: history rewritten and re-signed", func(m *memLog) {
			f := &memLog{}
			for i := range 1400 {
				if i == 77 {
					f.append(t, testEntry(7777))
					continue
				}
				f.append(t, m.entries[min(i, 1299)])
			}
			f.sign(t, s)
			m.entries, m.hashes, m.checkpoint, m.size = f.entries, f.hashes, f.checkpoint, f.size
		}, &cp, nil, []string{
			"checkpoint for size 1400 is not consistent with the trusted checkpoint for size 1300 (fork",
			"the first 1300 entries hash to root", "history rewritten"}},
		{"bad signature", func(m *memLog) {
			m.checkpoint = bytes.Replace(m.checkpoint, []byte("\n1300\n"), []byte("\n1299\n"), 1)
		}, nil, ErrBadSignature, []string{"signature by key schakel.example.nl/log+f3253fce is invalid"}},
		{"signed by another key", func(m *memLog) { m.sign(t, other) }, nil, ErrBadSignature, []string{"no signature by key"}},
		{"wrong origin", func(m *memLog) { m.sign(t, elsewhere) }, nil, ErrWrongOrigin, []string{`its origin is "elders.example.nl/log"`}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m := base.clone()
			tt.tamper(m)
			rep, err := verifyLog(m, tt.trusted)
			if err == nil {
				t.Fatalf("Verify passed:\n%s", rep)
			}
			if tt.is != nil && !errors.Is(err, tt.is) {
				t.Errorf("error %v is not %v", err, tt.is)
			}
			var verr *VerifyError
			if tt.is == nil && !errors.As(err, &verr) {
				t.Errorf("error %v is not a *VerifyError", err)
			}
			for _, w := range tt.want {
				if !strings.Contains(err.Error(), w) {
					t.Errorf("error lacks %q:\n%v", w, strings.ReplaceAll(err.Error(), "; ", "\n"))
				}
			}
		})
	}
}

func mustTreeHash(tb testing.TB, r tlog.HashReader, n int64) tlog.Hash {
	tb.Helper()
	h, err := tlog.TreeHash(n, r)
	if err != nil {
		tb.Fatal(err)
	}
	return h
}

// TestVerifyFullTileFallback checks C2SP's allowance: a log may delete a
// partial tile once the full tile exists, and clients read the full one.
func TestVerifyFullTileFallback(t *testing.T) {
	s := testSigner(t)
	m, _ := newTestLog(t, 1536, s)
	root := mustTreeHash(t, m.hashes, 1300)
	msg, _ := s.Sign(1300, root)
	m.checkpoint = msg // the log grew to 1536 since checkpoint 1300
	m.override = map[string][]byte{"tile/0/005.p/20": nil, "tile/entries/005.p/20": nil}
	rep, err := verifyLog(m, nil)
	if err != nil {
		t.Fatalf("Verify: %v", err)
	}
	if rep.Entries != 1300 {
		t.Errorf("%d entries", rep.Entries)
	}
	if err := CheckInclusion(m.entries[1299], 1299, Checkpoint{1300, root}, m.fetch); err != nil {
		t.Errorf("CheckInclusion: %v", err)
	}
}

func TestVerifyFetchErrors(t *testing.T) {
	s := testSigner(t)
	base, _ := newTestLog(t, 600, s)
	for _, path := range []string{"checkpoint", "tile/entries/001", "tile/0/002.p/88", "tile/1/000.p/2"} {
		m := base.clone()
		m.override = map[string][]byte{path: nil}
		_, err := verifyLog(m, nil)
		if err == nil || !strings.Contains(err.Error(), "fetch "+path) {
			t.Errorf("without %s: %v", path, err)
		}
	}
	m := base.clone()
	m.override = map[string][]byte{"tile/entries/000": {0, 9, 1}}
	if _, err := verifyLog(m, nil); err == nil || !strings.Contains(err.Error(), "tile/entries/000: ledger: entry bundle: entry 0: length 9 runs past the end") {
		t.Errorf("bad bundle: %v", err)
	}
	stop := errors.New("stop")
	v := &Verifier{Fetch: base.fetch, VerifierKey: testVKey, Origin: DefaultOrigin, Entry: func(i int64, _ []byte) error {
		if i == 300 {
			return stop
		}
		return nil
	}}
	if _, err := v.Verify(context.Background()); !errors.Is(err, stop) || !strings.Contains(err.Error(), "entry 300") {
		t.Errorf("Entry error: %v", err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	v.Entry = nil
	if _, err := v.Verify(ctx); !errors.Is(err, context.Canceled) {
		t.Errorf("cancelled: %v", err)
	}
}

func TestCheckInclusion(t *testing.T) {
	s := testSigner(t)
	m, cp := newTestLog(t, 70000, s)
	for _, i := range []int64{0, 41, 255, 256, 65535, 65536, 69999} {
		if err := CheckInclusion(m.entries[i], i, cp, m.fetch); err != nil {
			t.Errorf("CheckInclusion(%d): %v", i, err)
		}
	}
	if err := CheckInclusion(testEntry(9), 41, cp, m.fetch); err == nil || !strings.Contains(err.Error(), "entry 41 as given is not included") {
		t.Errorf("altered entry: %v", err)
	}
	if err := CheckInclusion(m.entries[0], 70000, cp, m.fetch); err == nil || !strings.Contains(err.Error(), "not in the checkpoint for size 70000") {
		t.Errorf("beyond the tree: %v", err)
	}
	t2 := m.clone()
	t2.hashes[tlog.StoredHashIndex(8, 100)][0] ^= 1
	if err := CheckInclusion(m.entries[41], 41, cp, t2.fetch); err == nil || !strings.Contains(err.Error(), "the served tiles do not match the checkpoint") {
		t.Errorf("altered tile: %v", err)
	}
}
