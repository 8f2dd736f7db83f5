package demo

import (
	"fmt"
	"time"

	"github.com/schakel-nl/schakel"
	"github.com/schakel-nl/schakel/brakes"
	"github.com/schakel-nl/schakel/comply"
	"github.com/schakel-nl/schakel/requests"
)

// yearRequest is a kind of request people make in the demo's year. The
// words are invented; none is about a real person.
type yearRequest struct {
	typ      schakel.RequestType
	by       string // demo user subject
	onBehalf string // organisation code, or ""
	to       string // addressee organisation code
	subject  string
	body     string
	grounds  []schakel.Ground
	// complies is what a comply changes.
	complies string
}

func ground(principle, text string) []schakel.Ground {
	return []schakel.Ground{{Principle: principle, Text: text}}
}

// yearRequests are the general requests, objections and complaints of the
// year, drawn from at random month by month.
var yearRequests = []yearRequest{
	{schakel.TypeGeneral, "uwv-professional", "", "uwv", "Vaste contactpersoon voor klanten met een WIA-voorschot",
		"Klanten met een voorschot bellen steeds met iemand anders en moeten hun verhaal elke keer opnieuw doen.",
		ground("zorgvuldigheid", "Zonder vaste contactpersoon raakt informatie over de situatie van de klant kwijt."),
		"Elke klant met een voorschot krijgt een vaste contactpersoon in het team."},
	{schakel.TypeGeneral, "svb-professional", "", "svb", "Brief over de kinderbijslag bij verhuizing naar het buitenland",
		"Ouders begrijpen niet dat de kinderbijslag kan veranderen als zij over de grens gaan wonen.",
		ground("motivering", "De brief legt niet uit waarom het bedrag verandert."),
		"We herschrijven de brief in eenvoudige taal met een rekenvoorbeeld."},
	{schakel.TypeGeneral, "politie-professional", "", "politie", "Tolk bij aangifte aan de balie",
		"Aan de balie is geen tolk te krijgen, waardoor mensen die weinig Nederlands spreken geen aangifte kunnen doen.",
		ground("gelijkheid", "Wie de taal niet spreekt, kan in feite geen aangifte doen."),
		"Elk basisteam kan voortaan een tolk per telefoon inschakelen."},
	{schakel.TypeGeneral, "eindhoven-professional", "", "gemeente-eindhoven", "Wachttijd voor schuldhulp is te lang",
		"Mensen met schulden wachten tien weken op een eerste gesprek; in die tijd lopen de schulden op.",
		ground("effectief-en-efficient", "Lang wachten maakt de schulden groter en de hulp duurder."),
		"We houden twee extra inloopmiddagen per week voor een eerste gesprek."},
	{schakel.TypeGeneral, "eindhoven-bestuur", "gemeente-eindhoven", "min-bzk", "Ruimte voor tijdelijke woningen voor jongeren",
		"Jongeren die uit de jeugdzorg komen, vinden geen woning. De gemeente wil tijdelijke woningen bouwen, maar de regels maken dat traag.",
		ground("responsiviteit", "De regels sluiten niet aan bij wat deze jongeren nu nodig hebben."),
		"Het ministerie zet een team in dat gemeenten helpt tijdelijke woningen sneller te vergunnen."},
	{schakel.TypeGeneral, "eindhoven-bestuur", "gemeente-eindhoven", "min-bzk", "Gegevens delen tussen gemeente en woningcorporatie bij huurschuld",
		"We horen pas van een huurschuld als de huisuitzetting al is aangezegd. Eerder weten kan veel ellende voorkomen.",
		ground("zorgvuldigheid", "Vroeg signaleren vraagt dat gegevens op tijd bij de gemeente komen."),
		"Het ministerie maakt een model-convenant voor vroegsignalering van huurschulden."},
	{schakel.TypeGeneral, "politie-bestuur", "politie", "min-jenv", "Capaciteit voor de aanpak van telefoonoplichting",
		"Het aantal meldingen van telefoonoplichting bij ouderen stijgt, maar er is geen extra capaciteit om ze op te volgen.",
		ground("presterend-vermogen", "Zonder capaciteit blijven meldingen liggen en verliezen slachtoffers vertrouwen."),
		"Het ministerie stelt voor twee jaar extra capaciteit beschikbaar voor de aanpak van oplichting."},
	{schakel.TypeGeneral, "kamerlid", "", "min-jenv", "Hoe lang wachten slachtoffers op een reactie na aangifte?",
		"De Kamer wil weten hoe vaak slachtoffers na een aangifte niets meer horen.",
		ground("responsiviteit", "Slachtoffers moeten weten wat er met hun aangifte gebeurt."),
		"De minister stuurt de Kamer elk half jaar de cijfers over terugkoppeling na aangifte."},
	{schakel.TypeGeneral, "uwv-bestuur", "uwv", "min-szw", "Meer ruimte voor maatwerk bij terugvordering WW",
		"De wet laat bij een te late melding in de WW bijna geen ruimte om af te zien van een maatregel.",
		ground("evenredigheid", "Een kleine vergissing leidt tot een groot verlies aan inkomen."),
		"Het ministerie past de beleidsregel aan zodat UWV bij een kleine vergissing kan afzien van een maatregel."},
	{schakel.TypeGeneral, "kamerlid", "", "min-szw", "Hoeveel mensen wachten op een WIA-beslissing?",
		"De Kamer wil per maand weten hoeveel mensen langer dan acht weken op een WIA-beslissing wachten.",
		ground("responsiviteit", "De Kamer kan alleen bijsturen als zij de wachttijden kent."),
		"De minister stuurt de Kamer voortaan elk kwartaal de wachttijden."},
	{schakel.TypeObjection, "uwv-professional", "", "uwv", "Bezwaar tegen de hoogte van een WIA-uitkering",
		"De klant vindt dat bij de berekening van het dagloon een maand met ziekte is meegeteld.",
		ground("zorgvuldigheid", "Bij de berekening is niet gekeken naar de maand waarin de klant ziek was."),
		"We berekenen het dagloon opnieuw zonder de maand met ziekte."},
	{schakel.TypeObjection, "uwv-professional", "", "uwv", "Bezwaar tegen een maatregel in de WW",
		"De klant kreeg een korting op de WW omdat een sollicitatie niet op tijd was doorgegeven.",
		ground("evenredigheid", "De korting is zwaar voor een vergissing van een paar dagen."),
		"We trekken de maatregel in en geven een waarschuwing."},
	{schakel.TypeObjection, "eindhoven-professional", "", "gemeente-eindhoven", "Bezwaar tegen het stoppen van de bijstand",
		"De bijstand is stopgezet omdat de klant een afspraak miste; de brief over die afspraak kwam niet aan.",
		ground("fair-play", "De klant is niet gehoord voordat de bijstand stopte."),
		"We zetten de bijstand terug en plannen een nieuw gesprek."},
	{schakel.TypeObjection, "svb-professional", "", "svb", "Bezwaar tegen een korting op de AOW",
		"De klant krijgt minder AOW door een jaar in het buitenland, maar werkte dat jaar voor een Nederlandse werkgever.",
		ground("rechtszekerheid", "De klant kon niet weten dat dit jaar niet meetelde."),
		"We tellen het jaar mee nu blijkt dat de klant verzekerd was."},
	{schakel.TypeObjection, "eindhoven-professional", "", "gemeente-eindhoven", "Bezwaar tegen weigering van een Wmo-voorziening",
		"Een aanvraag voor huishoudelijke hulp is geweigerd zonder keukentafelgesprek.",
		ground("zorgvuldigheid", "Er is niet met de aanvrager gesproken over wat nodig is."),
		"We voeren alsnog het gesprek en nemen een nieuw besluit."},
	{schakel.TypeComplaint, "uwv-professional", "", "uwv", "Klacht over onbereikbaarheid van het klantcontactcentrum",
		"De klant heeft twee weken lang niemand kunnen spreken over een betaling die uitbleef.",
		ground("behoorlijkheid", "Een klant zonder inkomen moet iemand kunnen bereiken."),
		"We bellen klanten van wie een betaling uitblijft zelf terug binnen twee werkdagen."},
	{schakel.TypeComplaint, "politie-professional", "", "politie", "Klacht over het uitblijven van een reactie op een aangifte",
		"Na een aangifte van inbraak hoorde de melder maandenlang niets.",
		ground("behoorlijkheid", "Wie aangifte doet, mag horen wat ermee gebeurt."),
		"Elke melder krijgt binnen vier weken bericht over wat er met de aangifte gebeurt."},
	{schakel.TypeComplaint, "eindhoven-professional", "", "gemeente-eindhoven", "Klacht over de bejegening aan de balie",
		"Een inwoner voelde zich niet serieus genomen toen hij vroeg naar zijn aanvraag.",
		ground("behoorlijkheid", "Iedereen hoort vriendelijk en serieus te worden behandeld."),
		"We bespreken de klacht in het team en bieden een nieuw gesprek aan."},
	{schakel.TypeComplaint, "svb-professional", "", "svb", "Klacht over een brief in vaktaal",
		"Een ouder begreep niet waarom het persoonsgebonden budget werd verlaagd.",
		ground("motivering", "De brief legt de verlaging niet uit in gewone woorden."),
		"We sturen een nieuwe brief met uitleg en bellen de ouder."},
}

