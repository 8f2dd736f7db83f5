// Package directory is the way in to who is who in schakel: the
// organisations with their principals and teams, the users, and the
// principle catalogue every brake, decision and answer cites. Reads of
// organisations and the catalogue are public; an organisation's internals
// (its teams and members) are for its members; creating organisations is
// operators' work and extending the catalogue is an organisation's
// administrators' — all decided by authz, here and nowhere else. Like the
// other services it checks the whole input and names every invalid field at
// once, the transport's own problems among them (decision 0012).
package directory

import (
	"context"
	"fmt"
	"strings"

	"github.com/schakel-nl/schakel"
	"github.com/schakel-nl/schakel/authz"
)

// Store is what the directory needs of the store.
type Store interface {
	schakel.OrganisationStore
	schakel.UserStore
	schakel.PrincipleStore
	schakel.ContactStore
	schakel.AccountStore
	schakel.LoginSessionStore
}

// Service reads and extends the directory. Build it with New.
type Service struct {
	store Store
}

// New returns the directory over st.
func New(st Store) *Service { return &Service{store: st} }

// Organisations returns the organisations matching f and their total. It
// is public.
func (s *Service) Organisations(ctx context.Context, f schakel.OrganisationFilter) ([]*schakel.Organisation, int, error) {
	return s.store.Organisations(ctx, f)
}

// Organisation returns the organisation with id. Returns ENOTFOUND when
// there is none.
func (s *Service) Organisation(ctx context.Context, id int64) (*schakel.Organisation, error) {
	return s.store.Organisation(ctx, id)
}

// OrganisationByCode returns the organisation with code. Returns ENOTFOUND
// when there is none.
func (s *Service) OrganisationByCode(ctx context.Context, code string) (*schakel.Organisation, error) {
	return s.store.OrganisationByCode(ctx, code)
}

// Teams returns the teams of an organisation, for its members. Returns
// EUNAUTHORIZED without a user and EFORBIDDEN for others.
func (s *Service) Teams(ctx context.Context, u *schakel.User, orgID int64) ([]*schakel.Team, error) {
	if err := authz.Can(u, authz.ViewOrganisationInternals, orgID); err != nil {
		return nil, err
	}
	return s.store.Teams(ctx, orgID)
}

// Colleagues returns the users of an organisation, for whoever manages its
// cases: they invite colleagues to the deliberation. Returns EUNAUTHORIZED
// without a user and EFORBIDDEN for others.
func (s *Service) Colleagues(ctx context.Context, u *schakel.User, orgID int64, limit int) ([]*schakel.User, error) {
	if err := authz.Can(u, authz.ManageCases, orgID); err != nil {
		return nil, err
	}
	us, _, err := s.store.Users(ctx, schakel.UserFilter{OrganisationID: orgID, Limit: limit})
	return us, err
}

// Users returns the users matching f. It is not authorised here: callers
// are the demo login (only in demo mode) and the pages that name the people
// of records they have authorised already.
func (s *Service) Users(ctx context.Context, f schakel.UserFilter) ([]*schakel.User, int, error) {
	return s.store.Users(ctx, f)
}

// User returns the user with id. Returns ENOTFOUND when there is none. Not
// authorised here; see Users.
func (s *Service) User(ctx context.Context, id int64) (*schakel.User, error) {
	return s.store.User(ctx, id)
}

// Principles returns the principles of the catalogue matching f. It is
// public.
func (s *Service) Principles(ctx context.Context, f schakel.PrincipleFilter) ([]*schakel.Principle, error) {
	return s.store.Principles(ctx, f)
}

// Principle returns the principle with code, also a retired one. Returns
// ENOTFOUND when there is none.
func (s *Service) Principle(ctx context.Context, code string) (*schakel.Principle, error) {
	return s.store.Principle(ctx, code)
}

// OrganisationInput is a new organisation as an operator enters it.
type OrganisationInput struct {
	Code string
	Name string
	Type schakel.OrgType
	// Principals are the codes of the ministries the organisation executes
	// for.
	Principals []string
	// Committee and Task group the organisation in the parliament view
	// (schakel.Organisation).
	Committee, Task string
	// Problems are what the transport found wrong while decoding the input;
	// they are named with the service's findings and nothing is stored.
	Problems []schakel.FieldError
}

