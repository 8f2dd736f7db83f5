// Package requests is the one place where requests for account are made,
// read and moved on behalf of a user: it checks who may, builds ladders from
// the organisation relations, runs the pure state machine (package comply)
// and writes through the store with the version it read. The API, the pages
// and later the brake and signals all go through it.
package requests

import (
	"context"
	"fmt"
	"sort"
	"strings"
	"sync/atomic"
	"time"
	"unicode/utf8"

	"github.com/schakel-nl/schakel"
	"github.com/schakel-nl/schakel/authz"
	"github.com/schakel-nl/schakel/calendar"
	"github.com/schakel-nl/schakel/comply"
)

// Store is what the service needs of the store.
type Store interface {
	schakel.RequestStore
	schakel.OrganisationStore
	schakel.PrincipleStore
	// Brake tells a protected brake from others, to mask its puller.
	Brake(ctx context.Context, requestID int64) (*schakel.Brake, error)
	// KnelpuntOfRequest tells a rung of a knelpunt from other requests:
	// it is answered through the knelpunt (package signals).
	KnelpuntOfRequest(ctx context.Context, requestID int64) (int64, error)
	// AssessmentOfRequest tells the requests of an uitvoeringstoets from
	// others: they are answered through the assessment (package
	// assessments).
	AssessmentOfRequest(ctx context.Context, requestID int64) (int64, error)
}

// Service makes and moves requests for account. Build it with New.
type Service struct {
	store  Store
	Engine *comply.Engine
	Clock  schakel.Clock

	parliamentID *atomic.Int64 // cached once found; organisations are never deleted
}

// New returns the request service over st.
func New(st Store, engine *comply.Engine, clock schakel.Clock) *Service {
	return &Service{store: st, Engine: engine, Clock: clock, parliamentID: new(atomic.Int64)}
}

// WithClock returns a copy of s that tells time by clock, for the demo,
// which builds its history in the past.
func (s *Service) WithClock(clock schakel.Clock) *Service {
	c := *s
	c.Clock = clock
	return &c
}

// parliament returns the id of the parliament organisation, the top of the
// ladders that end there, or 0 when there is none (yet).
func (s *Service) parliament(ctx context.Context) (int64, error) {
	if id := s.parliamentID.Load(); id != 0 {
		return id, nil
	}
	parl, _, err := s.store.Organisations(ctx, schakel.OrganisationFilter{Type: schakel.OrgParliament, Limit: 1})
	if err != nil || len(parl) == 0 {
		return 0, err
	}
	s.parliamentID.Store(parl[0].ID)
	return parl[0].ID, nil
}

// CreateInput is a new request as a user submits it.
type CreateInput struct {
	Type    schakel.RequestType
	Subject string
	Body    string
	Grounds []schakel.Ground
	Urgent  bool
	// Addressee is the organisation that must answer, by code, and
	// optionally the role (otherwise the type's default).
	AddresseeCode string
	AddresseeRole schakel.Role
	// OnBehalfOf is the code of an organisation the user requests for (a
	// board returning an assignment); "" when the user requests personally.
	OnBehalfOf string
	// AddresseeField is the input's name for the addressee, for Prepare's
	// findings about it (the ladder's); "" is comply.FieldAddressee, which
	// Create also uses for its own.
	AddresseeField string
	// Problems are what the transport found wrong while decoding the
	// input; they are named with the service's findings and nothing is
	// stored (schakel.Validation.Given).
	Problems []schakel.FieldError
}

// StepInput is the input of a step on a request beyond the request itself.
type StepInput struct {
	// Reason is the reason given: required to contest and withdraw,
	// optional to close, not asked to acknowledge.
	Reason string
	// Problems are what the transport found wrong while decoding the
	// input; see CreateInput.Problems.
	Problems []schakel.FieldError
}

// ExtendInput is an addressee's extension of the answer term.
type ExtendInput struct {
	// Term is the extension; the transport parses its own notation of it
	// and names a malformed one in Problems.
	Term     calendar.Term
	Reason   string
	Problems []schakel.FieldError
}

