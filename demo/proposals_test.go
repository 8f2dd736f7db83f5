package demo_test

import (
	"context"
	"testing"
	"time"

	"github.com/schakel-nl/schakel"
	"github.com/schakel-nl/schakel/assessments"
	"github.com/schakel-nl/schakel/calendar"
	"github.com/schakel-nl/schakel/comply"
	"github.com/schakel-nl/schakel/demo"
	"github.com/schakel-nl/schakel/requests"
	"github.com/schakel-nl/schakel/schakeltest"
	"github.com/schakel-nl/schakel/store/storetest"
)

// TestBuildProposals: the WIA amendment is sent to parliament with a
// condition explained away, the police regulation too, the Participatiewet
// change waits for the secretary-general, and the WIA decree is stuck on
// the minister's missing answer; building again does nothing.
func TestBuildProposals(t *testing.T) {
	for _, b := range storetest.Backends() {
		t.Run(b.Name, func(t *testing.T) {
			ctx := context.Background()
			now := time.Date(2026, 12, 7, 9, 0, 0, 0, time.UTC)
			clock := schakeltest.NewClock(now)
			st := b.Open(t, clock)
			if _, err := st.SeedPrinciples(ctx, schakel.DefaultPrinciples()); err != nil {
				t.Fatal(err)
			}
			if _, err := demo.Build(ctx, st); err != nil {
				t.Fatal(err)
			}
			svc := assessments.New(st, requests.New(st, &comply.Engine{Calendar: calendar.New()}, clock), clock)
			if built, err := demo.BuildProposals(ctx, st, svc, now); err != nil || !built {
				t.Fatalf("built %v: %v", built, err)
			}
			if again, err := demo.BuildProposals(ctx, st, svc, now); err != nil || again {
				t.Fatalf("built again %v: %v", again, err)
			}
			ps, n, err := svc.List(ctx, schakel.ProposalFilter{})
			if err != nil || n != 4 {
				t.Fatalf("proposals: %d, %v", n, err)
			}
			states := map[schakel.ProposalState]int{}
			explained, missing := 0, 0
			for _, p := range ps {
				states[p.State]++
				v, err := svc.Get(ctx, nil, p.ID)
				if err != nil {
					t.Fatal(err)
				}
				missing += len(v.Missing)
				for _, av := range v.Assessments {
					for _, a := range av.Assessment.Answers {
						if !a.Accepted {
							explained++
						}
					}
				}
			}
			if states[schakel.ProposalSent] != 2 || states[schakel.ProposalAssessing] != 2 || explained != 1 || missing != 1 {
				t.Fatalf("states %v, explained %d, missing %d", states, explained, missing)
			}
		})
	}
}
