package web

import (
	"fmt"
	"math"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/schakel-nl/schakel"
	"github.com/schakel-nl/schakel/ruleref"
)

// The pages of the maatwerkplaats (PRODUCT.md C3) and of the casusprudentie
// (C4): the organisation's cases, the submission form, a case with its
// deliberation, similar cases and decision, the review before publication,
// and the public register of published cases. This file holds what they
// share.
//
// A case's situation and parties never leave the organisation: only members
// see a case (the service answers 404 to anyone else), and the public pages
// show the redacted publication only.

// caseStateNames are the states of a case in a word.
var caseStateNames = map[schakel.CaseState]string{
	schakel.CaseSubmitted:    "ingediend",
	schakel.CaseDeliberation: "in beraad",
	schakel.CaseDecided:      "besloten",
	schakel.CasePublished:    "gepubliceerd",
	schakel.CaseWithdrawn:    "ingetrokken",
	// The publication was withdrawn; the case itself was decided.
	schakel.CasePublicationWithdrawn: "publicatie ingetrokken",
}

// outcomeNames are the outcomes of a case in a few words.
var outcomeNames = map[schakel.Outcome]string{
	schakel.OutcomeMaatwerk:  "maatwerk",
	schakel.OutcomeNo:        "gezagsvol nee",
	schakel.OutcomeSolveOnly: "alleen signaal",
}

// outcomeLabels and outcomeDescriptions are the choices of the decision
// form.
var outcomeLabels = map[schakel.Outcome]string{
	schakel.OutcomeMaatwerk:  "Maatwerk",
	schakel.OutcomeNo:        "Gezagsvol nee",
	schakel.OutcomeSolveOnly: "Alleen een signaal",
}

var outcomeDescriptions = map[schakel.Outcome]string{
	schakel.OutcomeMaatwerk:  "De organisatie wijkt voor deze burger af van de regel.",
	schakel.OutcomeNo:        "De organisatie wijkt niet af, en legt de burger uit waarom niet.",
	schakel.OutcomeSolveOnly: "Geen besluit voor deze burger, wel een signaal voor een structurele oplossing.",
}

// legalGroundNames name the legal grounds of a fix (cases.LegalGrounds).
var legalGroundNames = map[string]string{
	"awb-4:84":          "Awb 4:84 (inherente afwijkingsbevoegdheid)",
	"hardheidsclausule": "Hardheidsclausule van de wet",
	"beginsel":          "Beginsel van behoorlijk bestuur",
}

// perspectiveNames name the standard perspectives of the deliberation.
var perspectiveNames = map[schakel.Perspective]string{
	schakel.PerspectiveLegal:        "Juridisch",
	schakel.PerspectiveFinancial:    "Financieel",
	schakel.PerspectiveProfessional: "Professioneel",
	schakel.PerspectiveCitizen:      "Burgerperspectief",
	schakel.PerspectivePolicy:       "Beleid",
	schakel.PerspectiveIT:           "ICT",
}

// caseEventTitles put the steps of a case's history in words.
var caseEventTitles = map[schakel.CaseEventType]string{
	schakel.CaseEventSubmitted: "Casus ingediend",
	schakel.CaseEventInvited:   "Perspectief uitgenodigd",
	schakel.CaseEventView:      "Standpunt toegevoegd",
	schakel.CaseEventDecided:   "Besloten",
	schakel.CaseEventPublished: "Gepubliceerd in de casusprudentie",
	schakel.CaseEventWithdrawn: "Casus ingetrokken",
	// A correction or withdrawal of the publication.
	schakel.CaseEventCorrected:            "Publicatie gecorrigeerd",
	schakel.CaseEventPublicationWithdrawn: "Publicatie ingetrokken",
}

// CaseState returns the name of a case's state.
func (pg *page) CaseState(s schakel.CaseState) string {
	if k, ok := caseStateNames[s]; ok {
		return pg.T(k)
	}
	return string(s)
}

// CaseStateClass returns the badge modifier of a case's state: blue while
// the case is open, green once decided or published. The badge's text
// always says the state.
func (pg *page) CaseStateClass(s schakel.CaseState) string {
	switch s {
	case schakel.CaseSubmitted, schakel.CaseDeliberation:
		return "badge--open"
	case schakel.CaseDecided, schakel.CasePublished:
		return "badge--done"
	}
	return ""
}

// Outcome returns the name of an outcome.
func (pg *page) Outcome(o schakel.Outcome) string {
	if k, ok := outcomeNames[o]; ok {
		return pg.T(k)
	}
	return string(o)
}

// LegalGround returns the name of a legal ground.
func (pg *page) LegalGround(g string) string {
	if k, ok := legalGroundNames[g]; ok {
		return pg.T(k)
	}
	return g
}

