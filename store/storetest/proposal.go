package storetest

import (
	"bytes"
	"fmt"
	"reflect"
	"slices"
	"strings"
	"time"

	"github.com/schakel-nl/schakel"
	"github.com/schakel-nl/schakel/calendar"
	"github.com/schakel-nl/schakel/comply"
	"github.com/schakel-nl/schakel/ledger"
)

func init() {
	tests["CreateProposal"] = testCreateProposal
	tests["Proposal"] = testCreateProposal
	tests["Proposals"] = testProposals
	tests["ProposalEvents"] = testStepProposal
	tests["StepProposal"] = testStepProposal
	tests["StepProposal (refused)"] = testStepProposalRefused
	tests["StepProposal (public record)"] = testProposalLog
	tests["Signature"] = testSignature
	tests["DeliverAssessment"] = testDeliverAssessment
	tests["Assessment"] = testDeliverAssessment
	tests["AssessmentOfRequest"] = testDeliverAssessment
	tests["Assessments"] = testStepProposal
	tests["AnswerAssessment"] = testAnswerAssessment
	tests["MissAssessment"] = testMissAssessment
	tests["Signals (filed from)"] = testSignalsFiledFrom
}

// propFixture is the world of requests (reqFixture) with the minister and
// the secretary-general of the ministry szw.
type propFixture struct {
	*reqFixture
	minister, sg *schakel.User
}

func newPropFixture(e *env) *propFixture {
	e.t.Helper()
	f := &propFixture{reqFixture: newReqFixture(e)}
	f.minister = MustUser(e.t, e.s, "minister", schakel.Membership{OrganisationID: f.szw.ID, Role: schakel.RoleMinister})
	f.sg = MustUser(e.t, e.s, "sg", schakel.Membership{OrganisationID: f.szw.ID, Role: schakel.RoleSecretaryGeneral})
	return f
}

// newProposal builds a proposal of szw with every field set, and its
// registration, without storing them.
func (f *propFixture) newProposal(title string, kind schakel.ProposalKind) (*schakel.Proposal, *schakel.ProposalEvent) {
	p := &schakel.Proposal{MinistryID: f.szw.ID, Kind: kind, Title: title, Summary: "Samenvatting van " + title,
		RuleRefs: []string{refWIA76, refAwb484}, Task: "Bestaanszekerheid", PlannedEntry: calendar.DateOf(2027, 1, 1),
		Text: "Artikel I. De wet wordt gewijzigd.", TextURL: "https://wetgevingskalender.example/" + strings.ReplaceAll(title, " ", "-"),
		CreatedBy: f.policy.ID}
	ev := &schakel.ProposalEvent{By: f.policy.ID, Digest: ledger.TextHash(p.Title + p.Text)}
	return p, ev
}

// proposal creates a proposal of szw.
func (f *propFixture) proposal(e *env, title string, kind schakel.ProposalKind) *schakel.Proposal {
	e.t.Helper()
	p, ev := f.newProposal(title, kind)
	must(e.t, e.s.CreateProposal(e.ctx, p, ev))
	return p
}

// assessmentRequest builds the request for an assessment by the board of
// org, as the service makes it.
func (f *propFixture) assessmentRequest(e *env, p *schakel.Proposal, orgID int64) schakel.AssessmentCreation {
	e.t.Helper()
	r, ev, err := f.eng.New(comply.NewRequest{Type: schakel.TypeAssessment, Subject: "Uitvoeringstoets: " + p.Title, Body: p.Summary,
		Grounds: slices.Clone(testGrounds)[:1], Urgent: p.Kind.Short(), Requester: schakel.Party{Kind: schakel.PartyOrganisation, UserID: f.policy.ID, OrganisationID: p.MinistryID}},
		[]schakel.Addressee{{OrganisationID: orgID, Role: schakel.RoleBoard}}, nil, e.clock.Now())
	must(e.t, err)
	return schakel.AssessmentCreation{Request: r, Event: ev, Assessment: &schakel.Assessment{OrganisationID: orgID, State: schakel.AssessmentRequested}}
}

