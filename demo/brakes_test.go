package demo_test

import (
	"context"
	"testing"
	"time"

	"github.com/schakel-nl/schakel"
	"github.com/schakel-nl/schakel/brakes"
	"github.com/schakel-nl/schakel/calendar"
	"github.com/schakel-nl/schakel/comply"
	"github.com/schakel-nl/schakel/demo"
	"github.com/schakel-nl/schakel/receipt"
	"github.com/schakel-nl/schakel/requests"
	"github.com/schakel-nl/schakel/schakeltest"
	"github.com/schakel-nl/schakel/store"
	"github.com/schakel-nl/schakel/store/storetest"
)

// demoBrakeWorld opens a store with the demo world and its requests, and
// the brake service the server would build over it.
func demoBrakeWorld(t *testing.T, open storetest.Opener, now time.Time) (*store.Store, *brakes.Service) {
	t.Helper()
	ctx := context.Background()
	clock := schakeltest.NewClock(now)
	s := open(t, clock)
	if _, err := s.SeedPrinciples(ctx, schakel.DefaultPrinciples()); err != nil {
		t.Fatal(err)
	}
	if _, err := demo.Build(ctx, s); err != nil {
		t.Fatal(err)
	}
	e := &comply.Engine{Calendar: calendar.New()}
	if _, err := demo.BuildRequests(ctx, s, e, now); err != nil {
		t.Fatal(err)
	}
	rs := requests.New(s, e, clock)
	return s, brakes.New(s, rs, clock, receipt.NewHasher(receipt.DefaultParams, 0))
}

