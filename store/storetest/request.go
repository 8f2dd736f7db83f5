package storetest

import (
	"context"
	"fmt"
	"reflect"
	"slices"
	"strconv"
	"sync"
	"testing"
	"time"

	"github.com/schakel-nl/schakel"
	"github.com/schakel-nl/schakel/calendar"
	"github.com/schakel-nl/schakel/comply"
)

// reqFixture is a small world for requests for account: a ministry with an
// executive organisation under it, parliament, a second executive, the
// seeded principle catalogue and users in the roles of the ladders.
type reqFixture struct {
	eng                 *comply.Engine
	szw, uwv, svb, parl *schakel.Organisation
	// burger has no role anywhere; coord and board work at uwv, policy at
	// szw, outsider at svb.
	burger, coord, board, policy, outsider *schakel.User
}

func newReqFixture(e *env) *reqFixture {
	e.t.Helper()
	_, err := e.s.SeedPrinciples(e.ctx, schakel.DefaultPrinciples())
	must(e.t, err)
	f := &reqFixture{eng: &comply.Engine{Calendar: calendar.New()}}
	f.szw = MustOrganisation(e.t, e.s, "min-szw", schakel.OrgMinistry)
	f.uwv = MustOrganisation(e.t, e.s, "uwv", schakel.OrgExecutive, f.szw.ID)
	f.svb = MustOrganisation(e.t, e.s, "svb", schakel.OrgExecutive, f.szw.ID)
	f.parl = MustOrganisation(e.t, e.s, "tweede-kamer", schakel.OrgParliament)
	f.burger = MustUser(e.t, e.s, "burger")
	f.coord = MustUser(e.t, e.s, "coordinator", schakel.Membership{OrganisationID: f.uwv.ID, Role: schakel.RoleCoordinator})
	f.board = MustUser(e.t, e.s, "bestuurder", schakel.Membership{OrganisationID: f.uwv.ID, Role: schakel.RoleBoard})
	f.policy = MustUser(e.t, e.s, "beleid", schakel.Membership{OrganisationID: f.szw.ID, Role: schakel.RolePolicy})
	f.outsider = MustUser(e.t, e.s, "buitenstaander", schakel.Membership{OrganisationID: f.svb.ID, Role: schakel.RoleProfessional})
	return f
}

var testGrounds = []schakel.Ground{
	{Principle: "zorgvuldigheid", Text: "Het besluit is niet zorgvuldig voorbereid."},
	{Principle: "motivering", Text: "Er staat geen motivering bij."},
}

// build makes a new request with the real engine, without storing it.
func (f *reqFixture) build(e *env, typ schakel.RequestType, requester schakel.Party, to *schakel.Organisation, subject string) (*schakel.Request, *schakel.Event) {
	e.t.Helper()
	li := comply.LadderInput{Type: typ, Addressee: schakel.Addressee{OrganisationID: to.ID}, AddresseeType: to.Type, Parliament: f.parl.ID}
	if len(to.PrincipalIDs) > 0 {
		li.Principal = to.PrincipalIDs[0]
	}
	ladder, err := comply.Ladder(li)
	must(e.t, err)
	r, ev, err := f.eng.New(comply.NewRequest{Type: typ, Subject: subject, Body: "Toelichting bij " + subject,
		Grounds: slices.Clone(testGrounds), Requester: requester}, ladder, nil, e.clock.Now())
	must(e.t, err)
	return r, ev
}

// create makes and stores a new request.
func (f *reqFixture) create(e *env, typ schakel.RequestType, requester schakel.Party, to *schakel.Organisation, subject string) *schakel.Request {
	e.t.Helper()
	r, ev := f.build(e, typ, requester, to, subject)
	must(e.t, e.s.CreateRequest(e.ctx, r, ev))
	return r
}

// brake is a professional's emergency brake at uwv by burger: ladder
// coordinator@uwv → bestuur@uwv → beleid@szw, with an acknowledgement term.
func (f *reqFixture) brake(e *env, subject string) *schakel.Request {
	e.t.Helper()
	return f.create(e, schakel.TypeProfessionalBrake, user(f.burger), f.uwv, subject)
}

func user(u *schakel.User) schakel.Party { return schakel.Party{Kind: schakel.PartyUser, UserID: u.ID} }

// apply returns a function that stores a transition of r computed by the
// engine and returns the next state: apply(e, r)(eng.Acknowledge(r, …)).
func apply(e *env, r *schakel.Request) func(*schakel.Request, *schakel.Event, error) *schakel.Request {
	return func(n *schakel.Request, ev *schakel.Event, err error) *schakel.Request {
		e.t.Helper()
		must(e.t, err)
		if n == nil {
			e.t.Fatalf("no transition for request %d", r.ID)
		}
		must(e.t, e.s.UpdateRequest(e.ctx, r.Version, n, ev))
		return n
	}
}

// wantRequest fails unless the stored request equals want field by field.
func wantRequest(e *env, want *schakel.Request) {
	e.t.Helper()
	got, err := e.s.Request(e.ctx, want.ID)
	must(e.t, err)
	wantSameRequest(e.t, got, want)
}