// requestStep is the step of p that asks orgs for their assessment.
func (f *propFixture) requestStep(e *env, p *schakel.Proposal, orgIDs ...int64) schakel.ProposalStep {
	e.t.Helper()
	step := schakel.ProposalStep{PrevVersion: p.Version, Proposal: p,
		Event: &schakel.ProposalEvent{Type: schakel.ProposalEventRequested, By: f.policy.ID, Digest: ledger.TextHash(fmt.Sprint(orgIDs))}}
	for _, id := range orgIDs {
		step.Requested = append(step.Requested, f.assessmentRequest(e, p, id))
	}
	p.State = schakel.ProposalAssessing
	return step
}

// ask asks orgs for their assessment of p and returns the assessments.
func (f *propFixture) ask(e *env, p *schakel.Proposal, orgs ...*schakel.Organisation) []*schakel.Assessment {
	e.t.Helper()
	var ids []int64
	for _, o := range orgs {
		ids = append(ids, o.ID)
	}
	step := f.requestStep(e, p, ids...)
	must(e.t, e.s.StepProposal(e.ctx, step))
	var out []*schakel.Assessment
	for _, c := range step.Requested {
		out = append(out, c.Assessment)
	}
	return out
}

// proposalTables render, one text a row, what proposals and assessments
// write; with snapshot (the requests and their events) they show whether
// a refused write left anything behind.
var proposalTables = []string{
	"SELECT CAST(id AS TEXT) || ' ' || state || ' ' || CAST(version AS TEXT) || ' ' || COALESCE(in_force, '-') FROM proposals ORDER BY id",
	"SELECT CAST(proposal_id AS TEXT) || '/' || CAST(seq AS TEXT) || ' ' || type FROM proposal_events ORDER BY proposal_id, seq",
	"SELECT CAST(proposal_id AS TEXT) || '/' || CAST(seq AS TEXT) FROM log_outbox_proposals ORDER BY proposal_id, seq",
	"SELECT CAST(id AS TEXT) || ' ' || state || ' ' || COALESCE(CAST(answer_request_id AS TEXT), '-') || ' ' || verdict || ' ' || conflicts || ' ' || answers FROM assessments ORDER BY id",
	"SELECT CAST(proposal_id AS TEXT) || ' ' || digest FROM proposal_signatures ORDER BY proposal_id",
	"SELECT CAST(event_id AS TEXT) FROM log_outbox ORDER BY event_id",
}

// proposalSnapshot renders the requests (snapshot) and proposalTables.
func (e *env) proposalSnapshot() string {
	e.t.Helper()
	var b strings.Builder
	b.WriteString(e.snapshot())
	for _, q := range proposalTables {
		rows, err := e.s.DB().QueryContext(e.ctx, q)
		must(e.t, err)
		for rows.Next() {
			var line string
			must(e.t, rows.Scan(&line))
			b.WriteString(line + "\n")
		}
		must(e.t, rows.Err())
		rows.Close()
		b.WriteString("--\n")
	}
	return b.String()
}

// unchangedProposals fails the test when the tables differ from before.
func (e *env) unchangedProposals(before, what string) {
	e.t.Helper()
	if after := e.proposalSnapshot(); after != before {
		e.t.Fatalf("%s wrote rows:\nbefore\n%s\nafter\n%s", what, before, after)
	}
}

// storedProposalEntry returns the log entry proposal_events holds for
// event seq of proposal id.
func (e *env) storedProposalEntry(id int64, seq int) []byte {
	e.t.Helper()
	var entry []byte
	must(e.t, e.s.DB().QueryRowContext(e.ctx, e.rebind("SELECT log_entry FROM proposal_events WHERE proposal_id = ? AND seq = ?"), id, seq).Scan(&entry))
	return entry
}

// wantProposalEntries fails unless every event of proposal p carries as
// its log entry the projection of the event as read back (so the verifier,
// which recomputes it from what it reads, finds the same bytes).
func wantProposalEntries(e *env, p *schakel.Proposal) []*schakel.ProposalEvent {
	e.t.Helper()
	evs, err := e.s.ProposalEvents(e.ctx, p.ID)
	must(e.t, err)
	for _, ev := range evs {
		want := ledger.ProjectProposal(p.MinistryID, ev).Encode()
		if got := e.storedProposalEntry(p.ID, ev.Seq); !bytes.Equal(got, want) {
			e.t.Fatalf("event %d of proposal %d carries log entry\n%s\nwant the projection of what was stored\n%s", ev.Seq, p.ID, got, want)
		}
		if _, err := ledger.DecodeProposal(want); err != nil {
			e.t.Fatalf("event %d of proposal %d: %v", ev.Seq, p.ID, err)
		}
	}
	return evs
}

