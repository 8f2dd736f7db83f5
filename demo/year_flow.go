package demo

import (
	"cmp"
	"time"

	"github.com/schakel-nl/schakel"
	"github.com/schakel-nl/schakel/assessments"
	"github.com/schakel-nl/schakel/brakes"
	"github.com/schakel-nl/schakel/calendar"
	"github.com/schakel-nl/schakel/comply"
	"github.com/schakel-nl/schakel/requests"
	"github.com/schakel-nl/schakel/signals"
)

// returnedCase is an assignment an organisation returns to its ministry
// in the year (report §5.4.6), and how the ministry deals with it. Days
// are after the return; 0 means it does not happen.
type returnedCase struct {
	org, board string
	// day is the day of the year it is returned; negative counts back
	// from now.
	day                      int
	subject, concerned, body string
	rules                    []string
	grounds                  []schakel.Ground
	policy                   int // the officials explain
	contest                  int // the board contests the explain
	minister                 int // the minister answers, with ministerKind
	ministerKind             schakel.AnswerKind
	complies                 string
}

// returnedCases: one the minister upholds after a contest (its referral
// is given back), one the minister explains away after the officials let
// the term pass, one nobody answers, and one still within its term.
var returnedCases = []returnedCase{
	{org: "uwv", board: "uwv-bestuur", day: 40, policy: 20, contest: 26, minister: 45, ministerKind: schakel.Comply,
		subject:   "Opdracht terug: WW-maatregelen automatisch opleggen",
		concerned: "De opdracht om maatregelen in de WW voortaan automatisch op te leggen op basis van de meldingen in het systeem, zonder beoordeling door een medewerker.",
		body:      "Automatisch opleggen betekent dat niemand meer kijkt naar de omstandigheden van de klant. De wet vraagt om een afweging per geval; die kunnen we dan niet meer maken.",
		rules:     []string{"jci1.3:c:BWBR0004045&artikel=27"},
		grounds:   ground("zorgvuldigheid", "Een maatregel zonder beoordeling van het geval is niet zorgvuldig."),
		complies:  "De minister trekt de opdracht in: een medewerker blijft elke maatregel beoordelen."},
	{org: "politie", board: "politie-bestuur", day: 100, minister: 56, ministerKind: schakel.Explain,
		subject:   "Opdracht terug: baliefuncties sluiten in kleine basisteams",
		concerned: "De opdracht om de balies van basisteams met minder dan tien aangiften per week te sluiten.",
		body:      "In kleine plaatsen is de balie voor ouderen de enige plek om aangifte te doen. Sluiten maakt de politie voor hen onbereikbaar.",
		rules:     []string{"jci1.3:c:BWBR0031788&artikel=3"},
		grounds:   ground("gelijkheid", "Inwoners van kleine plaatsen krijgen minder toegang tot de politie.")},
	{org: "svb", board: "svb-bestuur", day: 150,
		subject:   "Opdracht terug: kinderbijslag stoppen bij elk buitenlands adres",
		concerned: "De opdracht om de kinderbijslag direct te stoppen zodra een buitenlands adres in de basisregistratie staat.",
		body:      "Een buitenlands adres zegt niet altijd dat het gezin daar woont. Stoppen zonder onderzoek treft gezinnen die er recht op hebben.",
		rules:     []string{"jci1.3:c:BWBR0002368&artikel=7"},
		grounds:   ground("zorgvuldigheid", "Eerst moet vaststaan waar het gezin woont.")},
	{org: "uwv", board: "uwv-bestuur", day: -20,
		subject:   "Opdracht terug: herbeoordelingen WIA inhalen binnen een jaar",
		concerned: "De opdracht om alle achterstallige herbeoordelingen in de WIA binnen een jaar in te halen.",
		body:      "Er zijn niet genoeg verzekeringsartsen. Inhalen binnen een jaar kan alleen met beoordelingen op papier, zonder gesprek.",
		rules:     []string{"jci1.3:c:BWBR0019057&artikel=41"},
		grounds:   ground("robuuste-uitvoering", "De opdracht vraagt meer dan de uitvoering kan dragen zonder de kwaliteit op te geven.")},
}

