package assessments_test

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"slices"
	"testing"
	"time"

	"github.com/schakel-nl/schakel"
	"github.com/schakel-nl/schakel/assessments"
	"github.com/schakel-nl/schakel/calendar"
	"github.com/schakel-nl/schakel/comply"
	"github.com/schakel-nl/schakel/jobs"
	"github.com/schakel-nl/schakel/requests"
	"github.com/schakel-nl/schakel/schakeltest"
	"github.com/schakel-nl/schakel/store"
	"github.com/schakel-nl/schakel/store/storetest"
)

// world is a ministry with its policy officer, minister and
// secretary-general, two executing organisations with their boards, and
// parliament.
type world struct {
	ctx                      context.Context
	st                       *store.Store
	svc                      *assessments.Service
	clock                    *schakeltest.Clock
	engine                   *comply.Engine
	policy, minister, sg     *schakel.User
	uwvBoard, gemBoard, prof *schakel.User
	szw, uwv, gem            *schakel.Organisation
}

func newWorld(t testing.TB, open storetest.Opener) *world {
	t.Helper()
	clock := schakeltest.NewClock(time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC))
	st := open(t, clock)
	ctx := context.Background()
	if _, err := st.SeedPrinciples(ctx, schakel.DefaultPrinciples()); err != nil {
		t.Fatal(err)
	}
	w := &world{ctx: ctx, st: st, clock: clock, engine: &comply.Engine{Calendar: calendar.New()}}
	w.szw = storetest.MustOrganisation(t, st, "min-szw", schakel.OrgMinistry)
	w.uwv = storetest.MustOrganisation(t, st, "uwv", schakel.OrgExecutive, w.szw.ID)
	w.gem = storetest.MustOrganisation(t, st, "gemeente-a", schakel.OrgMunicipality, w.szw.ID)
	storetest.MustOrganisation(t, st, "tweede-kamer", schakel.OrgParliament)
	w.policy = storetest.MustUser(t, st, "policy", schakel.Membership{OrganisationID: w.szw.ID, Role: schakel.RolePolicy})
	w.minister = storetest.MustUser(t, st, "minister", schakel.Membership{OrganisationID: w.szw.ID, Role: schakel.RoleMinister})
	w.sg = storetest.MustUser(t, st, "sg", schakel.Membership{OrganisationID: w.szw.ID, Role: schakel.RoleSecretaryGeneral})
	w.uwvBoard = storetest.MustUser(t, st, "uwv-board", schakel.Membership{OrganisationID: w.uwv.ID, Role: schakel.RoleBoard})
	w.gemBoard = storetest.MustUser(t, st, "gem-board", schakel.Membership{OrganisationID: w.gem.ID, Role: schakel.RoleBoard})
	w.prof = storetest.MustUser(t, st, "uwv-prof", schakel.Membership{OrganisationID: w.uwv.ID, Role: schakel.RoleProfessional})
	w.svc = assessments.New(st, requests.New(st, w.engine, clock), clock)
	return w
}

func must[T any](v T, err error) T {
	if err != nil {
		panic(fmt.Sprintf("%v %v", err, schakel.ErrorFields(err)))
	}
	return v
}

func wantCode(t *testing.T, err error, code string, fields ...string) {
	t.Helper()
	if schakel.ErrorCode(err) != code {
		t.Fatalf("got %v, want %s", err, code)
	}
	got := schakel.ErrorFields(err)
	for _, f := range fields {
		if !slices.ContainsFunc(got, func(g schakel.FieldError) bool { return g.Field == f }) {
			t.Errorf("%s not named in %v", f, got)
		}
	}
}

func (w *world) today() calendar.Date { return w.engine.Calendar.Today(w.clock.Now()) }

// amendment is a WIA amendment on advances (report §4.2).
func (w *world) amendment() assessments.RegisterInput {
	return assessments.RegisterInput{Ministry: "min-szw", Kind: schakel.KindAmendment, Title: "Amendement: geen terugvordering van WIA-voorschotten na een te laat besluit",
		Summary: "Een voorschot wordt niet teruggevorderd als UWV te laat besliste.", Rules: []string{"jci1.3:c:BWBR0019057&artikel=76"},
		Task: "Bestaanszekerheid voor mensen die arbeidsongeschikt worden", PlannedEntry: w.today().AddDays(200), TextURL: "https://zoek.officielebekendmakingen.nl/kst-36000-1.html"}
}

