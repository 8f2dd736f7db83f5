package storetest

import (
	"context"
	"testing"
	"time"

	"github.com/schakel-nl/schakel"
	"github.com/schakel-nl/schakel/store"
)

func init() {
	tests["SetUserOperator"] = testSetUserOperator
	tests["SetPrincipleRetired"] = testSetPrincipleRetired
	tests["PrincipleEvents"] = testSetPrincipleRetired
}

// testSetUserOperator: the flag is given and taken once each, read back by
// User, UserByLogin and Users, with a line of history each; nothing is
// written for a conflict or an unknown user.
func testSetUserOperator(e *env) {
	op := MustUser(e.t, e.s, "operator")
	u := MustUser(e.t, e.s, "jan")
	if u.Operator {
		e.t.Fatal("a new user is an operator")
	}
	by := schakel.Change{ByUserID: op.ID, Via: schakel.ViaPage, Reason: "nieuwe beheerder van de installatie"}
	e.clock.Advance(time.Minute)
	got, err := e.s.SetUserOperator(e.ctx, u.ID, true, by)
	must(e.t, err)
	if !got.Operator {
		e.t.Fatal("SetUserOperator(on) did not make an operator")
	}
	_, err = e.s.SetUserOperator(e.ctx, u.ID, true, by)
	wantCode(e.t, err, schakel.ECONFLICT)
	again, err := e.s.UserByLogin(e.ctx, u.Issuer, u.Subject)
	must(e.t, err)
	list, _, err := e.s.Users(e.ctx, schakel.UserFilter{})
	must(e.t, err)
	for _, l := range list {
		if (l.ID == u.ID) != l.Operator {
			e.t.Fatalf("Users: %d operator=%v", l.ID, l.Operator)
		}
	}
	if !again.Operator {
		e.t.Fatal("UserByLogin does not read the flag")
	}
	off, err := e.s.SetUserOperator(e.ctx, u.ID, false, schakel.Change{Via: schakel.ViaCommand})
	must(e.t, err)
	if off.Operator {
		e.t.Fatal("SetUserOperator(off) left an operator")
	}
	_, err = e.s.SetUserOperator(e.ctx, u.ID, false, by)
	wantCode(e.t, err, schakel.ECONFLICT)
	_, err = e.s.SetUserOperator(e.ctx, 999999, true, by)
	wantCode(e.t, err, schakel.ENOTFOUND)
	es := wantKinds(e, u.ID, schakel.UserOperatorGiven, schakel.UserOperatorTaken)
	if es[0].ByUserID != op.ID || es[0].Via != schakel.ViaPage || es[0].Reason != "nieuwe beheerder van de installatie" || !es[0].At.Equal(e.clock.Now()) ||
		es[1].ByUserID != 0 || es[1].Via != schakel.ViaCommand {
		e.t.Fatalf("history = %+v", es)
	}
}

// testSetPrincipleRetired: a principle is retired and reinstated with who,
// when, by which way and why in its history; a retired principle is left
// out of the active list and back in once reinstated; conflicts and
// unknown codes write nothing.
func testSetPrincipleRetired(e *env) {
	_, err := e.s.SeedPrinciples(e.ctx, schakel.DefaultPrinciples())
	must(e.t, err)
	op := MustUser(e.t, e.s, "operator")
	e.clock.Advance(time.Hour)
	retiredAt := e.clock.Now()
	p, err := e.s.SetPrincipleRetired(e.ctx, "motivering", true, schakel.Change{ByUserID: op.ID, Via: schakel.ViaAPI, Reason: "opgegaan in zorgvuldigheid"})
	must(e.t, err)
	if p.RetiredAt == nil || !p.RetiredAt.Equal(retiredAt) {
		e.t.Fatalf("RetiredAt = %v", p.RetiredAt)
	}
	_, err = e.s.SetPrincipleRetired(e.ctx, "motivering", true, schakel.Change{Via: schakel.ViaAPI})
	wantCode(e.t, err, schakel.ECONFLICT)
	active, err := e.s.Principles(e.ctx, schakel.PrincipleFilter{Codes: []string{"motivering"}})
	must(e.t, err)
	if len(active) != 0 {
		e.t.Fatal("a retired principle is listed as active")
	}
	e.clock.Advance(time.Hour)
	p, err = e.s.SetPrincipleRetired(e.ctx, "motivering", false, schakel.Change{ByUserID: op.ID, Via: schakel.ViaPage, Reason: "ten onrechte ingetrokken"})
	must(e.t, err)
	if p.RetiredAt != nil {
		e.t.Fatalf("reinstated principle RetiredAt = %v", p.RetiredAt)
	}
	_, err = e.s.SetPrincipleRetired(e.ctx, "motivering", false, schakel.Change{Via: schakel.ViaPage})
	wantCode(e.t, err, schakel.ECONFLICT)
	_, err = e.s.SetPrincipleRetired(e.ctx, "bestaat-niet", true, schakel.Change{Via: schakel.ViaPage})
	wantCode(e.t, err, schakel.ENOTFOUND)
	active, err = e.s.Principles(e.ctx, schakel.PrincipleFilter{Codes: []string{"motivering"}})
	must(e.t, err)
	if len(active) != 1 {
		e.t.Fatal("a reinstated principle is not listed as active")
	}
	es, err := e.s.PrincipleEvents(e.ctx, "motivering")
	must(e.t, err)
	if len(es) != 2 || es[0].Kind != schakel.PrincipleRetired || es[1].Kind != schakel.PrincipleReinstated ||
		es[0].Code != "motivering" || es[0].ByUserID != op.ID || es[0].Via != schakel.ViaAPI || es[0].Reason != "opgegaan in zorgvuldigheid" || !es[0].At.Equal(retiredAt) ||
		es[1].Via != schakel.ViaPage || es[1].Reason != "ten onrechte ingetrokken" || !es[1].At.Equal(retiredAt.Add(time.Hour)) {
		e.t.Fatalf("history = %+v", es)
	}
	if es, err := e.s.PrincipleEvents(e.ctx, "gelijkheid"); err != nil || len(es) != 0 {
		e.t.Fatalf("history of an untouched principle = %+v, %v", es, err)
	}
}

// MustOperator creates a user without roles who is an operator of the
// installation.
func MustOperator(tb testing.TB, s *store.Store, subject string) *schakel.User {
	tb.Helper()
	u := MustUser(tb, s, subject)
	op, err := s.SetUserOperator(context.Background(), u.ID, true, schakel.Change{Via: schakel.ViaCommand})
	if err != nil {
		tb.Fatalf("make %s operator: %v", subject, err)
	}
	return op
}