func testCreateProposal(e *env) {
	f := newPropFixture(e)
	_, err := e.s.Proposal(e.ctx, 99999)
	wantCode(e.t, err, schakel.ENOTFOUND)
	// The caller's times have nanoseconds and a zone; what it holds
	// afterwards is what reads back (µs, UTC).
	e.clock.Set(Start.Add(123456789 * time.Nanosecond))
	p, ev := f.newProposal("Wet vereenvoudiging WIA", schakel.KindBill)
	must(e.t, e.s.CreateProposal(e.ctx, p, ev))
	want := Start.Add(123456 * time.Microsecond)
	if p.ID == 0 || ev.ProposalID != p.ID || p.Version != 1 || ev.Seq != 1 || p.State != schakel.ProposalRegistered || ev.Type != schakel.ProposalEventRegistered ||
		!p.CreatedAt.Equal(want) || p.CreatedAt.Location() != time.UTC || !p.UpdatedAt.Equal(want) || !ev.At.Equal(want) || ev.By != f.policy.ID {
		e.t.Fatalf("after create: %+v, event %+v", p, ev)
	}
	got, err := e.s.Proposal(e.ctx, p.ID)
	must(e.t, err)
	if !reflect.DeepEqual(got, p) {
		e.t.Fatalf("proposal reads back as\n%+v\nwant\n%+v", got, p)
	}
	evs := wantProposalEntries(e, p)
	if len(evs) != 1 || !reflect.DeepEqual(evs[0], ev) {
		e.t.Fatalf("events %+v, want %+v", evs, ev)
	}
	if e.count("log_outbox_proposals") != 1 {
		e.t.Fatalf("%d proposal events queued for the log, want 1", e.count("log_outbox_proposals"))
	}
	// The optional fields may stay empty.
	bare := &schakel.Proposal{MinistryID: f.szw.ID, Kind: schakel.KindMotion, Title: "Motie", CreatedBy: f.policy.ID}
	must(e.t, e.s.CreateProposal(e.ctx, bare, &schakel.ProposalEvent{Digest: ledger.TextHash("Motie")}))
	if got, err := e.s.Proposal(e.ctx, bare.ID); err != nil || !reflect.DeepEqual(got, bare) || got.RuleRefs != nil || !got.PlannedEntry.IsZero() {
		e.t.Fatalf("bare proposal reads back as %+v (%v), want %+v", got, err, bare)
	}

	// Refused: nothing is written.
	before := e.proposalSnapshot()
	ghost, gev := f.newProposal("Van niemand", schakel.KindDecree)
	ghost.MinistryID = 99999
	wantFields(e.t, e.s.CreateProposal(e.ctx, ghost, gev), "ministerie")
	nobody, nev := f.newProposal("Door niemand", schakel.KindDecree)
	nobody.CreatedBy, nev.By = 99999, 99999
	wantCode(e.t, e.s.CreateProposal(e.ctx, nobody, nev), schakel.EINVALID)
	kindless, kev := f.newProposal("Zonder soort", "verzonnen")
	wantFields(e.t, e.s.CreateProposal(e.ctx, kindless, kev), "soort")
	// A registration that commits to nothing cannot reach the log.
	undigested, uev := f.newProposal("Zonder digest", schakel.KindDecree)
	uev.Digest = ""
	if err := e.s.CreateProposal(e.ctx, undigested, uev); err == nil || schakel.ErrorCode(err) != schakel.EINTERNAL {
		e.t.Fatalf("a registration without digest: %v", err)
	}
	e.unchangedProposals(before, "a refused registration")
}

