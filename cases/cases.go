// Package cases is the maatwerkplaats (PRODUCT.md C3, C4): a professional
// brings a case where a rule works out against its intent; the coordinator
// convenes the perspectives that matter; the outcome is a fix (maatwerk or
// an authoritative no) and/or a solve (a structural signal); decided cases
// are published, redacted, as precedent so equal cases stay equal.
//
// The citizen's situation and the parties never leave the organisation:
// every text of a publication goes through package redact, also what a
// reviewer edits, so a reviewer can redact more but never less.
package cases

import (
	"context"
	"fmt"
	"regexp"
	"slices"
	"strings"

	"github.com/schakel-nl/schakel"
	"github.com/schakel-nl/schakel/authz"
	"github.com/schakel-nl/schakel/precedent"
	"github.com/schakel-nl/schakel/ruleref"
)

// Store is what the service needs of the store.
type Store interface {
	schakel.CaseStore
	schakel.OrganisationStore
	schakel.PrincipleStore
	schakel.UserStore
	// CaseErasures tells which cases' texts were erased: those are not
	// published any more.
	CaseErasures(ctx context.Context, caseIDs []int64) (map[int64]*schakel.CaseErasure, error)
}

// Service runs the maatwerkplaats. Build it with New.
type Service struct {
	store Store
	Clock schakel.Clock
	// Thresholds of similarity, consistency and the solve proposal; zero
	// means precedent.DefaultThresholds.
	Thresholds precedent.Thresholds
}

// New returns the maatwerkplaats over st.
func New(st Store, clock schakel.Clock) *Service {
	return &Service{store: st, Clock: clock}
}

// WithClock returns a copy of s that tells time by clock, for the demo,
// which builds its history in the past.
func (s *Service) WithClock(clock schakel.Clock) *Service {
	c := *s
	c.Clock = clock
	return &c
}

func (s *Service) thresholds() precedent.Thresholds {
	if s.Thresholds == (precedent.Thresholds{}) {
		return precedent.DefaultThresholds
	}
	return s.Thresholds
}

// Limits on what a case holds.
const (
	MaxTitle     = 200
	MaxText      = 20000
	MaxShortText = 4000
	MaxParties   = 20
	MaxRuleRefs  = 20
	MaxItems     = 20
)

// LegalGrounds are the grounds a fix may rest on: the general hardship
// clause of the Awb, a hardship clause of the law concerned, a principle.
var LegalGrounds = []string{"awb-4:84", "hardheidsclausule", "beginsel"}

// SubmitInput is a new case as a professional submits it.
type SubmitInput struct {
	Organisation string
	Title        string
	Situation    string
	Parties      []string
	RuleRefs     []string
	Intent       string
	Harm         string
	Principles   []string
	Urgent       bool
	// Problems are what the transport found wrong while decoding the
	// input; they are named with the service's findings and nothing is
	// stored.
	Problems []schakel.FieldError
}

