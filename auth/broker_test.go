package auth

import (
	"context"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/rsa"
	"crypto/x509"
	"encoding/json"
	"encoding/pem"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/golang-jwt/jwt/v5"
	"github.com/oauth2-proxy/mockoidc"

	"github.com/schakel-nl/schakel"
	"github.com/schakel-nl/schakel/schakeltest"
)

// runProviderWith starts an in-process identity provider with middleware
// around its endpoints, for what mockoidc does not do itself.
func runProviderWith(t *testing.T, mws ...func(http.Handler) http.Handler) *mockoidc.MockOIDC {
	t.Helper()
	m, err := mockoidc.NewServer(nil)
	if err != nil {
		t.Fatal(err)
	}
	for _, mw := range mws {
		if err := m.AddMiddleware(mw); err != nil {
			t.Fatal(err)
		}
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	if err := m.Start(ln, nil); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { m.Shutdown() })
	return m
}

// discoveryExtra adds fields to the provider's discovery document.
func discoveryExtra(extra func(base string) map[string]any) func(http.Handler) http.Handler {
	return func(next http.Handler) http.Handler {
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			if r.URL.Path != mockoidc.DiscoveryEndpoint {
				next.ServeHTTP(w, r)
				return
			}
			rec := httptest.NewRecorder()
			next.ServeHTTP(rec, r)
			doc := map[string]any{}
			if err := json.Unmarshal(rec.Body.Bytes(), &doc); err != nil {
				http.Error(w, err.Error(), 500)
				return
			}
			issuer, _ := doc["issuer"].(string)
			for k, v := range extra(issuer) {
				doc[k] = v
			}
			w.Header().Set("Content-Type", "application/json")
			json.NewEncoder(w).Encode(doc)
		})
	}
}

func TestOIDCClockSkew(t *testing.T) {
	for _, tc := range []struct {
		name    string
		forward time.Duration // the provider's clock ahead of ours
		later   time.Duration // our clock moved on before the callback
		ok      bool
		kind    string
	}{
		{"in step", 0, 0, true, ""},
		{"provider 30s ahead", 30 * time.Second, 0, true, ""},
		{"iat 5m in the future", 5 * time.Minute, 0, false, "iat in the future"},
		{"expired within the skew", 0, 10*time.Minute + 30*time.Second, true, ""},
		{"expired beyond the skew", 0, 10*time.Minute + 2*time.Minute, false, "expired"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			e := newEnv(t, runProvider(t))
			clock := schakeltest.NewClock(time.Now())
			e.a.OIDC.With(OIDCOptions{Clock: clock})
			e.m.FastForward(tc.forward)
			e.queue(petra())
			cb := e.toCallback("", nil)
			clock.Advance(tc.later)
			resp := e.get(cb.String())
			if tc.ok {
				e.location(resp, http.StatusSeeOther)
				if e.who() != "Petra Geheimnaam" {
					t.Fatal("not logged in")
				}
				return
			}
			if resp.StatusCode != http.StatusBadGateway || e.who() != "niemand" || len(e.users()) != 0 {
				t.Fatalf("status %d, who %q, %d users", resp.StatusCode, e.who(), len(e.users()))
			}
			if !strings.Contains(e.logs.String(), tc.kind) {
				t.Fatalf("log does not name %q:\n%s", tc.kind, e.logs.String())
			}
		})
	}
}

