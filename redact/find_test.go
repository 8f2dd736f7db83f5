package redact

import (
	"slices"
	"testing"
)

// findTest is one case of a detector table: the findings of text, written
// as "kind:text", in order.
type findTest struct {
	name    string
	text    string
	parties []string
	want    []string
}

func runFind(t *testing.T, tests []findTest) {
	t.Helper()
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var got []string
			for _, f := range Find(tt.text, tt.parties) {
				got = append(got, string(f.Kind)+":"+f.Text)
			}
			if !slices.Equal(got, tt.want) {
				t.Errorf("Find(%q)\n got  %q\n want %q", tt.text, got, tt.want)
			}
		})
	}
}

func TestFindBSN(t *testing.T) {
	runFind(t, []findTest{
		{"plain", "BSN 123456782.", nil, []string{"bsn:123456782"}},
		{"no keyword needed", "nummer 123456782 bekend", nil, []string{"bsn:123456782"}},
		{"spaces", "BSN: 123 456 782", nil, []string{"bsn:123 456 782"}},
		{"dots", "(123.456.782)", nil, []string{"bsn:123.456.782"}},
		{"hyphens", "bsn 123-456-782,", nil, []string{"bsn:123-456-782"}},
		{"passport grouping", "1234.56.782", nil, []string{"bsn:1234.56.782"}},
		{"leading zero", "BSN 012345672", nil, []string{"bsn:012345672"}},
		{"eight digits after BSN", "BSN 12345672", nil, []string{"bsn:12345672"}},
		{"eight digits after sofinummer", "sofinummer: 12345672", nil, []string{"bsn:12345672"}},
		{"eight digits further after the word", "Haar sofinummer uit 1985 was 12345672", nil, []string{"bsn:12345672"}},
		{"eight digits alone", "KvK 12345672", nil, nil},
		{"eight digits, another number between", "BSN 123456782, klantnummer 12345672", nil, []string{"bsn:123456782", "nummer:12345672"}},
		{"fails eleven-test", "BSN 123456789", nil, nil},
		{"odd grouping without keyword", "12 3456 782", nil, nil},
		{"odd grouping after BSN", "BSN 12 3456 782", nil, []string{"bsn:12 3456 782"}},
		{"mixed separators", "123.456 782", nil, nil},
		{"part of a case number", "zaak 2026-123456782", nil, []string{"nummer:2026-123456782"}},
		{"after a year and a space", "in 2026 123456782", nil, []string{"bsn:123456782"}},
		{"ten digits", "1234567820", nil, nil},
		{"inside a word", "NL123456782B01", nil, nil},
		{"glued suffix", "123456782L01", nil, nil},
		{"dotted suffix", "1234.56.782.L01", nil, nil},
		{"amount with euro sign", "€ 123.456.782", nil, nil},
		{"amount with EUR", "EUR 123456782", nil, nil},
		{"amount with decimals", "123.456.782,00", nil, nil},
		{"decimal fraction", "0,123456782", nil, nil},
		{"RSIN", "RSIN 123456782", nil, nil},
		{"RSIN further back", "Het fiscaal nummer (RSIN) van de stichting is 123456782", nil, nil},
		{"BSN nearer than KvK", "KvK en BSN: 123456782", nil, []string{"bsn:123456782"}},
		{"date with BSN word", "BSN onbekend, geb. 12-12-2002", nil, []string{"geboortedatum:12-12-2002"}},
		{"label is no keyword", "[BSN] 12345672", nil, nil},
		{"in a URL", "https://example.nl/zaak/123456782", nil, []string{"url:https://example.nl/zaak/123456782"}},
		{"two in a row", "123456782 en 111222333", nil, []string{"bsn:123456782", "bsn:111222333"}},
	})
}