// yearMonthly is how many ordinary requests the year has per month.
const yearMonthly = 16

// explanation is a reason for not doing what was asked, on one principle.
func explanation(principle string) string {
	switch principle {
	case "evenredigheid":
		return "We hebben de gevolgen opnieuw gewogen. De regel laat geen ruimte om af te wijken, en de gevolgen zijn hier niet zo zwaar dat dat toch moet."
	case "zorgvuldigheid":
		return "We hebben de situatie opnieuw bekeken met de informatie die er nu is. Die verandert de uitkomst niet."
	case "gelijkheid":
		return "De gevallen lijken op elkaar, maar verschillen op een punt dat de wet belangrijk vindt. Daarom is de uitkomst anders."
	case "motivering":
		return "Het besluit is uitgelegd in een gesprek; de brief blijft zoals hij is omdat de wet de tekst voorschrijft."
	case "fair-play":
		return "Er is vooraf een brief gestuurd en er is gebeld; dat de brief niet aankwam, hebben we niet kunnen weten."
	case "rechtszekerheid":
		return "De regel is al jaren bekend en staat in de brochure en op de website; we kunnen er niet van afwijken."
	}
	return "We begrijpen het verzoek, maar het past niet in de ruimte die de wet en het budget nu geven. We komen erop terug bij de evaluatie."
}