func TestCheckTimes(t *testing.T) {
	now := time.Unix(1_800_000_000, 0)
	o := NewOIDC("https://idp.test", "c", "", "https://s.test/auth/oidc/callback", nil).With(OIDCOptions{Clock: schakeltest.NewClock(now), ClockSkew: time.Minute})
	f := func(d time.Duration) *float64 { v := float64(now.Add(d).Unix()); return &v }
	for _, tc := range []struct {
		t       tokenTimes
		needExp bool
		kind    string
	}{
		{tokenTimes{Exp: f(time.Hour), Iat: f(0)}, true, ""},
		{tokenTimes{Iat: f(0)}, true, "no exp"},
		{tokenTimes{Iat: f(0)}, false, ""},
		{tokenTimes{Exp: f(time.Hour)}, true, "no iat"},
		{tokenTimes{Exp: f(-59 * time.Second), Iat: f(-time.Hour)}, true, ""},
		{tokenTimes{Exp: f(-61 * time.Second), Iat: f(-time.Hour)}, true, "expired"},
		{tokenTimes{Exp: f(time.Hour), Iat: f(59 * time.Second)}, true, ""},
		{tokenTimes{Exp: f(time.Hour), Iat: f(61 * time.Second)}, true, "iat in the future"},
		{tokenTimes{Exp: f(time.Hour), Iat: f(0), Nbf: f(2 * time.Minute)}, true, "not yet valid"},
	} {
		kind, ok := o.checkTimes(tc.t, tc.needExp)
		if kind != tc.kind || ok != (tc.kind == "") {
			t.Errorf("%+v: %q %v, want %q", tc.t, kind, ok, tc.kind)
		}
	}
	// No skew at all when asked for.
	o.opts.ClockSkew = -1
	if _, ok := o.checkTimes(tokenTimes{Exp: f(-time.Second), Iat: f(-time.Hour)}, true); ok {
		t.Error("expired token accepted without skew")
	}
}

func TestOIDCDiscoveryMismatch(t *testing.T) {
	m := runProvider(t)
	e := newEnv(t, m)
	e.a.OIDC = NewOIDC(m.Issuer()+"/", m.ClientID, m.ClientSecret, e.srv.URL+"/auth/oidc/callback", nil)
	err := e.a.OIDC.Discover(e.ctx)
	if !IsMismatch(err) {
		t.Fatalf("Discover = %v, want a mismatch", err)
	}
	for _, want := range []string{m.Issuer() + `"`, m.Issuer() + `/"`, "trailing slash", "--oidc-issuer"} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("%q does not name %q", err, want)
		}
	}
	if resp := e.get("/auth/oidc/start"); resp.StatusCode != http.StatusServiceUnavailable {
		t.Fatalf("start: %d", resp.StatusCode)
	}
	if !strings.Contains(e.logs.String(), "trailing slash") {
		t.Fatalf("log does not name the mismatch:\n%s", e.logs.String())
	}
	// An unreachable provider is not a mismatch.
	down := NewOIDC("http://127.0.0.1:1/oidc", "c", "", "http://x/cb", nil)
	if err := down.Discover(e.ctx); err == nil || IsMismatch(err) {
		t.Fatalf("unreachable: %v", err)
	}
}

func TestOIDCUserInfoFallback(t *testing.T) {
	e := newEnv(t, runProvider(t))
	e.queue(&testUser{sub: "sub-alleen-info", claims: map[string]any{"acr": "x"},
		info: map[string]any{"name": "Ilse Infonaam", "email": "ilse.info@svb.example", "email_verified": true, "organisatie": "SVB"}})
	e.secrets = append(e.secrets, "Ilse Infonaam", "ilse.info@svb.example")
	var got schakel.BrokerIdentity
	e.a.Accounts = accountsFunc(func(id schakel.BrokerIdentity) (*schakel.User, error) {
		got = id
		return storeAccounts{e.st}.SignIn(e.ctx, id)
	})
	e.login("")
	if e.who() != "Ilse Infonaam" {
		t.Fatalf("/wie = %q", e.who())
	}
	if got.Email != "ilse.info@svb.example" || got.Claims["organisatie"] != "SVB" || got.Claims["acr"] != "x" || got.ACR != "x" {
		t.Fatalf("identity %+v", got)
	}

	// UserInfo about someone else is not used.
	e.logout()
	e.queue(&testUser{sub: "sub-ander", claims: map[string]any{}, info: map[string]any{"sub": "sub-derde", "name": "Vreemde Naam"}})
	e.secrets = append(e.secrets, "sub-derde", "Vreemde Naam")
	e.login("")
	if e.who() != "Onbekend" || got.Subject != "sub-ander" || got.Claims["name"] != nil {
		t.Fatalf("/wie = %q, identity %+v", e.who(), got)
	}
	if !strings.Contains(e.logs.String(), "userinfo of another subject") {
		t.Fatalf("not logged:\n%s", e.logs.String())
	}
}

