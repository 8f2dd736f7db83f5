package redact

import (
	"strings"
	"unicode/utf8"
)

// postcode looks at the four digits at byte p for a Dutch postcode and the
// address around it. A postcode is four digits, the first not 0, and two
// letters: upper case after a space ("1234 AB"; "1234 en" is a number and
// a word), either case when written together ("1234AB", "1234ab"). PostNL
// never uses the letter pairs SA, SD and SS, so those are not postcodes.
//
// The address is the postcode with the house number before it ("Kerkstraat
// 12, 1234 AB", with the street) or after it ("1234 AB 12", "postcode
// 1234AB huisnummer 7a"). A postcode without a house number is redacted too
// when it is plainly one — written together, after the word "postcode" or
// before a place name ("1234 AB Utrecht") — because six positions of
// postcode cover only about eight addresses, which is too few to publish.
// Four digits alone ("regio 1234") are not a postcode. A postcode after a
// Postbus or Antwoordnummer is an organisation's and is left alone.
func (s *scanner) postcode(p int) {
	t := s.text
	if t[p] == '0' || p+4 > len(t) {
		return
	}
	j := p + 4
	glued := false
	switch {
	case j+1 < len(t) && isASCIILetter(t[j]) && isASCIILetter(t[j+1]) && isUpper(t[j]) == isUpper(t[j+1]):
		glued = true
	default:
		j += spaceAt(t, j)
		if j+1 >= len(t) || !isUpper(t[j]) || !isUpper(t[j+1]) {
			return
		}
	}
	end := j + 2
	if alnumAt(t, end) || end+1 < len(t) && t[end] == '-' && alnumAt(t, end+1) {
		return
	}
	switch strings.ToUpper(t[j:end]) {
	case "SA", "SD", "SS":
		return
	}
	if start, ok := s.numberBefore(p); ok {
		if start >= 0 {
			s.add(Address, start, end)
		}
		return
	}
	if numEnd, ok := numberAfter(t, end); ok {
		s.add(Address, p, numEnd)
		return
	}
	if glued || hasWordBefore(s.folded, p, []string{"postcode"}) || placeAfter(t, end) {
		s.add(Address, p, end)
	}
}

// numberBefore looks for the house number (and street) before a postcode
// at byte p: "Kerkstraat 12, 1234 AB", "12 1234AB", "Kerkstraat 12\n1234 AB".
// It returns the start of the address; ok with start -1 means a Postbus.
func (s *scanner) numberBefore(p int) (start int, ok bool) {
	t := s.text
	q := gapStartBefore(t, p)
	if q == p {
		return 0, false
	}
	j := houseNumberStart(t, q)
	if j == q || !isDigit(t[j]) || gluedLeft(t, j) {
		return 0, false
	}
	if end, ok := parseHouseNumber(t, j); !ok || end != q {
		return 0, false
	}
	if hasWordBefore(s.folded, j, []string{"postbus", "antwoordnummer"}) {
		return -1, true
	}
	if st, ok := streetBefore(t, s.folded, j, false); ok {
		return st, true
	}
	return j, true
}

// gapStartBefore returns where the gap between a house number and the
// postcode at byte p of t starts: white space with at most one line break,
// and a comma with spaces after it ("12, 1234 AB", "12\n1234 AB"). It
// returns p if there is no gap.
func gapStartBefore(t string, p int) int {
	i := p
	newline := false
	for i > 0 && p-i < maxLook {
		c := t[i-1]
		if c == ' ' || c == '\t' || c == '\r' {
			i--
			continue
		}
		if c == '\n' && !newline {
			newline = true
			i--
			continue
		}
		if n := spaceBefore(t, i); n > 0 {
			i -= n
			continue
		}
		break
	}
	if i > 0 && t[i-1] == ',' {
		i--
		for i > 0 && (t[i-1] == ' ' || t[i-1] == '\t') {
			i--
		}
	}
	return i
}