func wantSameRequest(t *testing.T, got, want *schakel.Request) {
	t.Helper()
	if !reflect.DeepEqual(got, want) {
		t.Fatalf("request %d differs:\n got %+v\nwant %+v", want.ID, *got, *want)
	}
}

// rawExec runs a statement under the store, with "?" placeholders.
func (e *env) rawExec(query string, args ...any) error {
	_, err := e.s.DB().ExecContext(e.ctx, e.rebind(query), args...)
	return err
}

func (e *env) count(table string) int {
	e.t.Helper()
	var n int
	must(e.t, e.s.DB().QueryRowContext(e.ctx, "SELECT COUNT(*) FROM "+table).Scan(&n))
	return n
}

func testCreateRequest(e *env) {
	f := newReqFixture(e)
	// The engine's time has nanoseconds; what the store keeps (µs, UTC) is
	// what the caller holds afterwards.
	e.clock.Set(Start.Add(123456789 * time.Nanosecond))
	r, ev := f.build(e, schakel.TypeProfessionalBrake, user(f.burger), f.uwv, "Noodrem")
	must(e.t, e.s.CreateRequest(e.ctx, r, ev))
	if r.ID == 0 || ev.RequestID != r.ID || r.Version != 1 || ev.Seq != 1 {
		e.t.Fatalf("after create: id %d, event of %d, version %d, seq %d", r.ID, ev.RequestID, r.Version, ev.Seq)
	}
	want := Start.Add(123456 * time.Microsecond)
	if !r.CreatedAt.Equal(want) || r.CreatedAt.Location() != time.UTC || !ev.At.Equal(want) {
		e.t.Fatalf("CreatedAt %v, event at %v, want %v in UTC", r.CreatedAt, ev.At, want)
	}
	if r.AckDue.IsZero() || r.AckDeadline.IsZero() || r.ReminderAt.IsZero() || len(r.Ladder) != 3 || len(r.Grounds) != 2 {
		e.t.Fatalf("the engine made an unexpected brake: %+v", r)
	}
	wantRequest(e, r)
	evs, err := e.s.Events(e.ctx, r.ID)
	must(e.t, err)
	if len(evs) != 1 || !reflect.DeepEqual(evs[0], ev) {
		e.t.Fatalf("events = %+v, want [%+v]", evs, ev)
	}

	// A request for an organisation, without acknowledgement term or
	// reminder date set; its ladder ends at parliament.
	board := schakel.Party{Kind: schakel.PartyOrganisation, UserID: f.board.ID, OrganisationID: f.uwv.ID}
	org := f.create(e, schakel.TypeOrganisationBrake, board, f.szw, "Opdracht terug")
	if !org.AckDue.IsZero() || org.Ladder[2] != (schakel.Addressee{OrganisationID: f.parl.ID, Role: schakel.RoleParliament}) {
		e.t.Fatalf("organisation brake: %+v", org)
	}
	wantRequest(e, org)

	// Unknown references are named per field, and nothing is written.
	before := [4]int{e.count("requests"), e.count("request_rungs"), e.count("request_grounds"), e.count("request_events")}
	cases := []struct {
		name   string
		mutate func(*schakel.Request, *schakel.Event)
		fields []string
	}{
		{"unknown principle", func(r *schakel.Request, _ *schakel.Event) { r.Grounds[1].Principle = "geluk" }, []string{"gronden[1].beginsel"}},
		{"unknown addressee", func(r *schakel.Request, _ *schakel.Event) { r.Ladder[0].OrganisationID = 99999 }, []string{"geadresseerde"}},
		{"unknown higher rung", func(r *schakel.Request, _ *schakel.Event) { r.Ladder[2].OrganisationID = 99999 }, []string{"ladder[2]"}},
		{"unknown requester", func(r *schakel.Request, ev *schakel.Event) {
			r.Requester = schakel.Party{Kind: schakel.PartyOrganisation, UserID: 99998, OrganisationID: 99997}
			ev.Actor = r.Requester
		}, []string{"indiener", "namens"}},
		{"no ladder", func(r *schakel.Request, _ *schakel.Event) { r.Ladder = nil }, []string{"geadresseerde"}},
		{"unknown actor", func(_ *schakel.Request, ev *schakel.Event) { ev.Actor.UserID = 99996 }, nil},
	}
	for _, c := range cases {
		r, ev := f.build(e, schakel.TypeProfessionalBrake, user(f.burger), f.uwv, c.name)
		c.mutate(r, ev)
		err := e.s.CreateRequest(e.ctx, r, ev)
		if c.fields == nil {
			wantCode(e.t, err, schakel.EINVALID)
		} else {
			wantFields(e.t, err, c.fields...)
		}
		if r.ID != 0 {
			e.t.Fatalf("%s: failed create set ID %d", c.name, r.ID)
		}
	}
	after := [4]int{e.count("requests"), e.count("request_rungs"), e.count("request_grounds"), e.count("request_events")}
	if after != before {
		e.t.Fatalf("failed creates wrote rows: %v before, %v after", before, after)
	}
	// A request must start at version 1.
	r, ev = f.build(e, schakel.TypeGeneral, user(f.burger), f.uwv, "Versie")
	r.Version, ev.Seq = 2, 2
	wantCode(e.t, e.s.CreateRequest(e.ctx, r, ev), schakel.EINTERNAL)
	// Every event written carries its log entry: the projection of what was stored.
	wantLedgerEntries(e)
}

