package schakel

import (
	"context"
	"strings"
	"time"
)

// IssuerPreparedByEmail is the issuer of a user an administrator prepared
// by e-mail address: its subject is the address in lower case until the
// first login with that verified address binds the user to the broker's
// issuer and subject. No issuer URL can take this value, so the pair stays
// unique in the users table without a second kind of row.
const IssuerPreparedByEmail = "voorbereid-op-e-mail"

// PreparedEmailSubject is the subject of a user prepared by e-mail: the
// address in lower case, so a verified address matches whatever its case.
func PreparedEmailSubject(email string) string { return strings.ToLower(strings.TrimSpace(email)) }

// UserEventKind is what happened to an account, in the account's history.
type UserEventKind string

// The kinds of account history, with their Dutch API values.
const (
	UserPrepared  UserEventKind = "voorbereid"      // an administrator announced the user
	UserCreated   UserEventKind = "aangemaakt"      // a provisioning rule admitted the user at its first login
	UserBound     UserEventKind = "gekoppeld"       // the first login bound a prepared user to the broker's identity
	UserMoved     UserEventKind = "verhuisd"        // the login came from a former issuer and moved to the current one
	UserDisabled  UserEventKind = "uitgeschakeld"   // switched off: no login, sessions ended
	UserEnabled   UserEventKind = "ingeschakeld"    // switched on again
	UserRoleGiven UserEventKind = "rol-gegeven"     // a role was given
	UserRoleTaken UserEventKind = "rol-ingetrokken" // a role was taken away
	// UserOperatorGiven and UserOperatorTaken: the user became, or stopped
	// being, an operator of the installation.
	UserOperatorGiven UserEventKind = "operator-gegeven"
	UserOperatorTaken UserEventKind = "operator-ingetrokken"
)

// UserEventKinds lists every UserEventKind, for the API document's enum.
var UserEventKinds = []UserEventKind{UserPrepared, UserCreated, UserBound, UserMoved, UserDisabled, UserEnabled,
	UserRoleGiven, UserRoleTaken, UserOperatorGiven, UserOperatorTaken}

// Via is by which way a change to an account came: the why of its history.
type Via string

// The ways, with their Dutch API values.
const (
	ViaPage       Via = "pagina"        // an administrator on the administration pages
	ViaAPI        Via = "api"           // an administrator through the API
	ViaCommand    Via = "opdracht"      // the operator with the schakel user command
	ViaAccessRule Via = "toegangsregel" // a [[toegang]] rule of the provisioning rules
	ViaClaimRule  Via = "claimregel"    // a [[rol]] rule of the provisioning rules
	ViaLogin      Via = "inlog"         // the login itself (binding, moving)
)

// Change says who makes a change to an account and by which way, for its
// history. ByUserID is 0 when no user did (a rule, the command).
type Change struct {
	ByUserID int64
	Via      Via
	Reason   string // optional words of the administrator; no personal data
}

// UserEvent is one line of an account's history.
type UserEvent struct {
	ID     int64
	UserID int64
	Kind   UserEventKind
	// OrganisationID and Role are set for role events.
	OrganisationID int64
	Role           Role
	Change
	At time.Time
}

// AccountStore keeps accounts through their life: prepared, bound at the
// first login, switched off and on, and their roles, each change with a
// line of history written in the same transaction.
type AccountStore interface {
	// UserByLogin returns the user with issuer and subject, with its
	// memberships. Returns ENOTFOUND if there is none.
	UserByLogin(ctx context.Context, issuer, subject string) (*User, error)
	// PrepareUser creates u before its first login with its first role m
	// (whose UserID it sets). Returns EINVALID naming bad fields and
	// ECONFLICT when the issuer and subject (or the e-mail prepared) are
	// taken; nothing is written then.
	PrepareUser(ctx context.Context, u *User, m Membership, c Change) error
	// CreateAccount creates u at its first login with the roles ms, as a
	// provisioning rule admits it. Returns ECONFLICT when the issuer and
	// subject are taken.
	CreateAccount(ctx context.Context, u *User, ms []Membership, c Change) error
	// RecordLogin notes a login of user id as identity: issuer and subject
	// become the identity's (binding a prepared user, moving a former
	// issuer's), name and e-mail only where the identity has them. kind is
	// UserBound or UserMoved to record that in the history, "" otherwise.
	// Returns ECONFLICT when the identity belongs to another user.
	RecordLogin(ctx context.Context, id int64, identity BrokerIdentity, kind UserEventKind) (*User, error)
	// SetUserDisabled switches user id off (off true) or on. Returns
	// ENOTFOUND for an unknown user and ECONFLICT when it is so already.
	SetUserDisabled(ctx context.Context, id int64, off bool, c Change) (*User, error)
	// ChangeRoles gives the roles grant and takes the roles revoke of user
	// id in one transaction. Returns EINVALID for unknown organisations or
	// teams, ECONFLICT when a person gives a role a person gave already and
	// ENOTFOUND when a person takes one not held; nothing is written then.
	// A rule's grant or revoke with nothing to do is done, and a person's
	// grant of a role a rule gave makes it the person's.
	ChangeRoles(ctx context.Context, id int64, grant, revoke []Membership, c Change) (*User, error)
	// UserEvents returns the history of user id, oldest first.
	UserEvents(ctx context.Context, id int64) ([]UserEvent, error)
	// SetUserOperator makes user id an operator of the installation (on
	// true) or no longer one, with a line of history. Returns ENOTFOUND
	// for an unknown user and ECONFLICT when it is so already.
	SetUserOperator(ctx context.Context, id int64, on bool, c Change) (*User, error)
}