// Perspective returns the name of a perspective: a standard one in the
// page's language, an organisation's own as it was entered.
func (pg *page) Perspective(p schakel.Perspective) string {
	if k, ok := perspectiveNames[p]; ok {
		return pg.T(k)
	}
	return string(p)
}

// Euros formats an amount of euro cents: "€ 4.120,50" in Dutch, "€4,120.50"
// in English; whole euros without cents.
func (pg *page) Euros(cents int64) string {
	neg := cents < 0
	if neg {
		cents = -cents
	}
	whole, rest := cents/100, cents%100
	thousands, decimal := ".", ","
	prefix := "€ "
	if pg.lang == langEN {
		thousands, decimal, prefix = ",", ".", "€"
	}
	digits := strconv.FormatInt(whole, 10)
	var b strings.Builder
	for i, c := range digits {
		if i > 0 && (len(digits)-i)%3 == 0 {
			b.WriteString(thousands)
		}
		b.WriteRune(c)
	}
	s := prefix + b.String()
	if rest != 0 {
		s += fmt.Sprintf("%s%02d", decimal, rest)
	}
	if neg {
		s = "-" + s
	}
	return s
}

// Percent formats a similarity score from 0 to 1 as a whole percentage.
func (pg *page) Percent(score float64) string {
	return strconv.Itoa(int(math.Round(score*100))) + "%"
}

// CasesOn reports whether the maatwerkplaats exists, for the navigation.
func (pg *page) CasesOn() bool { return pg.h.Cases != nil }

// needCases returns errNoPage when the maatwerkplaats is off: without its
// service its pages do not exist (404).
func (h *Handler) needCases() error {
	if h.Cases == nil {
		return errNoPage
	}
	return nil
}

// casePath is the page of case id.
func casePath(id int64) string { return "/casussen/" + strconv.FormatInt(id, 10) }

// precedentPath is the public page of published case id.
func precedentPath(id int64) string { return "/casusprudentie/" + strconv.FormatInt(id, 10) }

// caseRuleViews returns the rule references as labels with links to the
// law, labelled in Dutch (marked as such on an English page).
func caseRuleViews(pg *page, refs []string) []ruleView {
	out := make([]ruleView, 0, len(refs))
	for _, s := range refs {
		ref, err := ruleref.Parse(s)
		if err != nil {
			out = append(out, ruleView{Label: s})
			continue
		}
		rv := ruleView{Label: ref.Label(), URL: ref.URL()}
		if pg.lang != langNL {
			rv.Lang = langNL
		}
		out = append(out, rv)
	}
	return out
}

// principleView is a principle named in the page's language, with its
// anchor on the catalogue page.
type principleView struct {
	Code, Name string
}

// principleViews names the principles of codes.
func principleViews(name func(string) string, codes []string) []principleView {
	out := make([]principleView, 0, len(codes))
	for _, c := range codes {
		out = append(out, principleView{Code: c, Name: name(c)})
	}
	return out
}

// weighingView is a principle with how it was weighed.
type weighingView struct {
	Code, Name, How string
}

func weighingViews(name func(string) string, ws []schakel.Weighing) []weighingView {
	out := make([]weighingView, 0, len(ws))
	for _, w := range ws {
		out = append(out, weighingView{Code: w.Principle, Name: name(w.Principle), How: w.How})
	}
	return out
}

// rowField is the form key of row i of a group of rows: "partijen[2]",
// or "afwegingen[0].hoe" with a part.
func rowField(group string, i int, part string) string {
	s := fmt.Sprintf("%s[%d]", group, i)
	if part != "" {
		s += "." + part
	}
	return s
}

// readRows returns the non-empty values of the rows group[0] … group[n-1]
// of f, trimmed, and the row each came from.
func readRows(f map[string][]string, group string, n int) (values []string, rows []int) {
	for i := 0; i < n; i++ {
		var v string
		if vs := f[rowField(group, i, "")]; len(vs) > 0 {
			v = strings.TrimSpace(vs[0])
		}
		if v != "" {
			values = append(values, v)
			rows = append(rows, i)
		}
	}
	return values, rows
}

// rowGroup is a fieldset of rows of one kind of field (names, rule
// references, weighings), for the partial "case-rows". Field holds the
// group's name, id and errors; Rows the form keys of the fields of each
// row, in order.
type rowGroup struct {
	Field       fieldView
	Legend      string // translated
	Description string // translated, or ""
	Rows        [][]string
	Form        *form
	// RowLegend labels each row as a fieldset of its own when a row has
	// more than one field: a Dutch message key, a format of the row's
	// number.
	RowLegend string
	// More is the button that adds a block, when the rows grow on demand
	// (see growing); its zero value shows no button.
	More moreRows
}