// accountsFunc is an AccountService of a function.
type accountsFunc func(schakel.BrokerIdentity) (*schakel.User, error)

func (f accountsFunc) SignIn(_ context.Context, id schakel.BrokerIdentity) (*schakel.User, error) {
	return f(id)
}

func TestPrivateKeyJWT(t *testing.T) {
	key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	var mu sync.Mutex
	var seen []string // what the token endpoint found wrong, or "ok"
	var m *mockoidc.MockOIDC
	checkAssertion := func(next http.Handler) http.Handler {
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			if r.URL.Path != mockoidc.TokenEndpoint {
				next.ServeHTTP(w, r)
				return
			}
			r.ParseForm()
			verdict := "ok"
			tok, err := jwt.Parse(r.PostForm.Get("client_assertion"), func(tok *jwt.Token) (any, error) {
				if tok.Header["kid"] != "sleutel-1" {
					verdict = "kid"
				}
				return &key.PublicKey, nil
			}, jwt.WithValidMethods([]string{"ES256"}), jwt.WithAudience(m.TokenEndpoint()), jwt.WithIssuer(m.ClientID), jwt.WithExpirationRequired(), jwt.WithIssuedAt())
			switch {
			case err != nil:
				verdict = err.Error()
			case r.PostForm.Get("client_assertion_type") != clientAssertionType:
				verdict = "type"
			case r.PostForm.Get("client_secret") != "" || r.Header.Get("Authorization") != "":
				verdict = "secret sent"
			case r.PostForm.Get("client_id") != m.ClientID:
				verdict = "client_id"
			}
			if sub, _ := tok.Claims.GetSubject(); err == nil && sub != m.ClientID {
				verdict = "sub"
			}
			if id, _ := tok.Claims.(jwt.MapClaims)["jti"].(string); err == nil && len(id) < 20 {
				verdict = "jti"
			}
			mu.Lock()
			seen = append(seen, verdict)
			mu.Unlock()
			if verdict == "ok" {
				// The mock knows only secrets: the assertion stands in.
				r.PostForm.Set("client_secret", m.ClientSecret)
				r.Form.Set("client_secret", m.ClientSecret)
			}
			next.ServeHTTP(w, r)
		})
	}
	m = runProviderWith(t, checkAssertion, discoveryExtra(func(string) map[string]any {
		return map[string]any{"token_endpoint_auth_methods_supported": []string{"client_secret_basic", "private_key_jwt"}}
	}))
	e := newEnv(t, m)
	e.a.OIDC = NewOIDC(m.Issuer(), m.ClientID, "", e.srv.URL+"/auth/oidc/callback", nil).With(OIDCOptions{ClientKey: key, ClientKeyID: "sleutel-1"})
	e.queue(petra())
	e.login("")
	if e.who() != "Petra Geheimnaam" {
		t.Fatal("not logged in")
	}
	if len(seen) != 1 || seen[0] != "ok" {
		t.Fatalf("token endpoint saw %v", seen)
	}

	// A provider that does not offer private_key_jwt is a mismatch.
	plain := runProvider(t)
	o := NewOIDC(plain.Issuer(), plain.ClientID, "", "http://x/cb", nil).With(OIDCOptions{ClientKey: key})
	if err := o.Discover(e.ctx); !IsMismatch(err) || !strings.Contains(err.Error(), "private_key_jwt") {
		t.Fatalf("Discover = %v", err)
	}
}

