package storetest

import (
	"reflect"
	"slices"
	"time"

	"github.com/schakel-nl/schakel"
	"github.com/schakel-nl/schakel/calendar"
	"github.com/schakel-nl/schakel/comply"
)

func init() {
	tests["StepKnelpunt"] = testStepKnelpunt
	tests["KnelpuntEvents"] = testStepKnelpunt
	tests["KnelpuntOfRequest"] = testStepKnelpunt
	tests["Knelpunt"] = testKnelpunten
	tests["Knelpunten"] = testKnelpunten
	tests["MergeKnelpunten"] = testMergeKnelpunten
	tests["MergeKnelpunten (refused)"] = testMergeRefused
	tests["SplitKnelpunt"] = testSplitKnelpunt
}

// rung builds the request of a knelpunt's rung at org (the role addressed
// first) with the real engine, without storing it.
func (f *sigFixture) rung(e *env, requester schakel.Party, to *schakel.Organisation, role schakel.Role, subject string) *schakel.RequestCreation {
	e.t.Helper()
	li := comply.LadderInput{Type: schakel.TypeKnelpunt, Addressee: schakel.Addressee{OrganisationID: to.ID, Role: role}, AddresseeType: to.Type, Parliament: f.parl.ID}
	if len(to.PrincipalIDs) > 0 {
		li.Principal = to.PrincipalIDs[0]
	}
	ladder, err := comply.Ladder(li)
	must(e.t, err)
	r, ev, err := f.eng.New(comply.NewRequest{Type: schakel.TypeKnelpunt, Subject: subject, Body: "Het knelpunt " + subject,
		Grounds: slices.Clone(testGrounds), Requester: requester}, ladder, nil, e.clock.Now())
	must(e.t, err)
	return &schakel.RequestCreation{Request: r, Event: ev}
}

// answered builds by's comply to the stored request r, without storing it.
func (f *sigFixture) answered(e *env, r *schakel.Request, by *schakel.User) *schakel.RequestUpdate {
	e.t.Helper()
	n, ev, err := f.eng.Answer(r, user(by), comply.AnswerInput{Kind: schakel.Comply, Changes: "Wij nemen het knelpunt over.",
		ByWhen: calendar.DateOf(2027, 12, 31)}, e.clock.Now())
	must(e.t, err)
	return &schakel.RequestUpdate{PrevVersion: r.Version, Request: n, Event: ev}
}

// current reads the request of k's current rung.
func (f *sigFixture) current(e *env, k *schakel.Knelpunt) *schakel.Request {
	e.t.Helper()
	r, err := e.s.Request(e.ctx, k.RequestID)
	must(e.t, err)
	return r
}

// put puts the stored knelpunt k to its team and returns the team's request.
func (f *sigFixture) put(e *env, k *schakel.Knelpunt) *schakel.Request {
	e.t.Helper()
	op := f.rung(e, user(f.coord), f.uwv, schakel.RoleCoordinator, "Knelpunt: "+k.Title)
	k.State = schakel.KnelpuntPut
	must(e.t, e.s.StepKnelpunt(e.ctx, schakel.KnelpuntStep{PrevVersion: k.Version, Knelpunt: k,
		Event: &schakel.KnelpuntEvent{Type: schakel.KnelpuntEventPut, By: f.coord.ID}, Opened: op}))
	return op.Request
}

// adopt takes the stored open knelpunt k of uwv up to its board, which
// adopts it: put to the team, adopted by the team and put to the board in
// one step, adopted by the board.
func (f *sigFixture) adopt(e *env, k *schakel.Knelpunt) {
	e.t.Helper()
	team := f.put(e, k)
	board := f.rung(e, user(f.coord), f.uwv, schakel.RoleBoard, "Knelpunt: "+k.Title)
	k.State, k.Level = schakel.KnelpuntPut, schakel.LevelBoard
	must(e.t, e.s.StepKnelpunt(e.ctx, schakel.KnelpuntStep{PrevVersion: k.Version, Knelpunt: k,
		Event: &schakel.KnelpuntEvent{Type: schakel.KnelpuntEventAdopted, By: f.coord.ID}, Answered: f.answered(e, team, f.coord), Opened: board}))
	k.State, k.AdoptedAt = schakel.KnelpuntAdopted, e.clock.Now()
	must(e.t, e.s.StepKnelpunt(e.ctx, schakel.KnelpuntStep{PrevVersion: k.Version, Knelpunt: k,
		Event: &schakel.KnelpuntEvent{Type: schakel.KnelpuntEventAdopted, By: f.board.ID}, Answered: f.answered(e, board.Request, f.board)}))
}

