// Package redacttest generates Dutch case texts that name people, places
// and employers, for end-to-end tests of redaction: a test redacts a
// generated text and checks that none of the names it was built from
// survive.
//
// The names are written by hand here and are, where possible, not in the
// lists package redact uses to detect them (its data files), so that a
// test measures the detectors' rules rather than their lists.
package redacttest

import (
	"math/rand/v2"
	"strings"
)

// Case is one generated text with what it names.
type Case struct {
	// Text is a situation-like Dutch paragraph.
	Text string
	// Parties are the names of the people in the case, as entered.
	Parties []string
	// Persons are the other people the text names (relatives, a
	// neighbour, a GP, a case worker), as written in it.
	Persons []string
	// Places are the places the text names, as written.
	Places []string
	// Employers are the employers, schools and institutions the text
	// names, as written.
	Employers []string
}

// Given names and surnames that are rare enough to be in no list of
// common names.
var (
	givenNames = []string{
		"Berend", "Wobbe", "Jitse", "Hiske", "Aukje", "Doortje", "Evertjan", "Geertje", "Hylke",
		"Imre", "Jorieke", "Klaasje", "Lieke", "Mink", "Nelleke", "Oane", "Pietsje", "Reinout",
		"Sjoukje", "Thijmen", "Uilke", "Wendeline", "Yfke", "Zwaantje", "Brecht", "Dieuwke",
		"Folkert", "Gosse", "Harmke", "Ietje", "Jildou", "Kerst",
	}
	surnames = []string{
		"Brinkhorst", "Dijkgraaf", "Haverkamp", "Kloosterboer", "Lammertsma", "Meulenbelt",
		"Nijboer", "Oosterwold", "Postema", "Rietveldt", "Schuitemaker", "Terpstra", "Uittenbogaard",
		"Veldhuyzen", "Wassenaar", "Zuidema", "Baarsma", "Hofstede", "Klinkhamer", "Roeleveld",
	}
	particles = []string{"", "", "", "van", "de", "van der", "ter", "van den"}
	relations = []string{
		"haar zus", "zijn broer", "haar moeder", "zijn vader", "haar buurvrouw", "zijn buurman",
		"haar dochter", "zijn zoon", "haar partner", "zijn oom", "haar tante", "de mantelzorger",
	}
	villages = []string{
		"Oudeschild", "Nieuw-Vennep", "Sint-Oedenrode", "Hollandscheveld", "Zuidwolde",
		"Ootmarsum", "Vledder", "Giethoorn", "Holwerd", "Hindeloopen", "Westervoort", "Lemelerveld",
		"Nijverdal", "Wijhe", "Borculo", "Eibergen", "Diepenheim", "Ommen", "Hattem", "Elburg",
	}
	quarters = []string{
		"Kattenbroek", "Lewenborg", "Hoograven", "Spangen", "Crooswijk", "Meerhoven", "Stokhasselt",
		"Brandevoort", "Zuilen", "Vreewijk",
	}
	employerKinds = []string{
		"Bouwbedrijf", "Hoveniersbedrijf", "Transportbedrijf", "Installatiebedrijf",
		"Schoonmaakbedrijf", "Bakkerij", "Garage", "Kwekerij",
	}
	homes = []string{
		"zorgcentrum De Bremhorst", "verpleeghuis Het Hoogeland", "woonzorgcentrum De Sterrenberg",
		"basisschool De Klimboom", "huisartsenpraktijk De Vaart",
	}
)

// Cases returns n cases generated from seed: the same seed gives the
// same cases.
func Cases(seed int64, n int) []Case {
	r := rand.New(rand.NewPCG(uint64(seed), uint64(seed)^0x9e3779b97f4a7c15))
	out := make([]Case, n)
	for i := range out {
		out[i] = build(r)
	}
	return out
}

func pick(r *rand.Rand, list []string) string { return list[r.IntN(len(list))] }

// person returns a given name and a full name ("Berend", "Berend van
// der Nijboer").
func person(r *rand.Rand) (given, full string) {
	given = pick(r, givenNames)
	p := pick(r, particles)
	if p != "" {
		p += " "
	}
	return given, given + " " + p + pick(r, surnames)
}

// build writes one case.
func build(r *rand.Rand) Case {
	var c Case
	_, party := person(r)
	c.Parties = []string{party}
	relGiven, relFull := person(r)
	village, quarter := pick(r, villages), pick(r, quarters)
	employer := pick(r, employerKinds) + " " + pick(r, surnames)
	home := pick(r, homes)
	_, gp := person(r)
	gpSurname := gp[strings.LastIndexByte(gp, ' ')+1:]
	age := 19 + r.IntN(70)

	var b strings.Builder
	b.WriteString("Mevrouw " + party + " (" + itoa(age) + ") woont sinds 2019 in " + village + ". ")
	b.WriteString("Zij werkte tot haar uitval bij " + employer + ". ")
	switch r.IntN(3) {
	case 0:
		b.WriteString(capital(pick(r, relations)) + " " + relFull + " woont in de wijk " + quarter + " en helpt haar met de boodschappen. ")
		c.Persons = append(c.Persons, relFull)
	case 1:
		b.WriteString("Sinds de zomer woont " + pick(r, relations) + " " + relGiven + " bij haar; " + relGiven + " verblijft daarvoor in " + home + ". ")
		c.Persons = append(c.Persons, relGiven)
		c.Employers = append(c.Employers, home[strings.IndexByte(home, ' ')+1:])
		quarter = ""
	default:
		b.WriteString("De huisarts, dokter " + gpSurname + ", verwijst naar " + home + " in de wijk " + quarter + ". ")
		c.Persons = append(c.Persons, gpSurname)
		c.Employers = append(c.Employers, home[strings.IndexByte(home, ' ')+1:])
	}
	b.WriteString("Volgens de klantmanager, " + gp + ", is een maatwerkoplossing nodig.")
	c.Persons = append(c.Persons, gp)
	c.Places = append(c.Places, village)
	if quarter != "" {
		c.Places = append(c.Places, quarter)
	}
	c.Employers = append(c.Employers, employer)
	c.Text = b.String()
	return c
}

func capital(s string) string { return strings.ToUpper(s[:1]) + s[1:] }

func itoa(n int) string {
	if n < 10 {
		return string(rune('0' + n))
	}
	return itoa(n/10) + string(rune('0'+n%10))
}
