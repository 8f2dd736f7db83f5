package demo

import (
	"context"
	"fmt"
	"slices"
	"time"

	"github.com/schakel-nl/schakel"
	"github.com/schakel-nl/schakel/assessments"
	"github.com/schakel-nl/schakel/auth"
	"github.com/schakel-nl/schakel/calendar"
)

// ProposalStore is what the demo's proposals read besides the service:
// the demo users and whether proposals exist.
type ProposalStore interface {
	schakel.UserStore
	schakel.ProposalStore
}

// demoProposal is one proposal of the demo and how far it got.
type demoProposal struct {
	in      assessments.RegisterInput
	daysAgo int
	// by is the ministry's policy officer, minister and secretary-general.
	policy, minister, sg string
	// assess are the assessments, by organisation code; an organisation
	// without a delivery leaves its assessment open.
	assess map[string]*assessments.DeliverInput
	boards map[string]string
	// answer answers every item; explain names the items the minister
	// does not accept, with why.
	answer  bool
	explain map[string]string
	sign    bool
}

// BuildProposals adds the demo's proposals through the assessment service,
// in the past: the WIA amendment on advances, assessed by UWV "under
// conditions", with a condition the minister explains away, signed and
// sent to parliament; a police proposal on digital reporting; a
// Participatiewet change assessed by a municipality; and one proposal
// stuck because the minister's answer is missing. It does nothing, and
// returns false, when proposals exist already.
func BuildProposals(ctx context.Context, st ProposalStore, svc *assessments.Service, now time.Time) (bool, error) {
	if _, n, err := st.Proposals(ctx, schakel.ProposalFilter{Limit: 1}); err != nil || n > 0 {
		return false, err
	}
	us, _, err := st.Users(ctx, schakel.UserFilter{Issuer: auth.DemoIssuer, Limit: 500})
	if err != nil {
		return false, err
	}
	user := map[string]*schakel.User{}
	for _, u := range us {
		user[u.Subject] = u
	}
	var clock time.Time
	past := svc.WithClock(schakel.ClockFunc(func() time.Time { return clock }))
	cal := calendar.New()
	for _, dp := range demoProposals(cal.Today(now)) {
		clock = now.Add(-time.Duration(dp.daysAgo) * 24 * time.Hour)
		if err := buildProposal(ctx, past, user, dp, func(d int) { clock = clock.Add(time.Duration(d) * 24 * time.Hour) }); err != nil {
			return false, fmt.Errorf("demo: proposal %q: %w", dp.in.Title, err)
		}
	}
	return true, nil
}

// buildProposal takes one demo proposal as far as it got; later moves the
// clock on by days.
func buildProposal(ctx context.Context, svc *assessments.Service, user map[string]*schakel.User, dp demoProposal, later func(days int)) error {
	p, err := svc.Register(ctx, user[dp.policy], dp.in)
	if err != nil {
		return err
	}
	later(1)
	var orgs []string
	for code := range dp.boards {
		orgs = append(orgs, code)
	}
	slices.Sort(orgs)
	if p, err = svc.RequestAssessments(ctx, user[dp.policy], p.ID, assessments.RequestInput{Organisations: orgs}); err != nil {
		return err
	}
	view, err := svc.Get(ctx, nil, p.ID)
	if err != nil {
		return err
	}
	later(3)
	for _, av := range view.Assessments {
		in := dp.assess[av.Organisation.Code]
		if in == nil {
			continue
		}
		a, err := svc.Deliver(ctx, user[dp.boards[av.Organisation.Code]], av.Assessment.ID, *in)
		if err != nil {
			return err
		}
		if !dp.answer {
			continue
		}
		later(5)
		if _, err := svc.Answer(ctx, user[dp.minister], a.ID, demoAnswers(a, dp.explain)); err != nil {
			return err
		}
	}
	if !dp.sign {
		return nil
	}
	later(2)
	if _, err := svc.Sign(ctx, user[dp.sg], p.ID, assessments.SignInput{Statement: "Ik teken voor de uitvoering: de toetsen zijn gewogen en elk punt is beantwoord."}); err != nil {
		return err
	}
	later(1)
	_, err = svc.Send(ctx, user[dp.policy], p.ID)
	return err
}

