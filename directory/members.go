package directory

import (
	"context"
	"slices"
	"strconv"
	"strings"

	"github.com/schakel-nl/schakel"
	"github.com/schakel-nl/schakel/authz"
)

// The administration of an organisation's people: its teams, its users and
// the roles they hold. An organisation's own administrators do this
// (authz.ManageMembers). Operators create organisations for any
// organisation (authz.ManageOrganisations), and so that a new organisation
// is not left without anyone to run it, they may announce a new user as its
// first administrator — and nothing more: they give no role to an existing
// user (themselves among them) and no other role, so an administrator of
// one organisation cannot make itself minister of another. authz does not
// tell operators from other administrators (any administrator may create
// organisations), so this first appointment is allowed only where nobody
// holds any role yet: an organisation just created. An existing
// organisation that happens to have no administrator (its people were
// loaded by the seed, say) is not open to every administrator — otherwise
// anyone could announce a second login of their own there as administrator
// and then give it any role, a confidant's among them.

// maxMembers is the most users one organisation's pages read at once (the store's largest page).
const maxMembers = 500

// MayAdminister reports whether u administers some organisation: it sees
// the administration pages.
func MayAdminister(u *schakel.User) bool {
	return authz.Can(u, authz.ManageMembers, 0) == nil
}

// Administered returns the ids of the organisations whose people u
// manages.
func Administered(u *schakel.User) []int64 {
	return authz.Organisations(u, authz.ManageMembers)
}

// MayManageMembers reports whether u manages the teams, users and roles of
// organisation orgID.
func MayManageMembers(u *schakel.User, orgID int64) bool {
	return authz.Can(u, authz.ManageMembers, orgID) == nil
}

// manageOrganisation returns the organisation with code once u may manage
// its people. Someone who manages none hears so before whether the
// organisation exists.
func (s *Service) manageOrganisation(ctx context.Context, u *schakel.User, code string) (*schakel.Organisation, error) {
	if err := authz.Can(u, authz.ManageMembers, 0); err != nil {
		return nil, err
	}
	o, err := s.store.OrganisationByCode(ctx, code)
	if err != nil {
		return nil, err
	}
	if err := authz.Can(u, authz.ManageMembers, o.ID); err != nil {
		return nil, err
	}
	return o, nil
}

// CreateTeam adds a team to the organisation with code orgCode, for its
// administrators. Returns EUNAUTHORIZED, EFORBIDDEN or ENOTFOUND before the
// input is read, EINVALID naming every invalid field.
func (s *Service) CreateTeam(ctx context.Context, u *schakel.User, orgCode, name string, problems []schakel.FieldError) (*schakel.Team, error) {
	o, err := s.manageOrganisation(ctx, u, orgCode)
	if err != nil {
		return nil, err
	}
	var v schakel.Validation
	v.Given(problems)
	t := &schakel.Team{OrganisationID: o.ID, Name: strings.TrimSpace(name)}
	if err := v.Merge("", t.Validate()); err != nil {
		return nil, err
	}
	if err := v.Err(); err != nil {
		return nil, err
	}
	if err := s.store.CreateTeam(ctx, t); err != nil {
		return nil, err
	}
	return t, nil
}

// Members returns the users who hold a role in organisation orgID, for
// its administrators.
func (s *Service) Members(ctx context.Context, u *schakel.User, orgID int64) ([]*schakel.User, error) {
	if err := authz.Can(u, authz.ManageMembers, orgID); err != nil {
		return nil, err
	}
	us, _, err := s.store.Users(ctx, schakel.UserFilter{OrganisationID: orgID, Limit: maxMembers})
	return us, err
}

// AdministeredUsers returns the users who hold a role in any organisation
// u administers, each once, ordered by name.
func (s *Service) AdministeredUsers(ctx context.Context, u *schakel.User) ([]*schakel.User, error) {
	if err := authz.Can(u, authz.ManageMembers, 0); err != nil {
		return nil, err
	}
	seen := map[int64]bool{}
	var out []*schakel.User
	for _, org := range Administered(u) {
		us, _, err := s.store.Users(ctx, schakel.UserFilter{OrganisationID: org, Limit: maxMembers})
		if err != nil {
			return nil, err
		}
		for _, x := range us {
			if !seen[x.ID] {
				seen[x.ID] = true
				out = append(out, x)
			}
		}
	}
	slices.SortStableFunc(out, func(a, b *schakel.User) int { return strings.Compare(a.Name, b.Name) })
	return out, nil
}

// Member returns user id for an administrator of one of its organisations
// (or of any organisation, while the user holds no role at all). Others
// hear ENOTFOUND, as if there were no such user: who has an account is
// not theirs to learn.
func (s *Service) Member(ctx context.Context, u *schakel.User, id int64) (*schakel.User, error) {
	if err := authz.Can(u, authz.ManageMembers, 0); err != nil {
		return nil, err
	}
	x, err := s.store.User(ctx, id)
	if err != nil {
		return nil, err
	}
	if len(x.Memberships) == 0 {
		return x, nil
	}
	for _, m := range x.Memberships {
		if MayManageMembers(u, m.OrganisationID) {
			return x, nil
		}
	}
	return nil, schakel.Errorf(schakel.ENOTFOUND, "Deze gebruiker bestaat niet.")
}

