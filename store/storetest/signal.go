package storetest

import (
	"fmt"
	"reflect"
	"slices"
	"strings"
	"time"

	"github.com/schakel-nl/schakel"
)

func init() {
	tests["RaiseSignal"] = testRaiseSignal
	tests["FileSignal"] = testFileSignal
	tests["FileSignal (refused)"] = testFileSignalRefused
	tests["FileSignal (raised)"] = testFileSignalRaised
	tests["Signal"] = testFileSignal
	tests["Signals"] = testSignals
	tests["SignalEvents"] = testFileSignal
	tests["SimilarSignals"] = testSimilarSignals
	tests["RegisterPolicyRule"] = testPolicyRules
	tests["PolicyRule"] = testPolicyRules
	tests["PolicyRules"] = testPolicyRules
}

// References the signals of the suite anchor to: two articles of the WIA,
// one of the Awb (with a lid, which counts towards its article), a whole
// law and a policy rule of uwv.
const (
	refWIA36  = "jci1.3:c:BWBR0019057&artikel=36"
	refWIA76  = "jci1.3:c:BWBR0019057&artikel=76&lid=2"
	refAwb484 = "jci1.3:c:BWBR0005537&artikel=4:84&lid=1"
	refPw     = "jci1.3:c:BWBR0015703"
	refPolicy = "beleidsregel:uwv/BR-2024-12"
)

// sigFixture is the world of requests (reqFixture) with a professional,
// a case at uwv and one at svb, and a professional's brake pulled at uwv.
type sigFixture struct {
	*reqFixture
	prof              *schakel.User
	caseUWV, caseSVB  *schakel.Case
	brakeUWV, brakeSV *schakel.Brake
	n                 int64 // signals built, so each has its own figures
}

func newSigFixture(e *env) *sigFixture {
	e.t.Helper()
	f := &sigFixture{reqFixture: newReqFixture(e)}
	f.prof = MustUser(e.t, e.s, "professional", schakel.Membership{OrganisationID: f.uwv.ID, Role: schakel.RoleProfessional})
	newCase := func(org *schakel.Organisation) *schakel.Case {
		c := &schakel.Case{OrganisationID: org.ID, SubmittedBy: f.prof.ID, Title: "WIA-voorschot", Situation: "Terugvordering.",
			RuleRefs: []string{refWIA76}, Intent: "Voorschotten bij vertraging.", Harm: "Onverwachte schuld.", Principles: []string{"evenredigheid"}}
		must(e.t, e.s.CreateCase(e.ctx, c))
		return c
	}
	f.caseUWV, f.caseSVB = newCase(f.uwv), newCase(f.svb)
	pull := func(at *schakel.Organisation, subject string) *schakel.Brake {
		b, r, ev := f.newBrake(e, schakel.LevelProfessional, user(f.prof), at, subject)
		must(e.t, e.s.CreateBrake(e.ctx, b, r, ev, nil))
		return b
	}
	f.brakeUWV, f.brakeSV = pull(f.uwv, "werkinstructie-uwv"), pull(f.svb, "werkinstructie-svb")
	return f
}

// signal builds a complete signal of org filed by the professional,
// anchored to refs; each one built has its own numbers.
func (f *sigFixture) signal(org *schakel.Organisation, refs ...string) *schakel.Signal {
	f.n++
	n := f.n
	return &schakel.Signal{OrganisationID: org.ID, Title: fmt.Sprintf("Signaal %d", n), Anchors: anchorsOf(refs),
		Group: "Mensen met een WIA-voorschot", Effect: "Zij moeten het voorschot terugbetalen.",
		Citizens: schakel.Estimate{Low: 10 * n, High: 40 * n, Method: "steekproef"}, Solution: schakel.SolutionLaw,
		Proposal: "Een voorschot bij vertraging niet terugvorderen.", Cost: schakel.Cost{OnceCents: 1000 * n, YearlyCents: 7 * n, BorneBy: "UWV"},
		Conflicts: []schakel.Ground{{Principle: "evenredigheid", Text: "Onevenredig."}}, FiledBy: f.prof.ID}
}

// fileNew files sig in a new knelpunt and returns it.
func (f *sigFixture) fileNew(e *env, sig *schakel.Signal) *schakel.Knelpunt {
	e.t.Helper()
	k := &schakel.Knelpunt{Title: "Knelpunt " + sig.Title, Summary: "Wat misgaat.", Solution: sig.Solution, Proposal: sig.Proposal}
	must(e.t, e.s.FileSignal(e.ctx, sig, k, &schakel.KnelpuntEvent{}))
	return k
}