func testStepProposal(e *env) {
	f := newPropFixture(e)
	p := f.proposal(e, "Wet vereenvoudiging WIA", schakel.KindBill)
	if as, err := e.s.Assessments(e.ctx, p.ID); err != nil || len(as) != 0 {
		e.t.Fatalf("assessments before any are asked: %v, %v", as, err)
	}
	if evs, err := e.s.ProposalEvents(e.ctx, 99999); err != nil || len(evs) != 0 {
		e.t.Fatalf("events of no proposal: %v, %v", evs, err)
	}

	// Asking two organisations: each request is stored as CreateRequest
	// stores it, with its assessment.
	e.clock.Advance(time.Hour)
	step := f.requestStep(e, p, f.uwv.ID, f.svb.ID)
	must(e.t, e.s.StepProposal(e.ctx, step))
	if p.Version != 2 || step.Event.Seq != 2 || step.Event.ProposalID != p.ID || !p.UpdatedAt.Equal(e.clock.Now()) || !step.Event.At.Equal(e.clock.Now()) {
		e.t.Fatalf("after the step: %+v, event %+v", p, step.Event)
	}
	as := wantRequested(e, p, step)
	got, err := e.s.Proposal(e.ctx, p.ID)
	must(e.t, err)
	if !reflect.DeepEqual(got, p) {
		e.t.Fatalf("proposal reads back as\n%+v\nwant\n%+v", got, p)
	}

	// Signed, sent and in force: the proposal's state and day follow, each
	// step an event with its entry.
	sign(e, f, p, as)
	sendAndEnterIntoForce(e, f, p)
	got, err = e.s.Proposal(e.ctx, p.ID)
	must(e.t, err)
	if !reflect.DeepEqual(got, p) || got.Version != 5 || got.InForce != calendar.DateOf(2027, 1, 1) {
		e.t.Fatalf("proposal reads back as\n%+v\nwant\n%+v", got, p)
	}
	evs := wantProposalEntries(e, p)
	var types []string
	for i, ev := range evs {
		types = append(types, string(ev.Type))
		if ev.Seq != i+1 || ev.ProposalID != p.ID || ev.At.Location() != time.UTC {
			e.t.Fatalf("event %d: %+v", i, ev)
		}
	}
	if strings.Join(types, ",") != "geregistreerd,toets-gevraagd,getekend,naar-parlement,in-werking" || evs[1].Digest != step.Event.Digest || evs[1].By != f.policy.ID {
		e.t.Fatalf("events %v, %+v", types, evs[1])
	}
	if e.count("log_outbox_proposals") != 5 {
		e.t.Fatalf("%d proposal events queued for the log, want 5", e.count("log_outbox_proposals"))
	}
}

// wantRequested fails unless the assessments step asked for are stored,
// each with its request as CreateRequest stores it, and returns them.
func wantRequested(e *env, p *schakel.Proposal, step schakel.ProposalStep) []*schakel.Assessment {
	e.t.Helper()
	for _, c := range step.Requested {
		if c.Request.ID == 0 || c.Event.RequestID != c.Request.ID || c.Assessment.ID == 0 || c.Assessment.RequestID != c.Request.ID ||
			c.Assessment.ProposalID != p.ID || c.Assessment.State != schakel.AssessmentRequested {
			e.t.Fatalf("requested %+v with request %d", c.Assessment, c.Request.ID)
		}
		wantRequest(e, c.Request)
	}
	wantLedgerEntries(e)
	as, err := e.s.Assessments(e.ctx, p.ID)
	must(e.t, err)
	if len(as) != len(step.Requested) {
		e.t.Fatalf("%d assessments, want %d", len(as), len(step.Requested))
	}
	for i, a := range as {
		if want := step.Requested[i].Assessment; !reflect.DeepEqual(a, want) || a.OrganisationID != step.Requested[i].Request.Addressee().OrganisationID {
			e.t.Fatalf("assessment %d reads back as %+v, want %+v", i, a, want)
		}
	}
	return as
}

// sendAndEnterIntoForce sends p to parliament and lets it enter into
// force on 1 January 2027, a day later each.
func sendAndEnterIntoForce(e *env, f *propFixture, p *schakel.Proposal) {
	e.t.Helper()
	for _, st := range []struct {
		typ   schakel.ProposalEventType
		state schakel.ProposalState
	}{{schakel.ProposalEventSent, schakel.ProposalSent}, {schakel.ProposalEventInForce, schakel.ProposalInForce}} {
		e.clock.Advance(24 * time.Hour)
		prev := p.Version
		p.State = st.state
		ev := &schakel.ProposalEvent{Type: st.typ, By: f.policy.ID}
		if st.state == schakel.ProposalInForce {
			p.InForce, ev.Digest = calendar.DateOf(2027, 1, 1), ledger.TextHash("2027-01-01")
		}
		must(e.t, e.s.StepProposal(e.ctx, schakel.ProposalStep{PrevVersion: prev, Proposal: p, Event: ev}))
	}
}