// returnedAssignments plans the returned assignments of the year.
func (w *yearWorld) returnedAssignments() {
	for _, c := range returnedCases {
		d := c.day
		if d < 0 {
			d += w.days()
		}
		var id int64
		made := w.day(d)
		w.add(made, "returned assignment", func() error {
			p, err := w.bs.Pull(w.ctx, w.user[c.board], "", brakes.PullInput{Level: schakel.LevelOrganisation, Organisation: c.org,
				Subject: c.subject, Concerned: c.concerned, RuleRefs: c.rules, Body: c.body, Grounds: c.grounds})
			if err == nil {
				id = p.Brake.Request.ID
			}
			return err
		})
		if c.policy > 0 {
			w.add(w.after(made, c.policy), "explain", func() error { return w.answer(id, schakel.Explain, "") })
		}
		if c.contest > 0 {
			w.add(w.after(made, c.contest), "contest", func() error { return w.contest(id, c.board) })
		}
		if c.minister > 0 {
			w.add(w.after(made, c.minister), "minister's answer", func() error { return w.answer(id, c.ministerKind, c.complies) })
		}
	}
}

// yearKnelpunt is a signal of the year that becomes a knelpunt and climbs
// to the ministry; answer is the days the ministry takes after the letter
// (0: not answered), with kind.
type yearKnelpunt struct {
	by     string
	day    int // negative counts back from now
	in     signals.FileInput
	answer int
	kind   schakel.AnswerKind
}

