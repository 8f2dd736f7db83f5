package storetest

import (
	"reflect"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/schakel-nl/schakel"
)

func init() {
	tests["EraseCaseTexts"] = testEraseCaseTexts
	tests["CaseErasures"] = testCaseErasures
	tests["EraseRequestTexts (brake)"] = testEraseBrakeTexts
}

// caseErasureWorld stores a case with every kind of text, deliberated,
// decided with a signal and published; and a case still in deliberation
// with the same texts.
func caseErasureWorld(e *env, f *caseFixture) (published, open *schakel.Case) {
	e.t.Helper()
	c := f.newCase(e, f.uwv, "WIA-voorschot van mevrouw Jansen")
	now := e.clock.Now()
	must(e.t, e.s.Invite(e.ctx, 1, &schakel.Invitation{CaseID: c.ID, Perspective: schakel.PerspectiveLegal, UserID: f.j.ID, InvitedBy: f.coord.ID, At: now}))
	must(e.t, e.s.AddView(e.ctx, 2, &schakel.View{CaseID: c.ID, Perspective: schakel.PerspectiveLegal, UserID: f.j.ID, Text: "Voor mevrouw Jansen biedt Awb 4:84 ruimte.", At: now}))
	e.clock.Advance(24 * time.Hour)
	decided := e.clock.Now()
	must(e.t, e.s.Decide(e.ctx, 3, &schakel.Decision{CaseID: c.ID, Outcome: schakel.OutcomeMaatwerk, LegalGround: "awb-4:84",
		LegalGroundText: "Bijzondere omstandigheden van mevrouw Jansen.", Explanation: "Mevrouw Jansen hoeft niet terug te betalen.",
		Weighings: []schakel.Weighing{{Principle: "evenredigheid", How: "Onevenredig voor mevrouw Jansen."}, {Principle: "zorgvuldigheid"}},
		CostCents: 400000, DecidedBy: f.coord.ID, At: decided,
		Signal: &schakel.Signal{OrganisationID: f.uwv.ID, Anchors: anchorsOf(c.RuleRefs), Proposal: "Zoals bij mevrouw Jansen: niet terugvorderen."}}))
	p := &schakel.Precedent{CaseID: c.ID, OrganisationID: f.uwv.ID, Title: "WIA-voorschot", Summary: "Mevrouw [naam 1] moet € 4.000 terugbetalen.",
		Intent: c.Intent, Harm: "Zij kon het niet weten.", RuleRefs: c.RuleRefs, Principles: []string{"evenredigheid"}, Outcome: schakel.OutcomeMaatwerk,
		Explanation: "[naam 1] hoeft niet terug te betalen.", DecidedAt: decided, PublishedAt: decided.Add(time.Hour), PublishedBy: f.coord.ID}
	must(e.t, e.s.Publish(e.ctx, 4, p))
	published, err := e.s.Case(e.ctx, c.ID)
	must(e.t, err)
	open = f.newCase(e, f.uwv, "Toeslag van meneer De Vries")
	must(e.t, e.s.AddView(e.ctx, 1, &schakel.View{CaseID: open.ID, Perspective: schakel.PerspectiveLegal, UserID: f.j.ID, Text: "Meneer De Vries heeft gelijk.", At: now}))
	return published, open
}

// caseTextsIn returns the rows of the tables holding case texts that
// contain s; the register (precedents) is not among them.
func (e *env) caseTextsIn(s string) []string {
	e.t.Helper()
	var found []string
	for _, q := range []string{
		"SELECT 'cases ' || id FROM cases WHERE title LIKE ? OR situation LIKE ? OR parties LIKE ? OR intent LIKE ? OR harm LIKE ?",
		"SELECT 'case_views ' || id FROM case_views WHERE text LIKE ?",
		"SELECT 'case_decisions ' || case_id FROM case_decisions WHERE legal_ground_text LIKE ? OR explanation LIKE ? OR weighings LIKE ?",
		"SELECT 'signals ' || id FROM signals WHERE proposal LIKE ?",
		"SELECT 'case_events ' || case_id || '/' || seq FROM case_events WHERE note LIKE ?",
	} {
		args := make([]any, strings.Count(q, "?"))
		for i := range args {
			args[i] = "%" + s + "%"
		}
		rows, err := e.s.DB().QueryContext(e.ctx, e.rebind(q), args...)
		must(e.t, err)
		for rows.Next() {
			var where string
			must(e.t, rows.Scan(&where))
			found = append(found, where)
		}
		must(e.t, rows.Err())
		rows.Close()
	}
	return found
}

