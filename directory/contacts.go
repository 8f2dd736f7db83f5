package directory

import (
	"context"
	"fmt"
	"slices"

	"github.com/schakel-nl/schakel"
	"github.com/schakel-nl/schakel/authz"
	"github.com/schakel-nl/schakel/redact"
)

// The contact points of executing organisations for parliament (report
// §5.4.4) and the grouping of organisations under the standing committees
// of parliament and societal tasks. Reading them is public: a contact point
// names a function and a functional address, never a person (decision
// 0021). An organisation's own administrators add and retire its contact
// points, and so may operators; setting a committee or a task is operators'
// work.

// ContactInput is a new contact point as an administrator enters it.
type ContactInput struct {
	Function, Email, Phone, Topics string
	// Committees are the names of the standing committees it serves.
	Committees []string
	// Problems are what the transport found wrong while decoding the input;
	// they are named with the service's findings and nothing is stored.
	Problems []schakel.FieldError
}

// MayManageContacts reports whether u may add and retire the contact
// points of organisation orgID (0: of some organisation): its own
// administrators and operators.
func MayManageContacts(u *schakel.User, orgID int64) bool {
	return authz.Can(u, authz.ManageContacts, orgID) == nil || authz.Can(u, authz.ManageOrganisations, orgID) == nil
}

// canManageContacts is MayManageContacts as an error: EUNAUTHORIZED
// without a user, EFORBIDDEN for others.
func canManageContacts(u *schakel.User, orgID int64) error {
	err := authz.Can(u, authz.ManageContacts, orgID)
	if err == nil || authz.Can(u, authz.ManageOrganisations, orgID) == nil {
		return nil
	}
	return err
}

// contactOrganisation returns the organisation with code once u may manage
// its contact points. Someone who may manage none hears so before whether
// the organisation exists.
func (s *Service) contactOrganisation(ctx context.Context, u *schakel.User, code string) (*schakel.Organisation, error) {
	if err := canManageContacts(u, 0); err != nil {
		return nil, err
	}
	o, err := s.store.OrganisationByCode(ctx, code)
	if err != nil {
		return nil, err
	}
	if err := canManageContacts(u, o.ID); err != nil {
		return nil, err
	}
	return o, nil
}

// AddContact adds a contact point for parliament to the executing
// organisation with code orgCode. Returns the organisation and the contact
// point; EUNAUTHORIZED, EFORBIDDEN or ENOTFOUND before the input is read,
// and EINVALID naming every invalid field: the fields, an organisation
// that does not execute, a committee no ministry names.
func (s *Service) AddContact(ctx context.Context, u *schakel.User, orgCode string, in ContactInput) (*schakel.Organisation, *schakel.Contact, error) {
	o, err := s.contactOrganisation(ctx, u, orgCode)
	if err != nil {
		return nil, nil, err
	}
	var v schakel.Validation
	v.Given(in.Problems)
	c := &schakel.Contact{OrganisationID: o.ID, Function: in.Function, Email: in.Email, Phone: in.Phone, Topics: in.Topics, Committees: in.Committees}
	if err := v.Merge("", c.Validate()); err != nil {
		return nil, nil, err
	}
	if !o.Type.Executes() {
		v.Add("organisatie", "not_executing", "Alleen een uitvoerende organisatie heeft contactpersonen voor het parlement.")
	}
	refusePersonalData(&v, map[string]string{"functie": c.Function, "onderwerpen": c.Topics})
	if err := s.checkCommittees(ctx, c.Committees, &v); err != nil {
		return nil, nil, err
	}
	if err := v.Err(); err != nil {
		return nil, nil, err
	}
	if err := s.store.CreateContact(ctx, c); err != nil {
		return nil, nil, err
	}
	return o, c, nil
}

// checkCommittees names every committee that no ministry names; the ones
// named already (empty, repeated) are not looked up.
func (s *Service) checkCommittees(ctx context.Context, names []string, v *schakel.Validation) error {
	if len(names) == 0 || len(names) > schakel.MaxContactCommittees {
		return nil
	}
	cs, err := s.store.Committees(ctx)
	if err != nil {
		return err
	}
	known := make(map[string]bool, len(cs))
	for _, c := range cs {
		known[c.Name] = true
	}
	for i, n := range names {
		field := fmt.Sprintf("kamercommissies[%d]", i)
		if !v.Names(field) && !known[n] {
			v.Add(field, "unknown", "Geen ministerie noemt de vaste Kamercommissie %q.", n)
		}
	}
	return nil
}

