package storetest

import (
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/schakel-nl/schakel"
)

func init() {
	tests["CreateCase"] = testCreateCase
	tests["Case"] = testCreateCase
	tests["Cases"] = testCases
	tests["CaseEvents"] = testCaseFlow
	tests["Invite"] = testCaseFlow
	tests["Invitations"] = testCaseFlow
	tests["AddView"] = testCaseFlow
	tests["Views"] = testCaseFlow
	tests["Decide"] = testCaseFlow
	tests["CaseDecision"] = testCaseFlow
	tests["Publish"] = testCaseFlow
	tests["WithdrawCase"] = testWithdrawCase
	tests["Precedents"] = testPrecedents
	tests["Precedent"] = testPrecedents
	tests["SimilarCandidates"] = testSimilarCandidates
	tests["SetMaxRanked"] = testPrecedentsNewest
	tests["SetMaxPrecedentTotal"] = testPrecedentsTotalCapped
}

type caseFixture struct {
	uwv, svb       *schakel.Organisation
	prof, coord, j *schakel.User
}

func newCaseFixture(e *env) *caseFixture {
	e.t.Helper()
	szw := MustOrganisation(e.t, e.s, "min-szw", schakel.OrgMinistry)
	f := &caseFixture{uwv: MustOrganisation(e.t, e.s, "uwv", schakel.OrgExecutive, szw.ID), svb: MustOrganisation(e.t, e.s, "svb", schakel.OrgExecutive, szw.ID)}
	f.prof = MustUser(e.t, e.s, "prof", schakel.Membership{OrganisationID: f.uwv.ID, Role: schakel.RoleProfessional})
	f.coord = MustUser(e.t, e.s, "coord", schakel.Membership{OrganisationID: f.uwv.ID, Role: schakel.RoleCoordinator})
	f.j = MustUser(e.t, e.s, "jurist", schakel.Membership{OrganisationID: f.uwv.ID, Role: schakel.RoleProfessional})
	return f
}

func (f *caseFixture) newCase(e *env, org *schakel.Organisation, title string) *schakel.Case {
	e.t.Helper()
	c := &schakel.Case{OrganisationID: org.ID, SubmittedBy: f.prof.ID, Title: title, Situation: "Mevrouw Jansen moet € 4.000 terugbetalen.",
		Parties: []string{"Annie Jansen"}, RuleRefs: []string{"jci1.3:c:BWBR0019057&artikel=76"}, Intent: "Voorschotten bij vertraging.",
		Harm: "Zij kon niet weten dat het een voorschot was.", Principles: []string{"evenredigheid", "zorgvuldigheid"}}
	must(e.t, e.s.CreateCase(e.ctx, c))
	return c
}

func testCreateCase(e *env) {
	f := newCaseFixture(e)
	c := f.newCase(e, f.uwv, "WIA-voorschot terugvorderen")
	if c.ID == 0 || c.State != schakel.CaseSubmitted || c.Version != 1 {
		e.t.Fatalf("created %+v", c)
	}
	got, err := e.s.Case(e.ctx, c.ID)
	must(e.t, err)
	if got.Title != c.Title || got.Situation != c.Situation || !slices.Equal(got.Parties, c.Parties) || !slices.Equal(got.RuleRefs, c.RuleRefs) ||
		!slices.Equal(got.Principles, c.Principles) || got.Intent != c.Intent || got.Harm != c.Harm || !got.CreatedAt.Equal(c.CreatedAt) {
		e.t.Fatalf("Case = %+v, want %+v", got, c)
	}
	_, err = e.s.Case(e.ctx, 999999)
	wantCode(e.t, err, schakel.ENOTFOUND)
	bad := &schakel.Case{OrganisationID: 999999, SubmittedBy: f.prof.ID, Title: "x", Situation: "x", Intent: "x", Harm: "x"}
	wantCode(e.t, e.s.CreateCase(e.ctx, bad), schakel.EINVALID)
}