// AnswerInput is an addressee's comply or explain.
type AnswerInput struct {
	comply.AnswerInput
	Problems []schakel.FieldError
}

// Create makes a request for account. Returns EUNAUTHORIZED without a user,
// EFORBIDDEN when the user may not act for OnBehalfOf, and EINVALID naming
// every invalid field, the transport's problems among them; then nothing is
// stored.
func (s *Service) Create(ctx context.Context, u *schakel.User, in CreateInput) (*schakel.Request, error) {
	var v schakel.Validation
	v.Given(in.Problems)
	requester, err := s.Requester(ctx, u, in.OnBehalfOf, &v)
	if err != nil {
		return nil, err
	}
	if in.Type == schakel.TypeOrganisationBrake && requester.Kind != schakel.PartyOrganisation {
		v.Add(comply.FieldOnBehalfOf, "required", "Een opdracht teruggeven doet het bestuur namens de organisatie.")
	}
	var addressee *schakel.Organisation
	if in.AddresseeCode == "" {
		v.Add(comply.FieldAddressee, "required", "Kies de organisatie die moet antwoorden.")
	} else {
		org, err := s.store.OrganisationByCode(ctx, in.AddresseeCode)
		switch {
		case schakel.ErrorCode(err) == schakel.ENOTFOUND:
			v.Add(comply.FieldAddressee, "unknown", "Organisatie %q bestaat niet.", in.AddresseeCode)
		case err != nil:
			return nil, err
		default:
			addressee = org
		}
	}
	r, ev, err := s.Prepare(ctx, requester, in, addressee, &v)
	if err != nil {
		return nil, err
	}
	if err := v.Err(); err != nil {
		return nil, err
	}
	if err := s.store.CreateRequest(ctx, r, ev); err != nil {
		return nil, err
	}
	return r, nil
}

// Requester returns the party u requests as: u personally, or the
// organisation with code onBehalfOf when u leads it. An unknown organisation
// is added to v; EUNAUTHORIZED without a user and EFORBIDDEN when u may not
// act for the organisation are returned.
func (s *Service) Requester(ctx context.Context, u *schakel.User, onBehalfOf string, v *schakel.Validation) (schakel.Party, error) {
	if u == nil {
		return schakel.Party{}, schakel.Errorf(schakel.EUNAUTHORIZED, "Log in om een verzoek te doen.")
	}
	requester := schakel.Party{Kind: schakel.PartyUser, UserID: u.ID}
	if onBehalfOf == "" {
		if err := authz.Can(u, authz.RequestPersonally, 0); err != nil {
			return schakel.Party{}, err
		}
		return requester, nil
	}
	o, err := s.store.OrganisationByCode(ctx, onBehalfOf)
	switch {
	case schakel.ErrorCode(err) == schakel.ENOTFOUND:
		v.Add(comply.FieldOnBehalfOf, "unknown", "Organisatie %q bestaat niet.", onBehalfOf)
		return requester, nil
	case err != nil:
		return schakel.Party{}, err
	case authz.Can(u, authz.RequestOnBehalf, o.ID) != nil:
		return schakel.Party{}, schakel.Errorf(schakel.EFORBIDDEN, "Alleen het bestuur of de leiding van %s kan namens die organisatie een verzoek doen.", o.Name)
	}
	return schakel.Party{Kind: schakel.PartyOrganisation, UserID: u.ID, OrganisationID: o.ID}, nil
}

