// Package inbox is the way in to the work that awaits a user: the one
// Postvak that brings together the requests for account addressed to
// their roles (among them emergency brakes, knelpunten put to a team and
// uitvoeringstoetsen, which are requests too), the cases their team must
// deliberate on and the knelpunten still to be put to a team, each with
// its due date and marked new when it arrived after the user last opened
// the Postvak. The counts in the menu and on the home page, and the daily
// digest, come from here too, so they always agree with the Postvak.
//
// It reads the other services, never the store, except for the per-user
// settings of schakel.WorkStore.
package inbox

import (
	"cmp"
	"context"
	"slices"
	"strconv"
	"time"

	"github.com/schakel-nl/schakel"
	"github.com/schakel-nl/schakel/authz"
	"github.com/schakel-nl/schakel/calendar"
)

// Requests is what the Postvak needs of the request service.
type Requests interface {
	// Inbox returns the requests awaiting an answer from any role u holds
	// (and those answered), soonest deadline first.
	Inbox(ctx context.Context, u *schakel.User, limit int) ([]*schakel.Request, error)
}

// Cases is what the Postvak needs of the maatwerkplaats.
type Cases interface {
	List(ctx context.Context, u *schakel.User, state schakel.CaseState, offset, limit int) ([]*schakel.Case, int, error)
}

// Knelpunten is what the Postvak needs of the signal service.
type Knelpunten interface {
	List(ctx context.Context, u *schakel.User, f schakel.KnelpuntFilter) ([]*schakel.Knelpunt, int, error)
}

// Kind is the kind of an item of the Postvak; the values are the Dutch
// words of the filter's query.
type Kind string

// The kinds of work.
const (
	KindRequest    Kind = "verzoek"
	KindBrake      Kind = "noodrem"
	KindKnelpunt   Kind = "knelpunt"
	KindAssessment Kind = "toets"
	KindCase       Kind = "casus"
)

// Kinds are the kinds in the order pages offer them.
var Kinds = []Kind{KindCase, KindBrake, KindRequest, KindKnelpunt, KindAssessment}

// Item is one piece of work in the Postvak.
type Item struct {
	Kind Kind
	// ID is the id of the request, case or knelpunt.
	ID    int64
	Title string
	// URL is the page where the work is done.
	URL string
	// Due is the date by which an answer is owed; zero when no legal term
	// runs (a case, a knelpunt not yet put to a team).
	Due calendar.Date
	// Overdue is set when an acknowledgement or answer owed is late.
	Overdue bool
	// DaysLeft is the number of days until Due, negative when overdue.
	DaysLeft int
	// Arrived is when the work came to the user's roles: made, or
	// escalated to them.
	Arrived time.Time
	// New is set when it arrived after the user last opened the Postvak.
	New    bool
	Urgent bool
	// OrganisationID is the organisation whose work it is.
	OrganisationID int64
	// Request, Case or Knelpunt is the work itself, by its kind: a
	// request for every kind but cases and knelpunten not yet put.
	Request  *schakel.Request
	Case     *schakel.Case
	Knelpunt *schakel.Knelpunt
}

// maxPerSource caps what one source (the requests of one role, the cases
// of one state) adds to the Postvak.
const maxPerSource = 500

// Service gathers the work of a user. Build it with New.
type Service struct {
	requests   Requests
	cases      Cases
	knelpunten Knelpunten
	store      schakel.WorkStore
	clock      schakel.Clock
	cal        *calendar.Calendar
}

// New returns the Postvak over the services; cases and knelpunten may be
// nil when those parts of schakel are off.
func New(rs Requests, cs Cases, ks Knelpunten, st schakel.WorkStore, clock schakel.Clock) *Service {
	return &Service{requests: rs, cases: cs, knelpunten: ks, store: st, clock: clock, cal: calendar.New()}
}

// login returns EUNAUTHORIZED without a user.
func login(u *schakel.User) error {
	if u == nil {
		return schakel.Errorf(schakel.EUNAUTHORIZED, "Log in om uw postvak te zien.")
	}
	return nil
}

// Items returns all open work of u, soonest due date first (work without
// a term after, newest first), with New marked against the time u last
// opened the Postvak.
func (s *Service) Items(ctx context.Context, u *schakel.User) ([]Item, error) {
	if err := login(u); err != nil {
		return nil, err
	}
	ws, err := s.store.WorkSettings(ctx, u.ID)
	if err != nil {
		return nil, err
	}
	today := s.cal.Today(s.clock.Now())
	items, err := s.requestItems(ctx, u, today)
	if err != nil {
		return nil, err
	}
	more, err := s.caseItems(ctx, u)
	if err != nil {
		return nil, err
	}
	items = append(items, more...)
	if more, err = s.knelpuntItems(ctx, u); err != nil {
		return nil, err
	}
	items = append(items, more...)
	for i := range items {
		items[i].New = items[i].Arrived.After(ws.InboxSeenAt)
	}
	sortItems(items, SortDue)
	return items, nil
}

