package figures_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/schakel-nl/schakel"
	"github.com/schakel-nl/schakel/brakes"
	"github.com/schakel-nl/schakel/calendar"
	"github.com/schakel-nl/schakel/comply"
	"github.com/schakel-nl/schakel/figures"
	"github.com/schakel-nl/schakel/receipt"
	"github.com/schakel-nl/schakel/requests"
	"github.com/schakel-nl/schakel/schakeltest"
	"github.com/schakel-nl/schakel/store"
	"github.com/schakel-nl/schakel/store/storetest"
)

// cheap hashes receipt codes fast: these tests are about the figures.
var cheap = receipt.Params{Time: 1, MemoryKiB: 64, Threads: 1, KeyLen: 32, SaltLen: 16}

// t0 is when every request of the fixed world is made.
var t0 = time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC)

// fixedWorld is the small data set whose figures are computed by hand in
// TestFiguresByHand:
//
//   - UWV (SZW, Bestaanszekerheid): citizens' brakes c1…c5; c1 complied
//     after 2 days, c2 explained after 5, c3 complied after 20, c4
//     explained after 45 (late); c5 open. UWV returned an assignment r1 to
//     SZW: open.
//   - SVB (SZW, Bestaanszekerheid): 4 citizens' brakes (held back: fewer
//     than 5), s1 complied after 1 day; it returned an assignment r2 that
//     SZW's officials explained after 10 days; SVB contested (escalated to
//     the minister), who complied after 12.
//   - IND (JenV, Migratie): professionals' brakes p1 (explained after 3
//     days), p2 (open) and p3 (answered in part, deels, after 8 days).
//
// The view is read 50 days after t0: every open request is past its six
// weeks.
type fixedWorld struct {
	st       *store.Store
	svc      *figures.Service
	clock    *schakeltest.Clock
	r1, r2   int64
	p3       int64 // IND's brake answered in part
	szw, ind *schakel.Organisation
}