// merge merges the stored knelpunt from into into.
func (f *sigFixture) merge(e *env, into, from *schakel.Knelpunt) {
	e.t.Helper()
	must(e.t, e.s.MergeKnelpunten(e.ctx, schakel.KnelpuntStep{PrevVersion: into.Version, Knelpunt: into, Event: &schakel.KnelpuntEvent{By: f.coord.ID}},
		schakel.KnelpuntStep{PrevVersion: from.Version, Knelpunt: from, Event: &schakel.KnelpuntEvent{By: f.coord.ID}}))
}

func testStepKnelpunt(e *env) {
	f := newSigFixture(e)
	sig := f.signal(f.uwv, refWIA76)
	k := f.fileNew(e, sig)
	created, err := e.s.KnelpuntEvents(e.ctx, k.ID)
	must(e.t, err)
	plain := f.create(e, schakel.TypeGeneral, user(f.burger), f.uwv, "geen knelpunt")

	// Put to its team: the team's request becomes its first rung, stored
	// as CreateRequest stores a request.
	e.clock.Advance(time.Hour)
	op := f.rung(e, user(f.coord), f.uwv, schakel.RoleCoordinator, "Knelpunt: voorschotten")
	k.State = schakel.KnelpuntPut
	put := &schakel.KnelpuntEvent{Type: schakel.KnelpuntEventPut, By: f.coord.ID}
	must(e.t, e.s.StepKnelpunt(e.ctx, schakel.KnelpuntStep{PrevVersion: 1, Knelpunt: k, Event: put, Opened: op}))
	team, now := op.Request, e.clock.Now()
	if want := (&schakel.KnelpuntEvent{KnelpuntID: k.ID, Seq: 2, Type: schakel.KnelpuntEventPut, By: f.coord.ID, Level: schakel.LevelTeam,
		RequestID: team.ID, At: now}); team.ID == 0 || !reflect.DeepEqual(put, want) {
		e.t.Fatalf("event = %+v, want %+v", put, want)
	}
	if op.Event.RequestID != team.ID || k.RequestID != team.ID || k.Version != 2 || !k.UpdatedAt.Equal(now) {
		e.t.Fatalf("after putting: knelpunt %+v, event of the request %+v", k, op.Event)
	}
	if want := []schakel.Rung{{Level: schakel.LevelTeam, RequestID: team.ID, At: team.CreatedAt}}; !reflect.DeepEqual(k.Rungs, want) {
		e.t.Fatalf("rungs = %+v, want %+v", k.Rungs, want)
	}
	if got := e.knelpunt(k.ID); !reflect.DeepEqual(got, k) {
		e.t.Fatalf("Knelpunt = %+v\nwant %+v", got, k)
	}
	wantRequest(e, team)
	wantKnelpuntOf(e, map[int64]int64{team.ID: k.ID, plain.ID: 0, 999999: 0})

	// The team acknowledges its request; a step on the request as it was
	// before is refused, and so is every other wrong step, writing nothing.
	team = apply(e, team)(f.eng.Acknowledge(team, user(f.coord), e.clock.Now()))
	stepRefusals(e, f, k, op.Request, plain)

	// The team adopts it and puts it to the board in one step: the answer
	// is stored as UpdateRequest stores it.
	e.clock.Advance(time.Hour)
	board := f.rung(e, user(f.coord), f.uwv, schakel.RoleBoard, "Knelpunt: voorschotten")
	ans := f.answered(e, team, f.coord)
	k.State, k.Level = schakel.KnelpuntPut, schakel.LevelBoard
	up := &schakel.KnelpuntEvent{Type: schakel.KnelpuntEventAdopted, By: f.coord.ID}
	must(e.t, e.s.StepKnelpunt(e.ctx, schakel.KnelpuntStep{PrevVersion: k.Version, Knelpunt: k, Event: up, Answered: ans, Opened: board}))
	if ans.Event.RequestID != team.ID || up.RequestID != board.Request.ID || k.RequestID != board.Request.ID || len(k.Rungs) != 2 ||
		k.Rungs[1] != (schakel.Rung{Level: schakel.LevelBoard, RequestID: board.Request.ID, At: board.Request.CreatedAt}) {
		e.t.Fatalf("after the team: knelpunt %+v, event %+v", k, up)
	}
	wantRequest(e, ans.Request)
	wantRequest(e, board.Request)

	// The board adopts it: the event is about the request it answers.
	e.clock.Advance(time.Hour)
	k.State, k.AdoptedAt = schakel.KnelpuntAdopted, e.clock.Now()
	byBoard := f.answered(e, board.Request, f.board)
	adopted := &schakel.KnelpuntEvent{Type: schakel.KnelpuntEventAdopted, By: f.board.ID}
	must(e.t, e.s.StepKnelpunt(e.ctx, schakel.KnelpuntStep{PrevVersion: k.Version, Knelpunt: k, Event: adopted, Answered: byBoard}))
	wantRequest(e, byBoard.Request)
	got := e.knelpunt(k.ID)
	if !reflect.DeepEqual(got, k) || got.Version != 4 || !got.AdoptedAt.Equal(e.clock.Now()) {
		e.t.Fatalf("Knelpunt = %+v\nwant %+v", got, k)
	}
	wantKnelpuntEvents(e, k.ID, created[0], put, up, adopted)
	if adopted.RequestID != board.Request.ID || adopted.Level != schakel.LevelBoard || up.Level != schakel.LevelBoard {
		e.t.Fatalf("events: %+v, %+v", up, adopted)
	}
	wantKnelpuntOf(e, map[int64]int64{team.ID: k.ID, board.Request.ID: k.ID})
	// Every event of the rungs' requests carries its log entry, as those
	// CreateRequest and UpdateRequest write.
	wantLedgerEntries(e)
}

