package auth

import (
	"context"
	"crypto"
	"crypto/rand"
	"crypto/subtle"
	"encoding/base64"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"slices"
	"strings"
	"sync/atomic"
	"time"
	"unicode/utf8"

	"github.com/coreos/go-oidc/v3/oidc"
	"golang.org/x/oauth2"

	"github.com/schakel-nl/schakel"
)

// DefaultOIDCTimeout bounds each call to the identity provider: discovery,
// the code exchange and fetching its signing keys.
const DefaultOIDCTimeout = 10 * time.Second

// DefaultClockSkew is how far the provider's clock may be off from ours
// when a token's times are checked, unless OIDCOptions says otherwise.
const DefaultClockSkew = time.Minute

// OIDC is the OpenID Connect login through the configured identity broker.
// Build it with NewOIDC. Discovery of the provider is lazy: it happens at the
// first login attempt and is cached once it succeeds, so schakel starts even
// while the provider is down.
type OIDC struct {
	issuer       string
	clientID     string
	clientSecret string
	redirectURL  string
	client       *http.Client
	timeout      time.Duration
	opts         OIDCOptions

	// lock guards p; a channel so that waiting for it respects a context.
	lock chan struct{}
	p    *discovered

	// endSessionOrigin is EndSessionOrigin, set when discovery succeeds,
	// so that rendering a page never waits for the lock.
	endSessionOrigin atomic.Pointer[string]

	// seen remembers the jtis of recent logout tokens (see checkFresh).
	seen jtiMemory
}

// OIDCOptions are the settings of the broker beyond issuer and client;
// the zero value asks for openid, profile and email, requests no level of
// assurance, allows DefaultClockSkew and authenticates with the secret.
type OIDCOptions struct {
	// Scopes asked for; openid is added when missing.
	Scopes []string
	// ACRValues are asked for at every login (acr_values), in order of
	// preference; empty asks for none.
	ACRValues []string
	// ACRLevels says which level of assurance each acr claim is; an acr
	// not in it is AssuranceUnknown.
	ACRLevels map[string]schakel.AssuranceLevel
	// ClockSkew is the tolerance on exp, iat and nbf; 0 means
	// DefaultClockSkew, a negative value none.
	ClockSkew time.Duration
	// ClientKey, when set, signs a client assertion (private_key_jwt,
	// RFC 7523) for each token request instead of sending the secret.
	ClientKey crypto.Signer
	// ClientKeyID is the kid of ClientKey registered at the broker.
	ClientKeyID string
	// PostLogoutURL is where the provider sends the browser after logging
	// out there; empty means the redirect URL's site root.
	PostLogoutURL string
	// Clock tells the time for the token checks; nil is the system clock.
	Clock schakel.Clock
}

// discovered is what discovery of the provider yields.
type discovered struct {
	provider   *oidc.Provider
	oauth      oauth2.Config
	verifier   *oidc.IDTokenVerifier
	endSession string // the end_session_endpoint; empty when none
	tokenURL   string
}

// NewOIDC returns the login through the provider at issuer, for the client
// registered there as clientID and clientSecret (empty for a public client,
// which PKCE protects) with redirectURL as its callback, normally the public
// URL followed by /auth/oidc/callback. httpClient does every request to the
// provider; nil means a client with DefaultOIDCTimeout. It does not contact
// the provider. Set further options with With before serving.
func NewOIDC(issuer, clientID, clientSecret, redirectURL string, httpClient *http.Client) *OIDC {
	if httpClient == nil {
		httpClient = &http.Client{Timeout: DefaultOIDCTimeout}
	}
	return &OIDC{
		issuer:       issuer,
		clientID:     clientID,
		clientSecret: clientSecret,
		redirectURL:  redirectURL,
		client:       httpClient,
		timeout:      DefaultOIDCTimeout,
		lock:         make(chan struct{}, 1),
	}
}

// With sets the options and returns o; call it before the first login.
func (o *OIDC) With(opts OIDCOptions) *OIDC {
	o.opts = opts
	return o
}

