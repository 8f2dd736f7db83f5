package demo

import (
	"context"
	"fmt"
	"time"

	"github.com/schakel-nl/schakel"
	"github.com/schakel-nl/schakel/auth"
	"github.com/schakel-nl/schakel/cases"
)

// demoCase is a case of the maatwerkplaats as the demo tells it.
type demoCase struct {
	by       string // demo user subject of the submitter
	daysAgo  int
	in       cases.SubmitInput
	invite   map[schakel.Perspective]string // perspective → demo user
	views    map[schakel.Perspective]string // perspective → view text
	decide   *cases.DecideInput
	publish  bool
	decideBy string
	// reviewBy publishes: a second reviewer who did not decide (four eyes).
	reviewBy string
}

// wiaCase is one of the WIA-advance cases of the report (§4.2): a client
// who got an advance while UWV decided too late, and must now pay back.
// The people are invented; so are their numbers, which the redaction must
// catch before anything is published.
func wiaCase(name, bsn, amount, extra string, daysAgo int, outcome schakel.Outcome) demoCase {
	d := &cases.DecideInput{Outcome: outcome, LegalGround: "awb-4:84",
		LegalGroundText: "Bijzondere omstandigheden (artikel 4:84 Awb): het voorschot is toegekend omdat UWV te laat besliste; de klant kon niet weten dat het te hoog was.",
		Weighings: []schakel.Weighing{
			{Principle: "evenredigheid", How: "Terugvorderen brengt de klant in de schulden; het belang van de terugvordering weegt daar niet tegen op."},
			{Principle: "zorgvuldigheid", How: "UWV besliste vijf maanden te laat en legde niet uit dat het om een voorschot ging."}},
		Explanation: "U hoeft het te veel ontvangen voorschot niet terug te betalen. Wij hebben te laat beslist en u niet goed uitgelegd dat het om een voorschot ging."}
	if outcome == schakel.OutcomeNo {
		d.LegalGround, d.LegalGroundText = "beginsel", "De klant wist dat het een voorschot was en ontving de brief over de verrekening op tijd."
		d.Weighings = []schakel.Weighing{{Principle: "evenredigheid", How: "Een betalingsregeling van 50 euro per maand is draagbaar; terugvorderen is hier evenredig."}}
		d.Explanation = "U moet het voorschot terugbetalen. U kunt dat doen met een betalingsregeling van 50 euro per maand; wij helpen u daarbij."
	}
	return demoCase{by: "uwv-professional", daysAgo: daysAgo, decideBy: "uwv-coordinator", reviewBy: "uwv-bestuur", publish: true,
		in: cases.SubmitInput{Organisation: "uwv", Title: "Terugvordering WIA-voorschot na te laat besluit",
			Situation: fmt.Sprintf("%s (BSN %s) kreeg een WIA-voorschot van 1770 euro per maand. UWV besliste vijf maanden te laat; de uitkering bleek 705 euro. Nu moet %s %s terugbetalen. %s", name, bsn, name, amount, extra),
			Parties:   []string{name}, RuleRefs: []string{"jci1.3:c:BWBR0019057&artikel=76"},
			Intent:     "Het voorschot overbrugt de tijd tot het besluit, zodat niemand zonder inkomen zit.",
			Harm:       "De klant kon niet weten dat het voorschot te hoog was; de fout lag bij ons, maar de klant raakt in de schulden.",
			Principles: []string{"evenredigheid", "zorgvuldigheid"}},
		decide: d}
}

