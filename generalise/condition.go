package generalise

import "strings"

// Rare conditions and circumstances: a curated list of diagnoses and
// situations that are rare or stigmatising enough to single someone out
// in combination with a town or a family (decision 0015 lists them and
// why), plus rules for what no list can hold: a named disease or syndrome
// ("ziekte van Pompe", "Prader-Willi-syndroom"), a specific cancer
// ("alvleesklierkanker"), and the country a refugee fled. The list will
// miss things; the reviewer adds what it misses.

// The general forms, by kind of condition.
const (
	neuro      = "een neurologische ziekte"
	muscle     = "een spierziekte"
	hereditary = "een erfelijke ziekte"
	chronic    = "een chronische ziekte"
	psychic    = "een psychische aandoening"
	cancer     = "kanker"
	tumour     = "een tumor"
	treatment  = "een medische behandeling"
	institute  = "een verblijf in een inrichting"
	disability = "een lichamelijke beperking"
	syndrome   = "een syndroom"
	disease    = "een ernstige ziekte"
	personal   = "[persoonlijk kenmerk]"
	abroad     = "uit het buitenland"
)

// conditionList holds the curated conditions: the phrase as written
// (case-insensitive, unless exact: abbreviations such as ALS and MS are
// ordinary words in lower case) and its general form.
var conditionList = []struct {
	phrase, general string
	exact           bool
}{
	{"ALS", neuro, true},
	{"amyotrofische laterale sclerose", neuro, false},
	{"MS", neuro, true},
	{"multiple sclerose", neuro, false},
	{"chorea van Huntington", neuro, false},
	{"NAH", "hersenletsel", true},
	{"niet-aangeboren hersenletsel", "hersenletsel", false},
	{"narcolepsie", neuro, false},
	{"locked-in-syndroom", neuro, false},
	{"dwarslaesie", disability, false},
	{"Duchenne", muscle, true},
	{"spierdystrofie", muscle, false},
	{"SMA", muscle, true},
	{"spinale musculaire atrofie", muscle, false},
	{"taaislijmziekte", hereditary, false},
	{"cystic fibrosis", hereditary, false},
	{"CF", hereditary, true},
	{"sikkelcelziekte", hereditary, false},
	{"sikkelcelanemie", hereditary, false},
	{"hemofilie", hereditary, false},
	{"thalassemie", hereditary, false},
	{"osteogenesis imperfecta", hereditary, false},
	{"glasbotziekte", hereditary, false},
	{"fragiele-X-syndroom", hereditary, false},
	{"hiv", chronic, false},
	{"hiv-positief", "chronisch ziek", false},
	{"aids", chronic, false},
	{"leukemie", cancer, false},
	{"lymfoom", cancer, false},
	{"mesothelioom", cancer, false},
	{"glioblastoom", cancer, false},
	{"neuroblastoom", cancer, false},
	{"sarcoom", cancer, false},
	{"melanoom", cancer, false},
	{"schizofrenie", psychic, false},
	{"bipolaire stoornis", psychic, false},
	{"borderlinestoornis", psychic, false},
	{"borderline-persoonlijkheidsstoornis", psychic, false},
	{"anorexia", psychic, false},
	{"anorexia nervosa", psychic, false},
	{"boulimia", psychic, false},
	{"dissociatieve identiteitsstoornis", psychic, false},
	{"transgender", personal, false},
	{"transvrouw", "vrouw", false},
	{"transman", "man", false},
	{"genderdysforie", "een medische aandoening", false},
	{"geslachtsverandering", treatment, false},
	{"geslachtswijziging", treatment, false},
	{"geslachtsaanpassing", treatment, false},
	{"gendertransitie", treatment, false},
	{"detentie", institute, false},
	{"gedetineerd", "opgenomen in een inrichting", false},
	{"in de gevangenis", "in een inrichting", false},
	{"in hechtenis", "in een inrichting", false},
	{"in voorlopige hechtenis", "in een inrichting", false},
	{"tbs", institute, false},
}

// conditionEntry is an entry of conditionList cut into tokens.
type conditionEntry struct {
	toks    []string
	general string
	exact   bool
}