func testRequest(e *env) {
	f := newReqFixture(e)
	_, err := e.s.Request(e.ctx, 99999)
	wantCode(e.t, err, schakel.ENOTFOUND)
	r := f.brake(e, "Noodrem")
	wantRequest(e, r)
	// Every mutable column round-trips: acknowledge clears the
	// acknowledgement date, extend sets the flag and moves the deadline.
	e.clock.Advance(24 * time.Hour)
	r = apply(e, r)(f.eng.Acknowledge(r, user(f.coord), e.clock.Now()))
	if !r.AckDue.IsZero() || !r.AckDeadline.IsZero() {
		e.t.Fatalf("acknowledge left ack deadline: %+v", r)
	}
	wantRequest(e, r)
	r = apply(e, r)(f.eng.Extend(r, user(f.coord), calendar.Term{N: 2, Unit: calendar.Weeks}, "Meer tijd nodig.", e.clock.Now()))
	wantRequest(e, r)
	r = apply(e, r)(f.eng.Answer(r, user(f.coord), comply.AnswerInput{Kind: schakel.Explain,
		Motivations: map[string]string{"zorgvuldigheid": "Wel zorgvuldig.", "motivering": "Staat in bijlage."}}, e.clock.Now()))
	if r.Answer != schakel.Explain || !r.ReminderAt.IsZero() {
		e.t.Fatalf("after answer: %+v", r)
	}
	wantRequest(e, r)
}

