package auth

import (
	"crypto/rand"
	"crypto/rsa"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/golang-jwt/jwt/v5"
	"github.com/oauth2-proxy/mockoidc"
)

// withEndSession is a provider whose discovery offers an end-session
// endpoint.
func withEndSession(t *testing.T) *mockoidc.MockOIDC {
	return runProviderWith(t, discoveryExtra(func(base string) map[string]any {
		return map[string]any{"end_session_endpoint": base + "/end-session"}
	}))
}

// logoutToken signs a logout token for e's client with the provider's key,
// with claims changed by edit.
func (e *env) logoutToken(edit func(jwt.MapClaims)) string {
	e.t.Helper()
	c := jwt.MapClaims{
		"iss": e.m.Issuer(), "aud": e.m.ClientID, "iat": time.Now().Unix(), "jti": randomToken(),
		"events": map[string]any{backchannelEvent: map[string]any{}},
	}
	if edit != nil {
		edit(c)
	}
	tok, err := e.m.Keypair.SignJWT(c)
	if err != nil {
		e.t.Fatal(err)
	}
	return tok
}

func (e *env) backchannel(token string) int {
	e.t.Helper()
	resp, err := http.PostForm(e.srv.URL+"/auth/oidc/backchannel-logout", url.Values{"logout_token": {token}})
	if err != nil {
		e.t.Fatal(err)
	}
	resp.Body.Close()
	return resp.StatusCode
}

func TestRPInitiatedLogout(t *testing.T) {
	e := newEnv(t, withEndSession(t))
	e.queue(petra())
	e.login("")
	iss, _ := url.Parse(e.m.Issuer())
	if got := e.a.OIDC.EndSessionOrigin(); got != iss.Scheme+"://"+iss.Host {
		t.Fatalf("EndSessionOrigin = %q", got)
	}
	token := e.token()
	resp, err := e.step.Post(e.srv.URL+"/uitloggen", "application/x-www-form-urlencoded", nil)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	loc := e.location(resp, http.StatusSeeOther)
	if loc.Scheme+"://"+loc.Host+loc.Path != e.m.Issuer()+"/end-session" {
		t.Fatalf("logout goes to %s", loc)
	}
	q := loc.Query()
	if q.Get("post_logout_redirect_uri") != e.srv.URL+"/" || q.Get("client_id") != e.m.ClientID {
		t.Fatalf("query %v", q)
	}
	// The hint is the ID token the provider gave at login.
	hint, err := e.m.Keypair.VerifyJWT(q.Get("id_token_hint"), time.Now)
	if err != nil {
		t.Fatalf("id_token_hint: %v", err)
	}
	if sub, _ := hint.Claims.GetSubject(); sub != petra().sub {
		t.Fatalf("hint about %q", sub)
	}
	if e.who() != "niemand" || e.sessionExists(token) {
		t.Fatal("still logged in here")
	}
	// A second logout, without a session, stays here.
	e.logout()
}

func TestLogoutWithoutEndSession(t *testing.T) {
	// A provider without an end-session endpoint: logged out here only.
	e := newEnv(t, runProvider(t))
	e.queue(petra())
	e.login("")
	e.logout() // checks the redirect to /
	if e.a.OIDC.EndSessionOrigin() != "" {
		t.Fatal("an origin without an end-session endpoint")
	}
}

