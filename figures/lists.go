package figures

import (
	"cmp"
	"context"
	"slices"
	"time"

	"github.com/schakel-nl/schakel"
	"github.com/schakel-nl/schakel/calendar"
	"github.com/schakel-nl/schakel/comply"
	"github.com/schakel-nl/schakel/redact"
)

// TypeTerm is the legal answer term of a request type (comply.DefaultTerms;
// an organisation may have set its own within the law).
type TypeTerm struct {
	Type schakel.RequestType
	Term calendar.Term
	// Days is the term's length in calendar days, at most.
	Days int
}

// terms returns the default answer term of every request type, in the
// order of schakel.RequestTypes where known.
func terms() []TypeTerm {
	out := make([]TypeTerm, 0, len(comply.DefaultTerms))
	for t, tt := range comply.DefaultTerms {
		_, hi := tt.Answer.Span()
		out = append(out, TypeTerm{Type: t, Term: tt.Answer, Days: hi})
	}
	slices.SortFunc(out, func(a, b TypeTerm) int { return cmp.Compare(a.Type, b.Type) })
	return out
}

// citizensOwn are the request types a citizen makes about their own
// matter: counted in the figures, never listed one by one.
var citizensOwn = []schakel.RequestType{schakel.TypeObjection, schakel.TypeComplaint, schakel.TypeCitizenBrake}

// Listed reports whether requests of type t are listed one by one behind
// a figure (Items); a citizen's own are only counted.
func Listed(t schakel.RequestType) bool { return !slices.Contains(citizensOwn, t) }

// OpenRequest is an open request as the view lists it: no texts, only who
// owes what by when.
type OpenRequest struct {
	ID   int64
	Type schakel.RequestType
	// Organisation is the organisation it is about; Addressee who must
	// answer now.
	Organisation int64
	Addressee    schakel.Addressee
	CreatedAt    time.Time
	Deadline     time.Time
	Overdue      bool
	Escalated    bool
}

// openRequests lists the open requests of the period and selection.
func (s *Service) openRequests(ctx context.Context, v *View, tf schakel.TallyFilter) error {
	// Leaving the citizens' own types out (rather than listing the others)
	// lets the store read its index of open requests by deadline.
	f := schakel.RequestFilter{Open: true, ExceptTypes: citizensOwn, CreatedFrom: tf.From, CreatedTo: tf.To, Limit: maxOpen}
	if !v.Selection.Empty() {
		f.FirstOrganisationIDs = v.Directory.selected(v.Selection)
		if len(f.FirstOrganisationIDs) == 0 {
			return nil
		}
	}
	rs, total, err := s.store.Requests(ctx, f)
	if err != nil {
		return err
	}
	v.OpenTotal = total
	for _, r := range rs {
		item := OpenRequest{ID: r.ID, Type: r.Type, Addressee: r.Addressee(), CreatedAt: r.CreatedAt, Deadline: r.AnswerDeadline,
			Overdue: !r.AnswerDeadline.After(v.Now), Escalated: r.Rung > 0}
		if org, _ := v.Directory.Place(tallyOf(r)); org != nil {
			item.Organisation = org.ID
		}
		v.Open = append(v.Open, item)
	}
	return nil
}

// tallyOf is the tally of one request, for placing it.
func tallyOf(r *schakel.Request) schakel.RequestTally {
	t := schakel.RequestTally{Type: r.Type, RequesterOrganisationID: r.Requester.OrganisationID, Count: 1}
	if len(r.Ladder) > 0 {
		t.FirstOrganisationID = r.Ladder[0].OrganisationID
	}
	return t
}

// selected returns the organisations whose requests a selection can hold:
// those it matches as the organisation or through their ministry, and the
// ministries it matches. The store lists the requests made by or first
// addressed to one of them; a request between an organisation and a
// ministry that is not its principal (an assessment another ministry
// asked for) is listed under both, while the figures count it under the
// ministry that asked (decision 0024).
func (d Directory) selected(sel Selection) []int64 {
	var out []int64
	for _, o := range d {
		ministry := d.principal(o)
		if sel.matches(o, ministry) || (o.Type == schakel.OrgMinistry && sel.OrganisationID == 0 && sel.Task == "" && sel.matches(nil, o)) {
			out = append(out, o.ID)
		}
	}
	slices.Sort(out)
	return out
}