// wantKnelpuntOf fails unless KnelpuntOfRequest of each request is the
// knelpunt the map gives.
func wantKnelpuntOf(e *env, want map[int64]int64) {
	e.t.Helper()
	for request, k := range want {
		got, err := e.s.KnelpuntOfRequest(e.ctx, request)
		must(e.t, err)
		if got != k {
			e.t.Fatalf("KnelpuntOfRequest(%d) = %d, want %d", request, got, k)
		}
	}
}

// stepRefusals tries wrong steps on the stored knelpunt k, put to its team
// whose request was old before it was acknowledged, and fails unless each
// is refused with its code and writes nothing.
func stepRefusals(e *env, f *sigFixture, k *schakel.Knelpunt, old, plain *schakel.Request) {
	e.t.Helper()
	before := e.snapshot()
	clone := func(state schakel.KnelpuntState) *schakel.Knelpunt {
		c := *k
		c.Rungs = slices.Clone(k.Rungs)
		c.State = state
		return &c
	}
	unknownGround := f.rung(e, user(f.coord), f.uwv, schakel.RoleBoard, "Onbekend beginsel")
	unknownGround.Request.Grounds[1].Principle = "geluk"
	general := f.rung(e, user(f.coord), f.uwv, schakel.RoleBoard, "Geen knelpunt")
	general.Request.Type = schakel.TypeGeneral
	refusals := []struct {
		name string
		step schakel.KnelpuntStep
		code string
	}{
		{"stale knelpunt", schakel.KnelpuntStep{PrevVersion: 1, Knelpunt: clone(schakel.KnelpuntAdopted), Event: &schakel.KnelpuntEvent{Type: schakel.KnelpuntEventAdopted}}, schakel.ECONFLICT},
		{"stale request", schakel.KnelpuntStep{PrevVersion: 2, Knelpunt: clone(schakel.KnelpuntAdopted), Event: &schakel.KnelpuntEvent{Type: schakel.KnelpuntEventAdopted},
			Answered: f.answered(e, old, f.coord)}, schakel.ECONFLICT},
		{"answer to another request", schakel.KnelpuntStep{PrevVersion: 2, Knelpunt: clone(schakel.KnelpuntAdopted), Event: &schakel.KnelpuntEvent{Type: schakel.KnelpuntEventAdopted},
			Answered: f.answered(e, plain, f.coord)}, schakel.EINTERNAL},
		{"rung with an unknown principle", schakel.KnelpuntStep{PrevVersion: 2, Knelpunt: clone(schakel.KnelpuntPut), Event: &schakel.KnelpuntEvent{Type: schakel.KnelpuntEventPut},
			Opened: unknownGround}, schakel.EINVALID},
		{"rung of another type", schakel.KnelpuntStep{PrevVersion: 2, Knelpunt: clone(schakel.KnelpuntPut), Event: &schakel.KnelpuntEvent{Type: schakel.KnelpuntEventPut},
			Opened: general}, schakel.EINTERNAL},
		{"unknown knelpunt", schakel.KnelpuntStep{PrevVersion: 2, Knelpunt: &schakel.Knelpunt{ID: 999999, State: schakel.KnelpuntPut, Level: schakel.LevelTeam},
			Event: &schakel.KnelpuntEvent{Type: schakel.KnelpuntEventPut}}, schakel.ENOTFOUND},
	}
	for _, r := range refusals {
		err := e.s.StepKnelpunt(e.ctx, r.step)
		wantCode(e.t, err, r.code)
		if r.step.Opened != nil && r.step.Opened.Request.ID != 0 {
			e.t.Fatalf("%s: a refused step set the request's id", r.name)
		}
	}
	wantFields(e.t, e.s.StepKnelpunt(e.ctx, refusals[3].step), "gronden[1].beginsel")
	e.unchanged(before, "refused steps")
}