func TestFindIBAN(t *testing.T) {
	runFind(t, []findTest{
		{"compact", "IBAN NL91ABNA0417164300.", nil, []string{"iban:NL91ABNA0417164300"}},
		{"paper format", "op NL91 ABNA 0417 1643 00 overmaken", nil, []string{"iban:NL91 ABNA 0417 1643 00"}},
		{"lower case", "iban:nl91abna0417164300", nil, []string{"iban:nl91abna0417164300"}},
		{"Belgian, followed by digits", "BE68 5390 0754 7034 1234", nil, []string{"iban:BE68 5390 0754 7034"}},
		{"German", "DE89 3704 0044 0532 0130 00", nil, []string{"iban:DE89 3704 0044 0532 0130 00"}},
		{"French with a letter", "FR14 2004 1010 0505 0001 3M02 606", nil, []string{"iban:FR14 2004 1010 0505 0001 3M02 606"}},
		{"unknown country", "XX57 0123 4567 8901 2345", nil, []string{"iban:XX57 0123 4567 8901 2345"}},
		{"bad check", "NL91ABNA0417164301", nil, nil},
		{"bad check is no phone number", "NL45 INGB 0705 0011 22", nil, nil},
		{"one character short is no phone number", "NL91 ABNA 0417 1643 0", nil, nil},
		{"glued to a word", "xNL91ABNA0417164300", nil, nil},
		{"glued after", "NL91ABNA0417164300x", nil, nil},
		{"BIC", "BIC RABONL2U", nil, nil},
		{"VAT number", "NL001234567B01", nil, nil},
	})
}

func TestFindEmail(t *testing.T) {
	runFind(t, []findTest{
		{"plain", "mail jan@example.nl.", nil, []string{"e-mail:jan@example.nl"}},
		{"dots and plus", "j.de.vries+uwv@mail.example.com", nil, []string{"e-mail:j.de.vries+uwv@mail.example.com"}},
		{"angle brackets", "Jan <jan@example.nl>", nil, []string{"e-mail:jan@example.nl"}},
		{"mailto", "<a href=\"mailto:jan@example.nl\">", nil, []string{"e-mail:mailto:jan@example.nl"}},
		{"upper case", "JAN@EXAMPLE.NL", nil, []string{"e-mail:JAN@EXAMPLE.NL"}},
		{"non-ASCII", "josé@müller.de", nil, []string{"e-mail:josé@müller.de"}},
		{"hyphenated domain", "a@deboer-familie.nl", nil, []string{"e-mail:a@deboer-familie.nl"}},
		{"no top-level domain", "jan@localhost", nil, nil},
		{"numeric top-level domain", "jan@10.0.0.1", nil, nil},
		{"one-letter top-level domain", "jan@example.n", nil, nil},
		{"empty local part", "@example.nl", nil, nil},
		{"handle", "@gemeente op sociale media", nil, nil},
		{"two at signs", "a@b@c.nl", nil, nil},
		{"two at signs, after the first separator", "a@b.nl@c.nl", nil, []string{"e-mail:nl@c.nl"}},
		{"two at signs, separators", "a@b_x.y@c.nl", nil, []string{"e-mail:x.y@c.nl"}},
		{"leading dot", "zie .jan@example.nl", nil, []string{"e-mail:jan@example.nl"}},
	})
}

