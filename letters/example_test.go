package letters_test

import (
	"bytes"
	"errors"
	"fmt"
	"strings"

	"github.com/schakel-nl/schakel"
	"github.com/schakel-nl/schakel/calendar"
	"github.com/schakel-nl/schakel/documents"
	"github.com/schakel-nl/schakel/letters"
	"github.com/schakel-nl/schakel/redact"
)

// exampleLetter is a letter of one knelpunt; its texts are redacted with
// the case's party and the organisation kept.
func exampleLetter() letters.Letter {
	ctx := redact.Context{Parties: []string{"Jansen"}, Keep: []string{"UWV"}}
	t := func(s string) documents.Text { return documents.RedactIn(s, ctx) }
	return letters.Letter{
		Reference:  "UWV/BST/2026/0012",
		Date:       calendar.DateOf(2026, 5, 14),
		Subject:    t("Knelpunten eerste kwartaal 2026"),
		Sender:     "UWV",
		Addressee:  "Ministerie van Sociale Zaken en Werkgelegenheid",
		PeriodFrom: calendar.DateOf(2026, 1, 1),
		PeriodTo:   calendar.DateOf(2026, 3, 31),
		AnswerTerm: calendar.Term{N: 6, Unit: calendar.Weeks},
		Knelpunten: []letters.Knelpunt{{
			Title:    t("Terugvordering van het WIA-voorschot"),
			Rules:    []letters.Rule{{Label: "Wet WIA, artikel 64", URL: "https://wetten.overheid.nl/jci1.3:c:BWBR0019057&artikel=64"}},
			Problem:  t("Mevrouw Jansen (BSN 111222333) moest het hele voorschot terugbetalen, terwijl UWV te laat besliste."),
			Group:    t("Wie een voorschot kreeg omdat UWV te laat besliste."),
			Citizens: schakel.Estimate{Low: 1200, High: 1500, Method: "steekproef van 312 dossiers"},
			Signals:  14,
			Solution: schakel.SolutionLaw,
			Proposal: t("Geef UWV ruimte om af te zien van terugvordering."),
			Cost:     schakel.Cost{OnceCents: 125000000, YearlyCents: 30000000, BorneBy: "het ministerie"},
		}},
	}
}

func ExampleHTML() {
	var b bytes.Buffer
	if err := letters.HTML(&b, exampleLetter()); err != nil {
		fmt.Println(err)
		return
	}
	for _, line := range strings.Split(b.String(), "\n") {
		if strings.Contains(line, "[naam") || strings.Contains(line, "tussen") || strings.Contains(line, "€") || strings.Contains(line, "wetten.overheid.nl") {
			fmt.Println(line)
		}
	}
	// Output:
	// <li><a href="https://wetten.overheid.nl/jci1.3:c:BWBR0019057&amp;artikel=64">Wet WIA, artikel 64</a></li>
	// <p>Mevrouw [naam 1] (BSN [BSN]) moest het hele voorschot terugbetalen, terwijl UWV te laat besliste.</p>
	// <p>Naar schatting gaat het om tussen 1.200 en 1.500 burgers.</p>
	// <p>Eenmalig € 1.250.000, structureel € 300.000 per jaar, te dragen door het ministerie.</p>
}

func ExamplePDF() {
	l := exampleLetter()
	var a, b bytes.Buffer
	if err := letters.PDF(&a, l); err != nil {
		fmt.Println(err)
		return
	}
	if err := letters.PDF(&b, l); err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(string(a.Bytes()[:8]))
	fmt.Println("byte-identical:", bytes.Equal(a.Bytes(), b.Bytes()))
	fmt.Println("dated:", bytes.Contains(a.Bytes(), []byte("/CreationDate (D:20260514000000)")))
	fmt.Println("file:", letters.Filename(l, "pdf"))
	// Output:
	// %PDF-1.3
	// byte-identical: true
	// dated: true
	// file: knelpuntenbrief-UWV-BST-2026-0012.pdf
}

func ExampleFilename() {
	l := letters.Letter{Reference: "SVB 2026/brief 3", Date: calendar.DateOf(2026, 5, 14)}
	fmt.Println(letters.Filename(l, "pdf"))
	fmt.Println(letters.Filename(letters.Letter{Date: l.Date}, ".html"))
	// Output:
	// knelpuntenbrief-SVB-2026-brief-3.pdf
	// knelpuntenbrief-2026-05-14.html
}

func ExampleLetter_Validate() {
	l := exampleLetter()
	l.Reference = ""
	l.Knelpunten[0].Solution = "alles anders"
	var e *schakel.Error
	if err := l.Validate(); err != nil && errors.As(err, &e) {
		for _, f := range e.Fields {
			fmt.Printf("%s: %s\n", f.Field, f.Reason())
		}
	}
	// Output:
	// kenmerk: Vul het kenmerk in.
	// knelpunten[0].oplossing: Kies een oplossing: wet, beleidsregel, uitvoering of maatwerkruimte.
}