func testCases(e *env) {
	f := newCaseFixture(e)
	a := f.newCase(e, f.uwv, "een")
	b := f.newCase(e, f.svb, "twee")
	c := f.newCase(e, f.uwv, "drie")
	ids := func(cs []*schakel.Case) []int64 {
		var out []int64
		for _, c := range cs {
			out = append(out, c.ID)
		}
		return out
	}
	for _, tc := range []struct {
		name string
		f    schakel.CaseFilter
		want []int64
	}{
		{"all", schakel.CaseFilter{}, []int64{c.ID, b.ID, a.ID}},
		{"uwv", schakel.CaseFilter{OrganisationIDs: []int64{f.uwv.ID}}, []int64{c.ID, a.ID}},
		{"none", schakel.CaseFilter{OrganisationIDs: []int64{}}, nil},
		{"state", schakel.CaseFilter{State: schakel.CaseDecided}, nil},
		{"page", schakel.CaseFilter{Offset: 1, Limit: 1}, []int64{b.ID}},
	} {
		got, total, err := e.s.Cases(e.ctx, tc.f)
		must(e.t, err)
		if !slices.Equal(ids(got), tc.want) {
			e.t.Errorf("%s: %v, want %v", tc.name, ids(got), tc.want)
		}
		if tc.name == "page" && total != 3 {
			e.t.Errorf("page: total %d", total)
		}
	}
}

// decideAndPublish takes a case through deliberation, decision and
// publication.
func (f *caseFixture) decideAndPublish(e *env, c *schakel.Case, outcome schakel.Outcome, decided time.Time) *schakel.Precedent {
	e.t.Helper()
	must(e.t, e.s.Decide(e.ctx, c.Version, &schakel.Decision{CaseID: c.ID, Outcome: outcome, LegalGround: "awb-4:84", LegalGroundText: "Bijzondere omstandigheden.",
		Weighings: []schakel.Weighing{{Principle: "evenredigheid", How: "De terugvordering is onevenredig."}}, CostCents: 400000,
		Explanation: "U hoeft het voorschot niet terug te betalen.", DecidedBy: f.coord.ID, At: decided}))
	p := &schakel.Precedent{CaseID: c.ID, OrganisationID: c.OrganisationID, Title: c.Title, Summary: "Mevrouw [naam 1] moet € 4.000 terugbetalen.",
		Intent: c.Intent, Harm: c.Harm, RuleRefs: c.RuleRefs, Principles: []string{"evenredigheid"}, Outcome: outcome, LegalGround: "awb-4:84",
		Explanation: "U hoeft het voorschot niet terug te betalen.", Weighings: []schakel.Weighing{{Principle: "evenredigheid", How: "Onevenredig."}},
		CostCents: 400000, DecidedAt: decided, PublishedAt: decided.Add(time.Hour)}
	must(e.t, e.s.Publish(e.ctx, c.Version+1, p))
	return p
}