func newFixedWorld(t *testing.T, open storetest.Opener) *fixedWorld {
	t.Helper()
	ctx := context.Background()
	clock := schakeltest.NewClock(t0)
	st := open(t, clock)
	if _, err := st.SeedPrinciples(ctx, schakel.DefaultPrinciples()); err != nil {
		t.Fatal(err)
	}
	szw := mustOrg(t, st, &schakel.Organisation{Code: "min-szw", Name: "Ministerie van SZW", Type: schakel.OrgMinistry, Committee: "Sociale Zaken en Werkgelegenheid"})
	jenv := mustOrg(t, st, &schakel.Organisation{Code: "min-jenv", Name: "Ministerie van JenV", Type: schakel.OrgMinistry, Committee: "Justitie en Veiligheid"})
	uwv := mustOrg(t, st, &schakel.Organisation{Code: "uwv", Name: "UWV", Type: schakel.OrgExecutive, PrincipalIDs: []int64{szw.ID}, Task: "Bestaanszekerheid"})
	svb := mustOrg(t, st, &schakel.Organisation{Code: "svb", Name: "SVB", Type: schakel.OrgExecutive, PrincipalIDs: []int64{szw.ID}, Task: "Bestaanszekerheid"})
	ind := mustOrg(t, st, &schakel.Organisation{Code: "ind", Name: "IND", Type: schakel.OrgExecutive, PrincipalIDs: []int64{jenv.ID}, Task: "Migratie"})
	storetest.MustOrganisation(t, st, "tweede-kamer", schakel.OrgParliament)
	uwvCoord := storetest.MustUser(t, st, "uwv-coord", schakel.Membership{OrganisationID: uwv.ID, Role: schakel.RoleCoordinator})
	svbCoord := storetest.MustUser(t, st, "svb-coord", schakel.Membership{OrganisationID: svb.ID, Role: schakel.RoleCoordinator})
	indCoord := storetest.MustUser(t, st, "ind-coord", schakel.Membership{OrganisationID: ind.ID, Role: schakel.RoleCoordinator})
	indProf := storetest.MustUser(t, st, "ind-prof", schakel.Membership{OrganisationID: ind.ID, Role: schakel.RoleProfessional})
	uwvBoard := storetest.MustUser(t, st, "uwv-board", schakel.Membership{OrganisationID: uwv.ID, Role: schakel.RoleBoard})
	svbBoard := storetest.MustUser(t, st, "svb-board", schakel.Membership{OrganisationID: svb.ID, Role: schakel.RoleBoard})
	szwPolicy := storetest.MustUser(t, st, "szw-policy", schakel.Membership{OrganisationID: szw.ID, Role: schakel.RolePolicy})
	szwMinister := storetest.MustUser(t, st, "szw-minister", schakel.Membership{OrganisationID: szw.ID, Role: schakel.RoleMinister})

	rs := requests.New(st, &comply.Engine{Calendar: calendar.New()}, clock)
	bs := brakes.New(st, rs, clock, receipt.NewHasher(cheap, 2))
	citizen := func(org string) int64 {
		p, err := bs.Pull(ctx, nil, "", brakes.PullInput{Level: schakel.LevelCitizen, Organisation: org, DecisionReference: "B-1",
			DecisionDate: "2026-02-20", Body: "Niet gehoord.", CitizenGrounds: []string{"niet-gehoord"}, WantedOutcome: "Opnieuw."})
		if err != nil {
			t.Fatalf("citizen's brake at %s: %v", org, err)
		}
		return p.Brake.RequestID
	}
	professional := func() int64 {
		p, err := bs.Pull(ctx, indProf, "", brakes.PullInput{Level: schakel.LevelProfessional, Organisation: "ind", Identity: schakel.IdentityProtected,
			RuleRefs: []string{"jci1.3:c:BWBR0019057&artikel=76"}, Subject: "Werkinstructie", Grounds: []schakel.Ground{{Principle: "evenredigheid", Text: "Te zwaar."}}})
		if err != nil {
			t.Fatalf("professional's brake: %v", err)
		}
		return p.Brake.RequestID
	}
	returned := func(board *schakel.User, org string) int64 {
		p, err := bs.Pull(ctx, board, "", brakes.PullInput{Level: schakel.LevelOrganisation, Organisation: org, Concerned: "Opdracht: invoering per 1 juli",
			Subject: "Opdracht onuitvoerbaar", Grounds: []schakel.Ground{{Principle: "legaliteit", Text: "Geen grondslag."}}})
		if err != nil {
			t.Fatalf("returned assignment of %s: %v", org, err)
		}
		return p.Brake.RequestID
	}
	var c [5]int64
	for i := range c {
		c[i] = citizen("uwv")
	}
	var s [4]int64
	for i := range s {
		s[i] = citizen("svb")
	}
	p1, _, p3 := professional(), professional(), professional()
	w := &fixedWorld{st: st, svc: figures.New(st).WithClock(clock), clock: clock, szw: szw, ind: ind}
	w.r1, w.r2 = returned(uwvBoard, "uwv"), returned(svbBoard, "svb")
	w.p3 = p3

	answer := func(u *schakel.User, id int64, day int, kind schakel.AnswerKind, principle string) {
		t.Helper()
		clock.Set(t0.Add(time.Duration(day) * 24 * time.Hour))
		in := comply.AnswerInput{Kind: kind}
		if kind.Changes() {
			in.Changes, in.ByWhen = "We passen het besluit aan, zoals afgesproken met mevrouw Jansen (j.jansen@example.nl).", calendar.DateOf(2026, 6, 1)
		}
		if kind.Refuses() {
			in.Motivations = map[string]string{principle: "De wet laat geen ruimte."}
		}
		if _, err := rs.Answer(ctx, u, id, requests.AnswerInput{AnswerInput: in}); err != nil {
			t.Fatalf("answer %d on day %d: %v", id, day, err)
		}
	}
	answer(svbCoord, s[0], 1, schakel.Comply, "")
	answer(uwvCoord, c[0], 2, schakel.Comply, "")
	answer(indCoord, p1, 3, schakel.Explain, "evenredigheid")
	answer(uwvCoord, c[1], 5, schakel.Explain, "fair-play")
	answer(indCoord, p3, 8, schakel.Partial, "evenredigheid")
	answer(szwPolicy, w.r2, 10, schakel.Explain, "legaliteit")
	if _, err := rs.Contest(ctx, svbBoard, w.r2, requests.StepInput{Reason: "Wij vragen de minister zelf."}); err != nil {
		t.Fatal(err)
	}
	answer(szwMinister, w.r2, 12, schakel.Comply, "")
	answer(uwvCoord, c[2], 20, schakel.Comply, "")
	answer(uwvCoord, c[3], 45, schakel.Explain, "fair-play") // past its six weeks: late
	clock.Set(t0.Add(50 * 24 * time.Hour))
	return w
}