// conditional is UWV's assessment: executable under conditions.
func (w *world) conditional() assessments.DeliverInput {
	return assessments.DeliverInput{Verdict: schakel.VerdictConditional, CostOnce: 1_250_000_00, CostYearly: 300_000_00, FTEOnce: 45, FTEYearly: 20, BorneBy: "Rijk (SZW)",
		Effects:    []schakel.Effect{{Group: "Mensen met een WIA-voorschot", Citizens: 8000, Better: true, Text: "Zij houden hun voorschot."}},
		Conflicts:  []assessments.Conflict{{Principle: "rechtszekerheid", Grounds: "Wie al terugbetaalde, wordt anders behandeld dan wie nog niet betaalde."}},
		Conditions: []string{"Een invoeringstermijn van zes maanden voor de systemen.", "Een herstelregeling voor wie al terugbetaalde."},
		Start:      w.today().AddDays(180), Dilemmas: []string{"Terugwerkende kracht kost meer maar is rechtvaardiger."}}
}

// answers answers every item of a with its own text.
func answers(a *schakel.Assessment, accepted bool) assessments.AnswerInput {
	in := assessments.AnswerInput{Items: map[string]assessments.ItemInput{}}
	for i, it := range a.Items() {
		in.Items[it.Principle] = assessments.ItemInput{Accepted: accepted || i%2 == 0,
			Text: fmt.Sprintf("Punt %s: %s", it.Principle, []string{"wij voorzien hierin met een aparte regeling in de wet.", "dit kost te veel in verhouding tot de opbrengst voor burgers.", "de systemen van UWV krijgen een jaar de tijd.", "een herstelregeling volgt bij de begroting van volgend jaar."}[i%4])}
	}
	return in
}

