package auth

import (
	"context"
	"encoding/json"
	"net/http"
	"net/url"
	"strings"
	"sync"
	"time"

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
// discovery succeeded or when the provider has none. It never waits: every
// page calls it, also while a discovery is in progress.
func (o *OIDC) EndSessionOrigin() string {
	if p := o.endSessionOrigin.Load(); p != nil {
		return *p
	}
	return ""
}

// originOf is the origin of an end_session_endpoint, "" when it has none
// usable.
func originOf(endSession string) string {
	u, err := url.Parse(endSession)
	if endSession == "" || err != nil || u.Host == "" || (u.Scheme != "https" && u.Scheme != "http") {
		return ""
	}
	return u.Scheme + "://" + u.Host
}

// logoutClaims are the claims of a logout token schakel checks.
type logoutClaims struct {
	tokenTimes
	SID    string                     `json:"sid"`
	JTI    string                     `json:"jti"`
	Events map[string]json.RawMessage `json:"events"`
	Nonce  *json.RawMessage           `json:"nonce"`
}

// BackchannelLogout ends the sessions a provider's logout token names
// (OpenID Connect Back-Channel Logout 1.0): POST with logout_token, a JWT
// signed by the provider for this client, with iat (within the clock skew,
// and no older than MaxLogoutTokenAge plus the skew), the back-channel
// logout event, no nonce, a jti not seen before in that window, and sid
// and/or sub. The sessions of that broker session (with sub also the
// subject's sessions recorded without one), or else of that user, end at
// once. It answers
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
	if kind, ok := a.OIDC.checkFresh(c); !ok {
		refuse(kind)
		return
	}
	f := schakelFilter(tok.Issuer, c.SID, tok.Subject)
	n, err := a.LoginSessions.EndLoginSessions(ctx, f)
	if err != nil {
		// Not done: the provider may send the same token again.
		a.OIDC.seen.forget(c.JTI)
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

// MaxLogoutTokenAge is how old (by its iat, plus the clock skew) a logout
// token may be. A provider sends it the moment the person logs out there;
// an older one is a captured token played again (section 2.6 allows
// refusing it), and within the window its jti is remembered.
const MaxLogoutTokenAge = 5 * time.Minute

// maxSeenJTIs bounds the jtis remembered: only the provider can sign
// logout tokens, so a full memory means a misbehaving provider, and the
// oldest is forgotten first.
const maxSeenJTIs = 10000

// checkFresh refuses a logout token issued longer ago than
// MaxLogoutTokenAge plus the clock skew, and one whose jti was seen in
// that window. It remembers the jti of a token it lets through.
func (o *OIDC) checkFresh(c logoutClaims) (string, bool) {
	now, window := o.now(), MaxLogoutTokenAge+o.skew()
	iat := time.Unix(0, int64(*c.Iat*float64(time.Second))) // checkTimes made sure there is one
	if iat.Before(now.Add(-window)) {
		return "iat too old", false
	}
	if c.JTI != "" && !o.seen.add(c.JTI, now, now.Add(-window)) {
		return "jti seen before", false
	}
	return "", true
}

// jtiMemory remembers the jtis of accepted logout tokens, with when they
// came, for as long as a token may be played again.
type jtiMemory struct {
	mu sync.Mutex
	at map[string]time.Time
}

// add remembers jti at now, forgetting those seen before since first. It
// reports false when jti is remembered already.
func (m *jtiMemory) add(jti string, now, since time.Time) bool {
	m.mu.Lock()
	defer m.mu.Unlock()
	if t, ok := m.at[jti]; ok && !t.Before(since) {
		return false
	}
	if m.at == nil {
		m.at = map[string]time.Time{}
	}
	if len(m.at) >= maxSeenJTIs {
		oldest, first := "", now
		for k, t := range m.at {
			if t.Before(since) {
				delete(m.at, k)
			} else if !t.After(first) {
				oldest, first = k, t
			}
		}
		if len(m.at) >= maxSeenJTIs {
			delete(m.at, oldest)
		}
	}
	m.at[jti] = now
	return true
}

// forget drops jti, so that the same token is accepted again.
func (m *jtiMemory) forget(jti string) {
	m.mu.Lock()
	defer m.mu.Unlock()
	delete(m.at, jti)
}

// schakelFilter selects the sessions a logout token names: its broker
// session when it names one — with the subject too, also that subject's
// sessions recorded without a sid, which no sid can name — else every
// session of the subject.
func schakelFilter(issuer, sid, subject string) schakel.LoginSessionFilter {
	if sid != "" {
		return schakel.LoginSessionFilter{Issuer: issuer, SID: sid, Subject: subject}
	}
	return schakel.LoginSessionFilter{Issuer: issuer, Subject: subject}
}