// fileInto files sig in knelpunt k and returns the event.
func (f *sigFixture) fileInto(e *env, sig *schakel.Signal, k int64) *schakel.KnelpuntEvent {
	e.t.Helper()
	sig.KnelpuntID = k
	ev := &schakel.KnelpuntEvent{}
	must(e.t, e.s.FileSignal(e.ctx, sig, nil, ev))
	return ev
}

// knelpuntWith files sigs in one new knelpunt and returns it as stored.
func (f *sigFixture) knelpuntWith(e *env, sigs ...*schakel.Signal) *schakel.Knelpunt {
	e.t.Helper()
	k := f.fileNew(e, sigs[0])
	for _, sig := range sigs[1:] {
		f.fileInto(e, sig, k.ID)
	}
	return e.knelpunt(k.ID)
}

func (e *env) knelpunt(id int64) *schakel.Knelpunt {
	e.t.Helper()
	k, err := e.s.Knelpunt(e.ctx, id)
	must(e.t, err)
	return k
}

func (e *env) signal(id int64) *schakel.Signal {
	e.t.Helper()
	sig, err := e.s.Signal(e.ctx, id)
	must(e.t, err)
	return sig
}

// signalTables are the tables the signals, knelpunten and letters write,
// with the columns that change; a snapshot of them shows whether a refused
// write left anything behind.
var signalTables = []string{
	"SELECT id, state, knelpunt_id, title, filed_at FROM signals ORDER BY id",
	"SELECT signal_id, type, from_knelpunt, to_knelpunt FROM signal_events ORDER BY id",
	"SELECT key, signal_id FROM signal_keys ORDER BY key, signal_id",
	"SELECT id, state, level, request_id, letter_id, merged_into, signals, citizens_low, refs, version FROM knelpunten ORDER BY id",
	"SELECT knelpunt_id, seq, type FROM knelpunt_events ORDER BY knelpunt_id, seq",
	"SELECT knelpunt_id, position, request_id FROM knelpunt_rungs ORDER BY knelpunt_id, position",
	"SELECT key, knelpunt_id FROM knelpunt_keys ORDER BY key, knelpunt_id",
	"SELECT key, signals, organisations, knelpunten, citizens_low, citizens_high, cost_once, cost_yearly FROM rule_figures ORDER BY key",
	"SELECT key, organisation_id, signals FROM rule_figure_organisations ORDER BY key, organisation_id",
	"SELECT id, reference FROM letters ORDER BY id",
	"SELECT id, state, version FROM requests ORDER BY id",
	"SELECT request_id, seq FROM request_events ORDER BY request_id, seq",
	"SELECT request_id, rung FROM request_rungs ORDER BY request_id, rung",
	"SELECT request_id, position FROM request_grounds ORDER BY request_id, position",
}

// snapshot renders the rows of signalTables.
func (e *env) snapshot() string {
	e.t.Helper()
	var b strings.Builder
	for _, q := range signalTables {
		rows, err := e.s.DB().QueryContext(e.ctx, q)
		must(e.t, err)
		cols, err := rows.Columns()
		must(e.t, err)
		for rows.Next() {
			vals := make([]any, len(cols))
			ptrs := make([]any, len(cols))
			for i := range vals {
				ptrs[i] = &vals[i]
			}
			must(e.t, rows.Scan(ptrs...))
			for i, v := range vals {
				if bs, ok := v.([]byte); ok {
					vals[i] = string(bs)
				}
			}
			fmt.Fprintln(&b, vals...)
		}
		must(e.t, rows.Err())
		rows.Close()
		b.WriteString("--\n")
	}
	return b.String()
}

// unchanged fails the test when the tables differ from snapshot before.
func (e *env) unchanged(before, what string) {
	e.t.Helper()
	if after := e.snapshot(); after != before {
		e.t.Fatalf("%s wrote rows:\nbefore\n%s\nafter\n%s", what, before, after)
	}
}