func testRequests(e *env) {
	f := newReqFixture(e)
	// Deadlines a day apart, in creation order; c and d share a day.
	a := f.brake(e, "a")                                                // coordinator@uwv, ack term
	e.clock.Advance(24 * time.Hour)                                     //
	b := f.create(e, schakel.TypeGeneral, user(f.outsider), f.uwv, "b") // bestuur@uwv
	e.clock.Advance(24 * time.Hour)                                     //
	c := f.create(e, schakel.TypeComplaint, user(f.burger), f.svb, "c") // coordinator@svb
	d := f.create(e, schakel.TypeGeneral, user(f.burger), f.szw, "d")   // beleid@szw
	orgReq := schakel.Party{Kind: schakel.PartyOrganisation, UserID: f.board.ID, OrganisationID: f.uwv.ID}
	e.clock.Advance(24 * time.Hour)
	g := f.create(e, schakel.TypeOrganisationBrake, orgReq, f.szw, "g") // beleid@szw, by uwv
	// a is acknowledged; c is answered.
	a = apply(e, a)(f.eng.Acknowledge(a, user(f.coord), e.clock.Now()))
	c = apply(e, c)(f.eng.Answer(c, schakel.Party{Kind: schakel.PartyUser}, comply.AnswerInput{Kind: schakel.Comply,
		Changes: "Wij passen het aan.", ByWhen: calendar.DateOf(2026, 6, 1)}, e.clock.Now()))
	byID := map[int64]*schakel.Request{a.ID: a, b.ID: b, c.ID: c, d.ID: d, g.ID: g}
	ids := func(rs []*schakel.Request) []int64 {
		var out []int64
		for _, r := range rs {
			out = append(out, r.ID)
			wantSameRequest(e.t, r, byID[r.ID]) // ladders and grounds loaded
		}
		return out
	}
	dayAfter := func(r *schakel.Request) time.Time { return r.AnswerDeadline }
	if !(dayAfter(a).Before(dayAfter(b)) && dayAfter(b).Before(dayAfter(c)) && dayAfter(c).Equal(dayAfter(d)) && dayAfter(d).Before(dayAfter(g))) {
		e.t.Fatalf("fixture deadlines not in order: %v %v %v %v %v", a.AnswerDeadline, b.AnswerDeadline, c.AnswerDeadline, d.AnswerDeadline, g.AnswerDeadline)
	}
	now := e.clock.Now()
	cases := []struct {
		name  string
		f     schakel.RequestFilter
		want  []int64
		total int
	}{
		{"all, soonest deadline first, then id", schakel.RequestFilter{}, []int64{a.ID, b.ID, c.ID, d.ID, g.ID}, 5},
		{"page", schakel.RequestFilter{Offset: 1, Limit: 2}, []int64{b.ID, c.ID}, 5},
		{"page past the end", schakel.RequestFilter{Offset: 5}, nil, 5},
		{"addressee organisation", schakel.RequestFilter{AddresseeOrganisationID: f.uwv.ID}, []int64{a.ID, b.ID}, 2},
		{"addressee role", schakel.RequestFilter{AddresseeOrganisationID: f.uwv.ID, AddresseeRole: schakel.RoleCoordinator}, []int64{a.ID}, 1},
		{"role anywhere", schakel.RequestFilter{AddresseeRole: schakel.RolePolicy}, []int64{d.ID, g.ID}, 2},
		{"state", schakel.RequestFilter{State: schakel.StateOpen}, []int64{b.ID, d.ID, g.ID}, 3},
		{"type", schakel.RequestFilter{Type: schakel.TypeGeneral}, []int64{b.ID, d.ID}, 2},
		{"type and state", schakel.RequestFilter{Type: schakel.TypeGeneral, State: schakel.StateAnswered}, nil, 0},
		// burger made a, c, d; policy at szw is on the ladders of a and b
		// (top rung) and addressed by d and g; board at uwv is on a's and b's ladders and its
		// organisation requested g; outsider made b and works at svb (c).
		{"visible to requester", schakel.RequestFilter{VisibleTo: f.burger}, []int64{a.ID, c.ID, d.ID}, 3},
		{"visible at any rung", schakel.RequestFilter{VisibleTo: f.policy}, []int64{a.ID, b.ID, d.ID, g.ID}, 4},
		{"visible to requesting organisation", schakel.RequestFilter{VisibleTo: f.board}, []int64{a.ID, b.ID, g.ID}, 3},
		{"visible as requester and member", schakel.RequestFilter{VisibleTo: f.outsider}, []int64{b.ID, c.ID}, 2},
		{"visible to nobody known", schakel.RequestFilter{VisibleTo: &schakel.User{ID: 99999}}, nil, 0},
		{"visible and addressed", schakel.RequestFilter{VisibleTo: f.policy, AddresseeOrganisationID: f.uwv.ID}, []int64{a.ID, b.ID}, 2},
		{"overdue: none yet", schakel.RequestFilter{Overdue: true, Now: now}, nil, 0},
	}
	for _, c := range cases {
		got, total, err := e.s.Requests(e.ctx, c.f)
		must(e.t, err)
		if gotIDs := ids(got); !slices.Equal(gotIDs, c.want) || total != c.total {
			e.t.Fatalf("%s: got %v (total %d), want %v (total %d)", c.name, gotIDs, total, c.want, c.total)
		}
	}
	// Overdue: b's answer deadline is the boundary; a's acknowledgement was
	// given, so only its answer deadline counts; c is answered.
	brake := f.brake(e, "h") // unacknowledged: overdue at its ack deadline
	byID[brake.ID] = brake
	overdue := func(at time.Time) []int64 {
		got, total, err := e.s.Requests(e.ctx, schakel.RequestFilter{Overdue: true, Now: at})
		must(e.t, err)
		if total != len(got) {
			e.t.Fatalf("overdue total %d, %d rows", total, len(got))
		}
		return ids(got)
	}
	if got := overdue(brake.AckDeadline.Add(-time.Microsecond)); got != nil {
		e.t.Fatalf("overdue a µs before the ack deadline: %v", got)
	}
	if got := overdue(brake.AckDeadline); !slices.Equal(got, []int64{brake.ID}) {
		e.t.Fatalf("overdue at the ack deadline: %v, want [%d]", got, brake.ID)
	}
	if got := overdue(b.AnswerDeadline.Add(-time.Microsecond)); !slices.Equal(got, []int64{a.ID, brake.ID}) {
		e.t.Fatalf("overdue before b's deadline: %v, want [%d %d]", got, a.ID, brake.ID)
	}
	if got := overdue(b.AnswerDeadline); !slices.Equal(got, []int64{a.ID, b.ID, brake.ID}) {
		e.t.Fatalf("overdue at b's deadline: %v", got)
	}
	if got := overdue(g.AnswerDeadline); !slices.Equal(got, []int64{a.ID, b.ID, d.ID, g.ID, brake.ID}) {
		e.t.Fatalf("overdue at g's deadline: %v (c is answered)", got)
	}
	// Without Now the store's clock decides.
	e.clock.Set(b.AnswerDeadline)
	got, _, err := e.s.Requests(e.ctx, schakel.RequestFilter{Overdue: true, Type: schakel.TypeGeneral})
	must(e.t, err)
	if gotIDs := ids(got); !slices.Equal(gotIDs, []int64{b.ID}) {
		e.t.Fatalf("overdue by the store clock: %v", gotIDs)
	}
	// Limit is capped at 500 and defaults to 50.
	for i := 0; i < 51; i++ {
		f.create(e, schakel.TypeGeneral, user(f.burger), f.svb, fmt.Sprintf("bulk %d", i))
	}
	got, total, err := e.s.Requests(e.ctx, schakel.RequestFilter{})
	must(e.t, err)
	if len(got) != 50 || total != 57 {
		e.t.Fatalf("default page: %d rows, total %d", len(got), total)
	}
	got, _, err = e.s.Requests(e.ctx, schakel.RequestFilter{Limit: 1000})
	must(e.t, err)
	if len(got) != 57 {
		e.t.Fatalf("large limit: %d rows", len(got))
	}
}

