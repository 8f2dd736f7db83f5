package auth

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"net/http/cookiejar"
	"net/http/httptest"
	"net/url"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/alexedwards/scs/v2"
	"github.com/golang-jwt/jwt/v5"
	"github.com/oauth2-proxy/mockoidc"

	"github.com/schakel-nl/schakel"
	"github.com/schakel-nl/schakel/schakeltest"
	"github.com/schakel-nl/schakel/store"
	"github.com/schakel-nl/schakel/store/storetest"
)

const cookieName = "schakel_sessie"

// env is a test site with the login routes, a real store and sessions, and
// an in-process identity provider.
type env struct {
	t      testing.TB
	ctx    context.Context
	st     *store.Store
	a      *Auth
	m      *mockoidc.MockOIDC
	srv    *httptest.Server
	logs   *syncBuffer
	follow *http.Client // follows redirects
	step   *http.Client // stops at each redirect; shares follow's cookies
	// secrets must never appear in the logs.
	secrets []string
}

// syncBuffer is a bytes.Buffer safe for the server's goroutines.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (b *syncBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.b.Write(p)
}

func (b *syncBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.b.String()
}

// newEnv starts the test site. With m nil there is no identity provider
// configured.
func newEnv(t testing.TB, m *mockoidc.MockOIDC) *env {
	t.Helper()
	e := &env{t: t, ctx: context.Background(), m: m, logs: &syncBuffer{}}
	e.st = storetest.OpenSQLite(t, schakeltest.NewClock(time.Now()))
	sm := scs.New()
	sm.Codec = Codec{}
	sm.Store = e.st.Sessions()
	sm.Cookie.Name = cookieName
	sm.Cookie.HttpOnly = true
	sm.Cookie.SameSite = http.SameSiteLaxMode
	log := slog.New(slog.NewTextHandler(e.logs, &slog.HandlerOptions{Level: slog.LevelDebug}))
	e.a = &Auth{Sessions: sm, Users: e.st, Log: log, Accounts: storeAccounts{e.st}, LoginSessions: e.st}

	mux := http.NewServeMux()
	mux.HandleFunc("GET /auth/oidc/start", e.a.OIDCStart)
	mux.HandleFunc("GET /auth/oidc/callback", e.a.OIDCCallback)
	mux.HandleFunc("POST /uitloggen", e.a.LogoutHandler)
	mux.HandleFunc("POST /auth/oidc/backchannel-logout", e.a.BackchannelLogout)
	mux.Handle("GET /wie", e.a.LoadUser(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if u := UserFrom(r.Context()); u != nil {
			io.WriteString(w, u.Name)
			return
		}
		io.WriteString(w, "niemand")
	})))
	mux.HandleFunc("POST /direct", func(w http.ResponseWriter, r *http.Request) {
		// As the demo login does.
		id, _ := strconv.ParseInt(r.FormValue("id"), 10, 64)
		if err := e.a.Login(r.Context(), id); err != nil {
			http.Error(w, err.Error(), 500)
		}
	})
	mux.Handle("GET /niveau", e.a.LoadUser(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if u := UserFrom(r.Context()); u != nil {
			fmt.Fprintf(w, "%d %v", u.Assurance.Level, u.Assurance.Enough(schakel.StakeDecide))
			return
		}
		io.WriteString(w, "niemand")
	})))
	e.srv = httptest.NewServer(sm.LoadAndSave(mux))
	t.Cleanup(e.srv.Close)
	if m != nil {
		cfg := m.Config()
		e.a.OIDC = NewOIDC(cfg.Issuer, cfg.ClientID, cfg.ClientSecret, e.srv.URL+"/auth/oidc/callback", nil)
		e.secrets = append(e.secrets, cfg.ClientSecret)
	}

	jar, err := cookiejar.New(nil)
	if err != nil {
		t.Fatal(err)
	}
	e.follow = &http.Client{Jar: jar, Timeout: 10 * time.Second}
	e.step = &http.Client{Jar: jar, Timeout: 10 * time.Second, CheckRedirect: func(*http.Request, []*http.Request) error {
		return http.ErrUseLastResponse
	}}
	t.Cleanup(func() {
		logs := e.logs.String()
		for _, s := range e.secrets {
			if s != "" && strings.Contains(logs, s) {
				t.Errorf("logs contain %q:\n%s", s, logs)
			}
		}
		if t.Failed() {
			t.Logf("logs:\n%s", logs)
		}
	})
	return e
}

