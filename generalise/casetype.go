package generalise

import (
	"strings"

	"github.com/schakel-nl/schakel/ruleref"
)

// CaseType is the field of law a case belongs to, derived from the rules
// it names (TypeOf). It decides which categories are generalised by
// default (Defaults). The values are Dutch: they are shown in the
// decision record.
type CaseType string

// The case types.
const (
	WorkAndIncome      CaseType = "werk-en-inkomen"
	CareAndYouth       CaseType = "zorg-en-jeugd"
	AllowancesAndTaxes CaseType = "toeslagen-en-belastingen"
	Debts              CaseType = "schulden"
	Other              CaseType = "overig"
)

// CaseTypes returns the case types in display order. It returns a new
// slice on every call.
func CaseTypes() []CaseType {
	return []CaseType{WorkAndIncome, CareAndYouth, AllowancesAndTaxes, Debts, Other}
}

// Label returns the name of the case type for people, in English when
// lang is "en" and in Dutch otherwise. An unknown type is shown as its
// value.
func (t CaseType) Label(lang string) string {
	en := english(lang)
	switch t {
	case WorkAndIncome:
		return pick(en, "Werk en inkomen", "Work and income")
	case CareAndYouth:
		return pick(en, "Zorg en jeugd", "Care and youth")
	case AllowancesAndTaxes:
		return pick(en, "Toeslagen en belastingen", "Allowances and taxes")
	case Debts:
		return pick(en, "Schulden", "Debts")
	case Other:
		return pick(en, "Overig", "Other")
	}
	return string(t)
}

// law is a regulation of the Basiswettenbestand and the case type its
// cases belong to. The ids were checked against wetten.overheid.nl's
// collection (decision 0015 lists them).
type law struct {
	bwb, name string
	typ       CaseType
}

var laws = []law{
	{"BWBR0019057", "Wet werk en inkomen naar arbeidsvermogen (WIA)", WorkAndIncome},
	{"BWBR0004045", "Werkloosheidswet (WW)", WorkAndIncome},
	{"BWBR0001888", "Ziektewet (ZW)", WorkAndIncome},
	{"BWBR0015703", "Participatiewet", WorkAndIncome},
	{"BWBR0002221", "Algemene Ouderdomswet (AOW)", WorkAndIncome},
	{"BWBR0007795", "Algemene nabestaandenwet (Anw)", WorkAndIncome},
	{"BWBR0002368", "Algemene Kinderbijslagwet (AKW)", WorkAndIncome},
	{"BWBR0002524", "Wet op de arbeidsongeschiktheidsverzekering (WAO)", WorkAndIncome},
	{"BWBR0008657", "Wet arbeidsongeschiktheidsvoorziening jonggehandicapten (Wajong)", WorkAndIncome},
	{"BWBR0008656", "Wet arbeidsongeschiktheidsverzekering zelfstandigen (WAZ)", WorkAndIncome},
	{"BWBR0004043", "Toeslagenwet (TW)", WorkAndIncome},
	{"BWBR0004044", "Wet inkomensvoorziening oudere en gedeeltelijk arbeidsongeschikte werkloze werknemers (IOAW)", WorkAndIncome},
	{"BWBR0004163", "Wet inkomensvoorziening oudere en gedeeltelijk arbeidsongeschikte gewezen zelfstandigen (IOAZ)", WorkAndIncome},
	{"BWBR0035362", "Wet maatschappelijke ondersteuning 2015 (Wmo 2015)", CareAndYouth},
	{"BWBR0020031", "Wet maatschappelijke ondersteuning (Wmo, tot 2015)", CareAndYouth},
	{"BWBR0034925", "Jeugdwet", CareAndYouth},
	{"BWBR0018450", "Zorgverzekeringswet (Zvw)", CareAndYouth},
	{"BWBR0035917", "Wet langdurige zorg (Wlz)", CareAndYouth},
	{"BWBR0018472", "Algemene wet inkomensafhankelijke regelingen (Awir)", AllowancesAndTaxes},
	{"BWBR0017017", "Wet kinderopvang", AllowancesAndTaxes},
	{"BWBR0018451", "Wet op de zorgtoeslag", AllowancesAndTaxes},
	{"BWBR0008659", "Wet op de huurtoeslag", AllowancesAndTaxes},
	{"BWBR0022751", "Wet op het kindgebonden budget", AllowancesAndTaxes},
	{"BWBR0002320", "Algemene wet inzake rijksbelastingen (AWR)", AllowancesAndTaxes},
	{"BWBR0011353", "Wet inkomstenbelasting 2001", AllowancesAndTaxes},
	{"BWBR0031331", "Wet gemeentelijke schuldhulpverlening (Wgs)", Debts},
	{"BWBR0004770", "Invorderingswet 1990", Debts},
	{"BWBR0001860", "Faillissementswet (schuldsanering, Wsnp)", Debts},
}