func testEvents(e *env) {
	f := newReqFixture(e)
	_, err := e.s.Events(e.ctx, 99999)
	wantCode(e.t, err, schakel.ENOTFOUND)
	// A whole life: every kind of event data round-trips.
	r, ev := f.build(e, schakel.TypeProfessionalBrake, user(f.burger), f.uwv, "Leven")
	must(e.t, e.s.CreateRequest(e.ctx, r, ev))
	want := []*schakel.Event{ev}
	step := func(d time.Duration) func(*schakel.Request, *schakel.Event, error) {
		return func(n *schakel.Request, ev *schakel.Event, err error) {
			e.t.Helper()
			r = apply(e, r)(n, ev, err)
			want = append(want, ev)
			e.clock.Advance(d)
		}
	}
	coord := schakel.Party{Kind: schakel.PartyOrganisation, UserID: f.coord.ID, OrganisationID: f.uwv.ID}
	e.clock.Advance(2 * time.Hour)
	step(24 * time.Hour)(f.eng.Acknowledge(r, coord, e.clock.Now()))
	step(24 * time.Hour)(f.eng.Extend(r, coord, calendar.Term{N: 2, Unit: calendar.Weeks}, "Dossier is groot.", e.clock.Now()))
	step(24 * time.Hour)(f.eng.Answer(r, coord, comply.AnswerInput{Kind: schakel.Explain,
		Motivations: map[string]string{"zorgvuldigheid": "Wel zorgvuldig.", "motivering": "Zie bijlage."}}, e.clock.Now()))
	step(24 * time.Hour)(f.eng.Contest(r, user(f.burger), "Dat overtuigt niet.", e.clock.Now()))
	// Nobody at the board acknowledges: the sweep escalates to szw.
	e.clock.Set(r.AckDeadline)
	step(time.Hour)(f.eng.Sweep(r, e.clock.Now()))
	step(time.Hour)(f.eng.Answer(r, user(f.policy), comply.AnswerInput{Kind: schakel.Comply,
		Changes: "De werkwijze verandert.", ByWhen: f.eng.Calendar.Today(e.clock.Now()).AddDays(30)}, e.clock.Now()))
	step(0)(f.eng.Close(r, user(f.burger), "Dank.", e.clock.Now()))
	got, err := e.s.Events(e.ctx, r.ID)
	must(e.t, err)
	if len(got) != len(want) {
		e.t.Fatalf("%d events, want %d", len(got), len(want))
	}
	for i := range want {
		if got[i].Seq != i+1 || !reflect.DeepEqual(got[i], want[i]) {
			e.t.Fatalf("event %d:\n got %+v\nwant %+v", i+1, got[i], want[i])
		}
	}
	types := []schakel.EventType{schakel.EventCreated, schakel.EventAcknowledged, schakel.EventExtended, schakel.EventAnswered,
		schakel.EventContested, schakel.EventEscalated, schakel.EventAnswered, schakel.EventClosed}
	for i, typ := range types {
		if got[i].Type != typ {
			e.t.Fatalf("event %d is %s, want %s", i+1, got[i].Type, typ)
		}
	}
	if got[5].Data.From == nil || got[5].Data.To == nil || got[5].Data.To.OrganisationID != f.szw.ID || got[6].Data.ByWhen == nil ||
		len(got[3].Data.Motivations) != 2 || got[5].Data.AnswerDue == nil {
		e.t.Fatalf("event data lost: %+v %+v %+v", got[3].Data, got[5].Data, got[6].Data)
	}
	wantRequest(e, r)
	// History is never edited, not even from under the store.
	if err := e.rawExec("UPDATE request_events SET type = 'vervalst' WHERE request_id = ?", r.ID); err == nil {
		e.t.Fatal("an event was updated")
	}
	if err := e.rawExec("DELETE FROM request_events WHERE request_id = ?", r.ID); err == nil {
		e.t.Fatal("an event was deleted")
	}
	if got, _ := e.s.Events(e.ctx, r.ID); len(got) != len(want) {
		e.t.Fatalf("%d events after tampering", len(got))
	}
}

