package generalise

import (
	"strconv"
	"strings"
)

// Ages that redaction left: "54 jaar oud", "een 54-jarige man", "is 54
// jaar", "leeftijd van 54 jaar", "[naam 1] (54)", "in zijn vijftiger
// jaren", "begin vijftig". The general form is a band whose bounds are the
// ages rules turn on: 18 (majority), 27 (the Participatiewet's young
// people), 50 (older workers: IOAW, WW), 67 (the AOW age) and 80. So a
// band never hides what the decision needs: whether someone is a minor,
// young, older, or past the AOW age.

// ageBounds are the bounds of the age bands.
var ageBounds = []int{18, 27, 50, 67, 80}

// ageBand returns the band that holds ages lo to hi: its lower bound (0
// for minors) and its upper bound (0 when open).
func ageBand(lo, hi int) (low, high int) {
	for _, b := range ageBounds {
		if b <= lo {
			low = b
		}
		if b > hi && high == 0 {
			high = b
		}
	}
	return low, high
}

// agePhrase writes the band of ages lo to hi as a phrase: "jonger dan 18
// jaar", "tussen 50 en 67 jaar", "80 jaar of ouder".
func agePhrase(lo, hi int) string {
	low, high := ageBand(lo, hi)
	switch {
	case low == 0:
		return "jonger dan " + strconv.Itoa(high) + " jaar"
	case high == 0:
		return strconv.Itoa(low) + " jaar of ouder"
	}
	return "tussen " + strconv.Itoa(low) + " en " + strconv.Itoa(high) + " jaar"
}

// ageAdjective writes the band of ages lo to hi as an adjective:
// "minderjarige", "50- tot 67-jarige", "hoogbejaarde".
func ageAdjective(lo, hi int) string {
	low, high := ageBand(lo, hi)
	switch {
	case low == 0:
		return "minderjarige"
	case high == 0:
		return "hoogbejaarde"
	}
	return strconv.Itoa(low) + "- tot " + strconv.Itoa(high) + "-jarige"
}

var (
	// people are the words an age adjective describes a person with.
	people = set("man", "vrouw", "moeder", "vader", "ouder", "zoon", "dochter", "kind", "jongen", "meisje", "baby",
		"cliënt", "client", "klant", "inwoner", "inwoonster", "aanvrager", "aanvraagster", "verzoeker", "verzoekster",
		"bewoner", "bewoonster", "werknemer", "werkneemster", "burger", "weduwe", "weduwnaar", "alleenstaande",
		"jongere", "oudere", "student", "studente", "scholier", "leerling", "ondernemer", "broer", "zus", "zuster",
		"partner", "echtgenoot", "echtgenote", "kleinzoon", "kleindochter", "pleegkind", "pleegzoon", "pleegdochter",
		"stiefzoon", "stiefdochter", "puber", "tiener", "peuter", "kleuter", "mevrouw", "meneer", "heer", "dame",
		"persoon", "patiënt", "patiente", "mantelzorger", "belanghebbende", "betrokkene", "uitkeringsgerechtigde",
		"nabestaande")
	// tens are the decades as words.
	tens = map[string]int{"twintig": 20, "dertig": 30, "veertig": 40, "vijftig": 50, "zestig": 60, "zeventig": 70,
		"tachtig": 80, "negentig": 90}
	// ageEnds are the words after "is 54 jaar" that leave it an age
	// (not "is 5 jaar geleden", "was 20 jaar in dienst").
	ageEnds = set("en", "maar", "toen", "geworden", "oud")
)

func (s *scan) ages() {
	for i, t := range s.toks {
		switch t.kind {
		case word:
			s.ageWord(i)
			if n, ok := numberWord(s.lo(t)); ok && s.isWord(i+1, "jaar") {
				s.ageNumber(i, n)
			}
		case num:
			if n, ok := s.smallNumber(i); ok && n <= 110 {
				s.ageNumber(i, n)
			}
		}
	}
}

// ageWord handles the forms that start with a word: "vierenvijftigjarige",
// "54-jarige" (at its "jarige"), "in zijn vijftiger jaren", "begin vijftig".
func (s *scan) ageWord(i int) {
	t := s.toks[i]
	switch {
	case s.lo(t) == "jarige" && s.lo(s.tok(i-1)) == "-" && s.adjacent(i-2) && s.adjacent(i-1):
		if n, ok := s.smallNumber(i - 2); ok && n <= 110 && !s.isWord(i-3, "tot") && s.lo(s.tok(i-3)) != "-" {
			s.ageAdjectiveAt(i-2, i+1, n)
		}
	case len(s.lo(t)) > len("jarige") && strings.HasSuffix(s.lo(t), "jarige"):
		if n, ok := numberWord(strings.TrimSuffix(s.lo(t), "jarige")); ok {
			s.ageAdjectiveAt(i, i+1, n)
		}
	case s.lo(t) == "in":
		s.decadeIn(i)
	case s.lo(t) == "begin" || s.lo(t) == "midden" || s.lo(t) == "eind" || s.lo(t) == "half" || s.lo(t) == "halverwege":
		if tn, ok := tens[s.lo(s.tok(i+1))]; ok && s.tok(i+1).kind == word && s.decadeEnds(i+2) {
			lo, hi := tn, tn+9
			switch s.lo(t) {
			case "begin":
				hi = tn + 3
			case "midden", "half", "halverwege":
				lo, hi = tn+3, tn+6
			case "eind":
				lo = tn + 6
			}
			s.add(Age, i, i+2, agePhrase(lo, hi), false)
		}
	}
}

