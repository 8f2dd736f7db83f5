package figures

import (
	"context"
	"slices"
	"time"

	"github.com/schakel-nl/schakel"
	"github.com/schakel-nl/schakel/calendar"
)

// Which names the requests behind one figure of the view.
type Which string

// The figures whose requests can be listed.
const (
	WhichAll       Which = "alle"
	WhichOpen      Which = "open"
	WhichOverdue   Which = "te-laat"
	WhichAnswered  Which = "beantwoord"
	WhichComplied  Which = "pas-toe"
	WhichExplained Which = "leg-uit"
	// WhichPartial lists the requests last answered in part (deels).
	WhichPartial   Which = "deels"
	WhichMissed    Which = "termijn-gemist"
	WhichEscalated Which = "geescaleerd"
)

// Whiches lists every Which in the order the page offers them.
var Whiches = []Which{WhichAll, WhichOpen, WhichOverdue, WhichAnswered, WhichComplied, WhichPartial, WhichExplained, WhichMissed, WhichEscalated}

// ItemFilter is the view's filter and the figure whose requests to list,
// a page of them.
type ItemFilter struct {
	Filter
	Which Which
	// Type, when set, limits to one request type; a citizen's own type
	// lists nothing (its requests are counted, never listed).
	Type          schakel.RequestType
	Offset, Limit int
}

// Item is a request behind a figure: no texts, only who owed what by when
// and what came of it.
type Item struct {
	ID           int64
	Type         schakel.RequestType
	Organisation int64 // the organisation it is about
	Addressee    schakel.Addressee
	State        schakel.RequestState
	Answer       schakel.AnswerKind
	CreatedAt    time.Time
	Deadline     time.Time
	Overdue      bool
	Missed       bool
	Escalated    bool
}

// Items returns a page of the requests behind a figure of the view for f,
// soonest deadline first, and how many there are. Citizens' own requests
// (objections, complaints, citizens' brakes) are never listed one by one.
// Returns EINVALID naming every invalid field.
func (s *Service) Items(ctx context.Context, f ItemFilter) ([]Item, int, *View, error) {
	now := s.clock.Now()
	var v *View
	var err error
	if !slices.Contains(Whiches, f.Which) {
		f.Problems = append(f.Problems, schakel.FieldError{Field: "cijfer", Code: "enum", Format: "Kies een van: %s.", Args: []any{"alle, open, te-laat, beantwoord, pas-toe, deels, leg-uit, termijn-gemist, geescaleerd"}})
	}
	if v, err = s.resolve(ctx, f.Filter, now); err != nil {
		return nil, 0, nil, err
	}
	rf := schakel.RequestFilter{ExceptTypes: citizensOwn, CreatedFrom: calendar.StartOf(v.From), CreatedTo: calendar.StartOf(v.To.AddDays(1)), Now: now,
		Offset: f.Offset, Limit: f.Limit}
	if f.Type != "" {
		if slices.Contains(citizensOwn, f.Type) {
			return nil, 0, v, nil
		}
		rf.Types = []schakel.RequestType{f.Type}
	}
	applyWhich(&rf, f.Which)
	if !v.Selection.Empty() {
		if rf.FirstOrganisationIDs = v.Directory.selected(v.Selection); len(rf.FirstOrganisationIDs) == 0 {
			return nil, 0, v, nil
		}
	}
	rs, total, err := s.store.Requests(ctx, rf)
	if err != nil {
		return nil, 0, nil, err
	}
	out := make([]Item, 0, len(rs))
	for _, r := range rs {
		it := Item{ID: r.ID, Type: r.Type, Addressee: r.Addressee(), State: r.State, Answer: r.Answer, CreatedAt: r.CreatedAt,
			Deadline: r.AnswerDeadline, Overdue: r.State.AwaitsAnswer() && !r.AnswerDeadline.After(now), Missed: r.MissedCount > 0, Escalated: r.Rung > 0}
		if org, _ := v.Directory.Place(tallyOf(r)); org != nil {
			it.Organisation = org.ID
		}
		out = append(out, it)
	}
	return out, total, v, nil
}

// applyWhich narrows rf to the requests of one figure.
func applyWhich(rf *schakel.RequestFilter, w Which) {
	switch w {
	case WhichOpen:
		rf.Open = true
	case WhichOverdue:
		rf.AnswerOverdue = true // as the figure counts: the answer's deadline
	case WhichAnswered:
		rf.Answered = true
	case WhichComplied:
		rf.Answer = schakel.Comply
	case WhichExplained:
		rf.Answer = schakel.Explain
	case WhichPartial:
		rf.Answer = schakel.Partial
	case WhichMissed:
		rf.Missed = true
	case WhichEscalated:
		rf.Escalated = true
	}
}

// Period returns the days a filter covers when its ends are left open:
// the twelve months up to today.
func Period(from, to calendar.Date, now time.Time) (calendar.Date, calendar.Date) {
	if to.IsZero() {
		to = calendar.DateFromTime(now.In(calendar.Location())) // the Dutch day
	}
	if from.IsZero() {
		from = to.AddMonths(-12).AddDays(1)
	}
	return from, to
}