// ReturnedAssignment is an assignment an organisation returned to its
// ministry (the organisation's emergency brake) with the minister's
// answers: the one text of such a brake that is public.
type ReturnedAssignment struct {
	ID           int64
	Organisation int64 // that returned it
	Ministry     int64 // it went back to
	Principles   []string
	At           time.Time
	State        schakel.RequestState
	// Open is true while an answer is owed; Due is then its deadline.
	Open    bool
	Due     time.Time
	Overdue bool
	Missed  bool
	Answers []MinisterAnswer
}

// MinisterAnswer is an answer of the minister's rung to a returned
// assignment.
type MinisterAnswer struct {
	// Role is who at the ministry answered: its officials or the minister.
	Role    schakel.Role
	At      time.Time
	Kind    schakel.AnswerKind
	Late    bool
	Changes string
	ByWhen  *calendar.Date
	// Motivations are the minister's reasons per principle (explain).
	Motivations map[string]string
}

// returned lists the organisations' brakes of the period and selection.
func (s *Service) returned(ctx context.Context, v *View) error {
	for offset := 0; ; {
		bs, total, err := s.store.Brakes(ctx, schakel.BrakeFilter{Level: schakel.LevelOrganisation, From: v.From, To: v.To, Offset: offset, Limit: 200})
		if err != nil {
			return err
		}
		var ids []int64
		ladders := map[int64][]schakel.Addressee{}
		for _, b := range bs {
			ladders[b.RequestID] = b.Request.Ladder
			if _, ministry := v.Directory.Place(tallyOf(b.Request)); v.Selection.matches(v.Directory[b.Request.Requester.OrganisationID], ministry) {
				v.ReturnedTotal++
				if len(v.Returned) < maxReturned {
					v.Returned = append(v.Returned, returnedOf(b.Request, v.Now))
					ids = append(ids, b.RequestID)
				}
			}
		}
		if err := s.attachAnswers(ctx, v.Returned[len(v.Returned)-len(ids):], ids, ladders, v.Directory.RedactContext()); err != nil {
			return err
		}
		offset += len(bs)
		if len(bs) == 0 || offset >= total {
			return nil
		}
	}
}

// returnedOf is the view of an organisation's brake, its answers to come.
func returnedOf(r *schakel.Request, now time.Time) ReturnedAssignment {
	item := ReturnedAssignment{ID: r.ID, Organisation: r.Requester.OrganisationID, At: r.CreatedAt, State: r.State,
		Missed: schakel.BrakeDeadlineMissed(r)}
	if len(r.Ladder) > 0 {
		item.Ministry = r.Ladder[0].OrganisationID
	}
	for _, g := range r.Grounds {
		if !slices.Contains(item.Principles, g.Principle) {
			item.Principles = append(item.Principles, g.Principle)
		}
	}
	switch r.State {
	case schakel.StateOpen, schakel.StateAcknowledged, schakel.StateEscalated:
		item.Open, item.Due, item.Overdue = true, r.AnswerDeadline, !r.AnswerDeadline.After(now)
	}
	return item
}

// ladderRole is the role of a ladder's rung, or "" outside it.
func ladderRole(ladder []schakel.Addressee, rung int) schakel.Role {
	if rung < 0 || rung >= len(ladder) {
		return ""
	}
	return ladder[rung].Role
}

// attachAnswers adds the ministry's answers to the returned assignments
// items, which are of the requests ids with the ladders given.
func (s *Service) attachAnswers(ctx context.Context, items []ReturnedAssignment, ids []int64, ladders map[int64][]schakel.Addressee, rc redact.Context) error {
	if len(ids) == 0 {
		return nil
	}
	events, err := s.store.EventsOf(ctx, ids)
	if err != nil {
		return err
	}
	for i := range items {
		for _, ev := range events[items[i].ID] {
			role := ladderRole(ladders[items[i].ID], ev.Rung)
			if ev.Type != schakel.EventAnswered || role != schakel.RoleMinister {
				continue // the minister's answers are public; the officials' stay with the organisation and the ministry
			}
			// The minister's texts are public: they pass redaction first
			// (PRODUCT.md C9), organisations' names kept.
			changes, _ := rc.Redact(ev.Data.Changes)
			var motivations map[string]string
			for code, text := range ev.Data.Motivations {
				if motivations == nil {
					motivations = map[string]string{}
				}
				motivations[code], _ = rc.Redact(text)
			}
			items[i].Answers = append(items[i].Answers, MinisterAnswer{Role: role, At: ev.At, Kind: ev.Data.Answer, Late: ev.Data.Late,
				Changes: changes, ByWhen: ev.Data.ByWhen, Motivations: motivations})
		}
	}
	return nil
}

