package redact

import "strings"

// decide classifies the run toks[i:j], whose core (without leading
// lower-case particles) starts at token core, given the words before it
// (nearest first). It returns the kind and the tokens to redact.
func (p *properScan) decide(i, core, j int, left []string) (Kind, int, int, bool) {
	near := ""
	if len(left) > 0 {
		near = left[0]
	}
	if p.stays(near, core, j) && !(p.street(j-1) && (near == "bij" || near == "via" || p.employer(left))) {
		return "", 0, 0, false // but "werkte bij Verkade" is no street
	}
	if kind, start, end, ok := p.decideShape(near, i, core, j); ok {
		return kind, start, end, true
	}
	return p.decideCue(near, i, core, j, left)
}

// decideShape goes on with decide: an organisation by the shape of its
// name, a place between two prepositions or a known place after a place
// word, an item of a list, a known company.
func (p *properScan) decideShape(near string, i, core, j int) (Kind, int, int, bool) {
	switch {
	case j < len(p.toks) && p.orgTail(j) && p.phraseAt(core, j, lexCountry) == core:
		return Organisation, p.orgStart(core), j + 1, true // "de Al-Qiblah moskee"

	case p.orgShape(core, j):
		return Organisation, p.orgStart(core), j, true
	case p.l.has(near, lexOrgType) || i > 0 && p.orgHead(i-1) && !p.toks[i-1].cap && p.toks[i].gap <= gapSpace:
		return Organisation, p.orgStart(core), j, true
	}
	if p.placeBetween(near, core, j) {
		return Place, core, j, true
	}
	if end := p.phraseAt(core, j, lexPlace); end > core && (near == "in" || near == "uit" || near == "te" || near == "naar") {
		return Place, core, max(end, j), true // "woont in Hoogvliet", not the supermarket
	}
	if p.orgList(i, core, j) || p.affiliation(i, core, j) || p.debtLine(core, j) || p.apposition(i, core, j) ||
		p.contractWith(i, core, j) {
		return Organisation, core, j, true
	}
	if kind, ok := p.continues(near, i, core, j); ok {
		return kind, i, j, true
	}
	if end := p.phraseAt(core, j, lexCompany); end > core {
		return Organisation, core, max(end, j), true
	}
	return "", 0, 0, false
}

// decideCue goes on with decide: the words before the run.
func (p *properScan) decideCue(near string, i, core, j int, left []string) (Kind, int, int, bool) {
	if p.employer(left) && p.phraseAt(core, j, lexCountry) == core {
		return p.decideEmployer(near, i, core, j)
	}
	if p.loneAcronym(near, core, j) {
		return Organisation, core, j, true
	}
	if core > i && p.toks[i].key == "van" && professional(near) {
		return p.vanTail(i, j) // "de bedrijfsarts van Arbo Unie"
	}
	if p.nameCue(near, i, core, j) {
		return Name, i, j, true
	}
	if p.viaOrBij(near, i, core, j) {
		return Organisation, p.orgStart(core), j, true
	}
	if kind, start, ok := p.prepPhrase(i, core, j); ok {
		return kind, start, j, true
	}
	if p.namedHouse(near, i, core, j) {
		if end := p.phraseAt(i, j, lexPlace); end > i {
			return Place, i, max(end, j), true
		}
		return Organisation, i, j, true
	}
	return p.decidePlaceOrName(i, core, j, left)
}

