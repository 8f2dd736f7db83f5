// Package brakes is the one place where emergency brakes are pulled and
// followed (PRODUCT.md C2): the professional's brake, the organisation's
// brake with its referral budget and the citizen's brake. A brake is a
// request for account (package requests) with what its level adds; both are
// stored in one transaction. Anonymous pullers and citizens follow their
// brake with a receipt code, of which only an argon2id hash is kept, and
// nothing that identifies them — no user, no session, no address — is
// stored or logged.
package brakes

import (
	"context"
	"crypto/rand"
	"fmt"
	"io"
	"strings"

	"github.com/schakel-nl/schakel"
	"github.com/schakel-nl/schakel/authz"
	"github.com/schakel-nl/schakel/calendar"
	"github.com/schakel-nl/schakel/receipt"
	"github.com/schakel-nl/schakel/requests"
	"github.com/schakel-nl/schakel/ruleref"
	"github.com/schakel-nl/schakel/throttle"
)

// Store is what the service needs of the store.
type Store interface {
	requests.Store
	schakel.BrakeStore
}

// DefaultReferralBudget is the number of assignments an organisation may
// return per calendar year unless configured otherwise (report note 214).
const DefaultReferralBudget = 1

// Limits on what a brake adds to its request.
const (
	MaxConcerned     = 2000
	MaxRuleRefs      = 20
	MaxReference     = 100
	MaxWantedOutcome = 4000
)

// Service pulls and follows emergency brakes.
type Service struct {
	Requests *requests.Service
	Store    Store
	Clock    schakel.Clock
	Hasher   *receipt.Hasher
	// Budget is the referral budget per organisation per calendar year.
	Budget int
	// Lookups limits receipt lookups per address and in all; Submissions
	// limits citizens' brakes. Nil means no limit (tests).
	Lookups     *throttle.Limiter
	Submissions *throttle.Limiter
	// Rand is the source of receipt codes; nil means crypto/rand.
	Rand io.Reader
}

// PullInput is a brake as its puller submits it. Which fields apply depends
// on the level.
type PullInput struct {
	Level schakel.BrakeLevel
	// Organisation is the code of the organisation the brake is pulled at
	// (professional, citizen), or of the organisation that returns an
	// assignment (organisation level): its principal ministry answers.
	Organisation string
	// Identity is how a professional's puller is known.
	Identity  schakel.Identity
	Concerned string
	RuleRefs  []string
	Subject   string
	Body      string
	Grounds   []schakel.Ground
	Urgent    bool
	// CitizenGrounds are keys of schakel.CitizenGrounds (citizen level).
	CitizenGrounds    []string
	DecisionReference string
	DecisionDate      string // YYYY-MM-DD
	WantedOutcome     string
}

// Pulled is a brake just pulled, with its receipt code when it is followed
// by one. The code is shown once and never stored.
type Pulled struct {
	Brake   *schakel.Brake
	Receipt receipt.Code
}