func testRaiseSignal(e *env) {
	f := newSigFixture(e)
	e.clock.Advance(time.Hour)
	sig := &schakel.Signal{OrganisationID: f.uwv.ID, CaseID: f.caseUWV.ID, Anchors: []schakel.Anchor{{Ref: refWIA76}, {Ref: refPolicy, Version: 2}},
		Proposal: "Voorschotten niet terugvorderen."}
	must(e.t, e.s.RaiseSignal(e.ctx, sig))
	if sig.ID == 0 || sig.State != schakel.SignalRaised || !sig.CreatedAt.Equal(Start.Add(time.Hour)) {
		e.t.Fatalf("after raise: %+v", sig)
	}
	if got := e.signal(sig.ID); !reflect.DeepEqual(got, sig) {
		e.t.Fatalf("Signal = %+v, want %+v", got, sig)
	}
	evs, err := e.s.SignalEvents(e.ctx, sig.ID)
	must(e.t, err)
	if want := []*schakel.SignalEvent{{SignalID: sig.ID, Type: schakel.SignalEventRaised, At: sig.CreatedAt}}; !reflect.DeepEqual(evs, want) {
		e.t.Fatalf("events = %+v, want %+v", evs, want)
	}
	// A raised signal counts towards no figure and joins no knelpunt.
	figs, total, err := e.s.RuleFigures(e.ctx, schakel.FigureFilter{})
	must(e.t, err)
	if total != 0 || len(figs) != 0 {
		e.t.Fatalf("a raised signal made figures: %+v", figs)
	}

	before := e.snapshot()
	err = e.s.RaiseSignal(e.ctx, &schakel.Signal{OrganisationID: 99999, CaseID: f.caseUWV.ID, Proposal: "x"})
	wantFields(e.t, err, "organisatie", "casusId")
	other := &schakel.Signal{OrganisationID: f.uwv.ID, CaseID: f.caseSVB.ID, Proposal: "x"}
	wantFields(e.t, e.s.RaiseSignal(e.ctx, other), "casusId")
	if other.ID != 0 {
		e.t.Fatalf("a refused raise set ID %d", other.ID)
	}
	e.unchanged(before, "refused raises")
}

func testFileSignal(e *env) {
	f := newSigFixture(e)
	e.clock.Advance(time.Hour)
	filed := e.clock.Now()

	// A new signal with every field, in a new knelpunt.
	sig := f.signal(f.uwv, refWIA76, refAwb484, refPolicy)
	sig.Anchors[2].Version = 3
	sig.Solution, sig.Evidence = schakel.SolutionMaatwerk, []schakel.Evidence{{Kind: schakel.EvidenceCase, ID: f.caseUWV.ID}, {Kind: schakel.EvidenceBrake, ID: f.brakeUWV.RequestID}}
	sig.Conflicts = []schakel.Ground{{Principle: "zorgvuldigheid", Text: "Niet zorgvuldig."}, {Principle: "evenredigheid", Text: "Onevenredig."}}
	k := &schakel.Knelpunt{Title: "Voorschotten", Summary: "Mensen met een voorschot moeten terugbetalen.", Solution: schakel.SolutionLaw, Proposal: "Niet terugvorderen."}
	ev := &schakel.KnelpuntEvent{}
	must(e.t, e.s.FileSignal(e.ctx, sig, k, ev))
	if sig.ID == 0 || sig.State != schakel.SignalFiled || sig.KnelpuntID != k.ID || k.ID == 0 || !sig.FiledAt.Equal(filed) || !sig.CreatedAt.Equal(filed) {
		e.t.Fatalf("after filing: signal %+v, knelpunt %d", sig, k.ID)
	}
	if got := e.signal(sig.ID); !reflect.DeepEqual(got, sig) {
		e.t.Fatalf("Signal = %+v\nwant %+v", got, sig)
	}
	wantK := &schakel.Knelpunt{ID: k.ID, OrganisationID: f.uwv.ID, Title: k.Title, Summary: k.Summary, Solution: k.Solution, Proposal: k.Proposal,
		Level: schakel.LevelTeam, State: schakel.KnelpuntOpen, Signals: 1, Citizens: schakel.Estimate{Low: sig.Citizens.Low, High: sig.Citizens.High},
		Cost:       schakel.Cost{OnceCents: sig.Cost.OnceCents, YearlyCents: sig.Cost.YearlyCents},
		Refs:       []string{refAwb484, refWIA76, refPolicy},
		Principles: []string{"evenredigheid", "zorgvuldigheid"}, CreatedBy: f.prof.ID, CreatedAt: filed, UpdatedAt: filed, Version: 1}
	slices.Sort(wantK.Refs)
	if !reflect.DeepEqual(k, wantK) {
		e.t.Fatalf("knelpunt after filing = %+v\nwant %+v", k, wantK)
	}
	if got := e.knelpunt(k.ID); !reflect.DeepEqual(got, wantK) {
		e.t.Fatalf("Knelpunt = %+v\nwant %+v", got, wantK)
	}
	wantEv := &schakel.KnelpuntEvent{KnelpuntID: k.ID, Seq: 1, Type: schakel.KnelpuntEventCreated, By: f.prof.ID, Signals: []int64{sig.ID}, Level: schakel.LevelTeam, At: filed}
	if !reflect.DeepEqual(ev, wantEv) {
		e.t.Fatalf("event = %+v, want %+v", ev, wantEv)
	}
	wantKnelpuntEvents(e, k.ID, wantEv)
	wantSignalEvents(e, sig.ID, &schakel.SignalEvent{SignalID: sig.ID, Type: schakel.SignalEventFiled, To: k.ID, By: f.prof.ID, At: filed})

	// A second signal joins it: version 2, totals summed, references and
	// principles each once.
	e.clock.Advance(time.Minute)
	second := f.signal(f.uwv, refWIA76, refWIA36)
	second.FiledBy = f.coord.ID
	ev2 := f.fileInto(e, second, k.ID)
	if ev2.Seq != 2 || ev2.Type != schakel.KnelpuntEventJoined || !slices.Equal(ev2.Signals, []int64{second.ID}) || ev2.By != f.coord.ID {
		e.t.Fatalf("joining event = %+v", ev2)
	}
	got := e.knelpunt(k.ID)
	wantRefs := []string{refAwb484, refWIA36, refWIA76, refPolicy}
	slices.Sort(wantRefs)
	if got.Version != 2 || got.Signals != 2 || got.Citizens.Low != sig.Citizens.Low+second.Citizens.Low || got.Citizens.High != sig.Citizens.High+second.Citizens.High ||
		got.Cost.OnceCents != sig.Cost.OnceCents+second.Cost.OnceCents || got.Cost.YearlyCents != sig.Cost.YearlyCents+second.Cost.YearlyCents ||
		!slices.Equal(got.Refs, wantRefs) || !slices.Equal(got.Principles, []string{"evenredigheid", "zorgvuldigheid"}) || !got.UpdatedAt.Equal(e.clock.Now()) {
		e.t.Fatalf("knelpunt with two signals = %+v", got)
	}
	wantKnelpuntEvents(e, k.ID, wantEv, ev2)
	_, err := e.s.Signal(e.ctx, 999999)
	wantCode(e.t, err, schakel.ENOTFOUND)
	wantFigures(e)
}