// caseRecord is everything the store holds of a case but its precedent.
type caseRecord struct {
	Case     *schakel.Case
	Events   []*schakel.CaseEvent
	Views    []*schakel.View
	Decision *schakel.Decision
}

func (e *env) caseRecord(id int64) caseRecord {
	e.t.Helper()
	c, err := e.s.Case(e.ctx, id)
	must(e.t, err)
	evs, err := e.s.CaseEvents(e.ctx, id)
	must(e.t, err)
	views, err := e.s.Views(e.ctx, id)
	must(e.t, err)
	d, err := e.s.CaseDecision(e.ctx, id)
	if schakel.ErrorCode(err) != schakel.ENOTFOUND {
		must(e.t, err)
	}
	return caseRecord{c, evs, views, d}
}

// erasedCase returns r as it should read after the case's texts were
// erased: every text [gewist], every code, date and number as it was.
func erasedCase(r caseRecord) caseRecord {
	x := func(s string) string {
		if s == "" {
			return ""
		}
		return schakel.ErasedText
	}
	c := *r.Case
	c.Title, c.Situation, c.Intent, c.Harm = x(c.Title), x(c.Situation), x(c.Intent), x(c.Harm)
	c.Parties = slices.Clone(c.Parties)
	for i := range c.Parties {
		c.Parties[i] = x(c.Parties[i])
	}
	out := caseRecord{Case: &c}
	for _, ev := range r.Events {
		ev := *ev
		switch ev.Type {
		case schakel.CaseEventInvited, schakel.CaseEventView, schakel.CaseEventDecided:
		default:
			ev.Note = x(ev.Note)
		}
		out.Events = append(out.Events, &ev)
	}
	for _, v := range r.Views {
		v := *v
		v.Text = x(v.Text)
		out.Views = append(out.Views, &v)
	}
	if r.Decision != nil {
		d := *r.Decision
		d.LegalGroundText, d.Explanation = x(d.LegalGroundText), x(d.Explanation)
		d.Weighings = slices.Clone(d.Weighings)
		for i := range d.Weighings {
			d.Weighings[i].How = x(d.Weighings[i].How)
		}
		if d.Signal != nil {
			sig := *d.Signal
			sig.Proposal = x(sig.Proposal)
			d.Signal = &sig
		}
		out.Decision = &d
	}
	return out
}

func testEraseCaseTexts(e *env) {
	f := newCaseFixture(e)
	c, open := caseErasureWorld(e, f)
	before := e.caseRecord(c.ID)
	precedent, err := e.s.Precedent(e.ctx, c.ID)
	must(e.t, err)
	openBefore := e.caseRecord(open.ID)
	// The open case's situation (the fixture's) names her too.
	openOnly := []string{"cases " + strconv.FormatInt(open.ID, 10)}
	if got := e.caseTextsIn("Jansen"); len(got) < 5 {
		e.t.Fatalf("the world holds the name in %v only", got)
	}

	e.step("refused", func(e *env) {
		wantFields(e.t, e.s.EraseCaseTexts(e.ctx, c.ID, " \t"), "reden")
		wantCode(e.t, e.s.EraseCaseTexts(e.ctx, 999999, "Bewaartermijn verstreken."), schakel.ENOTFOUND)
		// A case in deliberation keeps its texts: it still awaits them.
		wantCode(e.t, e.s.EraseCaseTexts(e.ctx, open.ID, "Bewaartermijn verstreken."), schakel.ECONFLICT)
		if e.count("case_erasures") != 0 || !reflect.DeepEqual(e.caseRecord(c.ID), before) || !reflect.DeepEqual(e.caseRecord(open.ID), openBefore) {
			e.t.Fatal("a refused erasure changed something")
		}
	})

	e.step("erased", func(e *env) {
		e.clock.Advance(24 * time.Hour)
		erasedAt := e.clock.Now()
		must(e.t, e.s.EraseCaseTexts(e.ctx, c.ID, "  Verzoek van de betrokkene.  "))
		if got, want := e.caseRecord(c.ID), erasedCase(before); !reflect.DeepEqual(got, want) {
			e.t.Fatalf("after erasure:\n got %+v\nwant %+v", got, want)
		}
		if got := e.caseTextsIn("Jansen"); !slices.Equal(got, openOnly) {
			e.t.Fatalf("the name is still in %v", got)
		}
		// The register is public and was redacted before it was published:
		// the erasure leaves it as it was.
		if got, err := e.s.Precedent(e.ctx, c.ID); err != nil || !reflect.DeepEqual(got, precedent) {
			e.t.Fatalf("the precedent changed: %+v, %v", got, err)
		}
		if !reflect.DeepEqual(e.caseRecord(open.ID), openBefore) {
			e.t.Fatal("the texts of another case changed")
		}
		got, err := e.s.CaseErasures(e.ctx, []int64{open.ID, c.ID, 999999})
		must(e.t, err)
		want := map[int64]*schakel.CaseErasure{c.ID: {CaseID: c.ID, ErasedAt: erasedAt, Reason: "Verzoek van de betrokkene.", ThroughSeq: c.Version}}
		if !reflect.DeepEqual(got, want) {
			e.t.Fatalf("CaseErasures = %+v, want %+v", got[c.ID], want[c.ID])
		}
	})

	e.step("once only", func(e *env) {
		wantCode(e.t, e.s.EraseCaseTexts(e.ctx, c.ID, "Nog eens."), schakel.ECONFLICT)
	})

	var w *schakel.Case
	e.step("withdrawn", func(e *env) {
		w = f.newCase(e, f.uwv, "Kinderopvang van meneer Bakker")
		must(e.t, e.s.WithdrawCase(e.ctx, 1, w.ID, f.prof.ID, e.clock.Now(), "Meneer Bakker is verhuisd."))
		must(e.t, e.s.EraseCaseTexts(e.ctx, w.ID, "Bewaartermijn verstreken."))
		if got := e.caseTextsIn("Bakker"); len(got) != 0 {
			e.t.Fatalf("the name is still in %v", got)
		}
		evs, err := e.s.CaseEvents(e.ctx, w.ID)
		must(e.t, err)
		if len(evs) != 2 || evs[0].Note != "" || evs[1].Note != schakel.ErasedText || evs[1].State != schakel.CaseWithdrawn {
			e.t.Fatalf("events of the withdrawn case: %+v %+v", evs[0], evs[1])
		}
	})

	e.step("append-only", func(e *env) { wantCaseEventsAppendOnly(e, c, w, open) })
}

