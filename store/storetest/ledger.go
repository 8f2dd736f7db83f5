package storetest

import (
	"bytes"
	"context"
	"fmt"
	"slices"
	"sync"
	"time"

	"golang.org/x/mod/sumdb/tlog"

	"github.com/schakel-nl/schakel"
	"github.com/schakel-nl/schakel/comply"
	"github.com/schakel-nl/schakel/ledger"
	"github.com/schakel-nl/schakel/store"
)

// TestOrigin is the origin of the checkpoints the tests sign.
const TestOrigin = "schakel.test/log"

// TestSigner returns a Signer with a new key for TestOrigin.
func TestSigner(t interface {
	Helper()
	Fatal(...any)
}) *ledger.Signer {
	t.Helper()
	skey, _, err := ledger.GenerateKey(TestOrigin)
	if err != nil {
		t.Fatal(err)
	}
	s, err := ledger.NewSigner(skey, TestOrigin)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// LedgerFetcher serves the log of s as a C2SP tlog-tiles log would over HTTP:
// "checkpoint" is the latest stored checkpoint, tiles and entry bundles are
// read with ledger.ReadTile for that checkpoint's size. It is what a
// ledger.Verifier needs to check a store without a server.
func LedgerFetcher(ctx context.Context, s *store.Store) ledger.Fetcher {
	return func(path string) ([]byte, error) {
		size, note, err := s.LatestCheckpoint(ctx)
		if err != nil {
			return nil, err
		}
		if path == "checkpoint" {
			return note, nil
		}
		return ledger.ReadTile(path, size, s.LedgerHashReader(ctx), func(start, end int64) ([][]byte, error) {
			return s.LedgerEntries(ctx, start, end)
		})
	}
}

// storedEntry is an event's log entry as request_events holds it.
type storedEntry struct {
	requestID int64
	seq       int
	entry     []byte
}

// eventEntries returns every event's stored log entry, in write order.
func (e *env) eventEntries() []storedEntry {
	e.t.Helper()
	rows, err := e.s.DB().QueryContext(e.ctx, "SELECT request_id, seq, log_entry FROM request_events ORDER BY id")
	must(e.t, err)
	defer rows.Close()
	var out []storedEntry
	for rows.Next() {
		var se storedEntry
		must(e.t, rows.Scan(&se.requestID, &se.seq, &se.entry))
		out = append(out, se)
	}
	must(e.t, rows.Err())
	return out
}

// projection is the entry of event seq of a request recomputed from what
// the store returns for it.
func (e *env) projection(requestID int64, seq int) []byte {
	e.t.Helper()
	r, err := e.s.Request(e.ctx, requestID)
	must(e.t, err)
	evs, err := e.s.Events(e.ctx, requestID)
	must(e.t, err)
	for _, ev := range evs {
		if ev.Seq == seq {
			return ledger.Project(r, ev).Encode()
		}
	}
	e.t.Fatalf("request %d has no event %d", requestID, seq)
	return nil
}

// wantLedgerEntries fails unless every event stored carries as its log entry
// the projection of the request and event as stored, and returns the number
// of events. Events without one (planted under the store, as events from
// before the log are) are skipped.
func wantLedgerEntries(e *env) int {
	e.t.Helper()
	all := e.eventEntries()
	for _, se := range all {
		if se.entry == nil {
			continue // planted under the store, as an event from before the log would be
		}
		want := e.projection(se.requestID, se.seq)
		if !bytes.Equal(se.entry, want) {
			e.t.Fatalf("event %d of request %d carries log entry\n%s\nwant the projection of what was stored\n%s", se.seq, se.requestID, se.entry, want)
		}
		if _, err := ledger.Decode(se.entry); err != nil {
			e.t.Fatalf("event %d of request %d: %v", se.seq, se.requestID, err)
		}
	}
	return len(all)
}

// ledgerWorld makes events of every path that writes them: creations,
// transitions (UpdateRequest) and a sweep (SweepDue). It returns the number
// of events.
func ledgerWorld(e *env, f *reqFixture) int {
	e.t.Helper()
	a := f.brake(e, "Log A")
	b := f.brake(e, "Log B")
	f.create(e, schakel.TypeComplaint, user(f.burger), f.svb, "Log C") // a creation on another ladder
	a = apply(e, a)(f.eng.Acknowledge(a, user(f.coord), e.clock.Now()))
	e.clock.Advance(time.Hour)
	apply(e, a)(f.eng.Answer(a, user(f.coord), comply.AnswerInput{Kind: schakel.Explain,
		Motivations: map[string]string{"zorgvuldigheid": "Wel zorgvuldig.", "motivering": "Staat in de brief."}}, e.clock.Now()))
	later := b.AckDeadline.Add(time.Minute)
	res, err := e.s.SweepDue(e.ctx, later, 10, func(r *schakel.Request) (*schakel.Request, *schakel.Event, error) { return f.eng.Sweep(r, later) })
	must(e.t, err)
	if len(res.Events) == 0 {
		e.t.Fatal("the sweep stored no events")
	}
	return wantLedgerEntries(e)
}

// hashSlice is a tlog.HashReader over an in-memory hash table.
type hashSlice []tlog.Hash

func (s hashSlice) ReadHashes(indexes []int64) ([]tlog.Hash, error) {
	out := make([]tlog.Hash, len(indexes))
	for i, x := range indexes {
		if x < 0 || x >= int64(len(s)) {
			return nil, fmt.Errorf("hash %d not in memory", x)
		}
		out[i] = s[x]
	}
	return out, nil
}

// wantLedger fails unless the log holds every event exactly once, at indexes
// 0…n-1 in the order the events were written, with the stored log entries,
// and the stored hashes are those of a tree recomputed in memory.
func wantLedger(e *env) {
	e.t.Helper()
	events := e.eventEntries()
	n := int64(len(events))
	size, err := e.s.LedgerSize(e.ctx)
	must(e.t, err)
	if size != n {
		e.t.Fatalf("log size %d, want %d events", size, n)
	}
	entries, err := e.s.LedgerEntries(e.ctx, 0, n)
	must(e.t, err)
	if int64(len(entries)) != n {
		e.t.Fatalf("LedgerEntries(0, %d) gave %d", n, len(entries))
	}
	seen := map[int64]bool{}
	for _, ev := range events {
		idx, err := e.s.LedgerIndex(e.ctx, ev.requestID, ev.seq)
		must(e.t, err)
		if idx < 0 || idx >= n || seen[idx] {
			e.t.Fatalf("event %d of request %d at index %d (size %d, seen %v)", ev.seq, ev.requestID, idx, n, seen[idx])
		}
		seen[idx] = true
		want := ev.entry
		if want == nil {
			want = e.projection(ev.requestID, ev.seq)
		}
		if !bytes.Equal(entries[idx], want) {
			e.t.Fatalf("entry %d is\n%s\nwant event %d of request %d\n%s", idx, entries[idx], ev.seq, ev.requestID, want)
		}
	}
	var mem hashSlice
	for i, d := range entries {
		hs, err := ledger.HashesForAppend(int64(i), d, mem)
		must(e.t, err)
		mem = append(mem, hs...)
	}
	all := make([]int64, len(mem))
	for i := range all {
		all[i] = int64(i)
	}
	stored, err := e.s.ReadHashes(all)
	must(e.t, err)
	for i := range mem {
		if stored[i] != mem[i] {
			e.t.Fatalf("stored hash %d differs from the tree recomputed from the entries", i)
		}
	}
	if tlog.StoredHashCount(n) != int64(len(mem)) {
		e.t.Fatalf("%d hashes for %d entries", len(mem), n)
	}
	var extra int
	must(e.t, e.s.DB().QueryRowContext(e.ctx, "SELECT COUNT(*) FROM log_hashes").Scan(&extra))
	if int64(extra) != tlog.StoredHashCount(n) {
		e.t.Fatalf("log_hashes has %d rows, want %d", extra, tlog.StoredHashCount(n))
	}
	got, err := tlog.TreeHash(n, e.s)
	must(e.t, err)
	want, err := tlog.TreeHash(n, mem)
	must(e.t, err)
	if got != want {
		e.t.Fatalf("tree hash over the store %s, recomputed %s", got, want)
	}
}

func testSequenceLog(e *env) {
	f := newReqFixture(e)
	n := ledgerWorld(e, f)
	if _, err := e.s.LedgerIndex(e.ctx, 1, 1); schakel.ErrorCode(err) != schakel.ENOTFOUND {
		e.t.Fatalf("an event is in the log before sequencing: %v", err)
	}
	// Batches of 2: the batch's own hashes are read back from memory.
	total := 0
	for {
		got, err := e.s.SequenceLedger(e.ctx, 2)
		must(e.t, err)
		total += got
		if got < 2 {
			break
		}
	}
	if total != n {
		e.t.Fatalf("appended %d, want %d", total, n)
	}
	wantLedger(e)
	if got, err := e.s.SequenceLedger(e.ctx, 0); err != nil || got != 0 {
		e.t.Fatalf("nothing pending, but SequenceLedger appended %d (%v)", got, err)
	}

	// Sequencers racing writers: each event once, no gaps.
	var wg sync.WaitGroup
	stop := make(chan struct{})
	var mu sync.Mutex
	appended := 0
	for range 4 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for {
				// Whether the writes were done before this call began:
				// only then does an empty call mean nothing is left. (A
				// call that began earlier can share its commit with the
				// last write and be answered after it.)
				last := false
				select {
				case <-stop:
					last = true
				default:
				}
				got, err := e.s.SequenceLedger(e.ctx, 3)
				if err != nil {
					e.t.Error(err)
					return
				}
				mu.Lock()
				appended += got
				mu.Unlock()
				if last && got == 0 {
					return
				}
			}
		}()
	}
	more := 0
	for i := range 10 {
		r := f.brake(e, fmt.Sprintf("Race %d", i))
		apply(e, r)(f.eng.Acknowledge(r, user(f.coord), e.clock.Now()))
		more += 2
	}
	close(stop)
	wg.Wait()
	if appended != more {
		e.t.Fatalf("racing sequencers appended %d, want %d", appended, more)
	}
	wantLedger(e)

	// An event written before the log existed has no log entry; the
	// sequencer appends the projection of the stored request and event.
	r := f.brake(e, "Oud")
	must(e.t, e.rawExec(`INSERT INTO request_events (request_id, seq, type, at, actor_kind, actor_user_id, state, rung, data)
		VALUES (?, 2, 'ontvangst-bevestigd', ?, 'gebruiker', ?, 'ontvangen', 0, '{}')`, r.ID, e.clock.Now(), f.coord.ID))
	got, err := e.s.SequenceLedger(e.ctx, 10)
	must(e.t, err)
	if got != 2 {
		e.t.Fatalf("appended %d, want the creation and the old event", got)
	}
	idx, err := e.s.LedgerIndex(e.ctx, r.ID, 2)
	must(e.t, err)
	old, err := e.s.LedgerEntries(e.ctx, idx, idx+1)
	must(e.t, err)
	if want := e.projection(r.ID, 2); len(old) != 1 || !bytes.Equal(old[0], want) {
		e.t.Fatalf("old event appended as %q, want %q", old, want)
	}
	wantLedger(e)

	// An outbox row for an event already in the log (a restored database)
	// or for no event is dropped, never appended.
	var logged int64
	must(e.t, e.s.DB().QueryRowContext(e.ctx, "SELECT MIN(id) FROM request_events").Scan(&logged))
	must(e.t, e.rawExec("INSERT INTO log_outbox (event_id) VALUES (?), (?)", logged, 999999))
	got, err = e.s.SequenceLedger(e.ctx, 10)
	must(e.t, err)
	if got != 0 || e.count("log_outbox") != 0 {
		e.t.Fatalf("appended %d, %d outbox rows left", got, e.count("log_outbox"))
	}
	wantLedger(e)
}

