package redact

// decide classifies the run toks[i:j], whose core (without leading
// lower-case particles) starts at token core, given the words before it
// (nearest first). It returns the kind and the tokens to redact.
func (p *properScan) decide(i, core, j int, left []string) (Kind, int, int, bool) {
	near := ""
	if len(left) > 0 {
		near = left[0]
	}
	switch {
	case courtWords[near] || p.l.has(near, lexPublic) && near != "gemeente":
		// "rechtbank Amsterdam", "UWV Breda": the seat of an authority.
		return "", 0, 0, false
	case p.legal(j - 1):
		return Organisation, core, j, true
	case p.l.has(near, lexOrgType):
		return Organisation, core, j, true
	}
	if end := p.phraseAt(core, j, lexCompany); end > core {
		return Organisation, core, max(end, j), true
	}
	if p.employer(left) {
		if p.givenLed(core, j) {
			return Name, i, j, true
		}
		if end := p.phraseAt(core, j, lexPlace); end > core && (near == "in" || near == "op") {
			return Place, core, max(end, j), true
		}
		return Organisation, core, j, true
	}
	if p.nameCue(near, i, core) {
		return Name, i, j, true
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
	case p.l.has(near, lexCountry):
		return "", 0, 0, false
	case place > core && (p.l.has(near, lexLocative) || near == "gemeente"):
		return Place, core, max(place, j), true
	case p.l.has(near, lexQuarter):
		return Place, core, j, true
	case strongPlaceWords[near] && p.unknown(core, j) && !p.givenLed(core, j):
		return Place, core, j, true
	case p.initialsLed(i, j):
		return Name, i, j, true
	case p.givenLed(core, j):
		return Name, i, j, true
	case p.surnameIn(i, core, j):
		return Name, i, j, true
	case place > core && !p.l.has(p.toks[core].key, lexOrdinary|lexGiven|lexSurname|lexCountry):
		return Place, core, max(place, j), true
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
	case "werkgever", "werkgeefster", "opdrachtgever", "inlener", "stageadres", "school":
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
	return t.cap && !t.upper && !p.l.has(t.key, lexOrdinary|lexCountry|lexPublic|lexRelation|lexTitle)
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
	if !t.cap || !p.l.has(t.key, lexGiven) {
		return false
	}
	if !p.l.has(t.key, lexOrdinary|lexPlace) {
		return true
	}
	return !t.sentence || j-core >= 2 && p.toks[core+1].cap
}

// surnameIn reports whether the run is a surname the lexicon knows, with
// particles before it ("de Jong"), or capitalised inside a sentence
// ("Jansen"), or no ordinary word ("Yilmaz").
func (p *properScan) surnameIn(i, core, j int) bool {
	last := p.toks[j-1]
	if !last.cap || !p.l.has(last.key, lexSurname) {
		// "Van Wijnands": a capitalised particle inside a sentence
		// before an unknown capitalised word is a surname too.
		first := p.toks[i]
		return first.cap && !first.sentence && runParticles[first.key] && j-i >= 2 && p.unknown(j-1, j)
	}
	if core > i || !p.l.has(last.key, lexOrdinary|lexPlace) {
		return true
	}
	return !p.toks[core].sentence && !p.l.has(last.key, lexPlace)
}

// nameCue reports whether the word before the run (near) is a title or a
// relation that makes it a name: right before it ("haar zus Petra"), or
// after a comma or colon if the run is no ordinary word ("Gemachtigde:
// Wijnands", but not "advocaat, Postbus").
func (p *properScan) nameCue(near string, i, core int) bool {
	if !p.l.has(near, lexTitle|lexRelation) && near != "heer" {
		return false
	}
	return p.toks[i].gap == gapSpace || p.toks[i].gap == gapOpen || !p.l.has(p.toks[core].key, lexOrdinary)
}