// RetireContact stops contact point id of the organisation with code
// orgCode; it stays on record. Returns the contact point as it stands
// after; ENOTFOUND when the organisation has no such contact point and
// ECONFLICT when it is retired already. Problems are what the transport
// found wrong in the (empty) input: EINVALID, once the user may retire.
func (s *Service) RetireContact(ctx context.Context, u *schakel.User, orgCode string, id int64, problems []schakel.FieldError) (*schakel.Contact, error) {
	o, err := s.contactOrganisation(ctx, u, orgCode)
	if err != nil {
		return nil, err
	}
	var v schakel.Validation
	v.Given(problems)
	if err := v.Err(); err != nil {
		return nil, err
	}
	c, err := s.store.Contact(ctx, id)
	if err == nil && c.OrganisationID != o.ID {
		err = schakel.Errorf(schakel.ENOTFOUND, "Contactpersoon %d bestaat niet.", id)
	}
	if err != nil {
		return nil, err
	}
	if err := s.store.RetireContact(ctx, id); err != nil {
		return nil, err
	}
	return s.store.Contact(ctx, id)
}

// Contacts returns the contact points matching f. It is public: they hold
// no personal data.
func (s *Service) Contacts(ctx context.Context, f schakel.ContactFilter) ([]*schakel.Contact, error) {
	return s.store.Contacts(ctx, f)
}

// Committees returns the standing committees the ministries name, each
// with its ministries. It is public.
func (s *Service) Committees(ctx context.Context) ([]*schakel.Committee, error) {
	return s.store.Committees(ctx)
}

// GroupingInput is the committee or the task an operator sets on an
// organisation; empty clears it.
type GroupingInput struct {
	Committee, Task string
	// Problems are what the transport found wrong while decoding the input.
	Problems []schakel.FieldError
}

// MayManageGrouping reports whether u may set organisations' committees
// and tasks: operators.
func MayManageGrouping(u *schakel.User) bool {
	return authz.Can(u, authz.ManageOrganisations, 0) == nil
}

// SetGrouping sets the committee (of a ministry) and the task (of an
// executing organisation) of the organisation with code orgCode, for
// operators, validated as when the organisation is created. Returns the
// organisation as it stands after; EINVALID naming every invalid field.
func (s *Service) SetGrouping(ctx context.Context, u *schakel.User, orgCode string, in GroupingInput) (*schakel.Organisation, error) {
	if err := authz.Can(u, authz.ManageOrganisations, 0); err != nil {
		return nil, err
	}
	o, err := s.store.OrganisationByCode(ctx, orgCode)
	if err != nil {
		return nil, err
	}
	var v schakel.Validation
	v.Given(in.Problems)
	next := *o
	next.Committee, next.Task = in.Committee, in.Task
	if err := v.Merge("", next.Validate()); err != nil {
		return nil, err
	}
	if err := v.Err(); err != nil {
		return nil, err
	}
	if err := s.store.SetOrganisationGrouping(ctx, o.ID, next.Committee, next.Task); err != nil {
		return nil, err
	}
	return s.store.Organisation(ctx, o.ID)
}

// Contact returns contact point id of the organisation with code orgCode,
// also a retired one. It is public. Returns ENOTFOUND when the
// organisation has no such contact point.
func (s *Service) Contact(ctx context.Context, orgCode string, id int64) (*schakel.Organisation, *schakel.Contact, error) {
	o, err := s.store.OrganisationByCode(ctx, orgCode)
	if err != nil {
		return nil, nil, err
	}
	c, err := s.store.Contact(ctx, id)
	if err == nil && c.OrganisationID != o.ID {
		err = schakel.Errorf(schakel.ENOTFOUND, "Contactpersoon %d bestaat niet.", id)
	}
	if err != nil {
		return nil, nil, err
	}
	return o, c, nil
}

// personalKinds are what a contact point's function and topics may not
// hold: the point is public and names a function, never a person
// (decision 0021).
var personalKinds = []redact.Kind{redact.Name, redact.Email, redact.Phone, redact.Address, redact.BSN, redact.IBAN, redact.BirthDate}

// refusePersonalData names every field among texts (field → text) in which
// redaction finds a person's name or other personal data.
func refusePersonalData(v *schakel.Validation, texts map[string]string) {
	for _, field := range []string{"functie", "onderwerpen"} {
		if v.Names(field) {
			continue
		}
		for _, f := range (redact.Context{}).Find(texts[field]) {
			if slices.Contains(personalKinds, f.Kind) {
				v.Add(field, "personal", "Noem hier geen persoon of persoonsgegevens (gevonden: %s); een contactpunt is een functie.", string(f.Kind))
				break
			}
		}
	}
}