// yearKnelpunten are the year's knelpunten, on laws besides the report's.
var yearKnelpunten = []yearKnelpunt{
	{by: "uwv-professional", day: 25, answer: 30, kind: schakel.Comply, in: signals.FileInput{Organisation: "uwv",
		Title: "WW-maatregel bij een eerste vergissing treft mensen hard", Rules: []string{"jci1.3:c:BWBR0004045&artikel=27"},
		Group: "Werkzoekenden in de WW die een wijziging te laat melden", Effect: "Wie voor het eerst een wijziging een paar dagen te laat meldt, verliest een deel van de uitkering, net als wie het bewust verzwijgt.",
		CitizensLow: 3000, CitizensHigh: 6000, CitizensMethod: "Maatregelen wegens te late melding in het vorige jaar, uit de eigen registratie",
		Solution: schakel.SolutionPolicy, Proposal: "Bij een eerste vergissing een waarschuwing in plaats van een maatregel.",
		CostOnceCents: 20_000_000, CostYearCents: 150_000_000, CostBorneBy: "Rijk (begroting SZW)",
		Conflicts: []signals.Conflict{{Principle: "evenredigheid", Grounds: "Een kleine vergissing heeft grote gevolgen."}}}},
	{by: "eindhoven-professional", day: 80, answer: 35, kind: schakel.Explain, in: signals.FileInput{Organisation: "gemeente-eindhoven",
		Title: "Schuldhulp geweigerd door een oude fraudeschuld", Rules: []string{"jci1.3:c:BWBR0031331&artikel=3"},
		Group: "Mensen met een oude fraudevordering", Effect: "Zij komen jaren niet in de schuldhulp, waardoor hun schulden blijven groeien.",
		CitizensLow: 200, CitizensHigh: 500, CitizensMethod: "Weigeringen in het eigen schuldhulpteam over twee jaar",
		Solution: schakel.SolutionLaw, Proposal: "Toegang tot schuldhulp na een redelijke termijn, ook bij een oude fraudevordering.",
		CostOnceCents: 0, CostYearCents: 40_000_000, CostBorneBy: "Gemeenten",
		Conflicts: []signals.Conflict{{Principle: "evenredigheid", Grounds: "De weigering houdt de schulden in stand."}}}},
	{by: "politie-professional", day: 140, in: signals.FileInput{Organisation: "politie",
		Title: "Balies in kleine plaatsen gaan dicht", Rules: []string{"jci1.3:c:BWBR0031788&artikel=3"},
		Group: "Inwoners van kleine plaatsen zonder eigen vervoer", Effect: "De dichtstbijzijnde balie ligt voor hen een uur reizen verderop; velen doen geen aangifte meer.",
		CitizensLow: 10000, CitizensHigh: 25000, CitizensMethod: "Schatting uit de bezoekcijfers van de gesloten balies",
		Solution: schakel.SolutionImplementation, Proposal: "Een spreekuur op vaste dagen in elke kern.",
		CostOnceCents: 0, CostYearCents: 300_000_000, CostBorneBy: "Politie (begroting JenV)",
		Conflicts: []signals.Conflict{{Principle: "gelijkheid", Grounds: "Wie ver van een balie woont, heeft minder toegang tot de politie."}}}},
	{by: "uwv-professional", day: 200, answer: 25, kind: schakel.Explain, in: signals.FileInput{Organisation: "uwv",
		Title: "Herbeoordeling op papier mist wat er echt speelt", Rules: []string{"jci1.3:c:BWBR0019057&artikel=41"},
		Group: "Mensen in de WIA bij een herbeoordeling", Effect: "Zij worden herbeoordeeld zonder gesprek; het besluit klopt vaak niet en leidt tot bezwaar.",
		CitizensLow: 15000, CitizensHigh: 30000, CitizensMethod: "Herbeoordelingen zonder gesprek in het vorige jaar",
		Solution: schakel.SolutionImplementation, Proposal: "Een gesprek als vaste stap in elke herbeoordeling.",
		CostOnceCents: 50_000_000, CostYearCents: 900_000_000, CostBorneBy: "Rijk (begroting SZW)",
		Conflicts: []signals.Conflict{{Principle: "zorgvuldigheid", Grounds: "Zonder gesprek mist het besluit de feiten."}}}},
	{by: "svb-professional", day: 240, answer: 20, kind: schakel.Comply, in: signals.FileInput{Organisation: "svb",
		Title: "Kinderbijslag stopt bij een buitenlands adres zonder onderzoek", Rules: []string{"jci1.3:c:BWBR0002368&artikel=7"},
		Group: "Gezinnen met een buitenlands adres in de basisregistratie", Effect: "De kinderbijslag stopt terwijl het gezin soms gewoon in Nederland woont.",
		CitizensLow: 400, CitizensHigh: 1200, CitizensMethod: "Stopzettingen na een adreswijziging in het vorige jaar",
		Solution: schakel.SolutionPolicy, Proposal: "Eerst de woonsituatie onderzoeken, dan beslissen.",
		CostOnceCents: 5_000_000, CostYearCents: 20_000_000, CostBorneBy: "Rijk (begroting SZW)",
		Conflicts: []signals.Conflict{{Principle: "zorgvuldigheid", Grounds: "Een besluit moet op de feiten rusten."}}}},
	{by: "eindhoven-professional", day: -45, in: signals.FileInput{Organisation: "gemeente-eindhoven",
		Title: "Boodschappen van familie gekort op de bijstand", Rules: []string{"jci1.3:c:BWBR0015703&artikel=34"},
		Group: "Mensen in de bijstand die hulp krijgen van familie", Effect: "Een gift van boodschappen wordt als inkomen gekort, zodat hulp van familie wordt bestraft.",
		CitizensLow: 100, CitizensHigh: 400, CitizensMethod: "Navraag bij de consulenten van het eigen team",
		Solution: schakel.SolutionLaw, Proposal: "Kleine giften vrijlaten.",
		CostOnceCents: 0, CostYearCents: 15_000_000, CostBorneBy: "Gemeenten",
		Conflicts: []signals.Conflict{{Principle: "evenredigheid", Grounds: "Hulp van familie wordt bestraft."}}}},
}