func TestFindPhone(t *testing.T) {
	runFind(t, []findTest{
		{"mobile hyphen", "tel 06-12345678.", nil, []string{"telefoonnummer:06-12345678"}},
		{"mobile spaced", "06 1234 5678", nil, []string{"telefoonnummer:06 1234 5678"}},
		{"mobile pairs", "06 12 34 56 78", nil, []string{"telefoonnummer:06 12 34 56 78"}},
		{"mobile compact", "0612345678", nil, []string{"telefoonnummer:0612345678"}},
		{"+31", "+31 6 12345678", nil, []string{"telefoonnummer:+31 6 12345678"}},
		{"+31 (0)", "+31 (0)6-12345678", nil, []string{"telefoonnummer:+31 (0)6-12345678"}},
		{"+31(0) glued", "+31(0)20-1234567", nil, []string{"telefoonnummer:+31(0)20-1234567"}},
		{"+31 with trunk zero by mistake", "+310612345678", nil, []string{"telefoonnummer:+310612345678"}},
		{"0031", "0031 6 12345678", nil, []string{"telefoonnummer:0031 6 12345678"}},
		{"landline", "010-1234567", nil, []string{"telefoonnummer:010-1234567"}},
		{"landline spaced", "020 123 4567", nil, []string{"telefoonnummer:020 123 4567"}},
		{"area code in parentheses", "(020) 123 45 67", nil, []string{"telefoonnummer:(020) 123 45 67"}},
		{"spaced hyphen", "088 - 123 45 67", nil, []string{"telefoonnummer:088 - 123 45 67"}},
		{"en dash", "06–12345678", nil, []string{"telefoonnummer:06–12345678"}},
		{"no-break space", "06\u00a012345678", nil, []string{"telefoonnummer:06\u00a012345678"}},
		{"foreign", "+32 470 12 34 56", nil, []string{"telefoonnummer:+32 470 12 34 56"}},
		{"0800 number", "0800-1234", nil, nil},
		{"0900 number", "0900-1234567", nil, nil},
		{"0900 ten digits", "0900 123 456", nil, nil},
		{"nine digits", "06-1234567", nil, nil},
		{"eleven digits", "06-123456789", nil, nil},
		{"date and time", "06-12-2025 11:30", nil, nil},
		{"date and year", "op 06-12-2025 12 dossiers", nil, nil},
		{"inside a longer number", "2026-0612345678", nil, nil},
		{"amount", "0612345678,00", nil, nil},
		{"customer number", "klantnummer 0123456789", nil, []string{"nummer:0123456789"}},
		{"reference word in odd capitals", "ZAAknR!0100000000", nil, []string{"nummer:0100000000"}},
		{"reference word inside a name", "ZAAknR aA 0100000000", nil, []string{"organisatie:ZAAknR aA", "nummer:0100000000"}},
		{"after a year", "in 2026 0612345678 gebeld", nil, []string{"telefoonnummer:0612345678"}},
		{"plus inside a word", "a+31612345678", nil, nil},
		{"not 00 abroad", "0032 470 12 34 56", nil, nil},
	})
}