// Prepare validates a new request by requester to the organisation
// addressee and computes it and its creation event without storing them:
// the brakes store them together with what they add. addressee is nil when
// the caller could not find it and has named that in its own words; the
// rest of the input is still checked. in.AddresseeCode is not read. Every
// invalid field is added to v; the request is nil when v holds any, and
// not nil when v holds none and addressee was given. Only failures other
// than invalid input are returned.
func (s *Service) Prepare(ctx context.Context, requester schakel.Party, in CreateInput, addressee *schakel.Organisation, v *schakel.Validation) (*schakel.Request, *schakel.Event, error) {
	ladder, err := s.ladder(ctx, in, addressee, v)
	if err != nil {
		return nil, nil, err
	}
	known, err := s.knownPrinciples(ctx, in.Grounds)
	if err != nil {
		return nil, nil, err
	}
	req := comply.NewRequest{Type: in.Type, Subject: in.Subject, Body: in.Body, Grounds: in.Grounds, Urgent: in.Urgent, Requester: requester}
	if ladder == nil {
		// No ladder without an addressee (or a type): the rest of the
		// input is still checked, so every invalid field is named at once.
		s.Engine.Check(req, known, v)
		return nil, nil, nil
	}
	r, ev, err := s.Engine.New(req, ladder, known, s.Clock.Now())
	if v.Merge("", err) != nil {
		return nil, nil, err
	}
	if !v.Valid() {
		return nil, nil, nil
	}
	if err != nil {
		// Every finding was left out as already named by the caller
		// (Validation.Derives), yet the engine made nothing: the caller's
		// own checks missed what the engine found.
		return nil, nil, fmt.Errorf("requests: the engine refused a request whose fields were all named elsewhere: %w", err)
	}
	return r, ev, nil
}

// ladder builds the ladder of a request of in's type to addressee, or nil
// when there is no addressee or no valid type.
func (s *Service) ladder(ctx context.Context, in CreateInput, addressee *schakel.Organisation, v *schakel.Validation) ([]schakel.Addressee, error) {
	if addressee == nil || !in.Type.Valid() {
		return nil, nil
	}
	li := comply.LadderInput{Type: in.Type, Addressee: schakel.Addressee{OrganisationID: addressee.ID, Role: in.AddresseeRole}, AddresseeType: addressee.Type,
		Field: in.AddresseeField}
	if len(addressee.PrincipalIDs) > 0 {
		li.Principal = addressee.PrincipalIDs[0]
	}
	var err error
	if li.Parliament, err = s.parliament(ctx); err != nil {
		return nil, err
	}
	l, err := comply.Ladder(li)
	if v.Merge("", err) != nil {
		return nil, err
	}
	return l, nil
}

// knownPrinciples tells which of the cited principles the catalogue holds.
func (s *Service) knownPrinciples(ctx context.Context, grounds []schakel.Ground) (func(string) bool, error) {
	cited := make([]string, 0, len(grounds))
	for _, g := range grounds {
		cited = append(cited, g.Principle)
	}
	ps, err := s.store.Principles(ctx, schakel.PrincipleFilter{Codes: cited})
	if err != nil {
		return nil, err
	}
	known := make(map[string]bool, len(ps))
	for _, p := range ps {
		known[p.Code] = true
	}
	return func(code string) bool { return known[code] }, nil
}

// CanSee reports whether u may read r: its requester, a member of the
// requesting organisation, or a member of an organisation on its ladder.
func CanSee(r *schakel.Request, u *schakel.User) bool {
	if u == nil {
		return false
	}
	if comply.IsRequester(r, u) || (r.Requester.Kind == schakel.PartyUser && r.Requester.UserID == u.ID) {
		return true
	}
	ladder := r.Ladder
	if r.Type == schakel.TypeKnelpunt && r.Rung+1 < len(ladder) {
		// A knelpunt stays inside its organisation until it goes up:
		// the rungs above see it only once it reaches them.
		ladder = ladder[:r.Rung+1]
	}
	for _, m := range u.Memberships {
		if r.Requester.Kind == schakel.PartyOrganisation && m.OrganisationID == r.Requester.OrganisationID {
			return true
		}
		for _, a := range ladder {
			if a.OrganisationID == m.OrganisationID {
				return true
			}
		}
	}
	return false
}

