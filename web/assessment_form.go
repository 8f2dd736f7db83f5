package web

import (
	"net/url"
	"slices"
	"strconv"
	"strings"

	"github.com/schakel-nl/schakel"
	"github.com/schakel-nl/schakel/assessments"
)

// The two forms of an assessment: the organisation's board delivers it
// (verdict, costs, effects, values, conditions, start, alternatives,
// dilemmas), and the minister answers each of its items.

// The rows the delivery form offers.
const (
	maxEffectRows      = 3
	maxValueRows       = 3
	maxConditionRows   = 5
	maxAlternativeRows = 3
	maxDilemmaRows     = 3
)

// The values of an effect's direction and of an item's acceptance.
const (
	effectBetter = "beter"
	effectWorse  = "slechter"
	acceptYes    = "ja"
	acceptNo     = "nee"
)

// deliverFields are the fields of the delivery form.
func deliverFields(pg *page) []fieldSpec {
	specs := []fieldSpec{
		{Name: "oordeel", Label: "Oordeel", Anchor: fieldID("oordeel-" + string(schakel.Verdicts[0]))},
		{Name: "kosten.eenmalig", Label: "Eenmalige kosten in euro", Description: "Een bedrag, zoals 250000 of 1.250.000,50. Laat leeg als er geen kosten zijn.", Kind: kindNumber, Autocomplete: "off"},
		{Name: "kosten.structureel", Label: "Kosten per jaar in euro", Description: "Wat de uitvoering elk jaar kost. Laat leeg als er geen kosten zijn.", Kind: kindNumber, Autocomplete: "off"},
		{Name: "kosten.fteEenmalig", Label: "Eenmalig aantal fte", Description: "Voltijdbanen, met hoogstens één cijfer achter de komma, zoals 2,5.", Kind: kindNumber, Autocomplete: "off"},
		{Name: "kosten.fteStructureel", Label: "Aantal fte per jaar", Description: "Voltijdbanen die elk jaar nodig zijn, zoals 12 of 0,5.", Kind: kindNumber, Autocomplete: "off"},
		{Name: "kosten.drager", Label: "Wie draagt de kosten?", Description: "Nodig als er kosten zijn. Bijvoorbeeld: het ministerie, of de organisatie uit haar eigen begroting.", Spellcheck: true},
		{Name: "effecten", Label: "Effecten voor burgers", Anchor: fieldID(rowField("effecten", 0, "groep"))},
	}
	for i := 0; i < maxEffectRows; i++ {
		row := []fieldSpec{
			{Name: rowField("effecten", i, "groep"), Label: "Groep burgers", Spellcheck: true},
			{Name: rowField("effecten", i, "burgers"), Label: "Aantal burgers", Kind: kindNumber, Autocomplete: "off"},
			{Name: rowField("effecten", i, "richting"), Label: "Beter of slechter?", Kind: kindSelect},
			{Name: rowField("effecten", i, "toelichting"), Label: "Wat merken zij ervan?", Kind: kindTextarea, Spellcheck: true},
		}
		if i == 0 {
			row[0].Description = "Wie merkt het, zoals: mensen met een voorschot op hun WIA-uitkering. Noem geen namen."
			row[1].Description = "Een schatting, zoals 12000."
		}
		specs = append(specs, row...)
	}
	specs = append(specs, fieldSpec{Name: "conflicten", Label: "Waarden in het geding", Anchor: fieldID(rowField("conflicten", 0, "beginsel"))})
	for i := 0; i < maxValueRows; i++ {
		specs = append(specs,
			fieldSpec{Name: rowField("conflicten", i, "beginsel"), Label: "Beginsel", Kind: kindSelect},
			fieldSpec{Name: rowField("conflicten", i, "reden"), Label: "Waarom dit beginsel in het geding is", Kind: kindTextarea, Spellcheck: true},
		)
	}
	specs = append(specs, rowSpecs(pg, "voorwaarden", "Voorwaarden", "Voorwaarde %d", "Elke voorwaarde apart: de minister beantwoordt ze elk.", maxConditionRows, false)...)
	specs = append(specs, fieldSpec{Name: "start", Label: "Start op zijn vroegst", Description: "De eerste dag waarop uw organisatie met de uitvoering kan beginnen.", Kind: kindDate, Required: true, Autocomplete: "off"})
	specs = append(specs, rowSpecs(pg, "alternatieven", "Alternatieven", "Alternatief %d", "Een andere manier om het doel van het voorstel te bereiken.", maxAlternativeRows, false)...)
	return append(specs, rowSpecs(pg, "dilemmas", "Dilemma's", "Dilemma %d", "Een keuze die de politiek moet maken, met wat ervoor en ertegen pleit.", maxDilemmaRows, false)...)
}