// knelpunten plans the year's knelpunten: filed, put, adopted by team and
// board, sent in a knelpuntenbrief and answered by the ministry, or not.
func (w *yearWorld) knelpunten() {
	for _, k := range yearKnelpunten {
		d := k.day
		if d < 0 {
			d += w.days()
		}
		org := k.in.Organisation
		var id int64
		filed := w.day(d)
		w.add(filed, "signal", func() error {
			f, err := w.ss.File(w.ctx, w.user[k.by], k.in)
			if err == nil {
				id = f.Knelpunt.ID
			}
			return err
		})
		w.add(w.after(filed, 2), "put", func() error { _, err := w.ss.Put(w.ctx, w.user[k.by], id); return err })
		for i, role := range []schakel.Role{schakel.RoleCoordinator, schakel.RoleBoard} {
			w.add(w.after(filed, 9+7*i), "adopt", func() error {
				_, err := w.ss.Answer(w.ctx, w.user[w.answerer[org+"/"+string(role)]], id, adoptBy(w.clock, "Overgenomen: dit raakt veel meer mensen dan deze ene."))
				return err
			})
		}
		sent := w.after(filed, 20)
		w.add(sent, "letter", func() error {
			today := dateOf(w.clock)
			_, err := w.ss.SendLetter(w.ctx, w.user[w.answerer[org+"/"+string(schakel.RoleBoard)]], signals.LetterInput{Organisation: org, From: today.AddDays(-10), To: today})
			return err
		})
		if k.answer == 0 {
			continue
		}
		w.add(w.after(sent, k.answer), "ministry's answer", func() error {
			in := comply.AnswerInput{Kind: k.kind}
			if k.kind == schakel.Comply {
				in.Changes, in.ByWhen = "Het ministerie neemt het knelpunt over en past de regel aan.", dateOf(w.clock).AddDays(180)
			} else {
				in.Motivations = map[string]string{}
				for _, c := range k.in.Conflicts {
					in.Motivations[c.Principle] = explanation(c.Principle)
				}
			}
			ministry := map[string]string{"politie": "jenv-beleid"}[org]
			_, err := w.ss.Answer(w.ctx, w.user[cmp.Or(ministry, "szw-beleid")], id, requests.AnswerInput{AnswerInput: in})
			return err
		})
	}
}

