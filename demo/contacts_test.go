package demo_test

import (
	"context"
	"slices"
	"testing"
	"time"

	"github.com/schakel-nl/schakel"
	"github.com/schakel-nl/schakel/demo"
	"github.com/schakel-nl/schakel/schakeltest"
	"github.com/schakel-nl/schakel/store/storetest"
)

// TestBuildContacts checks the demo world's link to parliament: every
// ministry names a committee, every executing organisation has a task and
// at least one contact point, and no contact point names a demo user.
func TestBuildContacts(t *testing.T) {
	for _, b := range storetest.Backends() {
		t.Run(b.Name, func(t *testing.T) {
			ctx := context.Background()
			s := b.Open(t, schakeltest.NewClock(time.Date(2026, 11, 28, 9, 0, 0, 0, time.UTC)))
			if built, err := demo.Build(ctx, s); err != nil || !built {
				t.Fatalf("Build = %v, %v", built, err)
			}
			committees, err := s.Committees(ctx)
			if err != nil {
				t.Fatal(err)
			}
			var names []string
			for _, c := range committees {
				names = append(names, c.Name)
			}
			if want := []string{"Binnenlandse Zaken", "Justitie en Veiligheid", "Sociale Zaken en Werkgelegenheid"}; !slices.Equal(names, want) {
				t.Fatalf("committees %q, want %q", names, want)
			}
			orgs, _, err := s.Organisations(ctx, schakel.OrganisationFilter{Limit: 100})
			if err != nil {
				t.Fatal(err)
			}
			for _, o := range orgs {
				if !o.Type.Executes() {
					continue
				}
				cs, err := s.Contacts(ctx, schakel.ContactFilter{OrganisationID: o.ID})
				if err != nil {
					t.Fatal(err)
				}
				if o.Task == "" || len(cs) == 0 {
					t.Errorf("%s: task %q, %d contact points", o.Code, o.Task, len(cs))
				}
				for _, c := range cs {
					for _, u := range demo.Users {
						if c.Function == u.Name || c.Topics == u.Name {
							t.Errorf("%s: contact point names %q", o.Code, u.Name)
						}
					}
				}
			}
		})
	}
}