func TestFindAddress(t *testing.T) {
	runFind(t, []findTest{
		{"street, number, postcode", "Kerkstraat 12, 1234 AB Utrecht", nil, []string{"adres:Kerkstraat 12, 1234 AB", "plaats:Utrecht"}},
		{"no comma", "Kerkstraat 12 1234AB Utrecht", nil, []string{"adres:Kerkstraat 12 1234AB"}},
		{"postcode then number", "1234 AB 12", nil, []string{"adres:1234 AB 12"}},
		{"postcode, huisnummer", "postcode 1234AB huisnummer 7a", nil, []string{"adres:1234AB huisnummer 7a"}},
		{"letter block", "A. de Boer\nKerkstraat 12\n1234 AB  UTRECHT", nil, []string{"naam:A. de Boer", "adres:Kerkstraat 12\n1234 AB", "plaats:UTRECHT"}},
		{"multi-word street", "Laan van Meerdervoort 51, 2517 AB Den Haag", nil, []string{"adres:Laan van Meerdervoort 51, 2517 AB", "plaats:Den Haag"}},
		{"street with particle", "op de Burgemeester de Withstraat 9, 1851 KL Heiloo", nil, []string{"adres:Burgemeester de Withstraat 9, 1851 KL", "plaats:Heiloo"}},
		{"ordinal street", "1e Van der Helststraat 62-hs, 1072 NZ", nil, []string{"adres:1e Van der Helststraat 62-hs, 1072 NZ"}},
		{"addition with space", "Hoofdstraat 201 A, 5121 JE Rijen", nil, []string{"adres:Hoofdstraat 201 A, 5121 JE", "plaats:Rijen"}},
		{"bis", "Spoorlaan 3 bis, 5038 CB Tilburg", nil, []string{"adres:Spoorlaan 3 bis, 5038 CB", "plaats:Tilburg"}},
		{"street without postcode", "woont aan de Kerkstraat 12 in Utrecht", nil, []string{"adres:Kerkstraat 12", "plaats:Utrecht"}},
		{"bare suffix street", "verhuisd van Markt 3, 5401 GN Uden", nil, []string{"adres:Markt 3, 5401 GN", "plaats:Uden"}},
		{"postcode and place", "(3511 AB Utrecht)", nil, []string{"adres:3511 AB", "plaats:Utrecht"}},
		{"postcode written together", "3511AB", nil, []string{"adres:3511AB"}},
		{"postcode after the word", "postcode 3511 AB.", nil, []string{"adres:3511 AB"}},
		{"four digits only", "regio 1234", nil, nil},
		{"number and a word", "in 2024 en 2025", nil, nil},
		{"year and abbreviation", "sinds 2024 EU-breed", nil, nil},
		{"year and abbreviation at end", "in 2024 NS", nil, nil},
		{"letters SS", "1234 SS Utrecht", nil, []string{"plaats:Utrecht"}},
		{"starts with zero", "0123 AB Utrecht", nil, []string{"plaats:Utrecht"}},
		{"postbus", "Postbus 1234, 1000 AB Amsterdam", nil, nil},
		{"antwoordnummer", "Antwoordnummer 12, 1000 VB Amsterdam", nil, nil},
		{"not a street", "de Participatiewet 2015", nil, nil},
		{"city and number", "in Utrecht 12 jaar gewoond", nil, []string{"plaats:Utrecht"}},
		{"lower-case street", "kerkstraat 12", nil, nil},
		{"time after street", "Kerkstraat 12:30", nil, nil},
	})
}

func TestFindBirthDate(t *testing.T) {
	runFind(t, []findTest{
		{"geboren op", "geboren op 3 maart 1961 te Utrecht", nil, []string{"geboortedatum:3 maart 1961", "plaats:Utrecht"}},
		{"geb.", "(geb. 3-3-61)", nil, []string{"geboortedatum:3-3-61"}},
		{"geboortedatum ISO", "geboortedatum: 1961-03-03", nil, []string{"geboortedatum:1961-03-03"}},
		{"abbreviated month", "geb. 1 mrt. 1959", nil, []string{"geboortedatum:1 mrt. 1959"}},
		{"apostrophe year", "geboren 3 januari '58", nil, []string{"geboortedatum:3 januari '58"}},
		{"slashes", "geboren 05/06/1992", nil, []string{"geboortedatum:05/06/1992"}},
		{"dots", "geb.datum 07.05.2001", nil, []string{"geboortedatum:07.05.2001"}},
		{"place between", "geboren te Utrecht op 3-3-1961", nil, []string{"plaats:Utrecht", "geboortedatum:3-3-1961"}},
		{"next line of a form", "Geboortedatum\n04-07-1993", nil, []string{"geboortedatum:04-07-1993"}},
		{"before geboren", "Lucas is op 23 maart 2026 geboren.", nil, []string{"naam:Lucas", "geboortedatum:23 maart 2026"}},
		{"day and month only", "geboren op 3 maart.", nil, []string{"geboortedatum:3 maart"}},
		{"upper case", "GEB. 12-12-2002", nil, []string{"geboortedatum:12-12-2002"}},
		{"decision date", "Op 12 januari 2026 besloot het college.", nil, nil},
		{"date after the sentence", "Zij is geboren in Utrecht. Op 12 januari 2026 besloot het college.", nil, []string{"plaats:Utrecht"}},
		{"year only", "geboren in 1961", nil, nil},
		{"a rule, not a person", "geboren op of na 1 januari 1961", nil, nil},
		{"impossible date", "geboren op 31-02-1961", nil, nil},
		{"too far away", "geboren, zoals vermeld in het dossier van de gemeente, op 3 maart 1961", nil, nil},
		{"label stops the search", "geboren op [naam 1] 3 maart 1961", nil, nil},
		{"ongeboren", "het ongeboren kind, uitgerekend op 3 maart 2026", nil, nil},
	})
}