// demoAnswers answers every item of a: accepted, unless explain names it.
func demoAnswers(a *schakel.Assessment, explain map[string]string) assessments.AnswerInput {
	in := assessments.AnswerInput{Items: map[string]assessments.ItemInput{}}
	for _, it := range a.Items() {
		if why, ok := explain[it.Principle]; ok {
			in.Items[it.Principle] = assessments.ItemInput{Accepted: false, Text: why}
			continue
		}
		in.Items[it.Principle] = assessments.ItemInput{Accepted: true, Text: acceptance(it)}
	}
	return in
}

// acceptance is the minister's acceptance of one item, in words of its own.
func acceptance(it schakel.Ground) string {
	switch {
	case it.Principle == schakel.ItemVerdict:
		return "Het kabinet neemt het oordeel over en richt de invoering daarop in."
	case len(it.Principle) > 7 && it.Principle[:7] == "waarde-":
		return "Deze waarde weegt het kabinet mee; de memorie van toelichting gaat erop in (" + it.Principle[7:] + ")."
	}
	return "Aanvaard: hierin wordt voorzien in de invoeringsregeling, " + it.Principle + "."
}

func demoProposals(today calendar.Date) []demoProposal {
	wia := &assessments.DeliverInput{Verdict: schakel.VerdictConditional, CostOnce: 3_500_000_000, CostYearly: 600_000_000, FTEOnce: 450, FTEYearly: 120,
		BorneBy: "Rijk (begroting SZW)",
		Effects: []schakel.Effect{{Group: "Mensen met een WIA-voorschot na een te laat besluit", Citizens: 10000, Better: true, Text: "Zij hoeven het voorschot niet terug te betalen en raken niet in de schulden."},
			{Group: "Mensen die al terugbetaalden", Citizens: 3000, Better: false, Text: "Zonder herstelregeling blijven zij achter bij wie nog niet betaalde."}},
		Conflicts:  []assessments.Conflict{{Principle: "gelijkheid", Grounds: "Wie al terugbetaalde, wordt anders behandeld dan wie nog moest betalen."}},
		Conditions: []string{"Een invoeringstermijn van zes maanden om de systemen aan te passen.", "Een herstelregeling voor wie sinds 2019 al terugbetaalde."},
		Start:      today.AddDays(200), Dilemmas: []string{"Terugwerkende kracht is rechtvaardiger maar kost 35 miljoen euro meer."}}
	police := &assessments.DeliverInput{Verdict: schakel.VerdictConditional, CostOnce: 200_000_000, CostYearly: 450_000_000, FTEOnce: 10, FTEYearly: 60, BorneBy: "Politie (begroting JenV)",
		Effects:    []schakel.Effect{{Group: "Ouderen zonder computer", Citizens: 30000, Better: true, Text: "Zij kunnen weer aangifte doen aan de balie."}},
		Conflicts:  []assessments.Conflict{{Principle: "zorgvuldigheid", Grounds: "Een voorziening die een deel van de burgers niet kan gebruiken, is niet zorgvuldig."}},
		Conditions: []string{"Balie-uren op elk basisteam, ook in de avond."},
		Start:      today.AddDays(120), Alternatives: []string{"Aangifte aan huis door de wijkagent voor wie niet kan komen."}}
	municipality := &assessments.DeliverInput{Verdict: schakel.VerdictExecutable, CostOnce: 15_000_000, CostYearly: 80_000_000, FTEOnce: 5, FTEYearly: 15, BorneBy: "Gemeenten (gemeentefonds)",
		Effects:   []schakel.Effect{{Group: "Jongeren met een bouwdepot", Citizens: 300, Better: true, Text: "Hun bouwdepot telt niet meer mee voor de bijstand."}},
		Conflicts: []assessments.Conflict{{Principle: "evenredigheid", Grounds: "De korting op de bijstand maakt het doel van de schenking onmogelijk."}},
		Start:     today.AddDays(90)}
	return []demoProposal{
		{daysAgo: 60, policy: "szw-beleid", minister: "szw-minister", sg: "szw-sg", answer: true, sign: true,
			in: assessments.RegisterInput{Ministry: "min-szw", Kind: schakel.KindAmendment, Title: "Amendement: geen terugvordering van WIA-voorschotten na een te laat besluit",
				Summary: "Een voorschot op een WIA-uitkering wordt niet teruggevorderd als UWV te laat besliste over de aanvraag.", Rules: []string{"jci1.3:c:BWBR0019057&artikel=76"},
				Task: "Bestaanszekerheid voor mensen die arbeidsongeschikt worden", PlannedEntry: today.AddDays(240), TextURL: "https://www.tweedekamer.nl/kamerstukken/amendementen"},
			boards: map[string]string{"uwv": "uwv-bestuur"}, assess: map[string]*assessments.DeliverInput{"uwv": wia},
			explain: map[string]string{"voorwaarde-2": "Een herstelregeling met terugwerkende kracht tot 2019 past niet in de begroting; wie al betaalde, kan een beroep doen op de hardheidsclausule."}},
		{daysAgo: 45, policy: "jenv-beleid", minister: "jenv-minister", sg: "jenv-sg", answer: true, sign: true,
			in: assessments.RegisterInput{Ministry: "min-jenv", Kind: schakel.KindRegulation, Title: "Regeling aangifte: ook aan de balie en aan huis",
				Summary: "Aangifte kan weer aan de balie van elk basisteam en, voor wie niet kan komen, aan huis.", Rules: []string{"jci1.3:c:BWBR0001903&artikel=163"},
				Task: "Toegang tot de politie voor iedereen, ook wie niet digitaal is", PlannedEntry: today.AddDays(150), Text: "Artikel 1. Een aangifte kan worden gedaan aan de balie van een basisteam of, op verzoek, aan huis."},
			boards: map[string]string{"politie": "politie-bestuur"}, assess: map[string]*assessments.DeliverInput{"politie": police}},
		{daysAgo: 30, policy: "szw-beleid", minister: "szw-minister", sg: "szw-sg", answer: true, sign: false,
			in: assessments.RegisterInput{Ministry: "min-szw", Kind: schakel.KindBill, Title: "Wijziging Participatiewet: bouwdepot telt niet als middel",
				Summary: "Een bouwdepot met een vast doel telt niet mee als middel voor de bijstand.", Rules: []string{"jci1.3:c:BWBR0015703&artikel=31"},
				Task: "Jongeren helpen aan een eigen woning zonder hun bestaanszekerheid te raken", PlannedEntry: today.AddDays(365), TextURL: "https://www.internetconsultatie.nl/participatiewet"},
			boards: map[string]string{"gemeente-eindhoven": "eindhoven-bestuur"}, assess: map[string]*assessments.DeliverInput{"gemeente-eindhoven": municipality}},
		{daysAgo: 20, policy: "szw-beleid", minister: "szw-minister", sg: "szw-sg", answer: false, sign: false,
			in: assessments.RegisterInput{Ministry: "min-szw", Kind: schakel.KindDecree, Title: "Besluit herbeoordeling WIA met een gesprek",
				Summary: "Een herbeoordeling in de WIA begint met een gesprek met de verzekeringsarts.", Rules: []string{"jci1.3:c:BWBR0019057&artikel=41"},
				Task: "Zorgvuldige besluiten over arbeidsongeschiktheid", PlannedEntry: today.AddDays(300), TextURL: "https://www.internetconsultatie.nl/herbeoordeling"},
			boards: map[string]string{"uwv": "uwv-bestuur"}, assess: map[string]*assessments.DeliverInput{"uwv": {Verdict: schakel.VerdictConditional, CostOnce: 500_000_000, CostYearly: 2_400_000_000,
				FTEOnce: 20, FTEYearly: 300, BorneBy: "Rijk (begroting SZW)", Conditions: []string{"Tweehonderd extra verzekeringsartsen, die er nu niet zijn."},
				Effects: []schakel.Effect{{Group: "Mensen in de WIA bij herbeoordeling", Citizens: 40000, Better: true, Text: "Een besluit dat past bij wat er echt speelt."}},
				Start:   today.AddDays(400), Dilemmas: []string{"Meer gesprekken betekent langere wachttijden zolang de artsen er niet zijn."}}}},
	}
}
