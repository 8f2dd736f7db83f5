package storetest

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/schakel-nl/schakel"
	"github.com/schakel-nl/schakel/ledger"
)

func init() {
	tests["CorrectPrecedent"] = testCorrectPrecedent
	tests["WithdrawPrecedent"] = testWithdrawPrecedent
	tests["PrecedentChanges"] = testPrecedentChanges
	tests["Migrate (publications of before the register's changes)"] = testMigrateBackfill
	tests["WithdrawPrecedent (texts gone from the file)"] = testWithdrawPurges
}

// searchIDs returns the ids of the published cases a full-text query finds.
func searchIDs(e *env, query string) []int64 {
	e.t.Helper()
	ps, _, err := e.s.Precedents(e.ctx, schakel.PrecedentFilter{Query: query})
	must(e.t, err)
	var ids []int64
	for _, p := range ps {
		ids = append(ids, p.CaseID)
	}
	return ids
}

func testCorrectPrecedent(e *env) {
	f := newCaseFixture(e)
	c := f.newCase(e, f.uwv, "Voorschot bij de bakker")
	p := f.decideAndPublish(e, c, schakel.OutcomeMaatwerk, e.clock.Now())
	first := p.Digest
	if first == "" || first != p.ComputeDigest() {
		e.t.Fatalf("published digest %q, want %q", first, p.ComputeDigest())
	}
	// The reviewer hides "Mevrouw" and a word of the summary.
	e.clock.Advance(24 * time.Hour)
	fixed := *p
	fixed.Summary = "[weggelakt] [naam 1] moet € 4.000 terugbetalen."
	fixed.Weighings = []schakel.Weighing{{Principle: "evenredigheid", How: "[weggelakt]"}}
	ch := &schakel.PrecedentChange{At: e.clock.Now(), Reason: "Aanhef kon iemand aanwijzen.", UserID: f.coord.ID}
	wantCode(e.t, e.s.CorrectPrecedent(e.ctx, 2, &fixed, ch), schakel.ECONFLICT) // stale version
	must(e.t, e.s.CorrectPrecedent(e.ctx, 3, &fixed, ch))
	got, err := e.s.Precedent(e.ctx, c.ID)
	must(e.t, err)
	if got.Summary != fixed.Summary || got.Weighings[0].How != "[weggelakt]" || got.Digest != fixed.ComputeDigest() || got.Digest == first ||
		!got.CorrectedAt.Equal(e.clock.Now()) || got.Title != p.Title {
		e.t.Fatalf("corrected precedent %+v", got)
	}
	if ch.Seq != 2 || ch.Kind != schakel.PrecedentCorrected || ch.Digest != got.Digest || ch.OrganisationID != f.uwv.ID {
		e.t.Fatalf("change %+v", ch)
	}
	// The old wording is gone from the full-text index, the new is there.
	if ids := searchIDs(e, "Mevrouw"); len(ids) != 0 {
		e.t.Fatalf("search for a corrected word finds %v", ids)
	}
	if ids := searchIDs(e, "bakker"); len(ids) != 1 || ids[0] != c.ID {
		e.t.Fatalf("search for the title finds %v", ids)
	}
	cs, err := e.s.Case(e.ctx, c.ID)
	must(e.t, err)
	evs, err := e.s.CaseEvents(e.ctx, c.ID)
	must(e.t, err)
	last := evs[len(evs)-1]
	if cs.State != schakel.CasePublished || cs.Version != 4 || last.Type != schakel.CaseEventCorrected || last.UserID != f.coord.ID {
		e.t.Fatalf("case %s v%d, last event %+v", cs.State, cs.Version, last)
	}
	// A case that is not published cannot be corrected: nothing is written.
	d := f.newCase(e, f.uwv, "Niet gepubliceerd")
	fixed.CaseID = d.ID
	wantCode(e.t, e.s.CorrectPrecedent(e.ctx, 1, &fixed, &schakel.PrecedentChange{At: e.clock.Now(), Reason: "x"}), schakel.ECONFLICT)
	if got, _ := e.s.Case(e.ctx, d.ID); got.State != schakel.CaseSubmitted || got.Version != 1 {
		e.t.Fatalf("refused correction changed the case: %s v%d", got.State, got.Version)
	}
}