// wantCaseEventsAppendOnly: case_events stays append-only under the store —
// all it allows is erasing the notes of an erased case's events (c's, and
// w's, whose withdrawal reason was erased) — and case_erasures is never
// changed.
func wantCaseEventsAppendOnly(e *env, c, w, open *schakel.Case) {
	e.t.Helper()
	before, wBefore := e.caseRecord(c.ID), e.caseRecord(w.ID)
	openBefore := e.caseRecord(open.ID)
	for _, tc := range []struct {
		what  string
		query string
		args  []any
	}{
		{"state", "UPDATE case_events SET state = 'ingediend' WHERE case_id = ? AND seq = 5", []any{c.ID}},
		{"type", "UPDATE case_events SET type = 'ingetrokken' WHERE case_id = ? AND seq = 5", []any{c.ID}},
		{"time", "UPDATE case_events SET at = ? WHERE case_id = ? AND seq = 5", []any{Start, c.ID}},
		{"user", "UPDATE case_events SET user_id = NULL WHERE case_id = ? AND seq = 5", []any{c.ID}},
		{"a note back", "UPDATE case_events SET note = 'Meneer Bakker is verhuisd.' WHERE case_id = ? AND seq = 2", []any{w.ID}},
		{"a note dropped", "UPDATE case_events SET note = '' WHERE case_id = ? AND seq = 2", []any{w.ID}},
		{"a code changed", "UPDATE case_events SET note = 'financieel' WHERE case_id = ? AND seq = 2", []any{c.ID}},
		{"an empty note filled", "UPDATE case_events SET note = ? WHERE case_id = ? AND seq = 1", []any{schakel.ErasedText, c.ID}},
		{"an event deleted", "DELETE FROM case_events WHERE case_id = ? AND seq = 5", []any{c.ID}},
		{"an open case's note erased", "UPDATE case_events SET note = ? WHERE case_id = ? AND seq = 2", []any{schakel.ErasedText, open.ID}},
		{"the erasure altered", "UPDATE case_erasures SET through_seq = 99 WHERE case_id = ?", []any{c.ID}},
		{"the erasure deleted", "DELETE FROM case_erasures WHERE case_id = ?", []any{c.ID}},
	} {
		if err := e.rawExec(tc.query, tc.args...); err == nil || !strings.Contains(err.Error(), "append-only") {
			e.t.Fatalf("%s: %s: %v, want refused as append-only", tc.what, tc.query, err)
		}
	}
	if !reflect.DeepEqual(e.caseRecord(c.ID), before) || !reflect.DeepEqual(e.caseRecord(w.ID), wBefore) || !reflect.DeepEqual(e.caseRecord(open.ID), openBefore) {
		e.t.Fatal("a refused change changed a case")
	}
	// Erasing again under the store changes nothing, so it is allowed; so
	// is erasing a note the store keeps as a code (the trigger does not
	// know which notes are codes, only that a note may become [gewist]).
	must(e.t, e.rawExec("UPDATE case_events SET note = ? WHERE case_id = ? AND seq = 2", schakel.ErasedText, w.ID))
	must(e.t, e.rawExec("UPDATE case_events SET note = ? WHERE case_id = ? AND seq = 2", schakel.ErasedText, c.ID))
}