func mustOrg(t *testing.T, st *store.Store, o *schakel.Organisation) *schakel.Organisation {
	t.Helper()
	if err := st.CreateOrganisation(context.Background(), o); err != nil {
		t.Fatalf("organisation %s: %v", o.Code, err)
	}
	return o
}

// want is a group's figures as computed by hand.
type want struct {
	requests, open, overdue, answered, complied, explained, partial, onTime, median, p90 int
	citizen                                                                              figures.Count
	professional, organisation                                                           int
	comply                                                                               int // percent
	missed, escalated                                                                    int
}

func check(t *testing.T, name string, g figures.Figures, w want) {
	t.Helper()
	got := want{g.Requests, g.Open, g.Overdue, g.Answered, g.Complied, g.Explained, g.Partial, g.OnTime, g.MedianDays, g.P90Days,
		g.CitizenBrakes, g.ProfessionalBrakes, g.OrganisationBrakes, g.ComplyPercent(), g.Missed, g.Escalated}
	if got != w {
		t.Errorf("%s:\n got %+v\nwant %+v", name, got, w)
	}
}

func group(t *testing.T, gs []figures.Group, key string) figures.Figures {
	t.Helper()
	for _, g := range gs {
		if g.Key == key {
			return g.Figures
		}
	}
	t.Fatalf("no group %q in %+v", key, gs)
	return figures.Figures{}
}

