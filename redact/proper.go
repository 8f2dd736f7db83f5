package redact

import "strings"

// The detectors of names of people who are no party, places and
// organisations read tokens (see tokens.go). A run of capitalised words,
// initials and particles ("dhr. P. de Jong", "basisschool De Regenboog",
// "uit Tilburg") is classified by the words before it (a title, a
// relation, a place word, an employer's word) and by the lexicon (given
// names, surnames, places, ordinary words). A name, place or organisation
// found once is then found wherever its word is written again with a
// capital ("Jansen" after "meneer Jansen").

// maxRun bounds a run's length in tokens: no name, place or organisation
// is longer, and it keeps the work per run constant.
const maxRun = 8

// runParticles are the lower-case particles that may stand inside a name
// ("van der", "de", "'t"); "in", "op", "uit", "te" may not, because
// before a capital they are mostly prepositions ("uit Tilburg").
var runParticles = map[string]bool{
	"van": true, "de": true, "der": true, "den": true, "het": true, "'t": true, "’t": true,
	"ten": true, "ter": true, "von": true, "zu": true, "la": true, "le": true, "du": true,
	"di": true, "da": true, "dos": true, "del": true, "della": true, "el": true, "al": true,
	"bin": true, "ben": true, "ibn": true, "abu": true, "v.d.": true, "vd": true, "&": true,
	"'s": true, "’s": true,
}

// articles are skipped when the words before a run are read.
var articles = map[string]bool{"de": true, "het": true, "'t": true, "een": true, "’t": true}

// courtWords name a court or an authority whose seat follows: the seat
// stays ("rechtbank Amsterdam").
var courtWords = map[string]bool{
	"rechtbank": true, "gerechtshof": true, "hof": true, "kantongerecht": true, "arrondissement": true,
	"zittingsplaats": true, "locatie": true, "parket": true, "ressort": true, "politie": true,
	"eenheid": true, "uwv": true, "svb": true, "ind": true, "belastingdienst": true, "duo": true,
}

// strongPlaceWords are followed by a place whatever its name ("wonende
// te Haaren", "woonplaats: Kerkdriel").
var strongPlaceWords = map[string]bool{
	"te": true, "uit": true, "woonplaats": true, "geboorteplaats": true, "woonachtig": true,
	"wonend": true, "wonende": true, "afkomstig": true, "vandaan": true, "plaats": true,
	"in": true, "naar": true, "from": true, "to": true, "à": true, "aus": true, "nach": true, "buiten": true,
}

// employerPreps link an employment word to an employer ("werkt bij").
var employerPreps = map[string]bool{"bij": true, "van": true, "voor": true, "op": true, "in": true}

// propers finds the names, places and organisations in the tokens.
func (s *scanner) propers(toks []token) {
	l := lex()
	p := properScan{s: s, toks: toks, l: l, seen: map[string]Kind{}, covered: make([]bool, len(toks)), lastTok: -1}
	for i := 0; i < len(toks); {
		j := p.runEnd(i)
		if j == i {
			i++
			continue
		}
		p.classify(i, j)
		i = j
	}
	p.propagate()
}

// properScan holds the state of one pass of propers.
type properScan struct {
	s       *scanner
	toks    []token
	l       *lexicon
	seen    map[string]Kind // the words of what was found, to find them again
	covered []bool          // tokens inside a finding of propers
	// lastTok is the last token of the last finding of propers (-1 if
	// none yet), lastKind its kind.
	lastTok  int
	lastKind Kind
}

// runToken reports whether token k may be part of a run: a capitalised
// word, initials, or a particle.
func (p *properScan) runToken(k int) bool {
	t := p.toks[k]
	switch {
	case t.digit:
		return p.brand(k)
	case t.initials:
		return true
	case runParticles[t.key]:
		return true
	case !t.cap:
		return p.camelAt(k) // "deltaWonen"
	case strings.IndexByte(t.key, '-') > 0 && p.l.has(t.key[:strings.IndexByte(t.key, '-')], lexPublic):
		return false // "AOW-leeftijd", "Wmo-vervoer"
	case t.upper && k > 0 && k+1 < len(p.toks) && p.toks[k-1].digit && p.toks[k+1].digit:
		return false // "NL54 BUNQ 5564 …": part of a number
	case t.upper && len(t.key) == 2 && k > 0 && len(p.toks[k-1].key) == 4 && allDigits(p.toks[k-1].key):
		return false // the letters of a postcode: "6681 AB BEMMEL"
	case t.upper:
		// "UWV", "BSN": acronyms of public bodies and laws are nothing to
		// redact; another acronym may be an organisation ("HTM"), and a
		// name in capitals is one ("JANSEN"). Inside a run of ordinary
		// capitals, an acronym ends it ("Petra Jansen BSN").
		if t.flags&(lexPublic) != 0 {
			return false
		}
		return k == 0 || !p.toks[k-1].cap || p.toks[k-1].upper || p.toks[k].gap != gapSpace || p.legal(k) ||
			p.joinAcronym(k-1, k)
	}
	// A public body, a title or a relation is not part of a name: it is
	// what comes before one.
	return t.flags&(lexPublic|lexTitle|lexRelation) == 0 || p.orgHead(k)
}