// kindOf returns the kind of work a request is.
func kindOf(t schakel.RequestType) Kind {
	switch t {
	case schakel.TypeProfessionalBrake, schakel.TypeOrganisationBrake, schakel.TypeCitizenBrake:
		return KindBrake
	case schakel.TypeKnelpunt:
		return KindKnelpunt
	case schakel.TypeAssessment, schakel.TypeAssessmentAnswer:
		return KindAssessment
	}
	return KindRequest
}

// requestItems are the requests that await an answer of u's roles; an
// answered one waits for its requester, not for u.
func (s *Service) requestItems(ctx context.Context, u *schakel.User, today calendar.Date) ([]Item, error) {
	rs, err := s.requests.Inbox(ctx, u, maxPerSource)
	if err != nil {
		return nil, err
	}
	var out []Item
	for _, r := range rs {
		if !r.State.AwaitsAnswer() {
			continue
		}
		arrived := r.CreatedAt
		if r.Rung > 0 {
			arrived = r.UpdatedAt
		}
		it := Item{Kind: kindOf(r.Type), ID: r.ID, Title: r.Subject, URL: "/verzoeken/" + strconv.FormatInt(r.ID, 10),
			Due: r.AnswerDue, Arrived: arrived, Urgent: r.Urgent, Request: r}
		if r.Rung < len(r.Ladder) {
			it.OrganisationID = r.Ladder[r.Rung].OrganisationID
		}
		if !it.Due.IsZero() {
			it.DaysLeft = today.DaysUntil(it.Due)
		}
		// Late with the acknowledgement or the answer, as the request
		// itself says.
		it.Overdue = r.Overdue(s.clock.Now())
		out = append(out, it)
	}
	return out, nil
}

// caseItems are the cases not yet decided of the organisations where u
// manages cases (coordinator or board): a new case reaches them here.
func (s *Service) caseItems(ctx context.Context, u *schakel.User) ([]Item, error) {
	orgs := authz.Organisations(u, authz.ManageCases)
	if s.cases == nil || len(orgs) == 0 {
		return nil, nil
	}
	var out []Item
	for _, st := range []schakel.CaseState{schakel.CaseSubmitted, schakel.CaseDeliberation} {
		cs, _, err := s.cases.List(ctx, u, st, 0, maxPerSource)
		if err != nil {
			return nil, err
		}
		for _, c := range cs {
			if slices.Contains(orgs, c.OrganisationID) {
				out = append(out, Item{Kind: KindCase, ID: c.ID, Title: c.Title, URL: "/casussen/" + strconv.FormatInt(c.ID, 10),
					Arrived: c.CreatedAt, Urgent: c.Urgent, OrganisationID: c.OrganisationID, Case: c})
			}
		}
	}
	return out, nil
}

// knelpuntItems are the open knelpunten, not yet put to a team, of the
// organisations where u coordinates: signals gathered that wait for
// someone to take them up. Once put, a knelpunt is a request and comes in
// through requestItems.
func (s *Service) knelpuntItems(ctx context.Context, u *schakel.User) ([]Item, error) {
	if s.knelpunten == nil {
		return nil, nil
	}
	var out []Item
	seen := map[int64]bool{}
	for _, m := range u.Memberships {
		if m.Role != schakel.RoleCoordinator || seen[m.OrganisationID] {
			continue
		}
		seen[m.OrganisationID] = true
		ks, _, err := s.knelpunten.List(ctx, u, schakel.KnelpuntFilter{OrganisationID: m.OrganisationID, State: schakel.KnelpuntOpen, Limit: maxPerSource})
		if err != nil {
			return nil, err
		}
		for _, k := range ks {
			out = append(out, Item{Kind: KindKnelpunt, ID: k.ID, Title: k.Title, URL: "/knelpunten/" + strconv.FormatInt(k.ID, 10),
				Arrived: k.CreatedAt, OrganisationID: k.OrganisationID, Knelpunt: k})
		}
	}
	return out, nil
}

// Sort is the order of the Postvak.
type Sort string

// The orders.
const (
	// SortDue: soonest due date first, work without a term after it,
	// newest first.
	SortDue Sort = "termijn"
	// SortNewest: newest arrival first.
	SortNewest Sort = "nieuwste"
)

// sortItems sorts items in place by order; ties go by kind and id, so the
// order is the same on every load.
func sortItems(items []Item, order Sort) {
	slices.SortStableFunc(items, func(a, b Item) int {
		if order == SortDue {
			switch {
			case a.Due.IsZero() != b.Due.IsZero():
				if a.Due.IsZero() {
					return 1
				}
				return -1
			case !a.Due.IsZero():
				if c := a.Due.Compare(b.Due); c != 0 {
					return c
				}
			}
		}
		if c := b.Arrived.Compare(a.Arrived); c != 0 {
			return c
		}
		return cmp.Or(cmp.Compare(a.Kind, b.Kind), cmp.Compare(a.ID, b.ID))
	})
}