// CreateOrganisation adds an organisation, for operators. Permission comes
// before the input, so that someone without it learns nothing from the
// validation messages. Returns EINVALID naming every invalid field and
// ECONFLICT when the code is taken.
func (s *Service) CreateOrganisation(ctx context.Context, u *schakel.User, in OrganisationInput) (*schakel.Organisation, error) {
	if err := authz.Can(u, authz.ManageOrganisations, 0); err != nil {
		return nil, err
	}
	var v schakel.Validation
	v.Given(in.Problems)
	o := &schakel.Organisation{Code: in.Code, Name: strings.TrimSpace(in.Name), Type: in.Type, Committee: in.Committee, Task: in.Task}
	for i, code := range in.Principals {
		field := fmt.Sprintf("opdrachtgevers[%d]", i)
		if v.Names(field) {
			continue // the transport named it: not text
		}
		p, err := s.principal(ctx, code, field, &v)
		if err != nil {
			return nil, err
		}
		if p != nil {
			o.PrincipalIDs = append(o.PrincipalIDs, p.ID)
		}
	}
	if err := v.Merge("", o.Validate()); err != nil {
		return nil, err
	}
	if err := v.Err(); err != nil {
		return nil, err
	}
	if err := s.store.CreateOrganisation(ctx, o); err != nil {
		return nil, err
	}
	return o, nil
}

// principal returns the ministry with code, or nil after naming the
// problem; an empty code is named at its own element, field.
func (s *Service) principal(ctx context.Context, code, field string, v *schakel.Validation) (*schakel.Organisation, error) {
	if code == "" {
		v.Add(field, "required", "Vul bij elke opdrachtgever een code in.")
		return nil, nil
	}
	p, err := s.store.OrganisationByCode(ctx, code)
	switch {
	case schakel.ErrorCode(err) == schakel.ENOTFOUND:
		v.Add("opdrachtgevers", "unknown", "Organisatie %q bestaat niet.", code)
		return nil, nil
	case err != nil:
		return nil, err
	case p.Type != schakel.OrgMinistry:
		v.Add("opdrachtgevers", "not_ministry", "Organisatie %q is geen ministerie; alleen een ministerie kan opdrachtgever zijn.", code)
		return nil, nil
	}
	return p, nil
}

// PrincipleInput is an organisation's own value or sector code for the
// catalogue.
type PrincipleInput struct {
	// Organisation is the code of the organisation whose principle it is.
	Organisation string
	Code         string
	// Group is "eigen" (schakel.GroupOrganisation), also when left empty:
	// the national groups come from the seed.
	Group       schakel.PrincipleGroup
	Parent      string
	Name        string
	NameEN      string
	Source      string
	Description string
	// Problems are what the transport found wrong while decoding the input;
	// they are named with the service's findings and nothing is stored.
	Problems []schakel.FieldError
}

// CreatePrinciple adds an organisation's own principle to the catalogue,
// for that organisation's administrators. Someone who manages no catalogue
// at all hears so before the input is checked; whether it is the right
// organisation is told once the organisation is known. Returns EINVALID
// naming every invalid field and ECONFLICT when the code is taken (also by
// a retired principle).
func (s *Service) CreatePrinciple(ctx context.Context, u *schakel.User, in PrincipleInput) (*schakel.Principle, error) {
	if err := authz.Can(u, authz.ManageCatalogue, 0); err != nil {
		return nil, err
	}
	var v schakel.Validation
	v.Given(in.Problems)
	p := &schakel.Principle{Code: strings.TrimSpace(in.Code), Group: in.Group, Parent: strings.TrimSpace(in.Parent), Name: strings.TrimSpace(in.Name),
		NameEN: strings.TrimSpace(in.NameEN), Source: strings.TrimSpace(in.Source), Description: strings.TrimSpace(in.Description)}
	if v.Required("organisatie", in.Organisation) {
		o, err := s.store.OrganisationByCode(ctx, in.Organisation)
		switch {
		case schakel.ErrorCode(err) == schakel.ENOTFOUND:
			v.Add("organisatie", "unknown", "Organisatie %q bestaat niet.", in.Organisation)
		case err != nil:
			return nil, err
		default:
			if err := authz.Can(u, authz.ManageCatalogue, o.ID); err != nil {
				return nil, err
			}
			p.OrganisationID = o.ID
		}
	}
	switch {
	case p.Group == "":
		p.Group = schakel.GroupOrganisation
	case p.Group.Valid() && p.Group != schakel.GroupOrganisation:
		v.Add("groep", "not_allowed", "Een beginsel van een organisatie hoort in de groep %q; de landelijke groepen komen uit de vaste catalogus.", string(schakel.GroupOrganisation))
	}
	if err := s.checkParent(ctx, p, &v); err != nil {
		return nil, err
	}
	if err := v.Merge("", p.Validate()); err != nil {
		return nil, err
	}
	if err := v.Err(); err != nil {
		return nil, err
	}
	if err := s.store.CreatePrinciple(ctx, p); err != nil {
		return nil, err
	}
	return p, nil
}