func testCaseFlow(e *env) {
	f := newCaseFixture(e)
	c := f.newCase(e, f.uwv, "WIA-voorschot")
	now := e.clock.Now()
	must(e.t, e.s.Invite(e.ctx, 1, &schakel.Invitation{CaseID: c.ID, Perspective: schakel.PerspectiveLegal, UserID: f.j.ID, InvitedBy: f.coord.ID, At: now}))
	// The same invitation again, or a stale version, is refused and stores nothing.
	wantCode(e.t, e.s.Invite(e.ctx, 2, &schakel.Invitation{CaseID: c.ID, Perspective: schakel.PerspectiveLegal, UserID: f.j.ID, InvitedBy: f.coord.ID, At: now}), schakel.ECONFLICT)
	wantCode(e.t, e.s.Invite(e.ctx, 1, &schakel.Invitation{CaseID: c.ID, Perspective: schakel.PerspectiveFinancial, UserID: f.j.ID, InvitedBy: f.coord.ID, At: now}), schakel.ECONFLICT)
	wantCode(e.t, e.s.Invite(e.ctx, 2, &schakel.Invitation{CaseID: 999999, Perspective: schakel.PerspectiveFinancial, UserID: f.j.ID, InvitedBy: f.coord.ID, At: now}), schakel.ENOTFOUND)
	must(e.t, e.s.AddView(e.ctx, 2, &schakel.View{CaseID: c.ID, Perspective: schakel.PerspectiveLegal, UserID: f.j.ID, Text: "Awb 4:84 biedt ruimte.", At: now}))
	invs, err := e.s.Invitations(e.ctx, c.ID)
	must(e.t, err)
	views, err := e.s.Views(e.ctx, c.ID)
	must(e.t, err)
	if len(invs) != 1 || invs[0].UserID != f.j.ID || len(views) != 1 || views[0].Text != "Awb 4:84 biedt ruimte." {
		e.t.Fatalf("invitations %+v, views %+v", invs, views)
	}
	_, err = e.s.CaseDecision(e.ctx, c.ID)
	wantCode(e.t, err, schakel.ENOTFOUND)
	c.Version = 3
	sig := &schakel.Signal{OrganisationID: f.uwv.ID, Anchors: anchorsOf(c.RuleRefs), Proposal: "Voorschotten structureel niet terugvorderen."}
	must(e.t, e.s.Decide(e.ctx, c.Version, &schakel.Decision{CaseID: c.ID, Outcome: schakel.OutcomeMaatwerk, LegalGround: "awb-4:84", Explanation: "x",
		Weighings: []schakel.Weighing{{Principle: "evenredigheid", How: "y"}}, CostCents: 400000, DecidedBy: f.coord.ID, At: now, Signal: sig}))
	if sig.ID == 0 || sig.CaseID != c.ID {
		e.t.Fatalf("signal not stored: %+v", sig)
	}
	d, err := e.s.CaseDecision(e.ctx, c.ID)
	must(e.t, err)
	if d.Outcome != schakel.OutcomeMaatwerk || d.CostCents != 400000 || len(d.Weighings) != 1 || d.Signal == nil || d.Signal.Proposal != sig.Proposal || d.Signal.State != schakel.SignalRaised || !slices.Equal(d.Signal.Refs(), c.RuleRefs) {
		e.t.Fatalf("decision %+v", d)
	}
	p := &schakel.Precedent{CaseID: c.ID, OrganisationID: f.uwv.ID, Title: "t", Summary: "s", Intent: "i", Harm: "h", RuleRefs: c.RuleRefs,
		Principles: []string{"evenredigheid", "evenredigheid"}, Outcome: schakel.OutcomeMaatwerk, Explanation: "e", DecidedAt: now, PublishedAt: now, PublishedBy: f.coord.ID}
	must(e.t, e.s.Publish(e.ctx, 4, p))
	wantCode(e.t, e.s.Publish(e.ctx, 5, p), schakel.ECONFLICT)
	got, err := e.s.Case(e.ctx, c.ID)
	must(e.t, err)
	evs, err := e.s.CaseEvents(e.ctx, c.ID)
	must(e.t, err)
	var types []string
	for i, ev := range evs {
		if ev.Seq != i+1 {
			e.t.Fatalf("event %d has seq %d", i, ev.Seq)
		}
		types = append(types, string(ev.Type))
	}
	if evs[4].UserID != f.coord.ID {
		e.t.Fatalf("the publication's event has user %d, want the reviewer %d", evs[4].UserID, f.coord.ID)
	}
	if got.State != schakel.CasePublished || got.Version != 5 || strings.Join(types, ",") != "ingediend,uitgenodigd,standpunt,besloten,gepubliceerd" {
		e.t.Fatalf("case %s v%d, events %v", got.State, got.Version, types)
	}
	// History is never edited.
	_, err = e.s.DB().ExecContext(e.ctx, "UPDATE case_events SET note = 'x'")
	if err == nil {
		e.t.Fatal("a case event was changed")
	}
	_, err = e.s.DB().ExecContext(e.ctx, "DELETE FROM case_events")
	if err == nil {
		e.t.Fatal("case events were deleted")
	}
}

func testWithdrawCase(e *env) {
	f := newCaseFixture(e)
	c := f.newCase(e, f.uwv, "ingetrokken")
	must(e.t, e.s.WithdrawCase(e.ctx, 1, c.ID, f.prof.ID, e.clock.Now(), "Opgelost"))
	wantCode(e.t, e.s.WithdrawCase(e.ctx, 1, c.ID, f.prof.ID, e.clock.Now(), "Opgelost"), schakel.ECONFLICT)
	got, err := e.s.Case(e.ctx, c.ID)
	must(e.t, err)
	evs, err := e.s.CaseEvents(e.ctx, c.ID)
	must(e.t, err)
	if got.State != schakel.CaseWithdrawn || len(evs) != 2 || evs[1].Note != "Opgelost" {
		e.t.Fatalf("withdrawn case %+v, events %+v", got, evs)
	}
}

