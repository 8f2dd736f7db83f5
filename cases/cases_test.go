package cases_test

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/schakel-nl/schakel"
	"github.com/schakel-nl/schakel/cases"
	"github.com/schakel-nl/schakel/schakeltest"
	"github.com/schakel-nl/schakel/store"
	"github.com/schakel-nl/schakel/store/storetest"
)

type world struct {
	st           *store.Store
	svc          *cases.Service
	clock        *schakeltest.Clock
	prof, coord  *schakel.User
	board        *schakel.User // the second reviewer: did not decide
	outsiderProf *schakel.User
}

// confirmedAll confirms every review category.
func confirmedAll() []string {
	var out []string
	for _, c := range cases.ReviewCategories() {
		out = append(out, string(c))
	}
	return out
}

func newWorld(t testing.TB, open func(testing.TB, schakel.Clock) *store.Store) *world {
	t.Helper()
	clock := schakeltest.NewClock(time.Date(2026, 1, 5, 9, 0, 0, 0, time.UTC))
	st := open(t, clock)
	if _, err := st.SeedPrinciples(context.Background(), schakel.DefaultPrinciples()); err != nil {
		t.Fatal(err)
	}
	uwv := storetest.MustOrganisation(t, st, "uwv", schakel.OrgExecutive)
	svb := storetest.MustOrganisation(t, st, "svb", schakel.OrgExecutive)
	return &world{st: st, clock: clock, svc: cases.New(st, clock),
		prof:         storetest.MustUser(t, st, "prof", schakel.Membership{OrganisationID: uwv.ID, Role: schakel.RoleProfessional}),
		coord:        storetest.MustUser(t, st, "coord", schakel.Membership{OrganisationID: uwv.ID, Role: schakel.RoleCoordinator}),
		board:        storetest.MustUser(t, st, "board", schakel.Membership{OrganisationID: uwv.ID, Role: schakel.RoleBoard}),
		outsiderProf: storetest.MustUser(t, st, "svb-prof", schakel.Membership{OrganisationID: svb.ID, Role: schakel.RoleProfessional}),
	}
}

var advance = cases.SubmitInput{Organisation: "uwv", Title: "Terugvordering WIA-voorschot na te laat besluit",
	Situation: "De klant kreeg een voorschot; UWV besliste te laat en vordert nu terug.", RuleRefs: []string{"jci1.3:c:BWBR0019057&artikel=76"},
	Intent: "Het voorschot overbrugt de tijd tot het besluit.", Harm: "De klant raakt in de schulden door onze fout.", Principles: []string{"evenredigheid"}}

func (w *world) decided(t *testing.T, in cases.SubmitInput, outcome schakel.Outcome, publish bool) *schakel.Case {
	t.Helper()
	ctx := context.Background()
	c, err := w.svc.Submit(ctx, w.prof, in)
	if err != nil {
		t.Fatal(err)
	}
	d := cases.DecideInput{Outcome: outcome, LegalGround: "awb-4:84", LegalGroundText: "x",
		Weighings: []schakel.Weighing{{Principle: "evenredigheid", How: "Afgewogen."}}, Explanation: "Uitleg voor de klant."}
	if _, err := w.svc.Decide(ctx, w.coord, c.ID, d); err != nil {
		t.Fatal(err)
	}
	if publish {
		if _, err := w.svc.Publish(ctx, w.board, c.ID, cases.PublishInput{Confirmed: confirmedAll()}); err != nil {
			t.Fatal(err)
		}
	}
	return c
}

// TestSolveProposalThresholds: on both stores, the proposal comes at the
// fifth similar fix within 90 days and not at the fourth; a fix older than
// the window does not count; a different outcome raises the warning.
func TestSolveProposalThresholds(t *testing.T) {
	for _, be := range storetest.Backends() {
		t.Run(be.Name, func(t *testing.T) {
			w := newWorld(t, be.Open)
			ctx := context.Background()
			old := w.decided(t, advance, schakel.OutcomeMaatwerk, true) // will fall outside the window
			w.clock.Advance(10 * 24 * time.Hour)
			for range 3 {
				w.decided(t, advance, schakel.OutcomeMaatwerk, true)
				w.clock.Advance(24 * time.Hour)
			}
			// 4 similar fixes, all within 90 days of the first: the fourth
			// decided now makes five.
			w.clock.Set(time.Date(2026, 4, 4, 9, 0, 0, 0, time.UTC)) // 89 days after the first
			fifth := w.decided(t, advance, schakel.OutcomeMaatwerk, false)
			res, err := w.svc.SimilarTo(ctx, w.coord, fifth.ID)
			if err != nil {
				t.Fatal(err)
			}
			if res.Proposal == nil || res.Proposal.Count != 5 {
				t.Fatalf("five fixes within 90 days: proposal %+v", res.Proposal)
			}
			// Two days later the first is outside the window: four.
			w.clock.Advance(2 * 24 * time.Hour)
			if res, err = w.svc.SimilarTo(ctx, w.coord, fifth.ID); err != nil || res.Proposal != nil {
				t.Fatalf("with %d outside the window: proposal %+v, %v", old.ID, res.Proposal, err)
			}
			// A similar case decided otherwise is named.
			no := w.decided(t, advance, schakel.OutcomeNo, true)
			if res, err = w.svc.SimilarTo(ctx, w.coord, fifth.ID); err != nil {
				t.Fatal(err)
			}
			if len(res.Inconsistent) != 1 || res.Inconsistent[0].Item.ID != no.ID {
				t.Fatalf("warning: %+v, want case %d", res.Inconsistent, no.ID)
			}
			// A case about something else finds none of them.
			other := advance
			other.Title, other.Situation, other.Intent, other.Harm = "Parkeervergunning mantelzorger", "Een mantelzorger krijgt geen parkeervergunning.", "Schaarse plekken eerlijk verdelen.", "Zorg voor een ouder wordt onmogelijk."
			other.RuleRefs, other.Principles = []string{"jci1.3:c:BWBR0005537&artikel=3:4"}, []string{"gelijkheid"}
			res, err = w.svc.SimilarToText(ctx, other.Title+" "+other.Situation+" "+other.Intent+" "+other.Harm, other.RuleRefs, other.Principles)
			if err != nil || len(res.Matches) != 0 {
				t.Fatalf("unrelated text: %d matches, %v", len(res.Matches), err)
			}
		})
	}
}

