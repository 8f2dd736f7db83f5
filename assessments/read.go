package assessments

import (
	"cmp"
	"context"
	"slices"
	"time"

	"github.com/schakel-nl/schakel"
	"github.com/schakel-nl/schakel/authz"
	"github.com/schakel-nl/schakel/calendar"
	"github.com/schakel-nl/schakel/ruleref"
)

// Term is a deadline of a request and whether it was kept.
type Term struct {
	Due      calendar.Date
	Answered time.Time // zero while open
	Kept     bool      // answered in time
	Missed   bool      // the deadline passed without an answer
}

// AssessmentView is an assessment with its organisation, the terms of its
// two requests and what organisations signalled already on the proposal's
// rules.
type AssessmentView struct {
	Assessment   *schakel.Assessment
	Organisation *schakel.Organisation
	// Assess is the organisation's term; Answer the minister's, once the
	// assessment was delivered.
	Assess Term
	Answer *Term
	// Knelpunten are the organisation's knelpunten on the proposal's
	// rules: attached, so the assessment carries what its professionals
	// signalled.
	Knelpunten []*schakel.Knelpunt
}

// TimelineItem is one step of a proposal or of one of its requests.
type TimelineItem struct {
	At   time.Time
	What string // a proposal event type or a request event type
	// Organisation is the organisation the step is about (an assessing
	// organisation), 0 for the proposal's own steps.
	Organisation int64
	Late         bool
}

// View is a proposal side by side with everything parliament should see:
// every assessment and answer, the signature, the timeline with the terms
// kept, the signals already on its rules and, once in force, the signals
// since. It holds no person: parties are organisations and roles.
type View struct {
	Proposal    *schakel.Proposal
	Ministry    *schakel.Organisation
	Assessments []AssessmentView
	Signature   *schakel.Signature
	Timeline    []TimelineItem
	// Figures are the signals per figure key of the proposal's rules.
	Figures []*schakel.RuleFigure
	// Since are the signals filed on its rules since it entered into
	// force, by figure key; nil before.
	Since map[string]int
	// Missing is what it lacks before it may go to parliament.
	Missing []schakel.FieldError
}

// Get returns a proposal side by side with its assessments, answers,
// signature and timeline, as u (nil for the public) may see it: proposals
// are public; an organisation's knelpunten attached to its assessment are
// shown to others only once its board sent them to a ministry. Reading
// writes nothing.
func (s *Service) Get(ctx context.Context, u *schakel.User, id int64) (*View, error) {
	p, err := s.store.Proposal(ctx, id)
	if err != nil {
		return nil, err
	}
	v := &View{Proposal: p}
	lk := s.newLookup()
	if v.Ministry, err = lk.organisation(ctx, p.MinistryID); err != nil {
		return nil, err
	}
	as, err := s.store.Assessments(ctx, p.ID)
	if err != nil {
		return nil, err
	}
	if v.Missing, err = s.missing(ctx, as, lk, false); err != nil {
		return nil, err
	}
	var ids []int64
	for _, a := range as {
		ids = append(ids, a.RequestID)
		if a.AnswerRequestID != 0 {
			ids = append(ids, a.AnswerRequestID)
		}
	}
	events, err := s.store.EventsOf(ctx, ids)
	if err != nil {
		return nil, err
	}
	keys := figureKeys(p)
	if err := s.attachFigures(ctx, v, keys); err != nil {
		return nil, err
	}
	for _, a := range as {
		av, items, err := s.assessmentView(ctx, a, keys, lk, events, u != nil && authz.Can(u, authz.ViewOrganisationInternals, a.OrganisationID) == nil)
		if err != nil {
			return nil, err
		}
		v.Assessments = append(v.Assessments, av)
		v.Timeline = append(v.Timeline, items...)
	}
	if err := s.ownTimeline(ctx, v); err != nil {
		return nil, err
	}
	slices.SortStableFunc(v.Timeline, func(a, b TimelineItem) int { return a.At.Compare(b.At) })
	return v, nil
}

// figureKeys are the article (or law) keys of the proposal's rules.
func figureKeys(p *schakel.Proposal) []string {
	var keys []string
	for _, f := range ruleref.FigureKeys(p.RuleRefs) {
		if f.Level == string(schakel.FigureArticle) || f.Level == string(schakel.FigurePolicy) {
			keys = append(keys, f.Key)
		}
	}
	return keys
}

// attachFigures adds the figures of the proposal's rules and, once it is
// in force, the signals filed on them since.
func (s *Service) attachFigures(ctx context.Context, v *View, keys []string) error {
	for _, key := range keys {
		fs, _, err := s.store.RuleFigures(ctx, schakel.FigureFilter{Key: key, Limit: 1})
		if err != nil {
			return err
		}
		v.Figures = append(v.Figures, fs...)
	}
	if v.Proposal.InForce.IsZero() {
		return nil
	}
	v.Since = map[string]int{}
	from := s.Requests.Engine.Calendar.EndOf(v.Proposal.InForce.AddDays(-1))
	for _, key := range keys {
		_, n, err := s.store.Signals(ctx, schakel.SignalFilter{Rule: key, State: schakel.SignalFiled, FiledFrom: from, Limit: 1})
		if err != nil {
			return err
		}
		v.Since[key] = n
	}
	return nil
}