// motivations explains away every principle r cites.
func motivations(r *schakel.Request) map[string]string {
	m := map[string]string{}
	for _, g := range r.Grounds {
		m[g.Principle] = explanation(g.Principle)
	}
	return m
}

// partialMotivations says, for every principle r cites, what a partial
// answer leaves undone and why.
func partialMotivations(r *schakel.Request) map[string]string {
	m := map[string]string{}
	for _, g := range r.Grounds {
		m[g.Principle] = "De rest doen we niet. " + explanation(g.Principle)
	}
	return m
}

// after is the moment days and some hours after t.
func (w *yearWorld) after(t time.Time, days int) time.Time {
	return t.AddDate(0, 0, days).Add(time.Duration(1+w.rand.IntN(6)) * time.Hour)
}

// requestAt returns the demo user who answers at rung a, or nil for none
// (parliament is not answered in the demo).
func (w *yearWorld) requestAt(a schakel.Addressee) *schakel.User {
	code := w.code[a.OrganisationID]
	if o := w.org[code]; o == nil || o.Type == schakel.OrgParliament {
		return nil
	}
	return w.user[w.answerer[code+"/"+string(a.Role)]]
}

// answer answers request id at its current rung, as the demo user there:
// a comply with changes, an explain on every cited principle, or a
// partial answer (deels) with both. Nothing
// happens when it no longer awaits an answer or nobody is there.
func (w *yearWorld) answer(id int64, kind schakel.AnswerKind, changes string) error {
	r, err := w.st.Request(w.ctx, id)
	if err != nil || !r.State.AwaitsAnswer() {
		return err
	}
	u := w.requestAt(r.Ladder[r.Rung])
	if u == nil {
		return nil
	}
	in := comply.AnswerInput{Kind: kind}
	switch kind {
	case schakel.Comply:
		in.Changes, in.ByWhen = changes, dateOf(w.clock).AddDays(7*(2+w.rand.IntN(10)))
	case schakel.Partial:
		// A fixed date, so the partial answers draw nothing from the
		// world's random numbers and the rest of the year stays as it was.
		in.Changes, in.ByWhen = "Voor een deel: "+changes, dateOf(w.clock).AddDays(7*8)
		in.Motivations = partialMotivations(r)
	default:
		in.Motivations = motivations(r)
	}
	_, err = w.rs.Answer(w.ctx, u, id, requests.AnswerInput{AnswerInput: in})
	return err
}