// RoleInput is a role an administrator gives: in an organisation (its
// code), optionally in one of its teams (the team's id as text, "" for
// none).
type RoleInput struct {
	Organisation string
	Role         schakel.Role
	Team         string
	// Via and Reason go into the user's history: the way the change came
	// (page, API, command) and the administrator's optional words.
	Via    schakel.Via
	Reason string
	// Problems are what the transport found wrong while decoding the input.
	Problems []schakel.FieldError
}

// UserInput is a user an administrator announces before its first login,
// with its first role: by the identity provider's issuer and the subject it
// will log in with, or — subject left empty — by e-mail address alone, to
// be bound at the first login with that verified address. The name may be
// left empty: the broker's takes its place at the first login.
type UserInput struct {
	Issuer, Subject, Name, Email string
	RoleInput
}

// mayGrant returns nil when u may give or take role in o: its own
// administrators, and, when first is set (a new user is announced), an
// operator appointing the first administrator of an organisation nobody
// works at yet — no user holds any role in it. Having no administrator is
// not enough: see the comment at the top of this file.
func (s *Service) mayGrant(ctx context.Context, u *schakel.User, o *schakel.Organisation, role schakel.Role, first bool) error {
	err := authz.Can(u, authz.ManageMembers, o.ID)
	if err == nil || !first || role != schakel.RoleAdmin || authz.Can(u, authz.ManageOrganisations, o.ID) != nil {
		return err
	}
	_, members, uErr := s.store.Users(ctx, schakel.UserFilter{OrganisationID: o.ID, Limit: 1})
	if uErr != nil {
		return uErr
	}
	if members > 0 {
		return err
	}
	return nil
}

// checkRole checks in, naming every invalid field, and returns the
// membership it gives (without the user). It returns a non-validation
// error when u may not give the role in the organisation.
func (s *Service) checkRole(ctx context.Context, u *schakel.User, in RoleInput, first bool, v *schakel.Validation) (schakel.Membership, error) {
	m := schakel.Membership{Role: in.Role}
	if !v.Names("rol") && !in.Role.Valid() {
		v.Add("rol", "enum", "Kies een bestaande rol.")
	}
	var o *schakel.Organisation
	if !v.Names("organisatie") && v.Required("organisatie", in.Organisation) {
		var err error
		o, err = s.store.OrganisationByCode(ctx, in.Organisation)
		switch {
		case schakel.ErrorCode(err) == schakel.ENOTFOUND:
			v.Add("organisatie", "unknown", "Organisatie %q bestaat niet.", in.Organisation)
		case err != nil:
			return m, err
		default:
			m.OrganisationID = o.ID
		}
	}
	if o != nil && in.Role.Valid() {
		if err := s.mayGrant(ctx, u, o, in.Role, first); err != nil {
			return m, err
		}
	}
	if err := s.checkTeam(ctx, o, in.Team, &m, v); err != nil {
		return m, err
	}
	return m, nil
}

// checkTeam sets m's team from text, naming a team that is not a number or
// not one of o's.
func (s *Service) checkTeam(ctx context.Context, o *schakel.Organisation, text string, m *schakel.Membership, v *schakel.Validation) error {
	text = strings.TrimSpace(text)
	if text == "" || v.Names("teamId") {
		return nil
	}
	id, err := strconv.ParseInt(text, 10, 64)
	if err != nil || id <= 0 {
		v.Add("teamId", "format", "Kies een team uit de lijst.")
		return nil
	}
	if o == nil {
		return nil
	}
	ts, err := s.store.Teams(ctx, o.ID)
	if err != nil {
		return err
	}
	for _, t := range ts {
		if t.ID == id {
			m.TeamID = id
			return nil
		}
	}
	v.Add("teamId", "unknown", "Dit team hoort niet bij organisatie %q.", o.Code)
	return nil
}

// GrantRole gives user userID a role, for the administrators of the
// organisation. Returns the user as it stands after; ENOTFOUND for a user
// the administrator may not see, EINVALID naming every invalid field and
// ECONFLICT when a person gave the user the role there already. A role a
// provisioning rule gave becomes the administrator's (recorded as given):
// the rules no longer take it.
func (s *Service) GrantRole(ctx context.Context, u *schakel.User, userID int64, in RoleInput) (*schakel.User, error) {
	x, err := s.Member(ctx, u, userID)
	if err != nil {
		return nil, err
	}
	var v schakel.Validation
	v.Given(in.Problems)
	m, err := s.checkRole(ctx, u, in, false, &v)
	if err != nil {
		return nil, err
	}
	if err := v.Err(); err != nil {
		return nil, err
	}
	return s.store.ChangeRoles(ctx, x.ID, []schakel.Membership{m}, nil, change(u, in.Via, in.Reason))
}

