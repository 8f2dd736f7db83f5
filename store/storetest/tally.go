package storetest

import (
	"slices"
	"time"

	"github.com/schakel-nl/schakel"
	"github.com/schakel-nl/schakel/calendar"
	"github.com/schakel-nl/schakel/comply"
)

func init() {
	tests["RequestTallies"] = testRequestTallies
	tests["KnelpuntLawTallies"] = testKnelpuntLawTallies
	tests["Requests (figure filters)"] = testRequestFigureFilters
}

// testRequestTallies: requests are counted alike by type, organisations,
// openness, answer, whole days to the first answer and lateness; the
// period bounds their creation and Now decides what is overdue. An answer
// after a contest keeps the first answer's days and the latest kind.
func testRequestTallies(e *env) {
	f := newReqFixture(e)
	start := e.clock.Now()
	a := f.create(e, schakel.TypeGeneral, user(f.burger), f.uwv, "Eerste")
	b := f.create(e, schakel.TypeGeneral, user(f.burger), f.uwv, "Tweede")
	f.create(e, schakel.TypeGeneral, user(f.burger), f.svb, "Derde")
	e.clock.Advance(3*24*time.Hour + time.Hour)
	apply(e, a)(f.eng.Answer(a, user(f.board), comply.AnswerInput{Kind: schakel.Comply, Changes: "Wij passen het aan.", ByWhen: calendar.DateOf(2027, 1, 1)}, e.clock.Now()))
	e.clock.Advance(24 * time.Hour)
	apply(e, b)(f.eng.Answer(b, user(f.board), comply.AnswerInput{Kind: schakel.Explain, Motivations: map[string]string{"zorgvuldigheid": "Het is zorgvuldig gedaan.", "motivering": "De motivering staat in de brief."}}, e.clock.Now()))
	tallies, err := e.s.RequestTallies(e.ctx, schakel.TallyFilter{From: start, To: start.Add(time.Hour), Now: start.Add(100 * 24 * time.Hour)})
	must(e.t, err)
	got := map[schakel.RequestTally]bool{}
	for _, t := range tallies {
		got[t] = true
	}
	want := []schakel.RequestTally{
		{Type: schakel.TypeGeneral, FirstOrganisationID: f.uwv.ID, Answer: schakel.Comply, AnswerDays: 3, Count: 1},
		{Type: schakel.TypeGeneral, FirstOrganisationID: f.uwv.ID, Answer: schakel.Explain, AnswerDays: 4, Count: 1},
		{Type: schakel.TypeGeneral, FirstOrganisationID: f.svb.ID, Open: true, Overdue: 1, AnswerDays: -1, Count: 1},
	}
	if len(tallies) != len(want) {
		e.t.Fatalf("tallies: %+v, want %+v", tallies, want)
	}
	for _, w := range want {
		if !got[w] {
			e.t.Errorf("no tally %+v in %+v", w, tallies)
		}
	}
	// As of a moment before the answers (a report's cut-off): nothing is
	// answered yet, all three are open, none overdue.
	tallies, err = e.s.RequestTallies(e.ctx, schakel.TallyFilter{From: start, To: start.Add(time.Hour), Now: start.Add(48 * time.Hour), AsOf: true})
	must(e.t, err)
	open := 0
	for _, t := range tallies {
		if t.Overdue != 0 || !t.Open || t.AnswerDays != -1 || t.Answer != "" {
			e.t.Errorf("as of day 2: %+v", t)
		}
		open += t.Count
	}
	if open != 3 {
		e.t.Errorf("as of day 2: %d open, want 3 (%+v)", open, tallies)
	}
	tallies, err = e.s.RequestTallies(e.ctx, schakel.TallyFilter{From: start.Add(time.Hour), To: start.Add(48 * time.Hour), Now: start})
	must(e.t, err)
	if len(tallies) != 0 {
		e.t.Errorf("outside the period: %+v", tallies)
	}
}

// testKnelpuntLawTallies: knelpunten count per law and organisation once
// they reached a ministry, with their citizens and cost; a knelpunt still
// at its team does not count.
func testKnelpuntLawTallies(e *env) {
	start := e.clock.Now()
	tallies, err := e.s.KnelpuntLawTallies(e.ctx, schakel.TallyFilter{From: start.Add(-time.Hour), To: start.Add(time.Hour)})
	must(e.t, err)
	if len(tallies) != 0 {
		e.t.Fatalf("an empty store has tallies: %+v", tallies)
	}
	kf := newKnelpuntLawFixture(e)
	tallies, err = e.s.KnelpuntLawTallies(e.ctx, schakel.TallyFilter{From: start.Add(-time.Hour), To: e.clock.Now().Add(time.Hour)})
	must(e.t, err)
	if len(tallies) != 1 {
		e.t.Fatalf("tallies: %+v", tallies)
	}
	got := tallies[0]
	if got.Law != kf.law || got.OrganisationID != kf.org || got.Knelpunten != 1 || got.CitizensHigh != kf.citizensHigh || got.CostYearlyCents != kf.costYearly {
		e.t.Errorf("tally %+v, want law %s org %d citizens ≤ %d cost %d", got, kf.law, kf.org, kf.citizensHigh, kf.costYearly)
	}
	tallies, err = e.s.KnelpuntLawTallies(e.ctx, schakel.TallyFilter{From: e.clock.Now().Add(time.Hour), To: e.clock.Now().Add(2 * time.Hour)})
	must(e.t, err)
	if len(tallies) != 0 {
		e.t.Errorf("outside the period: %+v", tallies)
	}
}