func testFileSignalRaised(e *env) {
	f := newSigFixture(e)
	k := f.knelpuntWith(e, f.signal(f.uwv, refWIA36))
	// A raised signal is completed: it keeps its case and creation time,
	// and its history starts with the raise.
	raised := &schakel.Signal{OrganisationID: f.uwv.ID, CaseID: f.caseUWV.ID, Anchors: anchorsOf([]string{refWIA76}), Proposal: "Ruw voorstel."}
	must(e.t, e.s.RaiseSignal(e.ctx, raised))
	e.clock.Advance(time.Hour)
	done := f.signal(f.uwv, refWIA76)
	done.ID = raised.ID
	f.fileInto(e, done, k.ID)
	if done.CaseID != f.caseUWV.ID || !done.CreatedAt.Equal(raised.CreatedAt) || !done.FiledAt.Equal(e.clock.Now()) {
		e.t.Fatalf("completed signal = %+v", done)
	}
	if got := e.signal(done.ID); !reflect.DeepEqual(got, done) {
		e.t.Fatalf("completed Signal = %+v\nwant %+v", got, done)
	}
	wantSignalEvents(e, done.ID, &schakel.SignalEvent{SignalID: done.ID, Type: schakel.SignalEventRaised, At: raised.CreatedAt},
		&schakel.SignalEvent{SignalID: done.ID, Type: schakel.SignalEventFiled, To: k.ID, By: f.prof.ID, At: done.FiledAt})
	// Completing it again is refused; an unknown one is not found.
	before := e.snapshot()
	again := f.signal(f.uwv, refWIA76)
	again.ID, again.KnelpuntID = raised.ID, k.ID
	wantCode(e.t, e.s.FileSignal(e.ctx, again, nil, &schakel.KnelpuntEvent{}), schakel.ECONFLICT)
	unknown := f.signal(f.uwv, refWIA76)
	unknown.ID, unknown.KnelpuntID = 999999, k.ID
	wantCode(e.t, e.s.FileSignal(e.ctx, unknown, nil, &schakel.KnelpuntEvent{}), schakel.ENOTFOUND)
	e.unchanged(before, "refused completions")
	// Another organisation cannot complete uwv's raised signal.
	raised2 := &schakel.Signal{OrganisationID: f.uwv.ID, Proposal: "Nog een."}
	must(e.t, e.s.RaiseSignal(e.ctx, raised2))
	before = e.snapshot()
	theirs := f.signal(f.svb, refWIA76)
	theirs.ID = raised2.ID
	wantFields(e.t, e.s.FileSignal(e.ctx, theirs, &schakel.Knelpunt{Title: "x"}, &schakel.KnelpuntEvent{}), "organisatie")
	e.unchanged(before, "refused completions")

	// A raised signal may start a knelpunt of its own.
	mine := f.signal(f.uwv, refPolicy)
	mine.ID = raised2.ID
	nk := f.fileNew(e, mine)
	if got := e.signal(raised2.ID); got.State != schakel.SignalFiled || got.KnelpuntID != nk.ID || !got.CreatedAt.Equal(raised2.CreatedAt) || got.Title != mine.Title {
		e.t.Fatalf("completed in a new knelpunt: %+v", got)
	}
	if nk.Signals != 1 || !slices.Equal(nk.Refs, []string{refPolicy}) {
		e.t.Fatalf("new knelpunt of a completed signal: %+v", nk)
	}
	wantFigures(e)
}

