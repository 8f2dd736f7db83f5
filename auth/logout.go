package auth

import (
	"context"
	"encoding/json"
	"net/http"
	"net/url"
	"strings"

	"github.com/schakel-nl/schakel"
)

// backchannelEvent is the event a logout token must carry (OpenID Connect
// Back-Channel Logout 1.0, section 2.4).
const backchannelEvent = "http://schemas.openid.net/event/backchannel-logout"

// LogoutHandler ends the session here and, after a broker login, at the
// provider too (RP-initiated logout): the browser goes to the provider's
// end_session_endpoint with the ID token as hint and comes back to the
// home page. Otherwise it goes straight to the home page. Without the
// second step the next person at a shared computer would be logged in as
// the previous one without a password.
func (a *Auth) LogoutHandler(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	hint := a.Sessions.GetString(ctx, sessionIDToken)
	if err := a.Logout(ctx); err != nil {
		a.Log.ErrorContext(ctx, "logout", errAttr(err))
		a.problem(w, r, http.StatusInternalServerError, MsgLogoutFault)
		return
	}
	w.Header().Set("Cache-Control", "no-store")
	http.Redirect(w, r, a.endSessionURL(ctx, hint), http.StatusSeeOther)
}

// endSessionURL is where the browser goes after logging out here: the
// provider's end_session_endpoint when the login came from it and it has
// one, the home page otherwise.
func (a *Auth) endSessionURL(ctx context.Context, hint string) string {
	if a.OIDC == nil || hint == "" {
		return "/"
	}
	p, err := a.OIDC.discover(ctx)
	if err != nil || p.endSession == "" {
		if err != nil {
			a.Log.WarnContext(ctx, "logout: provider unreachable; logged out here only", errAttr(err))
		}
		return "/"
	}
	u, err := url.Parse(p.endSession)
	if err != nil {
		a.Log.WarnContext(ctx, "logout: unusable end_session_endpoint; logged out here only")
		return "/"
	}
	q := u.Query()
	q.Set("id_token_hint", hint)
	q.Set("client_id", a.OIDC.clientID)
	q.Set("post_logout_redirect_uri", a.OIDC.postLogoutURL())
	u.RawQuery = q.Encode()
	return u.String()
}

// postLogoutURL is where the provider sends the browser back after
// logging out: the site's root.
func (o *OIDC) postLogoutURL() string {
	if o.opts.PostLogoutURL != "" {
		return o.opts.PostLogoutURL
	}
	if u, err := url.Parse(o.redirectURL); err == nil {
		return u.Scheme + "://" + u.Host + "/"
	}
	return "/"
}

// EndSessionOrigin is the origin (scheme://host) of the provider's
// end_session_endpoint, which the Content-Security-Policy's form-action
// must allow: the logout form's redirect goes there. It is "" until
// discovery succeeded or when the provider has none.
func (o *OIDC) EndSessionOrigin() string {
	select {
	case o.lock <- struct{}{}:
	default:
		return "" // discovery in progress; the next page has it
	}
	defer func() { <-o.lock }()
	if o.p == nil || o.p.endSession == "" {
		return ""
	}
	u, err := url.Parse(o.p.endSession)
	if err != nil || u.Host == "" || (u.Scheme != "https" && u.Scheme != "http") {
		return ""
	}
	return u.Scheme + "://" + u.Host
}

// logoutClaims are the claims of a logout token schakel checks.
type logoutClaims struct {
	tokenTimes
	SID    string                     `json:"sid"`
	Events map[string]json.RawMessage `json:"events"`
	Nonce  *json.RawMessage           `json:"nonce"`
}

// BackchannelLogout ends the sessions a provider's logout token names
// (OpenID Connect Back-Channel Logout 1.0): POST with logout_token, a JWT
// signed by the provider for this client, with iat (within the clock skew),
// the back-channel logout event, no nonce, and sid and/or sub. The sessions
// of that broker session, or else of that user, end at once. It answers
// 200, or 400 with an OAuth error for a token it does not accept, 501
// without a provider and 503 while the provider is unreachable.
func (a *Auth) BackchannelLogout(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	w.Header().Set("Cache-Control", "no-store")
	if a.OIDC == nil || a.LoginSessions == nil {
		http.Error(w, "not configured", http.StatusNotImplemented)
		return
	}
	refuse := func(kind string) {
		a.Log.WarnContext(ctx, "backchannel logout refused", "kind", kind)
		w.Header().Set("Content-Type", "application/json")
		w.WriteHeader(http.StatusBadRequest)
		w.Write([]byte(`{"error":"invalid_request"}` + "\n"))
	}
	raw := r.PostFormValue("logout_token")
	if raw == "" {
		refuse("no logout_token")
		return
	}
	p, err := a.OIDC.discover(ctx)
	if err != nil {
		a.Log.WarnContext(ctx, "backchannel logout: provider unreachable", errAttr(err))
		http.Error(w, "provider unreachable", http.StatusServiceUnavailable)
		return
	}
	tok, err := p.verifier.Verify(a.OIDC.clientContext(ctx), raw)
	if err != nil {
		refuse(verifyErrorKind(err))
		return
	}
	var c logoutClaims
	if err := tok.Claims(&c); err != nil {
		refuse("unreadable claims")
		return
	}
	if kind, ok := a.OIDC.checkTimes(c.tokenTimes, false); !ok {
		refuse(kind)
		return
	}
	if kind, ok := c.check(tok.Subject); !ok {
		refuse(kind)
		return
	}
	f := schakelFilter(tok.Issuer, c.SID, tok.Subject)
	n, err := a.LoginSessions.EndLoginSessions(ctx, f)
	if err != nil {
		a.Log.ErrorContext(ctx, "backchannel logout: end sessions", errAttr(err))
		http.Error(w, "internal error", http.StatusInternalServerError)
		return
	}
	a.Log.InfoContext(ctx, "backchannel logout", "sessions", n, "by_sid", c.SID != "")
	w.WriteHeader(http.StatusOK)
}

// check checks what makes a JWT a logout token rather than an ID token.
func (c *logoutClaims) check(subject string) (string, bool) {
	if _, ok := c.Events[backchannelEvent]; !ok {
		return "no backchannel-logout event", false
	}
	if c.Nonce != nil {
		return "nonce present", false
	}
	if c.SID == "" && strings.TrimSpace(subject) == "" {
		return "neither sid nor sub", false
	}
	return "", true
}

// schakelFilter selects the sessions a logout token names: its broker
// session when it names one, else every session of the subject.
func schakelFilter(issuer, sid, subject string) schakel.LoginSessionFilter {
	if sid != "" {
		return schakel.LoginSessionFilter{Issuer: issuer, SID: sid}
	}
	return schakel.LoginSessionFilter{Issuer: issuer, Subject: subject}
}
