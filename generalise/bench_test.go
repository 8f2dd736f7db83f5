package generalise

import (
	"strings"
	"testing"
)

// benchText is a case as a reviewer sees it after redaction, with every
// kind of quasi-identifier in it, and ordinary prose around them.
const benchText = `Casus: [naam 1] (38) woont met haar drie kinderen in [plaats]. Zij is sinds 1 januari 2020 weduwe en
ontvangt een Anw-uitkering van € 1.245,67 per maand. Op grond van artikel 35 lid 1 van de Participatiewet vroeg
zij op 3 februari 2025 bijzondere bijstand aan voor een traplift, omdat haar zoon van 9 de ziekte van Duchenne
heeft. Het college besloot op 12 maart 2025 om € 2.300 bijzondere bijstand toe te kennen. Het bezwaar werd
ontvangen op 20 maart 2025; de hoorzitting vond plaats op 14 april 2025. De tafel woog de belangen van het gezin,
de eerdere beslissingen van de gemeente en de wens van de moeder om zelfstandig te blijven wonen, en kwam tot de
conclusie dat maatwerk hier passend is. Haar schuld bij de Belastingdienst is 12.500 euro.

`

// BenchmarkFlags measures Flags on a realistic text of about 1 MB.
func BenchmarkFlags(b *testing.B) {
	text := strings.Repeat(benchText, (1<<20)/len(benchText))
	b.SetBytes(int64(len(text)))
	for b.Loop() {
		Flags(text)
	}
}

// BenchmarkFlagsCase measures Flags on one case text: what a page costs.
func BenchmarkFlagsCase(b *testing.B) {
	b.SetBytes(int64(len(benchText)))
	for b.Loop() {
		Flags(benchText)
	}
}
