package storetest

import (
	"maps"
	"time"

	"github.com/schakel-nl/schakel"
	"github.com/schakel-nl/schakel/calendar"
	"github.com/schakel-nl/schakel/comply"
	"github.com/schakel-nl/schakel/ledger"
)

func init() {
	tests["PartialAnswer"] = testPartialAnswer
	tests["ReferralsUsed (partial answer)"] = testPartialReferral
}

// partialInput is a comply in part on testGrounds: what is done by when,
// and what is not and why per principle.
func partialInput() comply.AnswerInput {
	return comply.AnswerInput{Kind: schakel.Partial, Changes: "Wij bieden een betalingsregeling aan.", ByWhen: calendar.DateOf(2027, 1, 1),
		Motivations: map[string]string{"zorgvuldigheid": "De schuld schelden wij niet kwijt: de wet laat dat niet toe.", "motivering": "De motivering staat in de brief."}}
}

// testPartialAnswer: a partial answer (deels) is stored and read back with
// both its parts, is found by its kind and counted in the tallies as
// answered with kind deels, and its log entry is the projection, a version
// 1 entry that commits to both parts.
func testPartialAnswer(e *env) {
	f := newReqFixture(e)
	start := e.clock.Now()
	a := f.create(e, schakel.TypeGeneral, user(f.burger), f.uwv, "Deels")
	b := f.create(e, schakel.TypeGeneral, user(f.burger), f.uwv, "Geheel")
	e.clock.Advance(2*24*time.Hour + time.Hour)
	in := partialInput()
	a = apply(e, a)(f.eng.Answer(a, user(f.board), in, e.clock.Now()))
	apply(e, b)(f.eng.Answer(b, user(f.board), comply.AnswerInput{Kind: schakel.Comply, Changes: "Wij passen het aan.", ByWhen: calendar.DateOf(2027, 1, 1)}, e.clock.Now()))
	wantRequest(e, a)
	got, err := e.s.Request(e.ctx, a.ID)
	must(e.t, err)
	if got.State != schakel.StateAnswered || got.Answer != schakel.Partial {
		e.t.Fatalf("stored state %s answer %q, want beantwoord deels", got.State, got.Answer)
	}
	evs, err := e.s.Events(e.ctx, a.ID)
	must(e.t, err)
	last := evs[len(evs)-1]
	d := last.Data
	if last.Type != schakel.EventAnswered || d.Answer != schakel.Partial || d.Changes != in.Changes || d.ByWhen == nil || *d.ByWhen != in.ByWhen ||
		!maps.Equal(d.Motivations, in.Motivations) {
		e.t.Fatalf("stored answer event: %+v %+v", last, d)
	}

	wantPartialFound(e, f, start, a.ID, b.ID)

	// The public record: the projection of what was stored, in version 5,
	// with the kind, the date and a hiding commitment to each part.
	wantLedgerEntries(e)
	ent := e.projection(a.ID, last.Seq)
	le, err := ledger.Decode(ent)
	must(e.t, err)
	opening := func(label string) []byte { return ledger.Opening(last.CommitSeed, label) }
	if le.Version != ledger.HidingVersion || le.Answer != schakel.Partial || le.ByWhen != "2027-01-01" ||
		le.CheckText(ledger.LabelChanges, in.Changes, opening(ledger.LabelChanges)) != nil || len(le.MotivationsSHA256) != 2 ||
		le.CheckText(ledger.LabelMotivationsPrefix+"zorgvuldigheid", in.Motivations["zorgvuldigheid"], opening(ledger.LabelMotivationsPrefix+"zorgvuldigheid")) != nil {
		e.t.Errorf("log entry of the partial answer: %s", ent)
	}

	// What it does not do may be contested, once: the request climbs.
	c := apply(e, a)(f.eng.Contest(a, user(f.burger), "Kwijtschelden moet kunnen.", e.clock.Now()))
	wantRequest(e, c)
	if c.State != schakel.StateEscalated || c.Rung != 1 || c.Answer != "" {
		e.t.Errorf("after the contest: %s rung %d answer %q", c.State, c.Rung, c.Answer)
	}
}

// wantPartialFound fails unless the request answered in part (partial) is
// found by its kind and by no other, beside complied, and is counted as
// answered with kind deels after two days.
func wantPartialFound(e *env, f *reqFixture, start time.Time, partial, complied int64) {
	e.t.Helper()
	for kind, want := range map[schakel.AnswerKind]int64{schakel.Partial: partial, schakel.Comply: complied, schakel.Explain: 0} {
		rs, total, err := e.s.Requests(e.ctx, schakel.RequestFilter{Answer: kind})
		must(e.t, err)
		switch {
		case want == 0 && total != 0:
			e.t.Errorf("answer %s: %d requests, want none", kind, total)
		case want != 0 && (total != 1 || len(rs) != 1 || rs[0].ID != want):
			e.t.Errorf("answer %s: %d requests %v, want only %d", kind, total, rs, want)
		}
	}

	// Counted as answered, with its own kind.
	tallies, err := e.s.RequestTallies(e.ctx, schakel.TallyFilter{From: start, To: start.Add(time.Hour), Now: start.Add(100 * 24 * time.Hour)})
	must(e.t, err)
	wantTally := schakel.RequestTally{Type: schakel.TypeGeneral, FirstOrganisationID: f.uwv.ID, Answer: schakel.Partial, AnswerDays: 2, Count: 1}
	found := false
	for _, t := range tallies {
		found = found || t == wantTally
	}
	if !found {
		e.t.Errorf("no tally %+v in %+v", wantTally, tallies)
	}
}

// testPartialReferral: a returned assignment the ministry answers in part
// gives the referral back, as a comply does: the ministry had to change
// something.
func testPartialReferral(e *env) {
	f := newReqFixture(e)
	year := f.eng.Calendar.Today(e.clock.Now()).Year()
	used := func(want int) {
		e.t.Helper()
		n, err := e.s.ReferralsUsed(e.ctx, f.uwv.ID, year)
		must(e.t, err)
		if n != want {
			e.t.Fatalf("ReferralsUsed = %d, want %d", n, want)
		}
	}
	a, err := f.returnAssignment(e, "een", 1)
	must(e.t, err)
	used(1)
	if _, err := f.returnAssignment(e, "twee", 1); schakel.ErrorCode(err) != schakel.ECONFLICT {
		e.t.Fatalf("a second referral within a budget of 1: %v, want a conflict", err)
	}
	in := partialInput()
	in.Motivations = map[string]string{}
	for _, g := range a.Request.Grounds {
		in.Motivations[g.Principle] = "Dit deel voeren wij wel uit, omdat de wet het vraagt."
	}
	apply(e, a.Request)(f.eng.Answer(a.Request, user(f.policy), in, e.clock.Now()))
	used(0)
	_, err = f.returnAssignment(e, "drie", 1)
	must(e.t, err)
	used(1)
}