// Pull pulls a brake. u is nil for a citizen; address is the client's
// address, used only in memory to throttle citizens' brakes. Returns
// EUNAUTHORIZED when a level needs a login, EFORBIDDEN when u may not act
// for the organisation, ECONFLICT when the referral budget is spent,
// ETOOMANY when throttled, and EINVALID naming every invalid field.
func (s *Service) Pull(ctx context.Context, u *schakel.User, address string, in PullInput) (*Pulled, error) {
	var v schakel.Validation
	now := s.Clock.Now()
	b := &schakel.Brake{Level: in.Level, Identity: in.Identity, Year: s.Requests.Engine.Calendar.Today(now).Year()}
	create := requests.CreateInput{Type: in.Level.RequestType(), Subject: in.Subject, Body: in.Body, Grounds: in.Grounds, Urgent: in.Urgent, AddresseeCode: in.Organisation}
	var requester schakel.Party
	var budget *schakel.ReferralBudget
	switch in.Level {
	case schakel.LevelProfessional:
		if u == nil {
			return nil, schakel.Errorf(schakel.EUNAUTHORIZED, "Log in om de noodrem van een professional te trekken. Als burger gebruikt u de noodrem voor burgers.")
		}
		if err := authz.Can(u, authz.PullBrake, 0); err != nil {
			return nil, err
		}
		if in.Organisation == "" {
			v.Add("organisatie", "required", "Kies de organisatie waar u de noodrem trekt.")
		}
		switch in.Identity {
		case schakel.IdentityNamed, schakel.IdentityProtected:
			requester = schakel.Party{Kind: schakel.PartyUser, UserID: u.ID}
		case schakel.IdentityAnonymous:
			requester = schakel.Party{Kind: schakel.PartyAnonymous}
		case "":
			v.Add("identiteit", "required", "Kies hoe u bekend wilt zijn: met naam, beschermd of anoniem.")
		default:
			v.Add("identiteit", "enum", "Kies een van: %s.", "genoemd, beschermd, anoniem")
		}
		if len(in.RuleRefs) == 0 {
			v.Add("regels", "required", "Noem minstens één regel waar het om gaat, zoals jci1.3:c:BWBR0015703&artikel=36.")
		}
	case schakel.LevelOrganisation:
		if u == nil {
			return nil, schakel.Errorf(schakel.EUNAUTHORIZED, "Log in om een opdracht terug te geven.")
		}
		b.Identity = schakel.IdentityNamed
		if in.Identity != "" && in.Identity != schakel.IdentityNamed {
			v.Add("identiteit", "not_allowed", "Een organisatie geeft een opdracht open terug, met naam.")
		}
		if in.Organisation == "" {
			v.Add("organisatie", "required", "Kies de organisatie die de opdracht teruggeeft.")
		} else {
			var err error
			if requester, err = s.Requests.Requester(ctx, u, in.Organisation, &v); err != nil {
				return nil, err
			}
			if requester.Kind == schakel.PartyOrganisation {
				org, err := s.Store.Organisation(ctx, requester.OrganisationID)
				if err != nil {
					return nil, err
				}
				// The report gives this brake to the board (§5.4.6), not to
				// anyone who may request for the organisation.
				if !u.HasRole(org.ID, schakel.RoleBoard) {
					return nil, schakel.Errorf(schakel.EFORBIDDEN, "Alleen het bestuur van %s kan een opdracht teruggeven.", org.Name)
				}
				switch {
				case !org.Type.Executes():
					v.Add("organisatie", "not_allowed", "Alleen een uitvoerende organisatie geeft een opdracht terug aan haar opdrachtgever.")
				case len(org.PrincipalIDs) == 0:
					v.Add("organisatie", "not_allowed", "%s heeft geen ministerie als opdrachtgever.", org.Name)
				default:
					principal, err := s.Store.Organisation(ctx, org.PrincipalIDs[0])
					if err != nil {
						return nil, err
					}
					create.AddresseeCode = principal.Code
					budget = &schakel.ReferralBudget{OrganisationID: org.ID, Year: b.Year, Limit: s.Budget}
				}
			}
		}
		if strings.TrimSpace(in.Concerned) == "" {
			v.Add("betreft", "required", "Beschrijf de opdracht die u teruggeeft.")
		}
	case schakel.LevelCitizen:
		// A citizen is never anybody in schakel, also when logged in.
		requester = schakel.Party{Kind: schakel.PartyAnonymous}
		b.Identity = schakel.IdentityAnonymous
		if in.Organisation == "" {
			v.Add("organisatie", "required", "Kies de organisatie die het besluit nam.")
		}
		citizen(&in, b, &create, s.Requests.Engine.Calendar.Today(now), &v)
	default:
		v.Add("niveau", "enum", "Kies een van: %s.", "burger, professional, organisatie")
	}
	if len(in.Concerned) > MaxConcerned {
		v.Add("betreft", "too_long", "Gebruik hoogstens %d tekens.", MaxConcerned)
	}
	b.Concerned = strings.TrimSpace(in.Concerned)
	b.RuleRefs = ruleRefs(in.RuleRefs, &v)
	var r *schakel.Request
	var ev *schakel.Event
	if in.Level.Valid() {
		var err error
		var pv schakel.Validation
		if r, ev, err = s.Requests.Prepare(ctx, requester, create, &pv); err != nil {
			return nil, err
		}
		named := map[string]bool{}
		for _, f := range schakel.ErrorFields(v.Err()) {
			named[f.Field] = true
		}
		for _, f := range schakel.ErrorFields(pv.Err()) {
			// The input's own name for a field, once: an organisation we
			// already called missing is not also a missing addressee.
			if field := brakeField(in.Level, f.Field); !named[field] {
				v.Add(field, f.Code, f.Format, f.Args...)
				named[field] = true
			}
		}
	}
	if err := v.Err(); err != nil {
		return nil, err
	}
	out := &Pulled{Brake: b}
	if requester.Kind == schakel.PartyAnonymous {
		// Only valid brakes count against the limit, so a citizen who
		// mistypes is not made to wait; it bounds the argon2id work and the
		// register rows one address (a citizen) or one user (an anonymous
		// professional, whose id is used here in memory only) can cause.
		if s.Submissions != nil {
			key := address
			if u != nil && in.Level == schakel.LevelProfessional {
				key = fmt.Sprintf("gebruiker %d", u.ID)
			}
			if ok, wait := s.Submissions.Allow(key, now); !ok {
				return nil, &schakel.Error{Code: schakel.ETOOMANY, RetryAfter: wait,
					Message: "Er zijn net te veel noodremmen getrokken. Wacht even en probeer het dan opnieuw."}
			}
		}
		code, err := s.newCode(ctx)
		if err != nil {
			return nil, err
		}
		if b.ReceiptHash, err = s.Hasher.Hash(ctx, code); err != nil {
			return nil, err
		}
		b.ReceiptLookup, out.Receipt = code.Lookup(), code
	}
	if err := s.Store.CreateBrake(ctx, b, r, ev, budget); err != nil {
		return nil, err
	}
	return out, nil
}