// TestFlow: register → request two organisations → both deliver → the
// minister answers every item → the secretary-general signs → sent to
// parliament → in force; with the refusals on the way.
func TestFlow(t *testing.T) {
	for _, b := range storetest.Backends() {
		t.Run(b.Name, func(t *testing.T) {
			w := newWorld(t, b.Open)
			_, err := w.svc.Register(w.ctx, w.uwvBoard, w.amendment())
			wantCode(t, err, schakel.EFORBIDDEN)
			p := must(w.svc.Register(w.ctx, w.policy, w.amendment()))
			p = must(w.svc.RequestAssessments(w.ctx, w.policy, p.ID, assessments.RequestInput{Organisations: []string{"uwv", "gemeente-a"}}))
			if p.State != schakel.ProposalAssessing {
				t.Fatalf("after the requests: %s", p.State)
			}
			as := must(w.st.Assessments(w.ctx, p.ID))
			if len(as) != 2 {
				t.Fatalf("assessments: %d", len(as))
			}
			r := must(w.st.Request(w.ctx, as[0].RequestID))
			if !r.Urgent || r.AnswerDue != w.engine.Calendar.AddWorkingDays(w.today(), 5) {
				t.Errorf("an amendment's term: urgent %v, due %s", r.Urgent, r.AnswerDue)
			}
			_, err = w.svc.Requests.Answer(w.ctx, w.uwvBoard, r.ID, requests.AnswerInput{AnswerInput: comply.AnswerInput{Kind: schakel.Comply, Changes: "x", ByWhen: w.today().AddDays(5)}})
			wantCode(t, err, schakel.ECONFLICT) // answered through the assessment

			uwvA, gemA := as[0], as[1]
			if uwvA.OrganisationID != w.uwv.ID {
				uwvA, gemA = gemA, uwvA
			}
			_, err = w.svc.Deliver(w.ctx, w.gemBoard, uwvA.ID, w.conditional())
			wantCode(t, err, schakel.EFORBIDDEN)
			uwvA = must(w.svc.Deliver(w.ctx, w.uwvBoard, uwvA.ID, w.conditional()))
			if uwvA.State != schakel.AssessmentDelivered || uwvA.AnswerRequestID == 0 || len(uwvA.Items()) != 4 {
				t.Fatalf("delivered: %+v", uwvA)
			}
			_, err = w.svc.Sign(w.ctx, w.sg, p.ID, assessments.SignInput{Statement: "Ik teken voor de uitvoerbaarheid van dit voorstel."})
			wantCode(t, err, schakel.ECONFLICT, fmt.Sprintf("toetsen[%d]", uwvA.ID), fmt.Sprintf("toetsen[%d]", gemA.ID))

			// The minister: every item, each with its own text.
			_, err = w.svc.Answer(w.ctx, w.policy, uwvA.ID, answers(uwvA, false))
			wantCode(t, err, schakel.EFORBIDDEN)
			partial := answers(uwvA, false)
			delete(partial.Items, "voorwaarde-2")
			_, err = w.svc.Answer(w.ctx, w.minister, uwvA.ID, partial)
			wantCode(t, err, schakel.EINVALID, "antwoorden.voorwaarde-2")
			same := answers(uwvA, false)
			same.Items["waarde-rechtszekerheid"] = assessments.ItemInput{Text: same.Items["voorwaarde-1"].Text}
			same.Items["voorwaarde-2"] = assessments.ItemInput{Text: "  PUNT voorwaarde-1: Wij voorzien hierin met een aparte regeling in de wet  "}
			_, err = w.svc.Answer(w.ctx, w.minister, uwvA.ID, same)
			wantCode(t, err, schakel.EINVALID, "antwoorden.waarde-rechtszekerheid")
			uwvA = must(w.svc.Answer(w.ctx, w.minister, uwvA.ID, answers(uwvA, false)))
			if uwvA.State != schakel.AssessmentAnswered || len(uwvA.Answers) != 4 {
				t.Fatalf("answered: %+v", uwvA)
			}

			gemIn := w.conditional()
			gemIn.Verdict, gemIn.Conditions = schakel.VerdictExecutable, nil
			gemA = must(w.svc.Deliver(w.ctx, w.gemBoard, gemA.ID, gemIn))
			gemA = must(w.svc.Answer(w.ctx, w.minister, gemA.ID, answers(gemA, true)))
			ar := must(w.st.Request(w.ctx, gemA.AnswerRequestID))
			if ar.Answer != schakel.Comply {
				t.Errorf("every item accepted is a comply, got %s", ar.Answer)
			}

			_, err = w.svc.Send(w.ctx, w.policy, p.ID)
			wantCode(t, err, schakel.ECONFLICT, "handtekening")
			_, err = w.svc.Sign(w.ctx, w.minister, p.ID, assessments.SignInput{Statement: "Ik teken voor de uitvoerbaarheid van dit voorstel."})
			wantCode(t, err, schakel.EFORBIDDEN)
			sig := must(w.svc.Sign(w.ctx, w.sg, p.ID, assessments.SignInput{Statement: "Ik teken voor de uitvoerbaarheid van dit voorstel."}))
			if len(sig.Assessments) != 2 || len(sig.Digest) != 64 {
				t.Fatalf("signature %+v", sig)
			}
			p = must(w.svc.Send(w.ctx, w.policy, p.ID))
			if p.State != schakel.ProposalSent {
				t.Fatalf("sent: %s", p.State)
			}
			p = must(w.svc.EnterIntoForce(w.ctx, w.policy, p.ID, assessments.EnterInput{Day: w.today()}))
			v := must(w.svc.Get(w.ctx, nil, p.ID))
			if v.Signature == nil || len(v.Assessments) != 2 || len(v.Missing) != 0 || v.Since == nil || len(v.Timeline) < 10 {
				t.Fatalf("view: signature %v, %d assessments, missing %v, since %v, %d steps", v.Signature, len(v.Assessments), v.Missing, v.Since, len(v.Timeline))
			}
			for _, av := range v.Assessments {
				if !av.Assess.Kept || av.Answer == nil || !av.Answer.Kept {
					t.Errorf("terms of %s: %+v, %+v", av.Organisation.Code, av.Assess, av.Answer)
				}
			}
			evs := must(w.st.ProposalEvents(w.ctx, p.ID))
			var types []schakel.ProposalEventType
			for _, ev := range evs {
				types = append(types, ev.Type)
			}
			want := []schakel.ProposalEventType{schakel.ProposalEventRegistered, schakel.ProposalEventRequested, schakel.ProposalEventSigned, schakel.ProposalEventSent, schakel.ProposalEventInForce}
			if !slices.Equal(types, want) {
				t.Fatalf("events %v, want %v", types, want)
			}
		})
	}
}

