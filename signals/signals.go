// Package signals is the one place where signals are filed and knelpunten
// climb (PRODUCT.md C5, report §2.4.1 and §5.4.1): a professional's signal
// that a rule hurts, anchored to the exact rule, joins a knelpunt with the
// similar signals of colleagues; the knelpunt climbs team → board →
// principal ministry → parliament, each rung answering through the
// comply-or-explain engine; the board sends its adopted knelpunten in a
// knelpuntenbrief; and the figures per law, article and policy rule show
// where the law hurts most. Texts are redacted before they are stored, so
// nothing personal leaves the organisation.
package signals

import (
	"context"
	"fmt"

	"github.com/schakel-nl/schakel"
	"github.com/schakel-nl/schakel/authz"
	"github.com/schakel-nl/schakel/redact"
	"github.com/schakel-nl/schakel/requests"
	"github.com/schakel-nl/schakel/ruleref"
)

// Store is what the service needs of the store.
type Store interface {
	requests.Store
	schakel.SignalStore
	schakel.KnelpuntStore
	// Precedent reads a published case, to link a letter to it.
	Precedent(ctx context.Context, caseID int64) (*schakel.Precedent, error)
}

// Limits on a signal. They keep a letter readable and a figure plausible:
// no group of Dutch citizens is larger than the population, and no single
// solution costs more than the national budget.
const (
	MaxTitle      = 200
	MaxText       = 4000
	MaxShort      = 500
	MaxAnchors    = 20
	MaxConflicts  = 10
	MaxEvidence   = 20
	MaxCitizens   = 20_000_000
	MaxCostCents  = 100_000_000_000_00 // € 100 billion
	MaxSplitTitle = MaxTitle
)

// Service files signals and moves knelpunten. Build it with New.
type Service struct {
	Requests *requests.Service
	store    Store
	Clock    schakel.Clock
	// PublicBase is the public address of schakel ("https://schakel.example"),
	// for the links in letters; with "" a letter links to no page of
	// schakel (the app always sets it).
	PublicBase string
}

// New returns the signal service over st, making requests through rs.
func New(st Store, rs *requests.Service, clock schakel.Clock) *Service {
	return &Service{Requests: rs, store: st, Clock: clock}
}

// WithClock returns a copy of s, and of its request service, that tells
// time by clock: for the demo, which builds its history in the past.
func (s *Service) WithClock(clock schakel.Clock) *Service {
	c := *s
	c.Clock = clock
	c.Requests = s.Requests.WithClock(clock)
	return &c
}

// Conflict is a principle in conflict as the filer gives it.
type Conflict struct {
	Principle string
	Grounds   string
}

// FileInput is a signal as a professional files it.
type FileInput struct {
	// Organisation is the code of the filer's organisation.
	Organisation string
	// SignalID completes a signal raised by a case's solve; 0 for a new one.
	SignalID int64
	Title    string
	// Rules are references as people paste them (JCI, wetten.overheid.nl
	// links, beleidsregel:<organisatie>/<id>); a policy rule must be
	// registered, and is anchored to its latest version unless the
	// reference's Versions entry names one.
	Rules    []string
	Versions map[int]int
	Group    string
	Effect   string
	// CitizensLow and CitizensHigh estimate how many citizens are
	// affected; CitizensMethod says how.
	CitizensLow    int64
	CitizensHigh   int64
	CitizensMethod string
	Solution       schakel.Solution
	Proposal       string
	CostOnceCents  int64
	CostYearCents  int64
	CostBorneBy    string
	Conflicts      []Conflict
	Evidence       []schakel.Evidence
	// KnelpuntID joins an existing knelpunt; 0 starts a new one.
	KnelpuntID int64
	// Problems are what the transport found wrong while decoding.
	Problems []schakel.FieldError
}

// Filed is a filed signal, its knelpunt, and what redaction replaced in
// its texts, for the filer to see.
type Filed struct {
	Signal   *schakel.Signal
	Knelpunt *schakel.Knelpunt
	Redacted []redact.Finding
}

