package storetest

import (
	"reflect"
	"slices"
	"time"

	"github.com/schakel-nl/schakel"
	"github.com/schakel-nl/schakel/calendar"
	"github.com/schakel-nl/schakel/comply"
)

// The conformance tests of the assessments: delivered by the organisation
// asked, answered by the minister, or missed (see proposal.go for the
// proposals and the fixture).

// delivery fills in a's assessment, every field set, and builds the answer
// of its request by org's board and the request for the minister's
// answer, without storing them.
func (f *propFixture) delivery(e *env, a *schakel.Assessment) (schakel.RequestUpdate, schakel.RequestCreation) {
	e.t.Helper()
	a.Verdict, a.CostOnce, a.CostYearly, a.FTEOnce, a.FTEYearly = schakel.VerdictConditional, 1_250_000_00, 300_000_00, 45, 12
	a.BorneBy = "UWV, uit de begroting van SZW"
	a.Effects = []schakel.Effect{{Group: "Mensen met een WIA-uitkering", Citizens: 12000, Better: true, Text: "Zij krijgen sneller zekerheid."},
		{Group: "Werkgevers", Citizens: 300, Text: "Zij moeten vaker gegevens leveren."}}
	a.Conflicts = []schakel.Ground{{Principle: "evenredigheid", Text: "De terugvordering blijft hard."}, {Principle: "zorgvuldigheid", Text: "De termijn is kort."}}
	a.Conditions = []string{"Een overgangstermijn van een jaar.", "Budget voor de systemen."}
	a.Start, a.Alternatives, a.Dilemmas = calendar.DateOf(2027, 7, 1), []string{"Een pilot in één regio."}, []string{"Snelheid of zorgvuldigheid."}
	r, err := e.s.Request(e.ctx, a.RequestID)
	must(e.t, err)
	n, ev, err := f.eng.Answer(r, schakel.Party{Kind: schakel.PartyUser, UserID: f.board.ID, OrganisationID: a.OrganisationID},
		comply.AnswerInput{Kind: schakel.Comply, Changes: "De uitvoeringstoets.", ByWhen: a.Start}, e.clock.Now())
	must(e.t, err)
	ar, aev, err := f.eng.New(comply.NewRequest{Type: schakel.TypeAssessmentAnswer, Subject: "Reactie op de uitvoeringstoets", Body: "Beantwoord elk punt.",
		Grounds: slices.Clone(testGrounds)[:1], Requester: schakel.Party{Kind: schakel.PartyOrganisation, UserID: f.board.ID, OrganisationID: a.OrganisationID}},
		[]schakel.Addressee{{OrganisationID: f.szw.ID, Role: schakel.RoleMinister}}, nil, e.clock.Now())
	must(e.t, err)
	return schakel.RequestUpdate{PrevVersion: r.Version, Request: n, Event: ev}, schakel.RequestCreation{Request: ar, Event: aev}
}

// deliver delivers a's assessment.
func (f *propFixture) deliver(e *env, a *schakel.Assessment) {
	e.t.Helper()
	u, c := f.delivery(e, a)
	must(e.t, e.s.DeliverAssessment(e.ctx, a, u, c))
}

// answering builds the minister's answer to every item of a, without
// storing it.
func (f *propFixture) answering(e *env, a *schakel.Assessment) schakel.RequestUpdate {
	e.t.Helper()
	a.Answers = nil
	for i, item := range a.Items() {
		a.Answers = append(a.Answers, schakel.ItemAnswer{Item: item.Principle, Accepted: i%2 == 0, Text: "Antwoord op " + item.Principle})
	}
	r, err := e.s.Request(e.ctx, a.AnswerRequestID)
	must(e.t, err)
	n, ev, err := f.eng.Answer(r, schakel.Party{Kind: schakel.PartyUser, UserID: f.minister.ID, OrganisationID: f.szw.ID},
		comply.AnswerInput{Kind: schakel.Comply, Changes: "Elk punt beantwoord.", ByWhen: calendar.DateOf(2027, 1, 1)}, e.clock.Now())
	must(e.t, err)
	return schakel.RequestUpdate{PrevVersion: r.Version, Request: n, Event: ev}
}