func TestBackchannelLogout(t *testing.T) {
	e := newEnv(t, runProvider(t))
	p := petra()
	p.claims["sid"] = "broker-sessie-1"
	e.queue(p)
	e.login("")
	token := e.token()

	otherKey, err := rsa.GenerateKey(rand.Reader, 2048)
	if err != nil {
		t.Fatal(err)
	}
	foreign := func() string {
		tok, err := (&mockoidc.Keypair{PrivateKey: otherKey, PublicKey: &otherKey.PublicKey}).SignJWT(jwt.MapClaims{
			"iss": e.m.Issuer(), "aud": e.m.ClientID, "iat": time.Now().Unix(), "sid": "broker-sessie-1",
			"events": map[string]any{backchannelEvent: map[string]any{}},
		})
		if err != nil {
			t.Fatal(err)
		}
		return tok
	}
	sid := func(c jwt.MapClaims) { c["sid"] = "broker-sessie-1" }
	for name, tok := range map[string]string{
		"empty":         "",
		"not a jwt":     "abc.def.ghi",
		"other key":     foreign(),
		"other client":  e.logoutToken(func(c jwt.MapClaims) { sid(c); c["aud"] = "iemand-anders" }),
		"other issuer":  e.logoutToken(func(c jwt.MapClaims) { sid(c); c["iss"] = "https://elders.example" }),
		"no event":      e.logoutToken(func(c jwt.MapClaims) { sid(c); delete(c, "events") }),
		"nonce":         e.logoutToken(func(c jwt.MapClaims) { sid(c); c["nonce"] = "n" }),
		"no sid or sub": e.logoutToken(nil),
		"no iat":        e.logoutToken(func(c jwt.MapClaims) { sid(c); delete(c, "iat") }),
		"iat tomorrow":  e.logoutToken(func(c jwt.MapClaims) { sid(c); c["iat"] = time.Now().Add(24 * time.Hour).Unix() }),
		"expired":       e.logoutToken(func(c jwt.MapClaims) { sid(c); c["exp"] = time.Now().Add(-time.Hour).Unix() }),
	} {
		if got := e.backchannel(tok); got != http.StatusBadRequest {
			t.Errorf("%s: %d, want 400", name, got)
		}
	}
	if e.who() != "Petra Geheimnaam" {
		t.Fatal("a refused logout token ended the session")
	}

	// Another broker session of the same person leaves this one alone.
	if got := e.backchannel(e.logoutToken(func(c jwt.MapClaims) { c["sid"] = "broker-sessie-2" })); got != http.StatusOK {
		t.Fatalf("other sid: %d", got)
	}
	if e.who() != "Petra Geheimnaam" {
		t.Fatal("another broker session's logout ended this one")
	}

	if got := e.backchannel(e.logoutToken(sid)); got != http.StatusOK {
		t.Fatalf("logout token: %d", got)
	}
	if e.who() != "niemand" || e.sessionExists(token) {
		t.Fatal("session survived the back-channel logout")
	}
	if !strings.Contains(e.logs.String(), "backchannel logout") {
		t.Fatal("not logged")
	}
}

func TestBackchannelLogoutBySubject(t *testing.T) {
	e := newEnv(t, runProvider(t))
	e.queue(petra())
	e.login("")
	if got := e.backchannel(e.logoutToken(func(c jwt.MapClaims) { c["sub"] = petra().sub })); got != http.StatusOK {
		t.Fatalf("logout token: %d", got)
	}
	if e.who() != "niemand" {
		t.Fatal("session survived")
	}
}

func TestBackchannelLogoutNotConfigured(t *testing.T) {
	e := newEnv(t, nil)
	if got := e.backchannel("x"); got != http.StatusNotImplemented {
		t.Fatalf("%d, want 501", got)
	}
}

func TestBackchannelLogoutReplay(t *testing.T) {
	e := newEnv(t, runProvider(t))
	withSID := func() *testUser {
		p := petra()
		p.claims["sid"] = "broker-sessie-1"
		return p
	}
	e.queue(withSID())
	e.login("")
	// Older than MaxLogoutTokenAge plus the skew: a captured token.
	old := e.logoutToken(func(c jwt.MapClaims) {
		c["sid"] = "broker-sessie-1"
		c["iat"] = time.Now().Add(-MaxLogoutTokenAge - DefaultClockSkew - time.Minute).Unix()
	})
	if got := e.backchannel(old); got != http.StatusBadRequest {
		t.Fatalf("old token: %d, want 400", got)
	}
	if e.who() != "Petra Geheimnaam" || !strings.Contains(e.logs.String(), "iat too old") {
		t.Fatal("an old logout token ended the session, or the refusal was not logged")
	}
	// Within the window it is honoured.
	tok := e.logoutToken(func(c jwt.MapClaims) {
		c["sid"] = "broker-sessie-1"
		c["iat"] = time.Now().Add(-MaxLogoutTokenAge + time.Minute).Unix()
	})
	if got := e.backchannel(tok); got != http.StatusOK || e.who() != "niemand" {
		t.Fatalf("fresh token: %d, who %q", got, e.who())
	}
	// Logged in again in the same broker session: the same token played
	// again does not end it.
	e.queue(withSID())
	e.login("")
	if got := e.backchannel(tok); got != http.StatusBadRequest {
		t.Fatalf("replayed token: %d, want 400", got)
	}
	if e.who() != "Petra Geheimnaam" || !strings.Contains(e.logs.String(), "jti seen before") {
		t.Fatal("a replayed logout token ended the session, or the refusal was not logged")
	}
}

