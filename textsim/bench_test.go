package textsim

import (
	"math/rand/v2"
	"strings"
	"testing"
)

// benchWords is a small Dutch vocabulary of the kind cases and signals are
// written in, stop words included, from which generateTexts draws texts.
// It is the vocabulary of precedent's benchmarks.
var benchWords = strings.Fields(`de het een en van in op te dat die is niet met voor zijn er aan
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

// generateTexts returns n deterministic texts of words words each, with a
// full stop now and then.
func generateTexts(rng *rand.Rand, n, words int) []string {
	texts := make([]string, n)
	var b strings.Builder
	for i := range texts {
		b.Reset()
		for w := range words {
			if w > 0 {
				b.WriteByte(' ')
			}
			b.WriteString(benchWords[rng.IntN(len(benchWords))])
			if rng.IntN(12) == 0 {
				b.WriteByte('.')
			}
		}
		texts[i] = b.String()
	}
	return texts
}

// BenchmarkCosine compares 500 texts of 150 words with a target through
// one Scorer, the text part of precedent's BenchmarkRank.
func BenchmarkCosine(b *testing.B) {
	texts := generateTexts(rand.New(rand.NewPCG(1, 2)), 501, 150)
	b.ReportAllocs()
	for b.Loop() {
		s := NewScorer(nil, texts[0])
		for _, text := range texts[1:] {
			s.Cosine(text)
		}
	}
}

// BenchmarkWords analyses one text of 150 words into a fresh map.
func BenchmarkWords(b *testing.B) {
	text := generateTexts(rand.New(rand.NewPCG(1, 2)), 1, 150)[0]
	b.ReportAllocs()
	for b.Loop() {
		Words(text)
	}
}
