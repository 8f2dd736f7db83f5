package redact

import (
	"strings"
	"unicode"
)

// Rules that tell an organisation by the shape of its name: an acronym
// written with capitalised words ("TU Delft", "PI Veenhuizen", "Fontys
// Hogeschool ICT"), and a name followed by the lower-case word of its kind
// ("de Al-Qiblah moskee", "Gelre ziekenhuizen").

// acronym reports whether token k is written in capitals and short enough
// to be an acronym (two to five letters or digits), and is no public body
// or law ("UWV", "AOW") and no name the lexicon knows in capitals
// ("JANSEN", "DE VRIES").
func (p *properScan) acronym(k int) bool {
	t := p.toks[k]
	return t.upper && len(t.key) <= 5 && t.flags&(lexPublic|lexGiven|lexSurname|lexPlace|lexCountry) == 0
}

// joinAcronym reports whether tokens a and b (b right after a) join into
// one name although one is in capitals and the other not: an acronym next
// to a capitalised word ("MHC Kampong", "Máxima MC").
func (p *properScan) joinAcronym(a, b int) bool {
	x, y := p.toks[a], p.toks[b]
	if !x.cap || !y.cap || x.upper == y.upper || x.initials || y.initials || y.gap != gapSpace {
		return false
	}
	if b+1 < len(p.toks) && p.toks[b+1].digit && p.toks[b+1].gap == gapSpace {
		return false // a code: "WBK 412345 T"
	}
	if x.upper {
		return p.acronymBy(a, b) && y.flags&(lexPublic|lexTitle|lexRelation) == 0 && !p.twoCaps(b) &&
			(!runParticles[y.key] || b+1 < len(p.toks) && p.toks[b+1].cap && p.toks[b+1].gap == gapSpace)
	}
	return p.acronymBy(b, a) && !runParticles[x.key] && !p.twoCaps(a)
}

// acronymBy reports whether token k is an acronym next to token o: one
// the lexicon knows as a name too ("DOCK") only next to the word of an
// organisation's kind ("Stichting DOCK").
func (p *properScan) acronymBy(k, o int) bool {
	if p.acronym(k) {
		return true
	}
	t := p.toks[k]
	return t.upper && len(t.key) <= 5 && t.flags&(lexPublic|lexPlace|lexCountry) == 0 && p.orgHead(o)
}

// twoCaps reports whether token k starts with two capitals but is not
// all capitals ("NLkk"): no word of a name.
func (p *properScan) twoCaps(k int) bool {
	t := p.toks[k]
	r := []rune(p.s.text[t.start:min(t.end, t.start+8)])
	return len(r) >= 2 && !t.upper && unicode.IsUpper(r[0]) && unicode.IsUpper(r[1])
}

// mixedCaps reports whether the run toks[core:j] joins an acronym and a
// capitalised word: the name of an organisation.
func (p *properScan) mixedCaps(core, j int) bool {
	for k := core + 1; k < j; k++ {
		if p.joinAcronym(k-1, k) {
			return true
		}
	}
	return false
}

// professions are the words of someone who works for an organisation,
// besides the compounds roleWord knows: "de begeleider van Lindenhout"
// names the employer, where "de zoon van Yilmaz" names a person.
var professions = map[string]bool{
	"begeleider": true, "begeleidster": true, "consulent": true, "consulente": true, "coach": true,
	"mentor": true, "docent": true, "docente": true, "bewindvoerder": true, "hulpverlener": true,
	"medewerker": true, "medewerkster": true, "jurist": true, "advocaat": true, "advocate": true,
	"behandelaar": true, "regisseur": true, "therapeut": true, "psycholoog": true, "psychiater": true,
	"arts": true, "specialist": true, "manager": true, "teamleider": true, "leidinggevende": true,
	"contactpersoon": true, "trainer": true, "directeur": true, "verpleegkundige": true,
	"vrijwilliger": true, "vrijwilligster": true, "gemachtigde": true, "casemanager": true,
}

// professional reports whether a folded word names someone's work.
func professional(w string) bool {
	return professions[w] || roleWord(w)
}

// orgLike reports whether the run toks[core:j] has the shape of an
// organisation's name whatever the words before it: a legal form, a word
// naming a kind of organisation, an acronym with a capitalised word, a
// word written in camel case ("VluchtelingenWerk"), or a known company.
func (p *properScan) orgLike(core, j int) bool {
	return p.legal(j-1) || p.orgIn(core, j) || p.mixedCaps(core, j) || p.camel(core, j) || p.brand(core) ||
		p.companyIn(core, j) ||
		p.phraseAt(core, j, lexCompany) > core
}