// ageAdjectiveAt flags an age adjective over tokens [from, to) when a
// person (or a redacted name) follows: "een 7-jarige dochter" is a child,
// "een driejarige opleiding" a course.
func (s *scan) ageAdjectiveAt(from, to, n int) {
	if s.person(to) {
		s.add(Age, from, to, ageAdjective(n, n), false)
	}
}

// person reports whether token i names a person: a redacted name or a
// word such as "vrouw" or "cliënt".
func (s *scan) person(i int) bool {
	t := s.tok(i)
	return t.kind == label || t.kind == word && people[s.lo(t)]
}

// decadeIn flags "in zijn vijftiger jaren", "in haar late dertiger
// jaren" and "in de vijftig".
func (s *scan) decadeIn(i int) {
	switch {
	case s.isWord(i+1, "zijn", "haar", "hun"):
		j, part := i+2, ""
		if s.isWord(j, "vroege", "late") {
			part, j = s.lo(s.toks[j]), j+1
		}
		t := s.tok(j)
		tn, ok := tens[strings.TrimSuffix(s.lo(t), "er")]
		if t.kind != word || !strings.HasSuffix(s.lo(t), "er") || !ok || !s.isWord(j+1, "jaren") {
			return
		}
		lo, hi := tn, tn+9
		switch part {
		case "vroege":
			hi = tn + 4
		case "late":
			lo = tn + 5
		}
		s.add(Age, i, j+2, agePhrase(lo, hi), false)
	case s.isWord(i+1, "de"):
		if tn, ok := tens[s.lo(s.tok(i+2))]; ok && s.tok(i+2).kind == word && s.decadeEnds(i+3) {
			s.add(Age, i, i+3, agePhrase(tn, tn+9), false)
		}
	}
}

// decadeEnds reports whether token i may follow a decade used as an age
// ("hij is in de vijftig en …") rather than a number of things ("in de
// vijftig gevallen").
func (s *scan) decadeEnds(i int) bool {
	t := s.tok(i)
	return t.kind == punct || t.kind == word && (ageEnds[s.lo(t)] || s.lo(t) == "is" || s.lo(t) == "was" || s.lo(t) == "of" || s.lo(t) == "die" || s.lo(t) == "met")
}

// ageNumber handles the forms that start with a number: "54 jaar oud",
// "is 54 jaar", "leeftijd van 54 jaar", "Leeftijd: 54", "[naam 1] (54)".
func (s *scan) ageNumber(i, n int) {
	// A range is a band already: "tussen 50 en 67 jaar".
	if s.isWord(i-1, "en") && s.tok(i-2).kind == num && s.isWord(i-3, "tussen") {
		return
	}
	year := s.isWord(i+1, "jaar")
	if s.openBand(i, year) {
		return
	}
	to := i + 1 // after the number, and "jaar" if it follows
	if year {
		to++
	}
	switch {
	case year && s.isWord(i+2, "oud"):
		p := agePhrase(n, n)
		if strings.HasPrefix(p, "tussen") {
			p += " oud"
		}
		s.add(Age, i, i+3, p, false)
	case year && s.isWord(i-1, "is", "was", "werd", "wordt") && n >= 16 && (s.tok(i+2).kind == punct || s.isWord(i+2, "en", "maar", "toen", "geworden")):
		s.add(Age, i, i+2, agePhrase(n, n), false)
	case s.isWord(i-1, "van") && s.isWord(i-2, "leeftijd") && s.lo(s.tok(i-3)) != "-":
		s.add(Age, i-1, to, agePhrase(n, n), false)
	case s.lo(s.tok(i-1)) == ":" && s.isWord(i-2, "leeftijd"):
		s.add(Age, i, to, agePhrase(n, n), false)
	case s.lo(s.tok(i-1)) == "(" && s.lo(s.tok(to)) == ")" && s.person(i-2):
		s.add(Age, i-1, to+1, "("+agePhrase(n, n)+")", false)
	}
}

// openBand reports whether the number at token i is part of an open band,
// a general form already: "80 jaar of ouder", "jonger dan 18 jaar" (found
// by fuzzing: "Leeftijd:80" generalised to "Leeftijd:80 jaar of ouder"
// was flagged again).
func (s *scan) openBand(i int, year bool) bool {
	return year && s.isWord(i+2, "of") && s.isWord(i+3, "ouder") || s.isWord(i-1, "dan") && s.isWord(i-2, "jonger")
}