// houseNumberStart returns where the house number ending at byte q of t
// starts, with an addition written against it or after a space ("12a",
// "12-2", "12 A", "3 bis"); the caller checks that it is one.
func houseNumberStart(t string, q int) int {
	j := q
	for j > 0 && q-j < maxLook && (isDigit(t[j-1]) || isASCIILetter(t[j-1]) || t[j-1] == '-') {
		j--
	}
	if j < q && q-j <= 3 && isASCIILetter(t[j]) && spaceBefore(t, j) == 1 && j >= 2 && isDigit(t[j-2]) {
		j -= 2 // "12 A", "3 bis"
		for j > 0 && q-j < maxLook && isDigit(t[j-1]) {
			j--
		}
	}
	return j
}

// numberAfter looks for the house number after a postcode ending at byte
// i: "1234 AB 12", "1234AB, 12", "1234AB huisnummer 7a", "1234 AB nr. 3".
func numberAfter(t string, i int) (int, bool) {
	j := i
	if j < len(t) && t[j] == ',' {
		j++
	}
	j += spaceAt(t, j)
	if j == i {
		return 0, false
	}
	low := strings.ToLower(t[j:min(len(t), j+16)])
	for _, w := range []string{"huisnummer", "huisnr.", "huisnr", "nr.", "nr", "no."} {
		if strings.HasPrefix(low, w) && !alnumAt(t, j+len(w)) {
			j += len(w)
			if j < len(t) && t[j] == ':' {
				j++
			}
			j += spaceAt(t, j)
			break
		}
	}
	if j >= len(t) || !isDigit(t[j]) {
		return 0, false
	}
	return parseHouseNumber(t, j)
}

// placeAfter reports whether a capitalised word, a place name, follows a
// postcode ending at byte i: "1234 AB Utrecht", "1234 AB  UTRECHT".
func placeAfter(t string, i int) bool {
	n := spaceAt(t, i)
	if n == 0 {
		return false
	}
	i += n
	i += spaceAt(t, i)
	return upperAt(t, i) && alnumAt(t, i+1) || strings.HasPrefix(t[i:], "'s-") || strings.HasPrefix(t[i:], "’s-")
}

// parseHouseNumber reads a house number at byte i of t: one to five
// digits, not starting with 0, and perhaps an addition — letters written
// against it ("12a", "12hs", "12bis"), a hyphen and up to four letters or
// digits ("12-2", "12-hs", "12-III") or, after a space, one capital, "bis",
// "hs" or a Roman numeral ("12 A", "3 bis").
func parseHouseNumber(t string, i int) (int, bool) {
	j := digitsEnd(t, i)
	if j == i || j-i > 5 || t[i] == '0' {
		return 0, false
	}
	end, ok := houseNumberAddition(t, j)
	if !ok || end == j && gluedRight(t, j) {
		return 0, false
	}
	return end, true
}

// houseNumberAddition reads the addition after the digits of a house
// number ending at byte j of t and returns its end, j if there is none. It
// reports false when letters written against the number make it a word
// or a code ("12abcd").
func houseNumberAddition(t string, j int) (int, bool) {
	switch {
	case j < len(t) && isASCIILetter(t[j]):
		return gluedAddition(t, j)
	case j+1 < len(t) && t[j] == '-' && (isDigit(t[j+1]) || isASCIILetter(t[j+1])):
		return hyphenAddition(t, j), true
	case j+1 < len(t) && t[j] == ' ':
		return spacedAddition(t, j), true
	}
	return j, true
}

// gluedAddition reads up to three letters written against a house number
// at byte j of t ("12a", "12hs", "12bis").
func gluedAddition(t string, j int) (int, bool) {
	k := j
	for k < len(t) && isASCIILetter(t[k]) {
		k++
	}
	if k-j > 3 || alnumAt(t, k) {
		return 0, false
	}
	return k, true
}

// hyphenAddition reads up to four letters or digits after the hyphen at
// byte j of t ("12-2", "12-hs", "12-III") and returns their end, or j if
// there are more or they run on into a word.
func hyphenAddition(t string, j int) int {
	k := j + 1
	for k < len(t) && (isDigit(t[k]) || isASCIILetter(t[k])) {
		k++
	}
	if k-j-1 <= 4 && !alnumAt(t, k) {
		return k
	}
	return j
}