// demoCases are the report's cases: Simon's WIA advance decided with
// maatwerk on proportionality and due care (§4.2), a series of similar
// advances that piles up into a proposal to solve it for everyone (one of
// them decided otherwise, so the consistency warning shows), a new one
// waiting at the table, the seniors who cannot report a crime online, and
// the Bouwdepot that the Participatiewet does not allow.
func demoCases() []demoCase {
	simon := wiaCase("Simon de Groot", "111222333", "4.400 euro",
		"Simon is bang zijn huis in Veldhoven te verliezen en opent zijn post niet meer. Zijn dochter Lotte helpt hem; bereikbaar via zijn bewindvoerder op 06-12345678.", 80, schakel.OutcomeMaatwerk)
	simon.invite = map[schakel.Perspective]string{schakel.PerspectiveLegal: "uwv-coordinator", schakel.PerspectiveFinancial: "uwv-coordinator"}
	simon.views = map[schakel.Perspective]string{
		schakel.PerspectiveLegal:        "Artikel 4:84 Awb laat afwijken toe als de gevolgen onevenredig zijn door bijzondere omstandigheden; die zijn er: UWV besliste te laat.",
		schakel.PerspectiveFinancial:    "Eenmalig 4.400 euro niet terugvorderen; de incassokosten bij schulden zouden hoger uitvallen.",
		schakel.PerspectiveProfessional: "Annie, coördinator van de Maatwerkplaats: dit gebeurt vaker, het leed erachter is groot.",
	}
	simon.decide.CostCents = 440000
	simon.decide.SignalText = "WIA-voorschotten bij te late besluiten niet meer terugvorderen: het gebeurt vaker, de fout ligt bij UWV."
	simon.decide.SignalRuleRefs = []string{"jci1.3:c:BWBR0019057&artikel=76"}
	list := []demoCase{simon,
		wiaCase("Petra Bakker", "123456782", "3.150 euro", "Zij woont op Kerkstraat 12, 5611 AB Eindhoven en werkt bij de Jumbo in Geldrop.", 60, schakel.OutcomeMaatwerk),
		wiaCase("Jan Visser", "100000009", "2.800 euro", "Hij heeft al een schuldhulptraject en werkte tot zijn ziekte bij Bakkerij Van Gils in Nuenen.", 45, schakel.OutcomeMaatwerk),
		wiaCase("Mo Yilmaz", "100000010", "5.020 euro", "Hij zorgt alleen voor drie kinderen in Woensel; zijn buurvrouw mevrouw Claes past op als hij naar het ziekenhuis moet.", 30, schakel.OutcomeMaatwerk),
		wiaCase("Els Mulder", "100000022", "1.900 euro", "Zij wist van de verrekening: de brief is op tijd gestuurd en zij belde erover met haar zoon Tim erbij.", 20, schakel.OutcomeNo),
	}
	waiting := wiaCase("Annie Jansen", "100000034", "4.120 euro", "Geboren op 3 maart 1961; zij belde in paniek.", 2, "")
	waiting.decide, waiting.publish = nil, false
	waiting.invite = map[schakel.Perspective]string{schakel.PerspectiveLegal: "uwv-coordinator"}
	list = append(list, waiting)
	list = append(list, demoCase{by: "politie-professional", daysAgo: 10, decideBy: "politie-coordinator",
		in: cases.SubmitInput{Organisation: "politie", Title: "Ouderen kunnen geen aangifte doen van oplichting",
			Situation: "Meneer Van Dam (84) is opgelicht door een nepbankmedewerker. Hij heeft geen computer; aangifte van deze vorm van fraude kan alleen digitaal.",
			Parties:   []string{"Van Dam"}, RuleRefs: []string{"jci1.3:c:BWBR0001903&artikel=163"},
			Intent:     "Digitale aangifte maakt aangifte doen makkelijker en sneller.",
			Harm:       "Wie niet digitaal is, kan geen aangifte doen en wordt niet geholpen.",
			Principles: []string{"gelijkheid", "participatie"}},
		invite: map[schakel.Perspective]string{schakel.PerspectiveCitizen: "politie-coordinator", schakel.PerspectiveIT: "politie-coordinator"},
		views:  map[schakel.Perspective]string{schakel.PerspectiveCitizen: "Voor deze groep is een balie of huisbezoek nodig; anders blijft de oplichting buiten beeld."}})
	list = append(list, demoCase{by: "eindhoven-professional", daysAgo: 40, decideBy: "eindhoven-coordinator", reviewBy: "eindhoven-bestuur", publish: true,
		in: cases.SubmitInput{Organisation: "gemeente-eindhoven", Title: "Bouwdepot voor dakloze jongere telt als inkomen",
			Situation:  "Een jongere van 21 zonder woning krijgt een jaar lang een maandelijks bedrag uit het Bouwdepot om aan een woning en werk te werken. Volgens de Participatiewet telt dat als inkomen en wordt de bijstand gekort.",
			RuleRefs:   []string{"jci1.3:c:BWBR0015703&artikel=31"},
			Intent:     "Middelen die in de bijstand meetellen, voorkomen dat iemand twee keer wordt ondersteund.",
			Harm:       "Het Bouwdepot helpt jongeren uit de dakloosheid; door de korting werkt het niet.",
			Principles: []string{"evenredigheid", "effectief-en-efficient"}},
		decide: &cases.DecideInput{Outcome: schakel.OutcomeSolveOnly,
			Explanation:    "Binnen de Participatiewet kunnen wij het Bouwdepot niet vrijlaten; wij vragen het ministerie de wet aan te passen.",
			SignalText:     "Bouwdepot vrijlaten van de middelentoets in de Participatiewet, zodat jongeren zonder woning het kunnen gebruiken.",
			SignalRuleRefs: []string{"jci1.3:c:BWBR0015703&artikel=31"}}})
	return list
}

