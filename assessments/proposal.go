package assessments

import (
	"context"
	"fmt"

	"github.com/schakel-nl/schakel"
	"github.com/schakel-nl/schakel/authz"
	"github.com/schakel-nl/schakel/calendar"
)

// forMinistry loads a proposal for a user who may do action at its
// ministry; what names the action in the refusal.
func (s *Service) forMinistry(ctx context.Context, u *schakel.User, id int64, action authz.Action, what string) (*schakel.Proposal, error) {
	if u == nil {
		return nil, schakel.Errorf(schakel.EUNAUTHORIZED, "Log in om %s.", what)
	}
	p, err := s.store.Proposal(ctx, id)
	if err != nil {
		return nil, err
	}
	if authz.Can(u, action, p.MinistryID) != nil {
		return nil, schakel.Errorf(schakel.EFORBIDDEN, "U mag bij dit voorstel niet %s.", what)
	}
	return p, nil
}

// Missing lists what a proposal still lacks before its secretary-general
// may sign and it may go to parliament: per assessment, the organisation's
// assessment or the minister's answer, or a missed term not yet recorded.
// It records the misses the sweeper has recorded on the requests.
func (s *Service) Missing(ctx context.Context, p *schakel.Proposal) ([]schakel.FieldError, []*schakel.Assessment, error) {
	as, err := s.store.Assessments(ctx, p.ID)
	if err != nil {
		return nil, nil, err
	}
	missing, err := s.missing(ctx, as, s.newLookup(), true)
	return missing, as, err
}

// missing is Missing over assessments already read, reading through lk.
// With record, a miss the sweeper recorded on a request is recorded on
// its assessment too; without (a page view), it is only shown as such.
func (s *Service) missing(ctx context.Context, as []*schakel.Assessment, lk *lookup, record bool) ([]schakel.FieldError, error) {
	var v schakel.Validation
	if len(as) == 0 {
		v.Add("toetsen", "none", "Er is nog geen uitvoeringstoets gevraagd.")
	}
	now := s.Clock.Now()
	for _, a := range as {
		field := fmt.Sprintf("toetsen[%d]", a.ID)
		org, err := lk.organisation(ctx, a.OrganisationID)
		if err != nil {
			return nil, err
		}
		switch a.State {
		case schakel.AssessmentRequested:
			r, err := lk.request(ctx, a.RequestID)
			if err != nil {
				return nil, err
			}
			switch {
			case r.MissedAtTop:
				if record {
					if err := s.store.MissAssessment(ctx, a.ID); err != nil {
						return nil, err
					}
				}
				a.State = schakel.AssessmentMissed
			case r.Overdue(now):
				v.Add(field, "overdue", "%s heeft de termijn gemist; dat wordt zo vastgelegd en openbaar gemaakt. Wacht daarop.", org.Name)
			default:
				v.Add(field, "not_delivered", "%s heeft de toets nog niet uitgebracht (uiterlijk %s).", org.Name, r.AnswerDue.Dutch())
			}
		case schakel.AssessmentDelivered:
			v.Add(field, "not_answered", "De minister heeft de toets van %s nog niet per punt beantwoord.", org.Name)
		}
	}
	return v.Fields(), nil
}

// lookup reads organisations and requests once per call.
type lookup struct {
	store Store
	orgs  map[int64]*schakel.Organisation
	reqs  map[int64]*schakel.Request
}

func (s *Service) newLookup() *lookup {
	return &lookup{store: s.store, orgs: map[int64]*schakel.Organisation{}, reqs: map[int64]*schakel.Request{}}
}

func (lk *lookup) organisation(ctx context.Context, id int64) (*schakel.Organisation, error) {
	if o, ok := lk.orgs[id]; ok {
		return o, nil
	}
	o, err := lk.store.Organisation(ctx, id)
	if err == nil {
		lk.orgs[id] = o
	}
	return o, err
}

func (lk *lookup) request(ctx context.Context, id int64) (*schakel.Request, error) {
	if r, ok := lk.reqs[id]; ok {
		return r, nil
	}
	r, err := lk.store.Request(ctx, id)
	if err == nil {
		lk.reqs[id] = r
	}
	return r, err
}

// incomplete is the refusal of a step that needs what is missing.
func incomplete(what string, missing []schakel.FieldError) error {
	return &schakel.Error{Code: schakel.ECONFLICT, Message: what, Fields: missing}
}

// SignInput is the secretary-general's statement.
type SignInput struct {
	Statement string
	Problems  []schakel.FieldError
}