// File files a signal in a knelpunt. Returns EUNAUTHORIZED without a user,
// EFORBIDDEN when u is no member of the organisation, ECONFLICT when the
// knelpunt does not take signals any more, and EINVALID naming every
// invalid field (the transport's problems among them); then nothing is
// stored.
func (s *Service) File(ctx context.Context, u *schakel.User, in FileInput) (*Filed, error) {
	sig, org, red, err := s.check(ctx, u, in)
	if err != nil {
		return nil, err
	}
	now := s.Clock.Now()
	sig.State, sig.FiledBy, sig.FiledAt, sig.CreatedAt = schakel.SignalFiled, u.ID, now, now
	var k *schakel.Knelpunt
	ev := &schakel.KnelpuntEvent{Type: schakel.KnelpuntEventJoined, By: u.ID, At: now}
	if sig.KnelpuntID == 0 {
		k = &schakel.Knelpunt{OrganisationID: org.ID, Title: sig.Title, Summary: sig.Effect, Solution: sig.Solution, Proposal: sig.Proposal,
			Level: schakel.LevelTeam, State: schakel.KnelpuntOpen, CreatedBy: u.ID, CreatedAt: now, UpdatedAt: now}
		ev.Type = schakel.KnelpuntEventCreated
	}
	if err := s.store.FileSignal(ctx, sig, k, ev); err != nil {
		return nil, err
	}
	if k, err = s.store.Knelpunt(ctx, sig.KnelpuntID); err != nil {
		return nil, err
	}
	return &Filed{Signal: sig, Knelpunt: k, Redacted: red}, nil
}

// Check validates in for u as File does, without storing anything: a
// form can show every invalid field before it asks the filer to choose a
// knelpunt among the suggestions. It returns what File would refuse with.
func (s *Service) Check(ctx context.Context, u *schakel.User, in FileInput) error {
	_, _, _, err := s.check(ctx, u, in)
	return err
}

// check validates in for u and returns the signal it makes, redacted, the
// organisation, and what redaction replaced.
func (s *Service) check(ctx context.Context, u *schakel.User, in FileInput) (*schakel.Signal, *schakel.Organisation, []redact.Finding, error) {
	if u == nil {
		return nil, nil, nil, schakel.Errorf(schakel.EUNAUTHORIZED, "Log in om een signaal te geven.")
	}
	var v schakel.Validation
	v.Given(in.Problems)
	org, err := s.organisation(ctx, &v, in.Organisation)
	if err != nil {
		return nil, nil, nil, err
	}
	if org != nil {
		if err := authz.Can(u, authz.FileSignal, org.ID); err != nil {
			return nil, nil, nil, schakel.Errorf(schakel.EFORBIDDEN, "Alleen medewerkers van %s kunnen daar een signaal geven.", org.Name)
		}
	}
	sig := &schakel.Signal{ID: in.SignalID, KnelpuntID: in.KnelpuntID}
	if org != nil {
		sig.OrganisationID = org.ID
	}
	if err := s.raised(ctx, &v, sig); err != nil {
		return nil, nil, nil, err
	}
	checkTexts(&v, in, sig)
	if sig.Anchors, err = s.anchors(ctx, &v, in.Rules, in.Versions); err != nil {
		return nil, nil, nil, err
	}
	checkNumbers(&v, in, sig)
	if sig.Conflicts, err = s.conflicts(ctx, &v, in.Conflicts); err != nil {
		return nil, nil, nil, err
	}
	sig.Evidence = checkEvidence(&v, in.Evidence)
	if err := s.knelpunt(ctx, &v, sig); err != nil {
		return nil, nil, nil, err
	}
	if err := v.Err(); err != nil {
		return nil, nil, nil, err
	}
	return sig, org, redactSignal(sig, s.keep(ctx, org)), nil
}

// organisation finds the organisation by code, naming a missing or
// unknown one in v.
func (s *Service) organisation(ctx context.Context, v *schakel.Validation, code string) (*schakel.Organisation, error) {
	if !v.Required("organisatie", code) {
		return nil, nil
	}
	org, err := s.store.OrganisationByCode(ctx, code)
	if schakel.ErrorCode(err) == schakel.ENOTFOUND {
		v.Add("organisatie", "unknown", "Organisatie %q bestaat niet.", code)
		return nil, nil
	}
	return org, err
}

// raised checks that a signal to complete is a raised signal of the
// organisation.
func (s *Service) raised(ctx context.Context, v *schakel.Validation, sig *schakel.Signal) error {
	if sig.ID == 0 {
		return nil
	}
	old, err := s.store.Signal(ctx, sig.ID)
	switch {
	case schakel.ErrorCode(err) == schakel.ENOTFOUND || (err == nil && old.OrganisationID != sig.OrganisationID):
		v.Add("signaalId", "unknown", "Signaal %d bestaat niet bij deze organisatie.", sig.ID)
	case err != nil:
		return err
	case old.State != schakel.SignalRaised:
		return schakel.Errorf(schakel.ECONFLICT, "Signaal %d is al ingediend.", sig.ID)
	default:
		sig.CaseID = old.CaseID
	}
	return nil
}