// deliverRead is the delivery form read into the service's input, with
// the rows each row-item came from, to put the service's errors back on
// the form.
type deliverRead struct {
	in                                                                 assessments.DeliverInput
	effectRows, valueRows, conditionRows, alternativeRows, dilemmaRows []int
}

// readDeliverForm reads the delivery form. Values that are no numbers or
// dates, and effects without a direction, are problems of the input, so
// the service names them with everything else.
func readDeliverForm(f url.Values) deliverRead {
	var v schakel.Validation
	dr := deliverRead{in: assessments.DeliverInput{
		Verdict: schakel.Verdict(strings.TrimSpace(f.Get("oordeel"))),
		BorneBy: f.Get("kosten.drager"),
	}}
	in := &dr.in
	in.CostOnce = readEuros(&v, "kosten.eenmaligCenten", f.Get("kosten.eenmalig"))
	in.CostYearly = readEuros(&v, "kosten.structureelCenten", f.Get("kosten.structureel"))
	in.FTEOnce = readTenths(&v, "kosten.fteEenmalig", f.Get("kosten.fteEenmalig"))
	in.FTEYearly = readTenths(&v, "kosten.fteStructureel", f.Get("kosten.fteStructureel"))
	for i := 0; i < maxEffectRows; i++ {
		get := func(part string) string { return strings.TrimSpace(f.Get(rowField("effecten", i, part))) }
		group, count, dir, text := get("groep"), get("burgers"), get("richting"), get("toelichting")
		if group == "" && count == "" && dir == "" && text == "" {
			continue
		}
		n := len(in.Effects)
		e := schakel.Effect{Group: group, Text: text, Citizens: readCount(&v, rowField("effecten", n, "burgers"), count), Better: dir == effectBetter}
		switch dir {
		case effectBetter, effectWorse:
		case "":
			v.Add(rowField("effecten", n, "richting"), "required", "Kies of het voor deze groep beter of slechter wordt.")
		default:
			v.Add(rowField("effecten", n, "richting"), "enum", "Kies beter of slechter.")
		}
		in.Effects = append(in.Effects, e)
		dr.effectRows = append(dr.effectRows, i)
	}
	for i := 0; i < maxValueRows; i++ {
		p := strings.TrimSpace(f.Get(rowField("conflicten", i, "beginsel")))
		g := strings.TrimSpace(f.Get(rowField("conflicten", i, "reden")))
		if p == "" && g == "" {
			continue
		}
		in.Conflicts = append(in.Conflicts, assessments.Conflict{Principle: p, Grounds: g})
		dr.valueRows = append(dr.valueRows, i)
	}
	in.Conditions, dr.conditionRows = readRows(f, "voorwaarden", maxConditionRows)
	in.Alternatives, dr.alternativeRows = readRows(f, "alternatieven", maxAlternativeRows)
	in.Dilemmas, dr.dilemmaRows = readRows(f, "dilemmas", maxDilemmaRows)
	in.Start = readDate(&v, "start", f.Get("start"))
	in.Problems = v.Fields()
	return dr
}

// formErrors puts the service's field errors on the fields of the form:
// rows where they were typed, the cents on the euro fields, anything the
// form does not show at the verdict.
func (dr deliverRead) formErrors(err error) error {
	for group, rows := range map[string][]int{"effecten": dr.effectRows, "conflicten": dr.valueRows, "voorwaarden": dr.conditionRows,
		"alternatieven": dr.alternativeRows, "dilemmas": dr.dilemmaRows} {
		err = remapRows(err, group, rows)
	}
	return renameFields(err, func(fe schakel.FieldError) string {
		switch fe.Field {
		case "kosten.eenmaligCenten":
			return "kosten.eenmalig"
		case "kosten.structureelCenten":
			return "kosten.structureel"
		}
		return fe.Field
	})
}

// readTenths reads a number of full-time jobs with at most one decimal as
// tenths: "2,5", "2.5", "12", "1.200". A separator followed by one or two
// digits at the end is the decimal one (a second decimal must be 0).
// Empty is 0. A number too large to read is passed on as too large, so
// the service says so.
func readTenths(v *schakel.Validation, field, raw string) int64 {
	s := strings.TrimSpace(raw)
	if s == "" {
		return 0
	}
	neg := strings.HasPrefix(s, "-")
	s = strings.TrimPrefix(s, "-")
	whole, frac := s, ""
	if i := strings.LastIndexAny(s, ".,"); i >= 0 && len(s)-i-1 >= 1 && len(s)-i-1 <= 2 {
		whole, frac = s[:i], s[i+1:]
	}
	whole = strings.Map(func(c rune) rune {
		if c == '.' || c == ',' || c == ' ' || c == '\u00a0' {
			return -1
		}
		return c
	}, whole)
	if whole == "" {
		whole = "0"
	}
	if strings.TrimLeft(whole, "0123456789") != "" || strings.TrimLeft(frac, "0123456789") != "" || (len(frac) == 2 && frac[1] != '0') {
		v.Add(field, "format", "Vul een aantal in met hoogstens één cijfer achter de komma, zoals 2,5.")
		return 0
	}
	if len(whole) > 12 {
		whole = "999999999999"
	}
	n, _ := strconv.ParseInt(whole, 10, 64)
	n *= 10
	if frac != "" {
		n += int64(frac[0] - '0')
	}
	if neg {
		return -n
	}
	return n
}