// member returns the organisation with code when u may do action there.
func (s *Service) member(ctx context.Context, u *schakel.User, code string, action authz.Action, v *schakel.Validation) (*schakel.Organisation, error) {
	if u == nil {
		return nil, schakel.Errorf(schakel.EUNAUTHORIZED, "Log in om casussen te zien of in te dienen.")
	}
	if code == "" {
		v.Add("organisatie", "required", "Kies de organisatie waar de casus speelt.")
		return nil, nil
	}
	org, err := s.store.OrganisationByCode(ctx, code)
	if schakel.ErrorCode(err) == schakel.ENOTFOUND {
		v.Add("organisatie", "unknown", "Organisatie %q bestaat niet.", code)
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	if err := authz.Can(u, action, org.ID); err != nil {
		return nil, schakel.Errorf(schakel.EFORBIDDEN, "U werkt niet bij %s en kunt daar geen casus indienen.", org.Name)
	}
	return org, nil
}

// text checks a required text of at most n bytes.
func text(v *schakel.Validation, field, value string, n int) string {
	value = strings.TrimSpace(value)
	if v.Required(field, value) && len(value) > n {
		v.Add(field, "too_long", "Gebruik hoogstens %d tekens.", n)
	}
	return value
}

// ruleRefs parses the rule references, naming each invalid one.
func ruleRefs(v *schakel.Validation, field string, in []string, required bool) []string {
	if required && len(in) == 0 {
		v.Add(field, "required", "Noem minstens één regel waar het om gaat, zoals Wet WIA artikel 76.")
	}
	if len(in) > MaxRuleRefs {
		v.Add(field, "too_many", "Noem hoogstens %d regels.", MaxRuleRefs)
		return nil
	}
	out := make([]string, 0, len(in))
	for i, s := range in {
		ref, err := ruleref.Parse(s)
		if err != nil {
			for _, f := range schakel.ErrorFields(err) {
				v.Add(fmt.Sprintf("%s[%d]", field, i), f.Code, f.Format, f.Args...)
			}
			continue
		}
		out = append(out, ref.String())
	}
	return out
}

// principles checks that every code is in the catalogue, once; the i-th
// code is the input's field name(i), the list is field.
func (s *Service) principles(ctx context.Context, v *schakel.Validation, field string, name func(i int) string, codes []string) error {
	if len(codes) > MaxItems {
		v.Add(field, "too_many", "Noem hoogstens %d beginselen.", MaxItems)
		return nil
	}
	ps, err := s.store.Principles(ctx, schakel.PrincipleFilter{Codes: codes})
	if err != nil {
		return err
	}
	known := map[string]bool{}
	for _, p := range ps {
		known[p.Code] = true
	}
	seen := map[string]bool{}
	for i, c := range codes {
		f := name(i)
		switch {
		case !known[c]:
			v.Add(f, "unknown", "Beginsel %q staat niet (meer) in de catalogus.", c)
		case seen[c]:
			v.Add(f, "duplicate", "Beginsel %q staat er al.", c)
		}
		seen[c] = true
	}
	return nil
}

// Submit stores a new case. Returns EUNAUTHORIZED without a user,
// EFORBIDDEN when u does not work at the organisation, and EINVALID naming
// every invalid field.
func (s *Service) Submit(ctx context.Context, u *schakel.User, in SubmitInput) (*schakel.Case, error) {
	var v schakel.Validation
	v.Given(in.Problems)
	org, err := s.member(ctx, u, in.Organisation, authz.SubmitCase, &v)
	if err != nil {
		return nil, err
	}
	c := &schakel.Case{SubmittedBy: u.ID, Urgent: in.Urgent, CreatedAt: s.Clock.Now()}
	if org != nil {
		c.OrganisationID = org.ID
	}
	c.Title = text(&v, "titel", in.Title, MaxTitle)
	c.Situation = text(&v, "situatie", in.Situation, MaxText)
	c.Intent = text(&v, "bedoeling", in.Intent, MaxShortText)
	c.Harm = text(&v, "knelpunt", in.Harm, MaxShortText)
	c.RuleRefs = ruleRefs(&v, "regels", in.RuleRefs, true)
	if len(in.Parties) > MaxParties {
		v.Add("partijen", "too_many", "Noem hoogstens %d namen.", MaxParties)
	}
	for i, p := range in.Parties {
		p = strings.TrimSpace(p)
		switch {
		case p == "":
			v.Add(fmt.Sprintf("partijen[%d]", i), "required", "Dit veld is verplicht.")
		case len(p) > 200:
			v.Add(fmt.Sprintf("partijen[%d]", i), "too_long", "Gebruik hoogstens %d tekens.", 200)
		default:
			c.Parties = append(c.Parties, p)
		}
	}
	listed := func(i int) string { return fmt.Sprintf("beginselen[%d]", i) }
	if err := s.principles(ctx, &v, "beginselen", listed, in.Principles); err != nil {
		return nil, err
	}
	c.Principles = in.Principles
	if err := v.Err(); err != nil {
		return nil, err
	}
	if err := s.store.CreateCase(ctx, c); err != nil {
		return nil, err
	}
	return c, nil
}

// Get returns a case for a member of its organisation. Returns ENOTFOUND
// also when u may not see it, so its existence does not leak.
func (s *Service) Get(ctx context.Context, u *schakel.User, id int64) (*schakel.Case, error) {
	if u == nil {
		return nil, schakel.Errorf(schakel.EUNAUTHORIZED, "Log in om casussen te zien.")
	}
	c, err := s.store.Case(ctx, id)
	if err != nil {
		return nil, err
	}
	if authz.Can(u, authz.ViewCases, c.OrganisationID) != nil {
		invited, err := s.invited(ctx, u, c)
		if err != nil {
			return nil, err
		}
		if !invited {
			return nil, schakel.Errorf(schakel.ENOTFOUND, "Casus %d bestaat niet of u mag hem niet zien.", id)
		}
	}
	return c, nil
}

// invited reports whether u was invited to bring a perspective to c and
// still works at its organisation. The coordinator may invite any colleague
// (the confidential counsel too), whose role alone would not let them read
// cases; the invitation is what lets them read this one, so that they can
// give their view. The case still does not leave the organisation, and the
// login must reach the level reading asks.
func (s *Service) invited(ctx context.Context, u *schakel.User, c *schakel.Case) (bool, error) {
	if !memberOf(u, c.OrganisationID) || authz.Sufficient(u, authz.StakeOf(authz.ViewCases)) != nil {
		return false, nil
	}
	invs, err := s.store.Invitations(ctx, c.ID)
	if err != nil {
		return false, err
	}
	for _, inv := range invs {
		if inv.UserID == u.ID {
			return true, nil
		}
	}
	return false, nil
}

// List returns the cases of the organisations u works at.
func (s *Service) List(ctx context.Context, u *schakel.User, state schakel.CaseState, offset, limit int) ([]*schakel.Case, int, error) {
	if u == nil {
		return nil, 0, schakel.Errorf(schakel.EUNAUTHORIZED, "Log in om casussen te zien.")
	}
	return s.store.Cases(ctx, schakel.CaseFilter{OrganisationIDs: authz.Organisations(u, authz.ViewCases), State: state, Offset: offset, Limit: limit})
}

// manage returns the case when u may manage it and it is in one of states.
func (s *Service) manage(ctx context.Context, u *schakel.User, id int64, what string, states ...schakel.CaseState) (*schakel.Case, error) {
	c, err := s.Get(ctx, u, id)
	if err != nil {
		return nil, err
	}
	if authz.Can(u, authz.ManageCases, c.OrganisationID) != nil {
		return nil, schakel.Errorf(schakel.EFORBIDDEN, "Alleen de coördinator of het bestuur kan %s.", what)
	}
	for _, st := range states {
		if c.State == st {
			return c, nil
		}
	}
	return nil, schakel.Errorf(schakel.ECONFLICT, "De casus is gewijzigd sinds u de pagina opende: casus %d is nu %s. Daarom kan %s niet meer.", id, c.State, what)
}

var perspectiveCode = regexp.MustCompile(`^[a-z][a-z-]{1,39}$`)

// Invite asks a colleague of the organisation to bring a perspective.
func (s *Service) Invite(ctx context.Context, u *schakel.User, id int64, perspective schakel.Perspective, userID int64) (*schakel.Case, error) {
	c, err := s.manage(ctx, u, id, "uitnodigen", schakel.CaseSubmitted, schakel.CaseDeliberation)
	if err != nil {
		return nil, err
	}
	var v schakel.Validation
	if !perspectiveCode.MatchString(string(perspective)) {
		v.Add("perspectief", "format", "Kies een perspectief, zoals juridisch of financieel (kleine letters en koppeltekens).")
	}
	invitee, err := s.store.User(ctx, userID)
	switch {
	case schakel.ErrorCode(err) == schakel.ENOTFOUND || userID <= 0:
		v.Add("gebruiker", "unknown", "Deze gebruiker bestaat niet.")
	case err != nil:
		return nil, err
	case !memberOf(invitee, c.OrganisationID):
		v.Add("gebruiker", "not_allowed", "Nodig iemand van de eigen organisatie uit; de casus verlaat de organisatie niet.")
	}
	if err := v.Err(); err != nil {
		return nil, err
	}
	if err := s.store.Invite(ctx, c.Version, &schakel.Invitation{CaseID: id, Perspective: perspective, UserID: userID, InvitedBy: u.ID, At: s.Clock.Now()}); err != nil {
		return nil, err
	}
	return s.store.Case(ctx, id)
}

func memberOf(u *schakel.User, org int64) bool {
	for _, m := range u.Memberships {
		if m.OrganisationID == org {
			return true
		}
	}
	return false
}

// AddView records the view of an invited perspective (or the
// coordinator's own).
func (s *Service) AddView(ctx context.Context, u *schakel.User, id int64, perspective schakel.Perspective, txt string) (*schakel.Case, error) {
	c, err := s.Get(ctx, u, id)
	if err != nil {
		return nil, err
	}
	if c.State != schakel.CaseSubmitted && c.State != schakel.CaseDeliberation {
		return nil, schakel.Errorf(schakel.ECONFLICT, "Casus %d is %s; een standpunt toevoegen kan dan niet.", id, c.State)
	}
	invs, err := s.store.Invitations(ctx, id)
	if err != nil {
		return nil, err
	}
	invited := false
	for _, inv := range invs {
		if inv.UserID == u.ID && inv.Perspective == perspective {
			invited = true
		}
	}
	if !invited && authz.Can(u, authz.ManageCases, c.OrganisationID) != nil {
		return nil, schakel.Errorf(schakel.EFORBIDDEN, "U bent niet uitgenodigd voor het perspectief %q.", perspective)
	}
	var v schakel.Validation
	if !perspectiveCode.MatchString(string(perspective)) {
		v.Add("perspectief", "format", "Kies een perspectief, zoals juridisch of financieel (kleine letters en koppeltekens).")
	}
	t := text(&v, "standpunt", txt, MaxText)
	if err := v.Err(); err != nil {
		return nil, err
	}
	if err := s.store.AddView(ctx, c.Version, &schakel.View{CaseID: id, Perspective: perspective, UserID: u.ID, Text: t, At: s.Clock.Now()}); err != nil {
		return nil, err
	}
	return s.store.Case(ctx, id)
}

// Missing returns the standard perspectives without a view yet.
func Missing(views []*schakel.View) []schakel.Perspective {
	have := map[schakel.Perspective]bool{}
	for _, v := range views {
		have[v.Perspective] = true
	}
	var out []schakel.Perspective
	for _, p := range schakel.StandardPerspectives {
		if !have[p] {
			out = append(out, p)
		}
	}
	return out
}

// DecideInput is a decision as the coordinator or board records it.
type DecideInput struct {
	Outcome         schakel.Outcome
	LegalGround     string
	LegalGroundText string
	Weighings       []schakel.Weighing
	CostCents       int64
	Explanation     string
	// SignalText and SignalRuleRefs are the solve; required when the
	// outcome is a signal only, optional with a fix.
	SignalText     string
	SignalRuleRefs []string
	// Problems are what the transport found wrong while decoding the
	// input; they are named with the service's findings and nothing is
	// stored.
	Problems []schakel.FieldError
}

// Decide records the decision of a case.
func (s *Service) Decide(ctx context.Context, u *schakel.User, id int64, in DecideInput) (*schakel.Case, error) {
	c, err := s.manage(ctx, u, id, "besluiten", schakel.CaseSubmitted, schakel.CaseDeliberation)
	if err != nil {
		return nil, err
	}
	var v schakel.Validation
	v.Given(in.Problems)
	d := &schakel.Decision{CaseID: id, Outcome: in.Outcome, CostCents: in.CostCents, DecidedBy: u.ID, At: s.Clock.Now()}
	if !in.Outcome.Valid() {
		v.Add("uitkomst", "enum", "Kies een van: %s.", "maatwerk, gezagsvol-nee, alleen-signaal")
	}
	fix := in.Outcome == schakel.OutcomeMaatwerk || in.Outcome == schakel.OutcomeNo
	if fix {
		switch {
		case in.LegalGround == "":
			v.Add("grondslag", "required", "Kies waarop het besluit rust: de ruimte om af te wijken in artikel 4:84 van de Awb, een hardheidsclausule in de wet, of een beginsel.")
		case !slices.Contains(LegalGrounds, in.LegalGround):
			v.Add("grondslag", "enum", "Kies een van: %s.", "awb-4:84, hardheidsclausule, beginsel")
		}
		d.LegalGround = in.LegalGround
		d.LegalGroundText = text(&v, "grondslagToelichting", in.LegalGroundText, MaxShortText)
		if len(in.Weighings) == 0 {
			v.Add("afwegingen", "required", "Zeg per beginsel hoe het is gewogen.")
		}
	}
	codes := make([]string, 0, len(in.Weighings))
	for i, w := range in.Weighings {
		codes = append(codes, w.Principle)
		how := text(&v, fmt.Sprintf("afwegingen[%d].hoe", i), w.How, MaxShortText)
		d.Weighings = append(d.Weighings, schakel.Weighing{Principle: w.Principle, How: how})
	}
	weighed := func(i int) string { return fmt.Sprintf("afwegingen[%d].beginsel", i) }
	if err := s.principles(ctx, &v, "afwegingen", weighed, codes); err != nil {
		return nil, err
	}
	if in.CostCents < 0 {
		v.Add("kostenCenten", "range", "De kosten kunnen niet negatief zijn.")
	}
	d.Explanation = text(&v, "uitleg", in.Explanation, MaxShortText)
	if in.Outcome == schakel.OutcomeSolveOnly || in.SignalText != "" || len(in.SignalRuleRefs) > 0 {
		sig := &schakel.Signal{OrganisationID: c.OrganisationID, State: schakel.SignalRaised}
		sig.Proposal = text(&v, "signaal", in.SignalText, MaxText)
		for _, ref := range ruleRefs(&v, "signaalRegels", in.SignalRuleRefs, true) {
			sig.Anchors = append(sig.Anchors, schakel.Anchor{Ref: ref})
		}
		d.Signal = sig
	}
	if err := v.Err(); err != nil {
		return nil, err
	}
	if err := s.store.Decide(ctx, c.Version, d); err != nil {
		return nil, err
	}
	return s.store.Case(ctx, id)
}

// Withdraw ends a case that is not decided, for whoever submitted it or
// manages it.
func (s *Service) Withdraw(ctx context.Context, u *schakel.User, id int64, reason string) (*schakel.Case, error) {
	c, err := s.Get(ctx, u, id)
	if err != nil {
		return nil, err
	}
	if c.SubmittedBy != u.ID && authz.Can(u, authz.ManageCases, c.OrganisationID) != nil {
		return nil, schakel.Errorf(schakel.EFORBIDDEN, "Alleen wie de casus indiende, de coördinator of het bestuur kan hem intrekken.")
	}
	if c.State != schakel.CaseSubmitted && c.State != schakel.CaseDeliberation {
		return nil, schakel.Errorf(schakel.ECONFLICT, "Casus %d is %s; intrekken kan dan niet.", id, c.State)
	}
	var v schakel.Validation
	r := text(&v, "reden", reason, MaxShortText)
	if err := v.Err(); err != nil {
		return nil, err
	}
	if err := s.store.WithdrawCase(ctx, c.Version, id, u.ID, s.Clock.Now(), r); err != nil {
		return nil, err
	}
	return s.store.Case(ctx, id)
}

// Similar is what the precedent says about a case: the similar published
// cases, those among them decided otherwise (with the case's outcome, once
// decided), whether the similar cases disagree among themselves, and a
// proposal to turn the fix into a solve when similar fixes pile up.
type Similar struct {
	Matches      []precedent.Match
	Inconsistent []precedent.Match
	Divergent    bool
	Proposal     *precedent.Proposal
	Precedents   map[int64]*schakel.Precedent
}

// SimilarTo compares a case with the register.
func (s *Service) SimilarTo(ctx context.Context, u *schakel.User, id int64) (*Similar, error) {
	c, err := s.Get(ctx, u, id)
	if err != nil {
		return nil, err
	}
	item := precedent.Item{ID: c.ID, OrganisationID: c.OrganisationID, Text: c.Title + " " + c.Situation + " " + c.Intent + " " + c.Harm,
		RuleRefs: c.RuleRefs, Principles: c.Principles, DecidedAt: c.CreatedAt}
	d, err := s.store.CaseDecision(ctx, id)
	switch {
	case err == nil:
		item.Outcome, item.DecidedAt = d.Outcome, d.At
		for _, w := range d.Weighings {
			if !slices.Contains(item.Principles, w.Principle) {
				item.Principles = append(item.Principles, w.Principle)
			}
		}
	case schakel.ErrorCode(err) != schakel.ENOTFOUND:
		return nil, err
	}
	return s.similar(ctx, item)
}

// SimilarToText compares a case being written with the register, before it
// is stored (the submission form shows it).
func (s *Service) SimilarToText(ctx context.Context, text string, refs, principles []string) (*Similar, error) {
	return s.similar(ctx, precedent.Item{Text: text, RuleRefs: refs, Principles: principles, DecidedAt: s.Clock.Now()})
}

func (s *Service) similar(ctx context.Context, item precedent.Item) (*Similar, error) {
	th := s.thresholds()
	ps, err := s.store.SimilarCandidates(ctx, item.Text, item.RuleRefs, item.Principles, 120)
	if err != nil {
		return nil, err
	}
	out := &Similar{Precedents: make(map[int64]*schakel.Precedent, len(ps))}
	candidates := make([]precedent.Item, 0, len(ps))
	for _, p := range ps {
		out.Precedents[p.CaseID] = p
		candidates = append(candidates, precedent.Item{ID: p.CaseID, OrganisationID: p.OrganisationID,
			Text: p.Title + " " + p.Summary + " " + p.Intent + " " + p.Harm, RuleRefs: p.RuleRefs, Principles: p.Principles,
			Outcome: p.Outcome, DecidedAt: p.DecidedAt})
	}
	all := precedent.Rank(item, candidates, th.Similar, 0)
	out.Inconsistent = precedent.Inconsistent(item.Outcome, all, th)
	out.Divergent = precedent.Divergent(all, th)
	out.Proposal = precedent.SolveProposal(item, all, s.Clock.Now(), th)
	out.Matches = all
	if len(out.Matches) > 10 {
		out.Matches = out.Matches[:10]
	}
	return out, nil
}

// Search searches the register; it is public.
func (s *Service) Search(ctx context.Context, f schakel.PrecedentFilter) ([]*schakel.Precedent, int, error) {
	return s.store.Precedents(ctx, f)
}

// Deliberation is a case with everything its page shows: the table of
// perspectives, the decision and the history.
type Deliberation struct {
	Case        *schakel.Case
	Invitations []*schakel.Invitation
	Views       []*schakel.View
	// Decision is nil until the case is decided.
	Decision *schakel.Decision
	History  []*schakel.CaseEvent
}

// Deliberation returns a case with its deliberation, decision and history
// for a member of its organisation. Returns ENOTFOUND also when u may not
// see it.
func (s *Service) Deliberation(ctx context.Context, u *schakel.User, id int64) (*Deliberation, error) {
	c, err := s.Get(ctx, u, id)
	if err != nil {
		return nil, err
	}
	return s.deliberationOf(ctx, c)
}

// Deliberations returns a page of the cases u may see, as List does, each
// with its deliberation, decision and history.
func (s *Service) Deliberations(ctx context.Context, u *schakel.User, state schakel.CaseState, offset, limit int) ([]*Deliberation, int, error) {
	cs, total, err := s.List(ctx, u, state, offset, limit)
	if err != nil {
		return nil, 0, err
	}
	out := make([]*Deliberation, 0, len(cs))
	for _, c := range cs {
		d, err := s.deliberationOf(ctx, c)
		if err != nil {
			return nil, 0, err
		}
		out = append(out, d)
	}
	return out, total, nil
}

// deliberationOf reads what a case's page shows besides the case, which
// the caller read and authorised.
func (s *Service) deliberationOf(ctx context.Context, c *schakel.Case) (*Deliberation, error) {
	id := c.ID
	d := &Deliberation{Case: c}
	var err error
	if d.Invitations, err = s.store.Invitations(ctx, id); err != nil {
		return nil, err
	}
	if d.Views, err = s.store.Views(ctx, id); err != nil {
		return nil, err
	}
	d.Decision, err = s.store.CaseDecision(ctx, id)
	switch {
	case schakel.ErrorCode(err) == schakel.ENOTFOUND:
		d.Decision = nil
	case err != nil:
		return nil, err
	}
	if d.History, err = s.store.CaseEvents(ctx, id); err != nil {
		return nil, err
	}
	return d, nil
}

// Precedent returns a published case of the register; it is public.
// Returns ENOTFOUND when there is none.
func (s *Service) Precedent(ctx context.Context, id int64) (*schakel.Precedent, error) {
	return s.store.Precedent(ctx, id)
}