// checkTexts validates the free texts of in into sig.
func checkTexts(v *schakel.Validation, in FileInput, sig *schakel.Signal) {
	sig.Title = v.Text("titel", in.Title, MaxTitle, true)
	sig.Group = v.Text("groep", in.Group, MaxShort, true)
	sig.Effect = v.Text("gevolg", in.Effect, MaxText, true)
	sig.Citizens.Method = v.Text("burgers.methode", in.CitizensMethod, MaxShort, true)
	if !in.Solution.Valid() {
		v.Add("oplossing", "enum", "Kies een van: wet, beleidsregel, uitvoering, maatwerkruimte.")
	}
	sig.Solution = in.Solution
	sig.Proposal = v.Text("voorstel", in.Proposal, MaxText, true)
	sig.Cost.BorneBy = v.Text("kosten.drager", in.CostBorneBy, MaxShort, in.CostOnceCents > 0 || in.CostYearCents > 0)
}

// checkNumbers validates the estimate of citizens and the costs.
func checkNumbers(v *schakel.Validation, in FileInput, sig *schakel.Signal) {
	switch {
	case in.CitizensLow < 0:
		v.Add("burgers.van", "negative", "Een aantal burgers is niet negatief.")
	case in.CitizensLow > MaxCitizens:
		v.Add("burgers.van", "too_large", "Gebruik hoogstens %d: Nederland heeft niet meer inwoners.", MaxCitizens)
	}
	switch {
	case in.CitizensHigh < 0:
		v.Add("burgers.tot", "negative", "Een aantal burgers is niet negatief.")
	case in.CitizensHigh > MaxCitizens:
		v.Add("burgers.tot", "too_large", "Gebruik hoogstens %d: Nederland heeft niet meer inwoners.", MaxCitizens)
	case in.CitizensHigh == 0:
		v.Add("burgers.tot", "required", "Schat hoeveel burgers het hoogstens treft (minstens 1).")
	case in.CitizensHigh < in.CitizensLow:
		v.Add("burgers.tot", "below_low", "Het hoogste aantal is kleiner dan het laagste.")
	}
	sig.Citizens.Low, sig.Citizens.High = in.CitizensLow, in.CitizensHigh
	for _, c := range []struct {
		field string
		cents int64
	}{{"kosten.eenmaligCenten", in.CostOnceCents}, {"kosten.structureelCenten", in.CostYearCents}} {
		switch {
		case c.cents < 0:
			v.Add(c.field, "negative", "Kosten zijn niet negatief; zet een besparing in het voorstel.")
		case c.cents > MaxCostCents:
			v.Add(c.field, "too_large", "Gebruik hoogstens € 100 miljard.")
		}
	}
	sig.Cost.OnceCents, sig.Cost.YearlyCents = in.CostOnceCents, in.CostYearCents
}

// anchors parses the rule references; a policy rule must be registered,
// and is anchored to the version asked for or its latest.
func (s *Service) anchors(ctx context.Context, v *schakel.Validation, rules []string, versions map[int]int) ([]schakel.Anchor, error) {
	switch {
	case len(rules) == 0:
		v.Add("regels", "required", "Noem minstens één regel waar het om gaat, zoals Wet WIA artikel 76.")
		return nil, nil
	case len(rules) > MaxAnchors:
		v.Add("regels", "too_many", "Noem hoogstens %d regels.", MaxAnchors)
		return nil, nil
	}
	out := make([]schakel.Anchor, 0, len(rules))
	seen := map[string]bool{}
	for i, raw := range rules {
		field := fmt.Sprintf("regels[%d]", i)
		ref, err := ruleref.Parse(raw)
		if err != nil {
			for _, f := range schakel.ErrorFields(err) {
				v.Add(field, f.Code, f.Format, f.Args...)
			}
			continue
		}
		if seen[ref.String()] {
			v.Add(field, "duplicate", "Deze regel staat er al.")
			continue
		}
		seen[ref.String()] = true
		a := schakel.Anchor{Ref: ref.String()}
		if ref.Kind == ruleref.KindPolicy {
			version, err := s.policyVersion(ctx, v, field, ref, versions[i])
			if err != nil {
				return nil, err
			}
			a.Version = version
		}
		out = append(out, a)
	}
	return out, nil
}