// checkParent names a parent that does not exist, is retired or is itself
// a part of another principle: the store would refuse it only once the rest
// is valid, and every invalid field is named at once.
func (s *Service) checkParent(ctx context.Context, p *schakel.Principle, v *schakel.Validation) error {
	if p.Parent == "" || p.Parent == p.Code {
		return nil
	}
	parent, err := s.store.Principle(ctx, p.Parent)
	switch {
	case schakel.ErrorCode(err) == schakel.ENOTFOUND:
		v.Add("ouder", "unknown", "Beginsel %q bestaat niet.", p.Parent)
	case err != nil:
		return err
	case parent.Retired():
		v.Add("ouder", "retired", "Beginsel %q is ingetrokken; kies een beginsel dat nog geldt.", p.Parent)
	case parent.Parent != "":
		v.Add("ouder", "not_top", "Kies een beginsel uit de lijst; een onderdeel kan geen eigen onderdelen hebben.")
	}
	return nil
}

// MaxRetireReason bounds the reason given for retiring or reinstating a
// principle.
const MaxRetireReason = 1000

// RetirePrinciple retires a principle; it is never deleted, so that old
// records keep their meaning, and it can be reinstated. National principles
// are the installation's operators' (every organisation cites them); an
// organisation's own are its administrators'. The history keeps who, when,
// by which way and why. Returns the principle as it stands after.
func (s *Service) RetirePrinciple(ctx context.Context, u *schakel.User, code string, c schakel.Change, problems []schakel.FieldError) (*schakel.Principle, error) {
	return s.setRetired(ctx, u, code, true, c, problems)
}

// ReinstatePrinciple undoes the retirement of a principle, under the same
// rules as RetirePrinciple: a principle retired by mistake is not lost.
func (s *Service) ReinstatePrinciple(ctx context.Context, u *schakel.User, code string, c schakel.Change, problems []schakel.FieldError) (*schakel.Principle, error) {
	return s.setRetired(ctx, u, code, false, c, problems)
}

// PrincipleHistory returns who retired and reinstated principle code, when
// and why, for those who may do so.
func (s *Service) PrincipleHistory(ctx context.Context, u *schakel.User, code string) ([]schakel.PrincipleEvent, error) {
	p, err := s.store.Principle(ctx, code)
	if err != nil {
		return nil, err
	}
	if err := canRetire(u, p); err != nil {
		return nil, err
	}
	return s.store.PrincipleEvents(ctx, code)
}

// canRetire: a national principle (no organisation) is the operators', an
// organisation's own its administrators'.
func canRetire(u *schakel.User, p *schakel.Principle) error {
	if p.OrganisationID == 0 {
		return authz.Can(u, authz.OperateCatalogue, 0)
	}
	return authz.Can(u, authz.ManageCatalogue, p.OrganisationID)
}

func (s *Service) setRetired(ctx context.Context, u *schakel.User, code string, retired bool, c schakel.Change, problems []schakel.FieldError) (*schakel.Principle, error) {
	if u == nil {
		return nil, schakel.Errorf(schakel.EUNAUTHORIZED, "Log in om dit te doen.")
	}
	if authz.Can(u, authz.OperateCatalogue, 0) != nil && authz.Can(u, authz.ManageCatalogue, 0) != nil {
		return nil, schakel.Errorf(schakel.EFORBIDDEN, "U heeft geen rol die dit mag.")
	}
	var v schakel.Validation
	v.Given(problems)
	c.Reason = strings.TrimSpace(c.Reason)
	if len(c.Reason) > MaxRetireReason {
		v.Add("reden", "too_long", "Gebruik hoogstens %d tekens.", MaxRetireReason)
	}
	if err := v.Err(); err != nil {
		return nil, err
	}
	p, err := s.store.Principle(ctx, code)
	if err != nil {
		return nil, err
	}
	if err := canRetire(u, p); err != nil {
		return nil, err
	}
	c.ByUserID = u.ID
	return s.store.SetPrincipleRetired(ctx, code, retired, c)
}
