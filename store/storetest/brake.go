package storetest

import (
	"slices"
	"strings"

	"github.com/schakel-nl/schakel"
	"github.com/schakel-nl/schakel/calendar"
	"github.com/schakel-nl/schakel/comply"
)

func init() {
	tests["CreateBrake"] = testCreateBrake
	tests["Brake"] = testBrake
	tests["BrakeByReceipt"] = testBrakeByReceipt
	tests["Brakes"] = testBrakes
	tests["ReferralsUsed"] = testReferralsUsed
}

// newBrake builds a brake of a level at org with the real engine, without
// storing it.
func (f *reqFixture) newBrake(e *env, level schakel.BrakeLevel, requester schakel.Party, to *schakel.Organisation, subject string) (*schakel.Brake, *schakel.Request, *schakel.Event) {
	e.t.Helper()
	r, ev := f.build(e, level.RequestType(), requester, to, subject)
	b := &schakel.Brake{Level: level, Identity: schakel.IdentityNamed, Concerned: "Werkinstructie " + subject,
		RuleRefs: []string{"jci1.3:c:BWBR0019057&artikel=36"}, Year: f.eng.Calendar.Today(e.clock.Now()).Year()}
	if requester.Kind == schakel.PartyAnonymous {
		b.Identity = schakel.IdentityAnonymous
		b.ReceiptLookup, b.ReceiptHash = "LK"+strings.ToUpper(subject[:min(6, len(subject))]), "$argon2id$v=19$m=8,t=1,p=1$c2FsdA$aGFzaA"
	}
	return b, r, ev
}

// returnAssignment is an organisation's brake by uwv's board at szw.
func (f *reqFixture) returnAssignment(e *env, subject string, budget int) (*schakel.Brake, error) {
	e.t.Helper()
	b, r, ev := f.newBrake(e, schakel.LevelOrganisation, schakel.Party{Kind: schakel.PartyOrganisation, UserID: f.board.ID, OrganisationID: f.uwv.ID}, f.szw, subject)
	err := e.s.CreateBrake(e.ctx, b, r, ev, &schakel.ReferralBudget{OrganisationID: f.uwv.ID, Year: b.Year, Limit: budget})
	return b, err
}

// answer moves a stored request on with the engine's answer.
func (f *reqFixture) answer(e *env, r *schakel.Request, by *schakel.User, kind schakel.AnswerKind) *schakel.Request {
	e.t.Helper()
	in := comply.AnswerInput{Kind: kind, Changes: "De instructie vervalt.", ByWhen: calendar.DateOf(2026, 6, 1)}
	if kind == schakel.Explain {
		in = comply.AnswerInput{Kind: kind, Motivations: map[string]string{}}
		for _, g := range r.Grounds {
			in.Motivations[g.Principle] = "Afgewogen en gemotiveerd."
		}
	}
	n, ev, err := f.eng.Answer(r, user(by), in, e.clock.Now())
	must(e.t, err)
	must(e.t, e.s.UpdateRequest(e.ctx, r.Version, n, ev))
	return n
}