// wantKnelpuntEvents fails unless the history of knelpunt id is want.
func wantKnelpuntEvents(e *env, id int64, want ...*schakel.KnelpuntEvent) {
	e.t.Helper()
	got, err := e.s.KnelpuntEvents(e.ctx, id)
	must(e.t, err)
	if !reflect.DeepEqual(got, want) {
		e.t.Fatalf("events of knelpunt %d:\n got %s\nwant %s", id, showEvents(got), showEvents(want))
	}
}

func showEvents[T any](evs []*T) string {
	var b strings.Builder
	for _, ev := range evs {
		fmt.Fprintf(&b, "\n  %+v", *ev)
	}
	return b.String()
}

// wantSignalEvents fails unless the history of signal id is want.
func wantSignalEvents(e *env, id int64, want ...*schakel.SignalEvent) {
	e.t.Helper()
	got, err := e.s.SignalEvents(e.ctx, id)
	must(e.t, err)
	if !reflect.DeepEqual(got, want) {
		e.t.Fatalf("events of signal %d:\n got %s\nwant %s", id, showEvents(got), showEvents(want))
	}
}

func testFileSignalRefused(e *env) {
	f := newSigFixture(e)
	k := f.knelpuntWith(e, f.signal(f.uwv, refWIA76))
	theirs := f.knelpuntWith(e, f.signal(f.svb, refWIA36))
	plain := f.create(e, schakel.TypeGeneral, user(f.burger), f.uwv, "geen noodrem")
	before := e.snapshot()

	// Unknown references are named, all at once, and nothing is written.
	bad := f.signal(f.uwv, refWIA76)
	bad.OrganisationID, bad.KnelpuntID = 99999, 99998
	bad.Evidence = []schakel.Evidence{{Kind: schakel.EvidenceCase, ID: 99997}, {Kind: schakel.EvidenceBrake, ID: 99996}}
	bad.Conflicts = append(bad.Conflicts, schakel.Ground{Principle: "geluk", Text: "x"})
	err := e.s.FileSignal(e.ctx, bad, nil, &schakel.KnelpuntEvent{})
	wantFields(e.t, err, "organisatie", "knelpuntId", "bewijs", "bewijs", "conflicten")
	cases := []struct {
		name   string
		mutate func(*schakel.Signal)
		fields []string
	}{
		{"case of another organisation", func(s *schakel.Signal) {
			s.Evidence = []schakel.Evidence{{Kind: schakel.EvidenceCase, ID: f.caseSVB.ID}}
		}, []string{"bewijs"}},
		{"brake at another organisation", func(s *schakel.Signal) {
			s.Evidence = []schakel.Evidence{{Kind: schakel.EvidenceBrake, ID: f.brakeSV.RequestID}}
		}, []string{"bewijs"}},
		{"a request that is no brake", func(s *schakel.Signal) { s.Evidence = []schakel.Evidence{{Kind: schakel.EvidenceBrake, ID: plain.ID}} }, []string{"bewijs"}},
		{"unknown kind of evidence", func(s *schakel.Signal) { s.Evidence = []schakel.Evidence{{Kind: "foto", ID: 1}} }, []string{"bewijs"}},
		{"knelpunt of another organisation", func(s *schakel.Signal) { s.KnelpuntID = theirs.ID }, []string{"knelpuntId"}},
		{"unknown principle", func(s *schakel.Signal) { s.Conflicts = []schakel.Ground{{Principle: "willekeur", Text: "x"}} }, []string{"conflicten"}},
		{"the signal's case of another organisation", func(s *schakel.Signal) { s.CaseID = f.caseSVB.ID }, []string{"casusId"}},
	}
	for _, c := range cases {
		sig := f.signal(f.uwv, refWIA76, refPolicy)
		sig.KnelpuntID = k.ID
		c.mutate(sig)
		ev := &schakel.KnelpuntEvent{}
		wantFields(e.t, e.s.FileSignal(e.ctx, sig, nil, ev), c.fields...)
		if sig.ID != 0 {
			e.t.Fatalf("%s: a refused filing set ID %d", c.name, sig.ID)
		}
	}
	// In a new knelpunt, a refusal leaves neither the signal nor the knelpunt.
	sig := f.signal(f.uwv, refWIA76, refPolicy)
	sig.Conflicts = []schakel.Ground{{Principle: "willekeur"}}
	nk := &schakel.Knelpunt{Title: "Nieuw"}
	wantFields(e.t, e.s.FileSignal(e.ctx, sig, nk, &schakel.KnelpuntEvent{}), "conflicten")
	if nk.ID != 0 || sig.ID != 0 || sig.KnelpuntID != 0 {
		e.t.Fatalf("a refused filing set ids: knelpunt %d, signal %d in %d", nk.ID, sig.ID, sig.KnelpuntID)
	}
	e.unchanged(before, "refused filings")

	// A knelpunt put to its team still takes signals; once its team
	// adopted it, it takes none, and neither does a merged one.
	f.put(e, k)
	f.fileInto(e, f.signal(f.uwv, refWIA36), k.ID)
	k = e.knelpunt(k.ID)
	k.State = schakel.KnelpuntAdopted
	must(e.t, e.s.StepKnelpunt(e.ctx, schakel.KnelpuntStep{PrevVersion: k.Version, Knelpunt: k, Event: &schakel.KnelpuntEvent{Type: schakel.KnelpuntEventAdopted, By: f.coord.ID},
		Answered: f.answered(e, f.current(e, k), f.coord)}))
	into := f.knelpuntWith(e, f.signal(f.uwv, refWIA36))
	from := f.knelpuntWith(e, f.signal(f.uwv, refWIA36))
	f.merge(e, into, from)
	before = e.snapshot()
	for _, id := range []int64{k.ID, from.ID} {
		sig := f.signal(f.uwv, refWIA76)
		sig.KnelpuntID = id
		err := e.s.FileSignal(e.ctx, sig, nil, &schakel.KnelpuntEvent{})
		wantCode(e.t, err, schakel.ECONFLICT)
		if !strings.Contains(schakel.ErrorMessage(err), fmt.Sprint(id)) {
			e.t.Fatalf("refusal %q does not name knelpunt %d", schakel.ErrorMessage(err), id)
		}
	}
	e.unchanged(before, "filings in knelpunten that take no signals")
	wantFigures(e)
}