// sequenced builds a small log and sequences it, returning its size.
func sequenced(e *env) int64 {
	e.t.Helper()
	f := newReqFixture(e)
	n := ledgerWorld(e, f)
	got, err := e.s.SequenceLedger(e.ctx, 0)
	must(e.t, err)
	if got != n {
		e.t.Fatalf("appended %d of %d", got, n)
	}
	return int64(n)
}

func testLedgerSize(e *env) {
	size, err := e.s.LedgerSize(e.ctx)
	must(e.t, err)
	if size != 0 {
		e.t.Fatalf("a new log has size %d", size)
	}
	n := sequenced(e)
	size, err = e.s.LedgerSize(e.ctx)
	must(e.t, err)
	if size != n {
		e.t.Fatalf("size %d, want %d", size, n)
	}
}

func testReadHashes(e *env) {
	n := sequenced(e)
	count := tlog.StoredHashCount(n)
	// In the order asked, repeats included, with one query.
	idx := []int64{count - 1, 0, 2, 0}
	got, err := e.s.ReadHashes(idx)
	must(e.t, err)
	entries, err := e.s.LedgerEntries(e.ctx, 0, 1)
	must(e.t, err)
	if len(got) != 4 || got[1] != tlog.RecordHash(entries[0]) || got[3] != got[1] {
		e.t.Fatalf("ReadHashes(%v) = %v", idx, got)
	}
	if got, err := e.s.ReadHashes(nil); err != nil || len(got) != 0 {
		e.t.Fatalf("ReadHashes(nil) = %v, %v", got, err)
	}
	if _, err := e.s.ReadHashes([]int64{0, count}); err == nil {
		e.t.Fatal("ReadHashes of a hash not stored succeeded")
	}
	// The hash table is append-only.
	if err := e.rawExec("UPDATE log_hashes SET hash = ? WHERE id = 0", make([]byte, 32)); err == nil {
		e.t.Fatal("a stored hash was changed")
	}
	if err := e.rawExec("DELETE FROM log_hashes WHERE id = 0"); err == nil {
		e.t.Fatal("a stored hash was deleted")
	}
}