// spacedAddition reads a separate addition after the space at byte j of t
// ("12 A", "3 bis", "44 III"), when it stands alone before a comma, a
// space or the end of the line, and returns its end, or j if there is
// none.
func spacedAddition(t string, j int) int {
	k := j + 1
	for k < len(t) && isASCIILetter(t[k]) {
		k++
	}
	add := t[j+1 : k]
	ok := len(add) == 1 && isUpper(add[0]) || add == "bis" || add == "hs" || add == "II" || add == "III" || add == "IV"
	if ok && (k == len(t) || t[k] == ' ' || t[k] == ',' || t[k] == '\n' || t[k] == '\r') {
		return k
	}
	return j
}

// streetNumber looks for a street name with a house number at byte p:
// "Kerkstraat 12", "Laan van Meerdervoort 51", also without a postcode,
// because "Kerkstraat 12 in Utrecht" is an address all the same. Without a
// postcode the street must be recognisable by its name (see streetBefore).
func (s *scanner) streetNumber(p int) {
	end, ok := parseHouseNumber(s.text, p)
	if !ok {
		return
	}
	if start, ok := streetBefore(s.text, s.folded, p, true); ok {
		s.add(Address, start, end)
	}
}

// streetBefore reads the street name that ends one space before byte h:
// up to five words, each capitalised or a lower-case particle inside the
// name ("Laan van Meerdervoort", "Burgemeester de Withstraat"), stopping at
// a word that starts a sentence or a phrase ("Op", "Mevrouw"). With
// needSuffix the name must contain a word that ends like a street
// ("-straat", "-laan", "-weg", "-plein", "-gracht", "-kade" …); that is what
// tells "Kerkstraat 12" from "Utrecht 12" or "Participatiewet 2015".
// Lower-case street names are not recognised.
func streetBefore(t, folded string, h int, needSuffix bool) (int, bool) {
	i := h - spaceBefore(t, h)
	if i == h {
		return 0, false
	}
	var ws [5]streetWord
	n := streetWordsBefore(t, folded, i, ws[:])
	// The words are nearest first; drop particles at the far end.
	for n > 0 && ws[n-1].tv {
		n--
	}
	if n == 0 || !ws[0].cap && !ws[0].suffix {
		return 0, false
	}
	return streetStart(folded, ws[:n], needSuffix)
}

// A streetWord is one word of a street name as streetBefore reads it.
type streetWord struct {
	start, end int
	cap        bool // capitalised, or an ordinal ("1e")
	tv         bool // a lower-case particle ("van", "de")
	suffix     bool // ends like a street (see streetSuffix)
}

// streetWordsBefore reads the words of a street name ending at byte i of
// t into ws, nearest first, and returns how many it read: words one space
// apart, capitalised or lower-case particles, up to a word that starts a
// sentence or a phrase.
func streetWordsBefore(t, folded string, i int, ws []streetWord) int {
	n := 0
	for n < len(ws) {
		j := streetWordStart(t, i)
		if j == i {
			break
		}
		w := folded[j:i]
		cap := upperAt(t, j) || ordinal(w)
		tv := particles[w]
		if cap && streetStop[w] || !cap && !tv {
			break
		}
		ws[n] = streetWord{start: j, end: i, cap: cap, tv: tv && !cap, suffix: streetSuffix(w)}
		n++
		sp := spaceBefore(t, j)
		if sp == 0 {
			break
		}
		i = j - sp
	}
	return n
}

// streetWordStart returns the start of the word of a street name (letters,
// digits, hyphens and apostrophes) that ends at byte i of t, looking back
// at most maxLook bytes.
func streetWordStart(t string, i int) int {
	j := i
	for j > 0 && i-j < maxLook {
		r, size := utf8.DecodeLastRuneInString(t[:j])
		if !wordRune(r) && r != '-' && r != '\'' && r != '’' {
			break
		}
		j -= size
	}
	return j
}