func testKnelpunten(e *env) {
	f := newSigFixture(e)
	k1 := f.knelpuntWith(e, f.signal(f.uwv, refWIA76))
	k2 := f.knelpuntWith(e, f.signal(f.uwv, refAwb484), f.signal(f.uwv, refAwb484))
	e.clock.Advance(24 * time.Hour)
	f.adopt(e, k2)
	k3 := f.knelpuntWith(e, f.signal(f.uwv, refWIA36))
	f.put(e, k3)
	k4 := f.knelpuntWith(e, f.signal(f.svb, refWIA36))
	adoptedAt := k2.AdoptedAt
	ids := func(ks []*schakel.Knelpunt) []int64 {
		var out []int64
		for _, k := range ks {
			out = append(out, k.ID)
		}
		return out
	}
	for _, tc := range []struct {
		name  string
		f     schakel.KnelpuntFilter
		want  []int64
		total int
	}{
		{"all, newest first", schakel.KnelpuntFilter{}, []int64{k4.ID, k3.ID, k2.ID, k1.ID}, 4},
		{"of uwv", schakel.KnelpuntFilter{OrganisationID: f.uwv.ID}, []int64{k3.ID, k2.ID, k1.ID}, 3},
		{"open", schakel.KnelpuntFilter{State: schakel.KnelpuntOpen}, []int64{k4.ID, k1.ID}, 2},
		{"at the board", schakel.KnelpuntFilter{Level: schakel.LevelBoard}, []int64{k2.ID}, 1},
		{"put to the team", schakel.KnelpuntFilter{State: schakel.KnelpuntPut, Level: schakel.LevelTeam}, []int64{k3.ID}, 1},
		{"on WIA 36", schakel.KnelpuntFilter{Rule: "artikel:BWBR0019057/36"}, []int64{k4.ID, k3.ID}, 2},
		{"on the WIA of uwv", schakel.KnelpuntFilter{Rule: "wet:BWBR0019057", OrganisationID: f.uwv.ID}, []int64{k3.ID, k1.ID}, 2},
		{"unsent", schakel.KnelpuntFilter{Unsent: true}, []int64{k2.ID}, 1},
		{"unsent, adopted in the period", schakel.KnelpuntFilter{Unsent: true, AdoptedFrom: adoptedAt, AdoptedTo: adoptedAt.Add(time.Second)}, []int64{k2.ID}, 1},
		{"unsent, adopted before the period", schakel.KnelpuntFilter{Unsent: true, AdoptedFrom: adoptedAt.Add(time.Second)}, nil, 0},
		{"unsent, adopted after the period", schakel.KnelpuntFilter{Unsent: true, AdoptedTo: adoptedAt}, nil, 0},
		{"sent", schakel.KnelpuntFilter{Sent: true}, nil, 0},
		{"in a letter", schakel.KnelpuntFilter{LetterID: 1}, nil, 0},
		{"page", schakel.KnelpuntFilter{Offset: 1, Limit: 2}, []int64{k3.ID, k2.ID}, 4},
		{"beyond the end", schakel.KnelpuntFilter{Offset: 9}, nil, 4},
	} {
		got, total, err := e.s.Knelpunten(e.ctx, tc.f)
		must(e.t, err)
		if !slices.Equal(ids(got), tc.want) || total != tc.total {
			e.t.Errorf("%s: %v (total %d), want %v (total %d)", tc.name, ids(got), total, tc.want, tc.total)
		}
	}
	// The list carries every field and the rungs, as Knelpunt reads them.
	list, _, err := e.s.Knelpunten(e.ctx, schakel.KnelpuntFilter{OrganisationID: f.uwv.ID})
	must(e.t, err)
	for _, got := range list {
		if want := e.knelpunt(got.ID); !reflect.DeepEqual(got, want) {
			e.t.Fatalf("listed %+v\nwant %+v", got, want)
		}
	}
	if got := e.knelpunt(k2.ID); !reflect.DeepEqual(got, k2) || len(got.Rungs) != 2 || got.Signals != 2 {
		e.t.Fatalf("Knelpunt = %+v\nwant %+v", got, k2)
	}
	_, err = e.s.Knelpunt(e.ctx, 999999)
	wantCode(e.t, err, schakel.ENOTFOUND)
}

