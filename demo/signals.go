package demo

import (
	"context"
	"fmt"
	"math/rand/v2"
	"time"

	"github.com/schakel-nl/schakel"
	"github.com/schakel-nl/schakel/auth"
	"github.com/schakel-nl/schakel/calendar"
	"github.com/schakel-nl/schakel/comply"
	"github.com/schakel-nl/schakel/requests"
	"github.com/schakel-nl/schakel/signals"
)

// SignalStore is what the demo's signals read besides the signal service:
// the demo users and whether signals exist.
type SignalStore interface {
	schakel.UserStore
	schakel.SignalStore
}

// GeneratedSignals is how many signals the demo generates besides the
// report's own, spread over a dozen laws.
const GeneratedSignals = 300

// topic is a kind of trouble a law causes, for generated signals.
type topic struct {
	org, title, group, effect, proposal string
	rules                               []string
	solution                            schakel.Solution
	principle, grounds                  string
}

// topics are twelve laws that hurt somewhere; the words are invented.
var topics = []topic{
	{"uwv", "WIA-voorschot teruggevorderd na te laat besluit", "Mensen met een WIA-voorschot", "Zij moeten een voorschot terugbetalen omdat UWV te laat besliste en raken in de schulden.", "Een voorschot niet terugvorderen als het besluit te laat was.", []string{"jci1.3:c:BWBR0019057&artikel=76"}, schakel.SolutionLaw, "evenredigheid", "De terugvordering raakt mensen die er niets aan konden doen."},
	{"uwv", "Herbeoordeling zonder gesprek", "Mensen in de WIA bij herbeoordeling", "Zij worden herbeoordeeld op papier, zonder dat iemand met hen spreekt.", "Een gesprek als vaste stap in de herbeoordeling.", []string{"jci1.3:c:BWBR0019057&artikel=41"}, schakel.SolutionImplementation, "zorgvuldigheid", "Zonder gesprek mist het besluit wat er echt speelt."},
	{"uwv", "WW-uitkering stopt bij een dag te laat melden", "Werkzoekenden in de WW", "Wie een dag te laat een wijziging meldt, verliest een deel van de uitkering.", "Meer ruimte om een late melding te herstellen.", []string{"jci1.3:c:BWBR0004045&artikel=27"}, schakel.SolutionMaatwerk, "evenredigheid", "Een kleine vergissing heeft een grote gevolg."},
	{"svb", "Kinderbijslag stopt na een verhuizing over de grens", "Gezinnen die net over de grens wonen", "De kinderbijslag stopt terwijl het kind hier naar school gaat.", "Het woonlandbeginsel laten wijken voor het schoolland.", []string{"jci1.3:c:BWBR0002368&artikel=7"}, schakel.SolutionLaw, "gelijkheid", "Gezinnen in dezelfde situatie worden anders behandeld."},
	{"svb", "AOW-gat door een onvolledig verzekerd jaar", "Gepensioneerden die kort in het buitenland woonden", "Zij krijgen minder AOW door een jaar dat niemand hun uitlegde.", "Informeren voordat het gat ontstaat.", []string{"jci1.3:c:BWBR0002221&artikel=13"}, schakel.SolutionImplementation, "rechtszekerheid", "Niemand kon weten wat dit jaar zou kosten."},
	{"politie", "Alleen digitaal aangifte doen sluit ouderen uit", "Ouderen zonder computer", "Zij kunnen van oplichting geen aangifte doen omdat het alleen digitaal kan.", "Aangifte aan de balie en per telefoon blijven aanbieden.", []string{"jci1.3:c:BWBR0001903&artikel=163"}, schakel.SolutionImplementation, "zorgvuldigheid", "Niet iedereen is digitaal vaardig."},
	{"gemeente-eindhoven", "Bouwdepot telt mee als inkomen in de bijstand", "Jongeren met een bouwdepot uit een schenking", "Het geld dat voor hun woning is bedoeld, wordt gekort op de bijstand.", "Een bouwdepot niet als middel meetellen.", []string{"jci1.3:c:BWBR0015703&artikel=31"}, schakel.SolutionLaw, "evenredigheid", "De korting maakt het doel van de schenking onmogelijk."},
	{"gemeente-eindhoven", "Boodschappen van familie gekort op de bijstand", "Mensen in de bijstand die hulp krijgen van familie", "Een gift van boodschappen wordt als inkomen gekort.", "Kleine giften vrijlaten.", []string{"jci1.3:c:BWBR0015703&artikel=34"}, schakel.SolutionLaw, "evenredigheid", "Hulp van familie wordt bestraft."},
	{"gemeente-eindhoven", "Schuldhulp geweigerd door een oude fraudeschuld", "Mensen met een oude fraudeschuld", "Zij komen jarenlang niet in de schuldhulp.", "Toegang tot schuldhulp na een redelijke termijn.", []string{"jci1.3:c:BWBR0031331&artikel=3"}, schakel.SolutionLaw, "evenredigheid", "De weigering houdt de schulden in stand."},
	{"gemeente-eindhoven", "Wmo-voorziening stopt bij een verhuizing binnen de regio", "Mensen met een Wmo-voorziening die verhuizen", "Zij moeten opnieuw alles aanvragen en wachten maanden.", "Een voorziening meeverhuizen tot het nieuwe besluit.", []string{"jci1.3:c:BWBR0035362&artikel=2.3.5"}, schakel.SolutionPolicy, "zorgvuldigheid", "De zorg valt weg terwijl de nood blijft."},
	{"gemeente-eindhoven", "Jeugdhulp stopt op de achttiende verjaardag", "Jongeren die achttien worden in de jeugdhulp", "Hun hulp stopt van de ene op de andere dag.", "Een overgangstermijn tot drieëntwintig.", []string{"jci1.3:c:BWBR0034925&artikel=1.1"}, schakel.SolutionLaw, "zorgvuldigheid", "Een verjaardag verandert de nood niet."},
	{"uwv", "Toeslag teruggevorderd na een partnerwissel", "Mensen die in een jaar van partner wisselen", "Zij moeten een toeslag terugbetalen over maanden waarin ze alleen woonden.", "Rekenen per maand in plaats van per jaar.", []string{"jci1.3:c:BWBR0018472&artikel=26"}, schakel.SolutionLaw, "evenredigheid", "Het jaar als eenheid past niet bij het leven."},
}