func testLedgerHashReader(e *env) {
	n := sequenced(e)
	root, err := tlog.TreeHash(n, e.s.LedgerHashReader(e.ctx))
	must(e.t, err)
	want, err := tlog.TreeHash(n, e.s)
	must(e.t, err)
	if root != want {
		e.t.Fatalf("LedgerHashReader root %s, ReadHashes root %s", root, want)
	}
	ctx, cancel := context.WithCancel(e.ctx)
	cancel()
	if _, err := e.s.LedgerHashReader(ctx).ReadHashes([]int64{0}); err == nil {
		e.t.Fatal("a cancelled context read hashes")
	}
}

func testLedgerEntries(e *env) {
	n := sequenced(e)
	all, err := e.s.LedgerEntries(e.ctx, 0, n)
	must(e.t, err)
	if int64(len(all)) != n {
		e.t.Fatalf("%d entries, want %d", len(all), n)
	}
	mid, err := e.s.LedgerEntries(e.ctx, 1, 3)
	must(e.t, err)
	if len(mid) != 2 || !bytes.Equal(mid[0], all[1]) || !bytes.Equal(mid[1], all[2]) {
		e.t.Fatalf("LedgerEntries(1, 3) = %q", mid)
	}
	// Beyond the end: what there is.
	tail, err := e.s.LedgerEntries(e.ctx, n-1, n+10)
	must(e.t, err)
	if len(tail) != 1 || !bytes.Equal(tail[0], all[n-1]) {
		e.t.Fatalf("LedgerEntries past the end = %q", tail)
	}
	if none, err := e.s.LedgerEntries(e.ctx, 2, 2); err != nil || len(none) != 0 {
		e.t.Fatalf("empty range: %q, %v", none, err)
	}
	_, err = e.s.LedgerEntries(e.ctx, 3, 2)
	wantCode(e.t, err, schakel.EINVALID)
	for i, d := range all {
		ent, err := ledger.Decode(d)
		must(e.t, err)
		idx, err := e.s.LedgerIndex(e.ctx, ent.RequestID, ent.Seq)
		must(e.t, err)
		if idx != int64(i) {
			e.t.Fatalf("entry %d is event %d/%d, whose index is %d", i, ent.RequestID, ent.Seq, idx)
		}
	}
	// The entries are append-only.
	if err := e.rawExec("UPDATE log_entries SET data = ? WHERE idx = 0", []byte("{}")); err == nil {
		e.t.Fatal("an entry was changed")
	}
	if err := e.rawExec("DELETE FROM log_entries WHERE idx = ?", n-1); err == nil {
		e.t.Fatal("an entry was deleted")
	}
}

