package figures

import (
	"cmp"
	"slices"

	"github.com/schakel-nl/schakel"
)

// MinCitizenBrakes is the smallest number of citizens' brakes about one
// organisation's decisions in a period that the figures publish: fewer
// could single out the citizens who pulled them (decision 0024). An
// organisation with 1 to MinCitizenBrakes-1 such brakes in the period has
// them counted in no figure at all — not its own, not its ministry's, not
// the totals — so no difference between two published figures reveals
// them; the figures say that brakes were held back, never how many.
const MinCitizenBrakes = 5

// Suppressed reports whether a count of citizens' brakes about one
// organisation's decisions in a period is held back: 1 to
// MinCitizenBrakes-1.
func Suppressed(n int) bool { return n > 0 && n < MinCitizenBrakes }

// Count is a published count of citizens' brakes: N counted, and
// Suppressed when an organisation of the group had brakes held back.
type Count struct {
	N          int
	Suppressed bool
}

// Figures are what the parliament view says of one group of requests: a
// ministry, an organisation, a committee, a task, a request type, or all.
type Figures struct {
	// Requests counts the requests made in the period; Open those still
	// awaiting an answer, Overdue those of them past their deadline.
	Requests, Open, Overdue int
	// Answered counts the answered requests; Complied, Partial (deels:
	// comply in part) and Explained split them by the latest answer.
	Answered, Complied, Explained int
	Partial                       int
	// OnTime counts the answered requests answered within every deadline.
	OnTime int
	// MedianDays and P90Days are the days from request to first answer at
	// the 50th and 90th percentile (nearest rank), or -1 without answers.
	MedianDays, P90Days int
	// Missed counts the requests that missed a deadline; Escalated those
	// that went up their ladder.
	Missed, Escalated int
	// CitizenBrakes, ProfessionalBrakes and OrganisationBrakes count the
	// emergency brakes per level (see MinCitizenBrakes).
	CitizenBrakes      Count
	ProfessionalBrakes int
	OrganisationBrakes int

	days map[int]int // answered requests per whole days to answer
}

// ComplyPercent is the share of answered requests that complied, in whole
// percents, or -1 without answers.
func (f Figures) ComplyPercent() int { return percent(f.Complied, f.Answered) }

// OnTimePercent is the share of answered requests answered in time, in
// whole percents, or -1 without answers.
func (f Figures) OnTimePercent() int { return percent(f.OnTime, f.Answered) }

// percent returns part of whole in whole percents, rounded half up, or -1
// when whole is 0.
func percent(part, whole int) int {
	if whole == 0 {
		return -1
	}
	return (200*part + whole) / (2 * whole)
}

// add counts a tally in f.
func (f *Figures) add(t schakel.RequestTally) {
	f.Requests += t.Count
	if t.Open {
		f.Open += t.Count
	}
	f.Overdue += t.Overdue
	if t.AnswerDays >= 0 {
		f.Answered += t.Count
		if !t.Late {
			f.OnTime += t.Count
		}
		if f.days == nil {
			f.days = map[int]int{}
		}
		f.days[t.AnswerDays] += t.Count
	}
	switch t.Answer {
	case schakel.Comply:
		f.Complied += t.Count
	case schakel.Explain:
		f.Explained += t.Count
	case schakel.Partial:
		f.Partial += t.Count
	}
	if t.Missed {
		f.Missed += t.Count
	}
	if t.Escalated {
		f.Escalated += t.Count
	}
	switch t.Type {
	case schakel.TypeCitizenBrake:
		f.CitizenBrakes.N += t.Count
	case schakel.TypeProfessionalBrake:
		f.ProfessionalBrakes += t.Count
	case schakel.TypeOrganisationBrake:
		f.OrganisationBrakes += t.Count
	}
}

// finish computes the percentiles.
func (f *Figures) finish() {
	f.MedianDays, f.P90Days = percentile(f.days, 50), percentile(f.days, 90)
}

// percentile returns the nearest-rank p-th percentile of the histogram
// days (value → count): the smallest value with at least p percent of the
// counts at or below it; -1 for an empty histogram.
func percentile(days map[int]int, p int) int {
	n := 0
	for _, c := range days {
		n += c
	}
	if n == 0 {
		return -1
	}
	rank := (p*n + 99) / 100 // ceil(p·n/100), at least 1 for p > 0
	rank = max(rank, 1)
	keys := make([]int, 0, len(days))
	for k := range days {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	seen := 0
	for _, k := range keys {
		seen += days[k]
		if seen >= rank {
			return k
		}
	}
	return keys[len(keys)-1]
}

// Group is the figures of one ministry, organisation, committee, task or
// request type.
type Group struct {
	// Key identifies the group in a filter or link: an organisation's code,
	// a committee's or task's name, a request type.
	Key  string
	Name string
	Figures
}

// grouper sums tallies into groups by a key.
type grouper struct{ groups map[string]*Group }

func newGrouper() *grouper { return &grouper{groups: map[string]*Group{}} }

// group returns the group of key, made with name when new.
func (g *grouper) group(key, name string) *Group {
	gr := g.groups[key]
	if gr == nil {
		gr = &Group{Key: key, Name: name}
		g.groups[key] = gr
	}
	return gr
}

// list finishes the groups and returns them by name, then key.
func (g *grouper) list() []Group {
	out := make([]Group, 0, len(g.groups))
	for _, gr := range g.groups {
		gr.finish()
		out = append(out, *gr)
	}
	slices.SortFunc(out, func(a, b Group) int {
		return cmp.Or(cmp.Compare(a.Name, b.Name), cmp.Compare(a.Key, b.Key))
	})
	return out
}
