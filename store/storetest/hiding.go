package storetest

import (
	"bytes"
	"errors"
	"strings"
	"time"

	"github.com/schakel-nl/schakel"
	"github.com/schakel-nl/schakel/ledger"
)

func init() { tests["HidingCommitments"] = testHidingCommitments }

// testHidingCommitments: a request whose subject is short and guessable
// (a brake's "Besluit " and the decision's reference) and whose reason is
// one word is logged with hiding commitments (format version 5): hashing
// a guess — or the right text — matches nothing in the public entry, while
// the text with its opening, derived from the seed the store keeps beside
// the texts, checks. Erasing the request's texts erases the seeds on both
// stores, the entries stay as logged, and the trigger lets a seed be set
// to NULL only for an erased request.
func testHidingCommitments(e *env) {
	f := newReqFixture(e)
	const subject, reason = "Besluit 2026-000123", "Opgelost."
	r := f.brake(e, subject)
	e.clock.Advance(time.Hour)
	r = apply(e, r)(f.eng.Withdraw(r, user(f.burger), reason, e.clock.Now()))
	open := f.brake(e, "Besluit 2026-000124")
	if _, err := e.s.SequenceLedger(e.ctx, 0); err != nil {
		e.t.Fatal(err)
	}
	logged, evs := wantHidingEntries(e, r, subject, reason)
	seeds := [][]byte{evs[0].CommitSeed, evs[len(evs)-1].CommitSeed}
	if bytes.Equal(seeds[0], seeds[1]) {
		e.t.Fatal("two events have one seed")
	}
	if err := logged[1].CheckText(ledger.LabelSubject, subject, ledger.Opening(seeds[0], ledger.LabelSubject)); err != nil {
		e.t.Fatalf("the subject with its opening: %v", err)
	}
	last := logged[r.Version]
	if err := last.CheckText(ledger.LabelReason, reason, ledger.Opening(seeds[1], ledger.LabelReason)); err != nil {
		e.t.Fatalf("the reason with its opening: %v", err)
	}
	if err := last.CheckText(ledger.LabelReason, "Ingetrokken.", ledger.Opening(seeds[1], ledger.LabelReason)); !errors.Is(err, ledger.ErrTextMismatch) {
		e.t.Fatalf("a wrong reason: %v", err)
	}
	wantHidingErased(e, r, open, logged, seeds[0])
}

// wantHidingEntries fails unless every event of r has a seed and is logged
// as the version 5 entry projected with it, in which no guess of subject
// or reason, hashed, is found; it returns the decoded entries by seq and
// the events.
func wantHidingEntries(e *env, r *schakel.Request, subject, reason string) (map[int]ledger.Entry, []*schakel.Event) {
	e.t.Helper()
	evs, err := e.s.Events(e.ctx, r.ID)
	must(e.t, err)
	logged := map[int]ledger.Entry{}
	for _, ev := range evs {
		if len(ev.CommitSeed) != ledger.SeedSize {
			e.t.Fatalf("event %d has a seed of %d bytes", ev.Seq, len(ev.CommitSeed))
		}
		idx, err := e.s.LedgerIndex(e.ctx, r.ID, ev.Seq)
		must(e.t, err)
		data, err := e.s.LedgerEntries(e.ctx, idx, idx+1)
		must(e.t, err)
		ent, err := ledger.Decode(data[0])
		must(e.t, err)
		if ent.Version != ledger.HidingVersion || !bytes.Equal(data[0], ledger.Project(r, ev).Encode()) {
			e.t.Fatalf("event %d is logged as %s", ev.Seq, data[0])
		}
		// The guesses, and the texts themselves, hashed: nowhere.
		for _, guess := range []string{subject, "Besluit 2026-000122", reason} {
			if bytes.Contains(data[0], []byte(ledger.TextHash(guess))) {
				e.t.Fatalf("the SHA-256 of %q is in the public entry %s", guess, data[0])
			}
		}
		logged[ev.Seq] = ent
	}
	return logged, evs
}

// wantHidingErased erases the texts of the ended request r and fails
// unless its seeds, and only its, are gone, its entries stay as logged
// and recompute, masked, to what was logged, and the trigger refused a
// seed erased before the texts, put back after, or changed on the open
// request.
func wantHidingErased(e *env, r, open *schakel.Request, logged map[int]ledger.Entry, seed []byte) {
	e.t.Helper()
	// Before erasure no seed may go.
	if err := e.rawExec("UPDATE request_events SET commit_seed = NULL WHERE request_id = ?", r.ID); err == nil || !strings.Contains(err.Error(), "append-only") {
		e.t.Fatalf("a seed erased before the texts: %v", err)
	}
	entriesBefore := e.eventEntries()
	e.clock.Advance(24 * time.Hour)
	must(e.t, e.s.EraseRequestTexts(e.ctx, r.ID, "Op verzoek van de betrokkene."))
	evs, err := e.s.Events(e.ctx, r.ID)
	must(e.t, err)
	for _, ev := range evs {
		if ev.CommitSeed != nil {
			e.t.Fatalf("event %d keeps its seed after erasure", ev.Seq)
		}
	}
	var left, openLeft int
	must(e.t, e.s.DB().QueryRowContext(e.ctx, e.rebind("SELECT COUNT(*) FROM request_events WHERE request_id = ? AND commit_seed IS NOT NULL"), r.ID).Scan(&left))
	must(e.t, e.s.DB().QueryRowContext(e.ctx, e.rebind("SELECT COUNT(*) FROM request_events WHERE request_id = ? AND commit_seed IS NOT NULL"), open.ID).Scan(&openLeft))
	if left != 0 || openLeft != 1 {
		e.t.Fatalf("seeds left: %d of the erased request, %d of the open one (want 0 and 1)", left, openLeft)
	}
	if got := e.eventEntries(); len(got) != len(entriesBefore) || !bytes.Equal(got[0].entry, entriesBefore[0].entry) {
		e.t.Fatal("the log entries changed with the erasure")
	}
	// What is left recomputes, masked, to what was logged.
	rNow, err := e.s.Request(e.ctx, r.ID)
	must(e.t, err)
	for _, ev := range evs {
		now := ledger.Project(rNow, ev)
		if now.Version != ledger.Version || !bytes.Equal(now.WithoutTextHashes().Encode(), logged[ev.Seq].WithoutTextHashes().Encode()) {
			e.t.Fatalf("event %d after erasure projects to %s", ev.Seq, now.Encode())
		}
	}
	// A seed cannot come back, nor be changed.
	if err := e.rawExec("UPDATE request_events SET commit_seed = ? WHERE request_id = ?", seed, r.ID); err == nil || !strings.Contains(err.Error(), "append-only") {
		e.t.Fatalf("a seed put back after erasure: %v", err)
	}
	if err := e.rawExec("UPDATE request_events SET commit_seed = ? WHERE request_id = ?", seed, open.ID); err == nil || !strings.Contains(err.Error(), "append-only") {
		e.t.Fatalf("an open request's seed changed: %v", err)
	}
	wantLedger(e)
}