func testLedgerIndex(e *env) {
	f := newReqFixture(e)
	a := f.brake(e, "Eerste")
	b := f.brake(e, "Tweede")
	_, err := e.s.LedgerIndex(e.ctx, a.ID, 1)
	wantCode(e.t, err, schakel.ENOTFOUND)
	_, err = e.s.SequenceLedger(e.ctx, 0)
	must(e.t, err)
	for want, r := range []*schakel.Request{a, b} {
		idx, err := e.s.LedgerIndex(e.ctx, r.ID, 1)
		must(e.t, err)
		if idx != int64(want) {
			e.t.Fatalf("request %d at %d, want %d", r.ID, idx, want)
		}
	}
	_, err = e.s.LedgerIndex(e.ctx, a.ID, 2)
	wantCode(e.t, err, schakel.ENOTFOUND)
}

func testSaveCheckpoint(e *env) {
	n := sequenced(e)
	signer := TestSigner(e.t)
	root, err := tlog.TreeHash(n, e.s)
	must(e.t, err)
	note, err := signer.Sign(n, root)
	must(e.t, err)
	must(e.t, e.s.SaveCheckpoint(e.ctx, n, note))
	// Again: the same note is a no-op (Ed25519 is deterministic, so two
	// instances signing the same size make the same note).
	again, err := signer.Sign(n, root)
	must(e.t, err)
	must(e.t, e.s.SaveCheckpoint(e.ctx, n, again))
	// Another note for the same size is a fork.
	other, err := TestSigner(e.t).Sign(n, root)
	must(e.t, err)
	wantCode(e.t, e.s.SaveCheckpoint(e.ctx, n, other), schakel.ECONFLICT)
	wantCode(e.t, e.s.SaveCheckpoint(e.ctx, -1, note), schakel.EINVALID)
	wantCode(e.t, e.s.SaveCheckpoint(e.ctx, n+1, nil), schakel.EINVALID)
	got, err := e.s.CheckpointAt(e.ctx, n)
	must(e.t, err)
	if !bytes.Equal(got, note) {
		e.t.Fatalf("stored %q, want %q", got, note)
	}
	cp, err := ledger.OpenCheckpoint(got, signer.VerifierKey(), TestOrigin)
	must(e.t, err)
	if cp.Size != n || cp.Root != root {
		e.t.Fatalf("checkpoint %v, want size %d root %s", cp, n, root)
	}
	// Checkpoints are append-only.
	if err := e.rawExec("UPDATE log_checkpoints SET note = ? WHERE size = ?", other, n); err == nil {
		e.t.Fatal("a checkpoint was changed")
	}
	if err := e.rawExec("DELETE FROM log_checkpoints WHERE size = ?", n); err == nil {
		e.t.Fatal("a checkpoint was deleted")
	}
}