// sign signs p for execution covering as, and checks the signature reads
// back as stored.
func sign(e *env, f *propFixture, p *schakel.Proposal, as []*schakel.Assessment) *schakel.Signature {
	e.t.Helper()
	e.clock.Advance(time.Hour)
	sig := &schakel.Signature{Statement: "Ik teken voor de uitvoering.", Digest: ledger.TextHash(fmt.Sprint("verklaring", len(as)))}
	for _, a := range as {
		sig.Assessments = append(sig.Assessments, a.ID)
	}
	prev := p.Version
	p.State = schakel.ProposalSigned
	ev := &schakel.ProposalEvent{Type: schakel.ProposalEventSigned, By: f.sg.ID}
	must(e.t, e.s.StepProposal(e.ctx, schakel.ProposalStep{PrevVersion: prev, Proposal: p, Event: ev, Signature: sig}))
	if ev.Digest != sig.Digest || sig.SignedBy != f.sg.ID || !sig.At.Equal(e.clock.Now()) || sig.ProposalID != p.ID {
		e.t.Fatalf("after signing: %+v, event %+v", sig, ev)
	}
	got, err := e.s.Signature(e.ctx, p.ID)
	must(e.t, err)
	if !reflect.DeepEqual(got, sig) {
		e.t.Fatalf("signature reads back as %+v, want %+v", got, sig)
	}
	return sig
}

func testStepProposalRefused(e *env) {
	f := newPropFixture(e)
	p := f.proposal(e, "Wet vereenvoudiging WIA", schakel.KindBill)
	read := *p
	f.ask(e, p, f.uwv)
	before := e.proposalSnapshot()

	// A step on the version as read before the last: ECONFLICT, nothing written.
	stale := f.requestStep(e, &read, f.svb.ID)
	wantCode(e.t, e.s.StepProposal(e.ctx, stale), schakel.ECONFLICT)
	e.unchangedProposals(before, "a step on a stale version")
	ghost := read
	ghost.ID = 99999
	wantCode(e.t, e.s.StepProposal(e.ctx, f.requestStep(e, &ghost, f.svb.ID)), schakel.ENOTFOUND)

	// An organisation that does not exist is named; the request of the
	// one that does is not written either.
	cur := *p
	bad := f.requestStep(e, &cur, f.svb.ID, 99999)
	wantFields(e.t, e.s.StepProposal(e.ctx, bad), "organisaties[1]")
	e.unchangedProposals(before, "a step asking an unknown organisation")
	// A request whose reference fails at its insert is named as
	// CreateRequest names it.
	cur = *p
	dangling := f.requestStep(e, &cur, f.svb.ID)
	dangling.Requested[0].Request.Requester.UserID = 99999
	wantFields(e.t, e.s.StepProposal(e.ctx, dangling), "indiener")
	e.unchangedProposals(before, "a step with a dangling requester")
	// A step whose event is taken (the proposal's version moved back under
	// the store) is refused by the event's key.
	cur = *p
	must(e.t, e.rawExec("UPDATE proposals SET version = 1 WHERE id = ?", p.ID))
	wantCode(e.t, e.s.StepProposal(e.ctx, schakel.ProposalStep{PrevVersion: 1, Proposal: &cur,
		Event: &schakel.ProposalEvent{Type: schakel.ProposalEventSent, By: f.policy.ID}}), schakel.ECONFLICT)
	must(e.t, e.rawExec("UPDATE proposals SET version = 2 WHERE id = ?", p.ID))
	e.unchangedProposals(before, "a step whose event exists")
	// Parts that do not fit together are the caller's error.
	for name, step := range map[string]schakel.ProposalStep{
		"signed without signature":  {PrevVersion: 2, Proposal: &cur, Event: &schakel.ProposalEvent{Type: schakel.ProposalEventSigned, Digest: ledger.TextHash("x")}},
		"asked without assessments": {PrevVersion: 2, Proposal: &cur, Event: &schakel.ProposalEvent{Type: schakel.ProposalEventRequested}},
		"version skipped":           {PrevVersion: 2, Proposal: &schakel.Proposal{ID: p.ID, State: p.State, Version: 7}, Event: &schakel.ProposalEvent{Type: schakel.ProposalEventSent}},
	} {
		if err := e.s.StepProposal(e.ctx, step); err == nil || schakel.ErrorCode(err) != schakel.EINTERNAL {
			e.t.Errorf("%s: %v", name, err)
		}
	}
	e.unchangedProposals(before, "steps that do not fit together")
}

