// Package auth logs people in and out: OIDC through the identity broker
// (DigiD/eHerkenning/government SSO are brokered that way), a demo login
// only in demo mode, sessions kept in the database, and the current user in
// the request context.
package auth

import (
	"context"
	"fmt"
	"log/slog"
	"net/http"
	"strconv"
	"time"

	"github.com/alexedwards/scs/v2"

	"github.com/schakel-nl/schakel"
)

// sessionUserKey is the session key that holds the logged-in user's id.
const sessionUserKey = "userID"

// DemoIssuer is the issuer of demo users; only they can use the demo login.
const DemoIssuer = "demo"

// Auth holds what logging in needs.
type Auth struct {
	Sessions *scs.SessionManager
	Users    schakel.UserStore
	Log      *slog.Logger
	// OIDC is nil when no identity provider is configured.
	OIDC *OIDC
	// Demo enables the demo login.
	Demo bool
	// IdleTimeout ends a session after this long without use; 0 means
	// never. It is kept here rather than in scs, whose idle timeout rewrites
	// the session row on every request: that would make every page view a
	// durable write. This one writes at most once a minute per session.
	IdleTimeout time.Duration
	// Quiet reports requests that must leave the session untouched, so
	// that no session records when its user pulled an anonymous brake;
	// nil means none.
	Quiet func(*http.Request) bool
	// Clock tells the time for the idle timeout; nil means the system clock.
	Clock schakel.Clock
	// Drafts keeps a form's input through an expired session (see
	// KeepDraft); nil keeps none.
	Drafts schakel.DraftStore
	// Accounts decides who a broker login is (provisioning); nil refuses
	// every broker login.
	Accounts schakel.AccountService
	// LoginSessions records which broker login each session came from, so
	// a back-channel logout or a switch-off ends it; nil records none.
	LoginSessions schakel.LoginSessionStore
	// Policy is the minimum level of assurance per stake, set on every
	// request's user with the level its login reached.
	Policy schakel.AssurancePolicy
	// Problem, when set, answers a failed login or logout with the site's
	// own page (styled, translated); msg is one of ProblemMessages. Nil
	// answers a plain Dutch page.
	Problem func(w http.ResponseWriter, r *http.Request, status int, msg string)
	// Fail, when set, answers a request that cannot go on because its
	// session's user cannot be read (err is EUNAVAILABLE): problem+json
	// for the API, the site's error page otherwise. Nil: plain text.
	Fail func(w http.ResponseWriter, r *http.Request, err error)
}

func (a *Auth) now() time.Time {
	if a.Clock != nil {
		return a.Clock.Now()
	}
	return time.Now()
}

// sessionSeenKey holds when the session was last used (Unix seconds), to
// the minute.
const sessionSeenKey = "seen"

// Session keys of the login itself: the level of assurance it reached,
// when (Unix seconds), and the broker's ID token, the hint for logging out
// there.
const (
	sessionLevelKey = "login.level"
	sessionAtKey    = "login.at"
	sessionIDToken  = "oidc.idtoken"
)

// sessionBrokerKey marks a session whose broker login is recorded in
// LoginSessions (1): LoadUser ends it once that record is gone.
const sessionBrokerKey = "login.broker"

type ctxKey struct{}

// WithUser returns a context carrying u.
func WithUser(ctx context.Context, u *schakel.User) context.Context {
	return context.WithValue(ctx, ctxKey{}, u)
}

// UserFrom returns the logged-in user of a request context, or nil.
func UserFrom(ctx context.Context) *schakel.User {
	u, _ := ctx.Value(ctxKey{}).(*schakel.User)
	return u
}