// professionals of the demo who file signals, per organisation.
var professionals = map[string]string{"uwv": "uwv-professional", "svb": "svb-professional", "politie": "politie-professional", "gemeente-eindhoven": "eindhoven-professional"}

// signalWorld builds the demo's signals in the past.
type signalWorld struct {
	ctx   context.Context
	svc   *signals.Service
	user  map[string]*schakel.User
	now   time.Time
	clock time.Time
	past  *signals.Service
}

func (w *signalWorld) at(daysAgo int) { w.clock = w.now.Add(-time.Duration(daysAgo) * 24 * time.Hour) }

// BuildSignals adds the report's signals — the WIA advances (UWV → SZW),
// digital-only reporting for seniors (police → JenV), the bouwdepot in the
// Participatiewet (Eindhoven → SZW) — and GeneratedSignals more over a
// dozen laws, through the signal service: filed, joined, put, adopted,
// sent in knelpuntenbrieven and answered in the past. It does nothing, and
// returns false, when signals exist already.
func BuildSignals(ctx context.Context, st SignalStore, svc *signals.Service, now time.Time) (bool, error) {
	if _, n, err := st.Signals(ctx, schakel.SignalFilter{State: schakel.SignalFiled, Limit: 1}); err != nil || n > 0 {
		return false, err
	}
	us, _, err := st.Users(ctx, schakel.UserFilter{Issuer: auth.DemoIssuer, Limit: 500})
	if err != nil {
		return false, err
	}
	w := &signalWorld{ctx: ctx, svc: svc, user: map[string]*schakel.User{}, now: now}
	for _, u := range us {
		w.user[u.Subject] = u
	}
	w.past = svc.WithClock(schakel.ClockFunc(func() time.Time { return w.clock }))
	if err := w.generate(); err != nil {
		return false, err
	}
	if err := w.reportSignals(); err != nil {
		return false, err
	}
	return true, nil
}