func testDeliverAssessment(e *env) {
	f := newPropFixture(e)
	_, err := e.s.Assessment(e.ctx, 99999)
	wantCode(e.t, err, schakel.ENOTFOUND)
	p := f.proposal(e, "Wet vereenvoudiging WIA", schakel.KindBill)
	as := f.ask(e, p, f.uwv, f.svb)
	a := as[0]
	e.clock.Advance(24 * time.Hour)

	// Refused: a value in conflict with a principle that does not exist,
	// an assessment that does not exist. Nothing is written.
	before := e.proposalSnapshot()
	bad := *a
	u, c := f.delivery(e, &bad)
	bad.Conflicts = append(bad.Conflicts, schakel.Ground{Principle: "verzonnen", Text: "?"})
	wantFields(e.t, e.s.DeliverAssessment(e.ctx, &bad, u, c), "conflicten[2].beginsel")
	ghost := *a
	ghost.ID = 99999
	u, c = f.delivery(e, &ghost)
	wantCode(e.t, e.s.DeliverAssessment(e.ctx, &ghost, u, c), schakel.ENOTFOUND)
	// The answer of another request than the assessment's is the caller's
	// error.
	wrong := *as[1]
	u, c = f.delivery(e, &wrong)
	wrong.ID = a.ID
	if err := e.s.DeliverAssessment(e.ctx, &wrong, u, c); err == nil || schakel.ErrorCode(err) != schakel.EINTERNAL {
		e.t.Fatalf("delivering with another request's answer: %v", err)
	}
	e.unchangedProposals(before, "a refused delivery")

	// Delivered: every field reads back, the request is answered as
	// UpdateRequest answers it, the minister's request is created.
	u, c = f.delivery(e, a)
	must(e.t, e.s.DeliverAssessment(e.ctx, a, u, c))
	if a.State != schakel.AssessmentDelivered || a.AnswerRequestID == 0 || a.AnswerRequestID != c.Request.ID || c.Event.RequestID != c.Request.ID ||
		a.DeliveredBy != f.board.ID || !a.DeliveredAt.Equal(e.clock.Now()) || u.Event.RequestID != a.RequestID {
		e.t.Fatalf("after delivery: %+v", a)
	}
	got, err := e.s.Assessment(e.ctx, a.ID)
	must(e.t, err)
	if !reflect.DeepEqual(got, a) {
		e.t.Fatalf("assessment reads back as\n%+v\nwant\n%+v", got, a)
	}
	wantRequest(e, u.Request)
	wantRequest(e, c.Request)
	wantLedgerEntries(e)
	for _, tc := range []struct {
		request, want int64
	}{{a.RequestID, a.ID}, {a.AnswerRequestID, a.ID}, {as[1].RequestID, as[1].ID}, {99999, 0}} {
		if got, err := e.s.AssessmentOfRequest(e.ctx, tc.request); err != nil || got != tc.want {
			e.t.Errorf("AssessmentOfRequest(%d) = %d, %v; want %d", tc.request, got, err, tc.want)
		}
	}

	// Delivered twice: ECONFLICT, nothing written.
	before = e.proposalSnapshot()
	again := *a
	again.Verdict = schakel.VerdictNot
	r, err := e.s.Request(e.ctx, as[1].RequestID)
	must(e.t, err)
	n, ev, err := f.eng.Acknowledge(r, user(f.board), e.clock.Now())
	must(e.t, err)
	_, c2 := f.delivery(e, as[1])
	wantCode(e.t, e.s.DeliverAssessment(e.ctx, &again, schakel.RequestUpdate{PrevVersion: r.Version, Request: n, Event: ev}, c2), schakel.ECONFLICT)
	e.unchangedProposals(before, "a second delivery")
}

func testAnswerAssessment(e *env) {
	f := newPropFixture(e)
	p := f.proposal(e, "Wet vereenvoudiging WIA", schakel.KindBill)
	a := f.ask(e, p, f.uwv)[0]

	// Not delivered yet: nothing to answer.
	before := e.proposalSnapshot()
	r, err := e.s.Request(e.ctx, a.RequestID)
	must(e.t, err)
	n, ev, err := f.eng.Acknowledge(r, user(f.board), e.clock.Now())
	must(e.t, err)
	early := *a
	early.Answers = []schakel.ItemAnswer{{Item: "voorwaarde-1", Accepted: true, Text: "Ja."}}
	wantCode(e.t, e.s.AnswerAssessment(e.ctx, &early, schakel.RequestUpdate{PrevVersion: r.Version, Request: n, Event: ev}), schakel.ECONFLICT)
	e.unchangedProposals(before, "an answer before the delivery")

	f.deliver(e, a)
	e.clock.Advance(48 * time.Hour)
	u := f.answering(e, a)
	if len(a.Answers) < 4 {
		e.t.Fatalf("answers to %d items, want at least 2 conditions and 2 values", len(a.Answers))
	}
	ghost := *a
	ghost.ID = 99999
	wantCode(e.t, e.s.AnswerAssessment(e.ctx, &ghost, u), schakel.ENOTFOUND)
	must(e.t, e.s.AnswerAssessment(e.ctx, a, u))
	if a.State != schakel.AssessmentAnswered || a.AnsweredBy != f.minister.ID || !a.AnsweredAt.Equal(e.clock.Now()) || u.Event.RequestID != a.AnswerRequestID {
		e.t.Fatalf("after the answer: %+v", a)
	}
	got, err := e.s.Assessment(e.ctx, a.ID)
	must(e.t, err)
	if !reflect.DeepEqual(got, a) {
		e.t.Fatalf("assessment reads back as\n%+v\nwant\n%+v", got, a)
	}
	wantRequest(e, u.Request)
	wantLedgerEntries(e)

	// Answered twice: ECONFLICT, nothing written.
	before = e.proposalSnapshot()
	again := *a
	again.Answers = nil
	wantCode(e.t, e.s.AnswerAssessment(e.ctx, &again, u), schakel.ECONFLICT)
	e.unchangedProposals(before, "a second answer")
}

func testMissAssessment(e *env) {
	f := newPropFixture(e)
	wantCode(e.t, e.s.MissAssessment(e.ctx, 99999), schakel.ENOTFOUND)
	p := f.proposal(e, "Wet vereenvoudiging WIA", schakel.KindBill)
	as := f.ask(e, p, f.uwv, f.svb)
	must(e.t, e.s.MissAssessment(e.ctx, as[0].ID))
	got, err := e.s.Assessment(e.ctx, as[0].ID)
	must(e.t, err)
	if got.State != schakel.AssessmentMissed {
		e.t.Fatalf("state %s after the miss", got.State)
	}
	// Recording the miss again changes nothing.
	before := e.proposalSnapshot()
	must(e.t, e.s.MissAssessment(e.ctx, as[0].ID))
	e.unchangedProposals(before, "a second miss")
	// A missed assessment is not delivered any more; a delivered one is
	// not missed.
	u, c := f.delivery(e, as[0])
	wantCode(e.t, e.s.DeliverAssessment(e.ctx, as[0], u, c), schakel.ECONFLICT)
	f.deliver(e, as[1])
	before = e.proposalSnapshot()
	wantCode(e.t, e.s.MissAssessment(e.ctx, as[1].ID), schakel.ECONFLICT)
	e.unchangedProposals(before, "missing a delivered assessment")
}
