package demo

import (
	"context"
	"fmt"
	"time"

	"github.com/schakel-nl/schakel"
	"github.com/schakel-nl/schakel/auth"
	"github.com/schakel-nl/schakel/brakes"
	"github.com/schakel-nl/schakel/calendar"
	"github.com/schakel-nl/schakel/comply"
	"github.com/schakel-nl/schakel/receipt"
	"github.com/schakel-nl/schakel/requests"
)

// Names of the demo brakes followed by receipt code, the keys of what
// BuildBrakes returns.
const (
	// CitizenBrake is the citizen's brake against a UWV decision.
	CitizenBrake = "burger-uwv"
	// AnonymousBrake is the anonymous professional's brake at Gemeente
	// Eindhoven that missed its deadline.
	AnonymousBrake = "anoniem-eindhoven"
)

// brakeStep is one thing that happens to a demo brake, days before now,
// done by a demo user through the request service.
type brakeStep struct {
	daysAgo int
	by      string // demo user subject
	do      func(ctx context.Context, rs *requests.Service, u *schakel.User, id int64, at time.Time) (*schakel.Request, error)
}

type demoBrake struct {
	name    string // key of its receipt code, when it has one
	by      string // demo user subject; "" for a citizen
	daysAgo int
	in      brakes.PullInput
	steps   []brakeStep
	// sweepDaysAgo is the day the sweep ran over the brake, after its
	// steps; 0 means never.
	sweepDaysAgo int
}

// BrakeStore is what the demo's brakes read and write besides the brake
// service: the demo users, whether brakes exist, and the sweep's steps,
// which the demo runs itself at the moment they happen.
type BrakeStore interface {
	schakel.UserStore
	schakel.BrakeStore
	schakel.RequestStore
}

// BuildBrakes adds the emergency brakes of the report's cases, pulled and
// moved in the past as people would have: a professional's brake answered
// with a comply, a protected one contested to the board, an assignment
// returned to the ministry and contested to the minister, a citizen's brake
// answered with an explain, and an anonymous one escalated by the sweep
// after a missed deadline. Everything goes through the brake and request
// services, so it is validated as a real brake would be.
//
// st supplies the demo users and the sweep's writes. It
// returns the receipt codes of the anonymous brakes by name (CitizenBrake,
// AnonymousBrake). It does nothing, and returns false, when brakes exist
// already. When svc's referral budget is 0 the returned assignment is left
// out: the configuration refuses every return, also in the demo.
func BuildBrakes(ctx context.Context, st BrakeStore, svc *brakes.Service, now time.Time) (map[string]receipt.Code, bool, error) {
	if _, n, err := st.Brakes(ctx, schakel.BrakeFilter{Limit: 1}); err != nil || n > 0 {
		return nil, false, err
	}
	us, _, err := st.Users(ctx, schakel.UserFilter{Issuer: auth.DemoIssuer, Limit: 500})
	if err != nil {
		return nil, false, err
	}
	user := map[string]*schakel.User{}
	for _, u := range us {
		user[u.Subject] = u
	}

	// The services stamp everything with their clock: these copies run on
	// a clock the demo sets to the moment of each step. They share the
	// store, engine and hasher; they have no rate limits, as nobody but the
	// demo uses them.
	var clock time.Time
	past := schakel.ClockFunc(func() time.Time { return clock })
	bs := svc.WithClock(past)
	bs.Lookups, bs.Submissions = nil, nil
	rs := bs.Requests
	cal := svc.Requests.Engine.Calendar
	at := func(days int) time.Time { return now.Add(-time.Duration(days) * 24 * time.Hour) }

	codes := map[string]receipt.Code{}
	for _, d := range demoBrakes(cal.Today(at(39))) {
		if d.in.Level == schakel.LevelOrganisation && svc.Budget < 1 {
			continue
		}
		var puller *schakel.User
		if d.by != "" {
			if puller = user[d.by]; puller == nil {
				return nil, false, fmt.Errorf("demo: brake %q: no demo user %q", d.in.Subject, d.by)
			}
		}
		clock = at(d.daysAgo)
		p, err := bs.Pull(ctx, puller, "", d.in)
		if err != nil {
			return nil, false, fmt.Errorf("demo: brake %q: %w", d.in.Subject, err)
		}
		if !p.Receipt.IsZero() && d.name != "" {
			codes[d.name] = p.Receipt
		}
		r := p.Brake.Request
		for _, st := range d.steps {
			u := user[st.by]
			if u == nil {
				return nil, false, fmt.Errorf("demo: brake %q: no demo user %q", d.in.Subject, st.by)
			}
			clock = at(st.daysAgo)
			if r, err = st.do(ctx, rs, u, r.ID, clock); err != nil {
				return nil, false, fmt.Errorf("demo: step of brake %q: %w", d.in.Subject, err)
			}
		}
		if d.sweepDaysAgo > 0 {
			// As the sweep job does: one thing at a time until nothing is due.
			for {
				n, ev, err := svc.Requests.Engine.Sweep(r, at(d.sweepDaysAgo))
				if err != nil {
					return nil, false, fmt.Errorf("demo: sweep of brake %q: %w", d.in.Subject, err)
				}
				if n == nil {
					break
				}
				if err := st.UpdateRequest(ctx, r.Version, n, ev); err != nil {
					return nil, false, fmt.Errorf("demo: sweep of brake %q: %w", d.in.Subject, err)
				}
				r = n
			}
		}
	}
	return codes, true, nil
}