// Issuer returns the configured issuer URL.
func (o *OIDC) Issuer() string { return o.issuer }

// ACRLevel returns the level of assurance of an acr claim.
func (o *OIDC) ACRLevel(acr string) schakel.AssuranceLevel { return o.opts.ACRLevels[acr] }

func (o *OIDC) now() time.Time {
	if o.opts.Clock != nil {
		return o.opts.Clock.Now()
	}
	return time.Now()
}

func (o *OIDC) skew() time.Duration {
	switch {
	case o.opts.ClockSkew < 0:
		return 0
	case o.opts.ClockSkew == 0:
		return DefaultClockSkew
	}
	return o.opts.ClockSkew
}

// MismatchError is a discovery that reached the provider and found it
// configured differently from schakel, such as an issuer URL that differs
// in a trailing slash: retrying will not help, the settings must change.
type MismatchError struct{ Msg string }

// Error implements error: the message names both sides of the mismatch.
func (e *MismatchError) Error() string { return e.Msg }

// IsMismatch reports whether err is a MismatchError.
func IsMismatch(err error) bool {
	var m *MismatchError
	return errors.As(err, &m)
}

// Discover fetches the provider's configuration unless an earlier call
// succeeded. Logins call it; serve calls it at start so that a wrong
// setting is named in its log, and /readyz so that it is named there.
func (o *OIDC) Discover(ctx context.Context) error {
	_, err := o.discover(ctx)
	return err
}

func (o *OIDC) discover(ctx context.Context) (*discovered, error) {
	select {
	case o.lock <- struct{}{}:
	case <-ctx.Done():
		return nil, ctx.Err()
	}
	defer func() { <-o.lock }()
	if o.p != nil {
		return o.p, nil
	}
	ctx, cancel := context.WithTimeout(o.clientContext(ctx), o.timeout)
	defer cancel()
	provider, err := oidc.NewProvider(ctx, o.issuer)
	if err != nil {
		return nil, discoveryError(err)
	}
	var extra struct {
		EndSession string   `json:"end_session_endpoint"`
		AuthMethod []string `json:"token_endpoint_auth_methods_supported"`
	}
	if err := provider.Claims(&extra); err != nil {
		return nil, fmt.Errorf("oidc discovery: %w", err)
	}
	if o.opts.ClientKey != nil && len(extra.AuthMethod) > 0 && !slices.Contains(extra.AuthMethod, "private_key_jwt") {
		return nil, &MismatchError{Msg: "oidc discovery: --oidc-client-key is set but the provider does not offer private_key_jwt (token_endpoint_auth_methods_supported: " + strings.Join(extra.AuthMethod, ", ") + ")"}
	}
	ep := provider.Endpoint()
	secret := o.clientSecret
	if o.opts.ClientKey != nil {
		// The assertion authenticates; the client id goes in the body.
		ep.AuthStyle = oauth2.AuthStyleInParams
		secret = ""
	}
	o.p = &discovered{
		provider: provider,
		oauth: oauth2.Config{
			ClientID:     o.clientID,
			ClientSecret: secret,
			RedirectURL:  o.redirectURL,
			Endpoint:     ep,
			Scopes:       o.scopes(),
		},
		// Times are checked by checkTimes, with the clock skew and the
		// injected clock: go-oidc's own check has no tolerance.
		verifier:   provider.Verifier(&oidc.Config{ClientID: o.clientID, SkipExpiryCheck: true}),
		endSession: extra.EndSession,
		tokenURL:   ep.TokenURL,
	}
	origin := originOf(extra.EndSession)
	o.endSessionOrigin.Store(&origin)
	return o.p, nil
}

// discoveryError names what went wrong: a provider that calls itself by
// another issuer URL is a mismatch of the settings.
func discoveryError(err error) error {
	var im *oidc.IssuerMismatchError
	if errors.As(err, &im) {
		msg := fmt.Sprintf("oidc discovery: the provider calls itself %q but --oidc-issuer is %q", im.Discovered, im.Provided)
		if strings.TrimSuffix(im.Discovered, "/") == strings.TrimSuffix(im.Provided, "/") {
			msg += " (they differ only in the trailing slash)"
		}
		return &MismatchError{Msg: msg + "; set --oidc-issuer to exactly the provider's issuer"}
	}
	return fmt.Errorf("oidc discovery: %w", err)
}

