// Package accounts turns a login at the identity broker into a user
// (schakel.AccountService), by the deployment's provisioning policy: a
// known user logs in; a switched-off one is refused; a user an
// administrator prepared (by the broker's identifier or by e-mail address)
// is bound to the identity at its first login; an unknown person becomes a
// user only where a [[toegang]] rule admits them; everyone else is
// refused and nothing is written. Users of a former issuer URL move to the
// current one at their next login, so a changed URL orphans nobody. Roles a
// rule gives are the rules' (Membership.ByRule): at every login the
// [[toegang]] rule that admits the person and the [[rol]] rules whose
// claims hold give the roles they earn, and the ones a rule gave that no
// rule earns any more are taken back — someone admitted by an e-mail domain
// or a claim loses the rule's roles once the address or claim goes. Roles
// given by people are never taken by a rule. Decision 0032.
package accounts

import (
	"context"
	"fmt"
	"log/slog"
	"strings"

	"github.com/schakel-nl/schakel"
)

// Store is what the accounts need of the store.
type Store interface {
	schakel.AccountStore
	OrganisationByCode(ctx context.Context, code string) (*schakel.Organisation, error)
}

// Service implements schakel.AccountService. Build it with New.
type Service struct {
	store  Store
	issuer string
	former []string
	rules  *Rules
	log    *slog.Logger
}

var _ schakel.AccountService = (*Service)(nil)

// New returns the accounts over st for logins at issuer; former lists the
// issuer URLs used before (their users move to issuer), rules the
// provisioning policy (nil: none). log may be nil.
func New(st Store, issuer string, former []string, rules *Rules, log *slog.Logger) *Service {
	if rules == nil {
		rules = &Rules{}
	}
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	return &Service{store: st, issuer: issuer, former: former, rules: rules, log: log}
}

// CheckOrganisations returns an error naming every organisation code the
// rules use that does not exist, for the composition root to refuse to
// start with rules that can never apply.
func (s *Service) CheckOrganisations(ctx context.Context) error {
	var missing []string
	for _, code := range s.rules.Organisations() {
		_, err := s.store.OrganisationByCode(ctx, code)
		if schakel.ErrorCode(err) == schakel.ENOTFOUND {
			missing = append(missing, code)
		} else if err != nil {
			return err
		}
	}
	if len(missing) > 0 {
		return fmt.Errorf("provisioning rules: no organisation with code %s", strings.Join(missing, ", "))
	}
	return nil
}

// refused is the answer to everyone the policy does not let in.
func refused() error {
	return schakel.Errorf(schakel.EFORBIDDEN, "U heeft geen toegang tot schakel. Vraag de beheerder van uw organisatie om u toegang te geven.")
}

// SignIn implements schakel.AccountService.
func (s *Service) SignIn(ctx context.Context, id schakel.BrokerIdentity) (*schakel.User, error) {
	if id.Issuer == "" || id.Subject == "" {
		return nil, refused()
	}
	id.Email = strings.TrimSpace(id.Email)
	u, kind, err := s.find(ctx, id)
	if err != nil {
		return nil, err
	}
	if u == nil {
		return s.admit(ctx, id)
	}
	if u.DisabledAt != nil {
		return nil, refused()
	}
	if u.Prepared() && kind == "" {
		kind = schakel.UserBound
	}
	if u, err = s.store.RecordLogin(ctx, u.ID, id, kind); err != nil {
		return nil, err
	}
	return s.applyRoleRules(ctx, u, id)
}

// find looks for the user of id: by issuer and subject, at a former
// issuer, then prepared by e-mail. It returns nil when there is none, and
// the history kind of binding it.
func (s *Service) find(ctx context.Context, id schakel.BrokerIdentity) (*schakel.User, schakel.UserEventKind, error) {
	u, err := s.byLogin(ctx, id.Issuer, id.Subject)
	if u != nil || err != nil {
		return u, "", err
	}
	if id.Issuer == s.issuer {
		for _, f := range s.former {
			if u, err := s.byLogin(ctx, f, id.Subject); u != nil || err != nil {
				return u, schakel.UserMoved, err
			}
		}
	}
	if id.Email == "" {
		return nil, "", nil
	}
	u, err = s.byLogin(ctx, schakel.IssuerPreparedByEmail, schakel.PreparedEmailSubject(id.Email))
	return u, schakel.UserBound, err
}

// byLogin is the store's UserByLogin with "none" as nil.
func (s *Service) byLogin(ctx context.Context, issuer, subject string) (*schakel.User, error) {
	u, err := s.store.UserByLogin(ctx, issuer, subject)
	if schakel.ErrorCode(err) == schakel.ENOTFOUND {
		return nil, nil
	}
	return u, err
}