// citizen checks the fields of a citizen's brake and turns them into the
// request: the subject names the decision, the grounds are the principles
// behind the citizen's words.
func citizen(in *PullInput, b *schakel.Brake, create *requests.CreateInput, today calendar.Date, v *schakel.Validation) {
	ref := strings.TrimSpace(in.DecisionReference)
	if v.Required("kenmerk", ref) && len(ref) > MaxReference {
		v.Add("kenmerk", "too_long", "Gebruik hoogstens %d tekens.", MaxReference)
	}
	b.DecisionReference = ref
	if v.Required("datumBesluit", in.DecisionDate) {
		d, err := calendar.ParseDate(strings.TrimSpace(in.DecisionDate))
		switch {
		case err != nil:
			v.Add("datumBesluit", "format", "Geef de datum van het besluit, zoals 2026-03-02.")
		case d.After(today):
			v.Add("datumBesluit", "future", "De datum van het besluit ligt in de toekomst.")
		default:
			b.DecisionDate = d
		}
	}
	// The request's own checks name "toelichting"; what is wrong is required here.
	v.Required("toelichting", in.Body)
	outcome := strings.TrimSpace(in.WantedOutcome)
	if v.Required("gewensteUitkomst", outcome) && len(outcome) > MaxWantedOutcome {
		v.Add("gewensteUitkomst", "too_long", "Gebruik hoogstens %d tekens.", MaxWantedOutcome)
	}
	b.WantedOutcome = outcome
	if len(in.Grounds) > 0 {
		v.Add("gronden", "not_allowed", "Een burger kiest uit de zinnen bij bezwaren (bezwaren), niet uit de catalogus.")
	}
	create.Grounds = nil
	if len(in.CitizenGrounds) == 0 {
		v.Add("bezwaren", "required", "Kies minstens één zin die zegt wat er mis is.")
	}
	seen := map[string]bool{}
	for i, key := range in.CitizenGrounds {
		g, ok := schakel.CitizenGroundByKey(key)
		switch {
		case !ok:
			v.Add(fmt.Sprintf("bezwaren[%d]", i), "unknown", "Kies een van de zinnen op het formulier.")
		case seen[key]:
			v.Add(fmt.Sprintf("bezwaren[%d]", i), "duplicate", "Deze zin staat er al.")
		default:
			create.Grounds = append(create.Grounds, schakel.Ground{Principle: g.Principle, Text: g.Dutch})
		}
		seen[key] = true
	}
	create.Subject = "Besluit " + ref
	if len(create.Grounds) == 0 && len(in.CitizenGrounds) > 0 {
		// Named above per sentence; keep the engine from naming "gronden".
		create.Grounds = []schakel.Ground{{Principle: "zorgvuldigheid", Text: "-"}}
	}
}