// CaseStore is what the demo's cases read besides the case service: the
// demo users and whether cases exist.
type CaseStore interface {
	schakel.UserStore
	schakel.CaseStore
}

// BuildCases adds the demo cases of the maatwerkplaats, submitted,
// deliberated, decided and published in the past through the case service,
// so they are validated and redacted as real ones are. It does nothing, and
// returns false, when cases exist already.
func BuildCases(ctx context.Context, st CaseStore, svc *cases.Service, now time.Time) (bool, error) {
	if _, n, err := st.Cases(ctx, schakel.CaseFilter{Limit: 1}); err != nil || n > 0 {
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
	for _, dc := range demoCases() {
		by := user[dc.by]
		if by == nil {
			return false, fmt.Errorf("demo: no demo user %s", dc.by)
		}
		clock = now.Add(-time.Duration(dc.daysAgo) * 24 * time.Hour)
		c, err := past.Submit(ctx, by, dc.in)
		if err != nil {
			return false, fmt.Errorf("demo: case %q: %w", dc.in.Title, err)
		}
		step := func() { clock = clock.Add(3 * time.Hour) }
		for _, p := range schakel.StandardPerspectives {
			who, ok := dc.invite[p]
			if !ok {
				continue
			}
			step()
			if _, err := past.Invite(ctx, user[dc.decideBy], c.ID, p, user[who].ID); err != nil {
				return false, fmt.Errorf("demo: case %q: invite: %w", dc.in.Title, err)
			}
		}
		for _, p := range schakel.StandardPerspectives {
			txt, ok := dc.views[p]
			if !ok {
				continue
			}
			step()
			if _, err := past.AddView(ctx, user[dc.decideBy], c.ID, p, txt); err != nil {
				return false, fmt.Errorf("demo: case %q: view: %w", dc.in.Title, err)
			}
		}
		if dc.decide == nil {
			continue
		}
		clock = clock.Add(24 * time.Hour)
		if _, err := past.Decide(ctx, user[dc.decideBy], c.ID, *dc.decide); err != nil {
			return false, fmt.Errorf("demo: case %q: decide: %w", dc.in.Title, err)
		}
		if dc.publish {
			clock = clock.Add(24 * time.Hour)
			var confirmed []string
			for _, cat := range cases.ReviewCategories() {
				confirmed = append(confirmed, string(cat))
			}
			if _, err := past.Publish(ctx, user[dc.reviewBy], c.ID, cases.PublishInput{Confirmed: confirmed}); err != nil {
				return false, fmt.Errorf("demo: case %q: publish: %w", dc.in.Title, err)
			}
		}
	}
	return true, nil
}