func TestFindName(t *testing.T) {
	boer := []string{"Annie de Boer"}
	runFind(t, []findTest{
		{"full name", "Annie de Boer belde.", boer, []string{"naam:Annie de Boer"}},
		{"initial", "mevrouw A. de Boer", boer, []string{"naam:A. de Boer"}},
		{"initial without space", "A.de Boer", boer, []string{"naam:A.de Boer"}},
		{"surname capitalised particle", "mevrouw De Boer", boer, []string{"naam:De Boer"}},
		{"surname all caps", "DE BOER", boer, []string{"naam:DE BOER"}},
		{"full name lower case", "annie de boer", boer, []string{"naam:annie de boer"}},
		{"surname lower case is a word", "de boer op de hoek", boer, nil},
		{"given name", "Annie zegt", boer, []string{"naam:Annie"}},
		{"given name lower case", "annie", boer, nil},
		{"list form", "De Boer, A.", boer, []string{"naam:De Boer, A."}},
		{"list form particle after", "Boer, A. de", boer, []string{"naam:Boer, A. de"}},
		{"whole words only: no party, but a farm", "Boerderij de Boerenhoeve", boer, []string{"organisatie:Boerderij de Boerenhoeve"}},
		{"relative's initial", "P. de Boer", boer, []string{"naam:P. de Boer"}},
		{"title not included", "Dhr. De Boer", boer, []string{"naam:De Boer"}},
		{"party entered as list", "mevrouw A. de Boer", []string{"Boer, A. de"}, []string{"naam:A. de Boer"}},
		{"double name and parts", "De Vries-Jansen, De Vries en Jansen", []string{"A.B. de Vries-Jansen"},
			[]string{"naam:De Vries-Jansen", "naam:De Vries", "naam:Jansen"}},
		{"maiden name last", "Jansen-de Vries", []string{"Anna Jansen-de Vries"}, []string{"naam:Jansen-de Vries"}},
		{"two particles", "J.P. van der Berg en Van der Berg", []string{"Jan Peter van der Berg"},
			[]string{"naam:J.P. van der Berg", "naam:Van der Berg"}},
		{"long initial", "Th. van Leeuwen", []string{"Theodorus van Leeuwen"}, []string{"naam:Th. van Leeuwen"}},
		{"apostrophe particle", "B. van 't Hof", []string{"Bram van 't Hof"}, []string{"naam:B. van 't Hof"}},
		{"non-ASCII", "Mw. Öztürk en ÖZTÜRK", []string{"Hatice Öztürk"}, []string{"naam:Öztürk", "naam:ÖZTÜRK"}},
		{"title in the party", "De heer Jansen", []string{"de heer P. Jansen"}, []string{"naam:Jansen"}},
		{"overlapping forms merge", "Van der Berg, J.P. van der Berg", []string{"J.P. van der Berg"},
			[]string{"naam:Van der Berg, J.P. van der Berg"}},
		{"no parties, found as a name all the same", "Annie de Boer", nil, []string{"naam:Annie de Boer"}},
	})
}

func TestFindOverlap(t *testing.T) {
	runFind(t, []findTest{
		{"e-mail holds a BSN", "123456782@example.nl", nil, []string{"e-mail:123456782@example.nl"}},
		{"e-mail holds a name", "Annie.deBoer@example.nl", []string{"Annie de Boer"}, []string{"e-mail:Annie.deBoer@example.nl"}},
		{"IBAN holds a phone-like number", "NL91 ABNA 0417 1643 00", nil, []string{"iban:NL91 ABNA 0417 1643 00"}},
		{"address swallows a name of the street", "Jansenstraat 4, 1234 AB", []string{"Piet Jansen"}, []string{"adres:Jansenstraat 4, 1234 AB"}},
	})
}