// runProvider starts an in-process identity provider.
func runProvider(t testing.TB) *mockoidc.MockOIDC {
	t.Helper()
	m, err := mockoidc.Run()
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { m.Shutdown() })
	return m
}

// queue makes u the next person to log in at the provider and remembers
// their personal data as secrets the logs must not hold.
func (e *env) queue(u *testUser) {
	e.m.QueueUser(u)
	e.secrets = append(e.secrets, u.sub)
	for _, k := range []string{"name", "email", "preferred_username", "given_name", "family_name"} {
		if s, ok := u.claims[k].(string); ok {
			e.secrets = append(e.secrets, s)
		}
	}
}

// get does one request without following redirects.
func (e *env) get(u string) *http.Response {
	e.t.Helper()
	if strings.HasPrefix(u, "/") {
		u = e.srv.URL + u
	}
	resp, err := e.step.Get(u)
	if err != nil {
		e.t.Fatalf("GET %s: %v", u, err)
	}
	io.Copy(io.Discard, resp.Body)
	resp.Body.Close()
	return resp
}

// location returns the Location header of resp as sent, failing unless
// resp is a redirect with status want.
func (e *env) location(resp *http.Response, want int) *url.URL {
	e.t.Helper()
	if resp.StatusCode != want {
		e.t.Fatalf("%s %s: status %d, want %d", resp.Request.Method, resp.Request.URL.Path, resp.StatusCode, want)
	}
	u, err := url.Parse(resp.Header.Get("Location")) // unresolved: the raw header
	if err != nil || u.String() == "" {
		e.t.Fatalf("%s: %v", resp.Request.URL.Path, err)
	}
	return u
}

// toCallback starts a login and lets the provider authenticate, returning
// the callback URL the provider sends the browser to, not yet visited.
// edit, when not nil, may change the authorization request first.
func (e *env) toCallback(terug string, edit func(url.Values)) *url.URL {
	e.t.Helper()
	start := "/auth/oidc/start"
	if terug != "" {
		start += "?terug=" + url.QueryEscape(terug)
	}
	authz := e.location(e.get(start), http.StatusFound)
	if edit != nil {
		q := authz.Query()
		edit(q)
		authz.RawQuery = q.Encode()
	}
	cb := e.location(e.get(authz.String()), http.StatusFound)
	if cb.Path != "/auth/oidc/callback" {
		e.t.Fatalf("provider redirected to %s", cb)
	}
	e.secrets = append(e.secrets, cb.Query().Get("code"))
	return cb
}

// login runs a whole login and returns where it ended.
func (e *env) login(terug string) *url.URL {
	e.t.Helper()
	return e.location(e.get(e.toCallback(terug, nil).String()), http.StatusSeeOther)
}