// Get returns a request and its history as u may see them: the puller of
// a protected brake is masked (see Mask). Returns ENOTFOUND also when the
// user may not see it, so its existence does not leak.
func (s *Service) Get(ctx context.Context, u *schakel.User, id int64) (*schakel.Request, []*schakel.Event, error) {
	r, evs, err := s.get(ctx, u, id)
	if err != nil {
		return nil, nil, err
	}
	return s.mask(ctx, u, r, evs)
}

// get is Get without masking, for the transitions, which must know the
// requester to tell whether u is it.
func (s *Service) get(ctx context.Context, u *schakel.User, id int64) (*schakel.Request, []*schakel.Event, error) {
	if u == nil {
		return nil, nil, schakel.Errorf(schakel.EUNAUTHORIZED, "Log in om verzoeken te zien.")
	}
	r, err := s.store.Request(ctx, id)
	if err != nil {
		return nil, nil, err
	}
	if !CanSee(r, u) {
		return nil, nil, schakel.Errorf(schakel.ENOTFOUND, "Verzoek %d bestaat niet of u mag het niet zien.", id)
	}
	// Only after CanSee: a refusal for the level must not tell someone
	// who may not see the request that it exists.
	if err := authz.Sufficient(u, schakel.StakeRead); err != nil {
		return nil, nil, err
	}
	evs, err := s.store.Events(ctx, id)
	if err != nil {
		return nil, nil, err
	}
	return r, evs, nil
}

// mask applies Mask when r is a professional's brake pulled with protected
// identity.
func (s *Service) mask(ctx context.Context, u *schakel.User, r *schakel.Request, evs []*schakel.Event) (*schakel.Request, []*schakel.Event, error) {
	if r.Type != schakel.TypeProfessionalBrake || r.Requester.Kind != schakel.PartyUser || (u != nil && r.Requester.UserID == u.ID) {
		return r, evs, nil
	}
	b, err := s.store.Brake(ctx, r.ID)
	if schakel.ErrorCode(err) == schakel.ENOTFOUND {
		// A professional's brake made as a plain request: nobody chose protection.
		return r, evs, nil
	}
	if err != nil {
		return nil, nil, err
	}
	if b.Identity != schakel.IdentityProtected {
		return r, evs, nil
	}
	mr, mevs := Mask(r, evs, u)
	return mr, mevs, nil
}

// Mask returns r and evs as viewer may see them when r is a brake whose
// puller chose protection: the requester, and the actor of every event by
// them, become schakel.PartyProtected — unless viewer is the puller or the
// confidential counsel (vertrouwenspersoon) of the organisation the brake
// was pulled at. r and evs are not changed; the copies share nothing that
// is changed.
func Mask(r *schakel.Request, evs []*schakel.Event, viewer *schakel.User) (*schakel.Request, []*schakel.Event) {
	puller := r.Requester
	if viewer != nil && (viewer.ID == puller.UserID || (len(r.Ladder) > 0 && r.Ladder[0].OrganisationID != 0 &&
		authz.Can(viewer, authz.SeeProtectedPuller, r.Ladder[0].OrganisationID) == nil)) {
		return r, evs
	}
	protected := schakel.Party{Kind: schakel.PartyProtected}
	mr := *r
	mr.Requester = protected
	mevs := make([]*schakel.Event, len(evs))
	for i, ev := range evs {
		if ev.Actor.Kind == schakel.PartyUser && ev.Actor.UserID == puller.UserID {
			e := *ev
			e.Actor = protected
			ev = &e
		}
		mevs[i] = ev
	}
	return &mr, mevs
}

// List returns the requests u may see that match f.
func (s *Service) List(ctx context.Context, u *schakel.User, f schakel.RequestFilter) ([]*schakel.Request, int, error) {
	if u == nil {
		return nil, 0, schakel.Errorf(schakel.EUNAUTHORIZED, "Log in om verzoeken te zien.")
	}
	if err := authz.Sufficient(u, schakel.StakeRead); err != nil {
		return nil, 0, err
	}
	f.VisibleTo = u
	f.Now = s.Clock.Now()
	rs, total, err := s.store.Requests(ctx, f)
	if err != nil {
		return nil, 0, err
	}
	if rs, err = s.maskAll(ctx, u, rs); err != nil {
		return nil, 0, err
	}
	return rs, total, nil
}

