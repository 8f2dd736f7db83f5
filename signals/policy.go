package signals

import (
	"context"
	"net/url"
	"regexp"

	"github.com/schakel-nl/schakel"
	"github.com/schakel-nl/schakel/authz"
)

// policyCode is what an organisation's own id of a policy rule may look
// like: the same rule as a ruleref policy reference's id.
var policyCode = regexp.MustCompile(`^[A-Za-z0-9]([A-Za-z0-9._-]{0,62}[A-Za-z0-9])?$`)

// PolicyRuleInput is a version of a policy rule as its organisation's
// administrator registers it.
type PolicyRuleInput struct {
	Organisation string
	Code         string
	Version      int
	Title        string
	URL          string
	Problems     []schakel.FieldError
}

// RegisterPolicyRule registers a version of an organisation's policy rule,
// so signals can anchor to it. For the organisation's administrators.
// Returns ECONFLICT when the version is registered already and EINVALID
// naming every invalid field.
func (s *Service) RegisterPolicyRule(ctx context.Context, u *schakel.User, in PolicyRuleInput) (*schakel.PolicyRule, error) {
	if u == nil {
		return nil, schakel.Errorf(schakel.EUNAUTHORIZED, "Log in om een beleidsregel te registreren.")
	}
	var v schakel.Validation
	v.Given(in.Problems)
	org, err := s.organisation(ctx, &v, in.Organisation)
	if err != nil {
		return nil, err
	}
	if org != nil && authz.Can(u, authz.ManageCatalogue, org.ID) != nil {
		return nil, schakel.Errorf(schakel.EFORBIDDEN, "Alleen de beheerders van %s registreren haar beleidsregels.", org.Name)
	}
	if v.Required("code", in.Code) && !policyCode.MatchString(in.Code) {
		v.Add("code", "format", "Gebruik 1 tot 64 letters, cijfers, punten, liggende streepjes en koppeltekens, zoals BR-2024-12.")
	}
	if in.Version < 1 || in.Version > 10000 {
		v.Add("versie", "range", "Gebruik een versienummer van 1 tot en met 10000.")
	}
	title := v.Text("titel", in.Title, MaxTitle, true)
	if in.URL != "" {
		if u, err := url.Parse(in.URL); err != nil || u.Scheme != "https" || u.Host == "" || len(in.URL) > 500 {
			v.Add("url", "format", "Gebruik een https-adres van hoogstens 500 tekens.")
		}
	}
	if err := v.Err(); err != nil {
		return nil, err
	}
	r := &schakel.PolicyRule{OrganisationID: org.ID, Code: in.Code, Version: in.Version, Title: title, URL: in.URL, RegisteredAt: s.Clock.Now()}
	if err := s.store.RegisterPolicyRule(ctx, r); err != nil {
		return nil, err
	}
	return r, nil
}

// PolicyRules returns the latest version of every policy rule of the
// organisation with the given code: they are public.
func (s *Service) PolicyRules(ctx context.Context, orgCode string) ([]*schakel.PolicyRule, error) {
	org, err := s.store.OrganisationByCode(ctx, orgCode)
	if err != nil {
		return nil, err
	}
	return s.store.PolicyRules(ctx, org.ID)
}