// decidePlaceOrName goes on with decide for runs without a word before
// them that settles the matter.
func (p *properScan) decidePlaceOrName(i, core, j int, left []string) (Kind, int, int, bool) {
	near := ""
	if len(left) > 0 {
		near = left[0]
	}
	place := p.phraseAt(core, j, lexPlace)
	switch {
	case p.l.has(near, lexCountry) || p.phraseAt(core, j, lexCountry) > core && place == core:
		// A country, a province or a nationality ("Utrecht" and
		// "Groningen" are cities too).
		return "", 0, 0, false
	case p.afterPostcode(i) && p.postbus(i-2):
		return "", 0, 0, false // an organisation's postbus: "Postbus 1234, 1000 AB Amsterdam"
	case p.afterPostcode(i) && (place > core || p.unknown(core, j)):
		// "1234 AB Utrecht": the place of an address.
		return Place, core, max(place, j), true
	case place > core && (p.l.has(near, lexLocative) || near == "gemeente"):
		return Place, core, max(place, j), true
	case p.l.has(near, lexQuarter):
		return Place, core, j, true
	case strongPlaceWords[near] && p.unknown(core, j) && !p.givenLed(core, j):
		return Place, core, j, true
	case p.placeAfterWord(near, i, core, j):
		return Place, i, j, true
	case p.initialsLed(i, j):
		return Name, i, j, true
	case p.givenLed(core, j):
		return Name, i, j, true
	case p.surnameIn(i, core, j):
		return Name, i, j, true
	case place > core && p.toks[core].flags&(lexOrdinary|lexGiven|lexSurname|lexCountry) == 0:
		return Place, core, max(place, j), true
	case p.twoNames(core, j):
		return Name, i, j, true
	}
	return "", 0, 0, false
}

// phraseAt returns the end of the longest phrase of the lexicon with the
// flag that starts at token k (words apart by one space, and not beyond
// maxRun tokens), or k.
func (p *properScan) phraseAt(k, j int, flag uint16) int {
	best := k
	t := p.s.folded
	for m := k; m < len(p.toks) && m-k < p.l.phraseLen; m++ {
		if m > k && (p.toks[m].gap != gapSpace || p.toks[m].start-p.toks[m-1].end != 1) {
			break
		}
		if m >= j && !runParticles[p.toks[m].key] && !p.toks[m].cap && !articleOrLink(p.toks[m].key) {
			break
		}
		if p.l.has(t[p.toks[k].start:p.toks[m].end], flag) {
			best = m + 1
		}
		// "Rotterdam-Zuid", "Amsterdam-Noord": a place and its part.
		if m == k && flag&lexPlace != 0 {
			if h := strings.IndexByte(p.toks[k].key, '-'); h > 0 && p.l.has(p.toks[k].key[:h], lexPlace) &&
				!p.l.has(p.toks[k].key[:h], lexOrdinary) {
				best = m + 1
			}
		}
	}
	return best
}

// articleOrLink reports whether a lower-case word may stand inside the
// name of a place ("Bergen op Zoom", "Alphen aan den Rijn", "Wijk bij
// Duurstede").
func articleOrLink(key string) bool {
	switch key {
	case "op", "aan", "den", "de", "bij", "in", "en", "der", "van", "het", "'t":
		return true
	}
	return false
}

// employer reports whether the words before a run say it is an employer,
// school or institution: "werkt bij (de)", "in dienst van", "zit op",
// "opgenomen in", "werkgever:".
func (p *properScan) employer(left []string) bool {
	if len(left) == 0 {
		return false
	}
	switch left[0] {
	case "werkgever", "werkgeefster", "opdrachtgever", "inlener", "stageadres", "school", "employer":
		return true
	}
	if len(left) >= 2 && employerPreps[left[0]] && p.l.has(left[1], lexEmployment) {
		return true
	}
	// "werkt sinds 2019 bij", "werkt al jaren bij": one word between.
	return len(left) >= 3 && employerPreps[left[0]] && p.l.has(left[2], lexEmployment) && left[0] != "in"
}

// unknown reports whether the run's first word is in no list and is no
// ordinary word: a name the lexicon does not know.
func (p *properScan) unknown(core, j int) bool {
	t := p.toks[core]
	return t.cap && !t.upper && t.flags&(lexOrdinary|lexCountry|lexPublic|lexRelation|lexTitle) == 0
}

// initialsLed reports whether the run holds initials followed by a
// capitalised word ("P. de Jong", "J.P. Balkenende").
func (p *properScan) initialsLed(i, j int) bool {
	for k := i; k < j-1; k++ {
		if !p.toks[k].initials {
			continue
		}
		for m := k + 1; m < j; m++ {
			t := p.toks[m]
			if t.cap && !t.initials && !runParticles[t.key] {
				return true
			}
			if !runParticles[t.key] && !t.initials {
				break
			}
		}
	}
	return false
}

