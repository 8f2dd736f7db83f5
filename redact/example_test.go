package redact_test

import (
	"fmt"

	"github.com/schakel-nl/schakel/redact"
)

func ExampleRedact() {
	text := "Mevrouw A. de Boer (BSN 111222333, geboren op 3 maart 1961) woont op Kerkstraat 12, 1234 AB Utrecht. " +
		"Op 12 januari 2026 besloot het college; De Boer is bereikbaar op 06-12345678."
	out, found := redact.Redact(text, []string{"Annie de Boer"})
	fmt.Println(out)
	for _, f := range found {
		fmt.Printf("%s %q\n", f.Kind, f.Text)
	}
	// Output:
	// Mevrouw [naam 1] (BSN [BSN], geboren op [geboortedatum]) woont op [adres] [plaats]. Op 12 januari 2026 besloot het college; [naam 1] is bereikbaar op [telefoonnummer].
	// naam "A. de Boer"
	// bsn "111222333"
	// geboortedatum "3 maart 1961"
	// adres "Kerkstraat 12, 1234 AB"
	// plaats "Utrecht"
	// naam "De Boer"
	// telefoonnummer "06-12345678"
}

func ExampleContext_Redact() {
	text := "Dhr. Jansen (52) uit Oisterwijk werkt bij Bouwbedrijf Hendriks. Zijn zus Petra belde; " +
		"de gemeente Tilburg besliste op 3 maart 2026 (zaaknummer Z-2026-004417)."
	c := redact.Context{Parties: []string{"Kees Jansen"}, Keep: []string{"gemeente Tilburg"}}
	out, _ := c.Redact(text)
	fmt.Println(out)
	// Output:
	// Dhr. [naam 1] ([leeftijd]) uit [plaats] werkt bij [organisatie]. Zijn zus [naam 2] belde; de gemeente Tilburg besliste op 3 maart 2026 (zaaknummer [nummer]).
}

func ExampleApply() {
	text := "Annie de Boer en de chauffeur van de bus kwamen samen."
	parties := []string{"Annie de Boer"}
	found := redact.Find(text, parties)
	// The reviewer also hides who the other person is.
	found = append(found, redact.Finding{Kind: redact.Name, Start: 17, End: 40})
	fmt.Println(redact.Apply(text, found, parties))
	// Output:
	// [naam 1] en [naam 2] kwamen samen.
}

func ExampleValidBSN() {
	fmt.Println(redact.ValidBSN("111222333"), redact.ValidBSN("1234.56.782"), redact.ValidBSN("123456789"))
	// Output: true true false
}

func ExampleValidIBAN() {
	fmt.Println(redact.ValidIBAN("NL91 ABNA 0417 1643 00"), redact.ValidIBAN("NL91 ABNA 0417 1643 01"))
	// Output: true false
}
