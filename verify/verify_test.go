package verify

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/schakel-nl/schakel"
	"github.com/schakel-nl/schakel/ledger"
)

// mustVerify runs v and fails the test if the record does not verify.
func mustVerify(t *testing.T, v *Verifier) *Result {
	t.Helper()
	res, err := v.Verify(context.Background())
	if err != nil {
		t.Fatalf("Verify: %v", err)
	}
	return res
}

// wantLines fails unless out holds every line of want.
func wantLines(t *testing.T, out string, want ...string) {
	t.Helper()
	for _, w := range want {
		if !strings.Contains(out, w) {
			t.Errorf("output lacks %q:\n%s", w, out)
		}
	}
}

func TestConsistentLogVerifies(t *testing.T) {
	w := newTestWorld(t)
	var out bytes.Buffer
	res := mustVerify(t, w.verifier(memSource{w.log}, &out))
	wantLines(t, out.String(),
		"Checking the public record of memory\n  log \"verify.test/log\", verifier key "+w.vkey+"\n",
		"  no trusted checkpoint yet ("+w.state.Path+"): this run establishes one\n",
		"ok  checkpoint: signature by key verify.test/log valid",
		"ok  root: the 300 entries hash to the checkpoint root\n",
		"ok  events: the 300 entries are 300 distinct events, each in the log once\n",
		"ok  lookups: 300 of 300 events looked up by id through the memory's index: same index and bytes as in the tiles",
		"ok  state: checkpoint for size 300 saved to "+w.state.Path+"\n",
		"The public record verifies: 300 entries, 2 entry bundles and ",
	)
	if strings.Contains(out.String(), "API") || strings.Contains(out.String(), "register") || strings.Contains(out.String(), "event rows") {
		t.Errorf("checks a memory source does not offer:\n%s", out.String())
	}
	if res.Source != "memory" || res.Trusted != nil || res.Entries != 300 || res.Events != 300 || res.LookedUp != 300 || !res.Saved || res.Register != nil || res.Rows != nil || res.Log.Checkpoint.Size != 300 {
		t.Errorf("result %+v", res)
	}

	// The log grows; the next run starts from the saved checkpoint and
	// proves the new one extends it.
	w.log.add(t, testEntries(101, 110)...)
	w.log.sign(t, w.signer, 330)
	out.Reset()
	v := w.verifier(memSource{w.log}, &out)
	v.Events = 10
	res = mustVerify(t, v)
	wantLines(t, out.String(),
		"  trusted from the last run ("+w.state.Path+"): size 300, root ",
		"ok  consistency: proof that the trusted tree of size 300 is a prefix of this one checked",
		"ok  history: the first 300 entries hash to the trusted root\n",
		"ok  lookups: 10 of 330 events looked up",
		"ok  state: checkpoint for size 330 saved",
	)
	if res.Trusted == nil || res.Trusted.Size != 300 || res.LookedUp != 10 {
		t.Errorf("second result %+v", res)
	}
	if cp, err := w.state.Load(w.vkey, testOrigin); err != nil || cp == nil || cp.Size != 330 {
		t.Errorf("state after the second run: %v, %v", cp, err)
	}

	// No lookups, no state: the record still verifies.
	out.Reset()
	v = &Verifier{Source: memSource{w.log}, VerifierKey: w.vkey, Out: &out}
	res = mustVerify(t, v)
	if res.Saved || res.LookedUp != 0 || strings.Contains(out.String(), "lookups:") || strings.Contains(out.String(), "state:") {
		t.Errorf("without events and state: %+v\n%s", res, out.String())
	}
}

