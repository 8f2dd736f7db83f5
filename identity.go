package schakel

import (
	"context"
	"errors"
	"strings"
	"time"
)

// BrokerIdentity is who the identity broker says has just logged in: the claims
// schakel uses, read from the ID token and, where it lacks them, from the
// provider's UserInfo endpoint. Name and Email may be empty.
type BrokerIdentity struct {
	Issuer  string
	Subject string
	Name    string
	Email   string // only a verified, plain address; empty otherwise
	// ACR is the authentication context class the provider reports (the
	// level of assurance reached), empty when it sends none.
	ACR string
	// Claims holds every claim received, ID token and UserInfo merged, for
	// the provisioning and role rules. Never logged: it is personal data.
	Claims map[string]any
}

// AccountService turns a login into a user, applying the deployment's
// provisioning policy: a known user is updated (never with empty values),
// a prepared user is bound to the identity at its first login, and an
// unknown person becomes a user only where a configured rule allows it.
type AccountService interface {
	// SignIn returns the user id logs in as, with its memberships. It
	// returns EFORBIDDEN when the person is unknown and no rule admits
	// them, or when their account is switched off.
	SignIn(ctx context.Context, id BrokerIdentity) (*User, error)
}

// AssuranceLevel is how sure a login is of who the user is, ranked as the
// eIDAS levels the Dutch brokers use (DigiD and eHerkenning map onto them).
// The zero value is "unknown": the broker said nothing.
type AssuranceLevel int

// The levels, lowest first.
const (
	AssuranceUnknown     AssuranceLevel = iota
	AssuranceLow                        // eIDAS laag; DigiD basis, eHerkenning EH2
	AssuranceSubstantial                // eIDAS substantieel; DigiD midden/substantieel, eHerkenning EH3
	AssuranceHigh                       // eIDAS hoog; DigiD hoog, eHerkenning EH4
)

// Stake groups the actions by what is at stake, so that a deployment sets
// one minimum level of assurance per stake rather than per action.
type Stake string

// The stakes, from reading to deciding for an organisation or ministry.
const (
	// StakeRead is seeing work that is not public: the Postvak, cases.
	StakeRead Stake = "lezen"
	// StakeAct is doing work in one's own name: filing a signal, pulling
	// a professional's brake, bringing a case.
	StakeAct Stake = "handelen"
	// StakeDecide is answering or deciding for an organisation or a
	// ministry: a board's answer, a minister's answer, a signature.
	StakeDecide Stake = "beslissen"
	// StakeAdminister is managing who may do what: users, roles, webhooks.
	StakeAdminister Stake = "beheren"
)

// Stakes lists every stake, lowest first.
var Stakes = []Stake{StakeRead, StakeAct, StakeDecide, StakeAdminister}

// AssurancePolicy is the minimum level of assurance per stake; a stake
// that is not in it needs none.
type AssurancePolicy map[Stake]AssuranceLevel

// Assurance is what one login reached and what the deployment asks for.
// The auth package sets it on the user of each request from the session;
// it is never stored with the user.
type Assurance struct {
	Level  AssuranceLevel
	Policy AssurancePolicy
	// At is when the login happened, zero outside a login.
	At time.Time
}

// Enough reports whether the login's level meets the minimum of stake s.
func (a Assurance) Enough(s Stake) bool { return a.Level >= a.Policy[s] }

// LoginSession ties one schakel session to the login at the identity
// broker it came from, so that either side can end it.
type LoginSession struct {
	Token     string // the session token of the sessions table
	UserID    int64
	Issuer    string
	SID       string // the broker's session id; empty when it sends none
	CreatedAt time.Time
	ExpiresAt time.Time
}

// LoginSessionFilter selects the login sessions to end: a user's, or those
// of a broker's issuer with its session id, with the user's subject, or
// with both — then the session named and the subject's sessions recorded
// without a session id (as a back-channel logout names them). Zero fields
// select nothing.
type LoginSessionFilter struct {
	UserID  int64
	Issuer  string
	SID     string
	Subject string
}

// LoginSessionStore keeps which session belongs to which login.
type LoginSessionStore interface {
	// RecordLoginSession remembers a fresh login's session.
	RecordLoginSession(ctx context.Context, ls LoginSession) error
	// EndLoginSessions deletes the sessions f selects, with their login
	// rows, in one transaction, and returns how many ended. A filter that
	// selects nothing ends nothing. Issuer, SID and Subject together select
	// that broker session and the subject's sessions recorded without a
	// sid.
	EndLoginSessions(ctx context.Context, f LoginSessionFilter) (int, error)
	// LoginSessionAlive reports whether the session with token is still
	// recorded as a broker login's: false once it was ended, even if a
	// request in flight wrote the session itself back afterwards.
	LoginSessionAlive(ctx context.Context, token string) (bool, error)
}

// assuranceNames are the Dutch names of the levels, as configuration and
// pages use them; the English ones are accepted too.
var assuranceNames = map[AssuranceLevel][2]string{
	AssuranceLow:         {"laag", "low"},
	AssuranceSubstantial: {"substantieel", "substantial"},
	AssuranceHigh:        {"hoog", "high"},
}

// String returns the Dutch name of l ("laag", "substantieel", "hoog"), or
// "onbekend".
func (l AssuranceLevel) String() string {
	if n, ok := assuranceNames[l]; ok {
		return n[0]
	}
	return "onbekend"
}

// ParseAssuranceLevel reads a level by its Dutch or English name, in any
// case. It reports false for anything else.
func ParseAssuranceLevel(s string) (AssuranceLevel, bool) {
	s = strings.ToLower(strings.TrimSpace(s))
	for l, n := range assuranceNames {
		if s == n[0] || s == n[1] {
			return l, true
		}
	}
	return AssuranceUnknown, false
}

// TooLowAssurance returns the EFORBIDDEN error of an action whose stake
// needs level need while the login reached less: the pages offer to log
// in again at that level.
func TooLowAssurance(need AssuranceLevel) *Error {
	e := Errorf(EFORBIDDEN, "Hiervoor moet u inloggen met betrouwbaarheidsniveau %s of hoger.", need)
	e.NeedsAssurance = need
	return e
}

// NeededAssurance returns the level err asks the user to log in with, or
// AssuranceUnknown when err is not about the level of assurance.
func NeededAssurance(err error) AssuranceLevel {
	var e *Error
	if errors.As(err, &e) {
		return e.NeedsAssurance
	}
	return AssuranceUnknown
}
