package reports

import (
	"cmp"
	"context"
	"slices"
	"time"

	"github.com/schakel-nl/schakel"
	"github.com/schakel-nl/schakel/calendar"
	"github.com/schakel-nl/schakel/documents"
	"github.com/schakel-nl/schakel/figures"
	"github.com/schakel-nl/schakel/redact"
	"github.com/schakel-nl/schakel/report"
)

// input gathers the report on year as the data stood at the end of
// cutoff: the parliament view of the year (up to the cut-off when that
// falls in it) with its clock at the end of the cut-off day, and the
// counts of the register of case precedent published by then.
func (s *Service) input(ctx context.Context, year int, cutoff calendar.Date) (report.Report, error) {
	end := calendar.StartOf(cutoff.AddDays(1)) // the end of the cut-off day, Dutch time
	to := calendar.DateOf(year, 12, 31)
	if cutoff.Before(to) {
		to = cutoff
	}
	fig := s.figures.WithClock(schakel.ClockFunc(func() time.Time { return end }))
	v, err := fig.View(ctx, figures.Filter{From: calendar.DateOf(year, 1, 1), To: to, AsOf: true})
	if err != nil {
		return report.Report{}, err
	}
	s.step(1)
	in := report.Report{Year: year, Cutoff: cutoff, MinCitizenBrakes: figures.MinCitizenBrakes, HeldBack: v.HeldBack,
		Total: figuresOf(v.Total.Figures), Ministries: groups(v.Ministries), Organisations: groups(v.Organisations), Types: groups(v.Types),
		LawsTotal: v.LawsTotal, ProposalsTotal: v.ProposalsTotal, ReturnedTotal: v.ReturnedTotal, SiteURL: s.siteURL}
	for _, t := range v.Terms {
		in.Terms = append(in.Terms, report.Term{Type: t.Type, Term: t.Term.Dutch(), Days: t.Days})
	}
	for _, l := range v.Laws {
		in.Laws = append(in.Laws, report.Law{Law: l.Law, Knelpunten: l.Knelpunten, Organisations: l.Organisations,
			CitizensLow: l.CitizensLow, CitizensHigh: l.CitizensHigh, CostOnceCents: l.CostOnceCents, CostYearlyCents: l.CostYearlyCents})
	}
	rc := v.Directory.RedactContext()
	name := func(id int64) string {
		if o := v.Directory[id]; o != nil {
			return o.Name
		}
		return ""
	}
	for _, p := range v.Proposals {
		in.Proposals = append(in.Proposals, proposalOf(p, name, rc))
	}
	for _, a := range v.Returned {
		in.Returned = append(in.Returned, returnedOf(a, name, rc))
	}
	in.Precedent, err = s.precedent(ctx, year, end, name)
	if err == nil {
		s.step(2)
	}
	return in, err
}

// figuresOf copies the view's figures of a group.
func figuresOf(f figures.Figures) report.Figures {
	return report.Figures{Requests: f.Requests, Open: f.Open, Overdue: f.Overdue, Answered: f.Answered, Complied: f.Complied,
		Explained: f.Explained, Partial: f.Partial, OnTime: f.OnTime, MedianDays: f.MedianDays, P90Days: f.P90Days, Missed: f.Missed, Escalated: f.Escalated,
		CitizenBrakes: f.CitizenBrakes.N, CitizenBrakesHeld: f.CitizenBrakes.Suppressed, ProfessionalBrakes: f.ProfessionalBrakes,
		OrganisationBrakes: f.OrganisationBrakes}
}

// groups copies the view's groups in their order (by name, then key).
func groups(gs []figures.Group) []report.Group {
	out := make([]report.Group, 0, len(gs))
	for _, g := range gs {
		out = append(out, report.Group{Name: g.Name, Figures: figuresOf(g.Figures)})
	}
	return out
}

// date is the Dutch day of t, or the zero Date.
func date(t time.Time) calendar.Date {
	if t.IsZero() {
		return calendar.Date{}
	}
	return calendar.DateFromTime(t.In(amsterdam))
}