func testPrecedents(e *env) {
	f := newCaseFixture(e)
	day := func(d int) time.Time { return time.Date(2026, 1, d, 10, 0, 0, 0, time.UTC) }
	a := f.newCase(e, f.uwv, "Terugvordering WIA-voorschot kwijtgescholden")
	pa := f.decideAndPublish(e, a, schakel.OutcomeMaatwerk, day(5))
	b := f.newCase(e, f.svb, "Kinderbijslag bij verhuizing naar het buitenland")
	b.RuleRefs = []string{"jci1.3:c:BWBR0002368&artikel=7"}
	pb := f.decideAndPublish(e, b, schakel.OutcomeNo, day(10))
	got, err := e.s.Precedent(e.ctx, a.ID)
	must(e.t, err)
	if got.Title != pa.Title || got.Summary != pa.Summary || got.CostCents != 400000 || len(got.Weighings) != 1 || !got.DecidedAt.Equal(pa.DecidedAt) {
		e.t.Fatalf("Precedent = %+v", got)
	}
	got, err = e.s.Precedent(e.ctx, b.ID)
	must(e.t, err)
	if got.Title != pb.Title || got.Outcome != schakel.OutcomeNo || !slices.Equal(got.RuleRefs, pb.RuleRefs) || !got.PublishedAt.Equal(pb.PublishedAt) {
		e.t.Fatalf("Precedent of the second case = %+v, want %+v", got, pb)
	}
	_, err = e.s.Precedent(e.ctx, 999999)
	wantCode(e.t, err, schakel.ENOTFOUND)
	ids := func(ps []*schakel.Precedent) []int64 {
		var out []int64
		for _, p := range ps {
			out = append(out, p.CaseID)
		}
		return out
	}
	for _, tc := range []struct {
		name string
		f    schakel.PrecedentFilter
		want []int64
	}{
		{"all, newest first", schakel.PrecedentFilter{}, []int64{b.ID, a.ID}},
		{"full text", schakel.PrecedentFilter{Query: "kwijtgescholden"}, []int64{a.ID}},
		{"full text, both (by relevance, order not fixed)", schakel.PrecedentFilter{Query: "terugbetalen"}, []int64{a.ID, b.ID}},
		{"full text, two words", schakel.PrecedentFilter{Query: "kinderbijslag buitenland"}, []int64{b.ID}},
		{"full text, no match", schakel.PrecedentFilter{Query: "parkeervergunning"}, nil},
		{"full text, query syntax is text", schakel.PrecedentFilter{Query: `kwijtgescholden" OR "x* NEAR(`}, nil},
		{"rule, exact", schakel.PrecedentFilter{RuleRef: "jci1.3:c:BWBR0019057&artikel=76"}, []int64{a.ID}},
		{"rule, other lid of the article", schakel.PrecedentFilter{RuleRef: "jci1.3:c:BWBR0019057&artikel=76&lid=2"}, []int64{a.ID}},
		{"rule, the whole law", schakel.PrecedentFilter{RuleRef: "jci1.3:c:BWBR0019057"}, []int64{a.ID}},
		{"rule, another article", schakel.PrecedentFilter{RuleRef: "jci1.3:c:BWBR0019057&artikel=7"}, nil},
		{"principle", schakel.PrecedentFilter{Principle: "evenredigheid"}, []int64{b.ID, a.ID}},
		{"outcome", schakel.PrecedentFilter{Outcome: schakel.OutcomeNo}, []int64{b.ID}},
		{"organisation", schakel.PrecedentFilter{OrganisationID: f.uwv.ID}, []int64{a.ID}},
		{"period", schakel.PrecedentFilter{From: day(6), To: day(11)}, []int64{b.ID}},
		{"page", schakel.PrecedentFilter{Offset: 1, Limit: 1}, []int64{a.ID}},
	} {
		got, total, err := e.s.Precedents(e.ctx, tc.f)
		must(e.t, err)
		gotIDs := ids(got)
		if strings.Contains(tc.name, "order not fixed") {
			slices.Sort(gotIDs)
		}
		if !slices.Equal(gotIDs, tc.want) {
			e.t.Errorf("%s: %v, want %v", tc.name, gotIDs, tc.want)
		}
		if want := len(tc.want); tc.name != "page" && total != want {
			e.t.Errorf("%s: total %d, want %d", tc.name, total, want)
		}
	}
}