func testSignature(e *env) {
	f := newPropFixture(e)
	p := f.proposal(e, "Wet vereenvoudiging WIA", schakel.KindBill)
	_, err := e.s.Signature(e.ctx, p.ID)
	wantCode(e.t, err, schakel.ENOTFOUND)
	as := f.ask(e, p, f.uwv, f.svb)
	other := f.proposal(e, "Ander voorstel", schakel.KindDecree)
	elsewhere := f.ask(e, other, f.uwv)

	// A signature covering another proposal's assessment is refused.
	before := e.proposalSnapshot()
	cur := *p
	cur.State = schakel.ProposalSigned
	if err := e.s.StepProposal(e.ctx, schakel.ProposalStep{PrevVersion: p.Version, Proposal: &cur, Event: &schakel.ProposalEvent{Type: schakel.ProposalEventSigned},
		Signature: &schakel.Signature{Statement: "Getekend.", Digest: ledger.TextHash("x"), Assessments: []int64{as[0].ID, elsewhere[0].ID}}}); err == nil {
		e.t.Fatal("a signature covering another proposal's assessment was stored")
	}
	e.unchangedProposals(before, "a refused signature")

	sig := sign(e, f, p, as)
	// A second signature is a conflict, even on the proposal's current
	// version.
	before = e.proposalSnapshot()
	cur = *p
	err = e.s.StepProposal(e.ctx, schakel.ProposalStep{PrevVersion: p.Version, Proposal: &cur, Event: &schakel.ProposalEvent{Type: schakel.ProposalEventSigned},
		Signature: &schakel.Signature{Statement: "Nog eens.", Digest: ledger.TextHash("y")}})
	wantCode(e.t, err, schakel.ECONFLICT)
	e.unchangedProposals(before, "a second signature")
	if got, err := e.s.Signature(e.ctx, p.ID); err != nil || !reflect.DeepEqual(got, sig) {
		e.t.Fatalf("signature after a refused second: %+v, %v", got, err)
	}
	// The signature's row cannot be changed under the store.
	if err := e.rawExec("UPDATE proposal_signatures SET statement = 'Anders.' WHERE proposal_id = ?", p.ID); err == nil {
		e.t.Fatal("proposal_signatures took an UPDATE")
	}
	if err := e.rawExec("UPDATE proposal_events SET digest = '' WHERE proposal_id = ?", p.ID); err == nil {
		e.t.Fatal("proposal_events took an UPDATE")
	}
	if err := e.rawExec("DELETE FROM proposal_events WHERE proposal_id = ?", p.ID); err == nil {
		e.t.Fatal("proposal_events took a DELETE")
	}
}

