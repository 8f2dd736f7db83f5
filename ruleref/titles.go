package ruleref

// lawTitles are the official titles of the laws schakel's users cite
// most, by BWB id, as wetten.overheid.nl names them. The list is short on
// purpose: a title is a courtesy for people, a BWB id without one is still
// a complete reference, and a wrong title would be worse than none.
var lawTitles = map[string]string{
	"BWBR0001854": "Wetboek van Strafrecht",
	"BWBR0001888": "Ziektewet",
	"BWBR0001903": "Wetboek van Strafvordering",
	"BWBR0002221": "Algemene Ouderdomswet",
	"BWBR0002368": "Algemene Kinderbijslagwet",
	"BWBR0002656": "Burgerlijk Wetboek Boek 1",
	"BWBR0004045": "Werkloosheidswet",
	"BWBR0005537": "Algemene wet bestuursrecht",
	"BWBR0008659": "Wet op de huurtoeslag",
	"BWBR0011823": "Vreemdelingenwet 2000",
	"BWBR0015703": "Participatiewet",
	"BWBR0017017": "Wet kinderopvang",
	"BWBR0018450": "Zorgverzekeringswet",
	"BWBR0018451": "Wet op de zorgtoeslag",
	"BWBR0018472": "Algemene wet inkomensafhankelijke regelingen",
	"BWBR0019057": "Wet werk en inkomen naar arbeidsvermogen",
	"BWBR0031331": "Wet gemeentelijke schuldhulpverlening",
	"BWBR0034925": "Jeugdwet",
	"BWBR0035362": "Wet maatschappelijke ondersteuning 2015",
}

// LawTitle returns the title of the law with BWB id bwb, or "" when
// schakel does not know it.
func LawTitle(bwb string) string { return lawTitles[bwb] }

// WithTitle returns r with its Title set to the law's title when it is a
// law reference without one and the title is known.
func (r Ref) WithTitle() Ref {
	if r.Kind == KindLaw && r.Title == "" {
		r.Title = LawTitle(r.BWB)
	}
	return r
}