func testCreateBrake(e *env) {
	f := newReqFixture(e)
	b, r, ev := f.newBrake(e, schakel.LevelProfessional, user(f.outsider), f.uwv, "wia-voorschotten")
	must(e.t, e.s.CreateBrake(e.ctx, b, r, ev, nil))
	if b.RequestID == 0 || r.ID != b.RequestID || ev.RequestID != r.ID {
		e.t.Fatalf("ids not set: brake %d, request %d, event %d", b.RequestID, r.ID, ev.RequestID)
	}
	got, err := e.s.Brake(e.ctx, b.RequestID)
	must(e.t, err)
	if got.Request == nil || got.Request.Type != schakel.TypeProfessionalBrake || got.Request.Subject != "wia-voorschotten" {
		e.t.Fatalf("request of brake = %+v", got.Request)
	}
	evs, err := e.s.Events(e.ctx, r.ID)
	must(e.t, err)
	if len(evs) != 1 || evs[0].Type != schakel.EventCreated {
		e.t.Fatalf("events = %+v, want the creation", evs)
	}

	// A level that does not match the request type is a programming error.
	b2, r2, ev2 := f.newBrake(e, schakel.LevelProfessional, user(f.outsider), f.uwv, "mismatch")
	b2.Level = schakel.LevelCitizen
	if err := e.s.CreateBrake(e.ctx, b2, r2, ev2, nil); err == nil {
		e.t.Fatal("a citizen's brake stored as a professional's request")
	}

	// A receipt collision and a dangling principle store nothing at all.
	_, before, err := e.s.Requests(e.ctx, schakel.RequestFilter{})
	must(e.t, err)
	a1, ra1, eva1 := f.newBrake(e, schakel.LevelProfessional, schakel.Party{Kind: schakel.PartyAnonymous}, f.uwv, "anoniem")
	must(e.t, e.s.CreateBrake(e.ctx, a1, ra1, eva1, nil))
	a2, ra2, eva2 := f.newBrake(e, schakel.LevelProfessional, schakel.Party{Kind: schakel.PartyAnonymous}, f.uwv, "anoniem")
	wantCode(e.t, e.s.CreateBrake(e.ctx, a2, ra2, eva2, nil), schakel.ECONFLICT)
	d, rd, evd := f.newBrake(e, schakel.LevelProfessional, user(f.outsider), f.uwv, "dangling")
	rd.Grounds = append(slices.Clone(rd.Grounds), schakel.Ground{Principle: "bestaat-niet", Text: "x"})
	wantCode(e.t, e.s.CreateBrake(e.ctx, d, rd, evd, nil), schakel.EINVALID)
	_, after, err := e.s.Requests(e.ctx, schakel.RequestFilter{})
	must(e.t, err)
	if after != before+1 {
		e.t.Fatalf("requests %d → %d: refused brakes left a request behind", before, after)
	}
	_, nb, err := e.s.Brakes(e.ctx, schakel.BrakeFilter{})
	must(e.t, err)
	if nb != 2 {
		e.t.Fatalf("%d brakes stored, want 2", nb)
	}

	// The referral budget: one per year. The second pull is refused and
	// stores nothing; the message says when it renews.
	first, err := f.returnAssignment(e, "bouwdepot", 1)
	must(e.t, err)
	_, err = f.returnAssignment(e, "participatiewet", 1)
	wantCode(e.t, err, schakel.ECONFLICT)
	if msg := schakel.ErrorMessage(err); !strings.Contains(msg, "1 januari 2027") {
		e.t.Fatalf("refusal %q does not say when the budget renews", msg)
	}
	_, n, err := e.s.Brakes(e.ctx, schakel.BrakeFilter{Level: schakel.LevelOrganisation})
	must(e.t, err)
	if n != 1 {
		e.t.Fatalf("%d organisation brakes stored, want 1", n)
	}
	// The ministry complies: the referral comes back.
	f.answer(e, first.Request, f.policy, schakel.Comply)
	second, err := f.returnAssignment(e, "participatiewet", 1)
	must(e.t, err)
	// An explain that stands uses it up.
	f.answer(e, second.Request, f.policy, schakel.Explain)
	_, err = f.returnAssignment(e, "derde", 1)
	wantCode(e.t, err, schakel.ECONFLICT)
	// A budget of 0 refuses every pull; another year has its own budget.
	_, err = f.returnAssignment(e, "nul", 0)
	wantCode(e.t, err, schakel.ECONFLICT)
	e.clock.Set(calendar.StartOf(calendar.DateOf(2027, 1, 4)).Add(9 * 3600e9))
	_, err = f.returnAssignment(e, "nieuw-jaar", 1)
	must(e.t, err)
}

func testBrake(e *env) {
	f := newReqFixture(e)
	b, r, ev := f.newBrake(e, schakel.LevelCitizen, schakel.Party{Kind: schakel.PartyAnonymous}, f.uwv, "terugvordering")
	b.Identity = schakel.IdentityAnonymous
	b.DecisionReference, b.DecisionDate, b.WantedOutcome = "UWV-2026-00123", calendar.DateOf(2026, 2, 20), "Dat de terugvordering vervalt."
	b.RuleRefs = nil
	must(e.t, e.s.CreateBrake(e.ctx, b, r, ev, nil))
	got, err := e.s.Brake(e.ctx, b.RequestID)
	must(e.t, err)
	want := *b
	want.Request, got.Request = nil, nil
	want.RuleRefs = []string{}
	if !equalBrakes(&want, got) {
		e.t.Fatalf("Brake = %+v, want %+v", got, &want)
	}
	plain := f.create(e, schakel.TypeGeneral, user(f.burger), f.uwv, "geen noodrem")
	_, err = e.s.Brake(e.ctx, plain.ID)
	wantCode(e.t, err, schakel.ENOTFOUND)
	_, err = e.s.Brake(e.ctx, 999999)
	wantCode(e.t, err, schakel.ENOTFOUND)

	// Erasing a closed brake's texts erases the brake's own texts too.
	closed := f.answer(e, b.Request, f.coord, schakel.Comply)
	n, cev, err := f.eng.Close(closed, schakel.Party{Kind: schakel.PartyAnonymous}, "", e.clock.Now())
	must(e.t, err)
	must(e.t, e.s.UpdateRequest(e.ctx, closed.Version, n, cev))
	must(e.t, e.s.EraseRequestTexts(e.ctx, b.RequestID, "bewaartermijn verstreken"))
	got, err = e.s.Brake(e.ctx, b.RequestID)
	must(e.t, err)
	if got.DecisionReference != schakel.ErasedText || got.WantedOutcome != schakel.ErasedText || got.Concerned != schakel.ErasedText {
		e.t.Fatalf("after erasure: %+v", got)
	}
	if got.DecisionDate != b.DecisionDate || got.Level != b.Level {
		e.t.Fatalf("erasure changed more than texts: %+v", got)
	}
}