// generate files GeneratedSignals signals over the topics in the last 300
// days: each organisation's signals on a topic gather in one knelpunt.
func (w *signalWorld) generate() error {
	r := rand.New(rand.NewPCG(12, 2026))
	knelpunt := map[int]int64{}
	for i := range GeneratedSignals {
		ti := r.IntN(len(topics))
		t := topics[ti]
		w.at(300 - i*280/GeneratedSignals)
		low := int64(5 + r.IntN(400))
		in := signals.FileInput{Organisation: t.org, Title: fmt.Sprintf("%s (melding %d)", t.title, i+1), Rules: t.rules, Group: t.group,
			Effect: t.effect, CitizensLow: low, CitizensHigh: low + int64(r.IntN(600)), CitizensMethod: "Schatting van het team uit de eigen dossiers",
			// What solving it costs for this signal's citizens: € 500 to
			// € 3,000 each once, a tenth of that each year.
			Solution: t.solution, Proposal: t.proposal, CostOnceCents: low * int64(500+r.IntN(2500)) * 100, CostYearCents: low * int64(50+r.IntN(250)) * 100,
			CostBorneBy: "Rijk", Conflicts: []signals.Conflict{{Principle: t.principle, Grounds: t.grounds}}, KnelpuntID: knelpunt[ti]}
		filed, err := w.past.File(w.ctx, w.user[professionals[t.org]], in)
		if err != nil {
			return fmt.Errorf("demo: generated signal %d: %w", i, err)
		}
		knelpunt[ti] = filed.Knelpunt.ID
	}
	// A few teams got to work on them: put, and some adopted.
	for ti, id := range knelpunt {
		if ti%3 == 2 {
			continue
		}
		t := topics[ti]
		w.at(20)
		if _, err := w.past.Put(w.ctx, w.user[professionals[t.org]], id); err != nil {
			return fmt.Errorf("demo: put %q: %w", t.title, err)
		}
		if ti%3 == 0 && coordinators[t.org] != "" {
			w.at(10)
			if _, err := w.past.Answer(w.ctx, w.user[coordinators[t.org]], id, adoptBy(w.clock, "Het team neemt dit over en legt het voor aan het bestuur.")); err != nil {
				return fmt.Errorf("demo: adopt %q: %w", t.title, err)
			}
		}
	}
	return nil
}

// coordinators of the demo, per organisation.
var coordinators = map[string]string{"uwv": "uwv-coordinator", "politie": "politie-coordinator", "gemeente-eindhoven": "eindhoven-coordinator"}

// boards of the demo, per organisation.
var boards = map[string]string{"uwv": "uwv-bestuur", "politie": "politie-bestuur", "gemeente-eindhoven": "eindhoven-bestuur"}

// adoptBy is a comply: taken over, with what happens by when.
func adoptBy(now time.Time, what string) requests.AnswerInput {
	return requests.AnswerInput{AnswerInput: comply.AnswerInput{Kind: schakel.Comply, Changes: what, ByWhen: dateOf(now.AddDate(0, 3, 0))}}
}

// dateOf is the civil date of t in the Netherlands.
func dateOf(t time.Time) calendar.Date { return calendar.New().Today(t) }

// reportSignal is one of the report's signals and how far it got.
type reportSignal struct {
	in      signals.FileInput
	by      string
	daysAgo int
	// answer is the ministry's answer; nil leaves it open.
	answer *requests.AnswerInput
}

// reportSignals files the report's three signals and takes each up the
// ladder: team, board, letter to the ministry, and the ministry's answer.
func (w *signalWorld) reportSignals() error {
	for _, rs := range w.reportList() {
		w.at(rs.daysAgo)
		filed, err := w.past.File(w.ctx, w.user[rs.by], rs.in)
		if err != nil {
			return fmt.Errorf("demo: signal %q: %w", rs.in.Title, err)
		}
		id, org := filed.Knelpunt.ID, rs.in.Organisation
		steps := []struct {
			days int
			do   func() error
		}{
			{rs.daysAgo - 2, func() error { _, err := w.past.Put(w.ctx, w.user[rs.by], id); return err }},
			{rs.daysAgo - 9, func() error {
				_, err := w.past.Answer(w.ctx, w.user[coordinators[org]], id, adoptBy(w.clock, "Het team neemt dit over: het raakt veel meer mensen dan deze ene."))
				return err
			}},
			{rs.daysAgo - 16, func() error {
				_, err := w.past.Answer(w.ctx, w.user[boards[org]], id, adoptBy(w.clock, "Het bestuur neemt dit over en zet het in de knelpuntenbrief aan het ministerie."))
				return err
			}},
			{rs.daysAgo - 20, func() error {
				today := dateOf(w.clock)
				_, err := w.past.SendLetter(w.ctx, w.user[boards[org]], signals.LetterInput{Organisation: org, From: today.AddDays(-10), To: today})
				return err
			}},
		}
		for _, s := range steps {
			w.at(s.days)
			if err := s.do(); err != nil {
				return fmt.Errorf("demo: signal %q: %w", rs.in.Title, err)
			}
		}
		if rs.answer == nil {
			continue
		}
		w.at(rs.daysAgo - 40)
		ministry := map[string]string{"uwv": "szw-beleid", "politie": "jenv-beleid", "gemeente-eindhoven": "szw-beleid"}[org]
		if rs.answer.Kind == schakel.Comply {
			rs.answer.ByWhen = dateOf(w.clock.AddDate(0, 9, 0))
		}
		if _, err := w.past.Answer(w.ctx, w.user[ministry], id, *rs.answer); err != nil {
			return fmt.Errorf("demo: answer to %q: %w", rs.in.Title, err)
		}
	}
	return nil
}

