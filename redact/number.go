package redact

import "strings"

// referenceKeys are the words after which a case, file, client or dossier
// number of a person follows ("zaaknummer 2026-004417", "uw kenmerk:
// AU-774312", "kenteken 12-ABC-3"). Numbers of organisations (KvK, RSIN,
// btw-nummer, vestigingsnummer) and of documents that are no one's
// (factuur- and ordernummers of a supplier) are not among them.
var referenceKeys = map[string]bool{
	"zaaknummer": true, "zaaknr": true, "dossiernummer": true, "dossiernr": true, "klantnummer": true,
	"klantnr": true, "cliëntnummer": true, "clientnummer": true, "cliëntnr": true, "clientnr": true,
	"relatienummer": true, "relatienr": true, "registratienummer": true, "referentienummer": true,
	"referentie": true, "kenmerk": true, "aanvraagnummer": true, "polisnummer": true,
	"debiteurnummer": true, "debiteurennummer": true, "contractnummer": true, "personeelsnummer": true,
	"werknemersnummer": true, "leerlingnummer": true, "leerlingnr": true, "studentnummer": true,
	"patiëntnummer": true, "patientnummer": true, "verzekerdennummer": true, "lidnummer": true,
	"pasnummer": true, "documentnummer": true, "paspoortnummer": true, "rijbewijsnummer": true,
	"vreemdelingennummer": true, "v-nummer": true, "parketnummer": true, "pv-nummer": true,
	"proces-verbaalnummer": true, "bvh-nummer": true, "cjib-nummer": true, "beschikkingsnummer": true,
	"betalingskenmerk": true, "meldingsnummer": true, "kenteken": true,
	"zaak-id": true, "zaakid": true, "aanslagnummer": true, "inschrijfnummer": true,
	"cliëntnr.": true, "dossier": true, "zaak": true, "bsn-dossier": true, "klantreferentie": true,
	"kenmerknummer": true, "registratiekenmerk": true, "uitkeringsnummer": true,
	"zorgverzekeringsnummer": true, "verzekeringsnummer": true, "huurnummer": true,
	"contractnr": true, "dossiernr.": true, "rolnummer": true, "zaaknummers": true,
}

// referenceFillers may stand between the word and the number ("dossier
// nr. 123", "kenmerk is 123", "zaak no. 12").
var referenceFillers = map[string]bool{"nr": true, "nummer": true, "is": true, "no": true, "nummers": true, "id": true}

// references finds the numbers after referenceKeys: the first token
// with a digit among the next three, read as a code of letters, digits
// and the signs that join them ("2026/0417", "AU-774312", "Z.2024.123").
func (s *scanner) references(toks []token) {
	for k, t := range toks {
		if !referenceKey(t.key) {
			if s.codeShape(t) {
				s.add(Number, t.start, codeEnd(s.text, t.start))
			}
			continue
		}
		for m := k + 1; m < len(toks) && m <= k+3; m++ {
			u := toks[m]
			if u.gap == gapLine && !strings.HasSuffix(strings.TrimSpace(s.text[toks[m-1].end:u.start]), ":") || u.gap == gapOther {
				break
			}
			if u.digit {
				if end := codeEnd(s.text, u.start); end > u.start {
					s.add(Number, u.start, end)
				}
				break
			}
			if !referenceFillers[trimDots(u.key)] {
				break
			}
		}
	}
}

// referenceKey reports whether a folded word announces a reference:
// one of referenceKeys, or a compound ending in one ("ww-dossier",
// "studieschuldnummer"), or the English "number".
func referenceKey(key string) bool {
	if referenceKeys[key] || key == "number" || key == "reference" {
		return true
	}
	for _, suf := range []string{"nummer", "dossier", "kenmerk", "referentie"} {
		if len(key) > len(suf) && key[len(key)-len(suf):] == suf && !organisationNumber(key) {
			return true
		}
	}
	return false
}

