package redact

import (
	"slices"
	"strings"
	"unicode/utf8"
)

// phoneFrom looks for a phone number starting at group gs[k], or at the
// '+' or '(' right before the first group, and adds it as a phone number,
// or as a reference number when a reference word names it.
func (s *scanner) phoneFrom(gs []group, k int) {
	start, end, ok := s.phoneAt(gs, k)
	if !ok {
		return
	}
	// A reference word names the number right after it; when another
	// number stands between them ("zaaknr 0!0100000000"), that one is the
	// reference, and once labelled it would no longer shield this one: a
	// second pass would find the phone number (found by fuzzing). A
	// shielded number is redacted as a reference all the same: the word
	// may itself become a label ("ZAAknR aA 0100000000") and then no
	// longer shield it.
	p := gs[k].start
	if j := s.wordNear(p, referenceWords); j >= 0 && !strings.ContainsAny(s.text[j:p], "0123456789") {
		s.add(Number, start, end)
		return
	}
	s.add(Phone, start, end)
}

// phoneAt returns the span of the phone number starting at group gs[k],
// or at the '+' or '(' right before the first group.
func (s *scanner) phoneAt(gs []group, k int) (start, end int, ok bool) {
	t := s.text
	p := gs[k].start
	if k == 0 && p > 0 && (t[p-1] == '+' || t[p-1] == '(') && !alnumBefore(t, p-1) {
		if end, ok := parsePhone(t, p-1); ok {
			return p - 1, end, true
		}
	}
	if t[p] == '0' {
		if end, ok := parsePhone(t, p); ok {
			return p, end, true
		}
	}
	return 0, 0, false
}

// referenceWords name numbers that look like phone numbers but are the
// organisation's references ("klantnummer 0123456789").
var referenceWords = []string{
	"klantnummer", "klantnr", "kenmerk", "dossiernummer", "dossiernr", "zaaknummer", "zaaknr",
	"factuurnummer", "relatienummer", "polisnummer", "contractnummer", "referentie",
	"referentienummer", "registratienummer", "volgnummer", "ordernummer", "aanslagnummer",
	"betalingskenmerk", "vestigingsnummer", "v-nummer", "verzekerdennummer", "documentnummer",
}

// holdsReferenceWord reports whether key, a word in lower case, holds one
// of the referenceWords as a run of ASCII letters, as wordNear reads it
// ("zaaknr", and the "zaaknr" in "zaaknrѡ"). Such a word is never taken
// for an organisation's name: labelled, it would no longer shield its
// number, and a second pass would find a phone number (found by fuzzing:
// "ZAAknR!0100000000").
func holdsReferenceWord(key string) bool {
	for run := range strings.FieldsFuncSeq(key, func(r rune) bool { return r >= utf8.RuneSelf || !isASCIILetter(byte(r)) && r != '-' }) {
		if slices.Contains(referenceWords, strings.Trim(run, "-")) {
			return true
		}
	}
	return false
}

// A pgroup is one group of digits of a phone number as written.
type pgroup struct {
	start, end int
	n          int    // digits read up to and including this group
	sep        string // the separator after it, "" for the last
	strong     bool
}