// Sign records the secretary-general's signature for execution: the
// statement and every assessment and answer it covers, whose SHA-256 is in
// the public record. For the ministry's secretary-general, once every
// assessment is answered (or its miss recorded). Returns ECONFLICT with the
// list of what is missing.
func (s *Service) Sign(ctx context.Context, u *schakel.User, proposalID int64, in SignInput) (*schakel.Signature, error) {
	p, err := s.forMinistry(ctx, u, proposalID, authz.SignForExecution, "tekenen")
	if err != nil {
		return nil, err
	}
	if p.State != schakel.ProposalAssessing {
		return nil, schakel.Errorf(schakel.ECONFLICT, "Voorstel %d kan nu niet getekend worden: het is %s.", p.ID, p.State)
	}
	var v schakel.Validation
	v.Given(in.Problems)
	statement := v.Text("verklaring", in.Statement, MaxText, true)
	if statement != "" && len([]rune(statement)) < MinAnswer {
		v.Add("verklaring", "too_short", "Zeg in minstens %d tekens waarvoor u tekent.", MinAnswer)
	}
	if err := v.Err(); err != nil {
		return nil, err
	}
	missing, as, err := s.Missing(ctx, p)
	if err != nil {
		return nil, err
	}
	if len(missing) > 0 {
		return nil, incomplete("Tekenen kan pas als elke uitvoeringstoets is uitgebracht en per punt beantwoord.", missing)
	}
	now := s.Clock.Now()
	sig := &schakel.Signature{ProposalID: p.ID, SignedBy: u.ID, At: now, Statement: statement}
	for _, a := range as {
		sig.Assessments = append(sig.Assessments, a.ID)
	}
	sig.Digest = digestOf(struct {
		Statement   string
		Assessments []*schakel.Assessment
	}{statement, as})
	step := schakel.ProposalStep{PrevVersion: p.Version, Proposal: p, Signature: sig,
		Event: &schakel.ProposalEvent{ProposalID: p.ID, Seq: p.Version + 1, Type: schakel.ProposalEventSigned, By: u.ID, At: now, Digest: sig.Digest}}
	p.State, p.UpdatedAt, p.Version = schakel.ProposalSigned, now, p.Version+1
	if err := s.store.StepProposal(ctx, step); err != nil {
		return nil, err
	}
	return sig, nil
}

// Send marks a signed proposal as sent to parliament. For the ministry's
// policy officers. Returns ECONFLICT with the list of what is missing: an
// assessment or answer, or the signature.
func (s *Service) Send(ctx context.Context, u *schakel.User, proposalID int64) (*schakel.Proposal, error) {
	p, err := s.forMinistry(ctx, u, proposalID, authz.ManageProposals, "naar het parlement sturen")
	if err != nil {
		return nil, err
	}
	missing, _, err := s.Missing(ctx, p)
	if err != nil {
		return nil, err
	}
	switch p.State {
	case schakel.ProposalSigned:
	case schakel.ProposalRegistered, schakel.ProposalAssessing:
		var v schakel.Validation
		v.Add("handtekening", "required", "De secretaris-generaal heeft nog niet getekend voor de uitvoering.")
		missing = append(missing, v.Fields()...)
	default:
		return nil, schakel.Errorf(schakel.ECONFLICT, "Voorstel %d is al naar het parlement gestuurd.", p.ID)
	}
	if len(missing) > 0 {
		return nil, incomplete("Naar het parlement kan pas met elke toets, elk antwoord en de handtekening van de secretaris-generaal.", missing)
	}
	return s.advance(ctx, p, u, schakel.ProposalEventSent, schakel.ProposalSent, "")
}

// EnterInput is the day a proposal entered into force.
type EnterInput struct {
	Day      calendar.Date
	Problems []schakel.FieldError
}

// EnterIntoForce records that a proposal sent to parliament entered into
// force on in.Day; from then on, signals on its articles are linked back
// to its assessments. For the ministry's policy officers. Returns EINVALID
// naming every invalid field, the transport's problems among them.
func (s *Service) EnterIntoForce(ctx context.Context, u *schakel.User, proposalID int64, in EnterInput) (*schakel.Proposal, error) {
	day := in.Day
	p, err := s.forMinistry(ctx, u, proposalID, authz.ManageProposals, "in werking laten treden")
	if err != nil {
		return nil, err
	}
	if p.State != schakel.ProposalSent {
		return nil, schakel.Errorf(schakel.ECONFLICT, "Alleen een voorstel dat naar het parlement ging, treedt in werking; dit is %s.", p.State)
	}
	var v schakel.Validation
	v.Given(in.Problems)
	switch {
	case day.IsZero():
		v.Add("datum", "required", "Geef de datum van inwerkingtreding.")
	case day.After(s.Requests.Engine.Calendar.Today(s.Clock.Now())):
		v.Add("datum", "future", "Leg de inwerkingtreding vast als die er is, niet vooraf.")
	default:
		sent, err := s.sentOn(ctx, p)
		if err != nil {
			return nil, err
		}
		if day.Before(sent) {
			v.Add("datum", "before_sent", "Een voorstel treedt niet in werking voordat het naar het parlement ging (%s).", sent.Dutch())
		}
	}
	if err := v.Err(); err != nil {
		return nil, err
	}
	p.InForce = day
	return s.advance(ctx, p, u, schakel.ProposalEventInForce, schakel.ProposalInForce, digestOf(day.String()))
}

// advance stores a step of p without more than its event.
func (s *Service) advance(ctx context.Context, p *schakel.Proposal, u *schakel.User, typ schakel.ProposalEventType, state schakel.ProposalState, digest string) (*schakel.Proposal, error) {
	now := s.Clock.Now()
	step := schakel.ProposalStep{PrevVersion: p.Version, Proposal: p,
		Event: &schakel.ProposalEvent{ProposalID: p.ID, Seq: p.Version + 1, Type: typ, By: u.ID, At: now, Digest: digest}}
	p.State, p.UpdatedAt, p.Version = state, now, p.Version+1
	if err := s.store.StepProposal(ctx, step); err != nil {
		return nil, err
	}
	return p, nil
}

// sentOn is the day the proposal went to parliament.
func (s *Service) sentOn(ctx context.Context, p *schakel.Proposal) (calendar.Date, error) {
	evs, err := s.store.ProposalEvents(ctx, p.ID)
	if err != nil {
		return calendar.Date{}, err
	}
	for _, ev := range evs {
		if ev.Type == schakel.ProposalEventSent {
			return s.Requests.Engine.Calendar.Today(ev.At), nil
		}
	}
	return calendar.Date{}, nil
}