// TestCaseAccessAndRedaction: on both stores, another organisation cannot
// read or submit; a publication carries none of the personal data, also
// when the reviewer types it back, and the reviewer's phrases are hidden.
func TestCaseAccessAndRedaction(t *testing.T) {
	for _, be := range storetest.Backends() {
		t.Run(be.Name, func(t *testing.T) {
			w := newWorld(t, be.Open)
			ctx := context.Background()
			in := advance
			in.Situation = "Mevrouw Annie de Boer (BSN 111222333, geboren op 3 maart 1961), Kerkstraat 12, 1234 AB Utrecht, 06-12345678, annie@example.nl, NL91ABNA0417164300."
			in.Parties = []string{"Annie de Boer"}
			c, err := w.svc.Submit(ctx, w.prof, in)
			if err != nil {
				t.Fatal(err)
			}
			if _, err := w.svc.Get(ctx, w.outsiderProf, c.ID); schakel.ErrorCode(err) != schakel.ENOTFOUND {
				t.Fatalf("outsider reads the case: %v", err)
			}
			if _, err := w.svc.Submit(ctx, w.outsiderProf, in); schakel.ErrorCode(err) != schakel.EFORBIDDEN {
				t.Fatalf("outsider submits at uwv: %v", err)
			}
			if _, err := w.svc.Decide(ctx, w.prof, c.ID, cases.DecideInput{}); schakel.ErrorCode(err) != schakel.EFORBIDDEN {
				t.Fatalf("a professional decides: %v", err)
			}
			if _, err := w.svc.Decide(ctx, w.coord, c.ID, cases.DecideInput{Outcome: schakel.OutcomeMaatwerk, LegalGround: "hardheidsclausule", LegalGroundText: "x",
				Weighings: []schakel.Weighing{{Principle: "evenredigheid", How: "Mevrouw De Boer kan het niet dragen."}}, Explanation: "Beste mevrouw De Boer, u hoeft niet te betalen."}); err != nil {
				t.Fatal(err)
			}
			p, err := w.svc.Publish(ctx, w.board, c.ID, cases.PublishInput{Harm: "Mevrouw Annie de Boer, BSN 111222333, belde uit Utrecht.", Redact: []string{"Utrecht"},
				Confirmed: confirmedAll()})
			if err != nil {
				t.Fatal(err)
			}
			stored, err := w.st.Precedent(ctx, c.ID)
			if err != nil {
				t.Fatal(err)
			}
			all := fmt.Sprint(p, stored)
			for _, personal := range []string{"Annie", "Boer", "111222333", "1961", "Kerkstraat", "1234 AB", "06-12345678", "annie@example.nl", "NL91ABNA0417164300", "Utrecht"} {
				if strings.Contains(all, personal) {
					t.Errorf("the publication shows %q", personal)
				}
			}
			if !strings.Contains(stored.Summary, "[BSN]") || !strings.Contains(stored.Harm, "[weggelakt]") {
				t.Errorf("the replacements do not read as such: %q / %q", stored.Summary, stored.Harm)
			}
		})
	}
}

// TestDeliberationForMembersOnly: a case's page data — with the citizen's
// situation, the views and the history — is read by members of its
// organisation only; to others it does not exist.
func TestDeliberationForMembersOnly(t *testing.T) {
	for _, be := range storetest.Backends() {
		t.Run(be.Name, func(t *testing.T) {
			ctx := context.Background()
			w := newWorld(t, be.Open)
			c, err := w.svc.Submit(ctx, w.prof, advance)
			if err != nil {
				t.Fatal(err)
			}
			if _, err := w.svc.Invite(ctx, w.coord, c.ID, schakel.PerspectiveLegal, w.prof.ID); err != nil {
				t.Fatal(err)
			}
			d, err := w.svc.Deliberation(ctx, w.coord, c.ID)
			if err != nil || d.Case.ID != c.ID || len(d.Invitations) != 1 || len(d.History) != 2 || d.Decision != nil {
				t.Fatalf("deliberation %+v, %v", d, err)
			}
			if _, err := w.svc.Deliberation(ctx, w.outsiderProf, c.ID); schakel.ErrorCode(err) != schakel.ENOTFOUND {
				t.Fatalf("an outsider: %v", err)
			}
			if _, err := w.svc.Deliberation(ctx, nil, c.ID); schakel.ErrorCode(err) != schakel.EUNAUTHORIZED {
				t.Fatalf("nobody: %v", err)
			}
			ds, total, err := w.svc.Deliberations(ctx, w.coord, "", 0, 10)
			if err != nil || total != 1 || len(ds) != 1 || ds[0].Case.ID != c.ID || len(ds[0].Invitations) != 1 {
				t.Fatalf("the coordinator's list: %d %+v, %v", total, ds, err)
			}
			if ds, total, err := w.svc.Deliberations(ctx, w.outsiderProf, "", 0, 10); err != nil || total != 0 || len(ds) != 0 {
				t.Fatalf("an outsider's list: %d %+v, %v", total, ds, err)
			}
		})
	}
}