// TestFiguresByHand checks every count, ratio, median and percentile of
// the view against the fixed world's figures computed by hand, on both
// stores.
func TestFiguresByHand(t *testing.T) {
	for _, b := range storetest.Backends() {
		t.Run(b.Name, func(t *testing.T) {
			w := newFixedWorld(t, b.Open)
			ctx := context.Background()
			v, err := w.svc.View(ctx, figures.Filter{From: calendar.DateOf(2026, 1, 1), To: calendar.DateOf(2026, 12, 31)})
			if err != nil {
				t.Fatal(err)
			}
			// UWV: c1…c5 and r1. Days to answer {2, 5, 20, 45}: the median is
			// the 2nd of 4 (5), the 90th percentile the 4th (45); c4 was late.
			uwv := want{requests: 6, open: 2, overdue: 2, answered: 4, complied: 2, explained: 2, onTime: 3, median: 5, p90: 45,
				citizen: figures.Count{N: 5}, organisation: 1, comply: 50}
			check(t, "uwv", group(t, v.Organisations, "uwv"), uwv)
			// SVB: its 4 citizens' brakes are held back; r2 remains, first
			// answered after 10 days, last with comply, escalated once.
			svb := want{requests: 1, answered: 1, complied: 1, onTime: 1, median: 10, p90: 10,
				citizen: figures.Count{Suppressed: true}, organisation: 1, comply: 100, escalated: 1}
			check(t, "svb", group(t, v.Organisations, "svb"), svb)
			// IND: days {3, 8}: the median the 1st (3), the 90th percentile
			// the 2nd (8); p3 answered in part counts as answered, not as
			// comply or explain.
			ind := want{requests: 3, open: 1, overdue: 1, answered: 2, explained: 1, partial: 1, onTime: 2, median: 3, p90: 8, professional: 3, comply: 0}
			check(t, "ind", group(t, v.Organisations, "ind"), ind)
			// SZW: UWV and SVB. Days {2, 5, 10, 20, 45}: median the 3rd (10),
			// the 90th percentile the 5th (45).
			szw := want{requests: 7, open: 2, overdue: 2, answered: 5, complied: 3, explained: 2, onTime: 4, median: 10, p90: 45,
				citizen: figures.Count{N: 5, Suppressed: true}, organisation: 2, comply: 60, escalated: 1}
			check(t, "ministry szw", group(t, v.Ministries, "min-szw"), szw)
			check(t, "committee szw", group(t, v.Committees, "Sociale Zaken en Werkgelegenheid"), szw)
			check(t, "task bestaanszekerheid", group(t, v.Tasks, "Bestaanszekerheid"), szw)
			check(t, "ministry jenv", group(t, v.Ministries, "min-jenv"), ind)
			check(t, "task migratie", group(t, v.Tasks, "Migratie"), ind)
			// All: days {2, 3, 5, 8, 10, 20, 45}: median the 4th (8), 90th
			// percentile the 7th (45); 3 of 7 complied (43%), 1 in part.
			all := want{requests: 10, open: 3, overdue: 3, answered: 7, complied: 3, explained: 3, partial: 1, onTime: 6, median: 8, p90: 45,
				citizen: figures.Count{N: 5, Suppressed: true}, professional: 3, organisation: 2, comply: 43, escalated: 1}
			check(t, "total", v.Total.Figures, all)
			if v.HeldBack != 1 {
				t.Errorf("held back: %d organisations, want 1 (SVB)", v.HeldBack)
			}
			check(t, "type noodrem-burger", group(t, v.Types, string(schakel.TypeCitizenBrake)),
				want{requests: 5, open: 1, overdue: 1, answered: 4, complied: 2, explained: 2, onTime: 3, median: 5, p90: 45,
					citizen: figures.Count{N: 5, Suppressed: true}, comply: 50})

			// Per organisation and type: UWV's citizens' brakes as the type's
			// row; SVB's held back, so no row for them at all.
			check(t, "uwv/noodrem-burger", group(t, v.OrganisationTypes, "uwv/noodrem-burger"),
				want{requests: 5, open: 1, overdue: 1, answered: 4, complied: 2, explained: 2, onTime: 3, median: 5, p90: 45,
					citizen: figures.Count{N: 5}, comply: 50})
			for _, g := range v.OrganisationTypes {
				if g.Key == "svb/noodrem-burger" && (g.Requests != 0 || !g.CitizenBrakes.Suppressed) {
					t.Errorf("svb's held-back brakes counted: %+v", g)
				}
			}

			// Returned assignments: r2 answered (comply, day 12), r1 open
			// with its due date.
			if v.ReturnedTotal != 2 || len(v.Returned) != 2 {
				t.Fatalf("returned: %d %+v", v.ReturnedTotal, v.Returned)
			}
			for _, r := range v.Returned {
				switch r.ID {
				case w.r1:
					if !r.Open || r.Due.IsZero() || !r.Overdue || len(r.Answers) != 0 || r.Ministry != w.szw.ID {
						t.Errorf("r1 (open): %+v", r)
					}
				case w.r2:
					// Only the minister's answer is published (the officials'
					// explain stays with the organisation and the ministry).
					if r.Open || len(r.Answers) != 1 || r.Answers[0].Kind != schakel.Comply || r.Answers[0].Role != schakel.RoleMinister ||
						!r.Answers[0].At.Equal(t0.Add(12*24*time.Hour)) || !strings.Contains(r.Answers[0].Changes, "We passen het besluit aan") {
						t.Errorf("r2 (answered): %+v", r)
					}
				default:
					t.Errorf("unexpected returned assignment %+v", r)
				}
				// The minister's texts are public: redacted before they leave.
				for _, a := range r.Answers {
					if strings.Contains(a.Changes, "Jansen") || strings.Contains(a.Changes, "@example.nl") {
						t.Errorf("the minister's answer goes public unredacted: %q", a.Changes)
					}
				}
			}
			// Open requests listed one by one: never a citizen's own; here
			// r1 and p2, overdue.
			if v.OpenTotal != 2 || len(v.Open) != 2 {
				t.Errorf("open list: %d %+v", v.OpenTotal, v.Open)
			}
			for _, o := range v.Open {
				if !o.Overdue || o.Type == schakel.TypeCitizenBrake || o.Addressee.OrganisationID == 0 || o.Deadline.IsZero() {
					t.Errorf("open item %+v", o)
				}
			}

			// The requests behind the figure "deels": p3 alone.
			items, total, _, err := w.svc.Items(ctx, figures.ItemFilter{Filter: figures.Filter{From: calendar.DateOf(2026, 1, 1), To: calendar.DateOf(2026, 12, 31)},
				Which: figures.WhichPartial, Limit: 10})
			if err != nil || total != 1 || len(items) != 1 || items[0].ID != w.p3 || items[0].Answer != schakel.Partial {
				t.Errorf("items deels: %d %+v %v", total, items, err)
			}

			// Narrowed to JenV: IND's figures only, no returned assignments.
			j, err := w.svc.View(ctx, figures.Filter{From: calendar.DateOf(2026, 1, 1), To: calendar.DateOf(2026, 12, 31), Ministry: "min-jenv"})
			if err != nil {
				t.Fatal(err)
			}
			check(t, "total of jenv", j.Total.Figures, ind)
			if j.ReturnedTotal != 0 || j.OpenTotal != 1 || len(j.Open) != 1 || j.Open[0].Organisation != w.ind.ID {
				t.Errorf("jenv lists: returned %d, open %d %+v", j.ReturnedTotal, j.OpenTotal, j.Open)
			}
			// A period before anything happened: nothing.
			e, err := w.svc.View(ctx, figures.Filter{From: calendar.DateOf(2025, 1, 1), To: calendar.DateOf(2025, 12, 31)})
			if err != nil {
				t.Fatal(err)
			}
			check(t, "2025", e.Total.Figures, want{median: -1, p90: -1, comply: -1})
		})
	}
}