// streetStart chooses where the street name starts among the words ws
// read before a house number, nearest first (the nearest is capitalised or
// ends like a street).
func streetStart(folded string, ws []streetWord, needSuffix bool) (int, bool) {
	n := len(ws)
	last := -1
	for k := range n {
		if ws[k].suffix {
			last = k
		}
	}
	switch {
	case last >= 0 && bareSuffix(folded[ws[last].start:ws[last].end]):
		// A street named by the bare word ("Markt", "Grote Markt", "Laan
		// van Meerdervoort") takes only adjectives before it, never a
		// particle: in "I. Smulders van Markt 3" the street is "Markt".
		far := last
		for far+1 < n && far < last+2 && ws[far+1].cap && !particles[folded[ws[far+1].start:ws[far+1].end]] {
			far++
		}
		return ws[far].start, true
	case last >= 0:
		// Keep at most three capitalised words before the one with the
		// suffix ("Eerste Constantijn Huygensstraat").
		far := min(n-1, last+3)
		for far > last && ws[far].tv {
			far--
		}
		return ws[far].start, true
	case needSuffix:
		return 0, false
	}
	far := min(n-1, 2)
	for far > 0 && ws[far].tv {
		far--
	}
	return ws[far].start, true
}

// ordinal reports whether a folded word is a number in a street name:
// "1e" in "1e Van der Helststraat", "2de", "3ste".
func ordinal(w string) bool {
	i := 0
	for i < len(w) && isDigit(w[i]) {
		i++
	}
	if i == 0 || i > 2 {
		return false
	}
	switch w[i:] {
	case "e", "de", "ste":
		return true
	}
	return false
}

// particles are the lower-case words inside Dutch street and person names.
// Prepositions ("aan", "op") are left out: "woont aan de Kerkstraat" must
// not take the word before "aan" into the street.
var particles = map[string]bool{
	"van": true, "de": true, "der": true, "den": true, "het": true, "'t": true, "’t": true,
	"ten": true, "ter": true, "te": true,
}

// streetStop holds capitalised words that start a sentence or phrase
// before an address rather than belong to the street's name.
var streetStop = map[string]bool{
	"op": true, "in": true, "aan": true, "naar": true, "bij": true, "via": true, "te": true,
	"een": true, "adres": true, "woonadres": true, "postadres": true, "bezoekadres": true,
	"correspondentieadres": true, "verblijfsadres": true, "briefadres": true, "mevrouw": true,
	"meneer": true, "heer": true, "dhr": true, "mw": true, "mevr": true, "zij": true, "hij": true,
	"wij": true, "ik": true, "u": true, "vanaf": true, "sinds": true, "per": true, "en": true,
	"of": true, "tot": true, "voor": true, "nabij": true, "tegenover": true, "woont": true,
	"betrokkene": true, "cliënt": true, "client": true, "aanvrager": true, "belanghebbende": true,
	"verzoeker": true, "verzoekster": true, "appellant": true, "eiser": true, "eiseres": true,
	"postbus": true, "antwoordnummer": true, "locatie": true, "plaats": true, "straat": true,
	"woning": true, "pand": true, "perceel": true, "huisnummer": true, "nummer": true, "nr": true,
}

// streetSuffixes end the last word of most Dutch street names.
var streetSuffixes = []string{
	"straat", "laan", "weg", "plein", "gracht", "kade", "singel", "dijk", "steeg", "hof",
	"pad", "park", "dreef", "markt", "plantsoen", "baan", "wal", "veld", "zijde", "haven",
	"vaart", "boulevard", "poort", "hoven", "allee", "dwarsstraat", "straatje", "pleintje",
	"burgwal", "wetering", "oever", "erf", "hage", "akker", "weide", "dreve", "stoep",
}

// notStreets end like a street but are not one.
var notStreets = map[string]bool{
	"gerechtshof": true, "werkveld": true, "speelveld": true, "beleidsveld": true,
	"loopbaan": true, "bederf": true, "verderf": true, "onderweg": true,
}

// bareSuffix reports whether a folded word is a street suffix on its own
// ("markt", "laan"), not a name ending in one ("kerkstraat").
func bareSuffix(w string) bool {
	for _, suf := range streetSuffixes {
		if w == suf {
			return true
		}
	}
	return false
}

// streetSuffix reports whether a folded word names a street by its ending
// ("kerkstraat"), or is one of the few well-known names without one.
func streetSuffix(w string) bool {
	switch w {
	case "dam", "damrak", "rokin", "spui", "ring", "lijnbaan", "coolsingel", "kalverstraat":
		return true
	}
	if notStreets[w] {
		return false
	}
	for _, suf := range streetSuffixes {
		if strings.HasSuffix(w, suf) {
			return true
		}
	}
	return false
}