func brakeAcknowledge(by string, days int) brakeStep {
	return brakeStep{daysAgo: days, by: by, do: func(ctx context.Context, rs *requests.Service, u *schakel.User, id int64, _ time.Time) (*schakel.Request, error) {
		return rs.Acknowledge(ctx, u, id, requests.StepInput{})
	}}
}

func brakeExplain(by string, days int, why map[string]string) brakeStep {
	return brakeStep{daysAgo: days, by: by, do: func(ctx context.Context, rs *requests.Service, u *schakel.User, id int64, _ time.Time) (*schakel.Request, error) {
		return rs.Answer(ctx, u, id, requests.AnswerInput{AnswerInput: comply.AnswerInput{Kind: schakel.Explain, Motivations: why}})
	}}
}

// brakeComply promises what changes, within weeks of the answer.
func brakeComply(by string, days int, what string, weeks int) brakeStep {
	return brakeStep{daysAgo: days, by: by, do: func(ctx context.Context, rs *requests.Service, u *schakel.User, id int64, at time.Time) (*schakel.Request, error) {
		until := rs.Engine.Calendar.Today(at).AddDays(7 * weeks)
		return rs.Answer(ctx, u, id, requests.AnswerInput{AnswerInput: comply.AnswerInput{Kind: schakel.Comply, Changes: what, ByWhen: until}})
	}}
}

func brakeContest(by string, days int, why string) brakeStep {
	return brakeStep{daysAgo: days, by: by, do: func(ctx context.Context, rs *requests.Service, u *schakel.User, id int64, _ time.Time) (*schakel.Request, error) {
		return rs.Contest(ctx, u, id, requests.StepInput{Reason: why})
	}}
}

// Wet WIA, Wetboek van Strafvordering, Participatiewet and Algemene wet
// bestuursrecht in the BWB.
const (
	bwbWIA          = "jci1.3:c:BWBR0019057"
	bwbSv           = "jci1.3:c:BWBR0001903"
	bwbParticipatie = "jci1.3:c:BWBR0015703"
	bwbAwb          = "jci1.3:c:BWBR0005537"
)