// acknowledge acknowledges request id at its current rung when it is open.
func (w *yearWorld) acknowledge(id int64) error {
	r, err := w.st.Request(w.ctx, id)
	if err != nil || r.State != schakel.StateOpen {
		return err
	}
	if u := w.requestAt(r.Ladder[r.Rung]); u != nil {
		_, err = w.rs.Acknowledge(w.ctx, u, id, requests.StepInput{})
	}
	return err
}

// contest contests an explain of request id as by, when it was explained.
func (w *yearWorld) contest(id int64, by string) error {
	r, err := w.st.Request(w.ctx, id)
	if err != nil || r.State != schakel.StateAnswered || !r.Answer.Refuses() || r.AtTop() {
		return err
	}
	_, err = w.rs.Contest(w.ctx, w.user[by], id, requests.StepInput{Reason: "De uitleg gaat niet in op wat er in dit geval anders is. Ik vraag de volgende trede om opnieuw te kijken."})
	return err
}

// followUp plans what happens to a request made at made whose id *id
// holds by then: acknowledged within days (always within the week when
// ack), answered after a delay — mostly in time, sometimes after the sweep
// escalated it, sometimes never — with comply or explain, and an explain
// now and then contested by contester ("" for nobody) and answered again.
func (w *yearWorld) followUp(made time.Time, id *int64, changes, contester string, ack bool) {
	if ack || w.rand.IntN(3) > 0 {
		w.add(w.after(made, 1+w.rand.IntN(4)), "acknowledge", func() error { return w.acknowledge(*id) })
	}
	var delay int
	switch p := w.rand.IntN(100); {
	case p < 80:
		delay = 3 + w.rand.IntN(33)
	case p < 92:
		delay = 46 + w.rand.IntN(25) // after the sweep escalated it
	default:
		return // never answered: overdue, escalated, missed
	}
	kind := schakel.Explain
	switch p := w.rand.IntN(100); {
	case p < 58:
		kind = schakel.Comply
	case p < 68:
		kind = schakel.Partial // comply in part: about one answer in ten
	}
	answered := w.after(made, delay)
	w.add(answered, "answer", func() error { return w.answer(*id, kind, changes) })
	if kind.Refuses() && contester != "" && w.rand.IntN(4) == 0 {
		contested := w.after(answered, 3+w.rand.IntN(8))
		w.add(contested, "contest", func() error { return w.contest(*id, contester) })
		again := schakel.Explain
		if w.rand.IntN(2) == 0 {
			again = schakel.Comply
		}
		w.add(w.after(contested, 8+w.rand.IntN(25)), "answer again", func() error { return w.answer(*id, again, changes) })
	}
}

// request plans a request of kind t made on day d, and what follows.
func (w *yearWorld) request(d int, t yearRequest) {
	var id int64
	made := w.day(d)
	w.add(made, "request "+t.subject, func() error {
		r, err := w.rs.Create(w.ctx, w.user[t.by], requests.CreateInput{Type: t.typ, Subject: t.subject, Body: t.body, Grounds: t.grounds,
			AddresseeCode: t.to, OnBehalfOf: t.onBehalf})
		if err == nil {
			id = r.ID
		}
		return err
	})
	w.followUp(made, &id, t.complies, t.by, false)
}

