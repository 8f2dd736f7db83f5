package storetest

import (
	"slices"
	"time"

	"github.com/schakel-nl/schakel"
)

func init() {
	tests["EndedRequests"] = testEndedRequests
	tests["ClosedCases"] = testClosedCases
}

func testEndedRequests(e *env) {
	f := newReqFixture(e)
	day := 24 * time.Hour
	withdraw := func(r *schakel.Request, by *schakel.User) {
		e.t.Helper()
		apply(e, r)(f.eng.Withdraw(r, user(by), "Niet meer nodig.", e.clock.Now()))
	}
	newBrake := func(subject string) *schakel.Request {
		e.t.Helper()
		b, r, ev := f.newBrake(e, schakel.LevelProfessional, user(f.outsider), f.uwv, subject)
		must(e.t, e.s.CreateBrake(e.ctx, b, r, ev, nil))
		return r
	}
	// Day 0: two requests and a brake end; day 10: another request and
	// brake; a request and a brake stay open; one old request is erased.
	old := f.create(e, schakel.TypeGeneral, user(f.burger), f.uwv, "oud")
	old2 := f.create(e, schakel.TypeGeneral, user(f.burger), f.uwv, "oud 2")
	oldBrake := newBrake("oude noodrem")
	erased := f.create(e, schakel.TypeGeneral, user(f.burger), f.uwv, "gewist")
	open := f.create(e, schakel.TypeGeneral, user(f.burger), f.uwv, "open")
	openBrake := newBrake("open noodrem")
	withdraw(old, f.burger)
	withdraw(old2, f.burger)
	withdraw(oldBrake, f.outsider)
	withdraw(erased, f.burger)
	must(e.t, e.s.EraseRequestTexts(e.ctx, erased.ID, "Verzoek van de betrokkene."))
	e.clock.Advance(10 * day)
	recent := f.create(e, schakel.TypeGeneral, user(f.burger), f.uwv, "recent")
	recentBrake := newBrake("recente noodrem")
	withdraw(recent, f.burger)
	withdraw(recentBrake, f.outsider)

	ended := func(brakes bool, filter schakel.RetentionFilter) []int64 {
		e.t.Helper()
		ids, err := e.s.EndedRequests(e.ctx, brakes, filter)
		must(e.t, err)
		return ids
	}
	for _, tc := range []struct {
		name   string
		brakes bool
		f      schakel.RetentionFilter
		want   []int64
	}{
		{"ended before day 5", false, schakel.RetentionFilter{Before: Start.Add(5 * day)}, []int64{old.ID, old2.ID}},
		{"brakes ended before day 5", true, schakel.RetentionFilter{Before: Start.Add(5 * day)}, []int64{oldBrake.ID}},
		{"all ended", false, schakel.RetentionFilter{Before: Start.Add(20 * day)}, []int64{old.ID, old2.ID, recent.ID}},
		{"all brakes ended", true, schakel.RetentionFilter{Before: Start.Add(20 * day)}, []int64{oldBrake.ID, recentBrake.ID}},
		{"after an id", false, schakel.RetentionFilter{Before: Start.Add(20 * day), AfterID: old.ID}, []int64{old2.ID, recent.ID}},
		{"a batch", false, schakel.RetentionFilter{Before: Start.Add(20 * day), Limit: 2}, []int64{old.ID, old2.ID}},
		{"before any ended", false, schakel.RetentionFilter{Before: Start}, nil},
		{"no cutoff", false, schakel.RetentionFilter{}, nil},
	} {
		if got := ended(tc.brakes, tc.f); !slices.Equal(got, tc.want) {
			e.t.Errorf("%s: %v, want %v", tc.name, got, tc.want)
		}
	}
	for _, id := range ended(false, schakel.RetentionFilter{Before: Start.Add(20 * day)}) {
		if id == open.ID || id == openBrake.ID || id == erased.ID {
			e.t.Fatalf("request %d is open or erased", id)
		}
	}
	// An erased request is no longer found.
	must(e.t, e.s.EraseRequestTexts(e.ctx, old.ID, "Bewaartermijn verstreken."))
	if got := ended(false, schakel.RetentionFilter{Before: Start.Add(5 * day)}); !slices.Equal(got, []int64{old2.ID}) {
		e.t.Fatalf("after erasing %d: %v", old.ID, got)
	}
}

func testClosedCases(e *env) {
	f := newCaseFixture(e)
	day := 24 * time.Hour
	withdrawn := f.newCase(e, f.uwv, "ingetrokken")
	must(e.t, e.s.WithdrawCase(e.ctx, 1, withdrawn.ID, f.prof.ID, e.clock.Now(), "Opgelost"))
	erased := f.newCase(e, f.uwv, "gewist")
	must(e.t, e.s.WithdrawCase(e.ctx, 1, erased.ID, f.prof.ID, e.clock.Now(), "Opgelost"))
	must(e.t, e.s.EraseCaseTexts(e.ctx, erased.ID, "Verzoek van de betrokkene."))
	deliberation := f.newCase(e, f.uwv, "in beraad")
	must(e.t, e.s.Invite(e.ctx, 1, &schakel.Invitation{CaseID: deliberation.ID, Perspective: schakel.PerspectiveLegal, UserID: f.j.ID, InvitedBy: f.coord.ID, At: e.clock.Now()}))
	submitted := f.newCase(e, f.svb, "ingediend")
	decided := f.newCase(e, f.svb, "besloten")
	must(e.t, e.s.Decide(e.ctx, 1, &schakel.Decision{CaseID: decided.ID, Outcome: schakel.OutcomeNo, Explanation: "Nee.", DecidedBy: f.coord.ID, At: e.clock.Now()}))
	e.clock.Advance(10 * day)
	published := f.newCase(e, f.uwv, "gepubliceerd")
	// Decided on day 9, published an hour later: its last change.
	f.decideAndPublish(e, published, schakel.OutcomeMaatwerk, e.clock.Now().Add(-day))

	closed := func(filter schakel.RetentionFilter) []int64 {
		e.t.Helper()
		ids, err := e.s.ClosedCases(e.ctx, filter)
		must(e.t, err)
		return ids
	}
	for _, tc := range []struct {
		name string
		f    schakel.RetentionFilter
		want []int64
	}{
		{"closed before day 5", schakel.RetentionFilter{Before: Start.Add(5 * day)}, []int64{withdrawn.ID, decided.ID}},
		{"published before day 10", schakel.RetentionFilter{Before: Start.Add(10 * day)}, []int64{withdrawn.ID, decided.ID, published.ID}},
		{"after an id", schakel.RetentionFilter{Before: Start.Add(20 * day), AfterID: withdrawn.ID}, []int64{decided.ID, published.ID}},
		{"a batch", schakel.RetentionFilter{Before: Start.Add(20 * day), Limit: 1}, []int64{withdrawn.ID}},
		{"before any closed", schakel.RetentionFilter{Before: Start}, nil},
	} {
		if got := closed(tc.f); !slices.Equal(got, tc.want) {
			e.t.Errorf("%s: %v, want %v", tc.name, got, tc.want)
		}
	}
	// Neither a submitted case nor one in deliberation is ever found, nor
	// an erased one.
	for _, id := range closed(schakel.RetentionFilter{Before: Start.Add(100 * day)}) {
		if id == submitted.ID || id == deliberation.ID || id == erased.ID {
			e.t.Fatalf("case %d is not closed or was erased", id)
		}
	}
}