func testUpdateRequest(e *env) {
	f := newReqFixture(e)
	r := f.brake(e, "Noodrem")
	e.clock.Advance(time.Hour)
	now := e.clock.Now()
	// Two changes from the same version: the first wins, the second hears
	// what happened, and exactly one event is appended.
	ack, ackEv, err := f.eng.Acknowledge(r, user(f.coord), now)
	must(e.t, err)
	ans, ansEv, err := f.eng.Answer(r, user(f.coord), comply.AnswerInput{Kind: schakel.Explain,
		Motivations: map[string]string{"zorgvuldigheid": "a", "motivering": "b"}}, now)
	must(e.t, err)
	must(e.t, e.s.UpdateRequest(e.ctx, 1, ack, ackEv))
	if ackEv.RequestID != r.ID {
		e.t.Fatalf("event request id %d", ackEv.RequestID)
	}
	err = e.s.UpdateRequest(e.ctx, 1, ans, ansEv)
	wantCode(e.t, err, schakel.ECONFLICT)
	if msg := schakel.ErrorMessage(err); !containsAll(msg, strconv.FormatInt(r.ID, 10), "ontvangen", "versie 2") {
		e.t.Fatalf("conflict message %q does not name the state and version", msg)
	}
	wantRequest(e, ack)
	evs, err := e.s.Events(e.ctx, r.ID)
	must(e.t, err)
	if len(evs) != 2 || evs[1].Type != schakel.EventAcknowledged {
		e.t.Fatalf("events after the conflict: %+v", evs)
	}

	// Nothing is half-written: an event the version does not know about
	// (planted under the store) makes the append fail, and the request row
	// stays as it was.
	must(e.t, e.rawExec(`INSERT INTO request_events (request_id, seq, type, at, actor_kind, state, rung, data)
		VALUES (?, 3, 'herinnering', ?, 'systeem', 'ontvangen', 0, '{}')`, r.ID, now))
	ans, ansEv, err = f.eng.Answer(ack, user(f.coord), comply.AnswerInput{Kind: schakel.Explain,
		Motivations: map[string]string{"zorgvuldigheid": "a", "motivering": "b"}}, now)
	must(e.t, err)
	wantCode(e.t, e.s.UpdateRequest(e.ctx, 2, ans, ansEv), schakel.ECONFLICT)
	wantRequest(e, ack)
	// An event naming a user who does not exist is refused, and the
	// request row stays as it was.
	r2 := f.brake(e, "Tweede")
	n, nev, err := f.eng.Acknowledge(r2, schakel.Party{Kind: schakel.PartyUser, UserID: 99999}, now)
	must(e.t, err)
	wantCode(e.t, e.s.UpdateRequest(e.ctx, 1, n, nev), schakel.EINVALID)
	wantRequest(e, r2)

	// Unknown requests, and transitions that do not follow the version.
	ghost := *n
	ghost.ID = 99999
	wantCode(e.t, e.s.UpdateRequest(e.ctx, 1, &ghost, &schakel.Event{Seq: 2, Type: schakel.EventAcknowledged, At: now, Actor: user(f.coord), State: ghost.State}), schakel.ENOTFOUND)
	n, nev, err = f.eng.Acknowledge(r2, user(f.coord), now)
	must(e.t, err)
	wantCode(e.t, e.s.UpdateRequest(e.ctx, 2, n, nev), schakel.EINTERNAL)
	nev.Seq = 5
	wantCode(e.t, e.s.UpdateRequest(e.ctx, 1, n, nev), schakel.EINTERNAL)
	wantRequest(e, r2)

	// The current addressee moves with the rung: after a contest the board
	// of uwv has the request in its inbox and the coordinator no longer.
	r3 := f.brake(e, "Betwist")
	r3 = apply(e, r3)(f.eng.Answer(r3, user(f.coord), comply.AnswerInput{Kind: schakel.Explain,
		Motivations: map[string]string{"zorgvuldigheid": "a", "motivering": "b"}}, now))
	inbox := func(role schakel.Role) []int64 {
		got, _, err := e.s.Requests(e.ctx, schakel.RequestFilter{AddresseeOrganisationID: f.uwv.ID, AddresseeRole: role})
		must(e.t, err)
		var out []int64
		for _, r := range got {
			out = append(out, r.ID)
		}
		return out
	}
	if slices.Contains(inbox(schakel.RoleBoard), r3.ID) || !slices.Contains(inbox(schakel.RoleCoordinator), r3.ID) {
		e.t.Fatal("inbox before the contest")
	}
	r3 = apply(e, r3)(f.eng.Contest(r3, user(f.burger), "Nee.", now))
	if !slices.Contains(inbox(schakel.RoleBoard), r3.ID) || slices.Contains(inbox(schakel.RoleCoordinator), r3.ID) {
		e.t.Fatal("inbox after the contest: the addressee did not move with the rung")
	}
	wantRequest(e, r3)

	e.t.Run("concurrent", func(t *testing.T) { testUpdateRequestConcurrent(&env{t: t, ctx: e.ctx, s: e.s, clock: e.clock}, f) })
	// Every event written carries its log entry: the projection of what was stored.
	wantLedgerEntries(e)
}

// testUpdateRequestConcurrent has eight sweepers apply the same escalation to
// one request at once: exactly one may win.
func testUpdateRequestConcurrent(e *env, f *reqFixture) {
	r := f.brake(e, "Race")
	now := r.AckDeadline
	const n = 8
	errs := make([]error, n)
	var wg, read sync.WaitGroup
	start := make(chan struct{})
	for i := range n {
		wg.Add(1)
		read.Add(1)
		go func() {
			defer wg.Done()
			// Each sweeper reads the request itself, and all have read it
			// before any writes.
			cur, err := e.s.Request(context.Background(), r.ID)
			read.Done()
			if err != nil {
				errs[i] = err
				return
			}
			next, ev, err := f.eng.Sweep(cur, now)
			if err != nil || next == nil {
				errs[i] = fmt.Errorf("sweep of version %d at %v: %v, %v", cur.Version, now, next, err)
				return
			}
			<-start
			errs[i] = e.s.UpdateRequest(context.Background(), cur.Version, next, ev)
		}()
	}
	read.Wait()
	close(start)
	wg.Wait()
	won := 0
	for _, err := range errs {
		switch schakel.ErrorCode(err) {
		case "":
			won++
		case schakel.ECONFLICT:
		default:
			e.t.Fatalf("concurrent sweep: %v", err)
		}
	}
	if won != 1 {
		e.t.Fatalf("%d of %d concurrent escalations succeeded, want 1", won, n)
	}
	got, err := e.s.Request(e.ctx, r.ID)
	must(e.t, err)
	evs, err := e.s.Events(e.ctx, r.ID)
	must(e.t, err)
	if got.Version != 2 || got.Rung != 1 || got.State != schakel.StateEscalated || got.MissedCount != 1 || len(evs) != 2 || evs[1].Type != schakel.EventEscalated {
		e.t.Fatalf("after the race: version %d rung %d state %s missed %d, %d events", got.Version, got.Rung, got.State, got.MissedCount, len(evs))
	}
}

