package generalise

import (
	"strconv"
	"strings"
)

// Exact dates: "14 maart 2025", "maandag 14 maart", "3 mrt. 2025",
// "14-03-2025", "14/3/25", "14.03.2025", "2025-03-14". The general form is
// the month ("maart 2025", "mei"), and "op 3 mei" becomes "in mei". A
// date a cue marks as the decision's own — "besluit van", "beslissing
// op", "uitspraak van", "hoorzitting op", "bezwaar ontvangen op", a court
// ("CRvB 14 mei 2024") or a law ("Wet van 9 februari 2012") — is kept:
// the precedent needs it, and it is public.

var monthNames = []string{"januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus",
	"september", "oktober", "november", "december"}

// monthWords maps the names and their usual abbreviations to 1–12.
var monthWords = func() map[string]int {
	m := map[string]int{"jan": 1, "feb": 2, "febr": 2, "mrt": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8,
		"sep": 9, "sept": 9, "okt": 10, "nov": 11, "dec": 12}
	for i, n := range monthNames {
		m[n] = i + 1
	}
	return m
}()

var weekdays = set("maandag", "dinsdag", "woensdag", "donderdag", "vrijdag", "zaterdag", "zondag")

func (s *scan) dates() {
	for i, t := range s.toks {
		if t.kind != num {
			continue
		}
		from, to, month, year, ok := s.dateAt(i)
		if !ok {
			continue
		}
		if t := s.tok(from - 1); t.kind == word && weekdays[s.lo(t)] {
			from--
		}
		general := monthNames[month-1]
		if year > 0 {
			general += " " + strconv.Itoa(year)
		}
		if s.isWord(from-1, "op") {
			from--
			general = "in " + general
		}
		keep := s.cueBefore(from, dateCue)
		if keep == 0 {
			keep = s.cueAfter(to, dateCue)
		}
		s.add(Date, from, to, general, keep > 0)
	}
}

// dateAt reads a date that starts with the number token i, and returns
// its tokens [from, to), its month and its year (0 when not written).
func (s *scan) dateAt(i int) (from, to, month, year int, ok bool) {
	t := s.toks[i]
	if prev := s.tok(i - 1); s.adjacent(i-1) && (prev.kind == num || s.lo(prev) == "-" || s.lo(prev) == "/") {
		return // part of a longer number
	}
	if strings.Count(s.lo(t), ".") == 2 && !strings.Contains(s.lo(t), ",") {
		parts := strings.Split(s.lo(t), ".")
		if d, m, y, ok := dayMonthYear(parts[0], parts[1], parts[2]); ok && s.alone(i, i+1) {
			return i, i + 1, m, y, d > 0
		}
		return
	}
	if len(s.lo(t)) > 4 || strings.ContainsAny(s.lo(t), ".,") {
		return
	}
	if to, m, y, ok := s.numericDate(i); ok {
		return i, to, m, y, true
	}
	day, _ := strconv.Atoi(s.lo(t))
	mw := s.tok(i + 1)
	m := monthWords[s.lo(mw)]
	if len(s.lo(t)) > 2 || day < 1 || day > 31 || mw.kind != word || m == 0 {
		return
	}
	to = i + 2
	if s.lo(s.tok(to)) == "." && s.adjacent(to-1) && s.lo(mw) != monthNames[m-1] {
		to++
	}
	if y := s.tok(to); y.kind == num && len(s.lo(y)) == 4 {
		if n, _ := strconv.Atoi(s.lo(y)); n >= 1900 && n <= 2100 {
			year, to = n, to+1
		}
	}
	return i, to, m, year, true
}

// numericDate reads "14-03-2025", "14/3/25" and "2025-03-14" from token
// i: three numbers joined by one separator, with nothing joined on.
func (s *scan) numericDate(i int) (to, month, year int, ok bool) {
	sep := s.lo(s.tok(i + 1))
	if sep != "-" && sep != "/" || s.lo(s.tok(i+3)) != sep || s.tok(i+2).kind != num || s.tok(i+4).kind != num {
		return
	}
	for k := i; k < i+4; k++ {
		if !s.adjacent(k) {
			return
		}
	}
	if !s.alone(i, i+5) {
		return
	}
	a, b, c := s.lo(s.toks[i]), s.lo(s.toks[i+2]), s.lo(s.toks[i+4])
	if len(a) == 4 && sep == "-" {
		a, c = c, a // ISO 8601
	}
	d, m, y, ok := dayMonthYear(a, b, c)
	return i + 5, m, y, ok && d > 0
}

// alone reports whether tokens [from, to) are not joined to a number or
// a separator on either side ("2025-03-14-001" is a case number).
func (s *scan) alone(from, to int) bool {
	before := s.tok(from - 1)
	if s.adjacent(from-1) && (before.kind == num || s.lo(before) == "-" || s.lo(before) == "/") {
		return false
	}
	after := s.tok(to)
	return !(s.adjacent(to-1) && (s.lo(after) == "-" || s.lo(after) == "/") && s.adjacent(to) && s.tok(to+1).kind == num)
}

// dayMonthYear checks the parts of a numeric date: a day of one or two
// digits, a month of one or two, a year of four (1900–2100) or two
// (read as 1970–2069).
func dayMonthYear(d, m, y string) (day, month, year int, ok bool) {
	if len(d) < 1 || len(d) > 2 || len(m) < 1 || len(m) > 2 || len(y) != 2 && len(y) != 4 {
		return
	}
	day, err1 := strconv.Atoi(d)
	month, err2 := strconv.Atoi(m)
	year, err3 := strconv.Atoi(y)
	if err1 != nil || err2 != nil || err3 != nil || day < 1 || day > 31 || month < 1 || month > 12 {
		return 0, 0, 0, false
	}
	switch {
	case len(y) == 2 && year < 70:
		year += 2000
	case len(y) == 2:
		year += 1900
	case year < 1900 || year > 2100:
		return 0, 0, 0, false
	}
	return day, month, year, true
}

// dateCue says what a word near a date makes of it: +1 when the date is
// the decision's or the procedure's (a decision, a hearing, a court, a
// law), -1 when it is an event in the person's life, 0 otherwise.
func dateCue(w string) int {
	for _, suffix := range []string{"besluit", "besluiten", "beslissing", "beschikking", "uitspraak", "zitting",
		"bezwaarschrift", "beroepschrift", "bezwaar"} {
		if strings.HasSuffix(w, suffix) {
			return 1
		}
	}
	switch w {
	case "ontvangen", "besloten", "besloot", "beslist", "vastgesteld", "dagtekening", "gedagtekend", "ingediend",
		"d", "crvb", "abrvs", "hr", "rb", "cbb", "rechtbank", "gerechtshof", "hof", "raad", "wet", "staatsblad",
		"stb", "stcrt", "staatscourant", "regeling", "ecli":
		return 1
	case "ontslagen", "ontslag", "geboren", "overleden", "verhuisd", "opgenomen", "getrouwd", "gescheiden",
		"ziekgemeld", "aangehouden", "gearresteerd", "ingeschreven", "uitgeschreven", "bevallen":
		return -1
	}
	return 0
}