// maskAll masks the puller of every protected brake in rs for u.
func (s *Service) maskAll(ctx context.Context, u *schakel.User, rs []*schakel.Request) ([]*schakel.Request, error) {
	for i, r := range rs {
		m, _, err := s.mask(ctx, u, r, nil)
		if err != nil {
			return nil, err
		}
		rs[i] = m
	}
	return rs, nil
}

// Inbox returns the requests awaiting an answer from any role u holds,
// soonest deadline first.
func (s *Service) Inbox(ctx context.Context, u *schakel.User, limit int) ([]*schakel.Request, error) {
	if u == nil {
		return nil, schakel.Errorf(schakel.EUNAUTHORIZED, "Log in om uw postvak te zien.")
	}
	var out []*schakel.Request
	for _, m := range u.Memberships {
		rs, _, err := s.store.Requests(ctx, schakel.RequestFilter{AddresseeOrganisationID: m.OrganisationID, AddresseeRole: m.Role, Limit: limit, Now: s.Clock.Now()})
		if err != nil {
			return nil, err
		}
		for _, r := range rs {
			if r.State.AwaitsAnswer() || (r.State == schakel.StateAnswered) {
				out = append(out, r)
			}
		}
	}
	sortByDeadline(out)
	return s.maskAll(ctx, u, out)
}

// transition loads a request, checks the user may act, runs step and stores
// the result conditional on the version it read. The transport's problems
// are named with the step's own; with any, nothing is stored.
func (s *Service) transition(ctx context.Context, u *schakel.User, id int64, problems []schakel.FieldError, who func(*schakel.Request, *schakel.User) bool, what string,
	step func(r *schakel.Request, actor schakel.Party) (*schakel.Request, *schakel.Event, error)) (*schakel.Request, error) {
	r, _, err := s.get(ctx, u, id)
	if err != nil {
		return nil, err
	}
	if !who(r, u) {
		return nil, schakel.Errorf(schakel.EFORBIDDEN, "U mag %s bij dit verzoek niet.", what)
	}
	actor := schakel.Party{Kind: schakel.PartyUser, UserID: u.ID}
	// Any step acts on the request; one taken for an organisation that
	// asked for account (contest, withdraw, close on its behalf) decides
	// for it, as asking on its behalf did.
	stake := schakel.StakeAct
	if comply.IsAddressee(r, u) {
		actor.OrganisationID = r.Addressee().OrganisationID
	} else if r.Requester.Kind == schakel.PartyOrganisation {
		actor.OrganisationID = r.Requester.OrganisationID
		stake = schakel.StakeDecide
	}
	if err := authz.Sufficient(u, stake); err != nil {
		return nil, err
	}
	n, ev, err := Step(problems, func() (*schakel.Request, *schakel.Event, error) { return step(r, actor) })
	if err != nil {
		return nil, err
	}
	if err := s.store.UpdateRequest(ctx, r.Version, n, ev); err != nil {
		return nil, err
	}
	m, _, err := s.mask(ctx, u, n, nil)
	return m, err
}

// Step runs a transition of the engine with the problems the transport
// found: the engine's invalid fields are named together with them, and a
// refusal that is not about the input (a state that forbids the step) wins,
// so that nobody learns from validation messages what they may not do.
func Step(problems []schakel.FieldError, step func() (*schakel.Request, *schakel.Event, error)) (*schakel.Request, *schakel.Event, error) {
	var v schakel.Validation
	v.Given(problems)
	n, ev, err := step()
	if err != nil && schakel.ErrorCode(err) != schakel.EINVALID {
		return nil, nil, err
	}
	if err != nil {
		v.Merge("", err)
	}
	if err := v.Err(); err != nil {
		return nil, nil, err
	}
	return n, ev, nil
}