// answerFields are the fields of the minister's answer: per item whether
// it is accepted and the answer.
func answerFields(pg *page, items []itemRow) []fieldSpec {
	var specs []fieldSpec
	for i, it := range items {
		accepted := fieldSpec{Name: "aanvaard." + it.Code, LabelText: pg.T("Aanvaard of niet: %s", it.Label), Label: it.Code, Anchor: fieldID("aanvaard."+it.Code) + "-" + acceptYes}
		text := fieldSpec{Name: "antwoorden." + it.Code, LabelText: pg.T("Uw antwoord op: %s", it.Label), Label: it.Code, Kind: kindTextarea, Required: true, Spellcheck: true}
		if i == 0 {
			text.Description = "Aanvaard: zeg hoe erin is voorzien. Niet aanvaard: zeg waarom niet. Elk punt krijgt een eigen antwoord."
		}
		specs = append(specs, accepted, text)
	}
	return specs
}

// readAnswerForm reads the minister's answer: the texts of the fields
// antwoorden.<item> and the choices aanvaard.<item> (ja or nee). An item
// of items without a choice is a problem of the input; items the form
// names that the assessment does not have go to the service, which
// refuses them.
func readAnswerForm(f url.Values, items []itemRow) assessments.AnswerInput {
	in := assessments.AnswerInput{Items: map[string]assessments.ItemInput{}}
	var v schakel.Validation
	keys := make([]string, 0, len(f))
	for k := range f {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	for _, k := range keys {
		if code, ok := strings.CutPrefix(k, "antwoorden."); ok {
			it := in.Items[code]
			it.Text = f.Get(k)
			in.Items[code] = it
		}
	}
	for _, k := range keys {
		code, ok := strings.CutPrefix(k, "aanvaard.")
		if !ok {
			continue
		}
		it := in.Items[code]
		switch strings.TrimSpace(f.Get(k)) {
		case acceptYes:
			it.Accepted = true
		case acceptNo:
		default:
			v.Add(k, "enum", "Kies aanvaard of niet aanvaard.")
		}
		in.Items[code] = it
	}
	for _, it := range items {
		if !f.Has("aanvaard." + it.Code) {
			v.Add("aanvaard."+it.Code, "required", "Kies of u dit punt aanvaardt.")
		}
	}
	in.Problems = v.Fields()
	return in
}

// acceptChoices are the two radio buttons of an item, accepted or not;
// call it after the errors are on the form.
func acceptChoices(pg *page, f *form, code string) choiceGroup {
	name := "aanvaard." + code
	g := choiceGroup{Field: f.Field(name), Type: "radio", Legend: pg.T("Aanvaardt u dit punt?")}
	chosen := f.Value(name)
	for _, c := range []struct{ value, label string }{{acceptYes, "Ja, aanvaard"}, {acceptNo, "Nee, niet aanvaard"}} {
		g.Choices = append(g.Choices, choiceView{ID: fieldID(name) + "-" + c.value, Value: c.value, Label: pg.T(c.label), Checked: chosen == c.value})
	}
	return g
}

// verdictChoices are the radio buttons of the verdict; call it after the
// errors are on the form.
func verdictChoices(pg *page, f *form) choiceGroup {
	g := choiceGroup{Field: f.Field("oordeel"), Type: "radio", Legend: pg.T("Is het voorstel uitvoerbaar?"),
		Description: pg.T("Alles is uitvoerbaar, maar niet tegen elke prijs. Onder voorwaarden: noem ze hieronder, elk apart. Niet uitvoerbaar: noem alternatieven of dilemma's.")}
	chosen := f.Value("oordeel")
	for _, v := range schakel.Verdicts {
		g.Choices = append(g.Choices, choiceView{ID: fieldID("oordeel-" + string(v)), Value: string(v), Label: pg.Verdict(v), Checked: chosen == string(v)})
	}
	return g
}

// directionOptions are the choices of an effect's direction.
func directionOptions(pg *page) []option {
	return []option{{Value: "", Label: pg.T("Kies beter of slechter")}, {Value: effectBetter, Label: pg.T("beter")}, {Value: effectWorse, Label: pg.T("slechter")}}
}