// givenLed reports whether the run starts with a given name: one that is
// no ordinary word, or one that is but is written with a capital inside a
// sentence or before another capitalised word ("Roos Visser").
func (p *properScan) givenLed(core, j int) bool {
	t := p.toks[core]
	if !t.cap || t.flags&(lexGiven) == 0 {
		return false
	}
	if t.flags&(lexOrdinary|lexPlace) == 0 {
		return true
	}
	return !t.sentence || j-core >= 2 && p.toks[core+1].cap
}

// surnameIn reports whether the run is a surname the lexicon knows, with
// particles before it ("de Jong"), or capitalised inside a sentence
// ("Jansen"), or no ordinary word ("Yilmaz").
func (p *properScan) surnameIn(i, core, j int) bool {
	last := p.toks[j-1]
	if !last.cap || last.flags&(lexSurname) == 0 {
		// "Van Wijnands": a capitalised particle inside a sentence
		// before an unknown capitalised word is a surname too.
		first := p.toks[i]
		return first.cap && !first.sentence && runParticles[first.key] && j-i >= 2 && p.unknown(j-1, j)
	}
	if core > i || last.flags&(lexOrdinary|lexPlace) == 0 {
		return true
	}
	return !p.toks[core].sentence && last.flags&(lexPlace) == 0
}

// nameCue reports whether the word before the run (near) is a title or a
// relation that makes it a name: right before it ("haar zus Petra"), or
// after a comma or colon if the run is no ordinary word ("Gemachtigde:
// Wijnands", but not "advocaat, Postbus").
func (p *properScan) nameCue(near string, i, core, j int) bool {
	if !p.l.has(near, lexTitle|lexRelation) && near != "heer" && !roleWord(near) {
		return false
	}
	if weakNameCue(near) && p.toks[i].gap != gapColon && !p.givenLed(core, j) && !p.initialsLed(i, j) &&
		!p.surnameIn(i, core, j) {
		return false // "studeert aan het Albeda"
	}
	return p.toks[i].gap == gapSpace || p.toks[i].gap == gapOpen || p.toks[core].flags&(lexOrdinary) == 0 ||
		j-core >= 2 && p.toks[j-1].cap && !p.toks[core].sentence
}

// orgIn reports whether a capitalised word of the run names a kind of
// organisation ("Zorgcentrum Ter Weel", "Haaglanden Medisch Centrum").
func (p *properScan) orgIn(core, j int) bool {
	if j-core < 2 {
		return false // "Schuldhulpverlening", "Stadswinkel": a kind, no name
	}
	for k := core; k < j; k++ {
		if p.toks[k].cap && p.orgHead(k) {
			return true
		}
	}
	return false
}

// orgStart moves the start of an organisation's name back over the word
// that names its kind when written before it in lower case ("basisschool
// De Margriet", "uitzendbureau Otto") and over "het" ("het Kennemer
// College").
func (p *properScan) orgStart(k int) int {
	if k > 0 && p.toks[k].gap <= gapSpace && !p.toks[k-1].cap && p.orgHead(k-1) {
		k--
	}
	if k > 0 && p.toks[k].gap <= gapSpace && articleParticle(p.toks[k-1].key) {
		k--
	}
	return k
}

// viaOrBij reports whether the run follows "bij", "via" or "in het" and
// is no person or place: an employer, a landlord, a care provider ("bij
// Parteon", "via Covebo", "in het Tjongerschans").
func (p *properScan) viaOrBij(near string, i, core, j int) bool {
	het := core > 0 && (p.toks[core-1].key == "het" || p.toks[core-1].key == "'t")
	if near != "bij" && near != "via" && near != "huur" && near != "at" && !(het && (near == "in" || near == "op" || near == "naar" || near == "aan")) {
		return false
	}
	if p.givenLed(core, j) || p.initialsLed(i, j) || core > i && p.toks[j-1].flags&(lexSurname) != 0 || platforms[p.toks[core].key] ||
		j-core == 1 && p.toks[core].flags&(lexOrdinary) != 0 {
		return false
	}
	return p.phraseAt(core, j, lexPlace|lexCountry) == core
}