// TestTrustedStateIsKept: a rolled-back or forked log fails against the
// trusted checkpoint, and the failure leaves the state as it was.
func TestTrustedStateIsKept(t *testing.T) {
	cases := []struct {
		name   string
		change func(t *testing.T, w *testWorld) *memLog
		want   string
	}{
		{"rolled back", func(t *testing.T, w *testWorld) *memLog {
			w.log.sign(t, w.signer, 280)
			return w.log
		}, "checkpoint size 280 is smaller than the trusted 300 (entries removed)"},
		{"forked at the same size", func(t *testing.T, w *testWorld) *memLog {
			fork := &memLog{}
			fork.add(t, testEntries(1, 99)...)
			fork.add(t, testEntry(100, 1), testEntry(100, 2), testEntry(100, 4))
			fork.sign(t, w.signer, 300)
			return fork
		}, "checkpoint for size 300 has root"},
		{"forked history", func(t *testing.T, w *testWorld) *memLog {
			fork := &memLog{}
			fork.add(t, testEntries(1, 3)...)
			fork.add(t, testEntry(4, 1), testEntry(4, 3), testEntry(4, 2))
			fork.add(t, testEntries(5, 120)...)
			fork.sign(t, w.signer, 360)
			return fork
		}, "checkpoint for size 360 is not consistent with the trusted checkpoint for size 300"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			w := newTestWorld(t)
			mustVerify(t, w.verifier(memSource{w.log}, nil))
			before, err := os.ReadFile(w.state.Path)
			if err != nil {
				t.Fatal(err)
			}
			log := c.change(t, w)
			var out bytes.Buffer
			res, err := w.verifier(memSource{log}, &out).Verify(context.Background())
			var pe *ProblemsError
			if !errors.As(err, &pe) || !strings.Contains(err.Error(), c.want) {
				t.Fatalf("error %v, want a *ProblemsError with %q\n%s", err, c.want, out.String())
			}
			if !strings.HasPrefix(err.Error(), "verify: the public record does NOT verify:\n  - ") {
				t.Errorf("error %q", err)
			}
			if res.Saved || strings.Contains(out.String(), "The public record verifies") {
				t.Errorf("a failed run says it verified:\n%s", out.String())
			}
			if after, _ := os.ReadFile(w.state.Path); !bytes.Equal(before, after) {
				t.Error("a failed run changed the trusted state")
			}
		})
	}
}

// lyingSource answers lookups with another entry than the tiles hold.
type lyingSource struct {
	memSource
	index int64
	entry []byte
}

func (s lyingSource) LookupEvent(ctx context.Context, requestID int64, seq int) (*Event, error) {
	ev, err := s.memSource.LookupEvent(ctx, requestID, seq)
	if err == nil && requestID == 7 && seq == 2 {
		ev.Index, ev.Entry = s.index, s.entry
	}
	return ev, err
}

// TestTamperingIsCaught alters what the source serves in ways the record
// must survive.
func TestTamperingIsCaught(t *testing.T) {
	cases := []struct {
		name   string
		source func(t *testing.T, w *testWorld) Source
		want   []string
	}{
		{"hash tile altered", func(t *testing.T, w *testWorld) Source {
			tile, _ := w.log.read("tile/0/000")
			tile = bytes.Clone(tile)
			tile[2*32] ^= 1
			w.log.override["tile/0/000"] = tile
			return memSource{w.log}
		}, []string{"hash 2 differs from the hash of entry 2", "tile/0/000"}},
		{"level 1 tile altered", func(t *testing.T, w *testWorld) Source {
			tile, _ := w.log.read("tile/1/000.p/1")
			w.log.override["tile/1/000.p/1"] = bytes.Repeat([]byte{9}, len(tile))
			return memSource{w.log}
		}, []string{"tile/1/000.p/1"}},
		{"entry in a bundle altered", func(t *testing.T, w *testWorld) Source {
			entries, _ := w.log.read("tile/entries/000")
			list, err := ledger.ParseBundle(entries)
			if err != nil {
				t.Fatal(err)
			}
			list[7] = bytes.Replace(list[7], []byte(`"at":"20`), []byte(`"at":"19`), 1)
			b, _ := ledger.MarshalBundle(list)
			w.log.override["tile/entries/000"] = b
			return memSource{w.log}
		}, []string{"entry 7 does not hash to the leaf in tile/0/000"}},
		{"event in the log twice", func(t *testing.T, w *testWorld) Source {
			w.log.add(t, testEntry(5, 2))
			w.log.sign(t, w.signer, 301)
			return memSource{w.log}
		}, []string{"entries 13 and 300 are both event 2 of request 5 (an event may be in the log only once)"}},
		{"change of the register in the log twice", func(t *testing.T, w *testWorld) Source {
			w.log.add(t, testCaseEntry(4, 1), testCaseEntry(4, 1))
			w.log.sign(t, w.signer, 302)
			return memSource{w.log}
		}, []string{"entries 300 and 301 are both change 1 of case 4 (a change may be in the log only once)"}},
		{"invalid entry about the register", func(t *testing.T, w *testWorld) Source {
			w.log.add(t, bytes.Replace(testCaseEntry(4, 1), []byte("gepubliceerd"), []byte("verzonnen"), 1))
			w.log.sign(t, w.signer, 301)
			return memSource{w.log}
		}, []string{"entry 300 is not a valid entry about the register of cases"}},
		{"lookup at another index", func(t *testing.T, w *testWorld) Source {
			return lyingSource{memSource{w.log}, 21, testEntry(7, 3)}
		}, []string{"event 2 of request 7 (entry 19): looking it up by its id gives index 21, but it is entry 19 in the tiles"}},
		{"lookup with other bytes", func(t *testing.T, w *testWorld) Source {
			return lyingSource{memSource{w.log}, 19, testEntry(7, 3)}
		}, []string{"event 2 of request 7 (entry 19): looking it up by its id gives other bytes than entry 19 in the tiles"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			w := newTestWorld(t)
			src := c.source(t, w)
			_, err := w.verifier(src, nil).Verify(context.Background())
			var pe *ProblemsError
			if !errors.As(err, &pe) {
				t.Fatalf("error %v, want a *ProblemsError", err)
			}
			for _, want := range c.want {
				if !strings.Contains(err.Error(), want) {
					t.Errorf("error lacks %q:\n%v", want, err)
				}
			}
			if _, err := os.Stat(w.state.Path); !errors.Is(err, os.ErrNotExist) {
				t.Errorf("a failed run saved a state: %v", err)
			}
		})
	}
}

