package brakes_test

import (
	"context"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/schakel-nl/schakel"
	"github.com/schakel-nl/schakel/brakes"
	"github.com/schakel-nl/schakel/calendar"
	"github.com/schakel-nl/schakel/comply"
	"github.com/schakel-nl/schakel/receipt"
	"github.com/schakel-nl/schakel/requests"
	"github.com/schakel-nl/schakel/schakeltest"
	"github.com/schakel-nl/schakel/store"
	"github.com/schakel-nl/schakel/store/storetest"
	"github.com/schakel-nl/schakel/throttle"
	"golang.org/x/time/rate"
)

// cheap hashes receipt codes fast: these tests are about the flows.
var cheap = receipt.Params{Time: 1, MemoryKiB: 64, Threads: 1, KeyLen: 32, SaltLen: 16}

type world struct {
	st                 *store.Store
	svc                *brakes.Service
	clock              *schakeltest.Clock
	prof, coord, board *schakel.User
	boardSVB, policy   *schakel.User
}

func newWorld(t *testing.T, open func(testing.TB, schakel.Clock) *store.Store) *world {
	t.Helper()
	clock := schakeltest.NewClock(time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC))
	st := open(t, clock)
	if _, err := st.SeedPrinciples(context.Background(), schakel.DefaultPrinciples()); err != nil {
		t.Fatal(err)
	}
	szw := storetest.MustOrganisation(t, st, "min-szw", schakel.OrgMinistry)
	uwv := storetest.MustOrganisation(t, st, "uwv", schakel.OrgExecutive, szw.ID)
	svbOrg := storetest.MustOrganisation(t, st, "svb", schakel.OrgExecutive, szw.ID)
	storetest.MustOrganisation(t, st, "tweede-kamer", schakel.OrgParliament)
	eng := &comply.Engine{Calendar: calendar.New()}
	w := &world{st: st, clock: clock,
		svc:      brakes.New(st, requests.New(st, eng, clock), clock, receipt.NewHasher(cheap, 2)),
		prof:     storetest.MustUser(t, st, "prof", schakel.Membership{OrganisationID: svbOrg.ID, Role: schakel.RoleProfessional}),
		coord:    storetest.MustUser(t, st, "coord", schakel.Membership{OrganisationID: uwv.ID, Role: schakel.RoleCoordinator}),
		board:    storetest.MustUser(t, st, "board", schakel.Membership{OrganisationID: uwv.ID, Role: schakel.RoleBoard}),
		boardSVB: storetest.MustUser(t, st, "board-svb", schakel.Membership{OrganisationID: svbOrg.ID, Role: schakel.RoleBoard}),
		policy:   storetest.MustUser(t, st, "policy", schakel.Membership{OrganisationID: szw.ID, Role: schakel.RolePolicy}),
	}
	return w
}

func returned(org string) brakes.PullInput {
	return brakes.PullInput{Level: schakel.LevelOrganisation, Organisation: org, Concerned: "Opdracht: invoering per 1 juli",
		Subject: "Opdracht onuitvoerbaar", Grounds: []schakel.Ground{{Principle: "legaliteit", Text: "Geen grondslag."}}}
}