// demoBrakes are the report's cases as brakes. decided is the day of the
// UWV decision the citizen contests. Every name and amount is invented or
// taken from the report's anonymised cases; none is a real person's.
func demoBrakes(decided calendar.Date) []demoBrake {
	return []demoBrake{
		// Report §4.2.2, "Casus: een oplossing voor de WIA-voorschotten-
		// problematiek via de Maatwerkplaats van het UWV": a professional at
		// UWV sees advances repaid after UWV itself decided late, and pulls
		// the brake with her name. The coordinator complies.
		{
			by: "uwv-professional", daysAgo: 21,
			in: brakes.PullInput{
				Level: schakel.LevelProfessional, Organisation: "uwv", Identity: schakel.IdentityNamed,
				Subject:   "Stop het terugvorderen van WIA-voorschotten als UWV te laat besliste",
				Concerned: "De werkinstructie om een te hoog WIA-voorschot altijd volledig terug te vorderen zodra de WIA-beslissing er is, ook als die beslissing maanden te laat kwam.",
				RuleRefs:  []string{bwbWIA + "&artikel=77", bwbWIA + "&artikel=102&lid=3"},
				Body: "Een klant kreeg een voorschot van € 1.770 per maand omdat wij niet binnen acht weken over zijn WIA-aanvraag beslisten. " +
					"Vijf maanden te laat bleek hij recht te hebben op € 705 per maand, en nu vorderen we € 4.400 in één keer terug. " +
					"Hij raakt in de schulden, opent zijn post niet meer en zijn re-integratie staat stil. Het voorschot was juist bedoeld om schulden te voorkomen. " +
					"In mijn team zie ik meer van zulke klanten; losse kwijtscheldingen via de Maatwerkplaats houden dat niet bij en maken gelijke gevallen ongelijk.",
				Grounds: []schakel.Ground{
					{Principle: "evenredigheid", Text: "De vertraging ligt bij UWV, de gevolgen liggen helemaal bij de klant: schulden en stress die de re-integratie blokkeren. Dat staat niet in verhouding tot het doel van de terugvordering."},
					{Principle: "zorgvuldigheid", Text: "Bij het besluit tot terugvorderen kijken we niet naar de oorzaak van het te hoge voorschot en niet naar de financiële situatie van de klant."},
				},
			},
			steps: []brakeStep{
				brakeAcknowledge("uwv-coordinator", 20),
				brakeComply("uwv-coordinator", 12, "We vorderen geen WIA-voorschot meer terug als het te hoge voorschot komt doordat UWV te laat besliste. "+
					"Lopende terugvorderingen in zulke gevallen zetten we stop en wat al is terugbetaald, storten we terug; een team WIA-voorschotten belt iedere klant. "+
					"De raad van bestuur meldt dit aan het ministerie van SZW en vraagt om een structurele regeling.", 8),
			},
		},
		// Report §2.3, "Casus digitale aangiften": seniors cannot report a
		// crime online, and officers work around the rules to help them. An
		// officer pulls the brake, protected and urgent; the coordinator
		// explains, the officer contests, and the board must answer.
		{
			by: "politie-professional", daysAgo: 6,
			in: brakes.PullInput{
				Level: schakel.LevelProfessional, Organisation: "politie", Identity: schakel.IdentityProtected, Urgent: true,
				Subject:   "Laat senioren weer aangifte doen in een gesprek op het bureau",
				Concerned: "De instructie dat aangifte van onder meer oplichting en fietsdiefstal alleen nog digitaal kan en dat de balie naar politie.nl verwijst.",
				RuleRefs:  []string{bwbSv + "&artikel=163"},
				Body: "Elke week staan er aan de balie ouderen die zijn opgelicht en geen computer of DigiD hebben. We moeten hen naar de website verwijzen; velen haken af en doen geen aangifte. " +
					"Collega's werken er nu omheen en vullen het formulier namens hen in, zonder dat daar tijd voor is. Ik vraag om een vaste route op het bureau voor wie niet digitaal kan. " +
					"Het is urgent: in de wijk loopt een golf van telefoonoplichting bij ouderen, en zonder aangifte kan de recherche niets.",
				Grounds: []schakel.Ground{
					{Principle: "gelijkheid", Text: "Wie niet digitaal kan, heeft in feite geen toegang tot aangifte, terwijl iedereen dat recht heeft."},
					{Principle: "participatie", Text: "Senioren worden buitengesloten van een basisvoorziening van de rechtsstaat; de digitale route is zonder hen ontworpen."},
					{Principle: "responsiviteit", Text: "Collega's vangen het op door om de regels heen te werken, maar het signaal komt nergens in het beleid terecht."},
				},
			},
			steps: []brakeStep{
				brakeExplain("politie-coordinator", 4, map[string]string{
					"gelijkheid":     "Iedereen kan aangifte doen: wie niet digitaal kan, belt en maakt een afspraak voor aangifte op het bureau.",
					"participatie":   "Digitale aangifte is landelijk beleid van de politie; het basisteam kan daar niet zelf van afwijken.",
					"responsiviteit": "We hebben het signaal doorgegeven aan de districtsleiding.",
				}),
				brakeContest("politie-professional", 1, "Een afspraak duurt weken en de ouderen komen dan niet meer. Tijd vrijmaken aan de balie is een keuze van de leiding, geen landelijk beleid. Ik vraag het bestuur te beslissen."),
			},
		},
		// Report §3.2.2, "Casus aanpak het Bouwdepot", and §5.4.6 (the
		// organisation's brake, the referral of note 214): the municipality
		// returns the assignment to stop the Bouwdepot to its principal, the
		// ministry of SZW. Policy explains, the municipality contests, and
		// the minister must answer.
		{
			by: "eindhoven-bestuur", daysAgo: 30,
			in: brakes.PullInput{
				Level: schakel.LevelOrganisation, Organisation: "gemeente-eindhoven",
				Subject:   "Opdracht terug: het Bouwdepot voor kwetsbare jongeren stoppen",
				Concerned: "Het standpunt van het ministerie dat de gemeente met het Bouwdepot de Participatiewet doorkruist en moet stoppen met de maandelijkse steun aan jongeren van 18 tot 21 jaar, omdat gemeenten geen eigen inkomensbeleid mogen voeren.",
				RuleRefs:  []string{bwbParticipatie + "&artikel=20", bwbParticipatie + "&artikel=31"},
				Body: "Jongeren van 18 tot 21 jaar die dak- of thuisloos zijn, schulden hebben of psychische problemen vallen tussen wal en schip: te oud voor de jongerenregelingen, volgens de Participatiewet nog niet volwassen. " +
					"Met het Bouwdepot krijgen zij een jaar lang maandelijks steun om aan een woning, een opleiding of werk te werken. Onderzoek laat zien dat de investering na ongeveer drie jaar is terugverdiend. " +
					"Wij geven de opdracht om te stoppen terug en vragen het ministerie de Participatiewet op dit punt opnieuw te bezien, of de ruimte voor het Bouwdepot uitdrukkelijk te bevestigen.",
				Grounds: []schakel.Ground{
					{Principle: "evenredigheid", Text: "Stoppen treft een kleine, kwetsbare groep hard, terwijl het doel van de wet hier niet in het geding is: de steun is tijdelijk en gericht op zelfstandigheid."},
					{Principle: "responsiviteit", Text: "De aanpak komt uit de praktijk: professionals liepen aan tegen een probleem waar het beleid geen antwoord op had. Het Rijk gaat daar niet op in."},
					{Principle: "effectief-en-efficient", Text: "De aanpak verdient zich in ongeveer drie jaar terug; stoppen kost de samenleving meer dan doorgaan."},
				},
			},
			steps: []brakeStep{
				brakeExplain("szw-beleid", 9, map[string]string{
					"evenredigheid":          "De Participatiewet kent een landelijke norm voor jongeren. Een aanvullende maandelijkse uitkering in één gemeente maakt de gelijkheid tussen gemeenten ongedaan.",
					"responsiviteit":         "Het ministerie volgt de pilots en betrekt de ervaringen bij de lopende herziening van de Participatiewet.",
					"effectief-en-efficient": "De terugverdienberekening komt van de initiatiefnemers zelf; eerst volgt een onafhankelijke evaluatie.",
				}),
				brakeContest("eindhoven-bestuur", 2, "De uitleg gaat voorbij aan de juridische analyse dat het Bouwdepot buiten de Participatiewet valt en onder de gemeentelijke autonomie. "+
					"Wij vragen de minister de opdracht opnieuw te overwegen en zo nodig met de Kamer te bespreken."),
			},
		},
		// Report §3.4.3 (the citizen's brake) on the case of §4.2.2: a
		// citizen contests the repayment of a WIA advance. UWV explains. Its
		// receipt code is what a demo visitor can try on /noodrem/volgen.
		{
			name: CitizenBrake, daysAgo: 15,
			in: brakes.PullInput{
				Level: schakel.LevelCitizen, Organisation: "uwv",
				DecisionReference: fmt.Sprintf("UWV-%d-004711", decided.Year()),
				DecisionDate:      decided.String(),
				CitizenGrounds:    []string{"niet-gehoord", "onevenredig"},
				Body: "Ik kreeg een voorschot op mijn WIA-uitkering omdat UWV maanden te laat over mijn aanvraag besliste. Nu blijkt mijn uitkering lager en moet ik € 4.400 in één keer terugbetalen. " +
					"Niemand heeft vooraf met mij gesproken. Ik heb geen spaargeld en al andere schulden; ik slaap er slecht van.",
				WantedOutcome: "Dat UWV afziet van de terugvordering, omdat de vertraging niet aan mij lag. Als dat niet kan: eerst een gesprek, en een betalingsregeling die ik kan dragen.",
			},
			steps: []brakeStep{
				brakeExplain("uwv-coordinator", 5, map[string]string{
					"fair-play": "U had vóór het besluit een brief moeten krijgen waarin we de terugvordering aankondigden; dat is misgegaan. We hebben uw reactie nu alsnog gelezen en meegewogen.",
					"evenredigheid": "De wet verplicht UWV een te veel betaald voorschot terug te vorderen. We hebben naar uw situatie gekeken: u betaalt in termijnen die passen bij wat u kunt missen, en u houdt altijd de beslagvrije voet. " +
						"Helemaal afzien kan alleen bij dringende redenen, en die zien we nu niet. Bent u het hier niet mee eens, dan kunt u deze uitleg betwisten; dan beslist de raad van bestuur van UWV.",
				}),
			},
		},
		// Report §4.3.1 (organisations translate rules as strictly as
		// possible; the all-or-nothing fines of the Fraudewet) and §4.4.5
		// (the puller is protected): a professional at the municipality
		// pulls the brake anonymously. Nobody acknowledges it in time, and
		// the sweep escalates it to the board.
		{
			name: AnonymousBrake, by: "eindhoven-professional", daysAgo: 14, sweepDaysAgo: 2,
			in: brakes.PullInput{
				Level: schakel.LevelProfessional, Organisation: "gemeente-eindhoven", Identity: schakel.IdentityAnonymous,
				Subject:   "Volle boete bij een te late melding, ook als de klant weinig te verwijten valt",
				Concerned: "De werkinstructie om bij schending van de inlichtingenplicht altijd de volle boete op te leggen, zonder de mate van verwijtbaarheid te beoordelen.",
				RuleRefs:  []string{bwbParticipatie + "&artikel=18a", bwbAwb + "&artikel=5:46"},
				Body: "Klanten die een kleine bijverdienste een paar weken te laat melden, krijgen van ons standaard de hoogste boete. De wet laat ruimte om naar verwijtbaarheid te kijken, maar de instructie zegt: niet afwijken. " +
					"Andere gemeenten zijn van deze alles-of-nietsaanpak afgestapt. Ik durf dit niet op naam te melden.",
				Grounds: []schakel.Ground{
					{Principle: "evenredigheid", Text: "Een boete moet passen bij de ernst van de overtreding en de mate waarin de klant iets te verwijten valt; een vaste hoogste boete doet dat niet."},
					{Principle: "inherente-afwijkingsbevoegdheid", Text: "De instructie is een beleidsregel; waar de gevolgen onevenredig zijn, moeten we ervan afwijken, en dat mag nu niet."},
				},
			},
		},
	}
}