// twoNames reports whether the run is two or more capitalised words
// inside a sentence that are no ordinary words, places or known
// organisations: a given name and a surname the lexicon does not know
// ("Ineke Verhoef").
func (p *properScan) twoNames(core, j int) bool {
	if j-core < 2 {
		return false
	}
	first, last := p.toks[core], p.toks[j-1]
	if first.upper || last.upper || !last.cap || runParticles[first.key] {
		return false
	}
	bad := lexOrdinary | lexPlace | lexCompany | lexPublic | lexCountry
	return first.flags&(bad) == 0 && last.flags&(lexOrdinary|lexCompany|lexPublic|lexCountry) == 0
}

// roleSuffixes end the compound words that name someone's role
// ("arbeidsdeskundige", "klantmanager", "huisarts").
var roleSuffixes = []string{
	"deskundige", "ambtenaar", "adviseur", "coach", "werker", "manager", "consulent", "arts",
	"begeleider", "medewerker", "verpleegkundige", "therapeut", "beschermer", "voogd", "regisseur",
	"planner", "assistent", "behandelaar", "vrijwilliger", "kundige", "agent", "directeur",
	"leider", "meester", "houder", "loog", "iater", "trainer", "docent", "juf", "buurman",
	"buurvrouw", "verpleger", "verzorgende", "hulp",
}

// roleWord reports whether a folded word names a role by its ending.
func roleWord(w string) bool {
	for _, suf := range roleSuffixes {
		if len(w) > len(suf)+2 && w[len(w)-len(suf):] == suf {
			return true
		}
	}
	return false
}

// housePreps are the prepositions before the name of a house, a school
// or a home that starts with "De" or "Het" ("woont in De Vijverhof",
// "zit op Het Palet").
var housePreps = map[string]bool{
	"in": true, "bij": true, "naar": true, "op": true, "uit": true, "via": true, "aan": true, "van": true,
}

// namedHouse reports whether the run starts with a capitalised "De",
// "Het" or "'t" inside a sentence after a preposition: the name of a care
// home, school or place ("in De Vijverhof"), not a surname (which follows
// a title, a relation or a given name).
func (p *properScan) namedHouse(near string, i, core, j int) bool {
	t := p.toks[i]
	if !t.cap || t.sentence || j-i < 2 || !housePreps[near] {
		return false
	}
	return t.key == "de" || t.key == "het" || t.key == "'t" || t.key == "’t"
}

// prepPhrase classifies a run after "van", "aan" or "voor" that follows a
// common noun or verb ("een huurwoning van Lefier", "studeerde aan
// Saxion", "op de wachtlijst voor Kentalis"): a given name or a known
// surname is a person, a place a place, anything else an organisation.
// "van" before a capital after a name or a title is a particle instead
// ("Anja van Dijk", "meneer van Dam"), which the callers before this one
// have taken.
func (p *properScan) prepPhrase(i, core, j int) (Kind, int, bool) {
	prep := -1
	switch {
	case core > i && p.toks[i].key == "van" && (core == i+1 || core == i+2 && articleParticle(p.toks[i+1].key)):
		prep = i // "een woongroep van 's Heeren Loo", "de ISK van het Ubbo Emmius"
	case i > 0 && p.toks[i].gap == gapSpace && (p.toks[i-1].key == "aan" || p.toks[i-1].key == "voor" || p.toks[i-1].key == "for"):
		prep = i - 1
	}
	if prep <= 0 || p.toks[prep].gap != gapSpace {
		return "", 0, false
	}
	before := p.toks[prep-1]
	if before.cap && !before.upper || before.initials || before.digit || p.l.has(before.key, lexTitle|lexRelation|lexParticle) || roleWord(before.key) {
		return "", 0, false
	}
	switch {
	case p.givenLed(core, j) || p.initialsLed(core, j) || p.toks[j-1].flags&(lexSurname) != 0:
		return Name, i, true
	case p.phraseAt(core, j, lexPlace) > core:
		return Place, core, true
	case p.phraseAt(core, j, lexCountry) > core || p.toks[core].sentence:
		return "", 0, false
	}
	return Organisation, p.orgStart(core), true
}