// LoadUser puts the session's user, if any, into the request context, with
// the level of assurance of its login and the deployment's policy. A
// session whose user no longer exists or is switched off is ended, and so
// is a broker login's session whose login was ended (see loginEnded).
func (a *Auth) LoadUser(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		id := a.Sessions.GetInt64(r.Context(), sessionUserKey)
		if id == 0 {
			next.ServeHTTP(w, r)
			return
		}
		if a.IdleTimeout > 0 {
			now := a.now()
			seen := time.Unix(a.Sessions.GetInt64(r.Context(), sessionSeenKey), 0)
			switch {
			case now.Sub(seen) > a.IdleTimeout:
				a.Sessions.Destroy(r.Context())
				next.ServeHTTP(w, r)
				return
			case now.Sub(seen) > time.Minute && (a.Quiet == nil || !a.Quiet(r)):
				a.Sessions.Put(r.Context(), sessionSeenKey, now.Unix())
			}
		}
		switch ended, err := a.loginEnded(r.Context()); {
		case err != nil:
			a.sessionUnreadable(w, r, "check login session", err)
			return
		case ended:
			a.Log.InfoContext(r.Context(), "session of an ended broker login ended")
			a.Sessions.Destroy(r.Context())
			next.ServeHTTP(w, r)
			return
		}
		u, err := a.Users.User(r.Context(), id)
		switch {
		case schakel.ErrorCode(err) == schakel.ENOTFOUND:
			a.Sessions.Destroy(r.Context())
		case err != nil:
			a.sessionUnreadable(w, r, "load session user", err)
			return
		case u.DisabledAt != nil:
			// Switched off: the session ends here even if ending it at the
			// switch-off failed or missed it.
			a.Log.InfoContext(r.Context(), "session of a switched-off user ended", "user", u.ID)
			a.Sessions.Destroy(r.Context())
		default:
			u.Assurance = schakel.Assurance{
				Level:  schakel.AssuranceLevel(a.Sessions.GetInt64(r.Context(), sessionLevelKey)),
				Policy: a.Policy,
				At:     time.Unix(a.Sessions.GetInt64(r.Context(), sessionAtKey), 0),
			}
			r = r.WithContext(WithUser(r.Context(), u))
		}
		next.ServeHTTP(w, r)
	})
}

// MsgSessionUnreadable is the answer when a logged-in session's user
// cannot be read, in practice because the database is down.
const MsgSessionUnreadable = "schakel kan uw sessie nu niet lezen. Probeer het later opnieuw."

// sessionRetryAfter is how long a client is asked to wait when the
// session's user cannot be read.
const sessionRetryAfter = 30 * time.Second

// sessionUnreadable answers a request whose session names a user that
// cannot be read. Going on without the user would answer a logged-in
// person "not logged in" (401) or show them the anonymous page while the
// database is down (found by the PostgreSQL restart trial), so the request
// ends here: 503 with Retry-After, through Fail when it is set.
func (a *Auth) sessionUnreadable(w http.ResponseWriter, r *http.Request, what string, err error) {
	a.Log.ErrorContext(r.Context(), what, slog.Any("err", err))
	if schakel.ErrorCode(err) != schakel.EUNAVAILABLE {
		err = fmt.Errorf("%w: %w", &schakel.Error{Code: schakel.EUNAVAILABLE, RetryAfter: sessionRetryAfter, Message: MsgSessionUnreadable}, err)
	}
	if a.Fail != nil {
		a.Fail(w, r, err)
		return
	}
	w.Header().Set("Retry-After", strconv.Itoa(int(sessionRetryAfter/time.Second)))
	http.Error(w, MsgSessionUnreadable, http.StatusServiceUnavailable)
}

// loginEnded reports whether the session came from a broker login that
// has been ended since, by a back-channel logout or a switch-off. Ending
// it deletes the session row, but a request in flight at that moment
// writes its session back when it finishes (a session commit is an
// upsert), and that row would log the person in again; the login record
// is not written back, so its absence is what counts. One lookup by
// primary key, for broker logins only.
func (a *Auth) loginEnded(ctx context.Context) (bool, error) {
	if a.LoginSessions == nil || a.Sessions.GetInt64(ctx, sessionBrokerKey) != 1 {
		return false, nil
	}
	alive, err := a.LoginSessions.LoginSessionAlive(ctx, a.Sessions.Token(ctx))
	return !alive && err == nil, err
}

// Login makes userID the session's user under a fresh session token, so a
// token planted before login is worthless after it. It is the login schakel
// vouches for itself (the demo login, tests), so it counts as the highest
// level of assurance; broker logins get the level their acr says.
func (a *Auth) Login(ctx context.Context, userID int64) error {
	return a.login(ctx, userID, schakel.AssuranceHigh)
}

func (a *Auth) login(ctx context.Context, userID int64, level schakel.AssuranceLevel) error {
	if err := a.Sessions.RenewToken(ctx); err != nil {
		return err
	}
	// What a broker login before this one in the same session left is no
	// longer this login's: its record names the old token.
	a.Sessions.Remove(ctx, sessionBrokerKey)
	a.Sessions.Remove(ctx, sessionIDToken)
	now := a.now().Unix()
	a.Sessions.Put(ctx, sessionUserKey, userID)
	a.Sessions.Put(ctx, sessionSeenKey, now)
	a.Sessions.Put(ctx, sessionLevelKey, int64(level))
	a.Sessions.Put(ctx, sessionAtKey, now)
	return nil
}

// Logout ends the session.
func (a *Auth) Logout(ctx context.Context) error {
	return a.Sessions.Destroy(ctx)
}