// brakeField names a field of the request as the brake's input does: the
// addressee is the organisation, and a citizen's grounds are the chosen
// sentences.
func brakeField(level schakel.BrakeLevel, f string) string {
	switch {
	case f == "geadresseerde", f == "namens":
		return "organisatie"
	case level != schakel.LevelCitizen:
		return f
	case strings.HasPrefix(f, "gronden["):
		if i := strings.Index(f, "]"); i > 0 {
			return "bezwaren" + f[len("gronden"):i+1]
		}
	case f == "gronden":
		return "bezwaren"
	}
	return f
}

// ruleRefs parses every rule reference, naming each invalid one, and
// returns them in their canonical form.
func ruleRefs(in []string, v *schakel.Validation) []string {
	if len(in) > MaxRuleRefs {
		v.Add("regels", "too_many", "Noem hoogstens %d regels.", MaxRuleRefs)
		return nil
	}
	out := make([]string, 0, len(in))
	for i, s := range in {
		ref, err := ruleref.Parse(s)
		if err != nil {
			for _, f := range schakel.ErrorFields(err) {
				v.Add(fmt.Sprintf("regels[%d]", i), f.Code, f.Format, f.Args...)
			}
			continue
		}
		out = append(out, ref.String())
	}
	return out
}

// newCode draws a receipt code whose public half no brake has yet.
func (s *Service) newCode(ctx context.Context) (receipt.Code, error) {
	src := s.Rand
	if src == nil {
		src = rand.Reader
	}
	for range 5 {
		code, err := receipt.Generate(src)
		if err != nil {
			return receipt.Code{}, err
		}
		_, err = s.Store.BrakeByReceipt(ctx, code.Lookup())
		if schakel.ErrorCode(err) == schakel.ENOTFOUND {
			return code, nil
		}
		if err != nil {
			return receipt.Code{}, err
		}
	}
	return receipt.Code{}, fmt.Errorf("brakes: no free receipt code in 5 draws")
}

// unknownCode is the one answer to every code that does not open a brake,
// so a wrong code tells nothing: not whether its public half exists.
func unknownCode() error {
	return schakel.Errorf(schakel.ENOTFOUND, "Deze ontvangstcode kennen we niet. Controleer de code; na te veel pogingen moet u even wachten.")
}