// street reports whether token k is the name of a street ("Kerkstraat",
// "Gedempte Gracht"), which is no place, person or organisation; a place
// that ends like one ("Gorredijk") is a place.
func (p *properScan) street(k int) bool {
	key := p.toks[k].key
	if p.l.has(key, lexPlace) {
		return false
	}
	for _, suf := range []string{"straat", "laan", "weg", "plein", "gracht", "kade", "singel", "steeg", "dreef", "boulevard", "markt"} {
		if len(key) >= len(suf) && key[len(key)-len(suf):] == suf {
			return true
		}
	}
	return false
}

// afterPostcode reports whether token i follows a postcode ("1234 AB").
func (p *properScan) afterPostcode(i int) bool {
	if i < 2 || p.toks[i].gap != gapSpace {
		return false
	}
	l, d := p.toks[i-1], p.toks[i-2]
	return len(l.key) == 2 && l.upper && len(d.key) == 4 && allDigits(d.key)
}

// stays reports whether a run is no one's: a street (the address
// detector's, and without a house number it stays: "de Kerkstraat"), a
// public body, or the seat of an authority ("rechtbank Amsterdam", "UWV
// Breda").
func (p *properScan) stays(near string, core, j int) bool {
	return p.street(j-1) || p.toks[core].flags&(lexPublic) != 0 ||
		courtWords[near] && !p.ofAfter(core) || p.l.has(near, lexPublic) && near != "gemeente"
}

// ofAfter reports whether the run's core follows "van" (and an article):
// "de locatie van Philips" names no seat.
func (p *properScan) ofAfter(core int) bool {
	k := core - 1
	if k > 0 && articles[p.toks[k].key] {
		k--
	}
	return k >= 0 && p.toks[k].key == "van"
}

// postbus reports whether the postcode at token k follows "Postbus 12,"
// or "Antwoordnummer 12,".
func (p *properScan) postbus(k int) bool {
	return k >= 2 && (p.toks[k-2].key == "postbus" || p.toks[k-2].key == "antwoordnummer")
}

// continues reports whether the run continues a list or a pair whose
// previous item was found: "Joep en Jikke", "Yohannes en Meron",
// "(Amsterdam, Bos en Lommer)", "Riga en Tallinn". The run must not be an
// ordinary word, a country or a public body.
func (p *properScan) continues(near string, i, core, j int) (Kind, bool) {
	if p.lastTok < 0 || p.toks[core].flags&(lexOrdinary|lexCountry|lexPublic) != 0 || !p.toks[core].cap ||
		p.toks[core].upper {
		return "", false
	}
	switch {
	case near == "en" && p.lastTok == i-2 && p.toks[i].gap == gapSpace && p.toks[i-1].gap == gapSpace:
	case p.toks[i].gap == gapComma && p.lastTok == i-1 && p.lastKind == Place &&
		(j == len(p.toks) || p.toks[j].gap != gapSpace):
		// a list of places, ended by a bracket, a comma or a line
	default:
		return "", false
	}
	if p.lastKind != Name && p.lastKind != Place {
		return "", false
	}
	return p.lastKind, true
}

// decideEmployer classifies a run after the words of an employment ("werkt
// bij", "in dienst van"): a person if it starts with a given name, a place
// after "in" or "op" if it is one, an organisation otherwise.
func (p *properScan) decideEmployer(near string, i, core, j int) (Kind, int, int, bool) {
	if p.givenLed(core, j) {
		return Name, i, j, true
	}
	if end := p.phraseAt(core, j, lexPlace); end > core && (near == "in" || near == "op") {
		return Place, core, max(end, j), true
	}
	return Organisation, core, j, true
}

// articleParticle reports whether a folded word is an article between
// "van" and a name that makes it no surname ("van het", "van 's").
func articleParticle(key string) bool {
	return key == "het" || key == "'t" || key == "’t" || key == "'s" || key == "’s"
}

// orgShape reports whether the run toks[core:j] is an organisation by the
// shape of its name alone: a legal form, the word of its kind, an acronym
// with a capitalised word, camel case, a congregation, a company word, a
// branch named by its place.
func (p *properScan) orgShape(core, j int) bool {
	return p.legal(j-1) || p.orgIn(core, j) || p.mixedCaps(core, j) || p.camel(core, j) || p.church(core, j) ||
		p.companyIn(core, j) || p.orgAtPlace(core, j)
}
