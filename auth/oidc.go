package auth

import (
	"context"
	"crypto/rand"
	"crypto/subtle"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"net/mail"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/coreos/go-oidc/v3/oidc"
	"golang.org/x/oauth2"

	"github.com/schakel-nl/schakel"
)

// DefaultOIDCTimeout bounds each call to the identity provider: discovery,
// the code exchange and fetching its signing keys.
const DefaultOIDCTimeout = 10 * time.Second

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

	// lock guards p; a channel so that waiting for it respects a context.
	lock chan struct{}
	p    *discovered
}

// discovered is what discovery of the provider yields.
type discovered struct {
	oauth    oauth2.Config
	verifier *oidc.IDTokenVerifier
}

// NewOIDC returns the login through the provider at issuer, for the client
// registered there as clientID and clientSecret (empty for a public client,
// which PKCE protects) with redirectURL as its callback, normally the public
// URL followed by /auth/oidc/callback. httpClient does every request to the
// provider; nil means a client with DefaultOIDCTimeout. It does not contact
// the provider.
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

// Issuer returns the configured issuer URL.
func (o *OIDC) Issuer() string { return o.issuer }

// Discover fetches the provider's configuration unless an earlier call
// succeeded. Logins call it; calling it at startup only warms the cache.
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
		return nil, fmt.Errorf("oidc discovery: %w", err)
	}
	o.p = &discovered{
		oauth: oauth2.Config{
			ClientID:     o.clientID,
			ClientSecret: o.clientSecret,
			RedirectURL:  o.redirectURL,
			Endpoint:     provider.Endpoint(),
			Scopes:       []string{oidc.ScopeOpenID, "profile", "email"},
		},
		verifier: provider.Verifier(&oidc.Config{ClientID: o.clientID}),
	}
	return o.p, nil
}

