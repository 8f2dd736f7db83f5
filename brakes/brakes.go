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
	"time"

	"github.com/schakel-nl/schakel"
	"github.com/schakel-nl/schakel/authz"
	"github.com/schakel-nl/schakel/calendar"
	"github.com/schakel-nl/schakel/comply"
	"github.com/schakel-nl/schakel/notify"
	"github.com/schakel-nl/schakel/receipt"
	"github.com/schakel-nl/schakel/requests"
	"github.com/schakel-nl/schakel/ruleref"
	"github.com/schakel-nl/schakel/throttle"
)

// Store is what the service needs of the store.
type Store interface {
	requests.Store
	schakel.BrakeStore
	schakel.BrakeContactStore
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

// Service pulls and follows emergency brakes. Build it with New.
type Service struct {
	Requests *requests.Service
	store    Store
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
	// Mail sends a citizen's copy of the receipt and notices of answers
	// (contact.go); nil means citizens cannot give an e-mail address.
	Mail notify.Mailer
}

// New returns the brake service over st, pulling through rs, with the
// default referral budget and no rate limits.
func New(st Store, rs *requests.Service, clock schakel.Clock, hasher *receipt.Hasher) *Service {
	return &Service{Requests: rs, store: st, Clock: clock, Hasher: hasher, Budget: DefaultReferralBudget}
}

// WithClock returns a copy of s, and of its request service, that tells
// time by clock: for the demo, which builds its history in the past.
func (s *Service) WithClock(clock schakel.Clock) *Service {
	c := *s
	c.Clock = clock
	c.Requests = s.Requests.WithClock(clock)
	return &c
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
	// ContactEmail is the citizen's optional e-mail address (contact.go).
	ContactEmail string
	// Problems are what the transport found wrong while decoding the
	// input; they are named with the service's findings and nothing is
	// stored, hashed or counted against a limit.
	Problems []schakel.FieldError
}

// Pulled is a brake just pulled, with its receipt code when it is followed
// by one. The code is shown once and never stored.
type Pulled struct {
	Brake   *schakel.Brake
	Receipt receipt.Code
}

// pull is a brake being pulled: the brake, the request it makes, who pulls
// it, the organisation that must answer and the budget it may spend.
type pull struct {
	brake     *schakel.Brake
	create    requests.CreateInput
	requester schakel.Party
	addressee *schakel.Organisation
	budget    *schakel.ReferralBudget
}

// Pull pulls a brake. u is nil for a citizen; address is the client's
// address, used only in memory to throttle citizens' brakes. Returns
// EUNAUTHORIZED when a level needs a login, EFORBIDDEN when u may not act
// for the organisation, ECONFLICT when the referral budget is spent,
// ETOOMANY when throttled, and EINVALID naming every invalid field, the
// transport's problems among them; then nothing is stored.
func (s *Service) Pull(ctx context.Context, u *schakel.User, address string, in PullInput) (*Pulled, error) {
	var v schakel.Validation
	v.Given(in.Problems)
	now := s.Clock.Now()
	today := s.Requests.Engine.Calendar.Today(now)
	p := &pull{
		brake: &schakel.Brake{Level: in.Level, Identity: in.Identity, Year: today.Year()},
		create: requests.CreateInput{Type: in.Level.RequestType(), Subject: in.Subject, Body: in.Body, Grounds: in.Grounds, Urgent: in.Urgent,
			AddresseeField: "organisatie"},
	}
	var err error
	switch in.Level {
	case schakel.LevelProfessional:
		err = s.professional(ctx, u, in, p, &v)
	case schakel.LevelOrganisation:
		err = s.organisation(ctx, u, in, p, &v)
	case schakel.LevelCitizen:
		err = s.citizen(ctx, in, p, today, &v)
	default:
		v.Add("niveau", "enum", "Kies een van: %s.", "burger, professional, organisatie")
	}
	if err != nil {
		return nil, err
	}
	if in.Level != schakel.LevelCitizen && in.ContactEmail != "" {
		v.Add("email", "not_allowed", "Alleen bij de noodrem voor burgers kunt u een e-mailadres geven.")
	}
	if len(in.Concerned) > MaxConcerned {
		v.Add("betreft", "too_long", "Gebruik hoogstens %d tekens.", MaxConcerned)
	}
	p.brake.Concerned = strings.TrimSpace(in.Concerned)
	p.brake.RuleRefs = ruleRefs(in.RuleRefs, &v)
	var r *schakel.Request
	var ev *schakel.Event
	if in.Level.Valid() {
		if r, ev, err = s.Requests.Prepare(ctx, p.requester, p.create, p.addressee, &v); err != nil {
			return nil, err
		}
	}
	if err := v.Err(); err != nil {
		return nil, err
	}
	if r == nil {
		return nil, fmt.Errorf("brakes: no request was prepared for a valid %s brake", in.Level)
	}
	out := &Pulled{Brake: p.brake}
	if p.requester.Kind == schakel.PartyAnonymous {
		if out.Receipt, err = s.receiptFor(ctx, u, address, in.Level, p.brake, now); err != nil {
			return nil, err
		}
	}
	if err := s.store.CreateBrake(ctx, p.brake, r, ev, p.budget); err != nil {
		return nil, err
	}
	return out, nil
}

// receiptFor gives an anonymous brake its receipt code, keeping only the
// code's hash and public half. Only valid brakes count against the limit,
// so a citizen who mistypes is not made to wait; it bounds the argon2id
// work and the register rows one address (a citizen) or one user (an
// anonymous professional, whose id is used here in memory only) can cause.
func (s *Service) receiptFor(ctx context.Context, u *schakel.User, address string, level schakel.BrakeLevel, b *schakel.Brake, now time.Time) (receipt.Code, error) {
	if s.Submissions != nil {
		key := address
		if u != nil && level == schakel.LevelProfessional {
			key = fmt.Sprintf("gebruiker %d", u.ID)
		}
		if ok, wait := s.Submissions.Allow(key, now); !ok {
			return receipt.Code{}, &schakel.Error{Code: schakel.ETOOMANY, RetryAfter: wait,
				Message: "Er zijn net te veel noodremmen getrokken. Wacht even en probeer het dan opnieuw."}
		}
	}
	code, err := s.newCode(ctx)
	if err != nil {
		return receipt.Code{}, err
	}
	if b.ReceiptHash, err = s.Hasher.Hash(ctx, code); err != nil {
		return receipt.Code{}, err
	}
	b.ReceiptLookup = code.Lookup()
	return code, nil
}

// organisationByCode returns the organisation with code, or nil after
// naming the field when there is none.
func (s *Service) organisationByCode(ctx context.Context, code string, v *schakel.Validation) (*schakel.Organisation, error) {
	org, err := s.store.OrganisationByCode(ctx, code)
	switch {
	case schakel.ErrorCode(err) == schakel.ENOTFOUND:
		v.Add("organisatie", "unknown", "Organisatie %q bestaat niet.", code)
		return nil, nil
	case err != nil:
		return nil, err
	}
	return org, nil
}

// professional checks a professional's brake: anyone with a role in some
// organisation may pull it at any organisation, named, protected or
// anonymous; a login alone is not enough (authz.PullBrake).
func (s *Service) professional(ctx context.Context, u *schakel.User, in PullInput, p *pull, v *schakel.Validation) error {
	if u == nil {
		return schakel.Errorf(schakel.EUNAUTHORIZED, "Log in om de noodrem van een professional te trekken. Als burger gebruikt u de noodrem voor burgers.")
	}
	if err := authz.Can(u, authz.PullBrake, 0); err != nil {
		return err
	}
	switch in.Identity {
	case schakel.IdentityNamed, schakel.IdentityProtected:
		p.requester = schakel.Party{Kind: schakel.PartyUser, UserID: u.ID}
	case schakel.IdentityAnonymous:
		p.requester = schakel.Party{Kind: schakel.PartyAnonymous}
	case "":
		v.Add("identiteit", "required", "Kies hoe u bekend wilt zijn: met naam, beschermd of anoniem.")
	default:
		v.Add("identiteit", "enum", "Kies een van: %s.", "genoemd, beschermd, anoniem")
	}
	if len(in.RuleRefs) == 0 {
		v.Add("regels", "required", "Noem minstens één regel waar het om gaat, zoals Participatiewet artikel 36.")
	}
	if in.Organisation == "" {
		v.Add("organisatie", "required", "Kies de organisatie waar u de noodrem trekt.")
		return nil
	}
	var err error
	p.addressee, err = s.organisationByCode(ctx, in.Organisation, v)
	return err
}

// organisation checks an organisation's brake: its board returns an
// assignment to its principal ministry, openly, within the referral budget
// (report §5.4.6).
func (s *Service) organisation(ctx context.Context, u *schakel.User, in PullInput, p *pull, v *schakel.Validation) error {
	if u == nil {
		return schakel.Errorf(schakel.EUNAUTHORIZED, "Log in om een opdracht terug te geven.")
	}
	p.brake.Identity = schakel.IdentityNamed
	if in.Identity != "" && in.Identity != schakel.IdentityNamed {
		v.Add("identiteit", "not_allowed", "Een organisatie geeft een opdracht open terug, met naam.")
	}
	if strings.TrimSpace(in.Concerned) == "" {
		v.Add("betreft", "required", "Beschrijf de opdracht die u teruggeeft.")
	}
	if in.Organisation == "" {
		v.Add("organisatie", "required", "Kies de organisatie die de opdracht teruggeeft.")
		return nil
	}
	org, err := s.organisationByCode(ctx, in.Organisation, v)
	if org == nil || err != nil {
		return err
	}
	// The report gives this brake to the board, not to anyone who may
	// request for the organisation.
	if authz.Can(u, authz.ReturnAssignment, org.ID) != nil {
		return schakel.Errorf(schakel.EFORBIDDEN, "Alleen het bestuur van %s kan een opdracht teruggeven.", org.Name)
	}
	p.requester = schakel.Party{Kind: schakel.PartyOrganisation, UserID: u.ID, OrganisationID: org.ID}
	switch {
	case !org.Type.Executes():
		v.Add("organisatie", "not_allowed", "Alleen een uitvoerende organisatie geeft een opdracht terug aan haar opdrachtgever.")
	case len(org.PrincipalIDs) == 0:
		v.Add("organisatie", "not_allowed", "%s heeft geen ministerie als opdrachtgever.", org.Name)
	default:
		if p.addressee, err = s.store.Organisation(ctx, org.PrincipalIDs[0]); err != nil {
			return err
		}
		p.budget = &schakel.ReferralBudget{OrganisationID: org.ID, Year: p.brake.Year, Limit: s.Budget}
	}
	return nil
}

// citizen checks the fields of a citizen's brake and turns them into the
// request: the subject names the decision, the grounds are the principles
// behind the citizen's words. A citizen is never anybody in schakel, also
// when logged in.
func (s *Service) citizen(ctx context.Context, in PullInput, p *pull, today calendar.Date, v *schakel.Validation) error {
	p.requester = schakel.Party{Kind: schakel.PartyAnonymous}
	b := p.brake
	b.Identity = schakel.IdentityAnonymous
	ref := strings.TrimSpace(in.DecisionReference)
	if v.Required("kenmerk", ref) && len(ref) > MaxReference {
		v.Add("kenmerk", "too_long", "Gebruik hoogstens %d tekens.", MaxReference)
	}
	b.DecisionReference = ref
	// The request's subject is made of the reference, checked above.
	p.create.Subject = "Besluit " + ref
	v.Derives(comply.FieldSubject)
	b.DecisionDate = decisionDate(in.DecisionDate, today, v)
	// The request's own checks name "toelichting"; what is wrong is required here.
	v.Required(comply.FieldBody, in.Body)
	outcome := strings.TrimSpace(in.WantedOutcome)
	if v.Required("gewensteUitkomst", outcome) && len(outcome) > MaxWantedOutcome {
		v.Add("gewensteUitkomst", "too_long", "Gebruik hoogstens %d tekens.", MaxWantedOutcome)
	}
	b.WantedOutcome = outcome
	b.ContactEmail = s.contactEmail(in.ContactEmail, v)
	if len(in.Grounds) > 0 {
		v.Add(comply.FieldGrounds, "not_allowed", "Een burger kiest uit de zinnen bij bezwaren (bezwaren), niet uit de catalogus.")
	}
	p.create.Grounds = citizenGrounds(in.CitizenGrounds, v)
	if err := s.checkCitizenGrounds(ctx, in.CitizenGrounds, v); err != nil {
		return err
	}
	// The request's grounds come from the sentences, named above as
	// bezwaren; what the request's checks find of them is said there.
	v.Derives(comply.FieldGrounds)
	if in.Organisation == "" {
		v.Add("organisatie", "required", "Kies de organisatie die het besluit nam.")
		return nil
	}
	var err error
	p.addressee, err = s.organisationByCode(ctx, in.Organisation, v)
	return err
}

// checkCitizenGrounds names every chosen sentence whose principle the
// catalogue no longer holds (an operator retired it): the request's own
// check of its grounds is not named, since they come from the sentences.
func (s *Service) checkCitizenGrounds(ctx context.Context, keys []string, v *schakel.Validation) error {
	codes := make([]string, 0, len(keys))
	for _, key := range keys {
		if g, ok := schakel.CitizenGroundByKey(key); ok {
			codes = append(codes, g.Principle)
		}
	}
	if len(codes) == 0 {
		return nil
	}
	ps, err := s.store.Principles(ctx, schakel.PrincipleFilter{Codes: codes})
	if err != nil {
		return err
	}
	current := map[string]bool{}
	for _, p := range ps {
		current[p.Code] = true
	}
	for i, key := range keys {
		if g, ok := schakel.CitizenGroundByKey(key); ok && !current[g.Principle] {
			v.Add(fmt.Sprintf("bezwaren[%d]", i), "unknown", "Beginsel %q staat niet (meer) in de catalogus.", g.Principle)
		}
	}
	return nil
}

// decisionDate checks the date of the contested decision.
func decisionDate(in string, today calendar.Date, v *schakel.Validation) calendar.Date {
	if !v.Required("datumBesluit", in) {
		return calendar.Date{}
	}
	d, err := calendar.ParseDate(strings.TrimSpace(in))
	switch {
	case err != nil:
		v.Add("datumBesluit", "format", "Geef de datum van het besluit, zoals 2026-03-02.")
	case d.After(today):
		v.Add("datumBesluit", "future", "De datum van het besluit ligt in de toekomst.")
	default:
		return d
	}
	return calendar.Date{}
}

// citizenGrounds turns the sentences a citizen chose into the grounds of
// the request, naming each unknown or repeated one.
func citizenGrounds(keys []string, v *schakel.Validation) []schakel.Ground {
	if len(keys) == 0 {
		v.Add("bezwaren", "required", "Kies minstens één zin die zegt wat er mis is.")
	}
	var out []schakel.Ground
	seen := map[string]bool{}
	for i, key := range keys {
		g, ok := schakel.CitizenGroundByKey(key)
		switch {
		case !ok:
			v.Add(fmt.Sprintf("bezwaren[%d]", i), "unknown", "Kies een van de zinnen op het formulier.")
		case seen[key]:
			v.Add(fmt.Sprintf("bezwaren[%d]", i), "duplicate", "Deze zin staat er al.")
		default:
			out = append(out, schakel.Ground{Principle: g.Principle, Text: g.Dutch})
		}
		seen[key] = true
	}
	return out
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
		_, err = s.store.BrakeByReceipt(ctx, code.Lookup())
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
	return s.open(ctx, code)
}

// open returns the brake a receipt code opens and its history, verifying
// the code against its hash. A code whose public half is unknown costs the
// same work as a wrong one, so the answer tells nothing.
func (s *Service) open(ctx context.Context, code string) (*schakel.Brake, []*schakel.Event, error) {
	c, err := receipt.Parse(code)
	if err != nil {
		return nil, nil, err
	}
	b, err := s.store.BrakeByReceipt(ctx, c.Lookup())
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
	evs, err := s.store.Events(ctx, b.RequestID)
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
	if err := s.store.UpdateRequest(ctx, b.Request.Version, n, ev); err != nil {
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
	org, err := s.store.OrganisationByCode(ctx, code)
	if err != nil {
		return nil, Budget{}, err
	}
	year := s.Requests.Engine.Calendar.Today(s.Clock.Now()).Year()
	used, err := s.store.ReferralsUsed(ctx, org.ID, year)
	if err != nil {
		return nil, Budget{}, err
	}
	return org, Budget{Year: year, Limit: s.Budget, Used: used, Available: max(s.Budget-used, 0), Renews: calendar.DateOf(year+1, 1, 1)}, nil
}

// Register returns the brakes of the public register that match f, newest
// first, and their total, as the public may see them (see public).
func (s *Service) Register(ctx context.Context, f schakel.BrakeFilter) ([]*schakel.Brake, int, error) {
	bs, total, err := s.store.Brakes(ctx, f)
	if err != nil {
		return nil, 0, err
	}
	for _, b := range bs {
		public(b, nil)
	}
	return bs, total, nil
}

// RegisterWithEvents is Register with the history of every brake listed,
// by request id, read in one go, as the public may see them.
func (s *Service) RegisterWithEvents(ctx context.Context, f schakel.BrakeFilter) ([]*schakel.Brake, map[int64][]*schakel.Event, int, error) {
	bs, total, err := s.store.Brakes(ctx, f)
	if err != nil {
		return nil, nil, 0, err
	}
	ids := make([]int64, len(bs))
	for i, b := range bs {
		ids[i] = b.RequestID
	}
	events, err := s.store.EventsOf(ctx, ids)
	if err != nil {
		return nil, nil, 0, err
	}
	for _, b := range bs {
		// The events first: masking them needs the puller the request
		// still names.
		events[b.RequestID] = maskEvents(b, events[b.RequestID])
		public(b, nil)
	}
	return bs, events, total, nil
}

// RegisterEntry returns one brake of the public register with its history,
// as the public may see them. Returns ENOTFOUND when there is none.
func (s *Service) RegisterEntry(ctx context.Context, id int64) (*schakel.Brake, []*schakel.Event, error) {
	b, err := s.store.Brake(ctx, id)
	if err != nil {
		return nil, nil, err
	}
	evs, err := s.store.Events(ctx, id)
	if err != nil {
		return nil, nil, err
	}
	evs = maskEvents(b, evs)
	return public(b, nil), evs, nil
}

// public clears what only follows a brake by its code — the receipt code's
// hash and public half — and masks a protected puller for viewer (nil: the
// public), so no later transport or template can show what it should not.
func public(b *schakel.Brake, viewer *schakel.User) *schakel.Brake {
	b.ReceiptHash, b.ReceiptLookup = "", ""
	if b.Request != nil && b.Identity == schakel.IdentityProtected {
		b.Request, _ = requests.Mask(b.Request, nil, viewer)
	}
	return b
}

// maskEvents masks a protected puller in the events of brake b for the
// public. The brake's request must still hold the puller.
func maskEvents(b *schakel.Brake, evs []*schakel.Event) []*schakel.Event {
	if b.Request == nil || b.Identity != schakel.IdentityProtected || b.Request.Requester.Kind != schakel.PartyUser {
		return evs
	}
	_, masked := requests.Mask(b.Request, evs, nil)
	return masked
}

// OfRequest returns what the brake of request id adds to it, with the
// request as u may see it. Returns EUNAUTHORIZED without a user, and
// ENOTFOUND when the request is no brake (a request of a brake's type made
// as a plain request) and also when u may not see it.
func (s *Service) OfRequest(ctx context.Context, u *schakel.User, id int64) (*schakel.Brake, error) {
	r, _, err := s.Requests.Get(ctx, u, id)
	if err != nil {
		return nil, err
	}
	b, err := s.store.Brake(ctx, id)
	if err != nil {
		return nil, err
	}
	b.Request = r // masked for u by Get
	return public(b, u), nil
}

// Reopen reads the brake of a receipt code and its history again after an
// action on it, verifying the code against its hash once more rather than
// trusting that the action did. It does not count against the lookup
// limit, since the action just did. Returns ENOTFOUND for a code that opens
// nothing.
func (s *Service) Reopen(ctx context.Context, code string) (*schakel.Brake, []*schakel.Event, error) {
	return s.open(ctx, code)
}