// Acknowledge confirms receipt for the addressee.
func (s *Service) Acknowledge(ctx context.Context, u *schakel.User, id int64, in StepInput) (*schakel.Request, error) {
	return s.transition(ctx, u, id, in.Problems, comply.IsAddressee, "de ontvangst bevestigen", func(r *schakel.Request, a schakel.Party) (*schakel.Request, *schakel.Event, error) {
		return s.Engine.Acknowledge(r, a, s.Clock.Now())
	})
}

// Answer records the addressee's comply or explain.
func (s *Service) Answer(ctx context.Context, u *schakel.User, id int64, in AnswerInput) (*schakel.Request, error) {
	return s.transition(ctx, u, id, in.Problems, comply.IsAddressee, "antwoorden", func(r *schakel.Request, a schakel.Party) (*schakel.Request, *schakel.Event, error) {
		if err := s.answeredElsewhere(ctx, r); err != nil {
			return nil, nil, err
		}
		// Answering binds the organisation: as much at stake as any
		// decision for it.
		if err := authz.Sufficient(u, schakel.StakeDecide); err != nil {
			return nil, nil, err
		}
		return s.Engine.Answer(r, a, in.AnswerInput, s.Clock.Now())
	})
}

// answeredElsewhere refuses an answer to a request that is answered
// through what it belongs to: a rung of a knelpunt (adopting it takes the
// knelpunt up the ladder in the same transaction) or a request of an
// uitvoeringstoets (the assessment, or the minister's answer per item).
func (s *Service) answeredElsewhere(ctx context.Context, r *schakel.Request) error {
	switch r.Type {
	case schakel.TypeKnelpunt:
		k, err := s.store.KnelpuntOfRequest(ctx, r.ID)
		if err != nil || k == 0 {
			return err
		}
		return schakel.Errorf(schakel.ECONFLICT, "Dit verzoek is een trede van knelpunt %d. Beantwoord het bij het knelpunt, zodat het verder kan.", k)
	case schakel.TypeAssessment, schakel.TypeAssessmentAnswer:
		a, err := s.store.AssessmentOfRequest(ctx, r.ID)
		if err != nil || a == 0 {
			return err
		}
		return schakel.Errorf(schakel.ECONFLICT, "Dit verzoek hoort bij uitvoeringstoets %d. Beantwoord het bij het voorstel, punt voor punt.", a)
	}
	return nil
}

// Contest is the requester's one objection to an explain.
func (s *Service) Contest(ctx context.Context, u *schakel.User, id int64, in StepInput) (*schakel.Request, error) {
	return s.transition(ctx, u, id, in.Problems, comply.IsRequester, "betwisten", func(r *schakel.Request, a schakel.Party) (*schakel.Request, *schakel.Event, error) {
		if r.Type == schakel.TypeAssessment || r.Type == schakel.TypeAssessmentAnswer {
			// The minister's answer per item is final for the proposal:
			// parliament reads it; it cannot answer in the minister's place.
			if err := s.answeredElsewhere(ctx, r); err != nil {
				return nil, nil, err
			}
		}
		return s.Engine.Contest(r, a, in.Reason, s.Clock.Now())
	})
}

// Extend lengthens the addressee's answer term once.
func (s *Service) Extend(ctx context.Context, u *schakel.User, id int64, in ExtendInput) (*schakel.Request, error) {
	return s.transition(ctx, u, id, in.Problems, comply.IsAddressee, "de termijn verlengen", func(r *schakel.Request, a schakel.Party) (*schakel.Request, *schakel.Event, error) {
		if err := authz.Sufficient(u, schakel.StakeDecide); err != nil {
			return nil, nil, err
		}
		return s.Engine.Extend(r, a, in.Term, in.Reason, s.Clock.Now())
	})
}