func testWithdrawPrecedent(e *env) {
	f := newCaseFixture(e)
	c := f.newCase(e, f.uwv, "Voorschot bij de slager")
	p := f.decideAndPublish(e, c, schakel.OutcomeMaatwerk, e.clock.Now())
	keep := f.newCase(e, f.uwv, "Voorschot bij de visboer")
	f.decideAndPublish(e, keep, schakel.OutcomeMaatwerk, e.clock.Now())
	e.clock.Advance(48 * time.Hour)
	ch := &schakel.PrecedentChange{CaseID: c.ID, At: e.clock.Now(), Reason: "De situatie was herkenbaar.", UserID: f.coord.ID}
	wantCode(e.t, e.s.WithdrawPrecedent(e.ctx, 2, ch), schakel.ECONFLICT)
	must(e.t, e.s.WithdrawPrecedent(e.ctx, 3, ch))
	if ch.Digest != p.Digest || ch.Kind != schakel.PrecedentWithdrawn || ch.OrganisationID != f.uwv.ID || ch.Seq != 2 {
		e.t.Fatalf("withdrawal %+v, published digest %s", ch, p.Digest)
	}
	_, err := e.s.Precedent(e.ctx, c.ID)
	wantCode(e.t, err, schakel.ENOTFOUND)
	if ids := searchIDs(e, "slager"); len(ids) != 0 {
		e.t.Fatalf("the withdrawn case is still found: %v", ids)
	}
	if ids := searchIDs(e, "visboer"); len(ids) != 1 || ids[0] != keep.ID {
		e.t.Fatalf("the other case: %v", ids)
	}
	similar, err := e.s.SimilarCandidates(e.ctx, "voorschot slager", c.RuleRefs, []string{"evenredigheid"}, 10)
	must(e.t, err)
	for _, s := range similar {
		if s.CaseID == c.ID {
			e.t.Fatal("a withdrawn case is still a similar candidate")
		}
	}
	if e.s.Dialect() == "postgres" {
		// The document frequencies count the withdrawn words out.
		var n int
		must(e.t, e.s.DB().QueryRowContext(e.ctx, `SELECT COALESCE(SUM(n), 0) FROM precedent_terms
			WHERE term IN (SELECT lexeme FROM unnest(to_tsvector('dutch', 'slager visboer')))`).Scan(&n))
		if n != 1 {
			e.t.Fatalf("precedent_terms counts %d of slager and visboer, want 1 (visboer)", n)
		}
	}
	got, err := e.s.Case(e.ctx, c.ID)
	must(e.t, err)
	if got.State != schakel.CasePublicationWithdrawn || got.Version != 4 {
		e.t.Fatalf("case %s v%d", got.State, got.Version)
	}
	wantCaseEntries(e, ch, p.Digest, []string{fmt.Sprintf("%d/1 gepubliceerd", c.ID), fmt.Sprintf("%d/1 gepubliceerd", keep.ID), fmt.Sprintf("%d/2 ingetrokken", c.ID)})
	// Withdrawn once: again, or a correction after it, is refused.
	wantCode(e.t, e.s.WithdrawPrecedent(e.ctx, 4, ch), schakel.ECONFLICT)
	wantCode(e.t, e.s.CorrectPrecedent(e.ctx, 4, p, &schakel.PrecedentChange{At: e.clock.Now(), Reason: "x"}), schakel.ECONFLICT)
	// The register of changes is append-only.
	if _, err := e.s.DB().ExecContext(e.ctx, "UPDATE precedent_changes SET reason = 'x'"); err == nil {
		e.t.Fatal("a change of the register was edited")
	}
	if _, err := e.s.DB().ExecContext(e.ctx, "DELETE FROM precedent_changes"); err == nil {
		e.t.Fatal("changes of the register were deleted")
	}
}