// runEnd returns the end of the run that starts at token i (i itself if
// none does). Leading words that are ordinary words at the start of a
// sentence ("Volgens Jansen") and trailing particles are not part of it.
func (p *properScan) runEnd(i int) int {
	if !p.runToken(i) {
		return i
	}
	j := i + 1
	for j < len(p.toks) && j-i < maxRun && p.toks[j].gap == gapSpace && (p.runToken(j) || p.publicInOrg(i, j)) &&
		(p.toks[j].upper == p.toks[j-1].upper || p.legal(j) || p.joinAcronym(j-1, j)) {
		j++
	}
	return j
}

// classify decides what the run toks[i:j] is, and adds it.
func (p *properScan) classify(i, j int) {
	// Drop what cannot start a name: an ordinary word starting a
	// sentence, a lone particle.
	for i < j && p.weakStart(i, j) {
		i++
	}
	if i < j-1 && p.wordBeforeName(i) {
		i++
	}
	for j > i && (runParticles[p.toks[j-1].key] || p.toks[j-1].initials && !p.legal(j-1)) && !p.legal(j-1) {
		j--
	}
	if i >= j {
		return
	}
	core := i
	for core < j-1 && runParticles[p.toks[core].key] && !p.toks[core].cap {
		core++
	}
	if core == j-1 && runParticles[p.toks[core].key] || p.toks[core].initials && core == j-1 {
		return
	}
	if v := p.vanAt(i, j); v > 0 {
		// "Tom Visser van Ondernemersklankbord": a person and the
		// organisation they work for.
		p.classify(i, v)
		if kind, start, end, ok := p.vanTail(v, j); ok {
			p.add(kind, start, end)
		}
		return
	}
	left := p.left(i)
	if kind, start, end, ok := p.decide(i, core, j, left); ok {
		if kind == Organisation {
			end = p.orgExtend(start, end)
		}
		p.add(kind, start, end)
	}
}

// wordBeforeName reports whether token i, an unknown capitalised word
// starting a sentence before a given name or initials, is rather a word
// than part of the name ("Leerplichtambtenaar Jeroen Dekker").
func (p *properScan) wordBeforeName(i int) bool {
	t := p.toks[i]
	return t.sentence && t.gap != gapColon && t.cap && !t.initials && !runParticles[t.key] && !p.orgHead(i) &&
		(p.toks[i+1].flags&lexGiven != 0 || p.toks[i+1].initials) &&
		t.flags&(lexGiven|lexSurname|lexPlace|lexCompany) == 0
}

// orgSuffixes end words that name an organisation ("Bouwbedrijf",
// "Praktijkonderwijs", "Gezondheidscentrum", "Tweewielers").
var orgSuffixes = []string{
	"bedrijf", "bedrijven", "handel", "werken", "verzorging", "centrum", "school", "college",
	"lyceum", "gymnasium", "ziekenhuis", "kliniek", "praktijk", "onderwijs", "opvang", "dagverblijf",
	"groep", "vereniging", "stichting", "team", "bureau", "kantoor", "winkel", "afslag", "fabriek",
	"fabrieken", "kerk", "moskee", "universiteit", "hogeschool", "academie", "instituut", "apotheek",
	"garage", "transport", "logistiek", "techniek", "installaties", "makelaardij", "bakkerij",
	"slagerij", "tweewielers", "vervoer", "bewindvoering", "beheer", "bewind", "uitzendbureau",
	"detachering", "zorggroep", "thuiszorg", "woonzorg", "zorgcentrum", "klinieken", "gasthuis",
	"ziekenhuizen", "scholen", "bescherming", "verzekeringen", "bank", "hotel", "restaurant",
	"cafetaria", "camping", "kapsalon", "schoonmaak", "services", "service", "holding", "partners",
	"consultancy", "verhuur", "wonen", "woningen", "woonstichting", "corporatie", "incasso",
	"incassobureau", "deurwaarders", "advocaten", "notarissen", "huisartsen", "tandartsen",
	"advocatuur", "grill", "grillroom", "boerderij", "kwekerij", "hoeve", "hospital", "practice", "clinic", "university", "group",
	"force", "supermarkten", "supermarkt", "jeugdzorg", "zorg", "jachthaven", "taxi",
	"onderneming", "gemeente", "mc", "umc", "wonen", "budget", "bibliotheek", "sportclub",
	"voetbalclub", "zwembad", "dierenarts", "kinderopvang", "peuteropvang", "basisschool",
	"werkplaats", "therapie", "club",
}