// change is the history's who and how of a change by u.
func change(u *schakel.User, via schakel.Via, reason string) schakel.Change {
	if via == "" {
		via = schakel.ViaPage
	}
	return schakel.Change{ByUserID: u.ID, Via: via, Reason: strings.TrimSpace(reason)}
}

// RevokeRole takes role away from user userID in the organisation with
// code orgCode, for its administrators, recording via in the history.
// Returns the user as it stands after; ENOTFOUND when the user does not
// have the role there.
func (s *Service) RevokeRole(ctx context.Context, u *schakel.User, userID int64, orgCode string, role schakel.Role, via schakel.Via) (*schakel.User, error) {
	x, err := s.Member(ctx, u, userID)
	if err != nil {
		return nil, err
	}
	o, err := s.store.OrganisationByCode(ctx, orgCode)
	if err != nil {
		return nil, err
	}
	if err := s.mayGrant(ctx, u, o, role, false); err != nil {
		return nil, err
	}
	return s.store.ChangeRoles(ctx, x.ID, nil, []schakel.Membership{{OrganisationID: o.ID, Role: role}}, change(u, via, ""))
}

// CreateUser announces a user with its first role, for the administrators
// of the role's organisation: the user gets the role from its first login
// on. Returns EINVALID naming every invalid field, the subject among them
// when a user with that issuer and subject exists already (its name is
// the identity provider's, not to be overwritten here).
func (s *Service) CreateUser(ctx context.Context, u *schakel.User, in UserInput) (*schakel.User, error) {
	if err := authz.Can(u, authz.ManageMembers, 0); err != nil {
		return nil, err
	}
	var v schakel.Validation
	v.Given(in.Problems)
	x := preparedUser(in)
	m, err := s.checkRole(ctx, u, in.RoleInput, true, &v)
	if err != nil {
		return nil, err
	}
	if err := v.Merge("", x.Validate()); err != nil {
		return nil, err
	}
	if x.Issuer == schakel.IssuerPreparedByEmail && strings.TrimSpace(in.Email) == "" && !v.Names("email") {
		v.Add("email", "required", "Geef het e-mailadres of de inlognaam bij de inlogdienst.")
	}
	if err := s.checkTaken(ctx, x, &v); err != nil {
		return nil, err
	}
	if err := v.Err(); err != nil {
		return nil, err
	}
	// One transaction, and never an existing user: a login made since the
	// check above is a conflict, not a user to overwrite and promote.
	err = s.store.PrepareUser(ctx, x, m, change(u, in.Via, in.Reason))
	if schakel.ErrorCode(err) == schakel.ECONFLICT {
		var taken schakel.Validation
		if x.Issuer == schakel.IssuerPreparedByEmail {
			taken.Add("email", "taken", "Er is al een gebruiker voorbereid met dit e-mailadres.")
		} else {
			taken.Add("subject", "taken", "Er is al een gebruiker met deze inlognaam bij deze inlogdienst.")
		}
		return nil, taken.Err()
	}
	if err != nil {
		return nil, err
	}
	return x, nil
}

// checkTaken names the subject (or the e-mail address prepared) when a
// user has it already, with the other problems of the input.
func (s *Service) checkTaken(ctx context.Context, x *schakel.User, v *schakel.Validation) error {
	if x.Issuer == "" || x.Subject == "" || v.Names("subject") || v.Names("email") {
		return nil
	}
	_, err := s.store.UserByLogin(ctx, x.Issuer, x.Subject)
	switch {
	case schakel.ErrorCode(err) == schakel.ENOTFOUND:
		return nil
	case err != nil:
		return err
	case x.Issuer == schakel.IssuerPreparedByEmail:
		v.Add("email", "taken", "Er is al een gebruiker voorbereid met dit e-mailadres.")
	default:
		v.Add("subject", "taken", "Er is al een gebruiker met deze inlognaam bij deze inlogdienst.")
	}
	return nil
}

// preparedUser is the user in describes: by issuer and subject, or by
// e-mail address when the subject is empty. A missing name is filled with
// the address or subject until the broker's arrives at the first login.
func preparedUser(in UserInput) *schakel.User {
	x := &schakel.User{Issuer: strings.TrimSpace(in.Issuer), Subject: strings.TrimSpace(in.Subject), Name: strings.TrimSpace(in.Name), Email: strings.TrimSpace(in.Email)}
	if x.Subject == "" {
		x.Issuer, x.Subject = schakel.IssuerPreparedByEmail, schakel.PreparedEmailSubject(x.Email)
		if x.Subject == "" {
			// Named as the e-mail field below, not twice.
			x.Subject = "-"
		}
	}
	if x.Name == "" {
		x.Name = firstNonEmpty(x.Email, x.Subject)
	}
	return x
}

func firstNonEmpty(vs ...string) string {
	for _, v := range vs {
		if v != "" {
			return v
		}
	}
	return ""
}