// parsePhone reads a phone number starting at byte p of t and returns its
// end. It recognises:
//
//   - national numbers: ten digits starting with 0 and a non-zero digit,
//     in any grouping ("06-12345678", "06 1234 5678", "020 123 4567",
//     "010-1234567", "(020) 123 45 67", "088 - 123 45 67"), except the
//     0800/0900/0906/0909 service numbers, which belong to organisations
//     (and have 8 or 11 digits anyway);
//   - +31 and 0031 followed by nine digits, with or without the trunk zero
//     written as "(0)" or glued on ("+31 (0)6 12345678", "+31(0)20-1234567",
//     "0031 6 12345678", "+310612345678");
//   - other international numbers: '+', a country code and in all 9 to 15
//     digits (E.164), such as "+32 470 12 34 56". Foreign numbers written
//     with 00 are not recognised: "00" starts too many other numbers.
//
// A candidate is rejected when the digits go on after it (a strong
// separator and more digits, a letter, a decimal comma, a colon and
// minutes) and when its first groups are a date ("06-12-2025 11:30" has
// ten digits and starts with 0).
func parsePhone(t string, p int) (int, bool) {
	var r phoneRead
	if !r.read(t, p) {
		return 0, false
	}
	d := string(r.digits[:r.n])
	ok := func(g int) bool { return r.mayEndAfter(t, g) }
	switch {
	case r.plus && strings.HasPrefix(d, "31"):
		return dutchIntl(r.groups(), 2, r.trunk, d, ok)
	case r.plus:
		return r.foreignEnd(t)
	case strings.HasPrefix(d, "0031"):
		return dutchIntl(r.groups(), 4, false, d, ok)
	case strings.HasPrefix(d, "00") || len(d) < 2:
		return 0, false
	}
	return r.nationalEnd(t, d)
}

// A phoneRead is a phone number candidate as read from the text: its
// groups of digits, the digits themselves and how it was written. It is
// kept in fixed arrays so that reading a candidate allocates nothing.
type phoneRead struct {
	gs     [16]pgroup
	ng     int
	digits [20]byte
	n      int
	plus   bool // written with a leading '+'
	trunk  bool // the trunk zero written as "(0)" after the country code
	more   bool // digits go on after the last group read
}

// groups returns the groups read.
func (r *phoneRead) groups() []pgroup { return r.gs[:r.ng] }

// push appends a group that has been read.
func (r *phoneRead) push(g pgroup) {
	r.gs[r.ng] = g
	r.ng++
}

// read reads the groups of a candidate starting at byte p of t: a '+' or
// '(' and then groups of digits, as long as a separator and another digit
// follow. It reports false when the text at p cannot start a phone number
// (no digit, an area code whose ')' is missing).
func (r *phoneRead) read(t string, p int) bool {
	i := p
	paren := false
	switch t[i] {
	case '+':
		r.plus = true
		i++
	case '(':
		paren = true
		i++
	}
	for {
		if !digitAt(t, i) {
			return false
		}
		j := digitsEnd(t, i)
		if r.ng == len(r.gs) || r.n+j-i > len(r.digits) {
			// Longer than any phone number: stop reading; the groups read
			// so far may still end one ("0612345678 0 0612345678 …").
			r.more = true
			return r.ng > 0
		}
		g := r.group(t, i, j)
		i = j
		if paren {
			// "(020) 123 45 67": the area code must be closed, and the
			// number may go on after it without a separator of its own.
			paren = false
			next, closed := afterAreaCode(t, i)
			if !closed {
				return false
			}
			if !digitAt(t, next) {
				r.push(g)
				return true
			}
			g.sep = t[i:next]
			r.push(g)
			i = next
			continue
		}
		if r.plus && !r.trunk && r.ng <= 1 {
			if next, ok := trunkZeroAfter(t, i); ok {
				r.trunk = true
				g.sep = t[i:next]
				r.push(g)
				i = next
				continue
			}
		}
		m, strong := sepAt(t, i)
		if m == 0 {
			r.push(g)
			return true
		}
		g.sep, g.strong = t[i:i+m], strong
		r.push(g)
		i += m
	}
}

// group records the digits t[i:j] and returns their group, without its
// separator.
func (r *phoneRead) group(t string, i, j int) pgroup {
	g := pgroup{start: i, end: j}
	for ; i < j; i++ {
		r.digits[r.n] = t[i]
		r.n++
	}
	g.n = r.n
	return g
}

// mayEndAfter reports whether a number may end after group g. After the
// last group read, unless reading stopped on length, the text must not run
// on into a word, a decimal part or a time; after any other group the
// separator must not be strong, or the digits after it belong to the
// number too.
func (r *phoneRead) mayEndAfter(t string, g int) bool {
	if g == r.ng-1 && !r.more {
		return !gluedRight(t, r.gs[g].end)
	}
	return !r.gs[g].strong
}