// scopes are the configured scopes with openid first.
func (o *OIDC) scopes() []string {
	s := []string{oidc.ScopeOpenID}
	if o.opts.Scopes == nil {
		return append(s, "profile", "email")
	}
	for _, x := range o.opts.Scopes {
		if x != "" && !slices.Contains(s, x) {
			s = append(s, x)
		}
	}
	return s
}

// clientContext makes the oauth2 and oidc packages use o.client.
func (o *OIDC) clientContext(ctx context.Context) context.Context {
	return oidc.ClientContext(ctx, o.client)
}

// tokenTimes are a token's times as sent, in seconds since 1970.
type tokenTimes struct {
	Exp *float64 `json:"exp"`
	Iat *float64 `json:"iat"`
	Nbf *float64 `json:"nbf"`
}

// checkTimes checks a token's times against our clock with the skew:
// not expired (when needExp, exp must be there), issued (iat, required)
// not in the future, and valid already (nbf). It returns a kind for logs.
func (o *OIDC) checkTimes(t tokenTimes, needExp bool) (string, bool) {
	now, skew := o.now(), o.skew()
	at := func(f float64) time.Time { return time.Unix(0, int64(f*float64(time.Second))) }
	switch {
	case t.Exp == nil && needExp:
		return "no exp", false
	case t.Exp != nil && now.After(at(*t.Exp).Add(skew)):
		return "expired", false
	case t.Iat == nil:
		return "no iat", false
	case at(*t.Iat).After(now.Add(skew)):
		return "iat in the future", false
	case t.Nbf != nil && at(*t.Nbf).After(now.Add(skew)):
		return "not yet valid", false
	}
	return "", true
}

// Session keys of a login in progress. One attempt at a time per session:
// starting another replaces the first.
const (
	sessionOIDCState    = "oidc.state"
	sessionOIDCNonce    = "oidc.nonce"
	sessionOIDCVerifier = "oidc.verifier"
	sessionOIDCReturn   = "oidc.terug"
)

// OIDCStart begins a login: it remembers a fresh state, nonce and PKCE
// verifier in the session, and where to go afterwards (?terug=, a local
// path), and sends the browser to the identity provider. ?niveau= (laag,
// substantieel or hoog) asks for the acr values of at least that level of
// assurance instead of the configured ones: the step-up link of a page
// that needs more. Without a configured provider the route does not exist
// (404); while the provider cannot be reached it answers 503.
func (a *Auth) OIDCStart(w http.ResponseWriter, r *http.Request) {
	if a.OIDC == nil {
		a.problem(w, r, http.StatusNotFound, MsgNotConfigured)
		return
	}
	ctx := r.Context()
	p, err := a.OIDC.discover(ctx)
	if err != nil {
		a.unreachable(w, r, "oidc login start", err)
		return
	}
	state, nonce := randomToken(), randomToken()
	verifier := oauth2.GenerateVerifier()
	a.Sessions.Put(ctx, sessionOIDCState, state)
	a.Sessions.Put(ctx, sessionOIDCNonce, nonce)
	a.Sessions.Put(ctx, sessionOIDCVerifier, verifier)
	a.Sessions.Put(ctx, sessionOIDCReturn, SafeReturnPath(r.URL.Query().Get("terug")))
	opts := []oauth2.AuthCodeOption{oidc.Nonce(nonce), oauth2.S256ChallengeOption(verifier)}
	if acr := a.OIDC.acrValues(r.URL.Query().Get("niveau")); len(acr) > 0 {
		opts = append(opts, oauth2.SetAuthURLParam("acr_values", strings.Join(acr, " ")))
	}
	w.Header().Set("Cache-Control", "no-store")
	http.Redirect(w, r, p.oauth.AuthCodeURL(state, opts...), http.StatusFound)
}