func dueIDs(e *env, now time.Time, limit int) []int64 {
	e.t.Helper()
	due, err := e.s.DueRequests(e.ctx, now, limit)
	must(e.t, err)
	var out []int64
	for _, r := range due {
		want, err := e.s.Request(e.ctx, r.ID)
		must(e.t, err)
		wantSameRequest(e.t, r, want) // ladders and grounds loaded
		out = append(out, r.ID)
	}
	return out
}

func testDueRequests(e *env) {
	f := newReqFixture(e)
	a := f.brake(e, "a") // due first at its acknowledgement deadline
	e.clock.Advance(24 * time.Hour)
	b := f.create(e, schakel.TypeGeneral, user(f.burger), f.uwv, "b") // due first at its reminder
	c := f.create(e, schakel.TypeGeneral, user(f.burger), f.uwv, "c")
	cWouldBeDue := []time.Time{c.ReminderAt, c.AnswerDeadline}
	c = apply(e, c)(f.eng.Withdraw(c, user(f.burger), "Laat maar.", e.clock.Now())) // never due
	if !a.AckDeadline.Before(b.ReminderAt) || b.ReminderAt.IsZero() || c.State.AwaitsAnswer() || slices.Contains(cWouldBeDue, time.Time{}) {
		e.t.Fatalf("fixture: a's ack deadline %v, b's reminder %v, c %s with reminder and deadline %v", a.AckDeadline, b.ReminderAt, c.State, cWouldBeDue)
	}
	e.step("boundaries", func(e *env) {
		// A deadline exactly at now is due, a µs before it is not.
		if got := dueIDs(e, a.AckDeadline.Add(-time.Microsecond), 10); got != nil {
			e.t.Fatalf("due a µs before the first deadline: %v", got)
		}
		if got := dueIDs(e, a.AckDeadline, 10); !slices.Equal(got, []int64{a.ID}) {
			e.t.Fatalf("due at a's ack deadline: %v", got)
		}
		if got := dueIDs(e, b.ReminderAt.Add(-time.Microsecond), 10); !slices.Equal(got, []int64{a.ID}) {
			e.t.Fatalf("due before b's reminder: %v", got)
		}
		if got := dueIDs(e, b.ReminderAt, 10); !slices.Equal(got, []int64{a.ID, b.ID}) {
			e.t.Fatalf("due at b's reminder: %v, want longest due first", got)
		}
		if got := dueIDs(e, b.ReminderAt, 1); !slices.Equal(got, []int64{a.ID}) {
			e.t.Fatalf("due with limit 1: %v", got)
		}
	})
	e.step("withdrawn is never due", func(e *env) {
		// c was made with b and would be due with it; withdrawn, nothing
		// is owed, at its reminder, its deadline or ever after.
		for _, at := range append(cWouldBeDue, Start.Add(10*365*24*time.Hour)) {
			if got := dueIDs(e, at, 500); slices.Contains(got, c.ID) {
				e.t.Fatalf("the withdrawn request is due at %v: %v", at, got)
			}
		}
		if n := e.count(fmt.Sprintf("requests WHERE id = %d AND next_due_at IS NOT NULL", c.ID)); n != 0 {
			e.t.Fatal("the withdrawn request keeps a next_due_at")
		}
	})
	e.step("acknowledged", func(e *env) {
		// Acknowledged, a is due next at its reminder, which is before b's.
		a = apply(e, a)(f.eng.Acknowledge(a, user(f.coord), e.clock.Now()))
		if got := dueIDs(e, a.ReminderAt.Add(-time.Microsecond), 10); got != nil {
			e.t.Fatalf("due after a was acknowledged: %v", got)
		}
		if got := dueIDs(e, a.ReminderAt, 10); !slices.Equal(got, []int64{a.ID}) {
			e.t.Fatalf("due at a's reminder: %v", got)
		}
		if got := dueIDs(e, b.ReminderAt, 10); !slices.Equal(got, []int64{a.ID, b.ID}) {
			e.t.Fatalf("due at b's reminder: %v", got)
		}
	})
	var d *schakel.Request
	e.step("due is what the sweep acts on", func(e *env) { d = walkDueIsSweep(e, f) })
	e.step("nothing due after the top", func(e *env) {
		for _, r := range []*schakel.Request{a, b, d} {
			got, err := e.s.Request(e.ctx, r.ID)
			must(e.t, err)
			if !got.MissedAtTop || !got.AtTop() {
				e.t.Fatalf("request %s after the walk: rung %d, missed at top %v", got.Subject, got.Rung, got.MissedAtTop)
			}
		}
		if got := dueIDs(e, Start.Add(10*365*24*time.Hour), 500); got != nil {
			e.t.Fatalf("due after everything missed at the top: %v", got)
		}
		// Nor do they stay in the sweep's index: nothing will become due.
		if n := e.count("requests WHERE next_due_at IS NOT NULL"); n != 0 {
			e.t.Fatalf("%d requests keep a next_due_at with nothing left to do", n)
		}
		evs, err := e.s.Events(e.ctx, d.ID)
		must(e.t, err)
		if last := evs[len(evs)-1]; last.Type != schakel.EventReminder {
			e.t.Fatalf("d's last event is %s, want the reminder", last.Type)
		}
	})
}

