package redact

import (
	"slices"
	"strings"
)

// ValidBSN reports whether s is a burgerservicenummer that passes the
// eleven-test: nine digits d1…d9 with 9·d1 + 8·d2 + … + 2·d8 − 1·d9
// divisible by 11, not all zero. Eight digits are read as a BSN whose
// leading zero was left off (old sofinummers are often written so). Single
// spaces, dots or hyphens between digits are allowed ("123 456 782",
// "1234.56.782"); anything else makes s invalid.
func ValidBSN(s string) bool {
	var d [9]byte
	n := 0
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case isDigit(c):
			if n == 9 {
				return false
			}
			d[n] = c - '0'
			n++
		case (c == ' ' || c == '.' || c == '-') && i > 0 && i+1 < len(s) && isDigit(s[i-1]) && isDigit(s[i+1]):
		default:
			return false
		}
	}
	switch n {
	case 9:
	case 8:
		copy(d[1:], d[:8])
		d[0] = 0
	default:
		return false
	}
	return elevenTest(d)
}

// elevenTest is the BSN variant of the eleven-test (the last weight is −1,
// unlike the test for old bank account numbers).
func elevenTest(d [9]byte) bool {
	sum, zero := 0, true
	for i := range 8 {
		sum += int(d[i]) * (9 - i)
		zero = zero && d[i] == 0
	}
	sum -= int(d[8])
	return !zero && sum%11 == 0
}

// bsnFrom looks for a BSN made of the groups gs[k:m+1] for some m.
//
// Nine digits written together, or in the groups people write them in:
// 3-3-3 ("123 456 782", "123.456.782", "123-456-782") and 4-2-3
// ("1234.56.782", as in the passport), one separator throughout. Eight
// digits, or any other grouping, only shortly after a word that names the
// number ("BSN", "burgerservicenummer", "sofinummer"): eight-digit numbers
// are everywhere (KvK numbers, dates as 20260112), and one in eleven of them
// passes the test by chance.
//
// Not a BSN, though the digits pass: part of a longer number (see chain),
// a date, an amount ("€ 123.456.782", "123456782,00"), and a number called
// RSIN or KvK-nummer (nearer than any BSN word), the registers of
// organisations, whose numbers use the same test. Everything else nine
// digits long that passes is redacted, whatever the text calls it: a case
// number that happens to pass loses little by being hidden, a BSN that is
// published cannot be taken back.
func (s *scanner) bsnFrom(gs []group, k int) {
	t := s.text
	var d [9]byte
	n := 0
	named := namedUnknown
	for m := k; m < len(gs); m++ {
		g := gs[m]
		if m > k && gs[m-1].sep != gs[k].sep {
			return
		}
		if n+g.len() > 9 {
			return
		}
		for i := g.start; i < g.end; i++ {
			d[n] = t[i] - '0'
			n++
		}
		if n < 8 {
			continue
		}
		if n == 8 && m+1 < len(gs) && !gs[m].strong && gs[m].sep == gs[k].sep && gs[m+1].len() == 1 {
			continue // nine digits may follow: try those first
		}
		switch s.bsnCandidate(gs, k, m, d, n, &named) {
		case bsnFound:
			s.add(BSN, gs[k].start, g.end)
			return
		case bsnNone:
			return
		}
	}
}

// A bsnVerdict is what bsnCandidate concludes about the digits of a run
// of groups.
type bsnVerdict int

const (
	bsnLonger bsnVerdict = iota // not a BSN, but one more group may make one
	bsnNone                     // not a BSN, and no BSN starts at this group
	bsnFound                    // a BSN
)

// A naming is what the text calls a number (see namedAs).
type naming int

const (
	namedUnknown naming = iota - 1 // not looked at yet
	namedNone                      // no BSN word, no organisation's register
	namedBSN                       // a BSN word
	namedOrg                       // an organisation's register, after any BSN word
)