// vanAt returns the token of a lower-case "van" inside the run toks[i:j]
// that links a person's full name to the organisation they work for ("Tom
// Visser van Ondernemersklankbord", "Anja van VluchtelingenWerk"), or -1.
// Before it stand a given name or initials and a surname; after it no
// known surname, or the name of an organisation. A name with "van" inside
// ("Jan Peter van Dijk") stays whole.
func (p *properScan) vanAt(i, j int) int {
	for i < j && runParticles[p.toks[i].key] && !p.toks[i].cap {
		i++ // "hulp van Gerrit Kroon van de Ouderenbond"
	}
	for v := i + 1; v < j-1; v++ {
		t := p.toks[v]
		if t.key != "van" || t.cap {
			continue
		}
		core := v + 1
		for core < j-1 && runParticles[p.toks[core].key] && !p.toks[core].cap {
			core++
		}
		if !p.toks[core].cap || core == j {
			return -1
		}
		if p.orgLike(core, j) && (p.givenLed(i, v) || p.initialsLed(i, v+1)) {
			return v
		}
		full := v-i >= 2 && p.toks[i].cap && p.toks[v-1].cap && p.toks[v-1].flags&lexGiven == 0 &&
			!runParticles[p.toks[v-1].key]
		if full && p.toks[j-1].flags&lexSurname == 0 && p.phraseAt(core, j, lexPlace) == core {
			return v
		}
		return -1
	}
	return -1
}

// vanTail classifies the run toks[v:j] that starts with "van" (and maybe
// "de", "het") after a profession or a person's full name: a person if it
// starts with a given name or initials or is a known surname, a place if
// it is one, an organisation otherwise.
func (p *properScan) vanTail(v, j int) (Kind, int, int, bool) {
	core := v + 1
	for core < j-1 && runParticles[p.toks[core].key] && !p.toks[core].cap {
		core++
	}
	switch {
	case !p.toks[core].cap:
		return "", 0, 0, false
	case p.orgLike(core, j):
		return Organisation, p.orgStart(core), j, true
	case p.givenLed(core, j) || p.initialsLed(core, j) || p.toks[j-1].flags&lexSurname != 0:
		return Name, v, j, true
	case p.phraseAt(core, j, lexPlace) > core:
		return Place, core, j, true
	case p.phraseAt(core, j, lexCountry) > core:
		return "", 0, 0, false
	}
	return Organisation, p.orgStart(core), j, true
}

// camel reports whether a word of the run toks[core:j] is written in
// camel case, a capital after a lower-case letter ("VluchtelingenWerk",
// "ArboNed", "deltaWonen"): a brand, not a name ("McDonald" aside).
func (p *properScan) camel(core, j int) bool {
	for k := core; k < j; k++ {
		if p.camelAt(k) {
			return true
		}
	}
	return false
}

func (p *properScan) camelAt(k int) bool {
	t := p.toks[k]
	if t.upper || t.initials || t.digit {
		return false
	}
	w := p.s.text[t.start:t.end]
	if len(w) > 3 && (w[:2] == "Mc" || w[:3] == "Mac") || holdsReferenceWord(t.key) {
		return false // a reference word in odd capitals ("ZaakNr") shields the number after it
	}
	lower := false
	for _, r := range w {
		switch {
		case unicode.IsLower(r):
			lower = true
		case unicode.IsUpper(r) && lower:
			key, _, _ := strings.Cut(t.key, "-")
			return !platforms[key] // "LinkedIn-profiel"
		default:
			lower = false // "Vries-Bakker", "O'Neill"
		}
	}
	return false
}

// platforms are the apps and sites that a text names as the medium, not
// as an organisation that locates someone.
var platforms = map[string]bool{
	"whatsapp": true, "tiktok": true, "youtube": true, "linkedin": true, "facebook": true,
	"instagram": true, "snapchat": true, "iphone": true, "ipad": true, "playstation": true,
	"digid": true, "mijnoverheid": true, "belastingtelefoon": true, "paypal": true, "powerpoint": true, "chatgpt": true,
}

// genericKinds are words of lexOrgType that do not name an institution
// when they follow a name in lower case ("Nederlands onderwijs").
var genericKinds = map[string]bool{
	"speciaal": true, "vrije": true, "medisch": true, "psychiatrisch": true, "centrum": true,
	"onderwijs": true, "so": true, "vso": true, "pi": true, "penitentiaire": true, "opvang": true,
	"inrichting": true, "instelling": true, "zorgaanbieder": true, "bedrijf": true, "firma": true,
	"dagbesteding": true, "thuiszorg": true, "werkplaats": true, "makelaar": true, "kapper": true,
}