// TestProblemsAreCapped: a log with many problems lists the first 20.
func TestProblemsAreCapped(t *testing.T) {
	var problems []string
	for i := range 25 {
		problems = append(problems, fmt.Sprint("problem ", i))
	}
	msg := (&ProblemsError{problems}).Error()
	if strings.Count(msg, "\n  - ") != 21 || !strings.HasSuffix(msg, "\n  - problem 19\n  - and 5 more problems") {
		t.Errorf("%s", msg)
	}
}

// errSource fails to serve anything.
type errSource struct{ memSource }

func (errSource) ReadLog(context.Context, string) ([]byte, error) { return nil, ErrNoCheckpoint }

func TestSourceErrorStops(t *testing.T) {
	w := newTestWorld(t)
	var out bytes.Buffer
	_, err := w.verifier(errSource{memSource{w.log}}, &out).Verify(context.Background())
	if err == nil || err.Error() != "verify: fetch checkpoint: the log has no signed checkpoint yet" || !errors.Is(err, ErrNoCheckpoint) {
		t.Fatalf("error %v", err)
	}
	var pe *ProblemsError
	if errors.As(err, &pe) {
		t.Error("an unreadable source is not a problem of the record")
	}

	// A checkpoint signed by another key.
	skey, _, _ := ledger.GenerateKey(testOrigin)
	other, _ := ledger.NewSigner(skey, testOrigin)
	w.log.sign(t, other, 300)
	_, err = w.verifier(memSource{w.log}, &out).Verify(context.Background())
	if !errors.Is(err, ledger.ErrBadSignature) || !strings.HasPrefix(err.Error(), "verify: ") || strings.Contains(err.Error(), "ledger: ") {
		t.Fatalf("checkpoint by another key: %v", err)
	}
}

