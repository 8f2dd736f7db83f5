package demo_test

import (
	"context"
	"io"
	"log/slog"
	"testing"
	"time"

	"github.com/schakel-nl/schakel"
	"github.com/schakel-nl/schakel/calendar"
	"github.com/schakel-nl/schakel/cmd/schakel/app"
	"github.com/schakel-nl/schakel/config"
	"github.com/schakel-nl/schakel/demo"
	"github.com/schakel-nl/schakel/figures"
	"github.com/schakel-nl/schakel/schakeltest"
	"github.com/schakel-nl/schakel/store"
	"github.com/schakel-nl/schakel/store/storetest"
)

// buildWorld builds the whole demo world at now as `schakel serve --demo`
// does, the year of activity last, and returns the store.
func buildWorld(t *testing.T, open storetest.Opener, now time.Time) *store.Store {
	t.Helper()
	ctx := context.Background()
	clock := schakeltest.NewClock(now)
	st := open(t, clock)
	if _, err := st.SeedPrinciples(ctx, schakel.DefaultPrinciples()); err != nil {
		t.Fatal(err)
	}
	if built, err := demo.Build(ctx, st); err != nil || !built {
		t.Fatalf("Build = %v, %v", built, err)
	}
	cfg := config.Default()
	cfg.Demo = true
	a, err := app.New(&cfg, st, clock, slog.New(slog.NewTextHandler(io.Discard, nil)), nil)
	if err != nil {
		t.Fatal(err)
	}
	steps := []func() (bool, error){
		func() (bool, error) { return demo.BuildRequests(ctx, st, a.Requests().Engine, now) },
		func() (bool, error) { _, b, err := demo.BuildBrakes(ctx, st, a.Brakes(), now); return b, err },
		func() (bool, error) { return demo.BuildSignals(ctx, st, a.Signals(), now) },
		func() (bool, error) { return demo.BuildProposals(ctx, st, a.Assessments(), now) },
	}
	for i, step := range steps {
		if built, err := step(); err != nil || !built {
			t.Fatalf("step %d: built %v, %v", i, built, err)
		}
	}
	svc := demo.YearServices{Requests: a.Requests(), Brakes: a.Brakes(), Signals: a.Signals(), Assessments: a.Assessments()}
	began := time.Now()
	if built, err := demo.BuildYear(ctx, st, svc, now); err != nil || !built {
		t.Fatalf("BuildYear = %v, %v", built, err)
	}
	t.Logf("the year took %v", time.Since(began).Round(time.Millisecond))
	if again, err := demo.BuildYear(ctx, st, svc, now); err != nil || again {
		t.Fatalf("BuildYear again = %v, %v", again, err)
	}
	return st
}

// TestBuildYear: with the year of activity, the parliament view of 2026
// shows something real — requests under every ministry, comply and
// explain, overdue, missed and escalated requests, a held-back
// organisation, returned assignments answered by the minister and one
// still open with its due date, knelpunten on several laws and proposals
// with their assessments.
func TestBuildYear(t *testing.T) {
	for _, b := range storetest.Backends() {
		t.Run(b.Name, func(t *testing.T) {
			ctx := context.Background()
			now := time.Date(2026, 12, 7, 9, 0, 0, 0, time.UTC)
			st := buildWorld(t, b.Open, now)
			v, err := figures.New(st).WithClock(schakeltest.NewClock(now)).View(ctx, figures.Filter{From: calendar.DateOf(2026, 1, 1), To: calendar.DateOf(2026, 12, 31)})
			if err != nil {
				t.Fatal(err)
			}
			tot := v.Total.Figures
			t.Logf("total: %+v; held back %d; returned %d; laws %d; proposals %d", tot, v.HeldBack, v.ReturnedTotal, v.LawsTotal, v.ProposalsTotal)
			if tot.Requests < 200 {
				t.Errorf("%d requests in 2026, want a year's worth", tot.Requests)
			}
			ministries := 0
			for _, g := range v.Ministries {
				if g.Key != "" && g.Requests > 0 {
					ministries++
				}
			}
			if ministries < 3 {
				t.Errorf("%d ministries with requests, want 3: %+v", ministries, v.Ministries)
			}
			if tot.Complied == 0 || tot.Explained == 0 || tot.Partial == 0 {
				t.Errorf("comply %d, explain %d, deels %d: want each", tot.Complied, tot.Explained, tot.Partial)
			}
			if tot.Complied+tot.Explained+tot.Partial > tot.Answered {
				t.Errorf("comply %d + explain %d + deels %d more than the %d answered", tot.Complied, tot.Explained, tot.Partial, tot.Answered)
			}
			if tot.Overdue == 0 || tot.Missed == 0 || tot.Escalated == 0 {
				t.Errorf("overdue %d, missed %d, escalated %d: want each", tot.Overdue, tot.Missed, tot.Escalated)
			}
			if tot.OnTime == 0 || tot.OnTime == tot.Answered || tot.MedianDays <= 0 || tot.P90Days <= tot.MedianDays {
				t.Errorf("on time %d of %d, median %d, p90 %d: want a spread", tot.OnTime, tot.Answered, tot.MedianDays, tot.P90Days)
			}
			if tot.CitizenBrakes.N < figures.MinCitizenBrakes || v.HeldBack == 0 || tot.ProfessionalBrakes == 0 || tot.OrganisationBrakes < 4 {
				t.Errorf("brakes: citizens %+v, held back %d, professionals %d, organisations %d", tot.CitizenBrakes, v.HeldBack, tot.ProfessionalBrakes, tot.OrganisationBrakes)
			}
			openDue, answers := 0, map[schakel.AnswerKind]int{}
			for _, r := range v.Returned {
				if r.Open && !r.Due.IsZero() && !r.Overdue {
					openDue++
				}
				for _, a := range r.Answers {
					answers[a.Kind]++
				}
			}
			if openDue == 0 || answers[schakel.Comply] == 0 || answers[schakel.Explain] == 0 {
				t.Errorf("returned assignments: %d open and due, minister's answers %v", openDue, answers)
			}
			if v.LawsTotal < 2 {
				t.Errorf("knelpunten on %d laws, want 2 or more", v.LawsTotal)
			}
			delivered, answered := 0, 0
			for _, p := range v.Proposals {
				for _, a := range p.Assessments {
					if !a.DeliveredAt.IsZero() {
						delivered++
					}
					if !a.AnsweredAt.IsZero() {
						answered++
					}
				}
			}
			if v.ProposalsTotal < 6 || delivered == 0 || answered == 0 {
				t.Errorf("%d proposals, %d assessments delivered, %d answered", v.ProposalsTotal, delivered, answered)
			}
		})
	}
}