func TestLoadClientKey(t *testing.T) {
	dir := t.TempDir()
	write := func(name, typ string, der []byte) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, pem.EncodeToMemory(&pem.Block{Type: typ, Bytes: der}), 0o600); err != nil {
			t.Fatal(err)
		}
		return p
	}
	ec, _ := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	ecDER, _ := x509.MarshalECPrivateKey(ec)
	rsaKey, _ := rsa.GenerateKey(rand.Reader, 2048)
	pk8, _ := x509.MarshalPKCS8PrivateKey(rsaKey)
	small, _ := rsa.GenerateKey(rand.Reader, 1024)
	p384, _ := ecdsa.GenerateKey(elliptic.P384(), rand.Reader)
	p384DER, _ := x509.MarshalECPrivateKey(p384)
	for _, p := range []string{write("ec.pem", "EC PRIVATE KEY", ecDER), write("rsa.pem", "PRIVATE KEY", pk8), write("rsa1.pem", "RSA PRIVATE KEY", x509.MarshalPKCS1PrivateKey(rsaKey))} {
		if _, err := LoadClientKey(p); err != nil {
			t.Errorf("%s: %v", p, err)
		}
	}
	for _, p := range []string{write("small.pem", "RSA PRIVATE KEY", x509.MarshalPKCS1PrivateKey(small)), write("p384.pem", "EC PRIVATE KEY", p384DER),
		write("cert.pem", "CERTIFICATE", []byte{1}), filepath.Join(dir, "absent.pem")} {
		if _, err := LoadClientKey(p); err == nil {
			t.Errorf("%s accepted", p)
		}
	}
}

func TestOIDCRefused(t *testing.T) {
	e := newEnv(t, runProvider(t))
	e.a.Accounts = refuseAccounts{}
	e.queue(petra())
	resp, err := e.step.Get(e.toCallback("/wie", nil).String())
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if resp.StatusCode != http.StatusForbidden || !strings.Contains(string(body), "U heeft geen toegang") || !strings.Contains(string(body), "beheerder van uw organisatie") {
		t.Fatalf("%d %s", resp.StatusCode, body)
	}
	if e.who() != "niemand" || len(e.users()) != 0 {
		t.Fatal("refused person logged in or written")
	}

	// With the site's page.
	var got int
	e.a.Problem = func(w http.ResponseWriter, r *http.Request, status int, msg string) {
		got = status
		w.WriteHeader(status)
		io.WriteString(w, "eigen pagina: "+msg)
	}
	e.queue(petra())
	if resp := e.get(e.toCallback("", nil).String()); resp.StatusCode != http.StatusForbidden || got != http.StatusForbidden {
		t.Fatalf("%d, hook %d", resp.StatusCode, got)
	}

	// No account service at all: nobody logs in.
	e.a.Accounts = nil
	e.queue(petra())
	if resp := e.get(e.toCallback("", nil).String()); resp.StatusCode != http.StatusForbidden {
		t.Fatalf("no account service: %d", resp.StatusCode)
	}
}

func TestOIDCAssurance(t *testing.T) {
	e := newEnv(t, runProvider(t))
	e.a.OIDC.With(OIDCOptions{
		Scopes:    []string{"profile", "groups", "openid"},
		ACRValues: []string{"urn:test:midden"},
		ACRLevels: map[string]schakel.AssuranceLevel{"urn:test:basis": schakel.AssuranceLow, "urn:test:midden": schakel.AssuranceSubstantial, "urn:test:hoog": schakel.AssuranceHigh},
	})
	e.a.Policy = schakel.AssurancePolicy{schakel.StakeDecide: schakel.AssuranceSubstantial}

	q := e.location(e.get("/auth/oidc/start"), http.StatusFound).Query()
	if q.Get("scope") != "openid profile groups" || q.Get("acr_values") != "urn:test:midden" {
		t.Fatalf("scope %q acr_values %q", q.Get("scope"), q.Get("acr_values"))
	}
	// Step-up: the acr values of that level or higher, lowest first.
	up := e.location(e.get(StepUpPath("/verzoeken/3", schakel.AssuranceSubstantial)), http.StatusFound).Query()
	if up.Get("acr_values") != "urn:test:midden urn:test:hoog" {
		t.Fatalf("step-up acr_values %q", up.Get("acr_values"))
	}

	p := petra()
	p.claims["acr"] = "urn:test:basis"
	e.queue(p)
	e.login("")
	if got := e.get("/niveau"); got.StatusCode != 200 {
		t.Fatal(got.StatusCode)
	}
	if got := e.level(); got != "1 false" {
		t.Fatalf("low login: %q", got)
	}
	p = petra()
	p.claims["acr"] = "urn:test:midden"
	e.queue(p)
	if end := e.login("/verzoeken/3"); end.String() != "/verzoeken/3" {
		t.Fatalf("step-up came back at %s", end)
	}
	if got := e.level(); got != "2 true" {
		t.Fatalf("substantial login: %q", got)
	}
	p = petra()
	p.claims["acr"] = "urn:onbekend"
	e.queue(p)
	e.login("")
	if got := e.level(); got != "0 false" {
		t.Fatalf("unknown acr: %q", got)
	}
}