func TestJTIMemoryBounded(t *testing.T) {
	var m jtiMemory
	now := time.Unix(1_800_000_000, 0)
	window := 6 * time.Minute
	for i := range maxSeenJTIs {
		if !m.add(strconv.Itoa(i), now.Add(time.Duration(i)*time.Millisecond), now.Add(-window)) {
			t.Fatalf("jti %d refused", i)
		}
	}
	if m.add("7", now, now.Add(-window)) {
		t.Fatal("a jti seen within the window accepted again")
	}
	// Full: the oldest goes, the memory stays bounded.
	if !m.add("nieuw", now.Add(time.Second), now.Add(-window)) || len(m.at) != maxSeenJTIs {
		t.Fatalf("%d remembered, want %d", len(m.at), maxSeenJTIs)
	}
	if _, ok := m.at["0"]; ok {
		t.Fatal("the oldest jti was kept")
	}
	// Past the window, everything older is forgotten at once.
	later := now.Add(time.Hour)
	if !m.add("7", later, later.Add(-window)) || len(m.at) != 1 {
		t.Fatalf("after the window: %d remembered, want 1 (7 again)", len(m.at))
	}
}

func TestBackchannelLogoutSIDEndsSessionsWithoutSID(t *testing.T) {
	// The ID token carried no sid, the logout token carries one and the
	// subject: the session recorded without a sid ends too.
	e := newEnv(t, runProvider(t))
	e.queue(petra())
	e.login("")
	token := e.token()
	if got := e.backchannel(e.logoutToken(func(c jwt.MapClaims) { c["sid"] = "broker-sessie-9"; c["sub"] = petra().sub })); got != http.StatusOK {
		t.Fatalf("logout token: %d", got)
	}
	if e.who() != "niemand" || e.sessionExists(token) {
		t.Fatal("a session recorded without a sid survived the subject's logout")
	}
}

func TestEndSessionOriginDuringDiscovery(t *testing.T) {
	e := newEnv(t, withEndSession(t))
	if err := e.a.OIDC.Discover(e.ctx); err != nil {
		t.Fatal(err)
	}
	iss, _ := url.Parse(e.m.Issuer())
	want := iss.Scheme + "://" + iss.Host
	// Another request holds the discovery lock (a discovery in progress):
	// a page rendered meanwhile still gets the provider's origin.
	e.a.OIDC.lock <- struct{}{}
	defer func() { <-e.a.OIDC.lock }()
	if got := e.a.OIDC.EndSessionOrigin(); got != want {
		t.Fatalf("EndSessionOrigin while the lock is held = %q, want %q", got, want)
	}
}

func TestBackchannelLogoutSurvivesLateCommit(t *testing.T) {
	// A request in flight when the broker logs the person out writes its
	// session back afterwards (scs commits with an upsert). The login
	// record stays gone, and with it the session.
	e := newEnv(t, runProvider(t))
	p := petra()
	p.claims["sid"] = "broker-sessie-laat"
	e.queue(p)
	e.login("")
	token := e.token()
	data, ok, err := e.st.Sessions().FindCtx(e.ctx, token)
	if err != nil || !ok {
		t.Fatalf("session before logout: %v %v", ok, err)
	}
	if got := e.backchannel(e.logoutToken(func(c jwt.MapClaims) { c["sid"] = "broker-sessie-laat" })); got != http.StatusOK {
		t.Fatalf("logout token: %d", got)
	}
	// The late commit of the request in flight.
	if err := e.st.Sessions().CommitCtx(e.ctx, token, data, time.Now().Add(time.Hour)); err != nil {
		t.Fatal(err)
	}
	if got := e.who(); got != "niemand" {
		t.Fatalf("/wie = %q after a late commit of a logged-out session", got)
	}
	if e.sessionExists(token) {
		t.Fatal("the written-back session was not ended")
	}
	// A login schakel vouches for itself has no broker record and stays.
	u := e.users()[0]
	resp, err := e.follow.PostForm(e.srv.URL+"/direct", url.Values{"id": {strconv.FormatInt(u.ID, 10)}})
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if got := e.who(); got != "Petra Geheimnaam" {
		t.Fatalf("/wie = %q after a direct login", got)
	}
}