// proposalOf is a proposal of the view with its title redacted.
func proposalOf(p figures.ProposalFigure, name func(int64) string, rc redact.Context) report.Proposal {
	out := report.Proposal{Title: documents.RedactIn(p.Title, rc), Ministry: name(p.Ministry), Kind: p.Kind, State: p.State,
		Created: date(p.CreatedAt), Signed: date(p.Signed)}
	for _, a := range p.Assessments {
		out.Assessments = append(out.Assessments, report.Assessment{Organisation: name(a.Organisation), State: a.State, Verdict: a.Verdict,
			Delivered: date(a.DeliveredAt), Answered: date(a.AnsweredAt)})
	}
	return out
}

// returnedOf is a returned assignment of the view with the minister's
// texts redacted and the motivations in the order of their principles.
func returnedOf(a figures.ReturnedAssignment, name func(int64) string, rc redact.Context) report.Returned {
	out := report.Returned{Organisation: name(a.Organisation), Ministry: name(a.Ministry), At: date(a.At), State: a.State,
		Principles: a.Principles, Open: a.Open, Overdue: a.Overdue, Missed: a.Missed, Due: date(a.Due)}
	for _, ans := range a.Answers {
		ra := report.Answer{At: date(ans.At), Kind: ans.Kind, Late: ans.Late, Changes: documents.RedactIn(ans.Changes, rc)}
		if ans.ByWhen != nil {
			ra.ByWhen = *ans.ByWhen
		}
		principles := make([]string, 0, len(ans.Motivations))
		for p := range ans.Motivations {
			principles = append(principles, p)
		}
		slices.Sort(principles)
		for _, p := range principles {
			ra.Motivations = append(ra.Motivations, report.Motivation{Principle: p, Text: documents.RedactIn(ans.Motivations[p], rc)})
		}
		out.Answers = append(out.Answers, ra)
	}
	return out
}

// outcomeNames are the outcomes of a case in words, in the report's order.
var outcomeNames = []struct {
	outcome schakel.Outcome
	name    string
}{
	{schakel.OutcomeMaatwerk, "Maatwerk"}, {schakel.OutcomeNo, "Gezagsvol nee"}, {schakel.OutcomeSolveOnly, "Alleen een signaal"},
}

// precedentPage is the number of precedents read at a time.
const precedentPage = 500

// precedent counts the cases decided in year that the register held at
// end, per outcome and per organisation. Only counts: no text of a case
// enters the report.
func (s *Service) precedent(ctx context.Context, year int, end time.Time, name func(int64) string) (report.Precedent, error) {
	var out report.Precedent
	if s.precedents == nil {
		return out, nil
	}
	byOutcome, byOrg := map[schakel.Outcome]int{}, map[string]int{}
	f := schakel.PrecedentFilter{From: calendar.StartOf(calendar.DateOf(year, 1, 1)), To: calendar.StartOf(calendar.DateOf(year+1, 1, 1)), Limit: precedentPage}
	for {
		ps, total, err := s.precedents.Search(ctx, f)
		if err != nil {
			return out, err
		}
		for _, p := range ps {
			if p.PublishedAt.After(end) || p.DecidedAt.After(end) {
				continue
			}
			out.Total++
			byOutcome[p.Outcome]++
			byOrg[cmp.Or(name(p.OrganisationID), "Onbekende organisatie")]++
		}
		f.Offset += len(ps)
		if len(ps) == 0 || f.Offset >= total {
			break
		}
	}
	for _, o := range outcomeNames {
		out.ByOutcome = append(out.ByOutcome, report.Count{Label: o.name, N: byOutcome[o.outcome]})
	}
	orgs := make([]string, 0, len(byOrg))
	for o := range byOrg {
		orgs = append(orgs, o)
	}
	slices.Sort(orgs)
	for _, o := range orgs {
		out.ByOrganisation = append(out.ByOrganisation, report.Count{Label: o, N: byOrg[o]})
	}
	return out, nil
}