func equalBrakes(a, b *schakel.Brake) bool {
	return a.RequestID == b.RequestID && a.Level == b.Level && a.Identity == b.Identity && a.Concerned == b.Concerned &&
		slices.Equal(a.RuleRefs, b.RuleRefs) && a.DecisionReference == b.DecisionReference && a.DecisionDate == b.DecisionDate &&
		a.WantedOutcome == b.WantedOutcome && a.Year == b.Year && a.ReceiptLookup == b.ReceiptLookup && a.ReceiptHash == b.ReceiptHash
}

func testBrakeByReceipt(e *env) {
	f := newReqFixture(e)
	b, r, ev := f.newBrake(e, schakel.LevelProfessional, schakel.Party{Kind: schakel.PartyAnonymous}, f.uwv, "digitaal")
	must(e.t, e.s.CreateBrake(e.ctx, b, r, ev, nil))
	got, err := e.s.BrakeByReceipt(e.ctx, b.ReceiptLookup)
	must(e.t, err)
	if got.RequestID != b.RequestID || got.ReceiptHash != b.ReceiptHash || got.Request == nil || got.Request.Requester.UserID != 0 {
		e.t.Fatalf("BrakeByReceipt = %+v", got)
	}
	for _, lookup := range []string{"", "ONBEKEND", strings.ToLower(b.ReceiptLookup)} {
		_, err := e.s.BrakeByReceipt(e.ctx, lookup)
		wantCode(e.t, err, schakel.ENOTFOUND)
	}
}

func testBrakes(e *env) {
	f := newReqFixture(e)
	mk := func(level schakel.BrakeLevel, requester schakel.Party, to *schakel.Organisation, subject string) *schakel.Brake {
		b, r, ev := f.newBrake(e, level, requester, to, subject)
		must(e.t, e.s.CreateBrake(e.ctx, b, r, ev, nil))
		return b
	}
	anon := schakel.Party{Kind: schakel.PartyAnonymous}
	p1 := mk(schakel.LevelProfessional, user(f.outsider), f.uwv, "een")
	e.clock.Advance(24 * 3600e9)
	c1 := mk(schakel.LevelCitizen, anon, f.svb, "twee")
	e.clock.Advance(24 * 3600e9)
	o1 := mk(schakel.LevelOrganisation, schakel.Party{Kind: schakel.PartyOrganisation, UserID: f.board.ID, OrganisationID: f.uwv.ID}, f.szw, "drie")
	f.answer(e, p1.Request, f.coord, schakel.Comply)
	// Not a brake: never in the register.
	f.create(e, schakel.TypeGeneral, user(f.burger), f.uwv, "geen noodrem")

	today := f.eng.Calendar.Today(e.clock.Now())
	yes, no := true, false
	ids := func(bs []*schakel.Brake) []int64 {
		var out []int64
		for _, b := range bs {
			if b.Request == nil || b.Request.ID != b.RequestID {
				e.t.Fatalf("brake %d without its request", b.RequestID)
			}
			out = append(out, b.RequestID)
		}
		return out
	}
	for _, tc := range []struct {
		name string
		f    schakel.BrakeFilter
		want []int64
	}{
		{"all, newest first", schakel.BrakeFilter{}, []int64{o1.RequestID, c1.RequestID, p1.RequestID}},
		{"level", schakel.BrakeFilter{Level: schakel.LevelCitizen}, []int64{c1.RequestID}},
		{"addressee", schakel.BrakeFilter{AddresseeOrganisationID: f.uwv.ID}, []int64{p1.RequestID}},
		{"addressee ministry", schakel.BrakeFilter{AddresseeOrganisationID: f.szw.ID}, []int64{o1.RequestID}},
		{"principle", schakel.BrakeFilter{Principle: "motivering"}, []int64{o1.RequestID, c1.RequestID, p1.RequestID}},
		{"principle not cited", schakel.BrakeFilter{Principle: "gelijkheid"}, nil},
		{"state", schakel.BrakeFilter{State: schakel.StateAnswered}, []int64{p1.RequestID}},
		{"from", schakel.BrakeFilter{From: today.AddDays(-1)}, []int64{o1.RequestID, c1.RequestID}},
		{"to", schakel.BrakeFilter{To: today.AddDays(-1)}, []int64{c1.RequestID, p1.RequestID}},
		{"one day", schakel.BrakeFilter{From: today.AddDays(-1), To: today.AddDays(-1)}, []int64{c1.RequestID}},
		{"missed", schakel.BrakeFilter{Missed: &yes}, nil},
		{"not missed", schakel.BrakeFilter{Missed: &no}, []int64{o1.RequestID, c1.RequestID, p1.RequestID}},
		{"page", schakel.BrakeFilter{Offset: 1, Limit: 1}, []int64{c1.RequestID}},
	} {
		got, total, err := e.s.Brakes(e.ctx, tc.f)
		must(e.t, err)
		if !slices.Equal(ids(got), tc.want) {
			e.t.Errorf("%s: %v, want %v", tc.name, ids(got), tc.want)
		}
		if tc.name != "page" && total != len(tc.want) {
			e.t.Errorf("%s: total %d, want %d", tc.name, total, len(tc.want))
		}
		if tc.name == "page" && total != 3 {
			e.t.Errorf("page: total %d, want 3", total)
		}
	}
	// A missed deadline shows in the register.
	e.clock.Advance(90 * 24 * 3600e9)
	for {
		r, err := e.s.Request(e.ctx, c1.RequestID)
		must(e.t, err)
		n, ev, err := f.eng.Sweep(r, e.clock.Now())
		must(e.t, err)
		if n == nil {
			e.t.Fatal("the sweep did not move an overdue citizen's brake")
		}
		must(e.t, e.s.UpdateRequest(e.ctx, r.Version, n, ev))
		if ev.Type == schakel.EventEscalated {
			break
		}
	}
	got, _, err := e.s.Brakes(e.ctx, schakel.BrakeFilter{Missed: &yes, Level: schakel.LevelCitizen})
	must(e.t, err)
	if !slices.Equal(ids(got), []int64{c1.RequestID}) {
		e.t.Fatalf("missed: %v, want %d", ids(got), c1.RequestID)
	}
}