// assessmentView builds the view of one assessment and its steps.
func (s *Service) assessmentView(ctx context.Context, a *schakel.Assessment, keys []string, lk *lookup, events map[int64][]*schakel.Event, member bool) (AssessmentView, []TimelineItem, error) {
	av := AssessmentView{Assessment: a}
	var err error
	if av.Organisation, err = lk.organisation(ctx, a.OrganisationID); err != nil {
		return av, nil, err
	}
	var items []TimelineItem
	term, steps, err := s.term(ctx, lk, events, a.RequestID, a.OrganisationID)
	if err != nil {
		return av, nil, err
	}
	av.Assess, items = term, append(items, steps...)
	if a.AnswerRequestID != 0 {
		term, steps, err := s.term(ctx, lk, events, a.AnswerRequestID, a.OrganisationID)
		if err != nil {
			return av, nil, err
		}
		av.Answer, items = &term, append(items, steps...)
	}
	for _, key := range keys {
		ks, _, err := s.store.Knelpunten(ctx, schakel.KnelpuntFilter{OrganisationID: a.OrganisationID, Rule: key, Limit: 20})
		if err != nil {
			return av, nil, err
		}
		for _, k := range ks {
			if k.State != schakel.KnelpuntMerged && (member || k.LetterID != 0) && !slices.ContainsFunc(av.Knelpunten, func(x *schakel.Knelpunt) bool { return x.ID == k.ID }) {
				av.Knelpunten = append(av.Knelpunten, k)
			}
		}
	}
	return av, items, nil
}

// term reads a request's deadline and whether it was kept, and its steps
// for the timeline.
func (s *Service) term(ctx context.Context, lk *lookup, events map[int64][]*schakel.Event, requestID, orgID int64) (Term, []TimelineItem, error) {
	r, err := lk.request(ctx, requestID)
	if err != nil {
		return Term{}, nil, err
	}
	evs := events[requestID]
	t := Term{Due: r.AnswerDue, Missed: r.MissedCount > 0}
	var items []TimelineItem
	for _, ev := range evs {
		switch ev.Type {
		case schakel.EventCreated, schakel.EventAnswered, schakel.EventDeadlineMissed, schakel.EventEscalated, schakel.EventExtended:
			items = append(items, TimelineItem{At: ev.At, What: string(r.Type) + ":" + string(ev.Type), Organisation: orgID, Late: ev.Data.Late})
		}
		if ev.Type == schakel.EventAnswered && t.Answered.IsZero() {
			t.Answered, t.Kept = ev.At, !ev.Data.Late
		}
	}
	return t, items, nil
}

// ownTimeline adds the proposal's own events and its signature.
func (s *Service) ownTimeline(ctx context.Context, v *View) error {
	evs, err := s.store.ProposalEvents(ctx, v.Proposal.ID)
	if err != nil {
		return err
	}
	for _, ev := range evs {
		v.Timeline = append(v.Timeline, TimelineItem{At: ev.At, What: string(ev.Type)})
	}
	sig, err := s.store.Signature(ctx, v.Proposal.ID)
	switch {
	case schakel.ErrorCode(err) == schakel.ENOTFOUND:
	case err != nil:
		return err
	default:
		v.Signature = sig
	}
	return nil
}

// List returns the proposals matching f, newest first: they are public.
func (s *Service) List(ctx context.Context, f schakel.ProposalFilter) ([]*schakel.Proposal, int, error) {
	return s.store.Proposals(ctx, f)
}

// Inbox returns the assessments u's organisations owe or must answer:
// requested of an organisation whose board u is on, or delivered to a
// ministry whose minister u is, oldest deadline first.
func (s *Service) Inbox(ctx context.Context, u *schakel.User, f schakel.ProposalFilter) ([]*schakel.Assessment, error) {
	if u == nil {
		return nil, schakel.Errorf(schakel.EUNAUTHORIZED, "Log in om uw toetsen te zien.")
	}
	ps, _, err := s.store.Proposals(ctx, f)
	if err != nil {
		return nil, err
	}
	var out []*schakel.Assessment
	for _, p := range ps {
		as, err := s.store.Assessments(ctx, p.ID)
		if err != nil {
			return nil, err
		}
		for _, a := range as {
			if (a.State == schakel.AssessmentRequested && u.HasRole(a.OrganisationID, schakel.RoleBoard)) ||
				(a.State == schakel.AssessmentDelivered && u.HasRole(p.MinistryID, schakel.RoleMinister)) {
				out = append(out, a)
			}
		}
	}
	slices.SortFunc(out, func(a, b *schakel.Assessment) int { return cmp.Compare(a.ID, b.ID) })
	return out, nil
}

// AssessmentOfRequest returns the assessment whose request (or answer
// request) the request is, or 0, so a request's page can send its
// addressee to the proposal.
func (s *Service) AssessmentOfRequest(ctx context.Context, requestID int64) (int64, error) {
	return s.store.AssessmentOfRequest(ctx, requestID)
}

// Assessment returns one assessment. They are public.
func (s *Service) Assessment(ctx context.Context, id int64) (*schakel.Assessment, error) {
	return s.store.Assessment(ctx, id)
}