func testSignals(e *env) {
	f := newSigFixture(e)
	a := f.signal(f.uwv, refWIA76)
	a.CaseID = f.caseUWV.ID
	k1 := f.fileNew(e, a)
	b := f.signal(f.uwv, refAwb484)
	f.fileInto(e, b, k1.ID)
	c := f.signal(f.svb, refWIA36)
	f.fileNew(e, c)
	raised := &schakel.Signal{OrganisationID: f.uwv.ID, CaseID: f.caseUWV.ID, Anchors: anchorsOf([]string{refWIA76}), Proposal: "Ruw."}
	must(e.t, e.s.RaiseSignal(e.ctx, raised))
	ids := func(ss []*schakel.Signal) []int64 {
		var out []int64
		for _, s := range ss {
			out = append(out, s.ID)
		}
		return out
	}
	for _, tc := range []struct {
		name  string
		f     schakel.SignalFilter
		want  []int64
		total int
	}{
		{"all, newest first", schakel.SignalFilter{}, []int64{raised.ID, c.ID, b.ID, a.ID}, 4},
		{"of uwv", schakel.SignalFilter{OrganisationID: f.uwv.ID}, []int64{raised.ID, b.ID, a.ID}, 3},
		{"in a knelpunt", schakel.SignalFilter{KnelpuntID: k1.ID}, []int64{b.ID, a.ID}, 2},
		{"of a case", schakel.SignalFilter{CaseID: f.caseUWV.ID}, []int64{raised.ID, a.ID}, 2},
		{"raised", schakel.SignalFilter{State: schakel.SignalRaised}, []int64{raised.ID}, 1},
		{"filed", schakel.SignalFilter{State: schakel.SignalFiled}, []int64{c.ID, b.ID, a.ID}, 3},
		{"on the WIA", schakel.SignalFilter{Rule: "wet:BWBR0019057"}, []int64{c.ID, a.ID}, 2},
		{"on one article", schakel.SignalFilter{Rule: "artikel:BWBR0005537/4:84"}, []int64{b.ID}, 1},
		{"filed on the WIA of uwv", schakel.SignalFilter{Rule: "wet:BWBR0019057", OrganisationID: f.uwv.ID, State: schakel.SignalFiled}, []int64{a.ID}, 1},
		{"page", schakel.SignalFilter{Offset: 1, Limit: 2}, []int64{c.ID, b.ID}, 4},
		{"beyond the end", schakel.SignalFilter{Offset: 10}, nil, 4},
	} {
		got, total, err := e.s.Signals(e.ctx, tc.f)
		must(e.t, err)
		if !slices.Equal(ids(got), tc.want) || total != tc.total {
			e.t.Errorf("%s: %v (total %d), want %v (total %d)", tc.name, ids(got), total, tc.want, tc.total)
		}
	}
	got, _, err := e.s.Signals(e.ctx, schakel.SignalFilter{KnelpuntID: k1.ID})
	must(e.t, err)
	if !reflect.DeepEqual(got[1], a) {
		e.t.Fatalf("listed signal = %+v\nwant %+v", got[1], a)
	}
}