// clientContext makes the oauth2 and oidc packages use o.client.
func (o *OIDC) clientContext(ctx context.Context) context.Context {
	return oidc.ClientContext(ctx, o.client)
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
// path), and sends the browser to the identity provider. Without a
// configured provider the route does not exist (404); while the provider
// cannot be reached it answers 503.
func (a *Auth) OIDCStart(w http.ResponseWriter, r *http.Request) {
	if a.OIDC == nil {
		loginPage(w, http.StatusNotFound, "Inloggen via een identiteitsprovider is hier niet ingesteld.")
		return
	}
	ctx := r.Context()
	p, err := a.OIDC.discover(ctx)
	if err != nil {
		a.Log.WarnContext(ctx, "oidc login start: provider unreachable", errAttr(err))
		w.Header().Set("Retry-After", "30")
		loginPage(w, http.StatusServiceUnavailable, "Inloggen kan nu even niet: de inlogdienst is niet bereikbaar. Probeer het over een paar minuten opnieuw.")
		return
	}
	state, nonce := randomToken(), randomToken()
	verifier := oauth2.GenerateVerifier()
	a.Sessions.Put(ctx, sessionOIDCState, state)
	a.Sessions.Put(ctx, sessionOIDCNonce, nonce)
	a.Sessions.Put(ctx, sessionOIDCVerifier, verifier)
	a.Sessions.Put(ctx, sessionOIDCReturn, SafeReturnPath(r.URL.Query().Get("terug")))
	w.Header().Set("Cache-Control", "no-store")
	http.Redirect(w, r, p.oauth.AuthCodeURL(state, oidc.Nonce(nonce), oauth2.S256ChallengeOption(verifier)), http.StatusFound)
}

// OIDCCallback finishes a login when the identity provider sends the browser
// back: it checks the state, exchanges the code with the PKCE verifier,
// verifies the ID token and its nonce, creates or updates the user, logs it
// in under a fresh session token and sends the browser where it wanted to go.
// An error the provider reports (the person cancelled, was refused) sends
// the browser to /inloggen?fout=1. Mistakes of the request (no login in
// progress, wrong state, no code, a code the provider refuses) are 400; an
// unreachable or misbehaving provider is 502 or 503. Logs name the kind of
// failure, never a person, a code or a token.
func (a *Auth) OIDCCallback(w http.ResponseWriter, r *http.Request) {
	if a.OIDC == nil {
		loginPage(w, http.StatusNotFound, "Inloggen via een identiteitsprovider is hier niet ingesteld.")
		return
	}
	ctx := r.Context()
	w.Header().Set("Cache-Control", "no-store")
	q := r.URL.Query()

	want := a.Sessions.GetString(ctx, sessionOIDCState)
	if want == "" {
		a.Log.InfoContext(ctx, "oidc callback: no login in progress")
		loginPage(w, http.StatusBadRequest, "Er loopt geen inlogpoging (meer). Begin opnieuw met inloggen.")
		return
	}
	if subtle.ConstantTimeCompare([]byte(q.Get("state")), []byte(want)) != 1 {
		// The login in progress stays: a forged callback must not break it.
		a.Log.WarnContext(ctx, "oidc callback: state mismatch")
		loginPage(w, http.StatusBadRequest, "Deze inlogpoging is ongeldig of verlopen. Begin opnieuw met inloggen.")
		return
	}
	// The state matched: this attempt is used up, whatever happens next.
	a.Sessions.Remove(ctx, sessionOIDCState)
	nonce := a.Sessions.PopString(ctx, sessionOIDCNonce)
	verifier := a.Sessions.PopString(ctx, sessionOIDCVerifier)
	back := SafeReturnPath(a.Sessions.PopString(ctx, sessionOIDCReturn))

	if e := q.Get("error"); e != "" {
		// The person cancelled, was refused, or the provider failed: back
		// to the login page, which says that logging in did not work.
		a.Log.InfoContext(ctx, "oidc callback: provider returned an error", "error", errorCode(e))
		http.Redirect(w, r, "/inloggen?fout=1", http.StatusSeeOther)
		return
	}
	code := q.Get("code")
	if code == "" {
		a.Log.InfoContext(ctx, "oidc callback: no code")
		loginPage(w, http.StatusBadRequest, "Deze inlogpoging is ongeldig. Begin opnieuw met inloggen.")
		return
	}
	if nonce == "" || verifier == "" {
		a.Log.WarnContext(ctx, "oidc callback: incomplete login in session")
		loginPage(w, http.StatusBadRequest, "Deze inlogpoging is ongeldig of verlopen. Begin opnieuw met inloggen.")
		return
	}

	p, err := a.OIDC.discover(ctx)
	if err != nil {
		a.Log.WarnContext(ctx, "oidc callback: provider unreachable", errAttr(err))
		w.Header().Set("Retry-After", "30")
		loginPage(w, http.StatusServiceUnavailable, "Inloggen kan nu even niet: de inlogdienst is niet bereikbaar. Probeer het over een paar minuten opnieuw.")
		return
	}
	octx, cancel := context.WithTimeout(a.OIDC.clientContext(ctx), a.OIDC.timeout)
	defer cancel()
	tok, err := p.oauth.Exchange(octx, code, oauth2.VerifierOption(verifier))
	if err != nil {
		var re *oauth2.RetrieveError
		if errors.As(err, &re) && (re.ErrorCode == "invalid_client" || re.ErrorCode == "unauthorized_client") {
			// Our fault, not the browser's: the client id or secret is wrong.
			a.Log.ErrorContext(ctx, "oidc callback: provider refused our client credentials", "error", re.ErrorCode)
			loginPage(w, http.StatusBadGateway, "Inloggen is niet gelukt: de inlogdienst kent deze toepassing niet. Meld dit aan de beheerder.")
			return
		}
		if re != nil && re.Response != nil && re.Response.StatusCode >= 400 && re.Response.StatusCode < 500 {
			// Only the status and error code: the body may echo the code.
			a.Log.InfoContext(ctx, "oidc callback: code refused", "status", re.Response.StatusCode, "error", errorCode(re.ErrorCode))
			loginPage(w, http.StatusBadRequest, "Deze inlogpoging is ongeldig of verlopen. Begin opnieuw met inloggen.")
			return
		}
		if re != nil {
			a.Log.WarnContext(ctx, "oidc callback: code exchange failed", "error", errorCode(re.ErrorCode))
		} else {
			a.Log.WarnContext(ctx, "oidc callback: code exchange failed", errAttr(err))
		}
		loginPage(w, http.StatusBadGateway, "Inloggen is niet gelukt: de inlogdienst antwoordde niet zoals verwacht. Probeer het later opnieuw.")
		return
	}
	raw, _ := tok.Extra("id_token").(string)
	if raw == "" {
		a.Log.WarnContext(ctx, "oidc callback: no id_token in token response")
		loginPage(w, http.StatusBadGateway, "Inloggen is niet gelukt: de inlogdienst antwoordde niet zoals verwacht.")
		return
	}
	idt, err := p.verifier.Verify(octx, raw)
	if err != nil {
		a.Log.WarnContext(ctx, "oidc callback: id token rejected", "kind", verifyErrorKind(err))
		loginPage(w, http.StatusBadGateway, "Inloggen is niet gelukt: de inlogdienst antwoordde niet zoals verwacht.")
		return
	}
	if subtle.ConstantTimeCompare([]byte(idt.Nonce), []byte(nonce)) != 1 {
		a.Log.WarnContext(ctx, "oidc callback: nonce mismatch")
		loginPage(w, http.StatusBadRequest, "Deze inlogpoging is ongeldig of verlopen. Begin opnieuw met inloggen.")
		return
	}
	var c idClaims
	if err := idt.Claims(&c); err != nil {
		a.Log.WarnContext(ctx, "oidc callback: unreadable claims")
		loginPage(w, http.StatusBadGateway, "Inloggen is niet gelukt: de inlogdienst antwoordde niet zoals verwacht.")
		return
	}
	u := c.user(idt.Issuer, idt.Subject)
	if err := a.Users.LoginUser(ctx, u); err != nil {
		if code := schakel.ErrorCode(err); code != schakel.EINTERNAL {
			// Bad fields from the provider, e.g. an empty subject. Only the
			// code: the fields hold personal data.
			a.Log.WarnContext(ctx, "oidc callback: user refused", "code", code)
			loginPage(w, http.StatusBadGateway, "Inloggen is niet gelukt: de inlogdienst gaf onbruikbare gegevens.")
			return
		}
		a.Log.ErrorContext(ctx, "oidc callback: login user", errAttr(err))
		loginPage(w, http.StatusInternalServerError, "Inloggen is niet gelukt door een fout aan onze kant. Probeer het later opnieuw.")
		return
	}
	if err := a.Login(ctx, u.ID); err != nil {
		a.Log.ErrorContext(ctx, "oidc callback: renew session", errAttr(err))
		loginPage(w, http.StatusInternalServerError, "Inloggen is niet gelukt door een fout aan onze kant. Probeer het later opnieuw.")
		return
	}
	a.Log.InfoContext(ctx, "oidc login", "user", u.ID)
	http.Redirect(w, r, a.AfterLogin(r, back), http.StatusSeeOther)
}

// LogoutHandler ends the session and sends the browser to the home page. The
// session at the identity provider stays.
func (a *Auth) LogoutHandler(w http.ResponseWriter, r *http.Request) {
	if err := a.Logout(r.Context()); err != nil {
		a.Log.ErrorContext(r.Context(), "logout", errAttr(err))
		loginPage(w, http.StatusInternalServerError, "Uitloggen is niet gelukt door een fout aan onze kant. Probeer het opnieuw.")
		return
	}
	w.Header().Set("Cache-Control", "no-store")
	http.Redirect(w, r, "/", http.StatusSeeOther)
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

// idClaims are the ID token claims schakel uses.
type idClaims struct {
	Name              string          `json:"name"`
	PreferredUsername string          `json:"preferred_username"`
	GivenName         string          `json:"given_name"`
	FamilyName        string          `json:"family_name"`
	Email             string          `json:"email"`
	EmailVerified     json.RawMessage `json:"email_verified"`
}

// user turns the claims into a user to log in. The e-mail address is left
// out when the provider says it is not verified (false, or "false" as some
// providers send) or it is not a plain address.
func (c *idClaims) user(issuer, subject string) *schakel.User {
	name := strings.TrimSpace(c.Name)
	if name == "" {
		name = strings.TrimSpace(c.PreferredUsername)
	}
	if name == "" {
		name = strings.TrimSpace(strings.TrimSpace(c.GivenName) + " " + strings.TrimSpace(c.FamilyName))
	}
	if name == "" {
		name = "Onbekend"
	}
	email := strings.TrimSpace(c.Email)
	if v := strings.TrimSpace(string(c.EmailVerified)); v == "false" || v == `"false"` {
		email = ""
	}
	if email != "" {
		if a, err := mail.ParseAddress(email); err != nil || a.Address != email {
			email = ""
		}
	}
	return &schakel.User{Issuer: issuer, Subject: subject, Name: truncate(name, 200), Email: email}
}

// truncate cuts s to at most n bytes without splitting a character.
func truncate(s string, n int) string {
	if len(s) <= n {
		return s
	}
	for n > 0 && !utf8.RuneStart(s[n]) {
		n--
	}
	return strings.TrimSpace(s[:n])
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