func testMergeKnelpunten(e *env) {
	f := newSigFixture(e)
	a1, a2 := f.signal(f.uwv, refWIA76), f.signal(f.uwv, refAwb484)
	into := f.knelpuntWith(e, a1, a2)
	b1, b2, b3 := f.signal(f.uwv, refWIA76, refPolicy), f.signal(f.uwv, refWIA36), f.signal(f.uwv, refPw)
	b2.FiledBy = f.coord.ID
	from := f.knelpuntWith(e, b1, b2, b3)
	f.put(e, from) // a knelpunt put to its team still takes and gives signals
	e.clock.Advance(time.Hour)
	now := e.clock.Now()
	iev, fev := &schakel.KnelpuntEvent{By: f.coord.ID}, &schakel.KnelpuntEvent{By: f.coord.ID}
	intoVersion, fromVersion := into.Version, from.Version
	must(e.t, e.s.MergeKnelpunten(e.ctx, schakel.KnelpuntStep{PrevVersion: into.Version, Knelpunt: into, Event: iev},
		schakel.KnelpuntStep{PrevVersion: from.Version, Knelpunt: from, Event: fev}))
	moved := []int64{b1.ID, b2.ID, b3.ID}
	if want := (&schakel.KnelpuntEvent{KnelpuntID: into.ID, Seq: intoVersion + 1, Type: schakel.KnelpuntEventMerged, By: f.coord.ID, Signals: moved,
		Other: from.ID, Level: schakel.LevelTeam, At: now}); !reflect.DeepEqual(iev, want) {
		e.t.Fatalf("event of into = %+v\nwant %+v", iev, want)
	}
	if want := (&schakel.KnelpuntEvent{KnelpuntID: from.ID, Seq: fromVersion + 1, Type: schakel.KnelpuntEventMerged, By: f.coord.ID, Signals: moved,
		Other: into.ID, Level: schakel.LevelTeam, At: now}); !reflect.DeepEqual(fev, want) {
		e.t.Fatalf("event of from = %+v\nwant %+v", fev, want)
	}
	gi, gf := e.knelpunt(into.ID), e.knelpunt(from.ID)
	if !reflect.DeepEqual(gi, into) || !reflect.DeepEqual(gf, from) {
		e.t.Fatalf("after merging the caller holds\n%+v\n%+v\nthe store\n%+v\n%+v", into, from, gi, gf)
	}
	// The totals are recounted (wantFigures checks them against the
	// signals); the merged one has none left, and keeps its rungs.
	if gi.Signals != 5 || gi.Version != intoVersion+1 || gi.State != schakel.KnelpuntOpen {
		e.t.Fatalf("merged into: %+v", gi)
	}
	if gf.State != schakel.KnelpuntMerged || gf.MergedInto != into.ID || gf.Signals != 0 || gf.Refs != nil || gf.Version != fromVersion+1 || len(gf.Rungs) != 1 {
		e.t.Fatalf("merged from: %+v", gf)
	}
	// Every signal is kept, with its history.
	for _, s := range []*schakel.Signal{a1, a2} {
		wantSignalEvents(e, s.ID, &schakel.SignalEvent{SignalID: s.ID, Type: schakel.SignalEventFiled, To: into.ID, By: s.FiledBy, At: s.FiledAt})
	}
	for _, s := range []*schakel.Signal{b1, b2, b3} {
		want := *s
		want.KnelpuntID = into.ID
		if got := e.signal(s.ID); !reflect.DeepEqual(got, &want) {
			e.t.Fatalf("moved signal = %+v\nwant %+v", got, &want)
		}
		wantSignalEvents(e, s.ID, &schakel.SignalEvent{SignalID: s.ID, Type: schakel.SignalEventFiled, To: from.ID, By: s.FiledBy, At: s.FiledAt},
			&schakel.SignalEvent{SignalID: s.ID, Type: schakel.SignalEventMoved, From: from.ID, To: into.ID, By: f.coord.ID, At: now})
	}
	if _, n, err := e.s.Signals(e.ctx, schakel.SignalFilter{KnelpuntID: from.ID}); err != nil || n != 0 {
		e.t.Fatalf("%d signals left in the merged knelpunt (%v)", n, err)
	}
	if got, _, err := e.s.Knelpunten(e.ctx, schakel.KnelpuntFilter{Rule: "wet:BWBR0019057"}); err != nil || len(got) != 1 || got[0].ID != into.ID {
		e.t.Fatalf("knelpunten on the WIA after merging: %v (%v)", got, err)
	}
	wantFigures(e)
}