// policyVersion finds the registered version of a policy rule.
func (s *Service) policyVersion(ctx context.Context, v *schakel.Validation, field string, ref ruleref.Ref, version int) (int, error) {
	org, err := s.store.OrganisationByCode(ctx, ref.Organisation)
	if schakel.ErrorCode(err) == schakel.ENOTFOUND {
		v.Add(field, "unknown", "Organisatie %q bestaat niet.", ref.Organisation)
		return 0, nil
	}
	if err != nil {
		return 0, err
	}
	rule, err := s.store.PolicyRule(ctx, org.ID, ref.PolicyID, version)
	if schakel.ErrorCode(err) == schakel.ENOTFOUND {
		if version > 0 {
			v.Add(field, "unknown", "Versie %d van beleidsregel %s van %s is niet geregistreerd.", version, ref.PolicyID, org.Name)
		} else {
			v.Add(field, "unknown", "Beleidsregel %s van %s is niet geregistreerd; vraag de beheerder hem te registreren.", ref.PolicyID, org.Name)
		}
		return 0, nil
	}
	if err != nil {
		return 0, err
	}
	return rule.Version, nil
}

// conflicts checks the principles in conflict: at least one, each in the
// catalogue, once, with grounds.
func (s *Service) conflicts(ctx context.Context, v *schakel.Validation, in []Conflict) ([]schakel.Ground, error) {
	switch {
	case len(in) == 0:
		v.Add("conflicten", "required", "Noem minstens één beginsel dat in de knel komt, met de reden.")
		return nil, nil
	case len(in) > MaxConflicts:
		v.Add("conflicten", "too_many", "Noem hoogstens %d beginselen.", MaxConflicts)
		return nil, nil
	}
	grounds := make([]schakel.Ground, len(in))
	for i, c := range in {
		grounds[i] = schakel.Ground{Principle: c.Principle, Text: c.Grounds}
	}
	return s.Requests.CheckGrounds(ctx, v, "conflicten", grounds, MaxShort*4)
}

// checkEvidence checks the shape of the evidence; whether each exists at
// the organisation the store checks.
func checkEvidence(v *schakel.Validation, in []schakel.Evidence) []schakel.Evidence {
	if len(in) > MaxEvidence {
		v.Add("bewijs", "too_many", "Noem hoogstens %d casussen of noodremmen.", MaxEvidence)
		return nil
	}
	for i, e := range in {
		field := fmt.Sprintf("bewijs[%d]", i)
		if e.Kind != schakel.EvidenceCase && e.Kind != schakel.EvidenceBrake {
			v.Add(field+".soort", "enum", "Kies een van: casus, noodrem.")
		}
		if e.ID <= 0 {
			v.Add(field+".id", "required", "Noem het nummer van de casus of noodrem.")
		}
	}
	return in
}

// knelpunt checks that a knelpunt to join is the organisation's and still
// takes signals.
func (s *Service) knelpunt(ctx context.Context, v *schakel.Validation, sig *schakel.Signal) error {
	switch {
	case sig.KnelpuntID < 0:
		v.Add("knelpuntId", "unknown", "Knelpunt %d bestaat niet.", sig.KnelpuntID)
		return nil
	case sig.KnelpuntID == 0:
		return nil
	}
	k, err := s.store.Knelpunt(ctx, sig.KnelpuntID)
	switch {
	case schakel.ErrorCode(err) == schakel.ENOTFOUND || (err == nil && sig.OrganisationID != 0 && k.OrganisationID != sig.OrganisationID):
		v.Add("knelpuntId", "unknown", "Knelpunt %d bestaat niet bij deze organisatie.", sig.KnelpuntID)
	case err != nil:
		return err
	case !k.State.TakesSignals(k.Level):
		return schakel.Errorf(schakel.ECONFLICT, "Knelpunt %d neemt geen signalen meer aan: het is %s.", k.ID, k.State)
	}
	return nil
}

// keep returns the names redaction keeps: the organisation's code and
// name.
func (s *Service) keep(_ context.Context, org *schakel.Organisation) redact.Context {
	return redact.Context{Keep: []string{org.Code, org.Name}}
}

// redactSignal replaces personal data in every text of sig and returns
// what it replaced.
func redactSignal(sig *schakel.Signal, rc redact.Context) []redact.Finding {
	var all []redact.Finding
	for _, p := range []*string{&sig.Title, &sig.Group, &sig.Effect, &sig.Citizens.Method, &sig.Proposal, &sig.Cost.BorneBy} {
		var found []redact.Finding
		*p, found = rc.Redact(*p)
		all = append(all, found...)
	}
	for i := range sig.Conflicts {
		var found []redact.Finding
		sig.Conflicts[i].Text, found = rc.Redact(sig.Conflicts[i].Text)
		all = append(all, found...)
	}
	return all
}
