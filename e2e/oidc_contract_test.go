package e2e

import (
	"context"
	"encoding/base64"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"sync"
	"testing"

	"github.com/chromedp/chromedp"
	"golang.org/x/oauth2"
)

// TestOIDCProviderContract checks, with a bare relying party of a few
// lines instead of schakel, that the test provider behaves as the OIDC
// tests assume a broker does: name and e-mail only from UserInfo, an acr
// and a sid in the ID token, a step-up that asks the password again when
// a higher acr is asked for, a provider session that lets the next login
// through without a password, and a back-channel logout token naming the
// session when the person logs out at the provider.
func TestOIDCProviderContract(t *testing.T) {
	needProvider(t)
	needBrowser(t)
	rp := &bareRP{}
	srv := httptest.NewServer(rp)
	t.Cleanup(srv.Close)
	account := oidcAccount{
		Login: "els", Password: "els-wachtwoord", Sub: "broker-els-0007", ACR: acrLow, ACRs: []string{acrSubstantial},
		Claims: map[string]any{"name": "Els Proef", "email": "els@uwv.nl", "email_verified": true, "organisatie": "UWV", "groepen": []string{"schakel-bestuur"}},
	}
	op := startOIDCProvider(t, oidcProviderConfig{
		Clients: []oidcClient{{
			ClientID: oidcClientID, ClientSecret: oidcClientSecret,
			RedirectURIs:           []string{srv.URL + "/cb"},
			PostLogoutRedirectURIs: []string{srv.URL + "/"},
			BackchannelLogoutURI:   srv.URL + "/bc",
		}},
		Accounts: []oidcAccount{account},
	})
	var doc struct {
		AuthorizationEndpoint string `json:"authorization_endpoint"`
		TokenEndpoint         string `json:"token_endpoint"`
		UserinfoEndpoint      string `json:"userinfo_endpoint"`
		EndSessionEndpoint    string `json:"end_session_endpoint"`
	}
	getJSON(t, op.Issuer+"/.well-known/openid-configuration", "", &doc)
	conf := oauth2.Config{
		ClientID: oidcClientID, ClientSecret: oidcClientSecret, RedirectURL: srv.URL + "/cb",
		Endpoint: oauth2.Endpoint{AuthURL: doc.AuthorizationEndpoint, TokenURL: doc.TokenEndpoint, AuthStyle: oauth2.AuthStyleInHeader},
		Scopes:   []string{"openid", "profile", "email"},
	}
	a := newTab(t, srv.URL)

	// login runs one authorization request; password tells whether the
	// provider's form is expected (and filled in) or the session suffices.
	login := func(password bool, opts ...oauth2.AuthCodeOption) (idToken map[string]any, access string) {
		t.Helper()
		verifier := oauth2.GenerateVerifier()
		opts = append(opts, oauth2.S256ChallengeOption(verifier), oauth2.SetAuthURLParam("nonce", "n-"+verifier[:8]))
		a.navigate(conf.AuthCodeURL("s-"+verifier[:8], opts...))
		if password {
			if st := a.providerLogin(account.Login, account.Password); st != 200 {
				a.fatal("login: status %d", st)
			}
		}
		a.see("#rp-done")
		q := rp.last()
		if q.Get("state") != "s-"+verifier[:8] || q.Get("code") == "" {
			a.fatal("callback %v", q)
		}
		tok, err := conf.Exchange(context.Background(), q.Get("code"), oauth2.VerifierOption(verifier))
		if err != nil {
			t.Fatalf("code exchange: %v", err)
		}
		raw, _ := tok.Extra("id_token").(string)
		return jwtPayload(t, raw), tok.AccessToken
	}

	id, access := login(true)
	if id["iss"] != op.Issuer || id["sub"] != account.Sub || id["aud"] != oidcClientID || id["acr"] != acrLow {
		t.Errorf("ID token iss %v sub %v aud %v acr %v", id["iss"], id["sub"], id["aud"], id["acr"])
	}
	sid, _ := id["sid"].(string)
	if sid == "" {
		t.Error("no sid in the ID token: back-channel logout by session cannot work")
	}
	for _, c := range []string{"name", "email", "organisatie", "groepen"} {
		if _, ok := id[c]; ok {
			t.Errorf("the ID token carries %s; by default only UserInfo should", c)
		}
	}
	var info map[string]any
	getJSON(t, doc.UserinfoEndpoint, access, &info)
	if info["name"] != "Els Proef" || info["email"] != "els@uwv.nl" || info["organisatie"] != "UWV" || info["email_verified"] != true {
		t.Errorf("UserInfo %v", info)
	}
	if g, _ := info["groepen"].([]any); len(g) != 1 || g[0] != "schakel-bestuur" {
		t.Errorf("UserInfo groepen %v", info["groepen"])
	}

	// The provider's session lets the next login through without the form.
	if id, _ := login(false); id["acr"] != acrLow || id["sid"] != sid {
		t.Errorf("second login acr %v sid %v, want %s and the same session", id["acr"], id["sid"], acrLow)
	}
	// Asked for substantial, it asks the password again (a stronger means).
	if id, _ := login(true, oauth2.SetAuthURLParam("acr_values", acrSubstantial)); id["acr"] != acrSubstantial {
		t.Errorf("step-up acr %v, want %s", id["acr"], acrSubstantial)
	}

	// Logging out at the provider sends the logout token to the client.
	a.navigate(doc.EndSessionEndpoint)
	a.clickOK("#op-logout-yes")
	a.see("#op-logged-out")
	lt := rp.logoutToken()
	if lt == "" {
		t.Fatalf("no back-channel logout token arrived\n%s", op.Log())
	}
	claims := jwtPayload(t, lt)
	events, _ := claims["events"].(map[string]any)
	if _, ok := events["http://schemas.openid.net/event/backchannel-logout"]; !ok || claims["sid"] != sid || claims["iss"] != op.Issuer {
		t.Errorf("logout token %v, want the back-channel event, sid %s", claims, sid)
	}
	if _, ok := claims["nonce"]; ok {
		t.Error("the logout token has a nonce")
	}
	// And the next login asks for the password again.
	login(true)
}

