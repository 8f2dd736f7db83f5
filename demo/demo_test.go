package demo_test

import (
	"context"
	"testing"
	"time"

	"github.com/schakel-nl/schakel"
	"github.com/schakel-nl/schakel/auth"
	"github.com/schakel-nl/schakel/calendar"
	"github.com/schakel-nl/schakel/comply"
	"github.com/schakel-nl/schakel/demo"
	"github.com/schakel-nl/schakel/schakeltest"
	"github.com/schakel-nl/schakel/store/storetest"
)

func TestBuild(t *testing.T) {
	for _, b := range storetest.Backends() {
		t.Run(b.Name, func(t *testing.T) {
			ctx := context.Background()
			s := b.Open(t, schakeltest.NewClock(time.Date(2026, 11, 28, 9, 0, 0, 0, time.UTC)))
			built, err := demo.Build(ctx, s)
			if err != nil || !built {
				t.Fatalf("Build = %v, %v", built, err)
			}
			// The organisations the issue names, with the principal relations.
			for code, principals := range map[string][]string{
				"uwv": {"min-szw"}, "svb": {"min-szw"}, "politie": {"min-jenv"}, "gemeente-eindhoven": {"min-szw", "min-bzk"},
				"min-szw": nil, "min-jenv": nil, "min-bzk": nil, "tweede-kamer": nil,
			} {
				o, err := s.OrganisationByCode(ctx, code)
				if err != nil {
					t.Fatalf("%s: %v", code, err)
				}
				if len(o.PrincipalIDs) != len(principals) {
					t.Fatalf("%s has principals %v, want %v", code, o.PrincipalIDs, principals)
				}
				for _, p := range principals {
					po, err := s.OrganisationByCode(ctx, p)
					if err != nil {
						t.Fatal(err)
					}
					found := false
					for _, id := range o.PrincipalIDs {
						found = found || id == po.ID
					}
					if !found {
						t.Fatalf("%s lacks principal %s", code, p)
					}
				}
			}
			// A demo user for every role.
			users, _, err := s.Users(ctx, schakel.UserFilter{Issuer: auth.DemoIssuer, Limit: 500})
			if err != nil {
				t.Fatal(err)
			}
			if len(users) != len(demo.Users) {
				t.Fatalf("%d demo users, want %d", len(users), len(demo.Users))
			}
			seen := map[schakel.Role]bool{}
			for _, u := range users {
				for _, m := range u.Memberships {
					seen[m.Role] = true
				}
			}
			for _, r := range schakel.Roles {
				if !seen[r] {
					t.Errorf("no demo user has role %s", r)
				}
			}
			// A second build leaves the world alone.
			built, err = demo.Build(ctx, s)
			if err != nil || built {
				t.Fatalf("second Build = %v, %v", built, err)
			}
			_, n, _ := s.Organisations(ctx, schakel.OrganisationFilter{})
			if n != 8 {
				t.Fatalf("%d organisations after second build, want 8", n)
			}
		})
	}
}

func TestBuildLeavesRealDataAlone(t *testing.T) {
	ctx := context.Background()
	s := storetest.OpenSQLite(t, schakeltest.NewClock(time.Now()))
	storetest.MustOrganisation(t, s, "echte-organisatie", schakel.OrgExecutive)
	built, err := demo.Build(ctx, s)
	if err != nil || built {
		t.Fatalf("Build on a database with data = %v, %v", built, err)
	}
	if _, n, _ := s.Users(ctx, schakel.UserFilter{}); n != 0 {
		t.Fatalf("demo users added to real data: %d", n)
	}
}

func TestBuildRequests(t *testing.T) {
	for _, b := range storetest.Backends() {
		t.Run(b.Name, func(t *testing.T) {
			ctx := context.Background()
			now := time.Date(2026, 11, 28, 9, 0, 0, 0, time.UTC)
			s := b.Open(t, schakeltest.NewClock(now))
			if _, err := s.SeedPrinciples(ctx, schakel.DefaultPrinciples()); err != nil {
				t.Fatal(err)
			}
			if _, err := demo.Build(ctx, s); err != nil {
				t.Fatal(err)
			}
			e := &comply.Engine{Calendar: calendar.New()}
			built, err := demo.BuildRequests(ctx, s, e, now)
			if err != nil || !built {
				t.Fatalf("BuildRequests = %v, %v", built, err)
			}
			rs, _, err := s.Requests(ctx, schakel.RequestFilter{Limit: 500})
			if err != nil {
				t.Fatal(err)
			}
			states := map[schakel.RequestState]int{}
			var contested, missed, extended, partial bool
			for _, r := range rs {
				states[r.State]++
				partial = partial || (r.Answer == schakel.Partial && r.Extended)
				contested = contested || (r.Contested && r.State == schakel.StateAcknowledged && r.Rung == 1)
				missed = missed || (r.MissedCount > 0 && r.State == schakel.StateEscalated)
				extended = extended || r.Extended
				// Nothing in the demo is left for the sweep at start-up.
				if n, _, err := e.Sweep(r, now); err != nil || (n != nil && r.ReminderAt.IsZero()) {
					t.Errorf("request %q is due at start: %v", r.Subject, err)
				}
			}
			for _, st := range []schakel.RequestState{schakel.StateOpen, schakel.StateAcknowledged, schakel.StateAnswered, schakel.StateEscalated, schakel.StateClosed, schakel.StateWithdrawn} {
				if states[st] == 0 {
					t.Errorf("no demo request in state %s (%v)", st, states)
				}
			}
			if !partial {
				t.Error("no demo request answered in part (deels) after an extension")
			}
			if !contested || !missed || !extended {
				t.Errorf("contested explain %v, escalation after a missed deadline %v, extension %v", contested, missed, extended)
			}
			again, err := demo.BuildRequests(ctx, s, e, now)
			if err != nil || again {
				t.Fatalf("second BuildRequests = %v, %v", again, err)
			}
		})
	}
}