// walkDueIsSweep holds the contract with the sweep: at every moment,
// DueRequests returns exactly the requests for which comply.Engine.Sweep
// has something to do. A day-by-day walk takes the ladders of the requests
// there are to the top; d, made here, reaches the top with a missed
// acknowledgement, is then acknowledged and extended, so a reminder is due
// after the miss at the top. It returns d as it was last changed by hand.
func walkDueIsSweep(e *env, f *reqFixture) *schakel.Request {
	e.t.Helper()
	d := f.brake(e, "d")
	extended := false
	for t := e.clock.Now(); t.Before(Start.Add(200 * 24 * time.Hour)); t = t.Add(24 * time.Hour) {
		checkDueIsSweep(e, f, t)
		if cur, err := e.s.Request(e.ctx, d.ID); err == nil && cur.MissedAtTop && !extended {
			d = extendAtTop(e, f, cur, t)
			extended = true
		}
	}
	if !extended {
		e.t.Fatal("d never reached the top")
	}
	return d
}

// extendAtTop acknowledges and extends cur, which missed at the top, at t,
// and checks that the reminder the extension sets is due — but not once
// the deadline has passed.
func extendAtTop(e *env, f *reqFixture, cur *schakel.Request, t time.Time) *schakel.Request {
	e.t.Helper()
	d := apply(e, cur)(f.eng.Acknowledge(cur, user(f.policy), t))
	d = apply(e, d)(f.eng.Extend(d, user(f.policy), calendar.Term{N: 1, Unit: calendar.Weeks}, "Uitzoeken.", t))
	if d.ReminderAt.IsZero() {
		e.t.Fatal("extension at the top set no reminder")
	}
	// Had the sweep not run between the reminder and the deadline, the
	// reminder would no longer be due once the deadline passed.
	if got := dueIDs(e, d.ReminderAt, 500); !slices.Contains(got, d.ID) {
		e.t.Fatalf("reminder after a miss at the top is not due: %v", got)
	}
	if got := dueIDs(e, d.AnswerDeadline, 500); slices.Contains(got, d.ID) {
		e.t.Fatal("request that missed at the top is due again")
	}
	return d
}

// checkDueIsSweep fails unless DueRequests at now is exactly the requests on
// which Sweep acts, then sweeps them as jobs does.
func checkDueIsSweep(e *env, f *reqFixture, now time.Time) {
	e.t.Helper()
	all, _, err := e.s.Requests(e.ctx, schakel.RequestFilter{Limit: 500})
	must(e.t, err)
	var want []int64
	for _, r := range all {
		if n, _, err := f.eng.Sweep(r, now); err != nil {
			e.t.Fatal(err)
		} else if n != nil {
			want = append(want, r.ID)
		}
	}
	got := dueIDs(e, now, 500)
	sorted := slices.Clone(got)
	slices.Sort(sorted)
	if !slices.Equal(sorted, want) {
		e.t.Fatalf("at %v DueRequests = %v, Sweep acts on %v", now, got, want)
	}
	due, err := e.s.DueRequests(e.ctx, now, 500)
	must(e.t, err)
	for _, r := range due {
		for {
			n, ev, err := f.eng.Sweep(r, now)
			must(e.t, err)
			if n == nil {
				break
			}
			r = apply(e, r)(n, ev, nil)
		}
	}
}

func testEventsOf(e *env) {
	f := newReqFixture(e)
	a := f.brake(e, "A")
	b := f.brake(e, "B")
	a = apply(e, a)(f.eng.Acknowledge(a, user(f.coord), e.clock.Now()))
	got, err := e.s.EventsOf(e.ctx, []int64{a.ID, b.ID, 999999})
	must(e.t, err)
	if len(got) != 2 || len(got[a.ID]) != 2 || len(got[b.ID]) != 1 || got[999999] != nil {
		e.t.Fatalf("EventsOf = %v", got)
	}
	for _, id := range []int64{a.ID, b.ID} {
		one, err := e.s.Events(e.ctx, id)
		must(e.t, err)
		for i := range one {
			if !reflect.DeepEqual(one[i], got[id][i]) {
				e.t.Fatalf("EventsOf and Events differ for request %d at %d", id, i)
			}
			if got[id][i].Seq != i+1 || got[id][i].RequestID != id {
				e.t.Fatalf("event %d of %d: %+v", i, id, got[id][i])
			}
		}
	}
	empty, err := e.s.EventsOf(e.ctx, nil)
	must(e.t, err)
	if len(empty) != 0 {
		e.t.Fatalf("EventsOf(nil) = %v", empty)
	}
	// A scan by id visits every request once, in id order, without a total.
	var seen []int64
	for after := int64(0); ; {
		page, total, err := e.s.Requests(e.ctx, schakel.RequestFilter{ByID: true, AfterID: after, Limit: 1})
		must(e.t, err)
		if total != -1 {
			e.t.Fatalf("a scan by id counted %d", total)
		}
		if len(page) == 0 {
			break
		}
		seen = append(seen, page[0].ID)
		after = page[0].ID
	}
	if len(seen) != 2 || seen[0] != a.ID || seen[1] != b.ID {
		e.t.Fatalf("scan by id saw %v, want [%d %d]", seen, a.ID, b.ID)
	}
}