// orgHead reports whether token k names a kind of organisation: a word
// of lexOrgType, or one ending like one ("Bouwbedrijf").
func (p *properScan) orgHead(k int) bool {
	key := p.toks[k].key
	if p.l.has(key, lexOrgType) {
		return true
	}
	if p.l.has(key, lexPlace|lexPublic) {
		return false // "Ridderkerk", "Gemeente"
	}
	for _, suf := range orgSuffixes {
		if len(key) >= len(suf) && key[len(key)-len(suf):] == suf {
			return true
		}
	}
	return false
}

// weakStart reports whether token i cannot start a run: an ordinary word
// that starts a sentence (and is no known name), or an upper-case
// particle that starts a sentence before a lower-case word.
func (p *properScan) weakStart(i, j int) bool {
	t := p.toks[i]
	if t.initials || !t.cap || !t.sentence || t.flags&(lexOrdinary) == 0 || runParticles[t.key] || p.camelAt(i) {
		return false
	}
	// The word of an organisation's kind before its name ("Camping De
	// Maasoever"), and a field's value before such a word ("school: Globe
	// College"), start a name.
	if i+1 < j && p.toks[i+1].cap && (p.orgHead(i) || p.orgHead(i+1) && (t.gap == gapColon || p.colonLine(i))) {
		return false
	}
	return true
}

// legal reports whether token k is a legal form ("B.V.", "BV", "VOF").
func (p *properScan) legal(k int) bool {
	return p.toks[k].flags&(lexLegal) != 0 || p.l.has(trimDots(p.toks[k].key), lexLegal)
}

func trimDots(s string) string {
	for len(s) > 0 && s[len(s)-1] == '.' {
		s = s[:len(s)-1]
	}
	return s
}

// left returns up to four folded words before token i, nearest first,
// without articles, in the same sentence (a colon counts as the same:
// "Naam: Jansen"), and the gap before the nearest.
func (p *properScan) left(i int) []string {
	out := make([]string, 0, 4)
	for k := i; k > 0 && len(out) < 4; k-- {
		g := p.toks[k].gap
		if g == gapLine && !(k == i && p.colonLine(k)) || g == gapOther {
			break
		}
		key := p.toks[k-1].key
		if articles[key] && len(out) == 0 && k-1 != i {
			continue
		}
		out = append(out, trimDots(key))
	}
	return out
}

// colonLine reports whether token k starts a line after one that ends in
// a colon ("Werkgever:\nJumbo").
func (p *properScan) colonLine(k int) bool {
	if k == 0 {
		return false // the first token follows no line (found by fuzzing: "A BAkkerij")
	}
	t := p.s.text
	for q := p.toks[k].start - 1; q >= p.toks[k-1].end; q-- {
		if t[q] == ':' {
			return true
		}
	}
	return false
}

// add records a finding of propers over tokens, and the words to find
// again.
func (p *properScan) add(kind Kind, start, end int) {
	a, b := p.toks[start].start, p.toks[end-1].end
	if p.s.kept(a, b) {
		return
	}
	p.s.add(kind, a, b)
	p.lastTok, p.lastKind = end-1, kind
	for k := start; k < end; k++ {
		p.covered[k] = true
		t := p.toks[k]
		if t.initials || runParticles[t.key] || p.legal(k) || len(t.key) < 3 {
			continue
		}
		if _, ok := p.seen[t.key]; !ok {
			p.seen[t.key] = kind
		}
	}
}

// propagate finds again, anywhere in the text, the words of what was
// found: "Jansen" after "meneer Jansen", "Reeshof" after "wijk Reeshof".
// A word that is also an ordinary word must be capitalised inside a
// sentence.
func (p *properScan) propagate() {
	if len(p.seen) == 0 {
		return
	}
	for k, t := range p.toks {
		if p.covered[k] || !t.cap || t.initials {
			continue
		}
		kind, ok := p.seen[t.key]
		if !ok || t.sentence && t.flags&(lexOrdinary) != 0 {
			continue
		}
		start := k
		if kind == Name {
			for start > 0 && p.toks[start].gap == gapSpace && !p.covered[start-1] &&
				(runParticles[p.toks[start-1].key] || p.toks[start-1].initials) {
				start--
			}
		}
		a, b := p.toks[start].start, t.end
		if !p.s.kept(a, b) {
			p.s.add(kind, a, b)
		}
	}
}