// TestReferralBudgetRace: two boards' members pulling at the same moment
// cannot both take the organisation's last referral; on both stores.
func TestReferralBudgetRace(t *testing.T) {
	for _, be := range storetest.Backends() {
		t.Run(be.Name, func(t *testing.T) {
			w := newWorld(t, be.Open)
			// Eight pulls at once over the store's connection pool; without
			// the row lock on PostgreSQL all eight take it.
			const n = 8
			var wg sync.WaitGroup
			errs := make([]error, n)
			for i := range n {
				wg.Add(1)
				go func() {
					defer wg.Done()
					_, errs[i] = w.svc.Pull(context.Background(), w.board, "", returned("uwv"))
				}()
			}
			wg.Wait()
			ok := 0
			for _, err := range errs {
				switch code := schakel.ErrorCode(err); code {
				case "":
					ok++
				case schakel.ECONFLICT:
					if !strings.Contains(schakel.ErrorMessage(err), "1 januari 2027") {
						t.Errorf("refusal without the renewal date: %v", err)
					}
				default:
					t.Errorf("pull: %v", err)
				}
			}
			if ok != 1 {
				t.Fatalf("%d of %d simultaneous pulls took the one referral", ok, n)
			}
			used, err := w.st.ReferralsUsed(context.Background(), mustOrg(t, w.st, "uwv").ID, 2026)
			if err != nil || used != 1 {
				t.Fatalf("ReferralsUsed = %d, %v", used, err)
			}
			// Another organisation has a budget of its own.
			if _, err := w.svc.Pull(context.Background(), w.boardSVB, "", returned("svb")); err != nil {
				t.Fatal(err)
			}
		})
	}
}

func mustOrg(t *testing.T, st *store.Store, code string) *schakel.Organisation {
	t.Helper()
	o, err := st.OrganisationByCode(context.Background(), code)
	if err != nil {
		t.Fatal(err)
	}
	return o
}

// TestPullAndFollow: each level pulls on both stores; the receipt code
// opens the brake, a wrong one opens nothing and says the same as an
// unknown one; the anonymous puller is nobody.
func TestPullAndFollow(t *testing.T) {
	for _, be := range storetest.Backends() {
		t.Run(be.Name, func(t *testing.T) {
			w := newWorld(t, be.Open)
			ctx := context.Background()
			anon, err := w.svc.Pull(ctx, w.prof, "", brakes.PullInput{Level: schakel.LevelProfessional, Organisation: "uwv", Identity: schakel.IdentityAnonymous,
				RuleRefs: []string{"https://wetten.overheid.nl/jci1.3:c:BWBR0019057&artikel=76"}, Subject: "Stop",
				Grounds: []schakel.Ground{{Principle: "evenredigheid", Text: "Te zwaar."}}, Urgent: true})
			if err != nil {
				t.Fatal(err)
			}
			r := anon.Brake.Request
			if anon.Receipt.IsZero() || r.Requester != (schakel.Party{Kind: schakel.PartyAnonymous}) || anon.Brake.RuleRefs[0] != "jci1.3:c:BWBR0019057&artikel=76" {
				t.Fatalf("anonymous brake: %+v, request %+v", anon.Brake, r)
			}
			// Urgent: five working days, acknowledgement within 7 days.
			if r.AnswerDue != calendar.DateOf(2026, 3, 9) || r.AckDue != calendar.DateOf(2026, 3, 9) {
				t.Fatalf("urgent brake due %s, acknowledge by %s", r.AnswerDue, r.AckDue)
			}
			b, evs, err := w.svc.Follow(ctx, "a", anon.Receipt.String())
			if err != nil || b.RequestID != r.ID || len(evs) != 1 {
				t.Fatalf("Follow = %+v, %d events, %v", b, len(evs), err)
			}
			other, err := receipt.Generate(strings.NewReader(strings.Repeat("x", 40)))
			if err != nil {
				t.Fatal(err)
			}
			sameLookup, err := receipt.Parse(anon.Receipt.Lookup() + other.String()[10:])
			if err != nil {
				t.Fatal(err)
			}
			_, _, errWrong := w.svc.Follow(ctx, "a", sameLookup.String())
			_, _, errUnknown := w.svc.Follow(ctx, "a", other.String())
			if schakel.ErrorCode(errWrong) != schakel.ENOTFOUND || schakel.ErrorMessage(errWrong) != schakel.ErrorMessage(errUnknown) {
				t.Fatalf("wrong secret: %v; unknown code: %v", errWrong, errUnknown)
			}
			named, err := w.svc.Pull(ctx, w.prof, "", brakes.PullInput{Level: schakel.LevelProfessional, Organisation: "uwv", Identity: schakel.IdentityProtected,
				RuleRefs: []string{"jci1.3:c:BWBR0019057&artikel=76"}, Subject: "Stop", Grounds: []schakel.Ground{{Principle: "evenredigheid", Text: "Te zwaar."}}})
			if err != nil || !named.Receipt.IsZero() || named.Brake.Request.Requester.UserID != w.prof.ID {
				t.Fatalf("protected brake: %+v, %v", named, err)
			}
			// The addressee sees the protected puller masked.
			got, _, err := w.svc.Requests.Get(ctx, w.coord, named.Brake.RequestID)
			if err != nil || got.Requester.Kind != schakel.PartyProtected || got.Requester.UserID != 0 {
				t.Fatalf("coordinator sees %+v, %v", got, err)
			}
			citizen, err := w.svc.Pull(ctx, nil, "", brakes.PullInput{Level: schakel.LevelCitizen, Organisation: "uwv", DecisionReference: "UWV-1",
				DecisionDate: "2026-02-20", Body: "Niet gehoord.", CitizenGrounds: []string{"niet-gehoord"}, WantedOutcome: "Opnieuw."})
			if err != nil || citizen.Receipt.IsZero() || citizen.Brake.Request.Grounds[0].Principle != "fair-play" {
				t.Fatalf("citizen's brake: %+v, %v", citizen, err)
			}
		})
	}
}