func testPrecedentChanges(e *env) {
	f := newCaseFixture(e)
	a := f.newCase(e, f.uwv, "Eerste")
	pa := f.decideAndPublish(e, a, schakel.OutcomeMaatwerk, e.clock.Now())
	e.clock.Advance(time.Hour)
	b := f.newCase(e, f.svb, "Tweede")
	f.decideAndPublish(e, b, schakel.OutcomeNo, e.clock.Now())
	e.clock.Advance(24 * time.Hour)
	must(e.t, e.s.WithdrawPrecedent(e.ctx, 3, &schakel.PrecedentChange{CaseID: a.ID, At: e.clock.Now(), Reason: "Herkenbaar.", UserID: f.coord.ID}))
	all, total, err := e.s.PrecedentChanges(e.ctx, schakel.PrecedentChangeFilter{})
	must(e.t, err)
	var kinds []string
	for _, ch := range all {
		kinds = append(kinds, string(ch.Kind))
	}
	// Newest first: a's withdrawal (+25h), b's publication (+2h), a's (+1h).
	if total != 3 || strings.Join(kinds, ",") != "ingetrokken,gepubliceerd,gepubliceerd" || all[0].CaseID != a.ID || all[0].Reason != "Herkenbaar." ||
		all[0].Digest != pa.Digest || all[2].Digest != pa.Digest || all[1].OrganisationID != f.svb.ID || all[0].UserID != f.coord.ID {
		e.t.Fatalf("changes (%d) %+v", total, all)
	}
	one, total, err := e.s.PrecedentChanges(e.ctx, schakel.PrecedentChangeFilter{CaseID: b.ID})
	must(e.t, err)
	if total != 1 || len(one) != 1 || one[0].Kind != schakel.PrecedentPublished || one[0].Seq != 1 {
		e.t.Fatalf("changes of b (%d) %+v", total, one)
	}
	page, total, err := e.s.PrecedentChanges(e.ctx, schakel.PrecedentChangeFilter{Offset: 1, Limit: 1})
	must(e.t, err)
	if total != 3 || len(page) != 1 || page[0].CaseID != b.ID {
		e.t.Fatalf("second page (%d) %+v", total, page)
	}
}

// wantCaseEntries sequences the log and checks that it takes the
// register's changes, each once, as version 2 entries (case/seq event, in
// order), and that the entry of the change ch has the digest of the
// withdrawn version, the hash of its public reason and its organisation.
func wantCaseEntries(e *env, ch *schakel.PrecedentChange, digest string, want []string) {
	e.t.Helper()
	n, err := e.s.SequenceLedger(e.ctx, 0)
	must(e.t, err)
	size, err := e.s.LedgerSize(e.ctx)
	must(e.t, err)
	entries, err := e.s.LedgerEntries(e.ctx, 0, size)
	must(e.t, err)
	var events []string
	for _, data := range entries {
		ce, err := ledger.DecodeCase(data)
		if err != nil {
			continue
		}
		events = append(events, fmt.Sprintf("%d/%d %s", ce.CaseID, ce.Seq, ce.Event))
		if ce.CaseID == ch.CaseID && ce.Seq == ch.Seq && (ce.DigestSHA256 != digest || ce.ReasonSHA256 != ledger.TextHash(ch.Reason) || ce.Organisation != ch.OrganisationID) {
			e.t.Fatalf("the entry of change %d of case %d: %+v", ch.Seq, ch.CaseID, ce)
		}
	}
	if n != len(want) || fmt.Sprint(events) != fmt.Sprint(want) {
		e.t.Fatalf("appended %d, case entries %v, want %v", n, events, want)
	}
	if n, err := e.s.SequenceLedger(e.ctx, 0); err != nil || n != 0 {
		e.t.Fatalf("a second round appended %d (%v)", n, err)
	}
}