// Withdraw ends the request for the requester.
func (s *Service) Withdraw(ctx context.Context, u *schakel.User, id int64, in StepInput) (*schakel.Request, error) {
	return s.transition(ctx, u, id, in.Problems, comply.IsRequester, "intrekken", func(r *schakel.Request, a schakel.Party) (*schakel.Request, *schakel.Event, error) {
		if err := s.answeredElsewhere(ctx, r); err != nil {
			// Withdrawn here, the knelpunt or assessment would wait for
			// an answer that can no longer come.
			return nil, nil, err
		}
		return s.Engine.Withdraw(r, a, in.Reason, s.Clock.Now())
	})
}

// Close ends an answered request; the requester accepts the answer.
func (s *Service) Close(ctx context.Context, u *schakel.User, id int64, in StepInput) (*schakel.Request, error) {
	return s.transition(ctx, u, id, in.Problems, comply.IsRequester, "afsluiten", func(r *schakel.Request, a schakel.Party) (*schakel.Request, *schakel.Event, error) {
		return s.Engine.Close(r, a, in.Reason, s.Clock.Now())
	})
}

// sortByDeadline orders requests by answer deadline, then id.
func sortByDeadline(rs []*schakel.Request) {
	sort.SliceStable(rs, func(i, j int) bool {
		a, b := rs[i], rs[j]
		if !a.AnswerDeadline.Equal(b.AnswerDeadline) {
			return a.AnswerDeadline.Before(b.AnswerDeadline)
		}
		return a.ID < b.ID
	})
}

// DaysLeft says how far the answer deadline of r is from now in working
// days, as a Dutch message format and its count, for the pages to translate:
// "nog %d werkdagen", "vandaag", "%d werkdagen te laat".
func DaysLeft(cal *calendar.Calendar, r *schakel.Request, now time.Time) (format string, n int) {
	today := cal.Today(now)
	switch due := r.AnswerDue; {
	case due.IsZero():
		return "", 0
	case due == today:
		return "vandaag", 0
	case due.After(today):
		n = cal.WorkingDaysBetween(today, due)
		if n == 1 {
			return "nog %d werkdag", n
		}
		return "nog %d werkdagen", n
	default:
		n = cal.WorkingDaysBetween(due, today)
		if n == 0 {
			n = 1
		}
		if n == 1 {
			return "%d werkdag te laat", n
		}
		return "%d werkdagen te laat", n
	}
}

// CheckGrounds checks principles cited with grounds outside a request — the
// values in conflict of a signal or an assessment: each a principle of the
// catalogue, once, with grounds of at most maxText characters, named in v
// as field[i].beginsel and field[i].reden. It returns them trimmed.
func (s *Service) CheckGrounds(ctx context.Context, v *schakel.Validation, field string, in []schakel.Ground, maxText int) ([]schakel.Ground, error) {
	cited := make([]schakel.Ground, len(in))
	for i, g := range in {
		cited[i] = schakel.Ground{Principle: strings.TrimSpace(g.Principle), Text: strings.TrimSpace(g.Text)}
	}
	known, err := s.knownPrinciples(ctx, cited)
	if err != nil {
		return nil, err
	}
	seen := map[string]bool{}
	for i, g := range cited {
		f := fmt.Sprintf("%s[%d]", field, i)
		switch {
		case g.Principle == "":
			v.Add(f+".beginsel", "required", "Dit veld is verplicht.")
		case !known(g.Principle):
			v.Add(f+".beginsel", "unknown", "Beginsel %q staat niet in de catalogus.", g.Principle)
		case seen[g.Principle]:
			v.Add(f+".beginsel", "duplicate", "Dit beginsel staat er al.")
		}
		seen[g.Principle] = true
		if v.Required(f+".reden", g.Text) && utf8.RuneCountInString(g.Text) > maxText {
			v.Add(f+".reden", "too_long", "Gebruik hoogstens %d tekens.", maxText)
		}
	}
	return cited, nil
}