func TestBuildBrakes(t *testing.T) {
	for _, b := range storetest.Backends() {
		// A Saturday, the week after Christmas, and early January: the
		// returned assignment then counts against last year's budget.
		for _, now := range []time.Time{
			time.Date(2026, 11, 28, 9, 0, 0, 0, time.UTC),
			time.Date(2026, 12, 28, 16, 30, 0, 0, time.UTC),
			time.Date(2027, 1, 5, 8, 0, 0, 0, time.UTC),
		} {
			t.Run(b.Name+"/"+now.Format("2006-01-02"), func(t *testing.T) {
				ctx := context.Background()
				s, svc := demoBrakeWorld(t, b.Open, now)
				codes, built, err := demo.BuildBrakes(ctx, s, svc, now)
				if err != nil || !built {
					t.Fatalf("BuildBrakes = %v, %v", built, err)
				}
				org := func(code string) int64 {
					o, err := s.OrganisationByCode(ctx, code)
					if err != nil {
						t.Fatal(err)
					}
					return o.ID
				}
				user := func(subject string) int64 {
					us, _, err := s.Users(ctx, schakel.UserFilter{Limit: 500})
					if err != nil {
						t.Fatal(err)
					}
					for _, u := range us {
						if u.Subject == subject {
							return u.ID
						}
					}
					t.Fatalf("no user %s", subject)
					return 0
				}
				bs, total, err := s.Brakes(ctx, schakel.BrakeFilter{Limit: 100})
				if err != nil {
					t.Fatal(err)
				}
				if total != 5 || len(bs) != 5 {
					t.Fatalf("%d brakes (%d listed), want 5", total, len(bs))
				}
				type key struct {
					level    schakel.BrakeLevel
					identity schakel.Identity
				}
				by := map[key]*schakel.Brake{}
				for _, br := range bs {
					by[key{br.Level, br.Identity}] = br
					// Nothing is left for the sweep at start-up but a reminder.
					if n, _, err := svc.Requests.Engine.Sweep(br.Request, now); err != nil || (n != nil && br.Request.ReminderAt.IsZero()) {
						t.Errorf("brake %q is due at start: %v", br.Request.Subject, err)
					}
				}
				type want struct {
					state     schakel.RequestState
					answer    schakel.AnswerKind
					rung      int
					addressee schakel.Addressee
					requester schakel.Party
					receipt   bool
				}
				check := func(name string, k key, w want) *schakel.Brake {
					t.Helper()
					br := by[k]
					if br == nil {
						t.Fatalf("%s: no brake of level %s with identity %s", name, k.level, k.identity)
					}
					r := br.Request
					if r.State != w.state || r.Answer != w.answer || r.Rung != w.rung {
						t.Errorf("%s: state %s, answer %q, rung %d; want %s, %q, %d", name, r.State, r.Answer, r.Rung, w.state, w.answer, w.rung)
					}
					if got := r.Addressee(); got != w.addressee {
						t.Errorf("%s: with %+v, want %+v", name, got, w.addressee)
					}
					if r.Requester.Kind != w.requester.Kind || r.Requester.UserID != w.requester.UserID || r.Requester.OrganisationID != w.requester.OrganisationID {
						t.Errorf("%s: requester %+v, want %+v", name, r.Requester, w.requester)
					}
					if br.HasReceipt() != w.receipt {
						t.Errorf("%s: receipt %v, want %v", name, br.HasReceipt(), w.receipt)
					}
					if br.Year != svc.Requests.Engine.Calendar.Today(r.CreatedAt).Year() {
						t.Errorf("%s: year %d, pulled %s", name, br.Year, r.CreatedAt)
					}
					return br
				}

				// 1. The WIA advances: named, answered comply by the coordinator.
				wia := check("WIA-voorschotten", key{schakel.LevelProfessional, schakel.IdentityNamed}, want{
					state: schakel.StateAnswered, answer: schakel.Comply, rung: 0,
					addressee: schakel.Addressee{OrganisationID: org("uwv"), Role: schakel.RoleCoordinator},
					requester: schakel.Party{Kind: schakel.PartyUser, UserID: user("uwv-professional")},
				})
				if len(wia.RuleRefs) == 0 || wia.Concerned == "" {
					t.Errorf("WIA brake without rules or what it concerns: %+v", wia)
				}
				evs, err := s.Events(ctx, wia.RequestID)
				if err != nil {
					t.Fatal(err)
				}
				last := evs[len(evs)-1]
				if last.Data.Changes == "" || last.Data.ByWhen == nil || !last.Data.ByWhen.After(svc.Requests.Engine.Calendar.Today(now)) {
					t.Errorf("comply without what changes and a date still to come: %+v", last.Data)
				}

				// 2. Digital-only reporting: protected, urgent, contested to the board.
				pol := check("aangifte", key{schakel.LevelProfessional, schakel.IdentityProtected}, want{
					state: schakel.StateEscalated, rung: 1,
					addressee: schakel.Addressee{OrganisationID: org("politie"), Role: schakel.RoleBoard},
					requester: schakel.Party{Kind: schakel.PartyUser, UserID: user("politie-professional")},
				})
				if !pol.Request.Urgent || !pol.Request.Contested || pol.Request.MissedCount != 0 {
					t.Errorf("aangifte: urgent %v, contested %v, missed %d", pol.Request.Urgent, pol.Request.Contested, pol.Request.MissedCount)
				}

				// 3. The Bouwdepot: returned by the municipality to SZW, explained,
				// contested, now with the minister; it used the referral budget.
				ret := check("Bouwdepot", key{schakel.LevelOrganisation, schakel.IdentityNamed}, want{
					state: schakel.StateEscalated, rung: 1,
					addressee: schakel.Addressee{OrganisationID: org("min-szw"), Role: schakel.RoleMinister},
					requester: schakel.Party{Kind: schakel.PartyOrganisation, UserID: user("eindhoven-bestuur"), OrganisationID: org("gemeente-eindhoven")},
				})
				if !ret.Request.Contested || ret.Request.Ladder[0] != (schakel.Addressee{OrganisationID: org("min-szw"), Role: schakel.RolePolicy}) {
					t.Errorf("Bouwdepot: contested %v, ladder %+v", ret.Request.Contested, ret.Request.Ladder)
				}
				if used, err := s.ReferralsUsed(ctx, org("gemeente-eindhoven"), ret.Year); err != nil || used != 1 {
					t.Errorf("referrals used by Eindhoven in %d = %d, %v; want 1", ret.Year, used, err)
				}

				// 4. The citizen: answered explain by UWV, followed by its code.
				cit := check("burger", key{schakel.LevelCitizen, schakel.IdentityAnonymous}, want{
					state: schakel.StateAnswered, answer: schakel.Explain, rung: 0,
					addressee: schakel.Addressee{OrganisationID: org("uwv"), Role: schakel.RoleCoordinator},
					requester: schakel.Party{Kind: schakel.PartyAnonymous}, receipt: true,
				})
				if cit.DecisionReference == "" || cit.WantedOutcome == "" || cit.DecisionDate.IsZero() || !cit.DecisionDate.Before(svc.Requests.Engine.Calendar.Today(cit.Request.CreatedAt)) {
					t.Errorf("citizen's brake: reference %q, date %s, outcome %q", cit.DecisionReference, cit.DecisionDate, cit.WantedOutcome)
				}
				principles := map[string]bool{}
				for _, g := range cit.Request.Grounds {
					principles[g.Principle] = true
				}
				if !principles["fair-play"] || !principles["evenredigheid"] {
					t.Errorf("citizen's grounds %+v, want niet-gehoord and onevenredig", cit.Request.Grounds)
				}
				code := codes[demo.CitizenBrake]
				if code.IsZero() {
					t.Fatalf("no receipt code for the citizen's brake: %v", codes)
				}
				followed, history, err := svc.Follow(ctx, "192.0.2.1", code.String())
				if err != nil {
					t.Fatalf("Follow with the citizen's code: %v", err)
				}
				if followed.RequestID != cit.RequestID || history[len(history)-1].Type != schakel.EventAnswered {
					t.Errorf("the code opens brake %d (last event %s), want %d answered", followed.RequestID, history[len(history)-1].Type, cit.RequestID)
				}

				// 5. Anonymous, escalated by the sweep after a missed deadline.
				anon := check("anoniem", key{schakel.LevelProfessional, schakel.IdentityAnonymous}, want{
					state: schakel.StateEscalated, rung: 1,
					addressee: schakel.Addressee{OrganisationID: org("gemeente-eindhoven"), Role: schakel.RoleBoard},
					requester: schakel.Party{Kind: schakel.PartyAnonymous}, receipt: true,
				})
				if anon.Request.MissedCount != 1 || anon.Request.Contested || !schakel.BrakeDeadlineMissed(anon.Request) {
					t.Errorf("anonymous brake: missed %d, contested %v", anon.Request.MissedCount, anon.Request.Contested)
				}
				missed := true
				if _, n, err := s.Brakes(ctx, schakel.BrakeFilter{Missed: &missed}); err != nil || n != 1 {
					t.Errorf("brakes with a missed deadline = %d, %v; want 1", n, err)
				}
				if a, _, err := svc.Follow(ctx, "192.0.2.1", codes[demo.AnonymousBrake].String()); err != nil || a.RequestID != anon.RequestID {
					t.Errorf("Follow with the anonymous code: %v", err)
				}
				if len(codes) != 2 {
					t.Errorf("%d receipt codes, want 2", len(codes))
				}

				// A second build leaves the brakes alone.
				again, built, err := demo.BuildBrakes(ctx, s, svc, now)
				if err != nil || built || len(again) != 0 {
					t.Fatalf("second BuildBrakes = %v, %v, %v", again, built, err)
				}
				if _, n, _ := s.Brakes(ctx, schakel.BrakeFilter{}); n != 5 {
					t.Fatalf("%d brakes after the second build, want 5", n)
				}
			})
		}
	}
}

// With a referral budget of 0 nothing can be returned, also in the demo:
// the other brakes are built without the returned assignment.
func TestBuildBrakesWithoutReferralBudget(t *testing.T) {
	ctx := context.Background()
	now := time.Date(2026, 11, 28, 9, 0, 0, 0, time.UTC)
	s, svc := demoBrakeWorld(t, storetest.OpenSQLite, now)
	svc.Budget = 0
	if _, built, err := demo.BuildBrakes(ctx, s, svc, now); err != nil || !built {
		t.Fatalf("BuildBrakes = %v, %v", built, err)
	}
	if _, n, _ := s.Brakes(ctx, schakel.BrakeFilter{}); n != 4 {
		t.Fatalf("%d brakes, want 4", n)
	}
	if _, n, _ := s.Brakes(ctx, schakel.BrakeFilter{Level: schakel.LevelOrganisation}); n != 0 {
		t.Fatalf("%d returned assignments with a budget of 0", n)
	}
}