// level returns what /niveau says.
func (e *env) level() string {
	e.t.Helper()
	resp, err := e.follow.Get(e.srv.URL + "/niveau")
	if err != nil {
		e.t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return string(b)
}

// switchedOff is a user store whose users are all switched off once off is set.
type switchedOff struct {
	schakel.UserStore
	off *time.Time
}

func (s switchedOff) User(ctx context.Context, id int64) (*schakel.User, error) {
	u, err := s.UserStore.User(ctx, id)
	if u != nil {
		u.DisabledAt = s.off
	}
	return u, err
}

func TestSwitchedOffUserLoggedOut(t *testing.T) {
	e := newEnv(t, runProvider(t))
	off := &switchedOff{UserStore: e.st}
	e.a.Users = off
	e.queue(petra())
	e.login("")
	token := e.token()
	if e.who() != "Petra Geheimnaam" {
		t.Fatal("not logged in")
	}
	at := time.Now()
	off.off = &at
	if e.who() != "niemand" || e.sessionExists(token) {
		t.Fatal("a switched-off user's session survived")
	}
}

// TestOIDCUserInfoEmailPair: an e-mail address and its email_verified come
// from the same source, never the address from one and the verification
// from the other.
func TestOIDCUserInfoEmailPair(t *testing.T) {
	for _, tc := range []struct {
		name        string
		claims      map[string]any
		info        map[string]any
		email       string
		hasVerified bool // email_verified among the claims passed on
	}{
		{"verified in UserInfo, address in the ID token",
			map[string]any{"email": "id.adres@uwv.example"}, map[string]any{"email_verified": true}, "", false},
		{"verified in the ID token, address in UserInfo",
			map[string]any{"email_verified": true}, map[string]any{"email": "info.adres@uwv.example"}, "", false},
		{"unverified in the ID token, verified in UserInfo",
			map[string]any{"email": "id.adres@uwv.example", "email_verified": false},
			map[string]any{"email": "info.adres@uwv.example", "email_verified": true}, "info.adres@uwv.example", true},
		{"verified in the ID token, another in UserInfo",
			map[string]any{"email": "id.adres@uwv.example", "email_verified": true},
			map[string]any{"name": "Naam Uitinfo", "email": "info.adres@uwv.example", "email_verified": true}, "id.adres@uwv.example", true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			e := newEnv(t, runProvider(t))
			e.queue(&testUser{sub: "sub-paar", claims: tc.claims, info: tc.info})
			e.secrets = append(e.secrets, "id.adres@uwv.example", "info.adres@uwv.example", "Naam Uitinfo")
			var got schakel.BrokerIdentity
			e.a.Accounts = accountsFunc(func(id schakel.BrokerIdentity) (*schakel.User, error) {
				got = id
				return storeAccounts{e.st}.SignIn(e.ctx, id)
			})
			e.login("")
			_, hasVerified := got.Claims["email_verified"]
			if got.Email != tc.email || hasVerified != tc.hasVerified {
				t.Fatalf("email %q (want %q), email_verified passed on %v; claims %v", got.Email, tc.email, hasVerified, got.Claims)
			}
		})
	}
}