func (w *signalWorld) reportList() []reportSignal {
	return []reportSignal{
		{by: "uwv-professional", daysAgo: 120, in: signals.FileInput{Organisation: "uwv",
			Title: "WIA-voorschotten: terugvordering na een te laat besluit drijft mensen in de schulden",
			Rules: []string{"jci1.3:c:BWBR0019057&artikel=76"}, Group: "Mensen die een WIA-voorschot kregen en een lagere uitkering toegekend kregen",
			Effect:      "UWV beslist maanden te laat over de WIA-aanvraag en vordert daarna het te veel betaalde voorschot terug, soms duizenden euro's. Mensen raken in de schulden en hun re-integratie stokt. Persoonlijke kwijtschelding in de Maatwerkplaats is bij zoveel gevallen onhoudbaar en leidt tot rechtsongelijkheid.",
			CitizensLow: 8000, CitizensHigh: 12000, CitizensMethod: "Terugvorderingen van voorschotten na een te laat besluit in 2019-2021, uit de eigen registratie",
			Solution: schakel.SolutionLaw, Proposal: "Geen terugvordering van een voorschot als UWV te laat besliste; een herstelactie voor wie al terugbetaalde.",
			CostOnceCents: 3_500_000_000, CostYearCents: 600_000_000, CostBorneBy: "Rijk (begroting SZW)",
			Conflicts: []signals.Conflict{{Principle: "evenredigheid", Grounds: "De terugvordering is veel zwaarder dan de fout van de klant: die is er niet."},
				{Principle: "zorgvuldigheid", Grounds: "Het voorschot moest juist schulden voorkomen; UWV besliste te laat."}}},
			answer: &requests.AnswerInput{AnswerInput: comply.AnswerInput{Kind: schakel.Comply,
				Changes: "SZW neemt het knelpunt over: UWV stopt met terugvorderen na een te laat besluit en artikel 76 WIA wordt aangepast."}}},
		{by: "politie-professional", daysAgo: 100, in: signals.FileInput{Organisation: "politie",
			Title: "Alleen digitaal melden sluit ouderen uit van aangifte",
			Rules: []string{"jci1.3:c:BWBR0001903&artikel=163"}, Group: "Ouderen zonder computer of DigiD",
			Effect:      "Ouderen die zijn opgelicht kunnen geen aangifte doen omdat het bureau alleen digitale meldingen aanneemt. Zij geven het op en de daders blijven buiten beeld.",
			CitizensLow: 20000, CitizensHigh: 40000, CitizensMethod: "Schatting uit de meldingen bij de wijkagenten en de ouderenbonden",
			Solution: schakel.SolutionImplementation, Proposal: "Aangifte aan de balie en aan huis blijven opnemen voor wie niet digitaal kan.",
			CostOnceCents: 0, CostYearCents: 450_000_000, CostBorneBy: "Politie (begroting JenV)",
			Conflicts: []signals.Conflict{{Principle: "zorgvuldigheid", Grounds: "Een voorziening die een deel van de burgers niet kan gebruiken, is niet zorgvuldig."},
				{Principle: "gelijkheid", Grounds: "Wie niet digitaal is, heeft minder toegang tot de politie."}}},
			answer: &requests.AnswerInput{AnswerInput: comply.AnswerInput{Kind: schakel.Explain, Motivations: map[string]string{
				"zorgvuldigheid": "Het bureau neemt aangiften aan de balie al op afspraak op; daarvoor is geen wijziging nodig. We vragen de politie dat beter bekend te maken.",
				"gelijkheid":     "Iedereen kan op afspraak aan de balie terecht; het verschil zit in de bekendheid, niet in de regel."}}}},
		{by: "eindhoven-professional", daysAgo: 70, in: signals.FileInput{Organisation: "gemeente-eindhoven",
			Title: "Bouwdepot uit een schenking wordt gekort op de bijstand",
			Rules: []string{"jci1.3:c:BWBR0015703&artikel=31"}, Group: "Jongeren in de bijstand met een bouwdepot voor een woning",
			Effect:      "Een schenking in een bouwdepot voor een eigen woning telt als middel in de bijstand. De jongere verliest de uitkering of moet het depot opmaken, terwijl het geld alleen voor de woning mag worden gebruikt.",
			CitizensLow: 50, CitizensHigh: 300, CitizensMethod: "Navraag bij vijf gemeenten in de regio",
			Solution: schakel.SolutionLaw, Proposal: "Een bouwdepot met een vast doel niet als middel meetellen in artikel 31 van de Participatiewet.",
			CostOnceCents: 0, CostYearCents: 120_000_000, CostBorneBy: "Gemeenten (via het gemeentefonds)",
			Conflicts: []signals.Conflict{{Principle: "evenredigheid", Grounds: "De korting maakt het doel van de schenking onmogelijk en houdt de jongere afhankelijk."}}}},
	}
}