// tailSuffixes end the compound words that name an institution after its
// name ("Action distributiecentrum", "Gelre ziekenhuizen").
var tailSuffixes = []string{"school", "scholen", "ziekenhuis", "ziekenhuizen", "kliniek", "centrum", "college"}

// orgTail reports whether token k, in lower case right after a run, names
// the kind of institution the run is the name of: "de Al-Qiblah moskee",
// "Al-Ihsaan basisschool".
func (p *properScan) orgTail(k int) bool {
	t := p.toks[k]
	if t.cap || t.digit || t.gap != gapSpace {
		return false
	}
	switch t.key {
	case "moskee", "kerk", "synagoge", "tempel", "gebedshuis", "ziekenhuizen", "scholen":
		return true
	}
	if p.l.has(t.key, lexOrgType) {
		return !genericKinds[t.key]
	}
	for _, suf := range tailSuffixes {
		if len(t.key) > len(suf)+3 && t.key[len(t.key)-len(suf):] == suf {
			return true
		}
	}
	return false
}

// weakNameCue reports whether near is a word that is a cue for a name
// only at the head of a letter or a line ("Aan: Petra", "Namens Jansen")
// and a preposition elsewhere ("studeert aan het Albeda", "betaald door
// Menzis").
func weakNameCue(near string) bool {
	return near == "aan" || near == "door" || near == "namens"
}

// orgExtend returns the end of an organisation's name found up to token
// end, grown over what belongs to it after the run: "+Nagel", ".com",
// "en Onderwijs", "& Budget" ("Horizon Jeugdzorg en Onderwijs",
// "Hoogstraten Bewind & Budget"). A given name after "en" is another
// person ("bij Jumbo en Petra") unless the name started with the word of
// its kind ("Verpleeghuis Joachim en Anna"). start is the name's first
// token.
func (p *properScan) orgExtend(start, end int) int {
	for n := 0; n < 2 && end < len(p.toks); n++ {
		between := p.s.text[p.toks[end-1].end:p.toks[end].start]
		t := p.toks[end]
		switch {
		case (between == "+" || between == "&") && t.cap:
			end++
		case between == "." && tld(t.key) && !t.cap && !p.dotWord(end):
			return end + 1 // "Bol.com", "Thuisbezorgd.nl"
		case between == " & " && t.cap, p.linkEn(start, end, between):
			k := end
			if t.key == "en" {
				k++
			}
			e := p.runEnd(k)
			if e == k {
				return end
			}
			end = e
		default:
			return end
		}
	}
	return end
}

// linkEn reports whether token end is an "en" that links the words of an
// organisation's name (toks[start:end]) to more of it.
func (p *properScan) linkEn(start, end int, between string) bool {
	if p.toks[end].key != "en" || p.toks[end].cap || between != " " && between != "- " || end+1 >= len(p.toks) {
		return false
	}
	next := p.toks[end+1]
	if !next.cap || next.upper || next.gap != gapSpace || next.flags&(lexPublic|lexCountry) != 0 {
		return false
	}
	return next.flags&(lexGiven|lexSurname) == 0 || p.orgHead(start) && p.toks[start].cap
}

// tld reports whether a folded word is a top-level domain a company's
// name ends in.
func tld(key string) bool {
	switch key {
	case "com", "nl", "be", "org", "net", "eu", "de", "io":
		return true
	}
	return false
}

// dotWord reports whether token k is followed by a dot and a letter or
// digit: a domain or a path goes on ("bol.com.au").
func (p *properScan) dotWord(k int) bool {
	e := p.toks[k].end
	return e < len(p.s.text) && p.s.text[e] == '.' && alnumAt(p.s.text, e+1)
}

// publicInOrg reports whether token j, a word of a public body ("Thuis",
// "Centrale", "Gemeente"), goes on the run toks[i:j] as part of an
// organisation's name: after the word of its kind ("Zorgbureau Thuis",
// "Taxi Centrale"), or "Gemeente" after a capitalised word that is no
// place or name ("Gereformeerde Gemeente", "Maranatha Gemeente"): a church.
func (p *properScan) publicInOrg(i, j int) bool {
	t := p.toks[j]
	if !t.cap || t.upper || t.gap != gapSpace || t.flags&(lexTitle|lexRelation) != 0 || t.flags&lexPublic == 0 {
		return false
	}
	if t.key == "gemeente" {
		prev := p.toks[j-1]
		return prev.cap && !prev.upper && !prev.sentence && prev.flags&(lexPlace|lexPublic|lexGiven|lexSurname|lexCountry) == 0
	}
	for k := i; k < j; k++ {
		if p.toks[k].cap && p.orgHead(k) {
			return true
		}
	}
	return false
}