// DescriptionID is the id of the group's description, or "".
func (g rowGroup) DescriptionID() string {
	if g.Description == "" {
		return ""
	}
	return g.Field.ID + "-omschrijving"
}

// DescribedBy is the fieldset's aria-describedby.
func (g rowGroup) DescribedBy() string {
	var ids []string
	if d := g.DescriptionID(); d != "" {
		ids = append(ids, d)
	}
	if g.Field.Invalid() {
		ids = append(ids, g.Field.ErrorID())
	}
	return strings.Join(ids, " ")
}

// RowTitle returns the legend of row i, counting from one.
func (g rowGroup) RowTitle(i int) string { return g.Field.T.T(g.RowLegend, i+1) }

// rowsOf returns the keys of n rows of group with the given parts (none
// for a row of one plain field).
func rowsOf(group string, n int, parts ...string) [][]string {
	out := make([][]string, n)
	for i := range out {
		if len(parts) == 0 {
			out[i] = []string{rowField(group, i, "")}
			continue
		}
		for _, p := range parts {
			out[i] = append(out[i], rowField(group, i, p))
		}
	}
	return out
}

// rowSpecs are the specs of a group of n rows of one text field each: the
// group itself (its errors link to the first row) and a field per row,
// labelled by the format rowLabel with the row's number, in the page's
// language.
func rowSpecs(pg *page, group, label, rowLabel, description string, n int, required bool) []fieldSpec {
	specs := []fieldSpec{{Name: group, Label: label, Anchor: fieldID(rowField(group, 0, ""))}}
	for i := 0; i < n; i++ {
		s := fieldSpec{Name: rowField(group, i, ""), LabelText: pg.T(rowLabel, i+1), Required: required && i == 0, Autocomplete: "off"}
		if i == 0 {
			s.Description = description
		}
		specs = append(specs, s)
	}
	return specs
}

// groupErrors renames the field errors "<group>[i]…" of an EINVALID error
// to "<group>", for groups whose rows are not separate fields on the form
// (checkboxes).
func groupErrors(err error, groups ...string) error {
	return mapFields(err, func(field string) string {
		for _, g := range groups {
			if strings.HasPrefix(field, g+"[") {
				return g
			}
		}
		return field
	})
}

// snippet returns the start of s, at most n characters, cut at a word and
// ended with "…" when cut.
func snippet(s string, n int) string {
	s = strings.Join(strings.Fields(s), " ")
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	cut, runes := 0, 0
	for i := range s {
		if runes == n {
			cut = i
			break
		}
		runes++
	}
	if sp := strings.LastIndexByte(s[:cut], ' '); sp > n/2 {
		cut = sp
	}
	return strings.TrimRight(s[:cut], " ,.;:") + "…"
}

// parseEuros reads an amount in euros as people type it and returns it in
// cents: "4120", "4.120", "4120,50", "4.120,50", "€ 4120", "4120.50" (a
// single point before one or two digits is read as a decimal point). An
// empty text is zero. ok is false for anything else, or an amount too
// large to be real.
func parseEuros(s string) (cents int64, ok bool) {
	s = strings.TrimSpace(s)
	s = strings.TrimPrefix(s, "€")
	s = strings.TrimSpace(s)
	if s == "" {
		return 0, true
	}
	neg := false
	if rest, found := strings.CutPrefix(s, "-"); found {
		neg, s = true, strings.TrimSpace(rest)
	}
	intPart, frac := s, ""
	if i := strings.IndexByte(s, ','); i >= 0 {
		intPart, frac = s[:i], s[i+1:]
		if strings.Contains(frac, ",") || strings.Contains(frac, ".") {
			return 0, false
		}
		if frac == "-" {
			frac = "" // "4120,-"
		}
	} else if i := strings.LastIndexByte(s, '.'); i >= 0 && strings.Count(s, ".") == 1 && len(s)-i-1 <= 2 {
		intPart, frac = s[:i], s[i+1:]
	}
	if strings.Contains(intPart, ".") {
		// Points group thousands: every group after the first has three
		// digits.
		groups := strings.Split(intPart, ".")
		if len(groups[0]) == 0 || len(groups[0]) > 3 {
			return 0, false
		}
		for _, g := range groups[1:] {
			if len(g) != 3 {
				return 0, false
			}
		}
		intPart = strings.Join(groups, "")
	}
	if intPart == "" || len(intPart) > 12 || len(frac) > 2 || !allDigits(intPart) || !allDigits(frac) {
		return 0, false
	}
	whole, err := strconv.ParseInt(intPart, 10, 64)
	if err != nil {
		return 0, false
	}
	c := whole * 100
	if frac != "" {
		f, _ := strconv.Atoi(frac)
		if len(frac) == 1 {
			f *= 10
		}
		c += int64(f)
	}
	if neg {
		c = -c
	}
	return c, true
}

func allDigits(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}