func testSimilarSignals(e *env) {
	f := newSigFixture(e)
	s0 := f.signal(f.uwv, refWIA76)
	k := f.fileNew(e, s0)
	wia, awb := []int64{s0.ID}, []int64(nil)
	for i := range 4 {
		s := f.signal(f.uwv, refWIA76)
		if i%2 == 1 {
			s = f.signal(f.svb, refWIA76, refAwb484)
			f.fileNew(e, s)
			awb = append(awb, s.ID)
		} else {
			f.fileInto(e, s, k.ID)
		}
		wia = append(wia, s.ID)
	}
	other := f.signal(f.uwv, refPw)
	f.fileInto(e, other, k.ID)
	// A raised signal is no candidate, whatever it anchors to.
	must(e.t, e.s.RaiseSignal(e.ctx, &schakel.Signal{OrganisationID: f.uwv.ID, Anchors: anchorsOf([]string{refWIA76}), Proposal: "Ruw."}))
	slices.Reverse(wia)
	slices.Reverse(awb)
	ids := func(ss []*schakel.Signal) []int64 {
		var out []int64
		for _, s := range ss {
			out = append(out, s.ID)
		}
		return out
	}
	for _, tc := range []struct {
		name string
		q    schakel.SimilarSignalQuery
		want []int64
	}{
		{"one article, all", schakel.SimilarSignalQuery{Keys: []string{"artikel:BWBR0019057/76"}}, wia},
		{"one article, two newest", schakel.SimilarSignalQuery{Keys: []string{"artikel:BWBR0019057/76"}, Limit: 2}, wia[:2]},
		{"two keys, one each, no duplicates", schakel.SimilarSignalQuery{Keys: []string{"artikel:BWBR0019057/76", "wet:BWBR0005537", "wet:BWBR0005537"}, Limit: 1},
			[]int64{wia[0]}},
		{"two keys, two each, newest first", schakel.SimilarSignalQuery{Keys: []string{"wet:BWBR0005537", "artikel:BWBR0019057/76"}, Limit: 2},
			sortedDesc(append(slices.Clone(wia[:2]), awb[:2]...))},
		{"unknown key", schakel.SimilarSignalQuery{Keys: []string{"wet:BWBR0000000"}}, nil},
		{"no keys", schakel.SimilarSignalQuery{}, nil},
		{"one article, one organisation, two newest", schakel.SimilarSignalQuery{Keys: []string{"artikel:BWBR0019057/76"}, OrganisationID: f.uwv.ID, Limit: 2},
			slices.DeleteFunc(slices.Clone(wia), func(id int64) bool { return slices.Contains(awb, id) })[:2]},
	} {
		got, err := e.s.SimilarSignals(e.ctx, tc.q)
		must(e.t, err)
		if !slices.Equal(ids(got), tc.want) {
			e.t.Errorf("%s: %v, want %v", tc.name, ids(got), tc.want)
		}
		for _, s := range got {
			if s.State != schakel.SignalFiled {
				e.t.Errorf("%s: candidate %d is %s", tc.name, s.ID, s.State)
			}
		}
	}
	got, err := e.s.SimilarSignals(e.ctx, schakel.SimilarSignalQuery{Keys: []string{"wet:BWBR0015703"}})
	must(e.t, err)
	if len(got) != 1 || !reflect.DeepEqual(got[0], other) {
		e.t.Fatalf("candidate = %+v, want %+v", got, other)
	}
}