// conditionIndex finds the entries by their first token: the exact text
// for an exact entry, the lower case otherwise. Longer entries come
// first, so the longest phrase wins.
var conditionIndex = func() map[string][]conditionEntry {
	m := map[string][]conditionEntry{}
	for _, c := range conditionList {
		var toks []string
		phrase := newScan(c.phrase)
		for _, t := range phrase.toks {
			if c.exact {
				toks = append(toks, phrase.orig(t))
			} else {
				toks = append(toks, phrase.lo(t))
			}
		}
		e := conditionEntry{toks: toks, general: c.general, exact: c.exact}
		list := m[toks[0]]
		at := len(list)
		for k, x := range list {
			if len(x.toks) < len(toks) {
				at = k
				break
			}
		}
		m[toks[0]] = append(list[:at], append([]conditionEntry{e}, list[at:]...)...)
	}
	return m
}()

var (
	refugees = set("vluchteling", "vluchtelingen", "statushouder", "statushouders", "asielzoeker",
		"asielzoekers", "nieuwkomer", "nieuwkomers", "asielmigrant")
	refugeeCues = set("vluchteling", "vluchtelingen", "statushouder", "statushouders", "asielzoeker",
		"asielzoekers", "nieuwkomer", "nieuwkomers", "asielmigrant", "gevlucht", "gevluchte", "vluchtte",
		"vluchtten", "vluchtelingenstatus", "asiel", "asielaanvraag", "asielstatus", "verblijfsvergunning",
		"verblijfsstatus")
	genderCues = set("gender", "transgender", "geslacht", "genderidentiteit", "trans", "transvrouw", "transman")
	// software are words after "MS" that make it Microsoft's.
	software = set("word", "teams", "office", "excel", "outlook", "dos", "windows", "access", "project")
)

func (s *scan) conditions() {
	for i, t := range s.toks {
		if t.kind != word {
			continue
		}
		if s.listed(i) {
			continue
		}
		switch {
		case len(s.lo(t)) > len("kanker") && strings.HasSuffix(s.lo(t), "kanker"):
			s.condition(i, i+1, cancer)
		case len(s.lo(t)) > len("tumor") && strings.HasSuffix(s.lo(t), "tumor"):
			s.condition(i, i+1, tumour)
		case len(s.lo(t)) > len("syndroom") && strings.HasSuffix(s.lo(t), "syndroom") && s.capitalised(i):
			s.condition(i, i+1, syndrome)
		case s.lo(t) == "syndroom":
			s.hyphenedSyndrome(i)
			s.eponym(i, syndrome)
		case s.lo(t) == "ziekte":
			s.eponym(i, disease)
		case s.lo(t) == "transitie":
			if s.near(i, 5, genderCues) {
				s.condition(i, i+1, treatment)
			}
		case s.lo(t) == "uit":
			s.country(i)
		case refugees[s.lo(t)]:
			s.nationality(i)
		}
	}
}

// condition adds a Condition over tokens [from, to) with the general
// form fitted to the word before: "de ziekte van Pompe" → "de ernstige
// ziekte", and "een lymfoom" → "kanker" (the "een" goes with it).
func (s *scan) condition(from, to int, general string) {
	if !strings.HasPrefix(general, "een ") && !strings.HasPrefix(general, "[") && s.isWord(from-1, "een") {
		from--
	} else {
		general = s.withArticle(from-1, general)
	}
	s.add(Condition, from, to, general, false)
}

// listed matches the curated list at token i and reports whether it did.
func (s *scan) listed(i int) bool {
	t := s.toks[i]
	for _, e := range conditionIndex[s.lo(t)] {
		if !e.exact && s.matches(i, e) {
			return s.listedMatch(i, e)
		}
	}
	for _, e := range conditionIndex[s.orig(t)] {
		if e.exact && s.matches(i, e) {
			return s.listedMatch(i, e)
		}
	}
	return false
}

// matches reports whether the tokens from i spell entry e.
func (s *scan) matches(i int, e conditionEntry) bool {
	for k, want := range e.toks {
		t := s.tok(i + k)
		got := s.lo(t)
		if e.exact {
			got = s.orig(t)
		}
		if t.kind == label || got != want || k > 0 && t.stop {
			return false
		}
	}
	return true
}