// citizenBrakes are the citizens' brakes per organisation in the year:
// enough at UWV, SVB and Gemeente Eindhoven to be published, and too few
// at the police, whose figure is held back.
var citizenBrakes = map[string]int{"uwv": 14, "gemeente-eindhoven": 8, "svb": 6, "politie": 3}

// citizenCase is what a citizen contests, in the citizen's own words. The
// cases are invented; nothing in them points at a person.
type citizenCase struct {
	ref      string // prefix of the decision reference
	grounds  []string
	body     string
	outcome  string
	complies string
}

var citizenCases = map[string][]citizenCase{
	"uwv": {
		{"UWV", []string{"onevenredig", "niet-gehoord"}, "Ik moet een voorschot in één keer terugbetalen omdat de beslissing over mijn uitkering te laat kwam. Niemand heeft eerst met mij gesproken.",
			"Dat ik in termijnen mag terugbetalen die ik kan dragen.", "U betaalt in termijnen die passen bij uw inkomen; we nemen contact met u op."},
		{"UWV", []string{"niet-zorgvuldig"}, "Mijn WW is gekort, maar ik heb de wijziging wel op tijd doorgegeven via de website.",
			"Dat de korting wordt teruggedraaid.", "We draaien de korting terug; uw melding was op tijd."},
		{"UWV", []string{"niet-uitgelegd", "onevenredig"}, "Mijn WIA-uitkering is lager geworden en in de brief staat niet waarom.",
			"Een uitleg en een nieuwe berekening.", "U krijgt een nieuwe berekening met uitleg per onderdeel."},
	},
	"gemeente-eindhoven": {
		{"GEM", []string{"onevenredig"}, "Mijn bijstand is verlaagd omdat mijn zoon tijdelijk bij mij woont na zijn opname.",
			"Dat de verlaging stopt zolang hij herstelt.", "We zien zes maanden af van de kostendelersnorm."},
		{"GEM", []string{"niet-gehoord", "niet-zorgvuldig"}, "De huishoudelijke hulp is gestopt zonder dat iemand bij mij thuis is geweest.",
			"Een gesprek bij mij thuis.", "Een consulent komt langs en de hulp loopt door tot het nieuwe besluit."},
	},
	"svb": {
		{"SVB", []string{"onduidelijke-regels"}, "Mijn kinderbijslag is gestopt nadat wij net over de grens zijn gaan wonen; dat wist ik niet.",
			"Dat de kinderbijslag doorloopt zolang de kinderen hier naar school gaan.", "We kijken opnieuw en betalen door tot het nieuwe besluit."},
		{"SVB", []string{"niet-uitgelegd"}, "Mijn AOW is lager dan ik verwachtte en de brief zegt niet welk jaar ontbreekt.",
			"Uitleg over het ontbrekende jaar.", "U krijgt een overzicht van uw verzekerde jaren met uitleg."},
	},
	"politie": {
		{"POL", []string{"onbehoorlijk", "niet-uitgelegd"}, "Mijn aangifte is geseponeerd zonder dat ik hoorde waarom.",
			"Een uitleg van de beslissing.", "U krijgt een gesprek met de wijkagent over de beslissing."},
	},
}

// citizenBrake plans a citizen's brake against a decision of org on day d.
func (w *yearWorld) citizenBrake(d int, org string, c citizenCase) {
	var id int64
	made := w.day(d)
	w.refs++
	ref := fmt.Sprintf("%s-%d-%06d", c.ref, made.Year(), 100000+w.refs*7919%900000)
	w.add(made, "citizen's brake", func() error {
		decided := dateOf(made).AddDays(-7 - w.rand.IntN(30))
		p, err := w.bs.Pull(w.ctx, nil, "", brakes.PullInput{Level: schakel.LevelCitizen, Organisation: org, DecisionReference: ref,
			DecisionDate: decided.String(), CitizenGrounds: c.grounds, Body: c.body, WantedOutcome: c.outcome})
		if err == nil {
			id = p.Brake.Request.ID
		}
		return err
	})
	w.followUp(made, &id, c.complies, "", false)
}