func sortedDesc(ids []int64) []int64 {
	ids = slices.Compact(slices.Sorted(slices.Values(ids)))
	slices.Reverse(ids)
	return ids
}

func testPolicyRules(e *env) {
	uwv := MustOrganisation(e.t, e.s, "uwv", schakel.OrgExecutive)
	svb := MustOrganisation(e.t, e.s, "svb", schakel.OrgExecutive)
	v1 := &schakel.PolicyRule{OrganisationID: uwv.ID, Code: "BR-2024-12", Version: 1, Title: "Terugvordering voorschotten", URL: "https://uwv.nl/br-2024-12"}
	must(e.t, e.s.RegisterPolicyRule(e.ctx, v1))
	if !v1.RegisteredAt.Equal(Start) {
		e.t.Fatalf("RegisteredAt = %v", v1.RegisteredAt)
	}
	e.clock.Advance(24 * time.Hour)
	v2 := &schakel.PolicyRule{OrganisationID: uwv.ID, Code: "BR-2024-12", Version: 2, Title: "Terugvordering voorschotten (herzien)"}
	must(e.t, e.s.RegisterPolicyRule(e.ctx, v2))
	older := &schakel.PolicyRule{OrganisationID: uwv.ID, Code: "BR-2023-01", Version: 4, Title: "Maatwerk"}
	must(e.t, e.s.RegisterPolicyRule(e.ctx, older))
	theirs := &schakel.PolicyRule{OrganisationID: svb.ID, Code: "BR-2024-12", Version: 1, Title: "AOW"}
	must(e.t, e.s.RegisterPolicyRule(e.ctx, theirs))

	wantCode(e.t, e.s.RegisterPolicyRule(e.ctx, &schakel.PolicyRule{OrganisationID: uwv.ID, Code: "BR-2024-12", Version: 2, Title: "Dubbel"}), schakel.ECONFLICT)
	wantFields(e.t, e.s.RegisterPolicyRule(e.ctx, &schakel.PolicyRule{OrganisationID: 99999, Code: "X", Version: 1, Title: "x"}), "organisatie")
	wantFields(e.t, e.s.RegisterPolicyRule(e.ctx, &schakel.PolicyRule{OrganisationID: uwv.ID, Code: "X", Version: 0, Title: "x"}), "versie")

	for _, tc := range []struct {
		name    string
		org     int64
		code    string
		version int
		want    *schakel.PolicyRule
	}{
		{"a version", uwv.ID, "BR-2024-12", 1, v1},
		{"the latest", uwv.ID, "BR-2024-12", 0, v2},
		{"of another organisation", svb.ID, "BR-2024-12", 0, theirs},
		{"unknown version", uwv.ID, "BR-2024-12", 3, nil},
		{"unknown code", uwv.ID, "BR-1999-01", 0, nil},
	} {
		got, err := e.s.PolicyRule(e.ctx, tc.org, tc.code, tc.version)
		if tc.want == nil {
			wantCode(e.t, err, schakel.ENOTFOUND)
			continue
		}
		must(e.t, err)
		if !reflect.DeepEqual(got, tc.want) {
			e.t.Errorf("%s: %+v, want %+v", tc.name, got, tc.want)
		}
	}
	mine, err := e.s.PolicyRules(e.ctx, uwv.ID)
	must(e.t, err)
	if !reflect.DeepEqual(mine, []*schakel.PolicyRule{older, v2}) {
		e.t.Fatalf("PolicyRules(uwv) = %s", showEvents(mine))
	}
	all, err := e.s.PolicyRules(e.ctx, 0)
	must(e.t, err)
	if !reflect.DeepEqual(all, []*schakel.PolicyRule{older, v2, theirs}) {
		e.t.Fatalf("PolicyRules() = %s", showEvents(all))
	}
}