// bareRP is the relying party of TestOIDCProviderContract: it remembers
// the last callback and the last back-channel logout token.
type bareRP struct {
	mu     sync.Mutex
	query  url.Values
	logout string
}

func (rp *bareRP) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	rp.mu.Lock()
	defer rp.mu.Unlock()
	switch r.URL.Path {
	case "/cb":
		rp.query = r.URL.Query()
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		w.Write([]byte(`<!DOCTYPE html><html lang="nl"><title>RP</title><p id="rp-done">klaar</p></html>`))
	case "/bc":
		if r.Method != http.MethodPost {
			http.Error(w, "POST only", http.StatusMethodNotAllowed)
			return
		}
		rp.logout = r.PostFormValue("logout_token")
	default:
		http.NotFound(w, r)
	}
}

func (rp *bareRP) last() url.Values {
	rp.mu.Lock()
	defer rp.mu.Unlock()
	return rp.query
}

func (rp *bareRP) logoutToken() string {
	rp.mu.Lock()
	defer rp.mu.Unlock()
	return rp.logout
}

// newTab opens a browser tab in a context of its own, for a test without
// a schakel server; base is what open paths are relative to.
func newTab(t *testing.T, base string) *oidcApp {
	t.Helper()
	needBrowser(t)
	tab, closeTab := chromedp.NewContext(browserCtx, chromedp.WithNewBrowserContext())
	t.Cleanup(closeTab)
	tab, cancel := context.WithTimeout(tab, testTimeout)
	t.Cleanup(cancel)
	if err := chromedp.Do(tab); err != nil {
		t.Fatalf("open a tab: %v", err)
	}
	return &oidcApp{app: &app{t: t, ctx: tab, base: base}}
}

// jwtPayload returns the claims of a compact JWT without checking its
// signature: the provider is ours, and the point is what it says.
func jwtPayload(t *testing.T, raw string) map[string]any {
	t.Helper()
	parts := strings.Split(raw, ".")
	if len(parts) != 3 {
		t.Fatalf("not a compact JWT: %d parts", len(parts))
	}
	b, err := base64.RawURLEncoding.DecodeString(parts[1])
	if err != nil {
		t.Fatal(err)
	}
	var claims map[string]any
	if err := json.Unmarshal(b, &claims); err != nil {
		t.Fatal(err)
	}
	return claims
}

// getJSON fetches url, with bearer as access token when not empty, into v.
func getJSON(t *testing.T, url, bearer string, v any) {
	t.Helper()
	req, err := http.NewRequest(http.MethodGet, url, nil)
	if err != nil {
		t.Fatal(err)
	}
	if bearer != "" {
		req.Header.Set("Authorization", "Bearer "+bearer)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	if resp.StatusCode != 200 {
		t.Fatalf("GET %s: status %d", url, resp.StatusCode)
	}
	if err := json.NewDecoder(resp.Body).Decode(v); err != nil {
		t.Fatal(err)
	}
}
