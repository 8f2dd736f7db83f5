// Package redact finds personal data in Dutch text and replaces it with
// readable labels, so that a case can be published as precedent, or any
// text can leave the organisation, without the people in it.
//
// It detects BSNs that pass the eleven-test, IBANs that pass mod-97,
// e-mail addresses, Dutch phone numbers, addresses (postcode and house
// number, street and house number), dates of birth and the names of the
// case's parties, and replaces them by "[BSN]", "[IBAN]", "[e-mail]",
// "[telefoonnummer]", "[adres]", "[geboortedatum]" and "[naam 1]",
// "[naam 2]" …:
//
//	Mevrouw A. de Boer (BSN 111222333) woont op Kerkstraat 12, 1234 AB Utrecht.
//	Mevrouw [naam 1] (BSN [BSN]) woont op [adres] Utrecht.
//
// Find reports what it would replace; a reviewer sees it, adds spans of
// its own (any Kind, or Other for "[weggelakt]") and Apply replaces them
// all. Detection is tuned for precision on purpose where a kind has no
// checksum: dates that are not dates of birth stay (a decision date is what
// precedent needs), four digits alone are not a postcode. How well it works
// is measured, not assumed: the tests run it over a labelled corpus of
// Dutch case-file snippets (testdata/corpus.txt) and fail below the goals
// of docs/decisions/0010-redaction.md.
//
// The package is pure — no I/O, no globals that change — and fast: it reads
// each text in a few passes of hand-written scanners, without regular
// expressions.
package redact
