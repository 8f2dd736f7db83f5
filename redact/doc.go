// Package redact finds personal data in Dutch text and replaces it with
// readable labels, so that a case can be published as precedent, or any
// text can leave the organisation, without the people in it.
//
// It detects BSNs that pass the eleven-test, IBANs that pass mod-97,
// e-mail addresses, Dutch phone numbers, addresses (postcode and house
// number, street and house number), dates of birth, the names of the
// case's parties and of everyone else, places of residence, organisations
// that locate a person, ages, case and client numbers and licence plates,
// and web addresses, and replaces them by "[BSN]", "[IBAN]", "[e-mail]",
// "[telefoonnummer]", "[adres]", "[geboortedatum]", "[naam 1]", "[naam 2]"
// …, "[plaats]", "[organisatie]", "[leeftijd]", "[nummer]" and "[url]":
//
//	Mevrouw A. de Boer (BSN 111222333) woont op Kerkstraat 12, 1234 AB Utrecht.
//	Mevrouw [naam 1] (BSN [BSN]) woont op [adres] [plaats].
//
// Context carries what the caller knows of the case: the parties, numbered
// in their order, and the names that may stay (the deciding organisation).
// Names, places and organisations are told from ordinary words by the words
// around them and by embedded lists (data/README.md): Dutch words from
// OpenTaal, given names and surnames, Dutch and Belgian places from
// GeoNames.
//
// Find reports what it would replace; a reviewer sees it, adds spans of
// its own (any Kind, or Other for "[weggelakt]") and Apply replaces them
// all. Detection is tuned for precision on purpose where a kind has no
// checksum: dates that are not dates of birth stay (a decision date is what
// precedent needs), four digits alone are not a postcode. How well it works
// is measured, not assumed: the tests run it over labelled corpora of
// Dutch case-file snippets (testdata/corpus.txt, testdata/corpus-identities.txt)
// and fail below the goals of docs/decisions/0010-redaction.md and
// docs/decisions/0014-de-identification.md.
//
// The package is pure — no I/O, no globals that change (the lists are read
// once, on first use) — and fast: it reads each text in a few passes of
// hand-written scanners, without regular expressions.
package redact