// bsnCandidate decides whether the n digits d of the groups gs[k:m+1] are
// a BSN (see bsnFrom). named holds what the text calls the number; it is
// looked up the first time it is needed, because that takes a walk back
// over the text.
func (s *scanner) bsnCandidate(gs []group, k, m int, d [9]byte, n int, named *naming) bsnVerdict {
	t := s.text
	end := gs[m].end
	if m < len(gs)-1 && gs[m].strong || m == len(gs)-1 && gluedRight(t, end) {
		return bsnMiss(n)
	}
	start := gs[k].start
	if *named == namedUnknown {
		*named = s.namedAs(start)
	}
	if *named == namedOrg || isDate(t, gs[k:m+1]) {
		return bsnNone
	}
	if *named == namedNone && !(n == 9 && bsnShape(gs[k:m+1])) {
		return bsnMiss(n)
	}
	v := d
	if n == 8 {
		copy(v[1:], d[:8])
		v[0] = 0
	}
	if !elevenTest(v) || amountAround(t, start, end) {
		return bsnMiss(n)
	}
	if start > 0 && t[start-1] == '+' {
		return bsnNone
	}
	return bsnFound
}

// bsnMiss is the verdict on n digits that are not a BSN: eight may grow to
// nine with the next group; nine cannot grow any more.
func bsnMiss(n int) bsnVerdict {
	if n == 9 {
		return bsnNone
	}
	return bsnLonger
}

// namedAs tells what names the number at byte i: a BSN word or an
// organisation's register, whichever comes last before it.
func (s *scanner) namedAs(i int) naming {
	b, o := s.wordNear(i, bsnWords), s.wordNear(i, orgNumberWords)
	switch {
	case o > b:
		return namedOrg
	case b >= 0:
		return namedBSN
	}
	return namedNone
}

// isDate reports whether groups read as a date, day-month-year with one
// strong separator ("12-12-2002"): eight digits that may pass the test.
func isDate(t string, gs []group) bool {
	if len(gs) != 3 || !gs[0].strong || gs[0].sep != gs[1].sep || gs[2].len() != 4 || gs[0].len() > 2 || gs[1].len() > 2 {
		return false
	}
	return validDay(atoi(t[gs[0].start:gs[0].end]), atoi(t[gs[1].start:gs[1].end]))
}

// bsnShape reports whether nine digits are grouped as people write a BSN.
func bsnShape(gs []group) bool {
	switch len(gs) {
	case 1:
		return true
	case 3:
		a, b, c := gs[0].len(), gs[1].len(), gs[2].len()
		return a == 3 && b == 3 && c == 3 || a == 4 && b == 2 && c == 3
	}
	return false
}

// wordNear returns the end of the last of words (folded) in the stretch of
// up to 48 bytes before byte i that belongs to the number at i: it stops at
// another number of five digits or more, the end of a line or sentence, a
// semicolon or the label of an earlier redaction. It returns -1 if there is
// none.
func (s *scanner) wordNear(i int, words []string) int {
	t, f := s.text, s.folded
	lo := max(0, i-48)
	for j := i; j > lo; {
		c := f[j-1]
		switch {
		case isDigit(c):
			// Another number, such as "123.456.782", has words of its own;
			// a year or a count ("sofinummer uit 1985 was") does not.
			k, n := digitRunBefore(f, j, lo)
			if n >= 5 {
				return -1
			}
			j = k
		case c == ']' && wordLabelBefore(t, j) >= 0:
			// A label of a name, place or organisation stands for the
			// words it replaced ("RSIN van [organisatie] is …"): read on
			// before it. Any other label stands for a number and stops
			// the search, as that number did.
			j = wordLabelBefore(t, j)
		case c == '\n' || c == ';' || c == '[' || c == ']':
			return -1
		case c == '.' && j+1 < len(t) && t[j] == ' ' && isUpper(t[j+1]) && !initialBefore(t, j-1):
			return -1
		case isASCIILetter(c) || c == '-':
			k := j
			for k > lo && (isASCIILetter(f[k-1]) || f[k-1] == '-') {
				k--
			}
			if !alnumBefore(f, k) && slices.Contains(words, strings.Trim(f[k:j], "-")) {
				return j
			}
			j = k
		default:
			j--
		}
	}
	return -1
}

