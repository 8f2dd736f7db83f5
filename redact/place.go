package redact

// Rules that read a place where the gazetteer does not know it or knows
// it as something else too: "uit Zuilen" (an ordinary word), "woont in
// Sydney" (a given name), "in Ter Apelkanaal", "kwam van Willemstad naar
// Rotterdam", "werkte in Aken bij …".

// residenceWords are the place words after which a capitalised word inside
// a sentence is a place even when it is also an ordinary word or a given
// name: no one writes "uit Zuilen" or "woont in Sydney" of a person or a
// thing.
var residenceWords = map[string]bool{
	"in": true, "te": true, "uit": true, "woonachtig": true, "wonende": true, "wonend": true,
	"woonplaats": true, "geboorteplaats": true, "afkomstig": true, "from": true, "buiten": true,
}

// placeAfterWord reports whether the run toks[i:j] is a place after a
// place word, though the lexicon knows its first word as an ordinary word
// or a given name, or a particle leads it ("Ter Apelkanaal", "Al
// Hoceima"). The run must stand inside a sentence, be no acronym, country,
// public body, title or relation, and name no kind of organisation.
func (p *properScan) placeAfterWord(near string, i, core, j int) bool {
	naar := near == "naar" || near == "to"
	if !residenceWords[near] && !naar {
		return false
	}
	t := p.toks[i]
	if !t.cap || t.sentence || t.upper || t.gap != gapSpace || p.orgLike(core, j) {
		return false
	}
	if i >= 2 && p.toks[i-2].cap && p.orgHead(i-2) {
		return false // "Kerk in Actie": the name of an organisation
	}
	for k := i; k < j; k++ {
		if p.toks[k].flags&(lexCountry|lexPublic|lexTitle|lexRelation|lexOrgType|lexCompany) != 0 || p.orgHead(k) {
			return false
		}
	}
	// After "naar" a given name is a person ("gaat naar Petra").
	return !naar || !p.givenLed(core, j) && p.toks[core].flags&lexSurname == 0
}

// placeBetween reports whether the run toks[i:j] stands between "van" and
// "naar" with a capitalised word after it ("kwam van Willemstad naar
// Rotterdam"), or between "in" and "bij" ("werkte in Aken bij …"): a
// place, unless a given name leads it or it is a country.
func (p *properScan) placeBetween(near string, core, j int) bool {
	if j+1 >= len(p.toks) || p.toks[j].gap != gapSpace || !p.toks[j+1].cap || p.givenLed(core, j) ||
		p.phraseAt(core, j, lexCountry) > core {
		return false
	}
	next := p.toks[j].key
	van := near == "van" || core > 0 && p.toks[core-1].key == "van" // "van" may open the run
	return van && next == "naar" || near == "in" && (next == "bij" || next == "voor")
}