// TestMissedTermHoldsUntilRecorded: an organisation that lets its term
// pass holds the proposal until the sweeper has recorded the miss; then
// the proposal may go on without its assessment.
func TestMissedTermHoldsUntilRecorded(t *testing.T) {
	for _, b := range storetest.Backends() {
		t.Run(b.Name, func(t *testing.T) {
			w := newWorld(t, b.Open)
			p := must(w.svc.Register(w.ctx, w.policy, w.amendment()))
			p = must(w.svc.RequestAssessments(w.ctx, w.policy, p.ID, assessments.RequestInput{Organisations: []string{"uwv"}}))
			a := must(w.st.Assessments(w.ctx, p.ID))[0]
			w.clock.Advance(14 * 24 * time.Hour)
			_, err := w.svc.Sign(w.ctx, w.sg, p.ID, assessments.SignInput{Statement: "Ik teken voor de uitvoerbaarheid van dit voorstel."})
			wantCode(t, err, schakel.ECONFLICT, fmt.Sprintf("toetsen[%d]", a.ID))
			if f := schakel.ErrorFields(err); len(f) != 1 || f[0].Code != "overdue" {
				t.Fatalf("before the sweep: %v", f)
			}
			sw := &jobs.Sweeper{Store: w.st, Engine: w.engine, Clock: w.clock, Log: slog.New(slog.NewTextHandler(io.Discard, nil))}
			if res := must(sw.SweepOnce(w.ctx)); res.MissedTop != 1 {
				t.Fatalf("sweep: %+v", res)
			}
			must(w.svc.Sign(w.ctx, w.sg, p.ID, assessments.SignInput{Statement: "Ik teken; UWV bracht geen toets uit binnen de termijn."}))
			if a = must(w.st.Assessment(w.ctx, a.ID)); a.State != schakel.AssessmentMissed {
				t.Fatalf("the assessment after the sweep: %s", a.State)
			}
			_, err = w.svc.Deliver(w.ctx, w.uwvBoard, a.ID, w.conditional())
			wantCode(t, err, schakel.ECONFLICT)
			must(w.svc.Send(w.ctx, w.policy, p.ID))
		})
	}
}

// TestBadInput: every invalid field is named at once and nothing stored.
func TestBadInput(t *testing.T) {
	for _, b := range storetest.Backends() {
		t.Run(b.Name, func(t *testing.T) {
			w := newWorld(t, b.Open)
			bad := w.amendment()
			bad.Kind, bad.Title, bad.Rules, bad.PlannedEntry, bad.TextURL = "wet", "", []string{"BWBR12"}, w.today().AddDays(-1), "http://x"
			_, err := w.svc.Register(w.ctx, w.policy, bad)
			wantCode(t, err, schakel.EINVALID, "soort", "titel", "regels[0]", "inwerkingtreding", "tekstUrl")
			if _, n, _ := w.svc.List(w.ctx, schakel.ProposalFilter{}); n != 0 {
				t.Fatalf("stored %d proposals", n)
			}
			p := must(w.svc.Register(w.ctx, w.policy, w.amendment()))
			_, err = w.svc.RequestAssessments(w.ctx, w.policy, p.ID, assessments.RequestInput{Organisations: []string{"min-szw", "bestaat-niet"}})
			wantCode(t, err, schakel.EINVALID, "organisaties[0]", "organisaties[1]")
			p = must(w.svc.RequestAssessments(w.ctx, w.policy, p.ID, assessments.RequestInput{Organisations: []string{"uwv"}}))
			a := must(w.st.Assessments(w.ctx, p.ID))[0]
			in := w.conditional()
			in.Verdict, in.CostOnce, in.FTEYearly, in.Conditions = "misschien", -1, -3, []string{""}
			in.Conflicts = []assessments.Conflict{{Principle: "onbekend", Grounds: ""}}
			in.Effects = []schakel.Effect{{Group: "", Citizens: 30_000_000}}
			in.Start = calendar.Date{}
			_, err = w.svc.Deliver(w.ctx, w.uwvBoard, a.ID, in)
			wantCode(t, err, schakel.EINVALID, "oordeel", "kosten.eenmaligCenten", "kosten.fteStructureel", "voorwaarden[0]", "conflicten[0].beginsel",
				"conflicten[0].reden", "effecten[0].groep", "effecten[0].burgers", "effecten[0].toelichting", "start")
			if a = must(w.st.Assessment(w.ctx, a.ID)); a.State != schakel.AssessmentRequested {
				t.Fatalf("after bad input: %s", a.State)
			}
		})
	}
}
