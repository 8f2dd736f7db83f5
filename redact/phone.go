package redact

import "strings"

// phoneFrom looks for a phone number starting at group gs[k], or at the
// '+' or '(' right before the first group.
func (s *scanner) phoneFrom(gs []group, k int) {
	t := s.text
	p := gs[k].start
	if s.wordNear(p, referenceWords) >= 0 {
		return
	}
	if k == 0 && p > 0 && (t[p-1] == '+' || t[p-1] == '(') && !alnumBefore(t, p-1) {
		if end, ok := parsePhone(t, p-1); ok {
			s.add(Phone, p-1, end)
			return
		}
	}
	if t[p] == '0' {
		if end, ok := parsePhone(t, p); ok {
			s.add(Phone, p, end)
		}
	}
}

// referenceWords name numbers that look like phone numbers but are the
// organisation's references ("klantnummer 0123456789").
var referenceWords = []string{
	"klantnummer", "klantnr", "kenmerk", "dossiernummer", "dossiernr", "zaaknummer", "zaaknr",
	"factuurnummer", "relatienummer", "polisnummer", "contractnummer", "referentie",
	"referentienummer", "registratienummer", "volgnummer", "ordernummer", "aanslagnummer",
	"betalingskenmerk", "vestigingsnummer", "v-nummer", "verzekerdennummer", "documentnummer",
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
	var gs [16]pgroup
	ng := 0
	var digits [20]byte
	n := 0
	i := p
	plus, paren, trunk := false, false, false
	more := false // digits go on after the last group read
	switch t[i] {
	case '+':
		plus = true
		i++
	case '(':
		paren = true
		i++
	}
	for {
		if i >= len(t) || !isDigit(t[i]) {
			return 0, false
		}
		j := i
		for j < len(t) && isDigit(t[j]) {
			j++
		}
		if ng == len(gs) || n+j-i > len(digits) {
			// Longer than any phone number: stop reading; the groups read
			// so far may still end one ("0612345678 0 0612345678 …").
			if ng == 0 {
				return 0, false
			}
			more = true
			break
		}
		g := pgroup{start: i}
		for ; i < j; i++ {
			digits[n] = t[i]
			n++
		}
		g.end, g.n = i, n
		if paren {
			if i >= len(t) || t[i] != ')' {
				return 0, false
			}
			paren = false
			j := i + 1
			j += spaceAt(t, j)
			if j < len(t) && isDigit(t[j]) {
				g.sep = t[i:j]
				gs[ng] = g
				ng++
				i = j
				continue
			}
			gs[ng] = g
			ng++
			break
		}
		if plus && !trunk && ng <= 1 {
			j := i + spaceAt(t, i)
			if strings.HasPrefix(t[j:], "(0)") {
				j += 3
				j += spaceAt(t, j)
				if j < len(t) && isDigit(t[j]) {
					trunk = true
					g.sep = t[i:j]
					gs[ng] = g
					ng++
					i = j
					continue
				}
			}
		}
		m, strong := sepAt(t, i)
		if m == 0 {
			gs[ng] = g
			ng++
			break
		}
		g.sep, g.strong = t[i:i+m], strong
		gs[ng] = g
		ng++
		i += m
	}
	d := string(digits[:n])
	// ok reports whether a number may end after group g.
	ok := func(g int) bool {
		if g == ng-1 && !more {
			return !gluedRight(t, gs[g].end)
		}
		return !gs[g].strong
	}
	switch {
	case plus && strings.HasPrefix(d, "31"):
		return dutchIntl(gs[:ng], 2, trunk, d, ok)
	case plus:
		for g := ng - 1; g >= 0; g-- {
			if gs[g].n >= 9 && gs[g].n <= 15 && ok(g) {
				return gs[g].end, true
			}
		}
		return 0, false
	case strings.HasPrefix(d, "0031"):
		return dutchIntl(gs[:ng], 4, false, d, ok)
	case strings.HasPrefix(d, "00") || len(d) < 2:
		return 0, false
	}
	// National.
	if d[0] != '0' || trunk {
		return 0, false
	}
	for g := range ng {
		if gs[g].n < 10 {
			continue
		}
		if gs[g].n > 10 || !ok(g) || serviceNumber(d[1:]) || looksLikeDate(t, gs[:ng]) {
			return 0, false
		}
		return gs[g].end, true
	}
	return 0, false
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