func testLatestCheckpoint(e *env) {
	_, _, err := e.s.LatestCheckpoint(e.ctx)
	wantCode(e.t, err, schakel.ENOTFOUND)
	n := sequenced(e)
	signer := TestSigner(e.t)
	notes := map[int64][]byte{}
	// Saved out of order, as two instances may: the latest is the largest.
	for _, size := range []int64{n, 1, n - 1} {
		root, err := tlog.TreeHash(size, e.s)
		must(e.t, err)
		notes[size], err = signer.Sign(size, root)
		must(e.t, err)
		must(e.t, e.s.SaveCheckpoint(e.ctx, size, notes[size]))
	}
	size, note, err := e.s.LatestCheckpoint(e.ctx)
	must(e.t, err)
	if size != n || !bytes.Equal(note, notes[n]) {
		e.t.Fatalf("latest is size %d, want %d", size, n)
	}
	// A verifier given only what the store serves accepts the log, and each
	// entry is included.
	fetch := LedgerFetcher(e.ctx, e.s)
	var seen []int64
	v := &ledger.Verifier{Fetch: fetch, VerifierKey: signer.VerifierKey(), Origin: TestOrigin,
		Entry: func(i int64, _ []byte) error { seen = append(seen, i); return nil }}
	rep, err := v.Verify(e.ctx)
	must(e.t, err)
	if rep.Entries != n || rep.Checkpoint.Size != n || int64(len(seen)) != n || !slices.IsSorted(seen) {
		e.t.Fatalf("verified %d entries of %d: %s", rep.Entries, n, rep)
	}
	cp, err := ledger.OpenCheckpoint(note, signer.VerifierKey(), TestOrigin)
	must(e.t, err)
	entries, err := e.s.LedgerEntries(e.ctx, 0, n)
	must(e.t, err)
	for i, d := range entries {
		must(e.t, ledger.CheckInclusion(d, int64(i), cp, fetch))
	}
}

func testCheckpointAt(e *env) {
	_, err := e.s.CheckpointAt(e.ctx, 0)
	wantCode(e.t, err, schakel.ENOTFOUND)
	signer := TestSigner(e.t)
	empty, err := tlog.TreeHash(0, e.s)
	must(e.t, err)
	note, err := signer.Sign(0, empty)
	must(e.t, err)
	must(e.t, e.s.SaveCheckpoint(e.ctx, 0, note))
	got, err := e.s.CheckpointAt(e.ctx, 0)
	must(e.t, err)
	if !bytes.Equal(got, note) {
		e.t.Fatalf("CheckpointAt(0) = %q", got)
	}
	_, err = e.s.CheckpointAt(e.ctx, 1)
	wantCode(e.t, err, schakel.ENOTFOUND)
}