func TestStateSaved(t *testing.T) {
	w := newTestWorld(t)
	at := time.Date(2026, 3, 4, 5, 6, 7, 0, time.FixedZone("CET", 3600))
	w.state.Now = func() time.Time { return at }
	// The file keeps what it holds for other logs.
	os.WriteFile(w.state.Path, []byte(`{"logs": {"elders.test/log+01234567+AAAA": {"origin": "elders.test/log", "checkpoint": "x", "source": "elders", "verifiedAt": "2025-01-01T00:00:00Z"}}}`), 0o600)
	mustVerify(t, w.verifier(memSource{w.log}, nil))

	b, err := os.ReadFile(w.state.Path)
	if err != nil {
		t.Fatal(err)
	}
	var file struct {
		Logs map[string]struct {
			Origin, Checkpoint, Source, VerifiedAt string
		}
	}
	if err := json.Unmarshal(b, &file); err != nil {
		t.Fatal(err)
	}
	e := file.Logs[w.vkey]
	if e.Origin != testOrigin || e.Checkpoint != string(w.log.note) || e.Source != "memory" || e.VerifiedAt != "2026-03-04T04:06:07Z" || len(file.Logs) != 2 {
		t.Fatalf("state file:\n%s", b)
	}
	cp, err := w.state.Load(w.vkey, testOrigin)
	if err != nil || cp == nil || cp.Size != 300 {
		t.Fatalf("Load: %v, %v", cp, err)
	}
	if cp, err := w.state.Load("ander.test/log+89abcdef+AAAA", "ander.test/log"); cp != nil || err != nil {
		t.Fatalf("Load of a log never verified: %v, %v", cp, err)
	}

	// An altered state is refused, and so is another origin.
	altered := bytes.Replace(b, []byte(`\n300\n`), []byte(`\n299\n`), 1)
	os.WriteFile(w.state.Path, altered, 0o600)
	_, err = w.verifier(memSource{w.log}, nil).Verify(context.Background())
	if err == nil || !strings.HasPrefix(err.Error(), "verify: state file "+w.state.Path+": the checkpoint saved for this log does not verify (") {
		t.Fatalf("altered state: %v", err)
	}
	os.WriteFile(w.state.Path, b, 0o600)
	v := w.verifier(memSource{w.log}, nil)
	v.Origin = "elders.test/log"
	if _, err := v.Verify(context.Background()); err == nil || !strings.Contains(err.Error(), "the file was altered, or the origin differs") {
		t.Fatalf("another origin: %v", err)
	}
	os.WriteFile(w.state.Path, []byte("{"), 0o600)
	if _, err := w.verifier(memSource{w.log}, nil).Verify(context.Background()); err == nil || !strings.HasPrefix(err.Error(), "verify: state file ") {
		t.Fatalf("a state file that is not JSON: %v", err)
	}
}

// failingState cannot save.
type failingState struct{ FileState }

func (failingState) Save(string, string, string, []byte) error { return errors.New("disk full") }

func TestStateNotSaved(t *testing.T) {
	w := newTestWorld(t)
	var out bytes.Buffer
	v := w.verifier(memSource{w.log}, &out)
	v.State = &failingState{*w.state}
	res, err := v.Verify(context.Background())
	if err == nil || err.Error() != "verify: the log verifies, but the state was not saved: disk full" || res.Saved {
		t.Fatalf("error %v, result %+v", err, res)
	}
}

// testCaseEntry is the entry of a publication of case id, change seq.
func testCaseEntry(caseID int64, seq int) []byte {
	return ledger.ProjectChange(&schakel.PrecedentChange{CaseID: caseID, Seq: seq, OrganisationID: 3, Kind: schakel.PrecedentPublished,
		At: time.Date(2026, 12, 7, 9, 0, 0, 0, time.UTC), Digest: strings.Repeat("ab", 32)}).Encode()
}

// TestCaseEntriesVerify: a log holding entries about the register of
// cases beside the request events verifies, and says how many changes it
// holds; the changes are not looked up by id.
func TestCaseEntriesVerify(t *testing.T) {
	w := newTestWorld(t)
	w.log.add(t, testCaseEntry(4, 1), testCaseEntry(4, 2), testCaseEntry(9, 1))
	w.log.sign(t, w.signer, 303)
	var out strings.Builder
	res, err := w.verifier(memSource{w.log}, &out).Verify(context.Background())
	if err != nil {
		t.Fatalf("%v\n%s", err, out.String())
	}
	if res.Entries != 303 || res.Events != 300 || res.Changes != 3 || res.LookedUp != 300 {
		t.Fatalf("entries %d, events %d, changes %d, looked up %d", res.Entries, res.Events, res.Changes, res.LookedUp)
	}
	if !strings.Contains(out.String(), "300 distinct events and 3 distinct changes of the register of cases") {
		t.Errorf("output:\n%s", out.String())
	}
}