// church reports whether the run toks[core:j] holds "Gemeente" after its
// first word: the name of a congregation.
func (p *properScan) church(core, j int) bool {
	for k := core + 1; k < j; k++ {
		if p.toks[k].key == "gemeente" && p.toks[k].cap {
			return true
		}
	}
	return false
}

// brand reports whether token k is a word of letters with a digit inside
// that starts with a capital and ends with a letter ("G4S", "Kids2Care"):
// a brand's name, not a code ("NL54", "XX-99-99") or a number.
func (p *properScan) brand(k int) bool {
	t := p.toks[k]
	if !t.digit || !t.cap || t.initials || strings.IndexByte(t.key, '-') >= 0 {
		return false
	}
	letters := 0
	for i := 0; i < len(t.key); i++ {
		if !isDigit(t.key[i]) {
			letters++
		}
	}
	return letters >= 2 && !isDigit(t.key[len(t.key)-1])
}

// loneAcronym reports whether the run toks[core:j] is one acronym right
// after "bij", "via", "van (de)" or "in" ("bij G4S", "van de CNSS", "in
// ORO"): an organisation, unless a public body's word stands before "van"
// ("het ministerie van SZW").
func (p *properScan) loneAcronym(near string, core, j int) bool {
	if j-core != 1 || !(p.acronym(core) || p.brand(core)) || core == 0 {
		return false
	}
	k := core - 1
	if near == "van" || near == "bij" {
		if articles[p.toks[k].key] && k > 0 {
			k--
		}
	}
	switch p.toks[k].key {
	case "bij", "via", "in", "at", "for":
		return true
	case "van":
		return k == 0 || !p.l.has(p.toks[k-1].key, lexPublic|lexOrgType)
	}
	return false
}

// orgList reports whether the run toks[core:j] is the next item of a list
// whose previous item was found as an organisation ("Woonstad Rotterdam,
// Vattenfall, CZ, Wehkamp"): a word that is no ordinary word, name, place,
// country or public body, after a comma or "en", ending the item.
func (p *properScan) orgList(i, core, j int) bool {
	if p.lastKind != Organisation || p.lastTok < 0 || core != i {
		return false
	}
	t := p.toks[core]
	if !t.cap || t.flags&(lexOrdinary|lexCountry|lexPublic|lexGiven|lexSurname|lexPlace) != 0 {
		return false
	}
	after := p.lastTok == i-1 && t.gap == gapComma ||
		p.lastTok == i-2 && p.toks[i-1].key == "en" && t.gap == gapSpace && p.toks[i-1].gap <= gapComma
	return after && (j == len(p.toks) || p.toks[j].gap != gapSpace || p.toks[j].key == "en")
}

// affiliation reports whether the run toks[i:j] names, in brackets or
// after a comma in brackets, the organisation of the person found right
// before it ("Trees van Lieshout (Taalhuis Oss)", "(vrijwilliger Hans
// Dijkema, Humanitas Groningen)"): no person, place or country.
func (p *properScan) affiliation(i, core, j int) bool {
	if p.lastKind != Name || p.lastTok != i-1 || core != i {
		return false
	}
	switch p.toks[i].gap {
	case gapOpen:
	case gapComma:
		if !p.closes(j) {
			return false
		}
	default:
		return false
	}
	return p.closes(j) && !p.givenLed(core, j) && !p.initialsLed(i, j) && p.phraseAt(core, j, lexPlace|lexCountry) == core &&
		p.toks[core].flags&(lexTitle|lexRelation) == 0
}

// closes reports whether a closing bracket follows token j-1.
func (p *properScan) closes(j int) bool {
	e := p.toks[j-1].end
	return e < len(p.s.text) && p.s.text[e] == ')'
}