// unreachable answers 503 while the provider cannot be reached, or names a
// mismatch of the settings in the log (the page says only that logging in
// cannot be done now).
func (a *Auth) unreachable(w http.ResponseWriter, r *http.Request, what string, err error) {
	if IsMismatch(err) {
		a.Log.ErrorContext(r.Context(), what+": provider configured differently", errAttr(err))
	} else {
		a.Log.WarnContext(r.Context(), what+": provider unreachable", errAttr(err))
	}
	w.Header().Set("Retry-After", "30")
	a.problem(w, r, http.StatusServiceUnavailable, MsgUnreachable)
}

// OIDCCallback finishes a login when the identity provider sends the browser
// back: it checks the state, exchanges the code with the PKCE verifier,
// verifies the ID token, its nonce and times, fetches UserInfo when the ID
// token lacks a name or e-mail, lets the AccountService decide who this is,
// logs them in under a fresh session token with the level of assurance
// reached, and sends the browser where it wanted to go. An error the
// provider reports (the person cancelled, was refused) sends the browser
// to /inloggen?fout=1. Mistakes of the request (no login in progress,
// wrong state, no code, a code the provider refuses) are 400; a person the
// AccountService refuses is 403; an unreachable or misbehaving provider is
// 502 or 503. Logs name the kind of failure, never a person, a claim, a
// code or a token.
func (a *Auth) OIDCCallback(w http.ResponseWriter, r *http.Request) {
	if a.OIDC == nil {
		a.problem(w, r, http.StatusNotFound, MsgNotConfigured)
		return
	}
	ctx := r.Context()
	w.Header().Set("Cache-Control", "no-store")
	at, ok := a.takeAttempt(w, r)
	if !ok {
		return
	}
	p, err := a.OIDC.discover(ctx)
	if err != nil {
		a.unreachable(w, r, "oidc callback", err)
		return
	}
	octx, cancel := context.WithTimeout(a.OIDC.clientContext(ctx), a.OIDC.timeout)
	defer cancel()
	tok, pr := a.exchange(octx, p, at)
	if pr != nil {
		a.fail(w, r, pr)
		return
	}
	id, raw, pr := a.brokerIdentity(octx, p, tok, at.nonce)
	if pr != nil {
		a.fail(w, r, pr)
		return
	}
	u, pr := a.signIn(ctx, id)
	if pr != nil {
		a.fail(w, r, pr)
		return
	}
	if pr := a.loginBroker(ctx, u, id, raw); pr != nil {
		a.fail(w, r, pr)
		return
	}
	a.Log.InfoContext(ctx, "oidc login", "user", u.ID, "level", int(a.OIDC.ACRLevel(id.ACR)))
	http.Redirect(w, r, a.AfterLogin(r, at.back), http.StatusSeeOther)
}

// attempt is the login in progress the callback finishes.
type attempt struct {
	code, nonce, verifier, back string
}

// takeAttempt checks the callback's state against the session's login in
// progress and uses it up. It answers the request itself when that fails.
func (a *Auth) takeAttempt(w http.ResponseWriter, r *http.Request) (attempt, bool) {
	ctx := r.Context()
	q := r.URL.Query()
	want := a.Sessions.GetString(ctx, sessionOIDCState)
	if want == "" {
		a.Log.InfoContext(ctx, "oidc callback: no login in progress")
		a.problem(w, r, http.StatusBadRequest, MsgNoAttempt)
		return attempt{}, false
	}
	if subtle.ConstantTimeCompare([]byte(q.Get("state")), []byte(want)) != 1 {
		// The login in progress stays: a forged callback must not break it.
		a.Log.WarnContext(ctx, "oidc callback: state mismatch")
		a.problem(w, r, http.StatusBadRequest, MsgInvalidAttempt)
		return attempt{}, false
	}
	// The state matched: this attempt is used up, whatever happens next.
	a.Sessions.Remove(ctx, sessionOIDCState)
	at := attempt{
		code:     q.Get("code"),
		nonce:    a.Sessions.PopString(ctx, sessionOIDCNonce),
		verifier: a.Sessions.PopString(ctx, sessionOIDCVerifier),
		back:     SafeReturnPath(a.Sessions.PopString(ctx, sessionOIDCReturn)),
	}
	if e := q.Get("error"); e != "" {
		// The person cancelled, was refused, or the provider failed: back
		// to the login page, which says that logging in did not work.
		a.Log.InfoContext(ctx, "oidc callback: provider returned an error", "error", errorCode(e))
		http.Redirect(w, r, "/inloggen?fout=1", http.StatusSeeOther)
		return attempt{}, false
	}
	if at.code == "" {
		a.Log.InfoContext(ctx, "oidc callback: no code")
		a.problem(w, r, http.StatusBadRequest, MsgInvalid)
		return attempt{}, false
	}
	if at.nonce == "" || at.verifier == "" {
		a.Log.WarnContext(ctx, "oidc callback: incomplete login in session")
		a.problem(w, r, http.StatusBadRequest, MsgInvalidAttempt)
		return attempt{}, false
	}
	return at, true
}