func testMergeRefused(e *env) {
	f := newSigFixture(e)
	into := f.knelpuntWith(e, f.signal(f.uwv, refWIA76))
	from := f.knelpuntWith(e, f.signal(f.uwv, refWIA76))
	f.merge(e, into, from)
	// Refusals write nothing.
	other := f.knelpuntWith(e, f.signal(f.uwv, refWIA76))
	theirs := f.knelpuntWith(e, f.signal(f.svb, refWIA76))
	adopted := f.knelpuntWith(e, f.signal(f.uwv, refWIA76))
	f.adopt(e, adopted)
	into = e.knelpunt(into.ID)
	before := e.snapshot()
	step := func(k *schakel.Knelpunt, prev int) schakel.KnelpuntStep {
		c := *k
		return schakel.KnelpuntStep{PrevVersion: prev, Knelpunt: &c, Event: &schakel.KnelpuntEvent{By: f.coord.ID}}
	}
	for _, tc := range []struct {
		name     string
		into, of schakel.KnelpuntStep
		code     string
	}{
		{"into a merged one", step(from, from.Version), step(other, other.Version), schakel.ECONFLICT},
		{"a merged one", step(other, other.Version), step(from, from.Version), schakel.ECONFLICT},
		{"stale", step(into, into.Version-1), step(other, other.Version), schakel.ECONFLICT},
		{"past its team", step(other, other.Version), step(adopted, adopted.Version), schakel.ECONFLICT},
		{"into one past its team", step(adopted, adopted.Version), step(other, other.Version), schakel.ECONFLICT},
		{"another organisation's", step(into, into.Version), step(theirs, theirs.Version), schakel.EINVALID},
		{"itself", step(into, into.Version), step(into, into.Version), schakel.EINVALID},
	} {
		err := e.s.MergeKnelpunten(e.ctx, tc.into, tc.of)
		wantCode(e.t, err, tc.code)
		if tc.code == schakel.EINVALID {
			wantFields(e.t, err, "knelpuntId")
		}
	}
	e.unchanged(before, "refused merges")
}