// debtLine reports whether the run toks[core:j] opens an item of a list
// of debts or costs, after a dash or a number at the start of a line, with
// an amount in euros on the same line ("- Vestia (huurachterstand): €
// 3.205", "1. Stadgenoot (huur) € 2.980"): a creditor. Known names,
// places and ordinary words are left to the other rules.
func (p *properScan) debtLine(core, j int) bool {
	t := p.toks[core]
	if !t.cap || !t.sentence || t.flags&(lexOrdinary|lexGiven|lexSurname|lexPlace|lexCountry|lexPublic|lexTitle|lexRelation) != 0 {
		return false
	}
	text := p.s.text
	// Back to the start of the line over a bullet: "- ", "• ", "12. ".
	q, bullet := t.start, false
	for n := 0; q > 0 && n < 6 && text[q-1] != '\n'; n++ {
		c := text[q-1]
		if c != ' ' && c != '-' && c != '.' && c != '*' && !isDigit(c) {
			return false
		}
		bullet = bullet || c != ' '
		q--
	}
	if !bullet || q > 0 && text[q-1] != '\n' {
		return false
	}
	// An amount in euros further on the line.
	end := p.toks[j-1].end
	for n := 0; end+n < len(text) && n < 80 && text[end+n] != '\n'; n++ {
		if strings.HasPrefix(text[end+n:], "€") {
			return true
		}
	}
	return false
}

// companyWords are words that, inside a run of two or more capitalised
// words, make it a company's name ("Royal Lemkes", "DAF Trucks", "Siemens
// Mobility", "Payroll Select").
var companyWords = map[string]bool{
	"royal": true, "koninklijke": true, "international": true, "internationaal": true,
	"mobility": true, "components": true, "trucks": true, "systems": true, "solutions": true,
	"logistics": true, "industries": true, "foods": true, "payroll": true, "select": true,
	"benelux": true, "europe": true, "company": true, "works": true, "technology": true,
	"technologies": true, "engineering": true, "automotive": true, "electronics": true,
	"retail": true, "fashion": true, "facility": true, "facilitair": true, "staffing": true,
}

// companyIn reports whether a word of the run toks[core:j] of two or more
// words is one of companyWords, or a capitalised "Het" stands inside it
// ("Saxenburgh Het Ravelijn"): no person's name holds one.
func (p *properScan) companyIn(core, j int) bool {
	if j-core < 2 {
		return false
	}
	for k := core; k < j; k++ {
		t := p.toks[k]
		if companyWords[t.key] && t.cap || k > core && t.cap && (t.key == "het" || t.key == "'t" || t.key == "’t") {
			return true
		}
	}
	return false
}

// orgAtPlace reports whether the run toks[core:j] is a word that is no
// name, place or public body followed by a known place ("Taalhuis Oss",
// "Woonstad Rotterdam", "Pearle Almere Haven"): an organisation's branch.
// People are not named so; places are ("Rotterdam Zuid"), and are left.
func (p *properScan) orgAtPlace(core, j int) bool {
	t := p.toks[core]
	if j-core < 2 || !t.cap || t.upper || t.sentence && t.flags&lexOrdinary != 0 || runParticles[t.key] ||
		t.flags&(lexGiven|lexSurname|lexPlace|lexCountry|lexPublic|lexTitle|lexRelation) != 0 {
		return false
	}
	if p.phraseAt(core+1, j, lexPlace) == core+1 || p.toks[core+1].flags&lexOrdinary != 0 {
		return false
	}
	// In a list of people a surname is often a place ("Aanwezig: Gea
	// Bloemendaal, Ron Kuijper").
	prevName := p.lastKind == Name && p.lastTok == core-1 && p.toks[core].gap == gapComma
	nextName := j+1 < len(p.toks) && p.toks[j].gap == gapComma && p.givenLed(j, min(j+2, len(p.toks)))
	return !prevName && !nextName
}

// apposition reports whether the run follows, after a comma, a lower-case
// word that names a kind of organisation ("zijn amateurclub, DFC", "een
// payrollbedrijf, Payroll Select") and ends there: its name.
func (p *properScan) apposition(i, core, j int) bool {
	if i == 0 || core != i || p.toks[i].gap != gapComma || p.toks[i-1].cap || !p.orgHead(i-1) {
		return false
	}
	if p.givenLed(core, j) || p.phraseAt(core, j, lexPlace|lexCountry) > core {
		return false
	}
	return j == len(p.toks) || p.toks[j].gap != gapSpace
}

// contractWith reports whether the run follows "met" after a word of an
// agreement ("de huurovereenkomst met Woonbron"): the other party, an
// organisation unless a given name or initials lead it.
func (p *properScan) contractWith(i, core, j int) bool {
	if i < 2 || core != i || p.toks[i-1].key != "met" || p.toks[i].gap != gapSpace {
		return false
	}
	w := p.toks[i-2].key
	if !strings.HasSuffix(w, "overeenkomst") && !strings.HasSuffix(w, "contract") {
		return false
	}
	return !p.givenLed(core, j) && !p.initialsLed(i, j) && p.toks[j-1].flags&lexSurname == 0 &&
		p.phraseAt(core, j, lexPlace|lexCountry) == core
}