// yearProposals are the year's proposals, registered on their day.
func yearProposals(today calendar.Date) []struct {
	day int
	dp  demoProposal
} {
	return []struct {
		day int
		dp  demoProposal
	}{
		{45, demoProposal{policy: "szw-beleid", minister: "szw-minister", sg: "szw-sg", answer: true, sign: true,
			in: assessments.RegisterInput{Ministry: "min-szw", Kind: schakel.KindBill, Title: "Wijziging Werkloosheidswet: ruimte bij een eerste vergissing",
				Summary: "UWV mag bij een eerste te late melding afzien van een maatregel.", Rules: []string{"jci1.3:c:BWBR0004045&artikel=27"},
				Task: "Bestaanszekerheid voor werkzoekenden", PlannedEntry: today.AddDays(300), TextURL: "https://www.internetconsultatie.nl/werkloosheidswet"},
			boards: map[string]string{"uwv": "uwv-bestuur"}, assess: map[string]*assessments.DeliverInput{"uwv": {Verdict: schakel.VerdictConditional,
				CostOnce: 30_000_000, CostYearly: 120_000_000, FTEOnce: 5, FTEYearly: 20, BorneBy: "Rijk (begroting SZW)",
				Effects:    []schakel.Effect{{Group: "Werkzoekenden in de WW", Citizens: 5000, Better: true, Text: "Een eerste vergissing kost hen geen inkomen meer."}},
				Conditions: []string{"Een half jaar om de systemen aan te passen."}, Start: today.AddDays(200)}}}},
		{120, demoProposal{policy: "bzk-beleid", minister: "bzk-minister", answer: true,
			in: assessments.RegisterInput{Ministry: "min-bzk", Kind: schakel.KindDecree, Title: "Besluit voorrang bij huisvesting voor jongeren uit de jeugdzorg",
				Summary: "Gemeenten geven jongeren die de jeugdzorg verlaten voorrang bij een woning.", Rules: []string{"jci1.3:c:BWBR0005181&artikel=1"},
				Task: "Een thuis voor jongeren die op eigen benen gaan staan", PlannedEntry: today.AddDays(250), TextURL: "https://www.internetconsultatie.nl/huisvesting-jongeren"},
			boards: map[string]string{"gemeente-eindhoven": "eindhoven-bestuur"}, assess: map[string]*assessments.DeliverInput{"gemeente-eindhoven": {Verdict: schakel.VerdictExecutable,
				CostOnce: 2_000_000, CostYearly: 10_000_000, FTEOnce: 1, FTEYearly: 2, BorneBy: "Gemeenten (gemeentefonds)",
				Effects: []schakel.Effect{{Group: "Jongeren die de jeugdzorg verlaten", Citizens: 150, Better: true, Text: "Zij hebben sneller een eigen woning."}},
				Start:   today.AddDays(120)}}}},
		{200, demoProposal{policy: "jenv-beleid", minister: "jenv-minister", sg: "jenv-sg",
			in: assessments.RegisterInput{Ministry: "min-jenv", Kind: schakel.KindRegulation, Title: "Regeling bereikbaarheid van basisteams in de avond",
				Summary: "Elk basisteam is twee avonden per week open voor aangifte.", Rules: []string{"jci1.3:c:BWBR0031788&artikel=3"},
				Task: "Toegang tot de politie voor iedereen", PlannedEntry: today.AddDays(180), Text: "Artikel 1. Een basisteam is ten minste twee avonden per week open voor het doen van aangifte."},
			boards: map[string]string{"politie": "politie-bestuur"}, assess: map[string]*assessments.DeliverInput{"politie": {Verdict: schakel.VerdictConditional,
				CostOnce: 10_000_000, CostYearly: 250_000_000, FTEOnce: 2, FTEYearly: 40, BorneBy: "Politie (begroting JenV)",
				Effects:    []schakel.Effect{{Group: "Mensen die overdag werken", Citizens: 50000, Better: true, Text: "Zij kunnen na het werk aangifte doen."}},
				Conditions: []string{"Extra formatie voor de avonddiensten."}, Start: today.AddDays(150)}}}},
		{260, demoProposal{policy: "szw-beleid", minister: "szw-minister", sg: "szw-sg", answer: true, sign: true,
			in: assessments.RegisterInput{Ministry: "min-szw", Kind: schakel.KindDecree, Title: "Besluit informatie over onvolledig verzekerde jaren in de AOW",
				Summary: "De SVB informeert mensen voordat een onvolledig verzekerd jaar hun AOW verlaagt.", Rules: []string{"jci1.3:c:BWBR0002221&artikel=13"},
				Task: "Bestaanszekerheid na de pensioenleeftijd", PlannedEntry: today.AddDays(200), TextURL: "https://www.internetconsultatie.nl/aow-informatie"},
			boards: map[string]string{"svb": "svb-bestuur"}, assess: map[string]*assessments.DeliverInput{"svb": {Verdict: schakel.VerdictExecutable,
				CostOnce: 4_000_000, CostYearly: 6_000_000, FTEOnce: 2, FTEYearly: 4, BorneBy: "Rijk (begroting SZW)",
				Effects: []schakel.Effect{{Group: "Mensen die kort in het buitenland woonden", Citizens: 20000, Better: true, Text: "Zij weten op tijd wat een jaar in het buitenland kost."}},
				Start:   today.AddDays(100)}}}},
	}
}

// proposals plans the year's proposals, each taken as far as it got in
// one go: its steps follow within days, well within every term.
func (w *yearWorld) proposals() {
	for i, p := range yearProposals(calendar.Date{}) {
		w.add(w.day(p.day), "proposal", func() error {
			p := yearProposals(dateOf(w.clock))[i]
			return buildProposal(w.ctx, w.as, w.user, p.dp, func(days int) { w.clock = w.clock.Add(time.Duration(days) * 24 * time.Hour) })
		})
	}
}