// organisationNumber reports whether a word ending in "nummer" names a
// number of an organisation or of no one: KvK, RSIN, btw, a phone number.
func organisationNumber(key string) bool {
	switch key {
	case "kvk-nummer", "kvknummer", "rsin-nummer", "btw-nummer", "btwnummer", "vestigingsnummer",
		"telefoonnummer", "huisnummer", "loonheffingennummer", "artikelnummer", "factuurnummer",
		"ordernummer", "kamerstuknummer", "volgnummer", "faxnummer", "mobiele-nummer", "iban-nummer",
		"rekeningnummer", "antwoordnummer", "postbusnummer", "bsn-nummer", "loonheffingsnummer",
		"serienummer", "goednummer", "framenummer", "meetnummer", "apparaatnummer", "rapportnummer",
		"lrk-nummer", "agb-nummer", "noodnummer", "ticketnummer", "kvk-dossiernummer", "burgerservicenummer", "sofinummer", "sofi-nummer":
		return true
	}
	return false
}

// codeShape reports whether a token is a reference by its shape alone:
// groups joined by hyphens or slashes, one of capital letters and five
// digits or more in all ("WW-8841207", "KB/EXP/2026/0091",
// "6120-WW-88453"). Licence plates have their own detector.
func (s *scanner) codeShape(t token) bool {
	if !t.digit && !t.upper || t.start > 0 && (s.text[t.start-1] == '-' || s.text[t.start-1] == '/') {
		return false
	}
	end := codeEnd(s.text, t.start)
	w, _, _ := strings.Cut(s.text[t.start:end], " ")
	digits, upperGroup, seps := 0, false, 0
	for g := range strings.FieldsFuncSeq(w, func(r rune) bool { return r == '-' || r == '/' }) {
		seps++
		letters, lower := 0, false
		for i := 0; i < len(g); i++ {
			switch c := g[i]; {
			case isDigit(c):
				digits++
			case isUpper(c):
				letters++
			case c == '.' || c == '_':
			default:
				lower = true
			}
		}
		if lower {
			return false
		}
		upperGroup = upperGroup || letters >= 1 && letters == len(g)
	}
	return seps >= 2 && upperGroup && digits >= 5 && (isUpper(w[0]) || longestDigits(w) >= 5)
}

// longestDigits returns the length of the longest run of digits in w.
func longestDigits(w string) int {
	best, run := 0, 0
	for i := 0; i < len(w); i++ {
		if isDigit(w[i]) {
			run++
			best = max(best, run)
		} else {
			run = 0
		}
	}
	return best
}

// codeEnd returns the end of a code starting at byte i: letters, digits
// and '-', '/', '.', '_' between them, at most 40 bytes.
func codeEnd(t string, i int) int {
	j := i
	for j < len(t) && j-i < 40 {
		switch c := t[j]; {
		case isDigit(c) || isASCIILetter(c):
			j++
		case (c == '-' || c == '/' || c == '.' || c == '_') && j+1 < len(t) && (isDigit(t[j+1]) || isASCIILetter(t[j+1])):
			j++
		case c == ' ' && j > i && isDigit(t[j-1]) && j+1 < len(t) && isDigit(t[j+1]):
			j++ // "1234 5678 9012 3456": groups of digits
		default:
			return j
		}
	}
	return j
}

// plateShapes are the Dutch licence plates' side codes: L a letter, 9 a
// digit, in groups joined by hyphens.
var plateShapes = map[string]bool{
	"LL-99-99": true, "99-99-LL": true, "99-LL-99": true, "LL-99-LL": true, "LL-LL-99": true,
	"99-LL-LL": true, "99-LLL-9": true, "9-LLL-99": true, "LL-999-L": true, "L-999-LL": true,
	"LLL-99-L": true, "L-99-LLL": true, "9-LL-999": true, "999-LL-9": true,
}

// plates finds Dutch licence plates: a token of the shape of a side code
// with capital letters ("XX-99-99", "99-XXX-9", "K-123-AB").
func (s *scanner) plates(toks []token) {
	var shape [9]byte
	for _, t := range toks {
		n := t.end - t.start
		if !t.digit || n < 8 || n > 8 || strings.Count(t.key, "-") != 2 {
			continue
		}
		w := s.text[t.start:t.end]
		ok := true
		for i := 0; i < n && ok; i++ {
			switch c := w[i]; {
			case isDigit(c):
				shape[i] = '9'
			case isUpper(c):
				shape[i] = 'L'
			case c == '-':
				shape[i] = '-'
			default:
				ok = false
			}
		}
		if ok && plateShapes[string(shape[:n])] {
			s.add(Number, t.start, t.end)
		}
	}
}
