package precedent

import (
	"cmp"
	"slices"
	"time"

	"github.com/schakel-nl/schakel"
	"github.com/schakel-nl/schakel/ruleref"
)

// Thresholds decide when cases count as similar and when similar fixes
// pile up. A zero field takes its value from DefaultThresholds.
type Thresholds struct {
	// Similar is the lowest score (see Similarity) at which two cases are
	// called similar.
	Similar float64
	// Pile is how many similar fixes (maatwerk decisions) within Window
	// make SolveProposal propose a solve.
	Pile int
	// Window is how far back from now SolveProposal counts fixes; a day is
	// 24 hours.
	Window time.Duration
}

// DefaultThresholds are the thresholds the issue settled on: similar from a
// score of 0.45, and a solve proposal from 5 similar fixes within 90 days.
var DefaultThresholds = Thresholds{
	Similar: 0.45,
	Pile:    5,
	Window:  90 * 24 * time.Hour,
}

func (th Thresholds) withDefaults() Thresholds {
	if th.Similar == 0 {
		th.Similar = DefaultThresholds.Similar
	}
	if th.Pile == 0 {
		th.Pile = DefaultThresholds.Pile
	}
	if th.Window == 0 {
		th.Window = DefaultThresholds.Window
	}
	return th
}

// decisive reports whether o is a decision for the citizen, maatwerk or
// an authoritative no; a solve only, or no outcome yet, is neither.
func decisive(o schakel.Outcome) bool {
	return o == schakel.OutcomeMaatwerk || o == schakel.OutcomeNo
}

// Inconsistent returns the similar cases (score at least th.Similar) that
// were decided the other way: for maatwerk the authoritative noes, for an
// authoritative no the cases that got maatwerk. This is the consistency
// warning at a decision; the caller names the cases it returns. Matches
// with OutcomeSolveOnly or no outcome are never inconsistent, and for an
// outcome that is neither maatwerk nor an authoritative no (such as a case
// just submitted) Inconsistent returns nil — see Divergent for that. The
// matches keep their order.
func Inconsistent(outcome schakel.Outcome, matches []Match, th Thresholds) []Match {
	th = th.withDefaults()
	if !decisive(outcome) {
		return nil
	}
	var out []Match
	for _, m := range matches {
		if m.Score >= th.Similar && decisive(m.Item.Outcome) && m.Item.Outcome != outcome {
			out = append(out, m)
		}
	}
	return out
}

// Divergent reports whether the similar cases (score at least th.Similar)
// disagree among themselves: at least one got maatwerk and at least one an
// authoritative no. This is the consistency warning when a case is
// submitted, before it has an outcome of its own; the caller can name the
// two sides with Inconsistent.
func Divergent(matches []Match, th Thresholds) bool {
	th = th.withDefaults()
	var fix, no bool
	for _, m := range matches {
		if m.Score < th.Similar {
			continue
		}
		switch m.Item.Outcome {
		case schakel.OutcomeMaatwerk:
			fix = true
		case schakel.OutcomeNo:
			no = true
		}
	}
	return fix && no
}

// Proposal proposes to turn repeated fixes into a solve ("fix wordt
// solve"): the rule keeps needing maatwerk, so the rule should change.
type Proposal struct {
	// Count is the number of similar fixes within the window, the target
	// included when it is one of them.
	Count int
	// Since is when the earliest of them was decided.
	Since time.Time
	// Cases are the similar fixes other than the target, in the order of
	// the matches given.
	Cases []Match
	// RuleRefs are the rules the fixes share: every article (or law, or
	// policy rule) that at least two of them cite, as a JCI 1.3 string at
	// article level where it is a law, most cited first, then in text
	// order. The solve is most likely about these.
	RuleRefs []string
}

// SolveProposal proposes a solve when fixes pile up: when at least th.Pile
// cases that got maatwerk were decided in the window from now − th.Window
// to now, both ends included. They are the target itself, when it got
// maatwerk in the window, and the matches with a score of at least
// th.Similar that did. Each ID counts once, and items without a DecidedAt
// do not count. It returns nil when the fixes do not reach th.Pile.
//
// The count runs across whatever matches are given; a caller that wants
// one organisation's pile passes only that organisation's matches.
func SolveProposal(target Item, matches []Match, now time.Time, th Thresholds) *Proposal {
	th = th.withDefaults()
	from := now.Add(-th.Window)
	inWindow := func(it Item) bool {
		return it.Outcome == schakel.OutcomeMaatwerk && !it.DecidedAt.IsZero() &&
			!it.DecidedAt.Before(from) && !it.DecidedAt.After(now)
	}
	var (
		fixes []Item // the target first, when it counts
		cases []Match
		seen  = map[int64]bool{}
	)
	if inWindow(target) {
		fixes = append(fixes, target)
	}
	if target.ID != 0 {
		seen[target.ID] = true
	}
	for _, m := range matches {
		if m.Score < th.Similar || !inWindow(m.Item) || seen[m.Item.ID] {
			continue
		}
		if m.Item.ID != 0 {
			seen[m.Item.ID] = true
		}
		fixes = append(fixes, m.Item)
		cases = append(cases, m)
	}
	if len(fixes) < th.Pile {
		return nil
	}
	p := &Proposal{Count: len(fixes), Cases: cases, RuleRefs: sharedRefs(fixes)}
	for _, f := range fixes {
		if p.Since.IsZero() || f.DecidedAt.Before(p.Since) {
			p.Since = f.DecidedAt
		}
	}
	return p
}

// sharedRefs returns the article-level references that at least two of
// the items cite, most cited first.
func sharedRefs(items []Item) []string {
	cited := map[string]int{}
	for _, it := range items {
		keys := ruleref.Keys(it.RuleRefs)
		var mine []string
		for _, k := range keys {
			mine = append(mine, k.ArticleLevel())
		}
		slices.Sort(mine)
		for _, s := range slices.Compact(mine) {
			cited[s]++
		}
	}
	var out []string
	for s, n := range cited {
		if n >= 2 {
			out = append(out, s)
		}
	}
	slices.SortFunc(out, func(a, b string) int {
		if c := cmp.Compare(cited[b], cited[a]); c != 0 {
			return c
		}
		return cmp.Compare(a, b)
	})
	return out
}