// listedMatch adds the match of entry e at token i. An abbreviation in a
// line of capitals is an ordinary word ("ALS HET BEZWAAR"), and "MS Word"
// is software. An abbreviation joined to a word ("ALS-patiënt") takes the
// word along: "patiënt met een neurologische ziekte"; a listed word so
// joined ("tbs-kliniek") is left alone.
func (s *scan) listedMatch(i int, e conditionEntry) bool {
	end := i + len(e.toks)
	if e.exact {
		if s.tok(i-1).caps || s.tok(end).caps || e.toks[0] == "MS" && software[s.lo(s.tok(end))] {
			return false
		}
	}
	if s.lo(s.tok(end)) == "-" && s.adjacent(end-1) && s.adjacent(end) && s.tok(end+1).kind == word {
		if !e.exact {
			return false
		}
		s.add(Condition, i, end+2, s.lo(s.toks[end+1])+" met "+e.general, false)
		return true
	}
	s.condition(i, end, e.general)
	return true
}

// near reports whether a word of cues is within n tokens of token i, in
// the same sentence.
func (s *scan) near(i, n int, cues map[string]bool) bool {
	for k := i - 1; k >= 0 && i-k <= n && !s.toks[k].stop; k-- {
		if s.toks[k].kind == word && cues[s.lo(s.toks[k])] {
			return true
		}
	}
	for k := i + 1; k < len(s.toks) && k-i <= n && !s.toks[k].stop; k++ {
		if s.toks[k].kind == word && cues[s.lo(s.toks[k])] {
			return true
		}
	}
	return false
}

// hyphenedSyndrome flags "Prader-Willi-syndroom", "Ehlers-Danlos-syndroom":
// capitalised names joined to "syndroom" by hyphens.
func (s *scan) hyphenedSyndrome(i int) {
	from := i
	for k := 0; k < 3 && s.lo(s.tok(from-1)) == "-" && s.adjacent(from-1) && s.adjacent(from-2) && s.tok(from-2).kind == word; k++ {
		from -= 2
	}
	if from < i && s.capitalised(from) {
		s.condition(from, i+1, syndrome)
	}
}

// eponym flags a disease or syndrome named after someone: "ziekte van
// Huntington", "syndroom van Guillain-Barré", "ziekte van Von Willebrand".
func (s *scan) eponym(i int, general string) {
	if !s.isWord(i+1, "van") || !s.capitalised(i+2) {
		return
	}
	// A name the list knows says more: "de ziekte van Duchenne" is a
	// muscular disease.
	for _, e := range conditionIndex[s.orig(s.toks[i+2])] {
		if e.exact && len(e.toks) == 1 {
			general = e.general
		}
	}
	j := i + 3
	switch {
	case s.lo(s.tok(j)) == "-" && s.adjacent(j-1) && s.adjacent(j) && s.tok(j+1).kind == word:
		j += 2
	case s.capitalised(j) && !s.tok(j-1).stop:
		j++
	}
	s.condition(i, j, general)
}

// country flags the country in "vluchteling uit Eritrea", "uit Syrië
// gevlucht": "uit" and one or two capitalised words, with a word about
// refuge or asylum within four tokens of the same sentence.
func (s *scan) country(i int) {
	if !s.capitalised(i + 1) {
		return
	}
	j := i + 2
	switch {
	case s.lo(s.tok(j)) == "-" && s.adjacent(j-1) && s.adjacent(j) && s.capitalised(j+1):
		j += 2
	case s.capitalised(j):
		j++
	}
	if s.near(i, 4, refugeeCues) || s.near(j-1, 4, refugeeCues) {
		s.add(Condition, i, j, abroad, false)
	}
}

// nationality flags "Eritrese vluchteling", "Syrische statushouders": a
// capitalised adjective of nationality before a word for a refugee.
func (s *scan) nationality(i int) {
	adj := s.tok(i - 1)
	if adj.kind != word || !s.capitalised(i-1) || adj.caps {
		return
	}
	if strings.HasSuffix(s.lo(adj), "se") || strings.HasSuffix(s.lo(adj), "sche") {
		s.add(Condition, i-1, i+1, s.lo(s.toks[i]), false)
	}
}
