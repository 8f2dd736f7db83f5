package generalise

// Family composition: how many children (or grandchildren, brothers,
// sisters) someone has, a twin, being a widow, a child's exact age. The
// general form drops the count or the age and keeps the relation, which is
// what a rule usually turns on ("kinderen", "alleenstaande ouder",
// "minderjarige dochter", "nabestaande").

var (
	familyNouns = set("kinderen", "kleinkinderen", "achterkleinkinderen", "zonen", "zoons", "dochters",
		"stiefkinderen", "pleegkinderen", "broers", "zussen", "zusters", "broertjes", "zusjes", "kindjes",
		"kleinzonen", "kleindochters")
	familyAdjectives = set("jonge", "kleine", "minderjarige", "meerderjarige", "volwassen", "thuiswonende",
		"inwonende", "uitwonende", "schoolgaande", "eigen", "oudere", "jongere", "biologische")
	parents = set("moeder", "vader", "ouder", "grootmoeder", "grootvader", "oma", "opa", "pleegmoeder",
		"pleegvader", "pleegouder", "stiefmoeder", "stiefvader")
	multiples = set("tweeling", "drieling", "vierling", "vijfling", "zesling")
	twins     = map[string]string{"tweelingbroer": "broer", "tweelingzus": "zus", "tweelingzuster": "zuster"}
	widowed   = set("weduwe", "weduwnaar")
	children  = set("dochter", "zoon", "zoontje", "dochtertje", "kind", "kindje", "kleinzoon", "kleindochter",
		"kleinkind", "pleegkind", "pleegzoon", "pleegdochter", "stiefzoon", "stiefdochter", "stiefkind", "baby")
	years      = set("jaar", "jaren", "jr")
	months     = set("maand", "maanden", "week", "weken")
	households = set("gezin", "huishouden")
	// notAnAge are words after "dochter van 7" that make the number
	// something else than her age.
	notAnAge = set("euro", "eur", "procent", "cent", "uur", "minuten", "dagen", "ouders", "kinderen", "kilo", "km")
)

func (s *scan) family() {
	for i, t := range s.toks {
		if t.kind != word && t.kind != num {
			continue
		}
		if s.count(i) {
			continue
		}
		switch {
		case t.kind != word:
		case parents[s.lo(t)]:
			s.parentOf(i)
		case multiples[s.lo(t)]:
			if s.isWord(i-1, "een") {
				s.add(Family, i-1, i+1, "kinderen", false)
			} else {
				s.add(Family, i, i+1, "kinderen", false)
			}
		case twins[s.lo(t)] != "":
			s.add(Family, i, i+1, twins[s.lo(t)], false)
		case widowed[s.lo(t)]:
			s.add(Family, i, i+1, "nabestaande", false)
		case children[s.lo(t)]:
			s.childAge(i)
		case households[s.lo(t)]:
			s.household(i)
		}
	}
}

// count flags a number of relatives: "drie kinderen", "3 jonge kinderen",
// "vijf kleinkinderen". It reports whether it did.
func (s *scan) count(i int) bool {
	n, ok := s.smallNumber(i)
	if !ok || n < 2 || n > 30 {
		return false
	}
	j, adj := i+1, ""
	if t := s.tok(j); t.kind == word && familyAdjectives[s.lo(t)] {
		adj, j = s.lo(t)+" ", j+1
	}
	if t := s.tok(j); t.kind == word && familyNouns[s.lo(t)] {
		s.add(Family, i, j+1, adj+s.lo(t), false)
		return true
	}
	return false
}

// parentOf flags the count in "moeder van vier" (the count with a noun
// after it is count's).
func (s *scan) parentOf(i int) {
	if !s.isWord(i+1, "van") || s.isWord(i+2, "een", "één") {
		return
	}
	n, ok := s.smallNumber(i + 2)
	if !ok || n < 2 || n > 15 {
		return
	}
	next := s.tok(i + 3)
	if next.kind == num || next.kind == word && (familyNouns[s.lo(next)] || familyAdjectives[s.lo(next)] || years[s.lo(next)] || months[s.lo(next)] || notAnAge[s.lo(next)]) {
		return
	}
	s.add(Family, i+2, i+3, "kinderen", false)
}

// childAge flags a child with an exact age: "dochter van 7", "zoon van 12
// jaar oud", "kind (3)". The general form says only whether the child is a
// minor.
func (s *scan) childAge(i int) {
	noun := s.lo(s.toks[i])
	var n, j int
	unit := ""
	switch {
	case s.isWord(i+1, "van") && !s.isWord(i+2, "een", "één"):
		var ok bool
		if n, ok = s.smallNumber(i + 2); !ok {
			return
		}
		j = i + 3
		if t := s.tok(j); t.kind == word && (years[s.lo(t)] || months[s.lo(t)]) {
			unit, j = s.lo(t), j+1
			if s.isWord(j, "oud") {
				j++
			}
		} else if t.kind == num || t.kind == word && notAnAge[s.lo(t)] || s.lo(t) == "-" || s.lo(t) == "," && s.tok(j+1).kind == num {
			return
		}
	case s.lo(s.tok(i+1)) == "(" && s.tok(i+2).kind == num:
		n, _ = s.smallNumber(i + 2)
		j = i + 3
		if t := s.tok(j); t.kind == word && (years[s.lo(t)] || months[s.lo(t)]) {
			unit, j = s.lo(t), j+1
		}
		if s.lo(s.tok(j)) != ")" {
			return
		}
		j++
	default:
		return
	}
	if n > 30 && !months[unit] {
		return
	}
	adj := "meerderjarige "
	if n < 18 || months[unit] {
		adj = "minderjarige "
	}
	s.add(Family, i, j, adj+noun, false)
}

// household flags the size of a household: "een gezin van zes", "gezin
// van 6 personen".
func (s *scan) household(i int) {
	if !s.isWord(i+1, "van") || s.isWord(i+2, "een", "één") {
		return
	}
	n, ok := s.smallNumber(i + 2)
	if !ok || n < 2 || n > 20 {
		return
	}
	j := i + 3
	if s.isWord(j, "personen", "mensen", "leden", "gezinsleden") {
		j++
	} else if t := s.tok(j); t.kind == num || t.kind == word && (familyNouns[s.lo(t)] || familyAdjectives[s.lo(t)]) {
		return // "gezin van drie kinderen" is count's
	}
	s.add(Family, i, j, s.lo(s.toks[i]), false)
}
