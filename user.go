package schakel

import (
	"context"
	"net/mail"
	"time"
)

// Role is what a user does in one organisation. Citizens and the public have
// no account and so no role.
type Role string

// The roles of PRODUCT.md, with their Dutch API values.
const (
	RoleProfessional Role = "professional"
	RoleCoordinator  Role = "coordinator"
	RoleBoard        Role = "bestuur"
	RolePolicy       Role = "beleid"
	RoleMinister     Role = "bewindspersoon"
	RoleParliament   Role = "parlement"
	RoleAdmin        Role = "beheerder"
	// RoleCounsel is the confidential counsel (vertrouwenspersoon): the one
	// role that may see who pulled a protected brake.
	RoleCounsel Role = "vertrouwenspersoon"
	// RoleSecretaryGeneral is a ministry's secretary-general, who signs
	// for the execution of a proposal (tekenverplichting, report §5.3).
	RoleSecretaryGeneral Role = "secretaris-generaal"
)

// Roles lists every role in display order.
var Roles = []Role{RoleProfessional, RoleCoordinator, RoleBoard, RolePolicy, RoleMinister, RoleParliament, RoleAdmin, RoleCounsel, RoleSecretaryGeneral}

// Valid reports whether r is one of Roles.
func (r Role) Valid() bool {
	for _, v := range Roles {
		if v == r {
			return true
		}
	}
	return false
}

// User is a person with an account, known by the subject of an OIDC
// identity provider.
type User struct {
	ID        int64
	Issuer    string // OIDC issuer URL; "demo" for demo users
	Subject   string // OIDC subject, unique per issuer
	Name      string
	Email     string // may be empty
	CreatedAt time.Time
	// DisabledAt is when an administrator switched the account off; nil
	// while it is on. A switched-off user cannot log in and has no sessions.
	DisabledAt *time.Time
	// LastLoginAt is when the user last logged in; nil for a prepared user
	// that has not logged in yet.
	LastLoginAt *time.Time
	// Operator is set for the installation's operators: they create
	// organisations and retire or reinstate the national principles, work
	// for the whole installation that no organisation's administrator may
	// do. It is no role in an organisation, so it is a flag of the user,
	// given with `schakel user operator` or by another operator.
	Operator bool
	// Memberships are filled by the store when reading a user.
	Memberships []Membership
	// Assurance is the level the current login reached; set per request by
	// the auth package, never stored.
	Assurance Assurance
}

// Validate checks the fields of u that need no database.
func (u *User) Validate() error {
	var v Validation
	v.Required("issuer", u.Issuer)
	v.Required("subject", u.Subject)
	if v.Required("naam", u.Name) && len(u.Name) > 200 {
		v.Add("naam", "too_long", "Gebruik hoogstens %d tekens.", 200)
	}
	if u.Email != "" {
		if a, err := mail.ParseAddress(u.Email); err != nil || a.Address != u.Email {
			v.Add("email", "format", "Geef een geldig e-mailadres, zoals naam@organisatie.nl.")
		}
	}
	return v.Err()
}

// Membership gives a user a role in an organisation, optionally in a team.
type Membership struct {
	UserID         int64
	OrganisationID int64
	TeamID         int64 // 0 when the role is not tied to a team
	Role           Role
	// ByRule is set when a provisioning rule gave the role ([[toegang]] or
	// [[rol]]): only such roles are taken away again when the rule no
	// longer holds at a login.
	ByRule bool
}

// Validate checks the fields of m that need no database.
func (m *Membership) Validate() error {
	var v Validation
	if m.UserID <= 0 {
		v.Add("gebruikerId", "required", "Dit veld is verplicht.")
	}
	if m.OrganisationID <= 0 {
		v.Add("organisatieId", "required", "Dit veld is verplicht.")
	}
	if !m.Role.Valid() {
		v.Add("rol", "enum", "Kies een bestaande rol.")
	}
	return v.Err()
}

// HasRole reports whether u has role r in organisation orgID.
func (u *User) HasRole(orgID int64, r Role) bool {
	for _, m := range u.Memberships {
		if m.OrganisationID == orgID && m.Role == r {
			return true
		}
	}
	return false
}

// UserFilter selects users. Zero fields select all.
type UserFilter struct {
	OrganisationID int64
	Issuer         string
	Offset         int
	Limit          int
}

// UserStore manages users and their memberships.
type UserStore interface {
	// LoginUser finds the user with u's issuer and subject, updating name and
	// e-mail from the identity provider, or creates it; it sets u's ID,
	// CreatedAt and Memberships. Returns EINVALID for bad fields.
	LoginUser(ctx context.Context, u *User) error
	// User returns the user with the given id and its memberships. Returns
	// ENOTFOUND if there is none.
	User(ctx context.Context, id int64) (*User, error)
	// Users returns the users matching f ordered by name, with their
	// memberships, and the total number matching f.
	Users(ctx context.Context, f UserFilter) ([]*User, int, error)
	// AddMembership gives a user a role. Returns EINVALID for unknown users,
	// organisations or teams (or a team of another organisation) and
	// ECONFLICT if the user has the role there already.
	AddMembership(ctx context.Context, m Membership) error
	// RemoveMembership takes a role away. Returns ENOTFOUND if the user did
	// not have it.
	RemoveMembership(ctx context.Context, m Membership) error
}

// Prepared reports whether u was announced and has not logged in yet.
func (u *User) Prepared() bool { return u.LastLoginAt == nil }