// Follow returns the brake a receipt code opens and its history. address
// is the client's address, used only in memory to throttle lookups.
// Returns ETOOMANY when throttled, EINVALID when the code is malformed and
// ENOTFOUND for any code that opens nothing.
func (s *Service) Follow(ctx context.Context, address, code string) (*schakel.Brake, []*schakel.Event, error) {
	if s.Lookups != nil {
		if ok, wait := s.Lookups.Allow(address, s.Clock.Now()); !ok {
			return nil, nil, &schakel.Error{Code: schakel.ETOOMANY, RetryAfter: wait,
				Message: "Te veel pogingen met een ontvangstcode. Wacht even en probeer het dan opnieuw."}
		}
	}
	c, err := receipt.Parse(code)
	if err != nil {
		return nil, nil, err
	}
	b, err := s.Store.BrakeByReceipt(ctx, c.Lookup())
	if schakel.ErrorCode(err) == schakel.ENOTFOUND {
		if err := s.Hasher.VerifyNothing(ctx); err != nil {
			return nil, nil, err
		}
		return nil, nil, unknownCode()
	}
	if err != nil {
		return nil, nil, err
	}
	ok, err := s.Hasher.Verify(ctx, c, b.ReceiptHash)
	if err != nil {
		return nil, nil, err
	}
	if !ok {
		return nil, nil, unknownCode()
	}
	evs, err := s.Store.Events(ctx, b.RequestID)
	if err != nil {
		return nil, nil, err
	}
	return b, evs, nil
}

// byReceipt moves a brake on for the holder of its receipt code and
// returns it with its history after the step: one lookup, so one attempt
// against the throttle.
func (s *Service) byReceipt(ctx context.Context, address, code string,
	step func(r *schakel.Request, actor schakel.Party) (*schakel.Request, *schakel.Event, error)) (*schakel.Brake, []*schakel.Event, error) {
	b, evs, err := s.Follow(ctx, address, code)
	if err != nil {
		return nil, nil, err
	}
	n, ev, err := step(b.Request, schakel.Party{Kind: schakel.PartyAnonymous})
	if err != nil {
		return nil, nil, err
	}
	if err := s.Store.UpdateRequest(ctx, b.Request.Version, n, ev); err != nil {
		return nil, nil, err
	}
	b.Request = n
	return b, append(evs, ev), nil
}

// Contest contests an explain for the holder of the receipt code, once.
func (s *Service) Contest(ctx context.Context, address, code, reason string) (*schakel.Brake, []*schakel.Event, error) {
	return s.byReceipt(ctx, address, code, func(r *schakel.Request, a schakel.Party) (*schakel.Request, *schakel.Event, error) {
		return s.Requests.Engine.Contest(r, a, reason, s.Clock.Now())
	})
}

// Close accepts the answer for the holder of the receipt code.
func (s *Service) Close(ctx context.Context, address, code, reason string) (*schakel.Brake, []*schakel.Event, error) {
	return s.byReceipt(ctx, address, code, func(r *schakel.Request, a schakel.Party) (*schakel.Request, *schakel.Event, error) {
		return s.Requests.Engine.Close(r, a, reason, s.Clock.Now())
	})
}

// Withdraw withdraws the brake for the holder of the receipt code.
func (s *Service) Withdraw(ctx context.Context, address, code, reason string) (*schakel.Brake, []*schakel.Event, error) {
	return s.byReceipt(ctx, address, code, func(r *schakel.Request, a schakel.Party) (*schakel.Request, *schakel.Event, error) {
		return s.Requests.Engine.Withdraw(r, a, reason, s.Clock.Now())
	})
}

// Budget says where an organisation stands with its referral budget in the
// year of now.
type Budget struct {
	Year      int
	Limit     int
	Used      int
	Available int
	// Renews is the day a spent budget is whole again.
	Renews calendar.Date
}

// ReferralBudget returns the referral budget of the organisation with code.
func (s *Service) ReferralBudget(ctx context.Context, code string) (*schakel.Organisation, Budget, error) {
	org, err := s.Store.OrganisationByCode(ctx, code)
	if err != nil {
		return nil, Budget{}, err
	}
	year := s.Requests.Engine.Calendar.Today(s.Clock.Now()).Year()
	used, err := s.Store.ReferralsUsed(ctx, org.ID, year)
	if err != nil {
		return nil, Budget{}, err
	}
	return org, Budget{Year: year, Limit: s.Budget, Used: used, Available: max(s.Budget-used, 0), Renews: calendar.DateOf(year+1, 1, 1)}, nil
}