func testSimilarCandidates(e *env) {
	f := newCaseFixture(e)
	var made []int64 // oldest first; the first four cite article 76 of BWBR0019057, the fifth another law
	for i := range 5 {
		c := f.newCase(e, f.uwv, fmt.Sprintf("Voorschot %d", i))
		if i == 4 {
			c.RuleRefs = []string{"jci1.3:c:BWBR0002368&artikel=7"}
		}
		f.decideAndPublish(e, c, schakel.OutcomeMaatwerk, e.clock.Now())
		made = append(made, c.ID)
	}
	other := f.newCase(e, f.svb, "Parkeervergunning mantelzorger")
	other.RuleRefs = []string{"jci1.3:c:BWBR0005537&artikel=3:4"}
	p := f.decideAndPublish(e, other, schakel.OutcomeNo, e.clock.Now())
	// The candidates come in no fixed order: package precedent ranks them.
	similar := func(text string, ruleRefs, principles []string, limit int) []int64 {
		e.t.Helper()
		got, err := e.s.SimilarCandidates(e.ctx, text, ruleRefs, principles, limit)
		must(e.t, err)
		return sortedCaseIDs(got)
	}
	if got := similar("", []string{"jci1.3:c:BWBR0019057&artikel=76&lid=1"}, nil, 10); !slices.Equal(got, made[:4]) {
		e.t.Fatalf("by rule: %v, want the 4 sharing article 76 %v", got, made[:4])
	}
	if got, want := similar("", []string{"jci1.3:c:BWBR0019057&artikel=76"}, nil, 2), made[2:4]; !slices.Equal(got, want) {
		e.t.Fatalf("by rule with limit 2: %v, want the newest two sharing article 76 %v", got, want)
	}
	// Every case weighs evenredigheid; the limit keeps the newest.
	if got, want := similar("", nil, []string{"evenredigheid"}, 3), []int64{made[3], made[4], other.ID}; !slices.Equal(got, want) {
		e.t.Fatalf("by principle with limit 3: %v, want the newest three %v", got, want)
	}
	got, err := e.s.SimilarCandidates(e.ctx, "Een mantelzorger vraagt een parkeervergunning", nil, nil, 10)
	must(e.t, err)
	if len(got) != 1 || got[0].CaseID != other.ID {
		e.t.Fatalf("by text: %v", sortedCaseIDs(got))
	}
	if c := got[0]; c.Title != p.Title || c.Summary != p.Summary || c.Outcome != p.Outcome || !slices.Equal(c.RuleRefs, p.RuleRefs) || !c.DecidedAt.Equal(p.DecidedAt) {
		e.t.Fatalf("by text: candidate %+v, want the published %+v", c, p)
	}
	if got := similar("", nil, nil, 10); len(got) != 0 {
		e.t.Fatalf("nothing to match, got %v", got)
	}
}

// sortedCaseIDs returns the case ids of ps in ascending order.
func sortedCaseIDs(ps []*schakel.Precedent) []int64 {
	var out []int64
	for _, p := range ps {
		out = append(out, p.CaseID)
	}
	slices.Sort(out)
	return out
}

