package redact

import "strings"

// birthDates finds dates of birth: a date that follows a word saying so
// ("geboren", "geb.", "geboortedatum", "geb.datum") within a few words
// ("geboren op 3 maart 1961", "geboren te Utrecht op 3-3-1961",
// "(geb. 3-3-61)", "geboortedatum: 1961-03-03"), or right before
// "geboren" ("is op 23 maart 2026 geboren"). Only the first date after the
// word is taken. Other dates are left alone on purpose: the date of a
// decision, a hearing or a term is what makes a case useful as precedent.
// A year on its own ("geboren in 1961") is left too: it identifies little
// and is often the point of the case (the AOW age).
func (s *scanner) birthDates() {
	f := s.folded
	for from := 0; ; {
		k := strings.Index(f[from:], "geb")
		if k < 0 {
			return
		}
		i := from + k
		from = i + 3
		if alnumBefore(f, i) || i > 0 && f[i-1] == '[' {
			continue // a word, or the label "[geboortedatum]" of an earlier redaction
		}
		end := birthKeywordEnd(f, i)
		if end < 0 {
			continue
		}
		// A date right before "geboren" is the one it is about ("14 juli
		// 2010 geboren, laatst gezien op 10 januari 2026"); otherwise the
		// first date after the word.
		if strings.HasPrefix(f[i:], "geboren") {
			if ds, de, ok := s.dateBefore(i); ok {
				s.add(BirthDate, ds, de)
				continue
			}
			if j := skipSpaceBack(s.text, i); j > 0 && s.text[j-1] == ']' && labelBefore(s.text, j) {
				continue // "[geboortedatum] geboren": the date was redacted before
			}
		}
		if ds, de, ok := s.dateAfter(end); ok {
			s.add(BirthDate, ds, de)
			from = de
		}
	}
}

// birthKeywordEnd returns the end of the birth keyword at byte i of the
// folded text, or -1.
func birthKeywordEnd(f string, i int) int {
	for _, w := range []string{
		"geboortedatum", "geboorte datum", "geboorte-datum", "geboortedag", "geboren",
		"geb.datum", "geb.dat.", "geb.dat", "gebdat", "geb.", "geb:", "geb",
	} {
		if strings.HasPrefix(f[i:], w) && (w[len(w)-1] == '.' || w[len(w)-1] == ':' || !alnumAt(f, i+len(w))) {
			return i + len(w)
		}
	}
	return -1
}

// dateAfter looks for the first date within 48 bytes after byte i. It
// stops at the end of a line (unless the word ended the line), a
// semicolon, the label of an earlier redaction ('[') or the end of a
// sentence.
func (s *scanner) dateAfter(i int) (int, int, bool) {
	t := s.text
	limit := min(len(t), i+48)
	for j := i; j < limit; j++ {
		c := t[j]
		switch {
		case c == '\n' && strings.Trim(t[i:j], " :\t\r") == "":
			// "Geboortedatum:\n03-09-1987" in a form: the value is on the
			// next line.
		case c == '\n' || c == ';' || c == '[':
			return 0, 0, false
		case c == '.' && j+2 < len(t) && t[j+1] == ' ' && isUpper(t[j+2]):
			return 0, 0, false
		case isASCIILetter(c) && !alnumBefore(t, j):
			// "geboren op of na 1 januari 1961", "geboren voor 1960": a
			// rule about people born then, not someone's date of birth.
			k := j
			for k < limit && isASCIILetter(t[k]) {
				k++
			}
			if notBirthWords[s.folded[j:k]] {
				return 0, 0, false
			}
			j = k - 1
		case isDigit(c) && !alnumBefore(t, j):
			if end, ok := s.parseDate(j); ok {
				return j, end, true
			}
			for j < len(t) && isDigit(t[j]) {
				j++
			}
			j--
		}
	}
	return 0, 0, false
}

// notBirthWords in the few words after "geboren" show that the date is a
// boundary in a rule, not a date of birth.
var notBirthWords = map[string]bool{
	"na": true, "voor": true, "tussen": true, "vanaf": true, "tot": true, "sinds": true,
	"of": true, "en": true, "later": true, "eerder": true, "uiterlijk": true, "tenminste": true,
}

// dateBefore looks for a date that ends right before the word at byte i,
// as in "is op 23 maart 2026 geboren".
func (s *scanner) dateBefore(i int) (int, int, bool) {
	t := s.text
	q := i
	for q > 0 && t[q-1] == ' ' {
		q--
	}
	if q == i {
		return 0, 0, false
	}
	for j := max(0, q-20); j < q; j++ {
		if isDigit(t[j]) && !alnumBefore(t, j) {
			if end, ok := s.parseDate(j); ok && end == q {
				return j, end, true
			}
		}
	}
	return 0, 0, false
}

// monthNames are the Dutch month names and their usual abbreviations,
// folded; longer names first so "sept" is not read as "sep".
var monthNames = []struct {
	name  string
	month int
}{
	{"januari", 1}, {"februari", 2}, {"maart", 3}, {"april", 4}, {"mei", 5}, {"juni", 6},
	{"juli", 7}, {"augustus", 8}, {"september", 9}, {"oktober", 10}, {"november", 11},
	{"december", 12}, {"jan", 1}, {"feb", 2}, {"febr", 2}, {"mrt", 3}, {"apr", 4}, {"jun", 6},
	{"jul", 7}, {"aug", 8}, {"sept", 9}, {"sep", 9}, {"okt", 10}, {"nov", 11}, {"dec", 12},
}

