package demo_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/schakel-nl/schakel"
	"github.com/schakel-nl/schakel/cases"
	"github.com/schakel-nl/schakel/demo"
	"github.com/schakel-nl/schakel/schakeltest"
	"github.com/schakel-nl/schakel/store/storetest"
)

// TestBuildCases builds the maatwerkplaats of the demo: every case is in its
// intended state, the register shows no personal data of the cases, the
// waiting WIA case meets the solve proposal and the consistency signals,
// and a second build does nothing.
func TestBuildCases(t *testing.T) {
	ctx := context.Background()
	now := time.Date(2026, 11, 28, 12, 0, 0, 0, time.UTC)
	clock := schakeltest.NewClock(now)
	st := storetest.OpenSQLite(t, clock)
	if _, err := st.SeedPrinciples(ctx, schakel.DefaultPrinciples()); err != nil {
		t.Fatal(err)
	}
	if _, err := demo.Build(ctx, st); err != nil {
		t.Fatal(err)
	}
	svc := cases.New(st, clock)
	built, err := demo.BuildCases(ctx, st, svc, now)
	if err != nil || !built {
		t.Fatalf("BuildCases = %v, %v", built, err)
	}
	all, total, err := st.Cases(ctx, schakel.CaseFilter{Limit: 100})
	if err != nil || total != 8 {
		t.Fatalf("%d cases (%v), want 8", total, err)
	}
	states := map[schakel.CaseState]int{}
	var waiting *schakel.Case
	for _, c := range all {
		states[c.State]++
		if strings.Contains(c.Situation, "Annie Jansen") {
			waiting = c
		}
	}
	if states[schakel.CasePublished] != 6 || states[schakel.CaseDeliberation] != 2 {
		t.Fatalf("states %v, want 6 published and 2 in deliberation", states)
	}
	ps, _, err := st.Precedents(ctx, schakel.PrecedentFilter{Limit: 100})
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range ps {
		text := p.Title + p.Summary + p.Intent + p.Harm + p.Explanation
		for _, w := range p.Weighings {
			text += " " + w.How
		}
		// Every person, place and employer of the demo's situations.
		for _, personal := range []string{"Simon", "de Groot", "Petra", "111222333", "123456782", "06-12345678", "Kerkstraat 12", "5611 AB",
			"Veldhoven", "Lotte", "Jumbo", "Geldrop", "Jan Visser", "Bakkerij Van Gils", "Nuenen", "Yilmaz", "Woensel", "Claes", "Els Mulder", "Tim",
			"drie kinderen", "4.400 euro"} {
			if strings.Contains(text, personal) {
				t.Errorf("published case %d shows %q", p.CaseID, personal)
			}
		}
	}
	// The waiting case: four similar fixes within 90 days and one no.
	coordinator := demoUserOf(t, st, "uwv-coordinator")
	sim, err := svc.SimilarTo(ctx, coordinator, waiting.ID)
	if err != nil {
		t.Fatal(err)
	}
	if len(sim.Matches) < 5 || !sim.Divergent {
		t.Fatalf("waiting case: %d similar, divergent %v", len(sim.Matches), sim.Divergent)
	}
	if again, err := demo.BuildCases(ctx, st, svc, now); err != nil || again {
		t.Fatalf("second BuildCases = %v, %v", again, err)
	}
}

func demoUserOf(t *testing.T, st interface {
	Users(context.Context, schakel.UserFilter) ([]*schakel.User, int, error)
}, subject string) *schakel.User {
	t.Helper()
	us, _, err := st.Users(context.Background(), schakel.UserFilter{Limit: 500})
	if err != nil {
		t.Fatal(err)
	}
	for _, u := range us {
		if u.Subject == subject {
			return u
		}
	}
	t.Fatalf("no demo user %s", subject)
	return nil
}