// failure is why a login failed: the status and page text, and what the
// log says (never personal data).
type failure struct {
	status int
	msg    string
	level  slog.Level
	log    string
	attrs  []any
}

func (a *Auth) fail(w http.ResponseWriter, r *http.Request, f *failure) {
	a.Log.Log(r.Context(), f.level, f.log, f.attrs...)
	a.problem(w, r, f.status, f.msg)
}

// exchange trades the code for tokens, authenticating with the client
// assertion when a client key is set.
func (a *Auth) exchange(ctx context.Context, p *discovered, at attempt) (*oauth2.Token, *failure) {
	opts := []oauth2.AuthCodeOption{oauth2.VerifierOption(at.verifier)}
	if a.OIDC.opts.ClientKey != nil {
		assertion, err := a.OIDC.clientAssertion(p.tokenURL)
		if err != nil {
			return nil, &failure{http.StatusInternalServerError, MsgOurFault, slog.LevelError, "oidc callback: sign client assertion", []any{errAttr(err)}}
		}
		opts = append(opts, oauth2.SetAuthURLParam("client_assertion_type", clientAssertionType), oauth2.SetAuthURLParam("client_assertion", assertion))
	}
	tok, err := p.oauth.Exchange(ctx, at.code, opts...)
	if err == nil {
		return tok, nil
	}
	var re *oauth2.RetrieveError
	if errors.As(err, &re) && (re.ErrorCode == "invalid_client" || re.ErrorCode == "unauthorized_client") {
		// Our fault, not the browser's: the client id, secret or key is wrong.
		return nil, &failure{http.StatusBadGateway, MsgUnknownClient, slog.LevelError, "oidc callback: provider refused our client credentials", []any{"error", re.ErrorCode}}
	}
	if re != nil && re.Response != nil && re.Response.StatusCode >= 400 && re.Response.StatusCode < 500 {
		// Only the status and error code: the body may echo the code.
		return nil, &failure{http.StatusBadRequest, MsgInvalidAttempt, slog.LevelInfo, "oidc callback: code refused", []any{"status", re.Response.StatusCode, "error", errorCode(re.ErrorCode)}}
	}
	attr := errAttr(err)
	if re != nil {
		attr = slog.String("error", errorCode(re.ErrorCode))
	}
	return nil, &failure{http.StatusBadGateway, MsgProviderOdd, slog.LevelWarn, "oidc callback: code exchange failed", []any{attr}}
}