func testSplitKnelpunt(e *env) {
	f := newSigFixture(e)
	s1, s2, s3, s4 := f.signal(f.uwv, refWIA76), f.signal(f.uwv, refAwb484), f.signal(f.uwv, refWIA76, refPolicy), f.signal(f.uwv, refPw)
	k := f.knelpuntWith(e, s1, s2, s3, s4)
	f.put(e, k)
	e.clock.Advance(time.Hour)
	now := e.clock.Now()
	version := k.Version
	nk := &schakel.Knelpunt{Title: "Afgesplitst", Summary: "Een ander knelpunt.", Solution: schakel.SolutionPolicy, Proposal: "Beleid aanpassen."}
	fev, sev := &schakel.KnelpuntEvent{By: f.coord.ID}, &schakel.KnelpuntEvent{Signals: []int64{s4.ID, s2.ID, s4.ID}}
	must(e.t, e.s.SplitKnelpunt(e.ctx, schakel.KnelpuntStep{PrevVersion: k.Version, Knelpunt: k, Event: fev}, schakel.KnelpuntStep{Knelpunt: nk, Event: sev}))
	moved := []int64{s2.ID, s4.ID}
	if nk.ID == 0 || nk.OrganisationID != f.uwv.ID || nk.State != schakel.KnelpuntOpen || nk.Level != schakel.LevelTeam || nk.Version != 1 ||
		nk.CreatedBy != f.coord.ID || !nk.CreatedAt.Equal(now) || nk.Signals != 2 || !slices.Equal(nk.Refs, []string{refAwb484, refPw}) || nk.RequestID != 0 {
		e.t.Fatalf("split off: %+v", nk)
	}
	if got := e.knelpunt(nk.ID); !reflect.DeepEqual(got, nk) {
		e.t.Fatalf("Knelpunt = %+v\nwant %+v", got, nk)
	}
	wantKnelpuntEvents(e, nk.ID, &schakel.KnelpuntEvent{KnelpuntID: nk.ID, Seq: 1, Type: schakel.KnelpuntEventSplit, By: f.coord.ID, Signals: moved,
		Other: k.ID, Level: schakel.LevelTeam, At: now})
	if want := (&schakel.KnelpuntEvent{KnelpuntID: k.ID, Seq: version + 1, Type: schakel.KnelpuntEventSplit, By: f.coord.ID, Signals: moved, Other: nk.ID,
		Level: schakel.LevelTeam, At: now}); !reflect.DeepEqual(fev, want) {
		e.t.Fatalf("event of from = %+v\nwant %+v", fev, want)
	}
	got := e.knelpunt(k.ID)
	if !reflect.DeepEqual(got, k) || got.Signals != 2 || got.State != schakel.KnelpuntPut || got.Version != version+1 ||
		!slices.Equal(got.Refs, []string{refPolicy, refWIA76}) || got.Citizens.Low != s1.Citizens.Low+s3.Citizens.Low {
		e.t.Fatalf("split from: %+v\nthe caller holds %+v", got, k)
	}
	for _, s := range []*schakel.Signal{s2, s4} {
		if e.signal(s.ID).KnelpuntID != nk.ID {
			e.t.Fatalf("signal %d not moved", s.ID)
		}
		wantSignalEvents(e, s.ID, &schakel.SignalEvent{SignalID: s.ID, Type: schakel.SignalEventFiled, To: k.ID, By: s.FiledBy, At: s.FiledAt},
			&schakel.SignalEvent{SignalID: s.ID, Type: schakel.SignalEventMoved, From: k.ID, To: nk.ID, By: f.coord.ID, At: now})
	}
	wantFigures(e)

	// Refusals write nothing.
	merged := f.knelpuntWith(e, f.signal(f.uwv, refWIA36), f.signal(f.uwv, refWIA36))
	f.merge(e, e.knelpunt(nk.ID), merged)
	k = e.knelpunt(k.ID)
	before := e.snapshot()
	split := func(from *schakel.Knelpunt, prev int, ids ...int64) error {
		c := *from
		return e.s.SplitKnelpunt(e.ctx, schakel.KnelpuntStep{PrevVersion: prev, Knelpunt: &c, Event: &schakel.KnelpuntEvent{By: f.coord.ID}},
			schakel.KnelpuntStep{Knelpunt: &schakel.Knelpunt{Title: "x"}, Event: &schakel.KnelpuntEvent{Signals: ids}})
	}
	wantFields(e.t, split(k, k.Version, s1.ID, s2.ID), "signalen")
	wantFields(e.t, split(k, k.Version, s1.ID, s3.ID), "signalen")
	wantFields(e.t, split(k, k.Version), "signalen")
	wantCode(e.t, split(k, k.Version-1, s1.ID), schakel.ECONFLICT)
	wantCode(e.t, split(merged, merged.Version, s1.ID), schakel.ECONFLICT)
	wantCode(e.t, split(&schakel.Knelpunt{ID: 999999, State: schakel.KnelpuntOpen, Level: schakel.LevelTeam}, 1, s1.ID), schakel.ENOTFOUND)
	e.unchanged(before, "refused splits")
}
