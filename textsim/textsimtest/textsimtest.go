// Package textsimtest makes deterministic Dutch texts for the benchmarks of
// the text analysis and of what builds on it (precedent, and signals next),
// so that they measure the same kind of text.
package textsimtest

import (
	"math/rand/v2"
	"strings"
)

// Vocabulary is a small Dutch vocabulary of the kind cases and signals are
// written in, stop words included.
var Vocabulary = strings.Fields(`de het een en van in op te dat die is niet met voor zijn er aan
	om ook als bij of door naar maar nog wel geen dan uit tot over kan wordt heeft
	voorschot voorschotten uitkering uitkeringen aanvraag aanvragen besluit besluiten
	terugvordering teruggevorderd schuld schulden betalingsregeling inkomen inkomsten
	toeslag toeslagen huurtoeslag zorgtoeslag kinderopvang belastingdienst gemeente
	bijstand participatiewet wet regel regels beleidsregel hardheidsclausule maatwerk
	burger burgers gezin gezinnen kinderen moeder vader alleenstaande werkgever werknemer
	ziekte arbeidsongeschikt arbeidsongeschiktheid keuring verzekeringsarts herbeoordeling
	termijn termijnen maand maanden week weken jaar jaren bezwaar beroep rechter uitspraak
	boete boetes verrekening beslag beslagvrije voet bestaansminimum armoede noodfonds
	woning huur huurachterstand uitzetting energie rekening rekeningen incasso deurwaarder
	schuldhulpverlening budgetbeheer bewindvoerder zorg zorgverzekering premie premies
	brief brieven formulier digitaal loket telefoon afspraak gesprek professional
	casus situatie bedoeling uitvoering knelpunt signaal oplossing structureel tijdelijk
	redelijk onredelijk evenredig onevenredig gevolg gevolgen hardheid schrijnend
	wachten wachttijd vertraging achterstand herstel compensatie vergoeding betaling
	overgang overgangsregeling pensioen aow werkloosheid ww wia wajong ontslag contract`)

// Text returns a text of words words drawn from Vocabulary by rng, with a
// full stop now and then.
func Text(rng *rand.Rand, words int) string {
	var b strings.Builder
	for w := range words {
		if w > 0 {
			b.WriteByte(' ')
		}
		b.WriteString(Vocabulary[rng.IntN(len(Vocabulary))])
		if rng.IntN(12) == 0 {
			b.WriteByte('.')
		}
	}
	return b.String()
}

// Texts returns n texts as Text makes them.
func Texts(rng *rand.Rand, n, words int) []string {
	texts := make([]string, n)
	for i := range texts {
		texts[i] = Text(rng, words)
	}
	return texts
}
