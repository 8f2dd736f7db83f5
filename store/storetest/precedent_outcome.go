package storetest

import (
	"fmt"
	"math/rand/v2"
	"slices"
	"time"

	"github.com/schakel-nl/schakel"
)

func init() {
	tests["Precedents (words and an outcome, from the index)"] = testPrecedentsOutcome
}

// testPrecedentsOutcome: a full-text search filtered by outcome alone,
// answered from the index of words and outcomes since issue 17, finds the
// same cases in the same order and with the same total as the search the
// store answers the general way (the same filter plus one that keeps every
// case), and as the search without the outcome with the other outcomes left
// out — ranked and newest first, page by page, before and after a
// correction changed a case's words and a withdrawal removed one; the total
// without the outcome is the number of cases found. A word of
// the texts that names an outcome ("maatwerk") is no outcome.
func testPrecedentsOutcome(e *env) {
	f := newCaseFixture(e)
	r := rand.New(rand.NewPCG(17, 4))
	words := []string{"voorschot", "bijstand", "gift", "toeslag", "boete", "woning", "maatwerk"}
	outcomes := []schakel.Outcome{schakel.OutcomeMaatwerk, schakel.OutcomeNo, schakel.OutcomeSolveOnly}
	start := e.clock.Now()
	var published []*schakel.Precedent
	for i := range 240 {
		title := words[r.IntN(len(words))]
		for range r.IntN(3) {
			title += " " + words[r.IntN(len(words))]
		}
		c := f.newCase(e, f.uwv, fmt.Sprintf("%s %d", title, i))
		decided := start.Add(-time.Duration(r.IntN(2000)) * time.Hour)
		published = append(published, f.decideAndPublish(e, c, outcomes[r.IntN(len(outcomes))], decided))
	}
	check := func(stage string) {
		e.t.Helper()
		for _, ranked := range []int{0, 20} {
			e.s.SetMaxRanked(ranked)
			for _, q := range []string{"voorschot", "bijstand gift", "maatwerk", "woning boete", "toeslag", "nergens"} {
				for _, o := range outcomes {
					where := fmt.Sprintf("%s: %q, %s, rank limit %d", stage, q, o, ranked)
					got, total := outcomePages(e, schakel.PrecedentFilter{Query: q, Outcome: o})
					general, generalTotal := outcomePages(e, schakel.PrecedentFilter{Query: q, Outcome: o, OrganisationID: f.uwv.ID})
					if !slices.Equal(got, general) || total != generalTotal {
						e.t.Errorf("%s: %v (total %d), the general way %v (total %d)", where, got, total, general, generalTotal)
					}
					all, allTotal := outcomePages(e, schakel.PrecedentFilter{Query: q})
					if allTotal != len(all) {
						e.t.Errorf("%s: without the outcome, total %d for %d cases", where, allTotal, len(all))
					}
					var want []int64
					for _, id := range all {
						if p, err := e.s.Precedent(e.ctx, id); err == nil && p.Outcome == o {
							want = append(want, id)
						}
					}
					if !slices.Equal(sortedIDs(got), sortedIDs(want)) || total != len(want) {
						e.t.Errorf("%s: %v (total %d), want %v", where, got, total, want)
					}
					if ranked == 20 && len(want) > 20 && !slices.IsSortedFunc(got, func(a, b int64) int { return int(b - a) }) {
						e.t.Errorf("%s: %v are not the newest first", where, got)
					}
				}
			}
		}
		e.s.SetMaxRanked(0)
	}
	check("published")
	// A correction gives the first case other words, a withdrawal takes
	// the second out of the register.
	e.clock.Advance(time.Hour)
	fixed := *published[0]
	fixed.Title = "Woning nergens"
	must(e.t, e.s.CorrectPrecedent(e.ctx, 3, &fixed, &schakel.PrecedentChange{At: e.clock.Now(), Reason: "Test.", UserID: f.coord.ID}))
	must(e.t, e.s.WithdrawPrecedent(e.ctx, 3, &schakel.PrecedentChange{CaseID: published[1].CaseID, At: e.clock.Now(), Reason: "Test.", UserID: f.coord.ID}))
	check("corrected and withdrawn")
	got, total := outcomePages(e, schakel.PrecedentFilter{Query: "nergens", Outcome: fixed.Outcome})
	if !slices.Equal(got, []int64{fixed.CaseID}) || total != 1 {
		e.t.Errorf("the corrected words find %v (total %d), want [%d]", got, total, fixed.CaseID)
	}
}

// outcomePages reads every page of seven of the search f, and its total.
func outcomePages(e *env, f schakel.PrecedentFilter) (ids []int64, total int) {
	e.t.Helper()
	f.Limit = 7
	for f.Offset = 0; ; f.Offset += f.Limit {
		page, n, err := e.s.Precedents(e.ctx, f)
		must(e.t, err)
		if f.Offset == 0 {
			total = n
		} else if n != total {
			e.t.Fatalf("%+v: total %d, on the first page %d", f, n, total)
		}
		if len(page) == 0 {
			return ids, total
		}
		for _, p := range page {
			ids = append(ids, p.CaseID)
		}
	}
}

// sortedIDs is ids in ascending order, ids left as they are.
func sortedIDs(ids []int64) []int64 {
	return slices.Sorted(slices.Values(ids))
}