// knelpuntLawFixture is a knelpunt of uwv on the WIA that reached the
// ministry, beside one still at its team.
type knelpuntLawFixture struct {
	law                      string
	org                      int64
	citizensHigh, costYearly int64
}

func newKnelpuntLawFixture(e *env) knelpuntLawFixture {
	e.t.Helper()
	f := newSigFixture(e)
	sig := f.signal(f.uwv, refWIA76)
	k := f.fileNew(e, sig)
	f.fileNew(e, f.signal(f.uwv, refWIA76)) // at its team: not counted
	// Climbing the ladder is the signal service's work (tested there); the
	// store counts what the row says.
	must(e.t, e.rawExec("UPDATE knelpunten SET level = 'ministerie' WHERE id = ?", k.ID))
	return knelpuntLawFixture{law: "BWBR0019057", org: f.uwv.ID, citizensHigh: sig.Citizens.High, costYearly: sig.Cost.YearlyCents}
}

// testRequestFigureFilters: the filters the parliament view lists the
// requests behind a figure with — open, answered, by answer kind, types in
// and out, the organisations first asked or asking, the period.
func testRequestFigureFilters(e *env) {
	f := newReqFixture(e)
	start := e.clock.Now()
	a := f.create(e, schakel.TypeGeneral, user(f.burger), f.uwv, "Eerste")
	b := f.create(e, schakel.TypeObjection, user(f.burger), f.svb, "Tweede")
	c := f.brake(e, "Derde")
	e.clock.Advance(2 * 24 * time.Hour)
	apply(e, a)(f.eng.Answer(a, user(f.board), comply.AnswerInput{Kind: schakel.Comply, Changes: "Wij passen het aan.", ByWhen: calendar.DateOf(2027, 1, 1)}, e.clock.Now()))
	ids := func(flt schakel.RequestFilter) []int64 {
		e.t.Helper()
		rs, total, err := e.s.Requests(e.ctx, flt)
		must(e.t, err)
		var out []int64
		for _, r := range rs {
			out = append(out, r.ID)
		}
		if total != len(out) {
			e.t.Errorf("%+v: total %d, listed %d", flt, total, len(out))
		}
		return out
	}
	for _, tc := range []struct {
		name string
		flt  schakel.RequestFilter
		want []int64
	}{
		{"open", schakel.RequestFilter{Open: true}, []int64{b.ID, c.ID}},
		{"answered", schakel.RequestFilter{Answered: true}, []int64{a.ID}},
		{"comply", schakel.RequestFilter{Answer: schakel.Comply}, []int64{a.ID}},
		{"explain", schakel.RequestFilter{Answer: schakel.Explain}, nil},
		{"types", schakel.RequestFilter{Types: []schakel.RequestType{schakel.TypeObjection, schakel.TypeProfessionalBrake}}, []int64{b.ID, c.ID}},
		{"except types", schakel.RequestFilter{ExceptTypes: []schakel.RequestType{schakel.TypeObjection}}, []int64{a.ID, c.ID}},
		{"organisation", schakel.RequestFilter{FirstOrganisationIDs: []int64{f.svb.ID}}, []int64{b.ID}},
		{"period", schakel.RequestFilter{CreatedFrom: start, CreatedTo: start.Add(time.Hour)}, []int64{a.ID, b.ID, c.ID}},
		{"later period", schakel.RequestFilter{CreatedFrom: start.Add(time.Hour)}, nil},
		{"missed", schakel.RequestFilter{Missed: true}, nil},
		{"answer overdue, not yet", schakel.RequestFilter{AnswerOverdue: true, Now: start.Add(24 * time.Hour)}, nil},
		{"answer overdue", schakel.RequestFilter{AnswerOverdue: true, Now: start.Add(200 * 24 * time.Hour)}, []int64{b.ID, c.ID}},
		{"escalated", schakel.RequestFilter{Escalated: true}, nil},
	} {
		got := ids(tc.flt)
		slices.Sort(got)
		want := slices.Clone(tc.want)
		slices.Sort(want)
		if !slices.Equal(got, want) {
			e.t.Errorf("%s: %v, want %v", tc.name, got, want)
		}
	}
}