// initialBefore reports whether the dot at byte d of t ends an initial
// ("A." in "sofi A. Aa 87055326") rather than a sentence: one capital
// with no letter or digit before it. Once the name is a label, a second
// pass reads past it, so the first must read past the initial's dot too
// (found by fuzzing).
func initialBefore(t string, d int) bool {
	return d >= 1 && isUpper(t[d-1]) && !alnumBefore(t, d-1)
}

// digitRunBefore returns the start of the number that ends at byte j of f,
// no further back than lo, and how many digits it has: digit groups with
// single dots, hyphens or spaces between them.
func digitRunBefore(f string, j, lo int) (start, digits int) {
	k, n := j, 0
	for k > lo {
		if isDigit(f[k-1]) {
			k--
			n++
		} else if k > 1 && (f[k-1] == '.' || f[k-1] == '-' || f[k-1] == ' ') && isDigit(f[k-2]) {
			k--
		} else {
			break
		}
	}
	return k, n
}

var bsnWords = []string{"bsn", "burgerservicenummer", "bsn-nummer", "sofinummer", "sofi-nummer", "sofi", "burger-servicenummer"}

var orgNumberWords = []string{"rsin", "kvk", "kvk-nummer", "kvk-nr", "handelsregister"}

// hasWordBefore reports whether one of words (folded) comes right before
// byte i of the folded text: separated from it only by spaces and
// punctuation such as ':', '(' or '=', and perhaps by "nr", "nummer" or
// "is" ("BSN-nummer: 123…", "sofinummer is 123…"). A word right after '['
// is a label of an earlier redaction ("[BSN]"), not the text's own.
func hasWordBefore(folded string, i int, words []string) bool {
	lo := max(0, i-maxLook)
	for hop := 0; hop < 3; hop++ {
		for i > lo {
			c := folded[i-1]
			if c == ' ' || c == ':' || c == '(' || c == '=' || c == '#' || c == '.' || c == '\t' || c == '-' {
				i--
				continue
			}
			if n := spaceBefore(folded, i); n > 0 {
				i -= n
				continue
			}
			break
		}
		j := i
		for j > lo && (isASCIILetter(folded[j-1]) || folded[j-1] == '-') {
			j--
		}
		if j == i || alnumBefore(folded, j) || j > 0 && folded[j-1] == '[' {
			return false
		}
		w := folded[j:i]
		for _, k := range words {
			if w == k {
				return true
			}
		}
		switch w {
		case "nr", "nummer", "is", "no", "van", "het", "uw", "zijn", "haar":
			i = j
			continue
		}
		return false
	}
	return false
}

// amountAround reports whether the number text[start:end] is an amount of
// money: a currency sign or word before it, or a decimal part after it.
func amountAround(t string, start, end int) bool {
	if end+1 < len(t) && t[end] == ',' && (isDigit(t[end+1]) || t[end+1] == '-') {
		return true
	}
	i := start
	for i > 0 && start-i < maxLook && t[i-1] == ' ' {
		i--
	}
	i -= spaceBefore(t, i)
	for _, cur := range []string{"€", "EUR", "eur", "euro", "$", "£", "ƒ", "fl."} {
		if i >= len(cur) && t[i-len(cur):i] == cur && !alnumBefore(t, i-len(cur)) {
			return true
		}
	}
	return false
}

// wordLabelBefore returns the start of the label of a name, place or
// organisation that ends at byte j of t, or -1.
func wordLabelBefore(t string, j int) int {
	if !labelBefore(t, j) {
		return -1
	}
	lo := max(0, j-maxLook)
	start := lo + strings.LastIndexByte(t[lo:j], '[')
	switch l := t[start:j]; {
	case l == Place.Label(), l == Organisation.Label(), strings.HasPrefix(l, "[naam "):
		return start
	}
	return -1
}