func testReferralsUsed(e *env) {
	f := newReqFixture(e)
	year := f.eng.Calendar.Today(e.clock.Now()).Year()
	used := func(want int) {
		e.t.Helper()
		n, err := e.s.ReferralsUsed(e.ctx, f.uwv.ID, year)
		must(e.t, err)
		if n != want {
			e.t.Fatalf("ReferralsUsed = %d, want %d", n, want)
		}
	}
	used(0)
	a, err := f.returnAssignment(e, "een", 5)
	must(e.t, err)
	used(1)
	b, err := f.returnAssignment(e, "twee", 5)
	must(e.t, err)
	used(2)
	f.answer(e, a.Request, f.policy, schakel.Comply)
	used(1)
	f.answer(e, b.Request, f.policy, schakel.Explain)
	used(1)
	c, err := f.returnAssignment(e, "drie", 5)
	must(e.t, err)
	used(2)
	boardParty := schakel.Party{Kind: schakel.PartyOrganisation, UserID: f.board.ID, OrganisationID: f.uwv.ID}
	n, ev, err := f.eng.Withdraw(c.Request, boardParty, "Opgelost in overleg.", e.clock.Now())
	must(e.t, err)
	must(e.t, e.s.UpdateRequest(e.ctx, c.Request.Version, n, ev))
	used(1)
	// Withdrawing after an explain keeps the referral used: answered ...
	d, err := f.returnAssignment(e, "vier", 5)
	must(e.t, err)
	explained := f.answer(e, d.Request, f.policy, schakel.Explain)
	n, ev, err = f.eng.Withdraw(explained, boardParty, "Toch niet.", e.clock.Now())
	must(e.t, err)
	must(e.t, e.s.UpdateRequest(e.ctx, explained.Version, n, ev))
	used(2)
	// ... or contested and escalated, the answer cleared for the next rung.
	g, err := f.returnAssignment(e, "vijf", 5)
	must(e.t, err)
	explained = f.answer(e, g.Request, f.policy, schakel.Explain)
	n, ev, err = f.eng.Contest(explained, boardParty, "Niet overtuigend.", e.clock.Now())
	must(e.t, err)
	must(e.t, e.s.UpdateRequest(e.ctx, explained.Version, n, ev))
	m, ev2, err := f.eng.Withdraw(n, boardParty, "Toch niet.", e.clock.Now())
	must(e.t, err)
	must(e.t, e.s.UpdateRequest(e.ctx, n.Version, m, ev2))
	used(3)
	// Another organisation, another year: nothing.
	n2, err := e.s.ReferralsUsed(e.ctx, f.svb.ID, year)
	must(e.t, err)
	n3, err := e.s.ReferralsUsed(e.ctx, f.uwv.ID, year+1)
	must(e.t, err)
	if n2 != 0 || n3 != 0 {
		e.t.Fatalf("svb %d, next year %d: want 0", n2, n3)
	}
}