// TestSuppressionAtFourAndFive: four citizens' brakes at one organisation
// are held back from every figure, five are published.
func TestSuppressionAtFourAndFive(t *testing.T) {
	for n, held := range map[int]bool{0: false, 1: true, 4: true, 5: false, 6: false} {
		if got := figures.Suppressed(n); got != held {
			t.Errorf("Suppressed(%d) = %v, want %v", n, got, held)
		}
	}
	d := figures.NewDirectory([]*schakel.Organisation{{ID: 1, Code: "min", Type: schakel.OrgMinistry}, {ID: 2, Code: "a", Type: schakel.OrgExecutive, PrincipalIDs: []int64{1}}})
	for _, n := range []int{4, 5} {
		tallies := []schakel.RequestTally{{Type: schakel.TypeCitizenBrake, FirstOrganisationID: 2, Open: true, AnswerDays: -1, Count: n}}
		tb := figures.Tabulate(tallies, d, figures.Selection{})
		if n == 4 && (tb.Total.Requests != 0 || tb.Total.CitizenBrakes != (figures.Count{Suppressed: true}) || tb.HeldBack != 1) {
			t.Errorf("4 brakes: %+v, held back %d", tb.Total.Figures, tb.HeldBack)
		}
		if n == 5 && (tb.Total.Requests != 5 || tb.Total.CitizenBrakes != (figures.Count{N: 5}) || tb.HeldBack != 0) {
			t.Errorf("5 brakes: %+v, held back %d", tb.Total.Figures, tb.HeldBack)
		}
	}
}

// TestViewValidation names every invalid field of the filter at once.
func TestViewValidation(t *testing.T) {
	w := newFixedWorld(t, storetest.OpenSQLite)
	_, err := w.svc.View(context.Background(), figures.Filter{From: calendar.DateOf(2026, 5, 1), To: calendar.DateOf(2026, 4, 1),
		Organisation: "bestaat-niet", Ministry: "uwv", Committee: "a\x00b"})
	fields := map[string]bool{}
	for _, f := range schakel.ErrorFields(err) {
		fields[f.Field] = true
	}
	for _, f := range []string{"tot", "organisatie", "ministerie", "commissie"} {
		if !fields[f] {
			t.Errorf("field %s not named: %v", f, err)
		}
	}
	if schakel.ErrorCode(err) != schakel.EINVALID {
		t.Errorf("code %s", schakel.ErrorCode(err))
	}
}