// TestInvalidBrakesSpendNoToken: a citizen who mistypes is not made to
// wait; only brakes that are stored count against the limit.
func TestInvalidBrakesSpendNoToken(t *testing.T) {
	w := newWorld(t, storetest.OpenSQLite)
	subs, err := throttle.New(throttle.Config{PerAddress: rate.Every(time.Hour), PerAddressBurst: 1, Global: rate.Inf})
	if err != nil {
		t.Fatal(err)
	}
	w.svc.Submissions = subs
	ctx := context.Background()
	valid := brakes.PullInput{Level: schakel.LevelCitizen, Organisation: "uwv", DecisionReference: "UWV-1",
		DecisionDate: "2026-02-20", Body: "Niet gehoord.", CitizenGrounds: []string{"niet-gehoord"}, WantedOutcome: "Opnieuw."}
	bad := valid
	bad.CitizenGrounds = nil
	for range 5 {
		if _, err := w.svc.Pull(ctx, nil, "198.51.100.1", bad); schakel.ErrorCode(err) != schakel.EINVALID {
			t.Fatalf("invalid brake: %v", err)
		}
	}
	if _, err := w.svc.Pull(ctx, nil, "198.51.100.1", valid); err != nil {
		t.Fatalf("the first valid brake after five mistakes: %v", err)
	}
	if _, err := w.svc.Pull(ctx, nil, "198.51.100.1", valid); schakel.ErrorCode(err) != schakel.ETOOMANY || schakel.ErrorRetryAfter(err) <= 0 {
		t.Fatalf("the second valid brake: %v, want ETOOMANY with a wait", err)
	}
	// An anonymous professional is limited per user, in memory.
	anon := brakes.PullInput{Level: schakel.LevelProfessional, Organisation: "uwv", Identity: schakel.IdentityAnonymous,
		RuleRefs: []string{"jci1.3:c:BWBR0019057&artikel=76"}, Subject: "Stop", Grounds: []schakel.Ground{{Principle: "evenredigheid", Text: "Te zwaar."}}}
	if _, err := w.svc.Pull(ctx, w.prof, "198.51.100.1", anon); err != nil {
		t.Fatal(err)
	}
	if _, err := w.svc.Pull(ctx, w.prof, "203.0.113.9", anon); schakel.ErrorCode(err) != schakel.ETOOMANY {
		t.Fatalf("a second anonymous brake by the same user from elsewhere: %v, want ETOOMANY", err)
	}
}