// parseDate reads a date at byte i: "3 maart 1961", "3 mrt. 1961",
// "3 maart" (a birthday without the year is still half a birth date),
// "03-03-1961", "3/3/61", "3.3.1961", "03-03-'61" and "1961-03-03".
func (s *scanner) parseDate(i int) (int, bool) {
	t := s.text
	a, j := digitsAt(t, i, 4)
	switch {
	case j-i == 4:
		return isoDateEnd(t, a, j)
	case j == i || j-i > 2:
		return 0, false
	}
	if j < len(t) && (t[j] == '-' || t[j] == '/' || t[j] == '.') {
		return numericDateEnd(t, a, j)
	}
	return s.namedMonthDateEnd(a, j)
}

// isoDateEnd reads the rest of an ISO date (yyyy-mm-dd) whose year y ends
// at byte j of t. Years before 1850 are refused: no one alive was born
// then.
func isoDateEnd(t string, y, j int) (int, bool) {
	if j >= len(t) || t[j] != '-' {
		return 0, false
	}
	m, k := digitsAt(t, j+1, 2)
	if k-(j+1) != 2 || k >= len(t) || t[k] != '-' {
		return 0, false
	}
	d, l := digitsAt(t, k+1, 2)
	if l-(k+1) != 2 || !validDay(d, m) || alnumAt(t, l) || y < 1850 {
		return 0, false
	}
	return l, true
}

// numericDateEnd reads the rest of a date in digits ("03-03-1961",
// "3/3/61", "3.3.1961", "03-03-'61") whose day d ends at byte j of t, at
// the separator. The month follows the same separator; the year has two
// digits (perhaps after an apostrophe) or four (without one). A date that
// runs on into a word or another group of digits is none.
func numericDateEnd(t string, d, j int) (int, bool) {
	sep := t[j]
	m, k := digitsAt(t, j+1, 2)
	if k == j+1 || k >= len(t) || t[k] != sep || !validDay(d, m) {
		return 0, false
	}
	y := k + 1
	quote := apostropheAt(t, y)
	y += quote
	_, e := digitsAt(t, y, 4)
	if n := e - y; n != 2 && (n != 4 || quote > 0) || alnumAt(t, e) || e+1 < len(t) && t[e] == sep && isDigit(t[e+1]) {
		return 0, false
	}
	return e, true
}

// namedMonthDateEnd reads the rest of a date with the month's name ("3
// maart 1961", "3 mrt. 1961", "3 maart '61", "3 maart") whose day d ends
// at byte j of the text.
func (s *scanner) namedMonthDateEnd(d, j int) (int, bool) {
	t := s.text
	k := j + spaceAt(t, j)
	if k == j {
		return 0, false
	}
	mon, k := monthAt(s.folded, k)
	if mon == 0 || !validDay(d, mon) {
		return 0, false
	}
	end := k // a dot after the month may end the sentence: not part of the date
	if e, ok := yearAfterMonth(t, k); ok {
		end = e
	}
	return end, true
}

// monthAt reads a month's name at byte k of the folded text and returns
// the month (0 if there is none) and the end of its name.
func monthAt(f string, k int) (month, end int) {
	for _, mn := range monthNames {
		if strings.HasPrefix(f[k:], mn.name) && !alnumAt(f, k+len(mn.name)) {
			return mn.month, k + len(mn.name)
		}
	}
	return 0, k
}

// yearAfterMonth reads the year after a month's name ending at byte k of
// t, past a dot and a space: four digits, or two after an apostrophe
// ("'61"). It returns the year's end.
func yearAfterMonth(t string, k int) (int, bool) {
	if k < len(t) && t[k] == '.' {
		k++
	}
	y := k + spaceAt(t, k)
	quote := apostropheAt(t, y)
	y += quote
	_, e := digitsAt(t, y, 4)
	if y > k && (e-y == 4 && quote == 0 || e-y == 2 && quote > 0) && !alnumAt(t, e) {
		return e, true
	}
	return 0, false
}

// apostropheAt returns the length of an apostrophe at byte i of t ("'61",
// "’61"), or 0.
func apostropheAt(t string, i int) int {
	switch {
	case i < len(t) && t[i] == '\'':
		return 1
	case strings.HasPrefix(t[i:], "’"):
		return len("’")
	}
	return 0
}

// digitsAt reads at most max digits at byte i and returns their value and
// end.
func digitsAt(t string, i, max int) (int, int) {
	v, j := 0, i
	for j < len(t) && j-i < max && isDigit(t[j]) {
		v = v*10 + int(t[j]-'0')
		j++
	}
	if j < len(t) && isDigit(t[j]) {
		return v, i // more digits than allowed: no number
	}
	return v, j
}

// validDay reports whether day d can occur in month m (any year).
func validDay(d, m int) bool {
	if m < 1 || m > 12 || d < 1 {
		return false
	}
	return d <= [...]int{31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31}[m-1]
}