// testMigrateBackfill: a publication from before the register kept its
// changes (no digest, no change) gets its digest and its first change,
// queued for the log, when the store is migrated; a second migration
// changes nothing.
func testMigrateBackfill(e *env) {
	f := newCaseFixture(e)
	c := f.newCase(e, f.uwv, "Gepubliceerd voor de wijzigingen")
	p := f.decideAndPublish(e, c, schakel.OutcomeMaatwerk, e.clock.Now())
	// Make it look like a publication of before migration 00010: the
	// register's change and its queue entry gone, the digest empty.
	for _, q := range []string{"DELETE FROM log_outbox_cases", "UPDATE precedents SET digest = ''"} {
		if _, err := e.s.DB().ExecContext(e.ctx, q); err != nil {
			e.t.Fatal(err)
		}
	}
	dropChangeGuards(e)
	if _, err := e.s.DB().ExecContext(e.ctx, "DELETE FROM precedent_changes"); err != nil {
		e.t.Fatal(err)
	}
	for range 2 {
		if _, err := e.s.Migrate(e.ctx); err != nil {
			e.t.Fatal(err)
		}
	}
	got, err := e.s.Precedent(e.ctx, c.ID)
	must(e.t, err)
	chs, total, err := e.s.PrecedentChanges(e.ctx, schakel.PrecedentChangeFilter{CaseID: c.ID})
	must(e.t, err)
	if got.Digest != p.ComputeDigest() || total != 1 || chs[0].Kind != schakel.PrecedentPublished || chs[0].Digest != got.Digest ||
		!chs[0].At.Equal(p.PublishedAt) {
		e.t.Fatalf("after the migration: digest %q, changes (%d) %+v", got.Digest, total, chs)
	}
	wantCaseEntries(e, chs[0], got.Digest, []string{fmt.Sprintf("%d/1 gepubliceerd", c.ID)})
}

// dropChangeGuards drops the append-only trigger of precedent_changes, as
// a test of old data must.
func dropChangeGuards(e *env) {
	e.t.Helper()
	qs := []string{"DROP TRIGGER precedent_changes_no_delete"}
	if e.s.Dialect() == "postgres" {
		qs = []string{"DROP TRIGGER precedent_changes_append_only ON precedent_changes"}
	}
	for _, q := range qs {
		if _, err := e.s.DB().ExecContext(e.ctx, q); err != nil {
			e.t.Fatal(err)
		}
	}
}

// testWithdrawPurges: on SQLite, a withdrawn publication's words are gone
// from the database file and its write-ahead log, not only from the
// tables (secure_delete, the full-text index merged, the log truncated).
// On PostgreSQL dead rows wait for VACUUM; there the rows must be gone.
func testWithdrawPurges(e *env) {
	f := newCaseFixture(e)
	c := f.newCase(e, f.uwv, "Voorschot")
	p := f.decideAndPublish(e, c, schakel.OutcomeMaatwerk, e.clock.Now())
	const word = "Xylofoonkwestie"
	fixed := *p
	fixed.Summary = "Mevrouw [naam 1] speelde in de " + word + " mee."
	must(e.t, e.s.CorrectPrecedent(e.ctx, 3, &fixed, &schakel.PrecedentChange{At: e.clock.Now(), Reason: "Test.", UserID: f.coord.ID}))
	must(e.t, e.s.WithdrawPrecedent(e.ctx, 4, &schakel.PrecedentChange{CaseID: c.ID, At: e.clock.Now(), Reason: "Herkenbaar.", UserID: f.coord.ID}))
	var n int
	must(e.t, e.s.DB().QueryRowContext(e.ctx, fmt.Sprintf("SELECT COUNT(*) FROM precedents WHERE case_id = %d", c.ID)).Scan(&n))
	if n != 0 {
		e.t.Fatal("the withdrawn publication is still a row")
	}
	if e.s.Dialect() != "sqlite" {
		return
	}
	var seq int
	var name, path string
	must(e.t, e.s.DB().QueryRowContext(e.ctx, "PRAGMA database_list").Scan(&seq, &name, &path))
	for _, file := range []string{path, path + "-wal"} {
		b, err := os.ReadFile(file)
		if err != nil && !os.IsNotExist(err) {
			e.t.Fatal(err)
		}
		if bytes.Contains(bytes.ToLower(b), []byte(strings.ToLower(word))) {
			e.t.Errorf("%s still holds the withdrawn word %q", filepath.Base(file), word)
		}
	}
}