// testPrecedentsNewest: a query with more matches than are ranked lists the
// newest first, also with a filter, and pages through them.
func testPrecedentsNewest(e *env) {
	f := newCaseFixture(e)
	var ids []int64
	for i := range 4 {
		c := f.newCase(e, f.uwv, fmt.Sprintf("Voorschot %d", i))
		outcome := schakel.OutcomeMaatwerk
		if i == 2 {
			outcome = schakel.OutcomeNo
		}
		f.decideAndPublish(e, c, outcome, e.clock.Now())
		ids = append(ids, c.ID)
	}
	e.s.SetMaxRanked(2)
	defer e.s.SetMaxRanked(0)
	for _, tc := range []struct {
		name string
		f    schakel.PrecedentFilter
		want []int64
	}{
		{"newest first", schakel.PrecedentFilter{Query: "voorschot"}, []int64{ids[3], ids[2], ids[1], ids[0]}},
		{"page", schakel.PrecedentFilter{Query: "voorschot", Offset: 1, Limit: 2}, []int64{ids[2], ids[1]}},
		{"with a filter", schakel.PrecedentFilter{Query: "voorschot", Outcome: schakel.OutcomeMaatwerk}, []int64{ids[3], ids[1], ids[0]}},
	} {
		got, total, err := e.s.Precedents(e.ctx, tc.f)
		must(e.t, err)
		var gotIDs []int64
		for _, p := range got {
			gotIDs = append(gotIDs, p.CaseID)
		}
		if !slices.Equal(gotIDs, tc.want) {
			e.t.Errorf("%s: %v, want %v", tc.name, gotIDs, tc.want)
		}
		if want := map[string]int{"with a filter": 3}[tc.name]; want == 0 && total != 4 || want != 0 && total != want {
			e.t.Errorf("%s: total %d", tc.name, total)
		}
	}
}

// testPrecedentsTotalCapped: a search counts its matches only up to the
// limit and reports more as the limit plus one, whichever way it is
// answered (words alone, ranked or newest first; words with an outcome;
// two words; a filter without words), while its pages still list every
// match, the whole register too; a search with fewer matches is counted
// exactly.
func testPrecedentsTotalCapped(e *env) {
	f := newCaseFixture(e)
	for i := range 7 {
		outcome := schakel.OutcomeMaatwerk
		if i == 3 {
			outcome = schakel.OutcomeNo
		}
		f.decideAndPublish(e, f.newCase(e, f.uwv, fmt.Sprintf("Gift woning %d", i)), outcome, e.clock.Now())
	}
	for i := range 3 {
		f.decideAndPublish(e, f.newCase(e, f.svb, fmt.Sprintf("Boete %d", i)), schakel.OutcomeMaatwerk, e.clock.Now())
	}
	e.s.SetMaxPrecedentTotal(4)
	defer e.s.SetMaxPrecedentTotal(0)
	defer e.s.SetMaxRanked(0)
	for _, ranked := range []int{0, 2} {
		e.s.SetMaxRanked(ranked)
		for _, tc := range []struct {
			name         string
			f            schakel.PrecedentFilter
			total, found int
		}{
			{"one word", schakel.PrecedentFilter{Query: "gift"}, 5, 7},
			{"one word and an outcome", schakel.PrecedentFilter{Query: "gift", Outcome: schakel.OutcomeMaatwerk}, 5, 6},
			{"two words", schakel.PrecedentFilter{Query: "gift woning"}, 5, 7},
			{"a filter without words", schakel.PrecedentFilter{Principle: "evenredigheid"}, 5, 10},
			{"fewer than the limit", schakel.PrecedentFilter{Query: "boete"}, 3, 3},
			{"fewer with an outcome", schakel.PrecedentFilter{Query: "gift", Outcome: schakel.OutcomeNo}, 1, 1},
			{"the whole register", schakel.PrecedentFilter{}, 5, 10},
		} {
			tc.f.Limit = 50
			got, total, err := e.s.Precedents(e.ctx, tc.f)
			must(e.t, err)
			if total != tc.total || len(got) != tc.found {
				e.t.Errorf("%s (rank limit %d): total %d with %d listed, want %d with %d", tc.name, ranked, total, len(got), tc.total, tc.found)
			}
			tc.f.Offset, tc.f.Limit = 5, 5
			if rest, _, err := e.s.Precedents(e.ctx, tc.f); err != nil || len(rest) != max(tc.found-5, 0) {
				e.t.Errorf("%s (rank limit %d): the page after the limit lists %d (%v), want %d", tc.name, ranked, len(rest), err, max(tc.found-5, 0))
			}
		}
	}
}

// anchorsOf makes law anchors of reference strings.
func anchorsOf(refs []string) []schakel.Anchor {
	out := make([]schakel.Anchor, len(refs))
	for i, r := range refs {
		out[i] = schakel.Anchor{Ref: r}
	}
	return out
}