// who returns what /wie says.
func (e *env) who() string {
	e.t.Helper()
	resp, err := e.follow.Get(e.srv.URL + "/wie")
	if err != nil {
		e.t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return string(b)
}

// token returns the session cookie's value, or "".
func (e *env) token() string {
	u, _ := url.Parse(e.srv.URL)
	for _, c := range e.follow.Jar.Cookies(u) {
		if c.Name == cookieName {
			return c.Value
		}
	}
	return ""
}

func (e *env) sessionExists(token string) bool {
	e.t.Helper()
	_, ok, err := e.st.Sessions().FindCtx(e.ctx, token)
	if err != nil {
		e.t.Fatal(err)
	}
	return ok
}

func (e *env) users() []*schakel.User {
	e.t.Helper()
	us, _, err := e.st.Users(e.ctx, schakel.UserFilter{})
	if err != nil {
		e.t.Fatal(err)
	}
	return us
}

func (e *env) logout() {
	e.t.Helper()
	resp, err := e.step.Post(e.srv.URL+"/uitloggen", "application/x-www-form-urlencoded", nil)
	if err != nil {
		e.t.Fatal(err)
	}
	resp.Body.Close()
	if got := e.location(resp, http.StatusSeeOther); got.String() != "/" {
		e.t.Fatalf("logout redirects to %s", got)
	}
}

// testUser is a person at the mock provider with any ID token claims and
// any UserInfo claims besides sub.
type testUser struct {
	sub    string
	claims map[string]any
	info   map[string]any
}

func (u *testUser) ID() string { return u.sub }

func (u *testUser) Userinfo([]string) ([]byte, error) {
	m := map[string]any{"sub": u.sub}
	for k, v := range u.info {
		m[k] = v
	}
	return json.Marshal(m)
}

func (u *testUser) Claims(_ []string, base *mockoidc.IDTokenClaims) (jwt.Claims, error) {
	return &extraClaims{IDTokenClaims: base, extra: u.claims}, nil
}

type extraClaims struct {
	*mockoidc.IDTokenClaims
	extra map[string]any
}

func (c *extraClaims) MarshalJSON() ([]byte, error) {
	b, err := json.Marshal(c.IDTokenClaims)
	if err != nil {
		return nil, err
	}
	m := map[string]any{}
	if err := json.Unmarshal(b, &m); err != nil {
		return nil, err
	}
	for k, v := range c.extra {
		m[k] = v
	}
	return json.Marshal(m)
}

func petra() *testUser {
	return &testUser{sub: "sub-7f3a-petra", claims: map[string]any{
		"name": "Petra Geheimnaam", "email": "petra.geheim@uwv.example", "email_verified": true,
	}}
}

func TestOIDCLogin(t *testing.T) {
	e := newEnv(t, runProvider(t))
	p := petra()
	e.queue(p)

	// The attempt gets a session before the provider is visited.
	cb := e.toCallback("/wie", nil)
	before := e.token()
	if before == "" {
		t.Fatal("no session cookie after start")
	}
	end := e.location(e.get(cb.String()), http.StatusSeeOther)
	if end.String() != "/wie" {
		t.Fatalf("login ended at %s, want /wie", end)
	}
	if got := e.who(); got != "Petra Geheimnaam" {
		t.Fatalf("/wie = %q", got)
	}

	// Session fixation: a fresh token, and the old one is worthless.
	after := e.token()
	if after == "" || after == before {
		t.Fatalf("token not renewed at login: %q → %q", before, after)
	}
	if e.sessionExists(before) {
		t.Fatal("pre-login session still in the store")
	}
	if !e.sessionExists(after) {
		t.Fatal("login session not in the store")
	}

	us := e.users()
	if len(us) != 1 {
		t.Fatalf("%d users, want 1", len(us))
	}
	u := us[0]
	if u.Issuer != e.m.Issuer() || u.Subject != p.sub || u.Name != "Petra Geheimnaam" || u.Email != "petra.geheim@uwv.example" {
		t.Fatalf("user = %+v", u)
	}

	// The login attempt is used up: replaying the callback fails.
	if resp := e.get(cb.String()); resp.StatusCode != http.StatusBadRequest {
		t.Fatalf("replayed callback: %d, want 400", resp.StatusCode)
	}
	if got := e.who(); got != "Petra Geheimnaam" {
		t.Fatalf("replay ended the login: /wie = %q", got)
	}

	e.logout()
	if got := e.who(); got != "niemand" {
		t.Fatalf("after logout /wie = %q", got)
	}
	if e.sessionExists(after) {
		t.Fatal("session row left after logout")
	}

	// The same person again, with a new name: the same user.
	again := petra()
	again.claims["name"] = "Petra de Geheim"
	e.queue(again)
	if end := e.login(""); end.String() != "/" {
		t.Fatalf("second login ended at %s, want /", end)
	}
	if got := e.who(); got != "Petra de Geheim" {
		t.Fatalf("/wie = %q", got)
	}
	us = e.users()
	if len(us) != 1 || us[0].ID != u.ID || us[0].Name != "Petra de Geheim" {
		t.Fatalf("second login: %+v, want user %d", us, u.ID)
	}
	if !strings.Contains(e.logs.String(), "oidc login") {
		t.Fatalf("login not logged:\n%s", e.logs.String())
	}
}

func TestOIDCLoginMockUser(t *testing.T) {
	// mockoidc's own user: no name claim, so preferred_username is the name.
	e := newEnv(t, runProvider(t))
	mu := &mockoidc.MockUser{Subject: "mock-sub-99", Email: "jan.mock@svb.example", EmailVerified: true, PreferredUsername: "jan.mock"}
	e.m.QueueUser(mu)
	e.secrets = append(e.secrets, mu.Subject, mu.Email, mu.PreferredUsername)
	e.login("/organisaties")
	us := e.users()
	if len(us) != 1 || us[0].Subject != "mock-sub-99" || us[0].Name != "jan.mock" || us[0].Email != "jan.mock@svb.example" || us[0].Issuer != e.m.Issuer() {
		t.Fatalf("users = %+v", us)
	}
}

func TestOIDCUnverifiedEmail(t *testing.T) {
	e := newEnv(t, runProvider(t))
	e.queue(&testUser{sub: "sub-onbevestigd", claims: map[string]any{
		"given_name": "Kees", "family_name": "Onbevestigd", "email": "kees@example.org", "email_verified": false,
	}})
	e.login("")
	us := e.users()
	if len(us) != 1 || us[0].Name != "Kees Onbevestigd" || us[0].Email != "" {
		t.Fatalf("users = %+v", us)
	}
}

func TestOIDCTamperedState(t *testing.T) {
	e := newEnv(t, runProvider(t))
	e.queue(petra())
	cb := e.toCallback("", nil)
	bad := *cb
	q := bad.Query()
	q.Set("state", q.Get("state")+"x")
	bad.RawQuery = q.Encode()
	if resp := e.get(bad.String()); resp.StatusCode != http.StatusBadRequest {
		t.Fatalf("tampered state: %d, want 400", resp.StatusCode)
	}
	q.Del("state")
	bad.RawQuery = q.Encode()
	if resp := e.get(bad.String()); resp.StatusCode != http.StatusBadRequest {
		t.Fatalf("no state: %d, want 400", resp.StatusCode)
	}
	if got := e.who(); got != "niemand" {
		t.Fatalf("/wie = %q after a tampered state", got)
	}
	if len(e.users()) != 0 {
		t.Fatal("a user was made")
	}
	// A forged callback does not break the login in progress.
	e.location(e.get(cb.String()), http.StatusSeeOther)
	if got := e.who(); got != "Petra Geheimnaam" {
		t.Fatalf("/wie = %q", got)
	}
}

func TestOIDCMissingCode(t *testing.T) {
	e := newEnv(t, runProvider(t))
	e.queue(petra())
	cb := e.toCallback("", nil)
	bad := *cb
	q := bad.Query()
	q.Del("code")
	bad.RawQuery = q.Encode()
	if resp := e.get(bad.String()); resp.StatusCode != http.StatusBadRequest {
		t.Fatalf("no code: %d, want 400", resp.StatusCode)
	}
	if got := e.who(); got != "niemand" {
		t.Fatalf("/wie = %q", got)
	}
	// The state is used up by then.
	if resp := e.get(cb.String()); resp.StatusCode != http.StatusBadRequest {
		t.Fatalf("callback after a failed one: %d, want 400", resp.StatusCode)
	}
	if got := e.who(); got != "niemand" {
		t.Fatalf("/wie = %q", got)
	}
}

func TestOIDCCallbackWithoutLogin(t *testing.T) {
	e := newEnv(t, runProvider(t))
	if resp := e.get("/auth/oidc/callback?state=abc&code=def"); resp.StatusCode != http.StatusBadRequest {
		t.Fatalf("callback without a login in progress: %d, want 400", resp.StatusCode)
	}
	if resp := e.get("/auth/oidc/callback"); resp.StatusCode != http.StatusBadRequest {
		t.Fatalf("bare callback: %d, want 400", resp.StatusCode)
	}
}

func TestOIDCProviderRefuses(t *testing.T) {
	e := newEnv(t, runProvider(t))
	e.queue(petra())
	authz := e.location(e.get("/auth/oidc/start"), http.StatusFound)
	state := authz.Query().Get("state")
	resp := e.get("/auth/oidc/callback?error=access_denied&error_description=Gebruiker+brak+af&state=" + url.QueryEscape(state))
	if got := e.location(resp, http.StatusSeeOther); got.String() != "/inloggen?fout=1" {
		t.Fatalf("access_denied: redirect to %s", got)
	}
	if got := e.who(); got != "niemand" {
		t.Fatalf("/wie = %q", got)
	}
	if !strings.Contains(e.logs.String(), "error=access_denied") {
		t.Fatalf("provider error not logged:\n%s", e.logs.String())
	}
	// Junk in error is not logged as such.
	authz = e.location(e.get("/auth/oidc/start"), http.StatusFound)
	e.get("/auth/oidc/callback?error=" + url.QueryEscape("Petra <script>") + "&state=" + url.QueryEscape(authz.Query().Get("state")))
	if strings.Contains(e.logs.String(), "script") {
		t.Fatalf("raw error parameter logged:\n%s", e.logs.String())
	}
}

func TestOIDCCodeRefused(t *testing.T) {
	e := newEnv(t, runProvider(t))
	e.queue(petra())
	used := e.toCallback("", nil)
	e.location(e.get(used.String()), http.StatusSeeOther)
	e.logout()

	// A code the provider has already redeemed; its error echoes the code.
	cb := e.toCallback("", nil)
	q := cb.Query()
	q.Set("code", used.Query().Get("code"))
	cb.RawQuery = q.Encode()
	if resp := e.get(cb.String()); resp.StatusCode != http.StatusBadRequest {
		t.Fatalf("redeemed code: %d, want 400", resp.StatusCode)
	}
	if got := e.who(); got != "niemand" {
		t.Fatalf("/wie = %q", got)
	}

	// PKCE: a challenge other than ours makes our verifier worthless.
	cb = e.toCallback("", func(q url.Values) {
		q.Set("code_challenge", "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM")
	})
	if resp := e.get(cb.String()); resp.StatusCode != http.StatusBadRequest {
		t.Fatalf("foreign PKCE challenge: %d, want 400", resp.StatusCode)
	}

	// Nonce: an ID token minted for another attempt is refused.
	cb = e.toCallback("", func(q url.Values) { q.Set("nonce", "andere-nonce") })
	if resp := e.get(cb.String()); resp.StatusCode != http.StatusBadRequest {
		t.Fatalf("foreign nonce: %d, want 400", resp.StatusCode)
	}
	if got := e.who(); got != "niemand" {
		t.Fatalf("/wie = %q", got)
	}
	if !strings.Contains(e.logs.String(), "nonce mismatch") {
		t.Fatalf("nonce mismatch not logged:\n%s", e.logs.String())
	}

	// The provider's token endpoint fails: upstream trouble, 502.
	cb = e.toCallback("", nil)
	e.m.QueueError(&mockoidc.ServerError{Code: http.StatusInternalServerError, Error: mockoidc.InternalServerError, Description: "kapot"})
	if resp := e.get(cb.String()); resp.StatusCode != http.StatusBadGateway {
		t.Fatalf("token endpoint down: %d, want 502", resp.StatusCode)
	}
	if got := e.who(); got != "niemand" {
		t.Fatalf("/wie = %q", got)
	}
}

func TestOIDCWrongClientSecret(t *testing.T) {
	e := newEnv(t, runProvider(t))
	cfg := e.m.Config()
	e.a.OIDC = NewOIDC(cfg.Issuer, cfg.ClientID, "fout-geheim", e.srv.URL+"/auth/oidc/callback", nil)
	e.secrets = append(e.secrets, "fout-geheim")
	e.queue(petra())
	cb := e.toCallback("", nil)
	if resp := e.get(cb.String()); resp.StatusCode != http.StatusBadGateway {
		t.Fatalf("wrong client secret: %d, want 502", resp.StatusCode)
	}
	if !strings.Contains(e.logs.String(), "level=ERROR") {
		t.Fatalf("misconfiguration not logged as an error:\n%s", e.logs.String())
	}
}

func TestOIDCReturnPath(t *testing.T) {
	e := newEnv(t, runProvider(t))
	for terug, want := range map[string]string{
		"//evil.example":        "/",
		"https://evil.example":  "/",
		`/\evil`:                "/",
		"/\t/evil.example":      "/",
		"":                      "/",
		"organisaties":          "/",
		"/organisaties":         "/organisaties",
		"/beginselen?groep=abb": "/beginselen?groep=abb",
	} {
		e.queue(petra())
		if got := e.login(terug); got.String() != want {
			t.Errorf("terug=%q: ended at %s, want %s", terug, got, want)
		}
		if got := e.who(); got != "Petra Geheimnaam" {
			t.Fatalf("/wie = %q", got)
		}
		e.logout()
	}
}

func TestSafeReturnPath(t *testing.T) {
	for in, want := range map[string]string{
		"/":                             "/",
		"/organisaties/uwv":             "/organisaties/uwv",
		"/a?b=c#d":                      "/a?b=c#d",
		"":                              "/",
		"//evil.example":                "/",
		"///evil.example":               "/",
		`/\evil.example`:                "/",
		`/a\b`:                          "/",
		"https://evil.example":          "/",
		"javascript:alert(1)":           "/",
		"/\n/evil.example":              "/",
		"/\x7f":                         "/",
		"/\xff":                         "/",
		"/" + strings.Repeat("a", 3000): "/",
	} {
		if got := SafeReturnPath(in); got != want {
			t.Errorf("SafeReturnPath(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestOIDCNotConfigured(t *testing.T) {
	e := newEnv(t, nil)
	for _, path := range []string{"/auth/oidc/start", "/auth/oidc/callback?state=a&code=b"} {
		if resp := e.get(path); resp.StatusCode != http.StatusNotFound {
			t.Errorf("%s: %d, want 404", path, resp.StatusCode)
		}
	}
	e.logout() // logging out works without a provider, and without a session
}

func TestOIDCProviderDownThenUp(t *testing.T) {
	// Reserve an address and leave it closed: the provider is down.
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := ln.Addr().String()
	ln.Close()

	m, err := mockoidc.NewServer(nil)
	if err != nil {
		t.Fatal(err)
	}
	e := newEnv(t, nil)
	e.m = m
	e.a.OIDC = NewOIDC("http://"+addr+mockoidc.IssuerBase, m.ClientID, m.ClientSecret, e.srv.URL+"/auth/oidc/callback", nil)

	resp, err := e.step.Get(e.srv.URL + "/auth/oidc/start")
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if resp.StatusCode != http.StatusServiceUnavailable || !strings.Contains(string(body), "niet bereikbaar") || resp.Header.Get("Retry-After") == "" {
		t.Fatalf("provider down: %d %q", resp.StatusCode, body)
	}

	// The provider comes up; the next attempt discovers it.
	ln, err = net.Listen("tcp", addr)
	if err != nil {
		t.Skipf("cannot listen on %s again: %v", addr, err)
	}
	if err := m.Start(ln, nil); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { m.Shutdown() })
	if m.Issuer() != e.a.OIDC.Issuer() {
		t.Fatalf("issuer %s, want %s", m.Issuer(), e.a.OIDC.Issuer())
	}
	e.queue(petra())
	e.login("")
	if got := e.who(); got != "Petra Geheimnaam" {
		t.Fatalf("/wie = %q", got)
	}

	// Discovery is cached: a provider whose discovery document is gone
	// still lets people log in.
	m.QueueError(&mockoidc.ServerError{Code: http.StatusInternalServerError, Error: "x"})
	if err := e.a.OIDC.Discover(e.ctx); err != nil {
		t.Fatalf("cached discovery: %v", err)
	}
	m.ErrorQueue.Pop()
}

func TestOIDCDiscoveryTimeout(t *testing.T) {
	// A provider that accepts connections and never answers.
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { ln.Close() })
	var mu sync.Mutex
	var conns []net.Conn
	go func() {
		for {
			c, err := ln.Accept()
			if err != nil {
				return
			}
			mu.Lock()
			conns = append(conns, c)
			mu.Unlock()
		}
	}()
	t.Cleanup(func() {
		mu.Lock()
		defer mu.Unlock()
		for _, c := range conns {
			c.Close()
		}
	})

	e := newEnv(t, nil)
	e.a.OIDC = NewOIDC("http://"+ln.Addr().String()+"/oidc", "client", "secret", e.srv.URL+"/auth/oidc/callback", nil)
	e.a.OIDC.timeout = 200 * time.Millisecond
	start := time.Now()
	if resp := e.get("/auth/oidc/start"); resp.StatusCode != http.StatusServiceUnavailable {
		t.Fatalf("hanging provider: %d, want 503", resp.StatusCode)
	}
	if d := time.Since(start); d > 5*time.Second {
		t.Fatalf("took %v", d)
	}
}

func TestOIDCStartRequest(t *testing.T) {
	e := newEnv(t, runProvider(t))
	authz := e.location(e.get("/auth/oidc/start"), http.StatusFound)
	q := authz.Query()
	if authz.String()[:len(e.m.AuthorizationEndpoint())] != e.m.AuthorizationEndpoint() {
		t.Fatalf("redirect to %s", authz)
	}
	for k, want := range map[string]string{
		"response_type":         "code",
		"client_id":             e.m.ClientID,
		"redirect_uri":          e.srv.URL + "/auth/oidc/callback",
		"scope":                 "openid profile email",
		"code_challenge_method": "S256",
	} {
		if got := q.Get(k); got != want {
			t.Errorf("%s = %q, want %q", k, got, want)
		}
	}
	for _, k := range []string{"state", "nonce", "code_challenge"} {
		if len(q.Get(k)) < 40 {
			t.Errorf("%s = %q: too short", k, q.Get(k))
		}
	}
	// A second start gets fresh values.
	again := e.location(e.get("/auth/oidc/start"), http.StatusFound).Query()
	for _, k := range []string{"state", "nonce", "code_challenge"} {
		if again.Get(k) == q.Get(k) {
			t.Errorf("%s reused", k)
		}
	}
}

func TestClaimsUser(t *testing.T) {
	long := strings.Repeat("é", 150) // 300 bytes
	for i, tc := range []struct {
		claims      string
		name, email string
	}{
		{`{"name":" Anna ","preferred_username":"anna1","email":"anna@x.nl","email_verified":true}`, "Anna", "anna@x.nl"},
		{`{"name":"Anna","email":"anna@x.nl"}`, "Anna", ""},
		{`{"preferred_username":"anna1","given_name":"Anna"}`, "anna1", ""},
		{`{"given_name":"Anna","family_name":"de Vries"}`, "Anna de Vries", ""},
		{`{"family_name":"de Vries"}`, "de Vries", ""},
		{`{}`, "", ""},
		{`{"name":"A","email":"a@x.nl","email_verified":true}`, "A", "a@x.nl"},
		{`{"name":"A","email":"a@x.nl","email_verified":"true"}`, "A", "a@x.nl"},
		{`{"name":"A","email":"a@x.nl","email_verified":false}`, "A", ""},
		{`{"name":"A","email":"a@x.nl","email_verified":"false"}`, "A", ""},
		{`{"name":"A","email":"Anna <a@x.nl>"}`, "A", ""},
		{`{"name":"A","email":"geen adres"}`, "A", ""},
		{`{"name":"` + long + `"}`, strings.Repeat("é", 100), ""},
	} {
		var c idClaims
		if err := json.Unmarshal([]byte(tc.claims), &c); err != nil {
			t.Fatal(err)
		}
		u := c.user("https://idp.test", fmt.Sprint("s", i))
		if u.Name != tc.name || u.Email != tc.email || u.Issuer != "https://idp.test" {
			t.Errorf("%s: got %q %q", tc.claims, u.Name, u.Email)
		}
		if tc.name == "" {
			continue // the account service decides what stands in for no name
		}
		if err := u.Validate(); err != nil {
			t.Errorf("%s: %v", tc.claims, err)
		}
	}
}