var lawType = func() map[string]CaseType {
	m := make(map[string]CaseType, len(laws))
	for _, l := range laws {
		m[l.bwb] = l.typ
	}
	return m
}()

// TypeOf returns the case type of a case from its rule references, in any
// notation ruleref.Parse reads (a JCI string, a wetten.overheid.nl link, a
// bare BWB id); a reference Parse rejects still counts when it holds a BWB
// id ("BWBR0002368&artikel=7"). The type is the one most references belong
// to; a tie goes to the type of the reference named first, since a case
// names its main rule first. Policy rules, the Awb and laws the table does
// not hold count for nothing; without any known law the type is overig.
func TypeOf(ruleRefs []string) CaseType {
	count := map[CaseType]int{}
	first := map[CaseType]int{}
	for i, ref := range ruleRefs {
		t, ok := lawType[bwbOf(ref)]
		if !ok {
			continue
		}
		if count[t] == 0 {
			first[t] = i
		}
		count[t]++
	}
	best := Other
	for _, t := range CaseTypes() {
		if count[t] == 0 {
			continue
		}
		if best == Other || count[t] > count[best] || count[t] == count[best] && first[t] < first[best] {
			best = t
		}
	}
	return best
}

// bwbOf returns the BWB id a rule reference names, or "". A reference
// ruleref.Parse rejects still names one when it starts with an id followed
// by no further letter or digit ("BWBR0002368&artikel=7",
// "BWBR0019057/76", the short forms ruleref.KeyOf reads).
func bwbOf(ref string) string {
	if r, err := ruleref.Parse(ref); err == nil {
		if r.Kind == ruleref.KindLaw {
			return r.BWB
		}
		return ""
	}
	ref = strings.TrimSpace(ref)
	if len(ref) < 11 || !strings.EqualFold(ref[:4], "BWBR") {
		return ""
	}
	for i := 4; i < 11; i++ {
		if !isDigit(ref[i]) {
			return ""
		}
	}
	if len(ref) > 11 && (isDigit(ref[11]) || ref[11]|0x20 >= 'a' && ref[11]|0x20 <= 'z') {
		return ""
	}
	return "BWBR" + ref[4:11]
}

// Defaults returns which categories are generalised by default in a case
// of type t: rare conditions, exact amounts (to their band), exact dates
// (to their month) and ages (to their band) always; family composition
// except for allowances and taxes, where the number of children or the
// household decides the amount and so the case. Decision 0015 gives the
// reasons. A flag with Keep set is not generalised by default whatever
// its category (see ByDefault); the reviewer decides every flag in the
// end. It returns a new map on every call.
func Defaults(t CaseType) map[Category]bool {
	return map[Category]bool{
		Family:    t != AllowancesAndTaxes,
		Condition: true,
		Amount:    true,
		Date:      true,
		Age:       true,
	}
}

// ByDefault returns the flags a case of type t generalises unless the
// reviewer chooses otherwise: those of a category Defaults(t) names that
// no cue marks Keep. Apply(text, ByDefault(t, Flags(text))) is the text
// the reviewer starts from.
func ByDefault(t CaseType, flags []Flag) []Flag {
	d := Defaults(t)
	var out []Flag
	for _, f := range flags {
		if d[f.Category] && !f.Keep {
			out = append(out, f)
		}
	}
	return out
}
