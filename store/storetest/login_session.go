package storetest

import (
	"time"

	"github.com/schakel-nl/schakel"
)

func init() {
	tests["RecordLoginSession"] = testLoginSessions
	tests["EndLoginSessions"] = testLoginSessions
}

// testLoginSessions: sessions recorded for a login end by user, by the
// broker's session id or by the user's subject at that issuer — the
// session rows themselves go too, so the cookie is worthless — and a
// filter naming nobody ends nothing. A record without token, issuer or
// user is refused naming each.
func testLoginSessions(e *env) {
	alice := MustUser(e.t, e.s, "alice")
	bob := MustUser(e.t, e.s, "bob")
	now := e.clock.Now()
	ss := e.s.Sessions()
	record := func(token string, user int64, sid string) {
		must(e.t, ss.CommitCtx(e.ctx, token, []byte("x"), now.Add(time.Hour)))
		must(e.t, e.s.RecordLoginSession(e.ctx, schakel.LoginSession{Token: token, UserID: user, Issuer: "https://idp.test",
			SID: sid, CreatedAt: now, ExpiresAt: now.Add(time.Hour)}))
	}
	alive := func(token string) bool {
		_, ok, err := ss.FindCtx(e.ctx, token)
		must(e.t, err)
		return ok
	}
	record("a1", alice.ID, "sid-a1")
	record("a2", alice.ID, "sid-a2")
	record("b1", bob.ID, "sid-b1")
	record("b2", bob.ID, "")

	wantFields(e.t, e.s.RecordLoginSession(e.ctx, schakel.LoginSession{}), "token", "issuer", "gebruikerId")

	n, err := e.s.EndLoginSessions(e.ctx, schakel.LoginSessionFilter{})
	must(e.t, err)
	if n != 0 || !alive("a1") || !alive("b1") {
		e.t.Fatalf("empty filter ended %d sessions", n)
	}
	n, err = e.s.EndLoginSessions(e.ctx, schakel.LoginSessionFilter{Issuer: "https://idp.test", SID: "sid-a1"})
	must(e.t, err)
	if n != 1 || alive("a1") || !alive("a2") {
		e.t.Fatalf("by sid: ended %d, a1 alive %v, a2 alive %v", n, alive("a1"), alive("a2"))
	}
	n, err = e.s.EndLoginSessions(e.ctx, schakel.LoginSessionFilter{Issuer: "https://other.test", Subject: "bob"})
	must(e.t, err)
	if n != 0 || !alive("b1") {
		e.t.Fatalf("another issuer's subject ended %d of bob's sessions", n)
	}
	n, err = e.s.EndLoginSessions(e.ctx, schakel.LoginSessionFilter{Issuer: "https://idp.test", Subject: "bob"})
	must(e.t, err)
	if n != 2 || alive("b1") || alive("b2") || !alive("a2") {
		e.t.Fatalf("by subject: ended %d", n)
	}
	n, err = e.s.EndLoginSessions(e.ctx, schakel.LoginSessionFilter{UserID: alice.ID})
	must(e.t, err)
	if n != 1 || alive("a2") {
		e.t.Fatalf("by user: ended %d, a2 alive %v", n, alive("a2"))
	}
}