// LawFigure is what the knelpunten that reached a ministry say of a law.
type LawFigure struct {
	Law                            string // BWB id
	Knelpunten                     int
	Organisations                  int
	CitizensLow, CitizensHigh      int64
	CostOnceCents, CostYearlyCents int64
}

// lawFigures sums the law tallies of the selection per law, most
// knelpunten first, and returns at most n with the number of laws.
func lawFigures(tallies []schakel.LawTally, d Directory, sel Selection, n int) ([]LawFigure, int) {
	byLaw := map[string]*LawFigure{}
	for _, t := range tallies {
		org := d[t.OrganisationID]
		if !sel.matches(org, d.principal(org)) {
			continue
		}
		f := byLaw[t.Law]
		if f == nil {
			f = &LawFigure{Law: t.Law}
			byLaw[t.Law] = f
		}
		f.Knelpunten += t.Knelpunten
		f.Organisations++
		f.CitizensLow += t.CitizensLow
		f.CitizensHigh += t.CitizensHigh
		f.CostOnceCents += t.CostOnceCents
		f.CostYearlyCents += t.CostYearlyCents
	}
	out := make([]LawFigure, 0, len(byLaw))
	for _, f := range byLaw {
		out = append(out, *f)
	}
	slices.SortFunc(out, func(a, b LawFigure) int {
		return cmp.Or(cmp.Compare(b.Knelpunten, a.Knelpunten), cmp.Compare(b.CitizensHigh, a.CitizensHigh), cmp.Compare(a.Law, b.Law))
	})
	total := len(out)
	return out[:min(n, total)], total
}

// ProposalFigure is a proposal as the view lists it: its assessments, how
// many were delivered and answered, and the secretary-general's signature.
type ProposalFigure struct {
	ID          int64
	Ministry    int64
	Kind        schakel.ProposalKind
	Title       string
	State       schakel.ProposalState
	CreatedAt   time.Time
	Assessments []AssessmentFigure
	// Signed is when the secretary-general signed for execution, or zero.
	Signed time.Time
}

// AssessmentFigure is one organisation's assessment of a proposal.
type AssessmentFigure struct {
	Organisation int64
	State        schakel.AssessmentState
	Verdict      schakel.Verdict
	DeliveredAt  time.Time
	AnsweredAt   time.Time
}

// proposals lists the proposals registered in the period, of the
// selection's ministry or assessed by its organisation.
func (s *Service) proposals(ctx context.Context, v *View) error {
	f := schakel.ProposalFilter{MinistryID: v.Selection.MinistryID, OrganisationID: v.Selection.OrganisationID,
		CreatedFrom: calendar.StartOf(v.From), CreatedTo: calendar.StartOf(v.To.AddDays(1)), Limit: maxProposals}
	if v.Selection.Committee != "" || v.Selection.Task != "" {
		return nil // proposals belong to a ministry, not to a committee's or task's organisations alone
	}
	ps, total, err := s.store.Proposals(ctx, f)
	if err != nil {
		return err
	}
	v.ProposalsTotal = total
	for _, p := range ps {
		item := ProposalFigure{ID: p.ID, Ministry: p.MinistryID, Kind: p.Kind, Title: p.Title, State: p.State, CreatedAt: p.CreatedAt}
		as, err := s.store.Assessments(ctx, p.ID)
		if err != nil {
			return err
		}
		for _, a := range as {
			item.Assessments = append(item.Assessments, AssessmentFigure{Organisation: a.OrganisationID, State: a.State, Verdict: a.Verdict,
				DeliveredAt: a.DeliveredAt, AnsweredAt: a.AnsweredAt})
		}
		sig, err := s.store.Signature(ctx, p.ID)
		switch {
		case err == nil:
			item.Signed = sig.At
		case schakel.ErrorCode(err) != schakel.ENOTFOUND:
			return err
		}
		v.Proposals = append(v.Proposals, item)
	}
	return nil
}
