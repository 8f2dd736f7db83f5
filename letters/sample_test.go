package letters_test

import (
	"fmt"

	"github.com/schakel-nl/schakel"
	"github.com/schakel-nl/schakel/calendar"
	"github.com/schakel-nl/schakel/documents"
	"github.com/schakel-nl/schakel/letters"
	"github.com/schakel-nl/schakel/redact"
)

// The personal data the sample letter's texts hold before redaction; none
// of it may reach a rendered letter.
var personal = []string{
	"111222333", "111 222 333", "jansen@example.nl", "06-12345678", "Jansen", "Priscilla",
	"Kerkstraat", "1234 AB",
}

// party is the name given as a party in the redaction context.
const party = "Priscilla Jansen"

// sampleContext is how the caller redacts the texts of the sample letter:
// the party of the case, and the organisation and ministry kept.
var sampleContext = redact.Context{
	Parties: []string{party},
	Keep:    []string{"UWV", "Ministerie van Sociale Zaken en Werkgelegenheid"},
}

func text(s string) documents.Text { return documents.RedactIn(s, sampleContext) }

// sample returns a letter with n knelpunten of realistic length, the first
// one the WIA advance of the report.
func sample(n int) letters.Letter {
	l := letters.Letter{
		Reference:  "UWV/BST/2026/0012",
		Date:       calendar.DateOf(2026, 5, 14),
		Subject:    text("Knelpunten in de uitvoering, eerste kwartaal 2026"),
		Sender:     "UWV",
		Addressee:  "Ministerie van Sociale Zaken en Werkgelegenheid",
		PeriodFrom: calendar.DateOf(2026, 1, 1),
		PeriodTo:   calendar.DateOf(2026, 3, 31),
		AnswerTerm: calendar.Term{N: 6, Unit: calendar.Weeks},
		AnswerBy:   calendar.DateOf(2026, 6, 25),
		Closing:    "Het bestuur van UWV",
	}
	for i := range n {
		l.Knelpunten = append(l.Knelpunten, sampleKnelpunt(i))
	}
	return l
}

// sampleKnelpunt returns knelpunt i: the first the WIA advance with the
// figures the tests look for, the others variations of realistic length.
func sampleKnelpunt(i int) letters.Knelpunt {
	titles := []string{
		"Terugvordering van het WIA-voorschot na een late beslissing",
		"Geen ruimte voor maatwerk bij de kostendelersnorm",
		"Verrekening van inkomsten in de WW drie maanden te laat",
		"Eén loket ontbreekt bij samenloop van Wajong en Participatiewet",
	}
	k := letters.Knelpunt{
		Title: text(titles[i%len(titles)] + suffix(i)),
		Rules: []letters.Rule{
			{Label: "Wet WIA, artikel 64, eerste lid", URL: "https://wetten.overheid.nl/jci1.3:c:BWBR0019057&artikel=64&lid=1"},
			{Label: "Algemene wet bestuursrecht, artikel 4:95", URL: "https://wetten.overheid.nl/jci1.3:c:BWBR0005537&artikel=4:95"},
		},
		Problem: text("Als UWV te laat beslist op een WIA-aanvraag, krijgt de aanvrager een voorschot. " +
			"Blijkt later dat er geen recht is, dan moet het hele voorschot terug. Zo moest mevrouw Priscilla Jansen " +
			"(BSN 111222333, jansen@example.nl, 06-12345678, Kerkstraat 12, 1234 AB Utrecht) € 4.120 terugbetalen, " +
			"terwijl zij op tijd alles had gemeld.\n\nDe wet laat UWV geen ruimte om af te zien van terugvordering, " +
			"ook niet als de vertraging aan UWV ligt. Dat leidt tot schulden die burgers niet zagen aankomen."),
		Group: text("Mensen die ziek uit dienst gingen, een WIA-uitkering aanvroegen en een voorschot kregen " +
			"omdat UWV niet binnen de wettelijke termijn besliste. Zij komen onverwacht in financiële problemen."),
		Citizens: schakel.Estimate{Low: 1200, High: 1500, Method: "Steekproef van 312 dossiers uit 2025, opgehoogd naar de instroom van het jaar"},
		Signals:  14,
		Solution: schakel.Solutions[i%len(schakel.Solutions)],
		Proposal: text("Geef UWV de bevoegdheid om geheel of gedeeltelijk af te zien van terugvordering van een voorschot " +
			"als de vertraging aan UWV ligt en de burger te goeder trouw was. Leg in een beleidsregel vast wanneer dat geldt."),
		Cost: schakel.Cost{OnceCents: 125000000, YearlyCents: 30000000 + int64(i)*1234, BorneBy: "het Ministerie van Sociale Zaken en Werkgelegenheid"},
		Conflicts: []letters.Conflict{
			{Principle: "Evenredigheid", Grounds: text("De terugvordering staat niet in verhouding tot de oorzaak: de vertraging lag bij UWV, niet bij de burger.")},
			{Principle: "Rechtszekerheid", Grounds: text("Burgers mogen erop vertrouwen dat een voorschot dat zij te goeder trouw ontvingen, niet jaren later volledig terug moet.")},
		},
		Precedents: []letters.Link{
			{Title: "Casus 2025-0142: voorschot teruggevorderd na late beslissing", URL: "https://schakel.example.nl/casusprudentie/142"},
		},
		URL: "https://schakel.example.nl/knelpunten/" + fmt.Sprint(101+i),
	}
	return k
}

// suffix makes the titles of a long letter distinct.
func suffix(i int) string {
	if i < 4 {
		return ""
	}
	return " (variant " + fmt.Sprint(i+1) + ")"
}