func testProposals(e *env) {
	f := newPropFixture(e)
	bzk := MustOrganisation(e.t, e.s, "min-bzk", schakel.OrgMinistry)
	p1 := f.proposal(e, "Eerste", schakel.KindBill)
	p2 := f.proposal(e, "Tweede", schakel.KindMotion)
	p3, ev3 := f.newProposal("Derde", schakel.KindDecree)
	p3.MinistryID = bzk.ID
	must(e.t, e.s.CreateProposal(e.ctx, p3, ev3))
	f.ask(e, p1, f.uwv)
	f.ask(e, p3, f.svb, f.uwv)
	ids := func(ps []*schakel.Proposal) []int64 {
		var out []int64
		for _, p := range ps {
			out = append(out, p.ID)
		}
		return out
	}
	for _, tc := range []struct {
		name  string
		f     schakel.ProposalFilter
		want  []int64
		total int
	}{
		{"all, newest first", schakel.ProposalFilter{}, []int64{p3.ID, p2.ID, p1.ID}, 3},
		{"of szw", schakel.ProposalFilter{MinistryID: f.szw.ID}, []int64{p2.ID, p1.ID}, 2},
		{"motions", schakel.ProposalFilter{Kind: schakel.KindMotion}, []int64{p2.ID}, 1},
		{"in assessment", schakel.ProposalFilter{State: schakel.ProposalAssessing}, []int64{p3.ID, p1.ID}, 2},
		{"assessed by uwv", schakel.ProposalFilter{OrganisationID: f.uwv.ID}, []int64{p3.ID, p1.ID}, 2},
		{"assessed by svb", schakel.ProposalFilter{OrganisationID: f.svb.ID}, []int64{p3.ID}, 1},
		{"of szw assessed by svb", schakel.ProposalFilter{MinistryID: f.szw.ID, OrganisationID: f.svb.ID}, nil, 0},
		{"page", schakel.ProposalFilter{Offset: 1, Limit: 1}, []int64{p2.ID}, 3},
		{"beyond the end", schakel.ProposalFilter{Offset: 10}, nil, 3},
	} {
		got, total, err := e.s.Proposals(e.ctx, tc.f)
		must(e.t, err)
		if !slices.Equal(ids(got), tc.want) || total != tc.total {
			e.t.Errorf("%s: %v (total %d), want %v (total %d)", tc.name, ids(got), total, tc.want, tc.total)
		}
	}
	got, _, err := e.s.Proposals(e.ctx, schakel.ProposalFilter{Kind: schakel.KindMotion})
	must(e.t, err)
	if !reflect.DeepEqual(got[0], p2) {
		e.t.Fatalf("listed proposal %+v, want %+v", got[0], p2)
	}
	// 50 a page unless asked otherwise.
	for i := range 48 {
		f.proposal(e, fmt.Sprintf("Voorstel %d", i), schakel.KindPolicyRule)
	}
	if got, total, err := e.s.Proposals(e.ctx, schakel.ProposalFilter{}); err != nil || len(got) != 50 || total != 51 {
		e.t.Fatalf("default page: %d of %d, %v", len(got), total, err)
	}
	if got, _, err := e.s.Proposals(e.ctx, schakel.ProposalFilter{Limit: 1000}); err != nil || len(got) != 51 {
		e.t.Fatalf("a large page: %d, %v", len(got), err)
	}
}

// testProposalLog: every proposal event enters the log once, as its
// stored entry, after the request events and the changes of the register
// of cases of its round.
func testProposalLog(e *env) {
	f := newPropFixture(e)
	p := f.proposal(e, "Wet vereenvoudiging WIA", schakel.KindBill)
	as := f.ask(e, p, f.uwv)
	cf := &caseFixture{uwv: f.uwv, svb: f.svb, prof: f.coord, coord: f.board, j: f.policy}
	c := cf.newCase(e, f.uwv, "Gepubliceerd")
	cf.decideAndPublish(e, c, schakel.OutcomeMaatwerk, e.clock.Now())
	requestEvents := e.count("request_events")

	n, err := e.s.SequenceLedger(e.ctx, 0)
	must(e.t, err)
	if want := requestEvents + 1 + 2; n != want {
		e.t.Fatalf("appended %d, want %d request events, a change of the register and 2 proposal events", n, want)
	}
	wantSubjects(e, strings.Repeat("verzoek,", requestEvents)+"casus,voorstel,voorstel")
	if n, err := e.s.SequenceLedger(e.ctx, 0); err != nil || n != 0 {
		e.t.Fatalf("a second round appended %d (%v)", n, err)
	}

	// Later steps, a batch at a time: each once, as stored.
	f.deliver(e, as[0])
	sign(e, f, p, as)
	total := 0
	for {
		got, err := e.s.SequenceLedger(e.ctx, 2)
		must(e.t, err)
		total += got
		if got < 2 {
			break
		}
	}
	if want := 2 + 1; total != want {
		e.t.Fatalf("appended %d, want the answer and the new request, and the signature", total)
	}
	evs := wantProposalEntries(e, p)
	size, err := e.s.LedgerSize(e.ctx)
	must(e.t, err)
	entries, err := e.s.LedgerEntries(e.ctx, 0, size)
	must(e.t, err)
	var logged []*schakel.ProposalEvent
	for _, data := range entries {
		if !ledger.IsProposalEntry(data) {
			continue
		}
		pe, err := ledger.DecodeProposal(data)
		must(e.t, err)
		if id, seq, err := ledger.ProposalEntryID(data); err != nil || id != p.ID || seq != len(logged)+1 || pe.Ministry != f.szw.ID {
			e.t.Fatalf("proposal entry %s: %d/%d, %v", data, id, seq, err)
		}
		if !bytes.Equal(data, e.storedProposalEntry(p.ID, pe.Seq)) {
			e.t.Fatalf("entry %s is not the one stored with the event", data)
		}
		logged = append(logged, evs[pe.Seq-1])
	}
	if len(logged) != 3 || logged[2].Type != schakel.ProposalEventSigned || logged[2].Digest == "" {
		e.t.Fatalf("logged proposal events %+v", logged)
	}

	// An outbox row for an event already in the log (a restored database)
	// or for no event is dropped, never appended.
	must(e.t, e.rawExec("INSERT INTO log_outbox_proposals (proposal_id, seq) VALUES (?, 1), (99999, 1)", p.ID))
	if n, err := e.s.SequenceLedger(e.ctx, 10); err != nil || n != 0 || e.count("log_outbox_proposals") != 0 {
		e.t.Fatalf("appended %d (%v), %d outbox rows left", n, err, e.count("log_outbox_proposals"))
	}
	var dup int
	must(e.t, e.s.DB().QueryRowContext(e.ctx, "SELECT COUNT(*) FROM log_entries WHERE subject = 'voorstel'").Scan(&dup))
	if dup != 3 {
		e.t.Fatalf("%d proposal entries in the log, want 3", dup)
	}
}