func testCaseErasures(e *env) {
	f := newCaseFixture(e)
	got, err := e.s.CaseErasures(e.ctx, nil)
	if err != nil || len(got) != 0 {
		e.t.Fatalf("CaseErasures(nil) = %v, %v", got, err)
	}
	var ids []int64
	for i := range 3 {
		c := f.newCase(e, f.uwv, "Casus")
		ids = append(ids, c.ID)
		must(e.t, e.s.WithdrawCase(e.ctx, 1, c.ID, f.prof.ID, e.clock.Now(), "Niet meer nodig."))
		if i != 1 {
			e.clock.Advance(time.Minute)
			must(e.t, e.s.EraseCaseTexts(e.ctx, c.ID, "Reden "+c.Title))
		}
	}
	got, err = e.s.CaseErasures(e.ctx, append(ids, 999999))
	must(e.t, err)
	if len(got) != 2 || got[ids[0]] == nil || got[ids[1]] != nil || got[ids[2]] == nil ||
		got[ids[2]].ThroughSeq != 2 || got[ids[2]].Reason != "Reden Casus" || !got[ids[2]].ErasedAt.Equal(Start.Add(2*time.Minute)) {
		e.t.Fatalf("CaseErasures = %v", got)
	}
	if got, err := e.s.CaseErasures(e.ctx, ids[1:2]); err != nil || len(got) != 0 {
		e.t.Fatalf("CaseErasures of a case not erased = %v, %v", got, err)
	}
}

// testEraseBrakeTexts: a brake is a request, and erasing it erases what the
// brake adds in the puller's words too; the facts of the brake stay.
func testEraseBrakeTexts(e *env) {
	f := newReqFixture(e)
	b, r, ev := f.newBrake(e, schakel.LevelProfessional, user(f.outsider), f.uwv, "Werkinstructie voor mevrouw Jansen")
	b.DecisionReference, b.WantedOutcome = "Besluit Jansen 2026-17", "Dat mevrouw Jansen niet hoeft terug te betalen."
	must(e.t, e.s.CreateBrake(e.ctx, b, r, ev, nil))
	wantCode(e.t, e.s.EraseRequestTexts(e.ctx, r.ID, "Verzoek van de betrokkene."), schakel.ECONFLICT)
	apply(e, r)(f.eng.Withdraw(r, user(f.outsider), "Mevrouw Jansen is geholpen.", e.clock.Now()))
	before, err := e.s.Brake(e.ctx, r.ID)
	must(e.t, err)
	must(e.t, e.s.EraseRequestTexts(e.ctx, r.ID, "Verzoek van de betrokkene."))
	got, err := e.s.Brake(e.ctx, r.ID)
	must(e.t, err)
	for what, text := range map[string]string{"concerned": got.Concerned, "decision reference": got.DecisionReference,
		"wanted outcome": got.WantedOutcome, "subject": got.Request.Subject} {
		if text != schakel.ErasedText {
			e.t.Errorf("the brake's %s reads %q after erasure", what, text)
		}
	}
	if got.Level != before.Level || got.Identity != before.Identity || !slices.Equal(got.RuleRefs, before.RuleRefs) || got.Year != before.Year ||
		got.Request.State != schakel.StateWithdrawn {
		e.t.Fatalf("the brake's facts changed: %+v, was %+v", got, before)
	}
	var n int
	must(e.t, e.s.DB().QueryRowContext(e.ctx, e.rebind(`SELECT COUNT(*) FROM brakes WHERE concerned LIKE ? OR decision_reference LIKE ? OR wanted_outcome LIKE ?`),
		"%Jansen%", "%Jansen%", "%Jansen%").Scan(&n))
	if n != 0 || len(e.textsIn("Jansen")) != 0 {
		e.t.Fatalf("the name is still in %d brakes and in %v", n, e.textsIn("Jansen"))
	}
}