// brokerIdentity verifies the ID token (signature, issuer, audience, nonce,
// times with the clock skew) and reads who logged in, from the ID token and,
// when it lacks a name or e-mail address, from UserInfo. It returns the raw
// ID token too, the hint for logging out at the provider.
func (a *Auth) brokerIdentity(ctx context.Context, p *discovered, tok *oauth2.Token, nonce string) (schakel.BrokerIdentity, string, *failure) {
	odd := func(log string, attrs ...any) *failure {
		return &failure{http.StatusBadGateway, MsgProviderOdd, slog.LevelWarn, log, attrs}
	}
	raw, _ := tok.Extra("id_token").(string)
	if raw == "" {
		return schakel.BrokerIdentity{}, "", odd("oidc callback: no id_token in token response")
	}
	idt, err := p.verifier.Verify(ctx, raw)
	if err != nil {
		return schakel.BrokerIdentity{}, "", odd("oidc callback: id token rejected", "kind", verifyErrorKind(err))
	}
	if subtle.ConstantTimeCompare([]byte(idt.Nonce), []byte(nonce)) != 1 {
		return schakel.BrokerIdentity{}, "", &failure{http.StatusBadRequest, MsgInvalidAttempt, slog.LevelWarn, "oidc callback: nonce mismatch", nil}
	}
	var times tokenTimes
	claims := map[string]any{}
	if idt.Claims(&times) != nil || idt.Claims(&claims) != nil {
		return schakel.BrokerIdentity{}, "", odd("oidc callback: unreadable claims")
	}
	if kind, ok := a.OIDC.checkTimes(times, true); !ok {
		return schakel.BrokerIdentity{}, "", odd("oidc callback: id token rejected", "kind", kind)
	}
	c := readClaims(claims)
	if c.lacksProfile() && p.provider.UserInfoEndpoint() != "" {
		a.mergeUserInfo(ctx, p, tok, idt.Subject, claims)
		c = readClaims(claims)
	}
	u := c.user(idt.Issuer, idt.Subject)
	acr, _ := claims["acr"].(string)
	return schakel.BrokerIdentity{Issuer: idt.Issuer, Subject: idt.Subject, Name: u.Name, Email: u.Email, ACR: acr, Claims: claims}, raw, nil
}

// mergeUserInfo adds the claims of the UserInfo endpoint that the ID token
// lacks. The e-mail address and email_verified go as a pair, from one
// source: unless the ID token holds a verified address, an address from
// UserInfo replaces its pair with UserInfo's (no email_verified there
// meaning unverified), so that one source's verification never vouches
// for the other's address. A failing or mismatching UserInfo is logged
// and skipped: the login goes on with the ID token's claims.
func (a *Auth) mergeUserInfo(ctx context.Context, p *discovered, tok *oauth2.Token, subject string, claims map[string]any) {
	ui, err := p.provider.UserInfo(ctx, oauth2.StaticTokenSource(tok))
	if err != nil {
		a.Log.WarnContext(ctx, "oidc callback: userinfo failed", "kind", "request")
		return
	}
	if ui.Subject != subject {
		// OIDC Core 5.3.2: a UserInfo of another subject must not be used.
		a.Log.WarnContext(ctx, "oidc callback: userinfo of another subject")
		return
	}
	more := map[string]any{}
	if err := ui.Claims(&more); err != nil {
		a.Log.WarnContext(ctx, "oidc callback: userinfo unreadable")
		return
	}
	for k, v := range more {
		if _, ok := claims[k]; !ok && k != "email" && k != "email_verified" {
			claims[k] = v
		}
	}
	idToken := readClaims(claims)
	if idToken.user("", "").Email != "" {
		return
	}
	if email, _ := more["email"].(string); strings.TrimSpace(email) != "" {
		claims["email"] = email
		delete(claims, "email_verified")
		if v, ok := more["email_verified"]; ok {
			claims["email_verified"] = v
		}
	}
}

// signIn lets the AccountService decide who logged in.
func (a *Auth) signIn(ctx context.Context, id schakel.BrokerIdentity) (*schakel.User, *failure) {
	if a.Accounts == nil {
		return nil, &failure{http.StatusForbidden, MsgRefused, slog.LevelError, "oidc callback: no account service: nobody can log in", nil}
	}
	u, err := a.Accounts.SignIn(ctx, id)
	switch code := schakel.ErrorCode(err); {
	case err == nil:
		return u, nil
	case code == schakel.EFORBIDDEN:
		return nil, &failure{http.StatusForbidden, MsgRefused, slog.LevelInfo, "oidc callback: person refused", nil}
	case code != schakel.EINTERNAL:
		// Bad fields from the provider, e.g. an empty subject. Only the
		// code: the fields hold personal data.
		return nil, &failure{http.StatusBadGateway, MsgUnusable, slog.LevelWarn, "oidc callback: user refused", []any{"code", code}}
	default:
		return nil, &failure{http.StatusInternalServerError, MsgOurFault, slog.LevelError, "oidc callback: sign in", []any{errAttr(err)}}
	}
}

