package storetest

import (
	"github.com/schakel-nl/schakel"
	"time"
)

func init() {
	tests["BrakeContactsToNotify"] = testBrakeContacts
	tests["MarkBrakeContactNotified"] = testBrakeContacts
	tests["DeleteEndedBrakeContacts"] = testDeleteEndedBrakeContacts
}

// citizenBrakeWithEmail stores a citizen's brake at uwv with email ("" for
// none).
func (f *reqFixture) citizenBrakeWithEmail(e *env, subject, email string) *schakel.Brake {
	e.t.Helper()
	b, r, ev := f.newBrake(e, schakel.LevelCitizen, schakel.Party{Kind: schakel.PartyAnonymous}, f.uwv, subject)
	b.RuleRefs = nil
	b.ContactEmail = email
	must(e.t, e.s.CreateBrake(e.ctx, b, r, ev, nil))
	return b
}

// contactsToNotify returns the request ids and rungs to notify.
func contactsToNotify(e *env) map[int64]int {
	e.t.Helper()
	cs, err := e.s.BrakeContactsToNotify(e.ctx, 100)
	must(e.t, err)
	out := map[int64]int{}
	for _, c := range cs {
		out[c.RequestID] = c.Rung
	}
	return out
}

func testBrakeContacts(e *env) {
	f := newReqFixture(e)
	with := f.citizenBrakeWithEmail(e, "met-adres", "burger@example.nl")
	without := f.citizenBrakeWithEmail(e, "zonder-adres", "")
	if n := countRows(e, "brake_contacts"); n != 1 {
		e.t.Fatalf("%d contacts stored, want 1", n)
	}
	// Reading the brake never brings the address back.
	got, err := e.s.Brake(e.ctx, with.RequestID)
	must(e.t, err)
	if got.ContactEmail != "" {
		e.t.Fatalf("Brake returns the address %q", got.ContactEmail)
	}
	bs, _, err := e.s.Brakes(e.ctx, schakel.BrakeFilter{})
	must(e.t, err)
	for _, b := range bs {
		if b.ContactEmail != "" {
			e.t.Fatalf("Brakes returns the address %q", b.ContactEmail)
		}
	}
	// Open: nothing to tell.
	if got := contactsToNotify(e); len(got) != 0 {
		e.t.Fatalf("to notify while open: %v", got)
	}
	// Answered at rung 0: told once.
	answered := f.answer(e, with.Request, f.coord, schakel.Explain)
	f.answer(e, without.Request, f.coord, schakel.Explain)
	cs, err := e.s.BrakeContactsToNotify(e.ctx, 100)
	must(e.t, err)
	if len(cs) != 1 || cs[0].RequestID != with.RequestID || cs[0].Email != "burger@example.nl" || cs[0].Rung != 0 {
		e.t.Fatalf("to notify = %+v", cs)
	}
	must(e.t, e.s.MarkBrakeContactNotified(e.ctx, with.RequestID, 0))
	if got := contactsToNotify(e); len(got) != 0 {
		e.t.Fatalf("to notify after marking: %v", got)
	}
	// Contested and answered again one rung up: told again.
	n, ev, err := f.eng.Contest(answered, schakel.Party{Kind: schakel.PartyAnonymous}, "Niet eens.", e.clock.Now())
	must(e.t, err)
	must(e.t, e.s.UpdateRequest(e.ctx, answered.Version, n, ev))
	if got := contactsToNotify(e); len(got) != 0 {
		e.t.Fatalf("to notify while escalated: %v", got)
	}
	f.answer(e, n, f.board, schakel.Explain)
	if got := contactsToNotify(e); got[with.RequestID] != 1 || len(got) != 1 {
		e.t.Fatalf("to notify after the second answer = %v", got)
	}
	// Marking a lower rung changes nothing; the limit holds.
	must(e.t, e.s.MarkBrakeContactNotified(e.ctx, with.RequestID, 1))
	must(e.t, e.s.MarkBrakeContactNotified(e.ctx, with.RequestID, 0))
	if got := contactsToNotify(e); len(got) != 0 {
		e.t.Fatalf("to notify after marking rung 1: %v", got)
	}
	cs, err = e.s.BrakeContactsToNotify(e.ctx, 0)
	must(e.t, err)
	if len(cs) != 0 {
		e.t.Fatalf("limit 0 gave %d", len(cs))
	}
}

func testDeleteEndedBrakeContacts(e *env) {
	f := newReqFixture(e)
	open := f.citizenBrakeWithEmail(e, "open", "open@example.nl")
	closed := f.citizenBrakeWithEmail(e, "gesloten", "gesloten@example.nl")
	withdrawn := f.citizenBrakeWithEmail(e, "ingetrokken", "ingetrokken@example.nl")
	left := f.citizenBrakeWithEmail(e, "beantwoord", "beantwoord@example.nl")
	long := e.clock.Now().Add(-24 * time.Hour) // before anything in this test
	n, err := e.s.DeleteEndedBrakeContacts(e.ctx, long)
	must(e.t, err)
	if n != 0 || countRows(e, "brake_contacts") != 4 {
		e.t.Fatalf("deleted %d of open brakes", n)
	}
	anon := schakel.Party{Kind: schakel.PartyAnonymous}
	a := f.answer(e, closed.Request, f.coord, schakel.Comply)
	c, cev, err := f.eng.Close(a, anon, "", e.clock.Now())
	must(e.t, err)
	must(e.t, e.s.UpdateRequest(e.ctx, a.Version, c, cev))
	w, wev, err := f.eng.Withdraw(withdrawn.Request, anon, "Opgelost.", e.clock.Now())
	must(e.t, err)
	must(e.t, e.s.UpdateRequest(e.ctx, withdrawn.Request.Version, w, wev))
	f.answer(e, left.Request, f.coord, schakel.Comply)
	answeredAt := e.clock.Now()
	n, err = e.s.DeleteEndedBrakeContacts(e.ctx, answeredAt.Add(-time.Second))
	must(e.t, err)
	if n != 2 || countRows(e, "brake_contacts") != 2 {
		e.t.Fatalf("deleted %d, %d left; want the closed and the withdrawn deleted, 2 left", n, countRows(e, "brake_contacts"))
	}
	// Answered and left alone since: deleted once the answer is older than
	// the time given.
	n, err = e.s.DeleteEndedBrakeContacts(e.ctx, answeredAt.Add(time.Second))
	must(e.t, err)
	if n != 1 || countRows(e, "brake_contacts") != 1 {
		e.t.Fatalf("deleted %d of the answered one, %d left", n, countRows(e, "brake_contacts"))
	}
	var kept int64
	must(e.t, e.s.DB().QueryRowContext(e.ctx, "SELECT request_id FROM brake_contacts").Scan(&kept))
	if kept != open.RequestID {
		e.t.Fatalf("kept the contact of %d, want %d", kept, open.RequestID)
	}
	n, err = e.s.DeleteEndedBrakeContacts(e.ctx, answeredAt.Add(time.Second))
	must(e.t, err)
	if n != 0 {
		e.t.Fatalf("deleted %d again", n)
	}
}