// professionalCases are the professionals' brakes of the year.
var professionalCases = []struct {
	org, by, subject, concerned, body, complies string
	rules                                       []string
	grounds                                     []schakel.Ground
}{
	{"uwv", "uwv-professional", "Geen maatregel in de WW bij een eerste vergissing", "De werkinstructie om bij elke te late melding een maatregel op te leggen.",
		"Klanten die voor het eerst een wijziging een paar dagen te laat melden, krijgen dezelfde maatregel als wie het bewust verzwijgt.",
		"We geven bij een eerste vergissing een waarschuwing in plaats van een maatregel.", []string{"jci1.3:c:BWBR0004045&artikel=27"},
		ground("evenredigheid", "Een eerste vergissing is geen opzet; de maatregel is te zwaar.")},
	{"politie", "politie-professional", "Laat slachtoffers van oplichting niet langer dan een week wachten", "De werkwijze dat aangiften van oplichting pas na drie weken worden opgepakt.",
		"Slachtoffers van oplichting wachten weken voordat iemand naar hun aangifte kijkt; in die tijd is het geld weg.",
		"Aangiften van oplichting krijgen voorrang en worden binnen een week bekeken.", []string{"jci1.3:c:BWBR0001903&artikel=163"},
		ground("zorgvuldigheid", "Snel handelen is nodig om schade te beperken.")},
	{"gemeente-eindhoven", "eindhoven-professional", "Stop de standaard terugvordering bij een kleine bijverdienste", "De werkinstructie om elke niet gemelde bijverdienste volledig terug te vorderen.",
		"Ook bij een kleine bijverdienste van een paar tientjes vorderen we de hele maand bijstand terug.",
		"Bij een kleine bijverdienste vorderen we alleen het verschil terug.", []string{"jci1.3:c:BWBR0015703&artikel=58"},
		ground("evenredigheid", "De terugvordering staat niet in verhouding tot de bijverdienste.")},
	{"svb", "svb-professional", "Kinderbijslag niet stoppen zolang de woonsituatie wordt uitgezocht", "De werkinstructie om de kinderbijslag meteen te stoppen als een adres in het buitenland bekend wordt.",
		"Ouders raken hun kinderbijslag kwijt terwijl nog niet vaststaat waar het gezin woont.",
		"De kinderbijslag loopt door tot de woonsituatie is uitgezocht.", []string{"jci1.3:c:BWBR0002368&artikel=7"},
		ground("zorgvuldigheid", "Eerst uitzoeken, dan beslissen.")},
}

// professionalBrake plans a professional's brake of case c on day d.
func (w *yearWorld) professionalBrake(d int, i int) {
	c := professionalCases[i%len(professionalCases)]
	var id int64
	made := w.day(d)
	w.add(made, "professional's brake", func() error {
		p, err := w.bs.Pull(w.ctx, w.user[c.by], "", brakes.PullInput{Level: schakel.LevelProfessional, Organisation: c.org, Identity: schakel.IdentityNamed,
			Subject: c.subject, Concerned: c.concerned, RuleRefs: c.rules, Body: c.body, Grounds: c.grounds})
		if err == nil {
			id = p.Brake.Request.ID
		}
		return err
	})
	w.followUp(made, &id, c.complies, c.by, true)
}

// plan plans the whole year: the ordinary requests and brakes month by
// month, then the returned assignments, knelpunten and proposals; budget
// is the referral budget (0: no assignment is returned).
func (w *yearWorld) plan(budget int) {
	days := w.days()
	for d := 0; d < days; d += 30 {
		for range yearMonthly {
			w.request(d+w.rand.IntN(30), yearRequests[w.rand.IntN(len(yearRequests))])
		}
		w.professionalBrake(d+w.rand.IntN(30), d/30)
	}
	for _, org := range []string{"uwv", "gemeente-eindhoven", "svb", "politie"} {
		n, cases := citizenBrakes[org], citizenCases[org]
		for i := range n {
			w.citizenBrake(i*days/n+w.rand.IntN(max(1, days/n)), org, cases[i%len(cases)])
		}
	}
	if budget > 0 {
		w.returnedAssignments()
	}
	w.knelpunten()
	w.proposals()
}