// loginBroker logs u in with the level of assurance the login reached,
// keeps the ID token as the hint for logging out at the provider, and
// records which broker session this session came from, so that a
// back-channel logout or a switch-off can end it.
func (a *Auth) loginBroker(ctx context.Context, u *schakel.User, id schakel.BrokerIdentity, raw string) *failure {
	ourFault := func(log string, err error) *failure {
		return &failure{http.StatusInternalServerError, MsgOurFault, slog.LevelError, log, []any{errAttr(err)}}
	}
	if err := a.login(ctx, u.ID, a.OIDC.ACRLevel(id.ACR)); err != nil {
		return ourFault("oidc callback: renew session", err)
	}
	a.Sessions.Put(ctx, sessionIDToken, raw)
	if a.LoginSessions == nil {
		return nil
	}
	sid, _ := id.Claims["sid"].(string)
	now := a.now()
	ls := schakel.LoginSession{Token: a.Sessions.Token(ctx), UserID: u.ID, Issuer: id.Issuer, SID: sid, CreatedAt: now, ExpiresAt: now.Add(a.Sessions.Lifetime)}
	if err := a.LoginSessions.RecordLoginSession(ctx, ls); err != nil {
		// Unrecorded, the session could not be ended from the provider.
		a.Sessions.Destroy(ctx)
		return ourFault("oidc callback: record login session", err)
	}
	a.Sessions.Put(ctx, sessionBrokerKey, int64(1))
	return nil
}

// SafeReturnPath returns p when it is a path on this site, "/" otherwise: it
// must start with a single "/" (not "//" or "/\", which browsers read as
// another host) and hold no control characters or backslashes (browsers drop
// tabs and newlines and read "\" as "/").
func SafeReturnPath(p string) string {
	if len(p) == 0 || len(p) > 2000 || p[0] != '/' {
		return "/"
	}
	if len(p) > 1 && (p[1] == '/' || p[1] == '\\') {
		return "/"
	}
	for _, c := range []byte(p) {
		if c < 0x20 || c == 0x7f || c == '\\' {
			return "/"
		}
	}
	if !utf8.ValidString(p) {
		return "/"
	}
	return p
}

// randomToken returns 256 random bits, base64url-encoded.
func randomToken() string {
	return base64.RawURLEncoding.EncodeToString(randBytes(32))
}

func randBytes(n int) []byte {
	b := make([]byte, n)
	rand.Read(b) // never fails, per crypto/rand
	return b
}

// errorCode returns an OAuth error code for logs: the code itself when it
// looks like one (a short run of letters and "_"), "other" otherwise, since
// the request may carry anything there.
func errorCode(s string) string {
	if s == "" {
		return "none"
	}
	if len(s) > 40 {
		return "other"
	}
	for _, c := range s {
		if (c < 'a' || c > 'z') && c != '_' {
			return "other"
		}
	}
	return s
}

// verifyErrorKind names why an ID token was rejected, for logs.
func verifyErrorKind(err error) string {
	var expired *oidc.TokenExpiredError
	switch {
	case errors.As(err, &expired):
		return "expired"
	case strings.Contains(err.Error(), "audience"):
		return "audience"
	case strings.Contains(err.Error(), "issue"):
		return "issuer"
	case strings.Contains(err.Error(), "signature"), strings.Contains(err.Error(), "keys"):
		return "signature"
	default:
		return "other"
	}
}

// errAttr is the log attribute of an error that holds no personal data.
func errAttr(err error) slog.Attr { return slog.Any("err", err) }