// foreignEnd returns the end of an international number other than a
// Dutch one: the longest run of groups from the start that holds 9 to 15
// digits in all (E.164) and may end there.
func (r *phoneRead) foreignEnd(t string) (int, bool) {
	for g := r.ng - 1; g >= 0; g-- {
		if r.gs[g].n >= 9 && r.gs[g].n <= 15 && r.mayEndAfter(t, g) {
			return r.gs[g].end, true
		}
	}
	return 0, false
}

// nationalEnd returns the end of a national number with digits d: the
// first ten digits, starting with the trunk zero, if a group ends there
// and they are neither a service number nor a date.
func (r *phoneRead) nationalEnd(t, d string) (int, bool) {
	if d[0] != '0' || r.trunk {
		return 0, false
	}
	for g := range r.ng {
		if r.gs[g].n < 10 {
			continue
		}
		if r.gs[g].n > 10 || !r.mayEndAfter(t, g) || serviceNumber(d[1:]) || looksLikeDate(t, r.groups()) {
			return 0, false
		}
		return r.gs[g].end, true
	}
	return 0, false
}

// afterAreaCode checks the ')' that must close an area code at byte i of t
// and returns the byte after it and a space that may follow.
func afterAreaCode(t string, i int) (next int, closed bool) {
	if i >= len(t) || t[i] != ')' {
		return 0, false
	}
	return i + 1 + spaceAt(t, i+1), true
}

// trunkZeroAfter looks for the trunk zero written as "(0)" after a country
// code ending at byte i of t ("+31 (0)6 …") and returns the byte of the
// digit after it.
func trunkZeroAfter(t string, i int) (int, bool) {
	j := i + spaceAt(t, i)
	if !strings.HasPrefix(t[j:], "(0)") {
		return 0, false
	}
	j += 3
	j += spaceAt(t, j)
	return j, digitAt(t, j)
}

// digitAt reports whether an ASCII digit is at byte i of t.
func digitAt(t string, i int) bool { return i < len(t) && isDigit(t[i]) }

// digitsEnd returns the end of the run of digits starting at byte i of t.
func digitsEnd(t string, i int) int {
	for i < len(t) && isDigit(t[i]) {
		i++
	}
	return i
}

// dutchIntl checks a +31 or 0031 number whose country code ends at digit
// cc: nine digits must follow, after a trunk zero if one is written.
func dutchIntl(gs []pgroup, cc int, trunk bool, d string, ok func(int) bool) (int, bool) {
	first := cc
	if !trunk && len(d) > cc && d[cc] == '0' {
		first++ // "+310612345678": the trunk zero written by mistake
	}
	for g := range gs {
		sub := gs[g].n - first
		if sub < 9 {
			continue
		}
		if sub > 9 || d[first] == '0' || !ok(g) || serviceNumber(d[first:]) {
			return 0, false
		}
		return gs[g].end, true
	}
	return 0, false
}

// serviceNumber reports whether national digits after the trunk zero are
// those of a 0800 or 090x service number.
func serviceNumber(d string) bool {
	return strings.HasPrefix(d, "800") || strings.HasPrefix(d, "900") ||
		strings.HasPrefix(d, "906") || strings.HasPrefix(d, "909")
}

// looksLikeDate reports whether the first three groups read as a date:
// day, month and a four-digit year with the same strong separator.
func looksLikeDate(t string, gs []pgroup) bool {
	if len(gs) < 3 {
		return false
	}
	a, b, c := gs[0], gs[1], gs[2]
	if !a.strong || a.sep != b.sep || a.end-a.start > 2 || b.end-b.start > 2 || c.end-c.start != 4 {
		return false
	}
	day, month := atoi(t[a.start:a.end]), atoi(t[b.start:b.end])
	return day >= 1 && day <= 31 && month >= 1 && month <= 12
}

// atoi converts a short run of ASCII digits.
func atoi(s string) int {
	v := 0
	for i := 0; i < len(s); i++ {
		v = v*10 + int(s[i]-'0')
	}
	return v
}
