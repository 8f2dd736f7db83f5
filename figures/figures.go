// Package figures is the parliament's view of the executive (PRODUCT.md
// C8, report §5.4.4–5.4.5): direct, unfiltered figures per ministry,
// organisation, standing committee and societal task — open and overdue
// requests naming the addressee and the deadline, comply versus explain,
// answer times against the legal terms, missed deadlines and escalations,
// brakes per level, knelpunten per law with citizens and cost, returned
// assignments with the minister's answers and assessments with their
// answers and signatures. Everything it returns is public and names no
// person; citizens' brakes too few to publish are held back
// (MinCitizenBrakes). The yearly Staat van de Uitvoering and the open data
// are built from the same View.
package figures

import (
	"context"
	"time"

	"github.com/schakel-nl/schakel"
	"github.com/schakel-nl/schakel/calendar"
)

// Store is what the figures need of the store.
type Store interface {
	schakel.TallyStore
	schakel.LawTallyStore
	schakel.OrganisationStore
	schakel.RequestStore
	schakel.BrakeStore
	schakel.ProposalStore
}

// Service computes the parliament view. Build it with New.
type Service struct {
	store Store
	clock schakel.Clock
}

// New returns a Service over st on the system clock.
func New(st Store) *Service { return &Service{store: st, clock: schakel.SystemClock{}} }

// WithClock returns a copy of s that reads the time from clock.
func (s *Service) WithClock(clock schakel.Clock) *Service {
	c := *s
	c.clock = clock
	return &c
}

// Filter is what the view is asked for: a period of days (both
// inclusive) and at most one of each selection, by code or name.
type Filter struct {
	From, To     calendar.Date
	Organisation string // an organisation's code
	Ministry     string // a ministry's code
	Committee    string
	Task         string
	// AsOf counts the requests as they stood at the view's instant (the
	// service's clock) as far as their answers go: an answer given later is
	// not yet given. For a report's cut-off; it reads every request of the
	// period instead of the grouping index alone.
	AsOf bool
	// Problems are what the transport found wrong while decoding the
	// filter; they are named with the service's findings.
	Problems []schakel.FieldError
}

// Limits of the view's lists; each list says how many there are in all.
const (
	maxOpen      = 50
	maxReturned  = 50
	maxProposals = 10
	maxLaws      = 25
)

// View is the parliament view of a period and selection.
type View struct {
	From, To  calendar.Date
	Selection Selection
	// Organisation, Ministry, Committee and Task echo the filter.
	Organisation, Ministry, Committee, Task string
	// Now is the instant the figures are of.
	Now time.Time
	Tables
	// Terms are the legal answer terms per request type.
	Terms []TypeTerm
	// Open are the open requests that are not a citizen's own, soonest
	// deadline first (the overdue ones first of all); OpenTotal counts
	// them all.
	Open      []OpenRequest
	OpenTotal int
	// Returned are the assignments organisations returned to their
	// ministry, newest first, open ones among them.
	Returned      []ReturnedAssignment
	ReturnedTotal int
	// Laws are the laws with the most knelpunten that reached a ministry.
	Laws      []LawFigure
	LawsTotal int
	// Proposals are the proposals registered in the period with their
	// assessments, newest first.
	Proposals      []ProposalFigure
	ProposalsTotal int
	// Directory holds every organisation, for names and the filter's
	// choices.
	Directory Directory
}

// View returns the parliament view for f. Returns EINVALID naming every
// invalid field (a period that ends before it starts or is longer than
// five years, an unknown organisation or ministry).
func (s *Service) View(ctx context.Context, f Filter) (*View, error) {
	now := s.clock.Now()
	v, err := s.resolve(ctx, f, now)
	if err != nil {
		return nil, err
	}
	tf := schakel.TallyFilter{From: calendar.StartOf(v.From), To: calendar.StartOf(v.To.AddDays(1)), Now: now, AsOf: f.AsOf}
	tallies, err := s.store.RequestTallies(ctx, tf)
	if err != nil {
		return nil, err
	}
	v.Tables = Tabulate(tallies, v.Directory, v.Selection)
	v.Terms = terms()
	if err := s.openRequests(ctx, v, tf); err != nil {
		return nil, err
	}
	if err := s.returned(ctx, v); err != nil {
		return nil, err
	}
	laws, err := s.store.KnelpuntLawTallies(ctx, tf)
	if err != nil {
		return nil, err
	}
	v.Laws, v.LawsTotal = lawFigures(laws, v.Directory, v.Selection, maxLaws)
	if err := s.proposals(ctx, v); err != nil {
		return nil, err
	}
	return v, nil
}

// maxPeriodDays bounds the period a view covers.
const maxPeriodDays = 5*366 + 1

// resolve checks f and returns the view's frame: the period, the
// selection and the directory.
func (s *Service) resolve(ctx context.Context, f Filter, now time.Time) (*View, error) {
	var val schakel.Validation
	val.Given(f.Problems)
	orgs, _, err := s.store.Organisations(ctx, schakel.OrganisationFilter{Limit: 100000})
	if err != nil {
		return nil, err
	}
	d := NewDirectory(orgs)
	v := &View{Now: now, Directory: d, Organisation: f.Organisation, Ministry: f.Ministry, Committee: f.Committee, Task: f.Task}
	v.From, v.To = Period(f.From, f.To, now)
	switch {
	case !val.Names("tot") && !val.Names("vanaf") && v.To.Before(v.From):
		val.Add("tot", "before_start", "De einddatum ligt voor de begindatum.")
	case v.From.DaysUntil(v.To) > maxPeriodDays:
		val.Add("vanaf", "too_long", "Kies een periode van hoogstens vijf jaar.")
	}
	v.Selection.OrganisationID = s.pick(d, "organisatie", f.Organisation, func(o *schakel.Organisation) bool { return true }, &val)
	v.Selection.MinistryID = s.pick(d, "ministerie", f.Ministry, func(o *schakel.Organisation) bool { return o.Type == schakel.OrgMinistry }, &val)
	v.Selection.Committee = val.Text("commissie", f.Committee, schakel.MaxGroupingName, false)
	v.Selection.Task = val.Text("opgave", f.Task, schakel.MaxGroupingName, false)
	if err := val.Err(); err != nil {
		return nil, err
	}
	return v, nil
}

// pick returns the id of the organisation with code that ok accepts, or 0
// for no code; an unknown code is named as field.
func (s *Service) pick(d Directory, field, code string, ok func(*schakel.Organisation) bool, v *schakel.Validation) int64 {
	if code == "" || v.Names(field) {
		return 0
	}
	for _, o := range d {
		if o.Code == code && ok(o) {
			return o.ID
		}
	}
	v.Add(field, "unknown", "Er is geen organisatie met de code %q die hier kan worden gekozen.", code)
	return 0
}