// admit creates the user of id when an access rule lets them in, with the
// rule's roles (the rules', so they go when the rule no longer admits id)
// and those of the role rules.
func (s *Service) admit(ctx context.Context, id schakel.BrokerIdentity) (*schakel.User, error) {
	rule := s.rules.admits(id)
	if rule == nil {
		return nil, refused()
	}
	o, err := s.store.OrganisationByCode(ctx, rule.Organisation)
	if err != nil {
		return nil, fmt.Errorf("accounts: organisation %q of a [[toegang]] rule: %w", rule.Organisation, err)
	}
	var ms []schakel.Membership
	for _, r := range rule.Roles {
		ms = append(ms, schakel.Membership{OrganisationID: o.ID, Role: schakel.Role(r), ByRule: true})
	}
	name := strings.TrimSpace(id.Name)
	if name == "" {
		// The broker sent no name; the e-mail address or the subject
		// stands in until a login brings one.
		name = firstNonEmpty(id.Email, id.Subject)
	}
	u := &schakel.User{Issuer: id.Issuer, Subject: id.Subject, Name: name, Email: id.Email}
	err = s.store.CreateAccount(ctx, u, ms, schakel.Change{Via: schakel.ViaAccessRule})
	if schakel.ErrorCode(err) == schakel.ECONFLICT {
		return s.lostRace(ctx, id, err)
	}
	if err != nil {
		return nil, err
	}
	s.log.InfoContext(ctx, "user admitted by a provisioning rule", "user", u.ID, "organisation", rule.Organisation)
	return s.applyRoleRules(ctx, u, id)
}

// lostRace answers a first login whose creation conflicted (err): a
// second first login at the same moment created the user, and this one
// logs in as that user — unless it has been switched off meanwhile, which
// is a refusal like any login of a switched-off user, not a conflict.
func (s *Service) lostRace(ctx context.Context, id schakel.BrokerIdentity, err error) (*schakel.User, error) {
	existing, ferr := s.byLogin(ctx, id.Issuer, id.Subject)
	switch {
	case ferr != nil:
		return nil, ferr
	case existing == nil:
		return nil, err
	case existing.DisabledAt != nil:
		return nil, refused()
	}
	return s.applyRoleRules(ctx, existing, id)
}

func firstNonEmpty(vs ...string) string {
	for _, v := range vs {
		if v != "" {
			return v
		}
	}
	return ""
}

// roleKey is a role in an organisation.
type roleKey struct {
	org  int64
	role schakel.Role
}

// earned returns the roles the rules give id now, each once, in the rules'
// order: those of the [[toegang]] rule that admits id (the first that
// matches, as at the first login) and of every [[rol]] rule whose claim
// holds.
func (s *Service) earned(ctx context.Context, id schakel.BrokerIdentity) ([]roleKey, error) {
	orgs := map[string]int64{}
	var out []roleKey
	add := func(table, code string, role schakel.Role) error {
		org, ok := orgs[code]
		if !ok {
			o, err := s.store.OrganisationByCode(ctx, code)
			if err != nil {
				return fmt.Errorf("accounts: organisation %q of a %s rule: %w", code, table, err)
			}
			org, orgs[code] = o.ID, o.ID
		}
		k := roleKey{org, role}
		for _, x := range out {
			if x == k {
				return nil
			}
		}
		out = append(out, k)
		return nil
	}
	if a := s.rules.admits(id); a != nil {
		for _, r := range a.Roles {
			if err := add("[[toegang]]", a.Organisation, schakel.Role(r)); err != nil {
				return nil, err
			}
		}
	}
	for _, r := range s.rules.Roles {
		if !holds(id.Claims, r.Claim, r.Value) {
			continue
		}
		if err := add("[[rol]]", r.Organisation, schakel.Role(r.Role)); err != nil {
			return nil, err
		}
	}
	return out, nil
}

// applyRoleRules gives u the roles the rules earn it now and takes back
// the roles a rule gave that no rule earns any more, in one change. A role
// u holds already, by a rule or by a person, is not given again; a role a
// person gave is never taken.
func (s *Service) applyRoleRules(ctx context.Context, u *schakel.User, id schakel.BrokerIdentity) (*schakel.User, error) {
	if len(s.rules.Roles) == 0 && len(s.rules.Access) == 0 && !anyByRule(u) {
		return u, nil
	}
	earned, err := s.earned(ctx, id)
	if err != nil {
		return nil, err
	}
	want := map[roleKey]bool{}
	var grant []schakel.Membership
	for _, k := range earned {
		want[k] = true
		if !u.HasRole(k.org, k.role) {
			grant = append(grant, schakel.Membership{OrganisationID: k.org, Role: k.role, ByRule: true})
		}
	}
	var revoke []schakel.Membership
	for _, m := range u.Memberships {
		if m.ByRule && !want[roleKey{m.OrganisationID, m.Role}] {
			revoke = append(revoke, m)
		}
	}
	if len(grant) == 0 && len(revoke) == 0 {
		return u, nil
	}
	return s.store.ChangeRoles(ctx, u.ID, grant, revoke, schakel.Change{Via: schakel.ViaClaimRule})
}

func anyByRule(u *schakel.User) bool {
	for _, m := range u.Memberships {
		if m.ByRule {
			return true
		}
	}
	return false
}
