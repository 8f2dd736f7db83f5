package storetest

import (
	"time"

	"github.com/schakel-nl/schakel"
)

func init() {
	tests["RecordLoginSession"] = testLoginSessions
	tests["EndLoginSessions"] = testLoginSessions
	tests["LoginSessionAlive"] = testLoginSessionAlive
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

	// By sid and subject: that broker session and the subject's sessions
	// recorded without a sid, not the subject's other broker sessions nor
	// anyone else's sessions without a sid.
	record("a3", alice.ID, "sid-a3")
	record("a4", alice.ID, "")
	record("a5", alice.ID, "sid-a5")
	record("b3", bob.ID, "")
	n, err = e.s.EndLoginSessions(e.ctx, schakel.LoginSessionFilter{Issuer: "https://other.test", SID: "sid-a3", Subject: "alice"})
	must(e.t, err)
	if n != 0 || !alive("a3") || !alive("a4") {
		e.t.Fatalf("another issuer's sid and subject ended %d sessions", n)
	}
	n, err = e.s.EndLoginSessions(e.ctx, schakel.LoginSessionFilter{Issuer: "https://idp.test", SID: "sid-a3", Subject: "alice"})
	must(e.t, err)
	if n != 2 || alive("a3") || alive("a4") || !alive("a5") || !alive("b3") {
		e.t.Fatalf("by sid and subject: ended %d; a3 %v a4 %v a5 %v b3 %v", n, alive("a3"), alive("a4"), alive("a5"), alive("b3"))
	}
}

// testLoginSessionAlive: a recorded login session is alive until it is
// ended; a token never recorded (a demo login's) is not.
func testLoginSessionAlive(e *env) {
	alice := MustUser(e.t, e.s, "alice")
	now := e.clock.Now()
	must(e.t, e.s.RecordLoginSession(e.ctx, schakel.LoginSession{Token: "t1", UserID: alice.ID, Issuer: "https://idp.test",
		CreatedAt: now, ExpiresAt: now.Add(time.Hour)}))
	must(e.t, e.s.RecordLoginSession(e.ctx, schakel.LoginSession{Token: "t2", UserID: alice.ID, Issuer: "https://idp.test",
		SID: "sid-2", CreatedAt: now, ExpiresAt: now.Add(time.Hour)}))
	isAlive := func(token string) bool {
		ok, err := e.s.LoginSessionAlive(e.ctx, token)
		must(e.t, err)
		return ok
	}
	if !isAlive("t1") || !isAlive("t2") || isAlive("nooit") || isAlive("") {
		e.t.Fatalf("alive: t1 %v, t2 %v, never recorded %v", isAlive("t1"), isAlive("t2"), isAlive("nooit"))
	}
	_, err := e.s.EndLoginSessions(e.ctx, schakel.LoginSessionFilter{Issuer: "https://idp.test", SID: "sid-2"})
	must(e.t, err)
	if isAlive("t2") || !isAlive("t1") {
		e.t.Fatalf("after ending t2: t1 %v, t2 %v", isAlive("t1"), isAlive("t2"))
	}
}