// wantSubjects fails unless the log's entries are of the subjects want
// (comma separated, in index order).
func wantSubjects(e *env, want string) {
	e.t.Helper()
	rows, err := e.s.DB().QueryContext(e.ctx, "SELECT subject FROM log_entries ORDER BY idx")
	must(e.t, err)
	defer rows.Close()
	var got []string
	for rows.Next() {
		var s string
		must(e.t, rows.Scan(&s))
		got = append(got, s)
	}
	must(e.t, rows.Err())
	if strings.Join(got, ",") != want {
		e.t.Fatalf("log subjects %v, want %s", got, want)
	}
}

func testSignalsFiledFrom(e *env) {
	f := newSigFixture(e)
	a := f.signal(f.uwv, refWIA76)
	f.fileNew(e, a)
	e.clock.Advance(time.Hour)
	b := f.signal(f.uwv, refWIA76)
	f.fileNew(e, b)
	e.clock.Advance(time.Hour)
	c := f.signal(f.svb, refWIA36)
	f.fileNew(e, c)
	raised := &schakel.Signal{OrganisationID: f.uwv.ID, Anchors: anchorsOf([]string{refWIA76}), Proposal: "Ruw."}
	must(e.t, e.s.RaiseSignal(e.ctx, raised))
	from := e.signal(b.ID).FiledAt
	if from.IsZero() || !from.After(e.signal(a.ID).FiledAt) {
		e.t.Fatalf("filed at %v after %v", from, e.signal(a.ID).FiledAt)
	}
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
		{"at or after b's filing", schakel.SignalFilter{FiledFrom: from}, []int64{c.ID, b.ID}, 2},
		{"a moment after", schakel.SignalFilter{FiledFrom: from.Add(time.Microsecond)}, []int64{c.ID}, 1},
		{"in another zone", schakel.SignalFilter{FiledFrom: from.In(time.FixedZone("CET", 3600))}, []int64{c.ID, b.ID}, 2},
		{"on the WIA article, after b", schakel.SignalFilter{FiledFrom: from, Rule: "artikel:BWBR0019057/76", State: schakel.SignalFiled}, []int64{b.ID}, 1},
		{"all filed from the start", schakel.SignalFilter{FiledFrom: Start}, []int64{c.ID, b.ID, a.ID}, 3},
		{"none in the future", schakel.SignalFilter{FiledFrom: e.clock.Now().Add(time.Hour)}, nil, 0},
	} {
		got, total, err := e.s.Signals(e.ctx, tc.f)
		must(e.t, err)
		if !slices.Equal(ids(got), tc.want) || total != tc.total {
			e.t.Errorf("%s: %v (total %d), want %v (total %d)", tc.name, ids(got), total, tc.want, tc.total)
		}
	}
}
